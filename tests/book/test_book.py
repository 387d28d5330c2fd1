"""The book's sources keep the course's conventions (no build needed).

Every chapter is listed in the table of contents, committed executed (nbval
compares stored outputs, and passes trivially on a notebook without them),
seeded where it draws random numbers, opens with the Colab install cell (the appendix
too, naming a commit whose package is today's), and tags
its volatile cells rather than the whole notebook. The repository address is the
same wherever it appears.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import qbp_lessons

ROOT = Path(__file__).resolve().parents[2]
BOOK = ROOT / "book"
NOTEBOOKS = sorted(BOOK.glob("*.ipynb"))
CHAPTERS = [nb for nb in NOTEBOOKS if nb.name[:2].isdigit()]
sys.path.insert(0, str(ROOT / "tools"))
import book_config  # noqa: E402
import install_cell  # noqa: E402

#: every chapter and the appendix: what a reader runs in Colab, Binder or a local kernel
RUNNABLE = book_config.runnable_notebooks()


def test_every_chapter_and_the_appendix_are_runnable():
    assert set(CHAPTERS) < set(RUNNABLE) and BOOK / "appendix_simulator.ipynb" in RUNNABLE


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


@pytest.mark.parametrize("path", RUNNABLE, ids=lambda p: p.name)
def test_notebook_opens_with_the_colab_install_cell(path):
    """Colab installs this version (PyPI, or the archive of a commit holding the same package),
    not main, checks the install, and says when to restart."""
    first = _cells(path)[0]
    assert first["cell_type"] == "code" and "remove-cell" in first["metadata"].get("tags", [])
    source = first["source"]
    release = f'"{install_cell.DIST}==" + wanted'
    assert release in source and f'wanted = "{qbp_lessons.__version__}"' in source, (
        f"{path.name}: the install cell should install {install_cell.DIST}=="
        f"{qbp_lessons.__version__} (run make install-cells)"
    )
    assert "enable_custom_widget_manager" in source and "Restart" in source
    assert "returncode" in source and "raise RuntimeError" in source, "a failed pip must raise"
    commit = install_cell.named_commit(source)
    assert commit, f"{path.name}: the install cell names no commit archive (run make install-cells)"
    assert source == install_cell.cell(commit), (
        f"{path.name}: the install cell differs from tools/install_cell.py's (run make"
        " install-cells)"
    )
    assert first.get("outputs") == [], "outside Colab the install cell prints nothing"


def _git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)


def test_the_install_cells_name_a_commit_that_holds_todays_package():
    """The archive the install cell falls back on builds the package of this checkout: the named
    commit is in HEAD's history and its qbp_lessons/ and pyproject.toml equal HEAD's."""
    if _git("rev-parse", "--is-inside-work-tree").stdout.strip() != "true":
        pytest.skip("not a git checkout (an unpacked archive): the commit cannot be checked")
    if _git("rev-parse", "--is-shallow-repository").stdout.strip() == "true":
        pytest.fail("a shallow clone cannot show the named commit: clone with full history")
    named = {install_cell.named_commit(_cells(path)[0]["source"]) for path in RUNNABLE}
    assert len(named) == 1 and None not in named, (
        f"the install cells name {sorted(map(str, named))}: run make install-cells"
    )
    commit = named.pop()
    assert _git("cat-file", "-e", f"{commit}^{{commit}}").returncode == 0, (
        f"the install cells name {commit}, which this repository does not hold:"
        " run make install-cells"
    )
    assert _git("merge-base", "--is-ancestor", commit, "HEAD").returncode == 0, (
        f"the install cells name {commit}, which is not in HEAD's history: run make install-cells"
    )
    changed = _git("diff", "--name-only", commit, "HEAD", "--", *install_cell.PACKAGE_PATHS)
    assert changed.returncode == 0 and changed.stdout == "", (
        f"the package changed since {commit}, the commit the install cells name"
        f" ({changed.stdout.split()[:5]}...): run make install-cells"
    )


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


def test_the_errata_page_lists_every_chapter_with_a_note_on_the_talk():
    """Each chapter that corrects a slide ("Note on the talk") has its row on the errata page."""
    errata = (BOOK / "errata.md").read_text()
    toc = (ROOT / "_toc.yml").read_text()
    assert "book/errata" in toc
    noted = [
        nb.stem
        for nb in CHAPTERS
        if any(
            "Note on the talk" in c["source"] for c in _cells(nb) if c["cell_type"] == "markdown"
        )
    ]
    assert len(noted) >= 5
    missing = [stem for stem in noted if f"<{stem}>" not in errata]
    assert not missing, f"chapters with a Note on the talk missing from errata.md: {missing}"
    for link in __import__("re").findall(r"\{doc\}`[^<`]*<([^>]+)>`", errata):
        assert (BOOK / f"{link}.ipynb").exists() or (BOOK / f"{link}.md").exists(), link
