"""Links of both builds: LinkChecker finds no broken internal link, and external links are listed
(`make links` prints them) but never fetched."""

from __future__ import annotations

import shutil

import pytest

from crawl import built_pages
from links import broken_internal_links, external_links, linkchecker_rows


@pytest.mark.parametrize("build", ["site", "offline_site"])
def test_no_internal_link_is_broken(request, build):
    site = request.getfixturevalue(build)
    rows = linkchecker_rows(site)
    checked = {row["url"] for row in rows if row["valid"] == "True"}
    assert len(checked) > len(built_pages(site)), "LinkChecker checked less than every page"
    assert broken_internal_links(site, rows) == []


def test_the_link_check_finds_a_page_that_is_not_there(site, tmp_path):
    copy = shutil.copytree(site, tmp_path / "site")
    shutil.rmtree(copy / "about" / "sources")
    broken = broken_internal_links(copy)
    assert broken and all("about/sources/" in line and "404" in line for line in broken)
    assert all(line.startswith("http://127.0.0.1:") for line in broken)  # names the page linking to it


def test_external_links_are_only_links(site):
    """Nothing outside the site is loaded by a page (scripts, styles, images): only linked to."""
    external = external_links(site)
    assert "https://github.com/dequelabs/axe-core" in external  # from the accessibility statement
    assert {url: entry["tags"] for url, entry in external.items() if entry["tags"] != ["a"]} == {}
