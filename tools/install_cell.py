"""Write the Colab install cell into the first cell of every chapter.

Every chapter opens with the same hidden cell (tag ``remove-cell``): on Colab it
installs the tagged release ``v<version>`` of ``qbp_lessons`` from the repository
of ``_config.yml``, turns on Colab's widget manager if ipywidgets 8 is installed
(Colab ships 7), and prints one line saying whether the runtime must be restarted.
Outside Colab it does nothing and prints nothing. Run this (``make install-cells``)
after a version bump, a fork (``make fork-url`` runs it), or when adding a chapter;
``tests/test_book.py`` fails while any chapter's first cell differs from ``cell()``.

Usage: python tools/install_cell.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from book_config import ROOT, site_config  # noqa: E402

TEMPLATE = """# Colab: install the course's package at the release this chapter was executed with.
import sys

if "google.colab" in sys.modules:
    from importlib.metadata import version

    get_ipython().run_line_magic(
        "pip", "install -q 'qbp_lessons @ git+{url}@v{version}'")
    if int(version("ipywidgets").split(".")[0]) >= 8:  # Colab ships 7; 8 needs its custom manager
        from google.colab import output

        output.enable_custom_widget_manager()
    loaded = [m for m in ("numpy", "scipy", "matplotlib", "ipywidgets", "traitlets") if m in
    sys.modules]
    stale = [m for m in loaded if getattr(sys.modules[m], "__version__", version(m)) != version(m)]
    print(f"Restart needed: pip upgraded {{', '.join(stale)}}, already loaded. Use Runtime > Restart
    session, "
          "then run the notebook from the top." if stale else "Installed; no restart needed, go on.")"""


def package_version() -> str:
    text = (ROOT / "qbp_lessons" / "__init__.py").read_text()
    return re.search(r'^__version__ = "([^"]+)"$', text, flags=re.M).group(1)


def cell() -> str:
    """The install cell's source for the configured repository and the package's version."""
    return TEMPLATE.format(
        url=site_config()["repository"]["url"].rstrip("/"), version=package_version()
    )


def chapters() -> list[Path]:
    return sorted((ROOT / "book").glob("[0-9][0-9]_*.ipynb"))


def write(path: Path) -> bool:
    """Make the notebook's first cell the install cell; True if the file changed."""
    text = path.read_text()
    notebook = json.loads(text)
    first = notebook["cells"][0] if notebook["cells"] else {}
    wanted = cell()
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
    for path in chapters():
        if write(path):
            print(f"{path.relative_to(ROOT)}: install cell written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
