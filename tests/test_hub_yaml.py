"""The hub's strict YAML reader (hooks/hub_yaml.py): values mean what was typed, anchors and
pathological files are refused quickly with a located problem, and files saved by Windows
editors read like any other. Every test runs with libyaml's parser and with PyYAML's own, which
must give the same values, lines and messages."""

from __future__ import annotations

import codecs
import time
import tracemalloc

import pytest
import yaml

import hub_yaml
from hub_pages import check_page, front_matter
from hub_yaml import YamlError, decode, parse, resolve_plain
from test_hub_data import GOOD, check

PARSERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if yaml.__with_libyaml__ else [])


@pytest.fixture(params=PARSERS, ids=lambda p: p.__name__, autouse=True)
def parser(request, monkeypatch):
    monkeypatch.setattr(hub_yaml, "PARSER", request.param)
    return request.param


def problems_of(text: str, display: str = "data/f.yml") -> list[str]:
    try:
        parse(text, display)
    except YamlError as err:
        return [str(p) for p in err.problems]
    return []


# --- 1. A value means what was typed, or the build stops saying how to write it -------------

@pytest.mark.parametrize("typed, hint", [
    ("065", "write 65, or put it in quotes ('065')"),   # YAML 1.1 octal: 53
    ("-065", "write -65"),
    ("0700", "write 700"),
    ("089", "write 89"),                                 # YAML 1.2 reads 89, PyYAML text
    ("00", "write 0"),
    ("1:30", "put it in quotes ('1:30')"),               # YAML 1.1 sexagesimal: 90
    ("9:30:00", "put it in quotes ('9:30:00')"),
    ("0x1F", "write 31"),
    ("0o17", "write 15"),
    ("0b101", "write 5"),
    ("1_000", "write 1000"),
    ("+5", "write 5"),
    ("-0", "write 0"),
    ("1e3", "write 1000"),
    ("1.5e+3", "write 1500"),
    ("1.50", "write 1.5"),
    ("100.00", "write 100"),
    (".5", "write 0.5"),
    ("1.", "write 1"),
    (".inf", "put it in quotes ('.inf')"),
    ("-.Inf", "put it in quotes"),
    (".NaN", "put it in quotes"),
    ("No", "write false for yes/no, or put it in quotes ('No')"),
    ("NO", "write false"),
    ("no", "write false"),
    ("yes", "write true for yes/no, or put it in quotes ('yes')"),
    ("Yes", "write true"),
    ("on", "write true"),
    ("ON", "write true"),
    ("off", "write false"),
    ("Off", "write false"),
    ("True", "write true in lowercase"),
    ("FALSE", "write false in lowercase"),
    ("~", "leave the value empty, or put it in quotes ('~')"),
    ("Null", "leave the value empty"),
    ("NULL", "leave the value empty"),
    ("=", "put it in quotes ('=')"),
    ("9" * 5000, "too long for a number; put it in quotes"),
])
def test_a_value_yaml_would_change_is_refused_with_how_to_write_it(typed, hint):
    text = f"kind: list\nvalue: {typed}\n"
    [problem] = problems_of(text)
    shown = typed if len(typed) < 40 else typed[:37] + "..."
    assert problem.startswith(f"data/f.yml:2: value: {shown} ")
    assert hint in problem


@pytest.mark.parametrize("typed, value", [
    ("65", 65), ("0", 0), ("-3", -3), ("12.5", 12.5), ("0.5", 0.5), ("1.0", 1.0), ("-0.25", -0.25),
    ("true", True), ("false", False), ("null", None), ("", None),
    ("y", "y"), ("n", "n"), ("Y", "Y"),                  # PyYAML (and so MkDocs) read these as text too
    ("2024-01-01", "2024-01-01"), ("2024-01-01 10:00:00", "2024-01-01 10:00:00"),  # dates stay text
    ("'065'", "065"), ('"1:30"', "1:30"), ("'yes'", "yes"), ("'~'", "~"), ("!!str 065", "065"),
    ("No way", "No way"), ("1:30 pm", "1:30 pm"), ("065 people", "065 people"), ("v1.50", "v1.50"),
    ("|\n  065\n", "065\n"), (">-\n  on\n", "on"),
])
def test_a_value_that_means_what_was_typed_is_kept(typed, value):
    assert parse(f"value: {typed}\n", "data/f.yml").value == {"value": value}


def test_the_survey_chart_example_is_refused_in_a_data_file(tmp_path):
    from conftest import ROOT
    chart = (ROOT / "data" / "secure-survey-fears.yml").read_text(encoding="utf-8")
    line = chart.split("\n").index(next(x for x in chart.split("\n") if "value: 43" in x)) + 1
    problems = check(tmp_path, {"chart.yml": chart.replace("value: 43", "value: 043", 1)})
    assert problems == [f"data/chart.yml:{line}: options[0].patients.value: 043 is read by YAML as the number 35 "
                        "(a leading 0 means octal), not 43; write 43, or put it in quotes ('043') to keep the 0"]


def test_every_unclear_value_in_a_file_is_listed_at_once():
    problems = problems_of("a: 065\nb:\n  - 1:30\n  - fine\nc: {d: off}\n")
    assert [p.split(" ")[0] for p in problems] == ["data/f.yml:1:", "data/f.yml:3:", "data/f.yml:5:"]
    assert [p.split(": ")[1] for p in problems] == ["a", "b[0]", "c.d"]


@pytest.mark.parametrize("key, message", [
    ("on", "a key must be a plain word: on is read as true by some YAML readers"),
    ("065", "a key must be a plain word: 065 is read by YAML as the number 53"),
    ("1", "a key must be a plain word"),
    ("null", "a key must be a plain word"),
    ("[a, b]", "a key must be a plain word"),
    ("<<", "'<<' (a YAML merge key) is not allowed; write the fields out in full"),
])
def test_a_key_that_is_not_a_plain_word_is_refused(key, message):
    problems = problems_of(f"title: T\n{key}: x\n")
    assert len(problems) == 1 and problems[0].startswith(f"data/f.yml:2: {message}"), problems


def test_other_tags_are_refused():
    assert problems_of("a: !!int 5\nb: !!binary aGk=\nc: !!set {x}\nd: !local x\ne: !!str 5\n") == [
        "data/f.yml:1: a: the YAML tag 'tag:yaml.org,2002:int' is not allowed; use plain text, lists and mappings",
        "data/f.yml:2: b: the YAML tag 'tag:yaml.org,2002:binary' is not allowed; use plain text, lists and mappings",
        "data/f.yml:3: c: the YAML tag 'tag:yaml.org,2002:set' is not allowed; use plain text, lists and mappings",
        "data/f.yml:4: d: the YAML tag '!local' is not allowed; use plain text, lists and mappings",
    ]


def test_front_matter_values_are_read_the_same_strict_way():
    text = "---\ntitle: Session plan\nduration: 1:30\nhide: [toc]\nprinted: yes\n---\n\n# Session plan\n"
    _, problems = check_page(text, "docs/p.md", {}, lambda kind, view: True, set())
    assert [str(p) for p in problems] == [
        "docs/p.md:3: duration: 1:30 is read by YAML as the number 90 (minutes and seconds), not as typed; "
        "put it in quotes ('1:30')",
        "docs/p.md:5: printed: yes is read as true by some YAML readers and as text by others; "
        "write true for yes/no, or put it in quotes ('yes') if it is text",
    ]


def test_resolve_plain_is_a_narrow_yaml_12_core():
    assert [resolve_plain(t) for t in ("true", "false", "null", "", "42", "-1", "2.5", "text")] == [
        True, False, None, None, 42, -1, 2.5, "text"]


# --- 2. Anchors, aliases and other pathological files: refused fast, located, bounded -------

def billion_laughs() -> str:
    """Eight levels, each listing the one before nine times: 9**8 strings if expanded."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for before, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join(f"*{before}" for _ in range(9)) + "]")
    return "\n".join(lines) + "\n"


def big(text: str, parser) -> str:
    """Skip a large input with PyYAML's pure-Python parser, whose scanner is quadratic on some
    (deep or long flow collections); the hub reads with libyaml wherever PyYAML has it."""
    if parser is yaml.SafeLoader and len(text) > 1_000:
        pytest.skip("large inputs are bounded with libyaml's parser only")
    return text


def bounded(read, seconds: float = 2.0, megabytes: int | None = 64):
    """Run `read`, failing if it takes longer or allocates more (in Python) than the bounds.
    Bounds are loose on purpose (the machine may be shared): they catch a blow-up, not a slowdown."""
    if megabytes:
        tracemalloc.start()
    start = time.perf_counter()
    try:
        return read()
    finally:
        elapsed = time.perf_counter() - start
        if megabytes:
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            assert peak < megabytes * 2**20, f"allocated {peak / 2**20:.0f} MB"
        assert elapsed < seconds, f"took {elapsed:.2f}s"


def test_billion_laughs_is_refused_at_its_first_anchor():
    text = billion_laughs()
    assert len(text.encode()) < 600
    problems = bounded(lambda: problems_of(text))
    assert problems == ["data/f.yml:1: a: '&a' is a YAML anchor, which the hub does not allow; "
                        "remove it and write each value out in full, or put the text in quotes"]


@pytest.mark.parametrize("text, expected", [
    ("a: &a [*a]\n", "data/f.yml:1: a: '&a' is a YAML anchor"),                        # refers to itself
    ("a: &a {b: *a}\n", "data/f.yml:1: a: '&a' is a YAML anchor"),
    ("a: 1\nb: *a\n", "data/f.yml:2: b: '*a' is a YAML alias, which the hub does not allow"),
    ("items:\n  - x\n  - *x\n", "data/f.yml:3: items[1]: '*x' is a YAML alias"),
    ("base: &base {a: 1}\nother:\n  <<: *base\n", "data/f.yml:1: base: '&base' is a YAML anchor"),
    ("other:\n  <<: {a: 1}\n", "data/f.yml:2: other: '<<' (a YAML merge key) is not allowed"),
    ("&top\na: 1\n", "data/f.yml:1: '&top' is a YAML anchor"),
    ("? &k a\n: 1\n", "data/f.yml:1: '&k' is a YAML anchor"),
    ("*k : 1\n", "data/f.yml:1: '*k' is a YAML alias"),
    ("text: *Important* step\n", "data/f.yml:1: YAML syntax error: a value starting with * or & is read as a YAML alias"),
])
def test_anchors_aliases_and_merge_keys_are_refused_with_a_located_line(text, expected):
    problems = bounded(lambda: problems_of(text))
    assert len(problems) == 1 and problems[0].startswith(expected), problems


def test_anchors_in_front_matter_are_refused():
    _, problems = front_matter("---\ntitle: &t T\ndescription: *t\n---\n", "docs/p.md")
    assert [str(p) for p in problems] == ["docs/p.md:2: title: '&t' is a YAML anchor, which the hub does not allow; "
                                          "remove it and write each value out in full, or put the text in quotes"]


NESTING = "nested more than 50 levels deep; check for brackets or indentation that do not close"


@pytest.mark.parametrize("text", [
    "a: " + "[" * 51 + "]" * 51 + "\n",
    "a: " + "[" * 1000 + "\n",
    "a: " + "[" * 900_000 + "\n",
    "a: " + "{b: " * 200_000 + "\n",
    "- " * 400_000 + "x\n",
    "".join(" " * i + "a:\n" for i in range(1300)),
], ids=["51-flow", "1000-flow-unclosed", "900k-flow", "200k-flow-maps", "400k-block-items", "1300-indented-maps"])
def test_deep_nesting_is_a_located_problem_not_a_recursion_error(text, parser):
    assert len(big(text, parser).encode()) < 2**20
    problems = bounded(lambda: problems_of(text))
    assert len(problems) == 1 and problems[0].endswith(NESTING) and problems[0].startswith("data/f.yml:"), problems


def test_fifty_levels_are_still_read():
    value = parse("a: " + "[" * 49 + "1" + "]" * 49 + "\n", "data/f.yml").value["a"]
    for _ in range(48):
        value = value[0]
    assert value == [1]


@pytest.mark.parametrize("text, expected", [
    ("title: " + "x" * 900_000 + "\n", None),                                         # one huge line
    ("".join(f"key-{i}: value {i}\n" for i in range(40_000)), None),                  # many keys
    ("items:\n" + "  - text\n" * 100_000, None),                                      # many items
    ("a: 1\n" * 100_000, "data/f.yml:2: a: given twice (first on line 1); keep one"),
    ("a: 1\n" * 100_000, "data/f.yml:101: stopped reading after 100 problems; fix these first"),
    ("title: " + "x" * 2000 + ": y\n", "data/f.yml:1: YAML syntax error: a ':' where YAML did not expect one"),
    ("[" + "a, " * 300_000 + "\n", "data/f.yml:2: YAML syntax error: a '[' or '{' is not closed before the end"),
    ("a: 'open\n" + "b: 1\n" * 100_000, "data/f.yml:1: YAML syntax error: the quote that opens on this line is not closed"),
    ("a: x\x00y\n", "data/f.yml:1: the character U+0000 is not allowed in YAML"),
    ("a: b\n---\nc: d\n", "data/f.yml:2: a second YAML document starts here"),
])
def test_other_large_or_odd_files_stay_bounded_and_located(text, expected, parser):
    assert len(big(text, parser).encode()) < 2**20
    problems = bounded(lambda: problems_of(text), seconds=20.0, megabytes=None)  # linear in size, on a shared machine
    if expected is None:
        assert problems == []
    else:
        assert any(p.startswith(expected) for p in problems), problems[:2]
        assert len(problems) <= 101  # reading stops after 100, saying so


def test_the_whole_data_check_refuses_the_bomb_quickly(tmp_path):
    problems = bounded(lambda: check(tmp_path, {"bomb.yml": "# yaml-language-server: $schema=schemas/list.schema.json\n"
                                                           + billion_laughs()}), seconds=3.0)
    assert problems == ["data/bomb.yml:2: a: '&a' is a YAML anchor, which the hub does not allow; "
                        "remove it and write each value out in full, or put the text in quotes"]


# --- Syntax errors read the same whichever parser found them -------------------------------

@pytest.mark.parametrize("text, expected", [
    ("kind: list\ntitle: [unclosed\n", "data/f.yml:2: YAML syntax error: the '[' on this line is not closed with ']'"),
    ("a: [1, 2\nb: 3\n", "data/f.yml:1: YAML syntax error: the '[' on this line is not closed"),
    ("a: {b\n", "data/f.yml:1: YAML syntax error: the '{' on this line is not closed with '}'"),
    ("a: x\n\t- b\n", "data/f.yml:2: a tab is used for indentation; YAML needs spaces"),
    ("a:\n\tb: 1\n", "data/f.yml:2: a tab is used for indentation; YAML needs spaces"),
    ("a: 'unclosed\nb: c\n", "data/f.yml:1: YAML syntax error: the quote that opens on this line is not closed"),
    ("a: b: c\n", "data/f.yml:1: YAML syntax error: a ':' where YAML did not expect one"),
    ("a:\n  - x\n y: 2\n", "data/f.yml:3: YAML syntax error: this line is not indented like the lines before it"),
    ("- a\nb: c\n", "data/f.yml:2: YAML syntax error: this line is not indented like the lines before it"),
    ("a:\n  b: 1\n c: 2\n", "data/f.yml:3: YAML syntax error: this line is not indented like the lines before it"),
    ("a: @x\n", "data/f.yml:1: YAML syntax error: a value cannot start with '@'; put the text in quotes"),
    ("a: `x\n", "data/f.yml:1: YAML syntax error: a value cannot start with '`'; put the text in quotes"),
    ("a: &\n", "data/f.yml:1: YAML syntax error: a value starting with * or & is read as a YAML alias or anchor"),
    ("b: caf\xe9\nc: x\x07\n", "data/f.yml:2: the character U+0007 is not allowed in YAML"),
    ("", "data/f.yml:1: the file is empty; expected a mapping of fields"),
])
def test_syntax_errors_are_located_in_the_hubs_words(text, expected):
    problems = problems_of(text)
    assert len(problems) == 1 and problems[0].startswith(expected), problems


# --- 3. Files as Windows editors save them -------------------------------------------------

SAMPLE = "title: \u2018Caf\u00e9\u2019 \u2013 \u201cpeer\u201d support\nitems:\n  - one\n  - two\n"


def saved_as(text: str, how: str) -> bytes:
    """`text` (UTF-8, LF) as an editor would save it."""
    crlf = text.replace("\n", "\r\n")
    return {
        "utf-8": text.encode(),
        "crlf": crlf.encode(),
        "cr": text.replace("\n", "\r").encode(),
        "utf-8-bom": codecs.BOM_UTF8 + crlf.encode(),                  # Notepad "UTF-8 with BOM"
        "utf-16-le": codecs.BOM_UTF16_LE + crlf.encode("utf-16-le"),   # Notepad "Unicode"
        "utf-16-be": codecs.BOM_UTF16_BE + crlf.encode("utf-16-be"),   # Notepad "Unicode big endian"
        "windows-1252": crlf.encode("cp1252"),                         # Word "Plain text", Windows default
        "windows-1252-cr": text.replace("\n", "\r").encode("cp1252"),
    }[how]


ENCODINGS = ["utf-8", "crlf", "cr", "utf-8-bom", "utf-16-le", "utf-16-be", "windows-1252", "windows-1252-cr"]


@pytest.mark.parametrize("how", ENCODINGS)
def test_decode_gives_the_same_text_however_it_was_saved(how):
    assert decode(saved_as(SAMPLE, how), "data/f.yml") == SAMPLE


@pytest.mark.parametrize("how", ENCODINGS)
def test_a_windows_saved_data_file_loads_like_its_utf8_twin(tmp_path, how):
    from hub_data import load_catalogue
    twin = GOOD.replace("Some text.", "\u2018Caf\u00e9\u2019 \u2013 it\u2019s \u201cours\u201d.")
    assert check(tmp_path / "a", {"example.yml": saved_as(twin, how)}) == []
    catalogue, _ = load_catalogue(tmp_path / "a" / "data", tmp_path / "a")
    dataset = catalogue.datasets["example"]
    assert dataset.data["items"][0]["text"] == "\u2018Caf\u00e9\u2019 \u2013 it\u2019s \u201cours\u201d."
    assert dataset.doc.lines[("items", 0, "text")] == 6


@pytest.mark.parametrize("how", ENCODINGS)
def test_line_numbers_stay_right_in_windows_saved_files(tmp_path, how):
    bad = GOOD.replace("Some text.", "\u2018Caf\u00e9\u2019") + "    colour: blue\n"
    assert check(tmp_path, {"bad.yml": saved_as(bad, how)}) == [
        "data/bad.yml:8: items[0].colour: unknown field; expected one of: guidance, id, items, source, text, title"]


@pytest.mark.parametrize("raw, line", [
    (b"a: 1\nb: \x81\n", 2),                               # a byte that is neither UTF-8 nor Windows-1252
    (b"a: 1\r\nb: 2\r\nc: \x8d\r\n", 3),
    (codecs.BOM_UTF8 + b"a: 1\nb: \xff\n", 2),             # a UTF-8 BOM promises UTF-8
    (codecs.BOM_UTF16_LE + "a: 1\n".encode("utf-16-le") + b"\x00", 2),
])
def test_unreadable_bytes_are_located(raw, line):
    with pytest.raises(YamlError) as caught:
        decode(raw, "data/f.yml")
    assert [str(p) for p in caught.value.problems] == [
        f"data/f.yml:{line}: the file is not text the hub can read; save it as UTF-8 "
        "(in Notepad: Save as, Encoding: UTF-8)"]
