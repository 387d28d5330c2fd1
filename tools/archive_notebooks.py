"""Put every notebook of the book into one zip file in the built site.

Readers who want the whole course offline download one file: every notebook page
of the book (the chapters, the appendix and the environment page, with their stored
outputs, in reading order), the requirements and constraints that reproduce their
environment, the package's source, the licence and the README. Entries have a fixed
date, so the same sources give the same bytes.

Usage: python tools/archive_notebooks.py [SITE_DIR]   (default _build/html)
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from book_config import ROOT, notebook_pages, site_config  # noqa: E402

EPOCH = (2020, 1, 1, 0, 0, 0)


def members() -> list[Path]:
    notebooks = notebook_pages()
    package = sorted(p for p in (ROOT / "qbp_lessons").rglob("*.py"))
    extra = [
        ROOT / name
        for name in (
            "README.md",
            "LICENSE",
            "requirements.txt",
            "constraints.txt",
            "pyproject.toml",
            "CHANGELOG.md",
            "CITATION.cff",
        )
    ]
    return notebooks + package + [p for p in extra if p.exists()]


def archive_name() -> str:
    return site_config()["sphinx"]["config"]["qbp_notebooks_zip"]


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else ROOT / "_build" / "html"
    if not (site / "index.html").exists():
        print(f"{site} holds no built website (make build)", file=sys.stderr)
        return 1
    out = site / archive_name()
    folder = Path(out.name).stem  # everything unpacks into one folder
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in members():
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(ROOT).as_posix()}", date_time=EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    print(f"{out}: {len(members())} files, {out.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
