"""The hub's own suggestions are always labelled as the hub's, never passed off as a source's.

A suggestion or question no source makes lives in a data field named `hub_...`, whose schema is
`common.schema.json#/$defs/hub-suggestion`. Every view of every dataset that shows such a field
must show it through overrides/hub/_hub-own.html, with its label, on screen and on paper (the
label is ordinary text, so it prints).
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT
from hub_data import load_catalogue, walk
from hub_render import Renderer, inline_markdown

LABEL = re.compile(r"""<span class="hub-own"><span class="hub-own__label">The hub's (suggestion|question) \(not from the source\):</span> """)
HUB_REF = "common.schema.json#/$defs/hub-suggestion"


def schema_properties(value, path=()):
    """(property name, its schema) for every property declared anywhere in a schema."""
    if isinstance(value, dict):
        for name, sub in value.get("properties", {}).items():
            yield name, sub
        for key, sub in value.items():
            yield from schema_properties(sub, path + (key,))
    elif isinstance(value, list):
        for sub in value:
            yield from schema_properties(sub, path)


def test_hub_fields_and_the_hub_suggestion_schema_go_together():
    for path in (ROOT / "data" / "schemas").glob("*.schema.json"):
        for name, schema in schema_properties(json.loads(path.read_text(encoding="utf-8"))):
            if not isinstance(schema, dict):
                continue
            refs_hub = schema.get("$ref") == HUB_REF
            assert name.startswith("hub_") == refs_hub, f"{path.name}: property {name}: a hub_ field and the hub-suggestion schema go together"


@pytest.fixture(scope="module")
def renderer():
    catalogue, problems = load_catalogue(ROOT / "data", ROOT)
    assert not problems
    return Renderer(ROOT / "overrides" / "hub", catalogue)


def hub_values(data):
    for _, mapping in walk(data):
        for key, value in mapping.items():
            if key.startswith("hub_"):
                yield key, value


def test_the_hub_has_its_own_suggestions_to_label(renderer):
    found = {name for name, d in renderer.catalogue.datasets.items() if any(hub_values(d.data))}
    assert {"readiness-indicators", "case-study-sarah", "case-study-danny", "ward-team-reflection"} <= found


def test_every_view_labels_every_hub_field_it_shows(renderer):
    unlabelled = []
    templates = renderer.env.list_templates()
    for name, dataset in renderer.catalogue.datasets.items():
        values = [str(inline_markdown(v)) for _, v in hub_values(dataset.data)]
        if not values:
            continue
        views = [None] + [t.split(".")[1] for t in templates if t.startswith(dataset.kind + ".") and t.count(".") == 2]
        shown = 0
        for view in views:
            html = renderer.render(name, view)
            for text in values:
                total = html.count(text)
                labelled = len(re.findall(LABEL.pattern + re.escape(text), html))
                shown += total
                if total != labelled:
                    unlabelled.append(f"{name} ({view or 'default'} view): {text[:50]!r} shown {total}x, labelled {labelled}x")
        assert shown, f"{name}: no view shows its hub_ fields"
    assert unlabelled == []


def test_the_self_check_labels_each_question_as_the_hubs(site):
    html = (site / "recruitment" / "self-check" / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(LABEL.pattern.replace("(suggestion|question)", "question"), html)) == 5
