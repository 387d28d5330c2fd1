"""The networks the backprop tests run on, and one seeded set-up (shared by the test modules)."""

from __future__ import annotations

from qbp_lessons.lessons import backprop as cl

#: Widths from one layer up to a deep narrow net: 1-wide layers, uneven widths, depth 7.
NETWORKS = [
    [3, 2],
    [1, 1],
    [4, 6, 3],
    [5, 8, 8, 2],
    [2, 7, 1, 7, 3],
    [6, 5, 5, 5, 5, 5, 5, 4],
]


def setup(widths, batch=5, seed=0):
    """Parameters and data for ``widths``: ``(params, X, Y)``, seeded."""
    params = cl.init_network(widths, seed)
    X, Y = cl.make_data(widths, batch, seed + 100)
    return params, X, Y
