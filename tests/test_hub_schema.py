"""Schema checks: the fast validator (jsonschema-rs) never changes what the build reports.

`hub_schema.Schema.problems` trusts jsonschema-rs when it says "valid" and asks the Python
jsonschema otherwise. These tests break the real datasets and front matter in thousands of ways
and check the answer is exactly the Python validator's, and that a valid hub never loads it.
"""

from __future__ import annotations

import copy
import datetime
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from hub_data import load_catalogue, load_validators
from hub_front_matter import load_page_schema
from hub_pages import read_pages
from hub_schema import Schema, load_schemas

SCHEMAS = ROOT / "data" / "schemas"
# Values a contributor might type in place of any other: every JSON type, the edges of the
# schemas' patterns (a trailing newline from a YAML block scalar, an impossible date, Markdown
# where plain text is asked for), big numbers, and the empty forms.
REPLACEMENTS: list[Any] = [
    None, True, False, 0, -1, 1, 7, 1.5, 1.0, 10**20, "", " ", "x", "first-item", "Bad Id", "a-b\n",
    "line\nbreak", "2026-02-30", "2026-11-29", "2026-11-29\n", "12", "12-14", "[a link](x.md)", "*bold*",
    "<b>html</b>", "é" * 3, "x" * 500, [], [1], ["x"], [{}], {}, {"id": "x"}, {"text": "t"},
]


def places(value: Any, path: tuple = ()) -> list[tuple]:
    """The path of every node in `value`."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += places(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += places(item, path + (i,))
    return found


def broken(value: Any, rng: random.Random, count: int) -> list[Any]:
    """`count` copies of `value`, each broken in one way: a node replaced, a field removed or
    added, a list item repeated or emptied."""
    nodes = places(value)
    variants = []
    for _ in range(count):
        variant = copy.deepcopy(value)
        path = rng.choice(nodes)
        parent = variant
        for key in path[:-1]:
            parent = parent[key]
        node = parent[path[-1]] if path else variant
        how = rng.randrange(4)
        if how == 0 and path:
            parent[path[-1]] = copy.deepcopy(rng.choice(REPLACEMENTS))
        elif how == 1 and isinstance(node, dict) and node:
            del node[rng.choice(list(node))]
        elif how == 2 and isinstance(node, dict):
            node[rng.choice(["extra", "id", "text", "title", "source", "kind"])] = copy.deepcopy(rng.choice(REPLACEMENTS))
        elif how == 3 and isinstance(node, list):
            node.append(copy.deepcopy(node[0]) if node else rng.choice(REPLACEMENTS))
        elif path:
            parent[path[-1]] = copy.deepcopy(rng.choice(REPLACEMENTS))
        variants.append(variant)
    return variants


def real_values() -> list[tuple[str, Schema, Any]]:
    """Every dataset with its kind's schema, and every page's front matter with the page schema."""
    catalogue, problems = load_catalogue(ROOT / "data", ROOT)
    assert problems == []
    validators = load_validators(SCHEMAS)
    values = [(d.file, validators[d.kind], d.data) for d in catalogue.datasets.values()]
    page_schema = load_page_schema(SCHEMAS)
    values += [(p.display, page_schema, p.meta.value) for p in read_pages(ROOT / "docs", ROOT) if p.meta.value]
    return values


@pytest.mark.parametrize("file, schema, value", real_values(), ids=lambda v: v if isinstance(v, str) else "")
def test_broken_variants_get_the_python_validators_messages(file: str, schema: Schema, value: Any):
    rng = random.Random(file)  # the same variants every run
    variants = broken(value, rng, 60)
    invalid = 0
    for variant in variants:
        expected = schema.explain(variant)
        assert schema.problems(variant) == expected, variant
        if schema._fast.is_valid(variant):
            assert expected == [], f"jsonschema-rs passed what jsonschema rejects: {variant!r}"
        invalid += bool(expected)
    assert invalid >= len(variants) // 3  # the variants really break the schema


@pytest.mark.parametrize("value", [datetime.date(2026, 11, 29), b"bytes", {1: "a number as a key"}, 10**40, float("nan")])
def test_values_json_has_no_type_for_are_explained_not_raised(value: Any):
    schema = load_page_schema(SCHEMAS)
    assert schema.problems({"title": value}) == schema.explain({"title": value})
    assert schema.problems({"title": value})  # a title must be text


def test_refs_left_in_place_resolve_in_both_validators():
    """A cycle (a schema inside itself) and a file's `$ref` to another file that refers back."""
    spec = "https://json-schema.org/draft/2020-12/schema"
    schemas = {
        "a.schema.json": {"$schema": spec, "$id": "a.schema.json", "type": "object", "additionalProperties": False,
                          "properties": {"kids": {"type": "array", "items": {"$ref": "#"}},
                                         "b": {"$ref": "b.schema.json#/$defs/b"}}},
        "b.schema.json": {"$schema": spec, "$id": "b.schema.json", "$defs": {
            "b": {"type": "object", "required": ["n"], "properties": {"back": {"$ref": "a.schema.json"}}}}},
    }
    schema = Schema("a.schema.json", schemas)
    good = {"kids": [{"kids": []}], "b": {"n": 1, "back": {"kids": [{}]}}}
    bad = {"kids": [{"kids": [{"zz": 1}]}], "b": {"back": {"b": {}}}}
    assert schema._fast.is_valid(good) and schema.problems(good) == []
    assert schema.problems(bad) == schema.explain(bad) == [
        (("b", "n"), "missing; this field is required"),
        (("b", "back", "b", "n"), "missing; this field is required"),
        (("kids", 0, "kids", 0, "zz"), "unknown field; expected one of: b, kids"),
    ]


def test_a_valid_hub_is_checked_without_loading_the_python_validator():
    """jsonschema is imported only to explain a problem: a clean build does not pay for it."""
    script = (
        "import sys; sys.path.insert(0, 'hooks'); from pathlib import Path; from hub_check import check_hub\n"
        "hub = check_hub(Path('.'), Path('docs'), Path('overrides/hub'))\n"
        "assert not hub.problems, hub.problems\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('jsonschema', 'referencing')))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_schema_file_compiles():
    schemas = load_schemas(SCHEMAS)
    for name in schemas:
        Schema(name, schemas)  # raises for a schema jsonschema-rs cannot compile
