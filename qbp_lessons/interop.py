"""The bridge to PennyLane: the only module of the package that imports it.

PennyLane is the course's independent reference and its road to real devices.
Every circuit of :mod:`qbp_lessons.circuits` converts to a QNode on any PennyLane
device; the chapters check the home-made simulator against it, and a reader can
swap the device name to run a chapter elsewhere. ``qml.Tracker`` counts what the
device executed, the independent check of the :class:`~qbp_lessons.ledger.Ledger`.

Conventions: exp(-i theta P) is ``qml.PauliRot(2 * theta, word, wires)``
(PennyLane's rotations carry a factor 1/2); wire 0 is the most significant bit.

Introduced in chapter 2.
"""

from __future__ import annotations

import numpy as np
import pennylane as qml
from pennylane import numpy as pnp

from ._validate import bounded_int, choice
from ._validate import rng as make_rng
from .circuits import Circuit, check_circuit
from .ledger import Ledger
from .pauli import Observable, PauliString, pauli
from .sampling import check_recipes

__all__ = ["pennylane_op", "pennylane_observable", "to_qnode", "pennylane_grad",
           "param_shift_grad_pennylane", "pennylane_samples", "tracker_ledger"]

#: Most shots one PennyLane sampling call may draw here.
MAX_SHOTS = 10**7


def pennylane_op(p) -> "qml.operation.Operator":
    """A Pauli string as a PennyLane operator (a product of PauliX/Y/Z, or the identity)."""
    p = pauli(p, name="p")
    ops = {"X": qml.PauliX, "Y": qml.PauliY, "Z": qml.PauliZ}
    factors = [ops[ch](w) for w, ch in enumerate(p.label) if ch != "I"]
    if not factors:
        return qml.Identity(0)
    return factors[0] if len(factors) == 1 else qml.prod(*factors)


def pennylane_observable(obs: Observable):
    """The observable as a PennyLane operator: a single Pauli word, or ``qml.dot(coeffs, words)``."""
    if not isinstance(obs, Observable):
        raise TypeError(f"obs must be an Observable, got {type(obs).__name__}")
    if len(obs.terms) == 1 and obs.terms[0][0] == 1.0:
        return pennylane_op(obs.terms[0][1])
    return qml.dot([c for c, _ in obs.terms], [pennylane_op(p) for _, p in obs.terms])


def _device(circuit: Circuit, device, seed):
    if isinstance(device, str):
        kwargs = {"wires": circuit.n}
        if isinstance(seed, np.random.Generator):
            kwargs["seed"] = int(seed.integers(2**31))       # one stream threaded through many calls
        elif seed is not None:
            make_rng("seed", seed)                           # the package's seed rule: checks type and sign
            kwargs["seed"] = int(seed)
        return qml.device(device, **kwargs)
    if isinstance(device, qml.devices.Device):
        return device
    raise TypeError(f"device must be a PennyLane device name or device, got {type(device).__name__}")


def _gates(circuit: Circuit, theta):
    for j, p in enumerate(circuit.generators):
        qml.PauliRot(2 * theta[j], p.word, wires=list(p.support))


def to_qnode(circuit: Circuit, device="default.qubit", diff_method="best", *, shots=None, seed=None):
    """The circuit as a PennyLane QNode ``f(theta) -> <O>`` on any device.

    ``device`` is a device name (built with ``wires=n`` and, if given, ``seed``)
    or a PennyLane device. Each gate exp(-i theta P) becomes
    ``qml.PauliRot(2 * theta, word, wires)``. ``shots`` (an int) applies
    ``qml.set_shots``; ``diff_method`` is passed to the QNode ("backprop",
    "adjoint", "parameter-shift", "spsa", ...). Introduced in chapter 2.
    """
    circuit = check_circuit(circuit)
    dev = _device(circuit, device, seed)
    if diff_method is not None and not isinstance(diff_method, str):
        raise TypeError(f"diff_method must be a string such as 'backprop' or None, got {type(diff_method).__name__}")
    if shots is not None:
        shots = bounded_int("shots", shots, maximum=MAX_SHOTS)
    obs = pennylane_observable(circuit.observable)
    M = circuit.M

    def model(theta):
        if len(theta) != M:
            raise ValueError(f"theta must have length M = {M}, got {len(theta)}")
        _gates(circuit, theta)
        return qml.expval(obs)

    qnode = qml.QNode(model, dev, diff_method=diff_method)
    if shots is not None:
        qnode = qml.set_shots(qnode, shots=shots)
    return qnode


def pennylane_grad(circuit: Circuit, theta, device="default.qubit", diff_method="best", *,
                   shots=None, seed=None) -> np.ndarray:
    """dF/dtheta computed by PennyLane (``qml.grad`` of :func:`to_qnode`), as a numpy array.

    Introduced in chapter 2.
    """
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta)
    qnode = to_qnode(circuit, device, diff_method, shots=shots, seed=seed)
    return np.asarray(qml.grad(qnode)(pnp.array(theta, requires_grad=True)), dtype=float)


def tracker_ledger(tracker) -> Ledger:
    """What a ``qml.Tracker`` recorded, as a :class:`Ledger` (executions, shots, shot-weighted gates).

    ``shot_gates`` sums each execution's gate count times its shots (times 1
    when exact). PennyLane decomposes nothing here: a PauliRot counts as one gate.
    """
    executions = tracker.history.get("resources", [])
    shots_each = tracker.history.get("shots", [None] * len(executions))
    gates = sum(res.num_gates * (n_shots or 1) for res, n_shots in zip(executions, shots_each))
    return Ledger(circuits=int(tracker.totals.get("executions", 0)), shots=int(tracker.totals.get("shots", 0)),
                  shot_gates=int(gates))


def param_shift_grad_pennylane(circuit: Circuit, theta, shots=None, seed=None, device="default.qubit"):
    """PennyLane's parameter-shift gradient of :func:`to_qnode`, with a :class:`Ledger` from ``qml.Tracker``.

    Uses ``qml.gradients.param_shift`` (the shifted circuits only, no extra
    forward pass) on a device seeded with ``seed``, with ``qml.set_shots(shots)``
    when ``shots`` is given. Two differences from :mod:`qbp_lessons.param_shift`,
    both PennyLane's choices: it skips gates outside the observable's light
    cone (:func:`qbp_lessons.circuits.light_cone`), so it runs ``2 x (gates
    inside)`` circuits; and it measures a multi-term observable within one
    execution. Returns ``(grad, Ledger)``. Introduced in chapter 3.
    """
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta)
    qnode = to_qnode(circuit, device, "parameter-shift", shots=shots, seed=seed)
    with qml.Tracker(qnode.device) as tracker:
        grad = qml.gradients.param_shift(qnode)(pnp.array(theta, requires_grad=True))
    return np.asarray(grad, dtype=float).reshape(circuit.M), tracker_ledger(tracker)


def pennylane_samples(circuit: Circuit, theta, basis, shots: int, seed=None) -> np.ndarray:
    """Bitstrings drawn by PennyLane's ``default.qubit`` after rotating each wire into ``basis``.

    ``basis`` is one letter per wire (X, Y or Z; I counts as Z): the same
    product-basis measurement as :func:`qbp_lessons.sampling.sample_bitstrings`,
    so the two distributions can be compared (a chi-square test in the tests).
    Returns an int array of shape (shots, n), wire 0 first. Introduced in chapter 2.
    """
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta)
    basis = pauli(basis, circuit.n, name="basis")
    shots = bounded_int("shots", shots, maximum=MAX_SHOTS)
    dev = _device(circuit, "default.qubit", seed)

    @qml.set_shots(shots=shots)
    @qml.qnode(dev)
    def run(angles):
        _gates(circuit, angles)
        for w, ch in enumerate(basis.label):
            if ch == "X":
                qml.Hadamard(w)
            elif ch == "Y":
                qml.adjoint(qml.S(w))
                qml.Hadamard(w)
        return qml.sample(wires=range(circuit.n))

    return np.asarray(run(theta), dtype=np.int64).reshape(shots, circuit.n)


__all__ += ["MAX_SHOTS"]


def hadamard_test_qnode(circuit: Circuit, k: int, ancilla: str = "Y", device="default.qubit", *, seed=None):
    """The Hadamard test for component k as a PennyLane QNode ``f(theta) -> <A_0 (x) O>`` on n + 1 wires.

    Wire 0 is the ancilla (a Hadamard, then the control of ``qml.ctrl(P_k)``
    after gate k); the circuit's wire w is wire w + 1. The independent check of
    :func:`qbp_lessons.circuits.hadamard_test`, and what chapter 2 draws with
    ``qml.draw_mpl``. Introduced in chapter 2.
    """
    circuit = check_circuit(circuit)
    k = bounded_int("k", k, minimum=0, maximum=circuit.M - 1)
    ancilla = choice("ancilla", ancilla, {"X", "Y"})
    dev = device if isinstance(device, qml.devices.Device) else _device(
        Circuit(circuit.n + 1, ["X" + "I" * circuit.n]), device, seed)
    ops = {"X": qml.PauliX, "Y": qml.PauliY, "Z": qml.PauliZ}
    from .hadamard import hadamard_test_observable

    obs = pennylane_observable(hadamard_test_observable(circuit, ancilla))
    M = circuit.M

    def model(theta):
        if len(theta) != M:
            raise ValueError(f"theta must have length M = {M}, got {len(theta)}")
        qml.Hadamard(0)
        for j, p in enumerate(circuit.generators):
            qml.PauliRot(2 * theta[j], p.word, wires=[w + 1 for w in p.support])
            if j == k:
                factors = [ops[ch](w + 1) for w, ch in enumerate(p.label) if ch != "I"]
                qml.ctrl(factors[0] if len(factors) == 1 else qml.prod(*factors), control=0)
        return qml.expval(obs)

    return qml.QNode(model, dev, diff_method=None)


__all__ += ["hadamard_test_qnode"]

# --------------------------------------------------------------------------
# Chapter 5: density-matrix quantities, PennyLane's own functions (qml.math)
# --------------------------------------------------------------------------

def pennylane_state_measures(rho, sigma, keep) -> dict:
    """PennyLane's values of the quantities of :mod:`qbp_lessons.qinfo`, for the cross-checks.

    ``rho`` and ``sigma``: density matrices of the same size; ``keep``: wires
    kept by the partial trace of ``rho``. Returns ``qml.math.fidelity``,
    ``qml.math.trace_distance``, ``qml.math.purity`` and ``qml.math.reduce_dm``
    as numpy values. Introduced in chapter 5.
    """
    from .qinfo import check_density

    rho = check_density(rho, "rho")
    sigma = check_density(sigma, "sigma", n=rho.shape[0].bit_length() - 1)
    n = rho.shape[0].bit_length() - 1
    wires = [keep] if np.ndim(keep) == 0 else list(keep)
    return {
        "fidelity": float(qml.math.fidelity(rho, sigma)),
        "trace_distance": float(qml.math.trace_distance(rho, sigma)),
        "purity": float(qml.math.purity(rho, indices=list(range(n)))),
        "reduced": np.asarray(qml.math.reduce_dm(rho, indices=wires)),
    }


def pennylane_collapse(psi, first: str, second: str, outcome: int) -> float:
    """<P2> after a mid-circuit measurement of the single-wire Pauli P1 postselected on ``outcome``, by PennyLane.

    ``first`` must have weight 1 (one wire, X, Y or Z): the wire is rotated into
    P1's eigenbasis, measured with ``qml.measure(wire, postselect=...)`` and
    rotated back, then ``qml.expval(P2)`` is taken on ``default.qubit`` with the
    deferred-measurement transform. The independent check of
    :func:`qbp_lessons.collapse.sequential_exact`. Introduced in chapter 5.
    """
    from .qinfo import check_ket

    psi = check_ket(psi)
    n = psi.size.bit_length() - 1
    first = pauli(first, n, name="first")
    second = pauli(second, n, name="second")
    if first.weight != 1:
        raise ValueError(f"first must act on one wire (weight 1), got {first.label}")
    if isinstance(outcome, (bool, np.bool_)) or outcome not in (1, -1):
        raise ValueError(f"outcome must be +1 or -1, got {outcome!r}")
    (wire,) = first.support
    letter = first.label[wire]

    def to_z():                       # maps the +1 eigenvector of the letter to |0>
        if letter == "X":
            qml.Hadamard(wire)
        elif letter == "Y":
            qml.adjoint(qml.S(wire))
            qml.Hadamard(wire)

    @qml.qnode(qml.device("default.qubit"))        # no fixed wires: the deferred measurement adds one
    def run():
        qml.StatePrep(psi, wires=range(n))
        to_z()
        qml.measure(wire, postselect=0 if outcome == 1 else 1)
        qml.adjoint(to_z)()
        return qml.expval(pennylane_op(second))

    return float(run())


__all__ += ["pennylane_state_measures", "pennylane_collapse"]


# --------------------------------------------------------------------------
# Classical shadows (chapter 6)
# --------------------------------------------------------------------------

def pennylane_shadow_expval(recipes, bits, paulis, groups: int = 1, chunk: int = 64) -> np.ndarray:
    """PennyLane's estimates from the same snapshots: ``qml.ClassicalShadow(bits, recipes).expval(ops, k=groups)``.

    ``recipes``/``bits``: int arrays of shape (T, n) in PennyLane's convention
    (0/1/2 = X/Y/Z, bit 0 = +1), as :class:`qbp_lessons.shadows.Shadow` holds
    them; ``groups`` is PennyLane's ``k`` (median-of-means batches). The strings
    go to ``expval`` ``chunk`` at a time: it builds a (T, chunk, n) table, so
    all 10,000 strings at once would need gigabytes. Introduced in chapter 6.
    """
    bits = np.asarray(bits)
    if bits.ndim != 2:
        raise ValueError(f"bits must have shape (T, n), got {bits.shape}")
    recipes = check_recipes(recipes, bits.shape[1])
    if bits.shape != recipes.shape:
        raise ValueError(f"bits must have the shape of recipes {recipes.shape}, got {bits.shape}")
    n = bits.shape[1]
    if isinstance(paulis, (str, dict, PauliString)):
        raise TypeError(f"paulis must be a list of Pauli strings, got {type(paulis).__name__}")
    ops = [pennylane_op(pauli(p, n, name=f"paulis[{i}]")) for i, p in enumerate(paulis)]
    groups = bounded_int("groups", groups, maximum=bits.shape[0])
    chunk = bounded_int("chunk", chunk, maximum=10_000)
    shadow = qml.ClassicalShadow(np.asarray(bits, dtype=np.int64), np.asarray(recipes, dtype=np.int64),
                                 wire_map=list(range(n)))
    out = [np.atleast_1d(np.asarray(shadow.expval(ops[i:i + chunk], k=groups), dtype=float))
           for i in range(0, len(ops), chunk)]
    return np.concatenate(out)


def pennylane_classical_shadow(circuit: Circuit, theta, snapshots: int, seed=None) -> tuple[np.ndarray, np.ndarray]:
    """``qml.classical_shadow`` of the circuit's state on ``default.qubit``: ``(recipes, bits)``, int8 (T, n).

    The recipes come from ``qml.classical_shadow(wires, seed=...)`` and the
    outcomes from the seeded device; both seeds derive from ``seed``. The
    same draw as :func:`qbp_lessons.sampling.random_pauli_snapshots`, by
    PennyLane's own code: the two distributions can be compared. Introduced in
    chapter 6.
    """
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta)
    snapshots = bounded_int("snapshots", snapshots, maximum=100_000)
    gen = make_rng("seed", seed)
    dev = qml.device("default.qubit", wires=circuit.n, seed=int(gen.integers(2**31)))
    recipe_seed = int(gen.integers(2**31))

    @qml.set_shots(shots=snapshots)
    @qml.qnode(dev)
    def run(angles):
        _gates(circuit, angles)
        return qml.classical_shadow(wires=range(circuit.n), seed=recipe_seed)

    bits, recipes = run(theta)
    return np.asarray(recipes, dtype=np.int8), np.asarray(bits, dtype=np.int8)


__all__ += ["pennylane_shadow_expval", "pennylane_classical_shadow"]
