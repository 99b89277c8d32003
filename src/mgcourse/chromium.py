"""How the course finds and starts chromium wherever it automates it: the book build (printable
handouts), the tests and the benchmark. No Sphinx needed to import it."""

from __future__ import annotations

import shutil

_CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
# No sandbox (it runs as root in containers), and none of the background calls to Google's hosts
# that a closed network refuses.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]


def find_chromium() -> str | None:
    """The path of the first chromium on the PATH, or None."""
    return next((path for name in _CHROMIUM_NAMES if (path := shutil.which(name))), None)
