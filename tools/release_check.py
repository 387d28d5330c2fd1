"""Check that a release tag, the package's version, the changelog and the citation agree.

The release workflow (``.github/workflows/release.yml``) runs this on the tag it was
started by, before it builds anything: the tag must be ``v<__version__>``, CHANGELOG.md
must have a section ``## <version> (<date>)`` and CITATION.cff must carry the version
and that date as ``date-released``.

CITATION.cff is also what Zenodo reads when a GitHub release is published (its GitHub
integration archives the release and gives it a DOI), so the release also fails unless the
file has the fields Zenodo's import needs: ``cff-version: 1.2.0``, ``type: software``, a
title, at least one author with a name, a licence, and ``repository-code`` naming the
repository of ``qbp_lessons.REPOSITORY_URL``. A ``.zenodo.json`` would silently take
precedence over CITATION.cff on Zenodo, so the release fails if one appears.
With ``--notes`` it prints that changelog section instead (the GitHub release's text).
Standard library only: it runs before any environment is set up.

Usage: python tools/release_check.py [--notes] TAG
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def package_version(root: Path = ROOT) -> str:
    text = (root / "qbp_lessons" / "__init__.py").read_text()
    return re.search(r'^__version__ = "([^"]+)"$', text, flags=re.M).group(1)


def _changelog_match(version: str, root: Path):
    return re.search(
        rf"^## {re.escape(version)} \((\d{{4}}-\d{{2}}-\d{{2}})\)\n(.*?)(?=^## |\Z)",
        (root / "CHANGELOG.md").read_text(),
        flags=re.M | re.S,
    )


def changelog_section(version: str, root: Path = ROOT) -> str | None:
    """The text of CHANGELOG.md's section for ``version``, or None if it has none."""
    found = _changelog_match(version, root)
    return found.group(2).strip() if found else None


def _citation(key: str, root: Path) -> str | None:
    text = (root / "CITATION.cff").read_text()
    found = re.search(rf'^{key}:\s*"?([^"\s]+)"?\s*$', text, flags=re.M)
    return found.group(1) if found else None


def citation_version(root: Path = ROOT) -> str | None:
    return _citation("version", root)


def _repository_url(root: Path) -> str | None:
    text = (root / "qbp_lessons" / "__init__.py").read_text()
    found = re.search(r'^REPOSITORY_URL = "([^"]+)"$', text, flags=re.M)
    return found.group(1) if found else None


def citation_problems(root: Path = ROOT) -> list[str]:
    """What keeps CITATION.cff from being a citation Zenodo can archive; empty when none."""
    text = (root / "CITATION.cff").read_text()
    found = []
    expected = {"cff-version": "1.2.0", "type": "software"}
    for key, value in expected.items():
        if _citation(key, root) != value:
            found.append(f"CITATION.cff needs '{key}: {value}', not {_citation(key, root)!r}")
    for key in ("title", "license", "date-released"):
        if not re.search(rf"^{key}:\s*\S", text, flags=re.M):
            found.append(f"CITATION.cff has no {key}")
    date = _citation("date-released", root)
    if date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        found.append(f"CITATION.cff's date-released {date!r} is not YYYY-MM-DD")
    # the indented block under the top-level key (block or flow style entries)
    authors = re.search(r"^authors:\s*\n((?:[ \t]+.*\n?)+)", text, flags=re.M)
    named = authors and re.search(r"(?:^|[\s{,])(?:name|family-names):\s*[^\s,}]", authors.group(1))
    if not named:
        found.append("CITATION.cff names no author (an author needs 'name' or 'family-names')")
    url = _repository_url(root)
    if _citation("repository-code", root) != url:
        found.append(
            f"CITATION.cff's repository-code {_citation('repository-code', root)!r} is not"
            f" the package's REPOSITORY_URL {url!r}"
        )
    if (root / ".zenodo.json").exists():
        found.append(".zenodo.json exists: Zenodo would read it instead of CITATION.cff")
    return found


def problems(tag: str, root: Path = ROOT) -> list[str]:
    """What disagrees with the tag; empty when the release can go ahead."""
    version = package_version(root)
    found = []
    if tag != f"v{version}":
        found.append(f"the tag {tag!r} is not v{version}, the package's __version__")
    section = _changelog_match(version, root)
    if section is None:
        found.append(f"CHANGELOG.md has no section '## {version} (YYYY-MM-DD)'")
    if citation_version(root) != version:
        found.append(f"CITATION.cff says version {citation_version(root)!r}, not {version!r}")
    elif section and _citation("date-released", root) != section.group(1):
        found.append(
            f"CITATION.cff's date-released {_citation('date-released', root)!r} is not the"
            f" changelog's {section.group(1)!r}"
        )
    return found + citation_problems(root)


def main(argv: list[str]) -> int:
    notes = argv[:1] == ["--notes"]
    args = argv[1:] if notes else argv
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    found = problems(args[0])
    for problem in found:
        print(f"release {args[0]}: {problem}", file=sys.stderr)
    if found:
        return 1
    version = package_version()
    if notes:
        print(changelog_section(version))
    else:
        print(f"release {args[0]}: qbp-lessons {version}, named by CHANGELOG.md and CITATION.cff")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
