"""In Chromium: the secure-services survey charts fit a phone screen with readable text, and
their markup (SVG image, table) passes axe-core's WCAG 2.1 A and AA rules."""

from __future__ import annotations

import pytest

from axe import inject_axe
from conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 375, "height": 800}
CHART_PAGES = ["existing-peer-support", "what-is-a-peer", "is-peer-support-useful", "value-of-peer-support",
               "when-peer-support-helps", "user-led-peer-support", "barriers-and-concerns", "what-services-could-do"]


@pytest.mark.parametrize("name", CHART_PAGES)
def test_charts_fit_a_phone_and_their_text_stays_readable(browser, base_url, name):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{base_url}secure-services/{name}/")
    charts = page.locator("figure.hub-chart svg")
    assert charts.count() >= 1
    for i in range(charts.count()):
        svg = charts.nth(i)
        box = svg.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], f"chart {i} overflows the screen"
        smallest = svg.evaluate("s => Math.min(...[...s.querySelectorAll('text')]"
                                ".map(t => t.getBoundingClientRect().height))")
        assert smallest >= 9, f"chart {i}: text only {smallest:.1f}px high on a phone"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chart_markup_passes_axe(browser, base_url, scheme):
    if not AXE.is_file():
        pytest.fail("axe-core is missing: run `npm ci` (make test does)")
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    for name in CHART_PAGES:
        page.goto(f"{base_url}secure-services/{name}/")
        page.evaluate("document.querySelectorAll('figure.hub-chart details').forEach(d => d.open = true)")
        inject_axe(page)
        result = page.evaluate("axe.run({include: [['figure.hub-chart']]}, "
                               "{runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})")
        found = [(v["id"], n["target"]) for v in result["violations"] for n in v["nodes"]]
        assert found == [], f"{name} ({scheme}): {found}"
    context.close()
