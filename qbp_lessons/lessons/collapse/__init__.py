"""Chapter 5, no-cloning and measurement collapse: why quantum activations cannot be reused.

The chapter's public face: a notebook imports this package and finds here
everything the chapter computes (:mod:`.compute`), with its figures and explorers in
:mod:`.show` and its exercises in :mod:`.exercises`.
"""

from qbp_lessons.lessons.collapse import exercises, show
from qbp_lessons.lessons.collapse.compute import (
    CNOT_ROTATIONS,
    cnot,
    copy_attempt,
    CopyReport,
    copy_report,
    CopyScan,
    copy_scan,
    LinearityCheck,
    linearity_check,
    SequentialExact,
    sequential_exact,
    SequentialSample,
    sequential_sample,
    CollapseScan,
    collapse_scan,
    measure_effect,
    GentleCheck,
    gentle_measurement_check,
    tight_gentle_case,
    UnionBoundCheck,
    union_bound_check,
    WeakMeasurement,
    weak_measurement,
    WeakScan,
    weak_measurement_scan,
    MAX_COPIES,
    MAX_CASES,
)

__all__ = [
    "CNOT_ROTATIONS",
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
    "MAX_CASES",
    "show",
    "exercises",
]
