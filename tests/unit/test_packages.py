"""Every package's face: ``from package import name`` means one thing.

A package whose ``__init__`` re-exports a function under the name of one of its
submodules (``show.style`` the function over ``show/style.py``) makes
``from qbp_lessons.show import style`` return a function to one reader and a module
to another, depending on what was imported before. So: a name a package exports (or
binds) that is also one of its submodules' names must be that submodule."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

import qbp_lessons

ROOT = Path(qbp_lessons.__file__).resolve().parent
PACKAGES = sorted(
    ".".join(init.parent.relative_to(ROOT.parent).parts) for init in ROOT.rglob("__init__.py")
)


@pytest.mark.parametrize("name", PACKAGES)
def test_no_exported_name_shadows_a_submodule(name):
    package = importlib.import_module(name)
    submodules = {info.name for info in pkgutil.iter_modules(package.__path__)}
    exported = set(getattr(package, "__all__", ())) | {
        n for n in vars(package) if not n.startswith("_")
    }
    shadowed = []
    for sub in sorted(submodules & exported):
        module = importlib.import_module(f"{name}.{sub}")
        if getattr(package, sub) is not module:
            shadowed.append(sub)
    assert shadowed == [], f"{name} exports {shadowed}, which are also its submodules' names"


def test_the_show_kit_imports_mean_one_thing():
    from qbp_lessons.show import cost_explorer, figure_style, style

    assert callable(style) and callable(cost_explorer)
    assert figure_style.style is style
