"""Tests of chapter 7's memory measurement and of the lean reading tables it relies on."""

import tracemalloc

import numpy as np
import pytest

from qbp_lessons.engine.sampling import eigenvalues
from qbp_lessons.lessons.commuting import generators, memory, settings, two_block_example


def _dense_table(s, M):
    """The 2^n x M table the settings used to store, rebuilt from the sampler's eigenvalues."""
    table = np.zeros((1 << s.qubits, M))
    for j, w, meas in zip(s.components, s.weights, s.diag.measured):
        table[:, j] += w * eigenvalues(meas, s.diag.basis)
    return table


@pytest.mark.parametrize("which", ["commuting", "blocks"])
def test_lean_readings_equal_the_dense_table(which):
    if which == "commuting":
        model = generators.x_generator_circuit(
            5, 12, observable=[(1.0, "ZZIII"), (0.5, "IIZIZ")], seed=3, through=None
        )
    else:
        model = two_block_example(3)
    theta = np.random.default_rng(0).uniform(0, 2 * np.pi, model.M)
    prepared = generators.prepare_gradient(model, theta)
    for s in prepared.settings:
        assert not hasattr(s, "table")
        dense = _dense_table(s, model.M)
        outcomes = np.arange(1 << s.qubits)
        assert np.array_equal(s.values(outcomes, model.M), dense)
        mean, square = s.moments(model.M)
        p = s.setting.probs
        assert np.allclose(mean, p @ dense, atol=1e-13)
        assert np.allclose(square, p @ dense**2, atol=1e-13)
        counts = np.random.default_rng(1).multinomial(50, p, size=3)
        assert np.allclose(s.read(counts, model.M), counts @ dense, atol=1e-12)
    assert np.allclose(prepared.exact, model.grad_exact(theta), atol=1e-12)


def test_blocks_of_the_table_never_exceed_a_statevector(monkeypatch):
    model = generators.x_generator_circuit(4, 8, seed=0)
    prepared = generators.prepare_gradient(model, np.full(8, 0.3))
    s = prepared.settings[0]
    monkeypatch.setattr(settings, "TABLE_CELLS", 8)  # one outcome per block of 8 components
    assert np.allclose(s.moments(8)[0], prepared.exact, atol=1e-13)


def test_memory_comparison_measures_both_routes():
    r = memory.memory_comparison(12, 512, shots=500, seed=0)
    state_bytes = 16 << 12
    # F holds at least a statevector; the gradient at most a small multiple of F's peak
    assert r.function_bytes > state_bytes and r.gradient_bytes > state_bytes
    assert r.ratio == r.gradient_bytes / r.function_bytes
    assert 0.5 < r.ratio < 2.0
    # a dense table would take 16 MB: more than the gradient keeps, kernel cache (<= 4 MiB) and all
    assert r.table_bytes == (1 << 12) * 512 * 8
    assert r.kept_bytes < r.table_bytes and r.gradient_bytes < r.table_bytes


def test_memory_comparison_under_an_outer_trace():
    tracemalloc.start()
    try:
        r = memory.memory_comparison(6, 8, shots=50, seed=1)
        assert tracemalloc.is_tracing()
    finally:
        tracemalloc.stop()
    assert r.function_bytes > 0 and r.gradient_bytes > 0


@pytest.mark.parametrize(
    "kwargs, error, name",
    [
        (dict(n=1), ValueError, "n"),
        (dict(n=memory.MAX_MEMORY_QUBITS + 1), ValueError, "n"),
        (dict(n=2.5), TypeError, "n"),
        (dict(n=4, M=9), ValueError, "M"),
        (dict(n=4, M=0), ValueError, "M"),
        (dict(n=4, M=4, shots=0), ValueError, "shots"),
        (dict(n=4, M=4, shots="10"), TypeError, "shots"),
    ],
)
def test_memory_comparison_bad_input(kwargs, error, name):
    with pytest.raises(error, match=rf"^{name}\b"):
        memory.memory_comparison(**kwargs)


def test_exact_gradient_checks_its_input():
    model = generators.x_generator_circuit(3, 3, seed=0)
    prepared = generators.prepare_gradient(model, [0.1, 0.2, 0.3])
    assert np.allclose(settings.exact_gradient(prepared.settings, 3), prepared.exact)
    with pytest.raises(TypeError, match=r"^settings\b"):
        settings.exact_gradient("abc", 3)
    with pytest.raises(TypeError, match=r"^settings\[0\]"):
        settings.exact_gradient([1], 3)
    with pytest.raises(ValueError, match=r"^M\b"):
        settings.exact_gradient(prepared.settings, 2)
