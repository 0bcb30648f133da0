"""axe-core in a Playwright page: the WCAG 2.1 A and AA rules, run on the page as it stands.

    from axe import axe_violations
    assert axe_violations(page) == []

axe-core comes from node_modules (`npm ci`, which `make test` runs); nothing is fetched.
"""

from __future__ import annotations

from conftest import ROOT

AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[dict]:
    """Every violation axe finds on `page`, each reduced to its rule, impact, help and failing elements."""
    if not AXE_SCRIPT.is_file():
        raise AssertionError(f"{AXE_SCRIPT.relative_to(ROOT)} is missing: run `npm ci` (or `make test`)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA)
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "targets": [" ".join(map(str, node["target"])) for node in v["nodes"]]}
            for v in result["violations"]]
