"""Chapter 1's figures: the graph and its tape, omega against M, memory against depth and batch.

Introduced in chapter 1. Measured values are markers (filled where timed or
measured, hollow where modelled), models are lines.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from qbp_lessons import costs
from qbp_lessons._validate import positive_int, records
from qbp_lessons.lessons.backprop.memory import MemoryMeasurement
from qbp_lessons.lessons.backprop.omega import OmegaMeasurement
from qbp_lessons.show.figure_style import METHOD_STYLE, OKABE_ITO, log_log_axes, style

__all__ = ["graph_figure", "omega_figure", "memory_figure"]


def _box(ax, x, y, text, color, *, width=1.1, height=0.55, fill="white", dashed=False):
    ax.add_patch(
        FancyBboxPatch(
            (x - width / 2, y - height / 2),
            width,
            height,
            boxstyle="round,pad=0.04",
            facecolor=fill,
            edgecolor=color,
            linewidth=1.6,
            linestyle="--" if dashed else "-",
        )
    )
    ax.text(x, y, text, ha="center", va="center", fontsize=10)


def _arrow(ax, start, end, color, *, style="-|>", linestyle="-", rad=0.0):
    ax.add_patch(
        FancyArrowPatch(
            start,
            end,
            arrowstyle=style,
            mutation_scale=12,
            color=color,
            linewidth=1.4,
            linestyle=linestyle,
            connectionstyle=f"arc3,rad={rad}",
        )
    )


def graph_figure(layers: int = 3):
    """The computational graph of F for an L-layer sigmoid network, with its tape.

    Top row: the forward pass, X = a_0 -> z_l = theta_l a_{l-1} -> a_l = sigma(z_l)
    -> F, each node computed from the one before (black arrows). Middle row: the
    tape, the activations a_0 ... a_L that :func:`qbp_lessons.lessons.backprop.passes.forward`
    keeps. Bottom row: the backward pass (green, dashed), the chain that is passed
    down, dF/da_L -> delta_L -> delta_{L-1} ... -> delta_1, each step
    dF/da_{l-1} = theta_l^T delta_l (which also needs theta_l); delta_l reads a_l off
    the tape (for sigma' = a (1 - a)), and each weight gradient
    dF/dtheta_l = delta_l a_{l-1}^T branches off the chain, reading a_{l-1}.
    Introduced in chapter 1.
    """
    layers = positive_int("layers", layers)
    if layers > 4:
        raise ValueError(f"layers must be at most 4 to stay legible, got {layers}")
    style()
    fwd, tape_c, bwd = OKABE_ITO["black"], OKABE_ITO["blue"], OKABE_ITO["green"]
    step = 3.2
    xF = step * (layers + 1) - 0.6
    fig, ax = plt.subplots(figsize=(2.45 * (layers + 1) + 0.6, 3.6), layout="constrained")
    ax.set_xlim(-0.75, xF + 0.75)
    ax.set_ylim(-3.75, 1.35)
    ax.axis("off")
    y_f, y_t, y_b, y_g = 0.75, -0.65, -2.1, -3.2
    ax.text(-0.7, y_f + 0.45, "forward pass", fontsize=9, color=fwd, ha="left")
    ax.text(
        -0.7, y_t + 0.45, "tape (kept by the forward pass)", fontsize=9, color=tape_c, ha="left"
    )
    ax.text(-0.7, y_b + 0.45, "backward pass (reads the tape)", fontsize=9, color=bwd, ha="left")
    _box(ax, 0.0, y_f, "$X = a_0$", fwd)
    _box(ax, 0.0, y_t, "$a_0$", tape_c, fill="#e8f1f8")
    for k in range(1, layers + 1):
        cz, ca, ca_prev = step * k - 1.0, step * k + 0.55, (step * (k - 1) + 0.55 if k > 1 else 0.0)
        _box(ax, cz, y_f, rf"$z_{k} = \theta_{k}\, a_{k - 1}$", fwd, width=1.36)
        _box(ax, ca, y_f, rf"$a_{k} = \sigma(z_{k})$", fwd, width=1.2)
        _arrow(ax, (ca_prev + 0.6, y_f), (cz - 0.72, y_f), fwd)
        _arrow(ax, (cz + 0.7, y_f), (ca - 0.64, y_f), fwd)
        _box(ax, ca, y_t, f"$a_{k}$", tape_c, fill="#e8f1f8", width=0.9)
        _arrow(ax, (ca, y_f - 0.3), (ca, y_t + 0.3), tape_c, linestyle=":")
        # the chain passes delta_k down; delta_k reads a_k (for sigma' = a (1 - a))
        _box(ax, cz, y_b, rf"$\delta_{k}$", bwd, width=0.8, dashed=True)
        _arrow(ax, (ca - 0.1, y_t - 0.3), (cz + 0.3, y_b + 0.3), tape_c, linestyle=":")
        # the weight gradient branches off the chain and reads a_{k-1}
        _box(
            ax,
            cz,
            y_g,
            rf"$\partial F/\partial\theta_{k} = \delta_{k}\, a_{k - 1}^{{T}}$",
            bwd,
            width=1.9,
            dashed=True,
        )
        _arrow(ax, (cz, y_b - 0.3), (cz, y_g + 0.3), bwd, linestyle="--")
        _arrow(ax, (ca_prev + 0.1, y_t - 0.3), (cz - 0.5, y_g + 0.3), tape_c, linestyle=":")
        if k < layers:
            _arrow(ax, (cz + step - 0.42, y_b), (cz + 0.42, y_b), bwd, linestyle="--")
            ax.text(
                cz + step / 2,
                y_b + 0.12,
                rf"$\theta_{k + 1}^{{T}}\delta_{k + 1}$",
                fontsize=8,
                color=bwd,
                ha="center",
                va="bottom",
            )
    _box(ax, xF, y_f, "$F$", fwd, width=0.7)
    _arrow(ax, (step * layers + 1.15, y_f), (xF - 0.38, y_f), fwd)
    _box(ax, xF, y_b, r"$\partial F/\partial a_{%d}$" % layers, bwd, width=1.15, dashed=True)
    _arrow(ax, (xF, y_f - 0.3), (xF, y_b + 0.3), bwd, linestyle="--")
    _arrow(ax, (xF - 0.6, y_b), (step * layers - 1.0 + 0.42, y_b), bwd, linestyle="--")
    plt.close(fig)
    return fig


def omega_figure(measurements):
    """Chapter 1's figure: measured TIME and MEMORY ratios of the gradient against M.

    Left: TIME(grad F) / TIME(F) for our backprop and autograd (measured), and
    for finite differences: filled squares where the finite-difference gradient
    was timed, hollow squares where it was modelled as
    ``costs.finite_difference_evaluations(M) * TIME(F)`` (measured TIME(F)),
    on the model's line. Right: MEMORY(grad F) / MEMORY(F). ``measurements`` is
    the list returned by :func:`qbp_lessons.lessons.backprop.omega.sweep_omega`.
    """
    measurements = records("measurements", measurements, OmegaMeasurement)
    style()
    M = np.array([m.M for m in measurements], dtype=float)
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
    log_log_axes(left, "number of parameters M", "TIME(\u2207F) / TIME(F)")
    M_line = np.unique(np.round(np.geomspace(M.min() / 2, M.max() * 2, 50)))
    fd = METHOD_STYLE["finite_difference"]
    scheme = measurements[0].fd_scheme
    evaluations = "M + 1" if scheme == "forward" else "2M"
    left.plot(
        M_line,
        costs.finite_difference_evaluations(M_line, scheme),
        color=fd["color"],
        linestyle="-",
        label=f"finite differences, model {evaluations}",
    )
    timed = np.array([m.fd_measured for m in measurements])
    ratios = np.array([m.fd_ratio for m in measurements])
    if timed.any():
        left.plot(
            M[timed],
            ratios[timed],
            linestyle="none",
            marker=fd["marker"],
            color=fd["color"],
            markeredgecolor="black",
            label="finite differences, timed",
        )
    if (~timed).any():
        left.plot(
            M[~timed],
            ratios[~timed],
            linestyle="none",
            marker=fd["marker"],
            markerfacecolor="none",
            markeredgecolor=fd["color"],
            markeredgewidth=1.5,
            label=f"finite differences, not timed: ({evaluations}) \u00d7 measured TIME(F)",
        )
    for key, values, label in [
        ("backprop", [m.omega1 for m in measurements], "backprop (qbp_lessons), measured"),
        ("autograd", [m.omega1_autograd for m in measurements], "autograd, measured"),
    ]:
        if any(v is None for v in values):
            continue
        st = METHOD_STYLE[key]
        left.plot(
            M,
            values,
            marker=st["marker"],
            color=st["color"],
            linestyle=st["linestyle"],
            markeredgecolor="black",
            label=label,
        )
    left.axhspan(
        2, 4, color=OKABE_ITO["green"], alpha=0.12, label="the talk's \u03c9 \u2208 [2, 4]"
    )
    left.legend(loc="upper left")
    left.set_title("time")

    right.set_xscale("log")
    right.set_xlabel("number of parameters M")
    right.set_ylabel("MEMORY(\u2207F) / MEMORY(F)")
    right.axhspan(
        0,
        4,
        color=OKABE_ITO["green"],
        alpha=0.12,
        label="within the talk's bound, \u03c9\u2082 \u2264 4",
    )
    st = METHOD_STYLE["backprop"]
    right.plot(
        M,
        [m.omega2 for m in measurements],
        marker=st["marker"],
        color=st["color"],
        markeredgecolor="black",
        label="backprop (qbp_lessons), measured",
    )
    if all(m.omega2_autograd is not None for m in measurements):
        st = METHOD_STYLE["autograd"]
        right.plot(
            M,
            [m.omega2_autograd for m in measurements],
            marker=st["marker"],
            color=st["color"],
            linestyle=st["linestyle"],
            markeredgecolor="black",
            label="autograd, measured",
        )
    right.set_ylim(0, 5)
    right.legend(loc="lower right")
    right.set_title(f"memory (batch {measurements[0].batch})")
    plt.close(fig)  # returned for display, not left open for pyplot to show a second time
    return fig


def memory_figure(measurements):
    """Chapter 1's memory figure: omega2 against depth, one panel per batch, plain and checkpointed.

    Filled markers: plain backprop (the whole tape), measured. Hollow markers:
    checkpointed backprop (:func:`qbp_lessons.lessons.backprop.checkpointing.grad_checkpointed`),
    measured. The band is the talk's bound, omega2 <= 4 (an upper bound). ``measurements``
    is the list returned by :func:`qbp_lessons.lessons.backprop.memory.sweep_memory`.
    """
    measurements = records("measurements", measurements, MemoryMeasurement)
    style()
    batches = sorted({m.batch for m in measurements})
    fig, axes = plt.subplots(
        1,
        len(batches),
        figsize=(2.6 * len(batches) + 1.0, 3.6),
        layout="constrained",
        sharey=True,
        squeeze=False,
    )
    top = max(max(m.omega2 for m in measurements) * 1.1, 4.5)
    st = METHOD_STYLE["backprop"]
    for ax, batch in zip(axes[0], batches):
        rows = sorted((m for m in measurements if m.batch == batch), key=lambda m: m.depth)
        depth = [m.depth for m in rows]
        ax.axhspan(
            0,
            4,
            color=OKABE_ITO["green"],
            alpha=0.12,
            label="within the talk's bound, \u03c9\u2082 \u2264 4",
        )
        ax.plot(
            depth,
            [m.omega2 for m in rows],
            marker=st["marker"],
            color=st["color"],
            markeredgecolor="black",
            label="plain backprop (whole tape)",
        )
        ax.plot(
            depth,
            [m.omega2_checkpointed for m in rows],
            marker="o",
            color=OKABE_ITO["vermillion"],
            markerfacecolor="none",
            markeredgewidth=1.5,
            linestyle="--",
            label="checkpointed (\u2248 2\u221aL layers)",
        )
        ax.set_xscale("log", base=2)
        ax.set_xticks(depth, [str(d) for d in depth])
        ax.minorticks_off()
        ax.set_xlabel("depth L")
        ax.set_ylim(0, top)
        ax.set_title(f"batch {batch}")
    axes[0][0].set_ylabel("MEMORY(\u2207F) / MEMORY(F), measured")
    axes[0][0].legend(loc="upper left")
    plt.close(fig)
    return fig
