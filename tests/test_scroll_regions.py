"""Blocks that scroll sideways (issue 9.11; overrides/assets/hub/scroll-regions.js): a table or
code block too wide for the screen can be reached with the keyboard and scrolled with the arrow
keys, and is named, at phone size with touch (where Material makes none focusable) and at desktop
size; a block that fits adds no tab stop; axe finds nothing. The issue's example is the code
block on recruitment/induction/; the variants are a wide table without links, a wide table of
the hub's own markup, a code block, and a narrow table."""

from __future__ import annotations

import pytest

from axe import axe_violations, describe
from conftest import add_page, build, copy_project, serve

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
WIDE_ROW = " | ".join(f"Column{i}WithALongHeading" for i in range(12))
PAGE = f"""---
title: Scroll regions
description: Wide blocks for a test.
last_reviewed: 2026-01-10
next_review: 2028-01-10
---

# Scroll regions

| {WIDE_ROW} |
| {" | ".join("---" for _ in range(12))} |
| {" | ".join(f"cell{i}" for i in range(12))} |

A narrow table:

| One | Two |
| --- | --- |
| a | b |

```yaml
{"key: " + "a-very-long-value-" * 20}
```

<div class="md-typeset__scrollwrap" markdown><table class="hub-wide"><tr>{"".join(f"<td>Wide{i}ContentCell</td>" for i in range(20))}</tr></table></div>
"""


@pytest.fixture(scope="module")
def page_url(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("scroll") / "project")
    add_page(project, "scroll-test.md", PAGE)
    site = project / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    server, url = serve(site)
    yield url + "scroll-test/"
    server.shutdown()


REGIONS = ".md-typeset__scrollwrap, pre > code"


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_every_wide_block_is_reachable_named_and_scrollable(browser, page_url, device):
    context = browser.new_context(**(PHONE if device == "phone" else DESKTOP))
    page = context.new_page()
    page.goto(page_url)
    page.wait_for_load_state("networkidle")
    regions = page.locator("article").locator(REGIONS)
    wide = [i for i in range(regions.count())
            if regions.nth(i).evaluate("r => r.scrollWidth > r.clientWidth + 1")]
    assert len(wide) >= 3 if device == "phone" else len(wide) >= 2, "the test page should have wide blocks"
    for i in range(regions.count()):
        region = regions.nth(i)
        if i in wide:
            assert region.get_attribute("tabindex") == "0", f"region {i} cannot take focus"
            name = region.evaluate("r => r.getAttribute('aria-label') || r.closest('[aria-label]')?.getAttribute('aria-label')")
            if region.get_attribute("data-hub-scroll-region") is not None:
                assert region.get_attribute("role") == "region" and "scrolls sideways" in name
            region.focus()
            page.keyboard.press("ArrowRight")
            page.keyboard.press("End")
            page.wait_for_function("r => r.scrollLeft > 0", arg=region.element_handle(), timeout=5_000)  # smooth
        else:
            assert region.get_attribute("tabindex") is None, f"region {i} fits, yet is a tab stop"
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    context.close()


def test_a_block_that_comes_to_fit_gives_up_its_tab_stop(browser, page_url):
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    page.goto(page_url)
    narrow_table = page.locator("article .md-typeset__scrollwrap").nth(1)
    assert narrow_table.get_attribute("tabindex") is None
    page.set_viewport_size({"width": 320, "height": 800})
    code = page.locator("article pre > code").first
    page.wait_for_function("c => c.getAttribute('tabindex') === '0'", arg=code.element_handle())
    page.evaluate("c => { c.style.whiteSpace = 'pre-wrap' }", code.element_handle())
    page.wait_for_function("c => !c.hasAttribute('tabindex')", arg=code.element_handle())
    context.close()


def test_material_taking_the_tab_stop_away_on_a_touch_screen_is_undone(browser, page_url):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(page_url)
    code = page.locator("article pre > code").first
    assert code.get_attribute("tabindex") == "0"
    code.evaluate("c => c.removeAttribute('tabindex')")  # what Material does where there is no hover
    page.wait_for_function("c => c.getAttribute('tabindex') === '0'", arg=code.element_handle())
    context.close()
