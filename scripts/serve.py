"""Serve the built book on localhost the way a static host (GitHub Pages, say) does: gzip included.

    python scripts/serve.py                 # _build/html on http://127.0.0.1:8000
    python scripts/serve.py --port 0 DIR    # any folder, on a free port

Python's own ``http.server`` sends every file uncompressed, which makes pages look several times
heavier than they are once published; the benchmark and the browser tests use this server instead.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import threading
from pathlib import Path

COMPRESSIBLE = {".html", ".js", ".css", ".json", ".svg", ".txt", ".map", ".xml", ".ipynb", ".md"}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """A static file handler that gzips text files when the browser accepts it."""

    protocol_version = "HTTP/1.1"  # keep-alive, as real hosts do
    _compressed: dict[tuple[str, int], bytes] = {}
    _lock = threading.Lock()

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the parent class redirects to "dir/"
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns)
        with self._lock:
            body = self._compressed.get(key)
            if body is None:
                body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
                self._compressed[key] = body
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _BytesFile(body)


class _BytesFile:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def start(directory: Path, port: int = 0) -> http.server.ThreadingHTTPServer:
    """Start serving ``directory`` on 127.0.0.1 in a background thread; returns the server."""
    handler = functools.partial(GzipHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", default=str(Path(__file__).resolve().parents[1] / "_build" / "html"))
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    server = start(Path(args.directory), args.port)
    print(f"Serving {args.directory} at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C to stop)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()


if __name__ == "__main__":
    main()
