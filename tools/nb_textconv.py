"""Print a notebook as plain text for ``git diff`` (a textconv; standard library only).

One block per cell, headed by the cell's id and tags, with its source and its
text outputs as they read; images and saved widget models appear as one line
each with a short digest, so a changed figure or widget frame shows as one
changed line instead of a page of base64. Set it up once per clone:

    git config diff.ipynb.textconv "python3 tools/nb_textconv.py"

(``.gitattributes`` maps ``*.ipynb`` to this driver; ``git diff --no-textconv``
shows the raw JSON.)
"""

from __future__ import annotations

import hashlib
import json
import sys

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
TEXT = ("text/plain", "text/markdown", "text/latex")


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _digest(value) -> str:
    raw = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
    return hashlib.sha256(raw.encode()).hexdigest()[:12]


def _output(output: dict) -> list[str]:
    kind = output.get("output_type", "?")
    if kind == "stream":
        return [f">>> {output.get('name')}", _text(output.get("text", "")).rstrip("\n")]
    if kind == "error":
        return [f">>> error {output.get('ename')}: {output.get('evalue')}"]
    lines = [f">>> {kind}"]
    for mime, value in sorted(output.get("data", {}).items()):
        if mime in TEXT:
            lines += [f"[{mime}]", _text(value).rstrip("\n")]
        else:
            lines.append(f"[{mime}] {len(_text(value))} chars, sha256 {_digest(_text(value))}")
    return lines


def convert(notebook: dict) -> str:
    """The readable text of ``notebook`` (a parsed .ipynb)."""
    metadata = dict(notebook.get("metadata", {}))
    state = metadata.pop("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    lines = ["=== notebook metadata", json.dumps(metadata, indent=1, sort_keys=True)]
    for index, cell in enumerate(notebook.get("cells", [])):
        meta = {k: v for k, v in cell.get("metadata", {}).items() if k != "tags"}
        tags = " ".join(cell.get("metadata", {}).get("tags", []))
        lines.append(f"=== {cell.get('cell_type')} cell {cell.get('id', index)} {tags}".rstrip())
        if meta:
            lines.append(f"metadata: {json.dumps(meta, sort_keys=True)}")
        lines.append(_text(cell.get("source", "")))
        for output in cell.get("outputs", []):
            lines += _output(output)
    lines.append(f"=== {len(state)} saved widget models")
    lines += [
        f"{model_id} {saved.get('model_name')} sha256 {_digest(saved)}"
        for model_id, saved in state.items()
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    with open(argv[0], encoding="utf-8") as handle:
        text = handle.read()
    try:
        notebook = json.loads(text)
    except json.JSONDecodeError:
        sys.stdout.write(text)  # a conflicted or broken file: show it as it is
        return 0
    sys.stdout.write(convert(notebook))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
