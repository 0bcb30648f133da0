"""Links from the hub to where it is made: the repository, feedback, and the offline download.

Every address here comes from a setting, never from a page (see README, "Settings"):

- REPO_URL (mkdocs.yml `repo_url`): the repository. With it, each page gets Material's edit and
  view-source actions, names the data files it shows, and offers "Report a problem with this
  page", a new issue prefilled from the issue forms in .github/ISSUE_TEMPLATE/.
- FEEDBACK_EMAIL (`extra.feedback_email`): an address for people without a GitHub account.
- SITE_URL (`site_url`): the public address. Printed handouts and the offline bundle give it,
  not the file:// path the bundle was opened from.
- OFFLINE_BUNDLE (`extra.offline_bundle`): a zip made by `make offline`, published with the site.

Without a setting its links are left out, so a local or offline build has no dead links.

Two site blocks put these in a page's text, each an HTML comment on a line of its own (in the
manner of the dataset markers, which name data; these name a setting):

    <!-- site: feedback -->          ways to report a problem or suggest a change
    <!-- site: offline-download -->  the offline bundle's download link, date and size

Nothing here imports mkdocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable
from urllib.parse import quote, urlencode

from hub_pages import outside_fences
from hub_yaml import Problem

# The issue forms in .github/ISSUE_TEMPLATE/, and the ids of the fields a link can fill in
# (GitHub fills a form's fields from query parameters named by their ids).
ISSUE_FORMS = {
    "content": ("content-problem.yml", "Report a problem with a page"),
    "suggestion": ("suggestion.yml", "Suggest a change or a new topic"),
    "accessibility": ("accessibility-problem.yml", "Report an accessibility problem"),
}
FIELD_PAGE_TITLE = "page-title"
FIELD_PAGE_ADDRESS = "page"

SITE_BLOCK = re.compile(r"^[ \t]*<!--\s*site:\s*(?P<name>[\w-]+)\s*-->[ \t]*$")
EMAIL = re.compile(r"^[^@\s<>\"'?&]+@[^@\s<>\"'?&]+\.[^@\s<>\"'?&]+$")
BUNDLE_NAME = re.compile(r"^peer-support-hub-offline-(?P<date>\d{4}-\d{2}-\d{2})\.zip$")


def online_path(url: str) -> str:
    """A page's address on the published site from its address in either build: the offline
    bundle uses `.html` files (`safest/planner.html`), the site directory URLs (`safest/planner/`)."""
    if url == "index.html" or url.endswith("/index.html"):
        return url[: -len("index.html")]
    if url.endswith(".html"):
        return url[: -len(".html")] + "/"
    return url


def public_url(site_url: str | None, url: str) -> str | None:
    """The page's public address, or None when the public address (SITE_URL) is not set."""
    if not site_url:
        return None
    return site_url.rstrip("/") + "/" + online_path(url)


def issue_url(repo_url: str, form: str, title: str | None = None, fields: dict[str, str] | None = None) -> str:
    """A link that opens a new issue on the repository with one of the issue forms, its title and
    fields filled in. `form` is a key of ISSUE_FORMS; raises KeyError for any other."""
    params = {"template": ISSUE_FORMS[form][0]}
    if title:
        params["title"] = title
    params.update(fields or {})
    return f"{repo_url.rstrip('/')}/issues/new?{urlencode(params, quote_via=quote)}"


def mailto(address: str, subject: str, body: str = "") -> str:
    """A mailto: link with a subject (and body) filled in."""
    params = {"subject": subject, **({"body": body} if body else {})}
    return f"mailto:{address}?{urlencode(params, quote_via=quote)}"


def check_email(address: str) -> str | None:
    """A problem with the FEEDBACK_EMAIL setting, or None if it looks like one address."""
    if EMAIL.match(address):
        return None
    return f"FEEDBACK_EMAIL: '{address}' is not an email address like feedback@example.org"


def repo_file_url(repo_url: str, edit_uri: str, docs_dir: str, path: str) -> str:
    """The address at which a file of the repository is edited, from the edit address of pages
    (`edit_uri`, like `edit/main/docs/`): `data/safest.yml` -> `<repo>/edit/main/data/safest.yml`."""
    root = edit_uri.rstrip("/")
    if root.endswith("/" + docs_dir):
        root = root[: -len(docs_dir) - 1]
    return f"{repo_url.rstrip('/')}/{root}/{path}"


@dataclass(frozen=True)
class OfflineBundle:
    """The offline bundle's zip, named `peer-support-hub-offline-YYYY-MM-DD.zip` by `make offline`."""

    path: Path
    made: date
    size: int  # bytes

    @property
    def name(self) -> str:
        return self.path.name

    @classmethod
    def from_path(cls, path: Path) -> OfflineBundle:
        """Raises ValueError, saying what is wrong, for a missing file or one not named as above."""
        match = BUNDLE_NAME.match(path.name)
        if not match:
            raise ValueError(f"OFFLINE_BUNDLE: {path} is not named like peer-support-hub-offline-2026-11-29.zip "
                             "(make it with `make offline`)")
        if not path.is_file():
            raise ValueError(f"OFFLINE_BUNDLE: {path} does not exist (make it with `make offline` first)")
        return cls(path, date.fromisoformat(match.group("date")), path.stat().st_size)


def human_size(size: int) -> str:
    """A file size as a reader says it: `840 KB`, `4.2 MB`."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} KB"
    return f"{size / 1_000_000:.1f} MB"


def long_date(day: date) -> str:
    """`29 November 2026`, as the hub writes dates."""
    return f"{day.day} {day:%B %Y}"


def feedback_markdown(repo_url: str | None, email: str | None) -> str:
    """The `<!-- site: feedback -->` block: a list of the issue forms, and the email address, each
    when its setting is set; empty without either (the page's own text must then stand alone)."""
    lines = []
    if repo_url:
        lines += [f"- [{label}]({issue_url(repo_url, form)})" for form, (_, label) in ISSUE_FORMS.items()]
        lines.append("- or use **Report a problem with this page** at the end of any page: it tells us "
                     "which page you mean.")
    if email:
        lines.append(f"- {'No GitHub account? ' if repo_url else ''}Email [{email}]({mailto(email, 'Peer Support Knowledge Hub')}).")
    return "\n".join(lines)


def offline_download_markdown(bundle: OfflineBundle | None, href: str | None) -> str:
    """The `<!-- site: offline-download -->` block: the download with its date and size, or, when
    this build publishes no bundle, how to get or make one."""
    if bundle is None or href is None:
        return ("This copy of the hub does not include the download. The published hub offers it on "
                "this page; anyone with the hub's source files can make it with `make offline`.")
    return (f'<p class="hub-offline-download"><a href="{href}" download>'
            f"Download the offline copy</a> (zip file, {human_size(bundle.size)}, made on "
            f"{long_date(bundle.made)})</p>")


def check_site_blocks(text: str, display: str, names: set[str]) -> list[Problem]:
    """A located problem for each site block in `text` whose name is not one of `names`."""
    if "<!--" not in text:  # every site block is an HTML comment: most pages have none
        return []
    problems = []
    for number, line in outside_fences(text):
        match = SITE_BLOCK.match(line)
        if match and match.group("name") not in names:
            problems.append(Problem(display, number, "", f"unknown site block '{match.group('name')}'; "
                                    f"expected one of: {', '.join(sorted(names))}"))
    return problems


def replace_site_blocks(text: str, blocks: dict[str, Callable[[], str]]) -> str:
    """Put each site block's Markdown in its place (blocks of unknown names are left as they are:
    check_site_blocks reports them)."""
    if "<!--" not in text:
        return text
    lines = text.split("\n")  # as outside_fences numbers them (not splitlines, which splits at U+2028)
    for number, line in outside_fences(text):
        match = SITE_BLOCK.match(line)
        if match and match.group("name") in blocks:
            lines[number - 1] = "\n" + blocks[match.group("name")]() + "\n"
    return "\n".join(lines)
