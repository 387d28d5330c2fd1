"""The costs package's face: every public name of its modules, re-exported once."""

import importlib
import pkgutil

from qbp_lessons import costs

MODULES = [
    importlib.import_module(f"qbp_lessons.costs.{info.name}")
    for info in pkgutil.iter_modules(costs.__path__)
]


def imported_from_siblings(module) -> set:
    """Names a module took from another module of the package (constants carry no __module__)."""
    return {
        name
        for other in MODULES
        if other is not module
        for name in other.__all__
        if vars(module).get(name, object()) is getattr(other, name)
    }


def test_every_module_declares_its_public_names():
    for module in MODULES:
        own = {
            name
            for name, value in vars(module).items()
            if not name.startswith("_")
            and name != "annotations"  # from __future__
            and not isinstance(value, type(costs))
            and getattr(value, "__module__", module.__name__) == module.__name__
        }
        own -= imported_from_siblings(module)
        assert set(module.__all__) == own, module.__name__
        assert len(set(module.__all__)) == len(module.__all__), module.__name__


def test_the_package_re_exports_every_public_name_once():
    names = [name for module in MODULES for name in module.__all__]
    assert len(names) == len(set(names)), "a name is defined in two cost modules"
    assert sorted(costs.__all__) == sorted(names)
    for module in MODULES:
        for name in module.__all__:
            assert getattr(costs, name) is getattr(module, name), name
