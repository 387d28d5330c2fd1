"""What simulating a circuit costs on this computer: gate applications, time and memory.

Chapter 2 compares F with its two simulator gradients (the adjoint method and the
talk's inserted-state formula) on random circuits. Each is run with a
:class:`~qbp_lessons.engine.ledger.Ledger` (exact gate applications, counted by the
engine as it applies them), timed with :mod:`qbp_lessons.engine.measure` (CPU time, one
BLAS thread) and measured for memory twice:

* **with the kernel cache**, built *inside* the measured call on a fresh copy of
  the circuit, so the peak includes every phase vector and permutation the
  engine keeps (what the default engine really needs);
* **without it** (``Circuit(..., cache=False)``): the working set alone, the
  model's 2, 3 or 5 statevectors plus one gate's scratch.

Introduced in chapter 2.
"""

from __future__ import annotations

from dataclasses import dataclass

from threadpoolctl import threadpool_limits

from qbp_lessons._validate import record
from qbp_lessons import costs
from qbp_lessons._validate import bounded_int, flag, positive_int, positive_real
from qbp_lessons.engine.circuits import (
    MAX_QUBITS,
    Circuit,
    expval,
    random_circuit,
    random_parameters,
)
from qbp_lessons.engine.gradients import grad_adjoint, grad_inserted
from qbp_lessons.engine.ledger import Ledger
from qbp_lessons.engine.measure import best_time, peak_bytes

__all__ = ["METHODS", "SimulatorCosts", "measure_simulator_costs"]

#: The routines compared: key -> (label, function of (circuit, theta)).
METHODS = {
    "forward": ("F (forward)", expval),
    "adjoint": ("\u2207F (adjoint)", grad_adjoint),
    "inserted": ("\u2207F (inserted)", grad_inserted),
}


@record
@dataclass(frozen=True)
class SimulatorCosts:
    """What :func:`measure_simulator_costs` measured for one (n, M).

    ``ledgers``: what each routine applied, counted by the engine (None for
    ``"inserted"`` when it was not run; ``model_gates`` has the count of ``costs``).
    ``seconds``:
    best CPU time of one call; for ``"inserted"`` it is *estimated*
    (``inserted_measured`` False) when running it would exceed the time budget:
    its counted gate applications times the forward pass's measured time per
    gate application. ``peak_bytes``: tracemalloc peak of one call with the
    kernel cache built inside the call; ``peak_bytes_lean``: the same with
    ``cache=False`` (None where not run). ``cache_bytes``: what the cache keeps.
    ``statevector_bytes``: 16 * 2^n.
    """

    n: int
    M: int
    ledgers: dict
    seconds: dict
    inserted_measured: bool
    peak_bytes: dict
    peak_bytes_lean: dict
    cache_bytes: int
    statevector_bytes: int

    @property
    def gates(self) -> dict:
        """Counted gate applications (rotations + bare Paulis) per routine (None where not run)."""
        return {m: None if ledger is None else ledger.gates for m, ledger in self.ledgers.items()}

    @property
    def model_gates(self) -> dict:
        """Gate applications per routine: :func:`qbp_lessons.costs.simulator_gate_applications`."""
        names = {"forward": "expval", "adjoint": "adjoint", "inserted": "inserted"}
        return {m: sum(costs.simulator_gate_applications(names[m], self.M, 1)) for m in names}

    @property
    def omega(self) -> float:
        """Measured TIME(grad F) / TIME(F) of the adjoint method."""
        return self.seconds["adjoint"] / self.seconds["forward"]


#: Most gate applications x amplitudes one forward pass here may cost: chapter 2's largest
#: measurement (n = 14, M = 300) is 4.9e6.
MAX_COST_WORK = 2**26


def measure_simulator_costs(
    n: int,
    M: int,
    *,
    seed: int = 0,
    repeats: int = 5,
    budget: float = 0.15,
    inserted_budget: float = 0.3,
    memory: bool = True,
) -> SimulatorCosts:
    """Count, time and measure the memory of F, the adjoint gradient and the inserted-state one.

    The circuit is ``random_circuit(n, M, seed=seed)`` (2-local random Pauli
    rotations, O = Z on wire 0) at ``random_parameters(M, seed=seed + 1)``.
    Each routine runs once with a ledger (which also builds the kernel cache,
    outside the timings), then is timed (:func:`qbp_lessons.engine.measure.best_time`,
    at most ``budget`` CPU seconds each). The inserted-state gradient (about M
    forward passes) is timed only when its counted gate applications predict
    under ``inserted_budget`` seconds. With ``memory``, peaks with and without
    the cache are recorded. Everything runs on one BLAS thread, as in chapter 1.
    Introduced in chapter 2.
    """
    n = bounded_int("n", n, maximum=MAX_QUBITS)
    M = bounded_int("M", M, maximum=10_000)
    seed = positive_int("seed", seed, minimum=0)
    repeats = bounded_int("repeats", repeats, maximum=100)
    budget = positive_real("budget", budget, upper=60.0)
    inserted_budget = positive_real("inserted_budget", inserted_budget, upper=600.0)
    memory = flag("memory", memory)
    if M << n > MAX_COST_WORK:  # each routine runs untimed once, with a ledger, first
        raise ValueError(
            f"M x 2^n must be at most {MAX_COST_WORK:,} (a forward pass updates 2^n amplitudes"
            f" per gate), got M = {M:,} and n = {n}"
        )
    circuit = random_circuit(n, M, locality=min(2, n), seed=seed)
    theta = random_parameters(M, seed=seed + 1)
    with threadpool_limits(limits=1):
        ledgers = {}
        for m in ("forward", "adjoint"):
            ledgers[m] = Ledger()
            METHODS[m][1](circuit, theta, ledger=ledgers[m])
        seconds = {
            m: best_time(lambda m=m: METHODS[m][1](circuit, theta), repeats, budget=budget)
            for m in ("forward", "adjoint")
        }
        per_gate = seconds["forward"] / ledgers["forward"].gates
        rot, pau = costs.simulator_gate_applications("inserted", M, len(circuit.observable))
        inserted_measured = per_gate * (rot + pau) < inserted_budget
        if inserted_measured:
            ledgers["inserted"] = Ledger()
            grad_inserted(circuit, theta, ledger=ledgers["inserted"])
            seconds["inserted"] = best_time(
                lambda: grad_inserted(circuit, theta), repeats, budget=budget
            )
        else:
            ledgers["inserted"] = None  # not run: nothing was counted
            seconds["inserted"] = per_gate * (rot + pau)
        peaks = {m: None for m in METHODS}
        lean = {m: None for m in METHODS}
        if memory:
            lean_circuit = Circuit(n, circuit.generators, circuit.observable, cache=False)
            for m, (_, fn) in METHODS.items():
                if m != "inserted" or inserted_measured:
                    peaks[m] = peak_bytes(
                        lambda fn=fn: fn(Circuit(n, circuit.generators, circuit.observable), theta)
                    )
                    lean[m] = peak_bytes(lambda fn=fn: fn(lean_circuit, theta))
    return SimulatorCosts(
        n, M, ledgers, seconds, inserted_measured, peaks, lean, circuit.cache_bytes, 16 * (1 << n)
    )
