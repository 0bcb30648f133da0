"""Citations of the source documents: dates that fit in brackets, and where to find each original.

A handout's footer and each page's "Based on" note cite a document as "Title (publisher, date)",
so a date may hold no brackets of its own (that printed "autumn 2018))"): a note about the date
goes in `date_note`, shown on the Sources page. The Sources page says where a reader can find
each document.
"""

from __future__ import annotations

import re

from conftest import ROOT
from hub_data import load_catalogue
from test_build import site_html


def write_sources(tmp_path, text: str):
    data = tmp_path / "data"
    data.mkdir()
    (data / "schemas").symlink_to(ROOT / "data" / "schemas")
    (data / "sources.yml").write_text(text, encoding="utf-8")
    return load_catalogue(data, tmp_path)[1]


def test_a_date_with_brackets_is_a_located_problem(tmp_path):
    text = (ROOT / "data" / "sources.yml").read_text(encoding="utf-8")
    bad = text.replace("    date: Undated\n    date_note: uses induction material from autumn 2018",
                       "    date: Undated (uses induction material from autumn 2018)", 1)
    assert bad != text
    problems = [str(p) for p in write_sources(tmp_path, bad)]
    assert len(problems) == 1 and re.match(r"data/sources\.yml:\d+: items\[4\]\.date: 'Undated \(uses induction material "
                                           r"from autumn 2018\)' is not in the expected form: .*no brackets", problems[0]), problems


def test_every_source_says_where_to_find_it(tmp_path):
    text = (ROOT / "data" / "sources.yml").read_text(encoding="utf-8")
    bad = re.sub(r"    find_it: >-\n(      .*\n)+", "", text, count=1)
    assert [str(p).split(": ", 1)[1] for p in write_sources(tmp_path, bad)] == ["items[0].find_it: missing; this field is required"]


CITATIONS = re.compile(r'<(footer|aside) class="hub-(?:handout__footer|citation)[^"]*".*?</\1>', re.S)


def test_no_printed_citation_doubles_a_bracket(site):
    cited = 0
    doubled = []
    for path, html in site_html(site).items():
        for block in CITATIONS.finditer(html):
            cited += 1
            text = re.sub(r"<[^>]+>", "", block.group(0))
            if re.search(r"\)\s*\)|\(\s*\(", text):
                doubled.append(path)
    assert cited > 50 and doubled == []


def test_the_sources_page_says_where_to_find_each_document(site):
    html = (site / "about" / "sources" / "index.html").read_text(encoding="utf-8")
    assert html.count("<dt>Where to find it</dt>") == 5
    for address in ("https://fphc.rcsed.ac.uk", "https://www.rcsed.ac.uk", "https://www.revolving-doors.org.uk"):
        assert f'href="{address}"' in html
    assert "Undated (uses induction material from autumn 2018)" in html
