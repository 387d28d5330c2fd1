"""Chapter 1 benchmark: the cost of a gradient relative to one evaluation of F.

For depth-4 sigmoid networks with M from about 1e3 to 1e6 parameters, prints
in one table, all measured in one run on this machine:

* omega1 = TIME(grad F) / TIME(F) for our hand-written backprop and for autograd,
* the finite-difference ratio TIME(FD gradient) / TIME(F) (forward differences:
  measured where marked "m", otherwise (M + 1) * TIME(F), marked "x"),
* omega2 = MEMORY(grad F) / MEMORY(F) for both (inputs plus tracemalloc peak),
  and the ratio of the tracemalloc peaks alone (new allocations only);

then, for width-64 networks across depth and batch, omega2 of plain backprop
(the whole tape) and of checkpointed backprop (about 2 sqrt(L) layers).

Usage:  python benchmarks/bench_classical.py [--quick] [--blas-threads N]
"""

import argparse
import os
import sys
import time


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="smoke mode: 3 small sizes, 2 repeats")
    parser.add_argument(
        "--repeats", type=int, default=None, help="best of this many timings (default 5)"
    )
    parser.add_argument("--batch", type=int, default=64, help="samples per batch (default 64)")
    parser.add_argument(
        "--blas-threads",
        type=int,
        default=None,
        help="set OPENBLAS/OMP/MKL thread counts before numpy loads (default: leave as is)",
    )
    args = parser.parse_args(argv)

    if args.blas_threads is not None:  # must happen before numpy is imported
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[var] = str(args.blas_threads)

    import numpy as np

    from qbp_lessons.lessons import backprop as classical

    if args.quick:
        sizes = classical.network_sizes(n_sizes=3, max_params=30_000)
        repeats = args.repeats or 2
    else:
        sizes = classical.network_sizes()
        repeats = args.repeats or 5

    print(
        f"numpy {np.__version__}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} (1"
        f" min), BLAS threads: {args.blas_threads or 'default'}, batch {args.batch}, best of"
        f" {repeats}"
    )
    start = time.perf_counter()
    results = classical.sweep_omega(sizes, batch=args.batch, repeats=repeats)
    elapsed = time.perf_counter() - start

    header = (
        f"{'M':>9} {'width':>5} {'TIME(F) ms':>10} {'omega1':>7} {'omega1 ag':>9} "
        f"{'FD ratio':>11} {'omega2':>7} {'omega2 ag':>9} {'peak ratio':>10}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        fd = f"{r.fd_ratio:,.0f} {'m' if r.fd_measured else 'x'}"
        print(
            f"{r.M:>9,} {r.widths[0]:>5} {r.time_f * 1e3:>10.3f} {r.omega1:>7.2f}"
            f" {r.omega1_autograd:>9.2f} {fd:>11} {r.omega2:>7.2f} {r.omega2_autograd:>9.2f}"
            f" {r.peak_grad_bytes / r.peak_f_bytes:>10.1f}"
        )
    print(f"sweep time {elapsed:.1f} s; load average now {os.getloadavg()[0]:.2f}")
    print(
        "FD ratio: m = measured directly, x = extrapolated as (M + 1) * TIME(F). omega2 counts the "
        "inputs (params, X, Y) plus the call's tracemalloc peak; 'peak ratio' is the peaks alone."
    )

    depths, batches = (
        ((2, 8, 32), (16, 1024)) if args.quick else ((2, 4, 8, 16, 32, 64), (16, 64, 256, 1024))
    )
    start = time.perf_counter()
    memory = classical.sweep_memory(depths=depths, batches=batches, width=64)
    elapsed = time.perf_counter() - start
    header = (
        f"{'depth':>5} {'batch':>5} {'M':>9} {'omega2 plain':>12} {'omega2 checkpointed':>19}"
        f" {'layers held':>12}"
    )
    print()
    print(header)
    print("-" * len(header))
    for m in memory:
        print(
            f"{'L=' + str(m.depth):>5} {m.batch:>5} {m.M:>9,} {m.omega2:>12.2f}"
            f" {m.omega2_checkpointed:>19.2f} {m.stored_layers_plain:>5} /"
            f" {m.stored_layers_checkpointed:<4}"
        )
    print(f"memory sweep {elapsed:.1f} s (width 64; checkpoints every ceil(sqrt(L)) layers)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
