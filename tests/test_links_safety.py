"""Nothing a contributor writes may run script (issue 9.4): link targets in data are limited to
safe schemes at check time, and a page whose HTML could run or load code fails the build.

The variants go beyond the issue's `[read the guide](javascript:alert(document.domain))`: letter
case, character references and percent-encoding (single and double), tabs, newlines, control and
invisible characters inside the scheme, leading spaces, other dangerous schemes, reference-style
links and their definitions, images, and autolinks."""

from __future__ import annotations

import html
import re

import markdown
import pytest

from conftest import ROOT, add_page, build, copy_project
from hub_check import check_hub
from hub_links import check_dataset_links, check_page_html, find_unsafe, may_be_unsafe, unsafe_target
from hub_render import inline_markdown
from hub_yaml import parse

UNSAFE_TARGETS = [
    "javascript:alert(document.domain)",
    "JaVaScRiPt:alert(1)",
    "jav&#x61;script:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A&#x61&#x76&#x61script:alert(1)",  # references without semicolons
    "javascript&colon;alert(1)",
    "%6Aavascript:alert(1)",
    "javascript%3Aalert(1)",
    "%256Aavascript:alert(1)",  # percent-encoded twice
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java&#9;script:alert(1)",
    "\x01javascript:alert(1)",
    "   javascript:alert(1)",
    "java\u200bscript:alert(1)",  # a zero-width space
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "file:///etc/passwd",
    "blob:https://example.org/1",
    "c:\\windows\\system32",
]
SAFE_TARGETS = [
    "../safest/planner/", "#core-values--safety", "glossary.md#peer", "page.html?x=a:b",
    "https://www.rcsed.ac.uk/", "HTTP://example.org/a%3Ab", "mailto:team@example.org", "tel:116123",
    "sms:85258", "",
]


@pytest.mark.parametrize("target", UNSAFE_TARGETS)
def test_unsafe_link_targets_are_refused(target):
    assert unsafe_target(target)


@pytest.mark.parametrize("target", SAFE_TARGETS)
def test_safe_link_targets_pass(target):
    assert unsafe_target(target) is None


def dataset(text_field: str) -> str:
    """A list dataset whose first item's text is `text_field` (YAML, already quoted as needed)."""
    return ("kind: list\ntitle: T\nitems:\n  - id: one\n    title: One\n"
            f"    text: {text_field}\n    source: {{id: rcsed-briefing}}\n")


def data_problems(yaml_text: str) -> list[str]:
    doc = parse(yaml_text, "data/x.yml")
    return [str(p) for p in check_dataset_links(doc, "data/x.yml", inline_markdown)]


def yaml_quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\n", "\\n") \
        .replace("\x01", "\\x01").replace("\u200b", "\\u200b") + '"'


@pytest.mark.parametrize("target", UNSAFE_TARGETS)
@pytest.mark.parametrize("form", ["[read the guide]({})", "![a picture]({})", "[read the guide][g]\n\n[g]: {}",
                                  "[g]\n\n[g]: {}"])
def test_data_with_an_unsafe_link_is_a_located_problem(target, form):
    text = form.format(target)
    problems = data_problems(dataset(yaml_quoted(text)))
    rendered = str(inline_markdown(text))
    targets = [html.unescape(t) for t in re.findall(r'(?:href|src)="([^"]*)"', rendered)]
    if any(unsafe_target(t) for t in targets):
        assert problems, f"{text!r} renders as {rendered}"
        assert all(p.startswith("data/x.yml:6: items[0].text: ") for p in problems), problems
    else:  # Markdown cut the target short (a newline ends a reference definition): nothing can run
        assert problems == [], rendered
    if form == "[read the guide]({})" and "\n" not in target:
        assert problems, "an inline link is always made, so always refused"


def test_the_issue_example_names_file_line_and_field():
    problems = data_problems(dataset("'[read the guide](javascript:alert(document.domain))'"))
    assert problems == ["data/x.yml:6: items[0].text: the link target 'javascript:alert(document.domain)' uses "
                        "'javascript:', which is not allowed; a link may be relative (another page of the hub) "
                        "or start with https:, http:, mailto:, tel:, sms:"]


def test_a_link_deep_in_a_multiline_field_of_a_nested_list_is_found():
    text = ("kind: list\ntitle: T\nitems:\n  - id: one\n    title: One\n    text: Fine.\n"
            "    source: {id: rcsed-briefing}\n    notes:\n      - fine\n      - >-\n        first line\n"
            "        then [x](JAVASCRIPT:void(0))\n")
    assert [p.split(": the")[0] for p in data_problems(text)] == ["data/x.yml:10: items[0].notes[1]"]


@pytest.mark.parametrize("text", ["<javascript:alert(1)>", "<JavaScript:alert(1)>", "<https://example.org>",
                                  "write to <someone@example.org>"])
def test_angle_bracket_autolinks_in_data_are_refused_with_how_to_write_a_link(text):
    assert "javascript" not in str(inline_markdown(text)).split("&lt;")[0]  # shown as text, never a link
    problems = data_problems(dataset(yaml_quoted(text)))
    assert len(problems) == 1 and "is shown as text, not a link; write a link as [words to click]" in problems[0]


@pytest.mark.parametrize("text", ["[the planner](../safest/planner.md)", "[RCSEd](https://www.rcsed.ac.uk/)",
                                  "[email](mailto:a@example.org) or [call](tel:116123)", "[a] and [b]",
                                  "see [Note: x]", "a < b and c > d", "3 < 4"])
def test_safe_data_text_passes(text):
    assert data_problems(dataset(yaml_quoted(text))) == []


def test_an_image_from_another_host_in_data_is_refused():
    problems = data_problems(dataset(yaml_quoted("![chart](https://tracker.example/pixel.png)")))
    assert len(problems) == 1 and "would be fetched from outside the hub" in problems[0]


def add_link_to_core_values(project):
    """The issue's example, in the text of the first core value (line 9 of data/core-values.yml)."""
    values = project / "data" / "core-values.yml"
    text = values.read_text(encoding="utf-8")
    line = "    text: Peers have something alike in their background, experiences, interests or goals.\n"
    assert line in text
    values.write_text(text.replace(line, "    text: '[read the guide](javascript:alert(document.domain)) Peers.'\n"),
                      encoding="utf-8")


def test_the_check_covers_every_dataset_of_a_project(tmp_path):
    project = copy_project(tmp_path / "project")
    add_link_to_core_values(project)
    problems = [str(p) for p in check_hub(project, project / "docs", project / "overrides" / "hub").problems]
    assert problems == [p for p in problems if p.startswith("data/core-values.yml:9: items[0].text: the link target "
                                                            "'javascript:alert(document.domain)'")] and len(problems) == 1


# Pages: raw HTML passes through Markdown, so the page check looks at the HTML a page really
# becomes. Each variant is a line of a page's Markdown.
def page_html(markdown_line: str) -> str:
    return markdown.markdown(markdown_line, extensions=["md_in_html", "attr_list"])


UNSAFE_PAGE_LINES = [
    "[read the guide](javascript:alert(document.domain))",
    "![x](JaVaScRiPt:alert(1))",
    "[a][r]\n\n[r]: vbscript:msgbox(1)",
    '<a href="jav&#x61;script:alert(1)">guide</a>',
    '<a href="&#106;avascript:alert(1)">guide</a>',
    '<a href="java\tscript:alert(1)">guide</a>',
    '<a href=" javascript:alert(1)">guide</a>',
    "<a href=javascript:alert(1)>guide</a>",
    '<A HREF="data:text/html,x">guide</A>',
    '<form action="javascript:alert(1)"><button>Go</button></form>',
    '<button formaction="javascript:alert(1)">Go</button>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<img src=x onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    '<p title=">" onclick="alert(1)">x</p>',
    '<div ONMOUSEOVER="alert(1)">x</div>',
    "<script>alert(1)</script>",
    "<SCRIPT src=x.js></SCRIPT>",
    '<iframe src="https://example.org"></iframe>',
    '<object data="x.swf"></object>',
    '<embed src="x.swf">',
    '<base href="https://example.org/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<svg><set attributeName="href" to="javascript:alert(1)"/></svg>',
    '<img src="https://tracker.example/pixel.png" alt="">',
    '<img src="//tracker.example/pixel.png" alt="">',
    '<img srcset="a.png 1x, //tracker.example/b.png 2x" alt="">',
    '<video poster="https://example.org/x.png"></video>',
    '<link rel="stylesheet" href="https://cdn.example/x.css">',
    '<svg><use href="https://example.org/sprite.svg#i"></use></svg>',
    '<svg><linearGradient id="g" href="https://example.org/g.svg#g"/></svg>',
    '<svg><pattern id="p" xlink:href="//example.org/p.svg#p"/></svg>',
]
SAFE_PAGE_LINES = [
    "[the planner](../safest/planner.md) and [RCSEd](https://www.rcsed.ac.uk/)",
    '<a href="#top">Back to top</a> <a href="mailto:a@example.org">mail</a>',
    '<a class="x" href="https://example.org/">a link with its class first</a>',
    '<img src="../images/chart.png" alt="A chart">',
    "Text about onclick= attributes and `<script>` tags, escaped as code.",
    '<p style="color: red" title="Note: fine">x</p>',
    '<abbr title="Disclosure and Barring Service">DBS</abbr>',
]


@pytest.mark.parametrize("line", UNSAFE_PAGE_LINES)
def test_a_page_with_markup_that_could_run_or_load_code_is_a_problem(line):
    html = page_html(line)
    source = "---\ntitle: T\n---\n\n# T\n\n" + line + "\n"
    problems = [str(p) for p in check_page_html(html, "docs/t.md", lambda: source)]
    assert problems, html
    lines = {f"docs/t.md:{7 + i}: " for i in range(len(line.splitlines()))}  # the page's line 7 on
    assert all(p[:p.index(": ") + 2] in lines for p in problems), problems


# HTML a browser would run that Python-Markdown does not pass through as HTML; checked as HTML.
UNSAFE_HTML = ['<img src="x.png"onerror=alert(1)>', "<a href='\x01javascript:alert(1)'>x</a>",
               '<a\nhref\n=\n"javascript:alert(1)">x</a>', "<a href=&#x6A;avascript:alert(1)>x</a>"]


@pytest.mark.parametrize("html", [page_html(line) for line in UNSAFE_PAGE_LINES] + UNSAFE_HTML)
def test_the_quick_look_never_misses_what_the_full_parse_finds(html):
    assert find_unsafe(html) and may_be_unsafe(html)


@pytest.mark.parametrize("line", SAFE_PAGE_LINES)
def test_safe_page_markup_passes(line):
    assert check_page_html(page_html(line), "docs/t.md", lambda: line) == []


def test_real_pages_are_safe_and_mostly_pass_the_quick_look(site):
    """The quick look keeps the build cheap only if real pages rarely need the full parse (a page
    with a picture of its own does, and is fine)."""
    bodies = {}
    for path in sorted(site.rglob("*.html")):
        body = re.search(r"<article[^>]*>(.*)</article>", path.read_text(encoding="utf-8"), re.S)
        if body:
            bodies[path.relative_to(site).as_posix()] = body.group(1)
    assert len(bodies) > 50
    assert {path: find_unsafe(body) for path, body in bodies.items() if find_unsafe(body)} == {}
    slow = [path for path, body in bodies.items() if may_be_unsafe(body)]
    assert len(slow) <= len(bodies) // 4, slow


FRONT_MATTER = ("---\ntitle: Test\ndescription: A page for a test.\nlast_reviewed: 2026-01-10\n"
                "next_review: 2028-01-10\n---\n\n")  # seven lines


def test_the_build_fails_naming_each_unsafe_page_and_line(tmp_path):
    project = copy_project(tmp_path / "project")
    add_page(project, "attack-one.md", FRONT_MATTER + "# One\n\nFine text.\n\n<img src=x onerror=\"alert(document.domain)\">\n")
    add_page(project, "attack-two.md", FRONT_MATTER + "# Two\n\n[guide](JaVaScRiPt:alert(1))\n")
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "docs/attack-one.md:12: the event handler attribute 'onerror' on <img> is not allowed" in result.stderr
    assert "docs/attack-two.md:10: the link target 'JaVaScRiPt:alert(1)' uses 'javascript:'" in result.stderr
    assert not (tmp_path / "site" / "attack-one").exists()


def test_the_build_fails_on_an_unsafe_link_in_data_before_writing_anything(tmp_path):
    project = copy_project(tmp_path / "project")
    add_link_to_core_values(project)
    result = build(project, tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "data/core-values.yml:9: items[0].text: the link target 'javascript:alert(document.domain)'" in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_the_real_hub_passes():
    assert [str(p) for p in check_hub(ROOT, ROOT / "docs", ROOT / "overrides" / "hub").problems] == []
