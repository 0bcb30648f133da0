"""Every guide page (about peer support, safety, Liaison and Diversion) has complete front matter.

The build already rejects unknown source ids. These tests add what the build does not demand of
every page: a title, a description, tags, and at least one source, all of them known ids from
`data/sources.yml`. Front matter is read with the hub's own parser (hooks/hub_pages.py).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from hub_data import load_catalogue
from hub_pages import front_matter

ROOT = Path(__file__).resolve().parents[1]
GUIDE_FOLDERS = ("about-peer-support", "safety", "liaison-and-diversion")
GUIDE_PAGES = sorted(page for folder in GUIDE_FOLDERS for page in (ROOT / "docs" / folder).rglob("*.md"))


@pytest.fixture(scope="module")
def source_ids() -> set[str]:
    catalogue, problems = load_catalogue(ROOT / "data", ROOT)
    assert not problems, "\n".join(map(str, problems))
    return set(catalogue.sources)


def test_each_guide_folder_has_an_index_page() -> None:
    for folder in GUIDE_FOLDERS:
        assert (ROOT / "docs" / folder / "index.md").is_file(), f"docs/{folder}/index.md is missing"


@pytest.mark.parametrize("page", GUIDE_PAGES, ids=lambda p: p.relative_to(ROOT / "docs").as_posix())
def test_guide_page_front_matter(page: Path, source_ids: set[str]) -> None:
    display = page.relative_to(ROOT).as_posix()
    doc, problems = front_matter(page.read_text(encoding="utf-8"), display)
    assert not problems, "\n".join(map(str, problems))
    meta = doc.value
    for field in ("title", "description"):
        assert isinstance(meta.get(field), str) and meta[field].strip(), f"{display}: {field} is missing"
    assert isinstance(meta.get("tags"), list) and meta["tags"], f"{display}: tags must be a non-empty list"
    sources = meta.get("sources")
    assert isinstance(sources, list) and sources, f"{display}: sources must list at least one source id"
    unknown = sorted(set(sources) - source_ids)
    assert not unknown, f"{display}: unknown source ids {unknown}; known: {sorted(source_ids)}"
