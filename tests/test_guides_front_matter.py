"""Every guide page (about peer support, safety, Liaison and Diversion) has complete front matter.

Each page must have `title`, `description`, `tags` and a non-empty `sources` list whose ids are
defined in `data/sources.yml`.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
GUIDE_FOLDERS = ("about-peer-support", "safety", "liaison-and-diversion")
GUIDE_PAGES = sorted(
    page for folder in GUIDE_FOLDERS for page in (ROOT / "docs" / folder).rglob("*.md")
)


def read_front_matter(path: Path) -> dict:
    """The YAML mapping between the opening and closing `---` lines of a Markdown page."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        raise ValueError(f"{path}: no front matter")
    end = text.find("\n---\n", 4)
    if end == -1:
        raise ValueError(f"{path}: front matter is not closed with ---")
    meta = yaml.safe_load(text[4:end])
    if not isinstance(meta, dict):
        raise ValueError(f"{path}: front matter is not a mapping")
    return meta


def known_source_ids() -> set[str]:
    """Source ids defined in data/sources.yml (a mapping or a list of records with `id`)."""
    data = yaml.safe_load((ROOT / "data" / "sources.yml").read_text(encoding="utf-8"))
    records = data.get("sources", data) if isinstance(data, dict) else data
    if isinstance(records, dict):
        return set(records)
    return {record["id"] for record in records}


def test_guide_folders_have_pages() -> None:
    for folder in GUIDE_FOLDERS:
        assert (ROOT / "docs" / folder / "index.md").is_file(), f"docs/{folder}/index.md is missing"


@pytest.mark.parametrize("page", GUIDE_PAGES, ids=lambda p: str(p.relative_to(ROOT / "docs")))
def test_page_front_matter(page: Path) -> None:
    meta = read_front_matter(page)
    for field in ("title", "description"):
        assert isinstance(meta.get(field), str) and meta[field].strip(), f"{field} is missing"
    assert isinstance(meta.get("tags"), list) and meta["tags"], "tags must be a non-empty list"
    sources = meta.get("sources")
    assert isinstance(sources, list) and sources, "sources must be a non-empty list of source ids"
    unknown = sorted(set(sources) - known_source_ids())
    assert not unknown, f"unknown source ids: {unknown}"


def test_reader_rejects_a_page_without_front_matter(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# No front matter\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no front matter"):
        read_front_matter(page)
