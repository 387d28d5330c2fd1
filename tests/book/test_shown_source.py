"""What the book shows of the package is public: every ``show_source(...)`` names public objects.

A shown function is the idea, not its input checks: the book shows a *core* (a public
function without checks) and says in the prose which checked function calls it. This
test holds the first half of that rule, the part a parser can check: no name the book
passes to ``show_source`` has a private segment (``classical._forward`` would fail).
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))


def _shown_names(path: Path) -> list[str]:
    """The dotted names passed to show_source in the notebook's code cells."""
    names = []
    for cell in json.loads(path.read_text())["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        if "show_source(" not in source:
            continue
        tree = ast.parse("\n".join(line for line in source.split("\n") if line[:1] not in "%!"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "show_source":
                names += [ast.unparse(arg) for arg in node.args]
    return names


def test_the_book_shows_source():
    assert sum(len(_shown_names(p)) for p in NOTEBOOKS) >= 10


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_shown_names_are_public(path):
    private = [
        name for name in _shown_names(path) if any(part.startswith("_") for part in name.split("."))
    ]
    assert private == []
