"""Every guidance page records when it was last reviewed and when its next review is due.

The rules (hooks/hub_front_matter.py, data/schemas/page.schema.json): both dates, as YYYY-MM-DD,
real days, the next after the last and at most three years later. A missing or impossible date
fails `make check` and the build with `docs/page.md:LINE: field: problem`; a review past its
date is a warning only. The built page shows both dates near its end, and a handout's printed
footer does too.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT, copy_project
from hub_check import check_hub, main
from hub_front_matter import NOT_GUIDANCE, add_years, check_front_matter

SCHEMAS = ROOT / "data" / "schemas"
PAGE = """---
title: A page
description: What it is for.
{fields}---

# A page

Text.
"""
GOOD = "last_reviewed: 2026-01-10\nnext_review: 2028-01-10\n"


def check_one(tmp_path: Path, fields: str, today: date = date(2026, 6, 1)):
    docs = tmp_path / "docs"
    (docs / "guide").mkdir(parents=True, exist_ok=True)
    (docs / "guide" / "page.md").write_text(PAGE.format(fields=fields), encoding="utf-8")
    return check_front_matter(docs, tmp_path, SCHEMAS, today)


def messages(problems) -> list[str]:
    return [str(p) for p in problems]


def test_every_guidance_page_of_the_hub_has_valid_review_dates():
    result = check_front_matter(ROOT / "docs", ROOT, SCHEMAS)
    assert messages(result.problems) == []
    pages = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")
             if not p.relative_to(ROOT / "docs").as_posix().startswith("includes/")}
    assert set(result.reviews) == pages - set(NOT_GUIDANCE)
    assert len(result.reviews) > 50


def test_good_dates_give_a_review_and_no_problem(tmp_path):
    result = check_one(tmp_path, GOOD)
    assert result.problems == [] and result.warnings == []
    review = result.reviews["guide/page.md"]
    assert (review.last_reviewed, review.next_review) == (date(2026, 1, 10), date(2028, 1, 10))
    assert review.for_readers()["next_review_text"] == "10 January 2028"


@pytest.mark.parametrize("fields, expected", [
    ("", ["docs/guide/page.md:2: last_reviewed: missing; every guidance page records",
          "docs/guide/page.md:2: next_review: missing; every guidance page records"]),
    ("last_reviewed: 2026-01-10\n", ["docs/guide/page.md:2: next_review: missing"]),
    ("last_reviewed: 2026-01-10\nnext_review: 2029-01-11\n",
     ["docs/guide/page.md:5: next_review: 2029-01-11 is more than 3 years after last_reviewed (2026-01-10); set it to 2029-01-10 or earlier"]),
    ("last_reviewed: 2026-01-10\nnext_review: 2026-01-10\n",
     ["docs/guide/page.md:5: next_review: 2026-01-10 is not after last_reviewed (2026-01-10)"]),
    ("last_reviewed: 2026-02-30\nnext_review: 2027-01-10\n",
     ["docs/guide/page.md:4: last_reviewed: '2026-02-30' is not a real date"]),
    ("last_reviewed: 10/01/2026\nnext_review: 2027-01-10\n",
     ["docs/guide/page.md:4: last_reviewed: '10/01/2026' is not in the expected form: a date written as YYYY-MM-DD"]),
    ("last_reviewed: 2026-07-01\nnext_review: 2027-01-10\n",
     ["docs/guide/page.md:4: last_reviewed: 2026-07-01 is in the future"]),
    (GOOD + "last_review: 2026-01-10\n", ["docs/guide/page.md:6: last_review: unknown field; expected one of: "]),
    (GOOD + "search:\n  boost: 100\n", ["docs/guide/page.md:7: search.boost: 100 is out of range; expected at most 10"]),
])
def test_bad_review_dates_are_located_problems(tmp_path, fields, expected):
    result = check_one(tmp_path, fields)
    found = messages(result.problems)
    assert len(found) == len(expected), found
    for message, start in zip(found, expected):
        assert message.startswith(start), found
    if all(": last_reviewed:" in e or ": next_review:" in e for e in expected):
        assert "guide/page.md" not in result.reviews


def test_a_review_past_its_date_is_a_warning_not_a_problem(tmp_path):
    result = check_one(tmp_path, GOOD, today=date(2028, 1, 11))
    assert result.problems == []
    assert messages(result.warnings) == [
        "docs/guide/page.md:5: next_review: the review was due on 2028-01-10: check the page against its sources, "
        "then update last_reviewed and next_review"]
    assert check_one(tmp_path, GOOD, today=date(2028, 1, 10)).warnings == []


def test_the_topic_index_needs_no_review_dates(tmp_path):
    docs = tmp_path / "docs"
    (docs / "about").mkdir(parents=True)
    (docs / "about" / "tags.md").write_text(PAGE.format(fields=""), encoding="utf-8")
    (docs / "includes").mkdir()
    (docs / "includes" / "abbreviations.md").write_text("*[NHS]: National Health Service\n", encoding="utf-8")
    result = check_front_matter(docs, tmp_path, SCHEMAS, date(2026, 6, 1))
    assert result.problems == [] and result.reviews == {}


def test_a_page_without_front_matter_is_a_problem(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "new.md").write_text("# New page\n", encoding="utf-8")
    found = messages(check_front_matter(docs, tmp_path, SCHEMAS, date(2026, 6, 1)).problems)
    assert "docs/new.md:1: title: missing; this field is required" in found
    assert any(m.startswith("docs/new.md:1: last_reviewed: missing") for m in found)


def test_leap_day_plus_three_years():
    assert add_years(date(2028, 2, 29), 3) == date(2031, 2, 28)


def test_make_check_fails_on_a_missing_date_and_warns_on_an_overdue_one(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "safety" / "index.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("next_review:", "next_review_was:", 1), encoding="utf-8")
    assert main(["--root", str(project)]) == 1
    assert "docs/safety/index.md:" in capsys.readouterr().err
    page.write_text(text.replace("last_reviewed: 2026-11-29", "last_reviewed: 2020-01-01", 1)
                    .replace("next_review: 2028-11-29", "next_review: 2022-01-01", 1), encoding="utf-8")
    assert main(["--root", str(project)]) == 0
    err = capsys.readouterr().err
    assert "warning: docs/safety/index.md:" in err and "next_review: the review was due on 2022-01-01" in err
    hub = check_hub(project, project / "docs", project / "overrides" / "hub")
    assert hub.problems == [] and len(hub.warnings) == 1


def test_every_guidance_page_shows_its_review_dates(site):
    missing = []
    for src in (ROOT / "docs").rglob("*.md"):
        uri = src.relative_to(ROOT / "docs").as_posix()
        if uri.startswith("includes/") or uri in NOT_GUIDANCE:
            continue
        out = site / ("index.html" if uri == "index.md" else uri.removesuffix("index.md").removesuffix(".md") + "/index.html")
        html = out.read_text(encoding="utf-8").replace("//", "/")
        if "Page last reviewed: <time" not in html or "Next review due: <time" not in html:
            missing.append(uri)
    assert missing == []


def test_a_handout_prints_its_review_dates_in_its_footer(site):
    html = (site / "handouts" / "induction-six-day" / "index.html").read_text(encoding="utf-8")
    footer = html[html.index('<footer class="hub-handout__footer'):]
    assert 'Page last reviewed: <time datetime="' in footer and "Next review due: <time" in footer
