"""The notebooks in environments shaped like Colab's runtime, and the Colab install cell.

Colab's runtime (googlecolab/backend-info, ``pip-freeze.txt`` of 2026-08-19, live since
2026-08-25) is Python 3.13 with the packages of ``COLAB`` below and no PennyLane. It imports
ipywidgets 7 when the kernel starts, so the package must not force ipywidgets 8 (a runtime
restart) and every widget must work with either. The ``colab`` tests build two virtual
environments with a Python 3.13 interpreter: ``ipywidgets7``, Colab's runtime as shipped,
and ``ipywidgets8``, the same after a reader upgrades ipywidgets. Into each goes the
package's wheel with its declared ranges (nothing from constraints.txt), the way Colab's
pip would install it next to what is there; then every chapter and the appendix run top to
bottom in a kernel of that environment (``tests/env/colab_run_chapters.py``), their own
install cell included: no cell may fail, every widget the stored notebook shows must be
built, and Colab's own versions must still be there afterwards (except what the package's
dependencies require, listed in ``CHANGED_BY_THE_INSTALL``).

The environments are kept in ``.venv-colab/`` and rebuilt when the interpreter, the shape or
the package's declared dependencies change; the wheel is rebuilt on every run (or taken from
``QBP_COLAB_WHEEL``, as the release workflow does with the wheel it publishes). The
interpreter is ``QBP_COLAB_PYTHON``, else the first Python 3.13 found on PATH, in pyenv or
by uv (``uv python install 3.13`` is tried last). uv (pinned in requirements-dev.txt) makes
the environments; its resolver takes the newest versions the ranges allow, as pip's does.

The install cell is also tested here without Colab: with a stand-in ``google.colab`` module,
a stand-in pip whose return code the test chooses, and a real pip that cannot reach an index.
"""

from __future__ import annotations

import glob
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
sys.path.insert(0, str(ROOT / "tools"))
import book_config  # noqa: E402
import install_cell  # noqa: E402

NOTEBOOKS = book_config.runnable_notebooks()
ENVS = ROOT / ".venv-colab"
COLAB_PYTHON = "3.13"
#: Colab's runtime: the packages the course touches, at the versions of pip-freeze.txt.
COLAB = {
    "ipython": "7.34.0",
    "ipykernel": "6.17.1",
    "ipywidgets": "7.7.1",
    "widgetsnbextension": "3.6.10",
    "traitlets": "5.7.1",
    "notebook": "6.5.7",
    "numpy": "2.1.3",
    "scipy": "1.16.3",
    "matplotlib": "3.10.0",
    "autograd": "1.9.1",
    "tqdm": "4.67.3",
}
#: What differs between the shapes: Colab's own ipywidgets 7, and 8 as after an upgrade
#: (which brings widgetsnbextension 4 with it).
SHAPES = {
    "ipywidgets7": dict(COLAB),
    "ipywidgets8": {
        **{k: v for k, v in COLAB.items() if k != "widgetsnbextension"},
        "ipywidgets": "8.1.*",
    },
}
#: Colab packages that installing the package changes, and why (Colab's pip does the same).
CHANGED_BY_THE_INSTALL = {"autograd": "PennyLane 0.45 requires autograd<1.9"}
#: What runs the notebooks (Colab has both).
BASE = ["nbclient", "nbformat"]
#: Reported for each environment, with the Python version.
REPORTED = [*COLAB, "pennylane", "pennylane_lightning", "qbp-lessons"]


def _install_cell() -> str:
    source = json.loads(NOTEBOOKS[0].read_text())["cells"][0]["source"]
    return "".join(source) if isinstance(source, list) else source


# --- the install cell, without Colab -------------------------------------------------


class _Pip:
    """Stands in for subprocess.run: records each pip command and answers with a return code."""

    def __init__(self, codes):
        self.codes, self.calls = list(codes), []

    def __call__(self, args, **kwargs):
        self.calls.append(args)
        code = self.codes.pop(0)
        return types.SimpleNamespace(returncode=code, stdout="", stderr=f"pip said no ({code})")


def _run_install_cell(
    monkeypatch,
    pip_codes=(0,),
    loaded: dict[str, str] | None = None,
    ipywidgets: str = "7.7.1",
    installed_version: str = qbp_lessons.__version__,
):
    colab = types.ModuleType("google.colab")
    colab.output = types.SimpleNamespace(calls=[])
    colab.output.enable_custom_widget_manager = lambda: colab.output.calls.append("enable")
    monkeypatch.setitem(sys.modules, "google.colab", colab)
    installed = {
        "ipywidgets": ipywidgets,
        "numpy": "2.1.3",
        "scipy": "1.16.3",
        "matplotlib": "3.10.0",
        "traitlets": "5.7.1",
        "autograd": "1.8.0",
        "qbp-lessons": installed_version,
    }
    # what the kernel had imported before the install: the installed version unless `loaded` says
    # otherwise
    for name, version in {**installed, **(loaded or {})}.items():
        if name != "qbp-lessons":
            monkeypatch.setitem(sys.modules, name, types.SimpleNamespace(__version__=version))
    monkeypatch.setattr("importlib.metadata.version", lambda name: installed[name])
    pip = _Pip(pip_codes)
    monkeypatch.setattr("subprocess.run", pip)
    printed = []
    exec(_install_cell(), {"print": printed.append, "__name__": "__main__"})
    return pip.calls, colab.output.calls, printed


def _pip_targets(calls) -> list[str]:
    for args in calls:
        assert args[:5] == [sys.executable, "-m", "pip", "install", "-q"], args
    return [args[5] for args in calls]


def test_install_cell_installs_the_release_from_pypi(monkeypatch):
    calls, widget_calls, printed = _run_install_cell(monkeypatch)
    assert _pip_targets(calls) == [f"qbp-lessons=={qbp_lessons.__version__}"]
    assert widget_calls == [], "ipywidgets 7 is Colab's own manager: no custom widget manager"
    assert printed == ["Installed; no restart needed, go on."]


def test_install_cell_falls_back_on_the_commit_archive(monkeypatch):
    calls, _, printed = _run_install_cell(monkeypatch, pip_codes=(1, 0))
    commit = install_cell.named_commit(_install_cell())
    assert _pip_targets(calls) == [
        f"qbp-lessons=={qbp_lessons.__version__}",
        f"qbp-lessons @ {qbp_lessons.REPOSITORY_URL}/archive/{commit}.zip",
    ]
    assert printed == ["Installed; no restart needed, go on."]


def test_install_cell_raises_when_pip_fails(monkeypatch):
    with pytest.raises(RuntimeError) as raised:
        _run_install_cell(monkeypatch, pip_codes=(1, 1))
    message = str(raised.value)
    assert "pip said no (1)" in message and "not installed" in message
    assert "Binder" in message and "mybinder.org" in message and "own machine" in message


def test_install_cell_raises_when_the_installed_version_is_another(monkeypatch):
    with pytest.raises(RuntimeError, match="this notebook needs") as raised:
        _run_install_cell(monkeypatch, installed_version="0.0.1")
    assert "Binder" in str(raised.value)


def test_install_cell_enables_colab_widget_manager_for_ipywidgets_8(monkeypatch):
    _, calls, _ = _run_install_cell(monkeypatch, ipywidgets="8.1.5")
    assert calls == ["enable"]


def test_install_cell_asks_for_a_restart_when_a_loaded_package_changed(monkeypatch):
    _, _, printed = _run_install_cell(
        monkeypatch, loaded={"autograd": "1.9.1", "matplotlib": "3.10.0"}
    )
    assert len(printed) == 1 and printed[0].startswith("Restart needed: pip changed autograd,")
    assert "matplotlib" not in printed[0], "only what changed is named"


def test_install_cell_does_nothing_outside_colab(monkeypatch):
    monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    pip = _Pip([])
    monkeypatch.setattr("subprocess.run", pip)
    printed = []
    exec(_install_cell(), {"print": printed.append})
    assert pip.calls == [] and printed == []


def test_install_cell_raises_when_a_real_pip_cannot_install(tmp_path):
    """A real pip in an environment without the package, with no index and no way to the
    archive (a proxy that refuses): both installs fail fast, offline, and the cell raises."""
    env = tmp_path / "env"
    subprocess.run(
        [_uv(), "venv", "--quiet", "--seed", "--python", sys.executable, str(env)], check=True
    )
    fake = tmp_path / "fake" / "google"
    (fake / "colab").mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "colab" / "__init__.py").write_text("")
    script = tmp_path / "cell.py"
    script.write_text("import google.colab\n" + _install_cell() + "\n")
    offline = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON"))},
        "PYTHONPATH": str(tmp_path / "fake"),
        "PIP_NO_INDEX": "1",
        "PIP_PROXY": "http://127.0.0.1:9",
        "PIP_RETRIES": "0",
        "PIP_TIMEOUT": "5",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    started = time.perf_counter()
    result = subprocess.run(
        [str(env / "bin" / "python"), str(script)],
        env=offline,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0, result.stdout
    assert "RuntimeError" in result.stderr and "not installed" in result.stderr
    assert f"qbp-lessons=={qbp_lessons.__version__}" in result.stderr
    assert "/archive/" in result.stderr and "Binder" in result.stderr
    assert "Installed" not in result.stdout
    assert time.perf_counter() - started < 60, "offline, pip should fail fast"


# --- the environment page records the shapes ------------------------------------------


def test_the_environment_page_records_each_shape():
    cells = json.loads((ROOT / f"{book_config.ENVIRONMENT_PAGE}.ipynb").read_text())["cells"]
    text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    assert f"Python {COLAB_PYTHON}" in text
    for name in COLAB:
        row = f"| {name} | {SHAPES['ipywidgets7'].get(name, '')} |"
        assert row in text, f"the environment page has no row {row!r} for the Colab shape"


# --- the notebooks in Colab-shaped environments -------------------------------------------


def _uv() -> str:
    uv = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    if uv is None:
        pytest.fail("uv is not installed (make setup installs requirements-dev.txt)")
    return uv


def _python_version(python: str) -> str | None:
    try:
        found = subprocess.run(
            [python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return found.stdout.strip() if found.returncode == 0 else None


def _uv_find() -> str | None:
    found = subprocess.run(
        [_uv(), "python", "find", "--no-project", COLAB_PYTHON], capture_output=True, text=True
    )
    return found.stdout.strip() if found.returncode == 0 else None


def colab_python() -> str:
    """A Python 3.13 interpreter to build the environments with (see the module's docstring)."""
    given = os.environ.get("QBP_COLAB_PYTHON")
    if given:
        if _python_version(given) != COLAB_PYTHON:
            pytest.fail(f"QBP_COLAB_PYTHON={given} is not Python {COLAB_PYTHON}")
        return given
    pyenv = os.environ.get("PYENV_ROOT", str(Path.home() / ".pyenv"))
    candidates = [
        shutil.which(f"python{COLAB_PYTHON}"),
        *sorted(glob.glob(f"{pyenv}/versions/{COLAB_PYTHON}.*/bin/python{COLAB_PYTHON}")),
        _uv_find(),
    ]
    for candidate in candidates:
        if candidate and _python_version(candidate) == COLAB_PYTHON:
            return candidate
    subprocess.run([_uv(), "python", "install", COLAB_PYTHON], capture_output=True)
    candidate = _uv_find()
    if candidate and _python_version(candidate) == COLAB_PYTHON:
        return candidate
    pytest.fail(
        f"no Python {COLAB_PYTHON} found (Colab runs {COLAB_PYTHON}): install one (pyenv install"
        f" {COLAB_PYTHON}, or uv python install {COLAB_PYTHON}) or name it in QBP_COLAB_PYTHON"
    )


def _matches(version: str, pinned: str) -> bool:
    return version == pinned or (pinned.endswith(".*") and version.startswith(pinned[:-1]))


def _requirements(shape: str) -> list[str]:
    return [f"{name}=={version}" for name, version in SHAPES[shape].items()]


def _key(shape: str, python: str) -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    parts = [
        str(Path(python).resolve()),
        *_requirements(shape),
        *BASE,
        *project["dependencies"],
        project["requires-python"],
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _install(env: Path, *args: str) -> None:
    subprocess.run(
        [_uv(), "pip", "install", "--quiet", "--python", str(env / "bin" / "python"), *args],
        check=True,
    )


def _prepare(shape: str, wheel: Path, python: str) -> tuple[Path, float]:
    """The shape's environment, reused while its key holds; the fresh wheel installed in it.
    Returns the environment and the seconds it took to make it (0 if it was reused)."""
    env = ENVS / shape
    stamp = env / ".qbp-key"
    if stamp.exists() and stamp.read_text() == _key(shape, python):
        _install(env, "--no-deps", "--reinstall", str(wheel))
        return env, 0.0
    started = time.perf_counter()
    shutil.rmtree(env, ignore_errors=True)
    # --seed: pip in the environment, as on Colab, for the install cell to run
    subprocess.run([_uv(), "venv", "--quiet", "--seed", "--python", python, str(env)], check=True)
    _install(env, *_requirements(shape), *BASE)  # Colab's runtime as shipped
    _install(env, str(wheel))  # what Colab's pip does: the ranges, next to what is there
    stamp.write_text(_key(shape, python))
    return env, time.perf_counter() - started


def _wheel(tmp: Path) -> Path:
    given = os.environ.get("QBP_COLAB_WHEEL")
    if given:
        return Path(given).resolve()
    # sdist first, then the wheel from it: what a release ships, and no build/ left in the checkout
    subprocess.run([_uv(), "build", "--quiet", "--out-dir", str(tmp), str(ROOT)], check=True)
    return next(tmp.glob("qbp_lessons-*.whl"))


@pytest.fixture(scope="session")
def colab_runs(tmp_path_factory):
    """Build both environments, then run the notebooks in both at once; the JSON reports."""
    tmp = tmp_path_factory.mktemp("colab")
    started = time.perf_counter()
    python = colab_python()
    wheel = _wheel(tmp)
    assert wheel.name.startswith(f"qbp_lessons-{qbp_lessons.__version__}-"), wheel.name
    prepared = {shape: _prepare(shape, wheel, python) for shape in SHAPES}
    envs = {shape: env for shape, (env, _) in prepared.items()}
    ready = time.perf_counter()
    env_vars = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTHONPATH", "VIRTUAL_ENV", "JUPYTER_PATH"} and not k.startswith("PIP_")
    }
    # the install cell's pip really runs: it finds the release in the wheel's folder (already
    # installed, so it changes nothing) and never reaches an index
    env_vars.update(
        MPLBACKEND="agg",
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=str(wheel.parent),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
    )
    procs = {
        shape: subprocess.Popen(
            [
                str(env / "bin" / "python"),
                str(ROOT / "tests" / "env" / "colab_run_chapters.py"),
                str(tmp / f"{shape}.json"),
                ",".join(REPORTED),
                *map(str, NOTEBOOKS),
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
    built = ", ".join(f"{shape} built in {s:.0f} s" for shape, (_, s) in prepared.items() if s)
    print(
        f"\nColab-shaped environments (Python {COLAB_PYTHON}, {python}): ready in"
        f" {ready - started:.0f} s ({built or 'both reused'}), notebooks run in"
        f" {time.perf_counter() - ready:.0f} s"
    )
    for shape, runs in reports.items():
        print(f"  {shape}: {runs[0].get('versions') if runs else None}")
        for run in runs:
            print(f"    {run['notebook']}: {run['seconds']} s, {len(run['errors'])} failing cells")
    return envs, reports


@pytest.mark.colab
@pytest.mark.parametrize("shape", list(SHAPES))
def test_notebooks_run_in_a_colab_shaped_environment(colab_runs, shape):
    envs, reports = colab_runs
    assert [run["notebook"] for run in reports[shape]] == [nb.name for nb in NOTEBOOKS]
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
    release = f"qbp-lessons=={qbp_lessons.__version__}"
    for run in reports[shape]:
        name, versions = run["notebook"], run["versions"]
        assert run["python"].rsplit(".", 1)[0] == COLAB_PYTHON, run["python"]
        assert versions["qbp-lessons"] == qbp_lessons.__version__
        changed = {
            package: (pinned, versions[package])
            for package, pinned in SHAPES[shape].items()
            if package not in CHANGED_BY_THE_INSTALL and not _matches(versions[package], pinned)
        }
        assert changed == {}, f"{shape}: installing the package changed Colab's {changed}"
        assert Path(run["prefix"]).resolve() == envs[shape].resolve(), (
            "the kernel ran outside the environment"
        )
        assert Path(run["qbp_lessons_file"]).resolve().is_relative_to(envs[shape].resolve()), (
            "qbp_lessons was imported from the checkout, not from the installed wheel"
        )
        assert run["pip_requests"] == [release], (
            f"{name}: the install cell asked pip for {run['pip_requests']}"
        )
        expected_calls = ["enable_custom_widget_manager"] if shape == "ipywidgets8" else []
        assert run["colab_output_calls"] == expected_calls
        assert run["install_cell_output"].strip() == "Installed; no restart needed, go on."
        assert run["widget_views"] >= run["stored_widget_views"], (
            f"{shape} {name}: {run['widget_views']} widgets built, the stored notebook shows"
            f" {run['stored_widget_views']}"
        )
