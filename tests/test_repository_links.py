"""Links to the repository and feedback, from the settings REPO_URL and FEEDBACK_EMAIL.

With REPO_URL set, every page has Material's edit and view-source actions and "Report a problem
with this page" (a new issue with the page's title and address filled in); a page that shows
datasets names and links their files. Without it, none of these links is rendered, and nothing
links to a dead `/edit/...` address. FEEDBACK_EMAIL adds an address, with or without REPO_URL.
Unit tests of hub_site's links, then strict builds with and without the settings."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

import hub_site
from axe import axe_violations, describe
from conftest import ROOT, build, serve
from crawl import built_pages

REPO = "https://github.com/example/peer-support-hub"
SITE_URL = "https://example.github.io/peer-support-hub/"
EMAIL = "feedback@example.org"
ISSUE_LINK = re.compile(r'<a href="([^"]*/issues/new\?[^"]*)">Report a problem with this page</a>')


# hub_site, without a build

def test_issue_url_fills_in_the_form_title_and_fields():
    url = hub_site.issue_url(REPO + "/", "accessibility", "Problem on: A & B", {"page": "https://x.org/a/?b=1"})
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == REPO + "/issues/new"
    assert parse_qs(parts.query) == {"template": ["accessibility-problem.yml"], "title": ["Problem on: A & B"],
                                     "page": ["https://x.org/a/?b=1"]}
    with pytest.raises(KeyError):
        hub_site.issue_url(REPO, "complaint")


@pytest.mark.parametrize("url, online", [
    ("index.html", ""), ("", ""), ("safest/index.html", "safest/"), ("safest/planner.html", "safest/planner/"),
    ("safest/planner/", "safest/planner/"), ("about/offline/", "about/offline/"),
])
def test_a_page_has_the_same_public_address_in_both_builds(url, online):
    assert hub_site.online_path(url) == online
    assert hub_site.public_url(SITE_URL, url) == SITE_URL + online
    assert hub_site.public_url(None, url) is None


def test_data_files_are_linked_beside_the_pages():
    assert hub_site.repo_file_url(REPO, "edit/main/docs/", "docs", "data/safest.yml") == REPO + "/edit/main/data/safest.yml"


@pytest.mark.parametrize("address", ["feedback@example.org", "hub.team@nhs.example.uk"])
def test_a_plain_email_address_is_accepted(address):
    assert hub_site.check_email(address) is None


@pytest.mark.parametrize("address", ["feedback", "a b@example.org", "x@y", "x@example.org?cc=z@evil.org",
                                     '"><script>@x.org', "a@b@c.org"])
def test_anything_else_as_email_is_refused(address):
    assert "FEEDBACK_EMAIL" in hub_site.check_email(address)


def test_feedback_block_lists_what_is_set_and_nothing_else():
    both = hub_site.feedback_markdown(REPO, EMAIL)
    assert both.count("/issues/new?template=") == 3 and f"mailto:{EMAIL}?" in both and "No GitHub account?" in both
    only_email = hub_site.feedback_markdown(None, EMAIL)
    assert "issues" not in only_email and f"[{EMAIL}](mailto:{EMAIL}?" in only_email
    assert hub_site.feedback_markdown(None, "") == ""


def test_an_unknown_site_block_is_a_located_problem():
    problems = hub_site.check_site_blocks("# T\n\n<!-- site: feedbak -->\n", "p.md", {"feedback"})
    assert [str(p) for p in problems] == ["p.md:3: unknown site block 'feedbak'; expected one of: feedback"]
    fenced = "```\n<!-- site: feedback -->\n```\n"  # shown in a code block, as the contributor guide may
    assert hub_site.check_site_blocks(fenced.replace("feedback", "feedbak"), "p.md", {"feedback"}) == []
    assert hub_site.replace_site_blocks(fenced, {"feedback": lambda: "LIST"}) == fenced
    assert hub_site.replace_site_blocks("a\n<!-- site: feedback -->\nb", {"feedback": lambda: "LIST"}) == "a\n\nLIST\n\nb"
    # Text pasted from Word can hold a line separator (U+2028): lines are counted at "\n" only, as
    # Markdown counts them, so the block is replaced and the text around it kept as typed.
    pasted = "a\u2028b\n<!-- site: feedback -->\nc\r"
    assert hub_site.replace_site_blocks(pasted, {"feedback": lambda: "LIST"}) == "a\u2028b\n\nLIST\n\nc\r"


# Builds

@pytest.fixture(scope="module")
def linked_site(tmp_path_factory) -> Path:
    """The site built as the publishing workflow builds it: public address and repository set."""
    site = tmp_path_factory.mktemp("linked-site")
    result = build(ROOT, site, settings={"REPO_URL": REPO, "SITE_URL": SITE_URL, "FEEDBACK_EMAIL": EMAIL})
    assert result.returncode == 0, result.stderr
    return site


def pages(site: Path) -> list[tuple[str, str]]:
    """(path, html) of every built page but the 404 page."""
    return [(path, (site / path).read_text(encoding="utf-8")) for path in built_pages(site) if path != "404.html"]


def source_of(path: str) -> str:
    """The Markdown file a page of the online build comes from: about/offline/index.html ->
    about/offline.md (or about/offline/index.md)."""
    folder = path.removesuffix("index.html").rstrip("/")
    for candidate in (f"{folder}/index.md" if folder else "index.md", f"{folder}.md"):
        if (ROOT / "docs" / candidate).is_file():
            return candidate
    raise AssertionError(f"no source for {path}")


def test_with_a_repository_every_page_links_to_its_source_and_a_prefilled_issue(linked_site):
    built = pages(linked_site)
    assert len(built) > 50
    for path, html in built:
        src = source_of(path)
        assert f'href="{REPO}/edit/main/docs/{src}"' in html, f"{path}: no edit link"
        assert f'href="{REPO}/raw/main/docs/{src}"' in html, f"{path}: no view-source link"
        issue = ISSUE_LINK.search(html)
        assert issue, f"{path}: no 'Report a problem with this page'"
        query = parse_qs(urlsplit(issue.group(1).replace("&amp;", "&")).query)
        assert query["template"] == ["content-problem.yml"]
        assert query["page"] == [SITE_URL + path.removesuffix("index.html")], path
        assert query["page-title"][0] and query["title"] == [f"Problem on: {query['page-title'][0]}"], path
        assert f'href="mailto:{EMAIL}?subject=Problem%20on%3A%20' in html, f"{path}: no email"


def test_a_page_that_shows_data_names_and_links_its_files(linked_site):
    html = (linked_site / "safest" / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'This page shows\s*<a href="{REPO}/edit/main/data/safest.yml"><code>data/safest.yml</code></a>', html)
    induction = (linked_site / "recruitment" / "induction" / "index.html").read_text(encoding="utf-8")
    named = re.findall(r"<code>(data/[\w-]+\.yml)</code></a>", induction)
    assert len(named) >= 2 and len(named) == len(set(named))  # each file once, however often it is shown
    privacy = (linked_site / "about" / "privacy" / "index.html").read_text(encoding="utf-8")
    assert "This page shows" not in privacy


def test_home_and_accessibility_link_to_the_issue_forms(linked_site):
    for path in ("index.html", "about/accessibility/index.html"):
        html = (linked_site / path).read_text(encoding="utf-8")
        for form, _ in hub_site.ISSUE_FORMS.values():
            assert f"/issues/new?template={form}" in html, (path, form)
        assert "issue tracker" not in html


def test_the_header_links_to_the_repository_without_asking_githubs_api(linked_site):
    html = (linked_site / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{REPO}" title="Go to repository" class="md-source">' in html
    assert 'data-md-component="source"' not in html


def test_without_a_repository_no_page_links_there(site):
    for path, html in pages(site):
        for dead in ('rel="edit"', "md-content__button", "/issues/new", "Report a problem", "hub-page-feedback",
                     'href="/edit/', "md-source", "This page shows"):
            assert dead not in html, f"{path}: {dead}"
    html = (site / "about" / "accessibility" / "index.html").read_text(encoding="utf-8")
    assert "<!-- site:" not in html and "tell the people who" in html


def test_with_only_an_email_address_pages_offer_it(tmp_path):
    result = build(ROOT, tmp_path / "site", settings={"FEEDBACK_EMAIL": EMAIL})
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "safest" / "planner" / "index.html").read_text(encoding="utf-8")
    assert f"Report a problem with this page: email <a href=\"mailto:{EMAIL}?subject=" in html
    assert "/issues/new" not in html and 'rel="edit"' not in html and "This page shows" not in html
    body = unquote(re.search(r'mailto:[^"]*body=([^"&]*)', html).group(1))
    assert body.startswith("Page: safest/planner/")


@pytest.mark.parametrize("settings, message", [
    ({"FEEDBACK_EMAIL": "not an address"}, "FEEDBACK_EMAIL: 'not an address' is not an email address"),
    ({"OFFLINE_BUNDLE": "dist/hub.zip"}, "is not named like peer-support-hub-offline-"),
    ({"OFFLINE_BUNDLE": "dist/peer-support-hub-offline-2026-01-01.zip"}, "does not exist"),
])
def test_a_bad_setting_stops_the_build_with_one_line(tmp_path, settings, message):
    result = build(ROOT, tmp_path / "site", settings=settings)
    assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr


@pytest.mark.browser
def test_a_page_with_repository_links_asks_no_other_server_and_passes_axe(linked_site, page, request_log):
    server, url = serve(linked_site)
    try:
        log = request_log(page, url)
        page.goto(url + "safest/")
        page.wait_for_load_state("networkidle")
        assert log.outside() == []
        assert page.get_by_role("link", name="Report a problem with this page").is_visible()
        assert page.locator("a[rel=edit]").get_attribute("title") == "Edit this page"
        violations = axe_violations(page)
        assert violations == [], describe(violations)
    finally:
        server.shutdown()


def test_an_unknown_site_block_stops_the_build_naming_page_and_line(tmp_path):
    from conftest import add_page, copy_project

    project = copy_project(tmp_path / "project")
    add_page(project, "blocks.md", "---\ntitle: Blocks\ndescription: A test page.\nsources: []\nlast_reviewed: 2026-11-29\n"
             "next_review: 2027-11-29\n---\n\n# Blocks\n\n<!-- site: feedbak -->\n")
    result = build(project, tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "docs/blocks.md:11: unknown site block 'feedbak'; expected one of: feedback, offline-download" in result.stderr


@pytest.mark.browser
def test_the_feedback_links_are_not_printed(linked_site, page):
    server, url = serve(linked_site)
    try:
        page.goto(url + "handouts/induction-six-day/")
        assert page.locator(".hub-page-feedback").is_visible()
        page.emulate_media(media="print")
        assert not page.locator(".hub-page-feedback").is_visible()
        assert not page.locator("a[rel=edit]").is_visible()
    finally:
        server.shutdown()


def test_the_footer_finds_a_page_by_its_file_only_if_the_site_publishes_it():
    """`hub_page_file` (main.page_file), which the footer's links use: one look-up, not a loop
    over every page on every page."""
    from mkdocs.structure.files import File, Files, InclusionLevel

    from main import page_file

    def file(path: str, inclusion: InclusionLevel = InclusionLevel.UNDEFINED) -> File:
        return File(path, "docs", "site", True, inclusion=inclusion)

    files = Files([file("about/privacy.md"), file("about/not-in-nav.md", InclusionLevel.NOT_IN_NAV),
                   file("drafts/new.md", InclusionLevel.DRAFT), file("old.md", InclusionLevel.EXCLUDED),
                   file("images/logo.png")])
    assert page_file(files, "about/privacy.md").url == "about/privacy/"
    assert page_file(files, "about/not-in-nav.md") is not None  # published, just not in the menu
    for absent in ("drafts/new.md", "old.md", "images/logo.png", "getting-help.md"):
        assert page_file(files, absent) is None, absent
