"""The bridge to PennyLane: the only module of the package that imports it.

PennyLane is the course's independent reference and its road to real devices.
Every circuit of :mod:`qbp_lessons.engine.circuits` converts to a QNode on any PennyLane
device; the chapters check the home-made simulator against it, and a reader can
swap the device name to run a chapter elsewhere. ``qml.Tracker`` counts what the
device executed, the independent check of the :class:`~qbp_lessons.engine.ledger.Ledger`.

Conventions: exp(-i theta P) is ``qml.PauliRot(2 * theta, word, wires)``
(PennyLane's rotations carry a factor 1/2); wire 0 is the most significant bit.

Introduced in chapter 2.
"""

from __future__ import annotations

import numpy as np
import pennylane as qml
from pennylane import numpy as pnp

from qbp_lessons._validate import bounded_int, choice, positive_real
from qbp_lessons._validate import rng as make_rng
from qbp_lessons.engine.circuits import Circuit, check_circuit
from qbp_lessons.engine.ledger import Ledger
from qbp_lessons.engine.paulis import Observable, PauliString, pauli
from qbp_lessons.engine.sampling import check_recipes

__all__ = [
    "pennylane_op",
    "pennylane_observable",
    "to_qnode",
    "pennylane_grad",
    "param_shift_grad_pennylane",
    "pennylane_samples",
    "tracker_ledger",
]

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
    """The observable as a PennyLane operator: one Pauli word, or ``qml.dot(coeffs, words)``."""
    if not isinstance(obs, Observable):
        raise TypeError(f"obs must be an Observable, got {type(obs).__name__}")
    if len(obs.terms) == 1 and obs.terms[0][0] == 1.0:
        return pennylane_op(obs.terms[0][1])
    return qml.dot([c for c, _ in obs.terms], [pennylane_op(p) for _, p in obs.terms])


def _device(circuit: Circuit, device, seed):
    if isinstance(device, str):
        kwargs = {"wires": circuit.n}
        if isinstance(seed, np.random.Generator):
            kwargs["seed"] = int(seed.integers(2**31))  # one stream threaded through many calls
        elif seed is not None:
            make_rng("seed", seed)  # the package's seed rule: checks type and sign
            kwargs["seed"] = int(seed)
        return qml.device(device, **kwargs)
    if isinstance(device, qml.devices.Device):
        return device
    raise TypeError(
        f"device must be a PennyLane device name or device, got {type(device).__name__}"
    )


def _gates(circuit: Circuit, theta):
    for j, p in enumerate(circuit.generators):
        qml.PauliRot(2 * theta[j], p.word, wires=list(p.support))


def to_qnode(
    circuit: Circuit, device="default.qubit", diff_method="best", *, shots=None, seed=None
):
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
        raise TypeError(
            "diff_method must be a string such as 'backprop' or None, got"
            f" {type(diff_method).__name__}"
        )
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


def pennylane_grad(
    circuit: Circuit, theta, device="default.qubit", diff_method="best", *, shots=None, seed=None
) -> np.ndarray:
    """dF/dtheta computed by PennyLane (``qml.grad`` of :func:`to_qnode`), as a numpy array.

    Introduced in chapter 2.
    """
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta)
    qnode = to_qnode(circuit, device, diff_method, shots=shots, seed=seed)
    return np.asarray(qml.grad(qnode)(pnp.array(theta, requires_grad=True)), dtype=float)


def tracker_ledger(tracker) -> Ledger:
    """What a ``qml.Tracker`` recorded, as a :class:`Ledger`: executions, shots, weighted gates.

    ``shot_gates`` sums each execution's gate count times its shots (times 1
    when exact). PennyLane decomposes nothing here: a PauliRot counts as one gate.
    """
    executions = tracker.history.get("resources", [])
    shots_each = tracker.history.get("shots", [None] * len(executions))
    gates = sum(res.num_gates * (n_shots or 1) for res, n_shots in zip(executions, shots_each))
    return Ledger(
        circuits=int(tracker.totals.get("executions", 0)),
        shots=int(tracker.totals.get("shots", 0)),
        shot_gates=int(gates),
    )


def param_shift_grad_pennylane(
    circuit: Circuit, theta, shots=None, seed=None, device="default.qubit"
):
    """PennyLane's parameter-shift gradient of :func:`to_qnode`, with ``qml.Tracker``'s counts.

    Uses ``qml.gradients.param_shift`` (the shifted circuits only, no extra
    forward pass) on a device seeded with ``seed``, with ``qml.set_shots(shots)``
    when ``shots`` is given. Two differences from :mod:`qbp_lessons.lessons.param_shift.compute`,
    both PennyLane's choices: it skips gates outside the observable's light
    cone (:func:`qbp_lessons.engine.circuits.light_cone`), so it runs ``2 x (gates
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
    product-basis measurement as :func:`qbp_lessons.engine.sampling.sample_bitstrings`,
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


def hadamard_test_qnode(
    circuit: Circuit, k: int, ancilla: str = "Y", device="default.qubit", *, seed=None
):
    """The Hadamard test for component k as a QNode ``f(theta) -> <A_0 (x) O>`` on n + 1 wires.

    Wire 0 is the ancilla (a Hadamard, then the control of ``qml.ctrl(P_k)``
    after gate k); the circuit's wire w is wire w + 1. The independent check of
    :func:`qbp_lessons.engine.circuits.hadamard_test`, and what chapter 2 draws with
    ``qml.draw_mpl``. Introduced in chapter 2.
    """
    circuit = check_circuit(circuit)
    k = bounded_int("k", k, minimum=0, maximum=circuit.M - 1)
    ancilla = choice("ancilla", ancilla, {"X", "Y"})
    dev = (
        device
        if isinstance(device, qml.devices.Device)
        else _device(Circuit(circuit.n + 1, ["X" + "I" * circuit.n]), device, seed)
    )
    ops = {"X": qml.PauliX, "Y": qml.PauliY, "Z": qml.PauliZ}
    from qbp_lessons.lessons.rotations.hadamard import hadamard_test_observable

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
# SPSA through PennyLane (chapter 4)
# --------------------------------------------------------------------------


def _check_directions(directions, K: int, M: int) -> np.ndarray:
    arr = np.asarray(directions, dtype=float)
    if arr.shape != (K, M):
        raise ValueError(f"directions must have shape (K, M) = ({K}, {M}), got {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError("directions must contain only finite values")
    return arr


def spsa_grad_pennylane(
    circuit: Circuit,
    theta,
    K: int = 1,
    c: float = 0.1,
    *,
    directions=None,
    route: str = "transform",
    seed=None,
    shots=None,
    device="default.qubit",
):
    """PennyLane's SPSA gradient of :func:`to_qnode`, with a :class:`Ledger` from ``qml.Tracker``.

    ``route="transform"`` applies ``qml.gradients.spsa_grad`` to the QNode (only
    the 2K perturbed circuits run); ``route="qnode"`` builds the QNode with
    ``diff_method="spsa"`` and the options in ``gradient_kwargs`` and calls
    ``qml.grad`` (one forward execution more). ``directions`` (shape (K, M))
    makes PennyLane perturb along exactly those directions (a custom ``sampler``),
    so the result can be compared with :func:`qbp_lessons.lessons.spsa.compute.spsa_grad` on the
    same directions; without it PennyLane draws its own Rademacher directions
    from ``sampler_rng=seed`` and, unlike :mod:`qbp_lessons.lessons.spsa.compute`, leaves the
    parameters outside the observable's light cone unperturbed, with a zero
    gradient (:func:`qbp_lessons.engine.circuits.light_cone`).

    Units: exp(-i theta P) is ``PauliRot(2 theta)``, so a perturbation c of theta
    is PennyLane's step ``h = 2c`` on the PauliRot angle. Returns ``(grad, Ledger)``.
    Introduced in chapter 4.
    """
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta)
    K = bounded_int("K", K, maximum=10_000)
    c = positive_real("c", c, upper=10.0)
    route = choice("route", route, {"transform", "qnode"})
    if seed is not None and not isinstance(seed, (int, np.integer)):
        raise TypeError(
            f"seed must be an int or None for PennyLane's sampler_rng, got {type(seed).__name__}"
        )
    options = {
        "h": 2.0 * c,
        "num_directions": K,
        "sampler_rng": None if seed is None else int(seed),
    }
    if directions is not None:
        fixed = _check_directions(directions, K, circuit.M)
        options["sampler"] = lambda indices, num_params, idx, rng: fixed[idx].copy()
    if route == "transform":
        qnode = to_qnode(circuit, device, "parameter-shift", shots=shots, seed=seed)
        with qml.Tracker(qnode.device) as tracker:
            grad = qml.gradients.spsa_grad(qnode, **options)(pnp.array(theta, requires_grad=True))
    else:
        qnode = to_qnode(circuit, device, None, shots=shots, seed=seed)
        qnode = (
            qml.QNode(qnode.func, qnode.device, diff_method="spsa", gradient_kwargs=options)
            if shots is None
            else qml.set_shots(
                qml.QNode(qnode.func, qnode.device, diff_method="spsa", gradient_kwargs=options),
                shots=shots,
            )
        )
        with qml.Tracker(qnode.device) as tracker:
            grad = qml.grad(qnode)(pnp.array(theta, requires_grad=True))
    return np.asarray(grad, dtype=float).reshape(circuit.M), tracker_ledger(tracker)


def pennylane_spsa_directions(circuit: Circuit, K: int, seed: int) -> np.ndarray:
    """The directions PennyLane's default SPSA sampler draws for ``sampler_rng=seed``: shape (K, M).

    PennyLane draws ``rng.choice([-1, 1])`` for the parameters inside the
    observable's light cone only, in order, from ``numpy.random.default_rng(seed)``,
    and leaves the others 0. Reproduced here so that the two estimators can be
    compared on the same directions. Introduced in chapter 4.
    """
    from qbp_lessons.engine.circuits import light_cone

    circuit = check_circuit(circuit)
    K = bounded_int("K", K, maximum=10_000)
    gen = np.random.default_rng(bounded_int("seed", seed, minimum=0, maximum=2**63 - 1))
    inside = np.flatnonzero(light_cone(circuit))
    out = np.zeros((K, circuit.M))
    for k in range(K):
        out[k, inside] = gen.choice([-1, 1], size=inside.size)
    return out


def spsa_optimizer_pennylane(
    circuit: Circuit,
    theta0,
    iterations: int,
    *,
    a: float,
    c: float,
    A: float,
    alpha: float = 0.602,
    gamma: float = 0.101,
    seed: int = 0,
    device="default.qubit",
    method: str = "step",
):
    """Run ``qml.SPSAOptimizer.step`` ``iterations`` times on :func:`to_qnode` (exact expectations).

    ``qml.SPSAOptimizer`` draws its directions from numpy's global random state
    (``np.random.choice([-1, 1])``): this function seeds it with ``seed``,
    restores it afterwards, and re-draws the same sequence from a
    ``numpy.random.RandomState(seed)`` so that
    :func:`qbp_lessons.training.train` (``method="spsa"``, ``directions=``)
    can follow the same directions. PennyLane counts iterations from k = 1.
    Returns ``(thetas, directions, Ledger)``: the iterates (shape (iterations + 1, M)),
    the directions (iterations, M) and ``qml.Tracker``'s counts. ``method="step_and_cost"``
    calls ``opt.step_and_cost`` instead, which also reports F, so that the tracker counts
    what that costs. Introduced in chapter 4.
    """
    method = choice("method", method, {"step", "step_and_cost"})
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta0, "theta0")
    iterations = bounded_int("iterations", iterations, maximum=10_000)
    seed = bounded_int("seed", seed, minimum=0, maximum=2**32 - 1)
    for name, value in (("a", a), ("c", c)):
        positive_real(name, value)
    positive_real("A", A, allow_zero=True)
    qnode = to_qnode(circuit, device, None)
    opt = qml.SPSAOptimizer(maxiter=iterations, alpha=alpha, gamma=gamma, c=c, A=A, a=a)
    saved = np.random.get_state()
    np.random.seed(seed)
    params = pnp.array(theta, requires_grad=True)
    thetas = [np.array(theta, dtype=float)]
    try:
        with qml.Tracker(qnode.device) as tracker:
            for _ in range(iterations):
                params = (
                    opt.step(qnode, params)
                    if method == "step"
                    else opt.step_and_cost(qnode, params)[0]
                )
                thetas.append(np.array(params, dtype=float))
    finally:
        np.random.set_state(saved)
    replay = np.random.RandomState(seed)
    directions = np.array(
        [replay.choice([-1, 1], size=circuit.M) for _ in range(iterations)], dtype=float
    )
    return np.array(thetas), directions, tracker_ledger(tracker)


__all__ += ["spsa_grad_pennylane", "pennylane_spsa_directions", "spsa_optimizer_pennylane"]


# --------------------------------------------------------------------------
# Chapter 5: density-matrix quantities, PennyLane's own functions (qml.math)
# --------------------------------------------------------------------------


def pennylane_state_measures(rho, sigma, keep) -> dict:
    """PennyLane's values of the quantities of :mod:`qbp_lessons.engine.qinfo`, to cross-check.

    ``rho`` and ``sigma``: density matrices of the same size; ``keep``: wires
    kept by the partial trace of ``rho``. Returns ``qml.math.fidelity``,
    ``qml.math.trace_distance``, ``qml.math.purity`` and ``qml.math.reduce_dm``
    as numpy values. Introduced in chapter 5.
    """
    from qbp_lessons.engine.qinfo import check_density

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
    """<P2> after a mid-circuit measurement of the one-wire Pauli P1, postselected on ``outcome``.

    Computed by PennyLane. ``first`` must have weight 1 (one wire, X, Y or Z): the
    wire is rotated into P1's eigenbasis, measured with
    ``qml.measure(wire, postselect=...)`` and rotated back, then ``qml.expval(P2)``
    is taken on ``default.qubit`` with the deferred-measurement transform. The independent check of
    :func:`qbp_lessons.lessons.collapse.compute.sequential_exact`. Introduced in chapter 5.
    """
    from qbp_lessons.engine.qinfo import check_ket

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

    def to_z():  # maps the +1 eigenvector of the letter to |0>
        if letter == "X":
            qml.Hadamard(wire)
        elif letter == "Y":
            qml.adjoint(qml.S(wire))
            qml.Hadamard(wire)

    @qml.qnode(qml.device("default.qubit"))  # no fixed wires: the deferred measurement adds one
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
    """PennyLane's estimates from the same snapshots, by ``qml.ClassicalShadow``.

    ``qml.ClassicalShadow(bits, recipes).expval(ops, k=groups)``. ``recipes`` and
    ``bits``: int arrays of shape (T, n) in PennyLane's convention
    (0/1/2 = X/Y/Z, bit 0 = +1), as :class:`qbp_lessons.lessons.shadows.compute.Shadow` holds
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
    shadow = qml.ClassicalShadow(
        np.asarray(bits, dtype=np.int64),
        np.asarray(recipes, dtype=np.int64),
        wire_map=list(range(n)),
    )
    out = [
        np.atleast_1d(np.asarray(shadow.expval(ops[i : i + chunk], k=groups), dtype=float))
        for i in range(0, len(ops), chunk)
    ]
    return np.concatenate(out)


def pennylane_classical_shadow(
    circuit: Circuit, theta, snapshots: int, seed=None
) -> tuple[np.ndarray, np.ndarray]:
    """``qml.classical_shadow`` of the circuit's state on ``default.qubit``: ``(recipes, bits)``.

    Both int8 arrays of shape (T, n). The recipes come from
    ``qml.classical_shadow(wires, seed=...)`` and the outcomes from the seeded device;
    both seeds derive from ``seed``. The same draw as
    :func:`qbp_lessons.engine.sampling.random_pauli_snapshots`, by PennyLane's own code:
    the two distributions can be compared. Introduced in chapter 6.
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
