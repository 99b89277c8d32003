"""Printable handouts: each chapter, and the whole course, as a PDF printed by the local chromium.

The build prints each chapter page from the built book with chromium's own "print to PDF", so
the charts come out as the page draws them (the page, opened with ``?print``, draws every chart at
once). A page is printed again only when its HTML or the course's page script or style changed,
so a rebuild with nothing changed prints nothing. Without chromium the build leaves the handouts
(and the links to them) out and says so.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

FOLDER = "handouts"
WHOLE_COURSE = "magnesium-course.pdf"
_CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
# How the course starts chromium anywhere it is automated (the build, the tests, the benchmark): no
# sandbox (it runs as root in containers), and none of the background calls to Google's hosts that a
# closed network refuses.
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
_PRINT_FLAGS = [
    "--headless=new",
    *CHROMIUM_FLAGS,
    "--no-pdf-header-footer",
    "--run-all-compositor-stages-before-draw",
    # Time for the page's scripts to load plotly.js and draw every chart before printing.
    "--virtual-time-budget=20000",
]


class HandoutError(RuntimeError):
    """chromium did not print a page."""


def find_chromium() -> str | None:
    return next((path for name in _CHROMIUM_NAMES if (path := shutil.which(name))), None)


def pdf_name(docname: str) -> str:
    return f"{Path(docname).name}.pdf"


def print_page(chromium: str, page: Path, pdf: Path) -> None:
    """Print one built page to a PDF file."""
    with tempfile.TemporaryDirectory() as profile:
        command = [
            chromium,
            *_PRINT_FLAGS,
            f"--user-data-dir={profile}",
            f"--print-to-pdf={pdf}",
            f"{page.as_uri()}?print",
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=180)
    if not pdf.exists() or pdf.stat().st_size == 0:
        raise HandoutError(f"chromium did not print {page.name}: {result.stderr[-500:]}")


def _key(page: Path, static_files: list[Path]) -> str:
    digest = hashlib.sha256(page.read_bytes())
    for path in static_files:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def make(chromium: str, html_root: Path, docnames: list[str], static_files: list[Path]) -> list[Path]:
    """Print each page (in course order) that changed, and bind them all into the whole course.

    Returns the PDFs printed this time.
    """
    from pypdf import PdfWriter

    folder = html_root / FOLDER
    folder.mkdir(exist_ok=True)
    keys = html_root.parent / "handout-keys"
    keys.mkdir(exist_ok=True)
    pages = [(html_root / f"{doc}.html", folder / pdf_name(doc), keys / f"{pdf_name(doc)}.key") for doc in docnames]
    todo = []
    for page, pdf, key_file in pages:
        key = _key(page, static_files)
        if not (pdf.exists() and key_file.exists() and key_file.read_text() == key):
            todo.append((page, pdf, key_file, key))
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda job: print_page(chromium, job[0], job[1]), todo))
    for _page, _pdf, key_file, key in todo:
        key_file.write_text(key)
    whole = folder / WHOLE_COURSE
    if todo or not whole.exists():
        writer = PdfWriter()
        for _page, pdf, _key_file in pages:
            writer.append(str(pdf))
        with whole.open("wb") as handle:
            writer.write(handle)
    return [job[1] for job in todo]
