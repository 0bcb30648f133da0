"""Builds: a trainer's own schedule needs only a YAML file and markers; handouts drop the site's
header, navigation and search and end with a footer naming title, sources, address and date."""

from __future__ import annotations

import re

import pytest

from conftest import add_page, build, copy_project

TWO_DAYS = """# yaml-language-server: $schema=schemas/schedule.schema.json
kind: schedule
title: Our two-day induction
intro: A short programme for volunteers.
source: {id: liaison-and-diversion, section: Example Induction Programme}
days:
  - id: day-1
    sessions:
      - id: welcome
        theme: Welcome to the team
        duration: Morning
        topics: [Meeting the team, Where things are]
  - id: day-2
    title: Out and about
    sessions:
      - id: shadowing
        theme: Shadowing in custody
        topics: [Working alongside a colleague]
        notes: Pair each volunteer with one colleague for the day.
"""

PAGE = """---
title: Our two-day induction
description: Our own programme.
tags: [Induction]
sources: [liaison-and-diversion]
last_reviewed: 2026-01-10
next_review: 2028-01-10
---

# Our two-day induction

<!-- hub: induction-two-day -->
"""

HANDOUT = """---
title: Two-day induction handout
description: Our own programme, one day a page.
template: handout.html
tags: [Handouts]
sources: [liaison-and-diversion]
last_reviewed: 2026-01-10
next_review: 2028-01-10
---

# Two-day induction handout

<!-- hub: induction-two-day handout -->
"""


@pytest.fixture(scope="module")
def own_schedule_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("schedule") / "project")
    (project / "data" / "induction-two-day.yml").write_text(TWO_DAYS, encoding="utf-8")
    add_page(project, "recruitment/two-day.md", PAGE)
    add_page(project, "handouts/induction-two-day.md", HANDOUT)
    result = build(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_a_second_schedule_needs_only_a_yaml_file_and_markers(own_schedule_site):
    page = (own_schedule_site / "recruitment" / "two-day" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<th scope="rowgroup" rowspan="\d">(Day \d[^<]*)</th>', page) == ["Day 1", "Day 2: Out and about"]
    assert "Shadowing in custody" in page and "(Morning)" in page
    handout = (own_schedule_site / "handouts" / "induction-two-day" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<section class="hub-day" id="induction-two-day--(day-\d)"', handout) == ["day-1", "day-2"]
    assert "Pair each volunteer with one colleague for the day." in handout


def test_handout_has_no_header_navigation_or_search(site):
    html = (site / "handouts" / "induction-six-day" / "index.html").read_text(encoding="utf-8")
    for absent in ['class="md-search"', 'data-md-component="search"', 'data-md-type="navigation"',
                   'class="md-nav', 'class="md-tabs', 'class="md-footer"', "md-header__inner"]:
        assert absent not in html, absent
    footer = re.search(r'<footer class="hub-handout__footer.*?</footer>', html, re.S).group(0)
    assert "<strong>Example six-day induction programme</strong>" in footer
    assert "How to develop peer support within Liaison and Diversion services" in footer
    assert re.search(r"This version: \d{1,2} [A-Z][a-z]+ 20\d\d", footer)
    assert re.search(r"@page \{\s*size: A4;", html)  # only handouts print on A4 with a running footer


def test_ordinary_pages_keep_their_navigation(site):
    html = (site / "recruitment" / "readiness" / "index.html").read_text(encoding="utf-8")
    assert 'data-md-type="navigation"' in html and "hub-handout__footer" not in html


def test_handout_footer_gives_the_published_address_when_site_url_is_set(tmp_path):
    project = copy_project(tmp_path / "project")
    result = build(project, project / "site", settings={"SITE_URL": "https://hub.example.org/"})
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "handouts" / "induction-six-day" / "index.html").read_text(encoding="utf-8")
    assert '<span class="hub-handout__address" data-hub-address>https://hub.example.org/handouts/induction-six-day/</span>' in html


def test_a_marker_for_a_view_that_does_not_exist_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "handouts" / "induction-six-day.md"
    page.write_text(page.read_text(encoding="utf-8").replace("induction-six-day handout", "induction-six-day handouts"),
                    encoding="utf-8")
    result = build(project, project / "site")
    assert result.returncode == 1
    assert "docs/handouts/induction-six-day.md:20: the dataset 'induction-six-day' has no view 'handouts'" in result.stderr
