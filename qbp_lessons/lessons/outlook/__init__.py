"""Chapter 8, what is still open: Jordan's gradient algorithm, barren plateaus, the course's costs.

The chapter's public face: its computations are in :mod:`.compute` (Jordan's algorithm
simulated with numpy; gradient variances measured with the engine), its figures and
explorer in :mod:`.show` and its exercises in :mod:`.exercises`.
"""

from qbp_lessons.lessons.outlook import exercises, show
from qbp_lessons.lessons.outlook.compute import (
    DEEP_LAYERS_PER_QUBIT,
    MAX_GRID_QUBITS,
    JordanReadout,
    PlateauScan,
    fit_log2_chi2_per_dof,
    fit_log2_slope,
    inverse_qft,
    jordan_gradient,
    layered_circuit,
    plateau_scan,
    two_design_variance,
)

__all__ = [
    "DEEP_LAYERS_PER_QUBIT",
    "MAX_GRID_QUBITS",
    "JordanReadout",
    "PlateauScan",
    "fit_log2_chi2_per_dof",
    "fit_log2_slope",
    "inverse_qft",
    "jordan_gradient",
    "layered_circuit",
    "plateau_scan",
    "two_design_variance",
    "show",
    "exercises",
]
