"""MkDocs glue for the hub: the only file MkDocs loads (see `hooks:` in mkdocs.yml).

Events, and why each:
- on_config: load and check every dataset and every page's markers and sources, before MkDocs
  cleans or writes the site, so bad input fails the build with all its problems and no
  half-written output. Also points the offline bundle's search at a local iframe-worker shim,
  checks the feedback and offline-bundle settings, and drops `edit_uri` when no repository is
  set (MkDocs would otherwise link to a dead `/edit/...` address).
- on_files: add that shim to the offline build (from node_modules; never committed), and the
  offline bundle's zip to the published site when OFFLINE_BUNDLE names one.
- on_page_read_source: read each page with the hub's own decoding (`hub_yaml.decode`), so a page
  saved by Notepad or Word (UTF-16, Windows-1252, CR line ends) builds like any other.
- on_page_markdown: put rendered datasets where pages have markers, noting which datasets each
  page shows; fill the site blocks (hub_site); close each page with its "Based on" citation and
  its review dates.
- on_page_content: put each marked dataset in its place, its links to hub pages made relative
  to the page (hub_pages.resolve_page_links); check each page's HTML body (its Markdown, raw
  HTML and datasets) for anything that could run script or load from another host (hub_links); on_env, which runs once
  every page's content exists and before anything is written, fails the build listing them all.
- on_env also gives the theme's Jinja environment, which MkDocs makes anew for every build, the
  hub's bytecode cache (hub_cache), so Material's templates are not compiled again on every
  build and every `mkdocs serve` rebuild; and `hub_page_file`, which finds a page by its file
  for the footer's links (`page_file`).
- on_page_context: give page templates the records of the page's sources (`hub_sources`) and its
  review dates (`hub_review`), so a handout's printed footer can name them; the page's public
  address (`hub_public_url`); and its feedback links and data files (`hub_feedback`, see
  overrides/partials/feedback.html).
- on_post_page, on_post_template (404.html): put the Content Security Policy in every page, with
  the hashes of the theme's inline scripts in its final HTML (hub_csp). Last (priority -100), so
  no other plugin changes a script after it is hashed.

All rules about data live in the hub_* modules, which never import mkdocs.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File

import hub_site
from hub_cache import use_bytecode_cache
from hub_check import check_hub
from hub_csp import add_policy
from hub_links import check_page_html
from hub_pages import Placement, body_offset, fill_places, mark_places, resolve_page_links
from hub_front_matter import Review
from hub_render import Renderer, focusable_abbreviations, read_abbreviations
from hub_yaml import Problem, YamlError, decode

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from jinja2 import Environment
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger("hub")

SOURCES_PAGE = "about/sources.md"
SHIM = "assets/javascripts/iframe-worker-shim.js"  # the name must contain "iframe-worker" (see Material's offline plugin)
SHIM_SOURCE = Path("node_modules/iframe-worker/shim/index.js")
DOWNLOADS = "downloads"  # where the offline bundle's zip is published in the site

renderer: Renderer | None = None
offline_shim: Path | None = None
offline_bundle: hub_site.OfflineBundle | None = None
page_datasets: dict[str, list[str]] = {}  # page src_uri -> datasets it shows, in order
page_problems: list[Problem] = []
placements: dict[str, tuple[list[Placement], int]] = {}  # page src_uri -> where its datasets go, lines before its body
page_sources: dict[str, str] = {}  # page src_uri -> its text as read (hub_yaml.decode), for locating problems
reviews: dict[str, Review] = {}  # page src_uri -> review dates (hub_front_matter)
docs_folder = "docs"  # the docs folder as contributors see it, to name a page's file in a problem


@event_priority(50)  # before Material's offline plugin, which adds a CDN shim unless one is listed
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global renderer, offline_shim, reviews, docs_folder
    page_problems.clear()
    page_sources.clear()
    root = Path(config.config_file_path).parent
    docs_folder = Path(config.docs_dir).relative_to(root).as_posix()
    hub = check_hub(root, Path(config.docs_dir), Path(config.theme.custom_dir) / "hub", site_abbreviations(config, root))
    if hub.problems:
        raise PluginError(f"{len(hub.problems)} problem(s) in the hub's data or pages:\n" + "\n".join(map(str, hub.problems)))
    for name in hub.unused:
        log.warning(f"{hub.catalogue.datasets[name].file}: no page shows this dataset; add '<!-- hub: {name} -->' to a page")
    for warning in hub.warnings:  # not a build failure: an overdue review must not stop a fix being published
        log.info(str(warning))
    renderer = hub.renderer
    reviews = hub.reviews
    page_sources.update(hub.page_texts)  # each page was read and decoded once, for the checks

    offline = config.plugins.get("material/offline")
    offline_shim = None
    if offline and offline.config.enabled:
        offline_shim = root / SHIM_SOURCE
        if not offline_shim.is_file():
            raise PluginError(f"the offline bundle needs {SHIM_SOURCE}: run 'npm ci' first ('make offline' does)")
        config.extra["polyfills"] = [*config.extra.get("polyfills", []), SHIM]

    global offline_bundle
    if not config.repo_url:
        config.edit_uri = None
    email = config.extra.get("feedback_email") or ""
    if email and (problem := hub_site.check_email(email)):
        raise PluginError(problem)
    bundle = config.extra.get("offline_bundle") or ""
    try:
        offline_bundle = hub_site.OfflineBundle.from_path(root / bundle) if bundle else None
    except ValueError as err:
        raise PluginError(str(err)) from None
    page_datasets.clear()
    return config


def site_abbreviations(config: MkDocsConfig, root: Path) -> dict[str, str]:
    """The glossary pages get from `abbr` + pymdownx.snippets' auto_append, so data text gets it too."""
    if "abbr" not in config.markdown_extensions:
        return {}
    snippets = config.mdx_configs.get("pymdownx.snippets", {})
    bases = snippets.get("base_path", ["."])
    bases = [bases] if isinstance(bases, str) else bases
    abbreviations: dict[str, str] = {}
    for name in snippets.get("auto_append", []):
        for base in bases:
            path, display = root / base / name, f"{base}/{name}"
            if path.is_file():
                try:  # pymdownx.snippets reads the file itself, as UTF-8 (a byte order mark allowed)
                    path.read_bytes().decode("utf-8-sig")
                except UnicodeDecodeError:
                    raise PluginError(f"{display}:1: the glossary is not saved as UTF-8; in your editor choose "
                                      "'Save as' and the encoding 'UTF-8'") from None
                try:
                    abbreviations.update(read_abbreviations(path, display))
                except YamlError as err:
                    raise PluginError(str(err)) from None
                break
    return abbreviations


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if offline_shim:
        files.append(File.generated(config, SHIM, abs_src_path=str(offline_shim)))
    if offline_bundle:
        files.append(File.generated(config, f"{DOWNLOADS}/{offline_bundle.name}", abs_src_path=str(offline_bundle.path)))
    return files


def on_page_read_source(page: Page, config: MkDocsConfig) -> str:
    if page.file.src_uri in page_sources and not page.file.generated_by:
        return page_sources[page.file.src_uri]  # read by the checks in on_config
    try:
        text = decode(page.file.content_bytes, f"{Path(config.docs_dir).name}/{page.file.src_uri}")
    except YamlError as err:
        raise PluginError(str(err)) from None
    page_sources[page.file.src_uri] = text
    return text


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert renderer is not None
    offset = body_offset(page_sources.get(page.file.src_uri, markdown), markdown)
    markdown, places = mark_places(markdown, renderer.render, reserve_ids="attr_list" in config.markdown_extensions)
    placements[page.file.src_uri] = (places, offset)
    page_datasets[page.file.src_uri] = [place.marker.dataset for place in places]
    markdown = fill_site_blocks(markdown, page, config)
    source_ids = page.meta.get("sources") or []
    review = reviews.get(page.file.src_uri)
    url = None
    if source_ids:
        sources_page = files.get_file_from_path(SOURCES_PAGE)
        if sources_page is None:
            raise PluginError(f"{page.file.src_uri}: cites sources, but there is no {SOURCES_PAGE} to link to")
        url = sources_page.url_relative_to(page.file)
    if source_ids or review:
        markdown += "\n\n" + renderer.render_citation(source_ids, url, review.for_readers() if review else None) + "\n"
    return markdown


def fill_site_blocks(markdown: str, page: Page, config: MkDocsConfig) -> str:
    """Replace the page's `<!-- site: ... -->` blocks (see hub_site) from the settings."""
    def download() -> str:
        if not offline_bundle:
            return hub_site.offline_download_markdown(None, None)
        return hub_site.offline_download_markdown(offline_bundle, posixpath.relpath(
            f"{DOWNLOADS}/{offline_bundle.name}", posixpath.dirname(page.url) or "."))

    blocks = {
        "feedback": lambda: hub_site.feedback_markdown(config.repo_url, config.extra.get("feedback_email")),
        "offline-download": download,
    }
    docs = docs_folder
    # Checked in the page's file as written, so the line numbers are the contributor's.
    problems = hub_site.check_site_blocks(page_sources[page.file.src_uri], f"{docs}/{page.file.src_uri}", set(blocks))
    if problems:
        raise PluginError("\n".join(map(str, problems)))
    return hub_site.replace_site_blocks(markdown, blocks)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    docs = docs_folder
    assert renderer is not None
    places, offset = placements.pop(page.file.src_uri, ([], 0))
    html, problems = fill_places(html, places, f"{docs}/{page.file.src_uri}", offset)

    def url_for(path: str) -> str | None:
        target = files.get_file_from_path(path)
        return target.url_relative_to(page.file) if target else None

    try:  # the datasets' links to hub pages, relative to this page (hub_pages.resolve_page_links)
        html = resolve_page_links(html, url_for)
    except ValueError as err:
        raise PluginError(f"{docs}/{page.file.src_uri}: a dataset on this page {err}") from None
    if page.present_anchor_ids is not None:  # MkDocs checks links to anchors against these after every page
        page.present_anchor_ids.update(i for place in places for i in place.ids)
    page_problems.extend(problems)
    page_problems.extend(check_page_html(html, f"{docs}/{page.file.src_uri}", lambda: page_sources[page.file.src_uri]))
    return focusable_abbreviations(html)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    if page_problems:
        raise PluginError(f"{len(page_problems)} problem(s) in pages:\n" + "\n".join(map(str, sorted(page_problems))))
    env.globals["hub_page_file"] = lambda src_uri: page_file(files, src_uri)
    return use_bytecode_cache(env)  # the theme's templates compiled once, not on every build (hub_cache)


def page_file(files: Files, src_uri: str) -> File | None:
    """The page `src_uri` (such as `about/privacy.md`) if the site has it and publishes it, else None.

    For templates (`hub_page_file`): the footer links three pages from every page. Looking each up
    among all the site's pages, as a template alone must, took time in proportion to pages x pages
    (a quarter of a build with 4,000 pages); this is one dictionary look-up.
    """
    file = files.get_file_from_path(src_uri)
    return file if file is not None and file.is_documentation_page() and file.inclusion.is_included() else None


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    assert renderer is not None
    sources = renderer.sources
    context["hub_sources"] = [sources[i] for i in page.meta.get("sources") or [] if i in sources]
    context["hub_public_url"] = hub_site.public_url(config.site_url, page.url)
    context["hub_feedback"] = page_feedback(page, config, context["hub_public_url"])
    review = reviews.get(page.file.src_uri)
    context["hub_review"] = review.for_readers() if review else None
    return context


def page_feedback(page: Page, config: MkDocsConfig, address: str | None) -> dict:
    """The links of the page's "Report a problem" box: a prefilled issue, an email, and the data
    files the page shows. Each is None or empty when its setting is not set."""
    title = (page.meta.get("title") or page.title or config.site_name).strip()
    where = address or page.url or "the home page"
    repo, email = config.repo_url, config.extra.get("feedback_email")
    datasets = renderer.catalogue.datasets if renderer else {}
    files = [datasets[name].file for name in dict.fromkeys(page_datasets.get(page.file.src_uri, [])) if name in datasets]
    return {
        "issue_url": hub_site.issue_url(repo, "content", f"Problem on: {title}", {
            hub_site.FIELD_PAGE_TITLE: title, hub_site.FIELD_PAGE_ADDRESS: where}) if repo else None,
        "email": email or None,
        "email_url": hub_site.mailto(email, f"Problem on: {title}", f"Page: {where}\n\n") if email else None,
        "data_files": [(file, hub_site.repo_file_url(repo, config.edit_uri or "", Path(config.docs_dir).name, file))
                       for file in files] if repo and config.edit_uri else [],
    }


@event_priority(-100)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return add_policy(output, page.content or "", shim_source())


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return add_policy(output_content, "", shim_source()) if template_name.endswith(".html") else output_content


def shim_source() -> str | None:
    """The offline bundle's iframe-worker shim, whose inline script the policy must allow."""
    return offline_shim.read_text(encoding="utf-8") if offline_shim else None
