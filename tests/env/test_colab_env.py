"""The chapters in an environment shaped like Colab's, and the Colab install cell.

Colab ships ipywidgets 7 and imports it when the kernel starts, so the package
must not force ipywidgets 8 (a runtime restart) and every widget must work with
either. The ``colab`` tests build, for each ipywidgets major version, a clean
virtual environment with Python 3.11, that ipywidgets, a kernel, and
``qbp_lessons`` installed from a wheel built from this checkout with its declared
version ranges (nothing from constraints.txt), then execute every code cell of
every chapter there (``tests/env/colab_run_chapters.py``): no cell may fail, and every
widget the stored notebook shows must be built. The environments are kept in
``.venv-colab/`` and rebuilt when the package's declared dependencies change;
the wheel is rebuilt on every run. The environments are made with uv (pinned in
requirements-dev.txt), whose resolver takes the newest versions the ranges allow,
as pip's does, and whose cache makes a rebuild take seconds.

The install cell itself is tested here without Colab, with a stand-in
``google.colab`` module and ``%pip``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
import types
from pathlib import Path

import pytest

import qbp_lessons

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = sorted((ROOT / "book").glob("[0-9][0-9]_*.ipynb"))
ENVS = ROOT / ".venv-colab"
# Colab runs Python 3.11 or 3.12; QBP_COLAB_PYTHON names another interpreter to build with.
PYTHON = os.environ.get("QBP_COLAB_PYTHON") or shutil.which("python3.11") or sys.executable
# What differs between the shapes: Colab's own ipywidgets 7, and 8 as after an upgrade.
SHAPES = {"ipywidgets7": "ipywidgets==7.7.*", "ipywidgets8": "ipywidgets==8.1.*"}
# Colab's kernel, and what runs the notebooks.
BASE = ["ipykernel", "nbclient", "nbformat"]
RELEASE = f"qbp_lessons @ git+{qbp_lessons.REPOSITORY_URL}@v{qbp_lessons.__version__}"


def _install_cell() -> str:
    cells = json.loads(CHAPTERS[0].read_text())["cells"]
    source = cells[0]["source"]
    return "".join(source) if isinstance(source, list) else source


# --- the install cell, without Colab -------------------------------------------------


class _Shell:
    def __init__(self):
        self.magics = []

    def run_line_magic(self, name, line):
        self.magics.append((name, line))


def _run_install_cell(monkeypatch, loaded: dict[str, str] | None = None, ipywidgets: str = "7.7.1"):
    colab = types.ModuleType("google.colab")
    colab.output = types.SimpleNamespace(calls=[])
    colab.output.enable_custom_widget_manager = lambda: colab.output.calls.append("enable")
    monkeypatch.setitem(sys.modules, "google.colab", colab)
    installed = {
        "ipywidgets": ipywidgets,
        "numpy": "2.0.0",
        "scipy": "1.14.0",
        "matplotlib": "3.9.0",
        "traitlets": "5.7.1",
    }
    # what the kernel had imported before the install: the installed version unless `loaded` says
    # otherwise
    for name, version in {**installed, **(loaded or {})}.items():
        monkeypatch.setitem(sys.modules, name, types.SimpleNamespace(__version__=version))
    monkeypatch.setattr("importlib.metadata.version", lambda name: installed[name])
    shell, printed = _Shell(), []
    exec(
        _install_cell(),
        {"get_ipython": lambda: shell, "print": printed.append, "__name__": "__main__"},
    )
    return shell.magics, colab.output.calls, printed


def test_install_cell_installs_the_tagged_release(monkeypatch):
    magics, calls, printed = _run_install_cell(monkeypatch)
    assert magics == [("pip", f"install -q '{RELEASE}'")]
    assert calls == [], "ipywidgets 7 is Colab's own manager: no custom widget manager"
    assert printed == ["Installed; no restart needed, go on."]


def test_install_cell_enables_colab_widget_manager_for_ipywidgets_8(monkeypatch):
    _, calls, _ = _run_install_cell(monkeypatch, ipywidgets="8.1.5")
    assert calls == ["enable"]


def test_install_cell_asks_for_a_restart_when_a_loaded_package_changed(monkeypatch):
    _, _, printed = _run_install_cell(
        monkeypatch, loaded={"numpy": "1.26.4", "matplotlib": "3.9.0"}
    )
    assert len(printed) == 1 and printed[0].startswith("Restart needed: pip upgraded numpy,")
    assert "matplotlib" not in printed[0], "only what changed is named"


def test_install_cell_does_nothing_outside_colab(monkeypatch):
    monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    shell, printed = _Shell(), []
    exec(_install_cell(), {"get_ipython": lambda: shell, "print": printed.append})
    assert shell.magics == [] and printed == []


# --- the chapters in Colab-shaped environments --------------------------------------


def _key(shape: str) -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    parts = [PYTHON, SHAPES[shape], *BASE, *project["dependencies"], project["requires-python"]]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _uv() -> str:
    uv = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    if uv is None:
        pytest.fail("uv is not installed (make setup installs requirements-dev.txt)")
    return uv


def _install(env: Path, *args: str) -> None:
    """uv's resolver, like pip's, takes the newest versions the declared ranges allow; its
    cache makes the second environment and every rebuild quick."""
    subprocess.run(
        [_uv(), "pip", "install", "--quiet", "--python", str(env / "bin" / "python"), *args],
        check=True,
    )


def _prepare(shape: str, wheel: Path) -> Path:
    """The shape's environment, reused while its key holds; the fresh wheel installed in it."""
    env = ENVS / shape
    stamp = env / ".qbp-key"
    if stamp.exists() and stamp.read_text() == _key(shape):
        _install(env, "--no-deps", "--reinstall", str(wheel))
        return env
    shutil.rmtree(env, ignore_errors=True)
    subprocess.run([_uv(), "venv", "--quiet", "--seed", "--python", PYTHON, str(env)], check=True)
    _install(env, SHAPES[shape], *BASE)
    # the wheel with its declared ranges; the shape's ipywidgets stays (Colab has imported it)
    constraint = env / "shape-constraint.txt"
    constraint.write_text(SHAPES[shape] + "\n")
    _install(env, str(wheel), "-c", str(constraint))
    stamp.write_text(_key(shape))
    return env


@pytest.fixture(scope="session")
def colab_runs(tmp_path_factory):
    """Build both environments, then run the chapters in both at once; the JSON reports."""
    tmp = tmp_path_factory.mktemp("colab")
    started = time.perf_counter()
    # sdist first, then the wheel from it: what a release ships, and no build/ left in the checkout
    subprocess.run([_uv(), "build", "--quiet", "--out-dir", str(tmp), str(ROOT)], check=True)
    wheel = next(tmp.glob("qbp_lessons-*.whl"))
    assert wheel.name.startswith(f"qbp_lessons-{qbp_lessons.__version__}-"), wheel.name
    envs = {shape: _prepare(shape, wheel) for shape in SHAPES}
    prepared = time.perf_counter()
    env_vars = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTHONPATH", "VIRTUAL_ENV", "JUPYTER_PATH"}
    }
    env_vars["MPLBACKEND"] = "agg"
    procs = {
        shape: subprocess.Popen(
            [
                str(env / "bin" / "python"),
                str(ROOT / "tests" / "env" / "colab_run_chapters.py"),
                str(tmp / f"{shape}.json"),
                *map(str, CHAPTERS),
            ],
            cwd=tmp,
            env=env_vars,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for shape, env in envs.items()
    }
    logs = {shape: proc.communicate()[0] for shape, proc in procs.items()}
    for shape, proc in procs.items():
        assert proc.returncode == 0, f"{shape}: the runner failed:\n{logs[shape][-3000:]}"
    reports = {shape: json.loads((tmp / f"{shape}.json").read_text()) for shape in SHAPES}
    print(
        f"\nColab-shaped environments: prepared in {prepared - started:.0f} s, "
        f"chapters run in {time.perf_counter() - prepared:.0f} s"
    )
    for shape, runs in reports.items():
        for run in runs:
            print(
                f"  {shape} {run['notebook']}: {run['seconds']} s, versions {run.get('versions')}"
            )
    return envs, reports


@pytest.mark.colab
@pytest.mark.parametrize("shape", list(SHAPES))
def test_chapters_run_in_a_colab_shaped_environment(colab_runs, shape):
    envs, reports = colab_runs
    assert [run["notebook"] for run in reports[shape]] == [c.name for c in CHAPTERS]
    failed = {run["notebook"]: run["errors"] for run in reports[shape] if run["errors"]}
    assert failed == {}, (
        f"{shape}: cells failed (numbered as in the notebook; later ones may follow from the"
        " first):\n"
        + "\n".join(
            f"  {name}: "
            + "; ".join(errors[:4])
            + (f" (+{len(errors) - 4} more)" if len(errors) > 4 else "")
            for name, errors in failed.items()
        )
    )
    for run in reports[shape]:
        name, versions = run["notebook"], run["versions"]
        assert versions["ipywidgets"].split(".")[0] == SHAPES[shape].split("==")[1][0], versions
        assert versions["qbp_lessons"] == qbp_lessons.__version__
        assert Path(run["prefix"]).resolve() == envs[shape].resolve(), (
            "the kernel ran outside the environment"
        )
        assert Path(run["qbp_lessons_file"]).resolve().is_relative_to(envs[shape].resolve()), (
            "qbp_lessons was imported from the checkout, not from the installed wheel"
        )
        assert run["pip_requests"] == [f"install -q '{RELEASE}'"]
        expected_calls = ["enable_custom_widget_manager"] if shape == "ipywidgets8" else []
        assert run["colab_output_calls"] == expected_calls
        assert run["install_cell_output"].strip() == "Installed; no restart needed, go on."
        assert run["widget_views"] >= run["stored_widget_views"], (
            f"{shape} {name}: {run['widget_views']} widgets built, the stored notebook shows"
            f" {run['stored_widget_views']}"
        )
