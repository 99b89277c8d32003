"""Front-end packages the book serves itself, fetched from the npm registry once and checked.

The in-page live code (Thebe) needs thebe's JavaScript and require.js, and math needs KaTeX (run in
node by the build, its stylesheet and fonts served to the page), none of which a Python package ships. Which packages, at which version and with
which integrity hash, is recorded in one place: the course's ``tools/package.json`` (its
``optionalDependencies``) and npm's own lock file beside it, ``tools/package-lock.json``. The build
downloads each tarball from the npm registry, checks it against the lock's integrity, keeps it in a
cache folder, and copies the files the page needs into the built book, so that the page loads them
from the book and not from a CDN. To move a package: change its version in ``tools/package.json``
and run ``npm install --prefix tools --package-lock-only``.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import json
import os
import tarfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .. import course

REGISTRY = "https://registry.npmjs.org"


@dataclass(frozen=True)
class NpmPackage:
    name: str
    version: str
    integrity: str  # "sha512-<base64>", as npm records it

    @property
    def tarball_url(self) -> str:
        return f"{REGISTRY}/{self.name}/-/{self.name}-{self.version}.tgz"


class VendorError(RuntimeError):
    """A package could not be fetched, is not the one recorded, or is not recorded at all."""


def lock_path() -> Path:
    """npm's lock file of the course being built (see :mod:`mgcourse.course`)."""
    return course.root() / "tools" / "package-lock.json"


@functools.lru_cache(maxsize=4)
def _read_lock(path: Path, mtime_ns: int) -> dict:
    # Every page asks where thebe is served: the lock is parsed once per version of the file.
    return json.loads(path.read_text("utf-8"))


def served(name: str) -> NpmPackage:
    """The package the book serves under ``name``, at the version and integrity the lock records."""
    path = lock_path()
    try:
        lock = _read_lock(path, path.stat().st_mtime_ns)
    except (OSError, ValueError) as err:
        raise VendorError(f"{course.shown(path)} cannot be read ({err})") from None
    root = lock["packages"][""]
    entry = lock["packages"].get(f"node_modules/{name}")
    if name not in root.get("optionalDependencies", {}) or entry is None:
        raise VendorError(
            f"{name} is not in {course.shown(path)}: add it to the optionalDependencies of tools/package.json "
            "and run `npm install --prefix tools --package-lock-only`"
        )
    return NpmPackage(name, entry["version"], entry["integrity"])


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "mgcourse" / "npm"


def _check(package: NpmPackage, data: bytes) -> None:
    algorithm, _, expected = package.integrity.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if actual != expected:
        raise VendorError(f"{package.name}@{package.version}: the tarball does not match its recorded integrity hash")


def tarball(package: NpmPackage) -> bytes:
    """The package's tarball, from the cache or else from the registry; always checked."""
    cached = cache_dir() / f"{package.name}-{package.version}.tgz"
    if cached.exists():
        data = cached.read_bytes()
        _check(package, data)
        return data
    try:
        with urllib.request.urlopen(package.tarball_url, timeout=60) as response:
            data = response.read()
    except OSError as err:
        raise VendorError(f"could not download {package.tarball_url} ({err})") from None
    _check(package, data)
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(data)
    return data


def extract(package: NpmPackage, wanted, destination: Path) -> list[Path]:
    """Copy the files of the package for which ``wanted(path inside the package)`` is true."""
    written = []
    with tarfile.open(fileobj=io.BytesIO(tarball(package)), mode="r:gz") as archive:
        for member in archive.getmembers():
            inner = member.name.removeprefix("package/")
            if not member.isfile() or not wanted(inner) or ".." in Path(inner).parts:
                continue
            target = destination / Path(inner).name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.extractfile(member).read())
            written.append(target)
    return written
