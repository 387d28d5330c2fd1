"""Why a quantum computation cannot reuse its intermediate results: no-cloning and collapse.

Backpropagation stores the activations of the forward pass and reads them again
on the way back. A quantum computation cannot do either:

* **No-cloning** (Wootters & Zurek 1982; Dieks 1982). No unitary maps
  |psi>|0> to |psi>|psi> for every psi. :func:`copy_attempt` runs the obvious
  candidate, a CNOT from each wire onto a blank one: it copies the basis states
  |0> and |1> perfectly and, by linearity, entangles every superposition
  instead (:func:`copy_report`). :func:`linearity_check` is the two-line proof
  in numbers: a unitary keeps the overlap <phi|psi>, a cloner would need its square.
* **Collapse.** Measuring a Pauli string P1 projects the state onto an
  eigenspace of P1. For a string P2 that anticommutes with P1, the expectation
  of P2 afterwards is exactly 0 after either outcome, whatever it was before:
  the information is gone, not biased. A commuting P2 keeps its statistics.
  :func:`sequential_exact` computes this with the Lueders rule,
  :func:`sequential_sample` measures it shot by shot with the sampler
  (:func:`qbp_lessons.engine.sampling.measure_pauli`), and :func:`collapse_scan`
  does it for a family of states.
* **Gentle measurement** (Winter 1999; Wilde's textbook, Lemma 9.4.1): an
  outcome of probability at least 1 - eps moves the state by trace distance at
  most sqrt(eps). :func:`measure_effect` is the Lueders rule for any effect
  0 <= Lambda <= I; :func:`gentle_measurement_check` tries the lemma on
  thousands of random states and effects; :func:`weak_measurement` is a qubit
  measured with tunable strength, information against disturbance.

Introduced in chapter 5.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qbp_lessons.engine import qinfo
from qbp_lessons._validate import bounded_int, probability, real_array
from qbp_lessons._validate import rng as make_rng
from qbp_lessons.engine.circuits import apply_pauli, apply_rotation
from qbp_lessons.engine.ledger import Ledger, check_ledger
from qbp_lessons.engine.paulis import commutes, pauli
from qbp_lessons.engine.sampling import measure_pauli, project_pauli

__all__ = [
    "CNOT_ROTATIONS",
    "cnot",
    "copy_attempt",
    "CopyReport",
    "copy_report",
    "CopyScan",
    "copy_scan",
    "LinearityCheck",
    "linearity_check",
    "SequentialExact",
    "sequential_exact",
    "SequentialSample",
    "sequential_sample",
    "CollapseScan",
    "collapse_scan",
    "measure_effect",
    "GentleCheck",
    "gentle_measurement_check",
    "tight_gentle_case",
    "UnionBoundCheck",
    "union_bound_check",
    "WeakMeasurement",
    "weak_measurement",
    "WeakScan",
    "weak_measurement_scan",
    "MAX_COPIES",
    "MAX_CASES",
]

#: Most copies a sampled collapse experiment may prepare (each is a Python-level measurement).
MAX_COPIES = 200_000
#: Most random cases one lemma check may try.
MAX_CASES = 100_000

# --------------------------------------------------------------------------
# No-cloning
# --------------------------------------------------------------------------

#: CNOT as Pauli rotations exp(-i theta P) on (control, target), times the global phase exp(i pi/4):
#: CNOT = exp(i pi (I - Z)/2 (x) (I - X)/2), and the four terms of that product commute.
CNOT_ROTATIONS = (("ZI", np.pi / 4), ("IX", np.pi / 4), ("ZX", -np.pi / 4))


def cnot(psi, control: int, target: int, *, ledger: Ledger | None = None) -> np.ndarray:
    """CNOT from wire ``control`` onto wire ``target``, built from the engine's own Pauli rotations.

    Three commuting rotations, exp(-i pi/4 Z_c) exp(-i pi/4 X_t) exp(+i pi/4 Z_c X_t),
    and the global phase exp(i pi/4) (:data:`CNOT_ROTATIONS`): a CNOT is a
    chapter 2 circuit. Each rotation is counted in the ledger. Introduced in chapter 5.
    """
    psi = np.asarray(psi)
    n = qinfo.check_ket(psi).size.bit_length() - 1
    control = bounded_int("control", control, minimum=0, maximum=n - 1)
    target = bounded_int("target", target, minimum=0, maximum=n - 1)
    if control == target:
        raise ValueError(f"control and target must be different wires, both are {control}")
    ledger = check_ledger(ledger)
    out = np.asarray(psi, dtype=complex)
    for letters, angle in CNOT_ROTATIONS:
        label = ["I"] * n
        label[control], label[target] = letters[0], letters[1]
        out = apply_rotation("".join(label), angle, out, ledger=ledger)
    return np.exp(1j * np.pi / 4) * out


def copy_attempt(psi, *, ledger: Ledger | None = None) -> np.ndarray:
    """Try to copy an n-qubit state: |psi>|0...0>, then a CNOT from each wire w onto wire n + w.

    Returns the 2n-qubit output, wires 0..n-1 the original, n..2n-1 the "copy".
    It copies every computational basis state exactly. Introduced in chapter 5.
    """
    psi = qinfo.check_ket(psi)
    n = psi.size.bit_length() - 1
    if 2 * n > qinfo.MAX_DM_QUBITS:
        raise ValueError(
            f"psi must have at most {qinfo.MAX_DM_QUBITS // 2} qubits to be copied here, got {n}"
        )
    blank = np.zeros(psi.size, dtype=complex)
    blank[0] = 1.0
    out = np.kron(psi, blank)
    for w in range(n):
        out = cnot(out, w, n + w, ledger=ledger)
    return out


@dataclass(frozen=True)
class CopyReport:
    """What :func:`copy_attempt` did to one state (chapter 5).

    ``fidelity_original`` and ``fidelity_copy``: F of each half's reduced state
    with |psi>; ``fidelity_joint``: F of the whole output with |psi>|psi>;
    ``purity_copy``: tr(rho_copy^2), below 1 when the halves are entangled;
    ``reduced_copy``: the copy's density matrix.
    """

    output: np.ndarray
    reduced_original: np.ndarray
    reduced_copy: np.ndarray
    fidelity_original: float
    fidelity_copy: float
    fidelity_joint: float
    purity_copy: float


def copy_report(psi) -> CopyReport:
    """Run :func:`copy_attempt` on ``psi`` and measure how good each "copy" is. Introduced in chapter 5."""
    psi = qinfo.check_ket(psi)
    n = psi.size.bit_length() - 1
    out = copy_attempt(psi)
    rho = qinfo.density_matrix(out)
    target = qinfo.density_matrix(psi)
    first = qinfo.partial_trace(rho, range(n))
    second = qinfo.partial_trace(rho, range(n, 2 * n))
    return CopyReport(
        output=out,
        reduced_original=first,
        reduced_copy=second,
        fidelity_original=qinfo.fidelity(target, first),
        fidelity_copy=qinfo.fidelity(target, second),
        fidelity_joint=qinfo.fidelity(qinfo.density_matrix(np.kron(psi, psi)), rho),
        purity_copy=qinfo.purity(second),
    )


@dataclass(frozen=True)
class CopyScan:
    """:func:`copy_report` for real qubit states cos(a/2)|0> + sin(a/2)|1> at several angles a (chapter 5)."""

    angles: np.ndarray
    fidelity_original: np.ndarray
    fidelity_copy: np.ndarray
    fidelity_joint: np.ndarray
    purity_copy: np.ndarray


def copy_scan(angles) -> CopyScan:
    """Run :func:`copy_attempt` on qubit states at Bloch polar ``angles`` (radians, at most 1,000).

    Introduced in chapter 5.
    """
    angles = real_array("angles", angles, ndim=1)
    if not 1 <= angles.size <= 1000:
        raise ValueError(f"angles must hold 1 to 1000 values, got {angles.size}")
    reports = [copy_report(np.array([np.cos(a / 2), np.sin(a / 2)])) for a in angles]
    return CopyScan(
        angles,
        *(
            np.array([getattr(r, f) for r in reports])
            for f in ("fidelity_original", "fidelity_copy", "fidelity_joint", "purity_copy")
        ),
    )


@dataclass(frozen=True)
class LinearityCheck:
    """Overlaps of random pairs of states before and after a copying unitary (chapter 5).

    ``before`` = <phi|psi>; ``after`` = the overlap of the two outputs of
    :func:`copy_attempt` (any unitary keeps it); ``needed`` = <phi|psi>^2, the
    overlap of |phi>|phi> and |psi>|psi>, which a cloner would have to produce.
    """

    before: np.ndarray
    after: np.ndarray
    needed: np.ndarray

    @property
    def kept(self) -> float:
        """Largest |after - before|: the unitary keeps every overlap (rounding only)."""
        return float(np.max(np.abs(self.after - self.before)))

    @property
    def gap(self) -> np.ndarray:
        """|before - needed| = |s| |1 - s|: zero only for orthogonal or identical states."""
        return np.abs(self.before - self.needed)


def linearity_check(pairs: int = 1000, n: int = 1, seed=None) -> LinearityCheck:
    """The no-cloning argument in numbers, over ``pairs`` Haar-random pairs of n-qubit states.

    A unitary U with U|psi>|0> = |psi>|psi> for both psi and phi would give
    <phi|psi> = <phi|psi>^2 (take the inner product of the two equations), so
    <phi|psi> would be 0 or 1. Introduced in chapter 5.
    """
    pairs = bounded_int("pairs", pairs, maximum=MAX_CASES)
    n = bounded_int("n", n, maximum=qinfo.MAX_DM_QUBITS // 2)
    gen = make_rng("seed", seed)
    before, after = np.empty(pairs, complex), np.empty(pairs, complex)
    for i in range(pairs):
        psi, phi = qinfo.random_state(n, gen), qinfo.random_state(n, gen)
        before[i] = np.vdot(phi, psi)
        after[i] = np.vdot(copy_attempt(phi), copy_attempt(psi))
    return LinearityCheck(before, after, before**2)


# --------------------------------------------------------------------------
# Collapse: measure P1, then try to learn <P2> from the same copy
# --------------------------------------------------------------------------


def _expectation(psi: np.ndarray, p) -> float:
    return float(np.vdot(psi, apply_pauli(p, psi)).real)


@dataclass(frozen=True)
class SequentialExact:
    """P1 measured on |psi>, then <P2> on the collapsed state, exactly (chapter 5).

    ``probabilities[i]`` and ``after[i]`` belong to outcome ``(+1, -1)[i]`` of P1
    (``after`` is NaN for an outcome of probability 0); ``before`` is <P2> on
    the untouched state; ``average_after`` = sum_s p_s <P2>_s.
    """

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
    """Measure ``first`` on ``psi`` (both outcomes, Lueders rule), then take <``second``> on each result.

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
        """Mean of P2 after P1 (given P1's ``outcome``, or over all copies), its standard error, the count."""
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
    """Measure ``first`` then ``second`` on each of ``copies`` copies of psi; and ``second`` alone on as many.

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


@dataclass(frozen=True)
class CollapseScan:
    """:func:`sequential_sample` over a family of states (chapter 5): exact <P2>, and both estimates."""

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
    """For each state: <P2> exactly, estimated from fresh copies, and estimated after measuring P1 first.

    ``states``: a sequence of statevectors (at most 1,000). Introduced in chapter 5.
    """
    if isinstance(states, np.ndarray) and states.ndim == 1:
        states = [states]
    if isinstance(states, (str, bytes)) or not hasattr(states, "__len__"):
        raise TypeError(f"states must be a list of statevectors, got {type(states).__name__}")
    if not 1 <= len(states) <= 1000:
        raise ValueError(f"states must hold 1 to 1000 statevectors, got {len(states)}")
    copies = bounded_int("copies", copies, maximum=MAX_COPIES)
    gen = make_rng("seed", seed)
    rows = []
    for psi in states:
        exact = sequential_exact(psi, first, second)
        sample = sequential_sample(psi, first, second, copies, gen, ledger=ledger)
        rows.append(
            (exact.before, exact.average_after, *sample.fresh_estimate(), *sample.after()[:2])
        )
    cols = np.array(rows).T
    return CollapseScan(exact.first, exact.second, *cols, copies)


# --------------------------------------------------------------------------
# Gentle measurement
# --------------------------------------------------------------------------


def measure_effect(rho, effect) -> tuple[float, np.ndarray]:
    """The outcome ``effect`` (0 <= Lambda <= I) on ``rho``: its probability and the post-measurement state.

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
    def ratio(self) -> np.ndarray:
        """distance / sqrt(eps): at most 1 if the lemma holds (cases with eps = 0 count as 0/0 = 0)."""
        with np.errstate(divide="ignore", invalid="ignore"):
            r = self.distance / np.sqrt(self.eps)
        return np.where(self.eps > 0, r, 0.0)

    @property
    def max_ratio(self) -> float:
        return float(np.max(self.ratio))

    @property
    def violations(self) -> int:
        """Cases with distance > sqrt(eps) beyond rounding (a relative 1e-9, or 1e-12)."""
        return int(np.sum(self.distance > np.sqrt(self.eps) * (1 + 1e-9) + 1e-12))


_GENTLE_KINDS = (
    "mixed state, general effect",
    "pure state, general effect",
    "mixed state, projector",
    "pure state, projector",
)


def gentle_measurement_check(cases: int = 2000, n_max: int = 3, seed=None) -> GentleCheck:
    """Try the gentle measurement lemma on ``cases`` random (state, effect) pairs on 1..``n_max`` qubits.

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
    """A pure state and a projector of the given rank with acceptance exactly 1 - eps: (1 - p, T(rho, rho')).

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
        """Largest (1 - accept_all) / sum eps_i over cases with sum eps_i > 0: at most 4 by Gao's bound."""
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


# --------------------------------------------------------------------------
# Weak measurement of a qubit: information against disturbance
# --------------------------------------------------------------------------


def _entropy_bits(p: float) -> float:
    """Binary entropy H2(p) in bits."""
    return float(max(-sum(q * np.log2(q) for q in (p, 1.0 - p) if q > 0), 0.0))


@dataclass(frozen=True)
class WeakMeasurement:
    """A qubit's Z measured with strength s: effects (I + s Z)/2 and (I - s Z)/2 (chapter 5).

    ``probabilities`` of the outcomes (+1, -1); ``bloch_before``, ``bloch_after``
    (one row per outcome) and ``bloch_average`` (outcome forgotten) as Bloch
    vectors; ``information``: the mutual information, in bits, between the
    outcome and the result a projective Z measurement would have given;
    ``disturbance``: the trace distance to the original state, averaged over
    the outcomes (the outcome kept); ``disturbance_forgotten``: the trace
    distance to the average state sum_s p_s rho_s (the outcome forgotten);
    ``gentle_bound``: the lemma's sum_s p_s sqrt(1 - p_s).
    """

    strength: float
    probabilities: np.ndarray
    bloch_before: np.ndarray
    bloch_after: np.ndarray
    bloch_average: np.ndarray
    information: float
    information_max: float
    disturbance: float
    disturbance_forgotten: float
    gentle_bound: float


def weak_measurement(rho, strength: float) -> WeakMeasurement:
    """Measure Z on the qubit ``rho`` with strength ``strength`` in [0, 1] (0: not at all, 1: projectively).

    The outcome +-1 has effect (I +- s Z)/2: it reports Z's eigenvalue, flipped
    with probability (1 - s)/2. Each post-measurement state comes from
    :func:`measure_effect`. Introduced in chapter 5.
    """
    rho = qinfo.check_density(rho, n=1)
    s = probability("strength", strength, open_interval=False)
    z = np.diag([1.0, -1.0]).astype(complex)
    probs, after = np.zeros(2), np.zeros((2, 3))
    average = np.zeros((2, 2), complex)
    disturbance = bound = 0.0
    for i, sign in enumerate((1, -1)):
        effect = 0.5 * (np.eye(2) + sign * s * z)
        if np.trace(effect @ rho).real <= 1e-15:
            continue
        p, post = measure_effect(rho, effect)
        probs[i], after[i] = p, qinfo.bloch_vector(post)
        average += p * post
        disturbance += p * qinfo.trace_distance(rho, post)
        bound += p * np.sqrt(max(1.0 - p, 0.0))
    before = qinfo.bloch_vector(rho)
    p_z = (1.0 + before[2]) / 2.0  # prior of the projective Z result
    information = _entropy_bits(probs[0]) - _entropy_bits((1.0 - s) / 2.0)
    return WeakMeasurement(
        s,
        probs,
        before,
        after,
        qinfo.bloch_vector(average),
        max(information, 0.0),
        _entropy_bits(p_z),
        float(disturbance),
        qinfo.trace_distance(rho, average),
        float(bound),
    )


@dataclass(frozen=True)
class WeakScan:
    """:func:`weak_measurement` on a grid: states |psi(a)> = cos(a/2)|0> + sin(a/2)|1> times strengths."""

    angles: np.ndarray
    strengths: np.ndarray
    results: tuple  # results[i][j]: angle i, strength j

    def get(self, angle: float, strength: float) -> WeakMeasurement:
        i = int(np.flatnonzero(np.isclose(self.angles, angle))[0])
        j = int(np.flatnonzero(np.isclose(self.strengths, strength))[0])
        return self.results[i][j]

    def curve(self, angle: float, field: str) -> np.ndarray:
        """One field of the results along the strengths, at one angle."""
        i = int(np.flatnonzero(np.isclose(self.angles, angle))[0])
        return np.array([getattr(r, field) for r in self.results[i]])


def weak_measurement_scan(angles, strengths) -> WeakScan:
    """:func:`weak_measurement` for real qubit states at polar ``angles`` (radians) and each strength.

    At most 50 angles and 201 strengths. Introduced in chapter 5.
    """
    angles = real_array("angles", angles, ndim=1)
    strengths = real_array("strengths", strengths, ndim=1)
    if not 1 <= angles.size <= 50:
        raise ValueError(f"angles must hold 1 to 50 values, got {angles.size}")
    if not 1 <= strengths.size <= 201:
        raise ValueError(f"strengths must hold 1 to 201 values, got {strengths.size}")
    for s in strengths:
        probability("strengths", s, open_interval=False)
    results = []
    for a in angles:
        rho = qinfo.density_matrix(np.array([np.cos(a / 2), np.sin(a / 2)]))
        results.append(tuple(weak_measurement(rho, s) for s in strengths))
    return WeakScan(angles, strengths, tuple(results))
