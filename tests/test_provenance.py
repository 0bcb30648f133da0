"""Every page of guidance says what it is based on: sources in its front matter, and a
"Based on" citation in the built page linking to each source's full entry."""

from __future__ import annotations

import pytest

from conftest import ROOT
from hub_pages import front_matter

# Pages about the site itself rather than about the sources.
SITE_PAGES = {"index.md", "getting-help.md", "about/sources.md", "about/tags.md",
              "about/accessibility.md", "about/privacy.md", "about/offline.md"}
PAGES = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")
               if "includes" not in p.parts)
GUIDANCE = [p for p in PAGES if p not in SITE_PAGES]


def built_path(site, page: str):
    """Where MkDocs writes `page` with directory URLs: a/b.md -> a/b/index.html, a/index.md -> a/index.html."""
    stem = page.removesuffix(".md")
    folder = stem.removesuffix("index") if stem.endswith("index") else stem + "/"
    return site / folder / "index.html"


def test_the_list_of_pages_is_real():
    assert len(GUIDANCE) > 30 and set(SITE_PAGES) - {"about/accessibility.md", "about/privacy.md"} <= set(PAGES)


@pytest.mark.parametrize("page", GUIDANCE)
def test_guidance_page_names_its_sources_and_cites_them(site, page):
    meta, problems = front_matter((ROOT / "docs" / page).read_text(encoding="utf-8"), page)
    assert problems == []
    sources = meta.value.get("sources")
    assert sources, f"{page}: front matter lists no sources"
    html = built_path(site, page).read_text(encoding="utf-8")
    assert 'class="hub-citation"' in html
    for source in sources:
        assert f"#sources--{source}" in html, f"{page}: no citation link for {source}"
