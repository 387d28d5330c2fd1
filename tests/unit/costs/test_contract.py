"""Every model of costs against one contract: arrays and scalars agree, large M stays finite,
more M or more precision never costs less, and bad input raises an error naming the parameter.
"""

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from qbp_lessons import costs as c


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
                if (
                    param == "delta"
                    and value is None
                    and func.__name__.startswith(("param_shift", "commuting"))
                ):
                    continue  # delta=None is the rms target per component
                yield pytest.param(
                    func, good, param, value, error, id=f"{func.__name__}-{param}={value!r}"
                )


@pytest.mark.parametrize("func, good, param, value, error", list(_bad_cases()))
def test_bad_input_raises_an_error_naming_the_parameter(func, good, param, value, error):
    func(**good)  # the baseline is valid
    with pytest.raises(error, match=rf"^{param}\b"):
        func(**{**good, param: value})


def test_a_single_string_is_not_a_vector_of_m():
    with pytest.raises(TypeError, match=r"^M\b"):
        c.circuit_time("1000", 0.1)
