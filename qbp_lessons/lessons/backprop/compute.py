"""Backpropagation on a deep sigmoid network, written out by hand.

Introduced in chapter 1. The network is the talk's formula

    f(X; theta) = sigma(theta_L sigma(theta_{L-1} ... sigma(theta_1 X)))

with weight matrices only (no biases) and the sigmoid sigma after every layer.
X holds one sample per column, so X has shape (widths[0], batch), and
``params[l]`` (the talk's theta_{l+1}) has shape (widths[l+1], widths[l]).
The scalar we differentiate is the mean squared error to targets Y,

    F(theta) = 0.5 * sum((f(X; theta) - Y)**2) / batch.

What to notice: :func:`forward` keeps every activation (the *tape*) and
:func:`backward` walks the layers in reverse, reusing them. That is the whole
trick of backpropagation, a piece of dynamic programming: "as the function is
computed, intermediate information is stored and reused for the gradient". The
price is memory (the tape), which grows with depth and batch;
:func:`grad_checkpointed` keeps only every k-th layer and recomputes the rest,
O(sqrt(L)) stored layers for one extra forward pass. The reward is a gradient that costs a small
constant
omega times one evaluation of F, whatever the number of parameters M, where
finite differences cost M + 1 evaluations.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import NamedTuple

import autograd
import autograd.numpy as anp
import numpy as np
from threadpoolctl import threadpool_limits

from qbp_lessons import costs
from qbp_lessons.engine.measure import best_times, peak_bytes
from qbp_lessons._validate import choice, positive_int, positive_real, real_array

__all__ = [
    "sigmoid",
    "num_params",
    "init_network",
    "make_data",
    "flatten",
    "unflatten",
    "Tape",
    "forward",
    "backward",
    "grad",
    "loss",
    "grad_finite_difference",
    "grad_autograd",
    "CheckpointedGradient",
    "grad_checkpointed",
    "network_sizes",
    "OmegaMeasurement",
    "measure_omega",
    "sweep_omega",
    "MemoryMeasurement",
    "measure_memory",
    "sweep_memory",
    "MAX_NETWORK_PARAMS",
    "MAX_DATA_NUMBERS",
    "MAX_MEMORY_PARAMS",
    "MAX_TAPE_NUMBERS",
]


# --------------------------------------------------------------------------
# The network and its data
# --------------------------------------------------------------------------


def sigmoid(z):
    """The logistic function sigma(z) = 1 / (1 + exp(-z)), elementwise.

    Introduced in chapter 1. Notice its derivative, sigma' = sigma (1 - sigma):
    it needs only the layer's *output*, which is why the tape stores activations
    and nothing else. (For z < -709, exp(-z) overflows to inf, numpy warns, and
    the result is still the correct 0.)
    """
    return 1.0 / (1.0 + np.exp(-z))


def _check_widths(widths) -> list[int]:
    if isinstance(widths, (str, bytes)) or not hasattr(widths, "__len__"):
        raise TypeError(f"widths must be a sequence of layer widths, got {type(widths).__name__}")
    if len(widths) < 2:
        raise ValueError(
            f"widths must list at least 2 layer widths (input and output), got {list(widths)}"
        )
    return [positive_int(f"widths[{i}]", w) for i, w in enumerate(widths)]


def num_params(widths) -> int:
    """Number of parameters M of a network with these layer widths: sum of widths[l] * widths[l+1].

    Introduced in chapter 1.
    """
    widths = _check_widths(widths)
    return sum(n_in * n_out for n_in, n_out in zip(widths[:-1], widths[1:]))


# : Largest network and data :func:`init_network` and :func:`make_data` build (numbers, 8 bytes
# each).
MAX_NETWORK_PARAMS = 50_000_000
MAX_DATA_NUMBERS = 50_000_000


def init_network(widths, seed: int = 0) -> list[np.ndarray]:
    """Random weight matrices for layer widths ``widths`` (seeded, reproducible).

    Introduced in chapter 1. ``params[l]`` has shape (widths[l+1], widths[l]) and
    entries drawn from N(0, 1 / widths[l]), so every pre-activation is of order 1
    and the sigmoids neither saturate nor stay linear. At most
    :data:`MAX_NETWORK_PARAMS` parameters (400 MB), checked before allocating.
    """
    widths = _check_widths(widths)
    M = sum(n_in * n_out for n_in, n_out in zip(widths[:-1], widths[1:]))
    if M > MAX_NETWORK_PARAMS:
        raise ValueError(
            f"widths must give at most {MAX_NETWORK_PARAMS:,} parameters, got M = {M:,}"
        )
    rng = np.random.default_rng(positive_int("seed", seed, minimum=0))
    return [
        rng.normal(0.0, 1.0 / np.sqrt(n_in), size=(n_out, n_in))
        for n_in, n_out in zip(widths[:-1], widths[1:])
    ]


def make_data(widths, batch: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A seeded batch: inputs X ~ N(0, 1) of shape (widths[0], batch), targets Y in (0, 1).

    Introduced in chapter 1. Targets lie in the sigmoid's range, shape
    (widths[-1], batch); one sample per column, as in the talk's theta_1 X.
    """
    widths = _check_widths(widths)
    batch = positive_int("batch", batch)
    if (widths[0] + widths[-1]) * batch > MAX_DATA_NUMBERS:
        raise ValueError(
            f"batch must keep X and Y at most {MAX_DATA_NUMBERS:,} numbers, "
            f"got ({widths[0]} + {widths[-1]}) x {batch:,}"
        )
    rng = np.random.default_rng(positive_int("seed", seed, minimum=0))
    X = rng.normal(size=(widths[0], batch))
    Y = rng.uniform(0.05, 0.95, size=(widths[-1], batch))
    return X, Y


def _widths_of(params) -> list[int]:
    return [params[0].shape[1]] + [theta.shape[0] for theta in params]


def flatten(params) -> np.ndarray:
    """All weights as one vector theta of length M (layer by layer, row by row).

    Introduced in chapter 1: finite differences perturb theta one entry at a time.
    """
    params = _check_params(params)
    return np.concatenate([theta.ravel() for theta in params])


def _unflatten(theta, widths) -> list[np.ndarray]:
    """Split theta into weight matrices that are *views* of it (no copy)."""
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
    widths = _check_widths(widths)
    theta = real_array("theta", theta, ndim=1)
    M = num_params(widths)
    if theta.size != M:
        raise ValueError(f"theta must have length M = {M} for widths {widths}, got {theta.size}")
    return _unflatten(theta, widths)


# --------------------------------------------------------------------------
# Input checks for params, X, Y
# --------------------------------------------------------------------------


def _check_params(params) -> list[np.ndarray]:
    if not isinstance(params, (list, tuple)):
        raise TypeError(f"params must be a list of weight matrices, got {type(params).__name__}")
    if len(params) == 0:
        raise ValueError("params must contain at least one weight matrix (M >= 1)")
    params = [real_array(f"params[{l}]", theta, ndim=2) for l, theta in enumerate(params)]
    for l, theta in enumerate(params):
        if theta.size == 0:
            raise ValueError(f"params[{l}] must not be empty (M >= 1), got shape {theta.shape}")
        if l > 0 and theta.shape[1] != params[l - 1].shape[0]:
            raise ValueError(
                f"params[{l}] must have {params[l - 1].shape[0]} columns to follow "
                f"params[{l - 1}] of shape {params[l - 1].shape}, got shape {theta.shape}"
            )
    return params


def _check_inputs(params, X, Y):
    params = _check_params(params)
    X = real_array("X", X, ndim=2)
    if X.shape[0] != params[0].shape[1] or X.shape[1] == 0:
        raise ValueError(
            f"X must have shape ({params[0].shape[1]}, batch) with one sample per column "
            f"(params[0] has {params[0].shape[1]} columns), got {X.shape}"
        )
    Y = real_array("Y", Y, shape=(params[-1].shape[0], X.shape[1]))
    return params, X, Y


# --------------------------------------------------------------------------
# Forward and backward passes
# --------------------------------------------------------------------------


class Tape(NamedTuple):
    """What :func:`forward` stores for :func:`backward`. Introduced in chapter 1.

    ``activations[0]`` is X and ``activations[l + 1] = sigmoid(params[l] @ activations[l])``;
    ``targets`` is Y. Its size, about (L + 1) * width * batch numbers, is the
    memory price of backpropagation.
    """

    activations: list
    targets: np.ndarray


def _mse(output, Y) -> float:
    return 0.5 * float(np.sum((output - Y) ** 2)) / Y.shape[1]


def _forward(params, X, Y):
    activations = [X]
    for theta in params:
        activations.append(sigmoid(theta @ activations[-1]))  # keep every layer: this is the tape
    return _mse(activations[-1], Y), Tape(activations, Y)


def forward(params, X, Y) -> tuple[float, Tape]:
    """Evaluate F and record the tape of activations. Introduced in chapter 1.

    Notice that the forward pass is no more expensive than :func:`loss`; it only
    *keeps* what it computes instead of dropping each layer once the next exists.
    """
    return _forward(*_check_inputs(params, X, Y))


def _backward(params, tape):
    a, Y = tape.activations, tape.targets
    g = (a[-1] - Y) / Y.shape[1]  # dF/da_L for F = 0.5 * sum((a_L - Y)^2) / batch
    grads = [None] * len(params)
    for l in reversed(range(len(params))):
        delta = (
            g * a[l + 1] * (1.0 - a[l + 1])
        )  # through the sigmoid: sigma' = a (1 - a), read off the tape
        grads[l] = delta @ a[l].T  # dF/dparams[l]: the error times this layer's stored input
        if l > 0:  # (the input X needs no gradient)
            g = params[l].T @ delta  # dF/da_l: pass the error one layer down
    return grads


def backward(params, tape: Tape) -> list[np.ndarray]:
    """The gradient of F from a tape recorded by :func:`forward`. Introduced in chapter 1.

    One sweep from the output layer back to the input. Per layer it does two
    matrix products (one for the weights' gradient, one to pass the error down)
    where the forward pass did one: this is where omega of about 3 comes from.
    Nothing is recomputed: every activation is read from the tape.
    """
    params = _check_params(params)
    if not isinstance(tape, Tape):
        raise TypeError(f"tape must be the Tape returned by forward, got {type(tape).__name__}")
    if len(tape.activations) != len(params) + 1:
        raise ValueError(
            f"tape must hold {len(params) + 1} activations for {len(params)} layers, "
            f"got {len(tape.activations)}"
        )
    for l, (theta, a) in enumerate(zip(params, tape.activations[1:])):
        if np.shape(a) != (theta.shape[0], np.shape(tape.targets)[1]):
            raise ValueError(
                f"tape does not match params: activation {l + 1} has shape {np.shape(a)}"
            )
    return _backward(params, tape)


def grad(params, X, Y) -> list[np.ndarray]:
    """dF/dparams by backpropagation: :func:`forward` then :func:`backward`. Introduced in chapter 1."""
    params, X, Y = _check_inputs(params, X, Y)
    _, tape = _forward(params, X, Y)
    return _backward(params, tape)


def _loss(params, X, Y) -> float:
    a = X
    for theta in params:
        a = sigmoid(
            theta @ a
        )  # the previous layer is dropped here: nothing is kept for a backward pass
    return _mse(a, Y)


def loss(params, X, Y) -> float:
    """F alone, keeping only the current layer (no tape). Introduced in chapter 1.

    This is the fair baseline for MEMORY(F): an evaluation that does not plan
    to differentiate needs only two layers of activations at a time.
    """
    return _loss(*_check_inputs(params, X, Y))


# --------------------------------------------------------------------------
# Two independent routes to the same gradient
# --------------------------------------------------------------------------


def _grad_finite_difference(params, X, Y, h, scheme):
    theta = np.concatenate([p.ravel() for p in params])  # our own copy, which we perturb in place
    views = _unflatten(theta, _widths_of(params))  # matrices that see every change to theta
    g = np.empty_like(theta)
    if scheme == "forward":
        F0 = _loss(views, X, Y)  # 1 evaluation ...
    for k in range(theta.size):  # ... plus M (forward) or 2M (central)
        old = theta[k]
        theta[k] = old + h
        F_plus = _loss(views, X, Y)
        if scheme == "forward":
            g[k] = (F_plus - F0) / h  # error O(h)
        else:
            theta[k] = old - h
            g[k] = (F_plus - _loss(views, X, Y)) / (2 * h)  # error O(h^2)
        theta[k] = old
    return _unflatten(g, _widths_of(params))


def grad_finite_difference(
    params, X, Y, h: float | None = None, scheme: str = "central"
) -> list[np.ndarray]:
    """dF/dparams by finite differences: M + 1 ("forward") or 2M ("central") evaluations of F.

    Introduced in chapter 1. Each evaluation is a full :func:`loss`, so the cost
    grows like M * TIME(F); compare :func:`grad`. The default step balances the
    truncation error against round-off (about eps/h): h = 1e-7 for forward and
    1e-5 for central differences in float64.
    """
    params, X, Y = _check_inputs(params, X, Y)
    scheme = choice("scheme", scheme, {"forward", "central"})
    if h is None:
        h = 1e-7 if scheme == "forward" else 1e-5
    h = positive_real("h", h)
    return _grad_finite_difference(params, X, Y, h, scheme)


def _autograd_loss(params, X, Y):
    """The same F as :func:`loss`, written with autograd.numpy so autograd can trace it."""
    a = X
    for theta in params:
        a = 1.0 / (1.0 + anp.exp(-anp.dot(theta, a)))
    return 0.5 * anp.sum((a - Y) ** 2) / Y.shape[1]


_autograd_grad = autograd.grad(_autograd_loss)


def grad_autograd(params, X, Y) -> list[np.ndarray]:
    """dF/dparams by the autograd package: an independent reverse-mode autodiff.

    Introduced in chapter 1. autograd records every elementary operation on its
    own tape and replays it backwards; it should agree with :func:`grad` to
    rounding error.
    """
    params, X, Y = _check_inputs(params, X, Y)
    return list(_autograd_grad(params, X, Y))


# --------------------------------------------------------------------------
# Checkpointing: less tape for one more forward pass
# --------------------------------------------------------------------------


class CheckpointedGradient(NamedTuple):
    """What :func:`grad_checkpointed` returns. Introduced in chapter 1.

    ``grads`` is dF/dparams, one array per layer. The two counts are written by
    the loops that do the work: ``layer_evaluations`` counts every
    ``sigmoid(theta @ a)`` computed (L in the first pass plus L recomputed:
    one extra forward pass), ``peak_stored_layers`` the most activation
    layers held at once (checkpoints plus the segment being recomputed; the
    input X counts as the first checkpoint). Plain backprop holds L + 1.
    """

    grads: list
    layer_evaluations: int
    peak_stored_layers: int


def _check_segment(segment, L) -> int:
    segment = costs.checkpoint_segment(L) if segment is None else positive_int("segment", segment)
    if segment > L:
        raise ValueError(f"segment must be at most the number of layers L = {L}, got {segment}")
    return segment


def _grad_checkpointed(params, X, Y, segment):
    L = len(params)
    checkpoints, a, evaluations = [], X, 0
    for l, theta in enumerate(params):  # first pass: keep only each segment's input
        if l % segment == 0:
            checkpoints.append(a)
        a = sigmoid(theta @ a)
        evaluations += 1
    g = (a - Y) / Y.shape[1]  # dF/da_L; a_L itself is dropped here
    del a
    grads, peak = [None] * L, 0
    for s in reversed(range(len(checkpoints))):  # last segment first
        start, stop = s * segment, min(s * segment + segment, L)
        acts = [checkpoints[s]]
        for l in range(start, stop):  # recompute this segment's tape from its checkpoint
            acts.append(sigmoid(params[l] @ acts[-1]))
            evaluations += 1
        peak = max(peak, len(checkpoints) + (stop - start))
        for l in reversed(range(start, stop)):  # the plain backward pass, on the short tape
            a_out, a_in = acts[l - start + 1], acts[l - start]
            delta = g * a_out * (1.0 - a_out)
            grads[l] = delta @ a_in.T
            if l > 0:
                g = params[l].T @ delta
        del acts
        checkpoints.pop()  # this segment is done: its checkpoint is no longer needed
    return CheckpointedGradient(grads, evaluations, peak)


def grad_checkpointed(params, X, Y, segment: int | None = None) -> CheckpointedGradient:
    """dF/dparams by backprop with checkpoints every ``segment`` layers. Introduced in chapter 1.

    The first forward pass keeps only the input of every segment (every
    ``segment``-th layer) and drops the rest; the backward pass then walks the
    segments from the top, recomputes one segment's activations from its
    checkpoint, and runs the plain backward pass through it. With
    ``segment`` about sqrt(L) (the default,
    :func:`qbp_lessons.costs.checkpoint_segment`) that holds about 2 sqrt(L)
    layers instead of L + 1, for one extra forward pass (Griewank & Walther
    2008, ch. 12; Chen et al. 2016). The gradient is the same numbers as
    :func:`grad`: recomputing gives bit-identical activations.
    """
    params, X, Y = _check_inputs(params, X, Y)
    return _grad_checkpointed(params, X, Y, _check_segment(segment, len(params)))


# --------------------------------------------------------------------------
# Measuring omega1 = TIME(grad F) / TIME(F) and omega2 = MEMORY(grad F) / MEMORY(F)
# --------------------------------------------------------------------------


def network_sizes(
    depth: int = 4, n_sizes: int = 7, min_params: int = 1_000, max_params: int = 1_000_000
) -> list[list[int]]:
    """Layer widths of square depth-``depth`` networks with M log-spaced from min to max.

    Introduced in chapter 1. Every layer has the same width w, so M = depth * w^2;
    the default gives w = 16 ... 500, M of about 1e3 ... 1e6.
    """
    depth = positive_int("depth", depth)
    n_sizes = positive_int("n_sizes", n_sizes)
    min_params = positive_int("min_params", min_params)
    max_params = positive_int("max_params", max_params)
    if max_params < min_params:
        raise ValueError(f"max_params must be >= min_params = {min_params}, got {max_params}")
    targets = np.geomspace(min_params, max_params, n_sizes)
    sizes = []
    for M in targets:
        w = max(1, int(round(np.sqrt(M / depth))))
        if not sizes or sizes[-1][0] != w:
            sizes.append([w] * (depth + 1))
    return sizes


@dataclass(frozen=True)
class OmegaMeasurement:
    """One network's measured costs, returned by :func:`measure_omega`. Introduced in chapter 1.

    Times are best-of-k CPU seconds per call (:data:`qbp_lessons.engine.measure.CLOCK`) and exclude
    input validation. Memory is
    ``input_bytes`` (params, X, Y: held by both computations) plus the call's
    tracemalloc peak of new allocations (``peak_*_bytes``), so the gradient's
    own M numbers count against MEMORY(grad F).
    """

    widths: tuple
    batch: int
    M: int
    time_f: float
    time_grad: float
    omega1: float
    time_grad_autograd: float | None
    omega1_autograd: float | None
    fd_scheme: str
    fd_evaluations: int
    fd_measured: bool
    time_fd: float
    fd_ratio: float
    input_bytes: int
    peak_f_bytes: int
    peak_grad_bytes: int
    memory_f: int
    memory_grad: int
    omega2: float
    memory_grad_autograd: int | None
    omega2_autograd: float | None

    def as_dict(self) -> dict:
        """The fields as a plain dict (for tables and myst-nb glue)."""
        return asdict(self)


def measure_omega(
    widths,
    batch: int = 64,
    repeats: int = 5,
    seed: int = 0,
    *,
    fd_scheme: str = "forward",
    fd_max_params: int = 5_000,
    include_autograd: bool = True,
) -> OmegaMeasurement:
    """Measure omega1 = TIME(grad F)/TIME(F) and omega2 = MEMORY(grad F)/MEMORY(F) on this machine.

    Introduced in chapter 1. TIME(F) is :func:`loss`, TIME(grad F) is
    :func:`grad` (forward with tape, then backward), and, when
    ``include_autograd``, the same for :func:`grad_autograd`, all best of
    ``repeats``. The finite-difference gradient is *timed* when
    M <= ``fd_max_params``; for larger M its time is *extrapolated* as
    ``costs.finite_difference_evaluations(M, fd_scheme) * TIME(F)``
    (``fd_measured`` says which). What to notice: omega1 and omega2 stay small
    constants as M grows a thousandfold, while the finite-difference ratio grows
    like M. Below about 1e4 parameters the sigmoids' exp dominates TIME(F) and the
    backward pass needs none (sigma' comes off the tape), so omega1 can dip below 2.
    """
    widths = _check_widths(widths)
    batch = positive_int("batch", batch)
    repeats = positive_int("repeats", repeats)
    seed = positive_int("seed", seed, minimum=0)
    fd_scheme = choice("fd_scheme", fd_scheme, {"forward", "central"})
    fd_max_params = positive_int("fd_max_params", fd_max_params, minimum=0)
    if not isinstance(include_autograd, (bool, np.bool_)):
        raise TypeError(
            f"include_autograd must be True or False, got {type(include_autograd).__name__}"
        )

    params = init_network(widths, seed)
    X, Y = make_data(widths, batch, seed + 1)
    M = num_params(widths)

    f = lambda: _loss(params, X, Y)  # noqa: E731  (F, then the gradients: what is timed and measured)
    g = lambda: _backward(params, _forward(params, X, Y)[1])  # noqa: E731
    g_autograd = lambda: _autograd_grad(params, X, Y)  # noqa: E731

    fd_evaluations = costs.finite_difference_evaluations(M, fd_scheme)
    fd_measured = M <= fd_max_params
    h = 1e-7 if fd_scheme == "forward" else 1e-5

    g_fd = lambda: _grad_finite_difference(params, X, Y, h, fd_scheme)  # noqa: E731

    # all timed in turn, so that load from elsewhere on the machine hits them alike
    timed = [f, g] + ([g_autograd] if include_autograd else []) + ([g_fd] if fd_measured else [])
    times = dict(zip(timed, best_times(timed, repeats)))
    time_f, time_grad = times[f], times[g]
    time_grad_ag = times.get(g_autograd)
    time_fd = times[g_fd] if fd_measured else fd_evaluations * time_f

    input_bytes = sum(p.nbytes for p in params) + X.nbytes + Y.nbytes
    peak_f = peak_bytes(f)
    peak_grad = peak_bytes(g)
    memory_f, memory_grad = input_bytes + peak_f, input_bytes + peak_grad
    memory_grad_ag = input_bytes + peak_bytes(g_autograd) if include_autograd else None

    return OmegaMeasurement(
        widths=tuple(widths),
        batch=batch,
        M=M,
        time_f=time_f,
        time_grad=time_grad,
        omega1=time_grad / time_f,
        time_grad_autograd=time_grad_ag,
        omega1_autograd=None if time_grad_ag is None else time_grad_ag / time_f,
        fd_scheme=fd_scheme,
        fd_evaluations=int(fd_evaluations),
        fd_measured=fd_measured,
        time_fd=time_fd,
        fd_ratio=time_fd / time_f,
        input_bytes=input_bytes,
        peak_f_bytes=peak_f,
        peak_grad_bytes=peak_grad,
        memory_f=memory_f,
        memory_grad=memory_grad,
        omega2=memory_grad / memory_f,
        memory_grad_autograd=memory_grad_ag,
        omega2_autograd=None if memory_grad_ag is None else memory_grad_ag / memory_f,
    )


def sweep_omega(
    sizes=None,
    batch: int = 64,
    repeats: int = 5,
    seed: int = 0,
    *,
    fd_scheme: str = "forward",
    fd_max_params: int = 5_000,
    include_autograd: bool = True,
    progress=None,
    blas_threads: int | None = 1,
) -> list[OmegaMeasurement]:
    """:func:`measure_omega` for each widths list in ``sizes`` (default :func:`network_sizes`).

    Introduced in chapter 1: M from about 1e3 to 1e6, well under 20 s on 2 cores.
    ``progress`` optionally wraps the loop (e.g. ``tqdm.auto.tqdm``). ``blas_threads``
    limits BLAS's threads (default 1, so the ratios measure the algorithm rather
    than how threads share a busy machine; None leaves BLAS as it is).
    """
    sizes = network_sizes() if sizes is None else sizes
    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__len__"):
        raise TypeError(
            "sizes must be a list of widths lists, such as network_sizes(), got"
            f" {type(sizes).__name__}"
        )
    if len(sizes) == 0:
        raise ValueError("sizes must contain at least one widths list")
    sizes = [_check_widths(widths) for widths in sizes]
    if progress is not None and not callable(progress):
        raise TypeError(
            "progress must be callable (such as tqdm.auto.tqdm) or None, got"
            f" {type(progress).__name__}"
        )
    if blas_threads is not None:
        blas_threads = positive_int("blas_threads", blas_threads)
    loop = sizes if progress is None else progress(sizes)
    with threadpool_limits(limits=blas_threads):
        return [
            measure_omega(
                widths,
                batch,
                repeats,
                seed,
                fd_scheme=fd_scheme,
                fd_max_params=fd_max_params,
                include_autograd=include_autograd,
            )
            for widths in loop
        ]


# --------------------------------------------------------------------------
# Memory across depth and batch: when omega2 leaves [2, 4]
# --------------------------------------------------------------------------

#: Largest network :func:`measure_memory` builds (parameters, and numbers in one tape).
MAX_MEMORY_PARAMS, MAX_TAPE_NUMBERS = 4_000_000, 20_000_000


def _check_memory_size(widths, batch) -> int:
    M = num_params(widths)
    if M > MAX_MEMORY_PARAMS:
        raise ValueError(
            f"widths must give at most {MAX_MEMORY_PARAMS:,} parameters, got M = {M:,}"
        )
    if sum(widths) * batch > MAX_TAPE_NUMBERS:
        raise ValueError(
            f"batch must keep the tape, sum(widths) * batch, at most {MAX_TAPE_NUMBERS:,} numbers, "
            f"got {sum(widths) * batch:,}"
        )
    return M


@dataclass(frozen=True)
class MemoryMeasurement:
    """MEMORY(F), MEMORY(grad F) plain and checkpointed, for one network and batch. Introduced in chapter 1.

    Bytes as in :class:`OmegaMeasurement`; ``stored_layers_*`` are the activation
    layers each gradient held at its peak, counted by the code (plain: L + 1).
    """

    widths: tuple
    batch: int
    depth: int
    M: int
    segment: int
    input_bytes: int
    memory_f: int  # bytes: inputs + tracemalloc peak of loss
    memory_grad: int  # ... of grad (the whole tape)
    memory_checkpointed: int  # ... of grad_checkpointed
    omega2: float
    omega2_checkpointed: float
    stored_layers_plain: int
    stored_layers_checkpointed: int
    layer_evaluations_checkpointed: int
    time_f: float | None  # CPU seconds, None unless repeats > 0
    omega1: float | None
    omega1_checkpointed: float | None

    def as_dict(self) -> dict:
        """The fields as a plain dict (for tables and myst-nb glue)."""
        return asdict(self)


def measure_memory(
    widths, batch: int = 64, seed: int = 0, *, segment: int | None = None, repeats: int = 0
) -> MemoryMeasurement:
    """Measure omega2 = MEMORY(grad F)/MEMORY(F) for plain and checkpointed backprop. Introduced in chapter 1.

    MEMORY(F) is :func:`loss` (two layers at a time), MEMORY(grad F) is
    :func:`grad` (the whole tape) and :func:`grad_checkpointed` (about
    2 sqrt(L) layers). With ``repeats`` > 0 the three are also timed (best
    of ``repeats``, CPU time), giving omega1 for both gradients. What to notice:
    the plain ratio grows with depth and batch, because the tape does.
    """
    widths = _check_widths(widths)
    batch = positive_int("batch", batch)
    seed = positive_int("seed", seed, minimum=0)
    repeats = positive_int("repeats", repeats, minimum=0)
    L = len(widths) - 1
    segment = _check_segment(segment, L)
    M = _check_memory_size(widths, batch)

    params = init_network(widths, seed)
    X, Y = make_data(widths, batch, seed + 1)

    f = lambda: _loss(params, X, Y)  # noqa: E731  (the three calls measured, as in measure_omega)
    g = lambda: _backward(params, _forward(params, X, Y)[1])  # noqa: E731
    g_checkpointed = lambda: _grad_checkpointed(params, X, Y, segment).grads  # noqa: E731
    input_bytes = sum(p.nbytes for p in params) + X.nbytes + Y.nbytes
    memory_f = input_bytes + peak_bytes(f)
    memory_grad = input_bytes + peak_bytes(g)
    memory_ck = input_bytes + peak_bytes(g_checkpointed)
    counted = _grad_checkpointed(params, X, Y, segment)
    time_f = omega1 = omega1_ck = None
    if repeats:
        time_f, time_g, time_ck = best_times([f, g, g_checkpointed], repeats)
        omega1, omega1_ck = time_g / time_f, time_ck / time_f
    return MemoryMeasurement(
        widths=tuple(widths),
        batch=batch,
        depth=L,
        M=M,
        segment=segment,
        input_bytes=input_bytes,
        memory_f=memory_f,
        memory_grad=memory_grad,
        memory_checkpointed=memory_ck,
        omega2=memory_grad / memory_f,
        omega2_checkpointed=memory_ck / memory_f,
        stored_layers_plain=len(_forward(params, X, Y)[1].activations),
        stored_layers_checkpointed=counted.peak_stored_layers,
        layer_evaluations_checkpointed=counted.layer_evaluations,
        time_f=time_f,
        omega1=omega1,
        omega1_checkpointed=omega1_ck,
    )


def sweep_memory(
    depths=(2, 4, 8, 16, 32, 64),
    batches=(16, 64, 256, 1024),
    width: int = 64,
    seed: int = 0,
    *,
    repeats: int = 0,
    blas_threads: int | None = 1,
) -> list[MemoryMeasurement]:
    """:func:`measure_memory` on square networks of ``width`` for every depth and batch. Introduced in chapter 1.

    The chapter's memory sweep: depth 2 to 64, batch 16 to 1024, width 64
    (M from 8,192 to 262,144). Returned in the order (depth, batch), depth outer.
    """
    for name, values in (("depths", depths), ("batches", batches)):
        if isinstance(values, (str, bytes)) or not hasattr(values, "__len__") or len(values) == 0:
            raise TypeError(f"{name} must be a non-empty list of positive integers, got {values!r}")
    depths, batches = (
        [positive_int("depths", d) for d in depths],
        [positive_int("batches", b) for b in batches],
    )
    width = positive_int("width", width)
    if blas_threads is not None:
        blas_threads = positive_int("blas_threads", blas_threads)
    for depth, batch in (
        (d, b) for d in depths for b in batches
    ):  # every size checked before measuring
        _check_memory_size([width] * (depth + 1), batch)
    with threadpool_limits(limits=blas_threads):
        return [
            measure_memory([width] * (depth + 1), batch, seed, repeats=repeats)
            for depth in depths
            for batch in batches
        ]
