"""axe-core in a Playwright page: the WCAG 2.0 and 2.1 A and AA rules, none muted.

`axe_violations(page)` injects axe-core from node_modules (installed by `npm ci`; never from a CDN),
runs it on the page as it is now, and returns one short record a violation, with the CSS targets
of every failing node, so an assertion message says what to fix and where:

    assert axe_violations(page) == []
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def preload_axe(context) -> None:
    """Have axe-core in every page `context` opens from now on, so `axe_violations` need not
    inject it page by page (a crawl's time saver). Init scripts come through the DevTools
    protocol, so the pages' Content Security Policy does not apply to them."""
    context.add_init_script(path=str(AXE))


def inject_axe(page) -> None:
    """Put axe-core in the page as it is now. Not as a <script> element (add_script_tag): the
    site's Content Security Policy rightly refuses inline scripts it did not ship, and
    `bypass_csp` would test a weaker site than readers get. Evaluated through the DevTools
    protocol instead, which the policy does not govern."""
    if not AXE.is_file():
        raise AssertionError(f"{AXE.relative_to(ROOT)} is missing: run `npm ci` (make test does)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")


def axe_violations(page, context: str | dict | None = None, tags: list[str] | None = None,
                   rules: list[str] | None = None) -> list[dict]:
    """Run axe on `page` (optionally only within `context`, a selector or axe context object) and
    return its violations as `{"id", "impact", "help", "nodes": [{"target", "summary"}]}`.
    By default every WCAG 2.0/2.1 A and AA rule runs; `tags` or `rules` (rule ids) pick others."""
    inject_axe(page)
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": tags or WCAG_AA}
    options = {"runOnly": run_only, "resultTypes": ["violations"]}
    result = page.evaluate(
        "([context, options]) => axe.run(context || document, options)", [context, options])
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [{"target": node["target"], "summary": node.get("failureSummary", "")}
                      for node in violation["nodes"]],
        }
        for violation in result["violations"]
    ]


def describe(violations: list[dict]) -> str:
    """The violations as readable lines, one a failing node, for an assertion message."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    {' > '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)
