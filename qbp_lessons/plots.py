"""Figure style shared by every chapter: one palette, labelled log axes, white cards.

The palette is Okabe & Ito's colour-blind-safe set; every method keeps its colour
and marker across the whole book, so a reader who learns "orange squares are
parameter shift" in chapter 1 can read every later figure at a glance. Figures
have a white background, which stays readable when the website is in dark mode.
"""

from __future__ import annotations

import io

import matplotlib
import matplotlib.pyplot as plt
from matplotlib.ticker import LogLocator

#: Okabe-Ito colours (Okabe & Ito 2008, "Color Universal Design").
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

#: One colour, marker and line style per method, used by every figure of the book.
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


def style() -> None:
    """Apply the book's figure style to matplotlib (call once per notebook)."""
    plt.rcParams.update(_RC)


def log_log_axes(ax, xlabel: str, ylabel: str) -> None:
    """Put both axes on log scales with decade ticks and the given labels."""
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.xaxis.set_major_locator(LogLocator(base=10, numticks=12))
    ax.yaxis.set_major_locator(LogLocator(base=10, numticks=12))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)


def png_bytes(fig, dpi: int = 80, colors: int = 64) -> bytes:
    """Render ``fig`` to a palette PNG (a few kB: small enough for many widget frames)."""
    from PIL import Image

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    buffer.seek(0)
    image = Image.open(buffer).convert("RGB").quantize(colors=colors, method=Image.Quantize.MEDIANCUT)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def omega_figure(measurements):
    """Chapter 1's figure: measured TIME and MEMORY ratios of the gradient against M.

    Left: TIME(grad F) / TIME(F) for our backprop, autograd and finite differences,
    with the finite-difference model M + 1 from :mod:`qbp_lessons.costs`. Right:
    MEMORY(grad F) / MEMORY(F). ``measurements`` is the list returned by
    :func:`qbp_lessons.classical.sweep_omega`.
    """
    import numpy as np

    from . import costs

    if not measurements:
        raise ValueError("measurements must hold at least one OmegaMeasurement")
    style()
    M = np.array([m.M for m in measurements], dtype=float)
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
    log_log_axes(left, "number of parameters M", "TIME(\u2207F) / TIME(F)")
    M_line = np.unique(np.round(np.geomspace(M.min() / 2, M.max() * 2, 50)))
    fd = METHOD_STYLE["finite_difference"]
    left.plot(M_line, costs.finite_difference_evaluations(M_line, measurements[0].fd_scheme),
              color=fd["color"], linestyle="-", label="finite differences, model M + 1")
    measured = np.array([m.fd_measured for m in measurements])
    ratios = np.array([m.fd_ratio for m in measurements])
    left.plot(M[measured], ratios[measured], linestyle="none", marker=fd["marker"], color=fd["color"],
              markeredgecolor="black", label="finite differences, measured")
    for key, values, label in [("backprop", [m.omega1 for m in measurements], "backprop (qbp_lessons), measured"),
                               ("autograd", [m.omega1_autograd for m in measurements], "autograd, measured")]:
        if any(v is None for v in values):
            continue
        st = METHOD_STYLE[key]
        left.plot(M, values, marker=st["marker"], color=st["color"], linestyle=st["linestyle"],
                  markeredgecolor="black", label=label)
    left.axhspan(2, 4, color=OKABE_ITO["green"], alpha=0.12, label="the talk's \u03c9 \u2208 [2, 4]")
    left.legend(loc="upper left")
    left.set_title("time")

    right.set_xscale("log")
    right.set_xlabel("number of parameters M")
    right.set_ylabel("MEMORY(\u2207F) / MEMORY(F)")
    right.axhspan(2, 4, color=OKABE_ITO["green"], alpha=0.12, label="the talk's \u03c9 \u2208 [2, 4]")
    st = METHOD_STYLE["backprop"]
    right.plot(M, [m.omega2 for m in measurements], marker=st["marker"], color=st["color"],
               markeredgecolor="black", label="backprop (qbp_lessons)")
    if all(m.omega2_autograd is not None for m in measurements):
        st = METHOD_STYLE["autograd"]
        right.plot(M, [m.omega2_autograd for m in measurements], marker=st["marker"], color=st["color"],
                   linestyle=st["linestyle"], markeredgecolor="black", label="autograd")
    right.set_ylim(0, 5)
    right.legend(loc="lower right")
    right.set_title("memory")
    plt.close(fig)  # returned for display, not left open for pyplot to show a second time
    return fig


def simulator_timing_figure(sweep, lightning=None):
    """Chapter 2's figure: time of F and of two gradients of the statevector simulator against M.

    ``sweep`` is a list of :class:`qbp_lessons.widgets.SimulatorCosts` at one n
    (from :func:`~qbp_lessons.widgets.measure_simulator_costs`). Left: seconds
    against M for F, the adjoint gradient and the inserted-state gradient
    (filled where measured, hollow where estimated from its gate count), and,
    if given, ``lightning`` = ``{M: (seconds of F, seconds of grad F)}`` for
    PennyLane's lightning.qubit adjoint. Right: each gradient's time divided by
    the same engine's TIME(F), with the exact gate-count ratios as lines.
    """
    import numpy as np

    from . import circuits

    if not sweep:
        raise ValueError("sweep must hold at least one SimulatorCosts")
    style()
    M = np.array([c.M for c in sweep], dtype=float)
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
    log_log_axes(left, "number of gates M", "seconds")
    log_log_axes(right, "number of gates M", "TIME(\u2207F) / TIME(F)")
    series = [("forward", "function", "F, one forward pass"),
              ("adjoint", "backprop", "\u2207F, adjoint (ours)"),
              ("inserted", "param_shift", "\u2207F, one inserted state per k (ours)")]
    for key, style_key, label in series:
        st = METHOD_STYLE[style_key]
        t = np.array([c.seconds[key] for c in sweep])
        measured = np.array([key != "inserted" or c.inserted_measured for c in sweep])
        left.plot(M, t, color=st["color"], linestyle=st["linestyle"], linewidth=1)
        left.plot(M[measured], t[measured], linestyle="none", marker=st["marker"], color=st["color"],
                  markeredgecolor="black", label=label + ", measured")
        if not measured.all():
            left.plot(M[~measured], t[~measured], linestyle="none", marker=st["marker"], markerfacecolor="white",
                      color=st["color"], label=label + ", from its gate count")
        if key != "forward":
            ratio = t / np.array([c.seconds["forward"] for c in sweep])
            right.plot(M[measured], ratio[measured], linestyle="none", marker=st["marker"], color=st["color"],
                       markeredgecolor="black", label=label.split(" (")[0] + ", measured")
            name = "adjoint" if key == "adjoint" else "inserted"
            counts = [circuits.expected_gate_count(name, int(m)).total / circuits.expected_gate_count("expval", int(m)).total
                      for m in M]
            right.plot(M, counts, color=st["color"], linestyle=st["linestyle"], linewidth=1.5,
                       label=label.split(" (")[0] + ", gate count")
    if lightning:
        st = METHOD_STYLE["autograd"]
        Ml = np.array(sorted(lightning), dtype=float)
        tl = np.array([lightning[int(m)] for m in Ml])
        left.plot(Ml, tl[:, 1], linestyle=st["linestyle"], marker=st["marker"], color=st["color"],
                  markeredgecolor="black", label="\u2207F, PennyLane lightning.qubit adjoint")
        right.plot(Ml, tl[:, 1] / tl[:, 0], linestyle=st["linestyle"], marker=st["marker"], color=st["color"],
                   markeredgecolor="black", label="lightning.qubit adjoint / its own F")
    left.legend(loc="upper left")
    left.set_title(f"time on n = {sweep[0].n} qubits")
    right.legend(loc="upper left")
    right.set_title("relative to one forward pass")
    plt.close(fig)  # returned for display, not left open for pyplot to show a second time
    return fig
