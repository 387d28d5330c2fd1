"""Tests of qbp_lessons._validate: the input checks every public function relies on.

Each helper must return the cleaned value for good input and raise TypeError
(wrong kind) or ValueError (right kind, wrong value) with a message that starts
with the parameter's name."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qbp_lessons import _validate as v

WRONG_KIND_FOR_A_NUMBER = [
    "3",
    None,
    1 + 0j,
    2j,
    True,
    False,
    np.bool_(True),
    [3],
    (3,),
    {"M": 3},
    b"3",
]


# --------------------------------------------------------------------------
# positive_int
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        (1, 1),
        (7, 7),
        (10**12, 10**12),
        (np.int64(5), 5),
        (np.uint8(3), 3),
        (4.0, 4),
        (np.float64(1e9), 10**9),
    ],
)
def test_positive_int_accepts_whole_numbers_and_returns_a_python_int(value, expected):
    out = v.positive_int("M", value)
    assert out == expected
    assert type(out) is int


@pytest.mark.parametrize(
    "value", WRONG_KIND_FOR_A_NUMBER + [2.5, float("nan"), float("inf"), Fraction(1, 2)]
)
def test_positive_int_rejects_non_integers_with_type_error_naming_the_parameter(value):
    with pytest.raises(TypeError, match=r"^M must be an integer"):
        v.positive_int("M", value)


@pytest.mark.parametrize(
    "value, minimum", [(0, 1), (-1, 1), (-(10**12), 1), (1, 2), (0.0, 1), (-1, 0)]
)
def test_positive_int_rejects_values_below_minimum(value, minimum):
    with pytest.raises(ValueError, match=rf"^n must be >= {minimum}"):
        v.positive_int("n", value, minimum)


def test_positive_int_minimum_is_inclusive():
    assert v.positive_int("n", 0, minimum=0) == 0
    assert v.positive_int("n", 2, minimum=2) == 2


# --------------------------------------------------------------------------
# positive_real
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        (0.5, 0.5),
        (2, 2.0),
        (np.float32(0.25), 0.25),
        (Fraction(1, 4), 0.25),
        (1e-300, 1e-300),
        (1e300, 1e300),
    ],
)
def test_positive_real_returns_a_float(value, expected):
    out = v.positive_real("eps", value)
    assert out == expected
    assert type(out) is float


@pytest.mark.parametrize("value", WRONG_KIND_FOR_A_NUMBER + [np.array([0.1]), np.complex128(1)])
def test_positive_real_rejects_non_reals(value):
    with pytest.raises(TypeError, match=r"^eps must be a real number"):
        v.positive_real("eps", value)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf"), np.nan])
def test_positive_real_rejects_non_finite(value):
    with pytest.raises(ValueError, match=r"^eps must be finite"):
        v.positive_real("eps", value)


@pytest.mark.parametrize("value", [0, 0.0, -0.0, -1e-300, -3])
def test_positive_real_rejects_zero_and_negatives(value):
    with pytest.raises(ValueError, match=r"^eps must be > 0"):
        v.positive_real("eps", value)


def test_positive_real_allow_zero():
    assert v.positive_real("time_f", 0, allow_zero=True) == 0.0
    with pytest.raises(ValueError, match=r"^time_f must be >= 0"):
        v.positive_real("time_f", -1e-9, allow_zero=True)


def test_positive_real_upper_bound_inclusive_and_exclusive():
    assert v.positive_real("eps", 1.0, upper=1.0) == 1.0
    with pytest.raises(ValueError, match=r"^eps must be <= 1"):
        v.positive_real("eps", 1.0000001, upper=1.0)
    assert v.positive_real("delta", 0.999, upper=1.0, upper_inclusive=False) == 0.999
    for bad in (1, 1.0, 2.5):
        with pytest.raises(ValueError, match=r"^delta must be < 1"):
            v.positive_real("delta", bad, upper=1.0, upper_inclusive=False)


@settings(max_examples=60, deadline=None)
@given(st.floats(min_value=1e-12, max_value=1e12))
def test_positive_real_is_the_identity_on_positive_floats(x):
    assert v.positive_real("x", x) == x


# --------------------------------------------------------------------------
# real_array
# --------------------------------------------------------------------------


def test_real_array_converts_to_float():
    out = v.real_array("theta", [1, 2, 3])
    assert out.dtype == float and out.tolist() == [1.0, 2.0, 3.0]
    assert v.real_array("theta", np.arange(6).reshape(2, 3), ndim=2, shape=(2, 3)).shape == (2, 3)
    assert v.real_array("theta", 2.5).shape == ()


@pytest.mark.parametrize(
    "value, message",
    [
        ("abc", r"^theta must be an array of real numbers"),
        (None, r"^theta must be an array of real numbers"),
        (b"01", r"^theta must be an array of real numbers"),
        (["a", "b"], r"^theta must be an array of real numbers"),
        ([1, None], r"^theta must be an array of real numbers"),
        ([[1, 2], [3]], r"^theta must be an array of real numbers"),
        ([1 + 2j], r"^theta must be real"),
    ],
)
def test_real_array_wrong_kind(value, message):
    with pytest.raises(TypeError, match=message):
        v.real_array("theta", value)


@pytest.mark.parametrize("value", [[1.0, np.nan], [np.inf], [[0.0, -np.inf]]])
def test_real_array_rejects_non_finite(value):
    with pytest.raises(ValueError, match=r"^theta must contain only finite values"):
        v.real_array("theta", value)


def test_real_array_checks_dimension_and_shape():
    with pytest.raises(ValueError, match=r"^theta must be 1-dimensional, got shape \(2, 2\)"):
        v.real_array("theta", [[1, 2], [3, 4]], ndim=1)
    with pytest.raises(ValueError, match=r"^theta must have shape \(3,\), got \(2,\)"):
        v.real_array("theta", [1, 2], shape=(3,))


# --------------------------------------------------------------------------
# count_array
# --------------------------------------------------------------------------


def test_count_array_scalar_is_int_and_array_is_float():
    assert v.count_array("M", 10) == 10 and type(v.count_array("M", 10)) is int
    assert type(v.count_array("M", np.array(10))) is int  # 0-d arrays behave as scalars
    out = v.count_array("M", [1, 10, 10**12])
    assert out.dtype == float and out.tolist() == [1.0, 10.0, 1e12]
    # int64 input becomes float, so that later M**2 cannot overflow
    assert v.count_array("M", np.array([10**12], dtype=np.int64)).dtype == float
    assert v.count_array("M", [[1, 2], [3, 4]]).shape == (2, 2)
    assert v.count_array("M", [0, 5], minimum=0).tolist() == [0.0, 5.0]


@pytest.mark.parametrize("value", [[0, 1], [5, -1], np.array([0.0])])
def test_count_array_rejects_values_below_one(value):
    with pytest.raises(ValueError, match=r"^M must be >= 1"):
        v.count_array("M", value)


def test_count_array_rejects_fractions_and_non_numbers():
    with pytest.raises(ValueError, match=r"^M must contain whole numbers"):
        v.count_array("M", [1, 2.5])
    with pytest.raises(TypeError, match=r"^M must be an integer"):
        v.count_array("M", 2.5)
    with pytest.raises(ValueError, match=r"^M must contain only finite"):
        v.count_array("M", [1, np.inf])
    for bad in ("10", None, 1 + 0j, True, np.array(True), ["1", "2"], [1 + 1j]):
        with pytest.raises(TypeError, match=r"^M must"):
            v.count_array("M", bad)


@pytest.mark.parametrize("value", [[True, True], np.array([True, False, True])])
def test_count_array_rejects_boolean_arrays_as_it_rejects_booleans(value):
    with pytest.raises(TypeError, match=r"^M must"):
        v.count_array("M", value)


def test_count_array_cap_is_optional_and_names_the_parameter():
    assert v.count_array("M", [1, 10**12]).tolist() == [1.0, 1e12]  # no cap by default
    assert v.count_array("M", [3, 4], maximum=4).tolist() == [3.0, 4.0]
    assert v.count_array("M", 4, maximum=4) == 4
    with pytest.raises(ValueError, match=r"^M must be <= 4 everywhere, got max 5"):
        v.count_array("M", [3, 5], maximum=4)
    with pytest.raises(ValueError, match=r"^M must be <= 4, got 5"):
        v.count_array("M", 5, maximum=4)


# --------------------------------------------------------------------------
# count_list: the one rule for lists of sizes a scan loops over
# --------------------------------------------------------------------------


def test_count_list_returns_python_ints():
    out = v.count_list("M_list", [4, 8.0, np.int64(16)], maximum=16)
    assert out == [4, 8, 16] and all(type(m) is int for m in out)
    assert v.count_list("K", np.array([1, 2]), maximum=2) == [1, 2]
    assert v.count_list("K", (0, 3), maximum=3, minimum=0) == [0, 3]


@pytest.mark.parametrize(
    "values,kwargs,error,match",
    [
        ([], {}, ValueError, r"^M_list must contain at least one value"),
        ([1, 17], {}, ValueError, r"^M_list must be <= 16 everywhere, got max 17"),
        ([0, 4], {}, ValueError, r"^M_list must be >= 1"),
        ([1, 2.5], {}, ValueError, r"^M_list must contain whole numbers"),
        ([1] * 4, {"max_length": 3}, ValueError, r"^M_list must contain at most 3 values"),
        ([1] * 1001, {}, ValueError, r"^M_list must contain at most 1,000 values"),
        (4, {}, TypeError, r"^M_list must be a 1-d list"),
        ("48", {}, TypeError, r"^M_list must be a 1-d list"),
        ([[1, 2]], {}, TypeError, r"^M_list must be a 1-d list"),
        ([True, 2], {}, TypeError, r"^M_list must hold integers"),
        (["1", "2"], {}, TypeError, r"^M_list must"),
    ],
)
def test_count_list_rejects_bad_lists(values, kwargs, error, match):
    with pytest.raises(error, match=match):
        v.count_list("M_list", values, 16, **kwargs)


# --------------------------------------------------------------------------
# choice
# --------------------------------------------------------------------------


def test_choice():
    assert v.choice("scheme", "central", {"forward", "central"}) == "central"
    with pytest.raises(
        ValueError, match=r"^scheme must be one of \['central', 'forward'\], got 'backward'"
    ):
        v.choice("scheme", "backward", {"forward", "central"})
    for bad in (None, 3, ["forward"], b"forward"):
        with pytest.raises(TypeError, match=r"^scheme must be a string"):
            v.choice("scheme", bad, {"forward", "central"})
