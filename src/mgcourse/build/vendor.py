"""Front-end packages the book serves itself, fetched from the npm registry once and checked.

The in-page live code (Thebe) needs thebe's JavaScript and require.js, which no Python package
ships. The build downloads each pinned tarball from the npm registry, checks it against the
integrity hash recorded below (the one ``npm view <package>@<version> dist.integrity`` prints),
keeps it in a cache folder, and copies the files the page needs into the built book, so that the
page loads them from the book and not from a CDN.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import tarfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REGISTRY = "https://registry.npmjs.org"


@dataclass(frozen=True)
class NpmPackage:
    name: str
    version: str
    integrity: str  # "sha512-<base64>", as npm records it

    @property
    def tarball_url(self) -> str:
        return f"{REGISTRY}/{self.name}/-/{self.name}-{self.version}.tgz"


THEBE = NpmPackage(
    "thebe",
    "0.9.3",
    "sha512-Rb/7kVhtlffXra3kIe7OuIGE7awsm2/fGWxw21DiNfnWLnUQiDl9AWqYdshPwZPG/5DzLpsJRPix2xtCPtJmQQ==",
)
REQUIREJS = NpmPackage(
    "requirejs",
    "2.3.7",
    "sha512-DouTG8T1WanGok6Qjg2SXuCMzszOo0eHeH9hDZ5Y4x8Je+9JB38HdTLT4/VA8OaUhBa0JPVHJ0pyBkM1z+pDsw==",
)


class VendorError(RuntimeError):
    """A package could not be fetched, or it is not the one recorded."""


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
