"""Find dataset markers in pages, check them and the pages' front matter, and replace them.

A page places a dataset with an HTML comment on a line of its own, in the manner of Material's
`<!-- material/tags -->`:

    <!-- hub: core-values -->              the dataset's default view
    <!-- hub: readiness-indicators sheet -->  another view of the same data

Markers inside fenced code blocks are left alone, so the contributor guide can show them.

A marker may sit inside any Markdown block (an admonition `!!! note`, a collapsible `??? note`,
a content tab `=== "Tab"`, a list item) by indenting it like the block's text; the dataset then
renders inside that block. The build does this in two steps, because a raw HTML block indented
inside another block is not raw HTML to Python-Markdown (its HTML parser only sees blocks that
start within three spaces of the line start): `mark_places` puts a placeholder word where each
marker is, at the marker's indentation, so Markdown carries it into the block as a paragraph of
its own; `fill_places` then swaps each `<p>placeholder</p>` in the converted HTML for the
rendered dataset. A placeholder that does not come out as a paragraph of its own (a marker
indented like a code block, or inside raw HTML) is a located problem.

A page shows a dataset's items once: markers whose rendered HTML would repeat an element id on
the page are a located problem (`check_repeated_ids`).

A dataset may link to a page of the hub (a checklist item's `guidance: {page, text}`). Rendered
data is the same HTML on every page, so its templates write such a link as
`href="hub-page:<path under docs/>[#anchor]"`; `check_page_links` checks at check time that the
page exists, and `resolve_page_links` turns the link into the page's address relative to the page
that shows the data (which differs online, with directory URLs, and in the offline bundle).

Pages are checked as files, before MkDocs writes anything, so a bad marker never leaves a
half-built site. Nothing here imports mkdocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from hub_yaml import Document, Problem, YamlError, field_path, nodes, parse, read_text

MARKER = re.compile(r"^[ \t]*<!--\s*hub:\s*(?P<args>.*?)\s*-->[ \t]*$")
ANY_HUB_COMMENT = re.compile(r"<!--\s*hub:")
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
PAGE_LINK = re.compile(r'href="hub-page:(?P<path>[^"#]*)(?P<anchor>#[^"]*)?"')
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?(?:---|\.\.\.)[ \t]*\n", re.S)


@dataclass(frozen=True)
class Marker:
    line: int  # 1-based, counted in the text given
    dataset: str
    view: str | None


def outside_fences(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) for every line not inside a fenced code block.

    Lines are split at "\n" only, as Python-Markdown splits them (`str.splitlines` would also
    split at characters such as U+2028 that Word pastes, and so miscount).
    """
    fence = None
    for number, line in enumerate(text.split("\n"), start=1):
        opening = FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)[0] * len(opening.group(1))
        elif fence is not None and line.strip().startswith(fence):
            fence = None
        elif fence is None:
            yield number, line


def find_markers(text: str, display: str) -> tuple[list[Marker], list[Problem]]:
    """Every well-formed marker, and a problem for each malformed one."""
    markers, problems = [], []
    for number, line in outside_fences(text):
        match = MARKER.match(line)
        if match:
            args = match.group("args").split()
            if 1 <= len(args) <= 2:
                markers.append(Marker(number, args[0], args[1] if len(args) == 2 else None))
                continue
        if match or ANY_HUB_COMMENT.search(line):
            problems.append(Problem(display, number, "", "a hub marker must stand alone on its line as "
                                    "'<!-- hub: dataset-name -->' or '<!-- hub: dataset-name view -->'"))
    return markers, problems


def front_matter(text: str, display: str) -> tuple[Document, list[Problem]]:
    """The page's YAML front matter (empty if none), parsed strictly with true line numbers."""
    match = FRONT_MATTER.match(text)
    if not match or not match.group("yaml"):
        return Document({}), []
    try:
        doc = parse(match.group("yaml"), display, line_offset=1)
    except YamlError as err:
        return Document({}), err.problems
    if not isinstance(doc.value, dict):
        return Document({}), [Problem(display, 2, "", "front matter must be a mapping of fields (title:, sources: ...)")]
    return doc, []


def check_page(text: str, display: str, datasets: dict[str, str | None], has_view: Callable[[str, str | None], bool],
               sources: set[str], meta: tuple[Document, list[Problem]] | None = None) -> tuple[list[Marker], list[Problem]]:
    """Check one page's markers against the datasets (name -> kind, None for a data file that could
    not be read) and its front matter sources.
    `meta` is the page's front matter and its problems when already parsed (see `read_pages`)."""
    meta, problems = meta or front_matter(text, display)
    problems = list(problems)
    listed = meta.value.get("sources", [])
    line = meta.line_of(("sources",))
    if not isinstance(listed, list) or not all(isinstance(s, str) for s in listed):
        problems.append(Problem(display, line, "sources", "expected a list of source ids, like [rcsed-briefing]"))
    else:
        for ident in listed:
            if ident not in sources:
                problems.append(Problem(display, line, "sources", f"unknown source '{ident}'; expected one of: "
                                        f"{', '.join(sorted(sources))}"))
    markers, found = find_markers(text, display)
    problems += found
    for marker in markers:
        if marker.dataset not in datasets:
            problems.append(Problem(display, marker.line, "", f"unknown dataset '{marker.dataset}'; "
                                    f"expected one of: {', '.join(sorted(datasets))}"))
        elif datasets[marker.dataset] is None:
            continue  # its data file could not be read: that file's own problem says why
        elif not has_view(datasets[marker.dataset], marker.view):
            what = f"no view '{marker.view}'" if marker.view else f"no template for its kind '{datasets[marker.dataset]}'"
            problems.append(Problem(display, marker.line, "", f"the dataset '{marker.dataset}' has {what}"))
    return markers, sorted(problems)


@dataclass
class PageSource:
    """One page as read once per check: its text (None if unreadable), front matter and problems."""

    display: str  # as contributors see it, e.g. docs/safety/index.md
    src_uri: str  # inside docs/, as MkDocs names it
    text: str | None
    meta: Document
    problems: list[Problem]  # reading the file or its front matter


def read_pages(docs_dir: Path, root: Path) -> list[PageSource]:
    """Read every Markdown page under `docs_dir` once (see `hub_yaml.decode`) and parse its front
    matter once; every check of pages works from these."""
    pages = []
    for path in sorted(docs_dir.rglob("*.md")):
        display, src_uri = path.relative_to(root).as_posix(), path.relative_to(docs_dir).as_posix()
        try:
            text = read_text(path, display)
        except YamlError as err:
            pages.append(PageSource(display, src_uri, None, Document({}), err.problems))
            continue
        meta, problems = front_matter(text, display)
        pages.append(PageSource(display, src_uri, text, meta, problems))
    return pages


def check_pages(pages: list[PageSource], datasets: dict[str, str | None], has_view: Callable[[str, str | None], bool],
                sources: set[str]) -> tuple[list[tuple[str, Marker]], list[Problem]]:
    """Check every page read by `read_pages`; return every valid marker with its page, and all problems."""
    placed: list[tuple[str, Marker]] = []
    problems: list[Problem] = []
    for page in pages:
        if page.text is None:
            problems += page.problems
            continue
        markers, found = check_page(page.text, page.display, datasets, has_view, sources, (page.meta, page.problems))
        bad = {p.line for p in found}
        placed += [(page.display, m) for m in markers if m.line not in bad]
        problems += found
    return placed, problems


@dataclass(frozen=True)
class Placement:
    """Where a marker's dataset goes: the placeholder word standing in for it, the marker, the
    dataset's rendered HTML and the element ids in it (`element_ids`)."""

    token: str
    marker: Marker
    html: str
    ids: tuple[str, ...] = ()


PLACEHOLDER = "HUBDATASETPLACE{:04d}X"  # one word, which no Markdown extension changes
PLACEHOLDER_PARAGRAPH = r'<p(?: id="[^"]*")?>{}</p>'


def mark_places(text: str, render: Callable[[str, str | None], str],
                reserve_ids: bool = False) -> tuple[str, list[Placement]]:
    """Replace each marker with a placeholder paragraph at the marker's indentation (see module),
    rendering its dataset with `render(dataset, view)`.

    With `reserve_ids` (Python-Markdown's attr_list is on) the placeholder carries the id the
    dataset's HTML opens with (`{: #id }`), so the toc extension gives a heading of the same name
    another id instead of repeating it (a page titled "Managing setbacks" showing the dataset
    managing-setbacks).
    """
    if "<!--" not in text:  # every marker is an HTML comment
        return text, []
    lines = text.split("\n")
    placements: list[Placement] = []
    for number, line in outside_fences(text):
        match = MARKER.match(line)
        if match:
            args = match.group("args").split()
            marker = Marker(number, args[0], args[1] if len(args) > 1 else None)
            html = render(marker.dataset, marker.view)
            token = PLACEHOLDER.format(len(placements))
            indent = line[: len(line) - len(line.lstrip(" \t"))]
            ids = element_ids(html)
            reserved = f"\n{indent}{{: #{ids[0]} }}" if reserve_ids and ids else ""
            lines[number - 1] = f"\n{indent}{token}{reserved}\n"
            placements.append(Placement(token, marker, html, tuple(ids)))
    return "\n".join(lines), placements


def body_offset(source: str, body: str) -> int:
    """How many lines of `source` come before `body`, its end (MkDocs hands hooks the Markdown of
    a page without its front matter)."""
    return source[: len(source) - len(body)].count("\n") if body and source.endswith(body) else 0


def fill_places(html: str, placements: list[Placement], display: str, line_offset: int = 0) -> tuple[str, list[Problem]]:
    """Put each rendered dataset where its placeholder paragraph is in the page's HTML.

    `line_offset` is the number of lines before the Markdown the placements were counted in (the
    front matter MkDocs removed), so problems name the line of the file.
    """
    problems = []
    for placement in placements:
        marker = placement.marker
        paragraph = re.compile(PLACEHOLDER_PARAGRAPH.format(placement.token))
        if html.count(placement.token) == 1 and paragraph.search(html):
            html = paragraph.sub(lambda _: placement.html, html)
            continue
        html = html.replace(placement.token, "")
        problems.append(Problem(display, marker.line + line_offset, "", (
            f"the marker for '{marker.dataset}' does not stand as a paragraph of its own here (indented like a "
            "code block, or inside raw HTML); put it on its own line, indented like the text of the block it "
            "belongs to (4 spaces inside a note, tab or list item)")))
    return html, problems


def check_repeated_ids(display: str, rendered: list[tuple[Marker, str]]) -> list[Problem]:
    """A problem for each marker whose HTML repeats an element id an earlier marker on the page made.

    `rendered` is each marker of one page with its rendered HTML. Repeated ids break labels and
    links, and two copies of one form would not keep each other's answers in step.
    """
    first: dict[str, Marker] = {}
    problems = []
    for marker, html in rendered:
        ids = element_ids(html)
        clash = next((i for i in ids if i in first), None)
        if clash is not None:
            earlier = first[clash]
            same = "is already shown" if earlier.dataset == marker.dataset else f"repeats ids of '{earlier.dataset}'"
            problems.append(Problem(display, marker.line, "", (
                f"the dataset '{marker.dataset}' {same} on this page at line {earlier.line} (both would have the "
                f"element id '{clash}'); show it once, and link to it from here instead")))
            continue
        first.update((i, marker) for i in ids)
    return problems


ID_ATTRIBUTE = re.compile(r"""\sid\s*=\s*["']([^"']+)["']""")


def element_ids(html: str) -> list[str]:
    """The `id` of every element in `html` (the hub's own rendered HTML, whose ids are quoted)."""
    return ID_ATTRIBUTE.findall(html)


def replace_markers(text: str, render: Callable[[str, str | None], str]) -> str:
    """Put each marker's rendered dataset in its place, as a raw HTML block."""
    lines = text.split("\n")
    for number, line in outside_fences(text):
        match = MARKER.match(line)
        if match:
            args = match.group("args").split()
            lines[number - 1] = "\n" + render(args[0], args[1] if len(args) > 1 else None) + "\n"
    return "\n".join(lines)



def check_page_links(doc: Document, display: str, docs_dir: Path) -> list[Problem]:
    """Every `guidance.page` in a parsed data file must name a Markdown page under `docs_dir`
    (a path like `safety/index.md`, optionally with `#anchor`)."""
    problems = []
    for path, value in nodes(doc.value):
        guidance = value.get("guidance") if isinstance(value, dict) else None
        if isinstance(guidance, dict) and isinstance(guidance.get("page"), str):
            target = guidance["page"].split("#", 1)[0]
            where = path + ("guidance", "page")
            if not target.endswith(".md") or ".." in target.split("/") or not (docs_dir / target).is_file():
                problems.append(Problem(display, doc.line_of(where), field_path(where),
                                        f"'{guidance['page']}' is not a page of the hub; give a path under "
                                        f"{docs_dir.name}/, like 'safety/index.md' or 'safety/index.md#key-points'"))
    return problems


def resolve_page_links(html: str, url_for: Callable[[str], str | None]) -> str:
    """Replace each `href="hub-page:<path>#anchor"` with `href="<url_for(path)>#anchor"`.
    `url_for` returns the page's address relative to the current page, or None when there is no
    such page, which raises ValueError (check_page_links reports it earlier, with its line)."""
    def replace(match: re.Match) -> str:
        url = url_for(match.group("path"))
        if url is None:
            raise ValueError(f"links to '{match.group('path')}', which is not a page of the hub")
        return f'href="{url}{match.group("anchor") or ""}"'
    return PAGE_LINK.sub(replace, html)
