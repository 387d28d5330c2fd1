"""Read the whole-book PDF back as a reader would, and say what it gets wrong.

Shared by ``tools/print_pdf.py`` (which prints the figures after each build) and
``tests/browser/test_pdf.py`` (which asserts them):

- ``cut_code_lines``: every code line the built pages show (not the ones folded
  away in a collapsed box) whose end is missing from the PDF's text: the last
  15 characters of the line, blanks and continuation marks ignored, must occur.
- ``empty_pages``: pages that hold no text beyond their running footer and no
  image (a blank page, or one that holds only the empty frame of a box).
- ``page_numbers``: the running number each page's footer shows.

Usage: python tools/pdf_checks.py [SITE_DIR]   (default _build/html)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from book_config import ROOT, site_config, toc_documents  # noqa: E402

# The marks the printed book sets where it wraps a code line (tools/print_pdf.py).
CONTINUATION = "\u21aa"
TAIL = 15  # characters of a line's end that must be found
LONG = 40  # lines with at least this many non-blank characters are the ones at risk
FOOTER = re.compile(r"^(.*?)\s*\u00b7\s*(\d+)\s*$")
HIDDEN = ("details", ".dropdown", ".toggle-hidden", ".tag_remove-input")


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text.replace(CONTINUATION, ""))


def shown_code_lines(site: Path) -> list[tuple[str, str]]:
    """(page, line) of every long code line printed from the built pages, in reading order."""
    from bs4 import BeautifulSoup

    lines = []
    for doc in toc_documents():
        soup = BeautifulSoup((site / f"{doc}.html").read_text(), "html.parser")
        main = soup.select_one("main") or soup
        for pre in main.select("div.highlight pre"):
            if any(pre.find_parent(name) for name in ("details",)) or any(
                pre.find_parents(class_=cls[1:]) for cls in HIDDEN if cls.startswith(".")
            ):
                continue
            lines += [
                (doc, line)
                for line in pre.get_text().split("\n")
                if len(re.sub(r"\s", "", line)) >= LONG
            ]
    return lines


def page_texts(reader) -> list[str]:
    return [page.extract_text() or "" for page in reader.pages]


def cut_code_lines(texts: list[str], lines: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (page, line) pairs whose last characters are not in the PDF's text."""
    whole = _squeeze("".join(texts))
    return [(doc, line) for doc, line in lines if _squeeze(line)[-TAIL:] not in whole]


def body_text(text: str) -> str:
    """A page's text without its running footer (the last line, "title · number")."""
    lines = text.rstrip().split("\n")
    if lines and FOOTER.match(lines[-1]):
        lines = lines[:-1]
    return "\n".join(lines)


def has_image(page) -> bool:
    resources = page.get("/Resources") or {}
    xobjects = resources.get("/XObject") or {}
    return any(xobjects[name].get_object().get("/Subtype") == "/Image" for name in xobjects)


def empty_pages(reader, texts: list[str] | None = None, least: int = 20) -> list[int]:
    """1-based numbers of the pages with fewer than ``least`` characters of text and no image."""
    texts = texts if texts is not None else page_texts(reader)
    return [
        k
        for k, (page, text) in enumerate(zip(reader.pages, texts, strict=True), start=1)
        if len(_squeeze(body_text(text))) < least and not has_image(page)
    ]


def page_numbers(texts: list[str]) -> list[int | None]:
    """The number each page's footer shows (None where there is none)."""
    numbers = []
    for text in texts:
        lines = text.rstrip().split("\n")
        match = FOOTER.match(lines[-1]) if lines else None
        numbers.append(int(match.group(2)) if match else None)
    return numbers


def report(site: Path) -> dict:
    from pypdf import PdfReader

    pdf = site / site_config()["sphinx"]["config"]["qbp_book_pdf"]
    reader = PdfReader(pdf)
    texts = page_texts(reader)
    lines = shown_code_lines(site)
    cut = cut_code_lines(texts, lines)
    numbers = page_numbers(texts)
    return {
        "pages": len(reader.pages),
        "MB": round(pdf.stat().st_size / 1e6, 2),
        "long code lines": len(lines),
        "cut": len(cut),
        "empty pages": empty_pages(reader, texts),
        "pages numbered k": sum(n == k for k, n in enumerate(numbers, start=1)),
        "bookmarks": _count(reader.outline),
        "examples": cut[:5],
    }


def _count(outline) -> int:
    return sum(_count(item) if isinstance(item, list) else 1 for item in outline)


if __name__ == "__main__":
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "_build" / "html"
    for key, value in report(site).items():
        print(f"{key}: {value}")
