"""Explorers that respond on the static website: every frame precomputed, switched in the browser.

:func:`frame_explorer` renders one frame (a figure plus a text reading) for every
point of a small grid of slider values, stacks the frames in nested
:class:`ipywidgets.Stack` widgets and links each slider's index to a Stack's
``selected_index`` with :func:`ipywidgets.jslink`. The link runs in the browser,
so moving a slider works in a notebook *and* on the website with no kernel and no
network: the widget state embedded in the page already holds every frame. Only
grid points exist, which is why the sliders step through chosen values.

ipywidgets 7 (Google Colab's default) has no ``Stack``: there the same frames sit
in a dictionary and a Python observer shows the chosen one, which works wherever
a kernel runs.

Introduced in chapter 1.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from typing import Callable, Sequence

import ipywidgets as widgets
import numpy as np

from qbp_lessons._validate import bounded_int, real
from qbp_lessons.show.format import format_number

__all__ = [
    "MAX_FRAMES",
    "Axis",
    "Layer",
    "frame_explorer",
    "marker_line",
    "overlay_svg",
    "reading_html",
    "HAS_STACK",
]

#: Whether this ipywidgets has ``Stack`` (version 8): frames switched in the browser. Without it
#: (ipywidgets 7, as on Colab) a Python observer switches them, which needs a running kernel.
HAS_STACK = hasattr(widgets, "Stack")


@dataclass(frozen=True)
class Axis:
    """One slider of a frame explorer: its name (the render keyword), label and grid."""

    name: str
    description: str
    values: Sequence
    default: object = None
    labels: Sequence[str] | None = None

    def __post_init__(self):
        for field in ("name", "description"):
            if not isinstance(getattr(self, field), str):
                raise TypeError(
                    f"{field} must be a string, got {type(getattr(self, field)).__name__}"
                )
        for field in ("values", "labels"):
            value = getattr(self, field)
            if (value is not None or field == "values") and (
                isinstance(value, (str, bytes)) or not isinstance(value, (Sequence, np.ndarray))
            ):
                raise TypeError(
                    f"{field} of axis {self.name!r} must be a list or tuple, got"
                    f" {type(value).__name__}"
                )
        if len(self.values) < 1:
            raise ValueError(f"values of axis {self.name!r} must hold at least one value")
        self.index_of_default()
        self.option_labels()

    def index_of_default(self) -> int:
        if self.default is None:
            return 0
        values = list(self.values)
        if self.default not in values:
            raise ValueError(
                f"default of axis {self.name!r} must be one of its values, got {self.default!r}"
            )
        return values.index(self.default)

    def option_labels(self) -> list[str]:
        if self.labels is not None:
            if len(self.labels) != len(self.values):
                raise ValueError(f"labels of axis {self.name!r} must match its values in length")
            return [str(label) for label in self.labels]
        return [format_number(v) if isinstance(v, (int, float)) else str(v) for v in self.values]


#: Most frames one explorer may precompute (each is an image or an HTML string in the page).
MAX_FRAMES = 2000


@dataclass(frozen=True)
class Layer:
    """What an explorer shows for each combination of the sliders named in ``axes``.

    ``render(**values)`` returns HTML; it is called once per grid point of those
    sliders only, so a figure that depends on eps alone is drawn once per eps.
    """

    render: Callable[..., str]
    axes: tuple[str, ...]

    def __post_init__(self):
        if not callable(self.render):
            raise TypeError(f"render must be callable, got {type(self.render).__name__}")
        if not isinstance(self.axes, tuple) or not all(isinstance(a, str) for a in self.axes):
            raise TypeError(f"axes must be a tuple of slider names, got {self.axes!r}")


def frame_explorer(axes: Sequence[Axis], figure: Sequence[Layer], reading: Layer) -> widgets.VBox:
    """Sliders over a grid; every grid point's frames precomputed and switched in the browser.

    ``figure`` layers are drawn on top of each other in one cell (the first at
    the bottom: for example a plot per eps, then a transparent marker per M);
    ``reading`` is the text below. Each layer is a nest of :class:`ipywidgets.Stack`
    widgets, one level per slider it depends on, whose ``selected_index`` is
    :func:`ipywidgets.jslink`-ed to that slider's ``index``. The links run in the
    browser, so the explorer responds in a notebook and on the static website alike.
    """
    for name, value in (("axes", axes), ("figure", figure)):
        if isinstance(value, (str, Axis, Layer)) or not isinstance(value, Sequence):
            raise TypeError(f"{name} must be a list or tuple, got {type(value).__name__}")
    axes = list(axes)
    if not axes:
        raise ValueError("axes must name at least one slider")
    for axis in axes:
        if not isinstance(axis, Axis):
            raise TypeError(f"axes must hold Axis objects, got {type(axis).__name__}")
        if len(axis.values) < 1:
            raise ValueError(f"axis {axis.name!r} must have at least one value")
    by_name = {axis.name: axis for axis in axes}
    if len(by_name) != len(axes):
        raise ValueError("axes must have distinct names")
    layers = list(figure) + [reading]
    for layer in layers:
        if not isinstance(layer, Layer) or not callable(layer.render):
            raise TypeError("figure and reading must be Layer objects with a callable render")
        unknown = set(layer.axes) - set(by_name)
        if unknown:
            raise ValueError(f"a layer depends on unknown axes {sorted(unknown)}")
    frames = sum(math.prod(len(by_name[a].values) for a in layer.axes) for layer in layers)
    if frames > MAX_FRAMES:
        raise ValueError(
            f"axes give {frames:,} frames to draw (each layer's product of slider lengths); "
            f"at most {MAX_FRAMES:,} fit in one page: use fewer slider values"
        )

    sliders = {
        axis.name: widgets.SelectionSlider(
            options=list(zip(axis.option_labels(), range(len(axis.values)))),
            index=axis.index_of_default(),
            description=axis.description,
            continuous_update=True,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="min(32rem, 100%)"),
        )
        for axis in axes
    }
    shared_layout = widgets.Layout(width="100%")
    shared_style = widgets.widgets.widget_string.HTMLStyle() if HAS_STACK else None
    links = []

    def nest(layer: Layer, names: list[str], chosen: dict):
        if not names:
            return widgets.HTML(layer.render(**chosen), layout=shared_layout, style=shared_style)
        axis = by_name[names[0]]
        stack = widgets.Stack(
            [nest(layer, names[1:], {**chosen, axis.name: value}) for value in axis.values],
            selected_index=sliders[axis.name].index,
        )
        links.append(widgets.jslink((sliders[axis.name], "index"), (stack, "selected_index")))
        return stack

    def observed(layer: Layer, names: list[str]):
        """ipywidgets 7: every frame rendered into a dict, the chosen one shown by an observer."""
        grids = [list(enumerate(by_name[name].values)) for name in names]
        frames = {}

        def fill(i, chosen, index):
            if i == len(names):
                frames[index] = layer.render(**chosen)
                return
            for j, value in grids[i]:
                fill(i + 1, {**chosen, names[i]: value}, index + (j,))

        fill(0, {}, ())
        view = widgets.HTML(layout=shared_layout)

        def show(*_):
            view.value = frames[tuple(sliders[name].index for name in names)]

        show()
        for name in names:
            sliders[name].observe(show, names="index")
        return view

    order = [axis.name for axis in axes]
    build = nest if HAS_STACK else (lambda layer, names, chosen: observed(layer, names))
    views = [build(layer, [n for n in order if n in layer.axes], {}) for layer in layers]
    for view in views[:-1]:
        view.layout.grid_area = "plot"
    plot = widgets.GridBox(
        views[:-1], layout=widgets.Layout(grid_template_areas='"plot"', width="100%")
    )
    box = widgets.VBox(
        list(sliders.values()) + [plot, views[-1]], layout=widgets.Layout(width="100%")
    )
    box.add_class("qbp-explorer")
    box._qbp_links = links  # keep the link objects alive with the widget
    return box


def marker_line(x: float, top: float, bottom: float) -> str:
    """SVG of the dashed vertical line that marks the chosen M on a plot."""
    x, top, bottom = real("x", x), real("top", top), real("bottom", bottom)
    return (
        f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top:.1f}" y2="{bottom:.1f}" '
        'stroke="#555555" stroke-width="1.5" stroke-dasharray="4 3"/>'
    )


def overlay_svg(width: int, height: int, shapes) -> str:
    """A transparent SVG layer of the plot's pixel size, drawn over the plot's image."""
    width = bounded_int("width", width, maximum=10_000)
    height = bounded_int("height", height, maximum=10_000)
    if isinstance(shapes, (str, bytes)) or not isinstance(shapes, (list, tuple)):
        raise TypeError(f"shapes must be a list of SVG strings, got {type(shapes).__name__}")
    if not all(isinstance(shape, str) for shape in shapes):
        raise TypeError("shapes must hold SVG strings only")
    return (
        f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" aria-hidden="true" '
        'style="display:block;width:100%;height:auto;pointer-events:none">'
        + "".join(shapes)
        + "</svg>"
    )


def reading_html(text: str) -> str:
    """The text reading under an explorer's plot, announced to screen readers when it changes."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, got {type(text).__name__}")
    return (
        '<p class="qbp-reading" aria-live="polite" style="line-height:1.4;margin:0.3em 0">'
        f"{html.escape(text)}</p>"
    )
