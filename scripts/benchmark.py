"""Speed and page weight of the book, printed as figures (a report, not a test).

    . .venv/bin/activate && python scripts/benchmark.py

Builds the book from scratch, then again with nothing changed, and reports each page's own HTML
size, what a first visit of each page loads from the book (HTML plus its scripts, styles and fonts
as referenced), and the whole static output.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"


def build() -> float:
    command = shutil.which("jupyter-book", path=str(Path(sys.executable).parent)) or shutil.which("jupyter-book")
    if command is None:
        sys.exit("jupyter-book is not installed: run bash scripts/build-book.sh first, then . .venv/bin/activate")
    start = time.perf_counter()
    subprocess.run([command, "build", str(ROOT)], cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def referenced_assets(page: Path) -> set[Path]:
    html = page.read_text("utf-8")
    found = set()
    for ref in re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"#?]+)', html):
        if ref.startswith(("http:", "https:", "//")):
            continue
        target = (page.parent / ref).resolve()
        if target.is_file() and target.suffix in {".js", ".css", ".woff2", ".woff"}:
            found.add(target)
    return found


def kib(size: int) -> str:
    return f"{size / 1024:,.1f} KiB"


def main() -> None:
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    clean = build()
    noop = build()
    print(f"clean build:        {clean:6.1f} s")
    print(f"no-op rebuild:      {noop:6.1f} s")
    pages = sorted(p for p in HTML.rglob("*.html") if "_static" not in p.parts)
    print("\npage                               own HTML   first visit (HTML + scripts + styles, uncompressed)")
    sizes = []
    for page in pages:
        own = page.stat().st_size
        sizes.append(own)
        visit = own + sum(a.stat().st_size for a in referenced_assets(page))
        print(f"{page.relative_to(HTML).as_posix():34} {kib(own):>10}   {kib(visit):>12}")
    sizes.sort()
    print(f"\nown HTML: median {kib(sizes[len(sizes) // 2])}, max {kib(sizes[-1])}")
    total = sum(f.stat().st_size for f in HTML.rglob("*") if f.is_file())
    print(f"total static output: {kib(total)} in {sum(1 for f in HTML.rglob('*') if f.is_file())} files")


if __name__ == "__main__":
    main()
