"""Classical gradients: finite differences, reverse mode (backprop) and checkpointing.

TIME in the unit of ``time_f`` (one evaluation of F), MEMORY in the unit of
``memory_f`` or in stored layers. Introduced in chapter 1.
"""

from __future__ import annotations

import math

from qbp_lessons._validate import bounded_int, choice, count_array, positive_int, positive_real

__all__ = [
    "finite_difference_evaluations",
    "finite_difference_time",
    "backprop_time",
    "backprop_memory",
    "checkpoint_segment",
    "stored_layers",
]


def finite_difference_evaluations(M, scheme: str = "forward"):
    """Evaluations of F for one finite-difference gradient of M parameters.

    Forward differences need F(theta) once plus F(theta + h e_k) for each k:
    ``M + 1``. Central differences need F(theta +- h e_k): ``2 M``.
    (Griewank & Walther, *Evaluating Derivatives*, 2nd ed., SIAM 2008, ch. 1.)
    Introduced in chapter 1.
    """
    M = count_array("M", M)
    scheme = choice("scheme", scheme, {"forward", "central"})
    return M + 1 if scheme == "forward" else 2 * M


def finite_difference_time(M, time_f, scheme: str = "forward"):
    """TIME of a finite-difference gradient: evaluations times ``time_f``.

    The talk's examples: M = 1000 at 0.01 s gives about 10 s; M = 1e9 at 60 s
    gives about 6e10 s, some 1,900 years. Introduced in chapter 1.
    """
    time_f = positive_real("time_f", time_f)
    return finite_difference_evaluations(M, scheme) * time_f


def backprop_time(time_f, omega: float = 3.0):
    """TIME of a reverse-mode (backprop) gradient: ``omega * time_f``, whatever M.

    The cheap gradient principle: for rational functions the gradient costs at
    most 3x the function in non-scalar multiplications (Baur & Strassen, Theor.
    Comput. Sci. 22 (1983) 317-330); in operation counts reverse mode costs a
    small constant, about 3 to 4 (Griewank & Walther 2008). The talk quotes
    omega in [2, 4]. Introduced in chapter 1.
    """
    time_f = positive_real("time_f", time_f)
    omega = positive_real("omega", omega)
    return omega * time_f


def backprop_memory(memory_f, omega: float = 3.0):
    """MEMORY of a reverse-mode gradient as the talk states it: ``omega * memory_f``.

    This is the talk's model, not a law. Plain reverse mode keeps the forward
    pass's intermediate values (the tape): for an L-layer network, L + 1 layers
    of activations (:func:`stored_layers`) where F holds a few, so the measured
    ratio grows with depth and batch once the activations outweigh the
    parameters. A constant omega needs checkpointing, which trades memory for
    recomputation (Griewank & Walther 2008, ch. 12; Chen et al. 2016), or a
    regime where the parameters dominate. Introduced in chapter 1.
    """
    memory_f = positive_real("memory_f", memory_f)
    omega = positive_real("omega", omega)
    return omega * memory_f


def checkpoint_segment(L) -> int:
    """The default checkpoint spacing for L layers: ``ceil(sqrt(L))``.

    About sqrt(L) checkpoints plus one segment of about sqrt(L) layers is the
    least memory one level of checkpointing can reach (Chen et al. 2016, arXiv
    1604.06174; Griewank & Walther 2008, ch. 12). Introduced in chapter 1.
    """
    L = positive_int("L", L)
    return math.isqrt(L - 1) + 1


def stored_layers(L, segment=None) -> int:
    """Activation layers a gradient of an L-layer network holds at its peak (the input counted).

    ``segment=None``: plain backprop keeps the whole tape, ``L + 1``.
    With checkpoints every ``segment`` layers
    (:func:`qbp_lessons.lessons.backprop.checkpointing.grad_checkpointed`),
    while segment s (counting from 0 at the input) is recomputed, the inputs of
    segments 0..s are held plus that segment's ``min(segment, L - s * segment)``
    recomputed layers; the peak is the largest of these. Introduced in chapter 1.
    """
    L = bounded_int("L", L)
    if segment is None:
        return L + 1
    segment = positive_int("segment", segment)
    if segment > L:
        raise ValueError(f"segment must be at most L = {L}, got {segment}")
    n = -(-L // segment)  # segments; the last holds L - (n - 1) * segment layers
    # Segment s holds s + 1 inputs and min(segment, L - s * segment) layers: for s < n - 1
    # that grows with s, so the peak is segment n - 2 or the last one.
    last = n + L - (n - 1) * segment
    return max(n - 1 + segment, last) if n >= 2 else last
