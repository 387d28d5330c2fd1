"""Chapter 2's presentation: the simulator's timing figure and its live explorer.

These functions draw what :mod:`qbp_lessons.lessons.rotations.simulator` measured; the live
explorer is handed the measuring function by the chapter, so presentation never
times or simulates on its own.

Introduced in chapter 2.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from qbp_lessons import costs
from qbp_lessons._validate import records
from qbp_lessons.lessons.rotations.simulator import METHODS, SimulatorCosts
from qbp_lessons.show.format import format_bytes, format_seconds
from qbp_lessons.show.frames import Axis, Layer, frame_explorer
from qbp_lessons.show.figure_style import METHOD_STYLE, OKABE_ITO, log_log_axes, style

__all__ = [
    "simulator_timing_figure",
    "simulator_reading",
    "simulator_explorer",
    "adjoint_sweep_figure",
]


def simulator_timing_figure(sweep, lightning=None):
    """Chapter 2's figure: time of F and of two gradients of the statevector simulator against M.

    ``sweep`` is a list of :class:`qbp_lessons.lessons.rotations.simulator.SimulatorCosts` at one n
    (from :func:`~qbp_lessons.lessons.rotations.simulator.measure_simulator_costs`). Left: seconds
    against M for F, the adjoint gradient and the inserted-state gradient
    (filled where measured, hollow where estimated from its gate count), and,
    if given, ``lightning`` = ``{M: (seconds of F, seconds of grad F)}`` for
    PennyLane's lightning.qubit adjoint. Right: each gradient's time divided by
    the same engine's TIME(F), with the exact gate-count ratios as lines.
    """
    sweep = records("sweep", sweep, SimulatorCosts)
    style()
    M = np.array([c.M for c in sweep], dtype=float)
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
    log_log_axes(left, "number of gates M", "seconds")
    log_log_axes(right, "number of gates M", "TIME(\u2207F) / TIME(F)")
    series = [
        ("forward", "function", "F, one forward pass"),
        ("adjoint", "backprop", "\u2207F, adjoint (ours)"),
        ("inserted", "param_shift", "\u2207F, one inserted state per k (ours)"),
    ]
    for key, style_key, label in series:
        st = METHOD_STYLE[style_key]
        t = np.array([c.seconds[key] for c in sweep])
        measured = np.array([key != "inserted" or c.inserted_measured for c in sweep])
        left.plot(M, t, color=st["color"], linestyle=st["linestyle"], linewidth=1)
        left.plot(
            M[measured],
            t[measured],
            linestyle="none",
            marker=st["marker"],
            color=st["color"],
            markeredgecolor="black",
            label=label + ", measured",
        )
        if not measured.all():
            left.plot(
                M[~measured],
                t[~measured],
                linestyle="none",
                marker=st["marker"],
                markerfacecolor="white",
                color=st["color"],
                label=label + ", from its gate count",
            )
        if key != "forward":
            ratio = t / np.array([c.seconds["forward"] for c in sweep])
            right.plot(
                M[measured],
                ratio[measured],
                linestyle="none",
                marker=st["marker"],
                color=st["color"],
                markeredgecolor="black",
                label=label.split(" (")[0] + ", measured",
            )
            name = "adjoint" if key == "adjoint" else "inserted"
            counts = [
                sum(costs.simulator_gate_applications(name, int(m)))
                / sum(costs.simulator_gate_applications("expval", int(m)))
                for m in M
            ]
            right.plot(
                M,
                counts,
                color=st["color"],
                linestyle=st["linestyle"],
                linewidth=1.5,
                label=label.split(" (")[0] + ", model (gate applications)",
            )
    if lightning:
        st = METHOD_STYLE["autograd"]
        Ml = np.array(sorted(lightning), dtype=float)
        tl = np.array([lightning[int(m)] for m in Ml])
        left.plot(
            Ml,
            tl[:, 1],
            linestyle=st["linestyle"],
            marker=st["marker"],
            color=st["color"],
            markeredgecolor="black",
            label="\u2207F, PennyLane lightning.qubit adjoint",
        )
        right.plot(
            Ml,
            tl[:, 1] / tl[:, 0],
            linestyle=st["linestyle"],
            marker=st["marker"],
            color=st["color"],
            markeredgecolor="black",
            label="lightning.qubit adjoint / its own F",
        )
    left.legend(loc="upper left")
    left.set_title(f"time on n = {sweep[0].n} qubits")
    right.legend(loc="upper left")
    right.set_title("relative to one forward pass")
    plt.close(fig)  # returned for display, not left open for pyplot to show a second time
    return fig


def simulator_reading(costs_: SimulatorCosts) -> str:
    """The HTML table :func:`simulator_explorer` shows for one measurement (chapter 2)."""
    if not isinstance(costs_, SimulatorCosts):
        raise TypeError(f"costs_ must be a SimulatorCosts, got {type(costs_).__name__}")
    c = costs_
    sv = c.statevector_bytes
    cell = 'style="padding:0.15em 0.6em;text-align:right;white-space:nowrap"'
    head = 'style="padding:0.15em 0.6em;text-align:left;white-space:nowrap"'
    rows = []
    header = "".join(f"<th {cell}>{html.escape(METHODS[m][0])}</th>" for m in METHODS)
    rows.append(f"<tr><th {head}></th>{header}</tr>")

    def row(label, values):
        rows.append(
            f"<tr><th {head}>{html.escape(label)}</th>"
            + "".join(f"<td {cell}>{v}</td>" for v in values)
            + "</tr>"
        )

    def states(nbytes):
        return "not run" if nbytes is None else f"{format_bytes(nbytes)} ({nbytes / sv:.3g} states)"

    row(
        "gate applications, counted",
        ["not run" if c.gates[m] is None else f"{c.gates[m]:,}" for m in METHODS],
    )
    times = []
    for m in METHODS:
        text = format_seconds(c.seconds[m])
        if m == "inserted" and not c.inserted_measured:
            text = "\u2248 " + text + "*"
        times.append(text)
    row("CPU time, measured", times)
    row("time / TIME(F)", [f"{c.seconds[m] / c.seconds['forward']:.3g}" for m in METHODS])
    row("memory, model (no cache)", [f"{costs.SIMULATOR_STATEVECTORS[m]} states" for m in METHODS])
    row("memory, measured without cache", [states(c.peak_bytes_lean[m]) for m in METHODS])
    row("memory, measured with cache", [states(c.peak_bytes[m]) for m in METHODS])
    note = (
        f"n = {c.n} qubits, M = {c.M} random 2-local Pauli rotations (O = Z on wire 0). One"
        f" statevector holds 2^{c.n} = {1 << c.n:,} complex numbers, {format_bytes(sv)}. The"
        " engine's kernel cache (one phase vector per distinct Pauli string, one permutation per"
        f" distinct bit-flip pattern) holds {format_bytes(c.cache_bytes)}, {c.cache_bytes / sv:.3g}"
        " states. Measured when the notebook last ran (on the website: on the machine that built"
        " the page); times are the best of a few runs in CPU time, memory peaks are tracemalloc's."
        f" The adjoint gradient took {c.omega:.2g} forward passes (by counted gate applications"
        f" {c.gates['adjoint'] / c.gates['forward']:.3g})."
    )
    if not c.inserted_measured:
        note += (
            " *Not run (it would take too long): the model's gate applications times "
            "the forward pass's measured time per gate application."
        )
    return (
        '<div style="overflow-x:auto"><table class="qbp-sim-table"'
        ' style="border-collapse:collapse;margin:0.4em'
        f' 0;font-size:0.9em">{"".join(rows)}</table></div><p class="qbp-reading"'
        f' style="line-height:1.4;margin:0.3em 0">{html.escape(note)}</p>'
    )


def simulator_explorer(results) -> widgets.VBox:
    """Sliders for n and M over simulator measurements: time and memory of F and of two gradients.

    ``results`` maps ``(n, M)`` to a :class:`SimulatorCosts` for every point of
    a grid (the chapter measures them with
    :func:`qbp_lessons.lessons.rotations.simulator.measure_simulator_costs` when it runs, so
    in Jupyter they are measured on the reader's machine and on the website on
    the machine that built it). Every table is precomputed, so the explorer
    responds on the static site too. Introduced in chapter 2.
    """
    if not isinstance(results, dict) or not results:
        raise TypeError("results must be a non-empty dict mapping (n, M) to SimulatorCosts")
    for key, value in results.items():
        if not (isinstance(key, tuple) and len(key) == 2) or not isinstance(value, SimulatorCosts):
            raise TypeError("results must map (n, M) pairs to SimulatorCosts")
    n_values = sorted({n for n, _ in results})
    M_values = sorted({m for _, m in results})
    missing = [(n, m) for n in n_values for m in M_values if (n, m) not in results]
    if missing:
        raise ValueError(f"results must cover a full grid of n and M; missing {missing[:3]}")

    def table(n, M):
        return simulator_reading(results[(n, M)])

    box = frame_explorer(
        [
            Axis("n", "qubits n", n_values, n_values[len(n_values) // 2]),
            Axis("M", "gates M", M_values, M_values[len(M_values) // 2]),
        ],
        figure=[],
        reading=Layer(table, ("n", "M")),
    )
    box.add_class("qbp-simulator")
    return box


def adjoint_sweep_figure(labels):
    """Chapter 2's diagram of the adjoint method on a circuit whose gates carry ``labels``.

    Top row: the forward pass, |0> through U_1 ... U_M to |psi>, then O. Two
    rows below: the backward sweep, which undoes gate k on both |psi_k> and
    |lam_k> (U_k^dagger, right to left) and reads off component k from
    <lam_k| -i P_k |psi_k> on the wires right of the U_k^dagger boxes, before gate k is
    undone. ``labels``: the gates' Pauli strings, gate 1 first.
    """
    if isinstance(labels, str) or not isinstance(labels, (list, tuple)) or not labels:
        raise TypeError("labels must be a non-empty list of gate labels")
    if len(labels) > 12:
        raise ValueError(f"labels must hold at most 12 gates to stay legible, got {len(labels)}")
    labels = [str(label) for label in labels]
    M = len(labels)
    style()
    fig, ax = plt.subplots(figsize=(1.3 * M + 3.2, 3.4), layout="constrained")
    ax.set_axis_off()
    rows = {"forward": 2.0, "psi": 1.0, "lam": 0.0}

    def box(x, y, text, color):
        ax.add_patch(
            plt.Rectangle(
                (x - 0.42, y - 0.28), 0.84, 0.56, facecolor="white", edgecolor=color, linewidth=1.8
            )
        )
        ax.text(x, y, text, ha="center", va="center", fontsize=9)

    xs = np.arange(1, M + 1, dtype=float)
    ax.plot([0.2, M + 1.0], [rows["forward"]] * 2, color="black", linewidth=1, zorder=0)
    ax.text(0.1, rows["forward"], r"$|0\rangle$", ha="right", va="center")
    for x, label in zip(xs, labels):
        box(x, rows["forward"], f"U{int(x)}\n{label}", OKABE_ITO["blue"])
    box(M + 1.0, rows["forward"], "O", OKABE_ITO["black"])
    ax.annotate(
        "",
        xy=(M + 0.6, rows["forward"] + 0.45),
        xytext=(0.6, rows["forward"] + 0.45),
        arrowprops=dict(arrowstyle="->", color=OKABE_ITO["blue"]),
    )
    ax.text(
        (M + 1.2) / 2,
        rows["forward"] + 0.6,
        r"forward pass: M gates, then $|\lambda_M\rangle = O|\psi_M\rangle$",
        ha="center",
        color=OKABE_ITO["blue"],
        fontsize=9,
    )
    for key, name in (("psi", r"\psi"), ("lam", r"\lambda")):
        y = rows[key]
        ax.plot([0.2, M + 0.6], [y, y], color="black", linewidth=1, zorder=0)
        ax.text(M + 0.75, y, f"$|{name}_M\\rangle$", ha="left", va="center")
        for x in xs:
            box(x, y, f"U{int(x)}\u2020", OKABE_ITO["vermillion"])
    # component k is read on the wires to the right of the U_k^dagger boxes, from |psi_k> and
    # |lam_k>, before gate k is undone
    for x in xs:
        ax.annotate(
            "",
            xy=(x + 0.5, rows["lam"] + 0.08),
            xytext=(x + 0.5, rows["psi"] - 0.08),
            arrowprops=dict(arrowstyle="<->", color=OKABE_ITO["green"], linewidth=1.2),
        )
        ax.text(
            x + 0.56,
            0.5,
            f"\u2202F/\u2202\u03b8{int(x)}",
            ha="left",
            va="center",
            fontsize=8,
            color=OKABE_ITO["green"],
        )
    ax.annotate(
        "",
        xy=(0.6, -0.55),
        xytext=(M + 0.6, -0.55),
        arrowprops=dict(arrowstyle="->", color=OKABE_ITO["vermillion"]),
    )
    ax.text(
        (M + 1.2) / 2,
        -0.8,
        "backward sweep: undo gate k on both vectors (2 gate applications each)",
        ha="center",
        color=OKABE_ITO["vermillion"],
        fontsize=9,
    )
    ax.set_xlim(-0.6, M + 2.2)
    ax.set_ylim(-1.0, 2.9)
    plt.close(fig)
    return fig
