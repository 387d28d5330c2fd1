"""Memory across depth and batch: when omega2 leaves [2, 4], and what checkpointing buys.

Introduced in chapter 1. The tape of plain backprop grows with depth and batch, so
MEMORY(grad F) / MEMORY(F) does too; checkpointing
(:mod:`qbp_lessons.lessons.backprop.checkpointing`) bounds it by about 2 sqrt(L)
layers.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from threadpoolctl import threadpool_limits

from qbp_lessons._validate import record
from qbp_lessons._validate import seed_ints
from qbp_lessons._validate import bounded_int, count_list, positive_int
from qbp_lessons.engine.measure import best_times, peak_bytes
from qbp_lessons.lessons.backprop.checkpointing import check_segment, grad_checkpointed_core
from qbp_lessons.lessons.backprop.checks import check_widths
from qbp_lessons.lessons.backprop.network import init_network, make_data, num_params
from qbp_lessons.lessons.backprop.passes import backward_core, forward_core, loss_core

__all__ = [
    "MAX_MEMORY_PARAMS",
    "MAX_TAPE_NUMBERS",
    "check_memory_size",
    "MemoryMeasurement",
    "measure_memory",
    "sweep_memory",
]

#: Largest network :func:`measure_memory` builds (parameters).
MAX_MEMORY_PARAMS = 4_000_000
#: Largest tape :func:`measure_memory` lets plain backprop hold (numbers).
MAX_TAPE_NUMBERS = 20_000_000


def check_memory_size(widths, batch) -> int:
    """M, after checking that the network and its tape fit :func:`measure_memory`'s caps."""
    widths = check_widths(widths)
    batch = positive_int("batch", batch)
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


@record
@dataclass(frozen=True)
class MemoryMeasurement:
    """MEMORY(F), MEMORY(grad F) plain and checkpointed, for one network and batch.

    Introduced in chapter 1. Bytes as in :class:`OmegaMeasurement`; ``stored_layers_*``
    are the activation layers each gradient held at its peak, counted by the code
    (plain: L + 1).
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
    """Measure omega2 = MEMORY(grad F)/MEMORY(F) for plain and checkpointed backprop.

    Introduced in chapter 1. MEMORY(F) is :func:`loss` (two layers at a time),
    MEMORY(grad F) is :func:`grad` (the whole tape) and :func:`grad_checkpointed`
    (about 2 sqrt(L) layers). With ``repeats`` > 0 the three are also timed (best
    of ``repeats``, CPU time), giving omega1 for both gradients. What to notice:
    the plain ratio grows with depth and batch, because the tape does.
    """
    widths = check_widths(widths)
    batch = positive_int("batch", batch)
    seed, data_seed = seed_ints("seed", seed, 2, step=1)  # an int s: s and s + 1, as always
    repeats = bounded_int("repeats", repeats, minimum=0, maximum=MAX_REPEATS)
    L = len(widths) - 1
    segment = check_segment(segment, L)
    M = check_memory_size(widths, batch)

    params = init_network(widths, seed)
    X, Y = make_data(widths, batch, data_seed)

    # the three calls measured, as in measure_omega (the cores: inputs checked above)
    def f():
        return loss_core(params, X, Y)

    def g():
        return backward_core(params, forward_core(params, X, Y)[1])

    def g_checkpointed():
        return grad_checkpointed_core(params, X, Y, segment).grads

    input_bytes = sum(p.nbytes for p in params) + X.nbytes + Y.nbytes
    memory_f = input_bytes + peak_bytes(f)
    memory_grad = input_bytes + peak_bytes(g)
    memory_ck = input_bytes + peak_bytes(g_checkpointed)
    counted = grad_checkpointed_core(params, X, Y, segment)
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
        stored_layers_plain=len(forward_core(params, X, Y)[1].activations),
        stored_layers_checkpointed=counted.peak_stored_layers,
        layer_evaluations_checkpointed=counted.layer_evaluations,
        time_f=time_f,
        omega1=omega1,
        omega1_checkpointed=omega1_ck,
    )


#: Most timed repetitions of each gradient in a memory measurement.
MAX_REPEATS = 100


def sweep_memory(
    depths=(2, 4, 8, 16, 32, 64),
    batches=(16, 64, 256, 1024),
    width: int = 64,
    seed: int = 0,
    *,
    repeats: int = 0,
    blas_threads: int | None = 1,
) -> list[MemoryMeasurement]:
    """:func:`measure_memory` on square networks of ``width`` for every depth and batch.

    Introduced in chapter 1. The chapter's memory sweep: depth 2 to 64, batch 16 to 1024, width 64
    (M from 8,192 to 262,144). Returned in the order (depth, batch), depth outer.
    """
    for name, values in (("depths", depths), ("batches", batches)):
        if isinstance(values, (str, bytes)) or not hasattr(values, "__len__") or len(values) == 0:
            raise TypeError(f"{name} must be a non-empty list of positive integers, got {values!r}")
    depths = count_list("depths", list(depths), maximum=MAX_MEMORY_PARAMS)
    batches = count_list("batches", list(batches), maximum=MAX_TAPE_NUMBERS)
    width = positive_int("width", width)
    repeats = bounded_int("repeats", repeats, minimum=0, maximum=MAX_REPEATS)
    if blas_threads is not None:
        blas_threads = bounded_int("blas_threads", blas_threads, maximum=1024)
    for depth, batch in ((d, b) for d in depths for b in batches):  # all checked before measuring
        try:
            check_memory_size([width] * (depth + 1), batch)
        except ValueError as exc:
            raise ValueError(f"depths x batches too large at depth {depth}: {exc}") from None
    with threadpool_limits(limits=blas_threads):
        return [
            measure_memory([width] * (depth + 1), batch, seed, repeats=repeats)
            for depth in depths
            for batch in batches
        ]
