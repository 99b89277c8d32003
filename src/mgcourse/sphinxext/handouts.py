"""Printable handouts: each chapter, and the whole course, as a PDF printed by the local chromium.

The build opens each chapter page of the built book in one headless chromium, waits until the page
has drawn every chart (a page opened with ``?print`` draws them all at once), and has chromium print
it to PDF, so the charts come out as the page draws them. It talks to chromium over the DevTools
pipe (``--remote-debugging-pipe``), which needs nothing beyond the standard library. A page is
printed again only when its HTML or the course's page script or style changed, so a rebuild with
nothing changed prints nothing. Without chromium the build leaves the handouts (and the links to
them) out and says so.
"""

from __future__ import annotations

import base64
import fcntl
import hashlib
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..chromium import CHROMIUM_FLAGS

FOLDER = "handouts"
WHOLE_COURSE = "magnesium-course.pdf"
PAGE_SECONDS = 90
PRINTERS = 2
# Resolves when every chart of the page is drawn (or has said it could not be).
_CHARTS_DRAWN = """new Promise((resolve) => {
  const settled = () => [...document.querySelectorAll("figure.mgc-interactive")]
    .every((f) => f.mgcState === "drawn" || f.mgcState === "failed");
  const check = () => (settled() ? requestAnimationFrame(() => resolve(true)) : setTimeout(check, 50));
  check();
})"""


class HandoutError(RuntimeError):
    """chromium did not print a page."""


def pdf_name(docname: str) -> str:
    return f"{Path(docname).name}.pdf"


def _high_fds(pair: tuple[int, int]) -> tuple[int, int]:
    """The pipe's descriptors moved to 10 or above, clear of the 3 and 4 that chromium's end takes."""
    moved = tuple(fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in pair)
    for fd in pair:
        os.close(fd)
    return moved


class Chromium:
    """A headless chromium driven over its DevTools pipe: open a page, wait for its charts, print it."""

    def __init__(self, executable: str):
        self._profile = tempfile.TemporaryDirectory()
        to_chromium, self._send = _high_fds(os.pipe())  # chromium reads commands on its fd 3
        self._receive, from_chromium = _high_fds(os.pipe())  # and writes answers on its fd 4
        arguments = ["--headless=new", *CHROMIUM_FLAGS, "--remote-debugging-pipe"]
        arguments += [f"--user-data-dir={self._profile.name}", "about:blank"]
        # bash (sh takes no descriptor above 9) puts the pipe's ends where chromium expects them, then
        # becomes chromium.
        redirect = f'exec "$0" "$@" 3<&{to_chromium} 4>&{from_chromium}'
        self._process = subprocess.Popen(
            [shutil.which("bash") or "/bin/bash", "-c", redirect, executable, *arguments],
            pass_fds=(to_chromium, from_chromium),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_chromium)
        os.close(from_chromium)
        self._buffer, self._next_id = b"", 0

    def close(self) -> None:
        try:
            self._call("Browser.close", timeout=10)
        except HandoutError:
            self._process.kill()
        self._process.wait(timeout=30)
        os.close(self._send)
        os.close(self._receive)
        self._profile.cleanup()

    def _read_message(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._receive], [], [], left)[0]:
                raise HandoutError("chromium did not answer in time")
            chunk = os.read(self._receive, 1 << 20)
            if not chunk:
                raise HandoutError("chromium stopped")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def _call(self, method: str, params: dict | None = None, session: str | None = None, timeout: float = 60):
        self._next_id += 1
        request = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            request["sessionId"] = session
        os.write(self._send, json.dumps(request).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            message = self._read_message(deadline)
            if message.get("id") == self._next_id:
                if "error" in message:
                    raise HandoutError(f"{method}: {message['error'].get('message')}")
                return message.get("result", {})

    def print_page(self, page: Path, pdf: Path) -> None:
        """Open a built page, wait for every chart, and write it as a PDF file."""
        target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self._call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        try:
            url = f"{page.resolve().as_uri()}?print"
            self._call("Page.navigate", {"url": url}, session)
            ready = {"expression": "document.readyState === 'complete'", "returnByValue": True}
            deadline = time.monotonic() + PAGE_SECONDS
            while not self._call("Runtime.evaluate", ready, session)["result"].get("value"):
                if time.monotonic() > deadline:
                    raise HandoutError(f"{page.name} did not load")
                time.sleep(0.05)
            drawn = {"expression": _CHARTS_DRAWN, "awaitPromise": True, "returnByValue": True}
            self._call("Runtime.evaluate", drawn, session, timeout=PAGE_SECONDS)
            options = {"printBackground": True, "displayHeaderFooter": False, "preferCSSPageSize": True}
            printed = self._call("Page.printToPDF", options, session, timeout=PAGE_SECONDS)
            pdf.write_bytes(base64.b64decode(printed["data"]))
        finally:
            self._call("Target.closeTarget", {"targetId": target})


def _key(page: Path, static_files: list[Path]) -> str:
    digest = hashlib.sha256(page.read_bytes())
    for path in static_files:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _print_all(chromium: str, jobs: list[tuple]) -> None:
    browser = Chromium(chromium)
    try:
        for page, pdf, key_file, key in jobs:
            browser.print_page(page, pdf)
            key_file.write_text(key)
    finally:
        browser.close()


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
    # Two browsers print side by side: a page's time goes mostly to drawing its charts, on one core.
    batches = [todo[i::PRINTERS] for i in range(PRINTERS)]
    with ThreadPoolExecutor(max_workers=PRINTERS) as pool:
        list(pool.map(lambda batch: _print_all(chromium, batch), [b for b in batches if b]))
    whole = folder / WHOLE_COURSE
    if todo or not whole.exists():
        writer = PdfWriter()
        for _page, pdf, _key_file in pages:
            writer.append(str(pdf))
        with whole.open("wb") as handle:
            writer.write(handle)
    return [job[1] for job in todo]
