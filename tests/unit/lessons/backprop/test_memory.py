"""Tests of qbp_lessons.lessons.backprop.memory (chapter 1): omega2 across depth and batch, plain
and checkpointed, the tape's bytes, and checks that fail before anything large is built.
"""

import time

import pytest

from qbp_lessons import costs
from qbp_lessons.lessons import backprop as cl
from qbp_lessons.lessons.backprop import memory


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
    start = time.process_time()
    with pytest.raises(error, match=rf"\b{name}\b"):
        call()
    assert time.process_time() - start < 1.0


def test_sweep_memory_checks_every_size_before_measuring(monkeypatch):
    calls = []
    monkeypatch.setattr(memory, "measure_memory", lambda *a, **k: calls.append(a))
    with pytest.raises(ValueError, match="batch"):
        memory.sweep_memory(depths=(2, 4), batches=(16, 10**6), width=64)
    assert calls == []
