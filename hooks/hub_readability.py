"""The text a reader reads on a page, and how easy it is to read.

`page_text` turns a page in `docs/` into the plain text a reader sees in its body: its Markdown
and the datasets its markers place, without front matter, code, form controls or source labels.
Each block (paragraph, list item, table cell, heading, label) counts as at least one sentence, so
a list of short items is not scored as one long sentence.

`readability` scores that text with textstat (Flesch reading ease: higher is easier, 60-70 is
plain English; and the Flesch-Kincaid grade, the US school year a reader needs). The hub's target
is in README.md (`TARGET_READING_EASE`). `make check` reports both for every guidance page; the
score informs writers and fails nothing.

Nothing here imports mkdocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable

import markdown
import textstat

from hub_pages import FRONT_MATTER, replace_markers
from hub_yaml import read_text

TARGET_READING_EASE = 60  # Flesch reading ease a guidance page should reach: see README.md

# Python-Markdown extensions enough to turn the hub's pages into the HTML blocks a reader sees.
EXTENSIONS = ["tables", "admonition", "attr_list", "def_list", "footnotes", "md_in_html",
              "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed"]
BLOCKS = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "legend", "label",
          "caption", "summary", "blockquote", "figcaption", "div", "section", "aside", "tr"}
SKIPPED = {"script", "style", "pre", "code", "textarea", "button", "input", "select"}
# Text that is not prose: where an item comes from (any class ending "__source" too, as on the
# cards), the buttons of a record form, the citation and review dates, visually hidden labels.
SKIPPED_CLASSES = {"hub-source", "hub-record__bar", "hub-citation", "hub-review", "hub-visually-hidden"}
VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "col", "area", "base", "source", "track", "embed", "param"}
SENTENCE_END = re.compile(r"[.!?:;]\s*$")


class _TextParser(HTMLParser):
    """Collects text by block, leaving out SKIPPED elements and SKIPPED_CLASSES."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = [""]
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)

    @property
    def skipping(self) -> bool:
        return any(skipped for _, skipped in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self.blocks.append("")
        if tag in VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        source_label = any(name.endswith("__source") for name in classes)
        self.stack.append((tag, tag in SKIPPED or source_label or bool(classes & SKIPPED_CLASSES)))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        for i in range(len(self.stack) - 1, -1, -1):  # tolerate unclosed tags, as browsers do
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break
        if tag in BLOCKS:
            self.blocks.append("")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.blocks[-1] += data


def html_text(html: str) -> str:
    """The readable text of an HTML fragment, one block a line, each ending as a sentence."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    lines = []
    for block in parser.blocks:
        text = " ".join(block.split())
        if text:
            lines.append(text if SENTENCE_END.search(text) else text + ".")
    return "\n".join(lines)


def page_text(text: str, render: Callable[[str, str | None], str]) -> str:
    """The readable text of a page's Markdown, with its markers rendered by `render`."""
    body = FRONT_MATTER.sub("", text, count=1)
    body = replace_markers(body, render)
    html = markdown.markdown(body, extensions=EXTENSIONS)
    return html_text(html)


@dataclass(frozen=True)
class Readability:
    """Scores of one page's text."""

    reading_ease: float  # Flesch reading ease: higher is easier
    grade: float  # Flesch-Kincaid grade
    words: int

    @property
    def on_target(self) -> bool:
        return self.reading_ease >= TARGET_READING_EASE


def readability(text: str) -> Readability:
    """Score plain text with textstat (British English is scored as English)."""
    return Readability(round(textstat.flesch_reading_ease(text), 1), round(textstat.flesch_kincaid_grade(text), 1),
                       textstat.lexicon_count(text))


def page_readability(path: Path, render: Callable[[str, str | None], str]) -> Readability:
    """The readability of one page's text as readers see it (read as the build reads pages:
    `hub_yaml.read_text`, which raises `YamlError` for a file that is not text)."""
    return readability(page_text(read_text(path, path.as_posix()), render))
