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


# --------------------------------------------------------------------------
# Chapter 3: the parameter-shift rule
# --------------------------------------------------------------------------

def _accuracy_scans(scans, name: str = "scans") -> list:
    """Check a non-empty list of :class:`qbp_lessons.param_shift.AccuracyScan` (chapter 3)."""
    from .param_shift import AccuracyScan

    if isinstance(scans, AccuracyScan):
        scans = [scans]
    if isinstance(scans, (str, bytes)) or not isinstance(scans, (list, tuple)):
        raise TypeError(f"{name} must be a list of AccuracyScan results, got {type(scans).__name__}")
    if not scans:
        raise ValueError(f"{name} must hold at least one AccuracyScan")
    for scan in scans:
        if not isinstance(scan, AccuracyScan):
            raise TypeError(f"{name} must hold AccuracyScan results (param_shift.shots_for_accuracy), "
                            f"got {type(scan).__name__}")
    return list(scans)


def accuracy_label(scan) -> str:
    """How a reader names the accuracy target of an AccuracyScan: rms error, or all components at once."""
    if scan.delta is None:
        return "rms error \u2264 \u03b5"
    return f"all components within \u03b5, \u03b4 = {scan.delta:g}"


def shift_rule_figure(f, x0, r: float = 1.0, xlabel: str = "\u03b8\u2096", ylabel: str = "F"):
    """Chapter 3's picture of the two-term rule on one parameter.

    ``f`` is F as a function of the angle of one gate exp(-i x G) whose generator has
    eigenvalues +-r, so f is a sinusoid of period pi/r. The figure draws f over one
    period around ``x0``, the two evaluations the rule makes at ``x0 +- pi/(4r)``, and
    the tangent at x0 with the slope :func:`qbp_lessons.param_shift.shift_derivative`
    returns: two evaluations a quarter period apart give the exact slope.
    """
    import numbers

    import numpy as np

    from .param_shift import shift_derivative

    if not callable(f):
        raise TypeError(f"f must be a callable F(x), got {type(f).__name__}")
    if isinstance(x0, bool) or not isinstance(x0, numbers.Real) or not np.isfinite(x0):
        raise TypeError(f"x0 must be a finite real number, got {x0!r}")
    slope = shift_derivative(f, float(x0), r)        # also checks r
    s = np.pi / (4 * r)
    style()
    xs = np.linspace(x0 - 2 * s, x0 + 2 * s, 201)
    fs = np.array([f(float(x)) for x in xs])
    f0, f_plus, f_minus = f(float(x0)), f(float(x0 + s)), f(float(x0 - s))
    fig, ax = plt.subplots(figsize=(6.4, 3.6), layout="constrained")
    ax.plot(xs, fs, color=OKABE_ITO["black"], linewidth=2, label=f"F along one parameter (period \u03c0/{r:g})"
            if r != 1 else "F along one parameter (period \u03c0)")
    half = 0.6 * s
    ax.plot([x0 - half, x0 + half], [f0 - slope * half, f0 + slope * half], color=OKABE_ITO["vermillion"],
            linewidth=2, linestyle="--", label=f"tangent, slope r [F(x+s) \u2212 F(x\u2212s)] = {slope:.3f}")
    ps = METHOD_STYLE["param_shift"]
    ax.plot([x0 - s, x0 + s], [f_minus, f_plus], linestyle="none", marker=ps["marker"], markersize=9,
            color=ps["color"], markeredgecolor="black", label=f"the two shifted evaluations, s = \u03c0/{4 * r:g}")
    ax.plot([x0], [f0], linestyle="none", marker="o", color=OKABE_ITO["black"])
    for x in (x0 - s, x0 + s):
        ax.axvline(x, color=ps["color"], linewidth=1, alpha=0.6)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(loc="best")
    plt.close(fig)
    return fig


def shot_noise_figure(scan):
    """Chapter 3's figure of :func:`qbp_lessons.param_shift.error_vs_shots`.

    Left, log-log: the measured rms error of the shot-based gradient against the
    shots per circuit N, the prediction sqrt(mean Var) from the exact variance and
    the worst case sqrt(2 sum c^2 / N). Right: N times the measured per-component
    variance, which stays flat at the predicted value and under the bound 2 sum c^2.
    """
    import numpy as np

    from .param_shift import ShotScan

    if not isinstance(scan, ShotScan):
        raise TypeError(f"scan must be a ShotScan (param_shift.error_vs_shots), got {type(scan).__name__}")
    style()
    N = scan.shots.astype(float)
    N_line = np.geomspace(N.min() / 1.5, N.max() * 1.5, 50)
    ps = METHOD_STYLE["param_shift"]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
    log_log_axes(left, "shots per circuit N", "rms error of a gradient component")
    bound_c = scan.variance_bound[0] * N[0]           # 2 sum c^2
    pred_c = scan.predicted_variance[0] * N[0]         # mean exact variance times N
    left.plot(N_line, np.sqrt(bound_c / N_line), color=OKABE_ITO["black"], linestyle="--",
              label=f"bound \u221a({bound_c:g}/N)")
    left.plot(N_line, np.sqrt(pred_c / N_line), color=ps["color"], linestyle="-",
              label="predicted \u221a(mean Var), slope \u22121/2")
    left.plot(N, scan.rms_error, linestyle="none", marker=ps["marker"], color=ps["color"],
              markeredgecolor="black", label=f"measured, {scan.reps} gradients per N")
    left.legend(loc="lower left")
    left.set_title("error falls as 1/\u221aN")
    right.set_xscale("log")
    right.set_xlabel("shots per circuit N")
    right.set_ylabel("N \u00d7 variance of a component")
    right.axhline(bound_c, color=OKABE_ITO["black"], linestyle="--", label=f"bound {bound_c:g}")
    right.axhline(pred_c, color=ps["color"], linestyle="-", label="predicted (exact variance)")
    right.plot(N, scan.sample_variance * N, linestyle="none", marker=ps["marker"], color=ps["color"],
               markeredgecolor="black", label="measured (mean over components)")
    right.set_ylim(0, 1.25 * bound_c)
    right.legend(loc="lower left")
    right.set_title("variance \u00d7 N stays under the bound")
    plt.close(fig)
    return fig


def accuracy_figure(scans, methods=("function", "backprop_scaling"), M_line=None, figsize=None):
    """Chapter 3's figure: what eps-accurate parameter-shift gradients cost as M grows.

    ``scans``: one or more :class:`qbp_lessons.param_shift.AccuracyScan` (for example
    an rms target and an all-components target at the same eps). Left: the counted
    total shots against M on the model :func:`costs.param_shift_shots`, with the
    1/eps^2 shots of one evaluation of F. Right: the counted gate applications on the
    model :func:`costs.param_shift_time`, with the curves of ``methods`` (keys of
    :data:`costs.METHODS`) at the first scan's eps. Measured points sit on the
    model curves; parameter shift pulls away from backprop scaling. ``figsize``
    in inches (default: 10 wide, taller with more legend entries).
    """
    import numpy as np

    from . import costs

    scans = _accuracy_scans(scans)
    if isinstance(methods, str) or not isinstance(methods, (list, tuple)):
        raise TypeError(f"methods must be a list of method names, got {type(methods).__name__}")
    for m in methods:
        if m not in costs.METHODS or m == "param_shift":
            raise ValueError(f"methods must name keys of costs.METHODS other than 'param_shift', got {m!r}")
    M_all = np.concatenate([s.M for s in scans]).astype(float)
    if M_line is None:
        M_line = np.unique(np.round(np.geomspace(max(M_all.min() / 1.5, 1.0), M_all.max() * 1.5, 80)))
    M_line = np.asarray(M_line, dtype=float)
    eps = scans[0].eps
    style()
    if figsize is None:
        figsize = (10, 3.6 + 0.25 * (len(methods) + 2 * len(scans) + 1) / 2)
    fig, (left, right) = plt.subplots(1, 2, figsize=figsize, layout="constrained")
    log_log_axes(left, "number of parameters M", "total shots")
    log_log_axes(right, "number of parameters M", "TIME(\u2207F)  [gate applications]")
    fn = METHOD_STYLE["function"]
    one_f = "one evaluation of F: 1/\u03b5\u00b2 shots, TIME(F) = M/\u03b5\u00b2"
    left.plot(M_line, np.full_like(M_line, costs.shots_for_precision(eps)), color=fn["color"],
              linestyle=fn["linestyle"], label=one_f)
    for m in methods:
        st = METHOD_STYLE[m]
        right.plot(M_line, costs.gradient_time(m, M_line, eps), color=st["color"], linestyle=st["linestyle"],
                   label=one_f if m == "function" else costs.METHODS[m][0])
    ps = METHOD_STYLE["param_shift"]
    for i, scan in enumerate(scans):
        line = "-" if i == 0 else ":"
        face = ps["color"] if i == 0 else "white"
        target = accuracy_label(scan)
        for ax, model, measured in ((left, costs.param_shift_shots(M_line, scan.eps, scan.delta), scan.total_shots),
                                    (right, costs.param_shift_time(M_line, scan.eps, scan.delta), scan.gates)):
            ax.plot(M_line, model, color=ps["color"], linestyle=line, label=f"parameter shift, model ({target})")
            ax.plot(scan.M, measured, linestyle="none", marker=ps["marker"], markersize=7, color=ps["color"],
                    markerfacecolor=face, markeredgecolor="black", label=f"parameter shift, counted ({target})")
    ticks = np.unique(M_all)
    if len(ticks) <= 12:            # label the measured M values themselves (few ticks also draw faster)
        from matplotlib.ticker import FixedLocator, NullLocator

        for ax in (left, right):
            ax.xaxis.set_major_locator(FixedLocator(ticks))
            ax.xaxis.set_minor_locator(NullLocator())
            ax.set_xticklabels([f"{m:g}" for m in ticks])
    left.set_title(f"shots for an \u03b5 = {eps:g} gradient")
    right.set_title("gate applications")
    handles = {}
    for ax in (left, right):
        for handle, label in zip(*ax.get_legend_handles_labels()):
            handles.setdefault(label, handle)
    fig.legend(handles.values(), handles.keys(), loc="outside lower center", ncol=2)
    plt.close(fig)
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
