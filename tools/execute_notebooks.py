"""Execute notebooks in place, so that they are committed with their outputs.

nbval compares a notebook's stored outputs with a fresh run; a notebook committed
without outputs would pass without checking anything. Run this (``make execute``)
after changing a chapter or the package, then commit the notebooks.

Re-executing an unchanged notebook rewrites none of its bytes:
- widget model ids come from a seeded source in the kernel (ipywidgets 7 and 8
  take a comm id from ``uuid.uuid4().hex``; the kernel's ``uuid.uuid4`` draws
  from a generator seeded with the notebook's file name), so an id depends only
  on the order in which the notebook creates its widgets, and differs from page
  to page;
- no cell keeps execution timestamps, and the saved widget state is rebuilt
  from this run alone;
- a cell's consecutive pieces of the same stream are joined, so how the kernel
  happened to flush a long-running cell's prints does not show;
- the kernel runs with a fixed ``PYTHONHASHSEED``, so set order is stable.

Usage: python tools/execute_notebooks.py book/01_classical_backprop.ipynb [...]
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

# Run in the kernel before the first cell (silently: no execution count, no output).
SEED_IDS = """\
def _seed_ids(seed):
    import random
    import uuid

    rng = random.Random(seed)

    def uuid4():
        return uuid.UUID(int=rng.getrandbits(128), version=4)

    uuid.uuid4 = uuid4

_seed_ids({seed!r})
del _seed_ids
"""


class ReproducibleClient(NotebookClient):
    """An nbclient whose kernel takes its ids from a generator seeded with ``seed``."""

    def __init__(self, notebook, seed: str, **kwargs):
        super().__init__(notebook, **kwargs)
        self.seed = seed
        self.opened: set[str] = set()

    async def async_start_new_kernel_client(self):
        kc = await super().async_start_new_kernel_client()
        msg_id = kc.execute(SEED_IDS.format(seed=self.seed), silent=True, store_history=False)
        reply = await self.async_wait_for_reply(msg_id)
        if reply is None or reply["content"]["status"] != "ok":
            raise RuntimeError(f"could not seed the kernel's ids: {reply and reply['content']}")
        return kc

    def handle_comm_msg(self, outs, msg, cell_index):
        """Refuse a comm id seen before: two widgets would share one saved state."""
        if msg["msg_type"] == "comm_open":
            comm_id = msg["content"]["comm_id"]
            if comm_id in self.opened:
                raise RuntimeError(f"comm id {comm_id} opened twice (cell {cell_index})")
            self.opened.add(comm_id)
        super().handle_comm_msg(outs, msg, cell_index)


def join_streams(outputs: list) -> list:
    """Join each run of consecutive outputs of the same stream into one output."""
    joined: list = []
    for output in outputs:
        last = joined[-1] if joined else None
        if (
            output.output_type == "stream"
            and last is not None
            and last.output_type == "stream"
            and last.name == output.name
        ):
            last.text += output.text
        else:
            joined.append(output)
    return joined


def _model_refs(value) -> set[str]:
    """The model ids that ``value`` (a saved widget's state) names as ``IPY_MODEL_<id>``."""
    if isinstance(value, str):
        return {value.removeprefix("IPY_MODEL_")} if value.startswith("IPY_MODEL_") else set()
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return set().union(*map(_model_refs, value))
    return set()


def widget_ids_missing(notebook) -> list[str]:
    """Model ids that a stored view or a saved model refers to but the saved state lacks."""
    state = notebook.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    wanted = _model_refs(list(state.values()))
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view:
                wanted.add(view["model_id"])
    return sorted(wanted - set(state))


def execute(path: Path, output: Path | None = None) -> float:
    """Run ``path`` top to bottom in its own folder; write it to ``output`` (default: in place)."""
    notebook = nbformat.read(path, as_version=4)
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    start = time.perf_counter()
    client = ReproducibleClient(
        notebook,
        seed=path.name,
        timeout=600,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent.resolve())}},
    )
    client.execute(env={**os.environ, "PYTHONHASHSEED": "0"})
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = join_streams(cell.outputs)
    missing = widget_ids_missing(notebook)
    if missing:
        raise RuntimeError(f"{path}: views refer to widget models never saved: {missing[:5]}")
    nbformat.write(notebook, output or path)
    return time.perf_counter() - start


def main(paths: list[str]) -> int:
    if not paths:
        print(__doc__)
        return 2
    for name in paths:
        seconds = execute(Path(name))
        print(f"{name}: executed in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
