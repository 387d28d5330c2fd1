"""Copy the repository URL of ``_config.yml`` to the files that cannot read it.

``repository.url`` in ``_config.yml`` is the one line to change for a fork. The
launch buttons and the site read it there; these files need it written out:
the Colab install cell of each chapter and of the appendix (Colab runs the notebook alone),
``qbp_lessons.REPOSITORY_URL`` (the package does not ship ``_config.yml``), and the
clone commands of ``README.md`` and ``book/intro.md``, and ``CITATION.cff``.
``tests/book/test_book.py`` fails while any of them differs (``make fork-url`` fixes it;
since it changes ``qbp_lessons/__init__.py``, commit that, then run ``make install-cells``
so that the install cells name a commit that holds the package as it is).

Usage: python tools/fork_url.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from book_config import ROOT, runnable_notebooks, site_config  # noqa: E402

PACKAGE_INIT = ROOT / "qbp_lessons" / "__init__.py"
URL_LINE = re.compile(r'^REPOSITORY_URL = "([^"]+)"$', re.M)


def mirrors() -> list[Path]:
    """Every file that carries a copy of the URL."""
    return [
        PACKAGE_INIT,
        ROOT / "README.md",
        ROOT / "book" / "intro.md",
        ROOT / "CITATION.cff",
        *runnable_notebooks(),
    ]


def configured_url() -> str:
    return site_config()["repository"]["url"].rstrip("/")


def package_url() -> str:
    return URL_LINE.search(PACKAGE_INIT.read_text()).group(1)


def main() -> int:
    new, old = configured_url(), package_url()
    if new == old:
        print(f"every copy already says {new}")
        return 0
    for path in mirrors():
        text = path.read_text()
        if old in text:
            path.write_text(text.replace(old, new))
            print(f"{path.relative_to(ROOT)}: {old} -> {new}")
    import install_cell

    return install_cell.main()


if __name__ == "__main__":
    sys.exit(main())
