"""Tests of qbp_lessons.interop.devices: a device for a circuit, its gates in a QNode."""

import numpy as np
import pennylane as qml
import pytest

from qbp_lessons import interop
from qbp_lessons.engine import circuits as C


def test_a_device_from_a_name_has_the_circuit_wires():
    circ = C.random_circuit(3, 4, seed=1)
    dev = interop.device_for(circ, "default.qubit", None)
    assert len(dev.wires) == 3
    given = qml.device("default.qubit", wires=3)
    assert interop.device_for(circ, given, None) is given


def test_a_generator_seed_gives_one_stream_and_an_int_seed_repeats():
    circ = C.random_circuit(2, 3, seed=2)

    def draws(seed):
        dev = interop.device_for(circ, "default.qubit", seed)

        @qml.set_shots(shots=50)
        @qml.qnode(dev)
        def run():
            qml.Hadamard(0)
            return qml.sample(wires=[0])

        return np.asarray(run()).ravel()

    assert np.array_equal(draws(7), draws(7))
    gen = np.random.default_rng(7)
    first, second = draws(gen), draws(gen)
    assert not np.array_equal(first, second)  # 2^-50 chance of a false alarm


def test_bad_devices_and_seeds_are_named():
    circ = C.random_circuit(2, 3, seed=2)
    with pytest.raises(TypeError, match=r"^device"):
        interop.device_for(circ, 5, None)
    with pytest.raises((TypeError, ValueError), match=r"^seed"):
        interop.device_for(circ, "default.qubit", -1)


@pytest.mark.parametrize("seed", range(3))
def test_apply_gates_prepares_the_engine_state(seed):
    circ = C.random_circuit(4, 10, locality=3, seed=seed)
    theta = C.random_parameters(10, seed=seed)

    @qml.qnode(qml.device("default.qubit", wires=4))
    def run(angles):
        interop.apply_gates(circ, angles)
        return qml.state()

    assert np.max(np.abs(np.asarray(run(theta)) - C.state(circ, theta))) < 1e-12
