"""Estimate a chapter's reading time from what the page shows by default.

Counted: the words of the visible prose and the lines of the shown code. Not counted:
cells the page removes or collapses (tags ``remove-cell``, ``remove-input``,
``hide-input``, ``hide-cell``), worked solutions (between ``solution-start`` and
``solution-end``, or inside a ``{solution}`` directive), and dropdown admonitions
(the collapsed "Cross-checks" parts). Outputs (figures, tables, widgets) are not
counted either.

The rates are the course's assumption for careful reading: 100 words a minute of
mathematical prose (inline formulas count by their space-separated pieces) and 20 lines
a minute of code one means to understand. The course aims at about 30 minutes a chapter.

Usage: python tools/reading_time.py book/04_spsa.ipynb [...]   (no argument: every chapter)
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

WORDS_PER_MINUTE = 100
CODE_LINES_PER_MINUTE = 20
HIDDEN_TAGS = {"remove-cell", "remove-input", "hide-input", "hide-cell"}

FENCE = re.compile(r"^\s*(`{3,}|:{3,})\s*(\{[^}]*\})?\s*(.*)$")
OPTION = re.compile(r"^\s*:[\w-]+:")
LABEL = re.compile(r"^\s*\([\w-]+\)=\s*$")


@dataclass
class Count:
    words: int = 0
    code_lines: int = 0

    @property
    def minutes(self) -> float:
        return self.words / WORDS_PER_MINUTE + self.code_lines / CODE_LINES_PER_MINUTE


def _fenced_blocks(lines):
    """Yield (line, hidden) for each line, tracking directives that collapse their body."""
    stack: list[tuple[str, bool]] = []  # (fence, hidden)
    pending = None  # index in stack of a directive whose options are still being read
    for line in lines:
        match = FENCE.match(line)
        if match:
            fence, name = match.group(1), match.group(2)
            if stack and not name and stack[-1][0] == fence:
                stack.pop()
                pending = None
                yield None, any(h for _, h in stack)
                continue
            if name:
                hidden = name.startswith("{solution") or name == "{dropdown}"
                stack.append((fence, hidden))
                pending = len(stack) - 1
                yield None, any(h for _, h in stack)
                continue
        if pending is not None and OPTION.match(line):
            if re.match(r"^\s*:class:.*\bdropdown\b", line):
                stack[pending] = (stack[pending][0], True)
            yield None, any(h for _, h in stack)
            continue
        pending = None
        yield line, any(h for _, h in stack)


def count(path: Path) -> Count:
    nb = nbformat.read(path, as_version=4)
    total = Count()
    in_solution = False  # a worked solution opened by solution-start spans cells
    for cell in nb.cells:
        tags = set(cell.metadata.get("tags", []))
        if cell.cell_type == "code":
            if not in_solution and not tags & HIDDEN_TAGS:
                total.code_lines += sum(1 for line in cell.source.splitlines() if line.strip())
            continue
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.splitlines()
        for raw, (line, hidden) in zip(lines, _fenced_blocks(lines), strict=True):
            if "{solution-start}" in raw:
                in_solution = True
            elif "{solution-end}" in raw:
                in_solution = False
            if line is None or hidden or in_solution or LABEL.match(line):
                continue
            total.words += len(line.split())
    return total


def main(argv: list[str]) -> int:
    paths = [Path(p) for p in argv] or sorted(Path("book").glob("0*.ipynb"))
    print(f"{'chapter':40s} {'words':>6s} {'code':>5s} {'minutes':>8s}")
    for path in paths:
        c = count(path)
        print(f"{path.stem:40s} {c.words:6d} {c.code_lines:5d} {c.minutes:8.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
