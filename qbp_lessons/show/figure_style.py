"""The book's figure style: one colour-blind-safe palette, labelled log axes, white cards.

The palette is Okabe & Ito's colour-blind-safe set; every method keeps its colour
and marker across the whole book, so a reader who learns "orange squares are
parameter shift" in chapter 1 can read every later figure at a glance. Figures
have a white background, which stays readable when the website is in dark mode.
Measured (counted) values are drawn as markers, models as lines.

Introduced in chapter 1.
"""

from __future__ import annotations

import io

import matplotlib
import numpy as np
import matplotlib.pyplot as plt
from matplotlib.ticker import LogLocator

from qbp_lessons._validate import bounded_int, positive_real

__all__ = [
    "OKABE_ITO",
    "METHOD_STYLE",
    "MAX_DPI",
    "MAX_INCHES",
    "style",
    "figure_size",
    "log_log_axes",
    "png_bytes",
]


OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}


METHOD_STYLE = {
    "function": dict(color=OKABE_ITO["black"], marker="o", linestyle="-"),
    "backprop": dict(color=OKABE_ITO["green"], marker="^", linestyle="-"),
    "backprop_scaling": dict(color=OKABE_ITO["green"], marker="^", linestyle="--"),
    "finite_difference": dict(color=OKABE_ITO["vermillion"], marker="s", linestyle="-"),
    "autograd": dict(color=OKABE_ITO["blue"], marker="D", linestyle=":"),
    "param_shift": dict(color=OKABE_ITO["orange"], marker="s", linestyle="-"),
    "spsa": dict(color=OKABE_ITO["purple"], marker="v", linestyle="-."),
    "shadows": dict(color=OKABE_ITO["sky"], marker="P", linestyle="-"),
    "commuting": dict(color=OKABE_ITO["blue"], marker="X", linestyle=":"),
}


_RC = {
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "font.size": 10,
    "legend.fontsize": 8.5,
    "legend.frameon": False,
    "axes.prop_cycle": matplotlib.cycler(color=list(OKABE_ITO.values())[1:] + ["#000000"]),
}


#: Largest width or height of a figure, in inches (a page is about 10 wide).
MAX_INCHES = 40.0


def figure_size(figsize, name: str = "figsize") -> tuple[float, float]:
    """A figure's (width, height) in inches: two real numbers in (0, MAX_INCHES]."""
    if isinstance(figsize, (str, bytes)) or not isinstance(figsize, (tuple, list, np.ndarray)):
        raise TypeError(f"{name} must be a (width, height) pair, got {type(figsize).__name__}")
    if len(figsize) != 2:
        raise ValueError(f"{name} must be a (width, height) pair, got {len(figsize)} values")
    return tuple(
        positive_real(f"{name}[{i}]", value, upper=MAX_INCHES) for i, value in enumerate(figsize)
    )


def style() -> None:
    """Apply the book's figure style to matplotlib (call once per notebook)."""
    plt.rcParams.update(_RC)


def log_log_axes(ax, xlabel: str, ylabel: str) -> None:
    """Put both axes on log scales with decade ticks and the given labels."""
    from matplotlib.axes import Axes

    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes, got {type(ax).__name__}")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.xaxis.set_major_locator(LogLocator(base=10, numticks=12))
    ax.yaxis.set_major_locator(LogLocator(base=10, numticks=12))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)


#: Highest resolution a widget frame is rendered at (a 7-inch figure at 300 dpi is 2100 px).
MAX_DPI = 300


def png_bytes(fig, dpi: int = 80, colors: int = 64) -> bytes:
    """Render ``fig`` to a palette PNG (a few kB: small enough for many widget frames)."""
    from matplotlib.figure import Figure
    from PIL import Image

    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    dpi = bounded_int("dpi", dpi, minimum=10, maximum=MAX_DPI)
    colors = bounded_int("colors", colors, minimum=2, maximum=256)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    buffer.seek(0)
    image = (
        Image.open(buffer).convert("RGB").quantize(colors=colors, method=Image.Quantize.MEDIANCUT)
    )
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
