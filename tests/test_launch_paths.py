"""Every way a chapter is opened live, tried with each tool's own steps rather than a stand-in:

* **Binder** (and Live Code, which runs on the same image): the environment repo2docker plans for a
  clone, replayed from its own generated Dockerfile (repo2docker_replay.py); the chapters then run
  there in JupyterLab in chromium (test_jupyterlab.py);
* **Colab**: a chapter notebook alone in an empty folder, in an environment holding only what Colab
  itself preinstalls; its setup cell installs the course from the repository's address;
* **a JupyterHub** (nbgitpuller): the repository cloned into a folder of an empty home, with
  JupyterLab and nothing of the course installed (test_jupyterlab.py, where a student runs it);
* **a local install**: the commands the instructor guide prints, run as they are.

In each case the package must read the course files of the course it is used with (the rule in
``mgcourse.course``), and a bad row in those files must still fail with file, row, column and reason.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import NOTEBOOKS, ROOT, clean_env, copy_project
from environments import make_venv
from notebook_runs import (
    MOVE_A_LIVE_CONTROL,
    assert_ran_live,
    outputs,
    run_notebook,
    stream_text,
)
from repo2docker_replay import find_python
from mgcourse import chapters, course, guide, setup_cell
from mgcourse.charts import all_charts
from mgcourse.data import resource_names

pytestmark = pytest.mark.launch

# What Colab preinstalls of the packages the course uses, read from Colab's published package list
# (github.com/googlecolab/backend-info, pip-freeze.txt at a724079, 2026-08-19: "Upgrade to Python 3.13").
COLAB_PYTHON = "3.13"
COLAB_PACKAGES = [
    "numpy==2.1.3",
    "pandas==2.2.3",
    "plotly==5.24.1",
    "ipywidgets==7.7.1",
    "ipykernel==6.17.1",
    "ipython==7.34.0",
    "traitlets==5.7.1",
    "anywidget==0.9.21",
    "PyYAML==6.0.3",
    "Jinja2==3.1.6",
    "MarkupSafe==3.0.3",
]
CHAPTER = "04-nervous-system.ipynb"


def git_repository(folder: Path, branch: str) -> Path:
    """Make ``folder`` a git repository with everything committed on ``branch`` (as a clone is)."""
    env = dict(os.environ, GIT_AUTHOR_NAME="course", GIT_AUTHOR_EMAIL="course@localhost")
    env.update(GIT_COMMITTER_NAME="course", GIT_COMMITTER_EMAIL="course@localhost")
    for command in (["init", "-q", "-b", branch], ["add", "-A"], ["commit", "-q", "-m", "course"]):
        subprocess.run(["git", *command], cwd=folder, env=env, check=True)
    return folder


# ------------------------------------------------------------------ Binder and Live Code


def test_binder_installs_the_learners_environment_and_the_package_reads_the_clone(binder_image):
    # The steps come from repo2docker's own plan: the pinned requirements, then postBuild.
    assert binder_image.steps == [
        '${KERNEL_PYTHON_PREFIX}/bin/pip install --no-cache-dir -r "binder/requirements.txt"',
        "chmod +x binder/postBuild",
        "./binder/postBuild",
    ]
    check = subprocess.run([binder_image.python, "-m", "pip", "check"], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    listed = subprocess.run(
        [binder_image.python, "-m", "pip", "list", "--format=json"], capture_output=True, text=True, check=True
    )
    installed = {p["name"].lower() for p in json.loads(listed.stdout)}
    assert not installed & {"jupyter-book", "sphinx", "myst-nb", "fonttools", "pypdf"}, "the book toolchain"
    probe = (
        "import mgcourse, mgcourse.course as c, mgcourse.data as d; "
        "print(mgcourse.__file__); print(c.root()); print(len(d.load_all()))"
    )
    result = subprocess.run(
        [binder_image.python, "-c", probe],
        cwd=binder_image.repo_dir / "book",
        env=binder_image.env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    package, root, tables = result.stdout.split()
    assert Path(package).is_relative_to(binder_image.repo_dir) and Path(root) == binder_image.repo_dir
    assert int(tables) == len(resource_names())


@pytest.mark.parametrize("page", [p.name for p in NOTEBOOKS if not chapters.is_chapter(p)])
def test_binder_runs_the_pages_that_are_not_chapters(binder_image, page):
    """Some chapters run in JupyterLab (test_jupyterlab.py); the other notebooks (the claims table,
    the course-level check and the instructor guide) run there too, with nothing but what Binder
    installs."""
    nb = run_notebook(binder_image.repo_dir / "book" / page, binder_image.python, binder_image.env)
    assert not [o for o in outputs(nb) if o.output_type == "error"]
    assert "Installing the course" not in stream_text(nb)
    assert any("text/html" in o.get("data", {}) for o in outputs(nb))


# Import every module of the package (but the book build's Sphinx extension) and build every chart
# as a chapter shows it live.
EVERY_MODULE_AND_CHART_LIVE = """
import importlib, json, pkgutil
import mgcourse
modules = [m.name for m in pkgutil.walk_packages(mgcourse.__path__, "mgcourse.")
           if not m.name.startswith("mgcourse.sphinxext")]
for name in modules:
    importlib.import_module(name)
from mgcourse.chartkit import LiveInteractive
from mgcourse.charts import all_charts
traces = {name: len(LiveInteractive(chart.interactive()).figure.data) for name, chart in all_charts().items()}
print(json.dumps({"modules": modules, "traces": traces}))
"""


def test_binder_imports_every_module_and_builds_every_chart_live(binder_image):
    """The chapters not opened in JupyterLab (test_jupyterlab.py) call nothing but the package: in the
    image, with nothing but what Binder installs, every module a notebook can import loads and every
    chart of the course is built live."""
    result = subprocess.run(
        [str(binder_image.python), "-c", EVERY_MODULE_AND_CHART_LIVE],
        cwd=binder_image.repo_dir / "book",
        env=binder_image.env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.splitlines()[-1])
    assert "mgcourse.charts.nmda" in report["modules"] and "mgcourse.models.nmda" in report["modules"]
    assert set(report["traces"]) == set(all_charts()) and all(report["traces"].values()), report["traces"]


def test_binder_jupyterlab_has_the_widget_and_figure_extensions(binder_image):
    listed = subprocess.run(
        [binder_image.python, "-m", "jupyter", "labextension", "list"],
        env=binder_image.env,
        capture_output=True,
        text=True,
    )
    text = listed.stdout + listed.stderr
    for extension in ("@jupyter-widgets/jupyterlab-manager", "anywidget", "jupyterlab-plotly"):
        assert re.search(rf"{re.escape(extension)} v[\d.]+ .*enabled", text), extension


# ------------------------------------------------------------------ Colab


@pytest.mark.long
def test_colab_a_chapter_alone_installs_the_course_and_runs_live(tmp_path):
    repository = git_repository(copy_project(tmp_path / "repository"), "main")
    alone = tmp_path / "content"  # Colab's working folder, holding only the notebook
    alone.mkdir()
    shutil.copy2(ROOT / "book" / CHAPTER, alone / CHAPTER)
    python = make_venv(tmp_path / "colab", find_python(COLAB_PYTHON), COLAB_PACKAGES)
    # The setup cell's own address, with the repository's host replaced by the local one.
    address = setup_cell.install_address()
    assert address.startswith("git+https://github.com/") and address.endswith("@main")
    source = f"git+file://{repository}@{address.rsplit('@', 1)[1]}"
    nb = run_notebook(alone / CHAPTER, python, clean_env(MGCOURSE_SOURCE=source), (MOVE_A_LIVE_CONTROL,))
    assert f"Installing the course from {source}" in stream_text(nb)
    report = assert_ran_live(nb)
    # The package is a regular install and reads the course files it carries.
    assert "site-packages" in report["package"] and "the copy installed with the course's package" in report["source"]
    assert Path(report["root"]).joinpath("data", "datapackage.json").is_file()
    # The instructor guide, opened alone later in the same session, reads every chapter from that copy.
    (tmp_path / "guide").mkdir()
    shutil.copy2(ROOT / "book" / "instructor-guide.ipynb", tmp_path / "guide" / "instructor-guide.ipynb")
    guide_nb = run_notebook(tmp_path / "guide" / "instructor-guide.ipynb", python, clean_env(MGCOURSE_SOURCE=source))
    assert not [o for o in outputs(guide_nb) if o.output_type == "error"]
    assert "Installing the course" not in stream_text(guide_nb)
    shown = "".join(str(o.get("data", {}).get("text/html", "")) for o in outputs(guide_nb))
    assert shown.count('class="mgc-guide-chapter"') == len(chapters.chapter_paths())


# ------------------------------------------------------------------ a local install


@pytest.mark.long
def test_local_install_the_guides_commands_give_jupyterlab_and_a_working_chapter(tmp_path):
    clone_step, cd_step, *install_steps, open_step = guide.local_install().plain.splitlines()
    assert clone_step.startswith("git clone ") and cd_step.startswith("cd ") and install_steps
    clone = copy_project(tmp_path / cd_step.removeprefix("cd "))
    python = make_venv(tmp_path / "local", sys.executable, [])
    env = clean_env(PATH=f"{python.parent}{os.pathsep}{clean_env()['PATH']}")
    for step in install_steps:
        installed = subprocess.run(["bash", "-c", step], cwd=clone, env=env, capture_output=True, text=True)
        assert installed.returncode == 0, f"{step}: {installed.stderr[-3000:]}"
    assert open_step == "jupyter lab book/"
    lab = subprocess.run([python.parent / "jupyter", "lab", "--version"], env=env, capture_output=True, text=True)
    assert lab.returncode == 0 and lab.stdout.startswith("4."), lab.stderr
    nb = run_notebook(clone / "book" / CHAPTER, python, env, (MOVE_A_LIVE_CONTROL,))
    assert "Installing the course" not in stream_text(nb)
    report = assert_ran_live(nb)
    assert Path(report["root"]) == clone


# ------------------------------------------------------------------ which course files are read


def test_the_course_files_read_follow_the_rule(tmp_path, monkeypatch):
    monkeypatch.delenv(course.ROOT_VARIABLE, raising=False)
    other = copy_project(tmp_path / "second-checkout")
    # 2. The course folder above the working directory (a notebook in a clone).
    monkeypatch.chdir(other / "book")
    assert course.root() == other and "the course folder the notebook is in" in course.source()
    # 1. MGCOURSE_ROOT wins (the book build sets it to the book it builds).
    monkeypatch.setenv(course.ROOT_VARIABLE, str(ROOT))
    assert course.root() == ROOT.resolve()
    monkeypatch.setenv(course.ROOT_VARIABLE, str(tmp_path))
    with pytest.raises(course.CourseNotFoundError, match="does not hold the course's files"):
        course.root()
    # 3. Outside any course folder: what came with the package (here, the checkout it was installed from).
    monkeypatch.delenv(course.ROOT_VARIABLE)
    monkeypatch.chdir(tmp_path)
    assert course.root() == course.PACKAGE_DIR.parents[1] and "installed from" in course.source()


def test_a_second_checkout_builds_with_its_own_files(tmp_path, monkeypatch):
    """What a build of another checkout depends on, with this checkout's environment: its own data."""
    from mgcourse.sphinxext.freshness import dependencies

    other = copy_project(tmp_path / "second-checkout")
    monkeypatch.setenv(course.ROOT_VARIABLE, str(other))
    files = dependencies()
    data_files = [f for f in files if f.suffix == ".csv"]
    assert data_files and all(f.is_relative_to(other) for f in data_files)
    assert other / "references.bib" in files and other / "data" / "datapackage.json" in files


def test_a_built_package_carries_the_course_files(tmp_path):
    wheel_dir = tmp_path / "wheel"
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "-w",
            str(wheel_dir),
            str(copy_project(tmp_path / "c")),
        ],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    import zipfile

    names = zipfile.ZipFile(next(wheel_dir.glob("mgcourse-*.whl"))).namelist()
    bundled = {n.removeprefix("mgcourse/course/") for n in names if n.startswith("mgcourse/course/")}
    expected = {p.relative_to(ROOT).as_posix() for pattern in course.BUNDLED_FILES for p in ROOT.glob(pattern)}
    assert expected and bundled == expected
    # and the templates the package writes its HTML with (mgcourse.templating)
    templates = {p.relative_to(ROOT / "src").as_posix() for p in (ROOT / "src/mgcourse/templates").rglob("*.*")}
    assert templates and templates <= set(names)
