"""Rendering: inline Markdown works, raw HTML in data is escaped, templates are strict."""

from __future__ import annotations

import pytest
from jinja2 import UndefinedError

from conftest import ROOT
from hub_data import Catalogue, Dataset, load_catalogue
from hub_render import Renderer, inline_markdown
from hub_yaml import Document


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    catalogue, problems = load_catalogue(ROOT / "data", ROOT)
    assert problems == []
    return catalogue


def renderer_with(catalogue: Catalogue, data: dict, tmp_path=None, template: str | None = None) -> Renderer:
    datasets = {**catalogue.datasets, "example": Dataset("example", data["kind"], "data/example.yml", data, Document(data))}
    template_dir = ROOT / "overrides" / "hub"
    if template is not None:
        template_dir = tmp_path
        (tmp_path / f"{data['kind']}.html").write_text(template)
    return Renderer(template_dir, Catalogue(datasets))


def test_inline_markdown_keeps_emphasis_and_links():
    assert inline_markdown("*Choice* and [control](https://example.org)") == \
        '<em>Choice</em> and <a href="https://example.org">control</a>'


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "<b>bold</b>"])
def test_raw_html_in_data_is_shown_not_run(text):
    html = str(inline_markdown(text))
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;" in html


def test_list_renders_every_item_with_its_anchor_and_source(catalogue):
    html = Renderer(ROOT / "overrides" / "hub", catalogue).render("core-values")
    for item in catalogue.datasets["core-values"].data["items"]:
        assert f'id="core-values--{item["id"]}"' in html
    assert "Source: RCSEd (2020), Core values" in html
    assert "\n\n" not in html  # one raw HTML block for Markdown


def test_a_checklist_shown_as_a_list_has_its_items_and_sub_points_but_no_tick_boxes(catalogue):
    renderer = Renderer(ROOT / "overrides" / "hub", catalogue)
    html = renderer.render("preparation-plan", "list")
    for item in catalogue.datasets["preparation-plan"].data["items"]:
        assert f'id="preparation-plan--{item["id"]}"' in html
        for sub in item.get("items", []):
            assert f'id="preparation-plan--{sub["id"]}"' in html
    assert "<input" not in html and "<form" not in html
    assert "<input" in renderer.render("preparation-plan")  # the checklist itself keeps its boxes


def test_data_html_is_escaped_in_a_real_template(catalogue):
    data = {"kind": "list", "title": "T", "items": [
        {"id": "a", "title": "<i>x</i>", "text": "Fine & <script>bad()</script>", "source": {"id": "rcsed-briefing"}}]}
    html = renderer_with(catalogue, data).render("example")
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp;" in html and "<i>" not in html


def test_undefined_template_variables_fail_loudly(catalogue, tmp_path):
    data = {"kind": "list", "title": "T", "items": []}
    renderer = renderer_with(catalogue, data, tmp_path, template="{{ data.no_such_field }}")
    with pytest.raises(UndefinedError):
        renderer.render("example")


def test_citation_links_each_source_to_the_sources_page(catalogue):
    html = Renderer(ROOT / "overrides" / "hub", catalogue).render_citation(["rcsed-briefing", "liaison-and-diversion"], "../about/sources/")
    assert html.count("<li>") == 2
    assert 'href="../about/sources/#sources--rcsed-briefing"' in html
    assert "Royal College of Surgeons of Edinburgh, May 2020" in html
