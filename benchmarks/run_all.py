"""Run every benchmark of the course, one after another, and print their tables.

Usage: python benchmarks/run_all.py [--quick]

* bench_classical.py: chapter 1, omega1 and omega2 of our backprop and of autograd
  next to the finite-difference ratio, M from 1e3 to 1e6.
* bench_circuits.py: chapters 2 and 3, our adjoint gradient against PennyLane
  (lightning.qubit adjoint, default.qubit backprop and parameter-shift) on the same
  10-qubit circuits, with omega and the memory in statevectors.
* bench_scaling.py: chapter 2 and the appendix, our adjoint gradient against
  lightning.qubit's at n = 10 ... 18 qubits (M = 400), with omega, and the time and
  peak memory with and without the bounded kernel cache.
* bench_shadows.py: chapter 6, estimating 10,000 Pauli expectations from 10,000
  random Pauli snapshots on 16 qubits, ours against qml.ClassicalShadow.expval on
  the same data.

Each script measures all its columns in one run, so the ratios compare like with
like; absolute times depend on the machine and its load (printed with the table).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ["bench_classical.py", "bench_circuits.py", "bench_scaling.py", "bench_shadows.py"]


def main(argv: list[str]) -> int:
    extra = ["--quick"] if "--quick" in argv else []
    status = 0
    for script in SCRIPTS:
        print(f"\n=== {script} {' '.join(extra)}", flush=True)
        status |= subprocess.run([sys.executable, str(HERE / script), *extra]).returncode
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
