"""The chapters' self-checks: questions a reader can answer right, drawn the same each run."""

from __future__ import annotations

import random

import pytest

from qbp_lessons.show import selfcheck

CHAPTERS = selfcheck.chapters()


def test_every_chapter_has_self_checks():
    from pathlib import Path

    book = Path(__file__).resolve().parents[3] / "book"
    stems = sorted(p.stem for p in book.glob("0*.ipynb"))
    assert list(CHAPTERS) == stems
    for stem in stems:
        text = (book / f"{stem}.ipynb").read_text()
        assert f'self_check(\\"{stem}\\")' in text, f"{stem} does not show its self-checks"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_questions_are_answerable(chapter):
    items = selfcheck.questions(chapter)
    assert 3 <= len(items) <= 6
    for item in items:
        assert item["type"] in selfcheck.QUESTION_TYPES


def _captured(monkeypatch, chapter):
    import jupyterquiz.dynamic.display as shown

    outputs = []
    monkeypatch.setattr(shown, "display", lambda obj: outputs.append(obj.data))
    selfcheck.self_check(chapter)
    return outputs


@pytest.mark.parametrize("chapter", CHAPTERS[:1])
def test_drawn_the_same_each_run_and_the_readers_random_untouched(monkeypatch, chapter):
    random.seed(5)
    expected_next = random.random()
    random.seed(5)
    first = _captured(monkeypatch, chapter)
    assert random.random() == expected_next, "self_check must leave the reader's random stream"
    second = _captured(monkeypatch, chapter)
    assert first == second and len(first) == 2  # the container and its script
    other = _captured(monkeypatch, CHAPTERS[-1])
    assert other[0] != first[0], "two chapters should not share a container id"


@pytest.mark.parametrize(
    "chapter, error, words",
    [(4, TypeError, "chapter must be"), ("08_nothing", ValueError, "chapter must be one of")],
)
def test_unknown_chapters_refused(chapter, error, words):
    with pytest.raises(error, match=words):
        selfcheck.questions(chapter)


@pytest.mark.parametrize(
    "item, words",
    [
        ({"question": "", "type": "numeric", "answers": []}, "non-empty 'question'"),
        ({"question": "q", "type": "essay", "answers": []}, "'type' must be one of"),
        ({"question": "q", "type": "numeric", "answers": []}, "non-empty list"),
        (
            {"question": "q", "type": "numeric", "answers": [{"type": "default", "feedback": "f"}]},
            "correct value or range",
        ),
        (
            {
                "question": "q",
                "type": "multiple_choice",
                "answers": [
                    {"answer": "a", "correct": True, "feedback": "f"},
                    {"answer": "b", "correct": True, "feedback": "f"},
                ],
            },
            "exactly one correct",
        ),
        (
            {
                "question": "q",
                "type": "multiple_choice",
                "answers": [{"answer": "a", "correct": True}, {"answer": "b", "correct": False}],
            },
            "feedback",
        ),
    ],
)
def test_malformed_questions_refused(item, words):
    with pytest.raises(ValueError, match=words):
        selfcheck._check_question(item, "here")
