"""Replay, without Docker, the image that repo2docker (hence mybinder.org) would build of a clone.

repo2docker's own plan is read: ``jupyter-repo2docker --no-build --debug <clone>`` prints the
Dockerfile it would build. From it:

* **The base environment.** repo2docker installs a conda environment from a lock file it ships
  (``environment.py-<python>-linux-64.lock``, named in the plan). The replay makes a virtual
  environment with that Python version and the Jupyter packages of that lock at the locked versions
  (JupyterLab, the server, ipykernel, ipywidgets), with pip in it: conda itself cannot run here.
* **Everything after the repository's folder is set up** (``WORKDIR ${REPO_DIR}``) is replayed in
  order: each ``COPY`` of repository files into an "image" folder standing for ``${REPO_DIR}``
  (repo2docker makes it the home folder), each ``ENV``, and each ``RUN`` of a pip install, of
  ``postBuild`` and of its ``chmod``, with the plan's own variables pointing at the virtual
  environment. A ``RUN`` of any other kind fails the replay, so that a new kind of step in a future
  repo2docker is looked at rather than skipped.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from environments import make_venv

BIN = Path(sys.executable).parent
# The base environment's packages that the notebooks and JupyterLab use, installed at the lock's versions.
BASE_JUPYTER_PACKAGES = ("jupyterlab", "notebook", "jupyter_server", "ipykernel", "ipywidgets", "jupyterlab_widgets")
_LOCK = re.compile(r"environment\.py-(\d+\.\d+)-linux-64\.lock")
_CONDA_PACKAGE = re.compile(r"/([A-Za-z0-9_.-]+?)-(\d[^-]*)-[^-/]+\.(?:conda|tar\.bz2)(?:#|$)")


class ReplayError(AssertionError):
    """The plan holds a step the replay does not know, or a replayed step failed."""


@dataclass
class Image:
    """A replayed image: its Python environment and the folder standing for ``${REPO_DIR}``."""

    venv: Path
    repo_dir: Path
    steps: list[str]  # the RUN steps replayed, as the plan writes them
    env: dict[str, str]

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"


def plan(repo: Path) -> str:
    """The Dockerfile repo2docker would build for ``repo``."""
    result = subprocess.run(
        [str(BIN / "jupyter-repo2docker"), "--no-build", "--debug", str(repo)], capture_output=True, text=True
    )
    if result.returncode != 0 or "WORKDIR ${REPO_DIR}" not in result.stdout:
        raise ReplayError(f"repo2docker printed no plan:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return result.stdout


def instructions(dockerfile: str) -> list[tuple[str, str]]:
    """(instruction, arguments) of each Dockerfile line, continuation lines joined."""
    steps, current = [], ""
    for line in dockerfile.splitlines():
        if not current and (not line.strip() or line.lstrip().startswith("#")):
            continue
        current += line[:-1] + "\n" if line.endswith("\\") else line
        if not line.endswith("\\"):
            word, _, rest = current.strip().partition(" ")
            steps.append((word.upper(), rest.strip()))
            current = ""
    return steps


def base_environment(dockerfile: str) -> tuple[str, list[str]]:
    """(Python version, pip requirements) of the base environment the plan installs."""
    import repo2docker

    unescaped = re.sub(r"-([0-9a-f]{2})", lambda m: chr(int(m[1], 16)), dockerfile)
    found = _LOCK.search(unescaped)
    if found is None:
        raise ReplayError("the plan names no environment lock file of repo2docker's")
    lock = Path(repo2docker.__file__).parent / "buildpacks" / "conda" / found[0]
    versions = {}
    for url in lock.read_text("utf-8").splitlines():
        match = _CONDA_PACKAGE.search(url)
        if match:
            versions[match[1].lower().replace("-", "_")] = match[2]
    missing = [name for name in BASE_JUPYTER_PACKAGES if name.lower().replace("-", "_") not in versions]
    if missing:
        raise ReplayError(f"{lock.name} locks none of {missing}")
    return found[1], [f"{name}=={versions[name.lower().replace('-', '_')]}" for name in BASE_JUPYTER_PACKAGES]


def find_python(version: str) -> str:
    """An interpreter of Python ``version`` ("3.11") on this machine: pyenv's, else one on PATH."""
    installed = sorted(Path(os.environ.get("PYENV_ROOT", "/root/.pyenv"), "versions").glob(f"{version}.*/bin/python"))
    if installed:
        return str(installed[-1])
    on_path = shutil.which(f"python{version}")
    if on_path and "shims" not in Path(on_path).parts:
        return on_path
    raise ReplayError(f"no Python {version} on this machine")


def _expand(text: str, env: dict[str, str]) -> str:
    return re.sub(r"\$\{(\w+)\}|\$(\w+)", lambda m: env.get(m[1] or m[2], ""), text)


def _run(command: str, env: dict[str, str], cwd: Path) -> None:
    result = subprocess.run(["bash", "-c", command], env=env, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise ReplayError(
            f"replayed step failed ({result.returncode}): {command}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )


def replay(repo: Path, where: Path) -> Image:
    """Build the image repo2docker plans for ``repo`` into ``where`` (a venv and a home folder)."""
    dockerfile = plan(repo)
    python_version, base = base_environment(dockerfile)
    venv, home = where / "env", where / "home" / "jovyan"
    home.mkdir(parents=True)
    # The base environment, which the image has before the plan's steps (environments.py: made with uv).
    make_venv(venv, find_python(python_version), base)
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("MGCOURSE_", "VIRTUAL_ENV", "PYTHONPATH"))}
    env = dict(
        clean,
        # pip does not compile ahead what it installs (conftest.WITHOUT_AHEAD_COMPILING says why).
        PIP_COMPILE="false",
        HOME=str(home),
        REPO_DIR=str(home),
        NB_USER="jovyan",
        NB_PYTHON_PREFIX=str(venv),
        KERNEL_PYTHON_PREFIX=str(venv),
        CONDA_DIR=str(venv),
        NPM_DIR=str(where / "npm"),
        PATH=f"{venv}/bin:{clean.get('PATH', '')}",
    )

    steps = instructions(dockerfile)
    start = next((i for i, (word, rest) in enumerate(steps) if word == "WORKDIR" and rest == "${REPO_DIR}"), None)
    if start is None:
        raise ReplayError("the plan never sets up ${REPO_DIR}")
    replayed = []
    for word, rest in steps[start + 1 :]:
        if word == "ENV":
            for name, value in re.findall(r"(\w+)=(\"[^\"]*\"|\S+)", rest):
                env[name] = _expand(value.strip('"'), env)
        elif word == "COPY":
            parts = [p for p in shlex.split(rest) if not p.startswith("--")]
            source, target = parts[0], parts[-1]
            if not source.startswith("src/"):
                continue  # repo2docker's own start-up scripts, not the repository's files
            relative = source.removeprefix("src/")
            target_path = Path(_expand(target, env))
            origin = repo / relative
            if origin.is_dir():
                shutil.copytree(origin, target_path, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".git"))
            else:
                target_path.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(origin, target_path)
        elif word == "RUN":
            command = rest.strip()
            if re.fullmatch(r"chown \S+ \S+", command):
                continue  # ownership only: the replay runs as one user
            if not re.search(r"pip install|postBuild", command):
                raise ReplayError(f"repo2docker plans a step this replay does not know; look at it: RUN {command}")
            _run(command, env, home)
            replayed.append(command)
        elif word in ("USER", "LABEL", "ARG", "ENTRYPOINT", "CMD", "EXPOSE"):
            continue
        else:
            raise ReplayError(f"repo2docker plans an instruction this replay does not know: {word} {rest}")
    if not replayed:
        raise ReplayError("the plan installs nothing of the repository's")
    return Image(venv=venv, repo_dir=home, steps=replayed, env=env)
