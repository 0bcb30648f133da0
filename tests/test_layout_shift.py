"""Nothing moves as a page's scripts start (issue 13, page speed; hub.css "What the scripts show,
in place from the first paint"). Chromium's own layout-shift entries (PerformanceObserver, the
measure behind Lighthouse's Cumulative Layout Shift) are collected from before the first paint
until the scripts have run, at phone size with touch and at desktop size, on the four pages the
issue names and on the first page of each kind the hub's scripts enhance (a record form, a
checklist report, the candidates bar, a trainer's programme, the device-data panel), found in
the build so a new kind of page is not missed. Any shift fails, with what moved and by how much.
"""

from __future__ import annotations

import re

import pytest

from conftest import SIZES

pytestmark = pytest.mark.browser

# The pages .ci/lighthouse scores.
LIGHTHOUSE_PAGES = ["", "safest/planner/", "handouts/induction-six-day/", "checklists/preparation-plan/"]
# The markup each of the hub's scripts enhances (their header comments; overrides/main.html).
ENHANCED = {"records.js": 'class="hub-record', "checklists.js": "data-hub-report",
            "candidates.js": "data-hub-candidates", "programme.js": "data-hub-programme",
            "device-data.js": "data-hub-device-data"}

OBSERVE = """
window.hubShifts = [];
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (entry) {
    if (entry.hadRecentInput) return;
    window.hubShifts.push({
      value: entry.value,
      moved: entry.sources.map(function (source) {
        var node = source.node;
        var what = node ? (node.outerHTML || node.nodeName).slice(0, 80) : "(gone)";
        return what + " y " + source.previousRect.y + " -> " + source.currentRect.y;
      })
    });
  });
}).observe({ type: "layout-shift", buffered: true });
"""


def pages_to_check(site) -> list[str]:
    paths = list(LIGHTHOUSE_PAGES)
    html = {p.parent.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(site.rglob("index.html"))}
    for script, marker in ENHANCED.items():
        found = [path for path, text in html.items() if marker in text]
        assert found, f"no page has the markup {script} enhances ({marker})"
        first = found[0] + "/"
        if first not in paths:
            paths.append(first)
    return paths


def test_the_pages_checked_include_every_kind_of_enhanced_page(site):
    paths = pages_to_check(site)
    assert len(paths) >= len(LIGHTHOUSE_PAGES) + 1
    assert all((site / path / "index.html").is_file() for path in paths)


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_no_layout_shift_while_the_scripts_start(browser, base_url, site, size):
    context = browser.new_context(**SIZES[size])
    context.add_init_script(OBSERVE)
    page = context.new_page()
    shifted = {}
    try:
        for path in pages_to_check(site):
            page.goto(base_url + path, wait_until="load")
            # The scripts are deferred: they have run by `load`; wait for the frames after them.
            page.wait_for_function("document.querySelectorAll('[data-hub-ready]').length >= "
                                   "document.querySelectorAll('form.hub-record, [data-hub-programme]').length")
            page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
            page.wait_for_timeout(300)
            shifts = page.evaluate("window.hubShifts")
            if shifts:
                shifted["/" + path] = shifts
    finally:
        context.close()
    assert shifted == {}


def test_the_records_notice_is_in_the_page_as_the_script_leaves_it(browser, base_url, site):
    """The bar's notice is written by the template (overrides/hub/_records.html) with the words
    records.js keeps while answers are kept: if the two drift apart, the bar changes height."""
    context = browser.new_context(**SIZES["phone"])
    page = context.new_page()
    try:
        page.goto(base_url + "safest/planner/")
        page.wait_for_selector("form.hub-record[data-hub-ready]")
        built = (site / "safest" / "planner" / "index.html").read_text(encoding="utf-8")
        written = re.search(r'<p class="hub-record__notice">([^<]*)</p>', built).group(1)
        assert written
        assert page.locator(".hub-record__notice").first.inner_text() == written
        kept = page.evaluate("window.hubStorage.NOTICE.kept")
        assert kept == written, "the template's notice and storage.js NOTICE.kept say different things"
    finally:
        context.close()
