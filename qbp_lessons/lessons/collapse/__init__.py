"""Chapter 5, no-cloning and measurement collapse: why quantum activations cannot be reused.

The chapter's public face: a notebook imports this package and finds here
everything the chapter computes, with its figures and explorers in :mod:`.show` and
its exercises in :mod:`.exercises`. The computation lives in modules by concern:

* :mod:`.cloning`: the CNOT copier and what it does to superpositions (no-cloning);
* :mod:`.sequential`: one Pauli string measured, then another on the same copy (collapse);
* :mod:`.gentle`: the Lueders rule for any effect, the gentle measurement lemma, union bounds;
* :mod:`.weak`: a qubit measured with tunable strength, information against disturbance;
* :mod:`.limits`: the caps on copies and random cases.

Backpropagation stores the activations of the forward pass and reads them again on
the way back; a quantum computation can do neither. The CNOT the book shows is a
core (:func:`cnot_core`, no input checks); :func:`cnot` checks its inputs and calls it.
"""

from qbp_lessons.lessons.collapse.cloning import (
    CNOT_ROTATIONS,
    CopyReport,
    CopyScan,
    LinearityCheck,
    cnot,
    cnot_core,
    copy_attempt,
    copy_report,
    copy_scan,
    linearity_check,
)
from qbp_lessons.lessons.collapse.gentle import (
    GentleCheck,
    UnionBoundCheck,
    gentle_measurement_check,
    measure_effect,
    tight_gentle_case,
    union_bound_check,
)
from qbp_lessons.lessons.collapse.limits import (
    MAX_CASES,
    MAX_COPIES,
    MAX_PAIR_AMPLITUDES,
    MAX_SCAN_COPIES,
)
from qbp_lessons.lessons.collapse.sequential import (
    CollapseScan,
    SequentialExact,
    SequentialSample,
    collapse_scan,
    sequential_exact,
    sequential_sample,
)
from qbp_lessons.lessons.collapse.weak import (
    WeakMeasurement,
    WeakScan,
    weak_measurement,
    weak_measurement_scan,
)

# after the computation: exercises and show call it through this face
from qbp_lessons.lessons.collapse import exercises, show

__all__ = [
    "CNOT_ROTATIONS",
    "cnot_core",
    "cnot",
    "copy_attempt",
    "CopyReport",
    "copy_report",
    "CopyScan",
    "copy_scan",
    "LinearityCheck",
    "linearity_check",
    "SequentialExact",
    "sequential_exact",
    "SequentialSample",
    "sequential_sample",
    "CollapseScan",
    "collapse_scan",
    "measure_effect",
    "GentleCheck",
    "gentle_measurement_check",
    "tight_gentle_case",
    "UnionBoundCheck",
    "union_bound_check",
    "WeakMeasurement",
    "weak_measurement",
    "WeakScan",
    "weak_measurement_scan",
    "MAX_COPIES",
    "MAX_SCAN_COPIES",
    "MAX_PAIR_AMPLITUDES",
    "MAX_CASES",
    "show",
    "exercises",
]
