"""Analytic resource models: TIME and MEMORY of F and of its gradient, per method.

Every chapter measures a cost and puts the measured point on one of these
curves; every widget draws them. They are deliberately small formulas with
explicit constants, each citing the source it comes from. One module per
method, in the order the chapters meet them:

* :mod:`~qbp_lessons.costs.units`        the year, the smallest precision, whole counts
* :mod:`~qbp_lessons.costs.backprop`     chapter 1: finite differences, backprop, checkpointing
* :mod:`~qbp_lessons.costs.circuits`     chapter 2: shots, TIME(F), the simulator's gates and memory
* :mod:`~qbp_lessons.costs.param_shift`  chapter 3: the parameter-shift gradient
* :mod:`~qbp_lessons.costs.spsa`         chapter 4: SPSA
* :mod:`~qbp_lessons.costs.collapse`     chapter 5: no-cloning, the single-copy lower bound
* :mod:`~qbp_lessons.costs.shadows`      chapter 6: classical shadows and shadow tomography
* :mod:`~qbp_lessons.costs.commuting`    chapter 7: commuting generators
* :mod:`~qbp_lessons.costs.quantum_gradient` chapter 8: coherent gradient algorithms, plateaus
* :mod:`~qbp_lessons.costs.compare`      the methods side by side (``METHODS``, ``gradient_time``)

Every public name is re-exported here: ``costs.param_shift_time(...)``.

Units
-----
* Classical models take ``time_f`` (seconds, or any unit) for one evaluation of
  F and return the same unit.
* Quantum (hardware) models count **gate applications**: a circuit of M
  parametrised gates run for N shots costs ``M * N``. This is the talk's model,
  TIME(F) = M / eps^2 (unit cost per gate, 1/eps^2 shots for precision eps).
  Shot counts are returned too, because they are what a device bills.

The costs modules import only each other and ``_validate``.
"""

from __future__ import annotations

from qbp_lessons.costs.units import (
    SECONDS_PER_YEAR,
    MAX_EPS,
    MAX_SCALE,
    MIN_EPS,
    MIN_DELTA,
    check_delta,
    check_eps,
    ceil_count,
)
from qbp_lessons.costs.backprop import (
    finite_difference_evaluations,
    finite_difference_time,
    backprop_time,
    backprop_memory,
    checkpoint_segment,
    stored_layers,
)
from qbp_lessons.costs.circuits import (
    shots_for_precision,
    circuit_time,
    simulator_gate_applications,
    SIMULATOR_STATEVECTORS,
    kernel_cache_statevectors,
)
from qbp_lessons.costs.param_shift import (
    param_shift_circuits,
    param_shift_shots_per_circuit,
    param_shift_shots,
    param_shift_time,
)
from qbp_lessons.costs.spsa import (
    SPSA_OFFSET,
    spsa_second_moment,
    spsa_directions_for_accuracy,
    spsa_circuits,
    spsa_estimates,
    spsa_shots,
    spsa_gradient_circuits,
    spsa_time,
)
from qbp_lessons.costs.collapse import (
    cnot_copy_fidelities,
    gentle_measurement_bound,
    single_copy_lower_bound,
)
from qbp_lessons.costs.shadows import (
    MAX_LOCALITY,
    shadow_norm_squared,
    shadow_batches,
    shadow_batch_size,
    shadow_snapshots,
    shadow_snapshots_infinity_norm,
    shadow_time,
    direct_measurement_shots,
    shadow_tomography_copies,
)
from qbp_lessons.costs.commuting import (
    commuting_shots,
    commuting_time,
)
from qbp_lessons.costs.quantum_gradient import (
    plateau_eps,
    plateau_time,
    quantum_gradient_queries,
    quantum_gradient_time,
)
from qbp_lessons.costs.compare import (
    backprop_reference_time,
    backprop_scaling_time,
    METHODS,
    gradient_time,
)

#: Every public name of the modules above, in their order (a test checks the two agree).
__all__ = [
    # units
    "SECONDS_PER_YEAR",
    "MAX_EPS",
    "MAX_SCALE",
    "MIN_EPS",
    "MIN_DELTA",
    "check_delta",
    "check_eps",
    "ceil_count",
    # backprop
    "finite_difference_evaluations",
    "finite_difference_time",
    "backprop_time",
    "backprop_memory",
    "checkpoint_segment",
    "stored_layers",
    # circuits
    "shots_for_precision",
    "circuit_time",
    "simulator_gate_applications",
    "SIMULATOR_STATEVECTORS",
    "kernel_cache_statevectors",
    # param_shift
    "param_shift_circuits",
    "param_shift_shots_per_circuit",
    "param_shift_shots",
    "param_shift_time",
    # spsa
    "SPSA_OFFSET",
    "spsa_second_moment",
    "spsa_directions_for_accuracy",
    "spsa_circuits",
    "spsa_estimates",
    "spsa_shots",
    "spsa_time",
    "spsa_gradient_circuits",
    # collapse
    "cnot_copy_fidelities",
    "single_copy_lower_bound",
    "gentle_measurement_bound",
    # shadows
    "MAX_LOCALITY",
    "shadow_norm_squared",
    "shadow_batches",
    "shadow_batch_size",
    "shadow_snapshots",
    "shadow_snapshots_infinity_norm",
    "shadow_time",
    "direct_measurement_shots",
    "shadow_tomography_copies",
    # commuting
    "commuting_shots",
    "commuting_time",
    # quantum gradient algorithms and plateaus
    "quantum_gradient_queries",
    "quantum_gradient_time",
    "plateau_eps",
    "plateau_time",
    # compare
    "backprop_reference_time",
    "backprop_scaling_time",
    "METHODS",
    "gradient_time",
]
