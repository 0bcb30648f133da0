"""Shared fixtures: the hub's modules on the path, strict builds into temporary folders, a local
server for the built site, and Chromium driven by Playwright (the system Chromium, never a
downloaded one)."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

# The five source texts live beside the repository, not in it (see README: "The source texts").
SOURCES_ENV = "HUB_SOURCES"
SOURCES_DEFAULT = "../shared/sources"  # relative to the repository

PROJECT_PARTS = ["mkdocs.yml", "docs", "data", "hooks", "overrides"]
# Browser context options for the two sizes every interactive feature is tested at.
SIZES = {"desktop": {"viewport": {"width": 1280, "height": 900}},
         "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str:
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.fail("Chromium is not installed: run `make test`, which installs it, or apt-get install chromium")
    return found


def source_text(name: str) -> str:
    """The text of one source document, from the folder named by $HUB_SOURCES (default
    ../shared/sources; a relative path is taken from the repository).

    A fresh clone has no such folder: the test is then skipped with one line saying why. In CI
    that provides the texts (.ci/run sets CI=true and HUB_SOURCES, and stops first if they are
    missing) a missing text fails the test instead. GitHub's checks set CI=true but have no texts
    (they are not in the repository), so there the tests are skipped."""
    folder = (ROOT / (os.environ.get(SOURCES_ENV) or SOURCES_DEFAULT)).resolve()
    path = folder / name
    if not path.is_file():
        reason = (f"the source texts are not at {folder} (set {SOURCES_ENV} to the folder holding "
                  f"{name} to run the tests that read them)")
        if os.environ.get("CI") == "true" and os.environ.get(SOURCES_ENV):
            pytest.fail(f"CI needs the source texts: {reason}", pytrace=False)
        pytest.skip(reason)
    return path.read_text(encoding="utf-8")


# The settings a build reads from the environment (see README, "Settings"). Tests build without
# them unless they pass them, so a REPO_URL or SITE_URL set where the tests run (CI sets REPO_URL)
# does not change what they check.
SETTINGS = ("SITE_URL", "REPO_URL", "FEEDBACK_EMAIL", "OFFLINE_BUNDLE")


def build(project: Path, site_dir: Path, offline: bool = False,
          settings: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run a strict MkDocs build of `project` into `site_dir`, as `make build` does, with only
    the `settings` given (SITE_URL, REPO_URL...)."""
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS}
    env.update(settings or {}, NO_MKDOCS_2_WARNING="1", OFFLINE="true" if offline else "false")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
                          cwd=project, env=env, capture_output=True, text=True)


def copy_project(dest: Path) -> Path:
    """A copy of the hub a test may break or change without touching the real one."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy)(src, dest / part)
    if (ROOT / "node_modules").exists():
        (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest


def add_page(project: Path, path: str, text: str) -> None:
    """Write a test page into a copy of the hub, listed under `not_in_nav` so the explicit
    navigation stays as it is and the strict build does not warn that the page is left out."""
    (project / "docs" / path).write_text(text, encoding="utf-8")
    config = project / "mkdocs.yml"
    settings = config.read_text(encoding="utf-8")
    if "\nnot_in_nav: |\n" in settings:
        settings = settings.replace("\nnot_in_nav: |\n", f"\nnot_in_nav: |\n  /{path}\n", 1)
    else:
        settings += f"\nnot_in_nav: |\n  /{path}\n"
    config.write_text(settings, encoding="utf-8")


def built(tmp_path_factory, name: str, offline: bool) -> Path:
    site = tmp_path_factory.mktemp(name)
    result = build(ROOT, site, offline=offline)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site, built strictly from the working tree."""
    return built(tmp_path_factory, "site", offline=False)


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    """The offline bundle, built as `make offline` builds it."""
    return built(tmp_path_factory, "site-offline", offline=True)


def serve(directory: Path):
    """Serve `directory` on a free local port in a background thread; returns (server, base URL)."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def base_url(site):
    server, url = serve(site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def playwright_driver():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_driver):
    browser = playwright_driver.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


# A Chromium profile setting that refuses all site data (cookies, localStorage, sessionStorage,
# IndexedDB), as locked-down NHS and prison machines do: the browser, not a mock, says no.
BLOCK_SITE_DATA = {"profile": {"default_content_setting_values": {"cookies": 2}}}


@pytest.fixture(scope="session")
def storage_blocked(playwright_driver, tmp_path_factory):
    """`storage_blocked(**options)`: a browser context in a fresh Chromium profile that blocks all
    site data; `options` as for `browser.new_context` (viewport, color_scheme...). One profile
    (a separate browser) per set of options, made once a session."""
    made: dict[str, object] = {}

    def context(**options):
        key = json.dumps(options, sort_keys=True)
        if key not in made:
            profile = tmp_path_factory.mktemp("storage-blocked")
            (profile / "Default").mkdir()
            (profile / "Default" / "Preferences").write_text(json.dumps(BLOCK_SITE_DATA), encoding="utf-8")
            made[key] = playwright_driver.chromium.launch_persistent_context(
                str(profile), executable_path=chromium_path(), args=CHROMIUM_ARGS, **options)
        return made[key]

    yield context
    for made_context in made.values():
        made_context.close()


@pytest.fixture
def context(browser):
    context = browser.new_context()
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


class RequestLog:
    """Every request a page makes, to prove none leaves the machine."""

    def __init__(self, page, allowed_origin: str | None):
        self.urls: list[str] = []
        self.allowed = allowed_origin
        page.on("request", lambda request: self.urls.append(request.url))

    def outside(self) -> list[str]:
        def local(url: str) -> bool:
            parsed = urlparse(url)
            if parsed.scheme in ("data", "blob", "about"):
                return True
            if self.allowed is None:
                return parsed.scheme == "file"
            return url.startswith(self.allowed)
        return [url for url in self.urls if not local(url)]


@pytest.fixture
def request_log():
    return RequestLog


def blocked_storage_context(browser_type, profile):
    """A persistent Chromium context whose fresh profile at `profile` refuses all site data
    (cookies and storage), as locked-down NHS and prison machines do: no mocks. Close it after use."""
    (profile / "Default").mkdir(parents=True)
    (profile / "Default" / "Preferences").write_text(
        json.dumps({"profile": {"default_content_setting_values": {"cookies": 2}}}))
    return browser_type.launch_persistent_context(str(profile), executable_path=chromium_path(),
                                                  args=CHROMIUM_ARGS, headless=True)
