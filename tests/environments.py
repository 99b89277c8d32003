"""The Python environments the launch tests start from: what a user finds ready-made before their own
steps (a hub's JupyterLab, Colab's preinstalled packages, the base of Binder's image, a fresh virtual
environment of their own).

They are made with uv, which installs them in about 2 s of processor time where pip takes 20 (it
links files from its cache and compiles nothing ahead). pip is put in each one, and everything the
user's own steps install (a setup cell, the guide's commands, repo2docker's plan) is installed by
that pip, as the user's would be.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

UV = Path(sys.executable).with_name("uv")


def make_venv(where: Path, python: str, packages: list[str]) -> Path:
    """A fresh virtual environment of ``python``, with pip, holding ``packages``; returns its interpreter."""
    # Outside this checkout's environment: uv would otherwise look at the active one.
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    made = subprocess.run(
        [str(UV), "venv", "--quiet", "--seed", "--python", str(python), str(where)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert made.returncode == 0, made.stderr[-3000:]
    interpreter = where / "bin" / "python"
    if packages:
        installed = subprocess.run(
            [str(UV), "pip", "install", "--quiet", "--python", str(interpreter), *packages],
            capture_output=True,
            text=True,
            env=env,
        )
        assert installed.returncode == 0, installed.stderr[-3000:]
    return interpreter
