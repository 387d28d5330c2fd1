"""Chapter 6's figures and explorer: copies against M for shadows and direct measurement.

Measured (counted) points are markers; the bounds of :mod:`qbp_lessons.costs`
are lines; the infinity-norm shortcut, which is not a bound, is a dotted grey
line. Nothing here samples or times: the figures draw what
:mod:`qbp_lessons.lessons.shadows` measured and what the notebook timed.

Introduced in chapter 6.
"""

from __future__ import annotations

import base64
import html
import math
from typing import Sequence

import matplotlib.pyplot as plt
import numpy as np

from qbp_lessons import costs
from qbp_lessons._validate import (
    bounded_int,
    count_list,
    positive_int,
    positive_real,
    probability,
    real_array,
)
from qbp_lessons.lessons.shadows.reduction import Circuit, check_circuit
from qbp_lessons.lessons.shadows.reduction import reduction_circuit
from qbp_lessons.lessons.shadows.scans import SampleScan
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
    "DIRECT_STYLE",
    "scan_figure",
    "single_copy_figure",
    "reduction_figure",
    "gate_list_figure",
    "classical_cost_figure",
    "shadow_reading",
    "shadow_explorer",
    "EXPLORER_M",
    "EXPLORER_K",
    "EXPLORER_EPS",
    "EXPLORER_DELTA",
]

#: Direct measurement of each string in its own setting (the book's colour for one-by-one work).
DIRECT_STYLE = dict(color=OKABE_ITO["vermillion"], marker="s", linestyle="-")
_SHORTCUT = dict(color="#777777", linestyle=":")


def _check_scan(scan) -> SampleScan:
    if not isinstance(scan, SampleScan):
        raise TypeError(
            f"scan must be a SampleScan (from shadows.sample_scan), got {type(scan).__name__}"
        )
    return scan


def scan_figure(scan: SampleScan, figsize=(7.6, 4.6)):
    """The headline: copies for M estimates within eps (w.p. 1 - delta) against M, on log-log axes.

    Markers: the snapshots and direct-measurement shots :func:`shadows.sample_scan`
    measured. Lines: the Huang-Kueng-Preskill bound (:func:`costs.shadow_snapshots`),
    the Hoeffding bound for direct measurement (:func:`costs.direct_measurement_shots`)
    and, dotted, the infinity-norm shortcut (not a bound). Returns the figure.
    """
    scan = _check_scan(scan)
    M_line = np.unique(np.round(np.geomspace(scan.M.min(), scan.M.max(), 80)))
    style()
    fig, ax = plt.subplots(figsize=figure_size(figsize), layout="constrained")
    log_log_axes(ax, "number of Pauli strings M", "copies of the state (snapshots or shots)")
    sh, k = METHOD_STYLE["shadows"], scan.locality
    ax.plot(
        M_line,
        costs.shadow_snapshots(M_line, scan.eps, scan.delta, k),
        color=sh["color"],
        linestyle="-",
        linewidth=2,
        label=f"shadows, bound 68\u00b73^{k}\u00b7ln(2M/\u03b4)/\u03b5\u00b2",
    )
    ax.plot(
        M_line,
        costs.shadow_snapshots_infinity_norm(M_line, scan.eps, scan.delta),
        **_SHORTCUT,
        linewidth=2,
        label="infinity-norm shortcut 68\u00b7ln(2M/\u03b4)/\u03b5\u00b2 (not a bound)",
    )
    ax.plot(
        M_line,
        costs.direct_measurement_shots(M_line, scan.eps, scan.delta),
        color=DIRECT_STYLE["color"],
        linestyle="-",
        linewidth=2,
        label="direct, bound M\u00b72\u00b7ln(2M/\u03b4)/\u03b5\u00b2",
    )
    ax.plot(
        scan.M,
        scan.snapshots,
        linestyle="none",
        marker=sh["marker"],
        markersize=8,
        color=sh["color"],
        markeredgecolor="black",
        label=f"shadows, measured ({scan.runs} runs)",
    )
    ax.plot(
        scan.M,
        scan.direct_shots,
        linestyle="none",
        marker=DIRECT_STYLE["marker"],
        markersize=7,
        color=DIRECT_STYLE["color"],
        markeredgecolor="black",
        label=f"direct, measured ({scan.runs} runs)",
    )
    ax.set_title(
        f"weight-{k} strings: all M within \u03b5 = {scan.eps:g} in \u2265 {1 - scan.delta:.0%} of"
        " runs"
    )
    ax.legend(loc="upper left")
    plt.close(fig)  # the notebook shows the returned figure once
    return fig


def classical_cost_figure(n_values, seconds, nbytes, figsize=(9.6, 3.6)):
    """The classical side of a non-local estimate: time per snapshot and memory against n.

    ``seconds`` (per snapshot) and ``nbytes`` were measured by the notebook
    (``measure.best_time``, ``measure.peak_bytes``) for the fidelity estimate
    :func:`shadows.overlap_estimate`; lines are the models: time ~ n 2^n
    (scaled through the last point), memory three statevectors (phi, a work
    vector, a scratch vector: 3 x 16 x 2^n bytes), and, dashed, the 16 x 4^n
    bytes of a density matrix. Returns the figure.
    """
    n_values = np.array(count_list("n_values", n_values, maximum=64), dtype=float)
    seconds = real_array("seconds", seconds, shape=n_values.shape)
    nbytes = real_array("nbytes", nbytes, shape=n_values.shape)
    if n_values.size < 2 or np.any(seconds <= 0) or np.any(nbytes <= 0):
        raise ValueError("n_values, seconds and nbytes need at least two positive measurements")
    n_line = np.linspace(n_values.min(), n_values.max(), 50)
    style()
    fig, (left, right) = plt.subplots(1, 2, figsize=figure_size(figsize), layout="constrained")
    for ax in (left, right):
        ax.set_yscale("log")
        ax.set_xlabel("qubits n")
    left.set_ylabel("CPU seconds per snapshot")
    right.set_ylabel("bytes")
    scale = seconds[-1] / (n_values[-1] * 2 ** n_values[-1])
    left.plot(
        n_line,
        scale * n_line * 2**n_line,
        color=OKABE_ITO["blue"],
        label="model \u221d n\u00b72\u207f",
    )
    left.plot(
        n_values,
        seconds,
        linestyle="none",
        marker="o",
        color=OKABE_ITO["blue"],
        markeredgecolor="black",
        label="measured",
    )
    right.plot(
        n_line,
        3 * 16 * 2**n_line,
        color=OKABE_ITO["blue"],
        label="model: three statevectors, 3\u00b716\u00b72\u207f B",
    )
    right.plot(
        n_line,
        16 * 4.0**n_line,
        color=OKABE_ITO["vermillion"],
        linestyle="--",
        label="a density matrix, 16\u00b74\u207f B (model)",
    )
    right.plot(
        n_values,
        nbytes,
        linestyle="none",
        marker="o",
        color=OKABE_ITO["blue"],
        markeredgecolor="black",
        label="measured peak",
    )
    left.set_title("time of one fidelity term")
    right.set_title("memory of the estimate")
    for ax in (left, right):
        ax.legend(loc="upper left")
    plt.close(fig)
    return fig


def single_copy_figure(n_values=(10, 20, 30), M_max: float = 1e12):
    """Growth laws of the copies M two-outcome expectations need, constants dropped (chapter 6).

    Lines only (these are bounds, not measurements): the single-copy lower
    bound min(M, 2^n) of :func:`qbp_lessons.costs.single_copy_lower_bound` (a
    worst case over general two-outcome measurements) for each n, and, dotted,
    the shape n log^2 M of shadow tomography with a quantum memory
    (:func:`qbp_lessons.costs.shadow_tomography_copies` at eps = 1).
    """
    if isinstance(n_values, (str, bytes)) or not hasattr(n_values, "__iter__"):
        raise TypeError(f"n_values must be a list of qubit counts, got {type(n_values).__name__}")
    n_values = count_list("n_values", list(n_values), maximum=60, max_length=4)  # four colours
    M_max = positive_real("M_max", M_max)
    if not 10 <= M_max <= 1e15:
        raise ValueError(f"M_max must lie in [10, 1e15], got {M_max}")
    style()
    M = np.unique(np.round(np.geomspace(1, M_max, 300)))
    fig, ax = plt.subplots(figsize=(6.4, 3.8), layout="constrained")
    colours = [OKABE_ITO[c] for c in ("vermillion", "orange", "purple", "green")]
    for n, colour in zip(n_values, colours):
        ax.plot(
            M,
            costs.single_copy_lower_bound(M, n),
            color=colour,
            label=f"one copy at a time, n = {n}: min(M, 2\u207f)",
        )
        ax.plot(
            M,
            costs.shadow_tomography_copies(M, 1.0, n) / math.log(2),
            color=colour,
            linestyle=":",
            label=f"with quantum memory, n = {n}: n log\u00b2M",
        )
    log_log_axes(
        ax,
        "number of two-outcome measurements M (gradient components)",
        "copies of the state, up to constants",
    )
    ax.legend(loc="upper left", fontsize=7.5, ncol=1)
    plt.close(fig)
    return fig


_GATE_COLOURS = {
    "ancilla": OKABE_ITO["orange"],
    "prep": "#BBBBBB",
    "reduction": OKABE_ITO["sky"],
}


def gate_list_figure(circuit: Circuit, kinds: Sequence[str], labels: Sequence[str], wire_names):
    """Draw a Pauli-rotation circuit from its own gate list: one column per gate exp(-i t P).

    Each gate is a column of boxes, one per wire where its Pauli string is not I
    (the letter inside), joined by a vertical line; ``kinds[j]`` (a key of the
    colour table: "ancilla", "prep", "reduction") colours gate j and ``labels[j]``
    is written above it. A meter box with the observable's letters ends the
    wires that it measures. Returns the figure. Introduced in chapter 6.
    """
    circuit = check_circuit(circuit)
    for name, value in (("kinds", kinds), ("labels", labels), ("wire_names", wire_names)):
        if isinstance(value, (str, bytes)) or not isinstance(value, (Sequence, np.ndarray)):
            raise TypeError(f"{name} must be a list of strings, got {type(value).__name__}")
    kinds, labels, wire_names = list(kinds), list(labels), list(wire_names)
    known = [isinstance(k, str) and k in _GATE_COLOURS for k in kinds]
    if len(kinds) != circuit.M or not all(known):
        raise ValueError(
            f"kinds must give one of {sorted(_GATE_COLOURS)} for each of the {circuit.M} gates"
        )
    if len(labels) != circuit.M or not all(isinstance(x, str) for x in labels):
        raise ValueError(f"labels must be {circuit.M} strings, one per gate")
    if len(wire_names) != circuit.n or not all(isinstance(x, str) for x in wire_names):
        raise ValueError(f"wire_names must be {circuit.n} strings, one per wire")
    if circuit.M > 40 or circuit.n > 8:
        raise ValueError(
            f"circuit is too large to draw legibly (at most 40 gates on 8 wires), got {circuit.M}"
            f" gates on {circuit.n} wires"
        )
    style()
    width = 1.4 + 0.62 * (circuit.M + 1.5)
    fig, ax = plt.subplots(figsize=(width, 0.62 * circuit.n + 0.9), layout="constrained")
    ax.set_xlim(-1.4, circuit.M + 1.2)
    ax.set_ylim(circuit.n - 0.3, -1.05)
    ax.axis("off")
    x_end = circuit.M + 0.6
    for w, name in enumerate(wire_names):
        ax.plot([-0.5, x_end], [w, w], color="black", linewidth=1, zorder=1)
        ax.text(-0.6, w, name, ha="right", va="center", fontsize=10)
    half = 0.3
    for j, (gen, kind, label) in enumerate(zip(circuit.generators, kinds, labels)):
        wires = gen.support or tuple(range(circuit.n))  # a global phase: drawn on every wire
        if len(wires) > 1:
            ax.plot([j, j], [min(wires), max(wires)], color="black", linewidth=1.2, zorder=2)
        for w in wires:
            ax.add_patch(
                plt.Rectangle(
                    (j - half, w - half),
                    2 * half,
                    2 * half,
                    facecolor=_GATE_COLOURS[kind],
                    edgecolor="black",
                    zorder=3,
                )
            )
            ax.text(j, w, gen.label[w], ha="center", va="center", fontsize=10, zorder=4)
        ax.text(j, min(wires) - 0.45, label, ha="center", va="bottom", fontsize=8.5)
    for coeff, q in circuit.observable.terms:
        for w in q.support:
            ax.add_patch(
                plt.Rectangle(
                    (x_end - half, w - half),
                    2 * half,
                    2 * half,
                    facecolor="white",
                    edgecolor="black",
                    zorder=3,
                )
            )
            ax.text(x_end, w, "\u27e8" + q.label[w] + "\u27e9", ha="center", va="center", zorder=4)
        break  # one term is drawn: the reduction measures a single string
    plt.close(fig)
    return fig


def reduction_figure(prep: Circuit, paulis):
    """The reduction circuit of :func:`shadows.reduction_circuit`, drawn from its gate list.

    Wire 0 is the ancilla: its gate exp(-i t X) at t = -pi/4 makes |+i>; then
    ``prep``'s gates (grey) prepare rho on wires 1..n; then one gate
    exp(-i theta_k X (x) Q_k) per string (blue), evaluated at theta_k = 0; Z is
    measured on the ancilla. Returns the figure. Introduced in chapter 6.
    """
    circuit = reduction_circuit(prep, paulis)
    M = circuit.M - 1 - prep.M
    kinds = ["ancilla"] + ["prep"] * prep.M + ["reduction"] * M
    labels = ["\u2212\u03c0/4"] + [f"\u03c6{j + 1}" for j in range(prep.M)]
    labels += [f"\u03b8{k + 1}" for k in range(M)]
    wire_names = ["ancilla |0\u27e9"] + [f"qubit {w} |0\u27e9" for w in range(1, prep.n + 1)]
    return gate_list_figure(circuit, kinds, labels, wire_names)


# --------------------------------------------------------------------------
# The explorer: M, k, eps, delta
# --------------------------------------------------------------------------

EXPLORER_M = (10, 30, 100, 300, 1000, 3000, 10_000, 30_000, 100_000, 1_000_000)
EXPLORER_K = (1, 2, 3, 4)
EXPLORER_EPS = (0.3, 0.1, 0.03)
EXPLORER_DELTA = (0.1, 0.001)


def shadow_reading(M: int, k: int, eps: float, delta: float) -> str:
    """The explorer's text at one grid point, from the bounds of :mod:`qbp_lessons.costs`."""
    M = positive_int("M", M)
    k = bounded_int("k", k, maximum=costs.MAX_LOCALITY)
    eps = positive_real("eps", eps, upper=1.0)
    delta = probability("delta", delta)
    shadows = float(costs.shadow_snapshots(M, eps, delta, k))
    direct = float(costs.direct_measurement_shots(M, eps, delta))
    shortcut = float(costs.shadow_snapshots_infinity_norm(M, eps, delta))
    crossover = 34 * 3**k
    verdict = (
        f"shadows need {format_number(direct / shadows)}\u00d7 fewer copies"
        if shadows < direct
        else f"direct measurement needs {format_number(shadows / direct)}\u00d7 fewer copies"
    )
    return (
        f"M = {format_number(M)} weight-{k} strings, \u03b5 = {format_number(eps)}, \u03b4 ="
        f" {delta:g}: classical shadows need at most {format_number(shadows)} snapshots, measuring"
        f" each string directly {format_number(direct)} shots; {verdict}. The bounds cross at M ="
        f" 34\u00b73^{k} = {crossover:,}. (The infinity-norm shortcut would claim"
        f" {format_number(shortcut)}, {3**k}\u00d7 too few.)"
    )


def shadow_explorer(
    M_values: Sequence[int] = EXPLORER_M,
    k_values: Sequence[int] = EXPLORER_K,
    eps_values: Sequence[float] = EXPLORER_EPS,
    delta_values: Sequence[float] = EXPLORER_DELTA,
    *,
    default_M: int = 1000,
    default_k: int = 2,
    default_eps: float = 0.1,
    default_delta: float = 0.1,
):
    """Sliders for M, k, eps and delta: the shadow bound against direct measurement, statically.

    One plot per (k, eps, delta) with both bounds against M and the crossover
    M = 34 x 3^k marked; a dashed line at the chosen M; a reading from
    :func:`shadow_reading`. Every frame is precomputed (:func:`frame_explorer`).
    """
    for name, values in (
        ("M_values", M_values),
        ("k_values", k_values),
        ("eps_values", eps_values),
        ("delta_values", delta_values),
    ):
        if (
            isinstance(values, str)
            or not isinstance(values, (Sequence, np.ndarray))
            or len(values) == 0
        ):
            raise TypeError(f"{name} must be a non-empty list or tuple")
    M_values = count_list("M_values", list(M_values), maximum=10**12)  # far beyond any slider
    k_values = count_list("k_values", list(k_values), maximum=costs.MAX_LOCALITY)
    eps_values = [positive_real("eps_values", e, upper=1.0) for e in eps_values]
    delta_values = [probability("delta_values", d) for d in delta_values]
    for name, value, values in (
        ("default_M", default_M, M_values),
        ("default_k", default_k, k_values),
        ("default_eps", default_eps, eps_values),
        ("default_delta", default_delta, delta_values),
    ):
        if isinstance(value, (bool, np.bool_)) or value not in values:
            raise ValueError(f"{name} must be one of {values}, got {value!r}")

    M_line = np.unique(np.round(np.geomspace(1, max(M_values), 120)))
    y_all = [
        costs.shadow_snapshots(M_line, e, d, k)
        for k in k_values
        for e in eps_values
        for d in delta_values
    ]
    y_all += [
        costs.direct_measurement_shots(M_line, e, d) for e in eps_values for d in delta_values
    ]
    y_low, y_high = min(y.min() for y in y_all) / 3, max(y.max() for y in y_all) * 3
    x_low, x_high = 1.0, max(M_values) * 1.2

    style()
    fig, ax = plt.subplots(figsize=(7.2, 4.2), dpi=100, layout="constrained")
    plt.close(fig)
    width, height = fig.canvas.get_width_height()
    box = {}

    def draw(k, eps, delta):
        ax.clear()
        log_log_axes(ax, "number of Pauli strings M", "copies of the state")
        sh = METHOD_STYLE["shadows"]
        ax.plot(
            M_line,
            costs.shadow_snapshots(M_line, eps, delta, k),
            color=sh["color"],
            linewidth=2,
            label=f"classical shadows, weight {k} (bound)",
        )
        ax.plot(
            M_line,
            costs.direct_measurement_shots(M_line, eps, delta),
            color=DIRECT_STYLE["color"],
            linewidth=2,
            label="each string measured directly (bound)",
        )
        cross = 34 * 3**k
        if cross < x_high:
            ax.axvline(cross, color="#555555", linewidth=1, linestyle=":")
            ax.annotate(
                f"M = 34\u00b73^{k}",
                (cross, y_low * 3),
                xytext=(4, 0),
                textcoords="offset points",
                fontsize=8.5,
                color="#333333",
            )
        ax.set_xlim(x_low, x_high)
        ax.set_ylim(y_low, y_high)
        ax.legend(loc="upper left")
        ax.set_title(f"k = {k}, \u03b5 = {eps:g}, \u03b4 = {delta:g}")
        fig.canvas.draw()
        b = ax.bbox
        box["px"] = (b.x0, b.x1, height - b.y1, height - b.y0)
        png = base64.b64encode(png_bytes(fig, dpi=100)).decode("ascii")
        alt = (
            f"Log-log plot of copies of the state against the number M of weight-{k} Pauli strings"
            f" at epsilon {eps:g} and delta {delta:g}: the classical-shadow bound grows like log M,"
            f" direct measurement like M log M; they cross at M = {cross:,}."
        )
        return (
            f'<img src="data:image/png;base64,{png}" alt="{html.escape(alt)}" width="{width}" '
            f'height="{height}" style="display:block;width:100%;height:auto"/>'
        )

    def marker(M):
        if "px" not in box:
            draw(k_values[0], eps_values[0], delta_values[0])
        left, right, top, bottom = box["px"]
        x = left + (math.log10(M) - math.log10(x_low)) / (
            math.log10(x_high) - math.log10(x_low)
        ) * (right - left)
        return overlay_svg(width, height, [marker_line(x, top, bottom)])

    def reading(M, k, eps, delta):
        return reading_html(shadow_reading(M, k, eps, delta))

    return frame_explorer(
        [
            Axis("M", "Pauli strings M", list(M_values), default_M),
            Axis("k", "weight k", list(k_values), default_k),
            Axis("eps", "precision \u03b5", list(eps_values), default_eps),
            Axis("delta", "failure probability \u03b4", list(delta_values), default_delta),
        ],
        figure=[Layer(draw, ("k", "eps", "delta")), Layer(marker, ("M",))],
        reading=Layer(reading, ("M", "k", "eps", "delta")),
    )
