"""Serve a built site on 127.0.0.1 as a production static host does (GitHub Pages, Netlify,
nginx): text gzipped, Material's fingerprinted assets cached for a year. Python's own
http.server does neither, so Lighthouse would score the test server rather than the site.

    python .ci/static_server.py SITE_DIR PORT      (used by .ci/lighthouse)
"""

from __future__ import annotations

import functools
import gzip
import http.server
import re
import sys
from pathlib import Path

TEXT = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.min\.(css|js)$")


class Handler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not path.is_file():
            return super().do_GET()  # redirects for a missing slash, 404s
        body = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if path.suffix in TEXT and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        immutable = FINGERPRINTED.search(path.name)
        self.send_header("Cache-Control", "public, max-age=31536000, immutable" if immutable else "no-cache")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    site, port = sys.argv[1], int(sys.argv[2])
    handler = functools.partial(Handler, directory=site)
    http.server.ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()
