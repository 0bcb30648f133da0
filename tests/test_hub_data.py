"""Loading and checking data: every kind of contributor mistake gets one plain, located message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from hub_data import load_catalogue

HEADER = "# yaml-language-server: $schema=schemas/list.schema.json\n"
GOOD = HEADER + """kind: list
title: Example
items:
  - id: first-item
    text: Some text.
    source: {id: rcsed-briefing, lines: "89"}
"""


def check(tmp_path: Path, files: dict[str, str | bytes]) -> list[str]:
    """Problems found in a data folder holding the real schemas and sources plus `files`."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "schemas", data / "schemas")
    shutil.copy(ROOT / "data" / "sources.yml", data / "sources.yml")
    for name, content in files.items():
        path = data / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    _, problems = load_catalogue(data, tmp_path)
    return [str(p) for p in problems]


def test_real_data_has_no_problems():
    catalogue, problems = load_catalogue(ROOT / "data", ROOT)
    assert problems == []
    assert "sources" in catalogue.datasets and len(catalogue.sources) == 5


def test_good_file_loads(tmp_path):
    assert check(tmp_path, {"example.yml": GOOD}) == []


@pytest.mark.parametrize("content, expected", [
    (HEADER + "kind: list\ntitle: [unclosed\n", "data/bad.yml:3: YAML syntax error"),
    (HEADER + "kind: list\ntitle: x\nitems:\n\t- id: a\n", "data/bad.yml:5: a tab is used for indentation; YAML needs spaces"),
    (HEADER + "- just\n- a list\n", "data/bad.yml:1: the top level is a list; expected a mapping of fields"),
    ("", "data/bad.yml:1: the file is empty; expected a mapping of fields"),
    ("# only a comment\n", "data/bad.yml:1: the file is empty"),
    (GOOD.replace("    text: Some text.\n", ""), "data/bad.yml:5: items[0].text: missing; this field is required"),
    (GOOD.replace("title: Example", "title: 42"), "data/bad.yml:3: title: expected text, found the number 42"),
    (GOOD + "    colour: blue\n", "data/bad.yml:8: items[0].colour: unknown field; expected one of: guidance, id, items, source, text, title"),
    (GOOD.replace("first-item", "First Item"), "data/bad.yml:5: items[0].id: 'First Item' is not in the expected form: an id is kebab-case"),
    (GOOD.replace("rcsed-briefing", "rcsed"), "data/bad.yml:7: items[0].source.id: unknown source 'rcsed'; expected one of: liaison-and-diversion,"),
    (GOOD.replace("title: Example", "title: !!python/object/apply:os.system [ls]"), "data/bad.yml:3: title: the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    (GOOD.replace("title: Example", "title: Example\ntitle: Again"), "data/bad.yml:4: title: given twice (first on line 3); keep one"),
    (GOOD.replace("kind: list", "kind: lists"), "data/bad.yml:2: kind: 'lists' is not a kind of dataset; expected one of:"),
    (GOOD.replace(HEADER, ""), "data/bad.yml:1: the first line should be '# yaml-language-server: $schema=schemas/list.schema.json'"),
    (GOOD.replace("Some text.", "Caf\x81").encode("latin-1"), "data/bad.yml:6: the file is not text the hub can read; save it as UTF-8"),
])
def test_bad_input_gets_a_located_message(tmp_path, content, expected):
    problems = check(tmp_path, {"bad.yml": content})
    assert any(p.startswith(expected) for p in problems), problems


def test_duplicate_id_names_both_lines(tmp_path):
    twice = GOOD + "  - id: first-item\n    text: Again.\n    source: {id: rcsed-briefing}\n"
    assert check(tmp_path, {"dup.yml": twice}) == [
        "data/dup.yml:8: items[1].id: 'first-item' is already used on line 5; ids must be unique in a dataset"]


def test_file_name_must_be_kebab_case(tmp_path):
    problems = check(tmp_path, {"Core_Values.yml": GOOD})
    assert problems == ["data/Core_Values.yml:1: the file name 'Core_Values' is not kebab-case; "
                        "use lowercase words joined by hyphens, like core-values.yml"]


def test_all_problems_are_listed_at_once(tmp_path):
    problems = check(tmp_path, {
        "one.yml": GOOD.replace("first-item", "Bad Id"),
        "two.yml": GOOD.replace("    text: Some text.\n", "") + "    extra: 1\n",
        "three.yml": "kind: [\n",
    })
    files = [p.split(":")[0] for p in problems]
    assert files.count("data/one.yml") == 1 and files.count("data/two.yml") == 2 and files.count("data/three.yml") == 1


def test_missing_sources_file(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "schemas", data / "schemas")
    _, problems = load_catalogue(data, tmp_path)
    assert [str(p) for p in problems] == ["data/sources.yml:1: missing; the hub needs the list of source documents"]
