"""axe-core finds no WCAG 2.1 A or AA violation on the SAFEST and reflection pages, in light and
dark mode, with an answer typed in."""

from __future__ import annotations

import pytest

from axe import axe_violations

pytestmark = pytest.mark.browser

PAGES = [
    "safest/", "safest/planner/", "safest/pocket-card/", "reflection/",
    "reflection/peers-being-supported/", "reflection/peer-supporters/", "reflection/supervision/",
    "reflection/managers/", "reflection/interview-preparation/", "reflection/case-study-sarah/",
    "reflection/case-study-danny/", "reflection/ward-team/",
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_no_wcag_violations(page, base_url, path, scheme):
    page.emulate_media(color_scheme=scheme)  # Material follows it: the default or the slate palette
    page.goto(base_url + path)
    if page.locator("form.hub-record").count():
        page.wait_for_selector("form.hub-record[data-hub-ready]")
        page.locator("textarea[data-hub-item]").first.fill("An answer")
    assert axe_violations(page) == []
