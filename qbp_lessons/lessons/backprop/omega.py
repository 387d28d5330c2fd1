"""Measuring omega1 = TIME(grad F) / TIME(F) and omega2 = MEMORY(grad F) / MEMORY(F).

Introduced in chapter 1. The reward of backpropagation: a gradient that costs a
small constant omega times one evaluation of F, whatever the number of parameters
M, where finite differences cost M + 1 evaluations. Time and memory come from the
course's one clock and one memory meter (:mod:`qbp_lessons.engine.measure`), applied
to the cores of :mod:`qbp_lessons.lessons.backprop.passes`, so input checks are not
timed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
from threadpoolctl import threadpool_limits

from qbp_lessons._validate import record
from qbp_lessons import costs
from qbp_lessons._validate import seed_ints
from qbp_lessons._validate import bounded_int, choice, positive_int
from qbp_lessons.engine.measure import best_times, peak_bytes
from qbp_lessons.lessons.backprop.checks import check_widths
from qbp_lessons.lessons.backprop.network import init_network, make_data, num_params
from qbp_lessons.lessons.backprop.passes import backward_core, forward_core, loss_core
from qbp_lessons.lessons.backprop.references import (
    default_step,
    grad_autograd_core,
    grad_finite_difference_core,
)

__all__ = ["network_sizes", "OmegaMeasurement", "measure_omega", "sweep_omega"]


def _sized(i: int, widths) -> list[int]:
    """``sizes[i]`` checked as a widths list; the error names ``sizes[i]``."""
    try:
        return check_widths(widths)
    except (TypeError, ValueError) as exc:
        raise type(exc)(f"sizes[{i}]: {exc}") from None


def network_sizes(
    depth: int = 4, n_sizes: int = 7, min_params: int = 1_000, max_params: int = 1_000_000
) -> list[list[int]]:
    """Layer widths of square depth-``depth`` networks with M log-spaced from min to max.

    Introduced in chapter 1. Every layer has the same width w, so M = depth * w^2;
    the default gives w = 16 ... 500, M of about 1e3 ... 1e6.
    """
    depth = bounded_int("depth", depth, maximum=1000)
    n_sizes = bounded_int("n_sizes", n_sizes, maximum=1000)
    min_params = bounded_int("min_params", min_params)
    max_params = bounded_int("max_params", max_params)
    if max_params < min_params:
        raise ValueError(f"max_params must be >= min_params = {min_params}, got {max_params}")
    targets = np.geomspace(min_params, max_params, n_sizes)
    sizes = []
    for M in targets:
        w = max(1, int(round(np.sqrt(M / depth))))
        if not sizes or sizes[-1][0] != w:
            sizes.append([w] * (depth + 1))
    return sizes


@record
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
    widths = check_widths(widths)
    batch = positive_int("batch", batch)
    repeats = positive_int("repeats", repeats)
    seed, data_seed = seed_ints("seed", seed, 2, step=1)  # an int s: s and s + 1, as always
    fd_scheme = choice("fd_scheme", fd_scheme, {"forward", "central"})
    fd_max_params = positive_int("fd_max_params", fd_max_params, minimum=0)
    if not isinstance(include_autograd, (bool, np.bool_)):
        raise TypeError(
            f"include_autograd must be True or False, got {type(include_autograd).__name__}"
        )

    params = init_network(widths, seed)
    X, Y = make_data(widths, batch, data_seed)
    M = num_params(widths)

    fd_evaluations = costs.finite_difference_evaluations(M, fd_scheme)
    fd_measured = M <= fd_max_params
    h = default_step(fd_scheme)

    # F, then the gradients: what is timed and measured (the cores: inputs checked above)
    def f():
        return loss_core(params, X, Y)

    def g():
        return backward_core(params, forward_core(params, X, Y)[1])

    def g_autograd():
        return grad_autograd_core(params, X, Y)

    def g_fd():
        return grad_finite_difference_core(params, X, Y, h, fd_scheme)

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
    sizes = [_sized(i, widths) for i, widths in enumerate(sizes)]
    if progress is not None and not callable(progress):
        raise TypeError(
            "progress must be callable (such as tqdm.auto.tqdm) or None, got"
            f" {type(progress).__name__}"
        )
    if blas_threads is not None:
        blas_threads = bounded_int("blas_threads", blas_threads, maximum=1024)
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
