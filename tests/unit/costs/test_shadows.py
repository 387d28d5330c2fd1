"""Tests of qbp_lessons.costs.shadows: snapshot bounds, shadow tomography's copies (chapter 6)."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qbp_lessons import costs as c


def ceil_allowed(x):
    """Whole numbers a count of x may round to: ceil(x), or x itself within float noise of it."""
    allowed = {math.ceil(x)}
    if abs(x - round(x)) <= 1e-9 * max(1.0, x):
        allowed.add(round(x))
    return allowed


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


@settings(max_examples=50, deadline=None)
@given(M=st.integers(1, 10**12), eps=st.floats(1e-4, 1.0), delta=st.floats(1e-6, 0.999))
def test_snapshots_match_the_median_of_means_formula(M, eps, delta):
    assert c.shadow_snapshots(M, eps, delta) in ceil_allowed(
        68 * 9 * math.log(2 * M / delta) / eps**2
    )


def test_shadow_norm_and_the_infinity_norm_shortcut():
    assert [c.shadow_norm_squared(k) for k in (1, 2, 3)] == [3, 9, 27]
    # 68 ln(2000) / 0.01 = 68 * 7.600902 / 0.01 = 51686.1 -> 51687: 3^2 = 9 times fewer
    assert c.shadow_snapshots_infinity_norm(10, 0.1) == 51_687
    assert c.shadow_snapshots(10, 0.1) / c.shadow_snapshots_infinity_norm(10, 0.1) == (
        pytest.approx(9, rel=1e-4)
    )
    # batches 2 ln(2M/delta) times batch size 34 * 3^k / eps^2 is the snapshot bound, unrounded
    assert c.shadow_batches(10) == pytest.approx(2 * math.log(2000), rel=1e-12)
    assert c.shadow_batch_size(0.1) == pytest.approx(34 * 9 / 0.01, rel=1e-12)


def test_direct_measurement_shots():
    # M = 10, eps = 0.1, delta = 0.01: 2 ln(2000) / 0.01 = 1520.18 -> 1521 shots per string
    assert c.direct_measurement_shots(10, 0.1) == 10 * 1_521
