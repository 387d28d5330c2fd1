"""Chapter 4's exercises: a shot budget split between directions and shots, the optimiser's
progress per circuit, PennyLane's light cone (and a proof, and an open problem, without checkers).

Introduced in chapter 4.
"""

from __future__ import annotations

import numpy as np

from qbp_lessons import costs
from qbp_lessons.engine import circuits
from qbp_lessons.engine import gradients
from qbp_lessons.exercises.checker import FOUR_FIGURES, Exercise, numeric
from qbp_lessons.lessons.param_shift import structure

# : Exercise 4.1: Gaussian directions, M, ||g||^2, single-shot variance, step c, and the shot
# budget of one gradient.
EX41_M, EX41_G2, EX41_VAR, EX41_C, EX41_BUDGET = 50, 2.0, 1.0, 0.1, 20_000
_EX42_M = 50
# : The circuit of exercise 4.3: ``random_circuit(4, 16, seed=12)`` at ``random_parameters(16,
# seed=13)``.
EX43_CIRCUIT_SEED, EX43_THETA_SEED, EX43_N, EX43_M = 12, 13, 4, 16


def _ex41_expected() -> float:
    """Smallest E||g_bar - g||^2 / ||g||^2 for a budget S = 2 K N of shots (linearised, no bias).

    One direction with N shots per evaluation: (M + 1) ||g||^2 + M v / (2 c^2 N)
    (costs.spsa_second_moment); K = S / (2N) directions divide it by K, so the error is
    [2 N (M + 1) ||g||^2 + M v / c^2] / S: increasing in N, smallest at N = 1, K = S / 2.
    """
    K = EX41_BUDGET // 2
    one = float(
        costs.spsa_second_moment(
            EX41_M, EX41_G2, 1, "gaussian", shots=1, c=EX41_C, variance=EX41_VAR
        )
    )
    return one / K / EX41_G2


def ex42_problem():
    """Exercise 4.2's quadratic f = theta^T H theta / 2: the diagonal of H and the point theta.

    M = 50, H = diag(100, 1, ..., 1), theta = (0, 1, ..., 1): the gradient H theta lies in the
    flat directions, the largest curvature in the one it does not touch.
    """
    curvature = np.ones(_EX42_M)
    curvature[0] = 100.0
    theta = np.ones(_EX42_M)
    theta[0] = 0.0
    return curvature, theta


def _ex42_expected() -> float:
    """Expected decrease per circuit, SPSA (Gaussian, best step) over exact-gradient descent.

    On f = theta^T H theta / 2 a step -a g_hat lowers f on average by a ||g||^2 - (a^2/2)
    E[g_hat^T H g_hat], at best ||g||^4 / (2 E[g_hat^T H g_hat]). For the exact gradient
    E[...] = g^T H g; for g_hat = Delta (Delta . g) with Gaussian Delta (Isserlis)
    ||g||^2 tr H + 2 g^T H g. SPSA spends 2 circuits, gradient descent 2M.
    """
    h, theta = ex42_problem()
    g = h * theta
    g2, ghg = float(g @ g), float(g @ (h * g))
    per_circuit_spsa = g2**2 / (2.0 * (g2 * float(h.sum()) + 2.0 * ghg)) / 2.0
    per_circuit_gd = g2**2 / (2.0 * ghg) / (2.0 * _EX42_M)
    return per_circuit_spsa / per_circuit_gd


def ex43_circuit():
    """The circuit and angles of exercise 4.3 (the call the exercise asks the reader to make)."""
    circuit = circuits.random_circuit(EX43_N, EX43_M, seed=EX43_CIRCUIT_SEED)
    return circuit, circuits.random_parameters(EX43_M, seed=EX43_THETA_SEED)


def _ex43_expected() -> float:
    """E||g_hat - g||^2 of PennyLane's spsa_grad (one direction, h -> 0): (M_inside - 1) ||g||^2."""
    circuit, theta = ex43_circuit()
    g = gradients.grad_adjoint(circuit, theta)
    inside = int(np.sum(structure.light_cone(circuit)))
    return float(costs.spsa_second_moment(inside, float(g @ g), 1, "rademacher"))


EXERCISES = {
    "4.1": Exercise(
        question=(
            "One SPSA gradient with Gaussian directions (entries N(0, 1)) on M = 50 parameters,"
            " where ||g||^2 = 2, for a +-1 observable of single-shot variance 1, at step c = 0.1"
            " (linearised: no bias), may spend S = 20,000 shots in all. You choose the shots N on"
            " each evaluation; the directions are then K = S / (2N). What is the smallest"
            f" relative squared error E||g_bar - g||^2 / ||g||^2 you can reach? {FOUR_FIGURES}"
        ),
        judge=numeric(_ex41_expected),
        hints=(
            (
                "Write the error of one direction with N shots per evaluation: the noise-free"
                " part (M + 1) ||g||^2 and the shot part M v / (2 c^2 N). Averaging K directions"
                " divides the sum by K."
            ),
            (
                "Put K = S / (2N) in: the error is [2 N (M + 1) ||g||^2 + M v / c^2] / S. How does"
                " it depend on N?"
            ),
            (
                "It grows with N: spend one shot per evaluation, N = 1 and K = S / 2, then divide"
                " by ||g||^2."
            ),
        ),
    ),
    "4.2": Exercise(
        question=(
            "On f(theta) = theta^T H theta / 2 with M = 50, H = diag(100, 1, ..., 1), at theta ="
            " (0, 1, ..., 1), compare the expected decrease of f per circuit execution of SPSA with"
            " Gaussian directions (best constant step, 2 circuits per step, c -> 0) with that of"
            " gradient descent on the exact gradient (best step, 2M circuits per step). Give the"
            f" ratio SPSA / gradient descent. {FOUR_FIGURES}"
        ),
        judge=numeric(_ex42_expected),
        hints=(
            (
                "The expected value after a step -a g_hat is f - a ||g||^2 + (a^2 / 2)"
                " E[g_hat^T H g_hat]: g_hat is unbiased, so the first-order term is the exact one."
            ),
            (
                "Minimise over a: the best decrease is ||g||^4 / (2 E[g_hat^T H g_hat]); for the"
                " exact gradient E[...] = g^T H g."
            ),
            (
                "For g_hat = Delta (Delta . g), E[(Delta . g)^2 Delta^T H Delta] needs the fourth"
                " moments E[D_a D_b D_c D_d] = d_ab d_cd + d_ac d_bd + d_ad d_bc:"
                " ||g||^2 tr H + 2 g^T H g. Then divide each decrease by the circuits it cost."
            ),
        ),
    ),
    "4.3": Exercise(
        question=(
            "Take circuit = random_circuit(4, 16, seed=12) at theta = random_parameters(16,"
            " seed=13). What is the mean of ||g_hat - g||^2 over the random directions of"
            " PennyLane's qml.gradients.spsa_grad with one direction, no shots and a tiny step h?"
            f" {FOUR_FIGURES}"
        ),
        judge=numeric(_ex43_expected),
        hints=(
            (
                "PennyLane does not perturb every parameter. Which parameters can it leave out"
                " without changing the expectation value it differentiates?"
            ),
            (
                "Those whose gate cannot reach the measured qubits: structure.light_cone(circuit)"
                " marks the others. Outside the light cone g_i = 0, and PennyLane returns"
                " exactly 0 there."
            ),
            (
                "Inside, it is SPSA on M_inside parameters with the same ||g||^2: (M_inside - 1)"
                " ||g||^2."
            ),
        ),
    ),
}
