"""hooks/hub_cache.py: compiled templates kept between builds, per environment settings, and a
cache that can never fail a build. (Rebuilds in one process, as `mkdocs serve` makes them, are in
tests/test_rebuild.py.)"""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

import hub_cache


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setattr(hub_cache, "DIRECTORY", str(folder))
    return folder


def environment(folder: Path, **settings) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(folder), **settings)


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.html").write_text("{% if x %}\n  <b>{{ x }}</b>\n{% endif %}\n", encoding="utf-8")
    return folder


def compiles(env: jinja2.Environment, monkeypatch) -> list[str]:
    """The names `env` compiles from now on (recorded, then compiled as usual)."""
    names: list[str] = []
    compile_template = jinja2.Environment.compile

    def counting(self, source, name=None, *args, **kwargs):
        if self is env:
            names.append(name)
        return compile_template(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


def test_a_second_environment_alike_loads_the_compiled_template(cache_dir, templates, monkeypatch):
    first = hub_cache.use_bytecode_cache(environment(templates))
    assert first.get_template("page.html").render(x="<i>") == "\n  <b><i></b>\n"
    second = hub_cache.use_bytecode_cache(environment(templates))  # MkDocs' next build
    compiled = compiles(second, monkeypatch)
    assert second.get_template("page.html").render(x="<i>") == "\n  <b><i></b>\n"
    assert compiled == []
    assert second.bytecode_cache is first.bytecode_cache  # one cache object, kept between builds


def test_an_edited_template_is_compiled_again(cache_dir, templates, monkeypatch):
    hub_cache.use_bytecode_cache(environment(templates)).get_template("page.html")
    (templates / "page.html").write_text("edited {{ x }}", encoding="utf-8")
    env = hub_cache.use_bytecode_cache(environment(templates))
    compiled = compiles(env, monkeypatch)
    assert env.get_template("page.html").render(x=1) == "edited 1"
    assert compiled == ["page.html"]


def test_differently_set_environments_never_share_compiled_code(cache_dir, templates):
    """The same file, compiled for an environment that escapes and trims and for one that does not
    (the hub's and the theme's), must render as each environment would without a cache."""
    plain = hub_cache.use_bytecode_cache(environment(templates))
    trimmed = hub_cache.use_bytecode_cache(environment(templates, autoescape=True, trim_blocks=True, lstrip_blocks=True))
    assert hub_cache.settings_key(plain) != hub_cache.settings_key(trimmed)
    assert hub_cache.settings_key(plain) == hub_cache.settings_key(environment(templates))
    assert plain.get_template("page.html").render(x="<i>") == "\n  <b><i></b>\n"
    assert trimmed.get_template("page.html").render(x="<i>") == "  <b>&lt;i&gt;</b>\n"
    assert hub_cache.use_bytecode_cache(environment(templates)).get_template("page.html").render(x="<i>") == "\n  <b><i></b>\n"


def test_environments_choosing_autoescape_differently_have_different_keys(templates):
    html = environment(templates, autoescape=jinja2.select_autoescape(["html"]))
    xml = environment(templates, autoescape=jinja2.select_autoescape(["xml"]))
    assert hub_cache.settings_key(html) != hub_cache.settings_key(xml)
    assert hub_cache.settings_key(html) == hub_cache.settings_key(
        environment(templates, autoescape=jinja2.select_autoescape(["html"])))


def test_a_cache_folder_that_cannot_be_used_only_means_compiling(tmp_path, templates, monkeypatch):
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("", encoding="utf-8")
    monkeypatch.setattr(hub_cache, "DIRECTORY", str(not_a_folder))
    for _ in range(2):
        env = hub_cache.use_bytecode_cache(environment(templates))
        assert env.get_template("page.html").render(x=1) == "\n  <b>1</b>\n"


def test_a_damaged_cache_file_is_compiled_again(cache_dir, templates, monkeypatch):
    hub_cache.use_bytecode_cache(environment(templates)).get_template("page.html")
    [entry] = cache_dir.iterdir()
    entry.write_bytes(entry.read_bytes()[:20] + b"\x00garbage")
    env = hub_cache.use_bytecode_cache(environment(templates))
    compiled = compiles(env, monkeypatch)
    assert env.get_template("page.html").render(x=1) == "\n  <b>1</b>\n"
    assert compiled == ["page.html"]
