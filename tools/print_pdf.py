"""Print the built website into one PDF that reads like a printed book.

Each page of the table of contents is opened in headless Chromium from a local
server, laid out at the printed page's width with the print style (no sidebars;
``_ext/static/qbp-print.css``), once MathJax has typeset it and its widgets are
drawn in their default state; over-long code lines are wrapped with a "↪" mark
(``qbpWrapCode`` in ``_ext/static/qbp-print.js``) and the page is printed. pypdf
then makes one book of the prints:

- a printed table of contents (chapters and their sections, with page numbers)
  comes first, and every page carries a footer "title · page" whose number runs
  through the book (Chromium numbers each print from 1, so the footers are printed
  apart, as a PDF of numbered pages, and stamped onto the book's pages);
- every chapter has a bookmark, with its sections and subsections nested under it;
- links between the site's pages (figures, exercises, sections, references) and
  within a page go to their place in the PDF; links to files of the site outside
  the book are dropped (their local address would lead nowhere).

Two more PDFs are printed in the same pass (each page is loaded and typeset once):

- the student edition: the whole book without its worked solutions. After its print for the
  book, a page with solutions gets the class ``qbp-student`` on its body, which hides them
  (``qbp-print.css``), and links that lead to a solution are unwrapped into their text
  (``qbpStudentEdition``); the page is printed again.
- the key: for each chapter with exercises, its title, then each exercise's number and title
  as a heading, its statement and its worked solution (mathematics typeset, code outputs
  shown), in the book's order (``qbpKeyEdition`` rebuilds the page's article from them, and
  the page is printed a third time).

Each edition has its own contents, footers, bookmarks and links. The PDFs are written into
the site's root, where each page's download menu links them (``qbp_book_pdf``,
``qbp_student_pdf`` and ``qbp_key_pdf`` in ``_config.yml``).

Usage: python tools/print_pdf.py [SITE_DIR]   (default _build/html)
"""

from __future__ import annotations

import html
import io
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, Fit, FloatObject, NameObject, NullObject

sys.path.insert(0, str(Path(__file__).resolve().parent))
from book_config import ROOT, site_config, toc_documents  # noqa: E402
from site_browser import chromium, serve, wait_until_rendered  # noqa: E402

MARGIN = {"top": "15mm", "bottom": "15mm", "left": "14mm", "right": "14mm"}
# the printed page's width in CSS pixels (A4 less the side margins, at 96 per inch): the page is
# laid out at this width before its code is wrapped, so that the wrap matches the print
PRINT_WIDTH = round((210 - 14 - 14) / 25.4 * 96)
# boxes shorter than this (CSS pixels) are kept whole: 0.7 of the page's text height (297 - 30 mm)
KEEP = round(0.7 * (297 - 15 - 15) / 25.4 * 96)
CONTENTS = "Contents"
TOC_LEVELS = (1, 2)  # the printed table of contents: chapters and sections
# a dropdown of the text prints open (hidden code cells, details.hide, are not dropdowns)
OPEN_DROPDOWNS = (
    "() => document.querySelectorAll('details.sd-dropdown').forEach(d => { d.open = true; })"
)
FOOTER_STYLE = "font: 8px sans-serif; color: #555"
# what each PDF is: its configuration value (the file's name) and what its first page says
EDITIONS = {
    "qbp_book_pdf": "",
    "qbp_student_pdf": "student edition: the whole book, its exercises without their worked "
    "solutions (those are in the key)",
    "qbp_key_pdf": "key to the exercises: each chapter's exercises with their worked solutions, "
    "in the book's order",
}
NO_SOLUTION = "The book gives no worked solution to this exercise."

# every section of the page, with its level and its heading as the page shows it
HEADINGS_JS = """() => Array.from(document.querySelectorAll('main section[id]')).map(s => {
  const h = s.querySelector(':scope > h1, :scope > h2, :scope > h3');
  if (!h) return null;
  const copy = h.cloneNode(true);
  copy.querySelectorAll('.headerlink').forEach(a => a.remove());
  document.body.appendChild(copy);  // innerText needs a rendered element
  const title = copy.innerText.replace(/\\s+/g, ' ').trim();
  copy.remove();
  return {id: s.id, level: Number(h.tagName[1]), title: title};
}).filter(Boolean)"""


@dataclass
class Printed:
    doc: str
    title: str
    headings: list[dict]
    reader: PdfReader
    dests: dict[str, tuple[int, float]] = field(default_factory=dict)  # id: (page, top)
    first: int = 0  # index of its first page in the book
    data: bytes = b""  # the print itself

    def again(self) -> Printed:
        """The same print, read anew (for another edition's book)."""
        return Printed(
            self.doc, self.title, self.headings, PdfReader(io.BytesIO(self.data)), dict(self.dests)
        )


@dataclass
class Editions:
    """The book's three prints, page by page: the whole book, the student edition (the book
    without its worked solutions) and the key (each chapter's exercises with their solutions)."""

    book: list[Printed] = field(default_factory=list)
    student: list[Printed] = field(default_factory=list)
    key: list[Printed] = field(default_factory=list)
    #: the display formulas set smaller to fit the column: (page, scale) for each
    fitted: list[tuple[str, float]] = field(default_factory=list)


def solution_places(site: Path) -> dict[str, list[str]]:
    """For each page, the places ("page.html#id") of its worked solutions and of everything in
    them: a link to one of these has no target in the student edition."""
    from bs4 import BeautifulSoup

    places = {}
    for doc in toc_documents():
        soup = BeautifulSoup((site / f"{doc}.html").read_text(), "html.parser")
        name = Path(doc).name + ".html"
        places[doc] = [
            f"{name}#{element['id']}"
            for solution in soup.select("main div.solution")
            for element in [solution, *solution.select("[id]")]
        ]
    return places


def _print_page(page, doc: str, title: str | None = None) -> Printed:
    """The page as the browser shows it now, printed, with its title, sections and places."""
    page.evaluate(f"() => window.qbpKeepShortBoxes && window.qbpKeepShortBoxes({KEEP})")
    if title is None:
        title = page.evaluate(
            "() => (document.querySelector('main h1') || {}).innerText || document.title"
        )
        title = title.replace("#", "").strip()
    headings = page.evaluate(HEADINGS_JS)
    data = page.pdf(format="A4", margin=MARGIN, print_background=True)
    reader = PdfReader(io.BytesIO(data))
    entry = Printed(doc, title, headings, reader, data=data)
    for name, dest in reader.named_destinations.items():
        top = dest.get("/Top")
        entry.dests[unquote(name.lstrip("/"))] = (
            reader.get_destination_page_number(dest),
            float(top) if top is not None else None,
        )
    return entry


def print_pages(page, url: str, places: dict[str, list[str]]) -> Editions:
    """Every page of the book in reading order, printed for each edition.

    A page is printed whole; a page with worked solutions is then printed again with them
    hidden (the student edition; a page without is the same in both) and once more as its part
    of the key, its exercises and their solutions alone."""
    targets = [place for doc in places for place in places[doc]]
    editions = Editions()
    for doc in toc_documents():
        page.goto(f"{url}/{doc}.html", wait_until="load")
        wait_until_rendered(page)
        # a dropdown of the text (an exercise's guidance, say) prints open: paper cannot click;
        # hidden code cells (details.hide) stay closed, as in the book
        page.evaluate(OPEN_DROPDOWNS)
        page.evaluate("() => window.qbpWrapCode && window.qbpWrapCode()")
        scales = page.evaluate("() => window.qbpFitMath ? window.qbpFitMath() : []")
        editions.fitted += [(doc, scale) for scale in scales]
        whole = _print_page(page, doc)
        editions.book.append(whole)
        if not places[doc]:
            editions.student.append(whole.again())
            continue
        page.evaluate("targets => window.qbpStudentEdition(targets)", targets)
        editions.student.append(_print_page(page, doc, whole.title))
        page.evaluate("() => document.body.classList.remove('qbp-student')")
        numbered = _numbered(whole)
        kept = page.evaluate(
            "([title, none]) => window.qbpKeyEdition(title, none)", [numbered, NO_SOLUTION]
        )
        if kept:
            editions.key.append(_print_page(page, doc, numbered))
    return editions


def _contents_html(
    entries: list[tuple[int, str, str, int]], intro: str = "", gap: float = 1.0
) -> str:
    """The contents as a page of HTML; ``gap`` scales the space above each row (1: the usual)."""
    rows = "\n".join(
        f'<li class="l{level}"><a href="{html.escape(href)}"><span>{html.escape(title)}</span>'
        f"<b></b><i>{number}</i></a></li>"
        for level, title, href, number in entries
    )
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>
body {{ font-family: sans-serif; font-size: 11pt; margin: 0; }}
h1 {{ font-size: 20pt; margin: 0 0 8mm; }}
ul {{ list-style: none; padding: 0; margin: 0; }}
li {{ break-inside: avoid; }}
a {{ display: flex; color: inherit; text-decoration: none; align-items: baseline; }}
b {{ flex: 1; border-bottom: 1px dotted #999; margin: 0 2mm; }}
i {{ font-style: normal; min-width: 3em; text-align: right; }}
.l1 {{ font-weight: bold; margin-top: {4 * gap:.2f}mm; }}
.l2 {{ padding-left: 6mm; margin-top: {gap:.2f}mm; }}
p {{ margin: 0 0 6mm; }}
</style></head><body><h1>{CONTENTS}</h1>{intro}<ul>{rows}</ul></body></html>"""


def _footers_html(footers: list[str]) -> str:
    pages = "".join(
        f'<div class="p"><div class="f">{html.escape(text)}</div></div>' for text in footers
    )
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 0; }}
body {{ margin: 0; }}
.p {{ position: relative; height: 297mm; width: 210mm; break-after: page; overflow: hidden; }}
.f {{ position: absolute; bottom: 6mm; width: 100%; text-align: center; {FOOTER_STYLE}; }}
</style></head><body>{pages}</body></html>"""


def _print_html(page, content: str, margin: dict | None = None) -> PdfReader:
    page.set_content(content, wait_until="load")
    data = page.pdf(format="A4", margin=margin or MARGIN, print_background=True)
    return PdfReader(io.BytesIO(data))


def _place(printed: Printed, anchor: str | None) -> tuple[int, float | None]:
    """Page (0-based) and height of ``anchor`` on ``printed``'s pages in the book (top if none)."""
    local, top = printed.dests.get(anchor, (0, None)) if anchor else (0, None)
    return printed.first + local, top


def _numbered(entry: Printed) -> str:
    """The chapter's title with its number, read off its first numbered section ("3.1. ...")."""
    for heading in entry.headings:
        match = re.match(r"(\d+)\.\d+\.\s", heading["title"])
        if heading["level"] == 2 and match:
            return f"{match.group(1)}. {entry.title}"
    return entry.title


#: Fewest rows the contents' last page may hold; with fewer, the rows are set closer together.
CONTENTS_LAST_PAGE_ROWS = 3


def _rows_on(page) -> int:
    """The rows of the contents on one printed page (a row ends in its page number)."""
    return sum(bool(re.search(r"\d\s*$", line)) for line in page.extract_text().split("\n"))


def contents(page, url: str, printed: list[Printed], intro: str = "") -> PdfReader:
    """The printed table of contents; its own length is counted in the numbers it shows.

    A last page of one or two rows (a chapter or the bibliography left alone) is avoided by
    setting the rows closer together, so no page of the contents is nearly empty.
    """
    for gap in (1.0, 0.6, 0.3):
        reader = _contents(page, url, printed, intro, gap)
        if len(reader.pages) == 1 or _rows_on(reader.pages[-1]) >= CONTENTS_LAST_PAGE_ROWS:
            break
    return reader


def _contents(page, url: str, printed: list[Printed], intro: str, gap: float) -> PdfReader:
    length = 1
    while True:
        entries = []
        for entry in printed:
            for heading in entry.headings:
                if heading["level"] in TOC_LEVELS:
                    # a chapter opens on its first page (the theme prints its title and
                    # contents there), a section where its heading is
                    at = entry.first if heading["level"] == 1 else _place(entry, heading["id"])[0]
                    title = heading["title"]
                    if heading["level"] == 1:
                        title = _numbered(entry)
                    href = f"{url}/{entry.doc}.html#{heading['id']}"
                    entries.append((heading["level"], title, href, at + length + 1))
        reader = _print_html(page, _contents_html(entries, intro, gap))
        if len(reader.pages) == length:
            return reader
        length = len(reader.pages)


def _destination(writer: PdfWriter, at: int, top: float | None) -> ArrayObject:
    return ArrayObject(
        [
            writer.pages[at].indirect_reference,
            NameObject("/XYZ"),
            NullObject(),
            FloatObject(top) if top is not None else NullObject(),
            NullObject(),
        ]
    )


def relink(writer: PdfWriter, url: str, printed: list[Printed], owners: list[Printed | None]):
    """Links to the book's own pages go to their place in the PDF; other local links are dropped."""
    by_path = {f"{entry.doc}.html": entry for entry in printed}
    for index, pdf_page in enumerate(writer.pages):
        annotations = pdf_page.get("/Annots")
        if not annotations:
            continue
        kept = ArrayObject()
        for ref in annotations:
            annotation = ref.get_object()
            target = None  # (entry, anchor) when the link stays inside the book
            action = annotation.get("/A")
            if annotation.get("/Subtype") != "/Link":
                kept.append(ref)
                continue
            if "/Dest" in annotation and isinstance(annotation["/Dest"], str):
                target = (owners[index], unquote(str(annotation["/Dest"]).lstrip("/")))
            elif action is not None and str(action.get("/URI", "")).startswith(url + "/"):
                parts = urlsplit(str(action["/URI"]))
                entry = by_path.get(unquote(parts.path).lstrip("/"))
                if entry is None:
                    continue  # a file of the site outside the book: no place in the PDF
                target = (entry, unquote(parts.fragment) or None)
            if target is not None and target[0] is not None:
                annotation.pop("/A", None)
                annotation[NameObject("/Dest")] = _destination(writer, *_place(*target))
            kept.append(ref)
        pdf_page[NameObject("/Annots")] = kept


def bookmarks(writer: PdfWriter, printed: list[Printed]) -> None:
    """A bookmark per chapter, its sections and their subsections nested under it."""
    for entry in printed:
        parents = {1: writer.add_outline_item(title=entry.title, page_number=entry.first)}
        for heading in entry.headings:
            level = heading["level"]
            if level == 1:
                continue
            parent = parents.get(level - 1) or parents[1]
            at, top = _place(entry, heading["id"])
            item = writer.add_outline_item(
                title=heading["title"], page_number=at, parent=parent, fit=Fit.xyz(top=top)
            )
            parents[level] = item
            for deeper in range(level + 1, 4):
                parents.pop(deeper, None)


def assemble(page, url: str, printed: list[Printed], intro: str = "") -> PdfWriter:
    """One PDF of ``printed``: the contents first, footers numbered through, links relinked,
    bookmarks."""
    start = 0
    for entry in printed:  # a first guess of the offsets, corrected by the contents' length
        entry.first = start
        start += len(entry.reader.pages)
    toc = contents(page, url, printed, intro)
    writer = PdfWriter()
    writer.append(toc)
    footers = [CONTENTS] * len(toc.pages)
    owners: list[Printed | None] = [None] * len(toc.pages)
    for entry in printed:
        entry.first = len(writer.pages)
        writer.append(entry.reader, import_outline=False)
        footers += [entry.title] * len(entry.reader.pages)
        owners += [entry] * len(entry.reader.pages)
    numbered = [f"{title} \u00b7 {k}" for k, title in enumerate(footers, start=1)]
    stamps = _print_html(page, _footers_html(numbered), margin={"top": "0", "bottom": "0"})
    if len(stamps.pages) != len(writer.pages):
        raise RuntimeError(f"{len(stamps.pages)} footers for {len(writer.pages)} pages")
    for pdf_page, stamp in zip(writer.pages, stamps.pages, strict=True):
        pdf_page.merge_page(stamp)
        pdf_page.compress_content_streams()
    relink(writer, url, printed, owners)
    if "/Names" in writer.root_object:  # the prints' own named places, whose names clash
        del writer.root_object["/Names"]
    writer.add_outline_item(title=CONTENTS, page_number=0)
    bookmarks(writer, printed)
    return writer


def book(site: Path) -> dict[str, PdfWriter]:
    """The three PDFs, by the name of the configuration value that names their file."""
    places = solution_places(site)
    with serve(site) as url, chromium() as browser:
        page = browser.new_page()
        page.set_viewport_size({"width": PRINT_WIDTH, "height": 1100})
        page.emulate_media(media="print", color_scheme="light")
        editions = print_pages(page, url, places)
        if editions.fitted:
            smallest = min(editions.fitted, key=lambda item: item[1])
            print(
                f"{len(editions.fitted)} display formulas set smaller to fit the column"
                f" (the smallest at {smallest[1]:.0%}, in {smallest[0]})"
            )
        prints = {
            "qbp_book_pdf": editions.book,
            "qbp_student_pdf": editions.student,
            "qbp_key_pdf": editions.key,
        }
        title = html.escape(site_config()["title"])
        return {
            name: assemble(
                page,
                url,
                printed,
                f"<p><strong>{title}</strong>, {EDITIONS[name]}.</p>" if EDITIONS[name] else "",
            )
            for name, printed in prints.items()
        }


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else ROOT / "_build" / "html"
    if not (site / "index.html").exists():
        print(f"{site} holds no built website (make build)", file=sys.stderr)
        return 1
    start = time.perf_counter()
    writers = book(site)
    cfg = site_config()
    for name, writer in writers.items():
        title = cfg["title"] + (f", {EDITIONS[name].split(':')[0]}" if EDITIONS[name] else "")
        writer.add_metadata({"/Title": title, "/Author": cfg["author"]})
        writer.page_mode = "/UseOutlines"
        out = site / cfg["sphinx"]["config"][name]
        with out.open("wb") as handle:
            writer.write(handle)
        print(f"{out}: {len(writer.pages)} pages, {out.stat().st_size / 1e6:.1f} MB")
    print(f"printed in {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
