"""Load every dataset in `data/` and check it, reporting all problems at once.

A dataset is one YAML file, `data/<name>.yml`, whose top level names its `kind`. The kind picks
the JSON Schema `data/schemas/<kind>.schema.json`; the same schema is named on the file's first
line so a contributor's editor checks the file as they type. On top of the schema the hub checks
what a schema cannot: ids unique in a dataset, and every `source.id` known in `data/sources.yml`.

Every problem comes back as a `Problem` (`data/file.yml:LINE: field.path: what is wrong`).
Nothing here imports mkdocs.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from hub_yaml import Document, Problem, YamlError, field_path, load_file

KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SCHEMA_COMMENT = re.compile(r"^#\s*yaml-language-server:\s*\$schema=schemas/([\w-]+)\.schema\.json\s*$")
SOURCES = "sources"  # the dataset that lists the source documents
SHARED_SCHEMA = "common"  # holds $defs other schemas refer to; not a kind of its own
NOT_KINDS = {SHARED_SCHEMA, "page"}  # page.schema.json checks pages' front matter (hub_front_matter.py)


@dataclass
class Dataset:
    """One checked data file."""

    name: str
    kind: str
    file: str  # as shown to contributors, e.g. data/core-values.yml
    data: dict[str, Any]
    doc: Document

    @property
    def title(self) -> str:
        return self.data.get("title", self.name)


@dataclass
class Catalogue:
    """All datasets of a build, by name, and the source documents by id. `unreadable` names the
    data files that exist but could not be read at all (their problems are reported already)."""

    datasets: dict[str, Dataset]
    unreadable: frozenset[str] = frozenset()

    @property
    def sources(self) -> dict[str, dict[str, Any]]:
        sources = self.datasets.get(SOURCES)
        return {item["id"]: item for item in sources.data["items"]} if sources else {}


def load_validators(schema_dir: Path) -> dict[str, Draft202012Validator]:
    """One validator per kind, with `$ref`s between schema files resolved locally."""
    schemas = load_schemas(schema_dir)
    return {
        name.removesuffix(".schema.json"): schema_validator(name, schemas)
        for name in schemas
        if name.removesuffix(".schema.json") not in NOT_KINDS
    }


def load_schemas(schema_dir: Path) -> dict[str, dict[str, Any]]:
    """Every `*.schema.json` in `schema_dir`, by file name (which is also its `$id`)."""
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(schema_dir.glob("*.schema.json"))}


def schema_validator(name: str, schemas: dict[str, dict[str, Any]]) -> Draft202012Validator:
    """The validator for schema file `name`, its `$ref`s to the other files put in place.

    jsonschema resolves a `$ref` through its registry every time it meets one, which is most of
    the cost of checking a dataset; the schemas are small and not recursive, so each `$ref` is
    replaced once, here, by what it names (`allOf: [...]` where the `$ref` has sibling keywords,
    so a sibling `description` does not replace the target's). Errors and messages are the
    same: jsonschema reports a failure under `allOf` exactly as under `$ref`. A `$ref` that
    cannot be put in place (another file, a cycle) stays, and the registry resolves it.
    """
    registry = Registry().with_resources((n, Resource.from_contents(s)) for n, s in schemas.items())
    return Draft202012Validator(_inline_refs(schemas[name], schemas, name, ()), registry=registry)


def _inline_refs(node: Any, schemas: dict[str, Any], base: str, seen: tuple[str, ...]) -> Any:
    if isinstance(node, list):
        return [_inline_refs(item, schemas, base, seen) for item in node]
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
            resolved = _inline_refs(target, schemas, document or base, seen + (target_id,))
            if len(node) == 1:
                return resolved
            result["allOf"] = [resolved]
        else:
            result[key] = _inline_refs(value, schemas, base, seen)
    return result


def load_catalogue(data_dir: Path, root: Path) -> tuple[Catalogue, list[Problem]]:
    """Load and check every `*.yml` in `data_dir`. Paths in problems are relative to `root`."""
    validators = load_validators(data_dir / "schemas")
    datasets: dict[str, Dataset] = {}
    problems: list[Problem] = []
    unreadable: set[str] = set()
    for path in sorted(data_dir.glob("*.y*ml")):
        display = path.relative_to(root).as_posix()
        try:
            dataset, found = check_file(path, display, validators)
        except YamlError as err:
            dataset, found = None, err.problems
        problems += found
        if dataset:
            datasets[dataset.name] = dataset
        else:
            unreadable.add(path.stem)
    catalogue = Catalogue(datasets, frozenset(unreadable))
    if SOURCES not in datasets and not any(p.file.endswith(f"/{SOURCES}.yml") for p in problems):
        problems.append(Problem(f"{data_dir.relative_to(root).as_posix()}/{SOURCES}.yml", 1, "",
                                "missing; the hub needs the list of source documents"))
    known = set(catalogue.sources)
    for dataset in datasets.values():
        problems += check_source_ids(dataset, known)
    return catalogue, sorted(problems)


def check_file(path: Path, display: str, validators: dict[str, Draft202012Validator]) -> tuple[Dataset | None, list[Problem]]:
    """Parse one file and check it against its kind's schema and the id rules."""
    doc = load_file(path, display)
    problems: list[Problem] = []
    name = path.stem
    if path.suffix != ".yml":
        problems.append(Problem(display, 1, "", "data files end in .yml; rename the file"))
    if not KEBAB.match(name):
        problems.append(Problem(display, 1, "", f"the file name '{name}' is not kebab-case; "
                                "use lowercase words joined by hyphens, like core-values.yml"))
    if not isinstance(doc.value, dict):
        found = "a list" if isinstance(doc.value, list) else f"the value {doc.value!r}"
        return None, problems + [Problem(display, 1, "", f"the top level is {found}; expected a mapping "
                                         "of fields (kind:, title:, items: ...)")]
    kind = doc.value.get("kind")
    if kind not in validators:
        kinds = ", ".join(sorted(validators))
        what = "missing" if kind is None else f"'{kind}' is not a kind of dataset"
        return None, problems + [Problem(display, doc.line_of(("kind",)), "kind", f"{what}; expected one of: {kinds}")]
    problems += check_schema_comment(doc.text, display, kind)
    problems += [Problem(display, doc.line_of(p), field_path(p), msg)
                 for p, msg in schema_problems(validators[kind], doc.value)]
    problems += check_unique_ids(doc, display)
    return Dataset(name, kind, display, doc.value, doc), problems


def check_schema_comment(text: str, display: str, kind: str) -> list[Problem]:
    """The first line tells the contributor's editor which schema to use: it must match the kind."""
    first = text.split("\n", 1)[0]
    match = SCHEMA_COMMENT.match(first)
    if match and match.group(1) == kind:
        return []
    return [Problem(display, 1, "", "the first line should be "
                    f"'# yaml-language-server: $schema=schemas/{kind}.schema.json' so editors can check the file")]


def schema_problems(validator: Draft202012Validator, value: Any) -> list[tuple[tuple, str]]:
    """Each schema violation as (path, plain message)."""
    found = []
    for error in sorted(validator.iter_errors(value), key=lambda e: list(map(str, e.absolute_path))):
        found += describe(error)
    return found


def describe(error: ValidationError) -> list[tuple[tuple, str]]:
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


def walk(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, dict]]:
    """Every mapping in a parsed file, with its path."""
    if isinstance(value, dict):
        yield path, value
        for key, item in value.items():
            yield from walk(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from walk(item, path + (i,))


def check_unique_ids(doc: Document, display: str) -> list[Problem]:
    """Saved answers are keyed by id, so an id may appear once in a dataset."""
    seen: dict[str, int] = {}
    problems = []
    for path, mapping in walk(doc.value):
        ident = mapping.get("id")
        if not isinstance(ident, str) or path == () or path[-1] == "source":
            continue  # a source reference names a document; it is not an item
        line = doc.line_of(path + ("id",))
        if ident in seen:
            problems.append(Problem(display, line, field_path(path + ("id",)),
                                    f"'{ident}' is already used on line {seen[ident]}; ids must be unique in a dataset"))
        else:
            seen[ident] = line
    return problems


def check_source_ids(dataset: Dataset, known: set[str]) -> list[Problem]:
    """Every `source: {id: ...}` must name a document in data/sources.yml."""
    problems = []
    for path, mapping in walk(dataset.data):
        source = mapping.get("source")
        if isinstance(source, dict) and isinstance(source.get("id"), str) and source["id"] not in known:
            where = path + ("source", "id")
            problems.append(Problem(dataset.file, dataset.doc.line_of(where), field_path(where),
                                    f"unknown source '{source['id']}'; expected one of: {', '.join(sorted(known))}"))
    return problems
