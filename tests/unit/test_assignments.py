"""The chapters' problem sets (tools/assignments.py, make assignments), graded by otter-grader.

For every chapter the set is built in a temporary folder with ``otter assign``; then
``otter run``'s own code grades, in this environment's python3 kernel, a right
submission (full marks) and a wrong one (one answer 10% off: the marks of every other
question, so strictly between 0 and full). In chapter 4's wrong submission one answer's
cell also raises: that question scores 0 and the grading goes on. The blank student
notebook scores 0 and fails every public test; a rebuilt set is the same bytes.
"""

from __future__ import annotations

import html
import json
import numbers
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from qbp_lessons.exercises import registry, solution

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import assignments  # noqa: E402

CHAPTERS = [c for c in sorted(assignments.chapter_stems()) if assignments.exercises_of(c)]
#: The chapter whose wrong submission also has a cell that raises, and that exercise.
CRASHING_CHAPTER, CRASHING_EXERCISE = 4, "4.2"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("assignments")
    assignments.build_all(out)
    return out


def _chapter_dir(built: Path, chapter: int) -> Path:
    return built / assignments.chapter_stems()[chapter]


def _submission(built: Path, chapter: int, code: dict[str, str], name: str) -> Path:
    """The chapter's student notebook with each answer cell's source replaced by ``code``."""
    where = _chapter_dir(built, chapter)
    notebook = nbformat.read(assignments.student_notebook(where), as_version=4)
    cells = assignments.answer_cells(notebook)
    assert set(cells) == set(assignments.exercises_of(chapter))
    for exercise, cell in cells.items():
        cell.source = code[exercise]
    path = where.parent / f"{where.name}-{name}" / f"{where.name}.ipynb"
    path.parent.mkdir()
    nbformat.write(notebook, path)
    return path


def _right(exercise: str) -> str:
    return (
        "from qbp_lessons.exercises import solution\n\n"
        f'{assignments.variable(exercise)} = solution("{exercise}")'
    )


def _off(exercise: str) -> str:
    return _right(exercise) + " * 1.1"


def _numeric(chapter: int) -> str:
    """The last exercise of the chapter whose key is a number (it can be 10% off)."""
    found = [
        k
        for k in assignments.exercises_of(chapter)
        if isinstance(solution(k), numbers.Real) and solution(k) != 0
    ]
    assert found, f"chapter {chapter} has no numeric exercise"
    return found[-1]


def test_the_grading_kernel_is_this_environments_python():
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("python3")
    assert Path(spec.resource_dir).is_relative_to(Path(sys.prefix))  # the venv's own kernel
    assert spec.argv[0] in ("python", "python3", sys.executable)  # jupyter runs sys.executable


def test_every_key_is_accepted_by_its_checker():
    for exercise, entry in registry().items():
        assert entry.solution is not None, exercise
        assert entry.judge(solution(exercise)).status == "correct", exercise


def test_solution_names_a_bad_id():
    with pytest.raises(ValueError, match="exercise"):
        solution("99.9")
    with pytest.raises(TypeError, match="exercise"):
        solution(4.1)


def test_every_chapter_has_its_set(built):
    readme = (built / "README.md").read_text()
    with zipfile.ZipFile(built / "student-notebooks.zip") as archive:
        zipped = archive.namelist()
    for chapter in CHAPTERS:
        where = _chapter_dir(built, chapter)
        assert f"{where.name}.ipynb" in zipped and f"| {where.name} |" in readme
        student = nbformat.read(assignments.student_notebook(where), as_version=4)
        text = "\n".join(c.source for c in student.cells)
        assert "solution(" not in text  # the key stays in the master notebook
        assert student.cells[1].source == assignments.install_cell(where.name)  # Colab
        for exercise in assignments.exercises_of(chapter):
            assert html.escape(registry()[exercise].question, quote=False) in text  # <X> shows
            assert f"{assignments.variable(exercise)} = ..." in text
        with zipfile.ZipFile(assignments.autograder_zip(where)) as archive:
            tests = {Path(n).stem for n in archive.namelist() if n.startswith("tests/")}
        assert tests == {assignments.question_name(k) for k in assignments.exercises_of(chapter)}


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_a_right_submission_gets_full_marks_and_a_wrong_one_part(built, chapter):
    ids = assignments.exercises_of(chapter)
    full = {assignments.question_name(k): float(assignments.points(k)) for k in ids}
    autograder = assignments.autograder_zip(_chapter_dir(built, chapter))

    right = _submission(built, chapter, {k: _right(k) for k in ids}, "right")
    assert assignments.grade(right, autograder) == full

    off = _numeric(chapter)
    wrong_code = {k: _right(k) for k in ids}
    wrong_code[off] = _off(off)
    expected = dict(full, **{assignments.question_name(off): 0.0})
    if chapter == CRASHING_CHAPTER:
        assert off != CRASHING_EXERCISE
        wrong_code[CRASHING_EXERCISE] = "raise RuntimeError('a bug in the student code')"
        expected[assignments.question_name(CRASHING_EXERCISE)] = 0.0
    wrong = _submission(built, chapter, wrong_code, "wrong")
    scores = assignments.grade(wrong, autograder)
    assert scores == expected
    assert 0 < sum(scores.values()) < sum(full.values())


def test_the_master_notebook_computes_its_key(built):
    master = _chapter_dir(built, 4) / "master" / "04_spsa.ipynb"
    source = json.dumps(nbformat.read(master, as_version=4).cells)
    assert 'solution(\\"4.1\\")' in source


def test_a_blank_notebook_scores_nothing_and_fails_its_public_tests(built):
    chapter = CHAPTERS[0]
    where = _chapter_dir(built, chapter)
    autograder = assignments.autograder_zip(where)
    scores = assignments.grade(assignments.student_notebook(where), autograder)
    assert scores == {assignments.question_name(k): 0.0 for k in assignments.exercises_of(chapter)}
    with zipfile.ZipFile(autograder) as archive:
        public = [archive.read(n).decode() for n in archive.namelist() if n.startswith("tests/")]
    # each question: a public test worth 0 that asks for an answer, a hidden one worth the points
    assert all("'points': [0, " in t and "is still ...: put your answer there" in t for t in public)


def test_the_grader_installs_the_chapters_package(built):
    for chapter in CHAPTERS:
        where = _chapter_dir(built, chapter)
        with zipfile.ZipFile(assignments.autograder_zip(where)) as archive:
            environment = archive.read("environment.yml").decode()
        wanted = assignments.package_requirement(where.name)
        assert wanted.startswith("qbp-lessons @ https://") and f"- {wanted}\n" in environment


def test_a_rebuilt_set_is_the_same_bytes(built, tmp_path):
    chapter = CHAPTERS[-1]
    stem = assignments.chapter_stems()[chapter]
    again = assignments.build_chapter(chapter, stem, tmp_path)
    first = _chapter_dir(built, chapter)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (again / name).read_bytes(), name
