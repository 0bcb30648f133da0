"""Render checked datasets to HTML with the hub's own Jinja2 templates.

Each kind of dataset has a template `overrides/hub/<kind>.html`; a page may ask for another view
of the same data, `overrides/hub/<kind>.<view>.html` (a table, a printable sheet...). The
environment is ours, not the theme's: undefined variables are errors and every value is escaped.
Text fields may hold inline Markdown, which the `md` filter turns into HTML after escaping any
raw HTML the contributor typed, so data can never inject markup. Abbreviations from the site's
glossary (the file pymdownx.snippets appends to every page) are marked up in data text exactly
as Python-Markdown's `abbr` extension marks them up in page text.

Cost (see tests/bench.py): templates are compiled once and kept in Jinja's bytecode cache (hub_cache), so
later builds and `mkdocs serve` rebuilds only load them; text with no Markdown syntax, no
glossary abbreviation and no character Markdown or SmartyPants would change skips the Markdown
pipeline (`plain_text_html`; tests/test_hub_render.py checks it gives the same HTML).

A kind that needs more than its data (chart geometry, say) registers a function in `VIEWS`
that returns extra template variables. Nothing here imports mkdocs.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any, Callable

import markdown
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markdown.extensions.abbr import AbbrExtension
from markupsafe import Markup

from hub_cache import use_bytecode_cache
from hub_charts import survey_chart_view
from hub_data import Catalogue, Dataset
from hub_yaml import read_text

# kind -> function(dataset, catalogue) -> extra template variables
VIEWS: dict[str, Callable[[Dataset, Catalogue], dict[str, Any]]] = {
    "survey-chart": survey_chart_view,
}

_ONE_PARAGRAPH = re.compile(r"^<p>((?:(?!</?p>).)*)</p>$", re.S)
# One line of prose that Markdown and SmartyPants leave as it is but for apostrophes that close a
# word (which SmartyPants always curls to &rsquo;): no markup characters, no quotes, no "--" or
# "...", no ordered-list start ("7. "), no tabs, line breaks or other unprintable characters.
_PLAIN = re.compile(r"[^\W_](?:[^\\`*_\[\]<>\"'!]|(?<=[^\W\d_])'(?=[^\W\d_]| |$))*")
_LIST_START = re.compile(r"\d+\.(?:\s|$)")
_ENTITY = re.compile(r"&(?=#?\w+;)")  # what a browser would decode: escaped, so data cannot spell markup
_ATTRIBUTE_SAFE = re.compile(r"[^&<>\"']*")


def read_abbreviations(path: Path, display: str | None = None) -> dict[str, str]:
    """The `*[ABBR]: explanation` definitions in a Markdown file, read by Python-Markdown itself.

    The file is read as pages are (`hub_yaml.read_text`: a byte order mark or Windows line endings
    change nothing). Raises `YamlError` with a located problem if the file cannot be read as text.
    """
    extension = AbbrExtension()
    markdown.Markdown(extensions=[extension]).convert(read_text(path, display or path.as_posix()))
    return dict(extension.abbrs)


class InlineMarkdown:
    """Inline Markdown to HTML for data text; HTML typed in the data is shown as text, never run.

    One converter (smarty, abbr with `abbreviations`) is reused for every call, made when the
    first text that needs Markdown comes (most text takes the plain-text shortcut).
    """

    def __init__(self, abbreviations: dict[str, str] | None = None):
        self.abbreviations = dict(abbreviations or {})
        self._markdown: markdown.Markdown | None = None
        # The shortcut marks abbreviations up itself, as the abbr extension does (longest first,
        # whole words), when every explanation is plain text; otherwise it leaves them to Markdown.
        keys = sorted(self.abbreviations, key=len, reverse=True)
        self._abbr = re.compile(f"\\b(?:{'|'.join(map(re.escape, keys))})\\b") if keys else None
        self._abbr_shortcut = all(title and _ATTRIBUTE_SAFE.fullmatch(title) for title in self.abbreviations.values())
        self._to_markup = re.compile(f"{self._abbr.pattern}|'|&" if self._abbr else "'|&")

    def _markup(self, match: re.Match) -> str:
        found = match.group(0)
        if found in ("'", "&"):
            return "&rsquo;" if found == "'" else "&amp;"
        return f'<abbr title="{self.abbreviations[found]}">{found.replace("&", "&amp;")}</abbr>'

    def plain_text_html(self, text: str) -> str | None:
        """The HTML for `text` without running Markdown, or None if Markdown is needed."""
        if (not _PLAIN.fullmatch(text) or text[-1].isspace() or "--" in text or "..." in text
                or not text.isprintable() or _LIST_START.match(text) or _ENTITY.search(text)):
            return None
        if self._abbr and not self._abbr_shortcut and self._abbr.search(text):
            return None
        return self._to_markup.sub(self._markup, text)

    def __call__(self, text: Any) -> Markup:
        text = str(text)
        plain = self.plain_text_html(text)
        return Markup(plain) if plain is not None else self.markdown_html(text)

    def markdown_html(self, text: str) -> Markup:
        """`text` through Python-Markdown (the general case)."""
        if self._markdown is None:
            self._markdown = markdown.Markdown(
                extensions=["smarty", AbbrExtension(glossary=self.abbreviations)], output_format="html")
        converted = self._markdown.reset().convert(escape_html(text)).strip()
        single = _ONE_PARAGRAPH.match(converted)
        return Markup(single.group(1) if single else converted)


def escape_html(text: str) -> str:
    """Raw HTML and character references typed in data, made text: `<`, `>` and an `&` that starts
    a reference (`&#x6a;`, `&lt;`). A bare `&` stays for Markdown, which escapes it in its output,
    so `A&E` reaches the abbr extension as typed, as it does in a page."""
    return _ENTITY.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")


inline_markdown = InlineMarkdown()  # no glossary: for tests and tools that need no abbreviations


_ABBR_WITHOUT_TABINDEX = re.compile(r"<abbr(?=\s)(?![^>]*\stabindex=)(?=[^>]*\stitle=)", re.I)


def focusable_abbreviations(html_text: str) -> str:
    """Every `<abbr title>` in a page's HTML in the keyboard's and the touch screen's reach.

    A title shows on mouse hover only. With `tabindex="0"` a tap or the Tab key focuses the
    abbreviation, and Material's `content.tooltips` shows the title on focus as well as hover
    (and links it with aria-describedby). Covers page text, rendered data and template text alike.
    """
    return _ABBR_WITHOUT_TABINDEX.sub('<abbr tabindex="0"', html_text)


def one_block(text: str) -> str:
    """Drop blank lines, so Python-Markdown passes the HTML through as one raw block."""
    return "\n".join(line for line in text.splitlines() if line.strip())


class Renderer:
    """Renders datasets and citations for one build."""

    def __init__(self, template_dir: Path, catalogue: Catalogue, abbreviations: dict[str, str] | None = None):
        """`abbreviations`: the site glossary (ABBR -> explanation), marked up in data text."""
        self.catalogue = catalogue
        self.sources = catalogue.sources
        self.inline_markdown = InlineMarkdown(abbreviations) if abbreviations else inline_markdown
        self.env = Environment(
            loader=FileSystemLoader(template_dir),
            undefined=StrictUndefined,
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        use_bytecode_cache(self.env)  # compiled templates, shared by builds and processes (hub_cache)
        self.env.filters["md"] = self.inline_markdown
        self.env.filters["cite"] = self.cite
        self._templates: set[str] | None = None
        self._rendered: dict[tuple[str, str | None], str] = {}

    @staticmethod
    def template_name(kind: str, view: str | None = None) -> str:
        return f"{kind}.{view}.html" if view else f"{kind}.html"

    def has_template(self, kind: str, view: str | None = None) -> bool:
        if self._templates is None:
            self._templates = set(self.env.list_templates())
        return self.template_name(kind, view) in self._templates

    def render(self, name: str, view: str | None = None) -> str:
        """The HTML for dataset `name`, as one block with no blank lines (so Markdown keeps it raw)."""
        if (name, view) not in self._rendered:
            self._rendered[name, view] = self._render(name, view)
        return self._rendered[name, view]

    def _render(self, name: str, view: str | None) -> str:
        dataset = self.catalogue.datasets[name]
        extra = VIEWS[dataset.kind](dataset, self.catalogue) if dataset.kind in VIEWS else {}
        template = self.env.get_template(self.template_name(dataset.kind, view))
        text = template.render(dataset=dataset, data=dataset.data, sources=self.sources, view=view, **extra)
        return one_block(text)

    def cite(self, source: dict[str, Any]) -> Markup:
        """A source reference as short citation text: 'RCSEd (2020), Core values'."""
        label = html.escape(self.sources[source["id"]]["short"])
        section = source.get("section")
        return Markup(f"{label}, {self.inline_markdown(section)}" if section else label)

    def render_citation(self, source_ids: list[str], sources_url: str | None, review: dict[str, str] | None = None) -> str:
        """What closes a page: the 'Based on' note if its front matter lists sources, and its review
        dates if it is a guidance page (`review` as from hub_front_matter.Review.for_readers)."""
        template = self.env.get_template("citation.html")
        records = [self.sources[i] for i in source_ids]
        return one_block(template.render(records=records, sources_url=sources_url, review=review))
