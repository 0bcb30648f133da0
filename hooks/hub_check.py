"""Check the whole hub's data and pages in one call: used by the build and by `make check`.

Run it directly for a quick check without building the site, or to see one dataset rendered:

    python hooks/hub_check.py                      # every problem, or a one-line summary
    python hooks/hub_check.py --render core-values # the HTML a marker would put in a page

Nothing here imports mkdocs.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

from hub_data import Catalogue, load_catalogue
from hub_links import check_dataset_links
from hub_front_matter import Review, check_front_matter
from hub_pages import check_pages
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


def check_hub(root: Path, docs_dir: Path, template_dir: Path, abbreviations: dict[str, str] | None = None) -> HubCheck:
    """Load and check every dataset and its link targets, then every page's markers, front matter
    and review dates.

    `abbreviations` (the site glossary) go to the renderer, which explains them in data text.
    """
    catalogue, problems = load_catalogue(root / "data", root)
    renderer = Renderer(template_dir, catalogue, abbreviations)
    for dataset in catalogue.datasets.values():  # the links the templates' Markdown really makes
        problems += check_dataset_links(dataset.doc, dataset.file, renderer.inline_markdown)
    kinds = {name: dataset.kind for name, dataset in catalogue.datasets.items()}
    placed, page_problems = check_pages(docs_dir, root, kinds, renderer.has_template, set(catalogue.sources))
    if not problems:  # render each placed view once now, so a failure is reported, not a traceback mid-build
        for page, marker in placed:
            try:
                renderer.render(marker.dataset, marker.view)
            except Exception as err:  # noqa: BLE001 - any failure becomes a located problem
                page_problems.append(Problem(page, marker.line, "", f"could not render '{marker.dataset}': {err}"))
    pages = check_front_matter(docs_dir, root, root / "data" / "schemas")
    used = {marker.dataset for _, marker in placed}
    return HubCheck(catalogue, renderer, sorted(set(kinds) - used), problems + page_problems + pages.problems,
                    pages.warnings, pages.reviews)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check the hub's data/ and docs/ without building the site.")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--render", metavar="DATASET", help="print the HTML for one dataset")
    parser.add_argument("--view", help="with --render: the view to use")
    args = parser.parse_args(argv)
    hub = check_hub(args.root, args.root / "docs", args.root / "overrides" / "hub")
    for problem in hub.problems:
        print(problem, file=sys.stderr)
    if hub.problems:
        return 1
    if args.render:
        if args.render not in hub.catalogue.datasets:
            print(f"unknown dataset '{args.render}'", file=sys.stderr)
            return 1
        print(hub.renderer.render(args.render, args.view))
        return 0
    for warning in hub.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for name in hub.unused:
        print(f"{hub.catalogue.datasets[name].file}: no page shows this dataset", file=sys.stderr)
    print(f"ok: {len(hub.catalogue.datasets)} datasets checked")
    return 1 if hub.unused else 0


if __name__ == "__main__":
    sys.exit(main())
