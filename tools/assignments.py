"""Problem sets that grade themselves: one otter-grader assignment per chapter.

For every chapter this writes a master notebook from the exercise registry (so a
question's text is the book's ``Exercise.question``, word for word), runs ``otter
assign`` on it, and keeps what it makes:

    <out>/<chapter>/master/<chapter>.ipynb      the instructor's notebook (questions, key, tests)
    <out>/<chapter>/student/<chapter>.ipynb     the notebook students fill in
    <out>/<chapter>/autograder/<chapter>-autograder_*.zip   what ``otter run -a`` grades with
    <out>/student-notebooks.zip                 every student notebook, in reading order
    <out>/README.md                             how an instructor grades

A student answers exercise 4.1 by setting ``answer_4_1`` in its cell; the test of
that question asks the course's own checker, ``registry()["4.1"].judge(answer_4_1)``,
for the status "correct". The key in the master notebook is
:func:`qbp_lessons.exercises.solution`, computed by the package, never typed in.

Usage: python tools/assignments.py [OUT_DIR]   (default _build/assignments)
"""

from __future__ import annotations

import contextlib
import html
import io
import os
import re
import shutil
import sys
import warnings
import zipfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from qbp_lessons.exercises import registry  # noqa: E402
from qbp_lessons.lessons import LESSONS  # noqa: E402

EPOCH = (2020, 1, 1, 0, 0, 0)
#: Points of a question: a construction (a function or a network to find) is worth two.
POINTS_NUMBER, POINTS_CONSTRUCTION = 1, 2
#: The extra pip requirements otter puts in each autograder zip (beside the master notebook).
REQUIREMENTS = "requirements.txt"


def chapter_stems() -> dict[int, str]:
    """Chapter number -> notebook stem ("04_spsa"), from the book's folder."""
    stems = {}
    for path in sorted((ROOT / "book").glob("[0-9][0-9]_*.ipynb")):
        stems[int(path.name[:2])] = path.stem
    return stems


def install_cell(stem: str) -> str | None:
    """The chapter's own Colab install cell (a no-op elsewhere), so the set runs in Colab too."""
    first = nbformat.read(ROOT / "book" / f"{stem}.ipynb", as_version=4).cells[0]
    if first.cell_type == "code" and first.source.startswith("# Colab: install"):
        return first.source
    return None


def package_requirement(stem: str) -> str:
    """The course's package as pip installs it for the grader: the install cell's own archive.

    That archive is the commit that last changed the package (``make install-cells``), so a
    Docker or Gradescope grader runs the checkers the chapter was executed with.
    """
    found = re.search(r'archive = "(https://[^"]+\.zip)"', install_cell(stem) or "")
    if not found:
        raise ValueError(f"the install cell of {stem} names no package archive")
    return f"qbp-lessons @ {found.group(1)}"


def exercises_of(chapter: int) -> list[str]:
    """The ids of one chapter's checked exercises, in order."""
    ids = [k for k in registry() if int(k.split(".")[0]) == chapter]
    return sorted(ids, key=lambda k: tuple(map(int, k.split("."))))


def variable(exercise: str) -> str:
    """The name a student's answer to ``exercise`` goes in: answer_4_1 for "4.1"."""
    return "answer_" + exercise.replace(".", "_")


def question_name(exercise: str) -> str:
    """otter's name of the question for ``exercise``: q4_1 for "4.1"."""
    return "q" + exercise.replace(".", "_")


def points(exercise: str) -> int:
    """Two points for a construction (a function, a network), one for a number or a list."""
    expects = registry()[exercise].expects
    construction = expects.startswith("a function") or expects.startswith("a pair")
    return POINTS_CONSTRUCTION if construction else POINTS_NUMBER


def _raw(text: str):
    return nbformat.v4.new_raw_cell(text)


def master_notebook(chapter: int, stem: str):
    """The instructor's notebook of one chapter, in otter-grader's master format."""
    ids = exercises_of(chapter)
    total = sum(points(k) for k in ids)
    config = "\n".join(
        [
            "# ASSIGNMENT CONFIG",
            f"name: {stem}",
            "init_cell: false",
            "check_all_cell: false",
            "export_cell: false",
            "run_tests: false",
            "generate:",
            "  pdf: false",
            "  show_stdout: true",
            "tests:",
            "  files: false",
            f"requirements: {REQUIREMENTS}",
        ]
    )
    cells = [
        _raw(config),
        nbformat.v4.new_markdown_cell(
            f"# Problem set: chapter {chapter} ({stem})\n\n"
            f"{len(ids)} questions, {total} points. Put each answer in the variable its cell"
            f" names (`{variable(ids[0])} = ...`), run the notebook from the top, save it and"
            f' hand it in. `check("{ids[0]}", {variable(ids[0])})` asks the course\'s'
            " checker, which says whether an answer is right and gives hints; the grader asks"
            " the same checker."
            " An error in one answer's cell costs that question only."
        ),
        nbformat.v4.new_code_cell("import numpy as np\n\nfrom qbp_lessons.exercises import check"),
    ]
    install = install_cell(stem)
    if install:
        cells.insert(2, nbformat.v4.new_code_cell(install))
    for exercise in ids:
        entry = registry()[exercise]
        name = variable(exercise)
        cells += [
            _raw(
                f"# BEGIN QUESTION\nname: {question_name(exercise)}\n"
                f"points: [0, {points(exercise)}]"  # the public test is worth nothing
            ),
            nbformat.v4.new_markdown_cell(
                f"**Exercise {exercise}** ({points(exercise)} point"
                f"{'s' if points(exercise) > 1 else ''}; answer: {entry.expects})\n\n"
                f"{html.escape(entry.question, quote=False)}"
            ),
            _raw("# BEGIN SOLUTION"),
            nbformat.v4.new_code_cell(
                "# BEGIN SOLUTION NO PROMPT\n"
                "from qbp_lessons.exercises import solution\n"
                "# END SOLUTION\n"
                f'{name} = solution("{exercise}")  # SOLUTION'
            ),
            _raw("# END SOLUTION"),
            _raw("# BEGIN TESTS"),
            nbformat.v4.new_code_cell(
                f'assert {name} is not ..., "{name} is still ...: put your answer there"'
            ),
            nbformat.v4.new_code_cell(
                '""" # BEGIN TEST CONFIG\nhidden: true\n""" # END TEST CONFIG\n'
                "from qbp_lessons.exercises import registry\n\n"
                f'assert registry()["{exercise}"].judge({name}).status == "correct"'
            ),
            _raw("# END TESTS"),
            _raw("# END QUESTION"),
        ]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return nb


def _quiet(call, *args, **kwargs):
    """Run an otter call with its banner and progress kept off our stdout (returned on failure)."""
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            return call(*args, **kwargs)
    except Exception as exc:
        raise RuntimeError(f"otter failed: {exc}\n{out.getvalue()[-3000:]}") from exc


def build_chapter(chapter: int, stem: str, out: Path) -> Path:
    """Write one chapter's master notebook and let otter assign make the rest; the chapter dir.

    otter assign names its zip by the time of the run; it is copied to a fixed name,
    ``autograder/<stem>-autograder.zip``.
    """
    from otter.assign import main as otter_assign

    where = out / stem
    if where.exists():
        shutil.rmtree(where)
    (where / "master").mkdir(parents=True)
    master = where / "master" / f"{stem}.ipynb"
    # otter adds these lines to its own requirements in the autograder zip
    (where / "master" / REQUIREMENTS).write_text(package_requirement(stem) + "\n")
    nbformat.write(master_notebook(chapter, stem), master)
    _quiet(otter_assign, str(master), str(where / "dist"), no_pdfs=True, no_run_tests=True)
    (where / "dist" / "student").rename(where / "student")
    for notebook in (master, student_notebook(where)):
        _stable_ids(notebook)
    (where / "autograder").mkdir()
    (made,) = sorted((where / "dist" / "autograder").glob("*-autograder_*.zip"))
    _reproducible_copy(made, autograder_zip(where))
    shutil.rmtree(where / "dist")
    return where


def _stable_ids(path: Path) -> None:
    """Number the cells ("cell-007") in place of nbformat's and otter's random ids."""
    notebook = nbformat.read(path, as_version=4)
    for index, cell in enumerate(notebook.cells):
        cell.id = f"cell-{index:03d}"
    nbformat.write(notebook, path)


def _reproducible_copy(made: Path, target: Path) -> None:
    """Copy otter's zip with its entries sorted and dated EPOCH (otter dates them now)."""
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(target, "w") as copy:
        for entry in sorted(source.infolist(), key=lambda e: e.filename):
            info = zipfile.ZipInfo(entry.filename, EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = entry.external_attr  # run_autograder stays executable
            copy.writestr(info, source.read(entry))


def autograder_zip(chapter_dir: Path) -> Path:
    """Where one chapter's autograder zip is kept."""
    return chapter_dir / "autograder" / f"{chapter_dir.name}-autograder.zip"


def student_notebook(chapter_dir: Path) -> Path:
    """Where one chapter's student notebook is kept."""
    return chapter_dir / "student" / f"{chapter_dir.name}.ipynb"


def grade(submission: Path, autograder: Path) -> dict[str, float]:
    """Grade one notebook with ``otter run``'s own code (no Docker): points per question.

    The submission runs in a kernel of this environment (``python3``); a cell that raises
    does not stop the run, and the questions whose answers it left undefined score 0.
    """
    from otter.run import main as otter_run

    # the kernel starts in a folder of otter's: a relative PYTHONPATH would miss the package
    before = os.environ.get("PYTHONPATH")
    if before:
        parts = [str(Path(p).resolve()) for p in before.split(os.pathsep) if p]
        os.environ["PYTHONPATH"] = os.pathsep.join(parts)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # otter's own pandas deprecations
            results = _quiet(
                otter_run,
                str(submission),
                autograder=str(autograder),
                output_dir=None,
                no_logo=True,
            )
    finally:
        if before is not None:
            os.environ["PYTHONPATH"] = before
    return {name: float(results.get_score(name)) for name in results.results}


def answer_cells(notebook) -> dict[str, object]:
    """The answer cells of a student notebook by exercise id ("4.1")."""
    cells = {}
    for cell in notebook.cells:
        if "otter_answer_cell" in cell.metadata.get("tags", []):
            name = cell.source.split("=", 1)[0].strip()
            cells[name.removeprefix("answer_").replace("_", ".")] = cell
    return cells


README = """# Problem sets that grade themselves

One folder per chapter, made by `make assignments` (tools/assignments.py) with
otter-grader {otter}:

- `<chapter>/student/<chapter>.ipynb`: hand this to students (all of them:
  `student-notebooks.zip`). Each checked exercise of the chapter is a question, its
  text the book's own; the student sets `answer_4_1 = ...` and may ask the course's
  checker, `check("4.1", answer_4_1)`, for a verdict and hints.
  It runs where the course's package is installed (`make setup`, Binder) and in Colab,
  where its first cell, the chapter's own install cell, installs the package.
- `<chapter>/autograder/<chapter>-autograder.zip`: grade a submission with it, in the
  course's environment (`make setup`), without Docker:

      .venv/bin/otter run -o results/ \\
          -a <chapter>/autograder/<chapter>-autograder.zip submission.ipynb

  `results/results.json` holds the points per question. Each question's test asks the
  course's checker for the status "correct" (numbers to 4 significant figures, counts
  exact, functions run on test cases), so the grade and the checker a student saw agree.
  A cell that raises costs only the questions it leaves unanswered.
- `<chapter>/master/<chapter>.ipynb`: the instructor's notebook otter assign read; its
  key calls `qbp_lessons.exercises.solution`, which the package computes.

Points: {rule}

Why otter-grader rather than nbgrader: one master notebook becomes the student
notebook and a self-contained autograder zip, which grades on a laptop (`otter run`)
or in Gradescope with no course database, JupyterHub or formgrader to run. The zip's
`environment.yml` names the course's package at the commit the chapters were executed
with, so a Docker or Gradescope image installs the same checkers. The zips are
byte-reproducible: their entries are sorted and dated 2020-01-01.

Each question has a public test worth no points (is there an answer at all?), which a
student sees in Gradescope, and a hidden test worth the question's points (the checker's
verdict).

| chapter | questions | points |
|---|---|---|
{table}
"""


def build_all(out: Path) -> list[Path]:
    """Every chapter's assignment, the zip of the student notebooks and the README; the dirs."""
    import otter

    out.mkdir(parents=True, exist_ok=True)
    stems = chapter_stems()
    dirs, rows = [], []
    for chapter, _ in LESSONS:
        ids = exercises_of(chapter)
        if not ids:
            continue
        dirs.append(build_chapter(chapter, stems[chapter], out))
        rows.append(f"| {stems[chapter]} | {', '.join(ids)} | {sum(points(k) for k in ids)} |")
    with zipfile.ZipFile(out / "student-notebooks.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for where in dirs:
            info = zipfile.ZipInfo(f"{where.name}.ipynb", EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, student_notebook(where).read_bytes())
    rule = (
        f"{POINTS_NUMBER} for a number, a count or a list, {POINTS_CONSTRUCTION} for a"
        " construction (a function to write, a network to find)."
    )
    (out / "README.md").write_text(
        README.format(otter=otter.__version__, rule=rule, table="\n".join(rows))
    )
    return dirs


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "_build" / "assignments"
    for made in build_all(target):
        print(f"{made.relative_to(target.parent)}: {', '.join(exercises_of(int(made.name[:2])))}")
    print(f"README and student-notebooks.zip in {target}")
