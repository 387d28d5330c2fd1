"""Run notebooks inside a Colab-shaped environment (driven by tests/env/test_colab_env.py).

Runs with that environment's Python: executes every code cell of each notebook given, in
a kernel of that environment, after a first cell that makes the kernel look like Colab's
(a ``google.colab`` module whose ``output.enable_custom_widget_manager`` records its call)
and records each pip command the notebook runs through ``subprocess.run``; pip itself runs
(the caller points it at the wheel's folder and at no index). Writes what happened as JSON,
with the versions of the packages named in REPORTED.

Usage: python colab_run_chapters.py OUT.json REPORTED,NAMES NOTEBOOK.ipynb [...]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

FAKE_COLAB = """
import subprocess, sys, types
colab = types.ModuleType("google.colab")
colab.output = types.SimpleNamespace(calls=[])
colab.output.enable_custom_widget_manager = (
    lambda: colab.output.calls.append("enable_custom_widget_manager"))
google = types.ModuleType("google"); google.colab = colab
sys.modules["google"], sys.modules["google.colab"] = google, colab
_pip_requests = []
_real_run = subprocess.run
def _run(args, *rest, **kwargs):
    if list(args[1:4]) == ["-m", "pip", "install"]:
        _pip_requests.append(args[-1])
    return _real_run(args, *rest, **kwargs)
subprocess.run = _run
"""

REPORT = """
import json, platform, sys, importlib.metadata as md
import qbp_lessons
subprocess.run = _real_run
print("QBP-REPORT " + json.dumps({
    "python": platform.python_version(), "prefix": sys.prefix,
    "qbp_lessons_file": qbp_lessons.__file__,
    "versions": {name: md.version(name) for name in REPORTED},
    "pip_requests": _pip_requests,
    "colab_output_calls": sys.modules["google.colab"].output.calls}))
"""


def widget_views(cells) -> int:
    return sum(
        "application/vnd.jupyter.widget-view+json" in out.get("data", {})
        for cell in cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
    )


def run(path: Path, reported: list[str]) -> dict:
    stored = nbformat.read(path, as_version=4)
    notebook = nbformat.read(path, as_version=4)
    notebook.cells = (
        [nbformat.v4.new_code_cell(FAKE_COLAB)]
        + notebook.cells
        + [nbformat.v4.new_code_cell(f"REPORTED = {reported!r}\n" + REPORT)]
    )
    # every cell runs even after one fails, so the report names every failure, not only the first
    client = NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    client.execute()
    errors = [
        f"cell {index - 1}: {out['ename']}: {out['evalue']}"
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and "raises-exception" not in cell.metadata.get("tags", [])
        for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
    ]
    result = {
        "notebook": path.name,
        "seconds": round(time.perf_counter() - start, 1),
        "errors": errors,
        "stored_widget_views": widget_views(stored.cells),
        "widget_views": widget_views(notebook.cells),
        "install_cell_output": "".join(
            out.get("text", "") for out in notebook.cells[1].get("outputs", [])
        ),
    }
    for out in notebook.cells[-1].get("outputs", []):
        for line in out.get("text", "").splitlines():
            if line.startswith("QBP-REPORT "):
                result.update(json.loads(line[len("QBP-REPORT ") :]))
    return result


def main(argv: list[str]) -> int:
    out, reported, paths = Path(argv[0]), argv[1].split(","), [Path(p) for p in argv[2:]]
    out.write_text(json.dumps([run(p, reported) for p in paths], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
