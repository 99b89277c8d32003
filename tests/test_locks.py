"""The lock files (requirements/*.txt, binder/requirements.txt) are up to date with what they are made
of (the .in files beside them and the package's own requirements), and the book and the tests
compute with the same versions. Refresh them with `bash scripts/lock.sh`."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
LOCKS = [ROOT / "requirements" / "book.txt", ROOT / "requirements" / "test.txt", ROOT / "binder" / "requirements.txt"]
STALE = "out of date: run `bash scripts/lock.sh`"


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked(lock: Path) -> dict[str, tuple[str, list[str]]]:
    """name -> (version, what the lock says each package is there for: ``-r file`` or a package name)."""
    entries = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", lock.read_text("utf-8")):
        match = re.match(r"([A-Za-z0-9_.-]+)==([^\s;\\]+)", block)
        if not match:
            continue
        # pip-compile's annotation: "    # via x" or "    # via" then "    #   x" lines.
        notes = [line.strip().lstrip("#").strip() for line in block.splitlines() if line.startswith("    #")]
        via = [n.removeprefix("via").strip() for n in notes]
        entries[normal(match[1])] = (match[2], [v if v.startswith("-") else normal(v) for v in via if v])
    return entries


def wanted(source: Path) -> dict[str, str]:
    """name -> version pinned by a .in file and the .in files it includes with ``-r``."""
    pins = {}
    for line in source.read_text("utf-8").splitlines():
        if line.startswith("-r "):
            pins.update(wanted(source.parent / line.split()[1]))
        elif match := re.match(r"^([A-Za-z0-9_.-]+)==(\S+)", line):
            pins[normal(match[1])] = match[2]
    return pins


@pytest.mark.parametrize("lock", LOCKS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_each_lock_pins_what_its_source_asks_for(lock):
    source = lock.with_suffix(".in")
    entries = locked(lock)
    asked = wanted(source)
    assert len(entries) > 20 and asked, lock
    for name, version in asked.items():
        assert name in entries, f"{lock.name}: {name} is missing, {STALE}"
        assert entries[name][0] == version, f"{lock.name}: {name} {entries[name][0]}, asked {version}; {STALE}"


@pytest.mark.parametrize("lock", LOCKS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_nothing_is_locked_that_nothing_needs_any_more(lock):
    """A package removed from a .in file (or no longer needed by one) is gone from its lock."""
    entries = locked(lock)
    asked = wanted(lock.with_suffix(".in"))
    for name, (_, via) in entries.items():
        assert via, f"{lock.name}: {name} says nothing about why it is there"
        reasons = [v for v in via if not v.startswith("-c ")]  # a constraint pins, it does not require
        assert reasons, f"{lock.name}: {name} is only constrained, not needed; {STALE}"
        for reason in reasons:
            if reason.startswith("-r "):
                assert name in asked, f"{lock.name}: {name} is no longer in {reason[3:]}; {STALE}"
            else:
                assert reason in entries, f"{lock.name}: {name} is there for {reason}, which is not; {STALE}"


def test_the_tests_run_the_books_versions():
    book, test = locked(LOCKS[0]), locked(LOCKS[1])
    assert set(book) <= set(test)
    differing = {name: (book[name][0], test[name][0]) for name in book if book[name][0] != test[name][0]}
    assert not differing, f"the tests' lock differs from the book's: {differing}; {STALE}"


def test_the_books_lock_meets_the_packages_own_requirements():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    requirements = [Requirement(r) for r in [*project["dependencies"], *project["optional-dependencies"]["book"]]]
    entries = locked(LOCKS[0])
    assert requirements
    for requirement in requirements:
        name = normal(requirement.name)
        assert name in entries, f"the package needs {requirement}, requirements/book.txt lacks it; {STALE}"
        assert requirement.specifier.contains(entries[name][0], prereleases=True), f"{requirement}: {entries[name][0]}"


def test_the_environments_install_their_lock_and_the_course():
    for entry, lock in (
        ("requirements.txt", "requirements/book.txt"),
        ("requirements-test.txt", "requirements/test.txt"),
    ):
        lines = [line for line in (ROOT / entry).read_text("utf-8").splitlines() if not line.startswith("#")]
        # The book's entry also says, in its own words, that Jupyter Book stays below 2.
        book_only = ["jupyter-book<2"] if entry == "requirements.txt" else []
        assert lines == [f"-r {lock}", *book_only, "-e ."], entry
