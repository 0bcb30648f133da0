"""Strict YAML reading for the hub's data files and page front matter.

PyYAML's `safe_load` is close to what contributors need but gets in their way in ways that
change what they typed, or that hang the build:

- it reads YAML 1.1, where `065` is the octal number 53, `1:30` is 90, `no`/`on` are false/true,
  and `~` is nothing; editors (YAML 1.2) read several of these differently again;
- it expands aliases (`*x`), so a few hundred bytes can ask for gigabytes, and an anchor that
  refers to itself never ends;
- it forgets where each value came from, and silently keeps the last of a key given twice.

This module reads the parser's *events* (never PyYAML's composer or constructor) and builds
plain Python values from them in one pass, with the line of every path, so later checks can say
`data/file.yml:12: items[3].id: ...`. Plain (unquoted) scalars go through `resolve_plain`, a
YAML 1.2-core resolver narrowed to what a contributor means: `true`/`false`, `null` or nothing,
whole numbers and decimals written the way they will be shown, and text. A plain value that
some YAML reader would take for something other than what was typed (MkDocs reads front matter
as YAML 1.1) is refused with a located problem saying how to write it. Anchors, aliases, merge
keys, tags other than `!!str`, several documents in one file and nesting deeper than
`MAX_DEPTH` are refused at the event that introduces them, before anything is expanded, so any
file is read in time and memory proportional to its size.

`decode` is the one rule for turning a contributor's file into text (UTF-8 with or without a
byte order mark, UTF-16 with one, or Windows-1252 as Word saves plain text; any line endings),
shared by data files and pages.

The parser is libyaml's (`yaml.CSafeLoader`) when PyYAML was built with it, else PyYAML's own;
both give the same values, lines and messages here. Nothing here imports mkdocs.
"""

from __future__ import annotations

import codecs
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml
from yaml.events import (AliasEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent,
                         ScalarEvent, SequenceEndEvent, SequenceStartEvent, StreamEndEvent)

#: The parser used for events: libyaml's when available (about ten times faster), else PyYAML's.
PARSER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Deeper nesting than this is refused; the hub's data needs about six levels.
MAX_DEPTH = 50
#: Reading a file stops after this many problems (a file of 100,000 repeated keys stays quick).
MAX_PROBLEMS = 100

STR_TAG = "tag:yaml.org,2002:str"
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"

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
    text: str = ""  # the decoded text the document was read from

    def line_of(self, path: Path_) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)


def nodes(value: Any) -> Iterator[tuple[Path_, Any]]:
    """Every value in parsed data with its path, in the order of the file (the top first).

    One loop with a stack, not recursion: a recursive generator pays for every level above each
    value it hands out, and the checks walk every dataset.
    """
    stack: list[tuple[Path_, Any]] = [((), value)]
    while stack:
        path, node = stack.pop()
        yield path, node
        if isinstance(node, dict):
            stack.extend((path + (key,), item) for key, item in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend((path + (i,), node[i]) for i in range(len(node) - 1, -1, -1))


def field_path(path: Path_) -> str:
    """`("items", 3, "id")` -> `items[3].id`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


# --- Reading files -------------------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def decode(raw: bytes, display: str) -> str:
    """The text of a contributor's file, however a Windows or Mac editor saved it.

    A byte order mark picks the encoding (Notepad's UTF-8 with BOM, and "Unicode", UTF-16 LE or
    BE); without one the file is UTF-8, or else Windows-1252, the plain-text encoding of Word
    and older Notepad on British Windows (curly quotes as bytes 0x91-0x94). Line endings CRLF
    and CR become LF, as Python's universal newlines (and so MkDocs) read them, which keeps line
    numbers the same in every editor. Raises `YamlError` (located at the first bad byte) when the
    bytes are none of these.
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            body = raw[len(bom):]
            try:
                text = body.decode(encoding)
            except UnicodeDecodeError as err:
                raise _not_text(display, body[:err.start].decode(encoding, "replace")) from None
            break
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as utf8_err:
            try:
                text = raw.decode("cp1252")
            except UnicodeDecodeError:
                raise _not_text(display, raw[:utf8_err.start].decode("utf-8")) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _not_text(display: str, before: str) -> YamlError:
    line = before.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    return YamlError([Problem(display, line, "", "the file is not text the hub can read; save it as UTF-8 "
                              "(in Notepad: Save as, Encoding: UTF-8)")])


def read_text(path: Path, display: str) -> str:
    """Read a contributor's file as text (see `decode`)."""
    return decode(path.read_bytes(), display)


def load_file(path: Path, display: str) -> Document:
    """Read and parse a YAML file (see `decode` and `parse`)."""
    return parse(read_text(path, display), display)


# --- Plain scalars -------------------------------------------------------------------------

class Unclear(ValueError):
    """A plain scalar that would not mean what was typed; the message says how to write it."""


_INT = re.compile(r"(?:0|-?[1-9][0-9]*)\Z")
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+\Z")
# YAML 1.2 core schema (what contributors' editors read) beyond the forms accepted above.
_CORE_NUMBER = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z|0o[0-7]+\Z|0x[0-9a-fA-F]+\Z"
                          r"|[-+]?\.(?:inf|Inf|INF)\Z|\.(?:nan|NaN|NAN)\Z")
_CORE_WORDS = {"true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL", "~"}
# A plain scalar not matching this is text for every reader (a quick first test; most are text).
_MAYBE_NOT_TEXT = re.compile(r"[-+.0-9~<=]|(?:y|yes|n|no|true|false|on|off|null)\Z", re.IGNORECASE)
_YAML11 = yaml.resolver.Resolver()  # YAML 1.1, as PyYAML (and so MkDocs's front matter) reads it
_YAML11_VALUES = yaml.SafeLoader("")


def resolve_plain(text: str) -> Any:
    """The value of an unquoted scalar, or `Unclear` if it might not mean what was typed.

    Accepted: nothing or `null` (None), `true` and `false`, whole numbers and decimals written as
    they will be shown (`65`, `-3`, `12.5`), and any text that every YAML reader takes as text
    (dates like 2024-01-01 stay text). Refused, with how to write it instead: other spellings of
    true/false/null (`yes`, `No`, `on`, `OFF`, `True`, `~`), numbers YAML would change (`065` is
    octal 53, `1:30` is 90, `0x1F`, `1_000`, `+5`, `1.50`, `1e3`, `.inf`), and YAML's `<<` and `=`.
    """
    if text and not _MAYBE_NOT_TEXT.match(text):
        return text
    if text == "" or text == "null":
        return None
    if text == "true" or text == "false":
        return text == "true"
    if _INT.match(text):
        if len(text) < 4000:  # Python refuses to read longer digit strings as int
            return int(text)
        raise Unclear(f"{_short(text)} is too long for a number; put it in quotes if it is text")
    if _DECIMAL.match(text) and repr(float(text)) == text:
        return float(text)
    tag = _YAML11.resolve(yaml.ScalarNode, text, (True, False))
    core = text in _CORE_WORDS or _CORE_NUMBER.match(text)
    if tag in (STR_TAG, "tag:yaml.org,2002:timestamp") and not core:
        return text
    raise Unclear(_unclear_message(text, tag))


def _unclear_message(text: str, tag: str) -> str:
    quoted = f"put it in quotes ('{text}')" if "'" not in text else f'put it in quotes ("{text}")'
    lowered = text.lower()
    if lowered in ("true", "false"):
        return f"{text} is not read as {lowered} by every YAML reader; write {lowered} in lowercase, or {quoted} if it is text"
    if lowered in ("yes", "no", "on", "off"):
        answer = "true" if lowered in ("yes", "on") else "false"
        return (f"{text} is read as {answer} by some YAML readers and as text by others; "
                f"write {answer} for yes/no, or {quoted} if it is text")
    if lowered in ("null", "~"):
        return f"{text} is read as an empty value; leave the value empty, or {quoted} if it is text"
    if text in ("<<", "="):
        return f"{text} has a special meaning in YAML; {quoted}"
    value = _yaml11_number(text, tag)
    verb = "is read by YAML" if tag != STR_TAG else "may be read by YAML"
    if ":" in text:
        return f"{text} {verb} as the number {value} (minutes and seconds), not as typed; {quoted}"
    if isinstance(value, float) and not math.isfinite(value):
        return f"{text} {verb} as a special number, not as typed; {quoted} if it is text"
    if re.match(r"[-+]?0[0-9_]+\Z", text):  # a leading zero: octal in YAML 1.1
        meant = str(int(text.replace("_", ""), 10))
        why = f"(a leading 0 means octal), not {meant}" if _shown(value) != meant else "without its leading 0"
        return f"{text} {verb} as the number {_shown(value)} {why}; write {meant}, or {quoted} to keep the 0"
    shown = _shown(value)
    return f"{text} {verb} as the number {shown}, not as typed; write {shown}, or {quoted} to keep it as typed"


def _yaml11_number(text: str, tag: str) -> Any:
    """What YAML 1.1 (or, for forms only YAML 1.2 has, Python) makes of a number-like text."""
    if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
        try:
            return _YAML11_VALUES.construct_object(yaml.ScalarNode(tag, text))
        except ValueError:
            pass
    cleaned = text.replace("_", "")
    for read in (lambda t: int(t, 0), float):
        try:
            return read(cleaned)
        except ValueError:
            pass
    return text


def _shown(value: Any) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return str(value)


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


# --- Parsing -------------------------------------------------------------------------------

class _Stop(Exception):
    """A problem after which the rest of the file cannot be read safely."""

    def __init__(self, problem: Problem):
        self.problem = problem


def parse(text: str, display: str, line_offset: int = 0) -> Document:
    """Parse one YAML document strictly. `line_offset` shifts reported lines (for front matter).

    Returns a `Document` (values: dict, list, str, int, float, bool, None). Raises `YamlError`
    with every problem found, or with the single problem that stopped reading (a syntax error,
    an anchor or alias, nesting deeper than `MAX_DEPTH`, a second document).
    """
    reader = None
    try:
        reader = _Reader(text, display, line_offset)
        value = reader.read()
    except _Stop as stop:
        raise YamlError([*reader.problems, stop.problem] if reader else [stop.problem]) from None
    except yaml.MarkedYAMLError as err:
        raise YamlError([_syntax_problem(err, text, display, line_offset)]) from None
    except yaml.reader.ReaderError as err:
        raise YamlError([_reader_problem(err, text, display, line_offset)]) from None
    finally:
        if reader is not None:
            reader.dispose()
    if reader.problems:
        raise YamlError(reader.problems)
    reader.doc.value = value
    return reader.doc


class _Reader:
    """Builds values from parser events, refusing what the hub does not allow (see module)."""

    def __init__(self, text: str, display: str, offset: int):
        self.parser = PARSER(text)
        self.display = display
        self.offset = offset
        self.doc = Document(None, text=text)
        self.problems: list[Problem] = []

    def dispose(self) -> None:
        self.parser.dispose()

    def line(self, event: Any) -> int:
        return event.start_mark.line + 1 + self.offset

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)
        if len(self.problems) >= MAX_PROBLEMS:
            more = Problem(problem.file, problem.line, "", f"stopped reading after {MAX_PROBLEMS} problems; fix these first")
            raise _Stop(more)

    def problem(self, event: Any, path: Path_, message: str) -> Problem:
        return Problem(self.display, self.line(event), field_path(path), message)

    def read(self) -> Any:
        get = self.parser.get_event
        get()  # stream start
        event = get()
        if isinstance(event, StreamEndEvent):
            raise _Stop(Problem(self.display, 1 + self.offset, "", "the file is empty; expected a mapping of fields"))
        assert isinstance(event, DocumentStartEvent)
        value = self.value(get(), (), 0)
        get()  # document end
        event = get()
        if not isinstance(event, StreamEndEvent):
            raise _Stop(self.problem(event, (), "a second YAML document starts here (after '---'); "
                                     "a file holds one document: remove the '---' line or split the file"))
        return value

    def value(self, event: Any, path: Path_, depth: int) -> Any:
        self.doc.lines[path] = self.line(event)
        if isinstance(event, AliasEvent):
            raise _Stop(self.problem(event, path, f"'*{event.anchor}' is a YAML alias, which the hub does not allow; "
                                     "write the value out in full, or put the text in quotes if it starts with *"))
        if event.anchor is not None:
            raise _Stop(self.problem(event, path, f"'&{event.anchor}' is a YAML anchor, which the hub does not allow; "
                                     "remove it and write each value out in full, or put the text in quotes"))
        if isinstance(event, ScalarEvent):
            return self.scalar(event, path)
        if depth >= MAX_DEPTH:
            raise _Stop(self.problem(event, (), f"nested more than {MAX_DEPTH} levels deep; "
                                     "check for brackets or indentation that do not close"))
        if isinstance(event, SequenceStartEvent):
            self.check_tag(event, path, SEQ_TAG)
            return self.sequence(path, depth)
        if isinstance(event, MappingStartEvent):
            self.check_tag(event, path, MAP_TAG)
            return self.mapping(path, depth)
        raise AssertionError(f"unexpected YAML event {event}")  # pragma: no cover - the parser guarantees this

    def check_tag(self, event: Any, path: Path_, allowed: str) -> None:
        if event.tag not in (None, "!", allowed):
            self.add(self.problem(event, path, f"the YAML tag '{event.tag}' is not allowed; "
                                              "use plain text, lists and mappings"))

    def scalar(self, event: ScalarEvent, path: Path_) -> Any:
        if event.tag not in (None, "!", STR_TAG):
            self.check_tag(event, path, STR_TAG)
            return None
        if event.tag is not None or event.style:  # quoted, block (| >) or tagged !!str: text as typed
            return event.value
        try:
            return resolve_plain(event.value)
        except Unclear as unclear:
            self.add(self.problem(event, path, str(unclear)))
            return event.value

    def sequence(self, path: Path_, depth: int) -> list[Any]:
        items: list[Any] = []
        get = self.parser.get_event
        event = get()
        while not isinstance(event, SequenceEndEvent):
            items.append(self.value(event, path + (len(items),), depth + 1))
            event = get()
        return items

    def mapping(self, path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        get = self.parser.get_event
        event = get()
        while not isinstance(event, MappingEndEvent):
            key = self.key(event, path, depth)
            value_event = get()
            if key is not None and key in result:
                first = self.doc.lines[path + (key,)]
                self.add(self.problem(event, path + (key,), f"given twice (first on line {first}); keep one"))
                key = None
            if key is None:
                self.skip(value_event, path, depth)
            else:
                result[key] = self.value(value_event, path + (key,), depth + 1)
                self.doc.lines[path + (key,)] = self.line(event)
            event = get()
        return result

    def key(self, event: Any, path: Path_, depth: int) -> str | None:
        """The text of a mapping key, or None (with a problem) if it is not a plain word."""
        if isinstance(event, AliasEvent) or event.anchor is not None:
            self.value(event, path, depth)  # raises: anchors and aliases stop the reading
        if isinstance(event, ScalarEvent) and event.anchor is None and event.tag in (None, "!", STR_TAG):
            if event.style or event.tag is not None:
                return event.value
            if event.value == "<<":
                self.add(self.problem(event, path, "'<<' (a YAML merge key) is not allowed; "
                                                  "write the fields out in full"))
                return None
            try:
                key = resolve_plain(event.value)
            except Unclear as unclear:
                self.add(self.problem(event, path, f"a key must be a plain word: {unclear}"))
                return None
            if isinstance(key, str):
                return key
        self.skip(event, path, depth)  # anchors and aliases stop the reading here
        self.add(self.problem(event, path, "a key must be a plain word"))
        return None

    def skip(self, event: Any, path: Path_, depth: int) -> None:
        """Read past a value that will not be kept, still reporting what is wrong inside it."""
        kept, self.doc.lines = self.doc.lines, {}
        try:
            self.value(event, path + ("?",), depth + 1)
        finally:
            self.doc.lines = kept


def _syntax_problem(err: yaml.MarkedYAMLError, text: str, display: str, line_offset: int) -> Problem:
    """A parser's syntax error in the hub's words, the same whichever parser (libyaml or PyYAML's) found it."""
    problem, context = err.problem or "", err.context or ""
    mark = err.problem_mark or err.context_mark
    opened = err.context_mark or mark
    if "flow sequence" in context or "flow mapping" in context:
        mark = opened  # point at the bracket that is not closed
        bracket = "[" if "sequence" in context else "{"
        closing = "]" if bracket == "[" else "}"
        message = (f"the '{bracket}' on this line is not closed with '{closing}', or a ',' is missing between "
                   "its items; put text that holds [ ] { } , in quotes")
    elif "flow node" in context:
        message = "a '[' or '{' is not closed before the end of the file; put text that holds [ ] { } , in quotes"
    elif "quoted scalar" in context:
        mark = opened
        message = "the quote that opens on this line is not closed; end the text with the same quote mark"
    elif "tab character" in problem or _char_at(text, mark) == "'\\t'":
        return Problem(display, _line(mark, line_offset), "", "a tab is used for indentation; YAML needs spaces")
    elif "alias" in context or "anchor" in context:
        message = "a value starting with * or & is read as a YAML alias or anchor; put the text in quotes"
    elif "cannot start any token" in problem:
        found = _char_at(text, mark)
        message = f"a value cannot start with {found}; put the text in quotes"
    elif "mapping values are not allowed" in problem:
        message = ("a ':' where YAML did not expect one: a field name on this line or the line before may be "
                   "missing its ':', or a value holds ': ' and needs quotes")
    elif "block mapping" in context or "block collection" in context:
        message = ("this line is not indented like the lines before it; give fields at the same level "
                   "the same number of spaces, and start every list item with '- '")
    elif "maximum nesting depth" in problem:
        return Problem(display, _line(mark, line_offset), "", f"nested more than {MAX_DEPTH} levels deep; "
                       "check for brackets or indentation that do not close")
    else:
        where = f" ({context})" if context else ""
        message = f"{problem or 'invalid YAML'}{where}; check indentation, colons and quotes"
    return Problem(display, _line(mark, line_offset), "", f"YAML syntax error: {message}")


def _line(mark: Any, offset: int) -> int:
    return (mark.line + 1 if mark else 1) + offset


def _char_at(text: str, mark: Any) -> str:
    lines = text.split("\n")
    if mark and mark.line < len(lines) and mark.column < len(lines[mark.line]):
        return repr(lines[mark.line][mark.column])
    return "this character"


def _reader_problem(err: yaml.reader.ReaderError, text: str, display: str, offset: int) -> Problem:
    """A character YAML refuses (a control character), located by finding it in the text."""
    character = chr(err.character) if isinstance(err.character, int) else str(err.character)
    line = text.count("\n", 0, max(text.find(character), 0)) + 1 + offset
    return Problem(display, line, "", f"the character U+{ord(character[:1] or ' '):04X} is not allowed in YAML "
                   "(an invisible control character, often pasted in); delete it")
