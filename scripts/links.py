"""Report the link check: read the results of Sphinx's linkcheck builder, run as
``jupyter-book build . --builder custom --custom-builder linkcheck`` (``_build/linkcheck/output.json``,
one JSON object per link), and write a Markdown report of the broken links, where each is, and
counts of the rest. The weekly link-check workflow shows it as the run's summary.

    python scripts/links.py [_build/linkcheck/output.json] >> "$GITHUB_STEP_SUMMARY"

Exits 1 when a link is broken, or when the results hold no link at all (a check that checked
nothing proves nothing); 0 otherwise. Timeouts are listed but do not fail it: a slow host one
Monday is not a dead link.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

# Jupyter Book writes its own "linkcheck" builder's results into _build/html; as a custom builder they
# go to _build/linkcheck, away from the book's pages.
CHECK_COMMAND = "jupyter-book build . --builder custom --custom-builder linkcheck"
DEFAULT_RESULTS = Path("_build") / "linkcheck" / "output.json"


def read_results(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def report(results: list[dict]) -> tuple[str, bool]:
    """The Markdown report of ``results``, and whether the check passed."""
    if not results:
        return "## Link check\n\nNo link was checked: the results are empty.\n", False
    counts = Counter(result["status"] for result in results)
    lines = ["## Link check", "", ", ".join(f"{n} {status}" for status, n in sorted(counts.items())), ""]
    for status in ("broken", "timeout"):
        failing = sorted((r for r in results if r["status"] == status), key=lambda r: (r["filename"], r["lineno"]))
        if failing:
            lines += [f"### {status.capitalize()} ({len(failing)})", "", "| page | link | reason |", "|---|---|---|"]
            lines += [f"| {r['filename']}:{r['lineno']} | {r['uri']} | {_cell(r.get('info', ''))} |" for r in failing]
            lines.append("")
    return "\n".join(lines), counts["broken"] == 0


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")[:200]


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT_RESULTS
    if not path.exists():
        print(f"{path}: no link-check results (run {CHECK_COMMAND})", file=sys.stderr)
        return 1
    text, passed = report(read_results(path))
    print(text)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
