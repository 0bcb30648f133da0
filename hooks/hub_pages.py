"""Find dataset markers in pages, check them and the pages' front matter, and replace them.

A page places a dataset with an HTML comment on a line of its own, in the manner of Material's
`<!-- material/tags -->`:

    <!-- hub: core-values -->              the dataset's default view
    <!-- hub: readiness-indicators sheet -->  another view of the same data

Markers inside fenced code blocks are left alone, so the contributor guide can show them.
Pages are checked as files, before MkDocs writes anything, so a bad marker never leaves a
half-built site. Nothing here imports mkdocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from hub_yaml import Document, Problem, YamlError, parse, read_text

MARKER = re.compile(r"^[ \t]*<!--\s*hub:\s*(?P<args>.*?)\s*-->[ \t]*$")
ANY_HUB_COMMENT = re.compile(r"<!--\s*hub:")
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
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


def check_page(text: str, display: str, datasets: dict[str, str], has_view: Callable[[str, str | None], bool],
               sources: set[str]) -> tuple[list[Marker], list[Problem]]:
    """Check one page's markers against the datasets (name -> kind) and its front matter sources."""
    meta, problems = front_matter(text, display)
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
        elif not has_view(datasets[marker.dataset], marker.view):
            what = f"no view '{marker.view}'" if marker.view else f"no template for its kind '{datasets[marker.dataset]}'"
            problems.append(Problem(display, marker.line, "", f"the dataset '{marker.dataset}' has {what}"))
    return markers, sorted(problems)


def check_pages(docs_dir: Path, root: Path, datasets: dict[str, str], has_view: Callable[[str, str | None], bool],
                sources: set[str]) -> tuple[list[tuple[str, Marker]], list[Problem]]:
    """Check every Markdown page; return every valid marker with its page, and all problems."""
    placed: list[tuple[str, Marker]] = []
    problems: list[Problem] = []
    for path in sorted(docs_dir.rglob("*.md")):
        display = path.relative_to(root).as_posix()
        try:
            text = read_text(path, display)
        except YamlError as err:
            problems += err.problems
            continue
        markers, found = check_page(text, display, datasets, has_view, sources)
        bad = {p.line for p in found}
        placed += [(display, m) for m in markers if m.line not in bad]
        problems += found
    return placed, problems


def replace_markers(text: str, render: Callable[[str, str | None], str]) -> str:
    """Put each marker's rendered dataset in its place, as a raw HTML block."""
    lines = text.split("\n")
    for number, line in outside_fences(text):
        match = MARKER.match(line)
        if match:
            args = match.group("args").split()
            lines[number - 1] = "\n" + render(args[0], args[1] if len(args) > 1 else None) + "\n"
    return "\n".join(lines)
