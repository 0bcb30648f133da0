"""Zip an offline build of the hub (`OFFLINE=true mkdocs build`) into the bundle readers download.

    python tools/offline_bundle.py site-offline dist [--date 2026-11-29]

makes dist/peer-support-hub-offline-2026-11-29.zip, which unzips into one folder:

    peer-support-hub-offline-2026-11-29/
        START HERE.html   opens the hub's home page; the only file a reader needs to find
        hub/              the built site (index.html and everything it links to)

A reader on a locked-down computer (a secure hospital, a prison) sees one folder with the date in
its name, and in it one page to open. `make offline` runs this; the date defaults to today (UTC),
the date every page of the bundle gives as the day the copy was made.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from datetime import datetime, timezone
from html import escape
from pathlib import Path

NAME = "peer-support-hub-offline-{date}"
START_PAGE = "START HERE.html"
SITE_FOLDER = "hub"

START_HTML = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="0; url={home}">
<title>Peer Support Knowledge Hub (offline copy of {date})</title>
<style>body {{ font: 1.2rem/1.5 sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; }}</style>
</head>
<body>
<h1>Peer Support Knowledge Hub</h1>
<p>This is an offline copy, made on {long_date}. It works without the internet.</p>
<p><a href="{home}">Open the Peer Support Knowledge Hub</a></p>
</body>
</html>
"""


def make_bundle(site_dir: Path, dist_dir: Path, date: str) -> Path:
    """Zip `site_dir` into `dist_dir`/peer-support-hub-offline-DATE.zip, laid out as above.
    Raises ValueError if `site_dir` is not a built site or `date` is not YYYY-MM-DD."""
    day = datetime.strptime(date, "%Y-%m-%d")
    if not (site_dir / "index.html").is_file():
        raise ValueError(f"{site_dir} has no index.html: build the offline site first (make offline)")
    top = NAME.format(date=date)
    dist_dir.mkdir(parents=True, exist_ok=True)
    target = dist_dir / f"{top}.zip"
    home = f"{SITE_FOLDER}/index.html"
    start = START_HTML.format(home=escape(home), date=date, long_date=f"{day.day} {day:%B %Y}")
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr(f"{top}/{START_PAGE}", start)
        for path in sorted(site_dir.rglob("*")):
            if path.is_file():
                bundle.write(path, f"{top}/{SITE_FOLDER}/{path.relative_to(site_dir).as_posix()}")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Zip an offline build into the hub's offline bundle.")
    parser.add_argument("site_dir", type=Path, help="the offline build, e.g. site-offline")
    parser.add_argument("dist_dir", type=Path, help="where to write the zip, e.g. dist")
    parser.add_argument("--date", default=datetime.now(timezone.utc).strftime("%Y-%m-%d"),
                        help="the date the copy was made, YYYY-MM-DD (default: today, UTC)")
    args = parser.parse_args(argv)
    try:
        target = make_bundle(args.site_dir, args.dist_dir, args.date)
    except ValueError as err:
        print(f"offline bundle: {err}", file=sys.stderr)
        return 1
    print(f"Offline bundle: {target} ({target.stat().st_size / 1_000_000:.1f} MB). "
          f"It unzips into one folder; readers open '{START_PAGE}' in it.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
