"""The whole-book PDF read back as a printed book (``tools/print_pdf.py``).

Needs the built website with its PDF (``make build``; ``make test`` builds both).
No shown code line loses characters at the margin, no page is blank or holds only
an empty frame, the page numbers run through the book, every chapter and section
has a bookmark, the printed contents give each chapter's page, and no link points
at the local server the book was printed from. Laid out as the print lays it out, no
formula runs past its column: a wide display formula is set smaller (at most 20% smaller)
and no inline formula passes the right edge of its paragraph.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SITE = Path(os.environ.get("QBP_SITE", ROOT / "_build" / "html")).resolve()
sys.path.insert(0, str(ROOT / "tools"))
import book_config  # noqa: E402
import pdf_checks  # noqa: E402
import print_pdf  # noqa: E402
import site_browser  # noqa: E402

PDF = SITE / book_config.site_config()["sphinx"]["config"]["qbp_book_pdf"]
DOCS = book_config.toc_documents()
MATH_DOCS = [
    doc
    for doc in DOCS
    if any("$" in p.read_text() for p in (ROOT / f"{doc}.ipynb", ROOT / f"{doc}.md") if p.exists())
]
#: A formula may be set this much smaller to fit the printed column, and no smaller.
SMALLEST_SCALE = 0.8
#: The formulas that run past their column as laid out now: (kind, pixels over, text).
PAST_THE_COLUMN_JS = """() => {
  const out = [];
  for (const m of document.querySelectorAll('.bd-content mjx-container')) {
    const text = (m.querySelector('mjx-assistive-mml') || m).textContent.slice(0, 60);
    if (m.offsetParent === null) continue;
    if (m.getAttribute('display') === 'true') {
      const clipped = m.scrollWidth - m.clientWidth;
      if (clipped > 1) out.push(['display', clipped, text]);
      continue;
    }
    const box = m.parentElement.closest('p, li, dd, td, figcaption, div.admonition, section');
    if (!box) continue;
    const pad = parseFloat(getComputedStyle(box).paddingRight);
    const right = box.getBoundingClientRect().right - pad;
    const over = m.getBoundingClientRect().right - right;
    if (over > 1) out.push(['inline', Math.round(over), text]);
  }
  return out;
}"""


@pytest.fixture(scope="module")
def reader():
    from pypdf import PdfReader

    if not PDF.exists():
        pytest.fail(f"{PDF} was not built (make build)")
    return PdfReader(PDF)


@pytest.fixture(scope="module")
def texts(reader):
    return pdf_checks.page_texts(reader)


def test_no_shown_code_line_is_cut(texts):
    lines = pdf_checks.shown_code_lines(SITE)
    assert len(lines) > 100, f"only {len(lines)} long code lines found in the built pages"
    cut = pdf_checks.cut_code_lines(texts, lines)
    assert cut == [], f"{len(cut)} of {len(lines)} code lines lose their end in print: {cut[:5]}"


def test_the_check_finds_a_cut_line(texts):
    """The extraction check can fail: a line whose end the PDF lacks is reported."""
    line = ("book/intro", "print('this line is not in the book at all', 12345678901234567)")
    assert pdf_checks.cut_code_lines(texts, [line]) == [line]


def test_no_page_is_blank_or_an_empty_frame(reader, texts):
    assert pdf_checks.empty_pages(reader, texts) == []


def test_page_numbers_run_through(texts):
    numbers = pdf_checks.page_numbers(texts)
    wrong = [(k, n) for k, n in enumerate(numbers, start=1) if n != k]
    assert wrong == [], f"pages whose footer does not show their number (page, shown): {wrong[:10]}"


def _sections(doc: str) -> list[tuple[int, str]]:
    """(level, title) of every section and subsection of a built page, math left as TeX."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((SITE / f"{doc}.html").read_text(), "html.parser")
    found = []
    for section in (soup.select_one("main") or soup).select("section[id]"):
        heading = section.find(["h2", "h3"], recursive=False)
        if heading is None:
            continue
        for link in heading.select(".headerlink"):
            link.decompose()
        found.append((int(heading.name[1]), re.sub(r"\s+", " ", heading.get_text()).strip()))
    return found


def _tree(outline) -> list[tuple[object, list]]:
    """The outline as (item, children) pairs: pypdf lists an item's children right after it."""
    tree = []
    for item in outline:
        if isinstance(item, list):
            tree[-1] = (tree[-1][0], _tree(item))
        else:
            tree.append((item, []))
    return tree


def _flatten(tree, level=2):
    for item, children in tree:
        yield level, item
        yield from _flatten(children, level + 1)


def test_every_chapter_and_section_has_a_bookmark(reader):
    tree = _tree(reader.outline)
    assert tree[0][0].title == "Contents"
    chapters = tree[1:]
    assert len(chapters) == len(DOCS), "one bookmark per page of the book, after the contents"
    for doc, (chapter, children) in zip(DOCS, chapters, strict=True):
        expected = _sections(doc)
        got = [(level, item.title) for level, item in _flatten(children)]
        assert [level for level, _ in got] == [level for level, _ in expected], (
            f"{doc}: the bookmarks' nesting differs from the sections' ({chapter.title})"
        )
        for (_, want), (_, title) in zip(expected, got, strict=True):
            if "\\(" not in want:  # math is typeset in the bookmark, TeX source in the HTML
                assert title == want, f"{doc}: bookmark {title!r} for section {want!r}"
        pages = [reader.get_destination_page_number(item) for _, item in _flatten(children)]
        assert pages == sorted(pages), f"{doc}: bookmarks out of reading order"


def test_contents_give_each_chapter_its_page(reader, texts):
    """The printed contents list every chapter with the page its bookmark opens."""
    contents = "\n".join(
        t for t in texts if t.rstrip().endswith(tuple(f"Contents \u00b7 {k}" for k in range(1, 6)))
    )
    assert contents, "no printed table of contents"
    for chapter, _ in _tree(reader.outline)[1:]:
        page = reader.get_destination_page_number(chapter) + 1
        words = re.escape(chapter.title.split(" ")[0])
        assert re.search(rf"{words}[^\n]*?{page}\s*$", contents, flags=re.M), (
            f"the contents do not give {chapter.title!r} page {page}"
        )


def test_links_stay_in_the_book(reader):
    local, inside = pdf_checks.links(reader)
    assert local == [], f"links to the local server the book was printed from: {local[:5]}"
    assert inside > 50, f"only {inside} links lead to a place in the PDF"


def test_a_dropdown_of_the_text_prints_open(texts):
    """Chapter 7's open problem keeps its guidance in a dropdown; paper cannot click it open."""
    book = re.sub(r"\s+", " ", " ".join(texts))
    assert "Start from what is known" in book
    assert "is believed classically hard while their expectation values are not" in book


def _print_layout(browser, site_url: str, doc: str):
    """The page laid out as tools/print_pdf.py prints it: print width and style, dropdowns open."""
    page = browser.new_page()
    page.set_viewport_size({"width": print_pdf.PRINT_WIDTH, "height": 1100})
    page.emulate_media(media="print", color_scheme="light")
    page.goto(f"{site_url}/{doc}.html", wait_until="load")
    site_browser.wait_until_rendered(page)
    page.evaluate(print_pdf.OPEN_DROPDOWNS)
    return page


@pytest.mark.parametrize("doc", MATH_DOCS)
def test_no_formula_runs_past_the_printed_column(browser, site_url, doc):
    page = _print_layout(browser, site_url, doc)
    try:
        scales = page.evaluate("() => window.qbpFitMath()")
        assert all(scale >= SMALLEST_SCALE for scale in scales), (
            f"{doc}: a display formula had to be set at {min(scales):.0%}; break it into lines"
        )
        past = page.evaluate(PAST_THE_COLUMN_JS)
        assert past == [], f"{doc}: formulas past the printed column: {past[:5]}"
    finally:
        page.close()


def test_the_column_check_finds_a_wide_formula(browser, site_url):
    """The check can fail: a formula far wider than the column is found, then set to fit."""
    page = _print_layout(browser, site_url, MATH_DOCS[0])
    try:
        page.evaluate(
            """async () => {
              const wide = Array.from({length: 60}, (_, k) => 'x_{' + k + '}').join(' + ');
              const node = await MathJax.tex2chtmlPromise(wide, {display: true});
              document.querySelector('.bd-article section').prepend(node);
              MathJax.startup.document.clear();
              MathJax.startup.document.updateDocument();
            }"""
        )
        assert [kind for kind, _, _ in page.evaluate(PAST_THE_COLUMN_JS)][:1] == ["display"]
        scales = page.evaluate("() => window.qbpFitMath()")
        assert scales and min(scales) < SMALLEST_SCALE  # so wide that it is shrunk a lot
        assert page.evaluate(PAST_THE_COLUMN_JS) == []
    finally:
        page.close()
