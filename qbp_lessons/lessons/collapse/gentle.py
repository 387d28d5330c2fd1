"""Gentle measurement: an outcome that is almost certain barely moves the state.

Introduced in chapter 5 (Winter 1999; Wilde's textbook, Lemma 9.4.1): an outcome of
probability at least 1 - eps moves the state by trace distance at most sqrt(eps),
the bound :func:`qbp_lessons.costs.gentle_measurement_bound`. :func:`measure_effect`
is the Lueders rule for any effect 0 <= Lambda <= I;
:func:`gentle_measurement_check` tries the lemma on thousands of random states and
effects, :func:`tight_gentle_case` reaches it, and :func:`union_bound_check` measures
sequences of projectors on one copy against the classical and quantum union bounds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qbp_lessons._validate import record
from qbp_lessons import costs
from qbp_lessons._validate import bounded_int, probability
from qbp_lessons._validate import rng as make_rng
from qbp_lessons.engine import qinfo
from qbp_lessons.lessons.collapse.limits import MAX_CASES

__all__ = [
    "measure_effect",
    "GentleCheck",
    "gentle_measurement_check",
    "tight_gentle_case",
    "UnionBoundCheck",
    "union_bound_check",
]


def measure_effect(rho, effect) -> tuple[float, np.ndarray]:
    """The outcome ``effect`` (0 <= Lambda <= I) on ``rho``: its probability and the state after.

    Lueders rule: p = tr(Lambda rho), rho' = sqrt(Lambda) rho sqrt(Lambda) / p.
    Raises ValueError when p = 0 (the outcome never occurs). Introduced in chapter 5.
    """
    rho = qinfo.check_density(rho)
    effect = qinfo.check_effect(effect, dim=rho.shape[0])
    p = float(np.trace(effect @ rho).real)
    if p <= 1e-15:
        raise ValueError(
            "effect has probability 0 on rho: the outcome never occurs, so it has no"
            " post-measurement state"
        )
    root = qinfo.operator_sqrt(effect, "effect")
    post = root @ rho @ root / p
    return p, 0.5 * (post + post.conj().T)


@record
@dataclass(frozen=True)
class GentleCheck:
    """The gentle measurement lemma tried on random cases (chapter 5).

    For each case, ``eps`` = 1 - tr(Lambda rho) and ``distance`` = T(rho, rho');
    the lemma says ``distance <= sqrt(eps)``. ``kind`` names how the case was drawn.
    """

    eps: np.ndarray
    distance: np.ndarray
    kind: np.ndarray

    @property
    def cases(self) -> int:
        return int(self.eps.size)

    @property
    def bound(self) -> np.ndarray:
        """The lemma's bound sqrt(eps) for each case, from :mod:`qbp_lessons.costs`."""
        return costs.gentle_measurement_bound(self.eps)

    @property
    def ratio(self) -> np.ndarray:
        """distance / sqrt(eps): at most 1 if the lemma holds (eps = 0 counts as 0/0 = 0)."""
        with np.errstate(divide="ignore", invalid="ignore"):
            r = self.distance / self.bound
        return np.where(self.eps > 0, r, 0.0)

    @property
    def max_ratio(self) -> float:
        return float(np.max(self.ratio))

    @property
    def violations(self) -> int:
        """Cases with distance > sqrt(eps) beyond rounding (a relative 1e-9, or 1e-12)."""
        return int(np.sum(self.distance > self.bound * (1 + 1e-9) + 1e-12))


_GENTLE_KINDS = (
    "mixed state, general effect",
    "pure state, general effect",
    "mixed state, projector",
    "pure state, projector",
)


def gentle_measurement_check(cases: int = 2000, n_max: int = 3, seed=None) -> GentleCheck:
    """Try the gentle measurement lemma on ``cases`` random (state, effect) pairs.

    The pairs are on 1..``n_max`` qubits.

    Four kinds in turn: pure or mixed (random rank >= 2) states, against general
    effects or projectors of random rank. A general effect is drawn with
    eigenvalues uniform in [0, 1] and pulled towards I, ``(1 - t) I + t Lambda``
    with t uniform in (0, 1], and a projector's state is tilted towards its
    range, so that the acceptance probabilities cover (0, 1) and reach close
    to 1, where the lemma has something to say. Introduced in chapter 5.
    """
    cases = bounded_int("cases", cases, maximum=MAX_CASES)
    n_max = bounded_int("n_max", n_max, maximum=4)
    gen = make_rng("seed", seed)
    eps, dist, kinds = np.empty(cases), np.empty(cases), np.empty(cases, dtype=object)
    for c in range(cases):
        kind = c % 4
        n = int(gen.integers(1, n_max + 1))
        d = 1 << n
        pure = kind % 2 == 1
        if kind < 2:
            t = 1.0 - gen.uniform(0.0, 1.0)  # in (0, 1]
            effect = (1 - t) * np.eye(d) + t * qinfo.random_effect(n, seed=gen)
            rho = (
                qinfo.density_matrix(qinfo.random_state(n, gen))
                if pure
                else qinfo.random_density(n, int(gen.integers(2, d + 1)), gen)
            )
        else:
            effect = qinfo.random_effect(n, "projector", seed=gen)
            tilt = 10.0 ** gen.uniform(-2, 0)  # weight left outside the projector's range
            keep = effect + tilt * (np.eye(d) - effect)
            if pure:
                v = keep @ qinfo.random_state(n, gen)
                rho = qinfo.density_matrix(v / np.linalg.norm(v))
            else:
                g = keep @ qinfo.random_density(n, int(gen.integers(2, d + 1)), gen) @ keep
                rho = g / np.trace(g).real
        _, post = measure_effect(rho, effect)
        eps[c] = max(
            float(np.trace((np.eye(d) - effect) @ rho).real), 0.0
        )  # 1 - p, without cancellation
        dist[c] = qinfo.trace_distance(rho, post)
        kinds[c] = _GENTLE_KINDS[kind]
    return GentleCheck(eps, dist, kinds.astype(str))


def tight_gentle_case(eps: float, n: int = 1, rank: int = 1, seed=None) -> tuple[float, float]:
    """A pure state and a projector of rank ``rank`` accepting with probability exactly 1 - eps.

    Returns (1 - p, T(rho, rho')).

    |psi> = sqrt(1 - eps) |a> + sqrt(eps) |b>, |a> in the projector's range and
    |b> outside it: the post-measurement state is |a>, and T = sqrt(eps), the
    lemma's bound, reached. Introduced in chapter 5.
    """
    eps = probability("eps", eps, open_interval=False)
    n = bounded_int("n", n, maximum=qinfo.MAX_DM_QUBITS)
    d = 1 << n
    rank = bounded_int("rank", rank, maximum=d - 1)
    gen = make_rng("seed", seed)
    projector = qinfo.random_effect(n, "projector", rank=rank, seed=gen)
    a = projector @ qinfo.random_state(n, gen)
    b = (np.eye(d) - projector) @ qinfo.random_state(n, gen)
    psi = np.sqrt(1 - eps) * a / np.linalg.norm(a) + np.sqrt(eps) * b / np.linalg.norm(b)
    rho = qinfo.density_matrix(psi / np.linalg.norm(psi))
    _, post = measure_effect(rho, projector)
    return float(np.trace((np.eye(d) - projector) @ rho).real), qinfo.trace_distance(rho, post)


@record
@dataclass(frozen=True)
class UnionBoundCheck:
    """Sequences of projective measurements on one copy, against two union bounds (chapter 5).

    For each case: ``eps_sum`` = sum_i (1 - tr(Pi_i rho)), each projector's
    rejection probability on the *original* state, and ``accept_all``, the
    probability that all of them accept when measured in turn on one copy.
    """

    eps_sum: np.ndarray
    accept_all: np.ndarray
    steps: np.ndarray

    @property
    def cases(self) -> int:
        return int(self.eps_sum.size)

    @property
    def classical_violations(self) -> int:
        """Cases below the classical union bound 1 - sum eps_i (collapse makes these possible)."""
        return int(np.sum(self.accept_all < 1 - self.eps_sum - 1e-12))

    @property
    def quantum_violations(self) -> int:
        """Cases below Gao's quantum union bound 1 - 4 sum eps_i (there should be none)."""
        return int(np.sum(self.accept_all < 1 - 4 * self.eps_sum - 1e-12))

    @property
    def worst_ratio(self) -> float:
        """Largest (1 - accept_all) / sum eps_i where sum eps_i > 0: at most 4 by Gao's bound."""
        ok = self.eps_sum > 1e-12
        return float(np.max((1 - self.accept_all[ok]) / self.eps_sum[ok]))


def union_bound_check(
    cases: int = 2000, steps_max: int = 6, n_max: int = 2, seed=None
) -> UnionBoundCheck:
    """Measure 1..``steps_max`` random projectors in turn on a random pure state, ``cases`` times.

    Each projector's range contains a vector close to the state (a random tilt),
    so most measurements accept with probability near 1, as in the union
    bounds' setting; the projectors are drawn independently, so they need not
    commute. Introduced in chapter 5.
    """
    cases = bounded_int("cases", cases, maximum=MAX_CASES)
    steps_max = bounded_int("steps_max", steps_max, maximum=100)
    n_max = bounded_int("n_max", n_max, maximum=4)
    gen = make_rng("seed", seed)
    eps_sum, accept, steps = np.empty(cases), np.empty(cases), np.empty(cases, dtype=int)
    for c in range(cases):
        n = int(gen.integers(1, n_max + 1))
        d = 1 << n
        psi = qinfo.random_state(n, gen)
        k = int(gen.integers(1, steps_max + 1))
        total, phi = 0.0, psi.copy()
        for _ in range(k):
            rank = int(gen.integers(1, d))
            near = psi + 10.0 ** gen.uniform(-2, 0.3) * qinfo.random_state(n, gen)
            basis = np.column_stack([near] + [qinfo.random_state(n, gen) for _ in range(rank - 1)])
            q, _ = np.linalg.qr(basis)
            projector = q @ q.conj().T
            total += max(1.0 - float(np.vdot(psi, projector @ psi).real), 0.0)
            phi = projector @ phi  # accept, and collapse onto the range
        eps_sum[c], accept[c], steps[c] = total, float(np.vdot(phi, phi).real), k
    return UnionBoundCheck(eps_sum, accept, steps)
