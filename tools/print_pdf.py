"""Print the built website into one PDF: the whole book, offline, math typeset.

Each page of the table of contents is opened in headless Chromium from a local
server, once MathJax has typeset it and its widgets are drawn in their default
state, and printed with the theme's print style (no sidebars). pypdf joins the
pages in reading order, with a bookmark per page, into the site's root, where
each page's download menu links it (``qbp_book_pdf`` in ``_config.yml``).

Usage: python tools/print_pdf.py [SITE_DIR]   (default _build/html)
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

from pypdf import PdfReader, PdfWriter

sys.path.insert(0, str(Path(__file__).resolve().parent))
from book_config import ROOT, site_config, toc_documents  # noqa: E402
from site_browser import chromium, serve, wait_until_rendered  # noqa: E402

MARGIN = {"top": "15mm", "bottom": "15mm", "left": "14mm", "right": "14mm"}


def print_pages(site: Path) -> list[tuple[str, bytes]]:
    """(title, PDF bytes) of every page of the book, in reading order."""
    printed = []
    with serve(site) as url, chromium() as browser:
        page = browser.new_page()
        page.emulate_media(media="print", color_scheme="light")
        for doc in toc_documents():
            page.goto(f"{url}/{doc}.html", wait_until="load")
            wait_until_rendered(page)
            title = page.evaluate(
                "() => (document.querySelector('main h1') || {}).innerText || document.title"
            )
            title = title.replace("#", "").strip()
            # the footer prints document.title, whose math is still TeX source: use the typeset
            # heading
            page.evaluate(
                "(t) => { document.title = t + ' \u2014 ' + document.title.split(' \u2014"
                " ').pop(); }",
                title,
            )
            printed.append(
                (
                    title,
                    page.pdf(
                        format="A4",
                        margin=MARGIN,
                        print_background=True,
                        display_header_footer=True,
                        header_template="<span></span>",
                        footer_template=(
                            '<div style="font-size:8px;width:100%;text-align:center;color:#555"><span'
                            ' class="title"></span> &middot; <span class="pageNumber"></span></div>'
                        ),
                    ),
                )
            )
    return printed


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else ROOT / "_build" / "html"
    if not (site / "index.html").exists():
        print(f"{site} holds no built website (make build)", file=sys.stderr)
        return 1
    start = time.perf_counter()
    writer = PdfWriter()
    for title, data in print_pages(site):
        first = len(writer.pages)
        writer.append(PdfReader(io.BytesIO(data)))
        writer.add_outline_item(title=title, page_number=first)
    cfg = site_config()
    writer.add_metadata({"/Title": cfg["title"], "/Author": cfg["author"]})
    out = site / cfg["sphinx"]["config"]["qbp_book_pdf"]
    with out.open("wb") as handle:
        writer.write(handle)
    print(
        f"{out}: {len(writer.pages)} pages, {out.stat().st_size / 1e6:.1f} MB, "
        f"printed in {time.perf_counter() - start:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
