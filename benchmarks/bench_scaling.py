"""Side-by-side in n: our adjoint gradient against lightning.qubit, with and without the cache.

Circuits: M = 400 random 2-local Pauli rotations on n = 10, 12, 14, 16, 18 qubits,
O = Z on wire 0 (``random_circuit(n, 400, seed=n)``). All times are CPU time
(``qbp_lessons.engine.measure.CLOCK``), best of a few interleaved repeats, with
one BLAS thread; lightning runs with its default threads, so it is charged the
sum of their work.

Columns

* ``F``, ``grad``: our :func:`expval` and :func:`grad_adjoint` (default engine:
  the kernel cache within its 4 MiB budget), milliseconds; ``omega`` = grad / F.
* ``L.adj``: ``qml.grad`` of a ``lightning.qubit`` QNode with ``diff_method="adjoint"``,
  ms; ``L/ours`` = L.adj / grad (> 1: ours is faster; < 1: lightning wins, and
  the ``winner`` column says so).
* ``lean``: our gradient with ``cache=False`` (flipped views only, no table), ms;
  ``old``: the engine's former unbounded cache (a phase vector per distinct string
  and a permutation per x-mask, gathered) would have held ``old_sv`` statevectors.
* ``sv_c``, ``sv_l``: tracemalloc peak of one gradient on a fresh circuit (the
  cache is built inside the measured call, so it is included), in statevectors,
  with the cache and without; ``cache``: what the cache holds, in statevectors.
* ``maxdiff``: largest difference between our gradient (with and without the
  cache) and lightning's.

Usage::

    python benchmarks/bench_scaling.py           # n = 10 ... 18 (a few minutes)
    python benchmarks/bench_scaling.py --quick   # n = 6, 8, M = 40 (seconds)

Prints one table; asserts nothing (``tests/env/test_benchmarks.py`` checks the
columns that do not depend on timing).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np
import pennylane as qml
from pennylane import numpy as pnp
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_circuits import best_of  # noqa: E402
from qbp_lessons import interop  # noqa: E402
from qbp_lessons.engine import circuits as C  # noqa: E402
from qbp_lessons.engine import gradients as G  # noqa: E402
from qbp_lessons.engine.kernels import CACHE_BUDGET  # noqa: E402
from qbp_lessons.engine.measure import CLOCK_NAME, peak_bytes  # noqa: E402

COLUMNS = [
    ("n", 3, "d"),
    ("F", 8, ".2f"),
    ("grad", 8, ".2f"),
    ("omega", 6, ".2f"),
    ("L.adj", 8, ".1f"),
    ("L/ours", 7, ".2f"),
    ("winner", 10, "s"),
    ("lean", 8, ".2f"),
    ("sv_c", 6, ".2f"),
    ("sv_l", 6, ".2f"),
    ("cache", 6, ".2f"),
    ("old_sv", 7, ".1f"),
    ("maxdiff", 8, ".0e"),
]


def row(n: int, M: int, repeat: int) -> dict:
    circ = C.random_circuit(n, M, seed=n)
    lean = C.random_circuit(n, M, seed=n, cache=False)
    theta = C.random_parameters(M, seed=n + 1)
    sv = 16 << n
    qnode = interop.to_qnode(circ, "lightning.qubit", "adjoint")
    grad_fn = qml.grad(qnode)

    def qnode_grad(t):
        return np.asarray(grad_fn(pnp.array(t, requires_grad=True)), dtype=float)

    with threadpool_limits(1):
        sv_c = peak_bytes(lambda: G.grad_adjoint(C.Circuit(n, circ.generators), theta)) / sv
        sv_l = peak_bytes(lambda: G.grad_adjoint(lean, theta)) / sv
        ours = G.grad_adjoint(circ, theta)  # warm-up: builds the kernels once
        lean_g = G.grad_adjoint(lean, theta)
    theirs = qnode_grad(theta)
    with threadpool_limits(1):
        (t_f, t_g, t_l), _ = best_of(
            [
                lambda: C.expval(circ, theta),
                lambda: G.grad_adjoint(circ, theta),
                lambda: G.grad_adjoint(lean, theta),
            ],
            repeat,
            min_time=0.05,
        )
    (t_pl,), _ = best_of([lambda: qnode_grad(theta)], max(1, repeat - 1), min_time=0.05)
    strings = {p.label for p in circ.generators + circ.observable.paulis}
    masks = {p.x_mask for p in circ.generators + circ.observable.paulis if p.x_mask}
    return {
        "n": n,
        "F": t_f * 1e3,
        "grad": t_g * 1e3,
        "omega": t_g / t_f,
        "L.adj": t_pl * 1e3,
        "L/ours": t_pl / t_g,
        "winner": "ours" if t_g < t_pl else "lightning",
        "lean": t_l * 1e3,
        "sv_c": sv_c,
        "sv_l": sv_l,
        "cache": circ.cache_bytes / sv,
        "old_sv": len(strings) + 0.5 * len(masks),
        "maxdiff": max(
            float(np.max(np.abs(ours - theirs))), float(np.max(np.abs(lean_g - theirs)))
        ),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="n = 6, 8 and M = 40: a smoke test")
    args = parser.parse_args(argv)
    sizes, M, repeat = ((6, 8), 40, 2) if args.quick else ((10, 12, 14, 16, 18), 400, 3)
    print(
        f"Clock: {CLOCK_NAME}; load average {os.getloadavg()[0]:.2f}; M = {M}, "
        f"cache budget {CACHE_BUDGET / 2**20:g} MiB"
    )
    print(" ".join(f"{name:>{width}}" for name, width, _ in COLUMNS))
    rows = []
    for n in sizes:
        r = row(n, M, repeat)
        rows.append(r)
        print(" ".join(f"{r[name]:>{width}{fmt}}" for name, width, fmt in COLUMNS), flush=True)
    lost = [r["n"] for r in rows if r["winner"] == "lightning"]
    if lost:
        print(f"lightning.qubit's adjoint is faster than ours at n = {', '.join(map(str, lost))}")
    else:
        print("ours is faster than lightning.qubit's adjoint at every n measured")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
