"""Quick self-checks that answer on the static page, with jupyterquiz.

Each chapter's questions are a JSON file in jupyterquiz's format, shipped with the
package (``qbp_lessons/show/selfchecks/<chapter>.json``), so that a chapter opened in
Colab or Binder shows the same questions as the website. jupyterquiz writes the
questions and its JavaScript into the cell's output: on the website they answer
without a kernel.

Two things are fixed here so that a re-executed chapter changes no byte: jupyterquiz
draws its container's id from Python's ``random`` (seeded here from the chapter's name,
and the reader's own ``random`` stream is restored afterwards), and it would shuffle the
answers in the browser on every load (here they are shuffled once, by a seeded
generator, and shown in that order).
"""

from __future__ import annotations

import json
import random
from functools import cache
from importlib.resources import files

QUESTION_TYPES = ("multiple_choice", "many_choice", "numeric")
# The course's palette on the quiz (Okabe-Ito blue and vermillion, white text: AA contrast).
COLORS = {
    "--jq-multiple-choice-bg": "#0b4f7c",
    "--jq-many-choice-bg": "#0b4f7c",
    "--jq-numeric-bg": "#0b4f7c",
    "--jq-mc-button-bg": "#fafafa",
    "--jq-numeric-input-bg": "#ffffff",
    "--jq-numeric-input-label": "#101010",
    "--jq-correct-color": "#006400",
    "--jq-incorrect-color": "#a3200b",
    "--jq-text-color": "#ffffff",
    "--jq-link-color": "#cce6ff",
}


def chapters() -> tuple[str, ...]:
    """The chapters that have self-checks (their notebooks' stems)."""
    folder = files("qbp_lessons.show").joinpath("selfchecks")
    names = (p.name for p in folder.iterdir())
    return tuple(sorted(name[: -len(".json")] for name in names if name.endswith(".json")))


@cache
def _load(chapter: str) -> str:
    return files("qbp_lessons.show").joinpath("selfchecks", f"{chapter}.json").read_text("utf-8")


def questions(chapter: str) -> list[dict]:
    """The chapter's questions, checked, with multiple-choice answers in their shown order."""
    if not isinstance(chapter, str):
        raise TypeError(f"chapter must be a chapter's name as a str, got {type(chapter).__name__}")
    if chapter not in chapters():
        raise ValueError(f"chapter must be one of {', '.join(chapters())}, got {chapter!r}")
    items = json.loads(_load(chapter))
    rng = random.Random(f"qbp-selfcheck-answers-{chapter}")
    for number, item in enumerate(items, 1):
        _check_question(item, f"{chapter} question {number}")
        if item["type"] != "numeric":
            rng.shuffle(item["answers"])
    return items


def _check_question(item: dict, where: str) -> None:
    """A question jupyterquiz can show and a reader can answer right."""
    text = item.get("question") if isinstance(item, dict) else None
    if not isinstance(text, str) or not text:
        raise ValueError(f"{where}: a question needs a non-empty 'question' text")
    if item.get("type") not in QUESTION_TYPES:
        kind = item.get("type")
        raise ValueError(f"{where}: 'type' must be one of {QUESTION_TYPES}, got {kind!r}")
    answers = item.get("answers")
    if not isinstance(answers, list) or not answers:
        raise ValueError(f"{where}: 'answers' must be a non-empty list")
    correct = [a for a in answers if a.get("correct") is True]
    if item["type"] == "multiple_choice" and len(correct) != 1:
        raise ValueError(f"{where}: a multiple-choice question needs exactly one correct answer")
    if item["type"] == "many_choice" and not correct:
        raise ValueError(f"{where}: a many-choice question needs a correct answer")
    if item["type"] == "numeric":
        if not any("value" in a or "range" in a for a in correct):
            raise ValueError(f"{where}: a numeric question needs a correct value or range")
    else:
        for a in answers:
            if not isinstance(a.get("answer"), str) or not a["answer"]:
                raise ValueError(f"{where}: every choice needs an 'answer' text")
            if not isinstance(a.get("feedback"), str) or not a["feedback"]:
                raise ValueError(f"{where}: every choice needs 'feedback' that says why")


def self_check(chapter: str) -> None:
    """Show the chapter's self-checks (they answer on the static page too)."""
    items = questions(chapter)
    from jupyterquiz import display_quiz

    state = random.getstate()
    random.seed(f"qbp-selfcheck-{chapter}")
    try:
        display_quiz(items, shuffle_answers=False, colors=COLORS, max_width=720)
    finally:
        random.setstate(state)
