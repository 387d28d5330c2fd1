"""Analytic resource models: TIME and MEMORY of F and of its gradient, per method.

Every chapter measures a cost and puts the measured point on one of these
curves; every widget draws them. They are deliberately small formulas with
explicit constants, each citing the source it comes from.

Units
-----
* Classical models take ``time_f`` (seconds, or any unit) for one evaluation of
  F and return the same unit.
* Quantum (hardware) models count **gate applications**: a circuit of M
  parametrised gates run for N shots costs ``M * N``. This is the talk's model,
  TIME(F) = M / eps^2 (unit cost per gate, 1/eps^2 shots for precision eps).
  Shot counts are returned too, because they are what a device bills.

Introduced in chapter 1 (classical part) and extended in chapters 2-7.
"""

from __future__ import annotations

import math

import numpy as np

from qbp_lessons._validate import choice, count_array, positive_int, positive_real

__all__ = [
    "SECONDS_PER_YEAR",
    "finite_difference_evaluations",
    "finite_difference_time",
    "backprop_time",
    "backprop_memory",
    "checkpoint_segment",
    "stored_layers",
    "circuit_time",
    "shots_for_precision",
    "param_shift_circuits",
    "param_shift_shots_per_circuit",
    "param_shift_shots",
    "param_shift_time",
    "SPSA_OFFSET",
    "spsa_second_moment",
    "spsa_directions_for_accuracy",
    "spsa_circuits",
    "spsa_estimates",
    "spsa_shots",
    "spsa_time",
    "spsa_gradient_circuits",
    "shadow_norm_squared",
    "shadow_batches",
    "shadow_batch_size",
    "shadow_snapshots",
    "shadow_snapshots_infinity_norm",
    "direct_measurement_shots",
    "shadow_time",
    "shadow_tomography_copies",
    "commuting_shots",
    "commuting_time",
    "cnot_copy_fidelities",
    "single_copy_lower_bound",
    "backprop_reference_time",
    "backprop_scaling_time",
    "gradient_time",
    "METHODS",
    "simulator_gate_applications",
    "SIMULATOR_STATEVECTORS",
    "kernel_cache_statevectors",
]

#: Julian year in seconds (365.25 days), used to turn the talk's examples into years.
SECONDS_PER_YEAR = 365.25 * 24 * 3600


#: Smallest precision the models accept: 1/eps^2 shots stays finite and meaningful.
MIN_EPS = 1e-9


def _eps(eps) -> float:
    """Check a precision: a real number >= MIN_EPS."""
    eps = positive_real("eps", eps)
    if eps < MIN_EPS:
        raise ValueError(f"eps must be >= {MIN_EPS:g} (1/eps^2 shots), got {eps}")
    return eps


def _ceil(x):
    """Ceil that keeps scalars as ints and arrays as float arrays."""
    if np.ndim(x) == 0:
        return int(math.ceil(float(x) - 1e-12))
    return np.ceil(np.asarray(x, dtype=float) - 1e-12)


# --------------------------------------------------------------------------
# Classical: finite differences and reverse mode (chapter 1)
# --------------------------------------------------------------------------


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
    (:func:`qbp_lessons.lessons.backprop.compute.grad_checkpointed`),
    while segment s (counting from 0 at the input) is recomputed, the inputs of
    segments 0..s are held plus that segment's ``min(segment, L - s * segment)``
    recomputed layers; the peak is the largest of these. Introduced in chapter 1.
    """
    L = positive_int("L", L)
    if segment is None:
        return L + 1
    segment = positive_int("segment", segment)
    if segment > L:
        raise ValueError(f"segment must be at most L = {L}, got {segment}")
    n = -(-L // segment)
    return max(s + 1 + min(segment, L - s * segment) for s in range(n))


# --------------------------------------------------------------------------
# Quantum hardware: one expectation value (chapter 2)
# --------------------------------------------------------------------------


def shots_for_precision(eps, variance: float = 1.0):
    """Shots so that the sample mean of a quantity of that variance has std <= eps.

    ``ceil(variance / eps^2)``; for a +-1 observable the variance is at most 1,
    which gives the talk's 1/eps^2. Introduced in chapter 2.
    """
    eps = _eps(eps)
    variance = positive_real("variance", variance)
    return _ceil(variance / eps**2)


def circuit_time(M, eps):
    """TIME(F) on hardware, in gate applications: ``M / eps^2``.

    One expectation value to precision eps needs about 1/eps^2 shots of an
    M-gate circuit, each gate at unit cost (the talk's model). Introduced in
    chapter 2.
    """
    M = count_array("M", M)
    eps = _eps(eps)
    return M / eps**2


def backprop_reference_time(M, eps, omega: float = 3.0):
    """What classical backprop would give a quantum model: ``omega * TIME(F)``.

    No known method reaches this for general circuits; it is the reference the
    quantum curves are compared with. Introduced in chapter 1.
    """
    omega = positive_real("omega", omega)
    return omega * circuit_time(M, eps)


def backprop_scaling_time(M, eps):
    """The talk's target for a quantum gradient: ``log(M) * TIME(F)``.

    "Backprop scaling" would be TIME(grad F) <= O(log M) TIME(F); the constant
    is set to 1 and the logarithm is natural, with log(1) replaced by 1 so the
    curve stays positive. Introduced in chapter 3.
    """
    M = count_array("M", M)
    return np.maximum(np.log(M), 1.0) * circuit_time(M, eps)


# --------------------------------------------------------------------------
# Parameter shift (chapter 3)
# --------------------------------------------------------------------------


def param_shift_circuits(M):
    """Distinct circuits for a full parameter-shift gradient: ``2 M``.

    Each component needs F(theta_k + pi/4) and F(theta_k - pi/4) for gates
    exp(-i theta P) (Mitarai et al., PRA 98, 032309 (2018); Schuld et al.,
    PRA 99, 032331 (2019)). Introduced in chapter 3.
    """
    M = count_array("M", M)
    return 2 * M


def param_shift_shots_per_circuit(M, eps, delta=None):
    """Shots per shifted circuit so that gradient components are eps-accurate.

    With N shots on each of the two circuits of a +-1 observable,
    Var(component) = [(1 - F+^2) + (1 - F-^2)] / N <= 2 / N, so
    ``N = ceil(2 / eps^2)`` bounds every component's standard deviation by eps.

    With ``delta`` given, all M components are within eps at once with
    probability >= 1 - delta: a component is a mean of 2N terms of range 2/N,
    so Hoeffding gives P(|error| >= eps) <= 2 exp(-N eps^2 / 4), and a union
    bound over M components gives ``N = ceil(4 ln(2 M / delta) / eps^2)``.
    Introduced in chapter 3.
    """
    M = count_array("M", M)
    eps = _eps(eps)
    if delta is None:
        per_circuit = _ceil(2.0 / eps**2)
        return per_circuit if np.ndim(M) == 0 else np.full(np.shape(M), float(per_circuit))
    delta = positive_real("delta", delta, upper=1.0, upper_inclusive=False)
    return _ceil(4.0 * np.log(2.0 * M / delta) / eps**2)


def param_shift_shots(M, eps, delta=None):
    """Total shots of a parameter-shift gradient: ``2 M`` circuits times shots each."""
    return param_shift_circuits(M) * param_shift_shots_per_circuit(M, eps, delta)


def param_shift_time(M, eps, delta=None):
    """TIME of a parameter-shift gradient in gate applications: shots times M.

    About ``2 M * M * 2 / eps^2 = 4 M^2 / eps^2``: O(M) times TIME(F) = M / eps^2
    (up to a log(M / delta) factor when all components must hold at once).
    Introduced in chapter 3.
    """
    M = count_array("M", M)
    return param_shift_shots(M, eps, delta) * M


# --------------------------------------------------------------------------
# SPSA (chapter 4)
# --------------------------------------------------------------------------

#: The spread of one SPSA estimate around the gradient, per kind of direction: E||g_hat - g||^2
#: = (M + SPSA_OFFSET[kind]) ||g||^2 for one noise-free direction in the limit c -> 0.
SPSA_OFFSET = {"rademacher": -1, "gaussian": +1}


def spsa_second_moment(
    M, g_norm2=1.0, K=1, directions: str = "rademacher", *, shots=None, c=None, variance=1.0
):
    """E||g_hat - g||^2 of an SPSA gradient averaged over ``K`` directions.

    Spall, IEEE TAC 37(3) (1992) 332-341. One direction Delta gives
    g_hat = [F(theta + c Delta) - F(theta - c Delta)] / (2c) * Delta. Linearised
    (c -> 0) and noise-free, g_hat = Delta Delta^T g, so

    * Rademacher Delta (entries +-1): g_hat_i = g_i + sum_{j != i} g_j Delta_j Delta_i,
      Var(g_hat_i) = ||g||^2 - g_i^2 and E||g_hat - g||^2 = (M - 1) ||g||^2;
    * Gaussian Delta (entries N(0, 1)): E||g_hat - g||^2 = (M + 1) ||g||^2.

    With ``shots`` N per circuit, each difference carries shot noise of variance
    (sigma+^2 + sigma-^2) / (4 c^2) per unit of Delta_i^2, and E||Delta||^2 = M:
    that adds ``M * 2 * variance / (4 c^2 N) = M variance / (2 c^2 N)``, where
    ``variance`` is the single-shot variance of the observable (at most 1 for a
    +-1 observable; 1 - F^2 exactly). Averaging K independent directions divides
    the whole by K. Finite c adds an O(c^2) bias, left out. Introduced in chapter 4.
    """
    M = count_array("M", M)
    g_norm2 = positive_real("g_norm2", g_norm2, allow_zero=True)
    K = count_array("K", K)
    directions = choice("directions", directions, set(SPSA_OFFSET))
    spread = (M + SPSA_OFFSET[directions]) * g_norm2
    if shots is not None:
        shots = count_array("shots", shots)
        if c is None:
            raise ValueError(
                "c must be given with shots: the shot noise of a difference scales as 1/c^2"
            )
        c = positive_real("c", c)
        variance = positive_real("variance", variance, allow_zero=True)
        spread = spread + M * variance / (2.0 * c**2 * shots)
    return spread / K


def spsa_directions_for_accuracy(M, eps, directions: str = "rademacher"):
    """Directions K for a relative mean-square error E||g_hat - g||^2 <= eps^2 ||g||^2 (noise-free).

    From :func:`spsa_second_moment`: ``K = ceil((M - 1) / eps^2)`` for Rademacher
    directions, ``ceil((M + 1) / eps^2)`` for Gaussian ones, at least 1. Linear
    in M: an eps-accurate SPSA gradient is not cheaper than M, whatever its two
    evaluations per estimate. Introduced in chapter 4.
    """
    M = count_array("M", M)
    eps = _eps(eps)
    directions = choice("directions", directions, set(SPSA_OFFSET))
    K = _ceil((M + SPSA_OFFSET[directions]) / eps**2)
    return max(K, 1) if np.ndim(K) == 0 else np.maximum(K, 1.0)


def spsa_circuits(M, eps, directions: str = "rademacher"):
    """Circuit executions of that eps-accurate SPSA gradient: two per direction, ``2 K``.

    Set next to :func:`param_shift_circuits` (2M): both linear in M. Introduced in chapter 4.
    """
    return 2 * spsa_directions_for_accuracy(M, eps, directions)


def spsa_estimates(M, eps, g_rms: float = 1.0):
    """SPSA estimates to average for eps-accurate gradient components.

    Spall, IEEE TAC 37(3) (1992) 332-341. Linearised and noise-free, one
    estimate is g_hat_i = g_i + sum_{j != i} g_j Delta_j Delta_i with Rademacher
    Delta, so Var(g_hat_i) = ||g||^2 - g_i^2. With every component of size
    ``g_rms`` that is (M - 1) g_rms^2, and averaging K estimates brings it to
    eps^2 when ``K = ceil((M - 1) g_rms^2 / eps^2)`` (at least 1). Shot noise
    only adds to this (:func:`spsa_second_moment`). Introduced in chapter 4.
    """
    M = count_array("M", M)
    eps = _eps(eps)
    g_rms = positive_real("g_rms", g_rms)
    estimates = _ceil((M - 1) * g_rms**2 / eps**2)
    return max(estimates, 1) if np.ndim(estimates) == 0 else np.maximum(estimates, 1.0)


def spsa_shots(M, eps, g_rms: float = 1.0):
    """Total shots of an eps-accurate SPSA gradient: 2 circuits per estimate, 1/eps^2 shots each.

    A simple allocation for the cost explorers. It is not the cheapest: the shot
    noise of :func:`spsa_second_moment`, ``M variance / (2 c^2 N)``, is averaged
    over the K directions as well, so fewer shots per circuit and more directions
    reach the same error for fewer shots in all. Introduced in chapter 4.
    """
    return 2 * spsa_estimates(M, eps, g_rms) * shots_for_precision(eps)


def spsa_time(M, eps, g_rms: float = 1.0):
    """TIME of an eps-accurate SPSA gradient in gate applications (shots times M)."""
    M = count_array("M", M)
    return spsa_shots(M, eps, g_rms) * M


def spsa_gradient_circuits(K):
    """Circuit executions of one SPSA gradient averaged over ``K`` directions: ``2 K``, whatever M.

    Two evaluations per direction, F(theta + c Delta) and F(theta - c Delta).
    Introduced in chapter 4.
    """
    K = count_array("K", K)
    return 2 * K


# --------------------------------------------------------------------------
# Classical shadows and shadow tomography (chapter 6)
# --------------------------------------------------------------------------


def shadow_norm_squared(locality: int = 2) -> int:
    """Squared shadow norm, for random Pauli measurements, of the traceless part of a weight-k Pauli string.

    Huang, Kueng & Preskill, Nat. Phys. 16, 1050 (2020): the variance of a
    shadow estimate of O is at most ||O - tr(O) I / 2^n||^2_shadow. A
    non-identity Pauli string is traceless, and a snapshot gives it 3^k times a
    product of +-1 signs with probability 3^-k (its random letters must match
    the string's) and 0 otherwise, so the second moment is exactly 3^k.
    ``locality`` must be >= 1 (the identity is known without measuring).
    Introduced in chapter 6.
    """
    locality = positive_int("locality", locality)
    return 3**locality


def shadow_batches(M, delta: float = 0.01):
    """Median-of-means batches for M estimates that all hold w.p. >= 1 - delta: ``2 ln(2 M / delta)``.

    (Huang, Kueng & Preskill 2020, their main theorem on median-of-means
    prediction.) Returned unrounded, as in the bound :func:`shadow_snapshots`.
    Introduced in chapter 6.
    """
    M = count_array("M", M)
    delta = positive_real("delta", delta, upper=1.0, upper_inclusive=False)
    return 2.0 * np.log(2.0 * M / delta)


def shadow_batch_size(eps, locality: int = 2):
    """Snapshots per median-of-means batch: ``34 ||P||^2_shadow / eps^2 = 34 * 3^k / eps^2`` (unrounded).

    Introduced in chapter 6.
    """
    eps = _eps(eps)
    return 34.0 * shadow_norm_squared(locality) / eps**2


def shadow_snapshots(M, eps, delta: float = 0.01, locality: int = 2):
    """Snapshots for M weight-``locality`` Pauli expectations to eps, all at once w.p. >= 1 - delta.

    Huang, Kueng & Preskill, Nat. Phys. 16, 1050 (2020), main theorem, with random
    Pauli measurements: :func:`shadow_batches` batches of
    :func:`shadow_batch_size` snapshots, median of means, with the squared shadow
    norm of the *traceless part* of the observable (:func:`shadow_norm_squared`,
    3^k for a weight-k string): ``ceil(68 * 3^k * ln(2 M / delta) / eps^2)`` in
    all. Not to be confused with :func:`shadow_snapshots_infinity_norm`.
    Introduced in chapter 6.
    """
    M = count_array("M", M)
    return _ceil(shadow_batches(M, delta) * shadow_batch_size(eps, locality))


def shadow_snapshots_infinity_norm(M, eps, delta: float = 0.01):
    """The shortcut some tutorials use: ||O||_inf^2 = 1 in place of the shadow norm: ``68 ln(2M/delta)/eps^2``.

    It is *not* a bound for Pauli shadows: it understates :func:`shadow_snapshots`
    by the factor 3^k for weight-k strings. Kept only so the book can show by how
    much. Introduced in chapter 6.
    """
    M = count_array("M", M)
    eps = _eps(eps)
    return _ceil(shadow_batches(M, delta) * 34.0 / eps**2)


def shadow_time(M, eps, delta: float = 0.01, locality: int = 2):
    """TIME of a classical-shadow gradient in gate applications (snapshots times M)."""
    M = count_array("M", M)
    return shadow_snapshots(M, eps, delta, locality) * M


def direct_measurement_shots(M, eps, delta: float = 0.01):
    """Shots to measure M Pauli strings one by one, all within eps w.p. >= 1 - delta.

    Each string gets its own setting and N shots of +-1 outcomes; Hoeffding gives
    P(|error| >= eps) <= 2 exp(-N eps^2 / 2) and a union bound over M strings
    gives ``N = ceil(2 ln(2 M / delta) / eps^2)`` each, ``M N`` in all.
    Introduced in chapter 6.
    """
    M = count_array("M", M)
    eps = _eps(eps)
    delta = positive_real("delta", delta, upper=1.0, upper_inclusive=False)
    return M * _ceil(2.0 * np.log(2.0 * M / delta) / eps**2)


def shadow_tomography_copies(M, eps, n, bound: str = "badescu-odonnell"):
    """Copies of the state for shadow tomography of M observables on n qubits.

    Up to constants and log(1/delta) factors: Aaronson, STOC 2018
    (arXiv:1711.01053), ``log^4 M * log D / eps^4``; Badescu & O'Donnell, STOC
    2021 (arXiv:2011.10908), ``log^2 M * log D / eps^4``, with D = 2^n. The
    classical post-processing of both is exponential in n. Introduced in
    chapter 6.
    """
    M = count_array("M", M)
    eps = _eps(eps)
    n = positive_int("n", n)
    bound = choice("bound", bound, {"aaronson", "badescu-odonnell"})
    power = 4 if bound == "aaronson" else 2
    log_m = np.maximum(np.log(M), 1.0)
    return log_m**power * n * np.log(2.0) / eps**4


# --------------------------------------------------------------------------
# Commuting generators (chapter 7)
# --------------------------------------------------------------------------


def commuting_shots(M, eps, delta: float = 0.01, norm: float = 2.0):
    """Shots of one setting giving all M gradient components of a commuting-generator circuit to eps.

    Bowles, Wierichs & Park, Quantum 9, 1873 (2025), arXiv:2306.14962: each
    component is <O_j> with O_j = 2i G_j H, a Pauli string times +-2 for Pauli
    G_j and H, and all O_j are read from the same N shots of one setting. A
    component's estimate is a mean of N values in [-norm, norm] (range
    2 norm), so Hoeffding gives P(|error| >= eps) <= 2 exp(-N eps^2 / (2 norm^2));
    a union bound over the M components makes every one of them eps-accurate
    with probability >= 1 - delta once ``N = ceil(2 norm^2 ln(2 M / delta) / eps^2)``,
    that is 8 ln(2M/delta)/eps^2 for norm = 2. The bound holds whatever the
    correlations between components (they share their shots). Introduced in chapter 7.
    """
    M = count_array("M", M)
    eps = _eps(eps)
    delta = positive_real("delta", delta, upper=1.0, upper_inclusive=False)
    norm = positive_real("norm", norm)
    return _ceil(2.0 * norm**2 * np.log(2.0 * M / delta) / eps**2)


def commuting_time(M, eps, delta: float = 0.01, norm: float = 2.0):
    """TIME of a commuting-generator gradient in gate applications (shots times M)."""
    M = count_array("M", M)
    return commuting_shots(M, eps, delta, norm) * M


# --------------------------------------------------------------------------
# No-cloning and single copies (chapter 5)
# --------------------------------------------------------------------------


def cnot_copy_fidelities(angle):
    """Closed forms for a CNOT "copying" |psi> = cos(a/2)|0> + sin(a/2)|1> onto a blank qubit.

    The output is cos(a/2)|00> + sin(a/2)|11>. Returns ``(per_copy, joint)``:
    each half's fidelity with |psi>, cos^4(a/2) + sin^4(a/2) (also the purity
    of each half), and the output's fidelity with |psi>|psi>,
    (cos^3(a/2) + sin^3(a/2))^2. Both are 1 for a basis state (a = 0 or pi)
    and 1/2 for |+> (a = pi/2). Introduced in chapter 5.
    """
    if isinstance(angle, (bool, np.bool_, str, bytes)) or angle is None:
        raise TypeError(f"angle must be a real number or array, got {type(angle).__name__}")
    a = np.asarray(angle, dtype=float)
    if not np.all(np.isfinite(a)):
        raise ValueError("angle must be finite")
    c, s = np.cos(a / 2), np.sin(a / 2)
    per_copy, joint = c**4 + s**4, (c**3 + s**3) ** 2
    if a.ndim == 0:
        return float(per_copy), float(joint)
    return per_copy, joint


def single_copy_lower_bound(M, n):
    """The shape of the single-copy lower bound for M Pauli expectations on n qubits: min(M, 2^n).

    Chen, Cotler, Huang & Li, FOCS 2021 (arXiv:2111.05881): any strategy that
    measures one copy of the state at a time (no quantum memory) needs
    Omega(min(M, 2^n)) copies for shadow tomography of M observables in the
    worst case. Constants (and the dependence on the precision) are dropped:
    this is the growth law, not a count. Introduced in chapter 5.
    """
    M = count_array("M", M)
    n = positive_int("n", n)
    if n > 1000:
        raise ValueError(f"n must be <= 1000, got {n}")
    return np.minimum(M, 2.0**n) if np.ndim(M) else min(float(M), 2.0**n)


# --------------------------------------------------------------------------
# The statevector simulator (chapter 2): gate applications and memory
# --------------------------------------------------------------------------

#: Gate applications of each simulator routine, for M gates and an observable of L terms:
#: method -> (rotations, bare Pauli strings). Counted by the Ledger, predicted here.
_GATE_TABLE = {
    "state": lambda M, L: (M, 0),
    "expval": lambda M, L: (M, L),
    "adjoint": lambda M, L: (3 * M, L),
    "inserted": lambda M, L: (M + M * M, L + M),
    "finite_difference": lambda M, L: (2 * M * M, 2 * M * L),
    "finite_difference_forward": lambda M, L: ((M + 1) * M, (M + 1) * L),
    "param_shift": lambda M, L: (2 * M * M, 2 * M * L),
}


def simulator_gate_applications(method: str, M: int, n_terms: int = 1) -> tuple[int, int]:
    """``(rotations, paulis)`` a simulator routine applies, for M gates and ``n_terms`` terms of O.

    ============================ ====================== =====================
    method                       rotations              paulis
    ============================ ====================== =====================
    ``"state"``                  M                      0
    ``"expval"``                 M                      L
    ``"adjoint"``                3 M                    L
    ``"inserted"``               M + M^2                L + M
    ``"finite_difference"``      2 M^2   (central)      2 M L
    ``"finite_difference_forward"`` (M + 1) M           (M + 1) L
    ``"param_shift"``            2 M^2   (exact)        2 M L
    ============================ ====================== =====================

    The adjoint method's 3M: one forward pass, then each gate undone on two
    vectors. Introduced in chapter 2 (parameter shift in chapter 3).
    """
    method = choice("method", method, set(_GATE_TABLE))
    M = positive_int("M", M)
    L = positive_int("n_terms", n_terms)
    return _GATE_TABLE[method](M, L)


#: Statevectors each simulator routine holds at its peak, cache left out: forward = psi + one
#: scratch; adjoint = psi, lam and one scratch; inserted = psi, O psi, the inserted state, its
#: scratch and the fresh |0> it is prepared from.
SIMULATOR_STATEVECTORS = {"forward": 2, "adjoint": 3, "inserted": 5}


def kernel_cache_statevectors(distinct_strings: int, distinct_x_masks: int) -> float:
    """Statevectors' worth of memory the engine's kernel cache keeps (complex128 states).

    One complex phase vector per distinct Pauli string (1 statevector each) and
    one integer index permutation per distinct non-zero x-mask (8 bytes per
    entry: half a statevector each). Introduced in chapter 2.
    """
    strings = positive_int("distinct_strings", distinct_strings, minimum=0)
    masks = positive_int("distinct_x_masks", distinct_x_masks, minimum=0)
    if masks > strings:
        raise ValueError(f"distinct_x_masks ({masks}) cannot exceed distinct_strings ({strings})")
    return strings + 0.5 * masks


# --------------------------------------------------------------------------
# One entry point for widgets
# --------------------------------------------------------------------------

#: The gradient methods the cost explorers draw: key -> (label, TIME(grad F) in gate applications).
METHODS = {
    "function": ("one evaluation, TIME(F) = M/\u03b5\u00b2", circuit_time),
    "backprop": ("backprop's guarantee, 3 TIME(F)", backprop_reference_time),
    "backprop_scaling": ("backprop scaling, log(M) TIME(F)", backprop_scaling_time),
    "param_shift": ("parameter shift, 2M circuits", param_shift_time),
    "spsa": ("SPSA, averaged to \u03b5", spsa_time),
    "shadows": ("classical shadows, 2-local", shadow_time),
    "commuting": ("commuting generators, one setting", commuting_time),
}


def gradient_time(method: str, M, eps):
    """TIME(grad F) of ``method`` (a key of :data:`METHODS`) in gate applications."""
    method = choice("method", method, set(METHODS))
    return METHODS[method][1](M, eps)
