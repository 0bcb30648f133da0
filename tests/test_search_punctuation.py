"""In Chromium, through Material's own search: typed and typographic punctuation find the same pages.

Data text is curled by SmartyPants (`'` becomes `’`), page text keeps what the contributor typed,
and readers type either form. The search `separator` in mkdocs.yml (used by Material both to
index and to split a query) treats every form of apostrophe, quote and dash as a word break and
drops a possessive 's, so `peer's`, `peer’s` and `peer‘s` are the same word wherever they were
written, and a query for one finds exactly what a query for another finds.

A copy of the hub gets a page and a dataset holding made-up words in every form, so each query
can only be answered by the text it is about.
"""

from __future__ import annotations

from datetime import date

import pytest

from conftest import add_page, build, copy_project, serve

pytestmark = pytest.mark.browser

TODAY = date.today().isoformat()
NEXT = date(date.today().year + 2, 1, 1).isoformat()

PAGE = f"""---
title: Punctuation sample
description: Made-up words written with every kind of apostrophe, quote and dash, for the search tests.
last_reviewed: {TODAY}
next_review: {NEXT}
---

# Punctuation sample

The brackenfold's plan was typed with a straight apostrophe.

The thistlewick’s plan was typed with a curly one, and the gorsemantle‘s with an opening one.

A "mossbell" in straight quotes, a “dewlark” in curly ones and a 'quenchfen' in single ones.

Run by fernwhistle-quorrel groups, stormquill–brantle teams and hazelmoor—vintery wards.

<!-- hub: punctuation-sample -->
"""

DATASET = """# yaml-language-server: $schema=schemas/list.schema.json
kind: list
title: Punctuation in data
items:
  - id: straight-apostrophe
    text: The quillback's notes, typed straight and curled when rendered.
    source: {id: peer-support-and-safety, section: "Key points"}
  - id: straight-quotes
    text: A "larkspindle" in straight quotes, curled when rendered -- with a dash.
    source: {id: peer-support-and-safety, section: "Key points"}
"""

APOSTROPHES = ["'", "’", "‘"]
QUOTES = [('"', '"'), ("“", "”"), ("'", "'"), ("‘", "’")]
DASHES = ["-", "–", "—"]

# Each case: the query forms a reader may type; every one must find the sample page.
CASES = {
    "straight apostrophe in a page": [f"brackenfold{a}s" for a in APOSTROPHES],
    "curly apostrophe in a page": [f"thistlewick{a}s" for a in APOSTROPHES],
    "opening quote as apostrophe in a page": [f"gorsemantle{a}s" for a in APOSTROPHES],
    "apostrophe curled in data": [f"quillback{a}s" for a in APOSTROPHES],
    "straight quotes in a page": [f"{o}mossbell{c}" for o, c in QUOTES],
    "curly quotes in a page": [f"{o}dewlark{c}" for o, c in QUOTES],
    "single quotes in a page": [f"{o}quenchfen{c}" for o, c in QUOTES],
    "quotes curled in data": [f"{o}larkspindle{c}" for o, c in QUOTES],
    "hyphen in a page": [f"fernwhistle{d}quorrel" for d in DASHES],
    "en dash in a page": [f"stormquill{d}brantle" for d in DASHES],
    "em dash in a page": [f"hazelmoor{d}vintery" for d in DASHES],
}


@pytest.fixture(scope="module")
def sample_url(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("punctuation") / "hub")
    (project / "data" / "punctuation-sample.yml").write_text(DATASET, encoding="utf-8")
    add_page(project, "punctuation-sample.md", PAGE)
    site = project / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    server, url = serve(site)
    yield url
    server.shutdown()


def result_pages(page, query: str) -> set[str]:
    """The pages Material's search lists for `query`, typed into the search box key by key.

    Material searches in a worker on every key, so the list is read until it stops changing.
    """
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press_sequentially(query, delay=20)  # Material searches on key events
    page.wait_for_function(
        "q => document.querySelector('input.md-search__input').value === q && "
        "!/Initializing|Type to start/i.test(document.querySelector('.md-search-result__meta').textContent)",
        arg=query, timeout=15_000)
    links = page.locator(".md-search-result__item > a")
    read = lambda: (page.locator(".md-search-result__meta").inner_text(),  # noqa: E731
                    frozenset(h.split("#")[0].split("?")[0] for h in
                              links.evaluate_all("els => els.map(e => e.getAttribute('href'))")))
    last, stable = read(), 0
    while stable < 3:
        page.wait_for_timeout(250)
        now = read()
        stable = stable + 1 if now == last else 0
        last = now
    return set(last[1])


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_form_of_the_punctuation_finds_the_same_pages(page, sample_url, case):
    page.goto(sample_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    found = {query: result_pages(page, query) for query in CASES[case]}
    for query, pages in found.items():
        assert any("punctuation-sample" in p for p in pages), f"{query!r} did not find the sample page: {pages}"
    assert len({frozenset(p) for p in found.values()}) == 1, found
