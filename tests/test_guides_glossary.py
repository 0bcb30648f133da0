"""The glossary page and the site-wide abbreviation file must list the same abbreviations.

`docs/includes/abbreviations.md` holds pymdownx abbr definitions (`*[PSW]: Peer support worker`)
that the build appends to every page. `docs/glossary.md` shows the same abbreviations to readers
in a table under the heading "Abbreviations". The two are kept in step by hand; these tests say
which entries differ.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ABBREVIATIONS = ROOT / "docs" / "includes" / "abbreviations.md"
GLOSSARY = ROOT / "docs" / "glossary.md"

ABBR_LINE = re.compile(r"^\*\[(?P<abbr>[^\]]+)\]:\s*(?P<text>\S.*)$")


def read_abbr_definitions(path: Path) -> dict[str, str]:
    """Abbreviation -> expansion from a file of `*[ABBR]: expansion` lines.

    Blank lines are allowed; any other line, or an abbreviation defined twice, is an error.
    """
    found: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        match = ABBR_LINE.match(line)
        if match is None:
            raise ValueError(f"{path.name}:{number}: not an abbr definition: {line!r}")
        abbr, text = match["abbr"], match["text"].strip()
        if abbr in found:
            raise ValueError(f"{path.name}:{number}: {abbr} is defined twice")
        found[abbr] = text
    return found


def read_glossary_abbreviations(path: Path) -> dict[str, str]:
    """Abbreviation -> "Stands for" column from the table under `## Abbreviations`."""
    rows: dict[str, str] = {}
    in_section = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            in_section = line.strip() == "## Abbreviations"
            continue
        if not (in_section and line.startswith("|")):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells[0] in {"Abbreviation", ""} or set(cells[0]) <= {"-", ":", " "}:
            continue
        if cells[0] in rows:
            raise ValueError(f"{path.name}: {cells[0]} is listed twice")
        rows[cells[0]] = cells[1]
    return rows


@pytest.fixture(scope="module")
def abbr_definitions() -> dict[str, str]:
    return read_abbr_definitions(ABBREVIATIONS)


@pytest.fixture(scope="module")
def glossary_rows() -> dict[str, str]:
    return read_glossary_abbreviations(GLOSSARY)


def test_glossary_has_abbreviations(glossary_rows: dict[str, str]) -> None:
    assert len(glossary_rows) >= 10, "the Abbreviations table on docs/glossary.md was not found"


def test_every_glossary_abbreviation_has_an_abbr_definition(
    glossary_rows: dict[str, str], abbr_definitions: dict[str, str]
) -> None:
    missing = sorted(set(glossary_rows) - set(abbr_definitions))
    assert not missing, f"on the glossary page but not in {ABBREVIATIONS.name}: {missing}"


def test_every_abbr_definition_is_on_the_glossary_page(
    glossary_rows: dict[str, str], abbr_definitions: dict[str, str]
) -> None:
    missing = sorted(set(abbr_definitions) - set(glossary_rows))
    assert not missing, f"in {ABBREVIATIONS.name} but not on the glossary page: {missing}"


def test_expansions_agree(glossary_rows: dict[str, str], abbr_definitions: dict[str, str]) -> None:
    differ = {
        abbr: (glossary_rows[abbr], text)
        for abbr, text in abbr_definitions.items()
        if abbr in glossary_rows and glossary_rows[abbr] != text
    }
    assert not differ, f"glossary 'Stands for' and abbr text differ (glossary, abbr): {differ}"


def definitions_without_a_blank_line_before(path: Path) -> list[int]:
    """Lines of `path` that hold a definition right under another one (no blank line between)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [number for number, (above, line) in enumerate(zip(lines, lines[1:]), start=2)
            if ABBR_LINE.match(above) and ABBR_LINE.match(line)]


def test_each_abbr_definition_is_a_paragraph_of_its_own() -> None:
    """The build appends this file to every page, and Python-Markdown's abbr extension takes one
    definition out of a paragraph at a time, testing what is left of it against every other block
    rule again: 35 definitions in one paragraph cost every build about 0.3 s (tests/bench_serve.py),
    one paragraph each a fifth of that, with the same HTML."""
    crowded = definitions_without_a_blank_line_before(ABBREVIATIONS)
    assert not crowded, (f"{ABBREVIATIONS.name}: put a blank line above the definition on line(s) "
                         f"{crowded}, so each is a paragraph of its own (it keeps every build quicker)")


def test_crowded_definitions_are_found(tmp_path: Path) -> None:
    crowded = tmp_path / "abbreviations.md"
    crowded.write_text("*[NHS]: National Health Service\n\n*[GP]: General practitioner\n"
                       "*[PSW]: Peer support worker\n", encoding="utf-8")
    assert definitions_without_a_blank_line_before(crowded) == [4]


def test_reader_rejects_a_malformed_line(tmp_path: Path) -> None:
    bad = tmp_path / "abbreviations.md"
    bad.write_text("*[PSW]: Peer support worker\nPSW = peer support worker\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"abbreviations.md:2: not an abbr definition"):
        read_abbr_definitions(bad)


def test_reader_rejects_a_duplicate(tmp_path: Path) -> None:
    bad = tmp_path / "abbreviations.md"
    bad.write_text("*[NHS]: National Health Service\n*[NHS]: Something else\n", encoding="utf-8")
    with pytest.raises(ValueError, match="NHS is defined twice"):
        read_abbr_definitions(bad)
