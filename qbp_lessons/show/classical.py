"""Chapter 1's figures: measured omega against M.

Introduced in chapter 1.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .. import costs
from .style import METHOD_STYLE, OKABE_ITO, log_log_axes, style

__all__ = ['omega_figure']


def omega_figure(measurements):
    """Chapter 1's figure: measured TIME and MEMORY ratios of the gradient against M.

    Left: TIME(grad F) / TIME(F) for our backprop, autograd and finite differences,
    with the finite-difference model M + 1 from :mod:`qbp_lessons.costs`. Right:
    MEMORY(grad F) / MEMORY(F). ``measurements`` is the list returned by
    :func:`qbp_lessons.classical.sweep_omega`.
    """


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
