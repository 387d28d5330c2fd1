"""Chapter 3's presentation: the shift rule, shot noise, and measured costs on the models.

Introduced in chapter 3.
"""

from __future__ import annotations

import base64
import numbers
import html
from typing import Sequence

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from qbp_lessons import costs
from qbp_lessons._validate import choice, real_array
from qbp_lessons.lessons.param_shift.rules import ShiftRuleScan
from qbp_lessons.lessons.param_shift.scans import AccuracyScan, ShotScan, ShotsNeeded
from qbp_lessons.show.format import format_number
from qbp_lessons.show.frames import (
    Axis,
    Layer,
    frame_explorer,
    marker_line,
    overlay_svg,
    reading_html,
)
from qbp_lessons.show.figure_style import (
    METHOD_STYLE,
    OKABE_ITO,
    figure_size,
    log_log_axes,
    png_bytes,
    style,
)

__all__ = [
    "check_accuracy_scans",
    "accuracy_label",
    "shift_rule_figure",
    "shift_variance_figure",
    "shot_noise_figure",
    "accuracy_figure",
    "accuracy_reading",
    "accuracy_explorer",
]


def check_accuracy_scans(scans, name: str = "scans") -> list:
    """Check a non-empty list of :class:`~qbp_lessons.lessons.param_shift.scans.AccuracyScan`."""

    if isinstance(scans, AccuracyScan):
        scans = [scans]
    if isinstance(scans, (str, bytes)) or not isinstance(scans, (list, tuple)):
        raise TypeError(
            f"{name} must be a list of AccuracyScan results, got {type(scans).__name__}"
        )
    if not scans:
        raise ValueError(f"{name} must hold at least one AccuracyScan")
    for scan in scans:
        if not isinstance(scan, AccuracyScan):
            raise TypeError(
                f"{name} must hold AccuracyScan results (param_shift.shots_for_accuracy), "
                f"got {type(scan).__name__}"
            )
    return list(scans)


def accuracy_label(scan) -> str:
    """How a reader names an AccuracyScan's target: rms error, or all components at once."""
    if not isinstance(scan, AccuracyScan):
        raise TypeError(f"scan must be an AccuracyScan, got {type(scan).__name__}")
    if scan.delta is None:
        return "rms error \u2264 \u03b5"
    return f"all components within \u03b5, \u03b4 = {scan.delta:g}"


def shift_rule_figure(scan: ShiftRuleScan, xlabel: str = "\u03b8\u2096", ylabel: str = "F"):
    """Chapter 3's picture of the two-term rule on one parameter.

    ``scan`` comes from :func:`qbp_lessons.lessons.param_shift.rules.shift_rule_scan`: F along
    the angle of one gate whose generator has eigenvalues +-r (a sinusoid of
    period pi/r) over one period around x0, the two evaluations the rule makes at
    x0 +- pi/(4r), and the slope the rule returns, drawn as the tangent at x0.
    """
    if not isinstance(scan, ShiftRuleScan):
        raise TypeError(
            f"scan must be a ShiftRuleScan (param_shift.shift_rule_scan), got {type(scan).__name__}"
        )
    for name, value in (("xlabel", xlabel), ("ylabel", ylabel)):
        if not isinstance(value, str):
            raise TypeError(f"{name} must be a string, got {type(value).__name__}")
    x0, s, r, slope = scan.x0, scan.shift, scan.r, scan.slope
    style()
    fig, ax = plt.subplots(figsize=(6.4, 3.6), layout="constrained")
    ax.plot(
        scan.xs,
        scan.fs,
        color=OKABE_ITO["black"],
        linewidth=2,
        label=(
            f"F along one parameter (period \u03c0/{r:g})"
            if r != 1
            else "F along one parameter (period \u03c0)"
        ),
    )
    half = 0.6 * s
    ax.plot(
        [x0 - half, x0 + half],
        [scan.f0 - slope * half, scan.f0 + slope * half],
        color=OKABE_ITO["vermillion"],
        linewidth=2,
        linestyle="--",
        label=f"tangent, slope r [F(x+s) \u2212 F(x\u2212s)] = {slope:.3f}",
    )
    ps = METHOD_STYLE["param_shift"]
    ax.plot(
        [x0 - s, x0 + s],
        [scan.f_minus, scan.f_plus],
        linestyle="none",
        marker=ps["marker"],
        markersize=9,
        color=ps["color"],
        markeredgecolor="black",
        label=f"the two shifted evaluations, s = \u03c0/{4 * r:g}",
    )
    ax.plot([x0], [scan.f0], linestyle="none", marker="o", color=OKABE_ITO["black"])
    for x in (x0 - s, x0 + s):
        ax.axvline(x, color=ps["color"], linewidth=1, alpha=0.6)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(loc="best")
    plt.close(fig)
    return fig


def shift_variance_figure(shifts, variance, bound, best, measured=None):
    """Chapter 3's figure: the variance of the shift-s estimate against s, exact and worst case.

    ``shifts``, ``variance``, ``bound``: N times the exact variance
    (:func:`qbp_lessons.lessons.param_shift.gradients.shift_variance`) and the worst case
    2 / sin^2 2s on a grid of shifts (lines); ``best``: ``(s, N Var)`` at the least noisy shift;
    ``measured``: optional ``{s: N Var}`` measured from shots (markers).
    """
    shifts, variance, bound = (
        real_array(name, a)
        for name, a in (("shifts", shifts), ("variance", variance), ("bound", bound))
    )
    if (
        shifts.ndim != 1
        or shifts.shape != variance.shape
        or shifts.shape != bound.shape
        or shifts.size < 2
    ):
        raise ValueError(
            "shifts, variance and bound must be 1-d arrays of the same length (at least 2)"
        )
    if not (isinstance(best, (tuple, list)) and len(best) == 2):
        raise TypeError("best must be a pair (s, N Var)")
    if measured is not None and not isinstance(measured, dict):
        raise TypeError(
            f"measured must be a dict {{s: N Var}} or None, got {type(measured).__name__}"
        )
    style()
    fig, ax = plt.subplots(figsize=(6.4, 3.8), layout="constrained")
    ps = METHOD_STYLE["param_shift"]
    ax.plot(
        shifts, bound, color=OKABE_ITO["black"], linestyle="--", label="worst case 2 / sin\u00b2 2s"
    )
    ax.plot(shifts, variance, color=ps["color"], linestyle="-", label="exact, this F")
    ax.axvline(np.pi / 4, color=OKABE_ITO["black"], linewidth=1, linestyle=":")
    ax.plot(
        [best[0]],
        [best[1]],
        linestyle="none",
        marker="*",
        markersize=14,
        color=OKABE_ITO["vermillion"],
        markeredgecolor="black",
        label=f"least noisy, s = {best[0]:.3f}",
    )
    if measured:
        xs = np.array(sorted(measured))
        ax.plot(
            xs,
            [measured[x] for x in xs],
            linestyle="none",
            marker=ps["marker"],
            color=ps["color"],
            markeredgecolor="black",
            label="measured from shots",
        )
    ax.set_xlabel("shift s")
    ax.set_ylabel("N \u00d7 variance of the estimate")
    ax.set_yscale("log")
    ax.set_xlim(0, np.pi / 2)
    ax.set_xticks(
        [0, np.pi / 8, np.pi / 4, 3 * np.pi / 8, np.pi / 2],
        ["0", "\u03c0/8", "\u03c0/4", "3\u03c0/8", "\u03c0/2"],
    )
    ax.legend(loc="upper center")
    plt.close(fig)
    return fig


def shot_noise_figure(scan):
    """Chapter 3's figure of :func:`qbp_lessons.lessons.param_shift.scans.error_vs_shots`.

    Left, log-log: the measured rms error of the shot-based gradient against the
    shots per circuit N, the prediction sqrt(mean Var) from the exact variance and
    the worst case sqrt(2 sum c^2 / N). Right: N times the measured per-component
    variance, which stays flat at the predicted value and under the bound 2 sum c^2.
    """

    if not isinstance(scan, ShotScan):
        raise TypeError(
            f"scan must be a ShotScan (param_shift.error_vs_shots), got {type(scan).__name__}"
        )
    style()
    N = scan.shots.astype(float)
    N_line = np.geomspace(N.min() / 1.5, N.max() * 1.5, 50)
    ps = METHOD_STYLE["param_shift"]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
    log_log_axes(left, "shots per circuit N", "rms error of a gradient component")
    bound_c = scan.variance_bound[0] * N[0]  # 2 sum c^2
    pred_c = scan.predicted_variance[0] * N[0]  # mean exact variance times N
    left.plot(
        N_line,
        np.sqrt(bound_c / N_line),
        color=OKABE_ITO["black"],
        linestyle="--",
        label=f"bound \u221a({bound_c:g}/N)",
    )
    left.plot(
        N_line,
        np.sqrt(pred_c / N_line),
        color=ps["color"],
        linestyle="-",
        label="predicted \u221a(mean Var), slope \u22121/2",
    )
    left.plot(
        N,
        scan.rms_error,
        linestyle="none",
        marker=ps["marker"],
        color=ps["color"],
        markeredgecolor="black",
        label=f"measured, {scan.reps} gradients per N",
    )
    left.legend(loc="lower left")
    left.set_title("error falls as 1/\u221aN")
    right.set_xscale("log")
    right.set_xlabel("shots per circuit N")
    right.set_ylabel("N \u00d7 variance of a component")
    right.axhline(bound_c, color=OKABE_ITO["black"], linestyle="--", label=f"bound {bound_c:g}")
    right.axhline(pred_c, color=ps["color"], linestyle="-", label="predicted (exact variance)")
    right.plot(
        N,
        scan.sample_variance * N,
        linestyle="none",
        marker=ps["marker"],
        color=ps["color"],
        markeredgecolor="black",
        label="measured (mean over components)",
    )
    right.set_ylim(0, 1.25 * bound_c)
    right.legend(loc="lower left")
    right.set_title("variance \u00d7 N stays under the bound")
    plt.close(fig)
    return fig


def accuracy_figure(
    scans, methods=("function", "backprop_scaling"), M_line=None, figsize=None, needed=()
):
    """Chapter 3's figure: what eps-accurate parameter-shift gradients cost as M grows.

    ``scans``: one or more :class:`qbp_lessons.lessons.param_shift.scans.AccuracyScan` (for
    example
    an rms target and an all-components target at the same eps). Left: the counted
    total shots against M on the model :func:`costs.param_shift_shots`, with the
    1/eps^2 shots of one evaluation of F. Right: the counted gate applications on the
    model :func:`costs.param_shift_time`, with the curves of ``methods`` (keys of
    :data:`costs.METHODS`) at the first scan's eps. Measured points sit on the
    model curves by construction (the shots per circuit come from the model, so they
    are an implementation check); parameter shift pulls away from backprop scaling.
    ``needed``: :class:`~qbp_lessons.lessons.param_shift.scans.ShotsNeeded` results
    (:func:`~qbp_lessons.lessons.param_shift.scans.shots_needed`), drawn as diamonds
    at the shots a bisection measured, the measurement the model is tested by.
    ``figsize`` in inches (default: 10 wide, taller with more legend entries).
    """

    scans = check_accuracy_scans(scans)
    if isinstance(needed, ShotsNeeded):
        needed = [needed]
    if isinstance(needed, (str, bytes)) or not isinstance(needed, (list, tuple)):
        raise TypeError(
            f"needed must be a list of ShotsNeeded results, got {type(needed).__name__}"
        )
    for result in needed:
        if not isinstance(result, ShotsNeeded):
            raise TypeError(
                "needed must hold ShotsNeeded results (param_shift.shots_needed), "
                f"got {type(result).__name__}"
            )
    if isinstance(methods, str) or not isinstance(methods, (list, tuple)):
        raise TypeError(f"methods must be a list of method names, got {type(methods).__name__}")
    for m in methods:
        if m not in costs.METHODS or m == "param_shift":
            raise ValueError(
                f"methods must name keys of costs.METHODS other than 'param_shift', got {m!r}"
            )
    M_all = np.concatenate([s.M for s in scans] + [r.M for r in needed]).astype(float)
    if M_line is None:
        M_line = np.unique(
            np.round(np.geomspace(max(M_all.min() / 1.5, 1.0), M_all.max() * 1.5, 80))
        )
    M_line = np.asarray(M_line, dtype=float)
    eps = scans[0].eps
    style()
    if figsize is None:
        figsize = (10, 3.6 + 0.25 * (len(methods) + 2 * len(scans) + len(needed) + 1) / 2)
    figsize = figure_size(figsize)
    fig, (left, right) = plt.subplots(1, 2, figsize=figsize, layout="constrained")
    log_log_axes(left, "number of parameters M", "total shots")
    log_log_axes(right, "number of parameters M", "TIME(\u2207F)  [gate applications]")
    fn = METHOD_STYLE["function"]
    one_f = "one evaluation of F: 1/\u03b5\u00b2 shots, TIME(F) = M/\u03b5\u00b2"
    left.plot(
        M_line,
        np.full_like(M_line, costs.shots_for_precision(eps)),
        color=fn["color"],
        linestyle=fn["linestyle"],
        label=one_f,
    )
    for m in methods:
        st = METHOD_STYLE[m]
        right.plot(
            M_line,
            costs.gradient_time(m, M_line, eps),
            color=st["color"],
            linestyle=st["linestyle"],
            label=one_f if m == "function" else costs.METHODS[m][0],
        )
    ps = METHOD_STYLE["param_shift"]
    for i, scan in enumerate(scans):
        line = "-" if i == 0 else ":"
        face = ps["color"] if i == 0 else "white"
        target = accuracy_label(scan)
        for ax, model, measured in (
            (left, costs.param_shift_shots(M_line, scan.eps, scan.delta), scan.total_shots),
            (right, costs.param_shift_time(M_line, scan.eps, scan.delta), scan.gates),
        ):
            ax.plot(
                M_line,
                model,
                color=ps["color"],
                linestyle=line,
                label=f"parameter shift, model ({target})",
            )
            ax.plot(
                scan.M,
                measured,
                linestyle="none",
                marker=ps["marker"],
                markersize=7,
                color=ps["color"],
                markerfacecolor=face,
                markeredgecolor="black",
                label=f"parameter shift, counted at the model's N ({target})",
            )
    for i, result in enumerate(needed):
        target = (
            "rms error \u2264 \u03b5"
            if result.delta is None
            else f"all components within \u03b5, \u03b4 = {result.delta:g}"
        )
        for ax, measured in ((left, result.total_shots), (right, result.gates)):
            ax.plot(
                result.M,
                measured,
                linestyle="none",
                marker="D",
                markersize=6,
                color=OKABE_ITO["blue"],
                markerfacecolor=OKABE_ITO["blue"] if i == 0 else "white",
                markeredgecolor=OKABE_ITO["blue"],
                markeredgewidth=1.5,
                label=f"shots needed, measured by bisection ({target})",
            )
    ticks = np.unique(M_all)
    if len(ticks) <= 12:  # label the measured M values themselves (few ticks also draw faster)
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


def accuracy_reading(scan, M: int) -> str:
    """The text reading of :func:`accuracy_explorer` for one M of an AccuracyScan.

    Every number is read off ``scan`` (counted executions, shots and gate applications,
    measured errors) or computed from :mod:`qbp_lessons.costs` (the models). Introduced
    in chapter 3.
    """
    scan = check_accuracy_scans(scan, "scan")[0]
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
        target = (
            f"every component within \u03b5 with probability \u2265 {1 - scan.delta:g}): every"
            f" component within \u03b5 in {scan.success_rate[i]:.0%} of them, rms error"
            f" {scan.rms_error[i]:.3f}"
        )
    return (
        f"At M = {format_number(M)} and \u03b5 = {format_number(scan.eps)}: counted "
        f"{executions:,} circuit executions of {per_circuit:,} shots, "
        f"{int(scan.total_shots[i]):,} shots (model {int(scan.model_shots[i]):,}) and "
        f"{int(scan.gates[i]):,} gate applications (model {int(scan.model_time[i]):,}), "
        f"{format_number(scan.gates[i] / time_f)} \u00d7 TIME(F); backprop scaling would be "
        f"{format_number(costs.backprop_scaling_time(M, scan.eps) / time_f)} \u00d7 TIME(F). "
        f"Over {scan.reps} gradients (target: {target}, largest of the M component errors "
        f"{scan.max_error[i]:.3f} on average."
    )


def accuracy_explorer(
    scans,
    *,
    methods: Sequence[str] = ("function", "backprop_scaling"),
    default_M: int | None = None,
    default_eps: float | None = None,
) -> widgets.VBox:
    """Sliders for M and eps over *measured* parameter-shift gradients drawn on the cost models.

    ``scans``: one :class:`qbp_lessons.lessons.param_shift.scans.AccuracyScan` per eps (from
    :func:`qbp_lessons.lessons.param_shift.scans.shots_for_accuracy`), all over the same M values
    and
    with the same ``delta``. Each eps gets one base figure (:func:`accuracy_figure`:
    counted shots and gate applications on the models, a palette PNG); each (eps, M) an
    SVG layer that marks the measured point, and a reading (:func:`accuracy_reading`).
    Everything is precomputed, so the explorer responds on the static website.
    Introduced in chapter 3.
    """
    scans = check_accuracy_scans(scans)
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
        raise TypeError(
            f"methods must be a list or tuple of method names, got {type(methods).__name__}"
        )
    methods = [choice("methods", m, set(costs.METHODS) - {"param_shift"}) for m in methods]
    if not methods:
        raise ValueError("methods must name at least one method of costs.METHODS")
    M_values = [int(m) for m in first.M]
    if default_M is not None and (
        isinstance(default_M, (bool, np.bool_)) or default_M not in M_values
    ):
        raise ValueError(
            f"default_M must be one of the scans' M values {M_values}, got {default_M!r}"
        )
    if default_eps is not None and default_eps not in eps_values:
        raise ValueError(
            f"default_eps must be one of the scans' eps {eps_values}, got {default_eps!r}"
        )
    by_eps = dict(zip(eps_values, scans))

    # one set of axis limits for every eps, so that moving eps moves the curves, not the axes
    M_line = np.unique(
        np.round(np.geomspace(max(min(M_values) / 1.5, 1.0), max(M_values) * 1.5, 80))
    )
    shots, gates = [], []
    for scan in scans:
        shots += [
            costs.param_shift_shots(M_line, scan.eps, scan.delta),
            scan.total_shots,
            np.atleast_1d(costs.shots_for_precision(scan.eps)),
        ]
        gates += [costs.param_shift_time(M_line, scan.eps, scan.delta), scan.gates]
        gates += [costs.gradient_time(m, M_line, scan.eps) for m in methods]
    limits = [(M_line[0], M_line[-1])]
    limits += [
        (min(np.min(a) for a in group) / 3, max(np.max(a) for a in group) * 3)
        for group in (shots, gates)
    ]
    placed = {}

    def draw(eps):
        fig = accuracy_figure([by_eps[eps]], methods, M_line=M_line, figsize=(7.6, 4.4))
        fig.set_dpi(100)
        for ax, ylim in zip(fig.axes, limits[1:]):
            ax.set_xlim(*limits[0])
            ax.set_ylim(*ylim)
        png = base64.b64encode(png_bytes(fig, dpi=100)).decode("ascii")
        # read the axes' pixel positions after rendering: saving ran the layout engine
        width, height = fig.canvas.get_width_height()
        placed[eps] = (
            width,
            height,
            [(ax.transData.frozen(), ax.bbox.y0, ax.bbox.y1) for ax in fig.axes],
        )
        alt = (
            "Two log-log panels against the number of parameters M at \u03b5 ="
            f" {format_number(eps)}: left, the total shots of a parameter-shift gradient, counted"
            " in seeded runs, sitting on the model 2M \u00d7 2/\u03b5\u00b2; right, the counted"
            " gate applications on the model 4M\u00b2/\u03b5\u00b2, above "
            + " and ".join(costs.METHODS[m][0] for m in methods)
            + "."
        )
        return (
            f'<img src="data:image/png;base64,{png}" alt="{html.escape(alt)}" '
            f'width="{width}" height="{height}" style="display:block;width:100%;height:auto"/>'
        )

    def marker(M, eps):
        width, height, panels = placed[eps]
        scan = by_eps[eps]
        i = M_values.index(M)
        shapes = []
        for (transform, y0, y1), value in zip(panels, (scan.total_shots[i], scan.gates[i])):
            x, y = transform.transform((M, float(value)))
            shapes.append(marker_line(x, height - y1, height - y0))
            shapes.append(
                f'<circle cx="{x:.1f}" cy="{height - y:.1f}" r="9" fill="none" '
                f'stroke="{OKABE_ITO["vermillion"]}" stroke-width="2.5"/>'
            )
        return overlay_svg(width, height, shapes)

    def reading(M, eps):
        return reading_html(accuracy_reading(by_eps[eps], M))

    return frame_explorer(
        [
            Axis("eps", "precision \u03b5", eps_values, default_eps),
            Axis("M", "parameters M", M_values, default_M),
        ],
        figure=[Layer(draw, ("eps",)), Layer(marker, ("eps", "M"))],
        reading=Layer(reading, ("eps", "M")),
    )
