"""SPSA through PennyLane: its gradient transform, its sampler's directions, its optimiser.

Introduced in chapter 4.
"""

from __future__ import annotations

import numpy as np
import pennylane as qml
from pennylane import numpy as pnp

from qbp_lessons._validate import bounded_int, choice, positive_real, seed_ints
from qbp_lessons.engine.circuits import Circuit, check_circuit
from qbp_lessons.interop.circuits import to_qnode, tracker_ledger

__all__ = [
    "MAX_PENNYLANE_EXECUTIONS",
    "spsa_grad_pennylane",
    "pennylane_spsa_directions",
    "spsa_optimizer_pennylane",
]

#: Most circuit executions one call here may ask PennyLane for (about 7 ms each on
#: ``default.qubit`` for a small circuit): 2K for a gradient, 2 or 3 per optimiser step.
MAX_PENNYLANE_EXECUTIONS = 2_000


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
    gradient (:func:`qbp_lessons.lessons.param_shift.structure.light_cone`).

    Units: exp(-i theta P) is ``PauliRot(2 theta)``, so a perturbation c of theta
    is PennyLane's step ``h = 2c`` on the PauliRot angle. Returns ``(grad, Ledger)``.
    Introduced in chapter 4.
    """
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta)
    K = bounded_int("K", K, maximum=MAX_PENNYLANE_EXECUTIONS // 2)
    c = positive_real("c", c, upper=10.0)
    route = choice("route", route, {"transform", "qnode"})
    sampler_seed, seed = seed_ints("seed", seed, 2)  # an int s seeds both, as before
    options = {
        "h": 2.0 * c,
        "num_directions": K,
        "sampler_rng": sampler_seed,
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
    from qbp_lessons.lessons.param_shift.structure import light_cone

    circuit = check_circuit(circuit)
    K = bounded_int("K", K, maximum=MAX_PENNYLANE_EXECUTIONS // 2)
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
    """Run ``qml.SPSAOptimizer.step`` ``iterations`` times on :func:`to_qnode` (exact values).

    ``qml.SPSAOptimizer`` draws its directions from numpy's global random state
    (``np.random.choice([-1, 1])``): this function seeds it with ``seed``,
    restores it afterwards, and re-draws the same sequence from a
    ``numpy.random.RandomState(seed)`` so that :func:`qbp_lessons.training.train`
    (``method="spsa"``, ``directions=``) can follow the same directions. PennyLane counts
    iterations from k = 1.
    Returns ``(thetas, directions, Ledger)``: the iterates (shape (iterations + 1, M)),
    the directions (iterations, M) and ``qml.Tracker``'s counts. ``method="step_and_cost"``
    calls ``opt.step_and_cost`` instead, which also reports F, so that the tracker counts
    what that costs. Introduced in chapter 4.
    """
    method = choice("method", method, {"step", "step_and_cost"})
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta0, "theta0")
    iterations = bounded_int("iterations", iterations, maximum=MAX_PENNYLANE_EXECUTIONS // 3)
    seed = bounded_int("seed", seed, minimum=0, maximum=2**32 - 1)
    # the gains as PennyLane computes them, a / (k + A)^alpha and c / k^gamma, checked by the
    # package's own gains, so that an overflow is refused by name, not met as a NaN angle
    from qbp_lessons.lessons.spsa.compute import SpallGains

    c = positive_real("c", c, upper=10.0)
    gains = SpallGains(a, c, A, alpha, gamma)
    a, A, alpha, gamma = gains.a, gains.A, gains.alpha, gains.gamma
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
