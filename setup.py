"""Build hook of the course's package: a built package carries a copy of the course's files.

Notebooks opened without a clone of the course (Colab) read the course's data, bibliography,
self-checks and chapters from the installed package (``mgcourse/course/``, see
``mgcourse.course``). They are copied from the top of the repository, their one source of truth,
each time a wheel is built from the repository (``pip install .``, ``pip install git+<address>``);
an editable install reads them in the checkout instead.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildWithCourseFiles(build_py):
    def run(self):
        super().run()
        if self.editable_mode:
            return
        from_package = HERE / "src" / "mgcourse" / "course.py"
        patterns = _bundled_files(from_package.read_text("utf-8"))
        target = Path(self.build_lib) / "mgcourse" / "course"
        for pattern in patterns:
            sources = sorted(HERE.glob(pattern))
            if not sources:
                # A package without them would fail later, in a learner's notebook: fail here.
                raise SystemExit(f"no course file matches {pattern!r} beside setup.py ({HERE})")
            for source in sources:
                destination = target / source.relative_to(HERE)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, destination)


def _bundled_files(course_module: str) -> list[str]:
    """The patterns of ``BUNDLED_FILES`` in mgcourse/course.py (read as text: the package's
    dependencies are not installed while it is being built)."""
    import ast

    for node in ast.parse(course_module).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "BUNDLED_FILES" for t in node.targets):
            return list(ast.literal_eval(node.value))
    raise SystemExit("mgcourse/course.py has no BUNDLED_FILES")


setup(cmdclass={"build_py": BuildWithCourseFiles})
