"""What every built page asks the browser for before it can be shown (issue 13, page speed):
no script holds up the first paint, a page downloads only the hub scripts whose markup it has
(overrides/main.html), and the hub's own styles are one stylesheet on every page, handouts too.
Checked on every page of the real build, the 404 page included."""

from __future__ import annotations

import re
from pathlib import Path

SCRIPT_SRC = re.compile(r"<script\b([^>]*)\bsrc=\"([^\"]+)\"([^>]*)>")
STYLESHEET = re.compile(r"<link\b[^>]*rel=\"stylesheet\"[^>]*href=\"([^\"]+)\"")
HUB_SCRIPT = re.compile(r"assets/hub/([a-z-]+\.js)$")
# The markup each hub script enhances (its header comment), as overrides/main.html tests for it.
NEEDS = {"records.js": ['class="hub-record'], "checklists.js": ["data-hub-report"],
         "candidates.js": ["data-hub-candidates"], "programme.js": ["data-hub-programme"],
         "device-data.js": ["data-hub-device-data"],
         "scroll-regions.js": ["<table", "<pre", "data-hub-scroll"]}


def pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}


def article(html: str) -> str:
    """The page's own content (what the template tests), not the navigation around it."""
    found = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S)
    return found.group(1) if found else ""


def test_every_script_file_is_deferred(site):
    blocking = [f"{path}: {src}" for path, html in pages(site).items()
                for before, src, after in SCRIPT_SRC.findall(html)
                if " defer" not in f" {before} {after}" and " async" not in f" {before} {after}"]
    assert blocking == []


def test_a_page_gets_only_the_hub_scripts_its_markup_needs(site):
    wrong = []
    for path, html in pages(site).items():
        loaded = [m.group(1) for _, src, _ in SCRIPT_SRC.findall(html) if (m := HUB_SCRIPT.search(src))]
        content = article(html)
        needed = {script for script, markers in NEEDS.items() if any(m in content for m in markers)}
        if needed - {"scroll-regions.js"}:
            needed.add("storage.js")
        if set(loaded) != needed:
            wrong.append(f"{path}: loads {sorted(loaded)}, needs {sorted(needed)}")
        if "storage.js" in loaded and loaded[0] != "storage.js":
            wrong.append(f"{path}: storage.js must come before the scripts that use it: {loaded}")
    assert wrong == []
    home = pages(site)["index.html"]
    assert "assets/hub/" not in "".join(src for _, src, _ in SCRIPT_SRC.findall(home))


def test_the_hub_styles_are_one_stylesheet_on_every_page(site):
    assert not list((site / "assets" / "hub").glob("*.css"))[1:], "more than one hub stylesheet"
    wrong = []
    for path, html in pages(site).items():
        hub = [href for href in STYLESHEET.findall(html) if "assets/hub/" in href]
        if len(hub) != 1 or not hub[0].endswith("assets/hub/hub.css"):
            wrong.append(f"{path}: {hub}")
    assert wrong == []
