"""The student edition and the key read back (``tools/print_pdf.py`` prints both with the book).

Needs the built website with its PDFs (``make build``; ``make test`` builds them). The phrases
compared are the plain text (no mathematics, no code) of each exercise's statement and worked
solution in the built pages (``tools/pdf_checks.py``): the student edition holds every
statement and no phrase of any solution, the key every exercise's number and title and a
phrase of every solution, chapter by chapter in the book's order. The whole book, which
prints the solutions, holds a phrase of each: the same check finds them where they are.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SITE = Path(os.environ.get("QBP_SITE", ROOT / "_build" / "html")).resolve()
sys.path.insert(0, str(ROOT / "tools"))
import book_config  # noqa: E402
import pdf_checks  # noqa: E402

CONFIG = book_config.site_config()["sphinx"]["config"]


#: The three prints of the book, by the configuration key that names each file.
PRINTS = {"student": "qbp_student_pdf", "key": "qbp_key_pdf", "book": "qbp_book_pdf"}


@pytest.fixture(scope="module")
def printed():
    """Each print read once: name -> (reader, its page texts)."""
    from pypdf import PdfReader

    cache = {}

    def read(name: str):
        if name not in cache:
            pdf = SITE / CONFIG[PRINTS[name]]
            if not pdf.exists():
                pytest.fail(f"{pdf} was not built (make build)")
            reader = PdfReader(pdf)
            cache[name] = reader, pdf_checks.page_texts(reader)
        return cache[name]

    return read


@pytest.fixture(scope="module")
def student(printed):
    return printed("student")


@pytest.fixture(scope="module")
def key(printed):
    return printed("key")


@pytest.fixture(scope="module")
def book(printed):
    return printed("book")


@pytest.fixture(scope="module")
def exercises():
    found = pdf_checks.exercises(SITE)
    assert len(found) >= 30, f"only {len(found)} exercises found in the built pages"
    return found


@pytest.fixture(scope="module")
def solved(exercises):
    found = [e for e in exercises if e.solution is not None]
    assert len(found) >= 30, f"only {len(found)} worked solutions found in the built pages"
    empty = [e.label for e in found if not e.solution]
    assert empty == [], f"solutions with no distinctive phrase to look for: {empty}"
    return found


def test_the_whole_book_prints_every_solution(book, solved):
    """The check finds the solutions where they are printed (so it can see one leak)."""
    unread = pdf_checks.unread(book[1], [e.solution for e in solved])
    assert unread == [], (
        f"solutions the book's text shows none of: {[solved[k].label for k in unread]}"
    )


def test_the_student_edition_holds_no_solution(student, solved):
    phrases = [phrase for e in solved for phrase in e.solution]
    missing = set(pdf_checks.absent(student[1], phrases))
    leaked = [(e.label, p) for e in solved for p in e.solution if p not in missing]
    assert leaked == [], f"{len(leaked)} solution phrases in the student edition: {leaked[:5]}"


def test_the_student_edition_holds_every_statement(student, exercises):
    unread = pdf_checks.unread(student[1], [e.statement for e in exercises])
    labels = [exercises[k].label for k in unread]
    assert labels == [], f"exercise statements missing from the student edition: {labels}"


def test_the_student_edition_is_the_whole_book_less_the_solutions(student, book):
    assert pdf_checks.bookmark_count(student[0].outline) == pdf_checks.bookmark_count(
        book[0].outline
    )
    assert len(student[0].pages) < len(book[0].pages)
    assert pdf_checks.empty_pages(*student) == []


def test_the_key_holds_every_solution(key, solved):
    unread = pdf_checks.unread(key[1], [e.solution for e in solved])
    assert unread == [], f"solutions missing from the key: {[solved[k].label for k in unread]}"


def test_the_key_names_every_exercise_in_the_books_order(key, exercises):
    """Each exercise is a bookmark under its chapter, labelled with its number and title."""
    titles = [f"{e.label} ({e.title}" for e in exercises]  # math may follow the title
    assert pdf_checks.absent(key[1], titles) == []
    outline = key[0].outline
    assert outline[0].title == "Contents"
    marks = [
        item.title
        for chapter in outline[1:]
        if isinstance(chapter, list)
        for item in chapter
        if not isinstance(item, list)
    ]
    assert [mark.split(" (")[0].strip() for mark in marks] == [e.label for e in exercises]
    assert pdf_checks.empty_pages(*key) == []


@pytest.mark.parametrize("edition", ["student", "key"])
def test_edition_pages_are_numbered_through(edition, printed):
    _, texts = printed(edition)
    numbers = pdf_checks.page_numbers(texts)
    assert numbers == list(range(1, len(texts) + 1))


@pytest.mark.parametrize("edition", ["student", "key"])
def test_edition_links_stay_in_it(edition, printed):
    """No link points at the local server the editions were printed from; the key's solution
    titles lead to their exercises."""
    reader, _ = printed(edition)
    local, inside = pdf_checks.links(reader)
    assert local == [], f"links to the local server: {local[:5]}"
    assert inside >= 30, f"only {inside} links lead to a place in the {edition} PDF"
