"""The bibliography stays well formed when many branches add to it.

``book/references.bib`` parses with pybtex (the parser sphinxcontrib-bibtex uses),
so a brace a merge dropped fails here rather than in the build; every key is unique;
entries are sorted by key, so two branches adding sources add them in different places
of the file; each entry has an author, a title and a year; and every key the book
cites with a ``{cite}`` role exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pybtex = pytest.importorskip("pybtex.database")

ROOT = Path(__file__).resolve().parents[2]
BIB = ROOT / "book" / "references.bib"
#: The key of each entry, as written: ``@article{key,``
ENTRY = re.compile(r"^@(\w+)\s*\{\s*([^,\s]+)\s*,", flags=re.M)
#: ``{cite}`key1,key2``` and its variants ``{cite:p}``, ``{cite:t}``, ...
CITE = re.compile(r"\{cite(?::\w+)?\}`([^`]+)`")


def _keys() -> list[str]:
    return [key for _, key in ENTRY.findall(BIB.read_text())]


def _sources() -> list[Path]:
    book = ROOT / "book"
    return sorted(
        p for p in list(book.rglob("*.ipynb")) + list(book.rglob("*.md")) if "_build" not in p.parts
    )


def test_the_bibliography_parses_strictly():
    data = pybtex.parse_string(BIB.read_text(), "bibtex")
    # every "@" that opens an entry became an entry: nothing swallowed by a missing brace
    assert len(data.entries) == len(_keys()) == BIB.read_text().count("\n@") + 1


def test_every_key_is_unique():
    keys = [key.lower() for key in _keys()]  # BibTeX keys are case-insensitive
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    assert duplicates == []


def test_entries_are_sorted_by_key():
    keys = [key.lower() for key in _keys()]
    out_of_order = [(a, b) for a, b in zip(keys, keys[1:]) if a > b]
    assert out_of_order == [], "sort book/references.bib by key"


def test_every_entry_has_an_author_a_title_and_a_year():
    data = pybtex.parse_file(str(BIB))
    for key, entry in data.entries.items():
        assert "author" in entry.persons or "editor" in entry.persons, key
        assert entry.fields.get("title"), key
        assert re.fullmatch(r"\d{4}", entry.fields.get("year", "")), key


def test_every_cited_key_exists():
    keys = set(_keys())
    cited = {
        key.strip()
        for path in _sources()
        for group in CITE.findall(path.read_text())
        for key in group.split(",")
    }
    assert cited, "no citations found"
    assert sorted(cited - keys) == [], "cited but not in references.bib"
