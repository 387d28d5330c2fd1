"""Side-by-side: our numpy adjoint gradient against PennyLane, on the same circuits.

Circuits: n = 10 qubits, M random 2-local Pauli rotations exp(-i theta P), O = Z on
wire 0 (``qbp_lessons.engine.circuits.random_circuit(10, M, seed=M)``). The scaling in n
(n = 10 ... 18 at M = 400, with and without the kernel cache) is ``bench_scaling.py``.

Columns (milliseconds unless stated; "-" = not run at that M, it would be too slow)

* ``F``, ``grad``: our :func:`expval` and :func:`grad_adjoint` (three statevectors).
* ``omega``: TIME(grad F) / TIME(F), from best-of-k CPU times (``measure.CLOCK``, timeit
  style); ``om_med``: the median over repetitions of the same ratio (each grad
  timed right after an F). This virtual machine's speed drifts by tens of
  percent from second to second (CPU time drifts the same way: it is not other
  processes' load but the host), so a quiet window can flatter either side of a
  best-of ratio; the paired median is the steadier estimate.
* ``sv_F``, ``sv_grad``: tracemalloc peaks in statevectors, leaving out the
  M-float arrays (the validated copy of theta, both; the returned gradient,
  grad): the ideal is 2 (psi, one scratch) and 3 (psi, lam, one scratch),
  plus numpy's iteration buffers of the broadcast kernels (at most 8192 elements
  per operand: up to two statevectors at n = 10, a constant).
  The kernel cache is built by the warm-up call, before these peaks, so they
  are the working set *without* the cache; ``cache`` is what the cache keeps,
  in statevectors (``Circuit.cache_bytes``): add it for the default engine's
  whole memory (chapter 2 shows both).
  ``mem``: the raw peak ratio grad / F; at n = 10 a statevector is only 16 KiB,
  so at large M the M-float arrays dominate it.
* ``fused``, ``om_fus``, ``omf_med``, ``sv_fus``: the same for
  ``grad_adjoint(fused=True)``, which undoes each gate on psi and lam with one
  set of numpy calls (four statevectors).
* ``L.adj``: ``qml.grad`` of a ``lightning.qubit`` QNode with ``diff_method="adjoint"``;
  ``L.F`` the same QNode's forward call; ``omega_L`` their ratio; ``speedup`` is
  L.adj / grad (our three-statevector adjoint, the slower of ours).
* ``L.dev``: lightning's own ``execute_and_compute_derivatives`` on a tape
  preprocessed once, outside the timing, i.e. no QNode (see
  :func:`lightning_device_tape`).
* ``DQ.bp``: ``default.qubit`` with ``diff_method="backprop"`` (autograd).
* ``DQ.ps``: ``default.qubit`` with ``diff_method="parameter-shift"`` (2M circuits),
  run at small M only.
* ``maxdiff``: the largest difference between our gradient and any PennyLane one
  at that M (all should be ~1e-13: the same circuit, the same numbers).

Why lightning's adjoint is slower here although its kernels are C++ (measured
with cProfile on this machine): the per-call overhead is Python and grows with M.
A QNode call records the tape under autograd's tracer, runs the preprocessing
pipeline (gradient-method resolution, and a decomposition that turns every
PauliRot into basis changes around a MultiRZ: about 3.7 operations per rotation
here), and then lightning serialises every one of those operations for the C++
backend (``serialize_ops``; most of the time is isinstance checks). Even on a
tape preprocessed once (``L.dev``) the serialisation dominates the C++ adjoint
itself. So ``omega_L`` is 1-3 (overhead dominates both F and grad), and the QNode
gradient costs far more than the arithmetic. Our engine does five numpy calls
per gate application (a gather or a flipped view times the phases, two
scalings, add) with all Pauli-string kernels built once per circuit (by a
warm-up call, outside the timings), so it runs near numpy's per-call floor at
n = 10. Its omega is
3 gate applications plus one dot product per gate, about 3.2-3.4 here, not
exactly 3. At large n, where each gate is memory-bound, a compiled simulator
would win; this benchmark is about the course's circuits, not about beating C++.

Usage::

    python benchmarks/bench_circuits.py            # full: M = 10 ... 10,000 (a few minutes)
    python benchmarks/bench_circuits.py --quick    # smoke test: small M, fewer repeats

Not part of the test suite; it asserts nothing, it prints one table and a check
of the speed targets (ours >= 5x lightning's QNode adjoint at M = 200 and >= 10x
at M = 1,000; best-of omega <= 3.5 for every M). Timings on a shared machine
vary by tens of percent between runs; the header prints the load average.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qbp_lessons.engine import circuits as C  # noqa: E402
from qbp_lessons.engine import gradients as G  # noqa: E402
from qbp_lessons import interop  # noqa: E402
from qbp_lessons.engine.measure import CLOCK, peak_bytes  # noqa: E402

N_QUBITS = 10


def best_of(fns, repeat: int, min_time: float = 0.2):
    """Best-of-``repeat`` times of each callable, interleaved, on the course's one clock.

    The clock is :data:`qbp_lessons.engine.measure.CLOCK` (CPU time of this process, the
    clock of chapters 1 and 2; BLAS and lightning run with their default threads
    here, so a multi-threaded call is charged the sum of its threads' work). Each
    timing runs its callable enough times to fill the same window (at least
    ``min_time``), so a short F and a long grad are averaged over windows of the
    same length. Returns (best times, [median over repetitions of fns[i] / fns[0]
    for i >= 1]), the median being the steadier estimate on a shared machine.
    """
    single = []
    for fn in fns:
        t0 = CLOCK()
        fn()
        single.append(max(CLOCK() - t0, 1e-9))
    window = max(min_time, max(single))
    loops = [max(1, round(window / t)) for t in single]
    times = [[] for _ in fns]
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            gc.disable()
            t0 = CLOCK()
            for _ in range(loops[i]):
                fn()
            times[i].append((CLOCK() - t0) / loops[i])
            gc.enable()
    best = [min(t) for t in times]
    medians = [
        statistics.median(a / b for a, b in zip(times[i], times[0])) for i in range(1, len(fns))
    ]
    return best, medians


def lightning_device_tape(circ, theta):
    """lightning.qubit, a preprocessed tape and its config, all built once (outside any timing).

    Lightning's preprocessing decomposes each PauliRot into basis changes and a
    MultiRZ(2 theta); only the MultiRZ angles are marked trainable, so the
    derivatives it returns are dF/d(2 theta) = (1/2) dF/dtheta.
    """
    import pennylane as qml

    dev = qml.device("lightning.qubit", wires=circ.n)
    config = dev.setup_execution_config(qml.devices.ExecutionConfig(gradient_method="adjoint"))
    tape = qml.tape.QuantumScript(
        [
            qml.PauliRot(2 * t, p.word, wires=list(p.support))
            for t, p in zip(theta, circ.generators)
        ],
        [qml.expval(interop.pennylane_observable(circ.observable))],
    )
    (tape,), _ = dev.preprocess_transforms(config)([tape])
    trainable, index = [], 0
    for op in tape.operations:
        for _ in op.parameters:
            if op.name == "MultiRZ":
                trainable.append(index)
            index += 1
    tape.trainable_params = trainable
    return dev, tape, config


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small M and few repeats (smoke test)")
    args = parser.parse_args(argv)

    import pennylane as qml
    from pennylane import numpy as pnp

    if args.quick:
        Ms, repeat = [10, 100, 200], 3
        max_lightning, max_backprop, max_ps = 200, 100, 10
    else:
        Ms, repeat = [10, 30, 100, 200, 300, 1000, 3000, 10000], 9
        max_lightning, max_backprop, max_ps = 1000, 1000, 200

    columns = [
        ("M", 6, "d", 1),
        ("F", 8, ".2f", 1e3),
        ("grad", 8, ".2f", 1e3),
        ("omega", 6, ".2f", 1),
        ("om_med", 6, ".2f", 1),
        ("sv_F", 5, ".2f", 1),
        ("sv_grad", 7, ".2f", 1),
        ("cache", 7, ".1f", 1),
        ("mem", 5, ".2f", 1),
        ("fused", 8, ".2f", 1e3),
        ("om_fus", 6, ".2f", 1),
        ("omf_med", 7, ".2f", 1),
        ("sv_fus", 6, ".2f", 1),
        ("L.F", 8, ".2f", 1e3),
        ("L.adj", 8, ".2f", 1e3),
        ("omega_L", 7, ".2f", 1),
        ("speedup", 7, ".1f", 1),
        ("L.dev", 8, ".2f", 1e3),
        ("DQ.bp", 8, ".2f", 1e3),
        ("DQ.ps", 9, ".1f", 1e3),
        ("maxdiff", 8, ".1e", 1),
    ]
    header = " ".join(f"{name:>{width}}" for name, width, _, _ in columns)
    print(
        f"n = {N_QUBITS} qubits, random 2-local Pauli rotations, O = Z_0; times in ms; ours best of"
        f" {repeat}, PennyLane best of {max(3, repeat // 3)}; load average {os.getloadavg()[0]:.2f}"
        f" on {os.cpu_count()} cores"
    )
    print(header)
    print("-" * len(header))
    rows = []
    sv = 16 * 2**N_QUBITS
    for M in Ms:
        circ = C.random_circuit(N_QUBITS, M, locality=2, seed=M)
        theta = C.random_parameters(M, seed=10_000 + M)
        ours = G.grad_adjoint(circ, theta)  # warm-up: builds the Pauli kernels once
        G.grad_adjoint(circ, theta, fused=True)
        (t_f, t_g, t_x), (med_g, med_x) = best_of(
            [
                lambda: C.expval(circ, theta),
                lambda: G.grad_adjoint(circ, theta),
                lambda: G.grad_adjoint(circ, theta, fused=True),
            ],
            repeat,
            min_time=0.05 if args.quick else 0.2,
        )
        mem_f = peak_bytes(lambda: C.expval(circ, theta))
        mem_g = peak_bytes(lambda: G.grad_adjoint(circ, theta))
        mem_x = peak_bytes(lambda: G.grad_adjoint(circ, theta, fused=True))
        # Peaks in statevectors, leaving out the M-float arrays (validated theta; returned
        # gradient).
        row = {
            "M": M,
            "F": t_f,
            "grad": t_g,
            "omega": t_g / t_f,
            "om_med": med_g,
            "sv_F": (mem_f - 8 * M) / sv,
            "sv_grad": (mem_g - 16 * M) / sv,
            "cache": circ.cache_bytes / sv,
            "mem": mem_g / mem_f,
            "fused": t_x,
            "om_fus": t_x / t_f,
            "omf_med": med_x,
            "sv_fus": (mem_x - 16 * M) / sv,
        }
        maxdiff = None  # stays None (printed "-") where PennyLane is not run
        tpn = pnp.array(theta, requires_grad=True)
        if M <= max_lightning:
            qnode = interop.to_qnode(circ, "lightning.qubit", "adjoint")
            grad_fn = qml.grad(qnode)
            maxdiff = max(maxdiff or 0.0, np.max(np.abs(grad_fn(tpn) - ours)))
            (l_f, l_g), _ = best_of(
                [lambda: qnode(theta), lambda: grad_fn(tpn)], max(3, repeat // 3), 0.0
            )
            dev, tape, config = lightning_device_tape(circ, theta)
            _, jac = dev.execute_and_compute_derivatives(tape, config)
            maxdiff = max(maxdiff, np.max(np.abs(2 * np.asarray(jac) - ours)))
            (l_dev,), _ = best_of(
                [lambda: dev.execute_and_compute_derivatives(tape, config)],
                max(3, repeat // 3),
                0.0,
            )
            row.update(
                {
                    "L.F": l_f,
                    "L.adj": l_g,
                    "omega_L": l_g / l_f,
                    "speedup": l_g / t_g,
                    "L.dev": l_dev,
                }
            )
        if M <= max_backprop:
            bp = qml.grad(interop.to_qnode(circ, "default.qubit", "backprop"))
            maxdiff = max(maxdiff or 0.0, np.max(np.abs(bp(tpn) - ours)))
            (t_bp,), _ = best_of([lambda: bp(tpn)], 3, 0.0)
            row["DQ.bp"] = t_bp
        if M <= max_ps:
            ps = qml.grad(interop.to_qnode(circ, "default.qubit", "parameter-shift"))
            t0 = CLOCK()
            g_ps = ps(tpn)  # one run: it takes many seconds at M = 200
            row["DQ.ps"] = CLOCK() - t0
            maxdiff = max(maxdiff or 0.0, np.max(np.abs(g_ps - ours)))
        if maxdiff is not None:
            row["maxdiff"] = maxdiff
        rows.append(row)
        print(
            " ".join(
                f"{row[name] * scale:>{width}{fmt}}" if name in row else f"{'-':>{width}}"
                for name, width, fmt, scale in columns
            ),
            flush=True,
        )

    print()
    print("Speed targets")
    by_m = {r["M"]: r for r in rows}
    for M, target in ((200, 5), (1000, 10)):
        if M in by_m and "speedup" in by_m[M]:
            s = by_m[M]["speedup"]
            print(
                f"  M = {M:>5}: our adjoint vs lightning.qubit adjoint (QNode) {s:6.1f}x "
                f"(target >= {target}x: {'met' if s >= target else 'NOT met'})"
            )
    for label, best_key, med_key in (
        ("adjoint", "omega", "om_med"),
        ("adjoint, fused", "om_fus", "omf_med"),
    ):
        worst, worst_med = max(r[best_key] for r in rows), max(r[med_key] for r in rows)
        print(
            f"  omega ({label}) over M = {Ms[0]}..{Ms[-1]}: max {worst:.2f} best-of,"
            f" {worst_med:.2f} paired median (target <= 3.5: {'met' if worst <= 3.5 else 'NOT met'}"
            f" best-of, {'met' if worst_med <= 3.5 else 'NOT met'} median); at M = {Ms[-1]}:"
            f" {rows[-1][best_key]:.2f} best-of, {rows[-1][med_key]:.2f} median"
        )
    print(
        f"  memory: F holds {max(r['sv_F'] for r in rows):.2f} statevectors, the adjoint gradient "
        f"{max(r['sv_grad'] for r in rows):.2f}, fused {max(r['sv_fus'] for r in rows):.2f} "
        "(M-float arrays and the kernel cache excluded; the cache adds up to "
        f"{max(r['cache'] for r in rows):.1f}); raw tracemalloc peak grad/F "
        f"{min(r['mem'] for r in rows):.2f}..{max(r['mem'] for r in rows):.2f}"
    )
    print(f"  load average at the end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
