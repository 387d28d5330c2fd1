"""The chapters' slide decks (tools/build_slides.py) and their links (_ext/qbp_site.py).

A small synthetic chapter, executed by hand (glued values, a glued figure, a shown figure, a
removed one, a worked solution), goes through the extractor: the deck has the slides it
should, every figure file exists, no raw ``{glue`` role and no http(s) address is left.
The browser half (every real deck offline, typeset, navigable) is tests/browser/test_slides.py.
"""

from __future__ import annotations

import base64
import io
import json
import re
import sys
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "_ext"))
import build_slides  # noqa: E402
import qbp_site  # noqa: E402

md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
LABELS = {"abbas2023quantum": "Abbas et al. 2023"}


def _png(colour: str = "red") -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(1, 1), dpi=20)
    ax.set_facecolor(colour)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode()


def _glued(name: str, data: dict, display: bool = False):
    prefix = "" if display else "application/papermill.record/"
    return nbformat.v4.new_output(
        "display_data",
        data={prefix + k: v for k, v in data.items()},
        metadata={"scrapbook": {"name": name, "mime_prefix": prefix}},
    )


def _image_output(png: str):
    return nbformat.v4.new_output("display_data", data={"image/png": png, "text/plain": "<Fig>"})


def _chapter(tmp_path: Path, extra_cells=()) -> Path:
    glue_cell = code("glue(...)")
    glue_cell.outputs = [
        _glued("val", {"text/plain": "0.25"}),
        _glued("word", {"text/plain": "'forty-two'"}),
        _glued("gfig", {"image/png": _png("blue"), "text/plain": "<Figure>"}),
    ]
    shown = code(
        "figure()",
        metadata={
            "tags": ["hide-input"],
            "mystnb": {
                "figure": {"caption": "Shown, $x$ at {glue:text}`val:.1f`", "name": "fig-shown"},
                "image": {"alt": "A red square"},
            },
        },
    )
    shown.outputs = [_image_output(_png("red"))]
    removed = code("figure()", metadata={"tags": ["remove-output"]})
    removed.outputs = [_image_output(_png("green"))]
    in_solution = code("solution_figure()")
    in_solution.outputs = [_image_output(_png("black"))]
    many = "\n\n".join(f"$$\ne_{k} = {k}\n$$" for k in range(5))
    cells = [
        md("(ch-label)=\n# A $T$ chapter"),
        glue_cell,
        md(
            "## First section\n\nThe value is {glue:text}`val`.\n\n"
            "$$\na = 1\n$$\n\n```{math}\n:label: eq-b\nb = 2\n```\n\n"
            "\\begin{align}\nc &= 3\n\\end{align}\n\nInline display $$d = 4$$ here.\n\n"
            "```python\nprice = '$$ not math $$'\n```"
        ),
        shown,
        removed,
        md(
            "## Second section\n\n```{glue:figure} gfig\n:name: fig-glued\nGlued, $y$\n```\n\n"
            + many
        ),
        md(
            "## Exercises\n\n:::{exercise} Think hard\n$$\nhidden = 1\n$$\n:::\n\n"
            "```{solution-start} s1\n:class: dropdown\n```\n$$\nsecret = 1\n$$"
        ),
        in_solution,
        md("```{solution-end}\n```"),
        md(
            "## Key takeaways\n\n- Point one, {glue:text}`val`, {glue}`word`, $z$.\n"
            "- Point two, see [the site](https://example.org) and {cite}`abbas2023quantum`.\n"
        ),
        md("## References\n\nSee {cite}`abbas2023quantum`.\n\n$$\nref = 1\n$$"),
        *extra_cells,
    ]
    path = tmp_path / "09_synthetic.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    return path


def _deck(tmp_path: Path, chapter, numbers=None):
    from bs4 import BeautifulSoup

    out = tmp_path / "slides"
    out.mkdir(exist_ok=True)
    deck = build_slides.write_deck(chapter, out, "Course title", "9.9.9", numbers)
    return deck, BeautifulSoup(deck.read_text(), "html.parser")


def test_the_chapter_is_read_as_the_page_shows_it(tmp_path):
    chapter = build_slides.read_chapter(_chapter(tmp_path), LABELS)
    assert chapter.title == "A \\(T\\) chapter"
    titles = [s.title for s in chapter.sections]
    assert titles == ["First section", "Second section", "Exercises"]  # no references slide
    first, second, exercises = chapter.sections
    assert [e.tex for e in first.items if isinstance(e, build_slides.Equation)] == [
        "\\[a = 1\\]",
        "\\[b = 2\\]",
        "\\begin{align}\nc &amp;= 3\n\\end{align}",
        "\\[d = 4\\]",
    ]
    figures = chapter.figures
    assert [f.name for f in figures] == ["fig-shown", "fig-glued"]  # not removed, not solution
    assert figures[0].alt == "A red square"
    assert figures[0].caption == "Shown, \\(x\\) at 0.2"  # glue with its format spec
    assert figures[1].caption == "Glued, \\(y\\)"
    assert len(second.items) == 6 and exercises.items == []
    assert exercises.outline == ["Exercise: Think hard"]
    assert len(chapter.takeaways) == 2
    assert "0.25" in chapter.takeaways[0] and "\\(z\\)" in chapter.takeaways[0]
    assert "[Abbas et al. 2023]" in chapter.takeaways[1]


def test_the_deck_has_the_right_slides(tmp_path):
    chapter = build_slides.read_chapter(_chapter(tmp_path), LABELS)
    page = tmp_path / "page.html"
    page.write_text(
        '<main><section><h1><span class="section-number">9. </span>A chapter</h1>'
        + "".join(
            f'<section><h2><span class="section-number">9.{k}. </span>S</h2></section>'
            for k in range(1, 6)
        )
        + '<figure id="fig-shown"><span class="caption-number">Fig. 9.1 </span></figure>'
        "</section></main>"
    )
    numbers = build_slides.page_numbers(page)
    assert numbers.chapter == "9" and numbers.figures == {"fig-shown": "Fig. 9.1"}
    deck, soup = _deck(tmp_path, chapter, numbers)
    slides = soup.select_one(".reveal .slides").find_all("section", recursive=False)
    # title, three sections, one takeaways slide
    assert len(slides) == 5
    assert "A \\(T\\) chapter" in slides[0].h1.decode_contents()
    assert slides[0].select_one(".kicker").get_text() == "Chapter 9"
    # the book's section numbers, by position among the five ## headings
    assert slides[3].h2.get_text().startswith("9.3 Exercises")
    assert "Course title" in slides[0].get_text() and "9.9.9" in slides[0].get_text()
    # the first section: four equations and a figure (budget 3) -> vertical sub-slides
    first = slides[1].find_all("section", recursive=False)
    assert len(first) == 3 and "(1/3)" in first[0].h2.get_text()
    assert first[2].select_one("figcaption .fig-number").get_text() == "Fig. 9.1"
    # the second: a glued figure then five equations -> 1 figure slide + 3 + 2 equations
    second = slides[2].find_all("section", recursive=False)
    assert [len(s.select("figure")) for s in second] == [1, 0, 0]
    assert [len(s.select(".eq")) for s in second] == [0, 3, 2]
    assert slides[3].select("ul.outline li")[0].get_text() == "Exercise: Think hard"
    assert slides[4].h2.get_text() == "Key takeaways"
    assert len(slides[4].select("li")) == 2
    text = deck.read_text()
    for absent in ("secret", "hidden = 1", "ref = 1", "not math"):
        assert absent not in text


def test_section_numbers_are_left_out_when_the_page_does_not_match(tmp_path):
    chapter = build_slides.read_chapter(_chapter(tmp_path), LABELS)
    numbers = build_slides.Numbers("9", ["9.1", "9.2"], {})  # the page has other sections
    _, soup = _deck(tmp_path, chapter, numbers)
    assert soup.select("h2 .number") == [] and soup.select_one(".kicker").get_text() == "Chapter 9"
    assert build_slides.page_numbers(tmp_path / "no-such-page.html") == build_slides.Numbers()


def test_every_figure_file_exists_and_nothing_points_outside(tmp_path):
    chapter = build_slides.read_chapter(_chapter(tmp_path), LABELS)
    deck, soup = _deck(tmp_path, chapter)
    images = soup.select("img")
    assert len(images) == 2
    for image in images:
        path = deck.parent / image["src"]
        assert path.is_file() and path.read_bytes().startswith(b"\x89PNG"), image["src"]
        assert image["alt"]
    addresses = [tag.get(a) for tag in soup.find_all(True) for a in ("src", "href") if tag.get(a)]
    assert addresses and not [a for a in addresses if re.match(r"(https?:)?//", a)]
    assert "{glue" not in deck.read_text() and "{cite" not in deck.read_text()
    assert "forty-two" in deck.read_text() and "'forty-two'" not in deck.read_text()
    assert "example.org" not in deck.read_text()  # a link keeps its text only


def test_a_glue_name_no_output_defines_is_an_error(tmp_path):
    path = _chapter(tmp_path, [md("## Late\n\nNo such {glue:text}`nowhere`.")])
    with pytest.raises(ValueError, match="'nowhere'"):
        build_slides.read_chapter(path, LABELS)
    path = _chapter(tmp_path, [md("## Late\n\n```{glue:figure} nofig\n```")])
    with pytest.raises(ValueError, match="'nofig'"):
        build_slides.read_chapter(path, LABELS)


def test_bad_input_names_the_parameter(tmp_path):
    with pytest.raises(ValueError, match="path"):
        build_slides.read_chapter(tmp_path / "missing.ipynb", LABELS)
    with pytest.raises(ValueError, match="site"):
        build_slides.build(tmp_path)  # no reveal.js, no MathJax


def test_a_section_with_nothing_to_show_gets_its_lead(tmp_path):
    long = ("word " * 40).strip()
    path = tmp_path / "x.ipynb"
    cells = [
        md("# T"),
        md(f"## Words only\n\nFirst, with $m$ and *a. b*: {long}. Second {long}. Third."),
        md("### A subsection\n\nMore."),
    ]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    (section,) = build_slides.read_chapter(path, LABELS).sections
    assert section.lead.startswith("First, with \\(m\\) and <em>a. b</em>")
    assert section.lead.endswith("word.") and "Second" not in section.lead  # whole sentences
    assert section.outline == ["A subsection"]
    html_text = build_slides._section_html(section, {})
    assert '<p class="lead">' in html_text and "<li>A subsection</li>" in html_text


def test_takeaways_split_when_long(tmp_path):
    points = "\n".join(f"- Point {k}: " + "word " * 60 for k in range(5))
    path = tmp_path / "x.ipynb"
    nbformat.write(
        nbformat.v4.new_notebook(cells=[md("# T"), md("## Key takeaways\n\n" + points)]), path
    )
    chapter = build_slides.read_chapter(path, LABELS)
    chunks = list(build_slides._takeaway_chunks(chapter.takeaways))
    assert sum(len(c) for c in chunks) == 5 and len(chunks) > 1
    assert all(len(c) <= build_slides.TAKEAWAYS_PER_SLIDE for c in chunks)


def test_every_chapter_gets_a_deck_with_all_its_shown_figures(tmp_path):
    """The real chapters: one deck each, every figure the page shows, no raw role left."""
    docs = build_slides.chapter_documents()
    assert docs and all(re.fullmatch(r"book/\d\d_\w+", d) for d in docs)
    assert docs == sorted(docs) and docs[0] == "book/00_quantum_basics"
    for doc in docs:
        path = ROOT / f"{doc}.ipynb"
        chapter = build_slides.read_chapter(path)
        cells = json.loads(path.read_text())["cells"]
        captioned = [
            c
            for c in cells
            if c["cell_type"] == "code"
            and "figure" in c["metadata"].get("mystnb", {})
            and not {"remove-cell", "remove-output"} & set(c["metadata"].get("tags", []))
        ]
        assert len(chapter.figures) == len(captioned) > 0, doc
        assert chapter.equations and chapter.takeaways, doc
        deck, _ = _deck(tmp_path, chapter)
        assert "{glue" not in deck.read_text() and "{cite" not in deck.read_text(), doc


def _context(pagename: str):
    buttons = [{"label": "download-buttons", "buttons": []}]
    return {
        "pathto": lambda name, resource=0: f"ROOT/{name}",
        "header_buttons": buttons,
        "theme_repository_url": "https://example.org/repo",
    }


def test_a_chapter_page_links_its_deck_and_other_pages_do_not():
    app = SimpleNamespace(
        config=SimpleNamespace(qbp_book_pdf="b.pdf", qbp_notebooks_zip="n.zip", qbp_version="1")
    )
    assert qbp_site.CHAPTER.pattern == build_slides.CHAPTER.pattern
    chapter = _context("book/03_parameter_shift")
    qbp_site.add_downloads(app, "book/03_parameter_shift", None, chapter, None)
    urls = [b["url"] for b in chapter["header_buttons"][0]["buttons"]]
    assert urls[0] == "ROOT/slides/03_parameter_shift.html"
    assert chapter["header_buttons"][0]["buttons"][0]["text"] == "slides (.html)"
    assert (
        "ROOT/slides/03_parameter_shift.html\">this chapter's slides</a>"
        in chapter["theme_extra_footer"]
    )
    other = _context("book/bibliography")
    qbp_site.add_downloads(app, "book/bibliography", None, other, None)
    assert not any("slides" in b["url"] for b in other["header_buttons"][0]["buttons"])
    assert "ROOT/slides/index.html\">the chapters' slides</a>" in other["theme_extra_footer"]


def test_glued_math_becomes_an_equation_and_inline_math(tmp_path):
    cell = code("glue('lat', Math('x^2'))")
    cell.outputs = [
        _glued("lat", {"text/latex": "$\\displaystyle x^2$", "text/plain": "<M>"}),
        _glued("words", {"text/markdown": "**bold** $y$", "text/plain": "<Markdown>"}),
    ]
    cells = [
        md("# T"),
        cell,
        md("## Glued\n\n```{glue:math} lat\n:label: eq-lat\n```"),
        md("## Key takeaways\n\n- Inline {glue:math}`lat` and {glue:md}`words:myst`."),
    ]
    path = tmp_path / "x.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    chapter = build_slides.read_chapter(path, LABELS)
    assert [e.tex for e in chapter.equations] == ["\\[\\displaystyle x^2\\]"]
    assert "\\(\\displaystyle x^2\\)" in chapter.takeaways[0]
    assert "<strong>bold</strong> \\(y\\)" in chapter.takeaways[0]  # glue:md: text/markdown
