"""Chapter 5's presentation: copies that are not copies, collapse, gentle and weak measurements.

Every function draws what the modules of :mod:`qbp_lessons.lessons.collapse` computed (and
the closed forms of :mod:`qbp_lessons.costs`); nothing here measures or simulates.
Measured values are markers, closed forms and bounds are lines.

Introduced in chapter 5.
"""

from __future__ import annotations

import base64
import html
import math

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from qbp_lessons import costs
from qbp_lessons.lessons.collapse.cloning import CopyScan
from qbp_lessons.lessons.collapse.gentle import GentleCheck
from qbp_lessons.lessons.collapse.sequential import CollapseScan
from qbp_lessons.lessons.collapse.weak import WeakMeasurement, WeakScan
from qbp_lessons.show.frames import (
    Axis,
    Layer,
    frame_explorer,
    marker_line,
    overlay_svg,
    reading_html,
)
from qbp_lessons.show.figure_style import OKABE_ITO, log_log_axes, png_bytes, style

__all__ = [
    "copy_figure",
    "collapse_figure",
    "gentle_figure",
    "bloch_collapse_figure",
    "weak_reading",
    "weak_explorer",
]

_FRESH = dict(color=OKABE_ITO["blue"], marker="o")
_AFTER = dict(color=OKABE_ITO["vermillion"], marker="s")


def _check(value, kind, name: str, where: str):
    if not isinstance(value, kind):
        raise TypeError(f"{name} must be a {kind.__name__} ({where}), got {type(value).__name__}")
    return value


def copy_figure(scan: CopyScan):
    """How good the CNOT's "copies" are, against the input's Bloch angle (chapter 5).

    Lines: the closed forms of :func:`qbp_lessons.costs.cnot_copy_fidelities`;
    markers: the fidelities measured on the output of :func:`collapse.copy_attempt`.
    """
    scan = _check(scan, CopyScan, "scan", "collapse.copy_scan")
    style()
    a = np.linspace(0, np.pi, 181)
    per_copy, joint = costs.cnot_copy_fidelities(a)
    fig, ax = plt.subplots(figsize=(6.4, 3.6), layout="constrained")
    ax.plot(
        a,
        per_copy,
        color=OKABE_ITO["blue"],
        label="each half vs |\u03c8\u27e9: cos\u2074(a/2) + sin\u2074(a/2)",
    )
    ax.plot(
        a,
        joint,
        color=OKABE_ITO["vermillion"],
        linestyle="--",
        label="output vs |\u03c8\u27e9|\u03c8\u27e9: (cos\u00b3(a/2) + sin\u00b3(a/2))\u00b2",
    )
    ax.plot(
        scan.angles,
        scan.fidelity_copy,
        linestyle="none",
        marker="o",
        color=OKABE_ITO["blue"],
        markeredgecolor="black",
        label="measured: the copy",
    )
    ax.plot(
        scan.angles,
        scan.fidelity_original,
        linestyle="none",
        marker="x",
        color="black",
        label="measured: the original",
    )
    ax.plot(
        scan.angles,
        scan.fidelity_joint,
        linestyle="none",
        marker="s",
        color=OKABE_ITO["vermillion"],
        markeredgecolor="black",
        label="measured: both together",
    )
    ax.set_xticks(
        [0, np.pi / 4, np.pi / 2, 3 * np.pi / 4, np.pi],
        ["0\n|0\u27e9", "\u03c0/4", "\u03c0/2\n|+\u27e9", "3\u03c0/4", "\u03c0\n|1\u27e9"],
    )
    ax.set_xlabel("Bloch angle a of |\u03c8\u27e9 = cos(a/2)|0\u27e9 + sin(a/2)|1\u27e9")
    ax.set_ylabel("fidelity")
    ax.set_ylim(0.45, 1.02)
    ax.legend(loc="lower center", fontsize=7.5)
    plt.close(fig)
    return fig


def collapse_figure(anticommuting: CollapseScan, commuting: CollapseScan):
    """<P2> estimated from fresh copies and from copies on which P1 was measured first (chapter 5).

    One panel per scan (from :func:`qbp_lessons.lessons.collapse.sequential.collapse_scan`); x is
    the exact <P2> of each state. Markers with 2-standard-error bars are the
    sampled estimates; lines are the exact values (y = x for fresh copies; the
    exact average after P1, which is 0 for an anticommuting P2).
    """
    scans = [
        _check(s, CollapseScan, name, "collapse.collapse_scan")
        for s, name in ((anticommuting, "anticommuting"), (commuting, "commuting"))
    ]
    style()
    fig, axes = plt.subplots(1, 2, figsize=(10, 4), layout="constrained", sharey=True)
    for ax, scan, title in zip(axes, scans, ("anticommuting", "commuting")):
        order = np.argsort(scan.exact_before)
        x = scan.exact_before[order]
        ax.plot(
            [-1, 1],
            [-1, 1],
            color=_FRESH["color"],
            linewidth=1,
            label="exact <P\u2082> (fresh copy)",
        )
        ax.plot(
            x,
            scan.exact_after[order],
            color=_AFTER["color"],
            linewidth=1,
            linestyle="--",
            label="exact <P\u2082> after measuring P\u2081",
        )
        ax.errorbar(
            scan.exact_before,
            scan.fresh,
            yerr=2 * scan.fresh_error,
            linestyle="none",
            markeredgecolor="black",
            capsize=2,
            label=f"sampled, fresh copies ({scan.copies:,} each)",
            **_FRESH,
        )
        ax.errorbar(
            scan.exact_before,
            scan.after,
            yerr=2 * scan.after_error,
            linestyle="none",
            markeredgecolor="black",
            capsize=2,
            label=f"sampled, after P\u2081 ({scan.copies:,} each)",
            **_AFTER,
        )
        ax.set_title(f"P\u2081 = {scan.first}, P\u2082 = {scan.second} ({title})")
        ax.set_xlabel("exact <P\u2082> of the prepared state")
        ax.set_xlim(-1.05, 1.05)
        ax.set_ylim(-1.1, 1.1)
        ax.legend(loc="upper left", fontsize=7.5)
    axes[0].set_ylabel("estimate of <P\u2082>")
    plt.close(fig)
    return fig


def gentle_figure(check: GentleCheck, tight=None):
    """The gentle measurement lemma on random cases: trace distance against eps = 1 - p (chapter 5).

    Markers: the random cases of
    :func:`qbp_lessons.lessons.collapse.gentle.gentle_measurement_check`
    by kind, and ``tight`` (a list of (eps, distance) pairs from
    :func:`qbp_lessons.lessons.collapse.gentle.tight_gentle_case`); the line is the bound
    sqrt(eps).
    """
    check = _check(check, GentleCheck, "check", "collapse.gentle_measurement_check")
    tight = [] if tight is None else [(float(e), float(d)) for e, d in tight]
    style()
    fig, ax = plt.subplots(figsize=(6.4, 4.8), layout="constrained")
    ok = check.eps > 1e-12
    lo = max(check.eps[ok].min(), 1e-8)
    line = np.geomspace(lo / 2, 1, 100)
    bound = costs.gentle_measurement_bound(line)
    ax.plot(line, bound, color="black", linewidth=2, label="the lemma's bound \u221a\u03b5")
    colours = [OKABE_ITO[c] for c in ("sky", "orange", "green", "purple")]
    markers = ["o", "^", "s", "D"]
    for kind, colour, marker in zip(sorted(set(check.kind)), colours, markers):
        m = ok & (check.kind == kind)
        ax.plot(
            check.eps[m],
            check.distance[m],
            linestyle="none",
            marker=marker,
            markersize=3,
            alpha=0.5,
            color=colour,
            label=f"{kind} ({int(m.sum()):,})",
        )
    if tight:
        e, d = np.array(tight).T
        ax.plot(
            e,
            d,
            linestyle="none",
            marker="*",
            markersize=11,
            color=OKABE_ITO["vermillion"],
            markeredgecolor="black",
            label="pure state and projector, built to be tight",
        )
    log_log_axes(
        ax,
        "\u03b5 = 1 \u2212 tr(\u039b\u03c1), probability of the other outcome",
        "trace distance T(\u03c1, \u03c1')",
    )
    ax.set_ylim(bottom=max(check.distance[ok].min() / 2, 1e-9))
    fig.legend(loc="outside lower center", ncol=2, fontsize=7.5)
    plt.close(fig)
    return fig


def bloch_collapse_figure(measurements):
    """Collapse on the Bloch disc: a qubit's Z measured at several strengths (chapter 5).

    ``measurements``: :class:`WeakMeasurement` results of one state (from
    :func:`qbp_lessons.lessons.collapse.weak.weak_measurement`), at most four, strengths
    in increasing order; strength 1 is the projective measurement. Drawn in the x-z plane:
    the state before (black star), for each strength the states after outcome +1 and -1
    (filled markers, area proportional to the outcome's probability, joined to the state
    before by a thin line), and the state when the outcome is forgotten (hollow marker).
    Every point is a Bloch vector the package computed; the circle is the pure states.
    """
    if isinstance(measurements, WeakMeasurement) or not isinstance(measurements, (list, tuple)):
        raise TypeError(
            "measurements must be a list of WeakMeasurement (collapse.weak_measurement), got "
            f"{type(measurements).__name__}"
        )
    results = [
        _check(m, WeakMeasurement, "measurements[i]", "collapse.weak_measurement")
        for m in measurements
    ]
    if not 1 <= len(results) <= 4:
        raise ValueError(
            f"measurements must hold 1 to 4 results (four colours), got {len(results)}"
        )
    before = results[0].bloch_before
    if any(not np.allclose(r.bloch_before, before, atol=1e-12) for r in results):
        raise ValueError("measurements must all be of the same state (equal bloch_before)")
    strengths = [r.strength for r in results]
    if any(b <= a for a, b in zip(strengths, strengths[1:])):
        raise ValueError(f"measurements must have increasing strengths, got {strengths}")
    style()
    fig, ax = plt.subplots(figsize=(5.2, 5.0), layout="constrained")
    t = np.linspace(0, 2 * np.pi, 361)
    ax.plot(np.cos(t), np.sin(t), color="grey", linewidth=1, label="pure states (the circle)")
    ax.axhline(0, color="grey", linewidth=0.5)
    ax.axvline(0, color="grey", linewidth=0.5)
    colours = [OKABE_ITO[c] for c in ("sky", "green", "orange", "vermillion")]
    markers = ("o", "s", "D", "^")
    for r, colour, marker in zip(results, colours, markers):
        for p, after in zip(r.probabilities, r.bloch_after):
            if p <= 0:
                continue
            ax.plot(
                [before[0], after[0]], [before[2], after[2]], color=colour, linewidth=0.8, alpha=0.7
            )
            ax.plot(
                after[0],
                after[2],
                linestyle="none",
                marker=marker,
                markersize=4 + 10 * math.sqrt(p),
                color=colour,
                markeredgecolor="black",
            )
        kind = "projective" if r.strength == 1 else "weak"
        ax.plot(
            [],
            [],
            linestyle="none",
            marker=marker,
            color=colour,
            markeredgecolor="black",
            label=f"s = {r.strength:g} ({kind}): the state after each outcome",
        )
        ax.plot(
            r.bloch_average[0],
            r.bloch_average[2],
            linestyle="none",
            marker=marker,
            markersize=7,
            markerfacecolor="none",
            markeredgecolor=colour,
            markeredgewidth=1.5,
            zorder=4,
        )
    ax.plot(
        [],
        [],
        linestyle="none",
        marker="o",
        markerfacecolor="none",
        markeredgecolor="grey",
        label="outcome forgotten (hollow)",
    )
    ax.plot(
        before[0],
        before[2],
        linestyle="none",
        marker="*",
        markersize=13,
        color="black",
        zorder=3,
        markeredgecolor="white",
        label="state before the measurement",
    )
    ax.set_aspect("equal")
    ax.set_xlim(-1.15, 1.15)
    ax.set_ylim(-1.15, 1.15)
    ax.set_xlabel("Bloch x = <X>")
    ax.set_ylabel("Bloch z = <Z>")
    ax.legend(loc="center left", fontsize=7, framealpha=0.9)
    plt.close(fig)
    return fig


# --------------------------------------------------------------------------
# The weak-measurement explorer
# --------------------------------------------------------------------------


def weak_reading(result: WeakMeasurement) -> str:
    """The explorer's reading for one state and strength, every number read off ``result``."""
    r = _check(result, WeakMeasurement, "result", "collapse.weak_measurement")
    x0, x1 = r.bloch_before[0], r.bloch_average[0]
    kept = f"{x1:.2f} of {x0:.2f}" if abs(x0) > 1e-12 else "0 (there was none)"
    return (
        f"Strength s = {r.strength:.2f}: outcome +1 with probability {r.probabilities[0]:.2f},"
        f" \u22121 with {r.probabilities[1]:.2f}. Information about Z: {r.information:.3f} of the"
        f" {r.information_max:.3f} bits a projective measurement gives. Disturbance: the state"
        f" moves by trace distance {r.disturbance:.3f} on average (gentle-measurement bound"
        f" {r.gentle_bound:.3f}), and {r.disturbance_forgotten:.3f} once the outcome is forgotten,"
        f" when <X> keeps {kept}."
    )


def weak_explorer(scan: WeakScan, *, default_angle=None, default_strength=None) -> widgets.VBox:
    """Sliders for the state and the measurement strength: information against disturbance.

    Introduced in chapter 5. ``scan`` comes from
    :func:`qbp_lessons.lessons.collapse.weak.weak_measurement_scan`. For each state: one
    PNG with the Bloch disc (x-z plane) and the curves of information, disturbance and
    the gentle bound against strength; for each
    (state, strength) an SVG layer with the post-measurement Bloch vectors and
    the markers, and a reading. All precomputed: it responds on the static website.
    """
    scan = _check(scan, WeakScan, "scan", "collapse.weak_measurement_scan")
    angles = [float(a) for a in scan.angles]
    strengths = [float(s) for s in scan.strengths]
    if default_angle is not None and not any(np.isclose(default_angle, angles)):
        raise ValueError(
            f"default_angle must be one of the scan's angles {angles}, got {default_angle!r}"
        )
    if default_strength is not None and not any(np.isclose(default_strength, strengths)):
        raise ValueError(
            f"default_strength must be one of the scan's strengths {strengths}, got"
            f" {default_strength!r}"
        )
    if default_angle is not None:
        default_angle = angles[int(np.argmin(np.abs(np.array(angles) - default_angle)))]
    if default_strength is not None:
        default_strength = strengths[int(np.argmin(np.abs(np.array(strengths) - default_strength)))]
    placed = {}
    info_c, dist_c, bound_c = OKABE_ITO["blue"], OKABE_ITO["vermillion"], "black"

    def draw(angle):
        style()
        fig, (disc, curves) = plt.subplots(
            1,
            2,
            figsize=(7.6, 3.6),
            dpi=100,
            layout="constrained",
            gridspec_kw={"width_ratios": [1, 1.5]},
        )
        t = np.linspace(0, 2 * np.pi, 200)
        disc.plot(np.cos(t), np.sin(t), color="#999999", linewidth=1)
        disc.axhline(0, color="#cccccc", linewidth=0.8)
        disc.axvline(0, color="#cccccc", linewidth=0.8)
        before = scan.get(angle, strengths[0]).bloch_before
        disc.annotate(
            "",
            xy=(before[0], before[2]),
            xytext=(0, 0),
            arrowprops=dict(arrowstyle="-|>", color="black", linewidth=2),
        )
        disc.text(0, 1.08, "|0\u27e9", ha="center", va="bottom")
        disc.text(0, -1.1, "|1\u27e9", ha="center", va="top")
        disc.text(1.1, 0, "|+\u27e9", ha="left", va="center")
        disc.set_xlim(-1.3, 1.3)
        disc.set_ylim(-1.3, 1.3)
        disc.set_aspect("equal")
        disc.set_xlabel("<X>")
        disc.set_ylabel("<Z>")
        disc.set_title("Bloch disc (black: before)", fontsize=9)
        s = np.array(strengths)
        curves.plot(
            s,
            scan.curve(angle, "information"),
            color=info_c,
            marker="o",
            markersize=3,
            label="information about Z (bits)",
        )
        curves.plot(
            s,
            scan.curve(angle, "disturbance"),
            color=dist_c,
            marker="s",
            markersize=3,
            label="disturbance, outcome kept (mean)",
        )
        curves.plot(
            s,
            scan.curve(angle, "disturbance_forgotten"),
            color=bound_c,
            marker="^",
            markersize=3,
            linestyle=":",
            label="disturbance, outcome forgotten",
        )
        curves.set_xlabel("measurement strength s")
        curves.set_ylabel("bits  |  trace distance to the original")
        curves.set_xlim(-0.03, 1.03)
        curves.set_ylim(-0.03, 1.05)
        curves.legend(loc="upper left", fontsize=7.5)
        png = base64.b64encode(png_bytes(fig, dpi=100)).decode("ascii")
        width, height = fig.canvas.get_width_height()
        placed[angle] = (
            width,
            height,
            disc.transData.frozen(),
            curves.transData.frozen(),
            curves.bbox.y0,
            curves.bbox.y1,
        )
        plt.close(fig)
        alt = (
            f"Left: the Bloch disc with the state at polar angle {angle:.2f} rad drawn as a black"
            " arrow. Right: against the measurement strength s from 0 to 1, the information the"
            " outcome gives about Z rises slowly from 0, the disturbance with the outcome kept"
            " rises faster, and the disturbance with the outcome forgotten stays smallest."
        )
        return (
            f'<img src="data:image/png;base64,{png}" alt="{html.escape(alt)}" width="{width}" '
            f'height="{height}" style="display:block;width:100%;height:auto"/>'
        )

    def overlay(angle, strength):
        width, height, disc_t, curve_t, y0, y1 = placed[angle]
        r = scan.get(angle, strength)
        shapes = []
        ox, oy = disc_t.transform((0.0, 0.0))
        colours = (OKABE_ITO["green"], OKABE_ITO["purple"])
        for (bx, _, bz), p, colour in zip(r.bloch_after, r.probabilities, colours):
            if p <= 0:
                continue
            x, y = disc_t.transform((bx, bz))
            shapes.append(
                f'<line x1="{ox:.1f}" y1="{height - oy:.1f}" x2="{x:.1f}" y2="{height - y:.1f}" '
                f'stroke="{colour}" stroke-width="2.5"/>'
            )
            shapes.append(
                f'<circle cx="{x:.1f}" cy="{height - y:.1f}" r="{3 + 5 * p:.1f}" fill="{colour}" '
                'stroke="black" stroke-width="1"/>'
            )
        ax_, _, az = r.bloch_average
        x, y = disc_t.transform((ax_, az))
        shapes.append(
            f'<line x1="{ox:.1f}" y1="{height - oy:.1f}" x2="{x:.1f}" y2="{height - y:.1f}" '
            'stroke="#555555" stroke-width="1.5" stroke-dasharray="4 3"/>'
        )
        sx, _ = curve_t.transform((strength, 0.0))
        shapes.append(marker_line(sx, height - y1, height - y0))
        for value, colour in (
            (r.information, info_c),
            (r.disturbance, dist_c),
            (r.disturbance_forgotten, bound_c),
        ):
            _, vy = curve_t.transform((strength, value))
            shapes.append(
                f'<circle cx="{sx:.1f}" cy="{height - vy:.1f}" r="6" fill="none" '
                f'stroke="{colour}" stroke-width="2.5"/>'
            )
        return overlay_svg(width, height, shapes)

    def reading(angle, strength):
        return reading_html(
            weak_reading(scan.get(angle, strength)) + " Green and purple arrows: the state "
            "after outcome +1 and \u22121 (dot size: probability); dashed: outcome forgotten."
        )

    labels = [f"{a / np.pi:.2g}\u03c0" if a else "0" for a in angles]
    return frame_explorer(
        [
            Axis("angle", "state: Bloch angle", angles, default_angle, labels=labels),
            Axis(
                "strength",
                "measurement strength s",
                strengths,
                default_strength,
                labels=[f"{s:.2f}" for s in strengths],
            ),
        ],
        figure=[Layer(draw, ("angle",)), Layer(overlay, ("angle", "strength"))],
        reading=Layer(reading, ("angle", "strength")),
    )
