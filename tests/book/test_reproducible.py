"""Notebooks that re-execute byte for byte, and outputs that hold on any machine.

``tools/execute_notebooks.py`` (``make execute``) writes the committed notebooks:
re-executing an unchanged chapter must rewrite none of its bytes (seeded widget
ids, no timestamps), and the widget state it saves must hold every model a view
names, since the static site draws the widgets from it. Strict nbval compares
the stored outputs of every cell not tagged ``nbval-ignore-output``; a number
printed at round-off scale there (``5.8e-15``, or ``below 1e-16`` computed from
one) changes with the CPU, the BLAS kernel and the thread count, so such cells
state a fixed bound instead.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from pathlib import Path

import importlib
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
execute_notebooks = importlib.import_module("execute_notebooks")
nb_textconv = importlib.import_module("nb_textconv")

NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))
# The cheapest chapter with widgets (about 20 s on two busy cores).
REEXECUTED = ROOT / "book" / "03_parameter_shift.ipynb"

# A number in scientific notation at or below the 1e-10 decade: 5.8e-15, 1e-16, 6.0e-10.
ROUND_OFF = re.compile(r"(?<![\w.])\d(?:\.\d+)?e-(?:1\d|[2-9]\d)\b")
NOT_COMPARED = ("image/png", "image/jpeg", execute_notebooks.WIDGET_VIEW)


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def round_off_printed(cell: dict) -> list[str]:
    """Numbers at round-off scale in the compared outputs of ``cell``, unless its source
    writes them (a bound stated in the code, such as ``below 1e-13``)."""
    tags = cell.get("metadata", {}).get("tags", [])
    if cell.get("cell_type") != "code" or "nbval-ignore-output" in tags:
        return []
    source = _text(cell.get("source", ""))
    texts = []
    for output in cell.get("outputs", []):
        texts.append(_text(output.get("text", "")))
        texts += [
            _text(value)
            for mime, value in output.get("data", {}).items()
            if mime not in NOT_COMPARED
        ]
    return [m for text in texts for m in ROUND_OFF.findall(text) if m not in source]


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_round_off_check_finds_residuals_and_spares_bounds():
    def cell(source, text, glued="'1'", tags=()):
        stream = {"output_type": "stream", "name": "stdout", "text": [text]}
        record = {
            "output_type": "display_data",
            "metadata": {},
            "data": {"application/papermill.record/text/plain": glued},
        }
        return {
            "cell_type": "code",
            "source": source,
            "metadata": {"tags": list(tags)},
            "outputs": [stream, record],
        }

    assert round_off_printed(cell('print(f"{err:.1e}")', "differs by 5.8e-15")) == ["5.8e-15"]
    assert round_off_printed(cell("glue(decade_above(err))", "", "'1e-16'")) == ["1e-16"]
    assert round_off_printed(cell('print("below 1e-13")', "below 1e-13", "'1e-13'")) == []
    assert round_off_printed(cell("print(err)", "5.8e-15", tags=["nbval-ignore-output"])) == []
    assert round_off_printed(cell("print(eps)", "eps = 1.0e-04, 2.5e-01, 6.0e-10")) == ["6.0e-10"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_compared_outputs_print_no_round_off(path):
    found = [
        f"cell {i}: {', '.join(hits)}"
        for i, cell in enumerate(_read(path)["cells"])
        if (hits := round_off_printed(cell))
    ]
    assert not found, (
        f"{path.name}: compared outputs print numbers at round-off scale, which change on "
        "another CPU, BLAS kernel or thread count; print the bound they meet, with a margin "
        "(assert err < 1e-13 / 10; print('below 1e-13')):\n" + "\n".join(found)
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_execution_timestamps(path):
    timed = [i for i, c in enumerate(_read(path)["cells"]) if "execution" in c["metadata"]]
    assert not timed, f"{path.name}: cells {timed} keep timestamps (re-execute with make execute)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_saved_widget_state_holds_every_model_a_view_names(path):
    notebook = _read(path)
    assert execute_notebooks.widget_ids_missing(notebook) == []


def test_missing_widget_models_are_found():
    state = {"a1": {"state": {"children": ["IPY_MODEL_b2"], "layout": "IPY_MODEL_c3"}}}
    view = {
        "output_type": "display_data",
        "data": {
            execute_notebooks.WIDGET_VIEW: {
                "model_id": "d4",
                "version_major": 2,
                "version_minor": 0,
            }
        },
    }
    notebook = {
        "metadata": {"widgets": {execute_notebooks.WIDGET_STATE: {"state": state}}},
        "cells": [{"cell_type": "code", "outputs": [view]}],
    }
    assert execute_notebooks.widget_ids_missing(notebook) == ["b2", "c3", "d4"]


def test_widget_ids_differ_from_page_to_page():
    seen: dict[str, str] = {}
    shared = []
    for path in NOTEBOOKS:
        state = _read(path)["metadata"].get("widgets", {})
        for model_id in state.get(execute_notebooks.WIDGET_STATE, {}).get("state", {}):
            if model_id in seen:
                shared.append(f"{model_id} in {seen[model_id]} and {path.name}")
            seen[model_id] = path.name
    assert seen, "no notebook saves widget state"
    assert not shared, shared[:3]


def test_streams_are_joined_in_order():
    import nbformat

    out = [
        nbformat.v4.new_output("stream", name="stdout", text="a\n"),
        nbformat.v4.new_output("stream", name="stdout", text="b\n"),
        nbformat.v4.new_output("display_data", data={"text/plain": "x"}),
        nbformat.v4.new_output("stream", name="stdout", text="c\n"),
        nbformat.v4.new_output("stream", name="stderr", text="d\n"),
    ]
    joined = execute_notebooks.join_streams(out)
    assert [(o.output_type, o.get("text")) for o in joined] == [
        ("stream", "a\nb\n"),
        ("display_data", None),
        ("stream", "c\n"),
        ("stream", "d\n"),
    ]


def test_textconv_reads_cells_and_digests_images():
    notebook = {
        "metadata": {
            "widgets": {
                execute_notebooks.WIDGET_STATE: {
                    "state": {"m1": {"model_name": "SliderModel", "state": {"value": 3}}}
                }
            }
        },
        "cells": [
            {
                "cell_type": "code",
                "id": "c1",
                "metadata": {"tags": ["hide-input"]},
                "source": ["print(1)\n", "plot()"],
                "outputs": [
                    {"output_type": "stream", "name": "stdout", "text": ["1\n"]},
                    {
                        "output_type": "display_data",
                        "metadata": {},
                        "data": {"image/png": "iVBOR" * 1000, "text/plain": ["<Figure>"]},
                    },
                ],
            }
        ],
    }
    lines = nb_textconv.convert(notebook).splitlines()
    assert "=== code cell c1 hide-input" in lines and "print(1)" in lines and "1" in lines
    png = [line for line in lines if line.startswith("[image/png]")]
    assert len(png) == 1 and "5000 chars" in png[0]
    assert "=== 1 saved widget models" in lines
    assert any(line.startswith("m1 SliderModel sha256 ") for line in lines)


@pytest.mark.execute
def test_reexecuting_a_chapter_changes_no_byte(tmp_path):
    """Run the committed chapter with the executor into a copy: not one byte may differ."""
    copy = tmp_path / REEXECUTED.name
    execute_notebooks.execute(REEXECUTED, copy)
    committed, rerun = REEXECUTED.read_bytes(), copy.read_bytes()
    if rerun != committed:
        diff = difflib.unified_diff(
            nb_textconv.convert(json.loads(committed)).splitlines(),
            nb_textconv.convert(json.loads(rerun)).splitlines(),
            "committed",
            "re-executed",
            lineterm="",
            n=1,
        )
        pytest.fail(
            f"re-executing {REEXECUTED.name} changed it (make execute, then commit):\n"
            + "\n".join(list(diff)[:60])
        )
