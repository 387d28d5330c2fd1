"""Every exercise's checker accepts the answer of its worked solution.

Each answer below is computed the way the hidden solution in ``book/*.ipynb`` computes
it (the solution's own functions are copied here); a test reads the notebooks to make
sure every registered exercise has a solution that calls its checker, and that this file
covers every one of them.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

from qbp_lessons import costs
from qbp_lessons.engine import circuits, gradients, paulis, qinfo
from qbp_lessons.exercises import EXERCISES, check
from qbp_lessons.lessons import basics
from qbp_lessons.lessons import commuting
from qbp_lessons.lessons import outlook
from qbp_lessons.lessons import param_shift
from qbp_lessons.lessons.param_shift import structure
from qbp_lessons.lessons.param_shift import exercises as ex3
from qbp_lessons.lessons import shadows

BOOK = Path(__file__).resolve().parents[3] / "book"


def my_backward(params, tape):  # book/01, solution of exercise 1.1
    a, Y = tape.activations, tape.targets
    dF_da = (a[-1] - Y) / Y.shape[1]
    grads = [None] * len(params)
    for k in reversed(range(len(params))):
        delta = dF_da * a[k + 1] * (1 - a[k + 1])
        grads[k] = delta @ a[k].T
        dF_da = params[k].T @ delta
    return grads


def peak_13(L, k):  # book/01, exercise 1.3: the peak of segment length k, by hand
    n = -(-L // k)
    return max(s + 1 + min(k, L - s * k) for s in range(n))


def tape_23():  # book/02, exercise 2.3: largest n in 16 GiB, 3 statevectors against M + 1 = 1001
    return (
        math.floor(math.log2(2**30 / 3)) - math.floor(math.log2(2**30 / 1001))
        if circuits.zero_state(1).itemsize == 16
        else None
    )


def shift_31():  # book/03, exercise 3.1: the root of the stationarity quadratic in u = cos 2s
    a, g = -0.6, -0.3 - (-0.6)
    B = 1 - a**2 - g**2
    u = (B - np.sqrt(B**2 - 4 * a**2 * g**2)) / (2 * a * g)
    return round(float(np.arccos(u) / 2), 4)


def test_the_closed_form_of_3_1_is_the_numerical_minimum():
    # F = a + g cos 2x + h sin 2x at x = 0 has F(0) = -0.3 and F'(0) = 2h = 0.5
    f = lambda x: -0.6 + 0.3 * np.cos(2 * x) + 0.25 * np.sin(2 * x)  # noqa: E731
    s, _ = param_shift.best_shift(f, 0.0)
    assert abs(s - shift_31()) < 1e-4 and abs(s - ex3._ex31_expected()) < 1e-7
    # F'(x) does not move the minimum: the same a and F(x) with another slope
    g = lambda x: -0.6 + 0.3 * np.cos(2 * x) - 0.1 * np.sin(2 * x)  # noqa: E731
    assert abs(param_shift.best_shift(g, 0.0)[0] - s) < 1e-7


def my_rule(f, x):  # book/03, exercise 3.3
    d1, d2 = (1 + 1 / np.sqrt(2)) / 2, (1 - 1 / np.sqrt(2)) / 2
    return d1 * (f(x + np.pi / 4) - f(x - np.pi / 4)) - d2 * (
        f(x + 3 * np.pi / 4) - f(x - 3 * np.pi / 4)
    )


def budget_41():  # book/04, exercise 4.1
    errors = {
        N: float(costs.spsa_second_moment(50, 2.0, 20_000 // (2 * N), "gaussian", shots=N, c=0.1))
        for N in (1, 2, 5, 10, 100)
    }
    return min(errors.values()) / 2.0


def light_cone_43():  # book/04, exercise 4.3
    circ = circuits.random_circuit(4, 16, seed=12)
    g = gradients.grad_adjoint(circ, circuits.random_parameters(16, seed=13))
    return (int(structure.light_cone(circ).sum()) - 1) * g @ g


def post_state(rho, effect):  # book/05, exercise 5.3
    values, vectors = np.linalg.eigh(effect)
    root = (vectors * np.sqrt(np.clip(values, 0, None))) @ vectors.conj().T
    out = root @ rho @ root
    return out / np.trace(out).real


def groups_54():  # book/05, exercise 5.4
    six = ["XX", "YY", "ZZ", "XI", "ZI", "IZ"]
    return next(
        g
        for g in range(1, 7)
        for labels in itertools.product(range(g), repeat=6)
        if all(
            paulis.commutes(a, b)
            for (a, la), (b, lb) in itertools.combinations(zip(six, labels), 2)
            if la == lb
        )
    )


def component_61():  # book/06, exercise 6.1
    prep1 = circuits.Circuit(1, ["Y"])
    point1 = shadows.reduction_parameters(prep1, [np.arccos(0.3) / 2], 1)
    point1[0] = -np.pi / 8
    return gradients.grad_adjoint(shadows.reduction_circuit(prep1, ["Z"]), point1)[-1]


def estimate(recipes, bits, label):  # book/06, exercise 6.4
    wires = [w for w, ch in enumerate(label) if ch != "I"]
    letters = np.array(["XYZ".index(label[w]) for w in wires], dtype=int)
    match = np.all(recipes[:, wires] == letters, axis=1)
    signs = np.prod(1 - 2 * bits[:, wires].astype(int), axis=1)
    return float(np.mean(match * signs * 3.0 ** len(wires)))


PRODUCT = {
    ("X", "Y"): (1j, "Z"),
    ("Y", "Z"): (1j, "X"),
    ("Z", "X"): (1j, "Y"),
    ("Y", "X"): (-1j, "Z"),
    ("Z", "Y"): (-1j, "X"),
    ("X", "Z"): (-1j, "Y"),
}


def gradient_observable(g, h):  # book/07, exercise 7.1
    phase, letters = 1, []
    for a, b in zip(g, h):
        if a == "I" or b == "I" or a == b:
            letters.append(b if a == "I" else a if b == "I" else "I")
        else:
            f, c = PRODUCT[(a, b)]
            phase *= f
            letters.append(c)
    if phase in (1, -1):
        return (0, None)
    return ((2j * phase).real, "".join(letters))


def blocks_73():  # book/07, exercise 7.3: merged settings, one term of H at a time
    total = 0
    for term in [(1.0, "IZII"), (0.5, "ZZII"), (0.4, "XIII")]:
        blocks = commuting.two_block_example(4, [term])
        prepared = commuting.prepare_gradient(blocks, np.full(blocks.M, 0.3))
        ends = np.cumsum([len(b) for b in blocks.blocks])
        by_block = {}
        for s in prepared.settings:
            first_j = int(s.components.min())
            by_block.setdefault(int(np.searchsorted(ends, first_j, side="right")), []).extend(
                s.paulis
            )
        for strings in by_block.values():
            commuting.diagonalise(strings)
        total += len(by_block)
    return total


def split_32():  # book/03, exercise 3.2: Neyman's split, N+ / N- = sqrt(1 - F+^2) / sqrt(1 - F-^2)
    a, b = 1 - 0.95**2, 1 - 0.2**2
    real = 800 * np.sqrt(a) / (np.sqrt(a) + np.sqrt(b))
    return min(a / n + b / (800 - n) for n in (int(np.floor(real)), int(np.ceil(real))))


def both_anticommute_01():  # book/00, exercise 0.1
    return [q.label for q in basics.anticommuting("XZ") if not paulis.commutes("ZX", q)]


def split_02():  # book/00, exercise 0.2: N_X / N_Z = sqrt(1 - <X>^2) / sqrt(1 - <Z>^2)
    a = 1 - circuits.expval(circuits.Circuit(1, ["Y"], "X"), [0.1]) ** 2
    b = 1 - circuits.expval(circuits.Circuit(1, ["Y"], "Z"), [0.1]) ** 2
    total = costs.shots_for_precision(0.01, variance=(np.sqrt(a) + np.sqrt(b)) ** 2)
    while all(a / k + b / (total - k) > 1e-4 * (1 + 1e-12) for k in range(1, total)):
        total += 1
    return total


def best_guess_03():  # book/00, exercise 0.3
    zero = qinfo.density_matrix(circuits.zero_state(1))
    target = qinfo.density_matrix(circuits.state(circuits.Circuit(1, ["Y"]), [math.pi / 8]))
    return (1 + qinfo.trace_distance(zero, target)) / 2


def register_81():  # book/08, exercise 8.1
    g = np.array([0.40625, -0.1875])
    readout = outlook.jordan_gradient(lambda x: 0.7 + g @ x, np.zeros(2), 5)
    return int(np.argmax(readout.marginal(1)))


def crossover_85():  # book/08, exercise 8.5: sqrt(M) = 8 ln(2M / delta) / eps, by iteration
    m = 1e6
    for _ in range(30):
        m = (80 * math.log(200 * m)) ** 2
    return m


SOLUTIONS = {
    "0.1": both_anticommute_01,
    "0.2": split_02,
    "0.3": best_guess_03,
    "1.1": lambda: my_backward,
    "1.2": lambda: ([256] * 49, 1200),
    "1.3": lambda: min(peak_13(50, k) for k in range(1, 51)),
    "1.4": lambda: (4 * 40 - 1) / 40,
    "1.5": lambda: 10,
    "2.1": lambda: -2 * np.cos(2 * np.pi / 8) * np.cos(2 * np.pi / 6),
    "2.2": lambda: -0.5,
    "2.3": tape_23,
    "3.1": shift_31,
    "3.2": split_32,
    "3.3": lambda: my_rule,
    "4.1": budget_41,
    "4.2": lambda: 50 * 49 / (149 * 49 + 2 * 49),
    "4.3": light_cone_43,
    "5.1": lambda: 1 - 1 / np.sqrt(2),
    "5.2": lambda: (1 + 0.8) / 2 * 0.5,
    "5.3": lambda: post_state,
    "5.4": groups_54,
    "6.1": component_61,
    "6.2": lambda: (9 + 9) / 4 - ((1 + 1) / 2) ** 2,  # E[xz] = 0: the letters never both match
    "6.3": lambda: 3**4 + 1,  # M / eps^2 shots against 3^k / eps^2 snapshots
    "6.4": lambda: estimate,
    "7.1": lambda: gradient_observable,
    "7.2": lambda: 3,
    "7.3": blocks_73,
    "8.1": register_81,
    "8.2": lambda: 1 / (16**2 * np.sin(np.pi / 32) ** 2),
    "8.4": lambda: 1.5 * (2**12 - 2.0**-12),
    "8.5": crossover_85,
}


def _solution_checks() -> set[str]:
    """Exercise ids whose checker a notebook's solution calls (code between the solution marks)."""
    found = set()
    for path in sorted(BOOK.glob("*.ipynb")):
        inside = False
        for cell in json.loads(path.read_text())["cells"]:
            src = "".join(cell["source"])
            if cell["cell_type"] == "markdown":
                if "solution-end" in src:
                    inside = False
                if "solution-start" in src:
                    inside = True
            elif inside:
                found |= set(re.findall(r'check\("(\d+\.\d+)"', src))
    return found


def test_every_exercise_has_a_worked_solution_in_the_book_and_here():
    assert _solution_checks() == set(EXERCISES) == set(SOLUTIONS)


@pytest.mark.parametrize("exercise", sorted(SOLUTIONS, key=lambda k: tuple(map(int, k.split(".")))))
def test_the_worked_solution_is_accepted(capsys, exercise):
    assert check(exercise, SOLUTIONS[exercise]()) is True
    assert capsys.readouterr().out.startswith(f"Exercise {exercise}: correct.")


def test_the_four_term_rule_is_accepted_at_every_check():
    # 3.3 draws its hidden scale, shift and offset afresh: the right rule passes every time
    assert all(check("3.3", my_rule) for _ in range(20))
    assert math.isclose(my_rule(np.sin, 0.3), math.cos(0.3), abs_tol=1e-12)
