"""Chapter 0's presentation: the spread of shot estimates against the number of shots.

Both functions draw a :class:`~qbp_lessons.lessons.basics.compute.ShotSpread` that
:func:`~qbp_lessons.lessons.basics.compute.shot_spread` sampled; nothing here samples.
Measured values are markers and bars, the binomial model sqrt((1 - <Z>^2)/N) is a line.

Introduced in chapter 0.
"""

from __future__ import annotations

import base64
import html
import math

import matplotlib.pyplot as plt
import numpy as np

from qbp_lessons._validate import bounded_int
from qbp_lessons.lessons.basics.compute import ShotSpread
from qbp_lessons.show.figure_style import OKABE_ITO, log_log_axes, png_bytes, style
from qbp_lessons.show.frames import Axis, Layer, frame_explorer, reading_html

__all__ = ["spread_figure", "spread_reading", "shot_explorer"]

_COLOURS = (OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["green"], OKABE_ITO["purple"])
_MARKERS = ("o", "s", "^", "D")


def _check(spread) -> ShotSpread:
    if not isinstance(spread, ShotSpread):
        raise TypeError(
            f"spread must be a ShotSpread (from basics.shot_spread), got {type(spread).__name__}"
        )
    return spread


def spread_figure(spread: ShotSpread):
    """Standard deviation of the N-shot estimates of <Z> against N, on log-log axes.

    Markers: the sample standard deviation of the repeated estimates (measured); lines:
    the model sqrt((1 - <Z>^2)/N); dotted grey: the worst case 1/sqrt(N). Introduced in
    chapter 0.
    """
    spread = _check(spread)
    style()
    shots = np.asarray(spread.shots, dtype=float)
    line = np.geomspace(shots.min() / 1.5, shots.max() * 1.5, 60)
    measured = spread.measured_std()
    fig, ax = plt.subplots(figsize=(6.4, 4.2), layout="constrained")
    log_log_axes(ax, "shots N", "spread of the estimate of \u27e8Z\u27e9")
    ax.plot(line, 1 / np.sqrt(line), color="#777777", linestyle=":", label="1/\u221aN (worst case)")
    for i, f in enumerate(spread.expectations):
        colour, marker = _COLOURS[i % 4], _MARKERS[i % 4]
        ax.plot(
            line,
            np.sqrt((1 - f**2) / line),
            color=colour,
            linestyle="-",
            label=f"model \u221a((1 \u2212 F\u00b2)/N), F = {f:g}",
        )
        ax.plot(
            shots,
            measured[i],
            linestyle="none",
            marker=marker,
            color=colour,
            markeredgecolor="black",
            label=f"measured, F = {f:g}",
        )
    ax.legend(loc="lower left", fontsize=7.5)
    plt.close(fig)
    return fig


def spread_reading(spread: ShotSpread, i: int, j: int) -> str:
    """One sentence on cell (i, j): exact value, shots, measured and modelled spread."""
    spread = _check(spread)
    i = bounded_int("i", i, minimum=0, maximum=len(spread.expectations) - 1)
    j = bounded_int("j", j, minimum=0, maximum=len(spread.shots) - 1)
    f, n = spread.expectations[i], spread.shots[j]
    est = spread.estimates[i, j]
    return (
        f"F = \u27e8Z\u27e9 = {f:g}, N = {n:,} shots, {spread.repetitions} repetitions: the"
        f" estimates average {est.mean():.3f} and spread by {est.std(ddof=1):.3g} (measured);"
        f" the model \u221a((1 \u2212 F\u00b2)/N) gives {spread.model_std()[i, j]:.3g}."
        f" Four times the shots halve the spread."
    )


#: About how wide a histogram bar of the explorer is (in units of the estimate).
_BAR_WIDTH = 0.02


def _lattice_bins(shots: int) -> np.ndarray:
    """Histogram edges for N-shot estimates, which lie on the points -1, -1 + 2/N, ..., 1.

    Edges fall halfway between neighbouring points, and each bin holds k of them: k = 1, one
    bin centred on each point, while 2/N is at least :data:`_BAR_WIDTH`; more for large N, so
    that a bar stays about that wide and visible (the last bin may hold fewer points). Since
    every bin collects whole points, its expected count is the model's probability of the
    interval it covers.
    """
    step = 2.0 / shots
    k = max(1, round(_BAR_WIDTH / step))
    width = k * step
    count = int(np.ceil((2.0 + step) / width - 1e-9))
    return -1.0 - step / 2 + width * np.arange(count + 1)


def _normal_counts(edges: np.ndarray, mean: float, sigma: float, total: int) -> np.ndarray:
    """Expected counts per bin of ``total`` draws from a normal (mean, sigma): total x mass."""
    cdf = np.array([0.5 * (1.0 + math.erf((e - mean) / (sigma * math.sqrt(2.0)))) for e in edges])
    return total * np.diff(cdf)


def shot_explorer(spread: ShotSpread):
    """Sliders for <Z> and N: the histogram of the repeated N-shot estimates, every frame
    precomputed so that it responds on the static site. Introduced in chapter 0."""
    spread = _check(spread)
    style()

    def draw(f, shots):
        i, j = spread.expectations.index(f), spread.shots.index(shots)
        est = spread.estimates[i, j]
        sigma = spread.model_std()[i, j]
        fig, ax = plt.subplots(figsize=(6.4, 3.2), layout="constrained")
        edges = _lattice_bins(shots)
        ax.hist(
            est,
            bins=edges,
            color=OKABE_ITO["sky"],
            edgecolor="black",
            linewidth=0.5,
            label="measured: one estimate per repetition",
        )
        if sigma > 0:  # the model's count per bar; the bars end at the estimates' +-1
            ax.stairs(
                _normal_counts(edges, f, sigma, est.size),
                edges,
                color=OKABE_ITO["vermillion"],
                linewidth=1.5,
                label="model: expected count per bar, normal, spread \u221a((1 \u2212 F\u00b2)/N)",
            )
        ax.axvline(f, color="black", linestyle="--", linewidth=1, label="exact F")
        ax.set_xlim(edges[0], edges[-1])
        ax.set_ylim(0, spread.repetitions)
        ax.set_xlabel("estimate of \u27e8Z\u27e9 from N shots")
        ax.set_ylabel("repetitions")
        ax.legend(loc="upper left", fontsize=7.5)
        png = base64.b64encode(png_bytes(fig, dpi=80)).decode("ascii")
        width_px, height_px = fig.canvas.get_width_height()
        plt.close(fig)
        alt = (
            f"A histogram of {spread.repetitions} estimates of <Z> from {shots} shots each,"
            f" centred on the exact value {f:g}, with the model's expected count per bar over it;"
            " the more shots, the narrower and taller the peak."
        )
        return (
            f'<img src="data:image/png;base64,{png}" alt="{html.escape(alt)}" '
            f'width="{width_px * 80 // 100}" height="{height_px * 80 // 100}" '
            'style="display:block;width:100%;height:auto"/>'
        )

    def reading(f, shots):
        i, j = spread.expectations.index(f), spread.shots.index(shots)
        return reading_html(spread_reading(spread, i, j))

    values = list(spread.expectations)
    return frame_explorer(
        [
            Axis("f", "exact \u27e8Z\u27e9 = F", values, values[len(values) // 2]),
            Axis("shots", "shots N", list(spread.shots), spread.shots[len(spread.shots) // 2]),
        ],
        figure=[Layer(draw, ("f", "shots"))],
        reading=Layer(reading, ("f", "shots")),
    )
