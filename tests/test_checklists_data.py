"""Paired indicators, schedules and checklists: each kind's schema catches a contributor's
mistakes with a located message, and each view renders every item with a label."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from hub_data import Catalogue, Dataset, load_catalogue
from hub_render import Renderer
from hub_yaml import Document
from test_hub_data import check

TEMPLATES = ROOT / "overrides" / "hub"
SOURCE = '{id: liaison-and-diversion, lines: "150"}'

PAIRS = f"""# yaml-language-server: $schema=schemas/paired-indicators.schema.json
kind: paired-indicators
title: Ready?
left: Ready
right: Not yet ready
pairs:
  - id: preparing
    topic: Preparing
    ready: Has prepared.
    not_ready: Has not prepared.
    hub_question: What have you done?
    source: {SOURCE}
sections:
  - id: criteria
    title: Criteria
    all_required: true
    items:
      - id: first
        text: First criterion.
        source: {SOURCE}
"""

SCHEDULE = f"""# yaml-language-server: $schema=schemas/schedule.schema.json
kind: schedule
title: Two days
source: {SOURCE}
days:
  - id: day-1
    sessions:
      - id: welcome
        theme: Welcome
        duration: 1 hour
        topics: [Ice breaker, Policies]
        notes: Go slowly.
  - id: day-2
    title: Practice
    sessions:
      - id: boundaries
        theme: Boundaries
        topics: [What boundaries are]
      - id: wellbeing
        theme: Wellbeing
        topics: [What affects wellbeing]
"""

CHECKLIST = f"""# yaml-language-server: $schema=schemas/checklist.schema.json
kind: checklist
title: Plan
progress: in place
items:
  - id: team
    title: Team
    text: The team is ready.
    source: {SOURCE}
    items:
      - id: fears
        text: Talk about fears.
"""


@pytest.mark.parametrize("name, content", [("pairs.yml", PAIRS), ("schedule.yml", SCHEDULE), ("plan.yml", CHECKLIST)])
def test_good_files_of_each_kind_load(tmp_path, name, content):
    assert check(tmp_path, {name: content}) == []


@pytest.mark.parametrize("content, expected", [
    (PAIRS.replace("    not_ready: Has not prepared.\n", ""),
     "data/bad.yml:7: pairs[0].not_ready: missing; this field is required"),
    (PAIRS.replace("    hub_question: What have you done?\n", ""),
     "data/bad.yml:7: pairs[0].hub_question: missing; this field is required"),
    (PAIRS.replace("right: Not yet ready\n", ""), "data/bad.yml:2: right: missing; this field is required"),
    (PAIRS.replace("not_ready:", "not-ready:"),
     "data/bad.yml:10: pairs[0].not-ready: unknown field; expected one of: hub_question, id, not_ready, ready, source, topic"),
    (PAIRS.replace("all_required: true", "all_required: yes please"),
     "data/bad.yml:16: sections[0].all_required: expected true or false, found the text 'yes please'"),
    (PAIRS.replace("  - id: preparing", "  - id: criteria"),
     "data/bad.yml:14: sections[0].id: 'criteria' is already used on line 7"),
])
def test_paired_indicator_mistakes_are_located(tmp_path, content, expected):
    problems = check(tmp_path, {"bad.yml": content})
    assert any(p.startswith(expected) for p in problems), problems


@pytest.mark.parametrize("content, expected", [
    (SCHEDULE.replace("        topics: [What boundaries are]\n", ""),
     "data/bad.yml:16: days[1].sessions[0].topics: missing; this field is required"),
    (SCHEDULE.replace("topics: [Ice breaker, Policies]", "topics: Ice breaker"),
     "data/bad.yml:11: days[0].sessions[0].topics: expected a list, found the text 'Ice breaker'"),
    (SCHEDULE.replace("    sessions:\n      - id: welcome", "    session:\n      - id: welcome"),
     "data/bad.yml:7: days[0].session: unknown field; expected one of: id, sessions, title"),
    (SCHEDULE.replace("source: {id: liaison-and-diversion, lines: \"150\"}\ndays", "days"),
     "data/bad.yml:2: source: missing; this field is required"),
    (SCHEDULE.replace("id: day-2", "id: Day 2"), "data/bad.yml:13: days[1].id: 'Day 2' is not in the expected form"),
    (SCHEDULE.replace("id: wellbeing", "id: welcome"), "data/bad.yml:19: days[1].sessions[1].id: 'welcome' is already used on line 8"),
])
def test_schedule_mistakes_are_located(tmp_path, content, expected):
    problems = check(tmp_path, {"bad.yml": content})
    assert any(p.startswith(expected) for p in problems), problems


@pytest.mark.parametrize("content, expected", [
    (CHECKLIST.replace("    text: The team is ready.\n", ""), "data/bad.yml:6: items[0].text: missing; this field is required"),
    (CHECKLIST.replace("    title: Team\n", "    tick: true\n"),
     "data/bad.yml:7: items[0].tick: unknown field; expected one of: guidance, id, items, source, text, title"),
    (CHECKLIST.replace("progress: in place", "progress: 3"), "data/bad.yml:4: progress: expected text, found the number 3"),
    (CHECKLIST.replace("items:\n  - id: team", "items: []\nold:\n  - id: team"), "data/bad.yml:5: items: has 0 item(s); expected at least 1"),
])
def test_checklist_mistakes_are_located(tmp_path, content, expected):
    problems = check(tmp_path, {"bad.yml": content})
    assert any(p.startswith(expected) for p in problems), problems


# Rendering -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    catalogue, problems = load_catalogue(ROOT / "data", ROOT)
    assert problems == []
    return catalogue


def render(catalogue: Catalogue, name: str, view: str | None = None, data: dict | None = None) -> str:
    if data is not None:
        catalogue = Catalogue({**catalogue.datasets, name: Dataset(name, data["kind"], f"data/{name}.yml", data, Document(data))})
    return Renderer(TEMPLATES, catalogue).render(name, view)


def labelled_controls(html: str) -> list[str]:
    """Ids of form controls that have no <label for=...> (should be none)."""
    ids = re.findall(r'<(?:input|textarea)[^>]* id="([^"]+)"', html)
    labels = set(re.findall(r'<label for="([^"]+)"', html))
    return [i for i in ids if i not in labels]


def test_readiness_data_carries_five_pairs_two_criteria_three_dbs_principles(catalogue):
    data = catalogue.datasets["readiness-indicators"].data
    assert len(data["pairs"]) == 5
    sections = {s["id"]: s for s in data["sections"]}
    assert len(sections["criteria"]["items"]) == 2 and sections["criteria"]["all_required"] is True
    assert len(sections["dbs-principles"]["items"]) == 3
    assert "long past" in data["balance"]["text"] and "very recent" in data["balance"]["text"]


def test_readiness_table_puts_each_pair_side_by_side(catalogue):
    html = render(catalogue, "readiness-indicators")
    rows = re.findall(r'<tr id="readiness-indicators--[a-z-]+">(.*?)</tr>', html, re.S)
    assert len(rows) == 5
    assert all(row.count("<td>") == 2 and '<th scope="row">' in row for row in rows)
    assert '<th scope="col">Signs the person is ready</th><th scope="col">Signs the person is not yet ready</th>' in html
    assert "Guiding principles for Disclosure and Barring Service (DBS) forms" in html
    assert "<form" not in html


def test_panel_sheet_has_evidence_notes_and_a_three_way_view_per_indicator(catalogue):
    html = render(catalogue, "readiness-indicators", "panel")
    assert 'data-hub-store="readiness-indicators-panel"' in html
    for pair in catalogue.datasets["readiness-indicators"].data["pairs"]:
        control = f"readiness-indicators-panel--{pair['id']}"
        assert f'<label for="{control}--evidence">Evidence heard</label>' in html
        assert f'<label for="{control}--notes">Notes</label>' in html
        radios = re.findall(rf'<input type="radio" id="{control}--([a-z-]+)" name="{control}"', html)
        assert radios == ["ready", "not-yet", "unclear"]
    assert html.count("data-hub-count") == 5  # the panel's view on each indicator
    assert html.count('type="checkbox"') == 2  # the two criteria
    assert labelled_controls(html) == []


def test_self_check_asks_each_question_and_keeps_its_answers_apart_from_the_panel(catalogue):
    html = render(catalogue, "readiness-indicators", "self-check")
    assert 'data-hub-store="readiness-indicators-self-check"' in html
    for pair in catalogue.datasets["readiness-indicators"].data["pairs"]:
        assert f'id="readiness-indicators-self-check--{pair["id"]}--answer"' in html
    assert "How comfortable are you talking about your own lived experience?" in html
    assert labelled_controls(html) == []


def test_schedule_table_groups_sessions_by_day(catalogue):
    html = render(catalogue, "induction-six-day")
    days = re.findall(r'<th scope="rowgroup" rowspan="(\d)">Day (\d)</th>', html)
    assert days == [("1", "1"), ("2", "2"), ("2", "3"), ("2", "4"), ("1", "5"), ("2", "6")]
    assert "Safe disclosure" in html and "Equality Act 2010" in html


def test_schedule_optional_fields_render_only_when_given(catalogue):
    import yaml
    data = yaml.safe_load(SCHEDULE)
    html = render(catalogue, "two-days", data=data)
    assert "(1 hour)" in html and "For the facilitator:</strong> Go slowly." in html
    assert html.count("For the facilitator") == 1 and html.count("hub-schedule__duration") == 1
    assert ">Day 2: Practice</th>" in html
    handout = render(catalogue, "two-days", "handout", data=data)
    assert handout.count('<section class="hub-day"') == 2
    assert '<a href="#two-days--day-2">Day 2 only</a>' in handout


def test_schedule_handout_gives_each_day_a_section_and_a_notes_space(catalogue):
    html = render(catalogue, "induction-six-day", "handout")
    assert re.findall(r'<section class="hub-day" id="induction-six-day--(day-\d)"', html) == [f"day-{n}" for n in range(1, 7)]
    assert html.count('class="hub-notes-space"') == 6


def test_checklist_gives_every_item_a_labelled_status_and_a_note(catalogue):
    html = render(catalogue, "preparation-plan")
    items = catalogue.datasets["preparation-plan"].data["items"]
    assert len(items) == 5
    assert html.count('type="radio"') == 15 and html.count("data-hub-count") == 5
    for item in items:
        for status in ("in-place", "partly", "not-yet"):
            assert f'<input type="radio" id="preparation-plan--{item["id"]}--{status}" name="preparation-plan--{item["id"]}" value="{status}" data-hub-item="{item["id"]}"' in html
        assert f'<textarea id="preparation-plan--{item["id"]}--note" data-hub-item="{item["id"]}--note"' in html
    assert 'data-hub-progress="in place"' in html
    assert "task-list" not in html and 'type="checkbox"' not in html
    assert labelled_controls(html) == []


@pytest.mark.parametrize("name, count", [("preparation-plan", 5), ("ongoing-support", 5), ("managing-setbacks", 3),
                                         ("recruitment-good-practice", 6), ("induction-programme-aims", 5)])
def test_each_checklist_has_the_number_of_items_its_source_gives(catalogue, name, count):
    assert len(catalogue.datasets[name].data["items"]) == count


def test_a_list_becomes_a_checklist_under_its_own_name(catalogue):
    html = render(catalogue, "core-values", "checklist")
    assert 'data-hub-dataset="core-values"' in html and 'data-hub-progress="in place"' in html
    for item in catalogue.datasets["core-values"].data["items"]:
        assert f'id="core-values--{item["id"]}--in-place" name="core-values--{item["id"]}" value="in-place" data-hub-item="{item["id"]}" data-hub-count' in html
    assert '<span class="hub-status__number">1. </span><strong>Experience in common.</strong>' in html
    assert labelled_controls(html) == []


def test_checklist_text_is_escaped(catalogue):
    data = {"kind": "checklist", "title": "<b>T</b>", "items": [
        {"id": "a", "text": "<script>x()</script> *fine*", "source": {"id": "rcsed-briefing"}}]}
    html = render(catalogue, "example", data=data)
    assert "<script>" not in html and "&lt;script&gt;" in html and "<em>fine</em>" in html
    assert 'data-hub-title="&lt;b&gt;T&lt;/b&gt;"' in html and "<legend>&lt;b&gt;T&lt;/b&gt;</legend>" in html
