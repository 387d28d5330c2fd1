"""The cost explorer: sliders for M and eps over the models of :mod:`qbp_lessons.costs`.

It draws the models and nothing else computes anything. Each chapter passes the
methods its reader has met so far.

Introduced in chapter 1.
"""

from __future__ import annotations

import base64
import html
import math
from typing import Mapping, Sequence

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from qbp_lessons import costs
from qbp_lessons._validate import choice, positive_int, positive_real
from qbp_lessons.show.format import format_number
from qbp_lessons.show.frames import (
    Axis,
    Layer,
    frame_explorer,
    marker_line,
    overlay_svg,
    reading_html,
)
from qbp_lessons.show.figure_style import METHOD_STYLE, log_log_axes, png_bytes, style

__all__ = ["M_GRID", "EPS_GRID", "cost_reading", "cost_explorer"]


M_GRID = tuple(int(m * 10**k) for k in range(10) for m in (1, 3) if m * 10**k <= 10**9)


EPS_GRID = (0.1, 0.03, 0.01, 0.003, 0.001)


def cost_reading(M: int, eps: float, methods: Sequence[str], headline: tuple[str, str]) -> str:
    """The explorer's text reading at one grid point, computed from :mod:`qbp_lessons.costs`.

    Example: "At M = 10⁶ and ε = 0.01, parameter shift needs 2.9×10⁵ × the gate
    applications of backprop scaling. In units of TIME(F): ..."
    """
    methods, (a, b) = _check_methods(methods, headline)
    time_f = costs.circuit_time(M, eps)
    ratio = costs.gradient_time(a, M, eps) / costs.gradient_time(b, M, eps)
    parts = [
        f"{_short(m)} {format_number(costs.gradient_time(m, M, eps) / time_f)}"
        for m in methods
        if m != "function"
    ]
    return (
        f"At M = {format_number(M)} and \u03b5 = {format_number(eps)}, {_short(a)} needs "
        f"{format_number(ratio)} \u00d7 the gate applications of {_short(b)}. "
        "Gradient cost in units of TIME(F) = M/\u03b5\u00b2: " + ", ".join(parts) + "."
    )


def _check_methods(methods, headline):
    """Validate the method names of a cost explorer and its headline pair."""
    if isinstance(methods, str) or not isinstance(methods, Sequence):
        raise TypeError(
            f"methods must be a list or tuple of method names, got {type(methods).__name__}"
        )
    methods = [choice("methods", m, set(costs.METHODS)) for m in methods]
    if not methods:
        raise ValueError("methods must name at least one method")
    if isinstance(headline, str) or not isinstance(headline, Sequence):
        raise TypeError(f"headline must be a pair of method names, got {type(headline).__name__}")
    if len(headline) != 2:
        raise ValueError(f"headline must be a pair of method names, got {len(headline)}")
    return methods, tuple(choice("headline", h, set(costs.METHODS)) for h in headline)


def _check_notes(notes, methods) -> dict:
    """Validate the optional legend notes: a mapping from shown method names to strings."""
    if notes is None:
        return {}
    if not isinstance(notes, Mapping):
        raise TypeError(f"notes must be a dict of method name -> note, got {type(notes).__name__}")
    for key, note in notes.items():
        if key not in methods:
            raise ValueError(f"notes must only annotate shown methods {methods}, got {key!r}")
        if not isinstance(note, str) or not note.strip():
            raise TypeError(f"notes[{key!r}] must be a non-empty string, got {note!r}")
    return dict(notes)


def _label(method: str, notes: dict) -> str:
    """A method's legend label, with its note if it has one."""
    label = costs.METHODS[method][0]
    return f"{label} ({notes[method]})" if method in notes else label


def _short(method: str) -> str:
    return costs.METHODS[method][0].split(",")[0]


def cost_explorer(
    methods: Sequence[str] = (
        "function",
        "backprop",
        "backprop_scaling",
        "param_shift",
        "spsa",
        "shadows",
    ),
    *,
    headline: tuple[str, str] = ("param_shift", "backprop_scaling"),
    M_values: Sequence[int] = M_GRID,
    eps_values: Sequence[float] = EPS_GRID,
    default_M: int = 1_000_000,
    default_eps: float = 0.01,
    notes: Mapping[str, str] | None = None,
) -> widgets.VBox:
    """Sliders for M and eps over the cost models: TIME(grad F) of each method on log-log axes.

    The one-line call of every chapter that compares gradient methods, for
    example ``cost_explorer(["function", "param_shift", "backprop_scaling"])``.
    Each frame shows every method's curve at the chosen eps, a marker at the
    chosen M, and a reading from :func:`cost_reading`. ``notes`` optionally
    adds a note to a method's legend entry (and the alt text), for example the
    assumption behind a curve and the chapter that derives it:
    ``notes={"param_shift": "chapter 3; assumes 1/ε² shots per circuit"}``.
    """
    methods, headline = _check_methods(methods, headline)
    notes = _check_notes(notes, methods)
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
    y_low = min(
        costs.circuit_time(1, max(eps_values)),
        *(c.min() for e in curves.values() for c in e.values()),
    )
    y_high = max(c.max() for e in curves.values() for c in e.values())

    style()
    fig, ax = plt.subplots(figsize=(7.2, 4.2), dpi=100, layout="constrained")
    plt.close(fig)
    width, height = fig.canvas.get_width_height()
    pixel_of = {}

    def draw(eps):
        ax.clear()
        log_log_axes(ax, "number of parameters M", "TIME(\u2207F)  [gate applications]")
        for m in methods:
            st = METHOD_STYLE[m]
            ax.plot(
                M_dense,
                curves[eps][m],
                color=st["color"],
                linestyle=st["linestyle"],
                label=_label(m, notes),
                linewidth=2,
            )
        ax.set_xlim(1, M_dense[-1])
        ax.set_ylim(y_low / 3, y_high * 3)
        ax.legend(loc="upper left")
        ax.set_title(f"gradient cost of each method at \u03b5 = {format_number(eps)}")
        fig.canvas.draw()
        # the axes box in pixels (top-left origin) and its log limits, for the marker layer
        box, (x_lo, x_hi), (y_lo, y_hi) = ax.bbox, ax.get_xlim(), ax.get_ylim()
        pixel_of[eps] = (
            box.x0,
            box.x1,
            height - box.y1,
            height - box.y0,
            np.log10(x_lo),
            np.log10(x_hi),
            np.log10(y_lo),
            np.log10(y_hi),
        )
        png = base64.b64encode(png_bytes(fig, dpi=100)).decode("ascii")
        alt = (
            "Log-log plot of the gradient cost in gate applications against the number of "
            f"parameters M at \u03b5 = {format_number(eps)}, one curve per method: "
            + "; ".join(_label(m, notes) for m in methods)
            + "."
        )
        return (
            f'<img src="data:image/png;base64,{png}" alt="{html.escape(alt)}" '
            f'width="{width}" height="{height}" style="display:block;width:100%;height:auto"/>'
        )

    def marker(M, eps):
        left, right, top, bottom, lx0, lx1, ly0, ly1 = pixel_of[eps]
        x = left + (math.log10(M) - lx0) / (lx1 - lx0) * (right - left)
        shapes = [marker_line(x, top, bottom)]
        for m in methods:
            y = bottom - (math.log10(float(costs.gradient_time(m, M, eps))) - ly0) / (ly1 - ly0) * (
                bottom - top
            )
            shapes.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5.5" fill="{METHOD_STYLE[m]["color"]}" '
                'stroke="black" stroke-width="1"/>'
            )
        return overlay_svg(width, height, shapes)

    def reading(M, eps):
        return reading_html(cost_reading(M, eps, methods, headline))

    return frame_explorer(
        [
            Axis("eps", "precision \u03b5", list(eps_values), default_eps),
            Axis("M", "parameters M", list(M_values), default_M),
        ],
        figure=[Layer(draw, ("eps",)), Layer(marker, ("eps", "M"))],
        reading=Layer(reading, ("eps", "M")),
    )
