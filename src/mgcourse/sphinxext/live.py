"""In-page live code (Thebe), served by the book and configured per page.

Jupyter Book puts a "Live Code" entry in each chapter's launch menu (``launch_buttons: thebe``),
and sphinx-thebe loads thebe from unpkg with a configuration that thebe 0.9 cannot parse. This
module makes that path work and keeps it on the book's own host where it can:

* thebe and require.js come from the npm registry (``vendor.py``: the versions and hashes of
  ``tools/package-lock.json``) and are
  served from ``_static/vendor/``; thebe's hard-coded require.js address is pointed at the book's
  copy (the build fails if that address ever changes, rather than ship a CDN request);
* each page gets a JSON thebe configuration: this repository and branch on mybinder.org, the
  chapter's folder as the kernel's working directory, and no MathJax;
* ``mgcourse-live.js`` shows the code cells when live code starts and a plain message when no
  kernel can be reached; the page's charts, controls and self-checks keep working without one.

Third-party widget front-ends (anywidget, for the live plotly figure) are loaded by thebe from
jsdelivr once a kernel is running: live code needs the network anyway.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from sphinx.util import logging

from .vendor import VendorError, cache_dir, extract, served

logger = logging.getLogger(__name__)

_THEBE_REQUIREJS_URL = '"https://cdnjs.cloudflare.com/ajax/libs/require.js/2.3.6/require.min.js"'
_CONFIG_NODE = re.compile(r'<script type="text/x-thebe-config">.*?</script>', re.S)


class LiveCodeError(RuntimeError):
    """The vendored thebe is not what this module knows how to serve."""


def thebe_dir() -> str:
    """Where the book serves thebe's files, under _static."""
    return f"vendor/thebe-{served('thebe').version}"


def requirejs_file() -> str:
    """Where the book serves require.js, under _static."""
    return f"vendor/requirejs-{served('requirejs').version}/require.js"


def prepare() -> Path | None:
    """Thebe's files, patched, in a cache folder; None when they cannot be fetched (offline)."""
    try:
        thebe, requirejs = served("thebe"), served("requirejs")
    except VendorError as err:  # not recorded: a mistake in the course, not a network failure
        raise LiveCodeError(str(err)) from None
    folder = cache_dir() / f"thebe-{thebe.version}-{requirejs.version}"
    if (folder / "ready").exists():
        return folder
    try:
        shutil.rmtree(folder, ignore_errors=True)
        extract(thebe, lambda p: p.startswith("lib/") and p.count("/") == 1 and p.endswith((".js", ".css")), folder)
        extract(requirejs, lambda p: p == "require.js", folder / "requirejs")
    except VendorError as err:
        logger.info("live code (Thebe) is left out of this build: %s", err)
        return None
    patched = 0
    for script in folder.glob("*.js"):
        text = script.read_text("utf-8")
        if _THEBE_REQUIREJS_URL in text:
            script.write_text(
                text.replace(_THEBE_REQUIREJS_URL, f"(window.MGCOURSE_REQUIREJS_URL||{_THEBE_REQUIREJS_URL})")
            )
            patched += 1
    if not patched:
        raise LiveCodeError(f"thebe {thebe.version} no longer loads require.js from {_THEBE_REQUIREJS_URL}")
    (folder / "ready").write_text("")
    return folder


def install(prepared: Path, static_dir: Path) -> None:
    """Copy the prepared files into the built book's _static folder."""
    shutil.copytree(
        prepared, static_dir / thebe_dir(), dirs_exist_ok=True, ignore=shutil.ignore_patterns("requirejs", "ready")
    )
    target = static_dir / requirejs_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(prepared / "requirejs" / "require.js", target)


def page_config(thebe_config: dict, docname: str) -> dict:
    """The thebe configuration of one page, as JSON that thebe 0.9 reads."""
    repository = thebe_config.get("repository_url", "").rstrip("/").removesuffix(".git")
    org_repo = "/".join(repository.split("github.com/")[-1].split("/")[:2])
    folder = str(Path(thebe_config.get("path_to_docs", ".").strip("/") or ".") / Path(docname).parent)
    return {
        "requestKernel": True,
        "binderOptions": {
            "repo": org_repo,
            "ref": thebe_config.get("repository_branch", "main"),
            "binderUrl": "https://mybinder.org",
            "repoProvider": "github",
        },
        "kernelOptions": {"name": "python3", "path": folder.removeprefix("./")},
        "codeMirrorConfig": {"mode": "python"},
        "predefinedOutput": True,
        "mathjaxUrl": False,
    }


def rewrite_page(context: dict, thebe_config: dict, docname: str, available: bool) -> bool:
    """Point the page's thebe script at the book's copy and give it a JSON configuration.

    Returns whether the page offers live code (it carries a thebe configuration).
    """
    from sphinx.builders.html._assets import _JavaScript

    body = context.get("body", "")
    if "text/x-thebe-config" not in body:
        return False
    config = json.dumps(page_config(thebe_config, docname)).replace("</", "<\\/")
    context["body"] = _CONFIG_NODE.sub(lambda _: f'<script type="text/x-thebe-config">{config}</script>', body)
    pathto = context["pathto"]
    thebe_url = pathto(f"_static/{thebe_dir()}/index.js", 1) if available else ""
    scripts = context.get("script_files", [])
    for i, script in enumerate(scripts):
        attributes = dict(getattr(script, "attributes", {}))
        inline = attributes.get("body", "")
        if "THEBE_JS_URL" in inline:
            attributes["body"] = re.sub(r'THEBE_JS_URL = "[^"]*"', f"THEBE_JS_URL = {json.dumps(thebe_url)}", inline)
            scripts[i] = _JavaScript(None, priority=script.priority, **attributes)
    return True
