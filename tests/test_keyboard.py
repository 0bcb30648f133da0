"""Keyboard use of the interactive forms (question sets and checklists, `form.hub-record`).

On every page of the built site that has one, Tab is pressed through each form from just before
it to just after it. Every visible control must be reached (one radio per group, as browsers do),
must show a visible focus indicator (its computed outline, box shadow, border or background
differs when focused), and must work from the keyboard: typing fills a text box, Space ticks a
checkbox or picks a radio, arrow keys move within a radio group, Enter presses a button.

The checker is proved on a copy of the project with a small form built to the shared contract,
and shown to catch a control Tab skips and one with no focus indicator, so it is real before the
hub's own forms land and covers them automatically when they do.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import add_page, build, copy_project, serve
from crawl import built_pages, url_path

pytestmark = pytest.mark.browser

FORM = "form.hub-record"
CONTROLS = "textarea, input, select, button"

# Number the form's controls, note which a reader can see, and put a focus target just before it.
PREPARE = """form => {
  const start = document.createElement("span");
  start.tabIndex = -1;
  start.dataset.kbStart = "";
  form.before(start);
  return [...form.querySelectorAll(arguments_controls)].map((el, i) => {
    el.dataset.kbIndex = i;
    const visible = !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length)
      && getComputedStyle(el).visibility !== "hidden";
    return {index: i, tag: el.tagName.toLowerCase(), type: el.type || "", name: el.name || "",
            id: el.id || el.dataset.hubAction || el.textContent.trim().slice(0, 40),
            visible, disabled: el.disabled};
  });
}""".replace("arguments_controls", repr(CONTROLS))

FOCUS_STYLE = """el => {
  const s = getComputedStyle(el);
  return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.borderColor,
          s.backgroundColor].join(" | ");
}"""

# The focused control's number; -1 for a glossary abbreviation (focusable so Tab and touch show
# its explanation: tests/test_glossary_browser.py), which Tab passes on the way.
ACTIVE = """() => {
  const el = document.activeElement;
  if (el && el.tagName === "ABBR") return -1;
  if (el && el.tagName === "A" && el.closest("form.hub-record")) return -1;  // a link in a form (an item's guidance)
  return el && el.dataset.kbIndex !== undefined ? Number(el.dataset.kbIndex) : null;
}"""

# Record a button's click and stop it there, so pressing Download, Print or Clear proves the
# button works without downloading, printing or asking to confirm.
CATCH_CLICKS = """() => {
  window.kbClicks = [];
  document.addEventListener("click", event => {
    const el = event.target.closest("[data-kb-index]");
    if (el && el.tagName === "BUTTON") {
      window.kbClicks.push(Number(el.dataset.kbIndex));
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
}"""


def name_of(control: dict) -> str:
    return f"{control['tag']}{'[' + control['type'] + ']' if control['tag'] == 'input' else ''}#{control['id']}"


def keyboard_problems(page, form) -> list[str]:
    """Tab through `form` (a locator) and return every keyboard problem found, one line each."""
    controls = form.evaluate(PREPARE)
    usable = [c for c in controls if c["visible"] and not c["disabled"]]
    if not usable:
        return ["the form has no visible control"]
    page.evaluate(CATCH_CLICKS)
    page.locator("[data-kb-start]").last.focus()
    problems, reached, focus_styles = [], [], {}
    for _ in range(3 * len(controls) + 5 + form.locator("abbr, a[href]").count()):
        page.keyboard.press("Tab")
        index = page.evaluate(ACTIVE)
        if index == -1:
            continue
        if index is not None and reached and index == reached[-1] and controls[index]["type"] == "date":
            continue  # Tab steps through a date box's day, month and year before leaving it
        if index is None or index in reached:
            break
        reached.append(index)
        control = controls[index]
        element = page.locator(f"[data-kb-index='{index}']").last
        focus_styles[index] = element.evaluate(FOCUS_STYLE)
        problems += operate(page, element, control, controls)
    by_group = {}
    for control in usable:
        key = (control["name"] or control["id"]) if control["type"] == "radio" else control["index"]
        by_group.setdefault(key, []).append(control)
    for group in by_group.values():
        if not any(c["index"] in reached for c in group):
            problems.append(f"{name_of(group[0])}: Tab never reaches it")
    page.locator("[data-kb-start]").last.focus()
    for index, focused in focus_styles.items():
        resting = page.locator(f"[data-kb-index='{index}']").last.evaluate(FOCUS_STYLE)
        if focused == resting:
            problems.append(f"{name_of(controls[index])}: no visible focus indicator ({focused})")
    return problems


def operate(page, element, control: dict, controls: list[dict]) -> list[str]:
    """Use the focused control from the keyboard; return what did not work."""
    kind = control["type"] if control["tag"] == "input" else control["tag"]
    if kind == "textarea" or kind in ("text", "email", "number", "search"):
        before = element.input_value()
        page.keyboard.type(" kb")
        if element.input_value() != before + " kb":
            return [f"{name_of(control)}: typing does not fill it"]
    elif kind == "checkbox":
        before = element.is_checked()
        page.keyboard.press("Space")
        if element.is_checked() == before:
            return [f"{name_of(control)}: Space does not tick or untick it"]
    elif kind == "radio":
        page.keyboard.press("Space")
        if not element.is_checked():
            return [f"{name_of(control)}: Space does not pick it"]
        group = [c for c in controls if c["type"] == "radio" and c["name"] == control["name"] and c["visible"]]
        if len(group) > 1:
            page.keyboard.press("ArrowDown")
            moved = page.evaluate(ACTIVE)
            if moved is None or moved == control["index"] or not page.locator(f"[data-kb-index='{moved}']").last.is_checked():
                return [f"{name_of(control)}: arrow keys do not move through its group"]
            page.keyboard.press("ArrowUp")
    elif kind in ("button", "submit", "reset"):
        page.keyboard.press("Enter")
        if control["index"] not in page.evaluate("window.kbClicks"):
            return [f"{name_of(control)}: Enter does not press it"]
    return []


def pages_with_forms(site: Path) -> list[str]:
    return [path for path in built_pages(site) if 'class="hub-record' in (site / path).read_text(encoding="utf-8")]


def all_problems(page, url: str) -> list[str]:
    page.goto(url)
    forms = page.locator(FORM)
    problems = []
    for number in range(forms.count()):
        form = forms.nth(number)
        label = form.get_attribute("data-hub-dataset") or f"form {number + 1}"
        problems += [f"{label}: {problem}" for problem in keyboard_problems(page, form)]
    return problems


def test_every_form_on_the_site_works_from_the_keyboard(site, base_url, page):
    found = pages_with_forms(site)
    if not found:
        pytest.skip("no page of the site has a form.hub-record yet")
    problems = {path: all_problems(page, base_url + url_path(path)) for path in found}
    assert {path: p for path, p in problems.items() if p} == {}


# A small form made to the shared contract (see the common brief), its bar shown as the records
# script shows it, and a broken copy of it.
CONTRACT_FORM = """
<form class="hub-record" data-hub-dataset="kb-test" data-hub-title="Keyboard test" novalidate>
  <div class="hub-record__bar">
    <p class="hub-record__notice">Your answers stay in this browser.</p>
    <p class="hub-record__status" role="status"></p>
    <button type="button" data-hub-action="download">Download your answers</button>
    <button type="button" data-hub-action="print">Print with your answers</button>
    <button type="button" data-hub-action="clear">Clear your answers</button>
  </div>
  <fieldset id="kb-test--first"><legend>First section</legend>
    <div class="hub-field">
      <label for="kb-test--why">Why does it matter?</label>
      <p class="hub-hint" id="kb-test--why--hint">A sentence or two.</p>
      <textarea id="kb-test--why" data-hub-item="why" data-hub-count rows="4" aria-describedby="kb-test--why--hint"></textarea>
    </div>
    <div class="hub-field hub-field--check">
      <input type="checkbox" id="kb-test--agreed" data-hub-item="agreed" data-hub-count><label for="kb-test--agreed">We agreed it</label>
      <label for="kb-test--agreed--note">Note</label>
      <textarea id="kb-test--agreed--note" data-hub-item="agreed--note" rows="2"></textarea>
    </div>
    <fieldset><legend>How ready are you?</legend>
      <input type="radio" id="kb-test--ready-yes" name="kb-test--ready" data-hub-item="ready" value="yes"><label for="kb-test--ready-yes">Ready</label>
      <input type="radio" id="kb-test--ready-no" name="kb-test--ready" data-hub-item="ready" value="no"><label for="kb-test--ready-no">Not yet</label>
    </fieldset>
  </fieldset>
</form>
"""
BROKEN = {
    'id="kb-test--agreed" ': 'id="kb-test--agreed" tabindex="-1" ',
    'id="kb-test--why" ': 'id="kb-test--why" style="outline: none" ',
}


def page_source(title: str, form: str) -> str:
    return (f"---\ntitle: {title}\ndescription: A form for the keyboard test.\n"
            f"last_reviewed: 2026-01-10\nnext_review: 2028-01-10\n---\n\n# {title}\n\n{form}\n")


@pytest.fixture(scope="module")
def contract_site(tmp_path_factory):
    """A copy of the hub with two extra pages: the contract form, and a broken copy of it."""
    project = copy_project(tmp_path_factory.mktemp("keyboard") / "project")
    broken = CONTRACT_FORM
    for before, after in BROKEN.items():
        broken = broken.replace(before, after)
    add_page(project, "kb-good.md", page_source("Keyboard test form", CONTRACT_FORM))
    add_page(project, "kb-broken.md", page_source("Broken keyboard test form", broken))
    site = project / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    server, url = serve(site)
    yield site, url
    server.shutdown()


def test_a_contract_form_is_fully_usable_from_the_keyboard(contract_site, page):
    site, url = contract_site
    assert "kb-good/index.html" in pages_with_forms(site)
    assert all_problems(page, url + "kb-good/") == []
    # Everything was used: the textareas hold what was typed, the box is ticked, a radio picked.
    assert page.locator("#kb-test--why").input_value() == " kb"
    assert page.locator("#kb-test--agreed").is_checked()
    assert page.locator("input[name='kb-test--ready']:checked").count() == 1
    assert page.evaluate("window.kbClicks.length") == 3


def test_the_keyboard_check_finds_a_skipped_control_and_a_hidden_focus(contract_site, page):
    _, url = contract_site
    problems = all_problems(page, url + "kb-broken/")
    assert [problem.split(" (")[0] for problem in problems] == [
        "kb-test: input[checkbox]#kb-test--agreed: Tab never reaches it",
        "kb-test: textarea#kb-test--why: no visible focus indicator",
    ]
