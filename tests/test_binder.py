"""What Binder reads (binder/): the learners' environment, lean and pinned to the last package, at the
versions the book is built with. (The image itself is replayed from repo2docker's plan in
test_launch_paths.py, and the chapters run there in JupyterLab in test_jupyterlab.py.)"""

import os
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BINDER = ROOT / "binder"
BOOK_TOOLCHAIN = {"jupyter-book", "sphinx", "myst-nb", "sphinx-book-theme", "fonttools", "brotli", "pypdf"}


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def pins(path: Path) -> dict[str, str]:
    """name -> version of each ``name==version`` line of a requirements file."""
    found = {}
    for line in path.read_text("utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;\\]+)", line)
        if match:
            found[_name(match[1])] = match[2]
    return found


def test_binder_folder_is_what_repo2docker_reads():
    assert (BINDER / "runtime.txt").read_text().strip() == "python-3.11"
    # With a binder/ folder repo2docker ignores the root's files: none is left there to mislead.
    assert not (ROOT / "runtime.txt").exists()
    post_build = BINDER / "postBuild"
    assert os.access(post_build, os.X_OK)
    # The package alone, no dependency resolved at build time: everything comes from the lock file.
    assert "pip install --no-cache-dir --no-deps --no-build-isolation --editable ." in post_build.read_text()


def test_every_package_of_the_learners_environment_is_pinned_with_hashes():
    lock = (BINDER / "requirements.txt").read_text("utf-8")
    entries = re.split(r"\n(?=[A-Za-z0-9])", lock)  # one entry: a requirement and its hash lines
    requirements = [e for e in entries if e.strip() and not e.lstrip().startswith("#")]
    assert len(requirements) > 20
    for entry in requirements:
        assert re.match(r"^[A-Za-z0-9_.-]+==\S+ \\", entry), entry.splitlines()[0]
        assert "--hash=sha256:" in entry, entry.splitlines()[0]
    locked = pins(BINDER / "requirements.txt")
    wanted = pins(BINDER / "requirements.in")
    assert wanted and all(locked.get(name) == version for name, version in wanted.items()), "run scripts/lock.sh"


def test_binder_is_lean_and_computes_with_the_books_versions():
    locked = pins(BINDER / "requirements.txt")
    assert not BOOK_TOOLCHAIN & set(locked), "the book's toolchain is not for learners"
    book = pins(ROOT / "requirements" / "book.txt")
    computes = ("numpy", "pandas", "plotly", "ipywidgets", "jupyterlab-widgets", "anywidget", "pyyaml")
    for name in (*computes, "jinja2", "markupsafe"):  # and writes its HTML with
        assert locked[name] == book[name], f"{name}: Binder {locked[name]}, the book {book[name]}"


def test_launch_buttons_open_chapters_in_jupyterlab_on_binder():
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert config["launch_buttons"]["binderhub_url"] == "https://mybinder.org"
    assert config["launch_buttons"]["notebook_interface"] == "jupyterlab"
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    chapters = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    for chapter in chapters:
        assert (ROOT / f"{chapter}.ipynb").exists() or (ROOT / f"{chapter}.md").exists(), chapter
