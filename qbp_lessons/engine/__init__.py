"""The simulator: Pauli strings, statevector circuits and their gradients, Born-rule sampling.

Everything the chapters run goes through here, and the code that applies a gate
or draws a shot writes it into a :class:`Ledger`. The engine imports only itself
and :mod:`qbp_lessons._validate`.

* :mod:`.paulis`    Pauli strings and observables (chapter 2)
* :mod:`.ledger`    what was done, counted by the code that did it
* :mod:`.circuits`  Pauli-rotation circuits on statevectors, and their gradients
* :mod:`.sampling`  measurement settings, shots and post-measurement states
* :mod:`.qinfo`     density matrices, partial trace, trace distance, fidelity (chapter 5)
* :mod:`.measure`   the one clock and the one memory meter
"""

from qbp_lessons.engine import circuits, ledger, measure, paulis, qinfo, sampling
from qbp_lessons.engine.paulis import (MAX_QUBITS, MAX_WIRES, MAX_TERMS, PauliString, pauli,
    multiply, commutes, qubitwise_commutes, pauli_matrix, Observable, observable)
from qbp_lessons.engine.ledger import (Ledger, check_ledger)
from qbp_lessons.engine.circuits import (MAX_GATES, Circuit, check_circuit, apply_pauli,
    apply_rotation, zero_state, check_state, reduce_angles, state, expval, term_expvals,
    grad_inserted, grad_adjoint, grad_finite_difference, hadamard_test_state, random_pauli,
    random_circuit, random_parameters, light_cone)
from qbp_lessons.engine.sampling import (MAX_SHOTS, Setting, setting, prepare, sample_counts,
    sample_bitstrings, bits_of, eigenvalues, estimate, measurement_groups, expval_shots,
    pauli_probabilities, measure_pauli, project_pauli, RECIPE_LETTERS, BASIS_ROTATIONS,
    MAX_SNAPSHOTS, qubits_of, check_recipes, snapshot_outcomes, random_pauli_snapshots)
from qbp_lessons.engine.qinfo import (MAX_DM_QUBITS, TOLERANCE, check_density, check_effect,
    check_ket, density_matrix, operator_sqrt, partial_trace, trace_distance, fidelity, purity,
    bloch_vector, random_state, random_density, random_effect)
from qbp_lessons.engine.measure import (CLOCK, CLOCK_NAME, best_times, best_time, peak_bytes)

__all__ = ["MAX_QUBITS", "MAX_WIRES", "MAX_TERMS", "PauliString", "pauli", "multiply",
    "commutes", "qubitwise_commutes", "pauli_matrix", "Observable", "observable", "Ledger",
    "check_ledger", "MAX_GATES", "Circuit", "check_circuit", "apply_pauli", "apply_rotation",
    "zero_state", "check_state", "reduce_angles", "state", "expval", "term_expvals",
    "grad_inserted", "grad_adjoint", "grad_finite_difference", "hadamard_test_state",
    "random_pauli", "random_circuit", "random_parameters", "light_cone", "MAX_SHOTS", "Setting",
    "setting", "prepare", "sample_counts", "sample_bitstrings", "bits_of", "eigenvalues",
    "estimate", "measurement_groups", "expval_shots", "pauli_probabilities", "measure_pauli",
    "project_pauli", "RECIPE_LETTERS", "BASIS_ROTATIONS", "MAX_SNAPSHOTS", "qubits_of",
    "check_recipes", "snapshot_outcomes", "random_pauli_snapshots", "MAX_DM_QUBITS", "TOLERANCE",
    "check_density", "check_effect", "check_ket", "density_matrix", "operator_sqrt",
    "partial_trace", "trace_distance", "fidelity", "purity", "bloch_vector", "random_state",
    "random_density", "random_effect", "CLOCK", "CLOCK_NAME", "best_times", "best_time",
    "peak_bytes", "paulis", "ledger", "circuits", "sampling", "qinfo", "measure"]
