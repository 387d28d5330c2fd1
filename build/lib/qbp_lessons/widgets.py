"""Interactive explorers for the chapters, live in Jupyter and on the static website.

One mechanism serves both. :func:`frame_explorer` renders one frame (a figure plus
a text reading) for every point of a small grid of slider values, stacks the
frames in nested :class:`ipywidgets.Stack` widgets and links each slider's index
to a Stack's ``selected_index`` with :func:`ipywidgets.jslink`. The link runs in
the browser, so moving a slider works in a notebook *and* on the website with no
kernel and no network: the widget state embedded in the page already holds every
frame. Only grid points exist, which is why the sliders step through chosen values.

:func:`cost_explorer` is the one-line call a chapter makes: it draws the models of
:mod:`qbp_lessons.costs` and nothing else computes anything.

Widgets that run a simulator cannot be precomputed for every input; they use
:func:`kernel_note` to say, next to the widget, that moving them needs a kernel.

Introduced in chapter 1.
"""

from __future__ import annotations

import base64
import html
import math
import numbers
from dataclasses import dataclass
from typing import Callable, Sequence

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from . import costs, plots
from ._measure import peak_bytes
from ._validate import choice, positive_int, positive_real

__all__ = ["Axis", "Layer", "frame_explorer", "cost_explorer", "cost_reading", "kernel_note",
           "format_number", "decade_above", "launch_links", "show_source", "M_GRID", "EPS_GRID"]

#: Default grid of the M slider: 1, 3, 10, 30, ..., 1e9.
M_GRID = tuple(int(m * 10**k) for k in range(10) for m in (1, 3) if m * 10**k <= 10**9)
#: Default grid of the eps slider.
EPS_GRID = (0.1, 0.03, 0.01, 0.003, 0.001)

_SUPERSCRIPT = str.maketrans("-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")


def format_number(x: float, digits: int = 2) -> str:
    """Format a positive number for a reader: ``1,000``, ``3×10⁶``, ``4.2×10¹³``.

    Whole numbers below 10^5 print in full; larger ones in scientific notation
    with Unicode superscripts, so the string reads the same in HTML, alt text and
    a terminal.
    """
    if isinstance(x, np.ndarray) and x.ndim == 0:
        x = x.item()
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, numbers.Real):
        raise TypeError(f"x must be a real number, got {type(x).__name__} {x!r}")
    digits = positive_int("digits", digits)
    x = float(x)
    if not math.isfinite(x):
        return str(x)
    if x == 0:
        return "0"
    if abs(x) < 1e5 and (x == round(x) or abs(x) >= 100):
        return f"{round(x):,}"
    if 1e-3 <= abs(x) < 1e5:
        return f"{x:.{digits}g}"
    exponent = int(math.floor(math.log10(abs(x))))
    mantissa = x / 10**exponent
    if round(mantissa, digits - 1) >= 10:
        mantissa, exponent = mantissa / 10, exponent + 1
    power = "10" + str(exponent).translate(_SUPERSCRIPT)
    if abs(mantissa - 1) < 0.5 * 10 ** (1 - digits):
        return power
    return f"{mantissa:.{digits - 1}f}\u00d7{power}"


def decade_above(x: float, floor: float = 1e-16) -> float:
    """The power of ten just above ``|x|`` (at least ``floor``): ``3.5e-16 -> 1e-15``.

    The chapters state agreement between two routes as "below 1e-15", which stays
    true and prints the same when a rerun changes the last digits of the error.
    """
    if isinstance(x, bool) or not isinstance(x, (int, float, np.integer, np.floating)):
        raise TypeError(f"x must be a real number, got {type(x).__name__}")
    if not math.isfinite(float(x)):
        raise ValueError(f"x must be finite, got {x}")
    floor = positive_real("floor", floor)
    return 10.0 ** math.ceil(math.log10(max(abs(float(x)), floor)))


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
                raise TypeError(f"{field} must be a string, got {type(getattr(self, field)).__name__}")
        for field in ("values", "labels"):
            value = getattr(self, field)
            if (value is not None or field == "values") and (
                    isinstance(value, (str, bytes)) or not isinstance(value, (Sequence, np.ndarray))):
                raise TypeError(f"{field} of axis {self.name!r} must be a list or tuple, got {type(value).__name__}")
        if len(self.values) < 1:
            raise ValueError(f"values of axis {self.name!r} must hold at least one value")
        self.index_of_default()
        self.option_labels()

    def index_of_default(self) -> int:
        if self.default is None:
            return 0
        values = list(self.values)
        if self.default not in values:
            raise ValueError(f"default of axis {self.name!r} must be one of its values, got {self.default!r}")
        return values.index(self.default)

    def option_labels(self) -> list[str]:
        if self.labels is not None:
            if len(self.labels) != len(self.values):
                raise ValueError(f"labels of axis {self.name!r} must match its values in length")
            return [str(label) for label in self.labels]
        return [format_number(v) if isinstance(v, (int, float)) else str(v) for v in self.values]


@dataclass(frozen=True)
class Layer:
    """What an explorer shows for each combination of the sliders named in ``axes``.

    ``render(**values)`` returns HTML; it is called once per grid point of those
    sliders only, so a figure that depends on eps alone is drawn once per eps.
    """

    render: Callable[..., str]
    axes: tuple[str, ...]


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
    shared_style = widgets.widgets.widget_string.HTMLStyle()
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

    order = [axis.name for axis in axes]
    views = [nest(layer, [n for n in order if n in layer.axes], {}) for layer in layers]
    for view in views[:-1]:
        view.layout.grid_area = "plot"
    plot = widgets.GridBox(views[:-1], layout=widgets.Layout(grid_template_areas='"plot"', width="100%"))
    box = widgets.VBox(list(sliders.values()) + [plot, views[-1]], layout=widgets.Layout(width="100%"))
    box.add_class("qbp-explorer")
    box._qbp_links = links  # keep the link objects alive with the widget
    return box


# --------------------------------------------------------------------------
# Pieces shared by the explorers' frames
# --------------------------------------------------------------------------

def _marker_line(x: float, top: float, bottom: float) -> str:
    """SVG of the dashed vertical line that marks the chosen M on a plot."""
    return (f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top:.1f}" y2="{bottom:.1f}" '
            'stroke="#555555" stroke-width="1.5" stroke-dasharray="4 3"/>')


def _overlay_svg(width: int, height: int, shapes) -> str:
    """A transparent SVG layer of the plot's pixel size, drawn over the plot's image."""
    return (f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" aria-hidden="true" '
            'style="display:block;width:100%;height:auto;pointer-events:none">' + "".join(shapes) + "</svg>")


def _reading_html(text: str) -> str:
    """The text reading under an explorer's plot, announced to screen readers when it changes."""
    return (f'<p class="qbp-reading" aria-live="polite" style="line-height:1.4;margin:0.3em 0">'
            f"{html.escape(text)}</p>")


# --------------------------------------------------------------------------
# The cost explorer
# --------------------------------------------------------------------------

def cost_reading(M: int, eps: float, methods: Sequence[str], headline: tuple[str, str]) -> str:
    """The explorer's text reading at one grid point, computed from :mod:`qbp_lessons.costs`.

    Example: "At M = 10⁶ and ε = 0.01, parameter shift needs 2.9×10⁵ × the gate
    applications of backprop scaling. In units of TIME(F): ..."
    """
    methods, (a, b) = _check_methods(methods, headline)
    time_f = costs.circuit_time(M, eps)
    ratio = costs.gradient_time(a, M, eps) / costs.gradient_time(b, M, eps)
    parts = [f"{_short(m)} {format_number(costs.gradient_time(m, M, eps) / time_f)}"
             for m in methods if m != "function"]
    return (f"At M = {format_number(M)} and \u03b5 = {format_number(eps)}, {_short(a)} needs "
            f"{format_number(ratio)} \u00d7 the gate applications of {_short(b)}. "
            f"Gradient cost in units of TIME(F) = M/\u03b5\u00b2: " + ", ".join(parts) + ".")


def _check_methods(methods, headline):
    """Validate the method names of a cost explorer and its headline pair."""
    if isinstance(methods, str) or not isinstance(methods, Sequence):
        raise TypeError(f"methods must be a list or tuple of method names, got {type(methods).__name__}")
    methods = [choice("methods", m, set(costs.METHODS)) for m in methods]
    if not methods:
        raise ValueError("methods must name at least one method")
    if isinstance(headline, str) or not isinstance(headline, Sequence):
        raise TypeError(f"headline must be a pair of method names, got {type(headline).__name__}")
    if len(headline) != 2:
        raise ValueError(f"headline must be a pair of method names, got {len(headline)}")
    return methods, tuple(choice("headline", h, set(costs.METHODS)) for h in headline)


def _short(method: str) -> str:
    return costs.METHODS[method][0].split(",")[0]


def cost_explorer(methods: Sequence[str] = ("function", "backprop", "backprop_scaling", "param_shift", "spsa", "shadows"),
                  *, headline: tuple[str, str] = ("param_shift", "backprop_scaling"),
                  M_values: Sequence[int] = M_GRID, eps_values: Sequence[float] = EPS_GRID,
                  default_M: int = 1_000_000, default_eps: float = 0.01) -> widgets.VBox:
    """Sliders for M and eps over the cost models: TIME(grad F) of each method on log-log axes.

    The one-line call of every chapter that compares gradient methods, for
    example ``cost_explorer(["function", "param_shift", "backprop_scaling"])``.
    Each frame shows every method's curve at the chosen eps, a marker at the
    chosen M, and a reading from :func:`cost_reading`.
    """
    methods, headline = _check_methods(methods, headline)
    for name, values in (("M_values", M_values), ("eps_values", eps_values)):
        if isinstance(values, str) or not isinstance(values, (Sequence, np.ndarray)):
            raise TypeError(f"{name} must be a list or tuple, got {type(values).__name__}")
    M_values = [positive_int("M_values", m) for m in M_values]
    eps_values = [positive_real("eps_values", e, upper=1.0) for e in eps_values]
    if isinstance(default_M, (bool, np.bool_)) or default_M not in M_values:
        raise ValueError(f"default_M must be one of M_values, got {default_M}")
    if default_eps not in eps_values:
        raise ValueError(f"default_eps must be one of eps_values, got {default_eps}")

    M_dense = np.unique(np.round(np.logspace(0, np.log10(max(M_values)), 181)))
    curves = {eps: {m: costs.gradient_time(m, M_dense, eps) for m in methods} for eps in eps_values}
    y_low = min(costs.circuit_time(1, max(eps_values)), *(c.min() for e in curves.values() for c in e.values()))
    y_high = max(c.max() for e in curves.values() for c in e.values())

    plots.style()
    fig, ax = plt.subplots(figsize=(7.2, 4.2), dpi=100, layout="constrained")
    plt.close(fig)
    width, height = fig.canvas.get_width_height()
    pixel_of = {}

    def draw(eps):
        ax.clear()
        plots.log_log_axes(ax, "number of parameters M", "TIME(\u2207F)  [gate applications]")
        for m in methods:
            st = plots.METHOD_STYLE[m]
            ax.plot(M_dense, curves[eps][m], color=st["color"], linestyle=st["linestyle"],
                    label=costs.METHODS[m][0], linewidth=2)
        ax.set_xlim(1, M_dense[-1])
        ax.set_ylim(y_low / 3, y_high * 3)
        ax.legend(loc="upper left")
        ax.set_title(f"gradient cost of each method at \u03b5 = {format_number(eps)}")
        fig.canvas.draw()
        # the axes box in pixels (top-left origin) and its log limits, for the marker layer
        box, (x_lo, x_hi), (y_lo, y_hi) = ax.bbox, ax.get_xlim(), ax.get_ylim()
        pixel_of[eps] = (box.x0, box.x1, height - box.y1, height - box.y0,
                         np.log10(x_lo), np.log10(x_hi), np.log10(y_lo), np.log10(y_hi))
        png = base64.b64encode(plots.png_bytes(fig, dpi=100)).decode("ascii")
        alt = ("Log-log plot of the gradient cost in gate applications against the number of "
               f"parameters M at \u03b5 = {format_number(eps)}, one curve per method: "
               + "; ".join(costs.METHODS[m][0] for m in methods) + ".")
        return (f'<img src="data:image/png;base64,{png}" alt="{html.escape(alt)}" '
                f'width="{width}" height="{height}" style="display:block;width:100%;height:auto"/>')

    def marker(M, eps):
        left, right, top, bottom, lx0, lx1, ly0, ly1 = pixel_of[eps]
        x = left + (math.log10(M) - lx0) / (lx1 - lx0) * (right - left)
        shapes = [_marker_line(x, top, bottom)]
        for m in methods:
            y = bottom - (math.log10(float(costs.gradient_time(m, M, eps))) - ly0) / (ly1 - ly0) * (bottom - top)
            shapes.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5.5" fill="{plots.METHOD_STYLE[m]["color"]}" '
                          'stroke="black" stroke-width="1"/>')
        return _overlay_svg(width, height, shapes)

    def reading(M, eps):
        return _reading_html(cost_reading(M, eps, methods, headline))

    return frame_explorer(
        [Axis("eps", "precision \u03b5", list(eps_values), default_eps),
         Axis("M", "parameters M", list(M_values), default_M)],
        figure=[Layer(draw, ("eps",)), Layer(marker, ("eps", "M"))],
        reading=Layer(reading, ("eps", "M")))


def launch_links(notebook: str) -> dict[str, str]:
    """Binder and Colab addresses that open ``notebook`` (a path such as ``book/02_x.ipynb``)."""
    from . import REPOSITORY_BRANCH, REPOSITORY_URL

    if not isinstance(notebook, str):
        raise TypeError(f"notebook must be a path string, got {type(notebook).__name__}")
    if not notebook.endswith(".ipynb") or notebook.startswith("/"):
        raise ValueError(f"notebook must be a relative .ipynb path such as 'book/01_x.ipynb', got {notebook!r}")
    repo = REPOSITORY_URL.removeprefix("https://github.com/")
    return {
        "Binder": f"https://mybinder.org/v2/gh/{repo}/{REPOSITORY_BRANCH}?urlpath=lab/tree/{notebook}",
        "Colab": f"https://colab.research.google.com/github/{repo}/blob/{REPOSITORY_BRANCH}/{notebook}",
    }


def kernel_note(widget: widgets.Widget, notebook: str, what: str = "This widget runs the simulator") -> widgets.VBox:
    """Wrap a live-simulation widget with a note that moving it needs a running kernel.

    On the website the widget shows its precomputed default; the note links to
    the notebook on Binder and Colab (the same as the rocket button at the top
    of the page). In a running notebook the widget is live and the note says so.
    """
    if not isinstance(widget, widgets.Widget):
        raise TypeError(f"widget must be an ipywidgets widget, got {type(widget).__name__}")
    if not isinstance(what, str):
        raise TypeError(f"what must be a string, got {type(what).__name__}")
    links = " or ".join(f'<a href="{url}" target="_blank" rel="noopener">{name}</a>'
                        for name, url in launch_links(notebook).items())
    note = widgets.HTML(
        f'<p class="qbp-kernel-note"><strong>Needs a kernel:</strong> {html.escape(what)}. '
        f"On the website it shows its default values; to move it, open this chapter in {links}, "
        "or run the notebook locally. In a running notebook it is live.</p>")
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


# --------------------------------------------------------------------------
# Measured against modelled: the parameter-shift explorer (chapter 3)
# --------------------------------------------------------------------------

def accuracy_reading(scan, M: int) -> str:
    """The text reading of :func:`accuracy_explorer` for one M of an AccuracyScan.

    Every number is read off ``scan`` (counted executions, shots and gate applications,
    measured errors) or computed from :mod:`qbp_lessons.costs` (the models). Introduced
    in chapter 3.
    """
    scan = plots._accuracy_scans(scan, "scan")[0]
    if isinstance(M, (bool, np.bool_)) or not isinstance(M, numbers.Integral):
        raise TypeError(f"M must be an integer, got {type(M).__name__} {M!r}")
    matches = np.flatnonzero(scan.M == M)
    if matches.size == 0:
        raise ValueError(f"M must be one of the scan's M values {scan.M.tolist()}, got {M}")
    i = int(matches[0])
    per_circuit = int(scan.shots_per_circuit[i])
    executions = int(scan.total_shots[i]) // per_circuit
    time_f = costs.circuit_time(M, scan.eps)
    if scan.delta is None:
        target = f"rms error \u2264 \u03b5): rms error {scan.rms_error[i]:.3f}"
    else:
        target = (f"every component within \u03b5 with probability \u2265 {1 - scan.delta:g}): every component "
                  f"within \u03b5 in {scan.success_rate[i]:.0%} of them, rms error {scan.rms_error[i]:.3f}")
    return (f"At M = {format_number(M)} and \u03b5 = {format_number(scan.eps)}: counted "
            f"{executions:,} circuit executions of {per_circuit:,} shots, "
            f"{int(scan.total_shots[i]):,} shots (model {int(scan.model_shots[i]):,}) and "
            f"{int(scan.gates[i]):,} gate applications (model {int(scan.model_time[i]):,}), "
            f"{format_number(scan.gates[i] / time_f)} \u00d7 TIME(F); backprop scaling would be "
            f"{format_number(costs.backprop_scaling_time(M, scan.eps) / time_f)} \u00d7 TIME(F). "
            f"Over {scan.reps} gradients (target: {target}, largest of the M component errors "
            f"{scan.max_error[i]:.3f} on average.")


def accuracy_explorer(scans, *, methods: Sequence[str] = ("function", "backprop_scaling"),
                      default_M: int | None = None, default_eps: float | None = None) -> widgets.VBox:
    """Sliders for M and eps over *measured* parameter-shift gradients drawn on the cost models.

    ``scans``: one :class:`qbp_lessons.param_shift.AccuracyScan` per eps (from
    :func:`qbp_lessons.param_shift.shots_for_accuracy`), all over the same M values and
    with the same ``delta``. Each eps gets one base figure (:func:`plots.accuracy_figure`:
    counted shots and gate applications on the models, a palette PNG); each (eps, M) an
    SVG layer that marks the measured point, and a reading (:func:`accuracy_reading`).
    Everything is precomputed, so the explorer responds on the static website.
    Introduced in chapter 3.
    """
    scans = plots._accuracy_scans(scans)
    first = scans[0]
    for scan in scans[1:]:
        if scan.M.tolist() != first.M.tolist():
            raise ValueError("scans must all cover the same M values")
        if scan.delta != first.delta:
            raise ValueError("scans must all have the same delta")
    eps_values = [scan.eps for scan in scans]
    if len(set(eps_values)) != len(eps_values):
        raise ValueError(f"scans must have distinct eps, got {eps_values}")
    if isinstance(methods, str) or not isinstance(methods, Sequence):
        raise TypeError(f"methods must be a list or tuple of method names, got {type(methods).__name__}")
    methods = [choice("methods", m, set(costs.METHODS) - {"param_shift"}) for m in methods]
    M_values = [int(m) for m in first.M]
    if default_M is not None and (isinstance(default_M, (bool, np.bool_)) or default_M not in M_values):
        raise ValueError(f"default_M must be one of the scans' M values {M_values}, got {default_M!r}")
    if default_eps is not None and default_eps not in eps_values:
        raise ValueError(f"default_eps must be one of the scans' eps {eps_values}, got {default_eps!r}")
    by_eps = dict(zip(eps_values, scans))

    # one set of axis limits for every eps, so that moving eps moves the curves, not the axes
    M_line = np.unique(np.round(np.geomspace(max(min(M_values) / 1.5, 1.0), max(M_values) * 1.5, 80)))
    shots, gates = [], []
    for scan in scans:
        shots += [costs.param_shift_shots(M_line, scan.eps, scan.delta), scan.total_shots,
                  np.atleast_1d(costs.shots_for_precision(scan.eps))]
        gates += [costs.param_shift_time(M_line, scan.eps, scan.delta), scan.gates]
        gates += [costs.gradient_time(m, M_line, scan.eps) for m in methods]
    limits = [(M_line[0], M_line[-1])]
    limits += [(min(np.min(a) for a in group) / 3, max(np.max(a) for a in group) * 3) for group in (shots, gates)]
    placed = {}

    def draw(eps):
        fig = plots.accuracy_figure([by_eps[eps]], methods, M_line=M_line, figsize=(7.6, 4.4))
        fig.set_dpi(100)
        for ax, ylim in zip(fig.axes, limits[1:]):
            ax.set_xlim(*limits[0])
            ax.set_ylim(*ylim)
        png = base64.b64encode(plots.png_bytes(fig, dpi=100)).decode("ascii")
        # read the axes' pixel positions after rendering: saving ran the layout engine
        width, height = fig.canvas.get_width_height()
        placed[eps] = (width, height, [(ax.transData.frozen(), ax.bbox.y0, ax.bbox.y1) for ax in fig.axes])
        alt = (f"Two log-log panels against the number of parameters M at \u03b5 = {format_number(eps)}: "
               "left, the total shots of a parameter-shift gradient, counted in seeded runs, sitting on the "
               "model 2M \u00d7 2/\u03b5\u00b2; right, the counted gate applications on the model "
               "4M\u00b2/\u03b5\u00b2, above " + " and ".join(costs.METHODS[m][0] for m in methods) + ".")
        return (f'<img src="data:image/png;base64,{png}" alt="{html.escape(alt)}" '
                f'width="{width}" height="{height}" style="display:block;width:100%;height:auto"/>')

    def marker(M, eps):
        width, height, panels = placed[eps]
        scan = by_eps[eps]
        i = M_values.index(M)
        shapes = []
        for (transform, y0, y1), value in zip(panels, (scan.total_shots[i], scan.gates[i])):
            x, y = transform.transform((M, float(value)))
            shapes.append(_marker_line(x, height - y1, height - y0))
            shapes.append(f'<circle cx="{x:.1f}" cy="{height - y:.1f}" r="9" fill="none" '
                          f'stroke="{plots.OKABE_ITO["vermillion"]}" stroke-width="2.5"/>')
        return _overlay_svg(width, height, shapes)

    def reading(M, eps):
        return _reading_html(accuracy_reading(by_eps[eps], M))

    return frame_explorer(
        [Axis("eps", "precision \u03b5", eps_values, default_eps),
         Axis("M", "parameters M", M_values, default_M)],
        figure=[Layer(draw, ("eps",)), Layer(marker, ("eps", "M"))],
        reading=Layer(reading, ("eps", "M")))


# --------------------------------------------------------------------------
# Chapter 2: the statevector simulator's gradient, timed live
# --------------------------------------------------------------------------

_BINARY_UNITS = ("B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB")


def format_bytes(nbytes) -> str:
    """Format a byte count in binary units: ``16 KiB``, ``1.5 GiB``, ``16 PiB``.

    Three significant digits at most; whole numbers print without decimals.
    Introduced in chapter 2.
    """
    if isinstance(nbytes, (bool, np.bool_)) or not isinstance(nbytes, numbers.Real):
        raise TypeError(f"nbytes must be a number of bytes, got {type(nbytes).__name__} {nbytes!r}")
    value = float(nbytes)
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"nbytes must be finite and >= 0, got {nbytes!r}")
    unit = 0
    while value >= 1024 and unit < len(_BINARY_UNITS) - 1:
        value /= 1024
        unit += 1
    text = f"{value:.0f}" if value == round(value) or value >= 100 else f"{value:.3g}"
    return f"{text} {_BINARY_UNITS[unit]}"


#: The gradient methods :func:`measure_simulator_costs` compares, with the statevectors each holds
#: at its peak (chapter 2 measures these with tracemalloc): forward pass = psi + one scratch;
#: adjoint = psi, lam, one scratch; inserted = psi, O psi, the inserted state, its scratch and the
#: fresh |0> it is prepared from.
SIMULATOR_METHODS = {
    "forward": ("F (forward)", 2),
    "adjoint": ("\u2207F (adjoint)", 3),
    "inserted": ("\u2207F (inserted)", 5),
}


@dataclass(frozen=True)
class SimulatorCosts:
    """What :func:`measure_simulator_costs` measured for one (n, M).

    ``gates``: exact gate applications (rotations + bare Paulis) per method, from
    :class:`qbp_lessons.circuits.GateCount`. ``seconds``: best wall-clock time of
    one call; for ``"inserted"`` it is *estimated* (``inserted_measured`` False)
    when running it would exceed the time budget: its gate count times the
    forward pass's measured time per gate application. ``peak_bytes``: the
    tracemalloc peak of one call (None where not run). ``statevector_bytes``:
    16 * 2^n.
    """

    n: int
    M: int
    gates: dict
    seconds: dict
    inserted_measured: bool
    peak_bytes: dict
    statevector_bytes: int

    @property
    def omega(self) -> float:
        """Measured TIME(grad F) / TIME(F) of the adjoint method."""
        return self.seconds["adjoint"] / self.seconds["forward"]


def _best_time(fn, budget: float, repeat: int) -> float:
    """Best of up to ``repeat`` timed calls, stopping before one more call would overrun ``budget`` (>= 1 call)."""
    import gc
    import time

    best, spent = math.inf, 0.0
    for _ in range(repeat):
        gc.disable()
        try:
            start = time.perf_counter()
            fn()
            elapsed = time.perf_counter() - start
        finally:
            gc.enable()
        best, spent = min(best, elapsed), spent + elapsed
        if spent + elapsed > budget:
            break
    return best




def measure_simulator_costs(n: int, M: int, *, seed: int = 0, repeat: int = 5, budget: float = 0.15,
                            inserted_budget: float = 0.3, memory: bool = True) -> SimulatorCosts:
    """Time (and measure the memory of) F, the adjoint gradient and the inserted-state gradient.

    The circuit is ``circuits.random_circuit(n, M, seed=seed)`` (2-local random
    Pauli rotations, O = Z on wire 0) at ``random_parameters(M, seed=seed + 1)``.
    Its Pauli kernels are built by a warm-up call first, outside the timings.
    Each method is timed best of ``repeat`` calls or until ``budget`` seconds
    are spent. :func:`~qbp_lessons.circuits.grad_inserted` (about M + 1 forward
    passes) is run only when that is predicted to take under
    ``inserted_budget`` seconds; otherwise its time is estimated from its
    exact gate count. With ``memory`` the tracemalloc peak of one call of each
    method that ran is recorded too. Everything runs on one BLAS thread, as in
    chapter 1: the adjoint's dot products over 2^n-long vectors would otherwise
    be split across threads, which on a busy machine costs far more than it
    saves (measured: ten times slower at n = 14). Used by chapter 2's timing
    sweep and by :func:`simulator_explorer`. Introduced in chapter 2.
    """
    from threadpoolctl import threadpool_limits

    from . import circuits

    n = positive_int("n", n)
    M = positive_int("M", M)
    repeat = positive_int("repeat", repeat)
    budget = positive_real("budget", budget)
    inserted_budget = positive_real("inserted_budget", inserted_budget)
    if n > circuits.MAX_QUBITS:
        raise ValueError(f"n must be <= {circuits.MAX_QUBITS}, got {n}")
    locality = min(2, n)
    circuit = circuits.random_circuit(n, M, locality=locality, seed=seed)
    theta = circuits.random_parameters(M, seed=seed + 1)
    calls = {
        "forward": lambda: circuits.expval(circuit, theta),
        "adjoint": lambda: circuits.grad_adjoint(circuit, theta),
        "inserted": lambda: circuits.grad_inserted(circuit, theta),
    }
    gates = {}
    for method, name in (("forward", "expval"), ("adjoint", "adjoint"), ("inserted", "inserted")):
        gates[method] = circuits.expected_gate_count(name, M, len(circuit.observable)).total
    with threadpool_limits(limits=1):                   # see the docstring
        calls["forward"]()                              # warm-up: builds the kernels once
        seconds = {m: _best_time(calls[m], budget, repeat) for m in ("forward", "adjoint")}
        per_gate = seconds["forward"] / gates["forward"]
        inserted_measured = per_gate * gates["inserted"] < inserted_budget
        if inserted_measured:
            seconds["inserted"] = _best_time(calls["inserted"], budget, repeat)
        else:
            seconds["inserted"] = per_gate * gates["inserted"]
        peaks = {m: None for m in calls}
        if memory:
            for m in calls:
                if m != "inserted" or inserted_measured:
                    peaks[m] = peak_bytes(calls[m])
    return SimulatorCosts(n, M, gates, seconds, inserted_measured, peaks, 16 * (1 << n))


def _format_seconds(t: float) -> str:
    if t >= 1:
        return f"{t:,.3g} s" if t < 1000 else f"{format_number(t)} s"
    return f"{t * 1e3:.3g} ms"


def simulator_reading(costs_: SimulatorCosts) -> str:
    """The HTML table :func:`simulator_explorer` shows for one measurement."""
    if not isinstance(costs_, SimulatorCosts):
        raise TypeError(f"costs_ must be a SimulatorCosts, got {type(costs_).__name__}")
    c = costs_
    sv = c.statevector_bytes
    cell = 'style="padding:0.15em 0.6em;text-align:right;white-space:nowrap"'
    head = 'style="padding:0.15em 0.6em;text-align:left;white-space:nowrap"'
    rows = []
    header = "".join(f"<th {cell}>{html.escape(SIMULATOR_METHODS[m][0])}</th>" for m in SIMULATOR_METHODS)
    rows.append(f"<tr><th {head}></th>{header}</tr>")

    def row(label, values):
        rows.append(f"<tr><th {head}>{html.escape(label)}</th>"
                    + "".join(f"<td {cell}>{v}</td>" for v in values) + "</tr>")

    row("gate applications", [f"{c.gates[m]:,}" for m in SIMULATOR_METHODS])
    times = []
    for m in SIMULATOR_METHODS:
        text = _format_seconds(c.seconds[m])
        if m == "inserted" and not c.inserted_measured:
            text = "\u2248 " + text + "*"
        times.append(text)
    row("time, measured", times)
    row("time / TIME(F)", [f"{c.seconds[m] / c.seconds['forward']:.3g}" for m in SIMULATOR_METHODS])
    row("memory, model", [f"{format_bytes(SIMULATOR_METHODS[m][1] * sv)} ({SIMULATOR_METHODS[m][1]} states)"
                          for m in SIMULATOR_METHODS])
    row("memory, measured peak", ["not run" if c.peak_bytes[m] is None else format_bytes(c.peak_bytes[m])
                                  for m in SIMULATOR_METHODS])
    note = (f"n = {c.n} qubits, M = {c.M} random 2-local Pauli rotations (O = Z on wire 0). "
            f"One statevector holds 2^{c.n} = {1 << c.n:,} complex numbers, {format_bytes(sv)}. "
            "Times are the best of a few runs; the measured peak is tracemalloc's. "
            f"The adjoint gradient took {c.omega:.2g} forward passes "
            f"(by gate count {c.gates['adjoint'] / c.gates['forward']:.3g}).")
    if not c.inserted_measured:
        note += (" *Not run (it would take too long for a slider): its exact gate count times "
                 "the forward pass's measured time per gate.")
    elif c.n <= 8:
        note += (" At small n the peak memory is mostly the M-number arrays (angles, gradient) and "
                 "Python's bookkeeping, not statevectors.")
    return (f'<div style="overflow-x:auto"><table class="qbp-sim-table" style="border-collapse:collapse;'
            f'margin:0.4em 0;font-size:0.9em">{"".join(rows)}</table></div>'
            f'<p class="qbp-reading" style="line-height:1.4;margin:0.3em 0">{html.escape(note)}</p>')


def simulator_explorer(n: int = 10, M: int = 200, *, n_range: tuple = (2, 14), M_range: tuple = (10, 1000),
                       M_step: int = 10, seed: int = 0) -> widgets.VBox:
    """Sliders for n and M that run the simulator: time and memory of F and of two gradients.

    Every move calls :func:`measure_simulator_costs` and redraws the table of
    :func:`simulator_reading`. The default (``n``, ``M``) is measured when the
    widget is built, so a static page shows it; moving the sliders needs a
    kernel (wrap the widget with :func:`kernel_note`). The ranges keep every
    allowed point to about a second on a laptop; any error is shown as text,
    never as a traceback. Introduced in chapter 2.
    """
    from . import circuits

    n_lo, n_hi = (positive_int("n_range", v) for v in n_range)
    M_lo, M_hi = (positive_int("M_range", v) for v in M_range)
    M_step = positive_int("M_step", M_step)
    if not (n_lo <= n_hi <= circuits.MAX_QUBITS):
        raise ValueError(f"n_range must satisfy 1 <= low <= high <= {circuits.MAX_QUBITS}, got {n_range}")
    if M_lo > M_hi:
        raise ValueError(f"M_range must satisfy low <= high, got {M_range}")
    n = positive_int("n", n)
    M = positive_int("M", M)
    if not (n_lo <= n <= n_hi and M_lo <= M <= M_hi):
        raise ValueError(f"the default (n, M) = ({n}, {M}) must lie inside n_range {n_range} and M_range {M_range}")
    common = dict(continuous_update=False, style={"description_width": "initial"},
                  layout=widgets.Layout(width="min(32rem, 100%)"))
    n_slider = widgets.IntSlider(value=n, min=n_lo, max=n_hi, step=1, description="qubits n", **common)
    M_slider = widgets.IntSlider(value=M, min=M_lo, max=M_hi, step=M_step, description="gates M", **common)
    view = widgets.HTML(layout=widgets.Layout(width="100%"))

    def update(*_):
        try:
            result = measure_simulator_costs(int(n_slider.value), int(M_slider.value), seed=seed)
            view.value = simulator_reading(result)
        except Exception as exc:  # a slider must never show a traceback
            view.value = f'<p class="qbp-reading">Could not measure this point: {html.escape(str(exc))}</p>'

    update()
    n_slider.observe(update, names="value")
    M_slider.observe(update, names="value")
    box = widgets.VBox([n_slider, M_slider, view], layout=widgets.Layout(width="100%"))
    box.add_class("qbp-simulator")
    return box


__all__ += ["format_bytes", "SIMULATOR_METHODS", "SimulatorCosts", "measure_simulator_costs",
            "simulator_reading", "simulator_explorer"]
