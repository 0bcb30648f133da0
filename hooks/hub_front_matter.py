"""Check every page's front matter against `data/schemas/page.schema.json` and the review rules.

What a page's front matter must say is a JSON Schema, like the datasets' (a contributor's editor
can use it too). On top of the schema, this module checks what a schema cannot: that the review
dates are real days, that the next review is after the last and at most three years later, and
whether a page is past its review date.

Review dates come from the UK quality mark for health information (the Patient Information
Forum's PIF TICK): information carries the date it was last reviewed and is reviewed at least
every three years. Every page in `docs/` is a guidance page and needs them, except those in
`NOT_GUIDANCE`, which say nothing of their own.

In: the docs folder, the schema folder and today's date. Out: each guidance page's `Review`
(by its path inside docs/, as MkDocs' `src_uri`), problems that fail the build (a missing or
impossible date, an unknown field) and warnings that do not (a page past its review date), each a
`Problem` printed as `docs/page.md:LINE: field: what is wrong`. Nothing here imports mkdocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable


from hub_schema import Schema, load_schemas
from hub_pages import PageSource, read_pages
from hub_yaml import Problem, field_path

SCHEMA = "page.schema.json"
MAX_YEARS_BETWEEN_REVIEWS = 3
REVIEW_FIELDS = ("last_reviewed", "next_review")
ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")  # the form; page.schema.json says the same
SNIPPETS = "includes/"  # text included into pages (mkdocs.yml exclude_docs), not pages

# Pages in docs/ (as src_uri) that are not guidance, and why: they need no review dates.
NOT_GUIDANCE = {
    "about/tags.md": "the topic index only lists other pages",
}


@dataclass(frozen=True)
class Review:
    """When a page was last reviewed against its sources, and when its next review is due."""

    last_reviewed: date
    next_review: date

    def overdue(self, today: date) -> bool:
        return today > self.next_review

    def for_readers(self) -> dict[str, str]:
        """The dates as a page shows them: ISO for <time datetime>, and '29 November 2026'."""
        return {"last_reviewed": self.last_reviewed.isoformat(), "next_review": self.next_review.isoformat(),
                "last_reviewed_text": long_date(self.last_reviewed), "next_review_text": long_date(self.next_review)}


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # English whatever the machine's locale (strftime's %B follows it)


def long_date(day: date) -> str:
    """'29 November 2026': the GOV.UK style for dates."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass
class FrontMatterCheck:
    reviews: dict[str, Review]  # src_uri -> review dates, for every guidance page that has valid ones
    problems: list[Problem]
    warnings: list[Problem]


def is_guidance(src_uri: str) -> bool:
    """Every page is a guidance page unless NOT_GUIDANCE names it."""
    return src_uri not in NOT_GUIDANCE


def load_page_schema(schema_dir: Path) -> Schema:
    """The page schema, with its `$ref`s to common.schema.json put in place."""
    return Schema(SCHEMA, load_schemas(schema_dir))


def add_years(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 28 February in a year without it."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def parse_day(text: object) -> date | None:
    """A YYYY-MM-DD date, or None if it is not a real day (the schema has already checked the form)."""
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        return None


def review_of(meta: dict, line_of: Callable[[tuple], int], display: str, today: date) -> tuple[Review | None, list[Problem], list[Problem]]:
    """The review dates of one guidance page, with problems (missing, impossible) and warnings (overdue)."""
    problems: list[Problem] = []
    days: dict[str, date] = {}
    for name in REVIEW_FIELDS:
        if name not in meta:
            problems.append(Problem(display, line_of(()), name, "missing; every guidance page records when it was "
                                    "last reviewed and when its next review is due, as YYYY-MM-DD "
                                    f"(at most {MAX_YEARS_BETWEEN_REVIEWS} years apart)"))
            continue
        day = parse_day(meta[name])
        if day is None:
            if ISO_DATE.match(str(meta[name])):  # the right form, but no such day
                problems.append(Problem(display, line_of((name,)), name, f"{meta[name]!r} is not a real date"))
            continue  # a wrong form is reported by the schema
        days[name] = day
    if problems or len(days) < 2:
        return None, problems, []
    review = Review(days["last_reviewed"], days["next_review"])
    line = line_of(("next_review",))
    latest = add_years(review.last_reviewed, MAX_YEARS_BETWEEN_REVIEWS)
    if review.next_review <= review.last_reviewed:
        problems.append(Problem(display, line, "next_review", f"{review.next_review} is not after last_reviewed "
                                f"({review.last_reviewed})"))
    elif review.next_review > latest:
        problems.append(Problem(display, line, "next_review", f"{review.next_review} is more than "
                                f"{MAX_YEARS_BETWEEN_REVIEWS} years after last_reviewed ({review.last_reviewed}); "
                                f"set it to {latest} or earlier"))
    if review.last_reviewed > today:
        problems.append(Problem(display, line_of(("last_reviewed",)), "last_reviewed",
                                f"{review.last_reviewed} is in the future; give the day the page was reviewed"))
    warnings = []
    if not problems and review.overdue(today):
        warnings.append(Problem(display, line, "next_review", f"the review was due on {review.next_review}: check the "
                                "page against its sources, then update last_reviewed and next_review"))
    return (None if problems else review), problems, warnings


def check_front_matter(docs_dir: Path, root: Path, schema_dir: Path, today: date | None = None,
                       pages: list[PageSource] | None = None) -> FrontMatterCheck:
    """Check every Markdown page's front matter under `docs_dir`; paths in problems are relative to `root`.
    `pages` are the pages as `hub_pages.read_pages` read them (read here when not given)."""
    today = today or date.today()
    schema = load_page_schema(schema_dir)
    result = FrontMatterCheck({}, [], [])
    for page in read_pages(docs_dir, root) if pages is None else pages:
        src_uri, display, doc = page.src_uri, page.display, page.meta
        if page.text is None or page.problems or src_uri.startswith(SNIPPETS):
            continue  # hub_pages reports unreadable pages and YAML errors in front matter
        result.problems += [Problem(display, doc.line_of(p), field_path(p), msg)
                            for p, msg in schema.problems(doc.value)]
        if is_guidance(src_uri):
            review, problems, warnings = review_of(doc.value, doc.line_of, display, today)
            result.problems += problems
            result.warnings += warnings
            if review:
                result.reviews[src_uri] = review
    result.problems.sort()
    return result
