"""Write the Colab install cell into the first cell of every notebook a reader runs.

Every chapter and the appendix (``book_config.runnable_notebooks()``) opens with the same
hidden cell (tag ``remove-cell``). On Colab it installs ``qbp-lessons==<version>`` from
PyPI and, while that version is not published yet, the archive of the last commit that
changed the package (``qbp_lessons/`` or ``pyproject.toml``): that commit is already in
the repository's history when these notebooks are committed, and its package is the one
the chapter was executed with. pip runs as a subprocess whose return code is checked (a
failing ``%pip`` does not raise); the cell then checks the installed version, imports the
package, and raises an error naming what failed and the alternatives (Binder, a local
run) if anything did. It turns on Colab's widget manager if ipywidgets 8 is installed
(Colab ships 7), and prints one line saying whether the runtime must be restarted.
Outside Colab it does nothing and prints nothing.

Run this (``make install-cells``) after committing a change to the package (the named
commit moves), after a version bump, a fork (``make fork-url`` runs it), or when adding a
chapter; ``tests/book/test_book.py`` fails while any first cell differs from ``cell()``
or names a commit whose package differs from today's.

Usage: python tools/install_cell.py
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from book_config import ROOT, runnable_notebooks, site_config  # noqa: E402

#: What the named commit must share with the checkout: everything pip builds the package from.
PACKAGE_PATHS = ("qbp_lessons", "pyproject.toml")
DIST = "qbp-lessons"

TEMPLATE = """# Colab: install the course's package, the release this notebook was executed with.
import sys

if "google.colab" in sys.modules:
    import importlib
    import subprocess
    from importlib.metadata import version

    wanted = "{version}"
    # until that release is on PyPI: the commit that last changed the package (the same code)
    archive = "{archive}"
    binder = "{binder}"
    repository = "{url}"
    sources = ["{dist}==" + wanted, "{dist} @ " + archive]
    instead = (f"Open this notebook on Binder instead ({{binder}}), or run it on your own "
               f"machine (pip install {dist}=={{wanted}}, or clone {{repository}}).")
    failures = []
    for source in sources:
        pip = subprocess.run([sys.executable, "-m", "pip", "install", "-q", source],
                             capture_output=True, text=True)
        if pip.returncode == 0:
            break
        failures.append(f"pip install {{source!r}} failed:\\n{{pip.stderr.strip()[-1500:]}}")
    else:
        raise RuntimeError("\\n".join(failures) + "\\nThe course's package is not installed. "
                           + instead)
    importlib.invalidate_caches()
    try:
        installed = version("{dist}")
        import qbp_lessons
    except Exception as error:
        raise RuntimeError(f"pip ran, but the course's package cannot be used ({{error!r}}). "
                           + instead) from error
    if installed != wanted or qbp_lessons.__version__ != wanted:
        raise RuntimeError(f"pip installed {dist} {{installed}}, which imports as "
                           f"{{qbp_lessons.__version__}}; this notebook needs {{wanted}}. "
                           + instead)
    if int(version("ipywidgets").split(".")[0]) >= 8:  # Colab ships 7; 8 needs its custom manager
        from google.colab import output

        output.enable_custom_widget_manager()
    loaded = [m for m in ("numpy", "scipy", "matplotlib", "ipywidgets", "traitlets", "autograd")
              if m in sys.modules]
    stale = [m for m in loaded if getattr(sys.modules[m], "__version__", version(m)) != version(m)]
    print(f"Restart needed: pip changed {{', '.join(stale)}}, already loaded. Use Runtime > "
          "Restart session, then run the notebook from the top." if stale
          else "Installed; no restart needed, go on.")"""


class StalePackageCommit(RuntimeError):
    """The package has changes that no commit holds yet, so no archive can stand for it."""


def package_version() -> str:
    text = (ROOT / "qbp_lessons" / "__init__.py").read_text()
    return re.search(r'^__version__ = "([^"]+)"$', text, flags=re.M).group(1)


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True
    ).stdout.strip()


def package_commit() -> str:
    """The last commit that changed the package: ``git log -1 -- qbp_lessons pyproject.toml``.

    Raises StalePackageCommit if the package has uncommitted changes (a commit must hold them
    before a notebook can name it)."""
    dirty = _git("status", "--porcelain", "--", *PACKAGE_PATHS)
    if dirty:
        raise StalePackageCommit(
            "qbp_lessons/ or pyproject.toml has uncommitted changes:\n"
            f"{dirty}\ncommit them, then run make install-cells"
        )
    return _git("log", "-1", "--format=%H", "--", *PACKAGE_PATHS)


def archive_url(commit: str) -> str:
    """The archive of ``commit`` on the configured repository (pip installs it like an sdist)."""
    return f"{site_config()['repository']['url'].rstrip('/')}/archive/{commit}.zip"


def named_commit(source: str) -> str | None:
    """The commit whose archive an install cell's source names, or None."""
    found = re.search(r"/archive/([0-9a-f]{40})\.zip", source)
    return found.group(1) if found else None


def cell(commit: str | None = None) -> str:
    """The install cell's source for the configured repository, the package's version and the
    commit whose archive stands in until the release is on PyPI (default: package_commit())."""
    repository = site_config()["repository"]
    url = repository["url"].rstrip("/")
    owner_repo = url.removeprefix("https://github.com/")
    return TEMPLATE.format(
        url=url,
        dist=DIST,
        version=package_version(),
        archive=archive_url(commit or package_commit()),
        binder=f"https://mybinder.org/v2/gh/{owner_repo}/{repository.get('branch', 'main')}",
    )


def write(path: Path, wanted: str) -> bool:
    """Make the notebook's first cell the install cell; True if the file changed."""
    text = path.read_text()
    notebook = json.loads(text)
    first = notebook["cells"][0] if notebook["cells"] else {}
    source = first.get("source", "")
    source = "".join(source) if isinstance(source, list) else source
    if first.get("cell_type") == "code" and source == wanted:
        return False
    new = {
        "cell_type": "code",
        "execution_count": first.get("execution_count"),
        "id": first.get("id", "colab-install"),
        "metadata": {**first.get("metadata", {}), "tags": ["remove-cell"]},
        "outputs": [],
        "source": wanted.splitlines(keepends=True),
    }
    if first.get("cell_type") == "code" and "google.colab" in source:
        notebook["cells"][0] = new  # replace an older install cell
    else:
        new["execution_count"] = None  # a new first cell: execute the notebook again (make execute)
        notebook["cells"].insert(0, new)
    indent = 1 if text.startswith('{\n "') else 2
    path.write_text(json.dumps(notebook, indent=indent, ensure_ascii=False) + "\n")
    return True


def main() -> int:
    try:
        wanted = cell()
    except StalePackageCommit as error:
        print(error, file=sys.stderr)
        return 1
    for path in runnable_notebooks():
        if write(path, wanted):
            print(f"{path.relative_to(ROOT)}: install cell written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
