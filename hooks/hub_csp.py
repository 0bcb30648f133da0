"""The Content Security Policy every page carries, as a `<meta http-equiv>` (static hosts may not
send headers), so the browser itself enforces what the hub promises: no script but the site's own
files and the theme's own inline scripts, no `javascript:` URLs or inline event handlers, and no
connection to any other host.

`add_policy(html, content)` takes a finished page and returns it with the policy as the first
element of its `<head>` after `<meta charset>`, before any script. Each inline script of the
theme and the hub's templates (a `<script>` with no `src` whose type a browser executes;
Material's JSON configuration is not executed) is allowed by its SHA-256 hash, computed from the
final HTML. Scripts inside the page's own content (what a contributor wrote, and the datasets
rendered into it) are never hashed: hub_links already fails the build for them, and should one
get past it, the browser refuses to run it. A script added to the page after the build never
runs either.

The directives, and why:
- default-src 'self': anything not named below comes from the site or not at all (fonts, frames,
  media, manifests...). connect-src and worker-src are 'self' too, said out loud: the search
  index is fetched and the search worker started from the site.
- script-src 'self' + hashes: the theme's bundle and the hub's scripts are files of the site;
  no 'unsafe-inline', so inline event handlers (onclick=...) and javascript: URLs never run.
- style-src 'self' 'unsafe-inline': Material and the hub's charts use style attributes. Styles
  cannot run script, and since images, fonts and connections are limited to the site, CSS
  cannot send anything to another host either.
- img-src 'self' data: Material draws its icons with data: SVG images in its CSS.
- object-src 'none', base-uri 'none': no plugins; no <base> to redirect the site's own addresses.
- form-action 'none': no form of the hub is ever submitted (answers stay in the browser), so a
  reader's answers can never be sent anywhere, even to the site, by pressing Enter.
(frame-ancestors, report-uri and sandbox are ignored in a <meta> policy, so none is given.)

The offline bundle, opened from file://: Chromium matches 'self' against file: URLs, so the
same policy holds. Search there runs in the iframe-worker shim (extra.polyfills), which writes a
small inline script into an about:blank frame; that frame inherits this policy, so the shim's
script is hashed too (`shim_script`), rebuilt from the shim's own source and the worker address
the page gives Material.

Nothing here imports mkdocs.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import Iterator

# <script ...>text</script>; a script's text cannot hold "</script" (HTML ends it there).
# (letter classes rather than re.I: about three times faster over a whole page)
INLINE_SCRIPT = re.compile(r"<[sS][cC][rR][iI][pP][tT]\b([^>]*)>(.*?)</[sS][cC][rR][iI][pP][tT]\s*>", re.S)
ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
# The types a browser runs as script (the HTML standard's JavaScript MIME type essence matches).
JAVASCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "application/ecmascript",
                    "application/x-ecmascript", "application/x-javascript", "text/ecmascript", "text/javascript1.0",
                    "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
                    "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript", "text/x-javascript"}
CHARSET = re.compile(r"<meta\s+charset=[\"']?[\w-]+[\"']?\s*/?>", re.I)
HEAD = re.compile(r"<head\b[^>]*>", re.I)
CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
POLICY_META = '<meta http-equiv="Content-Security-Policy" content="{}">'


def sha256_source(script: str) -> str:
    """The CSP source expression allowing an inline script whose text is exactly `script`."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _inline_scripts(page: str) -> Iterator[re.Match]:
    """INLINE_SCRIPT's matches in `page`, found with str.find, which passes over a page far faster
    than the regex alone (the regex when lower-casing changes the page's length, as for 'İ')."""
    low = page.lower()
    if len(low) != len(page):
        yield from INLINE_SCRIPT.finditer(page)
        return
    start = 0
    while (start := low.find("<script", start)) >= 0:
        match = INLINE_SCRIPT.match(page, start)
        if match:
            yield match
        start = match.end() if match else start + len("<script")


def executed_inline_scripts(page: str) -> list[str]:
    """The text of every inline script in `page` a browser would run."""
    scripts = []
    for match in _inline_scripts(page):
        attrs = {}
        for m in ATTRIBUTE.finditer(match.group(1)):  # name -> value ("" when it has none)
            double, single, bare = m.group(2, 3, 4)
            attrs[m.group(1).lower()] = double if double is not None else single if single is not None else bare or ""
        if "src" not in attrs and attrs.get("type", "").strip().lower() in JAVASCRIPT_TYPES:
            scripts.append(match.group(2))
    return scripts


def policy(script_hashes: list[str]) -> str:
    """The policy text for a page whose inline scripts have these hash sources."""
    scripts = " ".join(["'self'", *sorted(set(script_hashes))])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ])


def shim_script(shim_source: str, worker_url: str) -> str:
    """The inline script the iframe-worker shim writes into its frame for `worker_url`.

    The shim builds it from a template literal, `<script>postMessage=${c};importScripts=${d};...`,
    with two of its own functions (their source text, as `${f}` gives it) and the worker's
    address. Raises ValueError if the shim no longer has that shape (a new version of it).
    """
    template = re.search(r"<html><body><script>(.*?)<\\/script>", shim_source)
    if not template:
        raise ValueError("the iframe-worker shim has changed: no <script> template found")

    def value(name: str) -> str:
        start = shim_source.find(f"function {name}(")
        if start < 0:
            return worker_url  # not a function of the shim: the worker address it was given
        depth = 0
        for end in range(shim_source.index("{", start), len(shim_source)):
            depth += {"{": 1, "}": -1}.get(shim_source[end], 0)
            if depth == 0:
                return shim_source[start:end + 1]
        raise ValueError(f"the iframe-worker shim has changed: function {name} does not end")

    return re.sub(r"\$\{(\w+)\}", lambda m: value(m.group(1)), template.group(1))


def worker_url(page: str) -> str | None:
    """The search worker address a page gives Material (its `__config`), or None."""
    config = CONFIG.search(page)
    return json.loads(config.group(1)).get("search") if config else None


def add_policy(page: str, content: str = "", shim_source: str | None = None) -> str:
    """`page` with its Content Security Policy first in its <head> (after <meta charset>).

    `content`: the page's own content (Markdown made HTML), whose scripts are not allowed.
    `shim_source`: the iframe-worker shim's source, for the offline bundle, whose search runs in
    the shim's frame. Raises ValueError for a page with no <head>.
    """
    theme = page.replace(content, "", 1) if content else page
    hashes = [sha256_source(script) for script in executed_inline_scripts(theme)]
    worker = worker_url(page) if shim_source else None
    if worker:
        hashes.append(sha256_source(shim_script(shim_source, worker)))
    meta = POLICY_META.format(policy(hashes))
    at = CHARSET.search(page) or HEAD.search(page)
    if not at:
        raise ValueError("the page has no <head>")
    return page[:at.end()] + "\n    " + meta + page[at.end():]
