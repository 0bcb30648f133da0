"""`make check` in GitHub Actions: each problem is also a workflow annotation on its file and line,
so a contributor sees it on the changed line of their pull request."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import copy_project
from hub_check import annotation
from hub_yaml import Problem


def check(project, github_actions: bool) -> subprocess.CompletedProcess:
    """Run the check as `make check` does, in or out of GitHub Actions."""
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    if github_actions:
        env["GITHUB_ACTIONS"] = "true"
    return subprocess.run([sys.executable, "hooks/hub_check.py"], cwd=project, env=env, capture_output=True, text=True)


def broken_copy(tmp_path):
    """A copy of the hub with a bad id on line 11 of data/core-values.yml and an unknown dataset
    on a page."""
    project = copy_project(tmp_path / "project")
    data = project / "data" / "core-values.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("  - id: safety\n", "  - id: Safety First\n"), encoding="utf-8")
    page = project / "docs" / "about-peer-support" / "values.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<!-- hub: core-valus -->\n", encoding="utf-8")
    return project


def test_in_github_actions_each_problem_is_an_annotation_on_its_line(tmp_path):
    result = check(broken_copy(tmp_path), github_actions=True)
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 2, result.stdout
    assert annotations[0].startswith("::error file=data/core-values.yml,line=11,title=Hub check%3A items[1].id::'Safety First'")
    assert annotations[1].startswith("::error file=docs/about-peer-support/values.md,line=")
    assert "::unknown dataset 'core-valus'" in annotations[1]
    # the ordinary messages are still there, for people reading the log
    assert "data/core-values.yml:11: items[1].id: 'Safety First'" in result.stderr


def test_outside_github_actions_there_are_no_workflow_commands(tmp_path):
    result = check(broken_copy(tmp_path), github_actions=False)
    assert result.returncode == 1 and "::error" not in result.stdout + result.stderr
    assert "data/core-values.yml:11: items[1].id:" in result.stderr


def test_annotation_escapes_what_would_end_the_command_early():
    command = annotation(Problem("data/a,b.yml", 3, "items[0].text", "50% wrong\nsecond line: here"))
    assert command == ("::error file=data/a%2Cb.yml,line=3,title=Hub check%3A items[0].text"
                       "::50%25 wrong%0Asecond line: here")
