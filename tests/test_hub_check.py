"""The whole-hub check behind the build and `make check`."""

from __future__ import annotations


from conftest import ROOT, copy_project
from hub_check import check_hub, main


def test_the_real_hub_has_no_problems_and_no_unused_datasets():
    hub = check_hub(ROOT, ROOT / "docs", ROOT / "overrides" / "hub")
    assert [str(p) for p in hub.problems] == [] and hub.unused == []


def test_a_template_that_fails_is_a_located_problem_not_a_traceback(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "overrides" / "hub" / "list.html").write_text("{{ data.no_such_field }}")
    hub = check_hub(project, project / "docs", project / "overrides" / "hub")
    assert any(str(p).startswith("docs/about-peer-support/values.md:") and "could not render 'core-values'" in str(p)
               and "no_such_field" in str(p) for p in hub.problems)


def test_a_kind_without_a_template_says_so(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "overrides" / "hub" / "list.html").unlink()
    hub = check_hub(project, project / "docs", project / "overrides" / "hub")
    assert any("the dataset 'core-values' has no template for its kind 'list'" in str(p) for p in hub.problems)


def test_command_line_check_and_render(capsys):
    assert main(["--root", str(ROOT)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("readability: ") and out.rstrip().splitlines()[-1].startswith("ok: ")
    assert main(["--root", str(ROOT), "--render", "core-values"]) == 0
    assert 'id="core-values--safety"' in capsys.readouterr().out
