"""Benchmark: what the hub's hooks cost next to the theme's own build, at x1, x10 and x100 size.

    make bench                                   # x1, x10, x100 (several minutes)
    .venv/bin/python tests/bench.py --scales 1,10 --repeat 3

For each scale it copies the repository's `mkdocs.yml`, `docs/`, `data/`, `overrides/` and
`hooks/` into a temporary folder; for a scale N every dataset is copied N-1 more times under new
names (`core-values-x2`, ...), and each copy gets a page of its own under `docs/bench/` (listed
in `not_in_nav`, so the navigation is unchanged) that places it as the original page does (same
view, same front matter but the title).

Each build runs in a fresh Python process, in-process through MkDocs' own API (`load_config` and
`build`: Python's start-up and MkDocs' own imports are not counted, the hooks' imports in
`load_config` are). The hub's hook events are wrapped with timers
where MkDocs registered them, so "hook s" is the time spent inside `hooks/main.py`'s events.
The floor is the same site built without the hub's hooks: every page's Markdown as the hooks left
it (front matter kept), built with the same Material configuration, `hooks: []` and not strict
(without the hooks MkDocs does not know the ids inside rendered data). Two things keep it the same
site doing the same work: each page's final HTML from the hub's build is pasted in after Python-
Markdown (the hooks put datasets in there), so both builds index, render and write the same pages;
and the theme's environment gets what the hub's on_env gives it (its templates kept compiled
between builds, hub_cache; the footer's page look-up, main.page_file). The ratio is full build /
floor, measured in the same run; the best of `--repeat` runs is kept. Times are CPU seconds of the
build's process (see `build_once`).

Not a test (pytest does not collect it: the name does not start with `test_`).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOOKS = "hooks/main.py"
CONTENTS = "contents.json"  # page src_uri -> its HTML as the hub build left it
COPIED = ("docs", "data", "overrides", "hooks")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?:.*?\n)?(?:---|\.\.\.)[ \t]*\n", re.S)
MARKER = re.compile(r"^[ \t]*<!--\s*hub:\s*(?P<args>.*?)\s*-->[ \t]*$", re.M)
TITLE = re.compile(r"^title:.*$", re.M)


# ---------------------------------------------------------------- the scaled copy of the hub

def placements(docs: Path) -> dict[str, tuple[str, str | None, str]]:
    """dataset -> (marker line, view, front matter) of the page that places it.

    The first placement with the default view wins, else the first one.
    """
    found: dict[str, tuple[str, str | None, str]] = {}
    for page in sorted(docs.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        meta = FRONT_MATTER.match(text)
        kept = meta.group(0) if meta else "---\ntitle: x\n---\n"
        for match in MARKER.finditer(text):
            args = match.group("args").split()
            name, view = args[0], (args[1] if len(args) > 1 else None)
            if name not in found or (found[name][1] is not None and view is None):
                found[name] = (match.group(0).strip(), view, kept)
    return found


def make_hub(dest: Path, scale: int) -> tuple[int, int]:
    """Copy the hub into `dest`, scaled; return (pages, datasets)."""
    for name in COPIED:
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if scale > 1:
        config += "\nnot_in_nav: |\n  /bench/\n"
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    placed = placements(dest / "docs")
    data = dest / "data"
    originals = sorted(p for p in data.glob("*.yml"))
    for copy in range(2, scale + 1):
        pages = dest / "docs" / "bench" / f"x{copy}"
        pages.mkdir(parents=True)
        for path in originals:
            name = f"{path.stem}-x{copy}"
            (data / f"{name}.yml").write_bytes(path.read_bytes())
            marker, view, kept = placed[path.stem]
            arg = f"{name} {view}" if view else name
            meta = TITLE.sub(f"title: {name}", kept, count=1)
            (pages / f"{path.stem}.md").write_text(
                f"{meta}\n# {name}\n\nA copy of the dataset {path.stem}, for the benchmark.\n\n<!-- hub: {arg} -->\n",
                encoding="utf-8")
    return len(list((dest / "docs").rglob("*.md"))) - len(list((dest / "docs" / "includes").rglob("*.md"))), \
        len(list(data.glob("*.yml")))


def make_floor(hub: Path, dumped: Path, dest: Path) -> None:
    """The same site with every page's Markdown as the hooks left it, and no hooks.

    The page contents the hub build made (`contents.json` in `dumped`) go with it: the floor's
    build pastes each page's final HTML in after Python-Markdown (see `build_once`).
    """
    shutil.copytree(hub, dest, ignore=shutil.ignore_patterns("docs"))
    shutil.copytree(hub / "docs", dest / "docs")
    for page in dumped.rglob("*.md"):
        rel = page.relative_to(dumped)
        original = (hub / "docs" / rel).read_text(encoding="utf-8")
        meta = FRONT_MATTER.match(original)
        (dest / "docs" / rel).write_text((meta.group(0) if meta else "") + page.read_text(encoding="utf-8"),
                                         encoding="utf-8")
    shutil.copy(dumped / CONTENTS, dest / CONTENTS)


# ---------------------------------------------------------------- one build, in a child process

def build_once(project: Path, floor: bool, dump: Path | None) -> dict:
    """Build `project` in this process; time the build and the hub's hook events, in CPU seconds.

    CPU time, not wall time: the build is one thread, and other processes on a busy machine then
    change the figures far less. The floor build pastes in each page's HTML as the hub's build
    finished it (the hooks put datasets into a page after Python-Markdown), so both builds index,
    render and write the same pages; the pasting is timed and taken off the floor. The floor's
    theme templates are kept compiled between builds, as the hub's on_env keeps them (hub_cache).
    """
    os.chdir(project)  # pymdownx.snippets' base_path is relative to the working directory
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    import logging
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")  # to stderr
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    hook_time = paste_time = 0.0
    markdown: dict[str, str] = {}
    contents: dict[str, str] = json.loads((project / CONTENTS).read_text(encoding="utf-8")) if floor else {}

    def timed(method, event):
        def wrapper(*args, **kwargs):
            nonlocal hook_time
            start = time.process_time()
            try:
                result = method(*args, **kwargs)
            finally:
                hook_time += time.process_time() - start
            if event in ("page_markdown", "page_content"):
                (markdown if event == "page_markdown" else contents)[kwargs["page"].file.src_uri] = result
            return result
        return wrapper

    def paste(html: str, page, **_) -> str:
        nonlocal paste_time
        start = time.process_time()
        html = contents[page.file.src_uri]
        paste_time += time.process_time() - start
        return html

    with tempfile.TemporaryDirectory() as site:
        start = time.process_time()
        # The floor is not strict: without the hooks, MkDocs does not learn the ids inside rendered
        # data (main.py tells it), so links to them would warn; the work done is the same.
        overrides = {"hooks": [], "strict": False} if floor else {}
        config = load_config(str(project / "mkdocs.yml"), site_dir=site, **overrides)
        plugins = config.plugins
        if floor:
            plugins.events["page_content"].append(paste)
            # The hub's on_env gives MkDocs' theme environment a bytecode cache (hub_cache) and the
            # footer's page look-up (main.page_file, restated here so the floor does not import the
            # hooks): the floor gets the same, so its pages are the same and the hooks are not
            # credited with the theme's compile time. (Older hubs had neither.)
            def theme_env(env, files, **_):
                env.globals["hub_page_file"] = lambda src: next(
                    (f for f in [files.get_file_from_path(src)]
                     if f is not None and f.is_documentation_page() and f.inclusion.is_included()), None)
                return use_bytecode_cache(env)

            if (project / "hooks" / "hub_cache.py").is_file():
                sys.path.insert(0, str(project / "hooks"))
                from hub_cache import use_bytecode_cache
                plugins.events["env"].append(theme_env)
        for event, methods in plugins.events.items():
            for i, method in enumerate(methods):
                if plugins._event_origins.get(method) == HOOKS:
                    methods[i] = timed(method, event)
                    plugins._event_origins[methods[i]] = HOOKS
        build(config)
        build_s = time.process_time() - start - paste_time
        pages = sum(1 for _ in Path(site).rglob("index.html"))
    if dump:
        for uri, text in markdown.items():
            (dump / uri).parent.mkdir(parents=True, exist_ok=True)
            (dump / uri).write_text(text, encoding="utf-8")
        (dump / CONTENTS).write_text(json.dumps(contents), encoding="utf-8")
    return {"build_s": build_s, "hook_s": hook_time, "html_pages": pages}


def run_child(project: Path, floor: bool, dump: Path | None = None) -> dict:
    cmd = [sys.executable, __file__, "--child", str(project)]
    if floor:
        cmd.append("--floor")
    if dump:
        cmd += ["--dump", str(dump)]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode:
        sys.exit(f"the build of {project} failed (exit {out.returncode}):\n{(out.stderr + out.stdout)[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- the table

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,10,100", help="comma-separated copies of every dataset (default 1,10,100)")
    parser.add_argument("--repeat", type=int, default=0,
                        help="builds a scale, best kept (default: 3 up to x10, 1 above)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--floor", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(build_once(args.child, args.floor, args.dump)))
        return 0

    header = f"{'scale':>5} {'pages':>6} {'datasets':>8} {'build s':>8} {'hook s':>7} {'share':>6} " \
             f"{'ms/dataset':>10} {'floor s':>8} {'ratio':>6}"
    print(header)
    print("-" * len(header))
    for scale in (int(s) for s in args.scales.split(",")):
        repeat = args.repeat or (3 if scale <= 10 else 1)
        with tempfile.TemporaryDirectory(prefix=f"hub-bench-x{scale}-") as tmp:
            tmp = Path(tmp)
            pages, datasets = make_hub(tmp / "hub", scale)
            full, floor = [], []
            for run in range(repeat):
                dump = tmp / "dump" if run == 0 else None
                full.append(run_child(tmp / "hub", floor=False, dump=dump))
                if run == 0:
                    make_floor(tmp / "hub", dump, tmp / "floor")
                floor.append(run_child(tmp / "floor", floor=True))
            best = min(full, key=lambda r: r["build_s"])
            floor_s = min(r["build_s"] for r in floor)
            hook_s = min(r["hook_s"] for r in full)
            print(f"{'x' + str(scale):>5} {pages:>6} {datasets:>8} {best['build_s']:>8.2f} {hook_s:>7.2f} "
                  f"{hook_s / best['build_s']:>6.1%} {1000 * hook_s / datasets:>10.2f} {floor_s:>8.2f} "
                  f"{best['build_s'] / floor_s:>6.2f}", flush=True)
    print("\nbuild s: load_config + build in one process (best of the runs); hook s: inside hooks/main.py's events;")
    print("floor s: the hooks' output Markdown built with the same theme and no hooks; ratio = build / floor.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
