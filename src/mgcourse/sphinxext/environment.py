"""The installed packages' versions, recorded where the build can make the notebooks depend on them.

A notebook's outputs are computed by the libraries installed when it ran (plotly draws its charts,
numpy and pandas compute them). Sphinx knows nothing of those: a build restored from a cache made
under older versions, or a rebuild after a lock file moved plotly on, would keep the old outputs.
So the build writes ``name==version`` of every installed distribution to a file in its doctree
folder, touching the file only when a version changed, and every notebook depends on that file.
"""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

RECORD_NAME = "mgcourse-installed-versions.txt"


def installed_versions() -> str:
    """One ``name==version`` line per installed distribution, sorted; the first found on the path wins,
    as for an import."""
    versions: dict[str, str] = {}
    for distribution in metadata.distributions():
        name = distribution.metadata["Name"]
        if name:
            versions.setdefault(re.sub(r"[-_.]+", "-", name).lower(), distribution.version)
    return "".join(f"{name}=={version}\n" for name, version in sorted(versions.items()))


def write_if_changed(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` only when it differs from what is there (Sphinx compares the file's
    time with each document's last reading)."""
    if not path.exists() or path.read_text("utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return path


def write_record(folder: Path) -> Path:
    """Record the installed versions in ``folder``; the file changes only when a version did."""
    return write_if_changed(folder / RECORD_NAME, installed_versions())
