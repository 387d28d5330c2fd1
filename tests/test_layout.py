"""The package's architecture, checked: one home per concern, arrows pointing one way.

* no module imports a private name of another module (``_validate`` excepted:
  it is the shared home of every input check);
* ``interop`` is the only module that imports PennyLane;
* ``costs`` imports only ``_validate``;
* presentation (``show/``) never imports ``measure`` or the engine's simulating
  modules, so it cannot time or simulate on its own;
* no module grows past 700 lines (split it by concern instead).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "qbp_lessons"
MODULES = sorted(PACKAGE.rglob("*.py"))


def _imports(path: Path) -> list[tuple[str, str]]:
    """(module, name) for every ``from X import name`` and ("", X) for every ``import X``."""
    tree = ast.parse(path.read_text())
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = ("." * node.level) + (node.module or "")
            found += [(module, alias.name) for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [("", alias.name) for alias in node.names]
    return found


def _id(path: Path) -> str:
    return str(path.relative_to(PACKAGE.parent))


def test_there_are_modules():
    assert len(MODULES) > 10


@pytest.mark.parametrize("path", MODULES, ids=_id)
def test_no_private_names_of_other_modules(path):
    bad = [f"from {m} import {n}" for m, n in _imports(path)
           if n.startswith("_") and not n.startswith("__") and not m.endswith("_validate")]
    tree = ast.parse(path.read_text())
    stems = {p.stem for p in MODULES}
    bad += [f"{node.value.id}.{node.attr}" for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            and node.value.id in stems and node.attr.startswith("_") and not node.attr.startswith("__")]
    assert bad == []


@pytest.mark.parametrize("path", MODULES, ids=_id)
def test_only_interop_imports_pennylane(path):
    uses = [m or n for m, n in _imports(path) if (m or n).split(".")[0] == "pennylane"]
    if path.name == "interop.py" and path.parent == PACKAGE:
        assert uses, "interop.py is the bridge to PennyLane"
    else:
        assert uses == []


def test_costs_imports_only_validate():
    local = [m for m, _ in _imports(PACKAGE / "costs.py") if m.startswith(".")]
    assert set(local) <= {"._validate"}


@pytest.mark.parametrize("path", sorted((PACKAGE / "show").glob("*.py")), ids=_id)
def test_presentation_never_times_or_simulates(path):
    forbidden = {"measure", "simulator_costs.measure_simulator_costs", "time", "timeit", "tracemalloc"}
    for module, name in _imports(path):
        last = module.rsplit(".", 1)[-1] if module else name
        assert last not in {"measure", "time", "timeit", "tracemalloc"}, f"{_id(path)} imports {module or name}"
        assert f"{last}.{name}" not in forbidden
    source = path.read_text()
    for call in ("measure_simulator_costs(", "grad_adjoint(", "sample_counts(", "expval_shots("):
        assert call not in source, f"{_id(path)} calls {call[:-1]}: presentation must be handed results"


@pytest.mark.parametrize("path", MODULES, ids=_id)
def test_modules_stay_small(path):
    assert path.read_text().count("\n") <= 700
