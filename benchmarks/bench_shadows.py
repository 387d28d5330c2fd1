"""Side-by-side: many Pauli expectations from one classical shadow, ours against PennyLane.

The data: T random Pauli snapshots of an n-qubit state prepared by a random
circuit (``qbp_lessons.lessons.shadows.measure_shadow``), and M random Pauli strings of
weight 1 to 3 (``circuits.random_pauli``). Both estimators get *the same*
recipes and bits and return the plain mean (median of means with one batch):

* ``ours``: :func:`qbp_lessons.lessons.shadows.estimate_paulis`, vectorised over the
  strings: one bincount per group of supports, so its work is about
  T x (distinct supports), not T x M.
* ``PennyLane``: ``qml.ClassicalShadow(bits, recipes).expval(ops, k=1)``
  (through :func:`qbp_lessons.interop.pennylane_shadow_expval`), fed 64 strings
  per call: its ``pauli_expval`` builds a (T, strings, n) table, so all 10,000
  strings in one call would need about 13 GB.

Columns: n, T, M; ``ours s`` and ``PL s`` (CPU seconds per call, best of a
few for ours, one run for PennyLane at full size); ``speedup`` = PL / ours;
``maxdiff``, the largest difference between the two sets of estimates (they
should agree to rounding: the same data, the same estimator); ``sample s``, the
time our sampler took to draw the snapshots (not part of the comparison).

Usage::

    python benchmarks/bench_shadows.py            # full: n = 16, T = M = 10,000 (about a minute)
    python benchmarks/bench_shadows.py --quick    # smoke test: n = 8, small T and M

Not part of the test suite; it asserts nothing, it prints the table and the
targets (ours < 1 s at n = 16, T = M = 10,000; >= 10x PennyLane on the same data).
"""

from __future__ import annotations

import argparse
import os
import sys

import numpy as np

from qbp_lessons import interop
from qbp_lessons.engine import circuits
from qbp_lessons.lessons import shadows
from qbp_lessons.engine.measure import CLOCK, CLOCK_NAME, best_time


def dataset(n: int, T: int, M: int, seed: int = 0):
    """A state's shadow and M random strings of weight 1..3: the shared input of both estimators."""
    gen = np.random.default_rng(seed)
    prep = circuits.random_circuit(n, 4 * n, seed=gen)
    psi = circuits.state(prep, circuits.random_parameters(prep.M, seed=gen))
    start = CLOCK()
    shadow = shadows.measure_shadow(psi, T, seed=gen)
    sample_time = CLOCK() - start
    strings = [circuits.random_pauli(n, int(gen.integers(1, min(3, n) + 1)), gen) for _ in range(M)]
    return shadow, strings, sample_time


def row(n: int, T: int, M: int, repeats: int) -> dict:
    shadow, strings, sample_time = dataset(n, T, M)
    ours = shadows.estimate_paulis(shadow, strings)
    ours_time = best_time(
        lambda: shadows.estimate_paulis(shadow, strings), repeats=repeats, min_seconds=0.05
    )
    start = CLOCK()
    theirs = interop.pennylane_shadow_expval(shadow.recipes, shadow.bits, strings, chunk=64)
    pl_time = CLOCK() - start
    return dict(
        n=n,
        T=T,
        M=M,
        ours=ours_time,
        pl=pl_time,
        speedup=pl_time / ours_time,
        maxdiff=float(np.max(np.abs(ours - theirs))),
        sample=sample_time,
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small n, T and M (smoke test)")
    args = parser.parse_args(argv)
    if args.quick:
        configs, repeats = [(8, 500, 200), (8, 1000, 400)], 2
    else:
        configs, repeats = [(16, 1000, 1000), (16, 10_000, 1000), (16, 10_000, 10_000)], 5
    print(
        f"weight 1..3 Pauli strings from random Pauli snapshots; {CLOCK_NAME}; "
        f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"
    )
    header = (
        f"{'n':>3} {'T':>7} {'M':>7} {'ours s':>9} {'PL s':>9} {'speedup':>8} {'maxdiff':>8}"
        f" {'sample s':>9}"
    )
    print(header)
    print("-" * len(header))
    rows = []
    for n, T, M in configs:
        r = row(n, T, M, repeats)
        rows.append(r)
        print(
            f"{r['n']:>3} {r['T']:>7,} {r['M']:>7,} {r['ours']:>9.3f} {r['pl']:>9.2f}"
            f" {r['speedup']:>8.1f} {r['maxdiff']:>8.1e} {r['sample']:>9.2f}",
            flush=True,
        )
    last = rows[-1]
    if not args.quick:
        print("\nTargets (n = 16, T = M = 10,000)")
        print(
            f"  ours {last['ours']:.3f} s (target < 1 s:"
            f" {'met' if last['ours'] < 1 else 'NOT met'})"
        )
        print(
            f"  PennyLane / ours = {last['speedup']:.1f}x (target >= 10x: "
            f"{'met' if last['speedup'] >= 10 else 'NOT met'})"
        )
    print(f"  load average at the end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
