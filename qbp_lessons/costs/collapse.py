"""No-cloning and single copies: CNOT "copy" fidelities, the single-copy lower bound.

Introduced in chapter 5.
"""

from __future__ import annotations

import math

import numpy as np

from qbp_lessons._validate import count_array, positive_int, positive_real, real, real_array

__all__ = ["cnot_copy_fidelities", "single_copy_lower_bound", "gentle_measurement_bound"]


def cnot_copy_fidelities(angle):
    """Closed forms for a CNOT "copying" |psi> = cos(a/2)|0> + sin(a/2)|1> onto a blank qubit.

    The output is cos(a/2)|00> + sin(a/2)|11>. Returns ``(per_copy, joint)``:
    each half's fidelity with |psi>, cos^4(a/2) + sin^4(a/2) (also the purity
    of each half), and the output's fidelity with |psi>|psi>,
    (cos^3(a/2) + sin^3(a/2))^2. Both are 1 for a basis state (a = 0 or pi)
    and 1/2 for |+> (a = pi/2). Introduced in chapter 5.
    """
    a = real_array("angle", angle) if np.ndim(angle) else np.asarray(real("angle", angle))
    c, s = np.cos(a / 2), np.sin(a / 2)
    per_copy, joint = c**4 + s**4, (c**3 + s**3) ** 2
    if a.ndim == 0:
        return float(per_copy), float(joint)
    return per_copy, joint


def single_copy_lower_bound(M, n):
    """The single-copy lower bound's shape for M two-outcome observables on n qubits: min(M, 2^n).

    Chen, Cotler, Huang & Li, FOCS 2021 (arXiv:2111.05881): in the single-copy access
    model (each run consumes one fresh copy of the state and measures it, adaptively,
    with no quantum memory and no inverse or controlled access to the preparation),
    estimating tr(E_i rho) for M general two-outcome measurements {E_i, I - E_i} needs
    Omega(min(M, 2^n)) copies for some choice of the E_i: a worst case over general
    observables, not over Pauli strings (all 4^n Pauli strings need about 2^n, commuting
    or low-weight sets O(log M)). Constants (and the dependence on the precision) are
    dropped: this is the growth law, not a count. The bound and its access model are
    derived in chapter 6 (section "What single copies cannot do").
    """
    M = count_array("M", M)
    n = positive_int("n", n)
    if n > 1000:
        raise ValueError(f"n must be <= 1000, got {n}")
    return np.minimum(M, 2.0**n) if np.ndim(M) else min(float(M), 2.0**n)


def gentle_measurement_bound(eps):
    """The gentle measurement lemma's bound sqrt(eps) on how far an outcome moves the state.

    An outcome of probability at least 1 - eps leaves a state within trace distance
    sqrt(eps) of where it was (Winter 1999; Wilde's textbook, Lemma 9.4.1); a pure
    state and a projector reach it. ``eps`` is a number or an array in [0, 1]: a
    float for a number, an array for an array. Introduced in chapter 5.
    """
    if np.ndim(eps) == 0:
        value = eps.item() if isinstance(eps, np.ndarray) else eps
        return math.sqrt(positive_real("eps", value, allow_zero=True, upper=1.0))
    e = real_array("eps", eps)
    if np.any((e < 0) | (e > 1)):
        raise ValueError(f"eps must lie in [0, 1] everywhere, got {e.min()} to {e.max()}")
    return np.sqrt(e)
