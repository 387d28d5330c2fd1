"""Chapter 6, shadow tomography: many expectation values from few copies, and its price.

The chapter's public face: a notebook imports this package and finds here
everything the chapter computes, in modules of their own: :mod:`.reduction` (a
gradient at theta = 0 is a list of Pauli expectations), :mod:`.snapshots` (random
Pauli measurements drawn by the Born rule), :mod:`.estimator` (classical shadows'
estimates), :mod:`.scans` (direct measurement and the copies each approach needs),
:mod:`.exact` (the strings asked about and their exact expectations) and
:mod:`.heisenberg` (the gradient as M expectations on one final state), with its
figures and explorers in :mod:`.show` and its exercises in :mod:`.exercises`.
"""

from qbp_lessons.lessons.shadows import exercises, show, snapshots
from qbp_lessons.lessons.shadows.snapshots import (
    RECIPE_LETTERS,
    BASIS_ROTATIONS,
    MAX_SNAPSHOTS,
    MAX_SNAPSHOT_AMPLITUDES,
    MAX_SNAPSHOT_WORK,
    check_recipes,
    snapshot_outcomes,
    random_pauli_snapshots,
)
from qbp_lessons.lessons.shadows.exact import (
    MAX_PAULIS,
    check_paulis,
    all_paulis,
    exact_expectations,
)
from qbp_lessons.lessons.shadows.reduction import (
    ANCILLA_ANGLE,
    reduction_circuit_core,
    reduction_circuit,
    reduction_parameters,
    expectations_by_gradient,
)
from qbp_lessons.lessons.shadows.heisenberg import (
    HEISENBERG_MAX_QUBITS,
    HEISENBERG_MAX_GATES,
    heisenberg_observables,
    observable_matrix,
    heisenberg_gradient,
)
from qbp_lessons.lessons.shadows.estimator import (
    MAX_WEIGHT,
    Shadow,
    measure_shadow,
    segment_sums,
    estimate_paulis_core,
    estimate_paulis,
    running_estimates,
    overlap_estimate,
)
from qbp_lessons.lessons.shadows.scans import (
    direct_estimates,
    samples_needed,
    SampleScan,
    sample_scan,
)

__all__ = [
    "RECIPE_LETTERS",
    "BASIS_ROTATIONS",
    "MAX_SNAPSHOTS",
    "MAX_SNAPSHOT_AMPLITUDES",
    "MAX_SNAPSHOT_WORK",
    "check_recipes",
    "snapshot_outcomes",
    "random_pauli_snapshots",
    "MAX_PAULIS",
    "MAX_WEIGHT",
    "ANCILLA_ANGLE",
    "reduction_circuit_core",
    "reduction_circuit",
    "reduction_parameters",
    "expectations_by_gradient",
    "HEISENBERG_MAX_QUBITS",
    "HEISENBERG_MAX_GATES",
    "heisenberg_observables",
    "observable_matrix",
    "heisenberg_gradient",
    "check_paulis",
    "all_paulis",
    "exact_expectations",
    "Shadow",
    "measure_shadow",
    "segment_sums",
    "estimate_paulis_core",
    "estimate_paulis",
    "running_estimates",
    "direct_estimates",
    "samples_needed",
    "overlap_estimate",
    "SampleScan",
    "sample_scan",
    "snapshots",
    "show",
    "exercises",
]
