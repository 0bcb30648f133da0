"""MkDocs glue for the hub: the only file MkDocs loads (see `hooks:` in mkdocs.yml).

Events, and why each:
- on_config: load and check every dataset and every page's markers and sources, before MkDocs
  cleans or writes the site, so bad input fails the build with all its problems and no
  half-written output. Also points the offline bundle's search at a local iframe-worker shim.
- on_files: add that shim to the offline build (from node_modules; never committed).
- on_page_read_source: read each page with the hub's own decoding (`hub_yaml.decode`), so a page
  saved by Notepad or Word (UTF-16, Windows-1252, CR line ends) builds like any other.
- on_page_markdown: put rendered datasets where pages have markers; close each page with its
  "Based on" citation.
- on_page_context: give page templates the records of the page's sources (`hub_sources`), so
  a handout's printed footer can name them.

All rules about data live in the hub_* modules, which never import mkdocs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File

from hub_check import check_hub
from hub_pages import replace_markers
from hub_render import Renderer
from hub_yaml import YamlError, decode

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger("hub")

SOURCES_PAGE = "about/sources.md"
SHIM = "assets/javascripts/iframe-worker-shim.js"  # the name must contain "iframe-worker" (see Material's offline plugin)
SHIM_SOURCE = Path("node_modules/iframe-worker/shim/index.js")

renderer: Renderer | None = None
offline_shim: Path | None = None


@event_priority(50)  # before Material's offline plugin, which adds a CDN shim unless one is listed
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global renderer, offline_shim
    root = Path(config.config_file_path).parent
    hub = check_hub(root, Path(config.docs_dir), Path(config.theme.custom_dir) / "hub")
    if hub.problems:
        raise PluginError(f"{len(hub.problems)} problem(s) in the hub's data or pages:\n" + "\n".join(map(str, hub.problems)))
    for name in hub.unused:
        log.warning(f"{hub.catalogue.datasets[name].file}: no page shows this dataset; add '<!-- hub: {name} -->' to a page")
    renderer = hub.renderer

    offline = config.plugins.get("material/offline")
    offline_shim = None
    if offline and offline.config.enabled:
        offline_shim = root / SHIM_SOURCE
        if not offline_shim.is_file():
            raise PluginError(f"the offline bundle needs {SHIM_SOURCE}: run 'npm ci' first ('make offline' does)")
        config.extra["polyfills"] = [*config.extra.get("polyfills", []), SHIM]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if offline_shim:
        files.append(File.generated(config, SHIM, abs_src_path=str(offline_shim)))
    return files


def on_page_read_source(page: Page, config: MkDocsConfig) -> str:
    try:
        return decode(page.file.content_bytes, f"{Path(config.docs_dir).name}/{page.file.src_uri}")
    except YamlError as err:
        raise PluginError(str(err)) from None


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert renderer is not None
    markdown = replace_markers(markdown, renderer.render)
    source_ids = page.meta.get("sources") or []
    if source_ids:
        sources_page = files.get_file_from_path(SOURCES_PAGE)
        if sources_page is None:
            raise PluginError(f"{page.file.src_uri}: cites sources, but there is no {SOURCES_PAGE} to link to")
        url = sources_page.url_relative_to(page.file)
        markdown += "\n\n" + renderer.render_citation(source_ids, url) + "\n"
    return markdown


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    assert renderer is not None
    sources = renderer.catalogue.sources
    context["hub_sources"] = [sources[i] for i in page.meta.get("sources") or [] if i in sources]
    return context
