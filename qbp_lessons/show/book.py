"""Book plumbing: launch links, the "needs a kernel" note, and the package's own source on the page.

Introduced in chapter 1.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from qbp_lessons._validate import flag

__all__ = ["launch_links", "kernel_note", "show_source"]


def launch_links(notebook: str) -> dict[str, str]:
    """Binder and Colab addresses that open ``notebook`` (a path such as ``book/02_x.ipynb``)."""
    from qbp_lessons import REPOSITORY_BRANCH, REPOSITORY_URL

    if not isinstance(notebook, str):
        raise TypeError(f"notebook must be a path string, got {type(notebook).__name__}")
    if not notebook.endswith(".ipynb") or notebook.startswith("/"):
        raise ValueError(
            f"notebook must be a relative .ipynb path such as 'book/01_x.ipynb', got {notebook!r}"
        )
    repo = REPOSITORY_URL.removeprefix("https://github.com/")
    return {
        "Binder": (
            f"https://mybinder.org/v2/gh/{repo}/{REPOSITORY_BRANCH}?urlpath=lab/tree/{notebook}"
        ),
        "Colab": (
            f"https://colab.research.google.com/github/{repo}/blob/{REPOSITORY_BRANCH}/{notebook}"
        ),
    }


def kernel_note(
    widget: widgets.Widget, notebook: str, what: str = "This widget runs the simulator"
) -> widgets.VBox:
    """Wrap a live-simulation widget with a note that moving it needs a running kernel.

    On the website the widget shows its precomputed default; the note links to
    the notebook on Binder and Colab (the same as the rocket button at the top
    of the page). In a running notebook the widget is live and the note says so.
    """
    if not isinstance(widget, widgets.Widget):
        raise TypeError(f"widget must be an ipywidgets widget, got {type(widget).__name__}")
    if not isinstance(what, str):
        raise TypeError(f"what must be a string, got {type(what).__name__}")
    links = " or ".join(
        f'<a href="{url}" target="_blank" rel="noopener">{name}</a>'
        for name, url in launch_links(notebook).items()
    )
    note = widgets.HTML(
        f'<p class="qbp-kernel-note"><strong>Needs a kernel:</strong> {html.escape(what)}. '
        f"On the website it shows its default values; to move it, open this chapter in {links}, "
        "or run the notebook locally. In a running notebook it is live.</p>"
    )
    return widgets.VBox([note, widget])


def show_source(*objects):
    """Display the package's own source of functions or classes, syntax-highlighted.

    The chapters show the code that runs rather than a copy of it, so the text and
    the computation cannot drift apart.
    """
    import inspect

    from IPython.display import Code

    if not objects:
        raise ValueError("objects must name at least one function or class")
    for obj in objects:
        if not (inspect.isfunction(obj) or inspect.isclass(obj) or inspect.ismethod(obj)):
            raise TypeError(f"objects must be functions or classes, got {type(obj).__name__}")
    return Code("\n\n".join(inspect.getsource(obj) for obj in objects), language="python")


def glue(name: str, value, display: bool = True) -> None:
    """Glue ``value`` into the prose under ``name``, with myst-nb where it is installed.

    The website is built with myst-nb, whose ``glue`` stores the value for the
    text's ``{glue:text}`name``` roles. Where myst-nb is absent (Colab, a plain
    Jupyter install) there is no prose to fill in: the value is shown when
    ``display`` is true and nothing else happens, so a chapter runs anywhere.
    """
    if not isinstance(name, str) or not name:
        raise TypeError(f"name must be a non-empty string, got {name!r}")
    display = flag("display", display)
    try:
        from myst_nb import glue as myst_glue
    except ImportError:
        if display:
            from IPython.display import display as show

            show(value)
        return
    myst_glue(name, value, display=display)
