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


def test_a_data_file_that_cannot_be_read_is_reported_once_not_as_an_unknown_marker(tmp_path):
    """A contributor's broken file gets its own located problem; the page that places it is not
    blamed with "unknown dataset" as if the marker were misspelt."""
    project = copy_project(tmp_path / "project")
    data = project / "data"
    (data / "core-values.yml").write_text("kind: list\ntitle: [unclosed\n", encoding="utf-8")  # a YAML syntax error
    (data / "ld-benefits.yml").write_text("- just\n- a list\n", encoding="utf-8")  # readable, but not a dataset
    hub = check_hub(project, project / "docs", project / "overrides" / "hub")
    problems = [str(p) for p in hub.problems]
    assert any(p.startswith("data/core-values.yml:2: ") for p in problems), problems
    assert any(p.startswith("data/ld-benefits.yml:1: ") for p in problems), problems
    assert [p for p in problems if "unknown dataset" in p] == []


def test_a_misspelt_marker_is_still_an_unknown_dataset(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "about-peer-support" / "values.md"
    page.write_text(page.read_text(encoding="utf-8").replace("<!-- hub: core-values", "<!-- hub: core-valeus"), encoding="utf-8")
    hub = check_hub(project, project / "docs", project / "overrides" / "hub")
    assert any(str(p).startswith("docs/about-peer-support/values.md:") and "unknown dataset 'core-valeus'" in str(p)
               for p in hub.problems)
