"""Build a reveal.js slide deck for every chapter, from the chapter's executed notebook.

An instructor presents a chapter from its deck, offline, and the deck cannot disagree
with the book: it is made from the same executed notebook the website shows, after the
website is built (``make site`` runs it after jupyter-book).

How a deck is made (each step reads the notebook as myst-nb reads it for the page):

* The notebook is read as executed (its stored outputs). Glued values are taken out of
  the outputs with myst-nb's own ``extract_glue_data_cell``, which also leaves in each
  cell the outputs the page shows (a value glued with ``display=False`` is not shown).
* The markdown is tokenised with myst-parser's own parser, configured with the book's
  MyST extensions (``dollarmath``, ``amsmath``, ``colon_fence``), so ``$$`` blocks,
  ``{math}`` and ``{equation}`` directives, ``\\begin{align}`` environments and display
  math inside a paragraph are recognised as the book recognises them, and a ``$`` in
  code is never taken for math.
* The title slide has the chapter's ``#`` title, the course's title (``_config.yml``) and
  the version of ``qbp_lessons`` the site was built with.
* Each ``##`` section gives one slide with the section's display equations and figures,
  in reading order: images (PNG, SVG) that the section's executed cells show, written as
  files next to the deck, with the caption and alt text from the cell's ``mystnb``
  metadata; ``{glue:figure}`` directives, which name a glued output; ``{glue:math}``.
  Only what the page shows is carried: cells tagged ``remove-cell`` or ``remove-output``,
  worked solutions (between ``solution-start`` and ``solution-end``) and the bodies of
  directives (exercises, boxes) are left out. A slide holds at most
  :data:`SLIDE_BUDGET` (an equation counts 1, a multi-line one 2, a figure 3); a section
  with more is split into vertical sub-slides. A section with nothing to show gets a
  slide with the first sentences of its first paragraph and the list of its subsections
  and exercises. The references are not a slide.
* The "Key takeaways" (or "Summary") section closes the deck, at most
  :data:`TAKEAWAYS_PER_SLIDE` points a slide.
* Text carried onto a slide (titles, captions, takeaways) is rendered from the markdown
  tokens: ``{glue:text}``, ``{glue}`` and ``{glue:md}`` roles become the glued value (with
  its format spec, through myst-nb's ``format_plain_text``), ``{glue:math}`` and inline
  math become MathJax input, citations become "Author et al. year" from the book's
  bibliography, cross-references their text, and links their text only (a deck links to
  nothing outside its site). A glue role anywhere in the prose whose name the notebook
  does not define is an error, as it is for the book.
* The chapter's number, its sections' numbers ("3.2") and its figures' ("Fig. 3.2") are
  read from the built chapter page when it is there, so they are the book's own (section
  numbers only when the page has as many ``##`` sections as the notebook).

The decks use the site's copies of reveal.js and MathJax 3 (``tools/fetch_assets.py``
puts both into ``.assets/``, which Sphinx serves as ``_static/``); reveal's math plugin
is pointed at the local MathJax, so a deck loads nothing from outside the site.

Usage: python tools/build_slides.py SITE_DIR    (writes SITE_DIR/slides/)
"""

from __future__ import annotations

import base64
import html
from copy import copy
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "_ext"))
import book_config  # noqa: E402

#: the documents that get a deck: the chapters, book/00_... to book/NN_... (the extension
#: _ext/qbp_site.py links the same pages to their decks)
CHAPTER = re.compile(r"book/\d\d_[\w-]+")
SLIDES = "slides"  # the decks' folder inside the site
STATIC = "_static"  # where Sphinx serves .assets/ (html_static_path in _config.yml)
REVEAL = f"{STATIC}/reveal"
MATHJAX = f"{STATIC}/mathjax/tex-chtml.js"

SLIDE_BUDGET = 3
FIGURE_COST = 3
TAKEAWAYS_PER_SLIDE = 3
TAKEAWAY_CHARS = 700  # and at most about this much text a takeaways slide
LEAD_CHARS = 160  # a section's lead: whole sentences until at least this much text
LONG_CAPTION = 350  # a figure with a longer caption is drawn smaller
HIDDEN_OUTPUT_TAGS = {"remove-cell", "remove-output"}
MATH_DIRECTIVES = {"{math}", "{equation}"}
GLUE_FIGURE_DIRECTIVES = {"{glue:figure}", "{glue}", "{glue:}", "{glue:any}"}
IMAGE_TYPES = {"image/svg+xml": ".svg", "image/png": ".png"}  # preferred first
TAKEAWAY_TITLES = re.compile(r"^(key )?(takeaways|summary)\b", re.I)
SKIPPED_TITLES = re.compile(r"^references\b", re.I)


@dataclass
class Equation:
    tex: str  # MathJax input with its delimiters

    @property
    def cost(self) -> int:
        return 2 if "\\\\" in self.tex else 1


@dataclass
class Figure:
    data: bytes
    suffix: str
    caption: str  # HTML
    alt: str
    name: str = ""
    number: str = ""

    cost = FIGURE_COST


@dataclass
class Section:
    title: str  # HTML
    index: int = 0  # its place among the chapter's ``##`` headings, from 0
    number: str = ""  # the book's section number, "3.2", when known
    lead: str = ""  # HTML: the first sentences of the section's first paragraph
    items: list = field(default_factory=list)
    outline: list[str] = field(default_factory=list)  # HTML of subsections and exercises


@dataclass
class Chapter:
    stem: str
    title: str = ""
    number: str = ""  # the book's chapter number, when known
    headings: int = 0  # how many ``##`` headings the notebook has
    sections: list[Section] = field(default_factory=list)
    takeaways: list[str] = field(default_factory=list)  # HTML of each point

    @property
    def figures(self) -> list[Figure]:
        return [i for s in self.sections for i in s.items if isinstance(i, Figure)]

    @property
    def equations(self) -> list[Equation]:
        return [i for s in self.sections for i in s.items if isinstance(i, Equation)]


# ---------------------------------------------------------------- markdown, as MyST reads it


def _parser():
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    extensions = book_config.site_config()["parse"]["myst_enable_extensions"]
    config = MdParserConfig(enable_extensions=set(extensions), dmath_double_inline=True)
    return create_md_parser(config, RendererHTML)


def _directive(token) -> tuple[str, str, dict[str, str], str]:
    """(name, argument, options, body) of a ``fence`` or ``colon_fence`` directive token."""
    name, _, argument = token.info.strip().partition(" ")
    lines = token.content.splitlines()
    options: dict[str, str] = {}
    if lines and lines[0].strip() == "---":  # a YAML block of options
        end = next((k for k in range(1, len(lines)) if lines[k].strip() == "---"), 0)
        import yaml

        options = {str(k): str(v) for k, v in (yaml.safe_load("\n".join(lines[1:end])) or {})}
        lines = lines[end + 1 :]
    while lines and (match := re.match(r"^\s*:([\w-]+):\s*(.*)$", lines[0])):
        options[match.group(1)] = match.group(2)
        lines = lines[1:]
    return name, argument.strip(), options, "\n".join(lines).strip()


class _Text:
    """Markdown to HTML for slide text: glue resolved, math for MathJax, no links."""

    def __init__(self, md, glue: dict, cite):
        self.md, self.glue, self.cite = md, glue, cite
        rules = {
            "math_inline": lambda t: f"\\({html.escape(t.content)}\\)",
            "math_inline_double": lambda t: f"\\[{html.escape(t.content)}\\]",
            "math_block": lambda t: f'<div class="eq">\\[{html.escape(t.content)}\\]</div>',
            "math_block_label": lambda t: f'<div class="eq">\\[{html.escape(t.content)}\\]</div>',
            "amsmath": lambda t: f'<div class="eq">{html.escape(t.content)}</div>',
            "myst_role": self._role,
            "link_open": lambda t: "",
            "link_close": lambda t: "",
            "image": lambda t: html.escape(t.content),
            "html_inline": lambda t: html.escape(t.content),
            "html_block": lambda t: "",
            "fence": lambda t: "",
            "colon_fence": lambda t: "",
            "code_block": lambda t: "",
            "myst_target": lambda t: "",
            "myst_line_comment": lambda t: "",
        }
        for name, rule in rules.items():
            md.add_render_rule(
                name, lambda self_, tokens, idx, options, env, r=rule: r(tokens[idx])
            )

    def value(self, name: str, fmt: str = "") -> str:
        """A glued value as the page shows it (``{glue:text}`name:fmt```)."""
        from myst_nb.core.variables import format_plain_text

        if name not in self.glue:
            raise ValueError(f"the text names the glue key {name!r}, which no output defines")
        data = self.glue[name]["data"]
        if "text/plain" not in data:
            raise ValueError(f"the glue key {name!r} has no text/plain value")
        return format_plain_text(data["text/plain"], fmt)

    def latex(self, name: str) -> str:
        """A glued ``text/latex`` value without its ``$`` delimiters."""
        data = self.glue.get(name, {}).get("data", {})
        if "text/latex" not in data:
            raise ValueError(f"the glue key {name!r} has no text/latex value")
        return data["text/latex"].strip().strip("$").strip()

    def _role(self, token) -> str:
        name, content = token.meta.get("name", ""), token.content
        if name in {"glue", "glue:any"}:
            return html.escape(self.value(content))
        if name == "glue:text":  # key:format_spec, split as myst-nb splits it
            key, fmt = (content.rsplit(":", 1) + [""])[:2]
            return html.escape(self.value(key, fmt))
        if name == "glue:md":  # key:format (commonmark or myst): the text/markdown value
            key = content.rsplit(":", 1)[0]
            data = self.glue.get(key, {}).get("data", {})
            if "text/markdown" not in data:
                raise ValueError(f"the glue key {key!r} has no text/markdown value")
            return self.inline(data["text/markdown"])
        if name == "glue:math":
            return f"\\({html.escape(self.latex(content))}\\)"
        if name == "math":
            return f"\\({html.escape(content)}\\)"
        if name.startswith("cite"):
            return html.escape(self.cite(content))
        # cross-references and anything else: the text the reader sees
        shown = re.match(r"^(.*?)\s*<[^<>]*>$", content, flags=re.S)
        return html.escape(shown.group(1) if shown else content)

    def inline(self, text: str) -> str:
        """One line of markdown (a title, a caption) as inline HTML."""
        tokens = self.md.parseInline(text)
        return self.md.renderer.render(tokens, self.md.options, {}).strip()

    def render(self, tokens) -> str:
        return self.md.renderer.render(tokens, self.md.options, {}).strip()

    def lead(self, inline) -> str:
        """The first whole sentences of a paragraph (an ``inline`` token), as HTML."""
        kept, depth, chars = [], 0, 0
        for child in inline.children or []:
            depth += child.nesting
            if child.type == "text" and depth == 0:
                for match in re.finditer(r"[.:;!?](\s|$)", child.content):
                    if chars + match.end() >= LEAD_CHARS:
                        cut = copy(child)
                        cut.content = child.content[: match.start()] + (
                            "." if child.content[match.start()] in ".:;" else match.group(0)[0]
                        )
                        return self.md.renderer.renderInline(
                            [*kept, cut], self.md.options, {}
                        ).strip()
            if child.type in {"text", "math_inline", "code_inline"}:
                chars += len(child.content)
            kept.append(child)
        return self.md.renderer.renderInline(kept, self.md.options, {}).strip()


def _plain(html_text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html.unescape(html_text))).strip()


def _bibliography():
    """``key -> "Author et al. year"`` from the book's .bib files (empty if none)."""
    from pybtex.database import parse_file

    labels = {}
    for bib in book_config.site_config().get("bibtex_bibfiles", []):
        for key, entry in parse_file(str(ROOT / bib)).entries.items():
            people = entry.persons.get("author") or entry.persons.get("editor") or []
            names = [" ".join(p.last_names) for p in people]
            who = (
                names[0]
                if len(names) == 1
                else " and ".join(names)
                if len(names) == 2
                else f"{names[0]} et al."
                if names
                else key
            )
            labels[key] = f"{who} {entry.fields.get('year', '')}".strip()
    return labels


def _citer(labels: dict[str, str]):
    def cite(content: str) -> str:
        keys = [k.strip() for k in content.split(",") if k.strip()]
        return "[" + "; ".join(labels.get(k, k) for k in keys) + "]"

    return cite


# ---------------------------------------------------------------- the chapter, read


def _image(output, caption: str, alt: str, name: str) -> Figure | None:
    data = output.get("data", {})
    for mime, suffix in IMAGE_TYPES.items():
        if mime in data:
            raw = data[mime]
            raw = "".join(raw) if isinstance(raw, list) else raw
            payload = raw.encode() if mime == "image/svg+xml" else base64.b64decode(raw)
            return Figure(payload, suffix, caption, alt, name)
    return None


def read_chapter(path: Path, labels: dict[str, str] | None = None) -> Chapter:
    """The slides' content of one executed chapter notebook."""
    path = Path(path)
    if path.suffix != ".ipynb" or not path.is_file():
        raise ValueError(f"path must be an existing .ipynb notebook, got {path}")
    from myst_nb.ext.glue import extract_glue_data_cell

    nb = nbformat.read(path, as_version=4)
    glue: dict = {}
    for cell in nb.cells:
        if cell.cell_type == "code":
            # as the book does: the glued values, and in the cell the outputs the page shows
            glue.update(dict(extract_glue_data_cell(cell)))
    text = _Text(_parser(), glue, _citer(labels if labels is not None else _bibliography()))
    chapter = Chapter(path.stem)
    section: Section | None = None
    in_takeaways = in_solution = False
    takeaway_tokens: list = []

    def add(item):
        if section is not None and not in_takeaways and not in_solution:
            section.items.append(item)

    for cell in nb.cells:
        tags = set(cell.metadata.get("tags", []))
        if cell.cell_type == "code":
            if in_solution or tags & HIDDEN_OUTPUT_TAGS:
                continue
            meta = cell.metadata.get("mystnb", {})
            figure, image = meta.get("figure", {}), meta.get("image", {})
            caption = text.inline(str(figure.get("caption", ""))) if figure else ""
            alt = str(image.get("alt", "")) or _plain(caption) or "A figure of the chapter"
            for output in cell.get("outputs", []):
                found = _image(output, caption, alt, str(figure.get("name", "")))
                if found:
                    add(found)
            continue
        if cell.cell_type != "markdown":
            continue
        tokens = text.md.parse(cell.source)
        k = 0
        while k < len(tokens):
            token = tokens[k]
            if token.type == "heading_open" and token.level == 0:
                title = text.render([tokens[k + 1]])
                level = int(token.tag[1])
                k += 3
                if level == 1 and not chapter.title:
                    chapter.title = title
                elif level == 2:
                    chapter.headings += 1
                    in_takeaways = bool(TAKEAWAY_TITLES.match(_plain(title)))
                    section = None
                    if not in_takeaways and not SKIPPED_TITLES.match(_plain(title)):
                        section = Section(title, chapter.headings - 1)
                        chapter.sections.append(section)
                elif level >= 3 and section is not None and not in_solution:
                    section.outline.append(title)
                continue
            if token.type in {"fence", "colon_fence"} and token.level == 0:
                name, argument, options, body = _directive(token)
                if name == "{solution-start}":
                    in_solution = True
                elif name == "{solution-end}":
                    in_solution = False
                elif name in MATH_DIRECTIVES and body:
                    add(Equation(f"\\[{html.escape(body)}\\]"))
                elif name == "{glue:math}":
                    add(Equation(f"\\[{html.escape(text.latex(argument))}\\]"))
                elif name in GLUE_FIGURE_DIRECTIVES:
                    if argument not in glue:
                        raise ValueError(
                            f"{{glue:figure}} names {argument!r}, which no output glues"
                        )
                    caption = text.inline(" ".join(body.split())) if body else ""
                    alt = options.get("alt", "") or _plain(caption) or argument
                    found = _image(glue[argument], caption, alt, options.get("name", ""))
                    if found is None:
                        raise ValueError(f"the glued output {argument!r} is not a PNG or SVG image")
                    add(found)
                elif name == "{exercise}" and section is not None and not in_solution:
                    section.outline.append("Exercise: " + text.inline(argument))
            elif in_takeaways and not in_solution:
                takeaway_tokens.append(token)
                if token.type == "inline":
                    k += 1
                    continue
            elif (
                token.type == "paragraph_open"
                and token.level == 0
                and section is not None
                and not section.lead
                and not section.items
                and not in_solution
            ):
                section.lead = text.lead(tokens[k + 1])
            elif token.level == 0 and token.type in {"math_block", "math_block_label"}:
                add(Equation(f"\\[{html.escape(token.content.strip())}\\]"))
            elif token.level == 0 and token.type == "amsmath":
                add(Equation(html.escape(token.content.strip())))
            if token.type == "inline":
                for child in token.children or []:
                    if child.type == "myst_role":  # every glued value must resolve, as in the book
                        text.render([child])
                    if child.type == "math_inline_double" and token.level == 1 and not in_takeaways:
                        add(Equation(f"\\[{html.escape(child.content.strip())}\\]"))
            k += 1
    if not chapter.title:
        raise ValueError(f"{path} has no '# ' title")
    chapter.takeaways = _points(text, takeaway_tokens)
    return chapter


def _points(text: _Text, tokens) -> list[str]:
    """Each item of the takeaways' top-level lists, and each top-level paragraph, as HTML."""
    points, k = [], 0
    while k < len(tokens):
        token = tokens[k]
        opens = (token.type == "list_item_open" and token.level == 1) or (
            token.type == "paragraph_open" and token.level == 0
        )
        if not opens:
            k += 1
            continue
        close = token.type.replace("_open", "_close")
        end = next(
            j
            for j in range(k + 1, len(tokens))
            if tokens[j].type == close and tokens[j].level == token.level
        )
        inner = tokens[k + 1 : end] if token.type == "list_item_open" else tokens[k : end + 1]
        rendered = text.render(inner)
        if _plain(rendered):
            points.append(rendered)
        k = end + 1
    return points


# ---------------------------------------------------------------- the deck, written


def _chunks(items, budget: int = SLIDE_BUDGET):
    chunk, used = [], 0
    for item in items:
        if chunk and used + item.cost > budget:
            yield chunk
            chunk, used = [], 0
        chunk.append(item)
        used += item.cost
    if chunk:
        yield chunk


def _takeaway_chunks(points):
    chunk, chars = [], 0
    for point in points:
        size = len(_plain(point))
        if chunk and (len(chunk) == TAKEAWAYS_PER_SLIDE or chars + size > TAKEAWAY_CHARS):
            yield chunk
            chunk, chars = [], 0
        chunk.append(point)
        chars += size
    if chunk:
        yield chunk


@dataclass
class Numbers:
    """The book's numbers of a chapter, its ``##`` sections (in order) and its figures."""

    chapter: str = ""
    sections: list[str] = field(default_factory=list)
    figures: dict[str, str] = field(default_factory=dict)


def page_numbers(page: Path) -> Numbers:
    """The numbers a built chapter page shows (none if the page is not there)."""
    if not page.is_file():
        return Numbers()
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text(), "html.parser")
    main = soup.select_one("main") or soup

    def number(tag) -> str:
        found = tag.select_one(".section-number") if tag is not None else None
        return found.get_text().strip().rstrip(".") if found is not None else ""

    figures = {}
    for figure in main.select("figure[id]"):
        caption = figure.select_one(".caption-number")
        if caption is not None:
            figures[figure["id"]] = caption.get_text().strip()
    return Numbers(
        number(main.select_one("section > h1")),
        [number(h) for h in main.select("section > h2")],
        figures,
    )


def _item_html(item, figures: dict[int, str]) -> str:
    if isinstance(item, Equation):
        return f'<div class="eq">{item.tex}</div>'
    label = f'<span class="fig-number">{html.escape(item.number)}</span> ' if item.number else ""
    caption = f"<figcaption>{label}{item.caption}</figcaption>" if item.caption or label else ""
    size = ' class="long-caption"' if len(_plain(item.caption)) > LONG_CAPTION else ""
    return (
        f'<figure{size}><img src="{figures[id(item)]}" alt="{html.escape(item.alt, quote=True)}">'
        f"{caption}</figure>"
    )


def _section_html(section: Section, figures: dict[int, str]) -> str:
    chunks = list(_chunks(section.items))
    title = f'<span class="number">{section.number}</span> ' if section.number else ""
    title += section.title
    if not chunks:
        outline = "".join(f"<li>{entry}</li>" for entry in section.outline)
        body = f'<p class="lead">{section.lead}</p>' if section.lead else ""
        body += f'<ul class="outline">{outline}</ul>' if outline else ""
        return f'<section class="divider"><h2>{title}</h2>{body}</section>'
    slides = []
    for k, chunk in enumerate(chunks, start=1):
        more = f' <span class="part">({k}/{len(chunks)})</span>' if len(chunks) > 1 else ""
        body = "".join(_item_html(item, figures) for item in chunk)
        kind = "figures" if any(isinstance(i, Figure) for i in chunk) else "equations"
        slides.append(f'<section class="{kind}"><h2>{title}{more}</h2>{body}</section>')
    return slides[0] if len(slides) == 1 else "<section>" + "".join(slides) + "</section>"


DECK_CSS = """
.reveal h1 { font-size: 1.5em; text-transform: none; }
.reveal h2 { font-size: 1.05em; text-transform: none; margin-bottom: 0.4em; }
.reveal .subtitle { font-size: 0.8em; }
.reveal .version, .reveal .back { font-size: 0.5em; color: #555; }
.reveal .part { font-size: 0.6em; color: #555; }
.reveal .kicker { font-size: 0.7em; color: #555; margin: 0; }
.reveal h2 .number { color: #555; }
.reveal .eq { font-size: 0.8em; margin: 0.5em 0; }
.reveal figure { margin: 0 auto; }
.reveal figure img { max-height: 540px; max-width: 100%; margin: 0; background: #fff; }
.reveal figure.long-caption img { max-height: 450px; }
.reveal figcaption { font-size: 0.42em; line-height: 1.35; text-align: left; color: #333; }
.reveal .fig-number { font-weight: bold; }
.reveal .takeaways li, .reveal .takeaways p { font-size: 0.62em; line-height: 1.4; }
.reveal .lead { font-size: 0.7em; line-height: 1.45; text-align: left; }
.reveal .outline li { font-size: 0.62em; }
.reveal mjx-container[display="true"] { margin: 0.3em 0; }
.reveal .slide-number { right: auto; left: 8px; background-color: #555; color: #fff; }
/* (left: clear of the navigation arrows; darker: 4.5:1 contrast) */
.reveal a { color: #1a5fb4; }  /* the theme's link blue is below 4.5:1 on white */
"""


def deck_html(chapter: Chapter, course: str, version: str, figures: dict[int, str]) -> str:
    """The deck's HTML page; ``figures`` maps each figure (by id) to its file, relative."""
    up = "../"
    kicker = f'<p class="kicker">Chapter {chapter.number}</p>' if chapter.number else ""
    title_slide = (
        f'<section class="title">{kicker}<h1>{chapter.title}</h1>'
        f'<p class="subtitle">{html.escape(course)}</p>'
        f'<p class="version">Built with <code>qbp_lessons</code> {html.escape(version)}</p>'
        f'<p class="back"><a href="{up}book/{chapter.stem}.html">Read the chapter</a> · '
        f'<a href="index.html">All decks</a></p></section>'
    )
    sections = [_section_html(s, figures) for s in chapter.sections]
    takeaways = list(_takeaway_chunks(chapter.takeaways))
    for k, chunk in enumerate(takeaways, start=1):
        more = f' <span class="part">({k}/{len(takeaways)})</span>' if len(takeaways) > 1 else ""
        points = "".join(f"<li>{p}</li>" for p in chunk)
        sections.append(
            f'<section class="takeaways"><h2>Key takeaways{more}</h2><ul>{points}</ul></section>'
        )
    plain_title = html.escape(_plain(chapter.title).replace("\\(", "").replace("\\)", ""))
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{plain_title} (slides)</title>
<link rel="stylesheet" href="{up}{REVEAL}/reveal.css">
<link rel="stylesheet" href="{up}{REVEAL}/theme/white.css">
<style>{DECK_CSS}</style>
</head>
<body>
<div class="reveal"><div class="slides">
{title_slide}
{chr(10).join(sections)}
</div></div>
<script src="{up}{REVEAL}/reveal.js"></script>
<script src="{up}{REVEAL}/plugin/math.js"></script>
<script>
Reveal.initialize({{
  hash: true, slideNumber: "c/t", width: 1200, height: 760, margin: 0.04,
  mathjax3: {{
    mathjax: "{up}{MATHJAX}",
    tex: {{ inlineMath: [["\\\\(", "\\\\)"]], displayMath: [["\\\\[", "\\\\]"]] }}
  }},
  plugins: [RevealMath.MathJax3]
}});
</script>
</body>
</html>
"""


def write_deck(
    chapter: Chapter, out: Path, course: str, version: str, numbers: Numbers | None = None
) -> Path:
    """Write ``out/<stem>.html`` and its figures in ``out/<stem>/``; returns the deck's path."""
    folder = out / chapter.stem
    shutil.rmtree(folder, ignore_errors=True)
    if numbers is not None:
        chapter.number = numbers.chapter
        known = len(numbers.sections) == chapter.headings
        for section in chapter.sections:
            section.number = numbers.sections[section.index] if known else ""
    files: dict[int, str] = {}
    for k, figure in enumerate(chapter.figures, start=1):
        figure.number = numbers.figures.get(figure.name, figure.number) if numbers else ""
        stem = re.sub(r"[^\w-]", "-", figure.name) if figure.name else f"figure-{k}"
        name = f"{k:02d}-{stem}{figure.suffix}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(figure.data)
        files[id(figure)] = f"{chapter.stem}/{name}"
    deck = out / f"{chapter.stem}.html"
    deck.write_text(deck_html(chapter, course, version, files))
    return deck


def _count(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def index_html(chapters: list[Chapter], course: str, version: str) -> str:
    rows = "".join(
        f'<li>{f"{c.number}. " if c.number else ""}<a href="{c.stem}.html">{c.title}</a> '
        f"<span>({_count(len(c.sections), 'section')}, {_count(len(c.equations), 'equation')}, "
        f"{_count(len(c.figures), 'figure')})</span></li>"
        for c in chapters
    )
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(course)}: slides</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #222; }}
ul {{ list-style: none; padding: 0; }} li {{ margin: 0.4rem 0; }}
span {{ color: #555; font-size: 0.9em; }}
</style>
<script>
window.MathJax = {{ tex: {{ inlineMath: [["\\\\(", "\\\\)"]] }} }};
</script>
<script defer src="../{MATHJAX}"></script>
</head>
<body>
<h1>{html.escape(course)}: slides</h1>
<p>One reveal.js deck a chapter, made from the chapter's executed notebook: its key
equations, its figures and its takeaways. Arrow keys move between slides; press
<kbd>Esc</kbd> for the overview. Built with <code>qbp_lessons</code> {html.escape(version)}.
<a href="../index.html">Back to the book</a>.</p>
<ul>{rows}</ul>
</body>
</html>
"""


def chapter_documents() -> list[str]:
    """The chapters, in the order of ``_toc.yml``."""
    return [doc for doc in book_config.toc_documents() if CHAPTER.fullmatch(doc)]


def build(site: Path, root: Path = ROOT) -> list[Path]:
    """Every chapter's deck and the index into ``site/slides/``; returns the decks' paths."""
    site = Path(site)
    for needed in (f"{REVEAL}/reveal.js", f"{REVEAL}/plugin/math.js", MATHJAX):
        if not (site / needed).is_file():
            raise ValueError(
                f"site must be a built website with {needed} (run tools/fetch_assets.py, then "
                f"build the website), but {site / needed} is missing"
            )
    from qbp_site import package_version

    course, version = book_config.site_config()["title"], package_version()
    out = site / SLIDES
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    labels = _bibliography()
    chapters, decks = [], []
    for doc in chapter_documents():
        chapter = read_chapter(root / f"{doc}.ipynb", labels)
        decks.append(write_deck(chapter, out, course, version, page_numbers(site / f"{doc}.html")))
        chapters.append(chapter)
    (out / "index.html").write_text(index_html(chapters, course, version))
    return decks


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    start = time.perf_counter()
    decks = build(Path(argv[0]))
    size = sum(f.stat().st_size for d in decks for f in [d, *d.with_suffix("").glob("*")])
    print(
        f"{len(decks)} slide decks in {Path(argv[0]) / SLIDES} "
        f"({size / 1e6:.1f} MB with figures, {time.perf_counter() - start:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
