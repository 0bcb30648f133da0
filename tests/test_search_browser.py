"""In Chromium, Material's own search finds the page a reader is looking for.

Each query below is something a reader types (a worry, a term, a document's name); the page
named must be among the first three pages of results (Material groups results by page, best
first). What ranks a page: its title and headings (Material's title boost), front matter
`search: boost` on a few landing pages, and the field weights set in mkdocs.yml (tags count a
little, not a million times a heading).

Also: the text of form controls ("Download your answers", "Note on item 1": their markup carries
`data-search-exclude`) is not in the search index, though guidance that tells a reader they can
"download your answers" is; and a search term never goes into the address of the page a result
opens (no `search.highlight`, which adds `?h=<term>`): see the privacy page.
"""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser

# (query, the page that must be in the top three)
READER_QUERIES = [
    ("self-harm", "getting-help/"),
    ("suicide", "getting-help/"),
    ("crisis", "getting-help/"),
    ("feeling unsafe", "getting-help/"),
    ("Samaritans", "getting-help/"),
    ("Listeners", "getting-help/"),
    ("advocacy", "getting-help/"),
    ("prison", "getting-help/"),
    ("secure hospital", "secure-services/"),
    ("what is peer support", "about-peer-support/"),
    ("benefits of peer support", "about-peer-support/"),
    ("recovery", "about-peer-support/"),
    ("core values", "about-peer-support/values/"),
    ("competencies", "about-peer-support/competencies/"),
    ("training", "about-peer-support/training/"),
    ("SAFEST", "safest/"),
    ("disclosure", "safest/planner/"),
    ("pocket card", "safest/pocket-card/"),
    ("readiness indicators", "recruitment/readiness/"),
    ("DBS", "recruitment/readiness/"),
    ("am I ready", "recruitment/self-check/"),
    ("interview questions", "reflection/interview-preparation/"),
    ("induction programme", "recruitment/induction/"),
    ("supervision", "reflection/supervision/"),
    ("restraint", "safety/case-studies/"),
    ("risk", "safety/safety-and-risk/"),
    ("recommendations for services", "secure-services/recommendations/"),
    ("user-led peer support", "secure-services/user-led-peer-support/"),
    ("Sarah", "reflection/case-study-sarah/"),
    ("Danny", "reflection/case-study-danny/"),
    ("ward team", "reflection/ward-team/"),
    ("Liaison and Diversion", "liaison-and-diversion/"),
    ("volunteer", "liaison-and-diversion/"),
    ("setbacks", "checklists/managing-setbacks/"),
    ("handouts", "handouts/"),
    ("privacy", "about/privacy/"),
    ("offline", "about/offline/"),
    ("abbreviations", "glossary/"),
    ("sources", "about/sources/"),
    ("accessibility", "about/accessibility/"),
]
FORM_CONTROL_TEXT = ["Download your answers", "Note on item 1"]


def top_pages(page, base_url: str, query: str, count: int = 3) -> list[str]:
    """The first `count` pages Material's search lists for `query`, as paths under the site."""
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    meta = ".md-search-result__meta"
    # Empty the box and wait for Material to say so, so the results read next are this query's.
    # Material reads the box on keyup, so the whole query goes in at once and one key is pressed.
    box.fill("")
    box.press("End")
    page.wait_for_function(f"() => !/matching/.test(document.querySelector('{meta}').textContent)", timeout=15_000)
    box.fill(query)
    box.press("End")
    page.wait_for_function(f"() => /matching/.test(document.querySelector('{meta}').textContent)", timeout=15_000)
    groups = page.locator("li.md-search-result__item")
    pages = []
    for i in range(min(count, groups.count())):
        href = groups.nth(i).locator("a.md-search-result__link").first.get_attribute("href")
        pages.append(href.removeprefix(base_url).split("#")[0].split("?")[0])
    return pages


def test_reader_queries_find_their_page_in_the_top_three(page, base_url, request_log):
    assert len(READER_QUERIES) >= 25
    log = request_log(page, base_url)
    page.goto(base_url)
    missed = []
    for query, expected in READER_QUERIES:
        found = top_pages(page, base_url, query)
        if expected not in found:
            missed.append(f"{query!r}: expected {expected} in the top three, found {found}")
    assert missed == []
    assert log.outside() == []


def test_form_controls_are_not_in_the_search_index(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for text in FORM_CONTROL_TEXT:
        holding = [doc["location"] for doc in index["docs"] if text in doc["text"]]
        assert holding == [], f"{text!r} is in the search index at {holding}"


def test_searching_for_form_control_text_shows_no_result_holding_it(page, base_url):
    page.goto(base_url)
    for text in FORM_CONTROL_TEXT:
        top_pages(page, base_url, text, count=0)
        shown = page.locator(".md-search-result__list").inner_text()
        assert text not in shown, f"a search result shows the form control text {text!r}"


def test_a_search_term_stays_out_of_the_address_of_the_page_it_opens(page, base_url):
    page.goto(base_url)
    top_pages(page, base_url, "Samaritans")
    links = page.locator("a.md-search-result__link")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs and all("?" not in href for href in hrefs), hrefs
    links.first.click()
    page.wait_for_load_state()
    assert "samaritans" not in page.url.lower() and "?h=" not in page.url
