"""Links from data to hub pages (a checklist item's `guidance`): checked at check time with a
located problem, and made relative to the page that shows the data, online and offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from hub_pages import check_page_links, resolve_page_links
from hub_yaml import parse

DATA = """kind: list
title: T
items:
  - id: one
    text: One.
    source: {id: s}
    guidance: {page: "%s", text: "Read more"}
"""


@pytest.fixture
def docs(tmp_path) -> Path:
    (tmp_path / "safety").mkdir()
    (tmp_path / "safety" / "index.md").write_text("# Safety\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("page", ["safety/index.md", "safety/index.md#key-points"])
def test_a_page_of_the_hub_is_accepted(docs, page):
    assert check_page_links(parse(DATA % page, "data/x.yml"), "data/x.yml", docs) == []


@pytest.mark.parametrize("page", ["safety/missing.md", "safety/", "../outside.md", "safety/../safety/index.md",
                                  "safety/index.html"])
def test_anything_else_is_a_located_problem(docs, page):
    problems = check_page_links(parse(DATA % page, "data/x.yml"), "data/x.yml", docs)
    assert [str(p) for p in problems] == [
        f"data/x.yml:7: items[0].guidance.page: '{page}' is not a page of the hub; give a path under "
        f"{docs.name}/, like 'safety/index.md' or 'safety/index.md#key-points'"]


def test_links_are_resolved_per_page_and_an_unknown_page_is_an_error():
    html = '<a href="hub-page:safety/index.md#key-points">A</a> <a href="hub-page:safety/index.md">B</a>'
    urls = {"safety/index.md": "../../safety/"}
    assert resolve_page_links(html, urls.get) == '<a href="../../safety/#key-points">A</a> <a href="../../safety/">B</a>'
    with pytest.raises(ValueError, match="'nowhere.md', which is not a page of the hub"):
        resolve_page_links('<a href="hub-page:nowhere.md">C</a>', urls.get)
