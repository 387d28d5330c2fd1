"""Density matrices and the distances between them: the vocabulary of chapter 5.

A statevector describes one run of a circuit; a *density matrix* ``rho`` describes
what we know about a system when part of it is out of reach (the other half of an
entangled pair) or when a measurement outcome is forgotten. It is a 2^n x 2^n
matrix that is Hermitian, positive semidefinite (PSD) and of trace 1; a pure state
is ``rho = |psi><psi|``. This module keeps the few operations the chapter needs,
each checked against a closed form and against PennyLane's ``qml.math``
(:mod:`qbp_lessons.interop`):

* :func:`density_matrix`   |psi><psi| from a statevector;
* :func:`partial_trace`    the state of some wires when the others are ignored;
* :func:`trace_distance`   ``T(rho, sigma) = 1/2 ||rho - sigma||_1``, the largest
  difference any measurement can see between the two states;
* :func:`fidelity`         ``F(rho, sigma) = (tr sqrt(sqrt(rho) sigma sqrt(rho)))^2``
  (squared, as PennyLane defines it: ``|<psi|phi>|^2`` for pure states);
* :func:`purity`           ``tr rho^2`` (1 for pure states, 2^-n for the maximally mixed one);
* :func:`bloch_vector`     a qubit's (<X>, <Y>, <Z>);
* random states, density matrices and measurement effects ``0 <= Lambda <= I``.

Every matrix is checked (Hermitian, PSD, trace 1, or 0 <= Lambda <= I, and its
size capped) before any work, and a failed check names the parameter.

Introduced in chapter 5.
"""

from __future__ import annotations

import numpy as np

from qbp_lessons._validate import (
    NORM_TOLERANCE,
    bounded_int,
    choice,
    positive_int,
    qubits_of_dimension,
    statevector,
)
from qbp_lessons._validate import rng as make_rng
from qbp_lessons.engine.paulis import pauli, pauli_matrix

__all__ = [
    "MAX_DM_QUBITS",
    "TOLERANCE",
    "check_density",
    "check_wires",
    "check_effect",
    "check_ket",
    "density_matrix",
    "operator_sqrt",
    "partial_trace_core",
    "partial_trace",
    "trace_distance",
    "fidelity",
    "purity",
    "bloch_vector",
    "random_state",
    "random_density",
    "random_effect",
]

#: Largest register a density matrix may describe: 2^10 x 2^10 complex numbers = 16 MiB.
MAX_DM_QUBITS = 10
#: Slack allowed in the checks of Hermiticity, positivity, trace and normalisation (rounding only).
TOLERANCE = NORM_TOLERANCE
# Eigenvalues below this are rounding noise of a rank-deficient matrix (its square root would be
# ~1e-7).
_ROUNDING = 1e-14


def _qubits_of(size: int, name: str) -> int:
    """n with 2^n = size (the package's one rule), here capped at MAX_DM_QUBITS."""
    return qubits_of_dimension(name, size, MAX_DM_QUBITS)


def _complex_array(value, name: str, ndim: int) -> np.ndarray:
    """A finite complex vector (ndim 1) or square matrix (ndim 2) of dimension 2^n.

    The shape and the size cap are checked before the value is converted.
    """
    what = "vector of length 2^n" if ndim == 1 else "square matrix"
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be a complex {what}, got {type(value).__name__}")
    try:
        shape = np.shape(value)
    except ValueError:  # rows of different lengths
        raise ValueError(f"{name} must be a {what} with rows of equal length") from None
    if len(shape) != ndim or shape[0] != shape[-1]:
        raise ValueError(f"{name} must be a {what}, got shape {shape}")
    _qubits_of(shape[0], name)
    arr = np.asarray(value)
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.number):
        raise TypeError(f"{name} must be a numeric {what}, got dtype {arr.dtype}")
    arr = arr.astype(complex)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite values")
    return arr


def _matrix(value, name: str) -> np.ndarray:
    return _complex_array(value, name, 2)


def _hermitian(arr: np.ndarray, name: str) -> np.ndarray:
    gap = float(np.max(np.abs(arr - arr.conj().T)))
    if gap > TOLERANCE * max(1.0, float(np.max(np.abs(arr)))):
        raise ValueError(
            f"{name} must be Hermitian (equal to its conjugate transpose); "
            f"largest |A - A^dagger| entry is {gap:.3g}"
        )
    return 0.5 * (arr + arr.conj().T)


def check_density(rho, name: str = "rho", n: int | None = None) -> np.ndarray:
    """Return ``rho`` as a complex density matrix, or raise naming ``name``.

    Checks, in this order: a square matrix of dimension 2^n (n <= MAX_DM_QUBITS,
    and equal to ``n`` if given), finite entries, Hermitian, trace 1, and
    positive semidefinite (smallest eigenvalue >= -1e-9). Introduced in chapter 5.
    """
    arr = _matrix(rho, name)
    if n is not None:
        n = bounded_int("n", n, maximum=MAX_DM_QUBITS)
        if arr.shape[0] != 1 << n:
            raise ValueError(
                f"{name} must be {1 << n} x {1 << n} for n = {n} qubits, got {arr.shape}"
            )
    arr = _hermitian(arr, name)
    trace = float(np.trace(arr).real)
    if abs(trace - 1.0) > TOLERANCE:
        raise ValueError(f"{name} must have trace 1, got {trace:.12g}")
    lowest = float(np.linalg.eigvalsh(arr)[0])
    if lowest < -TOLERANCE:
        raise ValueError(
            f"{name} must be positive semidefinite; its smallest eigenvalue is {lowest:.3g}"
        )
    return arr


def check_effect(effect, name: str = "effect", dim: int | None = None) -> np.ndarray:
    """Return ``effect`` as a measurement effect 0 <= Lambda <= I, or raise naming ``name``.

    An effect is the operator of one outcome of a measurement: the outcome occurs
    with probability tr(Lambda rho). It must be Hermitian with every eigenvalue in
    [0, 1] (up to 1e-9); ``dim``, if given, is the dimension it must have.
    Introduced in chapter 5.
    """
    arr = _matrix(effect, name)
    if dim is not None and arr.shape[0] != dim:
        raise ValueError(f"{name} must be {dim} x {dim} to act on the state, got {arr.shape}")
    arr = _hermitian(arr, name)
    values = np.linalg.eigvalsh(arr)
    if values[0] < -TOLERANCE or values[-1] > 1.0 + TOLERANCE:
        raise ValueError(
            f"{name} must satisfy 0 <= {name} <= I (eigenvalues in [0, 1]); "
            f"its eigenvalues span [{values[0]:.3g}, {values[-1]:.3g}]"
        )
    return arr


def check_ket(psi, name: str = "psi") -> np.ndarray:
    """Return ``psi`` as a normalised complex statevector of length 2^n, or raise naming ``name``.

    The package's one statevector rule (:func:`qbp_lessons._validate.statevector`), with
    n <= MAX_DM_QUBITS. Introduced in chapter 5.
    """
    return statevector(name, psi, maximum=MAX_DM_QUBITS, tolerance=TOLERANCE)


def density_matrix(psi) -> np.ndarray:
    """The pure state |psi><psi| of a normalised statevector. Introduced in chapter 5."""
    psi = check_ket(psi)
    return np.outer(psi, psi.conj())


def operator_sqrt(a, name: str = "a") -> np.ndarray:
    """The PSD square root of a PSD matrix (through its eigendecomposition).

    Eigenvalues below 1e-14 (rounding noise of a rank-deficient matrix) count as 0.
    Introduced in chapter 5.
    """
    arr = _hermitian(_matrix(a, name), name)
    values, vectors = np.linalg.eigh(arr)
    if values[0] < -TOLERANCE:
        raise ValueError(
            f"{name} must be positive semidefinite; its smallest eigenvalue is {values[0]:.3g}"
        )
    # eigenvalues within rounding of 0 are set to 0: their square roots (~1e-8) would be noise, not
    # signal
    values = np.where(values > _ROUNDING * max(1.0, float(values[-1])), values, 0.0)
    return (vectors * np.sqrt(values)) @ vectors.conj().T


def check_wires(keep, n: int) -> list[int]:
    """``keep`` (a wire or a list of distinct wires of n qubits) as a sorted list of ints."""
    n = bounded_int("n", n, maximum=MAX_DM_QUBITS)
    wires = [keep] if np.ndim(keep) == 0 else list(keep)
    checked = []
    for w in wires:
        if isinstance(w, (bool, np.bool_)) or not isinstance(w, (int, np.integer)):
            raise TypeError(f"keep must hold integer wires, got {w!r}")
        if not 0 <= w < n:
            raise ValueError(f"keep: wire {w} is outside 0..{n - 1} (n = {n})")
        checked.append(int(w))
    if not checked or len(set(checked)) != len(checked):
        raise ValueError(f"keep must name at least one wire, each once, got {wires}")
    return sorted(checked)


def partial_trace_core(rho: np.ndarray, keep: list[int]) -> np.ndarray:
    """tr_B rho for the kept wires ``keep`` (a sorted list), the others traced out. Chapter 5.

    No input checks: :func:`partial_trace` checks that ``rho`` is a density matrix and
    that ``keep`` names distinct wires of it, then calls this.
    """
    n = rho.shape[0].bit_length() - 1
    drop = [w for w in range(n) if w not in keep]
    tensor = rho.reshape((2,) * (2 * n))
    # bring the kept row indices, the kept column indices, then the dropped pairs to the front
    order = keep + [n + w for w in keep] + drop + [n + w for w in drop]
    d_keep, d_drop = 1 << len(keep), 1 << len(drop)
    tensor = tensor.transpose(order).reshape(d_keep, d_keep, d_drop, d_drop)
    return np.einsum("ijkk->ij", tensor)  # the trace over each dropped wire's pair of indices


def partial_trace(rho, keep) -> np.ndarray:
    """The reduced state of the wires ``keep`` (wire 0 first), the others traced out.

    ``rho_A = tr_B rho``: what an observer holding only the wires in ``keep`` can
    ever measure. ``keep`` is a wire or a list of distinct wires, returned in
    increasing order. Checks the inputs, then calls :func:`partial_trace_core`.
    Introduced in chapter 5.
    """
    rho = check_density(rho)
    return partial_trace_core(rho, check_wires(keep, _qubits_of(rho.shape[0], "rho")))


def _two_states(rho, sigma):
    rho = check_density(rho, "rho")
    sigma = check_density(sigma, "sigma")
    if rho.shape != sigma.shape:
        raise ValueError(
            f"rho and sigma must have the same shape, got {rho.shape} and {sigma.shape}"
        )
    return rho, sigma


def trace_distance(rho, sigma) -> float:
    """``T(rho, sigma) = 1/2 sum |eigenvalues of rho - sigma|``, between 0 and 1.

    It is the largest difference in the probability of any outcome of any
    measurement on the two states. Introduced in chapter 5.
    """
    rho, sigma = _two_states(rho, sigma)
    return float(0.5 * np.sum(np.abs(np.linalg.eigvalsh(rho - sigma))))


def fidelity(rho, sigma) -> float:
    """``F(rho, sigma) = (tr sqrt(sqrt(rho) sigma sqrt(rho)))^2``, between 0 and 1.

    The squared (Uhlmann-Jozsa) convention, the same as ``qml.math.fidelity``:
    for pure states it is ``|<psi|phi>|^2``, for a pure rho = |psi><psi| it is
    ``<psi|sigma|psi>``. Introduced in chapter 5.
    """
    rho, sigma = _two_states(rho, sigma)
    root = operator_sqrt(rho, "rho")
    values = np.linalg.eigvalsh(root @ sigma @ root)
    # eigenvalues within rounding of 0 would add sqrt(1e-16) = 1e-8 each: count them as 0
    values = np.where(values > _ROUNDING, values, 0.0)
    return float(min(np.sum(np.sqrt(values)) ** 2, 1.0))


def purity(rho) -> float:
    """``tr rho^2``: 1 for a pure state, 2^-n for the maximally mixed one.

    Introduced in chapter 5.
    """
    rho = check_density(rho)
    return float(np.real(np.vdot(rho, rho)))


def bloch_vector(rho) -> np.ndarray:
    """A qubit's Bloch vector (<X>, <Y>, <Z>) = (tr rho X, tr rho Y, tr rho Z); length 1 when pure.

    Introduced in chapter 5.
    """
    rho = check_density(rho, n=1)
    return np.array([float(np.trace(rho @ pauli_matrix(pauli(p))).real) for p in "XYZ"])


# --------------------------------------------------------------------------
# Random states and effects, for checks over many cases
# --------------------------------------------------------------------------


def random_state(n: int, seed=None) -> np.ndarray:
    """A Haar-random pure state on n qubits (a normalised complex Gaussian vector).

    Introduced in chapter 5.
    """
    n = bounded_int("n", n, maximum=MAX_DM_QUBITS)
    gen = make_rng("seed", seed)
    v = gen.normal(size=1 << n) + 1j * gen.normal(size=1 << n)
    return v / np.linalg.norm(v)


def random_density(n: int, rank: int | None = None, seed=None) -> np.ndarray:
    """A random density matrix of the given rank (default full): G G^dagger / tr G G^dagger.

    G is a complex Gaussian matrix.

    Introduced in chapter 5.
    """
    n = bounded_int("n", n, maximum=MAX_DM_QUBITS)
    d = 1 << n
    rank = d if rank is None else bounded_int("rank", rank, maximum=d)
    gen = make_rng("seed", seed)
    g = gen.normal(size=(d, rank)) + 1j * gen.normal(size=(d, rank))
    rho = g @ g.conj().T
    return rho / np.trace(rho).real


def _haar_unitary(d: int, gen: np.random.Generator) -> np.ndarray:
    z = (gen.normal(size=(d, d)) + 1j * gen.normal(size=(d, d))) / np.sqrt(2)
    q, r = np.linalg.qr(z)
    return q * (np.diag(r) / np.abs(np.diag(r)))


def random_effect(n: int, kind: str = "general", rank: int | None = None, seed=None) -> np.ndarray:
    """A random measurement effect 0 <= Lambda <= I on n qubits, in a Haar-random eigenbasis.

    ``kind="general"``: eigenvalues uniform in [0, 1]; ``kind="projector"``: a
    projector of the given ``rank`` (default: a uniformly random rank from 1 to
    2^n - 1). Introduced in chapter 5.
    """
    n = bounded_int("n", n, maximum=MAX_DM_QUBITS)
    kind = choice("kind", kind, {"general", "projector"})
    d = 1 << n
    gen = make_rng("seed", seed)
    if kind == "general":
        if rank is not None:
            raise ValueError("rank applies only to kind='projector'")
        values = gen.uniform(0.0, 1.0, size=d)
    else:
        rank = int(gen.integers(1, d)) if rank is None else positive_int("rank", rank)
        if rank > d:
            raise ValueError(f"rank must be <= 2^n = {d}, got {rank}")
        values = np.r_[np.ones(rank), np.zeros(d - rank)]
    u = _haar_unitary(d, gen)
    return (u * values) @ u.conj().T
