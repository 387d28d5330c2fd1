"""Fetch the website's JavaScript assets from pinned npm packages into ``.assets/``.

The website must load nothing from outside its own folder, so MathJax, require.js
and the ipywidgets embed manager are served from the built site. Their files come
from exact npm package versions, checked against the SHA-256 recorded below, and
are never copied into the repository. ``_config.yml`` serves ``.assets/`` as a
static path; ``make build`` runs this script first.

Usage: python tools/fetch_assets.py [--force]
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEST = ROOT / ".assets"

# name, version, sha256 of the packed tarball
PACKAGES = [
    ("mathjax", "3.2.2", "1b9c0a1c44df864e915690558e72adb9cc5203360daefd385084ced3b6c64c09"),
    ("requirejs", "2.3.7", "31f3330c978fb28684622fe71165dc946432cf0210b2ea8a1ca0233e70f2737d"),
    ("@jupyter-widgets/html-manager", "1.0.15",
     "2b9d65cb7913e1c7d671757a10008b32c9c2448d4429513371e55c07d6107638"),
]

# What of each package the site serves: (path inside the package, path under .assets/).
MATHJAX_KEEP = ["tex-chtml.js", "input", "output/chtml", "output/chtml.js", "ui", "a11y", "adaptors"]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pack(name: str, version: str, workdir: Path) -> Path:
    """Download one package tarball with ``npm pack`` (no dependencies, no lock file)."""
    out = subprocess.run(
        ["npm", "pack", "--silent", f"{name}@{version}"],
        cwd=workdir, check=True, capture_output=True, text=True,
    ).stdout.strip().splitlines()[-1]
    return workdir / out


def _copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    if src.is_dir():
        shutil.copytree(src, dst, dirs_exist_ok=True)
    else:
        shutil.copy2(src, dst)


def main(force: bool = False) -> int:
    stamp = DEST / ".versions"
    wanted = "\n".join(f"{n}@{v} {s}" for n, v, s in PACKAGES)
    if not force and stamp.exists() and stamp.read_text() == wanted:
        print(f"assets up to date in {DEST}")
        return 0
    if shutil.which("npm") is None:
        print("npm is needed to fetch the website's assets (apt-get install npm)", file=sys.stderr)
        return 1
    shutil.rmtree(DEST, ignore_errors=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        unpacked = {}
        for name, version, sha in PACKAGES:
            tarball = _pack(name, version, tmp)
            got = _sha256(tarball)
            if got != sha:
                print(f"{name}@{version}: sha256 {got} does not match the pinned {sha}", file=sys.stderr)
                return 1
            target = tmp / name.replace("/", "_")
            with tarfile.open(tarball) as tar:
                tar.extractall(target, filter="data")
            unpacked[name] = target / "package"
        mathjax = unpacked["mathjax"] / "es5"
        for item in MATHJAX_KEEP:
            _copy(mathjax / item, DEST / "mathjax" / item)
        _copy(unpacked["requirejs"] / "require.js", DEST / "require.js")
        dist = unpacked["@jupyter-widgets/html-manager"] / "dist"
        # embed-amd.js plus the icon fonts it references by hashed name
        for item in dist.iterdir():
            if item.name == "embed-amd.js" or item.suffix in {".woff", ".woff2", ".ttf", ".eot", ".svg"}:
                _copy(item, DEST / "widgets" / item.name)
    stamp.write_text(wanted)
    print(f"assets fetched into {DEST}")
    return 0


if __name__ == "__main__":
    sys.exit(main(force="--force" in sys.argv))
