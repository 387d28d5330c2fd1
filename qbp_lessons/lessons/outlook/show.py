"""Chapter 8's presentation: the cost of a gradient by method, the variance against n, and an
explorer of the gradient's distribution on a plateau.

Everything drawn comes from :mod:`qbp_lessons.costs` (modelled: lines) or from a
:class:`~qbp_lessons.lessons.outlook.compute.PlateauScan` (measured: markers); nothing here
simulates. Introduced in chapter 8.
"""

from __future__ import annotations

import base64
import html

import matplotlib.pyplot as plt
import numpy as np

from qbp_lessons import costs
from qbp_lessons._validate import positive_real
from qbp_lessons.lessons.outlook.compute import (
    PlateauScan,
    fit_log2_chi2_per_dof,
    fit_log2_slope,
    two_design_variance,
)
from qbp_lessons.show.figure_style import OKABE_ITO, log_log_axes, png_bytes, style
from qbp_lessons.show.frames import Axis, Layer, frame_explorer, reading_html

__all__ = ["cost_figure", "variance_figure", "plateau_reading", "plateau_explorer"]

_STYLE = {
    ("global", "deep"): (OKABE_ITO["vermillion"], "o", "-"),
    ("local", "deep"): (OKABE_ITO["orange"], "s", "--"),
    ("global", "shallow"): (OKABE_ITO["blue"], "^", "-."),
    ("local", "shallow"): (OKABE_ITO["green"], "D", ":"),
}


def _scans(scans) -> list[PlateauScan]:
    if isinstance(scans, PlateauScan) or not isinstance(scans, (list, tuple)):
        raise TypeError(f"scans must be a list of PlateauScan, got {type(scans).__name__}")
    if not scans or not all(isinstance(s, PlateauScan) for s in scans):
        raise TypeError("scans must be a non-empty list of PlateauScan (from outlook.plateau_scan)")
    return list(scans)


def cost_figure(eps: float = 0.01, M_max: float = 1e5, delta: float = 0.01):
    """TIME(grad F) against M at one eps and one target, in gate applications: models only.

    Every curve meets the same target, all M components within eps at once with
    probability >= 1 - delta (the largest error, the l-infinity norm): parameter shift
    and commuting generators with Hoeffding's ln(2M/delta) shots, the quantum gradient
    algorithm (M sqrt(M)/eps, coherent access, its constant set to 1 and its polylog
    factors dropped: an order of magnitude only, drawn with a shaded band a factor
    ln(2M/delta) either way), the talk's target max(ln M, 1) TIME(F) (natural log, clamped
    at 1, :func:`~qbp_lessons.costs.backprop_scaling_time`) and TIME(F) itself, each
    evaluation within eps with probability >= 1 - delta. Introduced in chapter 8.
    """
    eps = positive_real("eps", eps, upper=1.0)
    M_max = positive_real("M_max", M_max, upper=1e8)
    delta = positive_real("delta", delta, upper=0.5)
    if M_max < 10:
        raise ValueError(f"M_max must be at least 10, got {M_max}")
    style()
    M = np.unique(np.round(np.geomspace(1, M_max, 80)).astype(int))
    fig, ax = plt.subplots(figsize=(6.4, 4.2), layout="constrained")
    log_log_axes(ax, "parameters M", "gate applications per gradient")
    rows = [
        (
            "parameter shift, 8 ln(2M/\u03b4) M\u00b2/\u03b5\u00b2 (ch. 3)",
            costs.param_shift_time(M, eps, delta),
            OKABE_ITO["vermillion"],
            "-",
        ),
        (
            "commuting generators, 8 ln(2M/\u03b4) M/\u03b5\u00b2 (ch. 7)",
            costs.commuting_time(M, eps, delta),
            OKABE_ITO["orange"],
            (0, (5, 1, 1, 1)),
        ),
        (
            "quantum gradient, M\u00b7\u221aM/\u03b5 (coherent access; order of magnitude)",
            costs.quantum_gradient_time(M, eps),
            OKABE_ITO["blue"],
            "--",
        ),
        (
            "talk's target, max(ln M, 1) \u00b7 TIME(F)",
            costs.backprop_scaling_time(M, eps, delta),
            OKABE_ITO["green"],
            "-.",
        ),
        (
            "one evaluation, TIME(F) = 2 ln(2/\u03b4) M/\u03b5\u00b2",
            costs.circuit_time(M, eps, delta),
            "#777777",
            ":",
        ),
    ]
    for label, y, colour, line in rows:
        ax.plot(M, y, color=colour, linestyle=line, label=f"model: {label}")
    # the quantum gradient's dropped constant and polylogarithmic factors: a factor
    # ln(2M/delta) either way shows how far the unknown factors can move its line
    quantum = costs.quantum_gradient_time(M, eps)
    spread = np.log(2 * M / delta)
    ax.fill_between(
        M,
        quantum / spread,
        quantum * spread,
        color=OKABE_ITO["blue"],
        alpha=0.15,
        linewidth=0,
        label="quantum gradient \u00d7 or \u00f7 ln(2M/\u03b4): its dropped factors",
    )
    ax.set_title(
        f"every component within \u03b5 = {eps:g} with probability \u2265 1 \u2212 \u03b4,"
        f" \u03b4 = {delta:g}",
        fontsize=10,
    )
    ax.legend(loc="upper left", fontsize=7.5)
    plt.close(fig)
    return fig


def variance_figure(scans):
    """log2 Var(dF/dtheta_1) against n: measured markers with error bars, fitted lines (slope
    standard errors scaled by sqrt(chi^2/dof) when above 1), and the
    2-design model (:func:`~qbp_lessons.lessons.outlook.compute.two_design_variance`) as a
    thick grey line behind them."""
    scans = _scans(scans)
    style()
    fig, ax = plt.subplots(figsize=(6.4, 4.2), layout="constrained")
    grid = np.arange(min(int(s.ns.min()) for s in scans), max(int(s.ns.max()) for s in scans) + 1)
    ax.plot(
        grid,
        two_design_variance(grid),
        color="#999999",
        linewidth=5,
        alpha=0.6,
        zorder=0,
        label="model: 2-design, (2/3)\u00b72N/(N\u00b2\u22121)",
    )
    for scan in scans:
        colour, marker, line = _STYLE[(scan.observable, scan.depth)]
        ns = np.asarray(scan.ns, dtype=float)
        var, se = scan.variances, scan.standard_errors
        slope, slope_se, intercept = fit_log2_slope(ns, var, se)
        # the slope's standard error scaled by sqrt(chi^2/dof) when that is above 1
        slope_se *= np.sqrt(max(fit_log2_chi2_per_dof(ns, var, se), 1.0))
        ax.errorbar(
            ns,
            var,
            yerr=se,
            linestyle="none",
            marker=marker,
            color=colour,
            markeredgecolor="black",
            capsize=2,
            label=f"measured, {scan.observable} O, {scan.depth}",
        )
        ax.plot(
            ns,
            2.0 ** (intercept + slope * ns),
            color=colour,
            linestyle=line,
            label=f"fit: slope {slope:.2f} \u00b1 {slope_se:.2f}",
        )
    ax.set_yscale("log", base=2)
    ax.set_xlabel("qubits n")
    ax.set_ylabel("Var(\u2202F/\u2202\u03b8\u2081)")
    ax.legend(loc="lower left", fontsize=7, ncol=2)
    plt.close(fig)
    return fig


def plateau_reading(scan: PlateauScan, i: int) -> str:
    """One sentence on n = scan.ns[i]: the measured variance and the shots it asks for."""
    (scan,) = _scans([scan])
    if not isinstance(i, int) or not 0 <= i < len(scan.ns):
        raise ValueError(f"i must be an index into scan.ns (0 to {len(scan.ns) - 1}), got {i!r}")
    var = scan.variances[i]
    return (
        f"n = {int(scan.ns[i])}, {scan.observable} observable, {scan.depth} circuit:"
        f" Var(\u2202F/\u2202\u03b8\u2081) = {var:.3g} over {scan.samples.shape[1]} random draws"
        f" (measured). A gradient of typical size {np.sqrt(var):.3g} needs \u03b5 of that"
        f" size: parameter shift needs about {2 / var:,.0f} shots on each of its two"
        f" circuits, {4 / var:,.0f} per component."
    )


def plateau_explorer(scans):
    """Sliders for n and the circuit type: the histogram of the measured dF/dtheta_1.

    Every frame is drawn when the notebook runs, so it responds on the static site.
    """
    scans = _scans(scans)
    ns = [int(v) for v in scans[0].ns]
    if any([int(v) for v in s.ns] != ns for s in scans):
        raise ValueError("scans must all cover the same ns")
    names = [f"{s.observable} O, {s.depth}" for s in scans]
    style()
    edges = np.linspace(-1.0, 1.0, 61)

    def draw(kind, n):
        scan, i = scans[names.index(kind)], ns.index(n)
        colour, _, _ = _STYLE[(scan.observable, scan.depth)]
        fig, ax = plt.subplots(figsize=(6.4, 3.0), layout="constrained")
        ax.hist(
            np.clip(scan.samples[i], -1, 1),
            bins=edges,
            color=colour,
            edgecolor="black",
            linewidth=0.5,
            label="measured: \u2202F/\u2202\u03b8\u2081 of each random draw",
        )
        sd = np.sqrt(scan.variances[i])
        ax.axvspan(-sd, sd, color="#999999", alpha=0.3, label="\u00b1 measured standard deviation")
        ax.set_xlim(-1, 1)
        ax.set_ylim(0, scan.samples.shape[1])
        ax.set_xlabel("\u2202F/\u2202\u03b8\u2081")
        ax.set_ylabel("random draws")
        ax.legend(loc="upper left", fontsize=7.5)
        png = base64.b64encode(png_bytes(fig, dpi=80)).decode("ascii")
        w, h = fig.canvas.get_width_height()
        plt.close(fig)
        alt = (
            f"A histogram of {scan.samples.shape[1]} gradient components at n = {n} for the"
            f" {kind} circuit; the narrower it is, the flatter the landscape."
        )
        return (
            f'<img src="data:image/png;base64,{png}" alt="{html.escape(alt)}" '
            f'width="{w * 80 // 100}" height="{h * 80 // 100}" '
            'style="display:block;width:100%;height:auto"/>'
        )

    def reading(kind, n):
        return reading_html(plateau_reading(scans[names.index(kind)], ns.index(n)))

    return frame_explorer(
        [Axis("kind", "circuit", names, names[0]), Axis("n", "qubits n", ns, ns[len(ns) // 2])],
        figure=[Layer(draw, ("kind", "n"))],
        reading=Layer(reading, ("kind", "n")),
    )
