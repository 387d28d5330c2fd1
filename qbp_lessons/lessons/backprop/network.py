"""The network of chapter 1 and its data: sigmoid layers, seeded weights, theta as one vector.

Introduced in chapter 1. X holds one sample per column, so X has shape
(widths[0], batch), and ``params[l]`` (the talk's theta_{l+1}) has shape
(widths[l+1], widths[l]): weight matrices only, no biases.
"""

from __future__ import annotations

import numpy as np

from qbp_lessons._validate import positive_int, real_array
from qbp_lessons._validate import rng as make_rng
from qbp_lessons.lessons.backprop.checks import check_params, check_widths

__all__ = [
    "sigmoid",
    "num_params",
    "init_network",
    "make_data",
    "widths_of",
    "flatten",
    "unflatten_core",
    "unflatten",
    "MAX_NETWORK_PARAMS",
    "MAX_DATA_NUMBERS",
]

#: Largest network :func:`init_network` builds (parameters, 8 bytes each).
MAX_NETWORK_PARAMS = 50_000_000
#: Largest data :func:`make_data` builds (numbers in X and Y together, 8 bytes each).
MAX_DATA_NUMBERS = 50_000_000


def sigmoid(z):
    """The logistic function sigma(z) = 1 / (1 + exp(-z)), elementwise.

    Introduced in chapter 1. Notice its derivative, sigma' = sigma (1 - sigma):
    it needs only the layer's *output*, which is why the tape stores activations
    and nothing else. (For z < -709, exp(-z) overflows to inf, numpy warns, and
    the result is still the correct 0.)
    """
    if isinstance(z, (bool, np.bool_)) or getattr(z, "dtype", None) == np.bool_:
        raise TypeError("z must be real numbers, got booleans")  # a cheap check: an inner loop
    return 1.0 / (1.0 + np.exp(-z))


def num_params(widths) -> int:
    """Number of parameters M of a network with these layer widths: sum of widths[l] * widths[l+1].

    Introduced in chapter 1.
    """
    widths = check_widths(widths)
    return sum(n_in * n_out for n_in, n_out in zip(widths[:-1], widths[1:]))


def init_network(widths, seed: int = 0) -> list[np.ndarray]:
    """Random weight matrices for layer widths ``widths`` (seeded, reproducible).

    Introduced in chapter 1. ``params[l]`` has shape (widths[l+1], widths[l]) and
    entries drawn from N(0, 1 / widths[l]), so every pre-activation is of order 1
    and the sigmoids neither saturate nor stay linear. At most
    :data:`MAX_NETWORK_PARAMS` parameters (400 MB), checked before allocating.
    """
    widths = check_widths(widths)
    M = sum(n_in * n_out for n_in, n_out in zip(widths[:-1], widths[1:]))
    if M > MAX_NETWORK_PARAMS:
        raise ValueError(
            f"widths must give at most {MAX_NETWORK_PARAMS:,} parameters, got M = {M:,}"
        )
    rng = make_rng("seed", seed)  # the package's seed rule: an int, a Generator or None
    return [
        rng.normal(0.0, 1.0 / np.sqrt(n_in), size=(n_out, n_in))
        for n_in, n_out in zip(widths[:-1], widths[1:])
    ]


def make_data(widths, batch: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A seeded batch: inputs X ~ N(0, 1) of shape (widths[0], batch), targets Y in (0, 1).

    Introduced in chapter 1. Targets lie in the sigmoid's range, shape
    (widths[-1], batch); one sample per column, as in the talk's theta_1 X.
    """
    widths = check_widths(widths)
    batch = positive_int("batch", batch)
    if (widths[0] + widths[-1]) * batch > MAX_DATA_NUMBERS:
        raise ValueError(
            f"batch (times widths[0] + widths[-1]) must keep X and Y at most "
            f"{MAX_DATA_NUMBERS:,} numbers, "
            f"got ({widths[0]} + {widths[-1]}) x {batch:,}"
        )
    rng = make_rng("seed", seed)  # the package's seed rule: an int, a Generator or None
    X = rng.normal(size=(widths[0], batch))
    Y = rng.uniform(0.05, 0.95, size=(widths[-1], batch))
    return X, Y


def widths_of(params) -> list[int]:
    """The layer widths of checked weight matrices ``params`` (no input checks)."""
    return [params[0].shape[1]] + [theta.shape[0] for theta in params]


def flatten(params) -> np.ndarray:
    """All weights as one vector theta of length M (layer by layer, row by row).

    Introduced in chapter 1: finite differences perturb theta one entry at a time.
    """
    params = check_params(params)
    return np.concatenate([theta.ravel() for theta in params])


def unflatten_core(theta, widths) -> list[np.ndarray]:
    """Split theta into weight matrices that are *views* of it (no copy).

    The core of :func:`unflatten`, with no input checks: :func:`unflatten` checks
    ``theta`` and ``widths``, then calls this.
    """
    params, start = [], 0
    for n_in, n_out in zip(widths[:-1], widths[1:]):
        params.append(theta[start : start + n_in * n_out].reshape(n_out, n_in))
        start += n_in * n_out
    return params


def unflatten(theta, widths) -> list[np.ndarray]:
    """Inverse of :func:`flatten`: the vector theta back into weight matrices for ``widths``.

    Introduced in chapter 1. The matrices are views of (a validated copy of)
    theta, so writing into that vector changes them too.
    """
    widths = check_widths(widths)
    theta = real_array("theta", theta, ndim=1)
    M = num_params(widths)
    if theta.size != M:
        raise ValueError(f"theta must have length M = {M} for widths {widths}, got {theta.size}")
    return unflatten_core(theta, widths)
