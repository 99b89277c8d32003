"""Check that a release's version agrees with the changelog, the citation file and the package, and
print the changelog's section for it (the release's notes). The release workflow runs it on a tag:

    python scripts/release.py 0.1.0 > notes.md

It exits 1, saying what disagrees, when the changelog has no dated section for the version, or
CITATION.cff or pyproject.toml name another version or date. Standard library only (it runs before
anything is installed).
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

SECTION = re.compile(r"^## (?P<version>\S+) \((?P<date>\d{4}-\d{2}-\d{2})\)\n(?P<notes>.*?)(?=^## |\Z)", re.M | re.S)


class ReleaseError(ValueError):
    pass


def changelog_section(changelog: str, version: str) -> tuple[str, str]:
    """The date and the notes of the changelog's section for ``version``."""
    for section in SECTION.finditer(changelog):
        if section["version"] == version:
            notes = section["notes"].strip()
            if not notes:
                raise ReleaseError(f"CHANGELOG.md: the section of {version} says nothing")
            return section["date"], notes
    raise ReleaseError(f"CHANGELOG.md has no section '## {version} (YYYY-MM-DD)': rename 'Unreleased' to it")


def citation_field(citation: str, key: str) -> str | None:
    match = re.search(rf"^{key}:\s*[\"']?([^\"'\s]+)", citation, re.M)
    return match[1] if match else None


def check(root: Path, version: str) -> str:
    """The release notes of ``version``; raises :class:`ReleaseError` on the first disagreement."""
    version = version.removeprefix("v")
    date, notes = changelog_section((root / "CHANGELOG.md").read_text("utf-8"), version)
    citation = (root / "CITATION.cff").read_text("utf-8")
    for key, expected in (("version", version), ("date-released", date)):
        found = citation_field(citation, key)
        if found != expected:
            raise ReleaseError(f"CITATION.cff: {key} is {found}, the release is {expected}")
    package = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    if package != version:
        raise ReleaseError(f"pyproject.toml: the package's version is {package}, the release is {version}")
    return notes


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python scripts/release.py VERSION", file=sys.stderr)
        return 2
    try:
        print(check(Path(__file__).resolve().parents[1], argv[0]))
    except ReleaseError as err:
        print(f"release {argv[0]}: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
