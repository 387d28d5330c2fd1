"""Parameter-shift gradients: the exact rule, shot-based estimates and what they cost.

For a gate exp(-i theta P) with P^2 = I, F is a sinusoid of theta with period pi,
and two evaluations give the exact derivative (Mitarai et al., PRA 98, 032309
(2018); Schuld et al., PRA 99, 032331 (2019))::

    dF/dtheta = F(theta + pi/4) - F(theta - pi/4).

For a generator with eigenvalues +-r, exp(-i theta G), the rule is
``r [F(theta + pi/(4r)) - F(theta - pi/(4r))]``; RX(theta) = exp(-i theta X/2) has
r = 1/2 and gives ``[F(theta + pi/2) - F(theta - pi/2)] / 2``.

The full gradient needs 2M circuits. On hardware each F is estimated from N
shots, so every component is noisy; for a +-1 observable
``Var(component) = [(1 - F+^2) + (1 - F-^2)] / N <= 2 / N``.

How shots are simulated (the choice, stated once)
--------------------------------------------------
Measuring a Pauli string Q in its eigenbasis gives +1 or -1, with
``p(+1) = (1 + <Q>) / 2``: this *is* the Born distribution of that measurement
(rotate each qubit into the X, Y or Z basis, measure, multiply the bits'
signs). So the sampler computes <Q> exactly with :mod:`qbp_lessons.circuits`
and draws the number of +1 outcomes from ``Binomial(N, p)`` with a seeded
``numpy.random.Generator``; the estimate is ``2 k / N - 1``. An observable
``O = sum_l c_l Q_l`` is measured term by term, each non-identity term in its
own measurement setting with its own N shots (identity terms are known
exactly). That is one *circuit execution* per term, so a gradient costs
``2 M L`` executions for L non-identity terms.

Every estimate comes with a :class:`Resources` record: circuit executions,
shots and gate applications (M per shot, the cost model of
:mod:`qbp_lessons.costs`). :func:`param_shift_grad_pennylane` runs the same
rule through PennyLane and reads the same three numbers from ``qml.Tracker``.

Introduced in chapter 3.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np

from . import costs
from ._validate import count_array, positive_int, positive_real
from .circuits import (Circuit, GateCount, _check_counter, _circuit, _rng, random_circuit,
                       random_parameters, term_expvals, to_qnode)

__all__ = [
    "Resources",
    "shift_derivative",
    "rx_shift_derivative",
    "param_shift_grad",
    "param_shift_resources",
    "expval_shots",
    "param_shift_grad_shots",
    "param_shift_variance",
    "param_shift_grad_pennylane",
    "ShotScan",
    "error_vs_shots",
    "AccuracyScan",
    "shots_for_accuracy",
]

SHIFT = np.pi / 4   #: the shift for exp(-i theta P), P^2 = I


@dataclass(frozen=True)
class Resources:
    """What one estimate cost.

    ``circuits``: circuit executions (one per shifted circuit and measurement
    setting). ``shots``: total shots over all executions (0 when expectation
    values are exact). ``gates``: gate applications, M per shot of an M-gate
    circuit (M per execution when exact) -- the unit of
    :func:`qbp_lessons.costs.param_shift_time`. Add two records with ``+``.
    Introduced in chapter 3.
    """

    circuits: int
    shots: int
    gates: int

    def __add__(self, other: "Resources") -> "Resources":
        if not isinstance(other, Resources):
            return NotImplemented
        return Resources(self.circuits + other.circuits, self.shots + other.shots, self.gates + other.gates)


# --------------------------------------------------------------------------
# The shift rule
# --------------------------------------------------------------------------

def shift_derivative(f, x, r: float = 1.0) -> float:
    """Two-term shift rule for a gate exp(-i x G) whose generator G has eigenvalues +-r.

    Returns ``r [f(x + pi/(4r)) - f(x - pi/(4r))]``, exact for such gates.
    ``r = 1``: Pauli rotations exp(-i x P), shift pi/4. ``r = 1/2``: RX, RY, RZ
    and PennyLane's PauliRot, shift pi/2 and a factor 1/2. Introduced in chapter 3.
    """
    if not callable(f):
        raise TypeError(f"f must be a callable F(x), got {type(f).__name__}")
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, numbers.Real):
        raise TypeError(f"x must be a real number, got {type(x).__name__} {x!r}")
    x = float(x)
    if not np.isfinite(x):
        raise ValueError(f"x must be finite, got {x}")
    r = positive_real("r", r)
    s = np.pi / (4 * r)
    return float(r * (f(x + s) - f(x - s)))


def rx_shift_derivative(f, x) -> float:
    """The RX-convention rule, RX(x) = exp(-i x X/2): ``[f(x + pi/2) - f(x - pi/2)] / 2``.

    Introduced in chapter 3.
    """
    return shift_derivative(f, x, r=0.5)


def _shifted_term_expvals(circuit: Circuit, theta: np.ndarray, counter=None):
    """Exact <Q_l> on every shifted circuit: two arrays of shape (M, L), for +pi/4 and -pi/4."""
    M, L = circuit.M, len(circuit.observable)
    plus, minus = np.empty((M, L)), np.empty((M, L))
    for k in range(M):
        shifted = theta.copy()
        shifted[k] += SHIFT
        plus[k] = term_expvals(circuit, shifted, counter=counter)
        shifted[k] -= 2 * SHIFT
        minus[k] = term_expvals(circuit, shifted, counter=counter)
    return plus, minus


def _measured_terms(circuit: Circuit) -> np.ndarray:
    """Mask of the observable's terms that need shots (all but identity terms)."""
    return np.array([p.weight > 0 for _, p in circuit.observable.terms])


def param_shift_resources(circuit: Circuit, shots=None) -> Resources:
    """The formula for one parameter-shift gradient's cost.

    Exact (``shots=None``): 2M executions of M gates. With N shots per term:
    ``2 M L`` executions (L non-identity terms), ``2 M L N`` shots and
    ``2 M L N M`` gate applications. For a single +-1 Pauli observable these are
    :func:`costs.param_shift_circuits`, :func:`costs.param_shift_shots` and
    :func:`costs.param_shift_time`. Introduced in chapter 3.
    """
    circuit = _circuit(circuit)
    M = circuit.M
    if shots is None:
        return Resources(2 * M, 0, 2 * M * M)
    shots = positive_int("shots", shots)
    L = int(_measured_terms(circuit).sum())
    return Resources(2 * M * L, 2 * M * L * shots, 2 * M * L * shots * M)


def param_shift_grad(circuit: Circuit, theta, *, return_resources: bool = False,
                     counter: GateCount | None = None):
    """The exact parameter-shift gradient, ``dF/dtheta_k = F(theta + pi/4 e_k) - F(theta - pi/4 e_k)``.

    Evaluates 2M circuits exactly (no shots). With ``return_resources=True``
    returns ``(grad, Resources)``. Introduced in chapter 3.
    """
    circuit = _circuit(circuit)
    theta = circuit.check_theta(theta)
    counter = _check_counter(counter)
    if not isinstance(return_resources, (bool, np.bool_)):
        raise TypeError(f"return_resources must be True or False, got {type(return_resources).__name__}")
    plus, minus = _shifted_term_expvals(circuit, theta, counter)
    grad = (plus - minus) @ circuit.observable.coeffs
    return (grad, param_shift_resources(circuit)) if return_resources else grad


# --------------------------------------------------------------------------
# Shots
# --------------------------------------------------------------------------

def _sample(term_values: np.ndarray, coeffs: np.ndarray, measured: np.ndarray, shots: int, rng,
            size=()) -> np.ndarray:
    """Shot estimates of sum_l c_l <Q_l>: each measured term from its own Binomial(N, (1 + <Q>)/2).

    ``term_values`` has the terms on its last axis; ``size`` prepends axes of
    independent repetitions.
    """
    p = np.clip((1.0 + term_values[..., measured]) / 2.0, 0.0, 1.0)
    k = rng.binomial(shots, p, size=tuple(size) + p.shape)
    estimates = 2.0 * k / shots - 1.0
    exact_part = term_values[..., ~measured] @ coeffs[~measured]
    return estimates @ coeffs[measured] + exact_part


def _shots_and_rng(shots, rng):
    shots = positive_int("shots", shots)
    if not isinstance(rng, np.random.Generator):
        if rng is None or isinstance(rng, (bool, np.bool_)) or not isinstance(rng, numbers.Integral):
            raise TypeError(f"rng must be a numpy Generator or an integer seed, got {type(rng).__name__}")
        rng = _rng(rng, "rng")
    return shots, rng


def expval_shots(circuit: Circuit, theta, shots: int, rng):
    """Estimate F from ``shots`` measurements of each Pauli term: returns ``(estimate, Resources)``.

    ``rng`` is a ``numpy.random.Generator`` or an integer seed. Introduced in chapter 3.
    """
    circuit = _circuit(circuit)
    theta = circuit.check_theta(theta)
    shots, rng = _shots_and_rng(shots, rng)
    measured = _measured_terms(circuit)
    est = float(_sample(term_expvals(circuit, theta), circuit.observable.coeffs, measured, shots, rng))
    L = int(measured.sum())
    return est, Resources(L, L * shots, L * shots * circuit.M)


def param_shift_grad_shots(circuit: Circuit, theta, shots: int, rng):
    """Shot-based parameter-shift gradient: returns ``(estimate, Resources)``.

    Each of the 2M shifted circuits is run with ``shots`` shots per Pauli term
    of the observable; component k is the difference of the two estimates.
    Unbiased, with variance :func:`param_shift_variance`. ``rng`` is a
    ``numpy.random.Generator`` or an integer seed. Introduced in chapter 3.
    """
    circuit = _circuit(circuit)
    theta = circuit.check_theta(theta)
    shots, rng = _shots_and_rng(shots, rng)
    plus, minus = _shifted_term_expvals(circuit, theta)
    coeffs, measured = circuit.observable.coeffs, _measured_terms(circuit)
    grad = _sample(plus, coeffs, measured, shots, rng) - _sample(minus, coeffs, measured, shots, rng)
    return grad, param_shift_resources(circuit, shots)


def _variance_from(plus, minus, circuit: Circuit, shots: int) -> np.ndarray:
    measured = _measured_terms(circuit)
    c2 = circuit.observable.coeffs[measured] ** 2
    return ((1 - plus[:, measured] ** 2) + (1 - minus[:, measured] ** 2)) @ c2 / shots


def param_shift_variance(circuit: Circuit, theta, shots: int) -> np.ndarray:
    """Exact variance of each component of :func:`param_shift_grad_shots`.

    ``Var_k = sum_l c_l^2 [(1 - <Q_l>+^2) + (1 - <Q_l>-^2)] / N``, at most
    ``2 sum_l c_l^2 / N`` (2/N for one +-1 Pauli observable). Introduced in chapter 3.
    """
    circuit = _circuit(circuit)
    theta = circuit.check_theta(theta)
    shots = positive_int("shots", shots)
    plus, minus = _shifted_term_expvals(circuit, theta)
    return _variance_from(plus, minus, circuit, shots)


# --------------------------------------------------------------------------
# The same rule through PennyLane
# --------------------------------------------------------------------------

def param_shift_grad_pennylane(circuit: Circuit, theta, shots=None, seed=None, device="default.qubit"):
    """PennyLane's parameter-shift gradient of :func:`circuits.to_qnode`, with ``Resources`` from ``qml.Tracker``.

    Uses ``qml.gradients.param_shift`` (the shifted circuits only, no extra
    forward pass) on a device seeded with ``seed``, with ``qml.set_shots(shots)``
    when ``shots`` is given. Two differences from :func:`param_shift_resources`,
    both PennyLane's choices: it skips gates outside the observable's light
    cone (:func:`circuits.light_cone`), so it runs ``2 x (gates inside)``
    circuits; and it measures a multi-term observable within one execution, so
    the Tracker reports N shots per execution however many terms there are.
    Introduced in chapter 3.
    """
    import pennylane as qml
    from pennylane import numpy as pnp

    circuit = _circuit(circuit)
    theta = circuit.check_theta(theta)
    qnode = to_qnode(circuit, device, "parameter-shift", shots=shots, seed=seed)
    with qml.Tracker(qnode.device) as tracker:
        grad = qml.gradients.param_shift(qnode)(pnp.array(theta, requires_grad=True))
    grad = np.asarray(grad, dtype=float).reshape(circuit.M)
    executions = tracker.history.get("resources", [])
    shots_each = tracker.history.get("shots", [None] * len(executions))
    gates = sum(res.num_gates * (n_shots or 1) for res, n_shots in zip(executions, shots_each))
    return grad, Resources(int(tracker.totals.get("executions", 0)), int(tracker.totals.get("shots", 0)),
                           int(gates))


# --------------------------------------------------------------------------
# Measuring the statistics: error vs shots, shots vs accuracy
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class ShotScan:
    """Result of :func:`error_vs_shots`; every array has one entry per shot count.

    ``rms_error``: measured root-mean-square error over components and
    repetitions. ``predicted_rms``: sqrt of the mean exact variance.
    ``bound_rms``: sqrt(2 sum c^2 / N), the worst case. ``max_error``: mean over
    repetitions of the largest component error. ``sample_variance``: the
    measured per-component variance (ddof=1), averaged over components;
    ``predicted_variance`` the exact one, ``variance_bound`` 2 sum c^2 / N.
    ``resources``: the cost of one gradient estimate at each N.
    """

    shots: np.ndarray
    rms_error: np.ndarray
    predicted_rms: np.ndarray
    bound_rms: np.ndarray
    max_error: np.ndarray
    sample_variance: np.ndarray
    predicted_variance: np.ndarray
    variance_bound: np.ndarray
    resources: tuple
    reps: int


def _shot_list(shots_list) -> np.ndarray:
    if isinstance(shots_list, (str, bytes)) or np.ndim(shots_list) != 1:
        raise TypeError("shots_list must be a 1-d list of shot counts")
    if len(shots_list) == 0:
        raise ValueError("shots_list must contain at least one shot count")
    arr = count_array("shots_list", list(shots_list))
    return np.asarray(arr, dtype=np.int64)


def error_vs_shots(circuit: Circuit, theta, shots_list, reps: int = 200, seed=0) -> ShotScan:
    """Measure the error of shot-based parameter-shift gradients against the exact one.

    For each N in ``shots_list``, draws ``reps`` independent seeded gradient
    estimates and compares them with the exact gradient: the error falls as
    1/sqrt(N) and the variance stays under 2 sum c^2 / N. The shifted
    expectation values are computed once; only the shots are redrawn.
    Introduced in chapter 3.
    """
    circuit = _circuit(circuit)
    theta = circuit.check_theta(theta)
    shots_arr = _shot_list(shots_list)
    reps = positive_int("reps", reps, minimum=2)
    rng = _rng(seed)
    plus, minus = _shifted_term_expvals(circuit, theta)
    coeffs, measured = circuit.observable.coeffs, _measured_terms(circuit)
    exact = (plus - minus) @ coeffs
    c2sum = float(np.sum(coeffs[measured] ** 2))
    out = {key: [] for key in ("rms", "pred", "bound", "max", "svar", "pvar", "vbound")}
    resources = []
    for n_shots in shots_arr.tolist():
        est = (_sample(plus, coeffs, measured, n_shots, rng, size=(reps,))
               - _sample(minus, coeffs, measured, n_shots, rng, size=(reps,)))
        err = est - exact
        var = _variance_from(plus, minus, circuit, n_shots)
        out["rms"].append(np.sqrt(np.mean(err ** 2)))
        out["pred"].append(np.sqrt(np.mean(var)))
        out["bound"].append(np.sqrt(2 * c2sum / n_shots))
        out["max"].append(np.mean(np.max(np.abs(err), axis=1)))
        out["svar"].append(np.mean(np.var(est, axis=0, ddof=1)))
        out["pvar"].append(np.mean(var))
        out["vbound"].append(2 * c2sum / n_shots)
        resources.append(param_shift_resources(circuit, n_shots))
    return ShotScan(shots_arr, *(np.array(out[key]) for key in
                                 ("rms", "pred", "bound", "max", "svar", "pvar", "vbound")),
                    tuple(resources), reps)


@dataclass(frozen=True)
class AccuracyScan:
    """Result of :func:`shots_for_accuracy`; every array has one entry per M.

    ``shots_per_circuit`` is :func:`costs.param_shift_shots_per_circuit`;
    ``total_shots`` and ``gates`` are *counted* from the estimates' Resources and
    ``model_shots`` / ``model_time`` are :func:`costs.param_shift_shots` /
    :func:`costs.param_shift_time`, so measured points can be drawn on the model
    curves. ``rms_error``: measured rms component error; ``max_error``: mean over
    repetitions of the largest component error; ``success_rate``: fraction of
    repetitions with every component within eps.
    """

    M: np.ndarray
    eps: float
    delta: float | None
    shots_per_circuit: np.ndarray
    total_shots: np.ndarray
    model_shots: np.ndarray
    gates: np.ndarray
    model_time: np.ndarray
    rms_error: np.ndarray
    max_error: np.ndarray
    success_rate: np.ndarray
    reps: int


def shots_for_accuracy(M_list, eps: float, *, delta=None, n: int = 4, reps: int = 20, seed=0) -> AccuracyScan:
    """Run eps-accurate parameter-shift gradients for several M and count what they cost.

    For each M: a seeded random 2-local circuit on ``n`` qubits measuring Z on
    wire 0 (a +-1 observable, as the cost model assumes), shots per circuit from
    :func:`costs.param_shift_shots_per_circuit` (``delta=None``: rms error <= eps;
    a ``delta``: all components within eps with probability >= 1 - delta), then
    ``reps`` seeded estimates. The exact work is 2M circuits of M gates per M, so
    keep M in the hundreds at most. Introduced in chapter 3.
    """
    if isinstance(M_list, (str, bytes)) or np.ndim(M_list) != 1:
        raise TypeError("M_list must be a 1-d list of gate counts")
    if len(M_list) == 0:
        raise ValueError("M_list must contain at least one M")
    Ms = np.asarray(count_array("M_list", list(M_list)), dtype=np.int64)
    eps = positive_real("eps", eps)
    if delta is not None:
        delta = positive_real("delta", delta, upper=1.0, upper_inclusive=False)
    n = positive_int("n", n)
    if n < 2:
        raise ValueError(f"n must be >= 2 for 2-local gates, got {n}")
    reps = positive_int("reps", reps)
    rng = _rng(seed)
    rows = []
    for M in Ms.tolist():
        circuit = random_circuit(n, M, locality=2, seed=rng)
        theta = random_parameters(M, seed=rng)
        N = int(costs.param_shift_shots_per_circuit(M, eps, delta))
        plus, minus = _shifted_term_expvals(circuit, theta)
        coeffs, measured = circuit.observable.coeffs, _measured_terms(circuit)
        exact = (plus - minus) @ coeffs
        est = (_sample(plus, coeffs, measured, N, rng, size=(reps,))
               - _sample(minus, coeffs, measured, N, rng, size=(reps,)))
        err = np.abs(est - exact)
        res = param_shift_resources(circuit, N)
        rows.append((N, res.shots, int(costs.param_shift_shots(M, eps, delta)), res.gates,
                     int(costs.param_shift_time(M, eps, delta)), np.sqrt(np.mean(err ** 2)),
                     np.mean(err.max(axis=1)), np.mean(err.max(axis=1) <= eps)))
    cols = list(zip(*rows))
    return AccuracyScan(Ms, eps, delta, *(np.array(c) for c in cols), reps)

