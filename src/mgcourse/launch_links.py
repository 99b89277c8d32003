"""Where a chapter opens live: the course's GitHub repository and each notebook's mybinder.org
address, built from ``repository`` and ``launch_buttons`` in ``_config.yml`` the way the chapter
pages' launch buttons are. A setting that cannot give an address raises
:class:`mgcourse.guide_sources.GuideError` with the file, the key and the reason.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from . import course as course_files
from .guide_sources import GuideError


def github_repository(config_path: Path | None = None) -> tuple[str, str, str]:
    """(owner, name, branch) of the course's repository, from ``repository`` in ``_config.yml``."""
    config_path = config_path or course_files.config_path()
    file = course_files.shown(config_path)
    config = yaml.safe_load(config_path.read_text("utf-8")) or {}
    repository = config.get("repository") or {}
    url = str(repository.get("url", "")).rstrip("/").removesuffix(".git")
    match = re.fullmatch(r"https://github\.com/([\w.-]+)/([\w.-]+)", url)
    if match is None:
        raise GuideError(file, "repository.url", f"'{url}' is not the address of a GitHub repository")
    return match[1], match[2], str(repository.get("branch") or "main")


def binder_url(notebook: str, config_path: Path | None = None) -> str:
    """The mybinder.org address that opens ``book/<notebook>`` in JupyterLab, built the way the
    chapter pages' launch buttons are: from ``repository`` and ``launch_buttons`` in ``_config.yml``."""
    config_path = config_path or course_files.config_path()
    owner, name, branch = github_repository(config_path)
    file = course_files.shown(config_path)
    config = yaml.safe_load(config_path.read_text("utf-8")) or {}
    repository = config.get("repository") or {}
    launch = config.get("launch_buttons") or {}
    hub = str(launch.get("binderhub_url") or "").rstrip("/")
    if not hub.startswith("https://"):
        raise GuideError(file, "launch_buttons.binderhub_url", "needs the https address of a BinderHub")
    interfaces = {"classic": "tree", "jupyterlab": "lab/tree"}
    interface = launch.get("notebook_interface", "classic")
    if interface not in interfaces:
        raise GuideError(file, "launch_buttons.notebook_interface", f"must be one of {', '.join(interfaces)}")
    book = str(repository.get("path_to_book") or "").strip("/")
    path = f"{book}/book/{notebook}" if book else f"book/{notebook}"
    return f"{hub}/v2/gh/{owner}/{name}/{branch}?urlpath={interfaces[interface]}/{path}"
