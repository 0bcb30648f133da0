"""Rebuilds in one process, as `mkdocs serve` makes them after each save (issue 13.3).

`mkdocs serve` keeps one Python process: each rebuild loads mkdocs.yml again and builds, with the
hook modules kept loaded. These tests run a few builds in one process the same way (in a
subprocess of their own, on a copy of the hub, with the Jinja bytecode cache in a folder of the
test's) and check what a rebuild must still do and what it must no longer redo:

- a second build compiles none of the theme's or the hub's templates again (hub_cache): counted
  with `jinja2.Environment.compile`, never timed;
- a template edited under overrides/ (a theme partial, a hub template) shows after the rebuild,
  and only the edited templates are compiled again;
- a data file broken between two rebuilds fails that rebuild with the same located message as
  a fresh build, and the next good save builds again.

How quickly a saved file is served is measured by tests/bench_serve.py, not here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project

# Builds the project in the working folder once for each step in argv[3] (a JSON list of
# {file: [old, new]} edits made before that build), with hub_cache's folder set to argv[1] and the
# site written to argv[2]. Prints, per build, the templates compiled, the hub's error messages
# (as `mkdocs serve` prints them) and chosen pages' HTML.
BUILDS = r"""
import json, logging, os, sys
from pathlib import Path
sys.path.insert(0, "hooks")  # the modules MkDocs' hook loading finds already imported, as in one serve process
import hub_cache
import jinja2
from mkdocs.commands.build import build
from mkdocs.config import load_config

hub_cache.DIRECTORY = sys.argv[1]
compiled = []
compile_template = jinja2.Environment.compile
def counting(self, source, name=None, filename=None, *args, **kwargs):
    compiled.append(name)
    return compile_template(self, source, name, filename, *args, **kwargs)
jinja2.Environment.compile = counting

errors = []
class Errors(logging.Handler):
    def emit(self, record):
        errors.append(record.getMessage())
logging.getLogger("mkdocs").addHandler(Errors(logging.ERROR))

report = []
for edits in json.loads(sys.argv[3]):
    for file, (old, new) in edits.items():
        path = Path(file)
        text = path.read_text(encoding="utf-8")
        assert old in text, (file, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    compiled.clear(); errors.clear()
    config = load_config("mkdocs.yml", site_dir=sys.argv[2])
    config.site_url = "http://127.0.0.1:8000/"
    try:
        build(config, serve_url=config.site_url)
    except BaseException:  # serve prints the error and keeps serving the last good build
        pass
    values = Path(sys.argv[2], "about-peer-support", "values", "index.html")
    report.append({"compiled": list(compiled), "errors": list(errors),
                   "values": values.read_text(encoding="utf-8") if values.exists() else ""})
print(json.dumps(report))
"""

# Compiled on every build in environments that Material's own plugins (tags, and their language
# partials) make for themselves: no hook event receives those, so no cache is attached to them.
MATERIAL_PLUGINS_OWN = {"partials/language.html", "partials/languages/en.html",
                        "fragments/tags/default/tag.html", "fragments/tags/default/listing.html"}


def rebuilds(tmp_path: Path, steps: list[dict[str, tuple[str, str]]]) -> list[dict]:
    project = copy_project(tmp_path / "project")
    cache = tmp_path / "bytecode"
    cache.mkdir()
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "OFFLINE": "false"}
    done = subprocess.run([sys.executable, "-c", BUILDS, str(cache), str(tmp_path / "site"), json.dumps(steps)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.splitlines()[-1])


PARTIAL = "overrides/partials/copyright.html"
HUB_TEMPLATE = "overrides/hub/list.html"  # data/core-values.yml is a list, shown on about-peer-support/values


@pytest.fixture(scope="module")
def template_rebuilds(tmp_path_factory) -> list[dict]:
    return rebuilds(tmp_path_factory.mktemp("rebuilds"), [
        {},  # the first build, with an empty cache
        {},  # a rebuild with nothing changed but, say, a page
        {PARTIAL: ("{#-", "<!-- partial edited between builds -->{#-"),
         HUB_TEMPLATE: ("<div class=\"hub-list\"", "<!-- hub template edited between builds --><div class=\"hub-list\"")},
    ])


def test_a_rebuild_compiles_no_template_again(template_rebuilds):
    first, second, _ = template_rebuilds
    assert {"main.html", "base.html", "partials/nav-item.html", "list.html"} <= set(first["compiled"])
    assert set(second["compiled"]) <= MATERIAL_PLUGINS_OWN, (
        f"compiled again on a rebuild: {sorted(set(second['compiled']) - MATERIAL_PLUGINS_OWN)}")
    assert not first["errors"] and not second["errors"]


def test_an_edited_template_shows_after_a_rebuild(template_rebuilds):
    *_, edited = template_rebuilds
    assert not edited["errors"]
    assert "<!-- partial edited between builds -->" in edited["values"]
    assert "<!-- hub template edited between builds -->" in edited["values"]
    assert set(edited["compiled"]) - MATERIAL_PLUGINS_OWN == {"partials/copyright.html", "list.html"}


def test_a_data_file_broken_between_rebuilds_is_reported_and_the_next_save_builds(tmp_path):
    broken = {"data/core-values.yml": ("id: safety", "id: Safety First")}
    fixed = {"data/core-values.yml": ("id: Safety First", "id: safety")}
    first, failed, again = rebuilds(tmp_path, [{}, broken, fixed])
    assert not first["errors"] and not again["errors"]
    assert any("data/core-values.yml:11: items[1].id: 'Safety First' is not in the expected form" in error
               for error in failed["errors"]), failed["errors"]
    assert "Safety First" not in again["values"] and again["values"]
