"""Question sets and the SAFEST framework: every prompt and question of the sources is there (the
counts are the sources'), and each renders as the records contract expects."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from hub_data import Catalogue, Dataset, load_catalogue
from hub_render import Renderer
from hub_yaml import Document

# Questions a section (or element) holds, as counted in the source documents.
SOURCE_COUNTS = {
    # RCSEd briefing, lines 270-304
    "reflection-peers-supported": [2, 2, 3],  # 7
    "reflection-peer-supporters": [4, 3, 2],  # 9
    "reflection-supervision": [3],
    "reflection-managers": [3],
    # Liaison and Diversion guide, lines 227-309: 7 ice breaker prompts, 7 interview questions
    "interview-preparation": [7, 7],
    "case-study-sarah": [3, 2],
    "case-study-danny": [2, 2],
    # Secure services report, staff survey, lines 920-1157: 11 questions
    "ward-team-reflection": [3, 2, 3, 3],
}
SAFEST_PROMPTS = {"setting": 4, "appropriate": 6, "feelings": 5, "enough": 5, "support": 3, "timing": 4}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    catalogue, problems = load_catalogue(ROOT / "data", ROOT)
    assert problems == []
    return catalogue


@pytest.fixture(scope="module")
def renderer(catalogue) -> Renderer:
    return Renderer(ROOT / "overrides" / "hub", catalogue)


def test_every_question_set_is_counted_here(catalogue):
    sets = {name for name, d in catalogue.datasets.items() if d.kind == "question-set"}
    assert sets == set(SOURCE_COUNTS)


@pytest.mark.parametrize("name", sorted(SOURCE_COUNTS))
def test_each_set_has_the_sources_questions(catalogue, name):
    sections = catalogue.datasets[name].data["sections"]
    assert [len(s["questions"]) for s in sections] == SOURCE_COUNTS[name]


def test_interview_questions_keep_their_two_follow_ups(catalogue):
    questions = catalogue.datasets["interview-preparation"].data["sections"][1]["questions"]
    assert [q["id"] for q in questions if "follow_up" in q] == ["define-peer-support", "sharing-your-story"]


def test_safest_has_six_elements_with_the_sources_prompts(catalogue):
    """Enough's five points in the source are three prompts and the two example disclosures."""
    elements = catalogue.datasets["safest"].data["elements"]
    assert "".join(e["title"][0] for e in elements) == "SAFEST"
    assert {e["id"]: len(e["prompts"]) + len(e.get("examples", [])) for e in elements} == SAFEST_PROMPTS
    assert [len(e.get("examples", [])) for e in elements] == [0, 0, 0, 2, 0, 0]


def fields(html: str) -> dict[str, str]:
    """data-hub-item -> the textarea's whole tag."""
    return {m.group(1): m.group(0) for m in re.finditer(r'<textarea[^>]*data-hub-item="([^"]+)"[^>]*>', html)}


@pytest.mark.parametrize("name", sorted(SOURCE_COUNTS))
def test_a_set_renders_one_labelled_counted_box_a_question(catalogue, renderer, name):
    html = renderer.render(name)
    data = catalogue.datasets[name].data
    boxes = fields(html)
    for section in data["sections"]:
        assert f'<fieldset id="{name}--{section["id"]}">' in html
        for q in section["questions"]:
            assert f'<label for="{name}--{q["id"]}">' in html
            assert f'id="{name}--{q["id"]}"' in boxes[q["id"]] and "data-hub-count" in boxes[q["id"]]
            if "hint" in q:
                assert f'aria-describedby="{name}--{q["id"]}--hint"' in boxes[q["id"]]
    assert sum("data-hub-count" in tag for tag in boxes.values()) == sum(SOURCE_COUNTS[name])
    assert f'data-hub-dataset="{name}"' in html and "hub-record__bar" in html


def test_a_follow_up_with_an_id_gets_its_own_box_that_progress_does_not_count(renderer):
    boxes = fields(renderer.render("interview-preparation"))
    assert "data-hub-count" not in boxes["peer-support-in-your-recovery"]
    assert "data-hub-count" not in boxes["when-not-to-share"]


def test_a_follow_up_without_an_id_is_shown_as_a_prompt(catalogue):
    data = {"kind": "question-set", "title": "T", "source": {"id": "rcsed-briefing"}, "sections": [
        {"id": "s", "title": "S", "questions": [{"id": "q", "text": "Why?", "follow_up": {"text": "And then?"}}]}]}
    datasets = {**catalogue.datasets, "example": Dataset("example", "question-set", "data/example.yml", data, Document(data))}
    html = Renderer(ROOT / "overrides" / "hub", Catalogue(datasets)).render("example")
    assert len(fields(html)) == 1
    assert '<p class="hub-hint" id="example--q--hint">Then: And then?</p>' in html
    assert 'aria-describedby="example--q--hint"' in html


def test_the_planner_asks_every_safest_prompt_and_shows_the_examples(catalogue, renderer):
    html = renderer.render("safest", "planner")
    elements = catalogue.datasets["safest"].data["elements"]
    prompts = [p for e in elements for p in e["prompts"]]
    assert set(fields(html)) == {p["id"] for p in prompts}
    for p in prompts:
        assert f'<label for="safest--{p["id"]}">' in html
    assert html.count("<fieldset") == 6 and 'id="safest--enough-example-short"' in html
    assert 'data-hub-title="Plan a disclosure with SAFEST"' in html


def test_the_pocket_card_lists_every_element_and_prompt(catalogue, renderer):
    html = renderer.render("safest", "card")
    elements = catalogue.datasets["safest"].data["elements"]
    assert html.count('class="hub-card__element"') == 6
    assert html.count("<li>") == sum(len(e["prompts"]) for e in elements)
