"""Strict YAML reading for the hub's data and front matter.

PyYAML's `safe_load` is close to what contributors need but loses three things we care about:
the line each value came from, keys given twice (it silently keeps the last), and a readable
message for the mistakes people actually make (tabs, bad encoding, Python tags). This module
composes the YAML node tree with the safe loader and builds plain Python values from it,
recording a line number for every path, so later checks can say `data/file.yml:12: items[3].id`.

Nothing here imports mkdocs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# Tags a contributor may use (implicitly). Anything else (`!!python/object`, `!custom`) is refused.
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"
SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}

Path_ = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a contributor's file, printable as `file:line: field: message`."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.field}: " if self.field else ""
        return f"{self.file}:{self.line}: {where}{self.message}"


class YamlError(Exception):
    """Raised with the problems that stop a file being read at all."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


@dataclass
class Document:
    """A parsed YAML document with the line of every value, keyed by its path."""

    value: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)


def field_path(path: Path_) -> str:
    """`("items", 3, "id")` -> `items[3].id`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def read_text(path: Path, display: str) -> str:
    """Read UTF-8 text, turning a bad byte into a Problem with its line."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise YamlError([Problem(display, line, "", "the file is not UTF-8 text; save it as UTF-8")]) from None


def parse(text: str, display: str, line_offset: int = 0) -> Document:
    """Parse one YAML document strictly. `line_offset` shifts reported lines (for front matter)."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        raise YamlError([_syntax_problem(err, display, line_offset)]) from None
    if node is None:
        raise YamlError([Problem(display, 1 + line_offset, "", "the file is empty; expected a mapping of fields")])
    doc = Document(None)
    problems: list[Problem] = []
    doc.value = _build(node, (), doc, problems, display, line_offset)
    if problems:
        raise YamlError(problems)
    return doc


def load_file(path: Path, display: str) -> Document:
    """Read and parse a YAML file (see `parse`)."""
    return parse(read_text(path, display), display)


def _syntax_problem(err: yaml.MarkedYAMLError, display: str, line_offset: int) -> Problem:
    mark = err.problem_mark or err.context_mark
    if err.context_mark and "<stream end>" in (err.problem or ""):
        mark = err.context_mark  # an unclosed bracket or quote: point at where it opened
    line = (mark.line + 1 if mark else 1) + line_offset
    problem = err.problem or "invalid YAML"
    if "'\\t'" in problem:
        message = "a tab is used for indentation; YAML needs spaces"
    else:
        context = f" ({err.context})" if err.context else ""
        message = f"YAML syntax error: {problem}{context}; check indentation, colons and quotes"
    return Problem(display, line, "", message)


_scalars = yaml.SafeLoader("")


def _build(node: yaml.Node, path: Path_, doc: Document, problems: list[Problem], display: str, offset: int) -> Any:
    line = node.start_mark.line + 1 + offset
    doc.lines[path] = line
    where = field_path(path)
    if isinstance(node, yaml.MappingNode) and node.tag == MAP_TAG:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in SCALAR_TAGS:
                problems.append(Problem(display, key_node.start_mark.line + 1 + offset, where, "a key must be a plain word"))
                continue
            key = str(key_node.value)
            if key in result:
                key_line = key_node.start_mark.line + 1 + offset
                first = doc.lines[path + (key,)]
                problems.append(Problem(display, key_line, field_path(path + (key,)),
                                        f"given twice (first on line {first}); keep one"))
                continue
            result[key] = _build(value_node, path + (key,), doc, problems, display, offset)
            doc.lines[path + (key,)] = key_node.start_mark.line + 1 + offset
        return result
    if isinstance(node, yaml.SequenceNode) and node.tag == SEQ_TAG:
        return [_build(item, path + (i,), doc, problems, display, offset) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.ScalarNode) and node.tag in SCALAR_TAGS:
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value  # keep dates as the text the contributor wrote
        return _scalars.construct_object(node)
    problems.append(Problem(display, line, where, f"the YAML tag '{node.tag}' is not allowed; use plain text, lists and mappings"))
    return None
