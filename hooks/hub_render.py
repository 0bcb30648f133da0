"""Render checked datasets to HTML with the hub's own Jinja2 templates.

Each kind of dataset has a template `overrides/hub/<kind>.html`; a page may ask for another view
of the same data, `overrides/hub/<kind>.<view>.html` (a table, a printable sheet...). The
environment is ours, not the theme's: undefined variables are errors and every value is escaped.
Text fields may hold inline Markdown, which the `md` filter turns into HTML after escaping any
raw HTML the contributor typed, so data can never inject markup.

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
from markupsafe import Markup

from hub_charts import survey_chart_view
from hub_data import Catalogue, Dataset

# kind -> function(dataset, catalogue) -> extra template variables
VIEWS: dict[str, Callable[[Dataset, Catalogue], dict[str, Any]]] = {
    "survey-chart": survey_chart_view,
}

_markdown = markdown.Markdown(extensions=["smarty"], output_format="html")
_ONE_PARAGRAPH = re.compile(r"^<p>((?:(?!</?p>).)*)</p>$", re.S)


def inline_markdown(text: Any) -> Markup:
    """Inline Markdown to HTML; HTML typed in the data is shown as text, never run."""
    converted = _markdown.reset().convert(html.escape(str(text), quote=False)).strip()
    single = _ONE_PARAGRAPH.match(converted)
    return Markup(single.group(1) if single else converted)


def one_block(text: str) -> str:
    """Drop blank lines, so Python-Markdown passes the HTML through as one raw block."""
    return "\n".join(line for line in text.splitlines() if line.strip())


class Renderer:
    """Renders datasets and citations for one build."""

    def __init__(self, template_dir: Path, catalogue: Catalogue):
        self.catalogue = catalogue
        self.env = Environment(
            loader=FileSystemLoader(template_dir),
            undefined=StrictUndefined,
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["md"] = inline_markdown
        self.env.filters["cite"] = self.cite
        self._rendered: dict[tuple[str, str | None], str] = {}

    @staticmethod
    def template_name(kind: str, view: str | None = None) -> str:
        return f"{kind}.{view}.html" if view else f"{kind}.html"

    def has_template(self, kind: str, view: str | None = None) -> bool:
        return self.template_name(kind, view) in self.env.list_templates()

    def render(self, name: str, view: str | None = None) -> str:
        """The HTML for dataset `name`, as one block with no blank lines (so Markdown keeps it raw)."""
        if (name, view) not in self._rendered:
            self._rendered[name, view] = self._render(name, view)
        return self._rendered[name, view]

    def _render(self, name: str, view: str | None) -> str:
        dataset = self.catalogue.datasets[name]
        extra = VIEWS[dataset.kind](dataset, self.catalogue) if dataset.kind in VIEWS else {}
        template = self.env.get_template(self.template_name(dataset.kind, view))
        text = template.render(dataset=dataset, data=dataset.data, sources=self.catalogue.sources, view=view, **extra)
        return one_block(text)

    def cite(self, source: dict[str, Any]) -> Markup:
        """A source reference as short citation text: 'RCSEd (2020), Core values'."""
        label = html.escape(self.catalogue.sources[source["id"]]["short"])
        section = source.get("section")
        return Markup(f"{label}, {inline_markdown(section)}" if section else label)

    def render_citation(self, source_ids: list[str], sources_url: str | None, review: dict[str, str] | None = None) -> str:
        """What closes a page: the 'Based on' note if its front matter lists sources, and its review
        dates if it is a guidance page (`review` as from hub_front_matter.Review.for_readers)."""
        template = self.env.get_template("citation.html")
        records = [self.catalogue.sources[i] for i in source_ids]
        return one_block(template.render(records=records, sources_url=sources_url, review=review))
