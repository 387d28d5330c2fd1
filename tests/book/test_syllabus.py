"""The pages for instructors: the syllabus and the instructor guide (no build needed).

The syllabus maps every chapter's learning outcomes (three to five) to the exercises that
assess them, and every exercise of the book to at least one outcome; its schedule takes each
chapter's reading time from ``tools/reading_time.py`` through the ``reading-time`` role of
``_ext/qbp_site.py`` (so no time is typed), and the role computes what the tool prints. Every
``{ref}`` of the two pages names a label the book defines, every number the guide pastes from
a chapter (``{glue:text}`chapter.ipynb::key```) is glued by that chapter, and the site's
footer names the package's version.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

import qbp_lessons
from qbp_lessons.exercises import EXERCISES

ROOT = Path(__file__).resolve().parents[2]
BOOK = ROOT / "book"
CHAPTERS = sorted(BOOK.glob("0*.ipynb"))
SYLLABUS = BOOK / "syllabus.md"
GUIDE = BOOK / "instructor_guide.md"
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "_ext"))
import qbp_site  # noqa: E402
import reading_time  # noqa: E402

REF = re.compile(r"\{ref\}`(?:[^`<]*<)?([\w-]+)>?`")
EXERCISE_LABEL = re.compile(r"^:label: ([\w-]+)\s*$", flags=re.M)
TARGET = re.compile(r"^\(([\w-]+)\)=\s*$", flags=re.M)
#: ``{glue:text}`04_spsa.ipynb::key:s```: the role splits a format off at the last colon, so a
#: key from another page needs one (without it the build looks up ``04_spsa.ipynb:``)
GLUE_ELSEWHERE = re.compile(r"\{glue:text\}`([\w./-]+\.ipynb)::(\w+)(:[^`:]+)?`")
READING_ROLE = re.compile(r"\{reading-time\}`([\w-]+)`")


def _markdown(path: Path) -> str:
    cells = json.loads(path.read_text())["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def _exercise_labels(path: Path) -> list[str]:
    text = _markdown(path)
    return [
        label
        for block in re.split(r"^:::+\{exercise\}", text, flags=re.M)[1:]
        for label in EXERCISE_LABEL.findall(block.split("\n:::")[0])[:1]
    ]


def _book_labels() -> set[str]:
    labels = set()
    for path in BOOK.glob("*.ipynb"):
        text = _markdown(path)
        labels |= set(EXERCISE_LABEL.findall(text)) | set(TARGET.findall(text))
    for path in BOOK.glob("*.md"):
        labels |= set(TARGET.findall(path.read_text()))
    return labels


def _glued_keys(path: Path) -> set[str]:
    cells = json.loads(path.read_text())["cells"]
    return {
        output["metadata"]["scrapbook"]["name"]
        for cell in cells
        for output in cell.get("outputs", [])
        if "scrapbook" in output.get("metadata", {})
    }


def _outcomes_by_chapter() -> dict[str, list[str]]:
    """The numbered outcomes under each '### Chapter N' heading of the syllabus."""
    text = SYLLABUS.read_text().split("## Learning outcomes", 1)[1].split("\n## ", 1)[0]
    found = {}
    for section in re.split(r"^### ", text, flags=re.M)[1:]:
        number = re.match(r"Chapter (\d+)", section).group(1)
        items = re.split(r"^\d+\. ", section, flags=re.M)[1:]
        found[number] = [re.sub(r"\s+", " ", item).strip() for item in items]
    return found


def test_every_chapter_has_three_to_five_outcomes_each_assessed_by_an_exercise():
    outcomes = _outcomes_by_chapter()
    assert sorted(outcomes) == sorted(p.name[1] for p in CHAPTERS), "one section per chapter"
    for number, items in outcomes.items():
        assert 3 <= len(items) <= 5, f"chapter {number}: {len(items)} outcomes"
        labels = {p.name[1]: set(_exercise_labels(p)) for p in CHAPTERS}[number]
        for item in items:
            named = set(REF.findall(item))
            assert named, f"chapter {number}: an outcome names no exercise: {item[:80]}"
            assert named <= labels, (
                f"chapter {number}: {sorted(named - labels)} are not this chapter's exercises"
            )


def test_every_exercise_assesses_an_outcome():
    outcomes = " ".join(item for items in _outcomes_by_chapter().values() for item in items)
    mapped = set(REF.findall(outcomes))
    exercises = [label for path in CHAPTERS for label in _exercise_labels(path)]
    assert len(exercises) >= 3 * len(CHAPTERS)
    assert sorted(set(exercises) - mapped) == [], "exercises that assess no outcome"


@pytest.mark.parametrize("page", [SYLLABUS, GUIDE], ids=lambda p: p.name)
def test_every_ref_resolves(page):
    missing = sorted(set(REF.findall(page.read_text())) - _book_labels())
    assert missing == [], f"{page.name}: labels the book does not define (the -W build fails)"


@pytest.mark.parametrize("page", [SYLLABUS, GUIDE], ids=lambda p: p.name)
def test_numbers_pasted_from_chapters_are_glued_there(page):
    pasted = GLUE_ELSEWHERE.findall(page.read_text())
    for notebook, key, fmt in pasted:
        assert fmt, f"{page.name}: {notebook}::{key} needs a format, e.g. {key}:s"
        assert (BOOK / notebook).exists(), f"{page.name}: no chapter {notebook}"
        assert key in _glued_keys(BOOK / notebook), f"{notebook} glues no {key!r}"
    if page == GUIDE:
        assert len({n for n, _, _ in pasted}) == len(CHAPTERS), "a glued number from every chapter"


def test_the_schedule_takes_every_reading_time_from_the_tool():
    """Each chapter's time is a reading-time role, once, in the schedule's reading column; no
    minutes are typed there."""
    schedule = SYLLABUS.read_text().split("## Schedule", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in schedule.splitlines() if re.match(r"^\| \d+ \|", line)]
    weeks = [int(row.split("|")[1]) for row in rows]
    assert weeks == list(range(9)), f"a pre-term week 0 and eight weeks, in order: {weeks}"
    named = [doc for row in rows for doc in READING_ROLE.findall(row)]
    assert sorted(named) == [p.stem for p in CHAPTERS], "each chapter's reading time, once"
    for row in rows:
        reading = row.split("|")[3]
        assert READING_ROLE.sub("", reading).strip(" +") == "", f"typed reading time: {reading}"


def _exercise_kinds(path: Path) -> dict[str, str]:
    """Each exercise of a chapter: 'checked' if its text calls a registered checker, 'project'
    if it is headed "Project" or "Open problem", else 'written'."""
    text = _markdown(path)
    kinds = {}
    for block in re.split(r"^:::+\{exercise\}", text, flags=re.M)[1:]:
        body = block.split("\n:::")[0]
        label = EXERCISE_LABEL.findall(body)[0]
        title = body.split("\n", 1)[0].strip()
        ids = set(re.findall(r"check\(\s*\"([\d.]+)\"", body))
        assert ids <= set(EXERCISES), f"{label} calls checkers that do not exist: {ids}"
        if ids:
            kinds[label] = "checked"
        elif re.match(r"(Project|Open problem)\b", title):
            kinds[label] = "project"
        else:
            kinds[label] = "written"
    return kinds


def test_every_problem_set_lists_the_chapters_checked_and_written_exercises():
    """The week-by-week list: the autograded part is exactly the chapter's exercises with a
    checker (what ``make assignments`` puts in the assignment, the chapter's entries of
    ``EXERCISES``), the written part exactly its other exercises except the open problems and
    projects, which are the project's list and in no problem set."""
    text = SYLLABUS.read_text()
    sets = text.split("### What each problem set holds", 1)[1].split("\n:::", 1)[0]
    items = re.findall(r"^- \*\*Week (\d+)\*\* \(`([\w-]+)`\): (.*?)(?=^- |\Z)", sets, re.M | re.S)
    assert [stem for _, stem, _ in items] == [p.stem for p in CHAPTERS]
    projects = set()
    for (week, stem, item), path in zip(items, CHAPTERS):
        assert int(week) == int(stem[:2]), f"week {week} is not chapter {stem}"
        kinds = _exercise_kinds(path)
        auto, _, written = item.partition("; written")
        assert set(REF.findall(auto)) == {k for k, v in kinds.items() if v == "checked"}, stem
        assert set(REF.findall(written)) == {k for k, v in kinds.items() if v == "written"}, stem
        assert set(REF.findall(written)), f"{stem}: a problem set without written work"
        checked_ids = {i for i in EXERCISES if i.split(".")[0] == str(int(stem[:2]))}
        called = set(re.findall(r"check\(\s*\"([\d.]+)\"", _markdown(path)))
        assert called == checked_ids, f"{stem}: calls {called}, EXERCISES has {checked_ids}"
        projects |= {k for k, v in kinds.items() if v == "project"}
    project = text.split("(syllabus-project)=", 1)[1].split("\n\n", 2)[1]
    assert set(REF.findall(project)) == projects, "the project's list is every open problem"


class _Env:
    docname = "book/syllabus"

    def __init__(self):
        self.dependencies = []

    def relfn2path(self, filename, docname):
        return filename, str(ROOT / Path(docname).parent / filename)

    def note_dependency(self, path):
        self.dependencies.append(path)


class _Reporter:
    def error(self, message, line=None):
        return SimpleNamespace(message=message)


class _Inliner:
    def __init__(self, env):
        self.document = SimpleNamespace(settings=SimpleNamespace(env=env))
        self.reporter = _Reporter()

    def problematic(self, rawtext, text, message):
        return SimpleNamespace(rawtext=rawtext)


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_the_reading_time_role_writes_the_tools_minutes(path):
    env = _Env()
    nodes, messages = qbp_site.reading_time_role(
        "reading-time", f"{{reading-time}}`{path.stem}`", path.stem, 1, _Inliner(env)
    )
    assert messages == [] and len(nodes) == 1
    minutes = reading_time.count(path).minutes
    assert nodes[0].astext() == str(round(minutes)), (nodes[0].astext(), minutes)
    assert 0 < minutes < 120
    assert env.dependencies == [str(path)], "the page must be rebuilt when the chapter changes"


def test_the_extension_computes_reading_times_on_its_own():
    """In a build, tools/reading_time.py has not been imported by anyone else: the extension
    loads it itself (a fresh interpreter, as Sphinx's)."""
    import subprocess

    chapter = CHAPTERS[0]
    script = (
        f"import sys; sys.path.insert(0, {str(ROOT / '_ext')!r}); import qbp_site;"
        f" assert 'reading_time' not in sys.modules;"
        f" print(qbp_site.reading_minutes({str(chapter)!r}))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(round(reading_time.count(chapter).minutes))


def test_the_reading_time_role_reports_an_unknown_chapter():
    nodes, messages = qbp_site.reading_time_role(
        "reading-time", "{reading-time}`99_nowhere`", "99_nowhere", 1, _Inliner(_Env())
    )
    assert len(messages) == 1 and "99_nowhere" in messages[0].message


def test_every_page_footer_names_the_release():
    """add_downloads writes the footer of every page: the package's version, the changelog and
    the citation file."""
    app = SimpleNamespace(
        config=SimpleNamespace(
            qbp_book_pdf="book.pdf", qbp_notebooks_zip="notebooks.zip", qbp_version="9.8.7"
        )
    )
    context = {
        "pathto": lambda name, resource=0: f"../{name}",
        "header_buttons": [{"label": "download-buttons", "buttons": []}],
        "theme_repository_url": qbp_lessons.REPOSITORY_URL,
        "theme_repository_branch": "main",
    }
    qbp_site.add_downloads(app, "book/04_spsa", "page.html", context, None)
    footer = context["theme_extra_footer"]
    assert "<code>qbp_lessons</code> 9.8.7" in footer
    assert f"{qbp_lessons.REPOSITORY_URL}/blob/main/CHANGELOG.md" in footer
    assert f"{qbp_lessons.REPOSITORY_URL}/blob/main/CITATION.cff" in footer
    # the version the site is built with is the package's
    assert qbp_site.package_version() == qbp_lessons.__version__


def test_chapter_zero_numbers_its_exercises_and_figures_as_its_checkers_do():
    """Chapter 0's part is unnumbered: without the hook its exercise 0.1 would read "Exercise 1",
    the number of chapter 1's first exercise. The hook leaves other chapters alone and is
    idempotent."""
    env = SimpleNamespace(
        toc_fignumbers={
            "book/00_quantum_basics": {
                "exercise": {"ch0-ex-a": (1,), "ch0-ex-b": (2,)},
                "figure": {"f": (1,)},
            },
            "book/01_classical_backprop": {"exercise": {"ch1-ex-a": (1, 1)}},
        }
    )
    for _ in range(2):
        assert qbp_site.number_chapter_zero(None, env) == []
    zero = env.toc_fignumbers["book/00_quantum_basics"]
    assert zero["exercise"] == {"ch0-ex-a": (0, 1), "ch0-ex-b": (0, 2)}
    assert zero["figure"] == {"f": (0, 1)}
    assert env.toc_fignumbers["book/01_classical_backprop"]["exercise"] == {"ch1-ex-a": (1, 1)}
