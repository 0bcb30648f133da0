"""In Chromium: the home page stays on this machine, and search finds text that only rendered
data carries, both on the served site and in the offline bundle opened from file://."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from hub_data import load_catalogue, walk

pytestmark = pytest.mark.browser


def word_only_in_data() -> tuple[str, str]:
    """A word that some dataset's text holds but no page's Markdown does, and that dataset's name."""
    pages = " ".join(p.read_text(encoding="utf-8").lower() for p in (ROOT / "docs").rglob("*.md"))
    catalogue, _ = load_catalogue(ROOT / "data", ROOT)
    for name in sorted(catalogue.datasets):
        for _, mapping in walk(catalogue.datasets[name].data):
            for word in sorted(re.findall(r"[a-z]{6,}", str(mapping.get("text", "")).lower())):
                if word not in pages:
                    return word, name
    raise AssertionError("no word appears only in data")


def search(page, word: str):
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(word, delay=30)  # Material listens to keys
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15_000)
    return results


def test_home_page_requests_nothing_from_other_hosts(page, base_url, request_log):
    log = request_log(page, base_url)
    page.goto(base_url, wait_until="networkidle")
    assert log.urls, "the page loaded nothing at all"
    assert log.outside() == []


def test_search_finds_a_word_only_rendered_data_holds(page, base_url, request_log):
    word, _ = word_only_in_data()
    log = request_log(page, base_url)
    page.goto(base_url)
    results = search(page, word)
    assert word in results.first.inner_text().lower()
    assert log.outside() == []


def test_offline_bundle_search_works_from_file_urls(page, offline_site, request_log):
    word, _ = word_only_in_data()
    log = request_log(page, None)
    page.goto((offline_site / "index.html").as_uri())
    results = search(page, word)
    assert word in results.first.inner_text().lower()
    results.first.locator("a").first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://") and word in page.content().lower()
    assert log.outside() == []
