"""The shadow benchmark still runs and agrees with PennyLane (in --quick mode).

Timing targets are printed by ``make benchmarks``, not asserted here (a timed
test on a shared machine would fail for reasons unrelated to the code). Checked:
the script runs, prints a row per size, and our estimates equal PennyLane's
``ClassicalShadow.expval`` on the same data.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"


def test_shadow_benchmark_prints_rows_that_agree_with_pennylane():
    result = subprocess.run(
        [sys.executable, str(BENCH / "bench_shadows.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    header = next(
        line.split() for line in result.stdout.splitlines() if line.split()[:3] == ["n", "T", "M"]
    )
    assert "maxdiff" in " ".join(header)
    rows = [
        line.split()
        for line in result.stdout.splitlines()
        if re.match(r"^\s+\d+\s+[\d,]+\s+[\d,]+\s", line)
    ]
    assert len(rows) >= 2, result.stdout
    for cells in rows:
        ours, theirs, maxdiff = float(cells[3]), float(cells[4]), float(cells[6])
        assert ours > 0 and theirs > 0
        assert maxdiff < 1e-12, f"our estimates and PennyLane's differ: {cells}"
