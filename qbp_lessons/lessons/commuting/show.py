"""Chapter 7's presentation: shots of an eps-accurate gradient against M, training costs,
and the block estimator's Hadamard-test circuit drawn from its own gate list.

Nothing here samples or simulates: the figures draw what
:func:`qbp_lessons.lessons.commuting.scans.shots_for_accuracy` and
:func:`qbp_lessons.training.train`
counted, next to the models of :mod:`qbp_lessons.costs`.

Introduced in chapter 7.
"""

from __future__ import annotations

import base64
import html

import matplotlib.pyplot as plt
import numpy as np

from qbp_lessons import costs, training
from qbp_lessons._validate import positive_real, probability, records
from qbp_lessons.lessons.commuting.blocks import BlockCircuit, hadamard_test_gates
from qbp_lessons.lessons.commuting.scans import ShotsScan
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
    "shots_figure",
    "training_figure",
    "shots_reading",
    "commuting_explorer",
    "block_circuit_figure",
]


def _check_scan(scan) -> ShotsScan:
    if not isinstance(scan, ShotsScan):
        raise TypeError(
            f"scan must be a ShotsScan (commuting.shots_for_accuracy), got {type(scan).__name__}"
        )
    return scan


def _draw_shots(ax, M_line, eps, delta, scan=None):
    com, ps = METHOD_STYLE["commuting"], METHOD_STYLE["param_shift"]
    ax.plot(
        M_line,
        costs.param_shift_shots(M_line, eps, delta),
        color=ps["color"],
        linestyle="-",
        label="parameter shift, bound 2M \u00d7 4 ln(2M/\u03b4)/\u03b5\u00b2",
    )
    ax.plot(
        M_line,
        costs.commuting_shots(M_line, eps, delta),
        color=com["color"],
        linestyle=":",
        label="commuting, bound 8 ln(2M/\u03b4)/\u03b5\u00b2",
    )
    if scan is not None:
        ax.plot(
            scan.M,
            scan.param_shift_shots,
            linestyle="none",
            marker=ps["marker"],
            color=ps["color"],
            markeredgecolor="black",
            markersize=7,
            label=f"parameter shift, counted ({scan.reps} runs per point)",
        )
        ax.plot(
            scan.M,
            scan.commuting_shots,
            linestyle="none",
            marker=com["marker"],
            color=com["color"],
            markeredgecolor="black",
            markersize=8,
            label=f"commuting, counted ({scan.reps} runs per point)",
        )
    log_log_axes(ax, "number of parameters M", "shots per gradient")
    ax.set_title(f"every component within \u03b5 = {eps:g} with probability \u2265 {1 - delta:g}")


def shots_figure(scan, more=()):
    """Chapter 7's figure: shots for an eps-accurate full gradient against M, counted and bounded.

    Markers: the shots the sampler counted at the smallest budget that met the
    target in the scan's seeded runs; lines: the Hoeffding and union bounds of
    :mod:`qbp_lessons.costs` (worst cases, so above the markers). ``more``: scans
    of other seeds at the same M, eps and delta, drawn as small markers.
    """
    scan = _check_scan(scan)
    if isinstance(more, ShotsScan) or not isinstance(more, (list, tuple)):
        raise TypeError(f"more must be a list of ShotsScan, got {type(more).__name__}")
    for i, other in enumerate(more):
        if not isinstance(other, ShotsScan):
            raise TypeError(f"more[{i}] must be a ShotsScan, got {type(other).__name__}")
    for other in more:
        if (
            not np.array_equal(other.M, scan.M)
            or other.eps != scan.eps
            or other.delta != scan.delta
        ):
            raise ValueError("more: every scan must share the first scan's M, eps and delta")
    style()
    fig, ax = plt.subplots(figsize=(7.2, 4.4), layout="constrained")
    M_line = np.unique(np.round(np.geomspace(max(scan.M.min() / 1.3, 1), scan.M.max() * 1.3, 60)))
    _draw_shots(ax, M_line, scan.eps, scan.delta, scan)
    for i, other in enumerate(more):
        for method, shots in (
            ("param_shift", other.param_shift_shots),
            ("commuting", other.commuting_shots),
        ):
            ax.plot(
                other.M,
                shots,
                linestyle="none",
                marker=METHOD_STYLE[method]["marker"],
                color=METHOD_STYLE[method]["color"],
                markersize=4,
                alpha=0.7,
                label=(
                    f"{len(more)} other seeds, counted"
                    if i == 0 and method == "commuting"
                    else None
                ),
            )
    ax.legend(loc="upper left")
    plt.close(fig)
    return fig


def training_figure(runs, labels):
    """The exact loss along each training run against the circuits its gradients executed so far.

    ``runs``: :class:`qbp_lessons.training.TrainingRun` results; ``labels``: one
    string each. The x axis is the circuits the ledger counted (a log scale), so a
    run that needs fewer circuits per gradient sits further left.
    """
    runs = records("runs", runs, training.TrainingRun, max_length=12)
    if isinstance(labels, str) or not isinstance(labels, (list, tuple)):
        raise TypeError(f"labels must be a list of strings, got {type(labels).__name__}")
    if len(labels) != len(runs) or not all(isinstance(label, str) for label in labels):
        raise ValueError(f"labels must hold one string per run ({len(runs)}), got {labels!r}")
    style()
    fig, ax = plt.subplots(figsize=(7.2, 4.4), layout="constrained")
    colours = [
        METHOD_STYLE["commuting"],
        METHOD_STYLE["param_shift"],
        dict(color=OKABE_ITO["vermillion"], marker="o", linestyle="--"),
    ]
    for i, (run, label) in enumerate(zip(runs, labels)):
        if not isinstance(run, training.TrainingRun):
            raise TypeError(f"runs[{i}] must be a TrainingRun, got {type(run).__name__}")
        st = colours[i % len(colours)]
        ax.plot(
            run.executions[1:],
            run.losses[1:],
            color=st["color"],
            linestyle=st["linestyle"],
            marker=st["marker"],
            markersize=4,
            label=label,
        )
    if runs[0].target is not None:
        ax.axhline(
            runs[0].target,
            color=OKABE_ITO["black"],
            linewidth=1,
            linestyle="--",
            label="target loss",
        )
    ax.set_xscale("log")
    ax.set_xlabel("circuits executed for gradients so far (counted)")
    ax.set_ylabel("loss C(\u03b8) (exact)")
    fig.legend(loc="outside lower center", ncol=2)
    plt.close(fig)
    return fig


def shots_reading(M: int, eps: float, delta: float, scan: ShotsScan | None = None) -> str:
    """The reading under :func:`commuting_explorer`: both bounds at (M, eps, delta), and counts.

    The counts are the scan's, where it measured that (M, eps, delta).
    """
    eps = positive_real("eps", eps)
    delta = probability("delta", delta)
    com = int(costs.commuting_shots(M, eps, delta))
    ps = int(costs.param_shift_shots(M, eps, delta))
    text = (
        f"At M = {M:,}, \u03b5 = {format_number(eps)}, \u03b4 = {format_number(delta)}: the"
        f" commuting bound is {com:,} shots of one circuit; parameter shift's is {ps:,} shots over"
        f" {int(costs.param_shift_circuits(M)):,} circuits, {format_number(ps / com)} times more."
    )
    if scan is not None and scan.eps == eps and scan.delta == delta and M in scan.M.tolist():
        i = scan.M.tolist().index(M)
        text += (
            f" Counted in seeded runs: {int(scan.commuting_shots[i]):,} (commuting) and "
            f"{int(scan.param_shift_shots[i]):,} (parameter shift)."
        )
    return text


def commuting_explorer(scan: ShotsScan, eps_values=(0.05, 0.1, 0.2), delta_values=(0.01, 0.1)):
    """Sliders for M, eps and delta over the shot bounds, with the scan's counts where measured.

    Every frame is precomputed (one figure per eps and delta, a marker per M), so
    the explorer responds on the static website. Introduced in chapter 7.
    """
    scan = _check_scan(scan)
    for name, values in (("eps_values", eps_values), ("delta_values", delta_values)):
        if not isinstance(values, (list, tuple, np.ndarray)):
            raise TypeError(f"{name} must be a list of numbers, got {type(values).__name__}")
        if not 1 <= len(values) <= 20:
            raise ValueError(f"{name} must hold 1 to 20 values, got {len(values)}")
    eps_values = [positive_real("eps_values", e) for e in eps_values]
    delta_values = [probability("delta_values", d) for d in delta_values]
    if scan.eps not in eps_values or scan.delta not in delta_values:
        raise ValueError("eps_values and delta_values must include the scan's eps and delta")
    M_values = [int(m) for m in scan.M]
    M_line = np.unique(np.round(np.geomspace(max(min(M_values) / 1.3, 1), max(M_values) * 1.3, 60)))
    lows = [costs.commuting_shots(M_line, e, d).min() for e in eps_values for d in delta_values]
    highs = [costs.param_shift_shots(M_line, e, d).max() for e in eps_values for d in delta_values]
    ylim = (min(min(lows), scan.commuting_shots.min()) / 2, max(highs) * 2)
    placed = {}

    def draw(eps, delta):
        style()
        fig, ax = plt.subplots(figsize=(7.2, 4.4), layout="constrained")
        measured = scan if (eps == scan.eps and delta == scan.delta) else None
        _draw_shots(ax, M_line, eps, delta, measured)
        ax.set_xlim(M_line[0], M_line[-1])
        ax.set_ylim(*ylim)
        ax.legend(loc="upper left")
        fig.set_dpi(100)
        png = base64.b64encode(png_bytes(fig, dpi=100)).decode("ascii")
        width, height = fig.canvas.get_width_height()
        placed[(eps, delta)] = (width, height, ax.transData.frozen(), ax.bbox.y0, ax.bbox.y1)
        plt.close(fig)
        alt = (
            f"Log-log plot of shots per gradient against M at \u03b5 = {eps:g}, \u03b4 = {delta:g}:"
            " the commuting bound grows like log M, parameter shift's like M log M"
            + ("; counted points sit below each bound." if measured else ".")
        )
        return (
            f'<img src="data:image/png;base64,{png}" alt="{html.escape(alt)}" width="{width}" '
            f'height="{height}" style="display:block;width:100%;height:auto"/>'
        )

    def marker(M, eps, delta):
        width, height, transform, y0, y1 = placed[(eps, delta)]
        x, _ = transform.transform((M, 1.0))
        return overlay_svg(width, height, [marker_line(x, height - y1, height - y0)])

    def reading(M, eps, delta):
        return reading_html(shots_reading(M, eps, delta, scan))

    return frame_explorer(
        [
            Axis("eps", "precision \u03b5", eps_values, scan.eps),
            Axis("delta", "failure probability \u03b4", delta_values, scan.delta),
            Axis("M", "parameters M", M_values, M_values[len(M_values) // 2]),
        ],
        figure=[Layer(draw, ("eps", "delta")), Layer(marker, ("eps", "delta", "M"))],
        reading=Layer(reading, ("eps", "delta", "M")),
    )


#: How :func:`block_circuit_figure` draws each role of a Hadamard-test gate: colour and hatch.
_ROLE_STYLE = {
    "prefix": (OKABE_ITO["sky"], "", "fixed preparation V"),
    "before": (OKABE_ITO["green"], "", "blocks up to b (unchanged)"),
    "ancilla": (OKABE_ITO["orange"], "", "ancilla to |+>: exp(-i\u03c0/4 Y)"),
    "flipped": (OKABE_ITO["vermillion"], "//", "later gate, anticommutes with block b: G\u2297Z"),
    "later": (OKABE_ITO["blue"], "", "later gate, commutes with block b"),
}


def block_circuit_figure(model, block: int = 0):
    """The Hadamard-test circuit that reads block ``block`` of ``model``, one box per gate.

    Drawn from :func:`~qbp_lessons.lessons.commuting.blocks.hadamard_test_gates`, the
    gate list the estimator simulates: each gate exp(-i theta P) is a box over the
    wires where P acts, with P's letter on each; colour and hatch give its role. The
    last column is the measurement setting (a Clifford basis change, then every wire
    measured). Introduced in chapter 7.
    """
    if not isinstance(model, BlockCircuit):
        raise TypeError(f"model must be a BlockCircuit, got {type(model).__name__}")
    gates = hadamard_test_gates(model, block)
    if len(gates) > 80:
        raise ValueError(f"model: at most 80 gates can be drawn legibly, got {len(gates)}")
    n = model.n + 1
    style()
    fig, ax = plt.subplots(figsize=(min(1.0 + 0.55 * (len(gates) + 2), 12.0), 0.6 * n + 1.6))
    x_end = len(gates) + 1.2
    for w in range(n):
        ax.plot([-0.6, x_end + 0.5], [w, w], color="0.45", linewidth=1, zorder=0)
        name = "ancilla a" if w == n - 1 else f"wire {w}"
        ax.text(-0.75, w, name, ha="right", va="center", fontsize=9)
    seen = set()
    for x, (p, role) in enumerate(gates):
        colour, hatch, label = _ROLE_STYLE[role]
        wires = list(p.support)
        lo, hi = min(wires), max(wires)
        ax.add_patch(
            plt.Rectangle(
                (x - 0.3, lo - 0.32),
                0.6,
                hi - lo + 0.64,
                facecolor=colour,
                edgecolor="black",
                hatch=hatch,
                linewidth=0.8,
                alpha=0.85,
                label=None if role in seen else label,
            )
        )
        seen.add(role)
        for w in wires:
            ax.text(x, w, p.label[w], ha="center", va="center", fontsize=9, weight="bold")
    ax.add_patch(
        plt.Rectangle(
            (x_end - 0.45, -0.32),
            0.9,
            n - 1 + 0.64,
            facecolor="white",
            edgecolor="black",
            linewidth=1,
            label="basis change, then measure every wire",
        )
    )
    ax.text(x_end, (n - 1) / 2, "D\nmeasure", ha="center", va="center", fontsize=8)
    ax.set_xlim(-0.7, x_end + 0.6)
    ax.set_ylim(n - 0.4, -0.6)
    ax.set_xticks(range(len(gates)))
    ax.set_xticklabels([str(i + 1) for i in range(len(gates))], fontsize=7)
    ax.set_xlabel("gate, in the order applied")
    ax.set_yticks([])
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    fig.legend(loc="outside lower center", ncol=2, fontsize=8)
    fig.set_layout_engine("constrained")
    plt.close(fig)
    return fig
