"""Check the whole hub's data and pages in one call: used by the build and by `make check`.

Run it directly for a quick check without building the site, or to see one dataset rendered:

    python hooks/hub_check.py                      # every problem, or the readability of each
                                                   # guidance page and a one-line summary
    python hooks/hub_check.py --render core-values # the HTML a marker would put in a page

In GitHub Actions (GITHUB_ACTIONS=true) each problem is also printed as a workflow command,
`::error file=data/x.yml,line=12,title=...::message`, which GitHub shows as an annotation on that
line of the pull request's diff (see GitHub's "Workflow commands for GitHub Actions").

Nothing here imports mkdocs.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from hub_data import Catalogue, load_catalogue
from hub_front_matter import Review, check_front_matter, is_guidance
from hub_links import check_dataset_links
from hub_pages import check_page_links, check_pages, check_repeated_ids, read_pages
from hub_render import Renderer
from hub_yaml import Problem


@dataclass
class HubCheck:
    catalogue: Catalogue
    renderer: Renderer
    unused: list[str]  # datasets no page shows
    problems: list[Problem]
    warnings: list[Problem] = field(default_factory=list)  # worth fixing, but the build goes on (a review overdue)
    reviews: dict[str, Review] = field(default_factory=dict)  # page src_uri -> its review dates
    page_texts: dict[str, str] = field(default_factory=dict)  # page src_uri -> its text as read (hub_yaml.decode)


# The last check's datasets, their problems and its renderer (with what it rendered), kept while
# no file under data/ or the templates changes and the glossary is the same: `mkdocs serve`
# rebuilds after every save, and a saved page must not mean checking every dataset again.
_previous: dict = {}


def files_state(*folders: Path) -> tuple:
    """Every file under `folders` with its modification time and size: changes when one is saved."""
    return tuple((str(path), stat.st_mtime_ns, stat.st_size)
                 for folder in folders for path in sorted(folder.rglob("*")) if path.is_file()
                 for stat in [path.stat()])


def check_hub(root: Path, docs_dir: Path, template_dir: Path, abbreviations: dict[str, str] | None = None) -> HubCheck:
    """Load and check every dataset and its link targets, then every page's markers, front matter
    and review dates.

    `abbreviations` (the site glossary) go to the renderer, which explains them in data text.
    """
    key = (files_state(root / "data", template_dir), tuple(sorted((abbreviations or {}).items())))
    if _previous.get("key") == key:  # `mkdocs serve` after a page was saved: data and templates as they were
        catalogue, data_problems, renderer = _previous["check"]
    else:
        catalogue, data_problems = load_catalogue(root / "data", root)
        renderer = Renderer(template_dir, catalogue, abbreviations)
        for dataset in catalogue.datasets.values():  # the links the templates' Markdown really makes
            data_problems += check_dataset_links(dataset.doc, dataset.file, renderer.inline_markdown)
        _previous.update(key=key, check=(catalogue, data_problems, renderer))
    problems = list(data_problems)
    for dataset in catalogue.datasets.values():  # pages come and go without data changing: checked every time
        problems += check_page_links(dataset.doc, dataset.file, docs_dir)
    kinds = {name: dataset.kind for name, dataset in catalogue.datasets.items()}
    kinds |= dict.fromkeys(catalogue.unreadable)  # known, but its own problems say why it is not shown
    pages_read = read_pages(docs_dir, root)  # each page read, and its front matter parsed, once
    placed, page_problems = check_pages(pages_read, kinds, renderer.has_template, set(catalogue.sources))
    if not problems:  # render each placed view once now, so a failure is reported, not a traceback mid-build
        rendered: dict[str, list] = {}
        for page, marker in placed:
            try:
                rendered.setdefault(page, []).append((marker, renderer.render(marker.dataset, marker.view)))
            except Exception as err:  # noqa: BLE001 - any failure becomes a located problem
                page_problems.append(Problem(page, marker.line, "", f"could not render '{marker.dataset}': {err}"))
        for page, views in rendered.items():
            page_problems += check_repeated_ids(page, views)
    pages = check_front_matter(docs_dir, root, root / "data" / "schemas", pages=pages_read)
    used = {marker.dataset for _, marker in placed}
    return HubCheck(catalogue, renderer, sorted(set(catalogue.datasets) - used), problems + page_problems + pages.problems,
                    pages.warnings, pages.reviews, {page.src_uri: page.text for page in pages_read if page.text is not None})


def _escape(text: str, *, property_value: bool = False) -> str:
    """Escape text for a workflow command, as GitHub's @actions/core does (command.ts)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def annotation(problem: Problem, level: str = "error") -> str:
    """The GitHub Actions workflow command that shows `problem` on its file and line."""
    title = f"Hub check: {problem.field}" if problem.field else "Hub check"
    return (f"::{level} file={_escape(problem.file, property_value=True)},line={problem.line},"
            f"title={_escape(title, property_value=True)}::{_escape(problem.message)}")


def report(problems: list[Problem], level: str = "error") -> None:
    """Print each problem as `file:line: field: message` on stderr (a warning prefixed "warning: ");
    in GitHub Actions also print it as an annotation on stdout (where the runner reads workflow
    commands)."""
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(f"warning: {problem}" if level == "warning" else problem, file=sys.stderr)
        if in_actions:
            print(annotation(problem, level), flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check the hub's data/ and docs/ without building the site.")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--render", metavar="DATASET", help="print the HTML for one dataset")
    parser.add_argument("--view", help="with --render: the view to use")
    args = parser.parse_args(argv)
    hub = check_hub(args.root, args.root / "docs", args.root / "overrides" / "hub")
    report(hub.problems)
    if hub.problems:
        return 1
    if args.render:
        if args.render not in hub.catalogue.datasets:
            print(f"unknown dataset '{args.render}'", file=sys.stderr)
            return 1
        print(hub.renderer.render(args.render, args.view))
        return 0
    report(hub.warnings, level="warning")
    report_readability(args.root / "docs", args.root, hub.renderer)
    report([Problem(hub.catalogue.datasets[name].file, 1, "", "no page shows this dataset; "
                    f"add '<!-- hub: {name} -->' to a page") for name in hub.unused])
    print(f"ok: {len(hub.catalogue.datasets)} datasets checked")
    return 1 if hub.unused else 0


def report_readability(docs_dir: Path, root: Path, renderer: Renderer) -> None:
    """Print each guidance page's Flesch reading ease and grade, easiest last; informs, fails nothing."""
    from hub_readability import TARGET_READING_EASE, page_readability  # textstat: only `make check` needs it

    scores = []
    for path in sorted(docs_dir.rglob("*.md")):
        src_uri = path.relative_to(docs_dir).as_posix()
        if src_uri.startswith("includes/") or not is_guidance(src_uri):
            continue
        scores.append((page_readability(path, renderer.render), path.relative_to(root).as_posix()))
    below = sum(not score.on_target for score, _ in scores)
    print(f"readability: Flesch reading ease (higher is easier; target {TARGET_READING_EASE} or more) "
          "and Flesch-Kincaid grade, per guidance page")
    for score, display in sorted(scores, key=lambda s: s[0].reading_ease):
        flag = "  below target" if not score.on_target else ""
        print(f"  {score.reading_ease:5.1f}  grade {score.grade:4.1f}  {score.words:5d} words  {display}{flag}")
    print(f"readability: {len(scores) - below} of {len(scores)} guidance pages on target")


if __name__ == "__main__":
    sys.exit(main())
