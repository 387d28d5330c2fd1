"""Collapse: measure one Pauli string, then try to learn another from the same copy.

Introduced in chapter 5. Measuring a Pauli string P1 projects the state onto an
eigenspace of P1. For a string P2 that anticommutes with P1, the expectation of P2
afterwards is exactly 0 after either outcome, whatever it was before: the
information is gone, not biased. A commuting P2 keeps its statistics.
:func:`sequential_exact` computes this with the Lueders rule, :func:`sequential_sample`
measures it shot by shot with the sampler
(:func:`qbp_lessons.engine.sampling.measure_pauli`), and :func:`collapse_scan` does it
for a family of states.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from qbp_lessons._validate import record
from qbp_lessons._validate import bounded_int
from qbp_lessons._validate import rng as make_rng
from qbp_lessons.engine import qinfo
from qbp_lessons.engine.circuits import apply_pauli
from qbp_lessons.engine.ledger import Ledger, check_ledger
from qbp_lessons.engine.paulis import commutes, pauli
from qbp_lessons.engine.sampling import measure_pauli, project_pauli
from qbp_lessons.lessons.collapse.limits import MAX_COPIES, MAX_SCAN_COPIES

__all__ = [
    "SequentialExact",
    "sequential_exact",
    "SequentialSample",
    "sequential_sample",
    "CollapseScan",
    "collapse_scan",
]


def _expectation(psi: np.ndarray, p) -> float:
    """<psi|P|psi> for a checked statevector and Pauli string."""
    return float(np.vdot(psi, apply_pauli(p, psi)).real)


@record
@dataclass(frozen=True)
class SequentialExact:
    """P1 measured on |psi>, then <P2> on the collapsed state, exactly (chapter 5).

    ``probabilities[i]`` and ``after[i]`` belong to outcome ``(+1, -1)[i]`` of P1
    (``after`` is NaN for an outcome of probability 0); ``before`` is <P2> on
    the untouched state; ``average_after`` = sum_s p_s <P2>_s.
    """

    NAN_FIELDS: ClassVar[tuple] = ("after",)  # NaN after an outcome of probability 0

    first: str
    second: str
    commute: bool
    before: float
    probabilities: np.ndarray
    after: np.ndarray

    @property
    def average_after(self) -> float:
        ok = self.probabilities > 0
        return float(np.sum(self.probabilities[ok] * self.after[ok]))


def sequential_exact(psi, first, second) -> SequentialExact:
    """Measure ``first`` on ``psi`` (both outcomes, Lueders rule), then <``second``> on each result.

    If the strings anticommute, ``after`` is 0 for both outcomes: (I + sP1) P2
    (I + sP1) = P2 (I - sP1)(I + sP1) = 0. If they commute, ``average_after``
    equals ``before``. Introduced in chapter 5.
    """
    first = pauli(first, name="first")
    second = pauli(second, first.n, name="second")
    psi = qinfo.check_ket(psi)
    if psi.size != 1 << first.n:
        raise ValueError(
            f"psi must have 2^{first.n} = {1 << first.n} amplitudes for {first.label}, got"
            f" {psi.size}"
        )
    probs, after = np.zeros(2), np.full(2, np.nan)
    for i, s in enumerate((1, -1)):
        try:
            probs[i], post = project_pauli(psi, first, s)
        except ValueError:  # an outcome that never occurs leaves no state to measure
            continue
        after[i] = _expectation(post, second)
    return SequentialExact(
        first.label, second.label, commutes(first, second), _expectation(psi, second), probs, after
    )


@record
@dataclass(frozen=True)
class SequentialSample:
    """Outcomes of P1 then P2 on the same copies, and of P2 alone on fresh copies (chapter 5).

    ``outcomes``: shape (copies, 2), the +-1 results of P1 and then P2 on each
    copy; ``fresh``: P2 measured on ``copies`` other, untouched copies.
    """

    first: str
    second: str
    outcomes: np.ndarray
    fresh: np.ndarray

    @property
    def copies(self) -> int:
        return int(self.fresh.size)

    def after(self, outcome: int | None = None) -> tuple[float, float, int]:
        """Mean of P2 after P1 (given P1's ``outcome``, or over all copies), error, count."""
        rows = self.outcomes if outcome is None else self.outcomes[self.outcomes[:, 0] == outcome]
        m = rows.shape[0]
        if m == 0:
            return float("nan"), float("nan"), 0
        mean = float(rows[:, 1].mean())
        return mean, float(np.sqrt(max(1.0 - mean**2, 1.0 / m) / m)), m

    def fresh_estimate(self) -> tuple[float, float]:
        """Mean of P2 on fresh copies and its standard error."""
        mean = float(self.fresh.mean())
        return mean, float(np.sqrt(max(1.0 - mean**2, 1.0 / self.copies) / self.copies))


def sequential_sample(
    psi, first, second, copies: int, seed=None, *, ledger: Ledger | None = None
) -> SequentialSample:
    """Measure ``first`` then ``second`` on ``copies`` copies of psi; ``second`` alone on as many.

    Every measurement is one shot of :func:`qbp_lessons.engine.sampling.measure_pauli`,
    which draws the outcome by the Born rule and returns the collapsed state;
    the ledger counts 3 x ``copies`` single-shot measurements on 2 x ``copies``
    prepared copies (executions): P2 after P1 reuses its copy.
    Introduced in chapter 5.
    """
    first = pauli(first, name="first")
    second = pauli(second, first.n, name="second")
    psi = qinfo.check_ket(psi)
    if psi.size != 1 << first.n:
        raise ValueError(
            f"psi must have 2^{first.n} = {1 << first.n} amplitudes for {first.label}, got"
            f" {psi.size}"
        )
    copies = bounded_int("copies", copies, maximum=MAX_COPIES)
    ledger = check_ledger(ledger)
    gen = make_rng("seed", seed)
    outcomes = np.empty((copies, 2), dtype=np.int8)
    fresh = np.empty(copies, dtype=np.int8)
    for c in range(copies):
        s1, post = measure_pauli(psi, first, gen, ledger=ledger)
        s2, _ = measure_pauli(post, second, gen, ledger=ledger, same_copy=True)
        outcomes[c] = (s1, s2)
        fresh[c], _ = measure_pauli(psi, second, gen, ledger=ledger)
    return SequentialSample(first.label, second.label, outcomes, fresh)


@record
@dataclass(frozen=True)
class CollapseScan:
    """:func:`sequential_sample` over a family of states (chapter 5): exact <P2>, both estimates."""

    first: str
    second: str
    exact_before: np.ndarray
    exact_after: np.ndarray
    fresh: np.ndarray
    fresh_error: np.ndarray
    after: np.ndarray
    after_error: np.ndarray
    copies: int


def collapse_scan(
    states, first, second, copies: int, seed=None, *, ledger: Ledger | None = None
) -> CollapseScan:
    """For each state: <P2> exactly, estimated from fresh copies, and after measuring P1 first.

    ``states``: a sequence of statevectors (at most 1,000). Introduced in chapter 5.
    """
    if isinstance(states, np.ndarray) and states.ndim == 1:
        states = [states]
    if isinstance(states, (str, bytes)) or not hasattr(states, "__len__"):
        raise TypeError(f"states must be a list of statevectors, got {type(states).__name__}")
    if not 1 <= len(states) <= 1000:
        raise ValueError(f"states must hold 1 to 1000 statevectors, got {len(states)}")
    copies = bounded_int("copies", copies, maximum=MAX_COPIES)
    if len(states) * copies > MAX_SCAN_COPIES:
        raise ValueError(
            f"states x copies must be at most {MAX_SCAN_COPIES:,} copies in all, "
            f"got {len(states):,} x {copies:,}"
        )
    gen = make_rng("seed", seed)
    for i, psi in enumerate(states):  # every state checked before any is measured
        try:
            qinfo.check_ket(psi)
        except (TypeError, ValueError) as exc:
            raise type(exc)(f"states[{i}]: {exc}") from None
    rows = []
    for psi in states:
        exact = sequential_exact(psi, first, second)
        sample = sequential_sample(psi, first, second, copies, gen, ledger=ledger)
        rows.append(
            (exact.before, exact.average_after, *sample.fresh_estimate(), *sample.after()[:2])
        )
    cols = np.array(rows).T
    return CollapseScan(exact.first, exact.second, *cols, copies)
