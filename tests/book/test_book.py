"""The book's sources keep the course's conventions (no build needed).

Every chapter is listed in the table of contents, committed executed (nbval
compares stored outputs, and passes trivially on a notebook without them),
seeded where it draws random numbers, opens with the Colab install cell, and tags
its volatile cells rather than the whole notebook. The repository address is the
same wherever it appears.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

import qbp_lessons

ROOT = Path(__file__).resolve().parents[2]
BOOK = ROOT / "book"
NOTEBOOKS = sorted(BOOK.glob("*.ipynb"))
CHAPTERS = [nb for nb in NOTEBOOKS if nb.name[:2].isdigit()]


def _cells(path: Path) -> list[dict]:
    """The notebook's cells, with each source joined into one string."""
    cells = json.loads(path.read_text())["cells"]
    for cell in cells:
        if isinstance(cell["source"], list):
            cell["source"] = "".join(cell["source"])
    return cells


def _toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    return [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]


def test_there_are_chapters():
    assert CHAPTERS, "book/ holds no chapter notebooks"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_in_the_toc(path):
    assert f"book/{path.stem}" in _toc_files()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_executed(path):
    code = [c for c in _cells(path) if c["cell_type"] == "code"]
    unexecuted = [i for i, c in enumerate(code) if c.get("execution_count") is None]
    assert unexecuted == [], f"{path.name}: code cells {unexecuted} have no stored execution"
    counts = [c["execution_count"] for c in code]
    assert counts == list(range(1, len(code) + 1)), (
        f"{path.name} was not executed top to bottom in one run"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_stored_errors(path):
    for cell in _cells(path):
        tags = cell.get("metadata", {}).get("tags", [])
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        assert not errors or "raises-exception" in tags, (
            f"{path.name} stores an error: {errors[0]['ename']}"
        )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_volatile_cells_are_tagged_not_the_notebook(path):
    notebook = json.loads(path.read_text())
    assert "nbval-ignore-output" not in json.dumps(notebook.get("metadata", {})), (
        "tag cells, not the notebook"
    )
    cells = [c for c in _cells(path) if c["cell_type"] == "code"]
    ignored = 0
    for cell in cells:
        tags = cell.get("metadata", {}).get("tags", [])
        ignored += "nbval-ignore-output" in tags
        widget = any(
            "application/vnd.jupyter.widget-view+json" in o.get("data", {})
            for o in cell.get("outputs", [])
        )
        timing = any(
            word in cell["source"]
            for word in ("perf_counter", "timeit", "sweep_omega", "measure_omega")
        )
        if widget or timing:
            assert "nbval-ignore-output" in tags, (
                f"{path.name}: a widget or timing cell is not tagged:\n{cell['source'][:200]}"
            )
    assert ignored < len(cells), f"{path.name}: every cell is ignored, nbval would check nothing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_randomness_is_seeded(path):
    for cell in _cells(path):
        source = cell["source"]
        if cell["cell_type"] != "code":
            continue
        assert "np.random.seed" not in source, "use np.random.default_rng(seed)"
        assert "default_rng()" not in source, f"{path.name}: an unseeded generator:\n{source[:200]}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapter_opens_with_the_colab_install_cell(path):
    """Colab installs the tagged release of this version, not main, and says when to restart."""
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    import install_cell

    first = _cells(path)[0]
    assert first["cell_type"] == "code" and "remove-cell" in first["metadata"].get("tags", [])
    source = first["source"]
    release = f"qbp_lessons @ git+{qbp_lessons.REPOSITORY_URL}@v{qbp_lessons.__version__}'"
    assert release in source, (
        f"{path.name}: the install cell should install {release!r} (make install-cells)"
    )
    assert "enable_custom_widget_manager" in source and "Restart" in source
    assert source == install_cell.cell(), (
        f"{path.name}: the install cell differs from tools/install_cell.py's"
    )
    assert first.get("outputs") == [], "outside Colab the install cell prints nothing"


def test_version_has_one_source():
    """pyproject.toml reads the version from the package; the changelog and citation carry it."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {
        "attr": "qbp_lessons.__version__"
    }
    assert f"## {qbp_lessons.__version__} " in (ROOT / "CHANGELOG.md").read_text()
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert str(citation["version"]) == qbp_lessons.__version__
    assert citation["repository-code"] == qbp_lessons.REPOSITORY_URL


def test_repository_url_is_the_same_everywhere():
    """_config.yml holds the URL; every copy (tools/fork_url.py writes them) says the same."""
    import re
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    import fork_url

    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    url = config["repository"]["url"]
    assert url == qbp_lessons.REPOSITORY_URL == fork_url.package_url()
    assert config["repository"]["branch"] == qbp_lessons.REPOSITORY_BRANCH
    github = re.compile(r"https://github\.com/[\w.-]+/[\w.-]+")
    for path in fork_url.mirrors():
        found = {m.rstrip(".") for m in github.findall(path.read_text())}
        assert url in found, f"{path.name} does not name {url}"
        others = {f for f in found if f != url and "training-quantum-models" in f}
        assert not others, f"{path.name} names another copy of the course: {others} (make fork-url)"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapter_has_the_parts_of_a_chapter(path):
    text = "\n".join(c["source"] for c in _cells(path) if c["cell_type"] == "markdown")
    for part in ("Learning goals", "## Exercises", "## Key takeaways", "## References", "{cite}"):
        assert part in text, f"{path.name} has no '{part}'"
    assert "{solution-start}" in text and ":class: dropdown" in text, (
        "solutions should be hidden in dropdowns"
    )
    assert "{glue:text}" in text, "numbers in the prose should be glued from code"
