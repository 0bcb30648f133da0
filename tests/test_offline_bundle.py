"""The offline bundle as a reader gets it (`make offline`, tools/offline_bundle.py): a zip that
unzips into one folder named with its date, holding `START HERE.html` and the hub; every page says
when the copy was made; a handout printed from it gives the public address (SITE_URL), never the
file:// path it was opened from. Also the published site's download of it (OFFLINE_BUNDLE)."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, build, serve
from crawl import built_pages

SITE_URL = "https://example.github.io/peer-support-hub/"
DATE = "2026-11-29"
TOP = f"peer-support-hub-offline-{DATE}"


@pytest.fixture(scope="module")
def public_offline_site(tmp_path_factory) -> Path:
    """The offline build as the publishing workflow makes it: with the public address set."""
    site = tmp_path_factory.mktemp("offline-public")
    result = build(ROOT, site, offline=True, settings={"SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def bundle(public_offline_site, tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "offline_bundle.py"), str(public_offline_site),
                             str(dist), "--date", DATE], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "START HERE.html" in result.stdout
    return dist / f"{TOP}.zip"


@pytest.fixture(scope="module")
def unzipped(bundle, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(folder)
    return folder


def test_the_zip_unzips_into_one_folder_named_with_its_date(bundle):
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
    assert {name.split("/")[0] for name in names} == {TOP}
    top_level = {name.split("/")[1] for name in names}
    assert top_level == {"START HERE.html", "hub"}, "a reader sees one page to open and one folder"
    assert f"{TOP}/hub/index.html" in names and f"{TOP}/hub/search/search_index.js" in names


def test_start_here_opens_the_hub(unzipped):
    start = (unzipped / TOP / "START HERE.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=hub/index.html">' in start
    assert '<a href="hub/index.html">Open the Peer Support Knowledge Hub</a>' in start
    assert "29 November 2026" in start


def test_every_page_of_the_bundle_says_when_the_copy_was_made(public_offline_site):
    pages = built_pages(public_offline_site)
    assert len(pages) > 50
    for path in pages:
        html = (public_offline_site / path).read_text(encoding="utf-8")
        assert re.search(r"This offline copy(?: was made on|:) \d{1,2} \w+ \d{4}", html), path


def test_the_online_site_does_not_say_it_is_an_offline_copy(site):
    assert "offline copy was made" not in (site / "index.html").read_text(encoding="utf-8")


def test_a_bad_site_folder_or_date_is_one_line_not_a_traceback(tmp_path):
    for args in ([str(tmp_path / "nothing"), str(tmp_path)], [str(ROOT), str(tmp_path), "--date", "29/11/2026"]):
        result = subprocess.run([sys.executable, str(ROOT / "tools" / "offline_bundle.py"), *args],
                                capture_output=True, text=True)
        assert result.returncode != 0 and "Traceback" not in result.stderr and result.stderr.strip()


def test_the_published_site_offers_the_bundle_with_its_date_and_size(bundle, tmp_path):
    site = tmp_path / "site"
    result = build(ROOT, site, settings={"OFFLINE_BUNDLE": str(bundle), "SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stderr
    assert (site / "downloads" / bundle.name).read_bytes() == bundle.read_bytes()
    html = (site / "about" / "offline" / "index.html").read_text(encoding="utf-8")
    size = f"{bundle.stat().st_size / 1_000_000:.1f} MB"
    assert (f'<a href="../../downloads/{bundle.name}" download>Download the offline copy</a> '
            f"(zip file, {size}, made on 29 November 2026)") in html


def test_without_a_bundle_the_offline_page_links_to_no_download(site):
    html = (site / "about" / "offline" / "index.html").read_text(encoding="utf-8")
    assert "downloads/" not in html and "does not include the download" in html


@pytest.mark.browser
def test_a_reader_opens_start_here_and_gets_the_hub_with_nothing_from_outside(unzipped, page, request_log):
    log = request_log(page, None)
    page.goto((unzipped / TOP / "START HERE.html").as_uri())
    page.wait_for_url(re.compile(r"/hub/index\.html$"))
    assert page.title().endswith("Peer Support Knowledge Hub")
    assert "This offline copy was made on" in page.locator("footer").inner_text()
    assert log.outside() == []


@pytest.mark.browser
def test_a_handout_printed_from_the_bundle_gives_the_public_address(unzipped, page):
    page.goto((unzipped / TOP / "hub" / "handouts" / "induction-six-day.html").as_uri())
    page.emulate_media(media="print")
    footer = page.locator(".hub-handout__footer").inner_text()
    assert f"Online at {SITE_URL}handouts/induction-six-day/" in footer
    assert "file:" not in footer


@pytest.mark.browser
def test_without_a_public_address_a_printed_handout_gives_no_file_path(offline_site, page):
    page.goto((offline_site / "handouts" / "induction-six-day.html").as_uri())
    page.emulate_media(media="print")
    footer = page.locator(".hub-handout__footer").inner_text()
    assert "file:" not in footer and "Online at" not in footer


@pytest.mark.browser
def test_served_online_without_a_public_address_a_handout_gives_the_page_address(site, page):
    server, url = serve(site)
    try:
        page.goto(url + "handouts/induction-six-day/")
        assert f"Online at {url}handouts/induction-six-day/" in page.locator(".hub-handout__footer").inner_text()
    finally:
        server.shutdown()
