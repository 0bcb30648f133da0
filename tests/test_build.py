"""Strict builds of the real site and of broken copies of it."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT, build, copy_project
from hub_data import load_catalogue, walk
from hub_render import InlineMarkdown, focusable_abbreviations, read_abbreviations

ID = re.compile(r'\bid="([^"]+)"')


def site_html(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}


def dataset_items():
    catalogue, _ = load_catalogue(ROOT / "data", ROOT)
    for dataset in catalogue.datasets.values():
        for path, mapping in walk(dataset.data):
            if path and path[-1] != "source" and isinstance(mapping.get("id"), str):
                yield dataset.name, mapping


def test_every_item_of_every_dataset_is_on_a_page(site):
    pages = site_html(site)
    ids = {i for html in pages.values() for i in ID.findall(html)}
    everything = "\n".join(pages.values())
    missing = [f"{name}--{item['id']}" for name, item in dataset_items() if f"{name}--{item['id']}" not in ids]
    assert missing == []
    inline_markdown = InlineMarkdown(read_abbreviations(ROOT / "docs" / "includes" / "abbreviations.md"))  # as the build does
    untexted = [item["id"] for _, item in dataset_items() if "text" in item and focusable_abbreviations(str(inline_markdown(item["text"]))) not in everything]
    assert untexted == []


def test_pages_with_sources_end_with_a_citation(site):
    html = (site / "about-peer-support" / "values" / "index.html").read_text(encoding="utf-8")
    assert 'class="hub-citation"' in html and "#sources--rcsed-briefing" in html


def test_offline_bundle_has_local_search_and_no_cdn(offline_site):
    assert (offline_site / "search" / "search_index.js").is_file()
    assert (offline_site / "assets" / "javascripts" / "iframe-worker-shim.js").is_file()
    index = (offline_site / "index.html").read_text(encoding="utf-8")
    assert "iframe-worker-shim.js" in index and "unpkg" not in index


def broken_build(tmp_path: Path, change) -> tuple[object, Path]:
    project = copy_project(tmp_path / "project")
    change(project)
    site = tmp_path / "site"
    site.mkdir()
    (site / "previous.html").write_text("the last good build")
    return build(project, site), site


@pytest.mark.parametrize("change, expected", [
    (lambda p: (p / "data" / "core-values.yml").write_text((p / "data" / "core-values.yml").read_text().replace(
        "id: safety", "id: Safety First")),
     "data/core-values.yml:11: items[1].id: 'Safety First' is not in the expected form"),
    (lambda p: (p / "docs" / "about-peer-support" / "values.md").write_text(
        (p / "docs" / "about-peer-support" / "values.md").read_text().replace("hub: core-values", "hub: core-valus")),
     "docs/about-peer-support/values.md:17: unknown dataset 'core-valus'"),
])
def test_bad_input_fails_cleanly_and_keeps_the_last_site(tmp_path, change, expected):
    result, site = broken_build(tmp_path, change)
    assert result.returncode == 1
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in site.iterdir()] == ["previous.html"]


def test_a_dataset_no_page_shows_fails_the_strict_build(tmp_path):
    def add_unused(p: Path):
        (p / "data" / "unused-list.yml").write_text((p / "data" / "core-values.yml").read_text())
    result, _ = broken_build(tmp_path, add_unused)
    assert result.returncode == 1
    assert "data/unused-list.yml: no page shows this dataset" in result.stderr


def test_no_page_repeats_an_element_id(site):
    """Labels, skip links, print-one-day links and axe all rely on each id naming one element."""
    repeated = {}
    for path, html in site_html(site).items():
        twice = sorted(i for i, n in Counter(ID.findall(html)).items() if n > 1)
        if twice:
            repeated[path] = twice
    assert repeated == {}
