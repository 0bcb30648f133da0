"""Layout for `survey-chart` datasets: horizontal bar charts of survey percentages.

`survey_chart_view` is registered in `hub_render.VIEWS` for the kind `survey-chart`. The data is
already checked against `data/schemas/survey-chart.schema.json` (an option holds at most one
figure a group, as the keys `patients` and `staff`); this module computes the SVG geometry, so
that the template `overrides/hub/survey-chart.html` only places shapes and text. Plain Python:
no MkDocs here.

Each option gets its label (wrapped) on top, then one row a group: the group's name on the
left, the bar, and the value after the bar. Patients are solid blue, staff hatched orange, and
every bar is named in text as well, so colour is never the only cue. All units are SVG user
units in a viewBox `WIDTH` wide; the SVG scales to the width of the page.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any

from hub_data import Catalogue, Dataset

GROUPS: tuple[str, ...] = ("patients", "staff")
GROUP_LABELS = {"patients": "Patients", "staff": "Staff"}
# Colours meet WCAG 2.1 AA against white: 7.4:1 (blue) and 6.0:1 (orange), text 17.4:1.
GROUP_COLOURS = {"patients": "#005a8c", "staff": "#a34800"}
TEXT_COLOUR = "#1a1a1a"
GRID_COLOUR = "#d4d4d4"

WIDTH = 400
PAD = 8
BAR_X = 64  # bars start here; group names sit to the left
BAR_SPAN = 290  # width of a 100% bar; leaves room for the value after the longest bar
BAR_HEIGHT = 16
ROW_HEIGHT = 22
LABEL_SIZE = 15
LABEL_LINE = 19
LABEL_CHARS = 44
SMALL_SIZE = 13
NOTE_LINE = 16
NOTE_CHARS = 52
OPTION_GAP = 14
AXIS_HEIGHT = 22
TICKS = (0, 25, 50, 75, 100)


@dataclass(frozen=True)
class Bar:
    """One group's bar: where it goes and what it says."""

    id: str
    group: str
    label: str
    value: float
    text: str  # the value as shown, e.g. "65%"
    y: float
    width: float
    text_x: float
    colour: str


@dataclass(frozen=True)
class Row:
    """One answer option: its label lines, its bars and its note lines, with their positions."""

    id: str
    label: str
    label_lines: tuple[tuple[float, str], ...]  # (baseline y, text)
    bars: tuple[Bar, ...]
    note: str | None
    note_lines: tuple[tuple[float, str], ...]
    cells: tuple[str | None, ...]  # the figure for each group in `Chart.groups`, None when not given


@dataclass(frozen=True)
class Chart:
    """Everything the template needs to draw one chart and its table."""

    width: int
    height: float
    bar_x: int
    bar_height: int
    groups: tuple[tuple[str, str, int | None], ...]  # (group id, label, respondents if one count)
    rows: tuple[Row, ...]
    ticks: tuple[tuple[float, str], ...]  # (x, label)
    grid_top: float
    grid_bottom: float
    colours: dict[str, str]
    text_colour: str
    grid_colour: str
    label_size: int
    small_size: int


def format_percent(value: float) -> str:
    """65 -> "65%", 3.7 -> "3.7%": as the source prints it, without a trailing ".0"."""
    return f"{value:g}%"


def _lines(text: str, chars: int, first_baseline: float, step: float) -> tuple[tuple[float, str], ...]:
    """Wrap `text` at `chars` characters; each line with its baseline."""
    return tuple((first_baseline + k * step, line) for k, line in enumerate(textwrap.wrap(text, chars)))


def chart_groups(options: list[dict[str, Any]]) -> tuple[tuple[str, str, int | None], ...]:
    """The groups with at least one figure, in the fixed order, each with its number of
    respondents (None when that group's bars give different numbers)."""
    groups = []
    for group in GROUPS:
        counts = {option[group]["respondents"] for option in options if group in option}
        if counts:
            groups.append((group, GROUP_LABELS[group], counts.pop() if len(counts) == 1 else None))
    return tuple(groups)


def layout_chart(data: dict[str, Any]) -> Chart:
    """Place every label, bar and note of a schema-checked survey chart."""
    groups = chart_groups(data["options"])
    y = float(PAD)
    rows = []
    for option in data["options"]:
        label_lines = _lines(option["label"], LABEL_CHARS, y + LABEL_SIZE, LABEL_LINE)
        y += len(label_lines) * LABEL_LINE + 4
        bars = []
        for group, label, _ in groups:
            if group not in option:
                continue
            bar = option[group]
            width = BAR_SPAN * bar["value"] / 100
            bars.append(Bar(
                id=bar["id"], group=group, label=label, value=bar["value"], text=format_percent(bar["value"]),
                y=y, width=round(width, 2), text_x=round(BAR_X + width + 6, 2), colour=GROUP_COLOURS[group],
            ))
            y += ROW_HEIGHT
        note = option.get("note")
        note_lines = _lines(note, NOTE_CHARS, y + SMALL_SIZE - 2, NOTE_LINE) if note else ()
        y += len(note_lines) * NOTE_LINE + OPTION_GAP
        cells = tuple(_cell(option.get(group), count) for group, _, count in groups)
        rows.append(Row(option["id"], option["label"], label_lines, tuple(bars), note, note_lines, cells))
    grid_bottom = y - OPTION_GAP + 4
    ticks = tuple((BAR_X + BAR_SPAN * t / 100, format_percent(t)) for t in TICKS)
    return Chart(
        width=WIDTH, height=grid_bottom + AXIS_HEIGHT, bar_x=BAR_X, bar_height=BAR_HEIGHT, groups=groups,
        rows=tuple(rows), ticks=ticks, grid_top=float(PAD), grid_bottom=grid_bottom, colours=GROUP_COLOURS,
        text_colour=TEXT_COLOUR, grid_colour=GRID_COLOUR, label_size=LABEL_SIZE, small_size=SMALL_SIZE,
    )


def _cell(bar: dict[str, Any] | None, group_count: int | None) -> str | None:
    """A table cell: "65%", or "65% of 213" when the column header cannot give one count."""
    if bar is None:
        return None
    text = format_percent(bar["value"])
    return text if group_count is not None else f"{text} of {bar['respondents']}"


def survey_chart_view(dataset: Dataset, catalogue: Catalogue) -> dict[str, Any]:
    """The `VIEWS` entry for `survey-chart`: the chart's geometry as the template variable `chart`."""
    return {"chart": layout_chart(dataset.data)}
