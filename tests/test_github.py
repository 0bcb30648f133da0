"""The GitHub side of the contributor loop (.github/) is checked here, not first on GitHub:

- every workflow against GitHub's published workflow schema, the issue forms against the issue
  forms schema, and dependabot.yml against Dependabot's (check-jsonschema's built-in copies, so
  no download);
- the workflows audited by zizmor in offline mode, with no finding of medium or high severity
  (unpinned actions, wide permissions, untrusted input expanded into a shell, credentials left
  in the checkout...);
- every action pinned to a full commit with its version in a comment (for Dependabot and for
  people), and the Makefile targets the workflows run exist;
- the issue forms the site's "Report a problem" links name exist, with the fields they fill in.

Deliberately broken and unsafe copies prove each check can fail.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
import hub_site

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<action>[^@\s]+)@(?P<ref>\S+)(?:\s+#\s*(?P<comment>.*))?$")


def schema_problems(schema: str, *files: Path) -> str:
    """check-jsonschema's report on `files` against one of its built-in schemas ('' if valid)."""
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)],
                            capture_output=True, text=True)
    return "" if result.returncode == 0 else result.stdout + result.stderr


def zizmor_findings(*workflows: Path) -> list[str]:
    """zizmor's findings of medium or high severity on `workflows`, offline."""
    result = subprocess.run([str(BIN / "zizmor"), "--offline", "--no-progress", "--format", "json", *map(str, workflows)],
                            capture_output=True, text=True)
    assert result.stdout.strip().startswith("["), f"zizmor did not run: {result.stderr}"
    return [f"{finding['ident']} ({finding['determinations']['severity']}): {finding['desc']}"
            for finding in json.loads(result.stdout)
            if finding["determinations"]["severity"] in ("Medium", "High")]


def unpinned_uses(text: str) -> list[str]:
    """Each `uses:` not pinned to a full commit with a version comment (local actions excepted)."""
    bad = []
    for line in text.splitlines():
        match = PINNED.match(line)
        if match and not match.group("action").startswith("./"):
            if not re.fullmatch(r"[0-9a-f]{40}", match.group("ref")) or not re.match(r"v\d", match.group("comment") or ""):
                bad.append(line.strip())
    return bad


def test_there_are_workflows_and_issue_forms():
    assert {p.name for p in WORKFLOWS} >= {"checks.yml", "publish.yml"}
    assert {p.name for p in FORMS} == {form for form, _ in hub_site.ISSUE_FORMS.values()}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_githubs_schema(workflow):
    assert schema_problems("vendor.github-workflows", workflow) == ""


def test_issue_forms_dependabot_and_issue_config_match_their_schemas():
    assert schema_problems("vendor.github-issue-forms", *FORMS) == ""
    assert schema_problems("vendor.github-issue-config", GITHUB / "ISSUE_TEMPLATE" / "config.yml") == ""
    assert schema_problems("vendor.dependabot", GITHUB / "dependabot.yml") == ""


def test_zizmor_finds_nothing_in_the_workflows():
    assert zizmor_findings(*WORKFLOWS) == []


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(workflow):
    text = workflow.read_text(encoding="utf-8")
    assert "uses:" in text and unpinned_uses(text) == []


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_permissions_are_given_job_by_job_and_checkouts_keep_no_credentials(workflow):
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    assert data["permissions"] == {}, "the workflow grants nothing by default; each job asks for what it needs"
    for name, job in data["jobs"].items():
        assert "permissions" in job, f"job {name} does not say which permissions it needs"
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False, f"job {name}: checkout keeps the token"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_the_make_targets_the_workflows_run_exist(workflow):
    targets = set(re.findall(r"^([a-z][\w-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    steps = [step for job in yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"].values() for step in job["steps"]]
    called = [target for step in steps for target in re.findall(r"^\s*make (\w[\w-]*)", step.get("run", ""), re.M)]
    assert called and set(called) <= targets


def test_the_issue_forms_have_the_fields_the_site_fills_in():
    for form, _ in hub_site.ISSUE_FORMS.values():
        data = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / form).read_text(encoding="utf-8"))
        ids = {field.get("id") for field in data["body"]}
        assert {hub_site.FIELD_PAGE_TITLE, hub_site.FIELD_PAGE_ADDRESS} <= ids, form


# The checks can fail: broken and unsafe copies of a real workflow.

BROKEN_WORKFLOW = """\
name: Broken
on: pull_request
jobs:
  checks:
    runs-on: ubuntu-24.04
    step:
      - run: make check
"""

UNSAFE_WORKFLOW = """\
name: Unsafe
on: pull_request_target
jobs:
  checks:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: echo "Checking ${{ github.event.pull_request.title }}"
"""


def test_a_broken_workflow_fails_the_schema_check(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(BROKEN_WORKFLOW, encoding="utf-8")
    assert "step" in schema_problems("vendor.github-workflows", broken)
    real = WORKFLOWS[0].read_text(encoding="utf-8")
    (tmp_path / "real.yml").write_text(real.replace("runs-on:", "run-on:", 1), encoding="utf-8")
    assert schema_problems("vendor.github-workflows", tmp_path / "real.yml") != ""


def test_an_unsafe_workflow_fails_zizmor_and_the_pin_check(tmp_path):
    unsafe = tmp_path / "unsafe.yml"
    unsafe.write_text(UNSAFE_WORKFLOW, encoding="utf-8")
    found = "\n".join(zizmor_findings(unsafe))
    for audit in ("template-injection", "unpinned-uses", "dangerous-triggers", "artipacked"):
        assert audit in found
    assert unpinned_uses(UNSAFE_WORKFLOW) == ["- uses: actions/checkout@v4"]
    assert unpinned_uses("      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1\n") != []


def test_a_broken_issue_form_fails_the_schema_check(tmp_path):
    form = tmp_path / "form.yml"
    form.write_text(FORMS[0].read_text(encoding="utf-8").replace("type: textarea", "type: essay", 1), encoding="utf-8")
    assert schema_problems("vendor.github-issue-forms", form) != ""
