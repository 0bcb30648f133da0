"""Survey charts: the schema turns bad chart files into clear problems, the layout places bars
and text where they belong, and the template gives an accessible SVG and a table."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from hub_charts import BAR_SPAN, BAR_X, LABEL_CHARS, NOTE_CHARS, WIDTH, format_percent, layout_chart
from hub_data import Catalogue, Dataset, load_catalogue
from hub_render import VIEWS, Renderer
from hub_yaml import Document

SRC = {"id": "secure-services-report", "section": "Section 6.2", "lines": "429"}
HEADER = "# yaml-language-server: $schema=schemas/survey-chart.schema.json\n"


def bar(ident: str, value: float, respondents: int) -> dict:
    return {"id": ident, "value": value, "respondents": respondents, "source": SRC}


def chart(**changes) -> dict:
    data = {
        "kind": "survey-chart", "title": "Is it useful?", "question": "Is peer support useful?",
        "reading": "Most said *yes*.", "source": SRC,
        "options": [
            {"id": "yes", "label": "Yes", "patients": bar("yes-patients", 65, 213), "staff": bar("yes-staff", 80, 54)},
            {"id": "no", "label": "No", "note": "One member of staff said no.", "patients": bar("no-patients", 8, 213)},
        ],
    }
    data.update(changes)
    return data


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    catalogue, problems = load_catalogue(ROOT / "data", ROOT)
    assert problems == []
    return catalogue


def render(catalogue: Catalogue, data: dict) -> str:
    example = Dataset("example-chart", data["kind"], "data/example-chart.yml", data, Document(data))
    return Renderer(ROOT / "overrides" / "hub", Catalogue({**catalogue.datasets, "example-chart": example})).render("example-chart")


# --- schema: a bad chart file gives a clear error, with file, line and field -----------------

class _WrittenOut(yaml.SafeDumper):
    """Writes a value shared by two fields out twice: the hub refuses YAML anchors and aliases."""

    def ignore_aliases(self, data) -> bool:
        return True


def problems_for(tmp_path: Path, data: dict) -> list[str]:
    """Check a copy of data/ holding one extra chart file; the problems as printed."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    text = yaml.dump(data, Dumper=_WrittenOut, sort_keys=False)
    (tmp_path / "data" / "bad-chart.yml").write_text(HEADER + text, encoding="utf-8")
    _, problems = load_catalogue(tmp_path / "data", tmp_path)
    return [str(p) for p in problems]


def test_a_good_chart_has_no_problems(tmp_path):
    assert problems_for(tmp_path, chart()) == []


@pytest.mark.parametrize("change, expected", [
    (lambda d: d["options"][0]["patients"].update(value=120),
     r"options\[0\]\.patients\.value: 120 is out of range; expected at most 100"),
    (lambda d: d["options"][0]["staff"].pop("respondents"),
     r"options\[0\]\.staff\.respondents: missing; this field is required"),
    (lambda d: d["options"][1].pop("patients"),
     r"options\[1\]\.patients: missing; this field is required"),
    (lambda d: d["options"][0].update(carers=bar("yes-carers", 5, 10)),
     r"options\[0\]\.carers: unknown field; expected one of: id, label, note, patients, staff"),
    (lambda d: d["options"][0].update(label="*Yes*"),
     r"options\[0\]\.label: '\*Yes\*' is not in the expected form: plain text without Markdown"),
    (lambda d: d["options"][1]["patients"].update(id="yes-patients"),
     r"options\[1\]\.patients\.id: 'yes-patients' is already used on line \d+"),
    (lambda d: d.pop("reading"), r"reading: missing; this field is required"),
])
def test_a_bad_chart_names_file_line_field_and_what_is_wrong(tmp_path, change, expected):
    data = chart()
    change(data)
    problems = problems_for(tmp_path, data)
    assert len(problems) == 1, problems
    assert re.match(r"data/bad-chart\.yml:\d+: " + expected, problems[0]), problems[0]


def test_a_bad_chart_fails_the_check_without_a_traceback(tmp_path, capsys):
    import hub_check

    for part in ("docs", "overrides"):
        shutil.copytree(ROOT / part, tmp_path / part)
    data = chart()
    data["options"][0]["staff"]["value"] = "80%"
    problems_for(tmp_path, data)
    assert hub_check.main(["--root", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "data/bad-chart.yml:" in err and "staff.value: expected a number, found the text '80%'" in err
    assert "Traceback" not in err


# --- layout -----------------------------------------------------------------------------

def test_format_percent_prints_figures_as_the_source_does():
    assert [format_percent(v) for v in (65, 3.7, 0, 100)] == ["65%", "3.7%", "0%", "100%"]


def test_bars_are_proportional_and_patients_come_before_staff():
    layout = layout_chart(chart())
    yes, no = layout.rows
    assert [b.group for b in yes.bars] == ["patients", "staff"]
    assert yes.bars[0].width == pytest.approx(BAR_SPAN * 0.65)
    assert yes.bars[1].width == pytest.approx(BAR_SPAN * 0.80)
    assert all(b.text_x > BAR_X + b.width for b in yes.bars)
    assert [b.text for b in yes.bars] == ["65%", "80%"]


def test_a_missing_figure_draws_no_bar_and_leaves_an_empty_cell():
    layout = layout_chart(chart())
    assert [b.group for b in layout.rows[1].bars] == ["patients"]
    assert layout.rows[1].cells == ("8%", None)
    assert layout.groups == (("patients", "Patients", 213), ("staff", "Staff", 54))


def test_a_chart_with_one_group_has_only_that_group():
    data = chart(options=[{"id": "gender", "label": "Gender", "patients": bar("gender-patients", 34, 213)}])
    layout = layout_chart(data)
    assert layout.groups == (("patients", "Patients", 213),)
    assert layout.rows[0].cells == ("34%",)


def test_cells_name_the_base_when_a_group_has_more_than_one():
    data = chart()
    data["options"][1]["patients"]["respondents"] = 200
    layout = layout_chart(data)
    assert layout.groups[0] == ("patients", "Patients", None)
    assert layout.rows[0].cells == ("65% of 213", "80%")


def test_rows_stack_without_overlapping_and_fit_the_viewbox(catalogue):
    for name, dataset in catalogue.datasets.items():
        if dataset.kind != "survey-chart":
            continue
        layout = layout_chart(dataset.data)
        ys = [y for row in layout.rows for y in
              [*(y for y, _ in row.label_lines), *(b.y for b in row.bars), *(y for y, _ in row.note_lines)]]
        assert ys == sorted(ys) and len(set(ys)) == len(ys), name
        assert max(ys) < layout.grid_bottom < layout.height, name
        for row in layout.rows:
            assert all(len(line) <= LABEL_CHARS for _, line in row.label_lines), name
            assert all(len(line) <= NOTE_CHARS for _, line in row.note_lines), name
            # the longest value text ("100%") still fits after the longest bar
            assert all(b.text_x + 40 <= WIDTH for b in row.bars), name


# --- rendering ----------------------------------------------------------------------------

def test_the_survey_chart_view_is_registered():
    assert "survey-chart" in VIEWS


def test_svg_is_a_named_image_scaled_by_its_viewbox(catalogue):
    html = render(catalogue, chart())
    svg = re.search(r"<svg [^>]*>", html).group(0)
    assert 'role="img"' in svg and 'width="100%"' in svg and 'viewBox="0 0 400 ' in svg
    assert 'aria-labelledby="example-chart--svg-title example-chart--svg-desc"' in svg
    assert '<title id="example-chart--svg-title">Is it useful?</title>' in html
    assert '<desc id="example-chart--svg-desc">Most said yes. The table below gives every figure.</desc>' in html
    assert "\n\n" not in html


def test_staff_bars_are_hatched_and_every_bar_is_labelled_in_text(catalogue):
    html = render(catalogue, chart())
    assert 'fill="url(#example-chart--hatch)"' in html
    assert html.count(">Patients</text>") == 2 and html.count(">Staff</text>") == 1
    for value in ("65%", "80%", "8%"):
        assert f'font-weight="bold" fill="#1a1a1a">{value}</text>' in html


def test_the_table_has_a_caption_and_scoped_headers(catalogue):
    html = render(catalogue, chart())
    table = re.search(r"<table>.*</table>", html, re.S).group(0)
    assert "<caption>Is it useful?<br>" in table
    assert '<th scope="col">Answer</th>' in table
    assert '<th scope="col">Patients (213)</th>' in table and '<th scope="col">Staff (54)</th>' in table
    assert re.search(r'<tr id="example-chart--row-yes">\s*<th scope="row">Yes</th>\s*<td>65%</td>\s*<td>80%</td>', table)
    assert re.search(r'<th scope="row">No<br>.*One member of staff said no\.</small></th>\s*<td>8%</td>\s*'
                     r"<td>No figure given</td>", table)


def test_text_in_a_chart_is_escaped(catalogue):
    data = chart()
    data["options"][0]["label"] = "Yes & no"
    data["title"] = "<script>x()</script>"
    html = render(catalogue, data)
    assert "<script>" not in html and "Yes &amp; no" in html
