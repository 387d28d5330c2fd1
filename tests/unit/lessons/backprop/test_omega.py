"""Tests of qbp_lessons.lessons.backprop.omega (chapter 1): the network sizes, and omega1 and
omega2 measured on tiny networks, with their input checks.
"""

import math

import pytest

from qbp_lessons.lessons import backprop as cl


def test_network_sizes_span_1e3_to_1e6():
    sizes = cl.network_sizes()
    Ms = [cl.num_params(w) for w in sizes]
    assert all(len(w) == 5 and len(set(w)) == 1 for w in sizes)  # depth 4, square layers
    assert Ms == sorted(Ms) and len(set(Ms)) == len(Ms)
    assert 900 <= Ms[0] <= 1100 and 0.9e6 <= Ms[-1] <= 1.1e6
    assert cl.network_sizes(depth=2, n_sizes=3, min_params=200, max_params=20_000) == [
        [10] * 3,
        [32] * 3,
        [100] * 3,
    ]


def test_measure_omega_tiny_network():
    r = cl.measure_omega([4, 5, 3], batch=6, repeats=2, seed=3)
    assert r.M == 35 and r.widths == (4, 5, 3) and r.batch == 6
    for value in (
        r.time_f,
        r.time_grad,
        r.time_grad_autograd,
        r.time_fd,
        r.omega1,
        r.omega1_autograd,
        r.fd_ratio,
        r.omega2,
        r.omega2_autograd,
    ):
        assert value > 0 and math.isfinite(value)
    assert r.omega1 == pytest.approx(r.time_grad / r.time_f)
    assert r.omega1_autograd == pytest.approx(r.time_grad_autograd / r.time_f)
    assert r.fd_ratio == pytest.approx(r.time_fd / r.time_f)
    assert r.fd_measured and r.fd_scheme == "forward" and r.fd_evaluations == 36
    assert r.input_bytes == 8 * (35 + 4 * 6 + 3 * 6)
    assert r.memory_f == r.input_bytes + r.peak_f_bytes
    assert r.memory_grad == r.input_bytes + r.peak_grad_bytes
    assert r.omega2 == pytest.approx(r.memory_grad / r.memory_f)
    # the gradient holds M numbers, so its peak is at least that
    assert r.peak_grad_bytes >= 8 * r.M
    assert set(r.as_dict()) >= {"M", "omega1", "omega2", "fd_ratio", "omega1_autograd"}


def test_measure_omega_extrapolates_fd_above_threshold_and_can_skip_autograd():
    r = cl.measure_omega(
        [4, 5, 3], batch=6, repeats=1, fd_max_params=10, fd_scheme="central", include_autograd=False
    )
    assert not r.fd_measured and r.fd_evaluations == 70
    assert r.time_fd == pytest.approx(70 * r.time_f) and r.fd_ratio == pytest.approx(70)
    assert r.time_grad_autograd is None and r.omega1_autograd is None and r.omega2_autograd is None


def test_sweep_omega_with_progress_wrapper():
    seen = []

    def progress(iterable):
        for item in iterable:
            seen.append(item)
            yield item

    sizes = [[2, 3], [3, 3, 2]]
    results = cl.sweep_omega(sizes, batch=4, repeats=1, include_autograd=False, progress=progress)
    assert seen == sizes
    assert [r.M for r in results] == [6, 15]
    assert all(isinstance(r, cl.OmegaMeasurement) for r in results)


def test_measure_omega_leaves_tracemalloc_as_found():
    import tracemalloc

    assert not tracemalloc.is_tracing()
    cl.measure_omega([2, 2], batch=2, repeats=1, include_autograd=False)
    assert not tracemalloc.is_tracing()


@pytest.mark.parametrize(
    "call, error, name",
    [
        (lambda: cl.network_sizes(depth=0), ValueError, "depth"),
        (lambda: cl.network_sizes(n_sizes=0), ValueError, "n_sizes"),
        (lambda: cl.network_sizes(min_params=0), ValueError, "min_params"),
        (lambda: cl.network_sizes(max_params=10), ValueError, "max_params"),
        (lambda: cl.network_sizes(min_params=1e3 + 0.5), TypeError, "min_params"),
        (lambda: cl.measure_omega([3, 2], batch=0), ValueError, "batch"),
        (lambda: cl.measure_omega([3, 2], repeats=0), ValueError, "repeats"),
        (lambda: cl.measure_omega([3, 2], seed=-3), ValueError, "seed"),
        (lambda: cl.measure_omega([3, 2], fd_scheme="sideways"), ValueError, "fd_scheme"),
        (lambda: cl.measure_omega([3, 2], fd_max_params=-1), ValueError, "fd_max_params"),
        (lambda: cl.measure_omega([3, 2], include_autograd="yes"), TypeError, "include_autograd"),
        (lambda: cl.sweep_omega([]), ValueError, "sizes"),
        (lambda: cl.sweep_omega(7), TypeError, "sizes"),
        (lambda: cl.sweep_omega([[3, 2], [0, 2]]), ValueError, r"widths\[0\]"),
        (lambda: cl.sweep_omega([[3, 2]], progress="tqdm"), TypeError, "progress"),
    ],
)
def test_omega_parameters_are_checked(call, error, name):
    with pytest.raises(error, match=name):
        call()
