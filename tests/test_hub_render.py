"""Rendering: inline Markdown works, raw HTML in data is escaped, templates are strict."""

from __future__ import annotations

import pytest
from jinja2 import UndefinedError

from conftest import ROOT
from hub_data import Catalogue, Dataset, load_catalogue
from hub_render import InlineMarkdown, Renderer, focusable_abbreviations, inline_markdown, read_abbreviations
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


GLOSSARY = ROOT / "docs" / "includes" / "abbreviations.md"

# Text that must go through Markdown, and text the shortcut may take; both must give Markdown's HTML.
VARIANTS = [
    "Plain words", "A peer's own story", "don't", "peers' views", "it'sx", "rock 'n' roll", "'quoted'",
    "O'Brien's role", "the '80s", "ab'12", "Trust—and safety", "Trust -- and safety", "Wait...", "Wait. . .",
    "a  b", "trailing ", " leading", "1. first", "12 people", "- item", "+ item", "# heading", "> quote",
    "Q: what?", "x = y | z ~ w", "50% of staff (n=20)", "tab\there", "line\nbreak", "nbsp\u00a0here",
    "snake_case", "*em*", "**strong**", "`code`", "[link](https://example.org)", "<b>bold</b>", "A & B",
    "&amp; typed", "back\\slash", "Café naïve", "ends with 's'", "“curly” and ‘single’", "DBS check", "a DBS",
    "PSWs", "the GP's view", "", "DBS's rules", "GP' x", "A&E and DBS", "7.1 Recommendation 3", "7. Seven",
    "12.", "3 in 10", "peers'", "peers' ", "peers'. Next", "4'x", "DBS HR GP", "XDBS DBSX DBS-check",
]


def data_texts(catalogue: Catalogue) -> list[str]:
    texts: list[str] = []

    def walk(value):
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for dataset in catalogue.datasets.values():
        walk(dataset.data)
    return texts


@pytest.mark.parametrize("abbreviations", [{}, "site"])
def test_plain_text_shortcut_gives_the_same_html_as_markdown(catalogue, abbreviations):
    converter = InlineMarkdown(read_abbreviations(GLOSSARY) if abbreviations == "site" else {})
    texts = data_texts(catalogue) + VARIANTS
    taken = 0
    for text in texts:
        plain = converter.plain_text_html(text)
        if plain is not None:
            taken += 1
            assert plain == str(converter.markdown_html(text)), text
        assert converter(text) == converter.markdown_html(text), text
    assert taken > len(texts) / 2  # the shortcut is really used (it is what makes rendering cheap)


def test_glossary_abbreviations_are_explained_in_data_text_as_in_pages():
    converter = InlineMarkdown(read_abbreviations(GLOSSARY))
    html = str(converter("A *basic* DBS check, not DBSS"))
    assert html == 'A <em>basic</em> <abbr title="Disclosure and Barring Service">DBS</abbr> check, not DBSS'
    assert "<abbr" not in str(inline_markdown("A DBS check"))  # no glossary given, none applied


def test_the_renderer_explains_abbreviations_in_a_real_template(catalogue):
    data = {"kind": "list", "title": "T", "items": [
        {"id": "a", "title": "Checks", "text": "Ask for a DBS check early.", "source": {"id": "rcsed-briefing"}}]}
    datasets = {**catalogue.datasets, "example": Dataset("example", "list", "data/example.yml", data, Document(data))}
    html = Renderer(ROOT / "overrides" / "hub", Catalogue(datasets), read_abbreviations(GLOSSARY)).render("example")
    assert '<abbr title="Disclosure and Barring Service">DBS</abbr>' in html


@pytest.mark.parametrize("html, expected", [
    ('<abbr title="Human resources">HR</abbr>', '<abbr tabindex="0" title="Human resources">HR</abbr>'),
    ('<ABBR class="x" title="T">X</ABBR>', '<abbr tabindex="0" class="x" title="T">X</ABBR>'),
    ('<abbr tabindex="-1" title="T">X</abbr>', '<abbr tabindex="-1" title="T">X</abbr>'),  # the author's choice stays
    ("<abbr>X</abbr> <abbreviation title='T'>", "<abbr>X</abbr> <abbreviation title='T'>"),  # no title: nothing to show
])
def test_abbreviations_with_an_explanation_become_focusable(html, expected):
    assert focusable_abbreviations(html) == expected
