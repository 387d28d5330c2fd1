"""A good call of every public callable: the starting point the sweep spoils one argument of.

``good_call(name)`` returns keyword arguments that make ``name`` succeed quickly. They come
from a default per parameter name (``BY_NAME``), overridden per callable (``BY_CALLABLE``);
a record class gets the fields of an instance that the package itself returned during the
good calls (``record_examples``), so its example is real, not invented here.

A new public function with a parameter name this file does not know fails the sweep's
first test until it gets a good call here: nothing ships unchecked.
"""

from __future__ import annotations

import inspect

import numpy as np

from qbp_lessons.engine import circuits as C
from qbp_lessons.engine import paulis as Pa
from qbp_lessons.engine import qinfo, sampling
from qbp_lessons.engine.ledger import Ledger


def _circuit(n=2, M=4, seed=0):
    return C.random_circuit(n, M, seed=seed)


def _theta(M=4, seed=1):
    return C.random_parameters(M, seed=seed)


def _psi(n=2, seed=2):
    return qinfo.random_state(n, seed=seed)


def _rho(n=2, seed=3):
    return qinfo.random_density(n, seed=seed)


def _network():
    from qbp_lessons.lessons.backprop import network

    widths = [3, 4, 2]
    params = network.init_network(widths, seed=0)
    X, Y = network.make_data(widths, 5, seed=1)
    return widths, params, X, Y


def _tape():
    from qbp_lessons.lessons.backprop import passes

    _, params, X, Y = _network()
    return passes.forward(params, X, Y)[1]


def _shadow(n=2, snapshots=50):
    from qbp_lessons.lessons.shadows import estimator

    return estimator.measure_shadow(_psi(n), snapshots, seed=4)


def _commuting_model():
    from qbp_lessons.lessons.commuting import generators

    return generators.x_generator_circuit(3, 3, seed=0)


def _commuting_prepared():
    from qbp_lessons.lessons.commuting import generators

    return generators.prepare_gradient(_commuting_model(), [0.1, 0.2, 0.3])


def _block_model():
    from qbp_lessons.lessons.commuting import blocks

    return blocks.two_block_example(2)


def _spsa_scan():
    from qbp_lessons.lessons.spsa import compute

    return compute.error_scan([2, 4], [1, 2], reps=4, n=2, seed=0)


def _currency():
    from qbp_lessons.lessons.spsa import currency

    model = currency.shot_model(_circuit(), _theta(), 0.5, [0.1, 0.3], samples=100, seed=0)
    return model, currency.shots_to_target(_circuit(), _theta(), 0.5, [0.1], reps=2, seed=0)


def _accuracy_scan():
    from qbp_lessons.lessons.param_shift import scans

    return scans.shots_for_accuracy([2, 4], 0.5, n=2, reps=2, seed=0)


def _shot_scan():
    from qbp_lessons.lessons.param_shift import scans

    return scans.error_vs_shots(_circuit(), _theta(), [10, 100], reps=4, seed=0)


def _shots_scan():
    from qbp_lessons.lessons.commuting import scans

    return scans.shots_for_accuracy([2, 3], eps=0.5, delta=0.2, n=3, reps=10, seed=0)


def _sample_scan():
    from qbp_lessons.lessons.shadows import exact, scans

    paulis = exact.all_paulis(2, 1)
    return scans.sample_scan(_psi(), paulis, [2, 6], 0.5, 0.2, runs=3, seed=0)


def _collapse_scan(first="Z", second="X"):
    from qbp_lessons.lessons.collapse import sequential

    return sequential.collapse_scan([_psi(1), _psi(1, 5)], first, second, 20, seed=0)


def _run(method="param_shift"):
    from qbp_lessons import training

    return training.train(_circuit(), _theta(), method, iterations=3, seed=0)


def _simulator_costs():
    from qbp_lessons.lessons.rotations import simulator

    return simulator.measure_simulator_costs(2, 4, repeats=1, budget=0.01, memory=False)


def _memory():
    from qbp_lessons.lessons.backprop import memory

    return memory.measure_memory([3, 4, 2], batch=4)


def _omega():
    from qbp_lessons.lessons.backprop import omega

    return omega.measure_omega([3, 4, 2], batch=4, repeats=1, include_autograd=False)


def _weak_scan():
    from qbp_lessons.lessons.collapse import weak

    return weak.weak_measurement_scan([0.3, 1.0], [0.0, 0.5])


def _figure():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(2, 2))
    return fig, ax


def _sin(x):
    return float(np.sin(x))


def _axis():
    from qbp_lessons.show import frames

    return frames.Axis("M", "M", [1, 2, 3])


def _layer(axes=("M",)):
    from qbp_lessons.show import frames

    return frames.Layer(lambda M: f"<p>{M}</p>", tuple(axes))


#: A good value for each parameter name (a factory, so that no call sees another's object).
BY_NAME = {
    "M": lambda: 4,
    "figsize": lambda: (6.0, 4.0),
    "eps": lambda: 0.1,
    "n": lambda: 2,
    "circuit": _circuit,
    "theta": _theta,
    "theta0": _theta,
    "psi": _psi,
    "phi": lambda: _psi(2, 9),
    "params": lambda: _network()[1],
    "X": lambda: _network()[2],
    "Y": lambda: _network()[3],
    "widths": lambda: [3, 4, 2],
    "paulis": lambda: [Pa.pauli("ZI"), Pa.pauli("XX"), Pa.pauli("IY")],
    "p": lambda: Pa.pauli("XZ"),
    "q": lambda: Pa.pauli("ZZ"),
    "shots": lambda: 10,
    "rho": _rho,
    "sigma": lambda: _rho(2, 7),
    "x": lambda: 0.3,
    "ledger": Ledger,
    "k": lambda: 1,
    "f": lambda: _sin,
    "fn": lambda: lambda: None,
    "fns": lambda: [lambda: None],
    "model": _circuit,
    "shadow": _shadow,
    "basis": lambda: Pa.pauli("ZX"),
    "first": lambda: "Z",
    "second": lambda: "X",
    "name": lambda: "value",
    "delta": lambda: 0.1,
    "layers_per_qubit": lambda: 2,
    "prep": _circuit,
    "prep_theta": _theta,
    "L": lambda: 8,
    "method": lambda: "param_shift",
    "K": lambda: 2,
    "c": lambda: 0.1,
    "s": lambda: np.pi / 2,
    "keep": lambda: [0],
    "setting": lambda: sampling.setting(_psi(), "ZX"),
    "answer": lambda: 1.0,
    "value": lambda: 1.0,
    "recipes": lambda: np.array([[0, 1], [2, 0]]),
    "snapshots": lambda: 20,
    "control": lambda: 0,
    "target": lambda: 1,
    "scans": lambda: [_accuracy_scan()],
    "scan": _spsa_scan,
    "checkpoints": lambda: [5, 10],
    "time_f": lambda: 1.0,
    "memory_f": lambda: 1.0,
    "t": lambda: 0.4,
    "weight": lambda: 2,
    "kernel": lambda: __import__("qbp_lessons.engine.kernels", fromlist=["x"]).PauliKernel(
        Pa.pauli("XZ")
    ),
    "terms": lambda: [],
    "gates": lambda: [],
    "thetas": lambda: np.array([]),
    "spec": lambda: "XZ",
    "effect": lambda: np.diag([1.0, 0.0]),
    "a": lambda: np.eye(2) / 2,
    "obs": lambda: Pa.observable([(1.0, "ZZ"), (0.5, "XI")], 2),
    "outcome": lambda: 1,
    "outcomes": lambda: np.array([0, 3, 1]),
    "exercise": lambda: "3.1",
    "want": lambda: 2.0,
    "expected": lambda: lambda: 2.0,
    "seed": lambda: 0,
    "iterations": lambda: 5,
    "segment": lambda: 2,
    "batch": lambda: 4,
    "tape": _tape,
    "scheme": lambda: "central",
    "angles": lambda: np.array([0.0, 1.0, 2.0]),
    "angle": lambda: 0.7,
    "copies": lambda: 20,
    "M_values": lambda: [2, 4],
    "M_list": lambda: [2, 4],
    "rows": lambda: [("a", "b")],
    "runs": lambda: [_run()],
    "labels": lambda: ["a"],
    "nbytes": lambda: 1024,
    "notebook": lambda: "04_spsa.ipynb",
    "distinct_x_masks": lambda: 3,
    "budget_bytes": lambda: 1 << 20,
    "counts": lambda: np.array([3, 4, 2, 1]),
    "obj": lambda: [1, 2],
    "registry": lambda: __import__("qbp_lessons.exercises", fromlist=["x"]).registry(),
    "tracker": lambda: None,
    "device": lambda: "default.qubit",
    "bits": lambda: np.array([[0, 1], [1, 1]]),
    "A": lambda: 1.0,
    "z": lambda: np.array([0.0, 1.0]),
    "output": lambda: np.array([[0.5, 0.2]]),
    "h": lambda: 1e-5,
    "states": lambda: [_psi(1), _psi(1, 5)],
    "check": lambda: None,
    "result": lambda: None,
    "strength": lambda: 0.5,
    "strengths": lambda: [0.0, 0.5],
    "generators": lambda: ["XI", "IX"],
    "phase": lambda: 1.0 + 0.0j,
    "qubits": lambda: 2,
    "x0": lambda: 0.3,
    "shots_list": lambda: [10, 100],
    "shifts": lambda: np.array([0.5, 1.0]),
    "variance": lambda: np.array([2.0, 1.0]),
    "bound": lambda: np.array([2.0, 1.0]),
    "best": lambda: 1.0,
    "sweep": lambda: [_simulator_costs()],
    "costs_": _simulator_costs,
    "results": lambda: [_simulator_costs()],
    "bounds": lambda: np.array([0, 1, 3]),
    "groups": lambda: 1,
    "max_errors": lambda: np.array([[0.2, 0.1]]),
    "n_values": lambda: [2, 3],
    "seconds": lambda: [0.1, 0.2],
    "F": lambda: lambda th: float(np.sum(np.cos(th))),
    "deltas": lambda: np.array([[1.0, -1.0, 1.0, 1.0]]),
    "g": lambda: np.array([1.0, 2.0]),
    "noise_free": _spsa_scan,
    "widget": lambda: __import__("ipywidgets").HTML("x"),
    "methods": lambda: ["function", "param_shift"],
    "headline": lambda: ("param_shift", "function"),
    "ax": lambda: _figure()[1],
    "xlabel": lambda: "M",
    "ylabel": lambda: "time",
    "fig": lambda: _figure()[0],
    "axes": lambda: [_axis()],
    "figure": lambda: [_layer()],
    "reading": _layer,
    "top": lambda: 1.0,
    "bottom": lambda: 10.0,
    "width": lambda: 100,
    "height": lambda: 50,
    "shapes": lambda: [],
    "text": lambda: "hello",
    "measurements": lambda: [_omega()],
    "anticommuting": lambda: _collapse_scan("Z", "X"),
    "commuting": lambda: _collapse_scan("Z", "Z"),
    "hidden": lambda: _sin,
}


def _widths_circuit():
    return {"circuit": _circuit(), "theta": _theta()}


def _k_prep():
    return {"prep": C.Circuit(2, ["XI", "IY"]), "prep_theta": [0.3, 0.4]}


#: Good calls where a parameter's default by name does not fit (merged over BY_NAME).
def _basics_spread():
    from qbp_lessons.lessons.basics import compute

    return compute.shot_spread([0.0, 0.5], [10, 40], repetitions=5, seed=0)


def _outlook_scan(observable="global", depth="shallow"):
    from qbp_lessons.lessons.outlook import compute

    return compute.plateau_scan([2, 3, 4], observable, depth, repetitions=4, seed=0)


BY_CALLABLE = {
    "qbp_lessons.costs.circuits.simulator_gate_applications": lambda: {"method": "adjoint"},
    "qbp_lessons.costs.compare.gradient_time": lambda: {"method": "param_shift"},
    "qbp_lessons.costs.collapse.cnot_copy_fidelities": lambda: {"angle": 0.7},
    "qbp_lessons.costs.units.ceil_count": lambda: {"x": 2.5},
    "qbp_lessons.engine.circuits.Circuit": lambda: {"n": 2, "generators": ("XI", "ZY")},
    "qbp_lessons.engine.circuits.apply_rotation": lambda: {"t": 0.3},
    "qbp_lessons.engine.kernels.KernelCache": lambda: {"n": 2},
    "qbp_lessons.engine.kernels.rotate": lambda: {"c": 0.6, "s": 0.8},
    "qbp_lessons.engine.kernels.run": lambda: {"gates": [], "thetas": np.array([])},
    "qbp_lessons.engine.kernels.PauliKernel": lambda: {"p": Pa.pauli("XZ")},
    "qbp_lessons.engine.paulis.PauliString": lambda: {"label": "XZ"},
    "qbp_lessons.show.selfcheck.questions": lambda: {"chapter": "01_classical_backprop"},
    "qbp_lessons.show.selfcheck.self_check": lambda: {"chapter": "01_classical_backprop"},
    "qbp_lessons.engine.paulis.pauli_matrix": lambda: {"p": "XZ"},
    "qbp_lessons.engine.paulis.Observable": lambda: {"terms": ((1.0, Pa.pauli("ZZ")),)},
    "qbp_lessons.engine.paulis.observable": lambda: {"spec": [(1.0, "ZZ")], "n": 2},
    "qbp_lessons.engine.qinfo.partial_trace_core": lambda: {"rho": _rho(), "keep": [0]},
    "qbp_lessons.engine.qinfo.check_effect": lambda: {"effect": np.diag([1.0, 0.0])},
    "qbp_lessons.engine.qinfo.bloch_vector": lambda: {"rho": _rho(1)},
    "qbp_lessons.engine.sampling.bits_of": lambda: {"outcomes": [0, 3, 1], "n": 2},
    "qbp_lessons.engine.sampling.eigenvalues": lambda: {"p": "ZI", "basis": "ZX"},
    "qbp_lessons.engine.sampling.estimate": lambda: {
        "counts": np.array([3, 4, 2, 1]),
        "paulis": ["ZI", "IX"],
    },
    "qbp_lessons.engine.sampling.measurement_groups": lambda: {
        "obs": Pa.observable([(1.0, "ZZ"), (0.5, "XI")], 2)
    },
    "qbp_lessons.engine.sampling.project_pauli": lambda: {"p": "ZI", "outcome": 1},
    "qbp_lessons.engine.sampling.Setting": lambda: {
        "basis": Pa.pauli("ZX"),
        "probs": np.full(4, 0.25),
    },
    "qbp_lessons.engine.measure.best_time": lambda: {"repeats": 1, "min_seconds": 0.001},
    "qbp_lessons.engine.measure.best_times": lambda: {"repeats": 1, "min_seconds": 0.001},
    "qbp_lessons.exercises.checker.Verdict": lambda: {"status": "correct"},
    "qbp_lessons.exercises.checker.Exercise": lambda: {
        "question": "q",
        "judge": lambda answer: None,
        "hints": ("h",),
    },
    "qbp_lessons.exercises.checker.is_near": lambda: {"value": 1.0, "want": 1.0},
    "qbp_lessons.exercises.checker.number_verdict": lambda: {"value": 1.0, "want": 1.0},
    "qbp_lessons.exercises.checker.call_student": lambda: {"fn": lambda: 1.0},
    "qbp_lessons.exercises.checker.exact_int": lambda: {"expected": lambda: 2},
    "qbp_lessons.exercises.checker.run_check": lambda: {"exercise": "3.1", "answer": 1.0},
    "qbp_lessons.exercises.check": lambda: {"exercise": "3.1", "answer": 1.0},
    "qbp_lessons.interop.circuits.pennylane_op": lambda: {"p": Pa.pauli("XZ")},
    "qbp_lessons.interop.circuits.tracker_ledger": lambda: {"tracker": _tracker()},
    "qbp_lessons.interop.qinfo.pennylane_collapse": lambda: {"psi": _psi(1), "outcome": 1},
    "qbp_lessons.interop.sampling.pennylane_samples": lambda: {"basis": "ZX"},
    "qbp_lessons.interop.shadows.pennylane_shadow_expval": lambda: {
        "recipes": np.array([[0, 1], [2, 0]]),
        "bits": np.array([[0, 1], [1, 1]]),
        "paulis": ["ZI", "IX"],
    },
    "qbp_lessons.interop.spsa.spsa_optimizer_pennylane": lambda: {
        "iterations": 2,
        "a": 0.1,
        "c": 0.1,
        "A": 1.0,
    },
    "qbp_lessons.lessons.backprop.checkpointing.check_segment": lambda: {"segment": 2, "L": 8},
    "qbp_lessons.lessons.backprop.memory.check_memory_size": lambda: {"batch": 4},
    "qbp_lessons.lessons.backprop.memory.measure_memory": lambda: {"batch": 4},
    "qbp_lessons.lessons.backprop.memory.sweep_memory": lambda: {
        "depths": (2,),
        "batches": (4,),
        "width": 4,
    },
    "qbp_lessons.lessons.backprop.omega.measure_omega": lambda: {
        "batch": 4,
        "repeats": 1,
        "include_autograd": False,
    },
    "qbp_lessons.lessons.backprop.omega.sweep_omega": lambda: {
        "sizes": [[3, 4, 2]],
        "batch": 4,
        "repeats": 1,
        "include_autograd": False,
    },
    "qbp_lessons.lessons.backprop.omega.network_sizes": lambda: {"n_sizes": 3},
    "qbp_lessons.lessons.backprop.network.sigmoid": lambda: {"z": np.array([0.0, 1.0])},
    "qbp_lessons.lessons.backprop.network.unflatten": lambda: {
        "theta": np.zeros(20),
        "widths": [3, 4, 2],
    },
    "qbp_lessons.lessons.backprop.network.unflatten_core": lambda: {
        "theta": np.zeros(20),
        "widths": [3, 4, 2],
    },
    "qbp_lessons.lessons.backprop.passes.squared_error": lambda: {
        "output": np.zeros((2, 5)),
        "Y": _network()[3],
    },
    "qbp_lessons.lessons.backprop.references.default_step": lambda: {"scheme": "central"},
    "qbp_lessons.lessons.backprop.references.grad_finite_difference_core": lambda: {
        "h": 1e-5,
        "scheme": "central",
    },
    "qbp_lessons.lessons.backprop.show.omega_figure": lambda: {"measurements": [_omega()]},
    "qbp_lessons.lessons.backprop.show.memory_figure": lambda: {"measurements": [_memory()]},
    "qbp_lessons.lessons.collapse.cloning.cnot_core": lambda: {"psi": _psi()},
    "qbp_lessons.lessons.collapse.cloning.copy_attempt": lambda: {"psi": _psi(1)},
    "qbp_lessons.lessons.collapse.cloning.copy_report": lambda: {"psi": _psi(1)},
    "qbp_lessons.lessons.collapse.cloning.linearity_check": lambda: {"pairs": 10},
    "qbp_lessons.lessons.collapse.gentle.measure_effect": lambda: {
        "rho": _rho(1),
        "effect": np.diag([0.9, 0.1]),
    },
    "qbp_lessons.lessons.collapse.gentle.gentle_measurement_check": lambda: {"cases": 20},
    "qbp_lessons.lessons.collapse.gentle.union_bound_check": lambda: {"cases": 20},
    "qbp_lessons.lessons.collapse.gentle.tight_gentle_case": lambda: {"eps": 0.1},
    "qbp_lessons.lessons.collapse.sequential.sequential_exact": lambda: {"psi": _psi(1)},
    "qbp_lessons.lessons.collapse.sequential.sequential_sample": lambda: {"psi": _psi(1)},
    "qbp_lessons.lessons.collapse.show.copy_figure": lambda: {
        "scan": __import__("qbp_lessons.lessons.collapse.cloning", fromlist=["x"]).copy_scan(
            [0.0, 1.0]
        )
    },
    "qbp_lessons.lessons.collapse.show.gentle_figure": lambda: {
        "check": __import__(
            "qbp_lessons.lessons.collapse.gentle", fromlist=["x"]
        ).gentle_measurement_check(20, seed=0)
    },
    "qbp_lessons.lessons.collapse.show.bloch_collapse_figure": lambda: {
        "measurements": list(_weak_scan().results[0])
    },
    "qbp_lessons.lessons.collapse.show.weak_reading": lambda: {
        "result": _weak_scan().results[0][0]
    },
    "qbp_lessons.lessons.collapse.show.weak_explorer": lambda: {"scan": _weak_scan()},
    "qbp_lessons.lessons.collapse.weak.weak_measurement": lambda: {"rho": _rho(1)},
    "qbp_lessons.lessons.collapse.weak.weak_measurement_scan": lambda: {
        "angles": [0.3, 1.0],
        "strengths": [0.0, 0.5],
    },
    "qbp_lessons.lessons.commuting.blocks.BlockCircuit": lambda: {
        "n": 2,
        "blocks": (("XI",), ("ZZ",)),
    },
    "qbp_lessons.lessons.commuting.blocks.block_grad_shots": lambda: {
        "model": _block_model(),
        "theta": _theta(_block_model().M),
    },
    "qbp_lessons.lessons.commuting.blocks.merged_block_gradient": lambda: {
        "model": _block_model(),
        "theta": _theta(_block_model().M),
    },
    "qbp_lessons.lessons.commuting.generators.CommutingCircuit": lambda: {
        "n": 2,
        "generators": ("XI", "IX"),
    },
    "qbp_lessons.lessons.commuting.generators.parse_generators": lambda: {
        "generators": ["XI", "IX"],
    },
    "qbp_lessons.lessons.commuting.generators.gradient_observables": lambda: {
        "model": _commuting_model()
    },
    "qbp_lessons.lessons.commuting.generators.prepare_gradient": lambda: {
        "model": _commuting_model(),
        "theta": _theta(3),
    },
    "qbp_lessons.lessons.commuting.generators.commuting_grad_shots": lambda: {
        "model": _commuting_model(),
        "theta": _theta(3),
    },
    "qbp_lessons.lessons.commuting.generators.x_generator_circuit": lambda: {"n": 3, "M": 3},
    "qbp_lessons.lessons.commuting.scans.shots_for_accuracy": lambda: {
        "M_values": [2, 3],
        "eps": 0.5,
        "delta": 0.2,
        "n": 3,
        "reps": 10,
    },
    "qbp_lessons.lessons.commuting.settings.require_commuting": lambda: {
        "paulis": ["XI", "IX"],
    },
    "qbp_lessons.lessons.commuting.settings.diagonalise": lambda: {"paulis": ["XX", "ZZ"]},
    "qbp_lessons.lessons.commuting.settings.anticommuting_pairs": lambda: {
        "paulis": ["XX", "ZI", "YY"],
    },
    "qbp_lessons.lessons.commuting.settings.gradient_setting": None,  # see _gradient_setting
    "qbp_lessons.lessons.commuting.settings.exact_gradient": lambda: {
        "settings": list(_commuting_prepared().settings),
        "M": _commuting_model().M,
    },
    "qbp_lessons.lessons.commuting.memory.memory_comparison": lambda: {"n": 4, "M": 4, "shots": 10},
    "qbp_lessons.lessons.commuting.show.block_circuit_figure": lambda: {"model": _block_model()},
    "qbp_lessons.lessons.commuting.blocks.hadamard_test_gates": lambda: {
        "model": _block_model(),
        "block": 0,
    },
    "qbp_lessons.lessons.commuting.show.shots_figure": lambda: {"scan": _shots_scan()},
    "qbp_lessons.lessons.commuting.show.training_figure": lambda: {
        "runs": [_run()],
        "labels": ["parameter shift"],
    },
    "qbp_lessons.lessons.commuting.show.shots_reading": lambda: {"M": 3, "eps": 0.5},
    "qbp_lessons.lessons.commuting.show.commuting_explorer": lambda: {
        "scan": _shots_scan(),
        "eps_values": (0.5,),
        "delta_values": (0.2,),
    },
    "qbp_lessons.lessons.param_shift.gradients.shift_variance": lambda: {"s": 0.7},
    "qbp_lessons.lessons.param_shift.gradients.best_shift": lambda: {"points": 11},
    "qbp_lessons.lessons.param_shift.gradients.shift_estimates": lambda: {
        "k": 1,
        "s": 0.7,
    },
    "qbp_lessons.lessons.param_shift.rules.shift_rule_scan": lambda: {"x0": 0.3, "points": 11},
    "qbp_lessons.lessons.param_shift.rules.controlled_rotation": lambda: {
        "control": 0,
        "p": "IX",
        "n": 2,
    },
    "qbp_lessons.lessons.param_shift.scans.error_vs_shots": lambda: {
        "shots_list": [10, 100],
        "reps": 4,
    },
    "qbp_lessons.lessons.param_shift.scans.shots_for_accuracy": lambda: {
        "M_list": [2, 4],
        "eps": 0.5,
        "n": 2,
        "reps": 2,
    },
    "qbp_lessons.lessons.param_shift.scans.shots_needed": lambda: {
        "M_list": [2, 4],
        "eps": 0.5,
        "n": 2,
        "seeds": 20,
    },
    "qbp_lessons.lessons.param_shift.show.check_accuracy_scans": lambda: {
        "scans": [_accuracy_scan()]
    },
    "qbp_lessons.lessons.param_shift.show.accuracy_label": lambda: {"scan": _accuracy_scan()},
    "qbp_lessons.lessons.param_shift.show.shift_rule_figure": lambda: {
        "scan": __import__("qbp_lessons.lessons.param_shift.rules", fromlist=["x"]).shift_rule_scan(
            _sin, 0.3, points=11
        )
    },
    "qbp_lessons.lessons.param_shift.show.shot_noise_figure": lambda: {"scan": _shot_scan()},
    "qbp_lessons.lessons.param_shift.show.accuracy_figure": lambda: {"scans": [_accuracy_scan()]},
    "qbp_lessons.lessons.param_shift.show.accuracy_reading": lambda: {
        "scan": _accuracy_scan(),
        "M": 2,
    },
    "qbp_lessons.lessons.param_shift.show.accuracy_explorer": lambda: {"scans": [_accuracy_scan()]},
    "qbp_lessons.lessons.param_shift.structure.reduce_angles": lambda: {"theta": _theta()},
    "qbp_lessons.lessons.rotations.show.simulator_timing_figure": lambda: {
        "sweep": [_simulator_costs()]
    },
    "qbp_lessons.lessons.rotations.show.simulator_explorer": lambda: {
        "results": {(2, 4): _simulator_costs()}
    },
    "qbp_lessons.lessons.rotations.show.adjoint_sweep_figure": lambda: {"labels": ["a"]},
    "qbp_lessons.lessons.rotations.simulator.measure_simulator_costs": lambda: {
        "M": 4,
        "repeats": 1,
        "budget": 0.01,
        "memory": False,
    },
    "qbp_lessons.lessons.shadows.estimator.Shadow": lambda: {
        "recipes": np.array([[0, 1], [2, 0]]),
        "bits": np.array([[0, 1], [1, 1]]),
    },
    "qbp_lessons.lessons.shadows.estimator.segment_sums": lambda: {
        "paulis": [Pa.pauli("ZI"), Pa.pauli("IX")],
        "bounds": np.array([0, 20, 50]),
    },
    "qbp_lessons.lessons.shadows.estimator.estimate_paulis_core": lambda: {
        "paulis": [Pa.pauli("ZI"), Pa.pauli("IX")],
        "groups": 1,
    },
    "qbp_lessons.lessons.shadows.estimator.running_estimates": lambda: {
        "checkpoints": [10, 50],
    },
    "qbp_lessons.lessons.shadows.exact.all_paulis": lambda: {"weight": 1},
    "qbp_lessons.lessons.shadows.reduction.reduction_circuit_core": lambda: {
        **_k_prep(),
        "paulis": [Pa.pauli("ZI"), Pa.pauli("IX")],
    },
    "qbp_lessons.lessons.shadows.reduction.reduction_circuit": lambda: {
        **_k_prep(),
        "paulis": ["ZI", "IX"],
    },
    "qbp_lessons.lessons.shadows.reduction.reduction_parameters": lambda: {**_k_prep(), "M": 2},
    "qbp_lessons.lessons.shadows.reduction.expectations_by_gradient": lambda: {
        **_k_prep(),
        "paulis": ["ZI", "IX"],
    },
    "qbp_lessons.lessons.shadows.scans.direct_estimates": lambda: {"checkpoints": [5, 10]},
    "qbp_lessons.lessons.shadows.scans.samples_needed": lambda: {
        "checkpoints": [5, 10],
        "max_errors": np.array([[0.3, 0.1], [0.2, 0.05]]),
        "eps": 0.2,
    },
    "qbp_lessons.lessons.shadows.scans.sample_scan": lambda: {
        "paulis": ["ZI", "IX", "IY"],
        "M_values": [2, 3],
        "eps": 0.5,
        "delta": 0.2,
        "runs": 3,
    },
    "qbp_lessons.lessons.shadows.show.scan_figure": lambda: {"scan": _sample_scan()},
    "qbp_lessons.lessons.shadows.show.classical_cost_figure": lambda: {
        "n_values": [2, 3],
        "seconds": [0.1, 0.2],
        "nbytes": [100, 200],
    },
    "qbp_lessons.lessons.shadows.show.shadow_reading": lambda: {"M": 100, "k": 2},
    "qbp_lessons.lessons.shadows.show.single_copy_figure": lambda: {"n_values": (2, 3)},
    "qbp_lessons.lessons.shadows.show.gate_list_figure": lambda: {
        "circuit": C.Circuit(2, ["XI", "ZZ"]),
        "kinds": ["ancilla", "prep"],
        "labels": ["a", "b"],
        "wire_names": ["w0", "w1"],
    },
    "qbp_lessons.lessons.shadows.snapshots.check_recipes": lambda: {
        "recipes": np.array([[0, 1], [2, 0]]),
    },
    "qbp_lessons.lessons.shadows.snapshots.snapshot_outcomes": lambda: {
        "recipes": np.array([[0, 1], [2, 0]]),
    },
    "qbp_lessons.lessons.spsa.compute.spsa_grad_core": lambda: {
        "theta": np.zeros(4),
        "deltas": np.array([[1.0, -1.0, 1.0, 1.0]]),
    },
    "qbp_lessons.lessons.spsa.compute.spsa_error_variance": lambda: {"g": np.array([1.0, 2.0])},
    "qbp_lessons.lessons.spsa.compute.SpallGains": lambda: {"a": 0.1, "c": 0.1},
    "qbp_lessons.lessons.spsa.compute.error_scan": lambda: {
        "M_list": [2, 4],
        "K_list": [1, 2],
        "reps": 4,
        "n": 2,
    },
    "qbp_lessons.lessons.spsa.currency.shot_model": lambda: {
        "eps": 0.5,
        "c_values": [0.1],
        "samples": 100,
    },
    "qbp_lessons.lessons.spsa.currency.shots_to_target": lambda: {
        "eps": 0.5,
        "c_values": [0.1],
        "reps": 2,
    },
    "qbp_lessons.lessons.spsa.show.currency_figure": lambda: dict(
        zip(("model", "scan"), _currency())
    ),
    "qbp_lessons.lessons.spsa.show.error_figure": lambda: {"noise_free": _spsa_scan()},
    "qbp_lessons.lessons.spsa.show.directions_figure": lambda: {"M": [2, 4], "eps": 0.5},
    "qbp_lessons.lessons.spsa.show.training_figure": lambda: {"runs": [_run("spsa")]},
    "qbp_lessons.lessons.spsa.show.spsa_reading": lambda: {"M": 2, "K": 1, "eps": 0.5},
    "qbp_lessons.lessons.spsa.show.spsa_explorer": lambda: {"scan": _spsa_scan()},
    "qbp_lessons.show.book.kernel_note": lambda: {"notebook": "04_spsa.ipynb"},
    "qbp_lessons.show.book.glue": lambda: {"name": "sweep_value", "value": 1.0, "display": False},
    "qbp_lessons.show.cost_sliders.cost_reading": lambda: {
        "M": 4,
        "methods": ["function", "param_shift"],
        "headline": ("param_shift", "function"),
    },
    "qbp_lessons.show.figure_style.png_bytes": lambda: {"fig": _figure()[0], "dpi": 20},
    "qbp_lessons.show.format.format_number": lambda: {"x": 1234.5},
    "qbp_lessons.show.format.decade_above": lambda: {"x": 0.03},
    "qbp_lessons.show.format.format_seconds": lambda: {"t": 0.002},
    "qbp_lessons.show.frames.Axis": lambda: {"name": "M", "description": "M", "values": [1, 2]},
    "qbp_lessons.show.frames.Layer": lambda: {"render": lambda M: "x", "axes": ("M",)},
    "qbp_lessons.show.frames.marker_line": lambda: {"x": 10.0, "top": 5.0, "bottom": 50.0},
    "qbp_lessons.show.summary.summary_table": lambda: {
        "rows": [("3", "parameter shift", "2M circuits", "costs.param_shift")]
    },
    "qbp_lessons.show.book.show_source": lambda: {"*args": (_sin,)},
    "qbp_lessons.lessons.param_shift.show.shift_variance_figure": lambda: {
        "shifts": np.array([0.5, 0.7]),
        "variance": np.array([2.0, 1.0]),
        "bound": np.array([2.0, 1.0]),
        "best": (0.7, 1.0),
    },
    "qbp_lessons.lessons.shadows.show.shadow_explorer": lambda: {
        "M_values": (10, 100),
        "k_values": (1, 2),
        "eps_values": (0.1,),
        "delta_values": (0.1,),
        "default_M": 10,
        "default_k": 1,
    },
    "qbp_lessons.show.cost_sliders.cost_explorer": lambda: {
        "M_values": (10, 1000),
        "eps_values": (0.1,),
        "default_M": 10,
        "default_eps": 0.1,
    },
    "qbp_lessons.training.train": lambda: {"method": "param_shift", "iterations": 3},
    "qbp_lessons.training.TrainingRun": None,
    # chapter 0 (lessons.basics)
    "qbp_lessons.lessons.basics.compute.rotation_matrix": lambda: {"theta": 0.3},
    "qbp_lessons.lessons.basics.compute.shot_estimates": lambda: {"repetitions": 3},
    "qbp_lessons.lessons.basics.compute.shot_spread": lambda: {
        "expectations": [0.0, 0.5],
        "shots": [10, 40],
        "repetitions": 5,
    },
    "qbp_lessons.lessons.basics.show.spread_figure": lambda: {"spread": _basics_spread()},
    "qbp_lessons.lessons.basics.show.spread_reading": lambda: {
        "spread": _basics_spread(),
        "i": 0,
        "j": 1,
    },
    "qbp_lessons.lessons.basics.show.shot_explorer": lambda: {"spread": _basics_spread()},
    # chapter 8 (lessons.outlook)
    "qbp_lessons.costs.quantum_gradient.plateau_eps": lambda: {"n": 10},
    "qbp_lessons.costs.quantum_gradient.plateau_time": lambda: {"M": 10, "n": 10},
    "qbp_lessons.lessons.outlook.compute.inverse_qft": lambda: {
        "psi": np.ones(16) / 4,
        "registers": 2,
        "bits": 2,
    },
    "qbp_lessons.lessons.outlook.compute.jordan_gradient": lambda: {
        "f": lambda x: 0.25 * x[0] - 0.125 * x[1],
        "x0": [0.0, 0.0],
        "bits": 3,
    },
    "qbp_lessons.lessons.outlook.compute.layered_circuit": lambda: {
        "n": 3,
        "layers": 2,
        "observable": "local",
        "seed": 0,
    },
    "qbp_lessons.lessons.outlook.compute.plateau_scan": lambda: {
        "ns": [2, 3],
        "observable": "local",
        "depth": "shallow",
        "repetitions": 3,
    },
    "qbp_lessons.lessons.outlook.compute.fit_log2_chi2_per_dof": lambda: {
        "ns": [2, 3, 4],
        "variances": [0.5, 0.25, 0.125],
        "standard_errors": [0.05, 0.025, 0.0125],
    },
    "qbp_lessons.lessons.outlook.compute.fit_log2_slope": lambda: {
        "ns": [2, 3, 4],
        "variances": [0.5, 0.25, 0.125],
        "standard_errors": [0.05, 0.025, 0.0125],
    },
    "qbp_lessons.lessons.outlook.show.cost_figure": lambda: {"eps": 0.1, "M_max": 100},
    "qbp_lessons.lessons.outlook.show.variance_figure": lambda: {"scans": [_outlook_scan()]},
    "qbp_lessons.lessons.outlook.show.plateau_reading": lambda: {"scan": _outlook_scan(), "i": 0},
    "qbp_lessons.lessons.outlook.show.plateau_explorer": lambda: {"scans": [_outlook_scan()]},
}


def _tracker():
    import pennylane as qml

    from qbp_lessons.interop import circuits as interop

    circuit = _circuit()
    qnode = interop.to_qnode(circuit)
    with qml.Tracker(qnode.device) as tracker:
        qnode(_theta())
    return tracker


def defaults(name: str, fn) -> dict:
    """The good call's keyword arguments: overrides first, then a default per required name."""
    override = BY_CALLABLE.get(name)
    given = override() if override is not None else {}
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):
        return given
    kwargs = {"*args": given["*args"]} if "*args" in given else {}
    for param in signature.parameters.values():
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        if param.name in given:
            kwargs[param.name] = given[param.name]
        elif param.default is param.empty:
            if param.name not in BY_NAME:
                raise KeyError(f"{name}: no good value for required parameter {param.name!r}")
            kwargs[param.name] = BY_NAME[param.name]()
    return kwargs
