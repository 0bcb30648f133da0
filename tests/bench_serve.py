"""How soon `mkdocs serve` serves a page after a contributor saves a change (issue 13.3).

    .venv/bin/python tests/bench_serve.py            # 3 saves of a page, 3 of a data file
    .venv/bin/python tests/bench_serve.py --saves 5

It copies the hub (mkdocs.yml, docs, data, overrides, hooks) to a temporary folder, starts
`mkdocs serve` there on a free port, waits for the first build, and then, for each save:
writes a unique word into the file (a page's text, or a text field of a data file), and polls
the page that shows it every 50 ms until the served HTML holds the word. The time printed runs
from the moment the file was written to the moment the new HTML was served: file watching,
MkDocs' rebuild (hooks included) and serving. The working tree is never touched.

It also splits that time, from what `mkdocs serve` logs as it goes: "noticed" is when it logged
"Detected file changes" (MkDocs polls the watched folders every 0.5 s, then waits 0.1 s for
writes to settle), "build" is MkDocs' own "Documentation built in N seconds". And it prints the
CPU seconds the server process used for each save (Linux /proc; user + system), which depends
far less on what else the machine is running than the seconds do.

Not a test (pytest does not collect it: the name does not start with `test_`).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("docs", "data", "overrides", "hooks")

# (what is saved, the file, the text in it the word goes after, the page that shows it)
SAVES = [
    ("page", "docs/about-peer-support/values.md", "\n# ", "about-peer-support/values/"),
    ("data file", "data/core-values.yml", "text: ", "about-peer-support/values/"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")


class ServerLog:
    """The server's log lines as they arrive, each with the time it was read."""

    def __init__(self, stream):
        self.lines: list[tuple[float, str]] = []
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream) -> None:
        for line in stream:
            self.lines.append((time.perf_counter(), line.rstrip()))

    def since(self, start: float) -> list[tuple[float, str]]:
        return [(at, line) for at, line in list(self.lines) if at >= start]

    def text(self) -> str:
        return "\n".join(line for _, line in list(self.lines))


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds used so far by process `pid` (Linux only; None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def median_text(values: list[float | None]) -> str:
    known = [v for v in values if v is not None]
    return f"{statistics.median(known):.2f} s" if known else "?"


def wait_for(url: str, word: str, timeout: float) -> float | None:
    """Poll `url` until its HTML holds `word`; the time that took, or None."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if word in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--saves", type=int, default=3, help="saves of each kind of file (default 3)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="hub-serve-") as tmp:
        project = Path(tmp)
        for name in COPIED:
            shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        port = free_port()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        log = ServerLog(server.stderr)
        base = f"http://127.0.0.1:{port}/"
        try:
            start = time.perf_counter()
            if wait_for(base, "</html>", 300) is None:
                server.kill()
                sys.exit(f"mkdocs serve did not start:\n{log.text()[-2000:]}")
            print(f"first build and serve: {time.perf_counter() - start:.2f} s")
            for kind, path, anchor, page in SAVES:
                times, noticed, built, cpu = [], [], [], []
                for n in range(args.saves):
                    time.sleep(1.0)  # let the server settle, as between a contributor's saves
                    word = f"benchword{kind[0]}{n}x{os.getpid()}"
                    file = project / path
                    text = file.read_text(encoding="utf-8")
                    at = text.index(anchor) + len(anchor)
                    cpu_before = cpu_seconds(server.pid)
                    written = time.perf_counter()
                    file.write_text(text[:at] + word + " " + text[at:], encoding="utf-8")
                    took = wait_for(base + page, word, 60)
                    if took is None:
                        sys.exit(f"the served {page} never showed the change to {path}:\n{log.text()[-2000:]}")
                    cpu_after = cpu_seconds(server.pid)
                    times.append(took)
                    cpu.append(None if cpu_before is None or cpu_after is None else cpu_after - cpu_before)
                    time.sleep(0.2)  # the last log lines of this rebuild
                    lines = log.since(written)
                    noticed.append(next((at - written for at, line in lines if "Detected file changes" in line), None))
                    built.append(next((float(m[1]) for _, line in lines if (m := BUILT.search(line))), None))
                print(f"save a {kind:9} ({path}): served after " + ", ".join(f"{t:.2f}" for t in times)
                      + f" s (median {statistics.median(times):.2f} s); medians: change noticed after "
                      + f"{median_text(noticed)}, build {median_text(built)}, server CPU {median_text(cpu)}")
        finally:
            server.terminate()
            server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
