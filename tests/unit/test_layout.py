"""The package's architecture, checked: one home per concern, arrows pointing one way.

* ``engine/`` imports only ``engine/`` and ``_validate`` from the package;
* ``costs/`` imports only ``costs/`` and ``_validate``: the closed forms stand alone;
* ``interop/`` is the only place that imports PennyLane;
* a lesson's computation never imports presentation (``show``, ipywidgets, matplotlib);
* presentation (``show/`` and every lesson's ``show``) imports from the package only
  an allow-list: the shared kit, its own lesson's computation, ``costs``, ``_validate``
  and the one ``TrainingRun`` record; and it never times (no clock, no memory meter);
* no module imports a private name of another module (``_validate`` excepted: it is
  the shared home of every input check);
* every line is at most 100 characters (ruff, configured in ``pyproject.toml``) and
  nothing silences a rule with ``noqa``; no module grows past the size limit.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "qbp_lessons"
MODULES = sorted(PACKAGE.rglob("*.py"))
#: Split a module by concern well before this.
MAX_LINES = 700


def _name(path: Path) -> str:
    """The dotted module name of a file of the package."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[str, str]]:
    """(absolute module, name) for every ``from X import name``; (X, "") for ``import X``."""
    tree = ast.parse(path.read_text())
    here = _name(path).split(".")
    if path.name != "__init__.py":
        here = here[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            found += [(module, alias.name) for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [(alias.name, "") for alias in node.names]
    return found


def _package_targets(path: Path) -> set[str]:
    """The package modules a file imports (``from qbp_lessons.x import y`` counts x.y, a module)."""
    targets = set()
    for module, name in _imports(path):
        if module.split(".")[0] != "qbp_lessons":
            continue
        full = f"{module}.{name}" if name else module
        is_module = (ROOT / full.replace(".", "/")).with_suffix(".py").exists() or (
            ROOT / full.replace(".", "/")
        ).is_dir()
        targets.add(full if is_module else module)
    return targets


def _third_party(path: Path) -> set[str]:
    return {module.split(".")[0] for module, _ in _imports(path)} - {"qbp_lessons"}


def _id(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _in(path: Path, folder: str) -> bool:
    return (PACKAGE / folder) in path.parents


LESSON_FILES = sorted((PACKAGE / "lessons").rglob("*.py"))
COMPUTE = [p for p in LESSON_FILES if p.name not in ("show.py", "exercises.py", "__init__.py")]
SHOW = [p for p in LESSON_FILES if p.name == "show.py"] + sorted((PACKAGE / "show").glob("*.py"))


def test_the_layout_is_there():
    for folder in ("engine", "costs", "interop", "lessons", "show", "exercises"):
        assert (PACKAGE / folder / "__init__.py").is_file(), folder
    assert len(COMPUTE) >= 7 and len(SHOW) >= 7


@pytest.mark.parametrize("path", sorted((PACKAGE / "engine").glob("*.py")), ids=_id)
def test_engine_imports_only_engine(path):
    bad = {
        t
        for t in _package_targets(path)
        if not (t.startswith("qbp_lessons.engine") or t == "qbp_lessons._validate")
    }
    assert bad == set()


def test_costs_imports_only_costs_and_validate():
    for path in sorted((PACKAGE / "costs").rglob("*.py")):
        bad = {
            t
            for t in _package_targets(path)
            if not (t.startswith("qbp_lessons.costs") or t == "qbp_lessons._validate")
        }
        assert bad == set(), _id(path)


@pytest.mark.parametrize("path", MODULES, ids=_id)
def test_only_interop_imports_pennylane(path):
    if "pennylane" in _third_party(path):
        assert _in(path, "interop"), "only qbp_lessons/interop/ imports PennyLane"


def test_interop_imports_pennylane():
    files = [p for p in MODULES if _in(p, "interop")]
    assert any("pennylane" in _third_party(p) for p in files)


@pytest.mark.parametrize("path", COMPUTE, ids=_id)
def test_compute_never_imports_presentation(path):
    shows = {
        t
        for t in _package_targets(path)
        if t.startswith("qbp_lessons.show") or t.endswith(".show") or t.endswith(".exercises")
    }
    assert shows == set()
    assert _third_party(path) & {"ipywidgets", "matplotlib", "IPython"} == set()


def _allowed_for_show(path: Path) -> tuple[str, ...]:
    allowed = (
        "qbp_lessons.show",
        "qbp_lessons.costs",
        "qbp_lessons._validate",
        "qbp_lessons.training",
    )
    if path.parent == PACKAGE / "show":
        allowed += ("qbp_lessons.__init__",)
    if _in(path, "lessons"):
        allowed += (_name(path).rsplit(".", 1)[0],)
    return allowed


@pytest.mark.parametrize("path", SHOW, ids=_id)
def test_presentation_imports_only_its_allow_list(path):
    allowed = _allowed_for_show(path)
    bad = {
        t
        for t in _package_targets(path)
        if not (t.startswith(allowed) or (t == "qbp_lessons" and "qbp_lessons.__init__" in allowed))
        or t.endswith(".exercises")
    }
    assert bad == set()
    assert _third_party(path) & {"time", "timeit", "tracemalloc", "resource"} == set()


@pytest.mark.parametrize("path", MODULES, ids=_id)
def test_no_private_names_of_other_modules(path):
    bad = [
        f"from {m} import {n}"
        for m, n in _imports(path)
        if n.startswith("_") and not n.startswith("__") and not m.endswith("_validate")
    ]
    tree = ast.parse(path.read_text())
    stems = {p.stem for p in MODULES}
    bad += [
        f"{node.value.id}.{node.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in stems
        and node.attr.startswith("_")
        and not node.attr.startswith("__")
    ]
    assert bad == []


@pytest.mark.parametrize("path", MODULES, ids=_id)
def test_modules_stay_small(path):
    assert path.read_text().count("\n") <= MAX_LINES


@pytest.mark.parametrize("path", MODULES, ids=_id)
def test_no_rule_is_silenced(path):
    assert "noqa" not in path.read_text()


def test_ruff_finds_nothing():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    assert ruff, "ruff is pinned in requirements-dev.txt"
    done = subprocess.run(
        [ruff, "check", "--no-cache", "qbp_lessons", "tests", "tools", "benchmarks", "_ext"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-3000:]
