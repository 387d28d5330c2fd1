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

from ._validate import choice, count_array, positive_int, positive_real

__all__ = [
    "SECONDS_PER_YEAR",
    "finite_difference_evaluations",
    "finite_difference_time",
    "backprop_time",
    "backprop_memory",
    "circuit_time",
    "shots_for_precision",
    "param_shift_circuits",
    "param_shift_shots_per_circuit",
    "param_shift_shots",
    "param_shift_time",
    "spsa_estimates",
    "spsa_shots",
    "spsa_time",
    "shadow_snapshots",
    "shadow_time",
    "shadow_tomography_copies",
    "commuting_shots",
    "commuting_time",
    "backprop_reference_time",
    "backprop_scaling_time",
    "gradient_time",
    "METHODS",
]

#: Julian year in seconds (365.25 days), used to turn the talk's examples into years.
SECONDS_PER_YEAR = 365.25 * 24 * 3600


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
    """MEMORY of a reverse-mode gradient: ``omega * memory_f``.

    Plain reverse mode keeps the forward pass's intermediate values (the tape)
    for the backward pass; for a layered network that is a constant times the
    activations F itself produces. Checkpointing trades memory for recomputation
    (Griewank & Walther 2008, ch. 12). Introduced in chapter 1.
    """
    memory_f = positive_real("memory_f", memory_f)
    omega = positive_real("omega", omega)
    return omega * memory_f


# --------------------------------------------------------------------------
# Quantum hardware: one expectation value (chapter 2)
# --------------------------------------------------------------------------

def shots_for_precision(eps, variance: float = 1.0):
    """Shots so that the sample mean of a quantity of that variance has std <= eps.

    ``ceil(variance / eps^2)``; for a +-1 observable the variance is at most 1,
    which gives the talk's 1/eps^2. Introduced in chapter 2.
    """
    eps = positive_real("eps", eps)
    variance = positive_real("variance", variance)
    return _ceil(variance / eps**2)


def circuit_time(M, eps):
    """TIME(F) on hardware, in gate applications: ``M / eps^2``.

    One expectation value to precision eps needs about 1/eps^2 shots of an
    M-gate circuit, each gate at unit cost (the talk's model). Introduced in
    chapter 2.
    """
    M = count_array("M", M)
    eps = positive_real("eps", eps)
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
    eps = positive_real("eps", eps)
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

def spsa_estimates(M, eps, g_rms: float = 1.0):
    """SPSA estimates to average for eps-accurate gradient components.

    Spall, IEEE TAC 37(3) (1992) 332-341. Linearised and noise-free, one
    estimate is g_hat_i = g_i + sum_{j != i} g_j Delta_j Delta_i with Rademacher
    Delta, so Var(g_hat_i) = ||g||^2 - g_i^2. With every component of size
    ``g_rms`` that is (M - 1) g_rms^2, and averaging K estimates brings it to
    eps^2 when ``K = ceil((M - 1) g_rms^2 / eps^2)`` (at least 1). Shot noise
    only adds to this. Introduced in chapter 4.
    """
    M = count_array("M", M)
    eps = positive_real("eps", eps)
    g_rms = positive_real("g_rms", g_rms)
    estimates = _ceil((M - 1) * g_rms**2 / eps**2)
    return max(estimates, 1) if np.ndim(estimates) == 0 else np.maximum(estimates, 1.0)


def spsa_shots(M, eps, g_rms: float = 1.0):
    """Total shots of an eps-accurate SPSA gradient: 2 circuits per estimate, 1/eps^2 shots each."""
    return 2 * spsa_estimates(M, eps, g_rms) * shots_for_precision(eps)


def spsa_time(M, eps, g_rms: float = 1.0):
    """TIME of an eps-accurate SPSA gradient in gate applications (shots times M)."""
    M = count_array("M", M)
    return spsa_shots(M, eps, g_rms) * M


# --------------------------------------------------------------------------
# Classical shadows and shadow tomography (chapter 6)
# --------------------------------------------------------------------------

def shadow_snapshots(M, eps, delta: float = 0.01, locality: int = 2):
    """Snapshots for M weight-``locality`` Pauli expectations to eps, w.p. >= 1 - delta.

    Huang, Kueng & Preskill, Nat. Phys. 16, 1050 (2020), Theorem 1 with random
    Pauli measurements: K = 2 ln(2M/delta) batches of 34 ||O||^2_shadow / eps^2
    snapshots, median of means, and ||P||^2_shadow = 3^k for a weight-k Pauli
    string: ``68 * 3^k * ln(2 M / delta) / eps^2`` in all. Introduced in chapter 6.
    """
    M = count_array("M", M)
    eps = positive_real("eps", eps)
    delta = positive_real("delta", delta, upper=1.0, upper_inclusive=False)
    locality = positive_int("locality", locality)
    return _ceil(68.0 * 3.0**locality * np.log(2.0 * M / delta) / eps**2)


def shadow_time(M, eps, delta: float = 0.01, locality: int = 2):
    """TIME of a classical-shadow gradient in gate applications (snapshots times M)."""
    M = count_array("M", M)
    return shadow_snapshots(M, eps, delta, locality) * M


def shadow_tomography_copies(M, eps, n, bound: str = "badescu-odonnell"):
    """Copies of the state for shadow tomography of M observables on n qubits.

    Up to constants and log(1/delta) factors: Aaronson, STOC 2018
    (arXiv:1711.01053), ``log^4 M * log D / eps^4``; Badescu & O'Donnell, STOC
    2021 (arXiv:2011.10908), ``log^2 M * log D / eps^4``, with D = 2^n. The
    classical post-processing of both is exponential in n. Introduced in
    chapter 6.
    """
    M = count_array("M", M)
    eps = positive_real("eps", eps)
    n = positive_int("n", n)
    bound = choice("bound", bound, {"aaronson", "badescu-odonnell"})
    power = 4 if bound == "aaronson" else 2
    log_m = np.maximum(np.log(M), 1.0)
    return log_m**power * n * np.log(2.0) / eps**4


# --------------------------------------------------------------------------
# Commuting generators (chapter 7)
# --------------------------------------------------------------------------

def commuting_shots(M, eps, delta: float = 0.01, norm: float = 2.0):
    """Shots of one circuit giving all M gradient components of a commuting-generator circuit.

    Bowles, Wierichs & Park, Quantum 9, 1873 (2025), arXiv:2306.14962: each
    component is <O_j> with O_j = 2i G_j H (eigenvalues +-``norm`` for Pauli G_j
    and H), and all O_j are read from one measurement setting. Hoeffding and a
    union bound give ``ceil(2 norm^2 ln(2 M / delta) / eps^2)``. Introduced in
    chapter 7.
    """
    M = count_array("M", M)
    eps = positive_real("eps", eps)
    delta = positive_real("delta", delta, upper=1.0, upper_inclusive=False)
    norm = positive_real("norm", norm)
    return _ceil(2.0 * norm**2 * np.log(2.0 * M / delta) / eps**2)


def commuting_time(M, eps, delta: float = 0.01, norm: float = 2.0):
    """TIME of a commuting-generator gradient in gate applications (shots times M)."""
    M = count_array("M", M)
    return commuting_shots(M, eps, delta, norm) * M


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
