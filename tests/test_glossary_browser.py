"""In Chromium: the glossary's explanation of an abbreviation reaches readers without a mouse.

Abbreviations in page text and in rendered data are `<abbr tabindex="0" title=...>` (the build
adds the tabindex), and Material's `content.tooltips` shows the title when the abbreviation is
focused, so a tap on a phone and the Tab key show it as hovering does. Checked on a page whose
abbreviations come from data (recruitment/readiness/: "DBS" in the readiness indicators).
"""

from __future__ import annotations

import pytest

from axe import axe_violations, describe
from conftest import ROOT
from hub_render import read_abbreviations

pytestmark = pytest.mark.browser

PAGE = "recruitment/readiness/"
GLOSSARY = read_abbreviations(ROOT / "docs" / "includes" / "abbreviations.md")
DATA_ABBR = "[class^='hub-'] abbr, [class*=' hub-'] abbr"  # inside a rendered dataset
TOOLTIP = ".md-tooltip2--active"


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    yield context.new_page()
    context.close()


def shown_for(page, abbr) -> str:
    """The text of the tooltip `abbr` points to with aria-describedby, once it is shown."""
    page.wait_for_selector(TOOLTIP, timeout=5_000)
    described = abbr.get_attribute("aria-describedby")
    assert described, "the shown explanation is not linked to the abbreviation"
    return page.locator(f"#{described}").inner_text().strip()


def test_every_abbreviation_in_data_is_focusable_and_explained(page, base_url):
    page.goto(base_url + PAGE)
    data = page.locator(DATA_ABBR)
    assert data.count() >= 5, "the page's data shows no abbreviation from the glossary"
    for i in range(data.count()):
        abbr = data.nth(i)
        assert abbr.get_attribute("tabindex") == "0"
        assert abbr.get_attribute("title") == GLOSSARY[abbr.inner_text()]


def test_a_tap_on_a_phone_shows_the_explanation(phone, base_url):
    phone.goto(base_url + PAGE)
    abbr = phone.locator(DATA_ABBR).filter(has_text="DBS").first
    abbr.scroll_into_view_if_needed()
    assert phone.locator(TOOLTIP).count() == 0
    abbr.tap()
    assert shown_for(phone, abbr) == "Disclosure and Barring Service"
    box, tip = abbr.bounding_box(), phone.locator(TOOLTIP).bounding_box()
    assert 0 <= tip["x"] and tip["x"] + tip["width"] <= 390, "the explanation runs off a phone's screen"
    assert tip["y"] >= box["y"] + box["height"] - 1, "the explanation covers the word it explains"
    assert abbr.inner_text() == "DBS"  # the accessible name is still the abbreviation itself
    assert axe_violations(phone) == [], describe(axe_violations(phone))
    phone.locator("h1").tap()  # a tap elsewhere hides it again
    phone.wait_for_selector(TOOLTIP, state="detached", timeout=5_000)


def test_the_tab_key_reaches_an_abbreviation_and_shows_its_explanation(page, base_url):
    page.goto(base_url + PAGE)
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName === 'ABBR' && "
                         "!!document.activeElement.closest(\"[class*='hub-']\")"):
            break
    else:
        raise AssertionError("Tab never reached an abbreviation in the page's data")
    abbr = page.locator("abbr:focus")
    assert shown_for(page, abbr) == GLOSSARY[abbr.inner_text()]
    tooltip = abbr.get_attribute("aria-describedby")
    assert axe_violations(page) == [], describe(axe_violations(page))
    page.keyboard.press("Tab")  # moving on hides it
    page.wait_for_selector(f"#{tooltip}", state="detached", timeout=5_000)
