"""Every public callable of the package: the functions and classes each public module defines."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import qbp_lessons


def public_modules() -> list[str]:
    """Every module of the package whose dotted path has no private part."""
    names = []
    for info in pkgutil.walk_packages(qbp_lessons.__path__, "qbp_lessons."):
        if not any(part.startswith("_") for part in info.name.split(".")[1:]):
            names.append(info.name)
    return sorted(names)


def public_callables() -> dict[str, object]:
    """``{"module.name": obj}`` for each public function and class, where it is defined."""
    found = {}
    for name in public_modules():
        module = importlib.import_module(name)
        for attr, obj in vars(module).items():
            if attr.startswith("_") or getattr(obj, "__module__", None) != name:
                continue
            if inspect.isfunction(obj) or inspect.isclass(obj):
                found[f"{name}.{attr}"] = obj
    return found
