"""Checklists are marked In place / Partly / Not yet (overrides/hub/_records.html, status_item),
not ticked: pages that send a reader to a checklist must not tell them to tick it. Real tick
boxes (the panel sheet's criteria) are elsewhere and keep the word."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TICK = re.compile(r"\btick(s|ed|ing)?\b(?! box)", re.IGNORECASE)


def paragraphs(path: Path):
    for number, block in enumerate(path.read_text(encoding="utf-8").split("\n\n")):
        yield block


def test_no_page_asks_to_tick_a_checklist():
    wrong = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        in_checklists = path.parent.name == "checklists"
        for block in paragraphs(path):
            if (in_checklists or "checklists/" in block or "checklist" in block) and TICK.search(block):
                wrong.append(f"{path.relative_to(ROOT)}: {TICK.search(block).group(0)!r} in {block[:80]!r}")
    assert not wrong, "\n".join(wrong)


def test_recommendation_six_article():
    text = (ROOT / "data" / "recommendations-for-services.yml").read_text(encoding="utf-8")
    assert "an lesbian" not in text
    assert "such as a lesbian, gay" in text
