"""Load every dataset in `data/` and check it, reporting all problems at once.

A dataset is one YAML file, `data/<name>.yml`, whose top level names its `kind`. The kind picks
the JSON Schema `data/schemas/<kind>.schema.json`; the same schema is named on the file's first
line so a contributor's editor checks the file as they type. On top of the schema the hub checks
what a schema cannot: ids unique in a dataset, and every `source.id` known in `data/sources.yml`.

Every problem comes back as a `Problem` (`data/file.yml:LINE: field.path: what is wrong`).
Nothing here imports mkdocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from hub_schema import Schema, load_schemas
from hub_yaml import Document, Problem, YamlError, field_path, load_file, nodes

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


def load_validators(schema_dir: Path) -> dict[str, Schema]:
    """One `Schema` per kind of dataset, by kind."""
    schemas = load_schemas(schema_dir)
    return {name.removesuffix(".schema.json"): Schema(name, schemas)
            for name in schemas if name.removesuffix(".schema.json") not in NOT_KINDS}


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


def check_file(path: Path, display: str, validators: dict[str, Schema]) -> tuple[Dataset | None, list[Problem]]:
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
                 for p, msg in validators[kind].problems(doc.value)]
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


def walk(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, dict]]:
    """Every mapping in a parsed file, with its path."""
    return ((path + where, node) for where, node in nodes(value) if isinstance(node, dict))


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
