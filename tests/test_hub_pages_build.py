"""Pages in real builds of a copy of the hub: a marker inside any Markdown block renders inside
that block, a dataset shown twice on a page is a located problem, a page saved by a Windows
editor builds exactly like its UTF-8 twin, and no page repeats an element id."""

from __future__ import annotations

import collections
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import add_page, build, copy_project
from test_hub_yaml import saved_as

FRONT = """---
title: {title}
description: A page made by a test.
sources: [rcsed-briefing]
last_reviewed: 2026-11-29
next_review: 2028-11-29
---

"""

BLOCKS = FRONT.format(title="Markers in blocks") + """# Markers in blocks

Text before the blocks.

??? note "Collapsed"

    Some words first.

    <!-- hub: core-values -->

!!! note "Open"
    <!-- hub: ld-benefits -->

=== "First tab"

    Nothing here.

=== "Second tab"

    <!-- hub: principles-of-practice -->

- A list item
    <!-- hub: ld-guiding-principles -->
- Another item

<!-- hub: key-points-safety -->
"""

# A heading whose slug is the dataset's own id: the heading gets another id.
HEADING = """# Core values

See [the values](#core-values).

<!-- hub: core-values -->
"""

# The same page as Notepad and Word on Windows save it (see test_hub_yaml.saved_as).
WINDOWS = FRONT.format(title="Caf\u00e9 \u2018notes\u2019") + """# Caf\u00e9 \u2018notes\u2019 \u2013 \u201ctwins\u201d

A peer support worker\u2019s first week.

!!! note "Inside a note"
    <!-- hub: core-values -->

| Day | Plan |
| --- | ---- |
| 1   | Meet the team |

```text
<!-- hub: shown-as-code -->
```
"""


TWINS = ["utf-8", "crlf", "cr", "utf-8-bom", "utf-16-le", "utf-16-be", "windows-1252"]


class Tree(HTMLParser):
    """Records, for each element id, the tags and classes of the elements around it."""

    VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, str]] = []
        self.ids: dict[str, list[list[tuple[str, str]]]] = collections.defaultdict(list)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids[attrs["id"]].append(list(self.stack))
        if tag not in self.VOID:
            self.stack.append((tag, attrs.get("class") or ""))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break


def tree(html: str) -> Tree:
    parsed = Tree()
    parsed.feed(html)
    return parsed


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("blocks") / "project")
    add_page(project, "blocks.md", BLOCKS)
    add_page(project, "same-name.md", FRONT.format(title="Core values") + HEADING)
    for how in TWINS:
        add_page(project, f"twin-{how}.md", "")
        (project / "docs" / f"twin-{how}.md").write_bytes(saved_as(WINDOWS, how))
    site = project / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    return site


def page(site: Path, name: str) -> str:
    return (site / name / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("dataset, block", [
    ("core-values", ("details", "note")),                    # ??? note (pymdownx.details)
    ("ld-benefits", ("div", "admonition note")),             # !!! note (admonition)
    ("principles-of-practice", ("div", "tabbed-block")),     # === "Tab" (pymdownx.tabbed)
    ("ld-guiding-principles", ("li", "")),                   # a list item
])
def test_a_marker_in_a_block_renders_inside_that_block(site, dataset, block):
    [around] = tree(page(site, "blocks")).ids[dataset]
    assert block in around, around


def test_a_marker_at_the_top_level_stays_outside_every_block(site):
    [around] = tree(page(site, "blocks")).ids["key-points-safety"]
    assert not any(tag in ("details", "li") or "admonition" in cls or "tabbed" in cls for tag, cls in around)


def test_the_collapsed_block_holds_the_dataset_before_it_closes(site):
    html = page(site, "blocks")
    details = html[html.index("<details"):html.index("</details>")]
    assert 'id="core-values--safety"' in details and "Some words first." in details


def article(site: Path, name: str) -> str:
    html = page(site, name)
    return html[html.index("<article"):html.index("</article>")].replace(name, "TWIN")


def test_a_heading_named_like_the_dataset_leaves_it_the_id(site):
    ids = tree(page(site, "same-name")).ids
    assert len(ids["core-values"]) == 1 and ["core-values_1"] == [i for i in ids if i.startswith("core-values_")]
    assert 'id="core-values"' in page(site, "same-name").split("</h1>", 1)[1]  # the dataset keeps it


@pytest.mark.parametrize("how", TWINS[1:])
def test_a_windows_saved_page_builds_exactly_like_its_utf8_twin(site, how):
    assert article(site, f"twin-{how}") == article(site, "twin-utf-8")


def test_the_twin_keeps_every_character(site):
    html = page(site, "twin-windows-1252")
    assert "Caf\u00e9 \u2018notes\u2019 \u2013 \u201ctwins\u201d" in html and "worker\u2019s" in html
    assert 'id="core-values--safety"' in html


def test_no_page_repeats_an_element_id(site):
    for name in ["blocks", "same-name", *(f"twin-{how}" for how in TWINS)]:
        repeated = [i for i, where in tree(page(site, name)).ids.items() if len(where) > 1]
        assert repeated == [], (name, repeated)


# --- Builds that must fail with a located problem ------------------------------------------

def failing_build(tmp_path: Path, path: str, text: str):
    project = copy_project(tmp_path / "project")
    add_page(project, path, text)
    result = build(project, tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    return result.stderr


def test_a_marker_indented_like_code_is_a_located_problem(tmp_path):
    text = FRONT.format(title="Code") + "# Code\n\nA paragraph.\n\n        <!-- hub: core-values -->\n"
    stderr = failing_build(tmp_path, "code.md", text)
    assert ("docs/code.md:13: the marker for 'core-values' does not stand as a paragraph of its own here "
            "(indented like a code block, or inside raw HTML)") in stderr


@pytest.mark.parametrize("second", ["<!-- hub: core-values -->", "    <!-- hub: core-values -->"])
def test_the_same_dataset_twice_on_a_page_is_a_located_problem(tmp_path, second):
    text = FRONT.format(title="Twice") + f"# Twice\n\n<!-- hub: core-values -->\n\n!!! note\n\n{second}\n"
    stderr = failing_build(tmp_path, "twice.md", text)
    assert ("docs/twice.md:15: the dataset 'core-values' is already shown on this page at line 11 (both would "
            "have the element id 'core-values'); show it once, and link to it from here instead") in stderr


def billion_laughs(indent: str = "") -> str:
    lines = [indent + 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for before, name in zip("abcdefgh", "bcdefghi"):
        lines.append(indent + f"{name}: &{name} [" + ",".join(f"*{before}" for _ in range(9)) + "]")
    return "\n".join(lines) + "\n"


def test_a_billion_laughs_in_front_matter_or_data_fails_the_build_at_once(tmp_path):
    """MkDocs would expand the front matter's aliases itself when it reads the page (and a
    data file's through hub_check); the hub's check refuses both before anything is expanded."""
    project = copy_project(tmp_path / "project")
    add_page(project, "bomb.md", "---\n" + billion_laughs() + "---\n\n# Bomb\n")
    (project / "data" / "bomb.yml").write_text("# yaml-language-server: $schema=schemas/list.schema.json\n"
                                               + billion_laughs(), encoding="utf-8")
    started = time.perf_counter()
    result = build(project, tmp_path / "site")
    assert time.perf_counter() - started < 60  # a whole (failing) build on a shared machine; expanding takes minutes
    assert result.returncode == 1 and "Traceback" not in result.stderr and "MemoryError" not in result.stderr
    assert "docs/bomb.md:2: a: '&a' is a YAML anchor, which the hub does not allow" in result.stderr
    assert "data/bomb.yml:2: a: '&a' is a YAML anchor, which the hub does not allow" in result.stderr


def abbreviations_in(html: str) -> list[str]:
    return sorted(re.findall(r"<abbr\b[^>]*>[^<]*</abbr>", html))


@pytest.fixture(scope="module")
def glossary_pages(tmp_path_factory):
    """Pages with glossary words in their text and in their data, built from an untouched copy."""
    project = copy_project(tmp_path_factory.mktemp("glossary") / "project")
    assert build(project, project / "site").returncode == 0
    return {name: (project / "site" / name / "index.html").read_text(encoding="utf-8")
            for name in ["recruitment/readiness", "liaison-and-diversion/support", "glossary"]}


@pytest.mark.parametrize("how", ["utf-8-bom", "crlf", "cr"])
def test_a_glossary_saved_on_windows_explains_the_same_words(tmp_path, glossary_pages, how):
    """The glossary (docs/includes/abbreviations.md) is a contributor's file too: saved by Notepad
    it gives every page and every dataset the same explanations."""
    project = copy_project(tmp_path / "project")
    glossary = project / "docs" / "includes" / "abbreviations.md"
    glossary.write_bytes(saved_as(glossary.read_text(encoding="utf-8"), how))
    result = build(project, project / "site")
    assert result.returncode == 0, result.stderr
    for name, html in glossary_pages.items():
        twin = (project / "site" / name / "index.html").read_text(encoding="utf-8")
        assert abbreviations_in(html) and abbreviations_in(twin) == abbreviations_in(html), name


@pytest.mark.parametrize("how", ["utf-16-le", "windows-1252"])
def test_a_glossary_snippets_cannot_read_is_a_located_problem(tmp_path, how):
    project = copy_project(tmp_path / "project")
    glossary = project / "docs" / "includes" / "abbreviations.md"
    glossary.write_bytes(saved_as(glossary.read_text(encoding="utf-8") + "\n*[SAC]: Café\n", how))
    result = build(project, project / "site")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "docs/includes/abbreviations.md:1: the glossary is not saved as UTF-8" in result.stderr
