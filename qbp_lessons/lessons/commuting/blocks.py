"""Commuting-block circuits: a Hadamard test per block, at most 2B - 1 settings per term.

With U = U_B ... U_1 V, generators commuting within each block, the derivative of a
parameter of block b < B is a Hadamard test on n + 1 qubits (an ancilla in |+>): the
later gates whose generators anticommute with block b run with their angle flipped
when the ancilla is |1> (generator ``G_k (x) Z_ancilla``), and the ancilla is read in
X (generators that anticommute with H_r) or Y (those that commute with it). The last
block needs no ancilla. So at most 2B - 1 settings per term, whatever M (derived in
chapter 7 and checked against the adjoint gradient in the tests); a block whose
readings are all of one kind, e.g. a single-gate block, takes one. The two readings of
a block commute (proved in chapter 7's exercise 7.4), so one setting serves both:
:func:`merged_block_gradient` prepares B settings per term at most.

Introduced in chapter 7.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qbp_lessons._validate import record
from qbp_lessons._validate import bounded_int, real_array
from qbp_lessons.engine.circuits import Circuit, state
from qbp_lessons.engine.ledger import Ledger, check_ledger
from qbp_lessons.engine.paulis import MAX_QUBITS, PauliString, multiply
from qbp_lessons.lessons.commuting.generators import (
    MAX_COMMUTING_GATES,
    PrefixedCircuit,
    commuting_grad_shots,
    parse_generators,
)
from qbp_lessons.lessons.commuting.settings import (
    QUARTER,
    PreparedGradient,
    exact_gradient,
    anticommuting_pairs,
    gradient_setting,
    hermitian_sign,
    require_commuting,
)

__all__ = [
    "GATE_ROLES",
    "hadamard_test_gates",
    "BlockCircuit",
    "block_grad_shots",
    "merged_block_gradient",
    "two_block_example",
]


@record
@dataclass(frozen=True)
class BlockCircuit(PrefixedCircuit):
    """A commuting-block circuit: ``U_B ... U_1 V |0>``, generators commuting within each block.

    ``blocks``: a list of B lists of Pauli strings (block 1 first). Within a
    block all generators must commute; a generator of a later block must either
    commute with every generator of an earlier block or anticommute with every
    one (so one flipped copy of the later gates serves the whole block); a
    ValueError names ``blocks`` and the offending pair otherwise. Single-gate
    blocks always qualify: any Pauli-rotation circuit is a block circuit with
    B = M. Introduced in chapter 7.
    """

    n: int
    blocks: tuple
    observable: object = None
    prefix: tuple = ()

    def __post_init__(self):
        n = bounded_int("n", self.n, maximum=MAX_QUBITS - 1)
        blocks = self.blocks
        if isinstance(blocks, (str, dict)) or not isinstance(blocks, (list, tuple)) or not blocks:
            raise TypeError("blocks must be a non-empty list of lists of Pauli strings")
        parsed = tuple(parse_generators(n, b, f"blocks[{i}]") for i, b in enumerate(blocks))
        flat = [g for b in parsed for g in b]
        if len(flat) > MAX_COMMUTING_GATES:
            raise ValueError(
                f"blocks must hold at most {MAX_COMMUTING_GATES} gates in all, got {len(flat)}"
            )
        for i, b in enumerate(parsed):
            require_commuting(b, f"blocks[{i}]")
        anti = anticommuting_pairs(flat)
        starts = np.cumsum([0] + [len(b) for b in parsed])
        for b in range(len(parsed)):
            rows = anti[starts[b] : starts[b + 1], starts[b + 1] :]
            mixed = np.flatnonzero(rows.any(axis=0) & ~rows.all(axis=0))
            if mixed.size:
                k = int(mixed[0]) + int(starts[b + 1])
                c = int(np.searchsorted(starts, k, side="right")) - 1
                raise ValueError(
                    f"blocks: generator {flat[k].label} of blocks[{c}] commutes with some"
                    f" generators of blocks[{b}] and anticommutes with others; it must do one or"
                    " the other with the whole block"
                )
        object.__setattr__(self, "blocks", parsed)
        self._build(n, flat)
        object.__setattr__(self, "_anti", anti)
        object.__setattr__(self, "_starts", tuple(int(s) for s in starts))

    @property
    def B(self) -> int:
        return len(self.blocks)

    @property
    def M(self) -> int:
        return sum(len(b) for b in self.blocks)

    @property
    def generators(self) -> tuple:
        return tuple(g for b in self.blocks for g in b)

    def prepare(self, theta, *, ledger: Ledger | None = None) -> PreparedGradient:
        """A Hadamard test per block but the last, read in X and in Y, then the last block."""
        return _prepare_blocks(self, theta, check_ledger(ledger))


def merged_block_gradient(
    model: BlockCircuit, theta, *, ledger: Ledger | None = None
) -> PreparedGradient:
    """The block gradient with each block's X and Y readings in one setting per term.

    Both families are read from the same Hadamard-test state and commute (chapter 7's
    exercise 7.4); :func:`diagonalise` finds one Clifford basis change for them and raises
    if they did not commute. At most B settings per term of H. Introduced in chapter 7.
    """
    if not isinstance(model, BlockCircuit):
        raise TypeError(f"model must be a BlockCircuit, got {type(model).__name__}")
    return _prepare_blocks(model, theta, check_ledger(ledger), merge=True)


def _extend(p: PauliString, letter: str) -> PauliString:
    return PauliString(p.label + letter)


#: The roles :func:`hadamard_test_gates` gives the gates of a Hadamard-test circuit.
GATE_ROLES = ("prefix", "before", "ancilla", "flipped", "later")


def hadamard_test_gates(model: BlockCircuit, block: int) -> list:
    """The gates of the Hadamard-test circuit that reads block ``block`` (0-based, before the last).

    A list of ``(PauliString, role)`` on n + 1 qubits (the ancilla is the last wire), in
    the order they are applied: the fixed ``"prefix"``; every generator up to the end of
    the block (``"before"``); exp(-i pi/4 Y_a), which takes the ancilla to |+>
    (``"ancilla"``); then each later generator, as G (x) Z_a when it anticommutes with the
    block (``"flipped"``: its angle changes sign on the ancilla's |1> branch) and as
    G (x) I otherwise (``"later"``). The estimator simulates exactly these gates.
    Introduced in chapter 7.
    """
    if not isinstance(model, BlockCircuit):
        raise TypeError(f"model must be a BlockCircuit, got {type(model).__name__}")
    block = bounded_int("block", block, minimum=0, maximum=model.B - 2) if model.B > 1 else None
    if block is None:
        raise ValueError("block: a single-block circuit needs no Hadamard test")
    n, starts, gens = model.n, model._starts, model.generators
    flipped = model._anti[starts[block], starts[block + 1] :]
    return (
        [(_extend(p, "I"), "prefix") for p, _ in model.prefix]
        + [(_extend(g, "I"), "before") for g in gens[: starts[block + 1]]]
        + [(PauliString("I" * n + "Y"), "ancilla")]
        + [
            (_extend(g, "Z" if f else "I"), "flipped" if f else "later")
            for g, f in zip(gens[starts[block + 1] :], flipped)
        ]
    )


def _prepare_blocks(model: BlockCircuit, theta, ledger, merge: bool = False) -> PreparedGradient:
    theta = real_array("theta", theta, shape=(model.M,))
    n, M, starts = model.n, model.M, model._starts
    gens = model.generators
    settings = []
    psi = state(model.circuit, model.full_theta(theta), ledger=ledger)
    prefix_angles = [a for _, a in model.prefix]
    for b in range(model.B):
        block = range(starts[b], starts[b + 1])
        last = b == model.B - 1
        if not last:
            # the Hadamard-test circuit on n + 1 qubits: the ancilla (last wire) to |+> by
            # exp(-i pi/4 Y); later gates flipped on the ancilla's |1> branch when they
            # anticommute with block b
            ext = [g for g, _ in hadamard_test_gates(model, b)]
            angles = np.concatenate(
                [prefix_angles, theta[: starts[b + 1]], [QUARTER], theta[starts[b + 1] :]]
            )
            hadamard = Circuit(n + 1, ext, {n: "Z"})
            phi = state(hadamard, angles, ledger=ledger)
        for c, h in model.observable.terms:
            if h.weight == 0:
                continue
            if last:
                rows = []
                for j in block:
                    phase, r = multiply(gens[j], h)
                    if phase.real == 0:
                        rows.append((j, 2.0 * c * hermitian_sign(1j * phase, "i G H"), r))
                if rows:
                    settings.append(gradient_setting(psi, rows, n, M, model.circuit.M, ledger))
                continue
            # E_j = -2 Im <phi'| G_j H |phi> with G_j H = phase R: a real phase is read on the
            # ancilla in Y, an imaginary one in X
            read_x, read_y = [], []
            for j in block:
                phase, r = multiply(gens[j], h)
                if phase.real == 0:  # anticommutes with H: phase = i kappa, E_j = -2 kappa <X_a R>
                    kappa = hermitian_sign(-1j * phase, "G H / i")
                    read_x.append((j, -2.0 * c * kappa, _extend(r, "X")))
                else:  # commutes with H: phase = s, E_j = 2 s <Y_a R>
                    read_y.append((j, 2.0 * c * hermitian_sign(phase, "G H"), _extend(r, "Y")))
            for rows in (read_x + read_y,) if merge else (read_x, read_y):
                if rows:
                    settings.append(gradient_setting(phi, rows, n + 1, M, hadamard.M, ledger))
    exact = exact_gradient(settings, M)
    return PreparedGradient(tuple(settings), M, exact)


def block_grad_shots(
    model: BlockCircuit, theta, shots: int, seed=None, *, ledger: Ledger | None = None
) -> np.ndarray:
    """A shot-based gradient of a commuting-block circuit (2B - 1 settings per term at most).

    Introduced in chapter 7.
    """
    if not isinstance(model, BlockCircuit):
        raise TypeError(f"model must be a BlockCircuit, got {type(model).__name__}")
    return commuting_grad_shots(model, theta, shots, seed, ledger=ledger)


def two_block_example(n: int = 4, observable=None) -> BlockCircuit:
    """Chapter 7's two-block circuit: Y on wire 0 times X-strings, then X-type strings.

    Block 1: ``Y_0 X_A`` for every A in wires 1..n-1 with |A| <= 1, then two-wire
    A; block 2: every X-type string on at most two wires. Within each block the
    generators commute; an X-string of block 2 anticommutes with all of block 1
    when it acts on wire 0 and commutes with all of it otherwise. Default
    observable Z on wire 1. Introduced in chapter 7.
    """
    n = bounded_int("n", n, minimum=2, maximum=MAX_QUBITS - 1)
    rest = range(1, n)
    block1 = [
        "Y" + "".join("X" if w in A else "I" for w in rest)
        for A in [()] + [(a,) for a in rest] + [(a, b) for a in rest for b in rest if a < b]
    ]
    block2 = [
        "".join("X" if w in A else "I" for w in range(n))
        for A in [(a,) for a in range(n)] + [(a, b) for a in range(n) for b in range(n) if a < b]
    ]
    return BlockCircuit(n, [block1, block2], {1: "Z"} if observable is None else observable)
