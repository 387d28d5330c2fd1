"""Chapter 4's presentation: SPSA's error against M, the directions an accurate gradient needs,
training by SPSA and by parameter shift, and an explorer of M, K and eps.

Nothing here simulates: every measured number comes from :mod:`qbp_lessons.lessons.spsa.compute`
and :mod:`qbp_lessons.training` (scans and training runs), every line from
:mod:`qbp_lessons.costs`. Measured
values are markers, models are lines.

Introduced in chapter 4.
"""

from __future__ import annotations

import base64
import html
from typing import Sequence

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from qbp_lessons import costs, training
from qbp_lessons._validate import count_list, positive_real, real_array
from qbp_lessons.lessons.spsa.compute import MAX_DIRECTIONS, ErrorScan
from qbp_lessons.lessons.spsa.currency import CurrencyScan, ShotModel
from qbp_lessons.show.format import format_number
from qbp_lessons.show.frames import (
    Axis,
    Layer,
    frame_explorer,
    marker_line,
    overlay_svg,
    reading_html,
)
from qbp_lessons.show.figure_style import METHOD_STYLE, OKABE_ITO, log_log_axes, png_bytes, style

__all__ = [
    "error_figure",
    "directions_figure",
    "currency_figure",
    "training_figure",
    "spsa_reading",
    "spsa_explorer",
]


#: Most values one slider of an explorer here may offer (the frames are capped in total too).
MAX_SLIDER_VALUES = 50


def _check_scan(scan, name: str) -> ErrorScan:
    if not isinstance(scan, ErrorScan):
        raise TypeError(
            f"{name} must be an ErrorScan (from spsa.error_scan), got {type(scan).__name__}"
        )
    return scan


def _check_scans(scans, name: str) -> list:
    if isinstance(scans, ErrorScan):
        scans = [scans]
    if isinstance(scans, (str, bytes)) or not isinstance(scans, (list, tuple)) or not scans:
        raise TypeError(f"{name} must be a non-empty list of ErrorScan results")
    return [_check_scan(s, name) for s in scans]


_KIND_STYLE = {
    "rademacher": dict(marker="v", face=None),
    "gaussian": dict(marker="o", face="white"),
}


def error_figure(noise_free, with_shots: ErrorScan | None = None):
    """Measured E||g_hat - g||^2 against M on the exact second moments (one direction, K = 1).

    Left: noise-free scans (Rademacher and/or Gaussian), divided by each
    circuit's ||g||^2, with the lines M - 1 and M + 1 of
    :func:`costs.spsa_second_moment`. Right (if ``with_shots``): the measured
    error with shots against the formula with its shot term, evaluated at each
    circuit's ||g||^2 and single-shot variance (open markers joined by a line),
    and the noise-free part alone. Error bars: two standard errors.
    """
    scans = _check_scans(noise_free, "noise_free")
    if with_shots is not None and (_check_scan(with_shots, "with_shots").shots is None):
        raise ValueError("with_shots must be a scan run with shots")
    style()
    panels = 2 if with_shots is not None else 1
    fig, axes = plt.subplots(
        1, panels, figsize=(5.2 * panels, 4.0), layout="constrained", squeeze=False
    )
    left = axes[0, 0]
    st = METHOD_STYLE["spsa"]
    log_log_axes(
        left, "number of parameters M", "E\u2016\u011d \u2212 g\u2016\u00b2 / \u2016g\u2016\u00b2"
    )
    M_all = np.concatenate([s.M for s in scans]).astype(float)
    M_line = np.unique(np.round(np.geomspace(max(M_all.min(), 2.0), M_all.max(), 100)))
    for kind, colour in (("rademacher", st["color"]), ("gaussian", OKABE_ITO["sky"])):
        chosen = [s for s in scans if s.kind == kind]
        if not chosen:
            continue
        offset = costs.SPSA_OFFSET[kind]
        sign = "\u2212" if offset < 0 else "+"
        left.plot(
            M_line,
            costs.spsa_second_moment(M_line, 1.0, 1, kind),
            color=colour,
            linestyle="-" if offset < 0 else "--",
            label=f"exact second moment M {sign} 1 ({kind.capitalize()})",
        )
        for s in chosen:
            left.errorbar(
                s.M,
                s.relative[:, 0],
                yerr=2 * s.relative_sem[:, 0],
                linestyle="none",
                marker=_KIND_STYLE[kind]["marker"],
                color=colour,
                markeredgecolor="black",
                markerfacecolor=_KIND_STYLE[kind]["face"] or colour,
                capsize=2,
                label=f"measured, {kind.capitalize()}, {s.reps} estimates per M",
            )
    left.set_title("noise-free, c \u2192 0: the error grows with M")
    left.legend(loc="upper left")
    if with_shots is not None:
        s = with_shots
        right = axes[0, 1]
        log_log_axes(right, "number of parameters M", "E\u2016\u011d \u2212 g\u2016\u00b2")
        noise_free = [costs.spsa_second_moment(M, g2, 1, s.kind) for M, g2 in zip(s.M, s.g_norm2)]
        right.plot(
            s.M,
            noise_free,
            color=OKABE_ITO["black"],
            linestyle=":",
            label="(M \u2212 1)\u2016g\u2016\u00b2: the noise-free part",
        )
        right.plot(
            s.M,
            s.predicted[:, 0],
            color=st["color"],
            linestyle=st["linestyle"],
            marker="_",
            markersize=14,
            label="formula with the shot term M v/(2c\u00b2N)",
        )
        right.errorbar(
            s.M,
            s.mean_sq_error[:, 0],
            yerr=2 * s.sem[:, 0],
            linestyle="none",
            marker=st["marker"],
            color=st["color"],
            markeredgecolor="black",
            capsize=2,
            label=f"measured, {s.reps} estimates per M",
        )
        right.set_title(f"N = {s.shots:,} shots per circuit, c = {s.c:g}")
        right.legend(loc="upper left")
    plt.close(fig)
    return fig


def directions_figure(M, eps: float, measured_K=None, counted_ps=None, M_line=None):
    """Circuits for a relative-eps gradient: SPSA's 2K and parameter shift's 2M, both linear in M.

    Lines: :func:`costs.spsa_circuits` (2 ceil((M - 1)/eps^2)), :func:`costs.param_shift_circuits`
    (2M) and log M for reference. Markers: ``measured_K`` (directions needed,
    from measured errors, times 2) and ``counted_ps`` (parameter-shift executions
    counted by the ledger: an implementation check, 2M), both at the given ``M`` values.
    """
    M = np.asarray(count_list("M", M, maximum=10**9), dtype=float)
    eps = positive_real("eps", eps)
    if M_line is None:
        M_line = np.geomspace(max(M.min() / 1.5, 2.0), M.max() * 1.5, 100)
    else:
        M_line = real_array("M_line", M_line, ndim=1)
    style()
    fig, ax = plt.subplots(figsize=(6.4, 4.2), layout="constrained")
    log_log_axes(ax, "number of parameters M", "circuit executions per gradient")
    sp, ps, bs = METHOD_STYLE["spsa"], METHOD_STYLE["param_shift"], METHOD_STYLE["backprop_scaling"]
    ax.plot(
        M_line,
        costs.spsa_circuits(np.round(M_line), eps),
        color=sp["color"],
        linestyle=sp["linestyle"],
        label=f"SPSA, model 2\u2308(M \u2212 1)/\u03b5\u00b2\u2309 (\u03b5 = {eps:g})",
    )
    ax.plot(
        M_line,
        costs.param_shift_circuits(np.round(M_line)),
        color=ps["color"],
        linestyle=ps["linestyle"],
        label="parameter shift, model 2M",
    )
    ax.plot(
        M_line,
        np.maximum(np.log(M_line), 1.0),
        color=bs["color"],
        linestyle=bs["linestyle"],
        label="log M (backprop scaling)",
    )
    if measured_K is not None:
        measured_K = real_array("measured_K", measured_K, shape=M.shape)
        ax.plot(
            M,
            costs.spsa_gradient_circuits(measured_K),
            linestyle="none",
            marker=sp["marker"],
            color=sp["color"],
            markeredgecolor="black",
            markersize=8,
            label="SPSA, 2K from the measured error",
        )
    if counted_ps is not None:
        counted_ps = real_array("counted_ps", counted_ps, shape=M.shape)
        ax.plot(
            M,
            counted_ps,
            linestyle="none",
            marker=ps["marker"],
            color=ps["color"],
            markeredgecolor="black",
            markersize=7,
            label="parameter shift, 2M counted (implementation check)",
        )
    ax.set_title("both linear in M, neither log M")
    ax.legend(loc="upper left")
    plt.close(fig)
    return fig


def currency_figure(model: ShotModel, scan: CurrencyScan):
    """Shots of one relative-eps gradient against SPSA's step c, with parameter shift's beside them.

    Lines: ``model`` (:func:`~qbp_lessons.lessons.spsa.currency.shot_model`, SPSA with
    one shot per evaluation; the shaded range is where its bias alone misses the
    target) and parameter shift's 2 M ceil(sum Var_k / (eps^2 ||g||^2)). Markers: the
    shots measured by :func:`~qbp_lessons.lessons.spsa.currency.shots_to_target`.
    """
    if not isinstance(model, ShotModel):
        raise TypeError(f"model must be a ShotModel (from shot_model), got {type(model).__name__}")
    if not isinstance(scan, CurrencyScan):
        raise TypeError(
            f"scan must be a CurrencyScan (from shots_to_target), got {type(scan).__name__}"
        )
    if model.eps != scan.eps or model.g_norm2 != scan.g_norm2:
        raise ValueError("model and scan must be of the same circuit and eps")
    style()
    fig, ax = plt.subplots(figsize=(6.4, 4.2), layout="constrained")
    log_log_axes(ax, "SPSA step c", "shots per gradient")
    sp, ps = METHOD_STYLE["spsa"], METHOD_STYLE["param_shift"]
    ok = np.isfinite(model.shots)
    ax.plot(
        model.c[ok],
        model.shots[ok],
        color=sp["color"],
        linestyle=sp["linestyle"],
        label="SPSA, 1 shot per evaluation: model (exact bias)",
    )
    ax.plot(
        scan.c,
        scan.spsa_shots,
        linestyle="none",
        marker=sp["marker"],
        color=sp["color"],
        markeredgecolor="black",
        markersize=8,
        label="SPSA, measured",
    )
    ax.axhline(
        scan.ps_model_shots,
        color=ps["color"],
        linestyle="--",
        label=(
            "parameter shift, model "
            "2M\u2308\u03a3 Var\u2096 / (\u03b5\u00b2\u2016g\u2016\u00b2)\u2309"
        ),
    )
    ax.plot(
        [np.sqrt(model.c.min() * model.c.max())],
        [scan.ps_shots],
        linestyle="none",
        marker=ps["marker"],
        color=ps["color"],
        markeredgecolor="black",
        markersize=8,
        label=f"parameter shift, measured ({scan.ps_shots_per_circuit} shots per circuit)",
    )
    if not ok.all():
        first = model.c[~ok].min()
        ax.axvspan(first, model.c.max() * 1.1, color=OKABE_ITO["black"], alpha=0.08, linewidth=0)
        ax.text(
            first * 1.03, scan.ps_model_shots * 3, "bias alone\nmisses the target", fontsize=8.5
        )
    ax.set_title(f"M = {scan.M}, relative rms error \u03b5 = {scan.eps:g}: shots, one currency")
    ax.legend(loc="upper center", fontsize=8)
    plt.close(fig)
    return fig


def training_figure(
    runs: Sequence[training.TrainingRun],
    best: dict | None = None,
    labels: dict | None = None,
    target: float | None = None,
):
    """Exact cost F along each run against the circuit executions the ledger counted.

    ``runs``: :class:`qbp_lessons.training.TrainingRun` results; ``best``: {method:
    index into runs} drawn thick
    (the others thin); ``labels``: {index: legend text}; ``target``: a horizontal
    reference line. Log x axis: the executions span decades.
    """
    record = training.TrainingRun
    if isinstance(runs, record) or not isinstance(runs, (list, tuple)) or not runs:
        raise TypeError("runs must be a non-empty list of TrainingRun results")
    for r in runs:
        if not isinstance(r, record):
            raise TypeError(f"runs must hold TrainingRun results, got {type(r).__name__}")
    best = best or {}
    labels = labels or {}
    style()
    fig, ax = plt.subplots(figsize=(7.0, 4.2), layout="constrained")
    ax.set_xscale("log")
    ax.set_xlabel("circuit executions (counted by the ledger)")
    ax.set_ylabel("cost F (exact, at each iterate)")
    for i, r in enumerate(runs):
        st = METHOD_STYLE[r.method]
        thick = best.get(r.method) == i
        ax.plot(
            r.executions[1:],
            r.losses[1:],
            color=st["color"],
            linestyle="-",
            linewidth=2.2 if thick else 0.8,
            alpha=1.0 if thick else 0.6,
            label=labels.get(i),
        )
        if thick:  # a dozen markers, evenly spaced on the log axis
            at = np.unique(np.geomspace(1, len(r.executions) - 1, 12).astype(int))
            ax.plot(
                r.executions[at],
                r.losses[at],
                linestyle="none",
                marker=st["marker"],
                color=st["color"],
                markeredgecolor="black",
            )
    if target is not None:
        ax.axhline(
            target,
            color=OKABE_ITO["black"],
            linestyle=":",
            linewidth=1,
            label=f"target F = {target:g}",
        )
    ax.set_title("training with shots: cost against executions")
    fig.set_size_inches(7.0, 5.0)
    fig.legend(loc="outside lower center", ncol=2)
    plt.close(fig)
    return fig


def spsa_reading(scan: ErrorScan, M: int, K: int, eps: float) -> str:
    """The explorer's text at one (M, K, eps): SPSA's error and circuits against parameter shift's.

    Model numbers from :mod:`qbp_lessons.costs`; the measured error, if the scan
    has that (M, K), from the scan.
    """
    scan = _check_scan(scan, "scan")
    eps = positive_real("eps", eps)
    if M not in scan.M.tolist():
        raise ValueError(f"M must be one of the scan's M values {scan.M.tolist()}, got {M!r}")
    i = scan.M.tolist().index(M)
    rms = float(np.sqrt(costs.spsa_second_moment(M, 1.0, K, scan.kind)))
    sign = "\u2212" if costs.SPSA_OFFSET[scan.kind] < 0 else "+"
    need = int(costs.spsa_directions_for_accuracy(M, eps, scan.kind))
    measured = ""
    if K in scan.K.tolist():
        j = scan.K.tolist().index(K)
        measured = f" (measured over {scan.reps} gradients: {np.sqrt(scan.relative[i, j]):.2f})"
    verdict = "meets" if rms <= eps else "misses"
    circuits = int(costs.spsa_gradient_circuits(K))
    need_circuits = int(costs.spsa_circuits(M, eps, scan.kind))
    shift = int(costs.param_shift_circuits(M))
    return (
        f"M = {format_number(M)}, K = {format_number(K)} directions: SPSA runs {circuits:,}"
        f" circuits and its relative rms error is \u221a((M {sign} 1)/K) = {rms:.2f}{measured},"
        f" which {verdict} \u03b5 = {eps:g}. An \u03b5-accurate SPSA gradient needs"
        f" K \u2265 {need:,} directions, {need_circuits:,} circuits; parameter shift needs"
        f" 2M = {shift:,} circuits for the exact gradient."
    )


def spsa_explorer(
    scan: ErrorScan,
    eps_values: Sequence[float] = (1.0, 0.5, 0.25, 0.1),
    K_values: Sequence[int] | None = None,
    *,
    default_M: int | None = None,
    default_K: int | None = None,
    default_eps: float = 0.5,
) -> widgets.VBox:
    """Sliders for M, K and eps: SPSA's gradient error and circuit count against parameter shift's.

    ``scan``: a noise-free :func:`qbp_lessons.lessons.spsa.compute.error_scan` over the M values
    and some K values (its measurements are the markers). Each M has one
    two-panel PNG: circuits against M (parameter shift's 2M) and relative rms
    error against K at that M (the model sqrt((M - 1)/K), the measured points).
    An SVG layer per (eps, M, K) draws what depends on eps (SPSA's line
    2 ceil((M - 1)/eps^2), the target eps) and rings the chosen K on both panels;
    a reading states the numbers. Every frame is precomputed, so the explorer
    responds on the static website.
    """
    scan = _check_scan(scan, "scan")
    if scan.shots is not None:
        raise ValueError(
            "scan must be noise-free (shots=None): the explorer draws the exact second moment"
        )
    if isinstance(eps_values, (str, bytes)) or not isinstance(eps_values, (Sequence, np.ndarray)):
        raise TypeError(f"eps_values must be a list or tuple, got {type(eps_values).__name__}")
    if len(eps_values) > MAX_SLIDER_VALUES:
        raise ValueError(
            f"eps_values must hold at most {MAX_SLIDER_VALUES} values, got {len(eps_values)}"
        )
    eps_values = [positive_real("eps_values", e, upper=10.0) for e in eps_values]
    if not eps_values:
        raise ValueError("eps_values must hold at least one value")
    K_values = count_list(
        "K_values",
        scan.K if K_values is None else K_values,
        maximum=MAX_DIRECTIONS,
        max_length=MAX_SLIDER_VALUES,
    )
    M_values = [int(m) for m in scan.M]
    if default_M is not None and default_M not in M_values:
        raise ValueError(
            f"default_M must be one of the scan's M values {M_values}, got {default_M!r}"
        )
    if default_K is not None and default_K not in K_values:
        raise ValueError(f"default_K must be one of K_values {K_values}, got {default_K!r}")
    default_eps = positive_real("default_eps", default_eps, upper=10.0)
    if default_eps not in eps_values:
        raise ValueError(f"default_eps must be one of eps_values {eps_values}, got {default_eps!r}")
    sp, ps = METHOD_STYLE["spsa"], METHOD_STYLE["param_shift"]
    M_line = np.unique(np.round(np.geomspace(2, max(M_values) * 2, 80)))
    K_line = np.unique(np.round(np.geomspace(1, max(K_values) * 1.5, 80)))
    K_limits = (0.7, max(K_values) * 1.5)
    circuit_limits = (1.0, float(costs.spsa_circuits(max(M_values) * 2, min(eps_values))) * 3)
    err_limits = (min(eps_values) / 3, np.sqrt(max(M_values)) * 3)
    placed = {}
    sign = "\u2212" if costs.SPSA_OFFSET[scan.kind] < 0 else "+"

    def draw(M):
        style()
        fig, (left, right) = plt.subplots(1, 2, figsize=(8.4, 3.8), dpi=100)
        fig.subplots_adjust(
            left=0.08, right=0.985, bottom=0.13, top=0.92, wspace=0.28
        )  # fixed: fast to draw
        log_log_axes(left, "number of parameters M", "circuits per gradient")
        left.plot(
            M_line,
            costs.param_shift_circuits(M_line),
            color=ps["color"],
            linestyle=ps["linestyle"],
            label="parameter shift, 2M",
        )
        left.plot(
            [], [], color=sp["color"], linestyle=sp["linestyle"], label="SPSA to the chosen \u03b5"
        )
        left.set_xlim(M_line[0], M_line[-1])
        left.set_ylim(*circuit_limits)
        left.legend(loc="upper left")
        left.set_title("circuits: both linear in M")
        log_log_axes(right, "directions averaged K", "relative rms error")
        right.plot(
            K_line,
            np.sqrt(costs.spsa_second_moment(M, 1.0, K_line, scan.kind)),
            color=sp["color"],
            linestyle=sp["linestyle"],
            label=f"\u221a((M {sign} 1)/K), M = {M}",
        )
        i = M_values.index(M)
        right.plot(
            scan.K,
            np.sqrt(scan.relative[i]),
            linestyle="none",
            marker=sp["marker"],
            color=sp["color"],
            markeredgecolor="black",
            label=f"measured, {scan.reps} gradients each",
        )
        right.plot([], [], color=OKABE_ITO["black"], linestyle=":", label="target \u03b5")
        right.set_xlim(*K_limits)
        right.set_ylim(*err_limits)
        right.legend(loc="upper right")
        right.set_title(f"error at M = {M}")
        png = base64.b64encode(png_bytes(fig, dpi=100)).decode("ascii")
        width, height = fig.canvas.get_width_height()
        placed[M] = (width, height, [(ax.transData.frozen(), ax.bbox) for ax in fig.axes])
        plt.close(fig)
        alt = (
            "Two log-log panels: left, circuit executions per gradient against M, parameter"
            " shift's 2M and SPSA's 2(M \u2212 1)/\u03b5\u00b2 for the chosen \u03b5, both"
            " straight lines of slope 1; right, SPSA's relative rms error against the number of"
            f" directions K at M = {M}, falling as 1/\u221aK, with measured points on the line and"
            " the target \u03b5 as a horizontal line."
        )
        return (
            f'<img src="data:image/png;base64,{png}" alt="{html.escape(alt)}" '
            f'width="{width}" height="{height}" style="display:block;width:100%;height:auto"/>'
        )

    def marker(eps, M, K):
        width, height, ((t_left, box_l), (t_right, box_r)) = placed[M]

        def flip(xy):  # SVG y grows downwards
            return (xy[0], height - xy[1])

        shapes = []
        # SPSA's eps line on the circuits panel, clipped to the panel
        pts = [
            flip(t_left.transform((m, float(costs.spsa_circuits(m, eps, scan.kind)))))
            for m in M_line
        ]
        pts = [(x, y) for x, y in pts if height - box_l.y1 <= y <= height - box_l.y0]
        if len(pts) > 1:
            shapes.append(
                '<polyline fill="none" stroke="{}" stroke-width="2" stroke-dasharray="7 3 2 3" '
                'points="{}"/>'.format(sp["color"], " ".join(f"{x:.1f},{y:.1f}" for x, y in pts))
            )
        # the target eps on the error panel
        _, y_eps = flip(t_right.transform((1.0, eps)))
        shapes.append(
            f'<line x1="{box_r.x0:.1f}" x2="{box_r.x1:.1f}" y1="{y_eps:.1f}" y2="{y_eps:.1f}" '
            'stroke="#000000" stroke-width="1.2" stroke-dasharray="2 3"/>'
        )
        rms = float(np.sqrt(costs.spsa_second_moment(M, 1.0, K, scan.kind)))
        colour = OKABE_ITO["green"] if rms <= eps else OKABE_ITO["vermillion"]
        for transform, box, xy in (
            (t_left, box_l, (M, float(costs.spsa_gradient_circuits(K)))),
            (t_right, box_r, (K, rms)),
        ):
            x, y = flip(transform.transform(xy))
            shapes.append(marker_line(x, height - box.y1, height - box.y0))
            shapes.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="none" stroke="{colour}" '
                'stroke-width="2.5"/>'
            )
        return overlay_svg(width, height, shapes)

    def reading(eps, M, K):
        return reading_html(spsa_reading(scan, M, K, eps))

    return frame_explorer(
        [
            Axis("eps", "relative precision \u03b5", eps_values, default_eps),
            Axis("M", "parameters M", M_values, default_M),
            Axis("K", "directions K", K_values, default_K),
        ],
        figure=[Layer(draw, ("M",)), Layer(marker, ("eps", "M", "K"))],
        reading=Layer(reading, ("eps", "M", "K")),
    )
