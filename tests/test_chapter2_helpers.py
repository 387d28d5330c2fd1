"""The presentation helpers chapter 2 adds to qbp_lessons.widgets and qbp_lessons.plots.

Timings are not asserted (they belong to benchmarks/); what is checked is what
does not depend on the machine: exact gate counts, statevector sizes, the memory
measured in statevectors, the widget's behaviour at every corner its sliders
allow, and input errors that name the parameter.
"""

from __future__ import annotations

import ipywidgets as W
import matplotlib
import pytest

from qbp_lessons import circuits, plots
from qbp_lessons import widgets as qw


@pytest.mark.parametrize("nbytes, text", [(0, "0 B"), (1000, "1000 B"), (1024, "1 KiB"), (16 * 2**10, "16 KiB"),
                                          (1.5 * 2**30, "1.5 GiB"), (16 * 2**50, "16 PiB")])
def test_format_bytes(nbytes, text):
    assert qw.format_bytes(nbytes) == text


@pytest.mark.parametrize("nbytes, error", [("16", TypeError), (None, TypeError), (True, TypeError),
                                           (-1, ValueError), (float("inf"), ValueError)])
def test_format_bytes_rejects_bad_input(nbytes, error):
    with pytest.raises(error, match="^nbytes "):
        qw.format_bytes(nbytes)


@pytest.fixture(scope="module")
def small():
    return qw.measure_simulator_costs(6, 12, seed=3, repeat=1, budget=0.05)


def test_measured_costs_count_gates_exactly(small):
    # forward pass: M rotations + 1 observable term; adjoint: 3M + 1; inserted: M + M^2 rotations and M + 1 Paulis
    M = 12
    assert small.gates == {"forward": M + 1, "adjoint": 3 * M + 1, "inserted": M + M * M + M + 1}
    assert small.statevector_bytes == 16 * 2**6
    assert small.n == 6 and small.M == M and small.inserted_measured
    assert all(t > 0 for t in small.seconds.values()) and small.omega > 0


def test_measured_memory_is_a_few_statevectors():
    # at 12 qubits a statevector (64 KiB) dominates the M-float arrays, so the peaks count statevectors
    big = qw.measure_simulator_costs(12, 10, seed=0, repeat=1, budget=0.05)
    states = {m: big.peak_bytes[m] / big.statevector_bytes for m in ("forward", "adjoint")}
    assert 1.5 < states["forward"] < 2.5, states
    assert 2.5 < states["adjoint"] < 3.5, states


def test_reading_names_every_method(small):
    text = qw.simulator_reading(small)
    assert "n = 6" in text or "6 qubits" in text
    for word in ("adjoint", "inserted"):
        assert word in text


@pytest.mark.parametrize("kwargs, error, name", [
    (dict(n=0, M=10), ValueError, "n"), (dict(n=circuits.MAX_QUBITS + 1, M=10), ValueError, "n"),
    (dict(n=4, M=0), ValueError, "M"), (dict(n="4", M=10), TypeError, "n"), (dict(n=4, M=10, repeat=0), ValueError, "repeat"),
    (dict(n=4, M=10, budget=-1.0), ValueError, "budget")])
def test_measure_rejects_bad_input(kwargs, error, name):
    with pytest.raises(error, match=f"^{name} "):
        qw.measure_simulator_costs(**kwargs)


def test_reading_rejects_wrong_type():
    with pytest.raises(TypeError, match="costs_"):
        qw.simulator_reading({"n": 4})


def test_explorer_runs_at_every_corner_its_sliders_allow():
    """No point the sliders allow shows an error instead of a reading (the corners are the extremes)."""
    box = qw.simulator_explorer(n=4, M=20, n_range=(2, 14), M_range=(10, 1000))
    n_slider, M_slider, view = box.children
    assert isinstance(n_slider, W.IntSlider) and isinstance(M_slider, W.IntSlider)
    assert (n_slider.min, n_slider.max, M_slider.min, M_slider.max) == (2, 14, 10, 1000)
    for n, M in [(2, 10), (2, 1000), (14, 10), (14, 1000)]:
        n_slider.value, M_slider.value = n, M
        assert "Could not measure" not in view.value, (n, M, view.value)
        assert "adjoint" in view.value


@pytest.mark.parametrize("kwargs, error, name", [
    (dict(n=20, M=100), ValueError, "default"), (dict(n_range=(2, 40)), ValueError, "n_range"),
    (dict(M_range=(100, 10)), ValueError, "M_range"), (dict(M_step=0), ValueError, "M_step")])
def test_explorer_rejects_bad_input(kwargs, error, name):
    with pytest.raises(error, match=name):
        qw.simulator_explorer(**kwargs)


def test_timing_figure_has_labelled_log_axes(small):
    fig = plots.simulator_timing_figure([small, qw.measure_simulator_costs(6, 24, seed=3, repeat=1, budget=0.05)])
    assert isinstance(fig, matplotlib.figure.Figure)
    for ax in fig.axes:
        assert ax.get_xlabel() and ax.get_ylabel()
        assert ax.get_xscale() == "log"
