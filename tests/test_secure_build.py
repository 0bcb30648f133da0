"""The built site: every secure-services survey chart is on a page, with its SVG and its table,
and the table gives the same figures as the data; the secure-services lists are all there."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT
from hub_charts import format_percent
from hub_data import load_catalogue

SECTION = "secure-services"


class ChartTables(HTMLParser):
    """Collects, for each `<figure class="hub-chart" id=...>`, whether it holds an SVG image,
    its table caption, and the text of every table cell, row by row."""

    def __init__(self):
        super().__init__()
        self.charts: dict[str, dict] = {}
        self.figure: str | None = None
        self.depth = 0
        self.cell: list[str] | None = None
        self.in_caption = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "figure" and "hub-chart" in (attrs.get("class") or ""):
            self.figure, self.depth = attrs["id"], 0
            self.charts[self.figure] = {"svg": False, "caption": "", "rows": [], "scopes": []}
        if self.figure is None:
            return
        chart = self.charts[self.figure]
        if tag == "figure":
            self.depth += 1
        elif tag == "svg":
            chart["svg"] = attrs.get("role") == "img" and bool(attrs.get("aria-labelledby"))
        elif tag == "caption":
            self.in_caption = True
        elif tag == "tr":
            chart["rows"].append([])
        elif tag == "br" and self.cell is not None:
            self.cell.append(" ")
        elif tag in ("th", "td"):
            self.cell = []
            if tag == "th":
                chart["scopes"].append(attrs.get("scope"))

    def handle_endtag(self, tag):
        if self.figure is None:
            return
        chart = self.charts[self.figure]
        if tag in ("th", "td") and self.cell is not None:
            chart["rows"][-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "caption":
            self.in_caption = False
        elif tag == "figure":
            self.depth -= 1
            if self.depth == 0:
                self.figure = None

    def handle_data(self, data):
        if self.figure is None:
            return
        if self.cell is not None:
            self.cell.append(data)
        if self.in_caption:
            self.charts[self.figure]["caption"] += data


@pytest.fixture(scope="module")
def charts(site: Path) -> dict[str, dict]:
    parser = ChartTables()
    for page in sorted((site / SECTION).rglob("index.html")):
        parser.feed(page.read_text(encoding="utf-8"))
    return parser.charts


def survey_charts():
    catalogue, _ = load_catalogue(ROOT / "data", ROOT)
    return sorted((name, d.data) for name, d in catalogue.datasets.items() if d.kind == "survey-chart")


@pytest.mark.parametrize("name, data", survey_charts(), ids=lambda v: v if isinstance(v, str) else "")
def test_each_chart_is_built_with_its_image_and_its_table(charts, name, data):
    assert name in charts, f"{name} is on no page under docs/{SECTION}/"
    chart = charts[name]
    assert chart["svg"], "the SVG should be role=img with aria-labelledby"
    assert chart["caption"].startswith(data["title"])
    assert set(chart["scopes"]) == {"col", "row"}
    header, *rows = chart["rows"]
    groups = [g for g in ("patients", "staff") if any(g in option for option in data["options"])]
    assert header == ["Answer"] + [f"{g.capitalize()} ({_count(data, g)})" for g in groups]
    expected = [[option["label"] + (f" {option['note']}" if option.get("note") else "")]
                + [format_percent(option[g]["value"]) if g in option else "No figure given" for g in groups]
                for option in data["options"]]
    assert rows == expected


def _count(data: dict, group: str) -> int:
    return next(option[group]["respondents"] for option in data["options"] if group in option)


def test_the_secure_services_lists_are_built_in_full(site):
    pages = "\n".join(p.read_text(encoding="utf-8") for p in (site / SECTION).rglob("index.html"))
    catalogue, _ = load_catalogue(ROOT / "data", ROOT)
    for name in ("recommendations-for-services", "recommendations-for-research", "secure-services-benefits"):
        for item in catalogue.datasets[name].data["items"]:
            assert f'id="{name}--{item["id"]}"' in pages, (name, item["id"])
            for sub in item.get("items", []):
                assert f'id="{name}--{sub["id"]}"' in pages, (name, sub["id"])
    services = catalogue.datasets["recommendations-for-services"].data["items"]
    assert len(services) == 16
    assert [len(i.get("items", [])) for i in services][13:15] == [2, 2]
    research = catalogue.datasets["recommendations-for-research"].data["items"]
    assert [len(group["items"]) for group in research] == [12, 4]
    assert len(catalogue.datasets["secure-services-benefits"].data["items"]) == 7


def test_pages_on_hard_topics_open_with_the_getting_help_note():
    """Pages touching self-harm, crisis, restraint or abuse link to Getting help now first."""
    for name in ("background", "when-peer-support-helps", "user-led-peer-support", "barriers-and-concerns"):
        text = (ROOT / "docs" / SECTION / f"{name}.md").read_text(encoding="utf-8")
        body = text.split("\n# ", 1)[1].split("\n", 1)[1].lstrip()
        assert body.startswith('!!! note ""') and "(../getting-help.md)" in body.split("\n")[1], name
