"""The benchmark scripts still run and print their tables (in --quick mode).

Timing targets are shown by ``make benchmarks``, not asserted here: a timed test
on a shared machine would fail for reasons unrelated to the code. What is checked
is that each script runs, prints a row per size, and that the columns which do
not depend on timing hold (the gradients agree, the memory counts).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"


def _run(script: str) -> str:
    result = subprocess.run(
        [sys.executable, str(BENCH / script), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_classical_benchmark_prints_a_row_per_size():
    out = _run("bench_classical.py")
    rows = [line for line in out.splitlines() if re.match(r"^\s+[\d,]+\s+\d+\s", line)]
    assert len(rows) >= 3, out
    for row in rows:
        M = int(row.split()[0].replace(",", ""))
        fd_ratio = float(row.split()[5].replace(",", ""))
        assert fd_ratio > M / 3, f"the finite-difference ratio should be about M + 1: {row}"


def test_circuit_benchmark_agrees_with_pennylane_and_keeps_three_statevectors():
    out = _run("bench_circuits.py")
    header = next(
        line.split() for line in out.splitlines() if line.split()[:3] == ["M", "F", "grad"]
    )
    rows = [
        dict(zip(header, line.split()))
        for line in out.splitlines()
        if re.match(r"^\s+\d+\s+\d", line)
    ]
    assert len(rows) >= 2, out
    compared = [row for row in rows if row["maxdiff"] != "-"]
    assert compared, "the quick benchmark should compare with PennyLane at some M"
    for row in compared:
        assert float(row["maxdiff"]) < 1e-10, f"our gradient and PennyLane's differ: {row}"
        # memory is counted, not timed: psi and a scratch for F, psi, lam and a scratch for the
        # gradient
        # gradient, plus numpy's iteration buffers of the broadcast kernels: at most 8192 elements
        # per buffered operand, so up to two statevectors at n = 10 (a constant, not a multiple)
        assert float(row["sv_F"]) < 2.5 + 2 and float(row["sv_grad"]) < 3.5 + 2, row
        assert 0.5 < float(row["sv_grad"]) - float(row["sv_F"]) < 1.5, row


def test_scaling_benchmark_agrees_with_lightning_and_bounds_the_cache():
    out = _run("bench_scaling.py")
    header = next(line.split() for line in out.splitlines() if line.split()[:2] == ["n", "F"])
    rows = [
        dict(zip(header, line.split()))
        for line in out.splitlines()
        if re.match(r"^\s+\d+\s+\d", line)
    ]
    assert len(rows) >= 2, out
    for row in rows:
        assert float(row["maxdiff"]) < 1e-10, f"our gradient and lightning's differ: {row}"
        assert row["winner"] in ("ours", "lightning"), row
        # the cache never holds more than its 4 MiB budget, and is counted inside the peak
        assert float(row["cache"]) * 16 * 2 ** int(row["n"]) <= 4 * 2**20, row
        assert float(row["sv_c"]) >= float(row["cache"]) + 2.5 and float(row["sv_l"]) >= 2.5, row
    assert "faster" in out.splitlines()[-1], "the benchmark says who wins"
