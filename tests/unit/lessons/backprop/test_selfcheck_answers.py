"""Chapter 1's self-check answers, recomputed by the code that does the work."""

from __future__ import annotations

from qbp_lessons.lessons import backprop
from qbp_lessons.show.selfcheck import questions


def _numeric(text_start):
    items = questions("01_classical_backprop")
    (item,) = [q for q in items if q["question"].startswith(text_start)]
    return item


def test_peak_of_a_checkpointed_12_layer_network_is_counted_by_the_gradient():
    item = _numeric("A 12-layer network")
    (right,) = [a for a in item["answers"] if a.get("correct") is True]
    (tape,) = [a for a in item["answers"] if a["type"] == "range"]
    widths = [2] * 13
    counted = backprop.grad_checkpointed(
        backprop.init_network(widths), *backprop.make_data(widths, 1), 5
    )
    plain = backprop.forward(backprop.init_network(widths), *backprop.make_data(widths, 1))[1]
    assert right["value"] == counted.peak_stored_layers
    assert tape["range"] == [len(plain.activations)] * 2
