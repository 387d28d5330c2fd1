"""Tests of qbp_lessons.costs: the analytic TIME/MEMORY models the widgets draw.

Every expected number below is worked out by hand from the formula in the
docstring (and its cited source) and written out with its arithmetic; nothing is
copied from running the code. Then: scalar and array inputs agree, large M
does not overflow, the models are monotone in M and in 1/eps, and every
public function rejects bad input with an error naming the parameter."""

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from qbp_lessons import costs as c

LN = math.log


# --------------------------------------------------------------------------
# Classical models (chapter 1) and the talk's worked examples
# --------------------------------------------------------------------------


def test_finite_difference_evaluations_forward_and_central():
    assert c.finite_difference_evaluations(1) == 2  # F(theta) + 1 shifted
    assert c.finite_difference_evaluations(10) == 11  # M + 1
    assert c.finite_difference_evaluations(10, "central") == 20  # 2 M
    assert c.finite_difference_evaluations(10**9, "forward") == 1_000_000_001
    assert c.finite_difference_evaluations([1, 10, 10**9], "central").tolist() == [2.0, 20.0, 2e9]


def test_talk_example_small_model_takes_about_ten_seconds():
    # M = 1000, TIME(F) = 0.01 s: (M + 1) * 0.01 = 10.01 s
    assert c.finite_difference_time(1000, 0.01) == pytest.approx(10.01, rel=1e-12)
    assert c.finite_difference_time(1000, 0.01, "central") == pytest.approx(20.0, rel=1e-12)


def test_talk_example_large_model_takes_about_1900_years_not_31():
    assert c.SECONDS_PER_YEAR == 365.25 * 86400 == 31_557_600
    # (1e9 + 1) * 60 s = 60,000,000,060 s; / 31,557,600 s/yr = 1901.285 years
    years = c.finite_difference_time(10**9, 60.0) / c.SECONDS_PER_YEAR
    assert years == pytest.approx(60_000_000_060 / 31_557_600, rel=1e-12)
    assert 1900 < years < 1902.5
    # the slide's "~31 years" is 1e9 *seconds* (1 s per evaluation): 31.69 years
    assert c.finite_difference_time(10**9, 1.0) / c.SECONDS_PER_YEAR == pytest.approx(
        31.69, abs=0.01
    )


def test_backprop_time_and_memory_are_omega_times_f_whatever_m():
    assert c.backprop_time(0.01) == pytest.approx(0.03)  # default omega = 3
    assert c.backprop_time(60.0) == pytest.approx(180.0)  # 3 minutes for the 60 s model
    assert c.backprop_time(60.0, omega=5) == pytest.approx(300.0)  # the slide's "~5 minutes"
    assert c.backprop_time(60.0, omega=2) == pytest.approx(120.0)
    assert c.backprop_memory(100.0) == pytest.approx(300.0)
    assert c.backprop_memory(100.0, omega=2.5) == pytest.approx(250.0)


# --------------------------------------------------------------------------
# One expectation value (chapter 2)
# --------------------------------------------------------------------------

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


def test_backprop_scaling_time_is_log_m_times_time_f():
    assert c.backprop_scaling_time(1, 0.1) == pytest.approx(100)  # log(1) -> 1: 1 * 1/0.01
    assert c.backprop_scaling_time(3, 0.1) == pytest.approx(
        1.0986122886681098 * 300
    )  # ln 3 = 1.0986
    assert c.backprop_scaling_time(10, 0.1) == pytest.approx(2.302585092994046 * 1_000)
    assert c.backprop_scaling_time(10**6, 0.01) == pytest.approx(13.815510557964274 * 1e10)
    # never below TIME(F) itself
    M = np.array([1, 2, 3, 10, 1000])
    assert np.all(c.backprop_scaling_time(M, 0.1) >= c.circuit_time(M, 0.1))


# --------------------------------------------------------------------------
# Parameter shift (chapter 3)
# --------------------------------------------------------------------------


def test_param_shift_counts():
    assert c.param_shift_circuits(10) == 20  # 2 M
    assert c.param_shift_shots_per_circuit(10, 0.1) == 200  # ceil(2 / 0.01)
    assert c.param_shift_shots(10, 0.1) == 4_000  # 20 circuits * 200 shots
    assert c.param_shift_time(10, 0.1) == 40_000  # 4000 shots * 10 gates = 4 M^2 / eps^2
    assert c.param_shift_shots_per_circuit(10, 0.03) == 2223  # 2 / 0.0009 = 2222.2 -> 2223


def test_param_shift_with_delta_uses_hoeffding_and_a_union_bound():
    # N = ceil(4 ln(2M/delta) / eps^2)
    # M = 10, delta = 0.1: ln(200) = 5.2983; 4 * 5.2983 / 0.01 = 2119.33 -> 2120
    assert c.param_shift_shots_per_circuit(10, 0.1, delta=0.1) == 2_120
    assert c.param_shift_shots(10, 0.1, delta=0.1) == 20 * 2_120
    assert c.param_shift_time(10, 0.1, delta=0.1) == 10 * 20 * 2_120
    # M = 1000, delta = 0.05: ln(40000) = ln 4 + 4 ln 10 = 10.59663; * 4 / 1e-4 = 423865.4 -> 423866
    assert c.param_shift_shots_per_circuit(1000, 0.01, delta=0.05) == 423_866
    # M = 1, delta = 0.5: ln 4 = 1.386294; * 4 / 1 = 5.545 -> 6
    assert c.param_shift_shots_per_circuit(1, 1.0, delta=0.5) == 6


# --------------------------------------------------------------------------
# SPSA (chapter 4)
# --------------------------------------------------------------------------


def test_spsa_estimates():
    assert c.spsa_estimates(1, 0.1) == 1  # (1 - 1) ... = 0 -> at least 1
    assert c.spsa_estimates(2, 10.0) == 1  # 1 / 100 -> 1
    assert c.spsa_estimates(101, 0.1) == 10_000  # 100 / 0.01
    assert c.spsa_estimates(101, 0.1, g_rms=0.5) == 2_500  # 100 * 0.25 / 0.01
    assert c.spsa_estimates(10, 0.3) == 100  # 9 / 0.09 = 100 (exactly)
    assert c.spsa_estimates([1, 101], 0.1).tolist() == [1.0, 10_000.0]


def test_spsa_shots_and_time():
    # 2 circuits per estimate, ceil(1/eps^2) shots each, M gates per shot
    assert c.spsa_shots(101, 0.1) == 2 * 10_000 * 100 == 2_000_000
    assert c.spsa_time(101, 0.1) == 2_000_000 * 101
    assert c.spsa_time(1, 0.1) == 2 * 1 * 100 * 1


def test_spsa_at_a_billion_parameters_is_exact_and_finite():
    # M = 1e9, eps = 1e-3: K = (1e9 - 1) / 1e-6 = 999,999,999,000,000 estimates,
    # 2 K circuits of 1e6 shots of 1e9 gates: 2 (1e9 - 1) 1e21 = 1.999999998e30
    assert c.spsa_estimates(10**9, 1e-3) == 999_999_999_000_000
    expected = 2 * (10**9 - 1) * 10**6 * 10**6 * 10**9
    got = c.spsa_time(10**9, 1e-3)
    assert got == expected
    assert math.isfinite(got) and got > 0
    arr = c.spsa_time(np.array([10**9]), 1e-3)
    assert np.all(np.isfinite(arr)) and arr[0] == pytest.approx(expected, rel=1e-12)


# --------------------------------------------------------------------------
# Classical shadows, shadow tomography (chapter 6)
# --------------------------------------------------------------------------


def test_shadow_snapshots():
    # ceil(68 * 3^k * ln(2M/delta) / eps^2)
    # M = 1, eps = 1, delta = 0.5, k = 1: 68 * 3 * ln 4 = 204 * 1.386294 = 282.80 -> 283
    assert c.shadow_snapshots(1, 1.0, delta=0.5, locality=1) == 283
    # M = 10, eps = 0.1, delta = 0.01, k = 2: 612 * ln 2000 = 612 * 7.600902 = 4651.75; / 0.01 ->
    # 465176
    assert c.shadow_snapshots(10, 0.1) == 465_176
    assert c.shadow_time(10, 0.1) == 10 * 465_176
    # k = 3: three times 4651.75 / 0.01 = 1395525.7 -> 1395526
    assert c.shadow_snapshots(10, 0.1, locality=3) == 1_395_526


def test_shadow_tomography_copies_both_bounds():
    ln100, ln2 = 4.605170185988092, 0.6931471805599453
    # Badescu-O'Donnell: log^2 M * n ln 2 / eps^4;  Aaronson: log^4 M * n ln 2 / eps^4
    bo = c.shadow_tomography_copies(100, 0.1, 10)
    aa = c.shadow_tomography_copies(100, 0.1, 10, bound="aaronson")
    assert bo == pytest.approx(ln100**2 * 10 * ln2 / 1e-4, rel=1e-12)  # about 1.47e6
    assert aa == pytest.approx(ln100**4 * 10 * ln2 / 1e-4, rel=1e-12)  # about 3.12e7
    assert aa / bo == pytest.approx(ln100**2, rel=1e-12)
    # log(1) -> 1: just log D / eps^4
    assert c.shadow_tomography_copies(1, 1.0, 1) == pytest.approx(ln2)
    assert c.shadow_tomography_copies(1, 0.5, 3, "aaronson") == pytest.approx(3 * ln2 * 16)


# --------------------------------------------------------------------------
# Commuting generators (chapter 7)
# --------------------------------------------------------------------------


def test_commuting_shots_and_time():
    # ceil(2 norm^2 ln(2M/delta) / eps^2)
    # M = 1, eps = 1, delta = 0.5, norm = 2: 8 ln 4 = 11.09 -> 12
    assert c.commuting_shots(1, 1.0, delta=0.5) == 12
    # M = 5, eps = 0.1, delta = 0.1, norm = 1: 2 ln 100 / 0.01 = 921.03 -> 922
    assert c.commuting_shots(5, 0.1, delta=0.1, norm=1.0) == 922
    # M = 10, eps = 0.1, defaults (delta 0.01, norm 2): 8 ln 2000 / 0.01 = 6080.7 -> 6081
    assert c.commuting_shots(10, 0.1) == 6_081
    assert c.commuting_time(10, 0.1) == 60_810


# --------------------------------------------------------------------------
# gradient_time dispatches METHODS
# --------------------------------------------------------------------------


def test_methods_table_points_at_the_right_models():
    assert {k: f for k, (_, f) in c.METHODS.items()} == {
        "function": c.circuit_time,
        "backprop": c.backprop_reference_time,
        "backprop_scaling": c.backprop_scaling_time,
        "param_shift": c.param_shift_time,
        "spsa": c.spsa_time,
        "shadows": c.shadow_time,
        "commuting": c.commuting_time,
    }
    assert all(isinstance(label, str) and label for label, _ in c.METHODS.values())


@pytest.mark.parametrize(
    "method, expected",
    [
        ("function", 1_000),  # 10 / 0.01
        ("backprop", 3_000),  # 3 * 1000
        ("backprop_scaling", 2302.585092994046),  # ln 10 * 1000
        ("param_shift", 40_000),  # 2*10 circuits * 200 shots * 10 gates
        ("spsa", 1_800_000),  # ceil(9/0.01) = 900 estimates * 2 * 100 shots * 10 gates
        ("shadows", 4_651_760),  # 465176 snapshots * 10 gates
        ("commuting", 60_810),  # 6081 shots * 10 gates
    ],
)
def test_gradient_time_hand_values_at_m10_eps01(method, expected):
    assert c.gradient_time(method, 10, 0.1) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("method", sorted(c.METHODS))
def test_gradient_time_equals_the_model_it_names(method):
    M = np.array([1, 7, 1000, 10**9])
    assert np.array_equal(c.gradient_time(method, M, 0.01), c.METHODS[method][1](M, 0.01))
    assert c.gradient_time(method, 1000, 0.003) == c.METHODS[method][1](1000, 0.003)


# --------------------------------------------------------------------------
# Vectorisation, large M, monotonicity
# --------------------------------------------------------------------------

M_FUNCS = {
    "finite_difference_evaluations": lambda M, eps: c.finite_difference_evaluations(M),
    "finite_difference_evaluations_central": lambda M, eps: c.finite_difference_evaluations(
        M, "central"
    ),
    "finite_difference_time": lambda M, eps: c.finite_difference_time(M, 0.01),
    "circuit_time": c.circuit_time,
    "backprop_reference_time": c.backprop_reference_time,
    "backprop_scaling_time": c.backprop_scaling_time,
    "param_shift_circuits": lambda M, eps: c.param_shift_circuits(M),
    "param_shift_shots_per_circuit": c.param_shift_shots_per_circuit,
    "param_shift_shots_per_circuit_delta": lambda M, eps: c.param_shift_shots_per_circuit(
        M, eps, 0.05
    ),
    "param_shift_shots": c.param_shift_shots,
    "param_shift_shots_delta": lambda M, eps: c.param_shift_shots(M, eps, 0.05),
    "param_shift_time": c.param_shift_time,
    "param_shift_time_delta": lambda M, eps: c.param_shift_time(M, eps, 0.05),
    "spsa_estimates": c.spsa_estimates,
    "spsa_shots": c.spsa_shots,
    "spsa_time": c.spsa_time,
    "shadow_snapshots": c.shadow_snapshots,
    "shadow_time": c.shadow_time,
    "shadow_tomography_copies": lambda M, eps: c.shadow_tomography_copies(M, eps, 5),
    "shadow_tomography_copies_aaronson": lambda M, eps: c.shadow_tomography_copies(
        M, eps, 5, "aaronson"
    ),
    "commuting_shots": c.commuting_shots,
    "commuting_time": c.commuting_time,
    **{
        f"gradient_time_{m}": (lambda m: lambda M, eps: c.gradient_time(m, M, eps))(m)
        for m in c.METHODS
    },
}
# models that grow strictly with M (the rest, such as shots per circuit, may stay flat)
STRICT_IN_M = {
    "finite_difference_evaluations",
    "finite_difference_evaluations_central",
    "finite_difference_time",
    "circuit_time",
    "backprop_reference_time",
    "backprop_scaling_time",
    "param_shift_circuits",
    "param_shift_shots",
    "param_shift_shots_delta",
    "param_shift_time",
    "param_shift_time_delta",
    "spsa_time",
    "shadow_time",
    "commuting_time",
} | {f"gradient_time_{m}" for m in c.METHODS}
M_VALUES = [1, 2, 3, 10, 999, 10**6, 10**9, 10**10, 10**12]


@pytest.mark.parametrize("name", sorted(M_FUNCS))
@pytest.mark.parametrize("eps", [0.5, 0.03, 1e-3])
def test_array_input_agrees_with_scalar_input_elementwise(name, eps):
    f = M_FUNCS[name]
    vector = f(np.array(M_VALUES), eps)
    assert isinstance(vector, np.ndarray) and vector.shape == (len(M_VALUES),)
    scalars = [f(m, eps) for m in M_VALUES]
    assert all(np.ndim(s) == 0 for s in scalars)
    for m, s, x in zip(M_VALUES, scalars, vector):
        assert float(x) == pytest.approx(float(s), rel=1e-12), (name, m)
    # lists, int64 arrays and 2-d arrays are vectorised too
    assert np.allclose(f(list(M_VALUES), eps), vector, rtol=1e-12, atol=0)
    assert np.allclose(f(np.array(M_VALUES, dtype=np.int64), eps), vector, rtol=1e-12, atol=0)
    grid = f(np.array(M_VALUES[:8]).reshape(2, 4), eps)
    assert grid.shape == (2, 4) and np.allclose(grid.ravel(), vector[:8], rtol=1e-12, atol=0)
    # 0-d arrays behave like scalars
    assert float(f(np.array(10), eps)) == pytest.approx(float(f(10, eps)), rel=1e-12)


@pytest.mark.parametrize("name", sorted(M_FUNCS))
def test_large_m_is_finite_and_positive(name):
    f = M_FUNCS[name]
    for eps in (1e-3, 1e-4):
        for M in (10**9, 10**12):
            value = f(M, eps)
            assert math.isfinite(float(value)) and value > 0
        assert np.all(np.isfinite(f(np.array([1e9, 1e12]), eps)))


def test_large_m_quadratic_models_stay_exact_for_scalars():
    # M = 1e12, eps = 1e-3: 2M circuits * 2e6 shots * M gates = 4e30, exactly, as a Python int
    assert c.param_shift_time(10**12, 1e-3) == 4 * 10**30
    assert c.param_shift_time(np.array([10**12], dtype=np.int64), 1e-3)[0] == pytest.approx(
        4e30, rel=1e-12
    )


@settings(max_examples=80, deadline=None)
@given(
    name=st.sampled_from(sorted(M_FUNCS)),
    m1=st.integers(1, 10**12),
    m2=st.integers(1, 10**12),
    eps=st.floats(1e-4, 1.0),
)
def test_monotone_in_m(name, m1, m2, eps):
    assume(m1 != m2)
    lo, hi = sorted((m1, m2))
    f = M_FUNCS[name]
    if name in STRICT_IN_M:
        assert f(lo, eps) < f(hi, eps)
    else:
        assert f(lo, eps) <= f(hi, eps)


@settings(max_examples=80, deadline=None)
@given(
    name=st.sampled_from(sorted(M_FUNCS)),
    M=st.integers(1, 10**12),
    e1=st.floats(1e-4, 1.0),
    e2=st.floats(1e-4, 1.0),
)
def test_monotone_in_one_over_eps(name, M, e1, e2):
    assume(e1 != e2)
    small, large = sorted((e1, e2))  # smaller eps = more precision = not cheaper
    f = M_FUNCS[name]
    assert f(M, large) <= f(M, small)


@settings(max_examples=50, deadline=None)
@given(M=st.integers(1, 10**12), eps=st.floats(1e-4, 1.0), delta=st.floats(1e-6, 0.999))
def test_shot_models_match_their_formulas(M, eps, delta):
    # the docstring formulas, written out independently; a value within float
    # noise of a whole number may round to it instead of up
    def ceil(x):
        allowed = {math.ceil(x)}
        if abs(x - round(x)) <= 1e-9 * max(1.0, x):
            allowed.add(round(x))
        return allowed

    assert c.param_shift_shots_per_circuit(M, eps, delta) in ceil(4 * LN(2 * M / delta) / eps**2)
    assert c.shadow_snapshots(M, eps, delta) in ceil(68 * 9 * LN(2 * M / delta) / eps**2)
    assert c.commuting_shots(M, eps, delta) in ceil(8 * LN(2 * M / delta) / eps**2)
    assert c.spsa_estimates(M, eps) in {max(1, k) for k in ceil((M - 1) / eps**2)}
    assert c.circuit_time(M, eps) == pytest.approx(M / eps**2, rel=1e-12)


def test_param_shift_over_backprop_scaling_grows_like_m_over_log_m():
    # eps = 0.01: parameter shift = 2M * 20000 * M, backprop scaling = ln M * M * 1e4,
    # so the ratio is 4 M / ln M exactly (for M >= 3, where ln M >= 1)
    M = np.array([3, 10, 100, 10**4, 10**6, 10**9, 10**12], dtype=float)
    ratio = c.param_shift_time(M, 0.01) / c.backprop_scaling_time(M, 0.01)
    assert np.allclose(ratio, 4 * M / np.log(M), rtol=1e-12)
    assert np.all(np.diff(ratio) > 0)
    # at eps = 0.03 the shot count is ceil(2222.2) = 2223, so the constant is 2 * 2223 * 0.0009
    ratio = c.param_shift_time(M, 0.03) / c.backprop_scaling_time(M, 0.03)
    assert np.allclose(ratio * np.log(M) / M, 2 * 2223 * 0.0009, rtol=1e-12)
    # and the talk's O(M) overhead over TIME(F) itself: 4 M at eps = 0.01
    assert np.allclose(c.param_shift_time(M, 0.01) / c.circuit_time(M, 0.01), 4 * M, rtol=1e-12)


# --------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------

# each public function with valid keyword arguments, and the kind of each argument
SIGNATURES = {
    c.finite_difference_evaluations: dict(M=10, scheme="forward"),
    c.finite_difference_time: dict(M=10, time_f=0.01, scheme="central"),
    c.backprop_time: dict(time_f=0.01, omega=3.0),
    c.backprop_memory: dict(memory_f=1.0, omega=3.0),
    c.shots_for_precision: dict(eps=0.1, variance=1.0),
    c.circuit_time: dict(M=10, eps=0.1),
    c.backprop_reference_time: dict(M=10, eps=0.1, omega=3.0),
    c.backprop_scaling_time: dict(M=10, eps=0.1),
    c.param_shift_circuits: dict(M=10),
    c.param_shift_shots_per_circuit: dict(M=10, eps=0.1, delta=0.05),
    c.param_shift_shots: dict(M=10, eps=0.1, delta=0.05),
    c.param_shift_time: dict(M=10, eps=0.1, delta=0.05),
    c.spsa_estimates: dict(M=10, eps=0.1, g_rms=1.0),
    c.spsa_shots: dict(M=10, eps=0.1, g_rms=1.0),
    c.spsa_time: dict(M=10, eps=0.1, g_rms=1.0),
    c.shadow_snapshots: dict(M=10, eps=0.1, delta=0.05, locality=2),
    c.shadow_time: dict(M=10, eps=0.1, delta=0.05, locality=2),
    c.shadow_tomography_copies: dict(M=10, eps=0.1, n=4, bound="aaronson"),
    c.commuting_shots: dict(M=10, eps=0.1, delta=0.05, norm=2.0),
    c.commuting_time: dict(M=10, eps=0.1, delta=0.05, norm=2.0),
    c.gradient_time: dict(method="spsa", M=10, eps=0.1),
}
COUNTS = {"M", "n", "locality"}
CHOICES = {"scheme", "bound", "method"}
PROBABILITIES = {"delta"}

BAD_COUNT = [
    ("10", TypeError),
    (None, TypeError),
    (1 + 0j, TypeError),
    (True, TypeError),
    (2.5, TypeError),
    (float("nan"), TypeError),
    (float("inf"), TypeError),
    (0, ValueError),
    (-3, ValueError),
]
BAD_M_ARRAY = [
    (["1", "2"], TypeError),
    ([1, 2j], TypeError),
    ([True, True], TypeError),
    ([1, 0], ValueError),
    ([1, 2.5], ValueError),
    ([1, np.nan], ValueError),
]
BAD_REAL = [
    ("0.1", TypeError),
    (None, TypeError),
    (0.1 + 0j, TypeError),
    (True, TypeError),
    ([0.1], TypeError),
    (np.array([0.1, 0.2]), TypeError),
    (0, ValueError),
    (-0.1, ValueError),
    (float("nan"), ValueError),
    (float("inf"), ValueError),
    (-float("inf"), ValueError),
]
BAD_PROBABILITY = BAD_REAL + [(1.0, ValueError), (1.5, ValueError)]
BAD_CHOICE = [
    ("no-such-thing", ValueError),
    ("", ValueError),
    (None, TypeError),
    (3, TypeError),
    (["forward"], TypeError),
]


def _bad_cases():
    for func, good in SIGNATURES.items():
        for param in good:
            if param in COUNTS:
                bad = (
                    BAD_COUNT
                    + [([1, 2], TypeError)] * (param != "M")
                    + BAD_M_ARRAY * (param == "M")
                )
            elif param in CHOICES:
                bad = BAD_CHOICE
            elif param in PROBABILITIES:
                bad = BAD_PROBABILITY
            else:
                bad = BAD_REAL
            for value, error in bad:
                if param == "delta" and value is None and func.__name__.startswith("param_shift"):
                    continue  # delta=None is parameter shift's per-component bound
                yield pytest.param(
                    func, good, param, value, error, id=f"{func.__name__}-{param}={value!r}"
                )


@pytest.mark.parametrize("func, good, param, value, error", list(_bad_cases()))
def test_bad_input_raises_an_error_naming_the_parameter(func, good, param, value, error):
    func(**good)  # the baseline is valid
    with pytest.raises(error, match=rf"^{param}\b"):
        func(**{**good, param: value})


def test_param_shift_delta_none_is_the_per_component_bound():
    assert c.param_shift_shots_per_circuit(10, 0.1, None) == c.param_shift_shots_per_circuit(
        10, 0.1
    )


def test_a_single_string_is_not_a_vector_of_m():
    with pytest.raises(TypeError, match=r"^M\b"):
        c.circuit_time("1000", 0.1)
