"""Plain words: abbreviations spelt out at first use on each page; specialist terms explained.

Every abbreviation in the glossary (docs/includes/abbreviations.md) that a guidance page uses must
be spelt out there the first time: its expansion, in any case, comes before the first use or in
the same sentence ("the Royal College of Surgeons of Edinburgh (RCSEd)", "RCSEd (Royal College of
Surgeons of Edinburgh)", "NHS England, which leads the National Health Service (NHS) in England"). The text checked is what a reader reads in the page body, datasets included
(hooks/hub_readability.page_text), not source labels or the citation at the end. The glossary
page is left out: its table spells out every abbreviation, one a row.

Terms a non-specialist will not know are explained where a page first uses them: the same
sentence gives a meaning in brackets, after a dash, or with "means" / "that is" / "which is".
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from hub_check import check_hub
from hub_front_matter import is_guidance
from hub_readability import html_text, page_text
from test_guides_glossary import ABBREVIATIONS, read_abbr_definitions

# Known to every reader, or a name rather than a short form, so not spelt out on each page.
NOT_SPELT_OUT = {
    "UK": "known to every reader (GOV.UK style)",
    "COVID-19": "known to every reader (GOV.UK style)",
    "SAFEST": "the name of a framework: its pages explain each letter, others say what it is for",
}
SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")
JARGON = ["psychosocial", "forensic", "low secure", "medium secure", "high secure", "Bradley Report",
          "restrictive intervention", "out-of-court disposal"]
EXPLAINED = re.compile(r"\(|: |—| – | - |\bmeans?\b|\bthat is\b|\bwhich is\b|\bcalled\b|\bsuch as\b|\bwhere\b", re.I)


def guidance_pages() -> list[Path]:
    docs = ROOT / "docs"
    return sorted(p for p in docs.rglob("*.md")
                  if not p.relative_to(docs).as_posix().startswith("includes/") and is_guidance(p.relative_to(docs).as_posix()))


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    hub = check_hub(ROOT, ROOT / "docs", ROOT / "overrides" / "hub")
    assert not hub.problems
    return {p.relative_to(ROOT).as_posix(): page_text(p.read_text(encoding="utf-8"), hub.renderer.render)
            for p in guidance_pages()}


def first_use_problems(text: str, abbreviations: dict[str, str]) -> list[str]:
    """Each abbreviation used in `text` whose expansion does not come by its first use."""
    problems = []
    lower = text.lower()
    for abbr, expansion in abbreviations.items():
        if abbr in NOT_SPELT_OUT:
            continue
        match = re.search(rf"(?<![\w&]){re.escape(abbr)}(?![\w&])", text)
        if not match:
            continue
        end = SENTENCE_END.search(text, match.end())
        found = lower.find(expansion.lower(), 0, end.start() if end else len(text))
        if found == -1:
            start = max(0, match.start() - 40)
            problems.append(f"{abbr} ({expansion}) first used unexplained: ...{text[start:match.end() + 40]!r}")
    return problems


def test_the_checker_catches_an_unexplained_abbreviation():
    abbreviations = {"HEE": "Health Education England", "PSW": "Peer support worker", "PSWs": "Peer support workers"}
    assert first_use_problems("The HEE thought piece. Health Education England (HEE) wrote it.", abbreviations)
    assert not first_use_problems("The Health Education England (HEE) thought piece.", abbreviations)
    assert not first_use_problems("Peer support workers (PSWs) talk. PSWs listen.", abbreviations)
    assert first_use_problems("A PSW listens. Peer support workers (PSWs) talk.", abbreviations)


def test_every_abbreviation_is_spelt_out_at_first_use_on_each_page(texts):
    abbreviations = read_abbr_definitions(ABBREVIATIONS)
    failures = {page: found for page, text in texts.items()
                if page != "docs/glossary.md" and (found := first_use_problems(text, abbreviations))}
    assert failures == {}, "\n".join(f"{page}: {p}" for page, found in failures.items() for p in found)


def unexplained_terms(text: str) -> list[str]:
    problems = []
    for term in JARGON:
        match = re.search(rf"\b{re.escape(term)}", text, re.I)
        if not match:
            continue
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        block = text[start:end if end != -1 else None]
        after = block[match.start() - start:]
        if not EXPLAINED.search(after[len(term):len(term) + 120]) and not EXPLAINED.search(block[:match.start() - start][-60:]):
            problems.append(f"{term!r} first used without a meaning: {block[:160]!r}")
    return problems


def test_the_term_checker_can_fail():
    assert unexplained_terms("Patients in forensic services were asked.")
    assert not unexplained_terms("Patients in forensic services (mental health care linked to the courts) were asked.")


def test_specialist_terms_are_explained_where_first_used(texts):
    failures = {page: found for page, text in texts.items()
                if page != "docs/glossary.md" and (found := unexplained_terms(text))}
    assert failures == {}, "\n".join(f"{page}: {p}" for page, found in failures.items() for p in found)


def test_page_text_leaves_out_source_labels_and_buttons():
    text = html_text('<p>Read this.</p><span class="hub-source">Source: RCSEd (2020)</span>'
                     '<div class="hub-record__bar"><button>Download your answers</button></div><ul><li>One</li><li>Two</li></ul>')
    assert text == "Read this.\nOne.\nTwo."
