"""Sphinx extension of the course's website: every script once, no Thebe, widgets with MathJax 3,
the version and the whole-book downloads on every page, and bibliography markup that passes axe.

Jupyter Book 1 always loads sphinx-thebe, whose configuration snippet ends up
in each page twice (a script error, "THEBE_JS_URL has already been declared")
and names a CDN. The course launches notebooks on Binder and Colab instead of
Thebe, so its scripts are dropped, and any other script added twice is kept once.

Every page also gets three small scripts (1 kB each): a shim, because the ipywidgets
embed manager calls MathJax 2's API and the site serves MathJax 3; and require.js
paths, so that the widget manager's icon fonts load from this site's copy rather
than from a path next to the page; and slider labels for screen readers (the
embed manager's handles announce an index, not the value shown).

Each page's download menu also offers the whole book as one PDF and every notebook
in one zip file (``qbp_book_pdf`` and ``qbp_notebooks_zip`` in ``_config.yml``,
built by ``make build``), the book's student edition and key (``qbp_student_pdf``,
``qbp_key_pdf``: the book without its worked solutions, and the solutions alone), a chapter's
menu its reveal.js slides (``slides/<stem>.html``, built by ``tools/build_slides.py``), and its
footer names the version of ``qbp_lessons`` the site was built with. The bibliography's
entries get the ARIA role ``listitem``: docutils marks them ``doc-biblioentry``, a role
deprecated in DPUB-ARIA 1.1, inside a ``role="list"`` that then has no list items (two
axe-core WCAG failures).
A stylesheet keeps widgets and figures legible in the theme's dark mode, and a print
stylesheet and script set code and boxes for the printed page (``tools/print_pdf.py``).

MathJax loads on every page, not only on pages whose body has math: the sidebar shows
every chapter's title, and chapter 4's has math in it (Sphinx's default loads MathJax
per page, so the bibliography, the environment page and the search page showed raw TeX).
The theme's issues button (``use_issues_button`` in ``_config.yml``) becomes "Report an
error on this page", its new issue pre-filled with the page's name and address.

The role ``{reading-time}`04_spsa``` writes a chapter's reading time in minutes, computed
while the page is built by ``tools/reading_time.py`` from the chapter's notebook (the
syllabus's schedule uses it, so its times cannot fall behind the chapters); the page is
rebuilt whenever that notebook changes.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import sys
from functools import cache
from pathlib import Path
from urllib.parse import quote

from docutils import nodes

STATIC = Path(__file__).parent / "static"
SHIM = "qbp-widgets-mathjax.js"
REQUIRE_PATHS = "qbp-require-paths.js"
A11Y = "qbp-widgets-a11y.js"
DARK_CSS = "qbp-dark.css"
PRINT_CSS = "qbp-print.css"
PRINT_JS = "qbp-print.js"
PACKAGE_INIT = Path(__file__).resolve().parent.parent / "qbp_lessons" / "__init__.py"
READING_TIME = Path(__file__).resolve().parent.parent / "tools" / "reading_time.py"
#: the pages that have a slide deck, slides/<stem>.html (tools/build_slides.py, same rule)
CHAPTER = re.compile(r"book/\d\d_[\w-]+")
SLIDES = "slides"


def package_version(init: Path = PACKAGE_INIT) -> str:
    """``__version__`` of qbp_lessons, read from its source without importing the package."""
    for node in ast.parse(init.read_text()).body:
        if isinstance(node, ast.Assign) and any(
            getattr(t, "id", "") == "__version__" for t in node.targets
        ):
            return ast.literal_eval(node.value)
    raise RuntimeError(f"{init} defines no __version__")


@cache
def _reading_time_tool():
    """tools/reading_time.py, loaded from its file (tools/ is not a package); registered in
    sys.modules before it runs, as its dataclass needs, under a name of its own."""
    name = "qbp_site_reading_time"
    spec = importlib.util.spec_from_file_location(name, READING_TIME)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def reading_minutes(notebook: Path) -> str:
    """A chapter's reading time in whole minutes, as ``tools/reading_time.py`` prints it."""
    return f"{_reading_time_tool().count(Path(notebook)).minutes:.0f}"


def reading_time_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{reading-time}`04_spsa```: the minutes of ``04_spsa.ipynb`` next to this page."""
    env = inliner.document.settings.env
    relative, path = env.relfn2path(f"{text.strip()}.ipynb", env.docname)
    if not Path(path).is_file():
        message = inliner.reporter.error(
            f"reading-time: no notebook {relative!r} (give a chapter's name, e.g. 04_spsa)",
            line=lineno,
        )
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    env.note_dependency(path)
    return [nodes.Text(reading_minutes(Path(path)))], []


def _key(script):
    attributes = getattr(script, "attributes", {}) or {}
    return str(getattr(script, "filename", script)), tuple(
        sorted((k, str(v)) for k, v in attributes.items())
    )


def _is_thebe(script) -> bool:
    attributes = getattr(script, "attributes", {}) or {}
    return "thebe" in str(getattr(script, "filename", "") or "") or "THEBE_JS_URL" in str(
        attributes.get("body", "")
    )


def clean_scripts(app, pagename, templatename, context, doctree):
    seen, kept = set(), []
    for script in context.get("script_files", []):
        if _is_thebe(script) or _key(script) in seen:
            continue
        seen.add(_key(script))
        kept.append(script)
    context["script_files"][:] = kept  # in place: later handlers add to this same list
    context["css_files"] = [css for css in context.get("css_files", []) if "thebe" not in str(css)]


def add_downloads(app, pagename, templatename, context, doctree):
    """The whole-book PDF and notebook archive in the download menu; the version in the footer."""
    pathto = context["pathto"]
    pdf, notebooks = app.config.qbp_book_pdf, app.config.qbp_notebooks_zip
    deck = f"{SLIDES}/{pagename.split('/')[-1]}.html" if CHAPTER.fullmatch(pagename) else None
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            if deck:
                group["buttons"].append(
                    {
                        "type": "link",
                        "url": pathto(deck, 1),
                        "text": "slides (.html)",
                        "icon": "fas fa-person-chalkboard",
                        "tooltip": "This chapter's slides (reveal.js, works offline)",
                        "label": "download-slides-button",
                    }
                )
            group["buttons"] += [
                {
                    "type": "link",
                    "url": pathto(pdf, 1),
                    "text": "whole book (.pdf)",
                    "icon": "fas fa-book",
                    "tooltip": "Download the whole book as one PDF",
                    "label": "download-book-pdf-button",
                },
                {
                    "type": "link",
                    "url": pathto(notebooks, 1),
                    "text": "all notebooks (.zip)",
                    "icon": "fas fa-file-zipper",
                    "tooltip": "Download every chapter's notebook",
                    "label": "download-notebooks-button",
                },
            ]
    slides = "this chapter's slides" if deck else "the chapters' slides"
    repository = context.get("theme_repository_url", "")
    files = f"{repository}/blob/{context.get('theme_repository_branch', 'main')}"
    context["theme_extra_footer"] = (
        f'<p class="qbp-footer">Built with <code>qbp_lessons</code> {app.config.qbp_version} '
        f'(<a href="{files}/CHANGELOG.md">changelog</a>; cite the course with '
        f'<a href="{files}/CITATION.cff">CITATION.cff</a>). '
        f'Downloads: <a href="{pathto(pdf, 1)}">the whole book (PDF)</a>, '
        f'<a href="{pathto(notebooks, 1)}">all notebooks (zip)</a>, '
        f'<a href="{pathto(deck or SLIDES + "/index.html", 1)}">{slides}</a>.</p>'
    )


def add_edition_downloads(app, pagename, templatename, context, doctree):
    """The student edition (no worked solutions) and the key (the solutions alone) in the
    download menu, after the whole book."""
    pathto = context["pathto"]
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            group["buttons"] += [
                {
                    "type": "link",
                    "url": pathto(app.config.qbp_student_pdf, 1),
                    "text": "student edition (.pdf)",
                    "icon": "fas fa-book-open",
                    "tooltip": "Download the whole book without the worked solutions",
                    "label": "download-student-pdf-button",
                },
                {
                    "type": "link",
                    "url": pathto(app.config.qbp_key_pdf, 1),
                    "text": "key to the exercises (.pdf)",
                    "icon": "fas fa-key",
                    "tooltip": "Download every exercise with its worked solution",
                    "label": "download-key-pdf-button",
                },
            ]


ERRATA_TEXT = "Report an error on this page"


def _buttons(groups):
    for button in groups:
        yield button
        yield from _buttons(button.get("buttons", []))


def errata_button(app, pagename, templatename, context, doctree):
    """The theme's issues button, renamed, its issue pre-filled with this page's name."""
    for button in _buttons(context.get("header_buttons", [])):
        if button.get("label") == "source-issues-button":
            page = f"{pagename}{app.builder.link_suffix}"
            title = quote(f"Error on page {page}")
            body = quote(
                f"Page: {page}\nSection (or a sentence near the error):\n\n"
                "What is wrong, and what should it say?\n"
            )
            button["url"] = f"{button['url'].split('?')[0]}?title={title}&body={body}"
            button["text"] = button["tooltip"] = ERRATA_TEXT


def fix_bibliography_roles(app, pagename, templatename, context, doctree):
    body = context.get("body", "")
    if 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


#: chapter 0 stands in an unnumbered part; its exercises' checkers are "0.1", "0.2", ...
CHAPTER_ZERO = re.compile(r"book/00_[\w-]+")


def number_chapter_zero(app, env):
    """Chapter 0's exercises and figures read "Exercise 0.1", "Fig. 0.1", as its checkers do.

    Its part is unnumbered, so Sphinx numbers them 1, 2, ... like a chapter 1's; this puts the
    chapter's 0 in front, after Sphinx has assigned the numbers (``env-get-updated``).
    """
    for docname, kinds in env.toc_fignumbers.items():
        if CHAPTER_ZERO.fullmatch(docname):
            for numbers in kinds.values():
                for key, number in numbers.items():
                    if number and number[0] != 0:
                        numbers[key] = (0, *number)
    return []


def add_static(app):
    app.config.html_static_path.append(str(STATIC))


def setup(app):
    app.add_config_value("qbp_book_pdf", "book.pdf", "html")
    app.add_config_value("qbp_student_pdf", "book-student.pdf", "html")
    app.add_config_value("qbp_key_pdf", "book-key.pdf", "html")
    app.add_config_value("qbp_notebooks_zip", "notebooks.zip", "html")
    app.add_config_value("qbp_version", package_version(), "html")
    app.connect("builder-inited", add_static)
    app.connect("env-get-updated", number_chapter_zero, priority=900)  # after Sphinx numbers them
    app.add_role("reading-time", reading_time_role)
    # MathJax on every page, for the math in the sidebar's chapter titles
    app.set_html_assets_policy("always")
    app.add_css_file(DARK_CSS)
    app.add_css_file(PRINT_CSS)
    app.add_js_file(PRINT_JS, priority=520, defer="defer")
    # after Sphinx's MathJax configuration (priority 500); MathJax itself is deferred
    app.add_js_file(SHIM, priority=510)
    # before require.js (myst-nb adds it at the default priority, 500)
    app.add_js_file(REQUIRE_PATHS, priority=200)
    app.add_js_file(A11Y, priority=520, defer="defer")
    app.connect("html-page-context", clean_scripts, priority=900)
    app.connect("html-page-context", add_downloads, priority=900)  # after the theme's buttons (501)
    app.connect("html-page-context", add_edition_downloads, priority=901)  # after the whole book
    app.connect("html-page-context", fix_bibliography_roles, priority=900)
    app.connect("html-page-context", errata_button, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
