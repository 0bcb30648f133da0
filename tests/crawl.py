"""Every page of the site, for tests that must visit all of them.

The list comes from MkDocs itself (the same file discovery and `exclude_docs` rules a build uses),
so a page added to docs/ is crawled without anyone touching the tests; 404.html is added because
the theme, not a Markdown file, makes it. It is known before the build runs, so tests can be
parametrized by page and a failure names the page; `built_pages` lists what a build really wrote,
and the crawl test checks the two agree.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_FOUND = "404.html"


@functools.cache
def page_paths(offline: bool = False) -> tuple[str, ...]:
    """Each page's path in the built site relative to its root, as a reader's browser opens it:
    `about/sources/index.html` online (directory URLs), `about/sources.html` in the offline bundle."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(str(ROOT / "mkdocs.yml"))
    config.use_directory_urls = not offline  # what the offline plugin does
    files = get_files(config)
    return tuple(sorted({page.dest_uri for page in files.documentation_pages()} | {NOT_FOUND}))


def built_pages(site: Path) -> list[str]:
    """The HTML pages a build wrote (theme assets aside), relative to the site's root."""
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html")
                  if not path.relative_to(site).parts[0] == "assets")


def url_path(path: str) -> str:
    """The address a reader uses for a page served online: `about/sources/`, not `.../index.html`."""
    return path.removesuffix("index.html")
