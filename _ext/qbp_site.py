"""Sphinx extension of the course's website: every script once, no Thebe, widgets with MathJax 3.

Jupyter Book 1 always loads sphinx-thebe, whose configuration snippet ends up
in each page twice (a script error, "THEBE_JS_URL has already been declared")
and names a CDN. The course launches notebooks on Binder and Colab instead of
Thebe, so its scripts are dropped, and any other script added twice is kept once.

Every page also gets three small scripts (1 kB each): a shim, because the ipywidgets
embed manager calls MathJax 2's API and the site serves MathJax 3; and require.js
paths, so that the widget manager's icon fonts load from this site's copy rather
than from a path next to the page; and slider labels for screen readers (the
embed manager's handles announce an index, not the value shown).
"""

from __future__ import annotations

from pathlib import Path

STATIC = Path(__file__).parent / "static"
SHIM = "qbp-widgets-mathjax.js"
REQUIRE_PATHS = "qbp-require-paths.js"
A11Y = "qbp-widgets-a11y.js"


def _key(script):
    attributes = getattr(script, "attributes", {}) or {}
    return str(getattr(script, "filename", script)), tuple(sorted((k, str(v)) for k, v in attributes.items()))


def _is_thebe(script) -> bool:
    attributes = getattr(script, "attributes", {}) or {}
    return "thebe" in str(getattr(script, "filename", "") or "") or "THEBE_JS_URL" in str(attributes.get("body", ""))


def clean_scripts(app, pagename, templatename, context, doctree):
    seen, kept = set(), []
    for script in context.get("script_files", []):
        if _is_thebe(script) or _key(script) in seen:
            continue
        seen.add(_key(script))
        kept.append(script)
    context["script_files"][:] = kept  # in place: later handlers add to this same list
    context["css_files"] = [css for css in context.get("css_files", []) if "thebe" not in str(css)]


def add_static(app):
    app.config.html_static_path.append(str(STATIC))


def setup(app):
    app.connect("builder-inited", add_static)
    # after Sphinx's MathJax configuration (priority 500); MathJax itself is deferred
    app.add_js_file(SHIM, priority=510)
    # before require.js (myst-nb adds it at the default priority, 500)
    app.add_js_file(REQUIRE_PATHS, priority=200)
    app.add_js_file(A11Y, priority=520, defer="defer")
    app.connect("html-page-context", clean_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
