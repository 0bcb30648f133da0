"""Links in a built site: every internal one checked with LinkChecker, every external one listed
but never fetched (the hub must not depend on, or call, other servers to be tested).

    python tests/links.py site/     # what `make links` runs: lists external links, checks internal ones

`external_links(site)` reads the HTML itself; `broken_internal_links(site)` serves the folder on
a local port and runs LinkChecker from every page, with everything not on that port left unchecked.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import serve  # noqa: E402  (tests/ is not a package)
from crawl import built_pages, url_path  # noqa: E402

LINKCHECKER = Path(sys.executable).parent / "linkchecker"
URL_ATTRIBUTES = {"href", "src", "action", "poster", "data"}


class _Links(HTMLParser):
    """Every URL-valued attribute of a page, with the tag that holds it."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.found += [(tag, value) for name, value in attrs if name in URL_ATTRIBUTES and value]


def _is_external(url: str) -> bool:
    return urlparse(url).scheme in ("http", "https", "ftp") or url.startswith("//")


def external_links(site: Path) -> dict[str, dict[str, list[str]]]:
    """External URL → {"tags": the tags that use it (a, script...), "pages": pages that do}."""
    links: dict[str, dict[str, list[str]]] = {}
    for path in built_pages(site):
        parser = _Links()
        parser.feed((site / path).read_text(encoding="utf-8"))
        for tag, url in parser.found:
            if _is_external(url):
                entry = links.setdefault(url, {"tags": [], "pages": []})
                for key, value in (("tags", tag), ("pages", path)):
                    if value not in entry[key]:
                        entry[key].append(value)
    return dict(sorted(links.items()))


def linkchecker_rows(site: Path) -> list[dict[str, str]]:
    """LinkChecker's verbose CSV rows for the site served locally, started from every page so
    that no page escapes because nothing links to it. Only URLs on the local port are checked."""
    server, base = serve(site)
    try:
        local = base.replace(".", r"\.")
        result = subprocess.run(
            [str(LINKCHECKER), "--verbose", "--no-warnings", "--no-status", "--no-robots", "--output=csv",
             f"--ignore-url=^(?!{local})", *(base + url_path(path) for path in built_pages(site))],
            capture_output=True, text=True, timeout=600)
    finally:
        server.shutdown()
    lines = [line for line in result.stdout.splitlines() if not line.startswith("#")]
    if not lines or not lines[0].startswith("urlname;"):
        raise AssertionError(f"LinkChecker did not run: {result.stderr.strip() or result.stdout.strip()}")
    return list(csv.DictReader(lines, delimiter=";"))


def broken_internal_links(site: Path, rows: list[dict[str, str]] | None = None) -> list[str]:
    """'page: link: result' for every internal link LinkChecker finds broken."""
    rows = linkchecker_rows(site) if rows is None else rows
    return sorted({f"{row['parentname'] or '(start)'}: {row['urlname']}: {row['result']}"
                   for row in rows if row["valid"] != "True"})


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: python tests/links.py SITE_DIR   (a built site, e.g. site/ after `make build`)")
        return 2
    site = Path(argv[0])
    external = external_links(site)
    print(f"External links ({len(external)}), not fetched:")
    for url, entry in external.items():
        print(f"  {url}\n      <{'>, <'.join(entry['tags'])}> on {', '.join(entry['pages'])}")
    broken = broken_internal_links(site)
    print(f"Broken internal links: {len(broken)}")
    for line in broken:
        print(f"  {line}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
