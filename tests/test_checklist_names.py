"""One name per checklist, everywhere a reader meets it.

For each page in docs/checklists/ (but its index), the title in the navigation (mkdocs.yml), the
page's front matter title, its heading, the title of the dataset it ticks (shown on the form and
in a download) and the text of every link to it in docs/ are the same name (links may differ in
case, and may be followed by the word "checklist" outside the link).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from hub_data import load_catalogue
from hub_pages import MARKER, front_matter

CHECKLISTS = ROOT / "docs" / "checklists"
PAGES = sorted(p for p in CHECKLISTS.glob("*.md") if p.name != "index.md")
LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<target>[^)#\s]+)")


class _AnyTagLoader(yaml.SafeLoader):
    """mkdocs.yml uses !ENV tags; their values do not matter here."""


_AnyTagLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def nav_titles() -> dict[str, str]:
    """src path -> title, for every titled page in the navigation."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    found: dict[str, str] = {}

    def walk(items):
        for item in items:
            if isinstance(item, dict):
                for title, value in item.items():
                    if isinstance(value, str):
                        found[value] = title
                    else:
                        walk(value)

    walk(config["nav"])
    return found


@pytest.fixture(scope="module")
def catalogue():
    catalogue, problems = load_catalogue(ROOT / "data", ROOT)
    assert not problems
    return catalogue


def checklist_name(page: Path) -> str:
    doc, problems = front_matter(page.read_text(encoding="utf-8"), page.name)
    assert not problems
    return doc.value["title"]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_nav_title_page_title_heading_and_dataset_title_agree(page, catalogue):
    text = page.read_text(encoding="utf-8")
    name = checklist_name(page)
    heading = re.search(r"^# (.+)$", text, re.M).group(1).strip()
    datasets = [m.group("args").split()[0] for line in text.splitlines() if (m := MARKER.match(line))]
    assert len(datasets) == 1
    names = {
        "front matter title": name,
        "heading": heading,
        "navigation": nav_titles().get(page.relative_to(ROOT / "docs").as_posix()),
        f"data/{datasets[0]}.yml title": catalogue.datasets[datasets[0]].title,
    }
    assert len(set(names.values())) == 1, names


def test_every_link_to_a_checklist_uses_its_name():
    names = {page.resolve(): checklist_name(page) for page in PAGES}
    wrong = []
    for source in (ROOT / "docs").rglob("*.md"):
        for match in LINK.finditer(source.read_text(encoding="utf-8")):
            target = (source.parent / match["target"]).resolve()
            if target in names and match["text"].lower() != names[target].lower():
                wrong.append(f"{source.relative_to(ROOT)}: [{match['text']}] should read [{names[target]}]")
    assert wrong == []
