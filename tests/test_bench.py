"""The benchmark (tests/bench.py) keeps working: it scales the hub as it says, and prints its table.

Timings are never asserted here; `make bench` measures them.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import bench
from conftest import ROOT


def test_a_scaled_copy_has_every_dataset_n_times_each_on_a_page_out_of_the_navigation(tmp_path: Path):
    pages, datasets = bench.make_hub(tmp_path / "hub", 3)
    originals = sorted(p.stem for p in (ROOT / "data").glob("*.yml"))
    assert datasets == 3 * len(originals)
    copies = sorted((tmp_path / "hub" / "docs" / "bench").rglob("*.md"))
    assert len(copies) == 2 * len(originals) and pages >= len(copies)
    page = (tmp_path / "hub" / "docs" / "bench" / "x3" / "core-values.md").read_text(encoding="utf-8")
    assert "<!-- hub: core-values-x3" in page and "title: core-values-x3" in page
    assert "not_in_nav: |\n  /bench/" in (tmp_path / "hub" / "mkdocs.yml").read_text(encoding="utf-8")


def test_the_floor_is_the_hubs_final_markdown_with_its_final_pages(tmp_path: Path):
    hub = tmp_path / "hub"
    bench.make_hub(hub, 1)
    result = bench.run_child(hub, floor=False, dump=tmp_path / "dump")
    assert result["hook_s"] > 0 and result["html_pages"] > 50
    bench.make_floor(hub, tmp_path / "dump", tmp_path / "floor")
    values = (tmp_path / "floor" / "docs" / "about-peer-support" / "values.md").read_text(encoding="utf-8")
    assert "<!-- hub:" not in values and "HUBDATASETPLACE" in values  # the hooks' Markdown, placeholders in
    contents = json.loads((tmp_path / "floor" / bench.CONTENTS).read_text(encoding="utf-8"))
    assert 'id="core-values"' in contents["about-peer-support/values.md"]  # the page as the hub finished it
    floor = bench.run_child(tmp_path / "floor", floor=True)
    assert floor["hook_s"] == 0 and floor["html_pages"] == result["html_pages"]


def test_the_table_has_every_column_the_issue_asks_for():
    out = subprocess.run([sys.executable, str(ROOT / "tests" / "bench.py"), "--scales", "1", "--repeat", "1"],
                         capture_output=True, text=True, check=True, timeout=600).stdout
    header, _, row = out.splitlines()[:3]
    assert header.split() == ["scale", "pages", "datasets", "build", "s", "hook", "s", "share", "ms/dataset",
                              "floor", "s", "ratio"]
    assert re.fullmatch(r"\s*x1\s+\d+\s+\d+\s+[\d.]+\s+[\d.]+\s+[\d.]+%\s+[\d.]+\s+[\d.]+\s+[\d.]+", row), row
