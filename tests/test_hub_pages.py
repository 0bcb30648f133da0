"""Markers in pages: found outside code, checked with page and line, replaced in place."""

from __future__ import annotations

from hub_pages import Marker, body_offset, check_page, check_repeated_ids, fill_places, find_markers, mark_places, replace_markers

DATASETS = {"core-values": "list", "sources": "sources"}


def has_view(kind, view):
    return view in (None, "table") and kind == "list" or (kind == "sources" and view is None)


def test_markers_are_found_with_their_lines_and_views():
    text = "# T\n\n<!-- hub: core-values -->\n\n<!-- hub: core-values table -->\n"
    markers, problems = find_markers(text, "docs/p.md")
    assert problems == []
    assert [(m.line, m.dataset, m.view) for m in markers] == [(3, "core-values", None), (5, "core-values", "table")]


def test_markers_in_code_blocks_are_left_alone():
    text = "```markdown\n<!-- hub: nothing-here -->\n```\n\n~~~~\n<!-- hub: x y z -->\n~~~~\n"
    assert find_markers(text, "docs/p.md") == ([], [])
    assert replace_markers(text, lambda name, view: "RENDERED") == text


def test_unknown_dataset_names_page_and_line():
    text = "---\ntitle: T\n---\n\n# T\n\n<!-- hub: core-value -->\n"
    _, problems = check_page(text, "docs/p.md", DATASETS, has_view, {"rcsed-briefing"})
    assert [str(p) for p in problems] == [
        "docs/p.md:7: unknown dataset 'core-value'; expected one of: core-values, sources"]


def test_unknown_view_and_malformed_marker():
    text = "<!-- hub: core-values poster -->\nSee <!-- hub: core-values --> inline.\n<!-- hub: -->\n"
    _, problems = check_page(text, "docs/p.md", DATASETS, has_view, set())
    assert [str(p) for p in problems] == [
        "docs/p.md:1: the dataset 'core-values' has no view 'poster'",
        "docs/p.md:2: a hub marker must stand alone on its line as '<!-- hub: dataset-name -->' or '<!-- hub: dataset-name view -->'",
        "docs/p.md:3: a hub marker must stand alone on its line as '<!-- hub: dataset-name -->' or '<!-- hub: dataset-name view -->'",
    ]


def test_front_matter_sources_must_be_known():
    text = "---\ntitle: T\nsources:\n  - rcsed-briefing\n  - rcsed\n---\n"
    _, problems = check_page(text, "docs/p.md", DATASETS, has_view, {"rcsed-briefing"})
    assert [str(p) for p in problems] == ["docs/p.md:3: sources: unknown source 'rcsed'; expected one of: rcsed-briefing"]


def test_broken_front_matter_is_located():
    text = "---\ntitle: T\ntitle: again\n---\n"
    _, problems = check_page(text, "docs/p.md", DATASETS, has_view, set())
    assert [str(p) for p in problems] == ["docs/p.md:3: title: given twice (first on line 2); keep one"]


def test_replacement_puts_a_raw_block_where_the_marker_was():
    text = "Before\n<!-- hub: core-values -->\nAfter\n"
    assert replace_markers(text, lambda name, view: f"<div>{name}</div>") == "Before\n\n<div>core-values</div>\n\nAfter\n"


def test_a_placeholder_keeps_the_markers_indentation_and_is_filled_from_its_paragraph():
    text = "!!! note\n    <!-- hub: core-values -->\n\n```\n<!-- hub: core-values -->\n```\n"
    marked, places = mark_places(text, lambda n, v: f"<ul id='{n}'></ul>")
    assert [(p.marker.line, p.marker.dataset) for p in places] == [(2, "core-values")]
    assert marked.split("\n")[1:4] == ["", f"    {places[0].token}", ""]
    html, problems = fill_places(f"<div><p>{places[0].token}</p></div>", places, "docs/p.md")
    assert (html, problems) == ("<div><ul id='core-values'></ul></div>", [])


def test_a_placeholder_can_reserve_the_datasets_id_for_the_table_of_contents():
    marked, places = mark_places("<!-- hub: core-values -->\n", lambda n, v: f'<ul id="{n}"></ul>', reserve_ids=True)
    assert marked == f"\n{places[0].token}\n{{: #core-values }}\n\n"
    html, problems = fill_places(f'<p id="core-values">{places[0].token}</p>', places, "docs/p.md")
    assert (html, problems) == ('<ul id="core-values"></ul>', [])


def test_a_placeholder_that_is_not_a_paragraph_of_its_own_is_located():
    _, places = mark_places("---\ntitle: T\n---\n\n        <!-- hub: core-values -->\n", lambda n, v: "X")
    html, problems = fill_places(f"<pre><code>{places[0].token}\n</code></pre>", places, "docs/p.md", line_offset=0)
    assert places[0].token not in html and "X" not in html
    assert [str(p)[:82] for p in problems] == [
        "docs/p.md:5: the marker for 'core-values' does not stand as a paragraph of its own"]


def test_body_offset_counts_the_lines_mkdocs_removed():
    assert body_offset("---\ntitle: T\n---\n\n# T\n", "# T\n") == 4
    assert body_offset("# T\n", "# T\n") == 0


def test_repeated_ids_between_markers_of_a_page_are_located():
    first, second, third = Marker(3, "core-values", None), Marker(9, "core-values", "table"), Marker(12, "other", None)
    problems = check_repeated_ids("docs/p.md", [(first, '<ul id="core-values">'), (third, '<ul id="other">'),
                                                (second, '<table id="core-values">')])
    assert [str(p) for p in problems] == [
        "docs/p.md:9: the dataset 'core-values' is already shown on this page at line 3 (both would have the "
        "element id 'core-values'); show it once, and link to it from here instead"]
