"""Tests of qbp_lessons.lessons.backprop.compute (chapter 1): the hand-written backward pass
against two independent routes (central finite differences, autograd), the
bookkeeping helpers, the measurement functions and the input checks."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qbp_lessons.lessons.backprop import compute as cl

# depth 1, shallow, wide, narrow-bottleneck and deep networks
NETWORKS = [
    [3, 2],
    [1, 1],
    [4, 6, 3],
    [5, 8, 8, 2],
    [2, 7, 1, 7, 3],
    [6, 5, 5, 5, 5, 5, 5, 4],
]


def _setup(widths, batch=5, seed=0):
    params = cl.init_network(widths, seed)
    X, Y = cl.make_data(widths, batch, seed + 100)
    return params, X, Y


def _rel_err(a, b):
    a, b = cl.flatten(a), cl.flatten(b)
    return np.linalg.norm(a - b) / np.linalg.norm(b)


# --------------------------------------------------------------------------
# Correctness of the gradient
# --------------------------------------------------------------------------


@pytest.mark.parametrize("widths", NETWORKS)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_backprop_matches_central_differences(widths, seed):
    params, X, Y = _setup(widths, seed=seed)
    assert (
        _rel_err(cl.grad(params, X, Y), cl.grad_finite_difference(params, X, Y, scheme="central"))
        < 1e-6
    )


@pytest.mark.parametrize("widths", NETWORKS)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_backprop_matches_autograd(widths, seed):
    params, X, Y = _setup(widths, seed=seed)
    ours, theirs = cl.grad(params, X, Y), cl.grad_autograd(params, X, Y)
    assert [g.shape for g in ours] == [p.shape for p in params]
    assert [g.shape for g in theirs] == [p.shape for p in params]
    for g_ours, g_theirs in zip(
        ours, theirs
    ):  # layer by layer, so small early-layer gradients count too
        assert np.linalg.norm(g_ours - g_theirs) <= 1e-12 * np.linalg.norm(g_theirs)


@settings(max_examples=25, deadline=None)
@given(
    widths=st.lists(st.integers(1, 6), min_size=2, max_size=6),
    batch=st.integers(1, 6),
    seed=st.integers(0, 2**32 - 1),
)
def test_backprop_property(widths, batch, seed):
    params, X, Y = _setup(widths, batch, seed)
    ours = cl.grad(params, X, Y)
    theirs = cl.grad_autograd(params, X, Y)
    for g_ours, g_theirs in zip(ours, theirs):
        assert np.linalg.norm(g_ours - g_theirs) <= 1e-12 * np.linalg.norm(g_theirs) + 1e-300
    fd = cl.grad_finite_difference(params, X, Y, scheme="central")
    scale = np.linalg.norm(cl.flatten(ours))
    assert np.linalg.norm(cl.flatten(fd) - cl.flatten(ours)) <= 1e-6 * scale + 1e-10


def test_forward_differences_are_first_order_accurate():
    params, X, Y = _setup([4, 6, 3])
    exact = cl.grad(params, X, Y)
    assert _rel_err(cl.grad_finite_difference(params, X, Y, scheme="forward"), exact) < 1e-5
    # halving h roughly halves the forward-difference error (O(h)), until round-off takes over
    e1 = _rel_err(cl.grad_finite_difference(params, X, Y, h=1e-3, scheme="forward"), exact)
    e2 = _rel_err(cl.grad_finite_difference(params, X, Y, h=5e-4, scheme="forward"), exact)
    assert 1.7 < e1 / e2 < 2.3


def test_backward_from_forward_equals_grad():
    params, X, Y = _setup([5, 8, 8, 2])
    F, tape = cl.forward(params, X, Y)
    assert len(tape.activations) == len(params) + 1
    assert tape.activations[0] is not None and np.all(
        (tape.activations[-1] > 0) & (tape.activations[-1] < 1)
    )
    for a, b in zip(cl.backward(params, tape), cl.grad(params, X, Y)):
        np.testing.assert_array_equal(a, b)


def test_gradient_is_zero_at_a_perfect_fit():
    params, X, _ = _setup([3, 4, 2])
    Y = cl.forward(params, X, np.zeros((2, X.shape[1])))[1].activations[-1]
    assert cl.loss(params, X, Y) == 0.0
    assert np.all(cl.flatten(cl.grad(params, X, Y)) == 0.0)


# --------------------------------------------------------------------------
# Forward, loss, helpers
# --------------------------------------------------------------------------


@pytest.mark.parametrize("widths", NETWORKS)
def test_forward_and_loss_agree(widths):
    params, X, Y = _setup(widths)
    F, _ = cl.forward(params, X, Y)
    assert F == cl.loss(params, X, Y)
    assert F == pytest.approx(float(cl._autograd_loss(params, X, Y)), rel=1e-14)
    # the talk's formula, written out for a two-layer network
    if len(params) == 2:
        sig = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
        f = sig(params[1] @ sig(params[0] @ X))
        assert F == pytest.approx(0.5 * np.sum((f - Y) ** 2) / X.shape[1], rel=1e-13)


def test_sigmoid_values_and_tails():
    assert cl.sigmoid(np.array(0.0)) == 0.5
    z = np.linspace(-30, 30, 61)
    np.testing.assert_allclose(cl.sigmoid(z) + cl.sigmoid(-z), 1.0, rtol=1e-15)
    np.testing.assert_allclose(
        cl.sigmoid(-z[z > 20]), np.exp(-z[z > 20]), rtol=1e-8
    )  # sigma(z) ~ e^z far left
    with np.errstate(over="ignore"):  # exp overflows to inf and the result is still exact
        assert cl.sigmoid(np.array([-1e4, 1e4])).tolist() == [0.0, 1.0]


@pytest.mark.parametrize("widths", NETWORKS)
def test_flatten_unflatten_round_trip(widths):
    params, _, _ = _setup(widths)
    theta = cl.flatten(params)
    assert theta.shape == (cl.num_params(widths),)
    for a, b in zip(cl.unflatten(theta, widths), params):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(cl.flatten(cl.unflatten(theta, widths)), theta)


def test_num_params_and_shapes():
    assert cl.num_params([3, 2]) == 6
    assert cl.num_params([784, 100, 10]) == 78_400 + 1_000
    params = cl.init_network([4, 6, 3], seed=7)
    assert [p.shape for p in params] == [(6, 4), (3, 6)]
    X, Y = cl.make_data([4, 6, 3], batch=9, seed=7)
    assert X.shape == (4, 9) and Y.shape == (3, 9)
    assert np.all((Y > 0) & (Y < 1))


def test_seeding_is_reproducible():
    np.testing.assert_array_equal(
        cl.flatten(cl.init_network([3, 4, 2], 5)), cl.flatten(cl.init_network([3, 4, 2], 5))
    )
    assert not np.array_equal(
        cl.flatten(cl.init_network([3, 4, 2], 5)), cl.flatten(cl.init_network([3, 4, 2], 6))
    )
    for a, b in zip(cl.make_data([3, 2], 4, 1), cl.make_data([3, 2], 4, 1)):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(
    "scheme, expected", [("forward", lambda M: M + 1), ("central", lambda M: 2 * M)]
)
@pytest.mark.parametrize("widths", [[3, 2], [2, 3, 4, 1]])
def test_finite_difference_evaluation_counts(monkeypatch, widths, scheme, expected):
    params, X, Y = _setup(widths)
    calls = []
    real_loss = cl._loss

    def counting_loss(*args):
        calls.append(1)
        return real_loss(*args)

    monkeypatch.setattr(cl, "_loss", counting_loss)
    cl.grad_finite_difference(params, X, Y, scheme=scheme)
    M = cl.num_params(widths)
    assert len(calls) == expected(M)
    assert len(calls) == cl.costs.finite_difference_evaluations(M, scheme)


def test_finite_differences_leave_params_untouched():
    params, X, Y = _setup([3, 4, 2])
    before = cl.flatten(params)
    cl.grad_finite_difference(params, X, Y)
    np.testing.assert_array_equal(cl.flatten(params), before)


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


# --------------------------------------------------------------------------
# Measurement
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# Bad inputs: each public function names the offending parameter
# --------------------------------------------------------------------------

P, X0, Y0 = _setup([3, 4, 2], batch=5)
GRADIENT_FUNCTIONS = [cl.forward, cl.grad, cl.loss, cl.grad_finite_difference, cl.grad_autograd]


@pytest.mark.parametrize("fn", GRADIENT_FUNCTIONS)
@pytest.mark.parametrize(
    "params, X, Y, error, name",
    [
        ("not a list", X0, Y0, TypeError, "params"),
        (np.zeros((4, 3)), X0, Y0, TypeError, "params"),
        ([], X0, Y0, ValueError, "params"),
        ([np.zeros((4, 3)), np.zeros((2, 5))], X0, Y0, ValueError, r"params\[1\]"),
        ([np.zeros(3)], X0, Y0, ValueError, r"params\[0\]"),
        ([np.zeros((0, 3))], X0, np.zeros((0, 5)), ValueError, r"params\[0\]"),
        ([P[0], P[1] * np.nan], X0, Y0, ValueError, r"params\[1\]"),
        ([P[0], ["a"] * 4], X0, Y0, TypeError, r"params\[1\]"),
        ([P[0], P[1] * 1j], X0, Y0, TypeError, r"params\[1\]"),
        (P, X0.T, Y0, ValueError, "X"),
        (P, X0[0], Y0, ValueError, "X"),
        (P, np.where(X0 > 0, np.inf, X0), Y0, ValueError, "X"),
        (P, "X", Y0, TypeError, "X"),
        (P, X0, Y0.T, ValueError, "Y"),
        (P, X0, Y0[:, :3], ValueError, "Y"),
        (P, X0, Y0 * np.nan, ValueError, "Y"),
        (P, X0, None, TypeError, "Y"),
    ],
)
def test_gradient_functions_reject_bad_inputs(fn, params, X, Y, error, name):
    with pytest.raises(error, match=name):
        fn(params, X, Y)


@pytest.mark.parametrize(
    "kwargs, error, name",
    [
        ({"h": 0.0}, ValueError, "h"),
        ({"h": -1e-5}, ValueError, "h"),
        ({"h": float("nan")}, ValueError, "h"),
        ({"h": "small"}, TypeError, "h"),
        ({"scheme": "backward"}, ValueError, "scheme"),
        ({"scheme": 2}, TypeError, "scheme"),
    ],
)
def test_finite_difference_rejects_bad_step_and_scheme(kwargs, error, name):
    with pytest.raises(error, match=name):
        cl.grad_finite_difference(P, X0, Y0, **kwargs)


def test_backward_rejects_bad_tape():
    _, tape = cl.forward(P, X0, Y0)
    with pytest.raises(TypeError, match="tape"):
        cl.backward(P, tape.activations)
    with pytest.raises(ValueError, match="tape"):
        cl.backward(P, cl.Tape(tape.activations[:-1], Y0))
    with pytest.raises(ValueError, match="tape"):
        cl.backward(P, cl.Tape([X0, tape.activations[1][:, :2], tape.activations[2]], Y0))
    with pytest.raises(ValueError, match="params"):
        cl.backward([], tape)


@pytest.mark.parametrize(
    "widths, error, name",
    [
        ([3], ValueError, "widths"),
        ([], ValueError, "widths"),
        (5, TypeError, "widths"),
        ("34", TypeError, "widths"),
        ([3, 0], ValueError, r"widths\[1\]"),
        ([3, -2], ValueError, r"widths\[1\]"),
        ([3, 2.5], TypeError, r"widths\[1\]"),
        ([True, 2], TypeError, r"widths\[0\]"),
    ],
)
@pytest.mark.parametrize(
    "fn",
    [
        cl.num_params,
        cl.init_network,
        lambda w: cl.make_data(w, 3),
        lambda w: cl.unflatten(np.zeros(6), w),
        lambda w: cl.measure_omega(w, repeats=1),
    ],
)
def test_widths_are_checked(fn, widths, error, name):
    with pytest.raises(error, match=name):
        fn(widths)


@pytest.mark.parametrize(
    "call, error, name",
    [
        (lambda: cl.init_network([3, 2], seed=-1), ValueError, "seed"),
        (lambda: cl.init_network([3, 2], seed=1.5), TypeError, "seed"),
        (lambda: cl.make_data([3, 2], batch=0), ValueError, "batch"),
        (lambda: cl.make_data([3, 2], batch=2, seed="a"), TypeError, "seed"),
        (lambda: cl.flatten("params"), TypeError, "params"),
        (lambda: cl.flatten([]), ValueError, "params"),
        (lambda: cl.unflatten(np.zeros(5), [3, 2]), ValueError, "theta"),
        (lambda: cl.unflatten(np.zeros((2, 3)), [3, 2]), ValueError, "theta"),
        (lambda: cl.unflatten([np.nan] * 6, [3, 2]), ValueError, "theta"),
        (lambda: cl.unflatten(None, [3, 2]), TypeError, "theta"),
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
def test_other_parameters_are_checked(call, error, name):
    with pytest.raises(error, match=name):
        call()


# --------------------------------------------------------------------------
# Checkpointing: the same gradient, fewer stored layers, one extra forward pass
# --------------------------------------------------------------------------

from qbp_lessons import costs  # noqa: E402


@pytest.mark.parametrize("widths", NETWORKS + [[4] * 13, [3] * 51])
def test_checkpointed_gradient_equals_plain_for_every_segment_length(widths):
    params, X, Y = _setup(widths, batch=4)
    L = len(widths) - 1
    plain = cl.grad(params, X, Y)
    for segment in range(1, L + 1):
        result = cl.grad_checkpointed(params, X, Y, segment)
        for g, h in zip(result.grads, plain):
            assert g.shape == h.shape
            assert np.linalg.norm(g - h) <= 1e-12 * max(np.linalg.norm(h), 1e-300)
        # counted by the loops, compared with the closed forms of costs
        assert result.layer_evaluations == 2 * L
        assert result.peak_stored_layers == costs.stored_layers(L, segment)


def test_checkpointed_gradient_matches_autograd_independently():
    params, X, Y = _setup([5, 6, 6, 6, 6, 6, 6, 6, 2], batch=3, seed=4)
    ours = cl.grad_checkpointed(params, X, Y).grads
    for g, h in zip(ours, cl.grad_autograd(params, X, Y)):
        assert np.linalg.norm(g - h) <= 1e-12 * np.linalg.norm(h)


def test_default_checkpointing_holds_about_two_sqrt_L_layers():
    for L in (4, 9, 16, 32, 50, 100):
        params, X, Y = _setup([2] * (L + 1), batch=1)
        held = cl.grad_checkpointed(params, X, Y).peak_stored_layers
        assert held < L + 1 or L < 4
        assert held <= 2 * math.ceil(math.sqrt(L)) + 1
        # a brute-force minimum over all segment lengths is not far below the default
        best = min(
            cl.grad_checkpointed(params, X, Y, k).peak_stored_layers for k in range(1, L + 1)
        )
        assert best <= held <= best + 2


def test_stored_layers_model_by_hand():
    assert costs.stored_layers(32) == 33
    assert (
        costs.checkpoint_segment(32) == 6
        and costs.checkpoint_segment(36) == 6
        and costs.checkpoint_segment(1) == 1
    )
    assert costs.stored_layers(32, 6) == 11  # at segment 4: 5 checkpoints + 6 layers
    assert costs.stored_layers(50, 7) == 14  # at segment 6: 7 checkpoints + 7 layers
    assert costs.stored_layers(4, 4) == 5  # one segment: the whole tape again, recomputed
    with pytest.raises(ValueError, match="segment"):
        costs.stored_layers(4, 5)
    with pytest.raises(ValueError, match="L"):
        costs.stored_layers(0)


def test_plain_memory_ratio_grows_with_depth_at_large_batch_and_checkpointing_bounds_it():
    by = {
        (m.depth, m.batch): m
        for m in cl.sweep_memory(depths=(4, 16, 32), batches=(16, 1024), width=64)
    }
    # small batch: the parameters dominate, the ratio stays near 2
    assert all(by[(d, 16)].omega2 < 2.5 for d in (4, 16, 32))
    # large batch: the tape dominates, the ratio grows with depth and leaves [2, 4]
    assert by[(4, 1024)].omega2 < by[(16, 1024)].omega2 < by[(32, 1024)].omega2
    assert by[(32, 1024)].omega2 > 4
    # checkpointing brings it back, and stores the counted number of layers
    assert by[(32, 1024)].omega2_checkpointed < 3
    for m in by.values():
        assert m.omega2_checkpointed < m.omega2
        assert m.stored_layers_plain == m.depth + 1
        assert m.stored_layers_checkpointed == costs.stored_layers(m.depth, m.segment)
        assert m.time_f is None and m.omega1 is None


def test_memory_measurement_counts_the_tape_bytes():
    # the plain gradient's extra memory over the checkpointed one is about the layers it does not
    # hold
    m = cl.measure_memory([64] * 33, 1024)
    layer_bytes = 64 * 1024 * 8
    saved = (m.memory_grad - m.memory_checkpointed) / layer_bytes
    expected = m.stored_layers_plain - m.stored_layers_checkpointed
    assert expected - 3 <= saved <= expected + 3


def test_measure_memory_times_both_gradients_when_asked():
    m = cl.measure_memory([8] * 5, 16, repeats=1)
    assert m.time_f > 0 and m.omega1 > 0 and m.omega1_checkpointed > 0
    assert set(m.as_dict()) >= {"omega2", "omega2_checkpointed", "segment"}


@pytest.mark.parametrize(
    "call, error, name",
    [
        (lambda p, X, Y: cl.grad_checkpointed(p, X, Y, 0), ValueError, "segment"),
        (lambda p, X, Y: cl.grad_checkpointed(p, X, Y, 4), ValueError, "segment"),
        (lambda p, X, Y: cl.grad_checkpointed(p, X, Y, True), TypeError, "segment"),
        (lambda p, X, Y: cl.grad_checkpointed(p, X, Y, 1.5), TypeError, "segment"),
        (lambda p, X, Y: cl.grad_checkpointed(p, X[:, :0], Y), ValueError, "X"),
    ],
)
def test_grad_checkpointed_rejects_bad_input(call, error, name):
    params, X, Y = _setup([3, 4, 4, 2])
    with pytest.raises(error, match=rf"\b{name}\b"):
        call(params, X, Y)


@pytest.mark.parametrize(
    "call, error, name",
    [
        (lambda: cl.measure_memory([10**5, 10**5], 1), ValueError, "widths"),
        (lambda: cl.measure_memory([100, 100], 10**6), ValueError, "batch"),
        (lambda: cl.measure_memory([4, 4], 2, segment=2), ValueError, "segment"),
        (lambda: cl.measure_memory([4, 4], 2, repeats=-1), ValueError, "repeats"),
        (lambda: cl.sweep_memory(depths=[], batches=[4]), TypeError, "depths"),
        (lambda: cl.sweep_memory(depths=[2], batches="16"), TypeError, "batches"),
        (lambda: cl.sweep_memory(depths=[2], batches=[16], width=0), ValueError, "width"),
    ],
)
def test_memory_measurement_rejects_bad_input_quickly(call, error, name):
    import time

    start = time.process_time()
    with pytest.raises(error, match=rf"\b{name}\b"):
        call()
    assert time.process_time() - start < 1.0


def test_sweep_memory_checks_every_size_before_measuring(monkeypatch):
    calls = []
    monkeypatch.setattr(cl, "measure_memory", lambda *a, **k: calls.append(a))
    with pytest.raises(ValueError, match="batch"):
        cl.sweep_memory(depths=(2, 4), batches=(16, 10**6), width=64)
    assert calls == []


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: cl.init_network([10**5, 10**5]), "widths"),
        (lambda: cl.make_data([10**4, 10**4], 10**4), "batch"),
    ],
)
def test_sizes_are_capped_before_allocating(call, name):
    import time

    start = time.process_time()
    with pytest.raises(ValueError, match=rf"^{name}\b"):
        call()
    assert time.process_time() - start < 1.0
