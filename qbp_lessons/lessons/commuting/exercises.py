"""Chapter 7's exercises: the gradient observable by hand, settings for a sum of terms,
merged ancilla readings for a sum of terms.

Introduced in chapter 7.
"""

from __future__ import annotations

import numpy as np

from qbp_lessons.lessons.commuting.blocks import two_block_example
from qbp_lessons.lessons.commuting.generators import (
    CommutingCircuit,
    commuting_grad_shots,
    prepare_gradient,
)
from qbp_lessons.lessons.commuting.settings import diagonalise
from qbp_lessons.engine.ledger import Ledger
from qbp_lessons.engine.paulis import PauliString, commutes, multiply, pauli
from qbp_lessons.exercises.checker import (
    Exercise,
    Verdict,
    WrongKind,
    as_number,
    call_student,
    exact_int,
    short,
)

#: Exercise 7.2: X-type generators on 4 qubits and an observable of four terms.
EX72_GENERATORS = ("XXII", "IXXI", "IIXX", "XIIX", "XIXI")
EX72_OBSERVABLE = ((1.0, "ZIII"), (0.5, "ZZII"), (-0.7, "ZZZZ"), (0.3, "IYIY"))


def _ex71_cases():
    rng = np.random.default_rng(71)
    out = [("XI", "ZI"), ("XX", "ZI"), ("YZ", "XX"), ("XIZ", "ZIZ"), ("ZZ", "ZI")]
    for _ in range(20):
        n = int(rng.integers(1, 5))
        out.append(tuple("".join(rng.choice(list("IXYZ"), size=n)) for _ in range(2)))
    return out


def _ex71_gradient_observable(g: str, h: str) -> tuple:
    """Exercise 7.1's key: 2i G H from :func:`multiply`, (0, None) when G and H commute."""
    if commutes(g, h):
        return (0, None)
    phase, r = multiply(g, h)
    return ((2j * phase).real, r.label)


def _ex71_judge(candidate) -> Verdict:
    """The student's ``gradient_observable(g, h)`` against the Pauli algebra of the package.

    Near (the next hint opens): a pair whose label or coefficient is right on an
    anticommuting case.
    """
    for g, h in _ex71_cases():
        got = call_student(candidate, g, h)
        if not isinstance(got, tuple) or len(got) != 2:
            raise WrongKind(f"a pair (coefficient, label); yours returned {short(got)}")
        coeff = as_number(got[0])
        if commutes(g, h):
            if coeff != 0:
                return Verdict("wrong", f"G = {g} and H = {h} commute: the coefficient must be 0")
            continue
        phase, r = multiply(g, h)
        want = (2j * phase).real  # 2i G H = 2i phase R
        label = got[1]
        if label is None or coeff == 0:
            return Verdict(
                "wrong",
                f"for G = {g}, H = {h} it returned {short(got)}, but these two anticommute: then"
                f" 2i G H is a nonzero coefficient times a Pauli string of {len(g)} letters,"
                " so return (coefficient, label)",
            )
        if not isinstance(label, (str, PauliString)):
            raise WrongKind(
                f"a label such as 'XYI' as the second entry, not {type(label).__name__}"
            )
        try:
            label = pauli(label, len(g), name="label").label
        except (TypeError, ValueError) as exc:
            raise WrongKind(f"a Pauli label of {len(g)} letters ({exc})") from None
        if label != r.label:
            return Verdict(
                "wrong",
                f"for G = {g}, H = {h} the string is not {label}",
                near=abs(coeff) == abs(want),
            )
        if coeff != want:
            return Verdict(
                "wrong",
                f"for G = {g}, H = {h} the string is right but the coefficient is not",
                near=True,
            )
    return Verdict("correct")


def _ex72_expected() -> int:
    """Settings of one gradient, counted by the ledger on a real run of the estimator."""
    model = CommutingCircuit(4, list(EX72_GENERATORS), [list(t) for t in EX72_OBSERVABLE])
    ledger = Ledger()
    commuting_grad_shots(model, np.full(model.M, 0.3), 10, seed=0, ledger=ledger)
    return ledger.circuits


#: Exercise 7.3: the two-block example on 4 qubits with an observable of three terms.
EX73_OBSERVABLE = ((1.0, "IZII"), (0.5, "ZZII"), (0.4, "XIII"))


def _merged_settings(observable) -> int:
    """Settings of the two-block example when each block's ancilla-X and ancilla-Y readings
    share one setting, one term of H at a time (each term has settings of its own).

    Checked, not assumed: :func:`diagonalise` raises if a block's readings do not all
    commute.
    """
    total = 0
    for term in observable:
        model = two_block_example(4, [term])
        prepared = prepare_gradient(model, np.full(model.M, 0.3))
        ends = np.cumsum([len(b) for b in model.blocks])
        by_block: dict[int, list] = {}
        for s in prepared.settings:
            first = int(s.components.min())
            by_block.setdefault(int(np.searchsorted(ends, first, side="right")), []).extend(
                s.paulis
            )
        for strings in by_block.values():
            diagonalise(list(strings))
        total += len(by_block)
    return total


def _ex73_expected() -> int:
    return _merged_settings([list(t) for t in EX73_OBSERVABLE])


EXERCISES = {
    "7.1": Exercise(
        question=(
            "Write gradient_observable(g, h) for Pauli labels g (a generator) and h (a term of H):"
            " return (coefficient, label) with 2i G H = coefficient * label, or (0, None) when G"
            " and H commute."
        ),
        judge=_ex71_judge,
        solution=lambda: _ex71_gradient_observable,
        hints=(
            "Multiply letter by letter: XY = iZ, YZ = iX, ZX = iY, and the reverse orders give -i.",
            (
                "The product G H is a phase times a string; when G and H anticommute that phase is"
                " +-i."
            ),
            "Multiply the phase by 2i: the coefficient is +2 or -2.",
        ),
        expects="a function gradient_observable(g, h) returning (coefficient, label)",
    ),
    "7.2": Exercise(
        question=(
            "The generators XXII, IXXI, IIXX, XIIX, XIXI and H = Z_0 + 0.5 Z_0Z_1 - 0.7"
            " Z_0Z_1Z_2Z_3 + 0.3 Y_1Y_3: how many circuits (measurement settings) does the"
            " commuting estimator run for one gradient?"
        ),
        judge=exact_int(_ex72_expected),
        hints=(
            "One setting per term of H, but only for terms that some generator anticommutes with.",
            (
                "An X-type string anticommutes with a Z-type term when they overlap on an odd"
                " number of wires; with Y_1Y_3, count the clashing wires the same way."
            ),
            "Check each of the four terms against all five generators.",
        ),
        expects="a whole number",
    ),
    "7.3": Exercise(
        question=(
            "The two-block example on 4 qubits with H = Z_1 + 0.5 Z_0Z_1 + 0.4 X_0: how many"
            " circuits does"
            " one gradient need once each block's two ancilla readings (X_a and Y_a) share one"
            " setting?"
        ),
        judge=exact_int(_ex73_expected),
        hints=(
            (
                "Each term of H has settings of its own: count per term, then add. Run the block"
                " estimator with a ledger to see the count before merging."
            ),
            (
                "For a block before the last, every generator commutes or anticommutes with the"
                " term, so it lands in one of the two readings; merged, that block needs one"
                " setting per term."
            ),
            (
                "The last block needs no ancilla and has a setting for a term only if one of its"
                " generators anticommutes with that term: check Z_1, Z_0Z_1 and X_0 against the"
                " X-strings of block 2."
            ),
        ),
        expects="a whole number",
    ),
}
