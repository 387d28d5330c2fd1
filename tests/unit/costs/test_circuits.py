"""Tests of qbp_lessons.costs.circuits: shots for a precision and TIME(F) (chapter 2)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qbp_lessons import costs as c


# 1/eps^2 for eps with a short decimal expansion: these are whole numbers and
# ceil must not add a spurious 1 for floating-point noise (1/0.1**2 = 99.999...).
DECIMAL_EPS = [
    (0.1, 100),
    (0.05, 400),
    (0.02, 2_500),
    (0.01, 10_000),
    (0.005, 40_000),
    (0.002, 250_000),
    (0.001, 10**6),
    (5e-4, 4 * 10**6),
    (2e-4, 25 * 10**6),
    (1e-4, 10**8),
    (5e-5, 4 * 10**8),
    (2.5e-5, 16 * 10**8),
    (1e-5, 10**10),
    (5e-6, 4 * 10**10),
]


@pytest.mark.parametrize("eps, inverse_square", DECIMAL_EPS)
def test_shots_for_precision_is_exact_for_decimal_eps(eps, inverse_square):
    assert c.shots_for_precision(eps) == inverse_square
    assert c.shots_for_precision(eps, variance=2.0) == 2 * inverse_square
    assert c.param_shift_shots_per_circuit(7, eps) == 2 * inverse_square  # ceil(2/eps^2)
    assert type(c.shots_for_precision(eps)) is int


def test_shots_for_precision_rounds_up():
    assert c.shots_for_precision(0.03) == 1112  # 1/0.0009 = 1111.1 -> 1112
    assert c.shots_for_precision(0.3) == 12  # 11.1 -> 12
    assert c.shots_for_precision(0.1, variance=0.5) == 50
    assert c.shots_for_precision(1.0) == 1
    assert c.shots_for_precision(2.0) == 1  # 0.25 -> 1


def test_circuit_time_is_m_over_eps_squared():
    assert c.circuit_time(10, 0.1) == pytest.approx(1_000)  # 10 / 0.01
    assert c.circuit_time(1, 1.0) == pytest.approx(1)
    assert c.circuit_time(10**9, 1e-3) == pytest.approx(1e15)
    assert c.backprop_reference_time(10, 0.1) == pytest.approx(3_000)  # 3 * TIME(F)
    assert c.backprop_reference_time(10, 0.1, omega=2) == pytest.approx(2_000)


@settings(max_examples=50, deadline=None)
@given(M=st.integers(1, 10**12), eps=st.floats(1e-4, 1.0))
def test_circuit_time_matches_its_formula(M, eps):
    assert c.circuit_time(M, eps) == pytest.approx(M / eps**2, rel=1e-12)


@pytest.mark.parametrize(
    "method, expected",
    [
        ("state", (5, 0)),
        ("expval", (5, 3)),
        ("adjoint", (15, 3)),  # 3 M
        ("inserted", (30, 8)),  # M + M^2, L + M
        ("finite_difference", (50, 30)),  # 2 M^2, 2 M L
        ("finite_difference_forward", (30, 18)),  # (M + 1) M, (M + 1) L
        ("param_shift", (50, 30)),
    ],
)
def test_simulator_gate_applications_at_m5_l3(method, expected):
    assert c.simulator_gate_applications(method, 5, 3) == expected


def test_simulator_memory_in_statevectors():
    assert c.SIMULATOR_STATEVECTORS == {"forward": 2, "adjoint": 3, "inserted": 5}
    # n = 10: a permutation is 8 * 1024 bytes, half a statevector; 4 MiB holds 512 of them
    assert c.kernel_cache_statevectors(4, 10, 4 << 20) == 2.0
    assert c.kernel_cache_statevectors(1000, 10, 4 << 20) == 256.0
    assert c.kernel_cache_statevectors(5, 18, 4 << 20) == 1.0  # 2 MiB each: two fit
    assert c.kernel_cache_statevectors(7, 12, 0) == 0.0
    with pytest.raises(ValueError, match=r"^distinct_x_masks"):
        c.kernel_cache_statevectors(-1, 2, 10)
    with pytest.raises(ValueError, match=r"^budget_bytes"):
        c.kernel_cache_statevectors(1, 2, -5)
    with pytest.raises(ValueError, match=r"^method"):
        c.simulator_gate_applications("backprop", 5)
