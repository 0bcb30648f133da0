"""Every figure in the secure-services survey charts is the one the 2014 report prints.

FIGURES is compiled by hand from the report's text (000_e91a94a88d956c98.txt among the source texts,
found through $HUB_SOURCES; see conftest.source_text),
independently of data/: one row a bar, (chart, option, group, percentage, line of the text).
The tests check that the chart data holds exactly these bars and that each percentage is printed
on its line of the source."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, source_text
from hub_data import load_catalogue

SOURCE = "000_e91a94a88d956c98.txt"  # the secure services report
RESPONDENTS = {"patients": 213, "staff": 54}  # section 3.4, line 252; section 3.6, line 272

FIGURES = [
    # 5. What peer support currently takes place? (lines 369-391)
    ("secure-survey-support-now", "emotional-support", "patients", 63, 371),
    ("secure-survey-support-now", "emotional-support", "staff", 80, 379),
    ("secure-survey-support-now", "wellbeing", "patients", 64, 373),
    ("secure-survey-support-now", "wellbeing", "staff", 56, 379),
    ("secure-survey-support-now", "practical-support", "patients", 49, 381),
    ("secure-survey-support-now", "practical-support", "staff", 69, 381),
    ("secure-survey-support-now", "information", "patients", 47, 383),
    ("secure-survey-support-now", "information", "staff", 67, 383),
    ("secure-survey-support-now", "standing-up", "patients", 45, 385),
    ("secure-survey-support-now", "standing-up", "staff", 65, 385),
    # 6.1 What is a peer?
    ("secure-survey-who-can-offer", "same-ward", "patients", 60, 402),
    ("secure-survey-who-can-offer", "same-ward", "staff", 87, 410),
    ("secure-survey-who-can-offer", "other-ward", "patients", 25, 402),
    ("secure-survey-who-can-offer", "other-ward", "staff", 57, 410),
    ("secure-survey-who-can-offer", "community-mental-health", "patients", 39, 402),
    ("secure-survey-who-can-offer", "community-mental-health", "staff", 67, 410),
    ("secure-survey-who-can-offer", "community-secure-services", "staff", 65, 410),  # patients: "a similar number"
    ("secure-survey-who-can-offer", "shared-identity", "patients", 34, 404),
    ("secure-survey-who-can-offer", "shared-identity", "staff", 56, 410),
    ("secure-survey-shared-identity", "gender", "patients", 34, 404),
    ("secure-survey-shared-identity", "hobbies", "patients", 31, 404),
    ("secure-survey-shared-identity", "diagnosis", "patients", 29, 404),
    ("secure-survey-shared-identity", "ethnicity", "patients", 17, 404),
    ("secure-survey-shared-identity", "age", "patients", 17, 404),
    ("secure-survey-shared-identity", "sexuality", "patients", 10, 404),
    # 6.2 Can peer support be useful? (staff "no" is 1 person, not a percentage)
    ("secure-survey-useful", "yes", "patients", 65, 429),
    ("secure-survey-useful", "yes", "staff", 80, 429),
    ("secure-survey-useful", "sometimes", "patients", 17, 431),
    ("secure-survey-useful", "sometimes", "staff", 15, 431),
    ("secure-survey-useful", "no", "patients", 8, 433),
    # 6.3 What kind of peer support?
    ("secure-survey-forms-ideal", "emotional-support", "patients", 71, 458),
    ("secure-survey-forms-ideal", "emotional-support", "staff", 85, 458),
    ("secure-survey-forms-ideal", "wellbeing", "patients", 70, 458),
    ("secure-survey-forms-ideal", "wellbeing", "staff", 82, 458),
    ("secure-survey-forms-ideal", "practical-support", "patients", 62, 464),
    ("secure-survey-forms-ideal", "practical-support", "staff", 87, 464),
    ("secure-survey-forms-ideal", "standing-up", "patients", 50, 466),
    ("secure-survey-forms-ideal", "standing-up", "staff", 70, 466),
    ("secure-survey-forms-ideal", "information", "patients", 51, 466),
    ("secure-survey-forms-ideal", "information", "staff", 67, 466),
    # 6.4 The value of peer support
    ("secure-survey-benefits-over-staff", "greater-choice", "patients", 48, 483),
    ("secure-survey-benefits-over-staff", "greater-choice", "staff", 65, 483),
    ("secure-survey-benefits-over-staff", "insight", "patients", 45, 485),
    ("secure-survey-benefits-over-staff", "insight", "staff", 72, 485),
    ("secure-survey-benefits-over-staff", "fewer-restrictions", "patients", 35, 487),
    ("secure-survey-benefits-over-staff", "fewer-restrictions", "staff", 70, 487),
    ("secure-survey-benefits-over-staff", "clearer-information", "patients", 18, 489),
    ("secure-survey-benefits-over-staff", "clearer-information", "staff", 48, 489),
    ("secure-survey-benefits-over-staff", "more-accessible", "staff", 54, 491),
    ("secure-survey-benefits-over-staff", "reduces-workload", "staff", 30, 491),
    ("secure-survey-benefits-over-staff", "no-extra-benefit", "patients", 24, 481),
    # 6.5 When is peer support useful?
    ("secure-survey-when-useful", "admission", "patients", 64, 512),
    ("secure-survey-when-useful", "admission", "staff", 87, 516),
    ("secure-survey-when-useful", "moving-wards", "patients", 35, 514),
    ("secure-survey-when-useful", "moving-wards", "staff", 69, 516),
    ("secure-survey-when-useful", "discharge", "patients", 35, 527),
    ("secure-survey-when-useful", "discharge", "staff", 52, 529),
    ("secure-survey-when-useful", "crisis", "patients", 41, 533),
    ("secure-survey-when-useful", "crisis", "staff", 41, 537),
    ("secure-survey-when-useful", "good-day", "patients", 30, 533),
    ("secure-survey-when-useful", "good-day", "staff", 59, 535),
    ("secure-survey-when-useful", "bad-day", "patients", 34, 533),
    ("secure-survey-when-useful", "bad-day", "staff", 59, 535),  # "the same proportion" as good days
    # 6.6 User-led peer support
    ("secure-survey-user-led-happens", "yes", "patients", 61, 557),
    ("secure-survey-user-led-happens", "yes", "staff", 66, 557),
    ("secure-survey-user-led-happens", "no", "patients", 23, 557),
    ("secure-survey-user-led-happens", "no", "staff", 26, 557),
    ("secure-survey-user-led-forms", "groups-run-by-patients", "patients", 66, 569),
    ("secure-survey-user-led-forms", "groups-run-by-patients", "staff", 67, 569),
    ("secure-survey-user-led-forms", "influence-running", "patients", 40, 581),
    ("secure-survey-user-led-forms", "influence-running", "staff", 69, 577),
    ("secure-survey-user-led-forms", "friendships", "patients", 72, 585),
    ("secure-survey-user-led-forms", "friendships", "staff", 82, 585),
    ("secure-survey-restrictions", "restrictions-described", "patients", 29, 607),
    ("secure-survey-restrictions", "restrictions-described", "staff", 50, 591),
    ("secure-survey-restrictions", "no-restrictions", "staff", 50, 609),
    ("secure-survey-restrictions", "patients-set-own-limits", "staff", 7, 603),
    # 6.7 Could user-led peer support happen more?
    ("secure-survey-user-led-more", "yes", "patients", 63, 619),
    ("secure-survey-user-led-more", "yes", "staff", 70, 619),
    ("secure-survey-user-led-more", "no", "patients", 23, 646),
    ("secure-survey-user-led-more", "no", "staff", 26, 646),
    # 6.8 Barriers to peer support
    ("secure-survey-barriers", "conversation-restrictions", "patients", 29, 660),
    ("secure-survey-barriers", "conversation-restrictions", "staff", 37, 660),
    ("secure-survey-barriers", "time-restrictions", "patients", 19, 660),
    ("secure-survey-barriers", "time-restrictions", "staff", 24, 660),
    ("secure-survey-barriers", "no-formal-schemes", "patients", 18, 662),
    ("secure-survey-barriers", "no-formal-schemes", "staff", 44, 662),
    ("secure-survey-barriers", "lack-of-skills", "patients", 23, 658),
    ("secure-survey-barriers", "lack-of-skills", "staff", 37, 664),
    ("secure-survey-barriers", "negative-staff-attitudes", "patients", 15, 667),
    ("secure-survey-barriers", "negative-staff-attitudes", "staff", 17, 664),
    # 6.9 Fears and concerns
    ("secure-survey-fears", "trust", "patients", 43, 679),
    ("secure-survey-fears", "trust", "staff", 39, 679),
    ("secure-survey-fears", "confidentiality", "patients", 40, 679),
    ("secure-survey-fears", "confidentiality", "staff", 63, 679),
    ("secure-survey-fears", "boundaries", "patients", 25, 679),
    ("secure-survey-fears", "boundaries", "staff", 70, 681),
    ("secure-survey-fears", "emotional-impact", "patients", 18, 681),
    ("secure-survey-fears", "emotional-impact", "staff", 52, 681),
    ("secure-survey-fears", "not-skilled-or-confident", "patients", 21, 683),
    ("secure-survey-fears", "not-skilled-or-confident", "staff", 41, 683),
    ("secure-survey-fears", "may-not-meet-needs", "patients", 23, 683),
    ("secure-survey-fears", "may-not-meet-needs", "staff", 28, 683),
    # 6.10 How could services support peer support to happen more?
    ("secure-survey-services-could-do", "training", "patients", 43, 702),
    ("secure-survey-services-could-do", "training", "staff", 69, 714),
    ("secure-survey-services-could-do", "more-schemes", "patients", 37, 704),
    ("secure-survey-services-could-do", "more-schemes", "staff", 56, 714),
    ("secure-survey-services-could-do", "patient-involvement", "patients", 32, 704),
    ("secure-survey-services-could-do", "patient-involvement", "staff", 48, 716),
    ("secure-survey-services-could-do", "time-together", "patients", 32, 704),
    ("secure-survey-services-could-do", "time-together", "staff", 30, 718),
    ("secure-survey-services-could-do", "informal-support", "patients", 25, 706),
    ("secure-survey-services-could-do", "informal-support", "staff", 50, 718),
    ("secure-survey-services-could-do", "fewer-restrictions", "patients", 24, 706),
    ("secure-survey-services-could-do", "fewer-restrictions", "staff", 13, 718),
]


def chart_bars():
    """(chart, option, group, value, line) for every bar in data/, and the bars themselves."""
    catalogue, problems = load_catalogue(ROOT / "data", ROOT)
    assert problems == []
    for name, dataset in sorted(catalogue.datasets.items()):
        if dataset.kind != "survey-chart":
            continue
        for option in dataset.data["options"]:
            for group in ("patients", "staff"):
                if group in option:
                    bar = option[group]
                    yield (name, option["id"], group, bar["value"], int(bar["source"]["lines"])), bar


@pytest.fixture(scope="module")
def source_lines() -> list[str]:
    return source_text(SOURCE).splitlines()


def test_the_chart_data_holds_exactly_the_figures_of_the_report():
    assert sorted(row for row, _ in chart_bars()) == sorted(FIGURES)


def test_the_figures_are_unique_bars():
    assert len({row[:3] for row in FIGURES}) == len(FIGURES)


@pytest.mark.parametrize("chart, option, group, value, line", FIGURES)
def test_each_figure_is_printed_on_its_line_of_the_report(source_lines, chart, option, group, value, line):
    text = source_lines[line - 1]
    printed = re.compile(rf"(?<![\d.]){re.escape(str(value))}%")  # 7% must not match inside 17%
    assert printed.search(text), f"line {line} of the report does not say {value}%: {text[:200]!r}"


def test_every_bar_cites_the_report_and_its_whole_survey():
    for (chart, option, group, _, _), bar in chart_bars():
        assert bar["source"]["id"] == "secure-services-report", (chart, option)
        assert bar["respondents"] == RESPONDENTS[group], (chart, option, group)
        assert bar["id"] == f"{option}-{group}", (chart, option)


def test_the_survey_sizes_are_those_of_the_report(source_lines):
    assert "213 respondents in 29 different services" in source_lines[252 - 1]
    assert "54 surveys were completed by staff in 24 services" in source_lines[272 - 1]
