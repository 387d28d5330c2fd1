"""The input checks of chapter 1's network functions: widths, weight matrices, data.

Introduced in chapter 1. Every checked function of the chapter calls these before it
calls its core (:func:`qbp_lessons.lessons.backprop.passes.forward_core` and the
others), so the cores shown in the book carry the idea and nothing else.
"""

from __future__ import annotations

import numpy as np

from qbp_lessons._validate import positive_int, real_array

#: Most layers a network here may have (chapter 1's deepest has 32): the loops over layers
#: run in Python.
MAX_LAYERS = 1000

__all__ = ["check_widths", "check_params", "check_inputs"]


def check_widths(widths) -> list[int]:
    """``widths`` as a list of at least two positive layer widths (input ... output)."""
    if isinstance(widths, (str, bytes)) or not hasattr(widths, "__len__"):
        raise TypeError(f"widths must be a sequence of layer widths, got {type(widths).__name__}")
    if len(widths) < 2:
        raise ValueError(
            f"widths must list at least 2 layer widths (input and output), got {list(widths)}"
        )
    if len(widths) > MAX_LAYERS + 1:
        raise ValueError(
            f"widths must list at most {MAX_LAYERS + 1} widths ({MAX_LAYERS} layers),"
            f" got {len(widths):,}"
        )
    return [positive_int(f"widths[{i}]", w) for i, w in enumerate(widths)]


def check_params(params) -> list[np.ndarray]:
    """``params`` as a list of finite, non-empty weight matrices whose shapes chain up."""
    if not isinstance(params, (list, tuple)):
        raise TypeError(f"params must be a list of weight matrices, got {type(params).__name__}")
    if len(params) == 0:
        raise ValueError("params must contain at least one weight matrix (M >= 1)")
    params = [real_array(f"params[{layer}]", theta, ndim=2) for layer, theta in enumerate(params)]
    for layer, theta in enumerate(params):
        if theta.size == 0:
            raise ValueError(f"params[{layer}] must not be empty (M >= 1), got shape {theta.shape}")
        if layer > 0 and theta.shape[1] != params[layer - 1].shape[0]:
            raise ValueError(
                f"params[{layer}] must have {params[layer - 1].shape[0]} columns to follow "
                f"params[{layer - 1}] of shape {params[layer - 1].shape}, got shape {theta.shape}"
            )
    return params


def check_inputs(params, X, Y) -> tuple[list[np.ndarray], np.ndarray, np.ndarray]:
    """``params``, inputs ``X`` (one sample per column) and targets ``Y`` that fit together."""
    params = check_params(params)
    X = real_array("X", X, ndim=2)
    if X.shape[0] != params[0].shape[1] or X.shape[1] == 0:
        raise ValueError(
            f"X must have shape ({params[0].shape[1]}, batch) with one sample per column "
            f"(params[0] has {params[0].shape[1]} columns), got {X.shape}"
        )
    Y = real_array("Y", Y, shape=(params[-1].shape[0], X.shape[1]))
    return params, X, Y
