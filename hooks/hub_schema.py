"""Check a value (a dataset, a page's front matter) against a JSON Schema in `data/schemas/`, and
say what is wrong in plain words.

In: the schema folder, a schema's file name, a parsed value. Out: `(path, message)` pairs, such
as `(("items", 2, "id"), "missing; this field is required")`; the callers add file and line.

Two validators check the same schema (JSON Schema draft 2020-12):

- jsonschema-rs (Rust) answers "is this valid?" in a few microseconds; almost every value in a
  build is valid, so this is nearly all the checking a build does.
- jsonschema (Python) explains what is wrong. It is imported and used only when jsonschema-rs
  finds a value invalid, or cannot read it, so every message is the Python validator's, as before.

The fast answer is trusted only when it says "valid". Where the two could differ, jsonschema-rs
is the stricter (its `$` in a `pattern` does not match before a final newline, as Python's `re`
does): then the Python check runs and has the last word. tests/test_hub_schema.py checks the two
agree on thousands of broken variants of the real datasets and front matter.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from hub_yaml import Path_  # a place in a value: keys and list indexes, from the top

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError


def load_schemas(schema_dir: Path) -> dict[str, dict[str, Any]]:
    """Every `*.schema.json` in `schema_dir`, by file name (which is also its `$id`).

    Raises OSError or json.JSONDecodeError for a missing or broken schema file (the hub's own
    files, not a contributor's data).
    """
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(schema_dir.glob("*.schema.json"))}


class Schema:
    """One schema file, its `$ref`s put in place, ready to check values against.

    `$ref`s are replaced once, here, by what they name (`allOf: [...]` where the `$ref` has
    sibling keywords, so a sibling `description` does not replace the target's): resolving a
    `$ref` on every use is most of the Python validator's cost. Messages are the same; jsonschema
    reports a failure under `allOf` exactly as under `$ref`. A `$ref` that cannot be put in place
    (a cycle, an unknown file) stays, and each validator resolves it from the other schema files.
    """

    def __init__(self, name: str, schemas: dict[str, dict[str, Any]]):
        self.name = name
        self.schemas = schemas
        self.contents = inline_refs(schemas[name], schemas, name, ())
        registry = jsonschema_rs.Registry([(uri(n), s) for n, s in schemas.items()])
        self._fast = jsonschema_rs.validator_for(self.contents, registry=registry, base_uri=uri(name))
        self._full: Draft202012Validator | None = None

    def problems(self, value: Any) -> list[tuple[Path_, str]]:
        """Each way `value` breaks the schema, as (path, plain message), sorted by path; [] if valid."""
        try:
            if self._fast.is_valid(value):
                return []
        except ValueError:  # a value JSON has no type for (jsonschema-rs says "Unsupported type")
            pass
        return self.explain(value)

    def explain(self, value: Any) -> list[tuple[Path_, str]]:
        """What the Python validator alone finds wrong with `value` (the messages `problems` gives)."""
        errors = sorted(self.full.iter_errors(value), key=lambda e: list(map(str, e.absolute_path)))
        return [found for error in errors for found in describe(error)]

    @property
    def full(self) -> Draft202012Validator:
        """The Python validator, made (and jsonschema imported) the first time a value is invalid."""
        if self._full is None:
            from jsonschema import Draft202012Validator
            from referencing import Registry, Resource

            # Known by file name, as their `$id`s say; jsonschema-rs needs the absolute `uri`.
            registry = Registry().with_resources((n, Resource.from_contents(s)) for n, s in self.schemas.items())
            self._full = Draft202012Validator(self.contents, registry=registry)
        return self._full


def uri(name: str) -> str:
    """The absolute address jsonschema-rs knows schema file `name` by (its `$id` is relative)."""
    return f"https://schemas.peer-support-hub.invalid/{name}"


def inline_refs(node: Any, schemas: dict[str, Any], base: str, seen: tuple[str, ...]) -> Any:
    """`node` with every `$ref` it can put in place replaced by its target (see `Schema`)."""
    if isinstance(node, list):
        return [inline_refs(item, schemas, base, seen) for item in node]
    if not isinstance(node, dict):
        return node
    result: dict[str, Any] = {}
    for key, value in node.items():
        if key == "$defs":
            result[key] = value  # only reached through a $ref
        elif key == "$ref" and isinstance(value, str) and "allOf" not in node:
            document, _, pointer = value.partition("#")
            target_id = f"{document or base}#{pointer}"
            if (document or base) not in schemas or target_id in seen:
                result[key] = value
                continue
            target: Any = schemas[document or base]
            for part in filter(None, pointer.split("/")):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            resolved = inline_refs(target, schemas, document or base, seen + (target_id,))
            if len(node) == 1:
                return resolved
            result["allOf"] = [resolved]
        else:
            result[key] = inline_refs(value, schemas, base, seen)
    return result


def describe(error: ValidationError) -> list[tuple[Path_, str]]:
    """Turn a jsonschema error into what is wrong and what was expected, for a non-programmer."""
    path = tuple(error.absolute_path)
    rule, expected, instance, schema = error.validator, error.validator_value, error.instance, error.schema
    if rule == "required":
        return [(path + (name,), "missing; this field is required")
                for name in expected if isinstance(instance, dict) and name not in instance]
    if rule == "additionalProperties" and isinstance(instance, dict):
        allowed = sorted(schema.get("properties", {}))
        return [(path + (name,), f"unknown field; expected one of: {', '.join(allowed)}")
                for name in sorted(set(instance) - set(allowed))]
    if rule == "type":
        return [(path, f"expected {_a(expected)}, found {_kind_of(instance)}")]
    if rule == "pattern":
        hint = schema.get("description", f"text matching {expected}")
        return [(path, f"{instance!r} is not in the expected form: {hint}")]
    if rule == "enum":
        return [(path, f"{instance!r} is not allowed; expected one of: {', '.join(map(str, expected))}")]
    if rule == "const":
        return [(path, f"expected {expected!r}, found {instance!r}")]
    if rule in ("minItems", "maxItems"):
        word = "at least" if rule == "minItems" else "at most"
        return [(path, f"has {len(instance)} item(s); expected {word} {expected}")]
    if rule == "minLength":
        return [(path, "is empty; expected some text")]
    if rule in ("minimum", "maximum"):
        word = "at least" if rule == "minimum" else "at most"
        return [(path, f"{instance!r} is out of range; expected {word} {expected}")]
    return [(path, error.message)]


def _a(expected: str | list[str]) -> str:
    names = {"string": "text", "object": "a mapping of fields", "array": "a list", "integer": "a whole number",
             "number": "a number", "boolean": "true or false", "null": "nothing"}
    kinds = [expected] if isinstance(expected, str) else expected
    return " or ".join(names.get(k, k) for k in kinds)


def _kind_of(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, dict):
        return "a mapping of fields"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"the text {value!r}"
