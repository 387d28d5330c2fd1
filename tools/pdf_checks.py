"""Read the whole-book PDF back as a reader would, and say what it gets wrong.

Shared by ``tools/print_pdf.py`` (which prints the figures after each build) and
``tests/browser/test_pdf.py`` (which asserts them):

- ``cut_code_lines``: every code line the built pages show (not the ones folded
  away in a collapsed box) whose end is missing from the PDF's text: the last
  15 characters of the line, blanks and continuation marks ignored, must occur.
- ``empty_pages``: pages that hold no text beyond their running footer and no
  image (a blank page, or one that holds only the empty frame of a box).
- ``page_numbers``: the running number each page's footer shows.
- ``exercises``: every exercise of the built pages, with the distinctive phrases of the plain
  text (no mathematics, no code) of its statement and of its worked solution; ``absent`` says
  which phrases a PDF's text lacks, ``unread`` which boxes it holds no phrase of. The student
  edition must hold every statement and no phrase of any solution, the key every exercise's
  number and title and a phrase of every solution.

Usage: python tools/pdf_checks.py [SITE_DIR]   (default _build/html)
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field
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


def links(reader) -> tuple[list[str], int]:
    """The PDF's links: (those to the local server it was printed from, how many lead inside it)."""
    local, inside = [], 0
    for page in reader.pages:
        for ref in page.get("/Annots") or []:
            annotation = ref.get_object()
            uri = str((annotation.get("/A") or {}).get("/URI", ""))
            if uri.startswith(("http://127.0.0.1", "http://localhost")):
                local.append(uri)
            dest = annotation.get("/Dest")
            inside += dest is not None and not isinstance(dest, str)
    return local, inside


def page_numbers(texts: list[str]) -> list[int | None]:
    """The number each page's footer shows (None where there is none)."""
    numbers = []
    for text in texts:
        lines = text.rstrip().split("\n")
        match = FOOTER.match(lines[-1]) if lines else None
        numbers.append(int(match.group(2)) if match else None)
    return numbers


# what the plain text of a box leaves out: typeset mathematics and code (their printed text is
# not their source), code cells, and the box's title
NOT_PLAIN = "span.math, div.math, code, pre, div.cell, .admonition-title, script, style"
PHRASE = 20  # characters a phrase of plain text needs to be distinctive


@dataclass
class Exercise:
    doc: str
    id: str
    label: str  # "Exercise 3.1"
    title: str  # the title's plain text ("The least noisy shift"), math left out
    statement: list[str] = field(default_factory=list)  # distinctive phrases of its statement
    solution: list[str] | None = None  # of its worked solution; None where there is none


def _normal(text: str) -> str:
    """Text as compared: ligatures and compatibility forms unfolded, no blanks, no wrap marks."""
    return _squeeze(unicodedata.normalize("NFKC", text).replace("\u00ad", ""))


def phrases(box) -> list[str]:
    """The phrases of a box's plain text: its runs between mathematics and code, cut at the
    marks that end a clause. (A PDF's extracted text keeps a line's words in order, but may set
    the mathematics of a line, or of a page's foot, after them: a phrase with none inside is
    found whole.)"""
    from bs4 import BeautifulSoup

    copy = BeautifulSoup(str(box), "html.parser")
    for element in copy.select(NOT_PLAIN):
        element.replace_with("\x00")
    text = re.sub(r"\s+", " ", copy.get_text())
    pieces = re.split(r"\x00|(?<=[.;:?!])\s", text)
    return [piece.strip() for piece in pieces if len(piece.strip()) >= PHRASE]


def _distinctive(found: list[str], elsewhere: str) -> list[str]:
    """The phrases not found in ``elsewhere`` (normalised text of the rest of the page),
    longest first."""
    kept = {phrase for phrase in found if _normal(phrase) not in elsewhere}
    return sorted(kept, key=lambda phrase: (-len(phrase), phrase))


def exercises(site: Path) -> list[Exercise]:
    """Every exercise of the book in reading order, with runs of its statement and solution."""
    from bs4 import BeautifulSoup

    found = []
    for doc in toc_documents():
        soup = BeautifulSoup((site / f"{doc}.html").read_text(), "html.parser")
        main = soup.select_one("main") or soup
        solutions = {}
        for solution in main.select("div.solution"):
            link = solution.select_one(".admonition-title a[href^='#']")
            if link is not None:
                solutions[link["href"][1:]] = solution
        rest = BeautifulSoup(str(main), "html.parser")
        for solution in rest.select("div.solution"):
            solution.decompose()
        outside = _normal(rest.get_text())
        inside = _normal("".join(s.get_text() for s in solutions.values()))
        for box in main.select("div.exercise"):
            name = box.select_one(".admonition-title")
            number = name.select_one(".caption-number")
            label = re.sub(r"\s+", " ", number.get_text()).strip()
            title = BeautifulSoup(str(name), "html.parser")
            for element in title.select(".caption-number, span.math"):
                element.decompose()
            content = box.select_one("section") or box
            exercise = Exercise(
                doc,
                box["id"],
                label,
                re.sub(r"\s+", " ", title.get_text()).strip(" ()"),
                _distinctive(phrases(content), inside),
            )
            solution = solutions.get(box["id"])
            if solution is not None:
                exercise.solution = _distinctive(phrases(solution), outside)
            found.append(exercise)
    return found


def _whole(texts: list[str]) -> str:
    return _normal("".join(body_text(text) for text in texts))


def absent(texts: list[str], found: list[str]) -> list[str]:
    """The phrases that the PDF's text (its pages without their footers) does not hold."""
    whole = _whole(texts)
    return [phrase for phrase in found if _normal(phrase) not in whole]


def unread(texts: list[str], boxes: list[list[str]]) -> list[int]:
    """Indices of the boxes (each a list of phrases) of which the PDF's text holds no phrase."""
    whole = _whole(texts)
    return [k for k, box in enumerate(boxes) if not any(_normal(p) in whole for p in box)]


def edition_report(site: Path) -> dict:
    """What the student edition and the key hold of the exercises and their solutions."""
    from pypdf import PdfReader

    config = site_config()["sphinx"]["config"]
    student = page_texts(PdfReader(site / config["qbp_student_pdf"]))
    key = page_texts(PdfReader(site / config["qbp_key_pdf"]))
    found = exercises(site)
    solved = [e for e in found if e.solution is not None]
    answers = [phrase for e in solved for phrase in e.solution]
    return {
        "exercises": len(found),
        "with a worked solution": len(solved),
        "solution phrases": len(answers),
        "solution phrases in the student edition": len(answers) - len(absent(student, answers)),
        "statements unread in the student edition": [
            found[k].label for k in unread(student, [e.statement for e in found])
        ],
        "solutions unread in the key": [
            solved[k].label for k in unread(key, [e.solution for e in solved])
        ],
        "exercise titles missing from the key": absent(
            key, [f"{e.label} ({e.title}" for e in found]
        ),
    }


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
        "bookmarks": bookmark_count(reader.outline),
        "examples": cut[:5],
    }


def bookmark_count(outline) -> int:
    return sum(bookmark_count(item) if isinstance(item, list) else 1 for item in outline)


if __name__ == "__main__":
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "_build" / "html"
    for key, value in {**report(site), **edition_report(site)}.items():
        print(f"{key}: {value}")
