"""The reading-time estimate (tools/reading_time.py) counts what a page shows by default."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import reading_time  # noqa: E402


def _notebook(tmp_path: Path, cells) -> Path:
    nb = nbformat.v4.new_notebook(cells=cells)
    path = tmp_path / "chapter.ipynb"
    nbformat.write(nb, path)
    return path


def test_counts_prose_and_shown_code_only(tmp_path):
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    path = _notebook(
        tmp_path,
        [
            md("(a-label)=\n# One two three"),  # 4 words; the label is not read
            code("x = 1\n\ny = 2"),  # 2 lines
            code("hidden = 1", metadata={"tags": ["remove-cell"]}),
            code("collapsed = 1", metadata={"tags": ["hide-input"]}),
            md(":::{admonition} Cross-checks\n:class: dropdown\nnot read here\n:::\nfive"),
            md(":::{admonition} Note\n:class: warning\nsix seven\n:::"),
            md(
                ":::{exercise} Title\nask eight\n:::\n```{solution-start} s\n:class: dropdown\n```\nnot"
            ),
            code("solution_code = 1"),  # inside the solution: not counted
            md("still not\n```{solution-end}\n```\nnine ten"),
        ],
    )
    c = reading_time.count(path)
    assert (c.words, c.code_lines) == (4 + 1 + 2 + 2 + 2, 2)
    assert c.minutes == pytest.approx(11 / 100 + 2 / 20)
