"""The issue's reproducers for the engine and the cost models: each a clear error, at once.

Each case once hung, allocated gigabytes, overflowed or answered silently; now each
raises a ValueError or TypeError naming the parameter before any large allocation.
"""

from __future__ import annotations

import numpy as np
import pytest

from qbp_lessons import costs
from qbp_lessons.engine import circuits as C
from qbp_lessons.engine import measure, qinfo
from qbp_lessons.engine import paulis as Pa
from qbp_lessons.engine import sampling as S
from qbp_lessons.engine.ledger import Ledger

PSI = C.zero_state(2)

CASES = [
    (lambda: costs.shadow_norm_squared(10**9), ValueError, "locality"),
    (lambda: costs.shadow_snapshots(10, 0.1, locality=700), ValueError, "locality"),
    (lambda: costs.circuit_time(10, 1e200), ValueError, "eps"),
    (lambda: costs.circuit_time(10**400, 0.1), ValueError, "M"),
    (lambda: costs.param_shift_time(1e308, 0.1), ValueError, "M"),
    (lambda: costs.backprop_time(10**400), ValueError, "time_f"),
    (lambda: costs.ceil_count(float("nan")), ValueError, "x"),
    (lambda: costs.stored_layers(10**10, 1), ValueError, "L"),
    (
        lambda: measure.best_times([lambda: None], repeats=1000, min_seconds=60),
        ValueError,
        "repeats",
    ),
    (
        lambda: S.sample_counts(S.setting(PSI, "ZZ"), 1, repetitions=10**9),
        ValueError,
        "repetitions",
    ),
    (lambda: S.eigenvalues("Z" * 40, "Z" * 40), ValueError, "basis"),
    (lambda: S.bits_of([7], 2), ValueError, "outcomes"),
    (lambda: S.bits_of([-1], 2), ValueError, "outcomes"),
    (lambda: S.estimate(np.array([1, 0, 0, 0]), S.setting(PSI, "ZZ"), []), ValueError, "paulis"),
    (lambda: Ledger().record_shots(10**30, 1), ValueError, "shots"),
    (lambda: C.Circuit(2, ["XX"], Pa.Observable(())), TypeError, "terms"),
    (lambda: Pa.Observable(5), TypeError, "terms"),
    (lambda: Pa.observable([(1e308, "Z"), (1e308, "Z")], 1), ValueError, "coefficient"),
    (lambda: Pa.observable(5, 2, name="obs"), TypeError, "obs"),
    (lambda: S.pauli_probabilities(3 * PSI, "ZZ"), ValueError, "psi"),
    (lambda: S.measure_pauli(np.zeros(4), "ZZ"), ValueError, "psi"),
    (lambda: C.qubits_of(np.array([np.nan, 0, 0, 0])), ValueError, "psi"),
    (lambda: qinfo.check_density([[1, 0], [0]]), ValueError, "rho"),
    (lambda: costs.cnot_copy_fidelities(1j), TypeError, "angle"),
]


@pytest.mark.parametrize("call, error, name", CASES)
def test_reproducer_gets_a_clear_error(call, error, name):
    with pytest.raises(error, match=name):
        call()


def test_stored_layers_closed_form_matches_the_loop_it_replaced():
    """The peak over segments, computed by walking them, equals the O(1) form for L <= 60."""
    for L in range(1, 61):
        for segment in range(1, L + 1):
            n = -(-L // segment)
            walked = max(s + 1 + min(segment, L - s * segment) for s in range(n))
            assert costs.stored_layers(L, segment) == walked, (L, segment)
