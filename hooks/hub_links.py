"""Which link targets and markup the hub lets through, for data and for pages.

Readers type private answers into these pages, so nothing a contributor writes may run script.
Two checks share one rule about link targets (`unsafe_target`):

- `check_dataset_links`: every text field of a dataset, at check time (`make check` and the
  build's first step). A field that could hold a link (it has a `[`) is rendered with the same
  inline Markdown the templates use, and every `href`/`src` that rendering really produces is
  checked, so the check sees exactly what a browser would get: inline and reference-style links,
  images (which must come from the site itself), and whatever spelling tricks the Markdown lets
  through. Angle-bracket autolinks
  (`<https://...>`) are shown as text in data, never as links; they are refused too, with how
  to write a link instead. Fields without `[` or `<` cannot make a link and cost nothing.
- `check_page_html`: a page's HTML body after Markdown (on_page_content), as defence in depth
  for pages, whose raw HTML passes through: no `<script>` or other element that loads or runs
  code, no inline event handler (`onclick=`), no unsafe link target, no embedded resource from
  another host (the privacy promise: pages make no request to any other server).

A link target is safe when a browser would read it as relative (a page or anchor of the site) or
with one of SAFE_SCHEMES. To decide, the target is decoded the ways a browser or a trick could
(HTML character references, percent-encoding, repeatedly), every whitespace and control character
is dropped (browsers drop tabs and newlines inside a URL, and leading spaces and controls), and
what is left is matched against the URL scheme syntax of RFC 3986 section 3.1. Anything with
another scheme (javascript:, vbscript:, data:, file:...) is refused, whatever its letter case.
The rule comes from issue 9 and docs/ARCHITECTURE's Security section; the Content Security
Policy (hub_csp) enforces the same in the browser.

Every finding is a `Problem` (`file:line: field: message`). Nothing here imports mkdocs.
"""

from __future__ import annotations

import html
import re
import unicodedata
from html.parser import HTMLParser
from typing import Any, Callable, Iterator
from urllib.parse import unquote

from hub_yaml import Document, Problem, field_path, nodes

SAFE_SCHEMES = ("https", "http", "mailto", "tel", "sms")
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
# Where Markdown makes a link: inline [text](target), reference [text][ref] with [ref]: target,
# images ![alt](target). All need a "[". Angle-bracket autolinks need a "<".
MAY_LINK = re.compile(r"[\[<]")
AUTOLINK = re.compile(r"<\s*(?:[a-z][a-z0-9+.\-]*\s*:|[^<>\s@]+@)[^<>]*>", re.I)

# Elements that run or load code, or change how the page's addresses resolve: never in a page body.
FORBIDDEN_ELEMENTS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "portal",
                      "animate", "set"}  # SVG animation can set an href
# Attributes a browser follows when the reader acts (navigation) ...
NAVIGATION_ATTRIBUTES = {"action", "formaction"}
NAVIGATION_ELEMENTS = {"a", "area"}  # whose href is navigation; on any other element it loads something
# ... and attributes it fetches by itself: these must stay on the site.
RESOURCE_ATTRIBUTES = {"src", "srcset", "poster", "data", "background", "ping", "longdesc", "imagesrcset",
                       "href", "xlink:href"}


def decoded(target: str) -> str:
    """`target` as a browser might end up reading it: character references and percent-encoding
    undone (repeatedly, for double encoding), every whitespace and control character removed,
    lower case."""
    text = target
    for _ in range(5):
        before = text
        text = unquote(html.unescape(text))
        if text == before:
            break
    return "".join(c for c in text if not (c.isspace() or unicodedata.category(c) in ("Cc", "Cf"))).lower()


def scheme_of(target: str) -> str | None:
    """The scheme a browser would give `target` (lower case), or None for a relative address."""
    match = SCHEME.match(decoded(target))
    return match.group(1) if match else None


def unsafe_target(target: str) -> str | None:
    """Why `target` may not be a link's target, or None when it is relative or uses a safe scheme."""
    scheme = scheme_of(target)
    if scheme is None or scheme in SAFE_SCHEMES:
        return None
    return (f"the link target {target!r} uses '{scheme}:', which is not allowed; a link may be relative "
            f"(another page of the hub) or start with {', '.join(s + ':' for s in SAFE_SCHEMES)}")


def off_site(target: str) -> str | None:
    """Why a resource the browser fetches by itself (an image's src...) may not come from `target`:
    anything but an address on the site (relative, no scheme, no `//host`) is refused."""
    if scheme_of(target) is None and not decoded(target).startswith(("//", "\\\\", "/\\", "\\/")):
        return None
    return (f"{target!r} would be fetched from outside the hub; pages load nothing from other hosts, "
            "so put the file in docs/ and refer to it by a relative address")


class LinkFinder(HTMLParser):
    """Collects (line, problem) for the markup a page or field must not carry; `line` is in the HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, tuple[str, ...]]] = []  # (html line, problem, texts to find it by)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        raw = (self.get_starttag_text() or "").split("\n")[0]  # raw HTML in a page is in its source as typed
        if tag in FORBIDDEN_ELEMENTS:
            self.found.append((line, f"a <{tag}> element is not allowed in a page: nothing a contributor "
                               "writes may run or load code in a reader's browser", (raw, f"<{tag}")))
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append((line, f"the event handler attribute '{name}' on <{tag}> is not allowed: "
                                   "nothing a contributor writes may run script", (raw, name)))
            elif name in NAVIGATION_ATTRIBUTES or (name == "href" and tag in NAVIGATION_ELEMENTS):
                why = unsafe_target(value)
                if why:
                    self.found.append((line, why, (raw, value)))
            elif name in RESOURCE_ATTRIBUTES:
                targets = [part.strip().split(" ")[0] for part in value.split(",")] if "srcset" in name else [value]
                why = next(filter(None, map(off_site, targets)), None)
                if why:
                    self.found.append((line, why, (raw, value)))

    handle_startendtag = handle_starttag


def find_unsafe(markup: str) -> list[tuple[int, str, tuple[str, ...]]]:
    """(HTML line, problem, texts to look for in the source) for each unsafe thing in `markup` (see LinkFinder)."""
    finder = LinkFinder()
    finder.feed(markup)
    finder.close()
    return finder.found


def strings(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every text value in parsed data, with its path."""
    return ((path + where, node) for where, node in nodes(value) if isinstance(node, str))


def check_dataset_links(doc: Document, display: str, render_inline: Callable[[str], str]) -> list[Problem]:
    """A problem for each link target in a dataset's text that is not safe, located by field.
    `render_inline` is the Markdown the templates use (hub_render.inline_markdown)."""
    problems = []
    for path, text in strings(doc.value):
        if not MAY_LINK.search(text):
            continue
        where = (display, doc.line_of(path), field_path(path))
        for autolink in AUTOLINK.findall(text):
            problems.append(Problem(*where, f"{autolink!r} is shown as text, not a link; write a link as "
                                    "[words to click](https://...)"))
        if "[" in text:
            problems += [Problem(*where, why) for _, why, _ in find_unsafe(str(render_inline(text)))]
    return problems


# A quick first look at a page's HTML (lower-cased), so the full parse runs only on the few pages
# that could hold something unsafe; it costs about a tenth of a millisecond a page, the parse
# about five. It must match wherever find_unsafe would find something (tests/test_links_safety.py
# holds it to that); matching more only costs time.
_ELEMENT = re.compile(r"<(?:%s|link|use|image|feimage)[\s/>]" % "|".join(sorted(FORBIDDEN_ELEMENTS)))
# each starts with a literal, which the regex engine finds quickly; an alternation would be slow
_ATTRIBUTES = tuple(re.compile(name + r"\s*=") for name in
                    ("on[a-z]+", "src", "srcset", "poster", "background", "ping", "longdesc", "data"))
_OFFSITE_HREF = re.compile(r"href\s*=\s*[\"']?[\s\x00-\x20]*(?:https?:|[/\\]{2})")
_LINK_START = re.compile(r"<a(?:rea)?\s+$")  # Markdown writes href first: <a href="https://...">
_SUSPECT_VALUE = re.compile(r"=\s*[\"']?(?!https?://|mailto:|tel:|sms:|#)[^\"'>/?]*[:&%\\\x00-\x08\x0b\x0c\x0e-\x1f]")
_NAVIGATION_NAME = re.compile(r"(?:^|[\s\"'/])(?:xlink:)?(?:href|action|formaction)\s*$")


def _starts_attribute(text: str, start: int) -> bool:
    return start == 0 or text[start - 1] in " \t\n\r\f\"'/:"


def may_be_unsafe(body: str) -> bool:
    """False only when `body` certainly holds nothing find_unsafe would report."""
    low = body.lower()
    if _ELEMENT.search(low):
        return True
    for attribute in _ATTRIBUTES:  # an event handler, or a resource the browser fetches by itself
        if any(_starts_attribute(low, m.start()) for m in attribute.finditer(low)):
            return True
    for m in _OFFSITE_HREF.finditer(low):  # another host: fine for a link, not for an SVG <use>, <pattern>...
        if _starts_attribute(low, m.start()) and not _LINK_START.search(low, max(0, m.start() - 12), m.start()):
            return True
    return any(_NAVIGATION_NAME.search(low, max(0, m.start() - 40), m.start()) for m in _SUSPECT_VALUE.finditer(low))


def squeeze(text: str) -> str:
    """`text` lower-cased without whitespace, to find raw HTML in a source whose tabs Markdown expanded."""
    return "".join(text.split()).lower()


def check_page_html(body: str, display: str, source: Callable[[], str]) -> list[Problem]:
    """A problem for each unsafe thing in a page's HTML body (after Markdown), located at the first
    line of the page's source (`source()`, its Markdown, read only if needed) that holds the
    offending text, or line 1."""
    found = find_unsafe(body) if may_be_unsafe(body) else []
    lines = [squeeze(line) for line in source().splitlines()] if found else []
    problems = []
    for _, why, needles in found:
        needles = [squeeze(needle) for needle in needles if squeeze(needle)]
        line = next((n for needle in needles for n, content in enumerate(lines, start=1) if needle in content), 1)
        problems.append(Problem(display, line, "", why))
    return sorted(set(problems))
