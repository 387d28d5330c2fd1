"""The GitHub Actions workflows: linted with zizmor, and doing what the README says.

GitHub Actions cannot run here, so the workflows are checked statically: zizmor
(pinned in requirements-dev.txt, run offline) must report nothing, the test
workflow must run the README's test command, the Pages workflow must build
with the notebooks' cache keyed on the package and the pins, and deploy with the
Pages actions and only the permissions they need, and the release workflow must
check the tag, test the wheel it builds in the Colab-shaped environments, and
publish that wheel with trusted publishing from one job that alone may ask for an
identity token. The release check also refuses a CITATION.cff that Zenodo, which archives
each GitHub release, could not read.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import qbp_lessons

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
sys.path.insert(0, str(ROOT / "tools"))
import release_check  # noqa: E402


def _load(name: str) -> dict:
    # YAML 1.1 reads the key `on` as True; take it back
    data = yaml.safe_load((WORKFLOWS / name).read_text())
    if True in data:
        data["on"] = data.pop(True)
    return data


def _steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def _uses(workflow: dict) -> list[str]:
    return [
        step["uses"] for job in workflow["jobs"].values() for step in _steps(job) if "uses" in step
    ]


def test_zizmor_finds_nothing():
    zizmor = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or shutil.which("zizmor")
    if zizmor is None:
        pytest.fail("zizmor is not installed (make setup installs requirements-dev.txt)")
    result = subprocess.run(
        [zizmor, "--offline", "--no-progress", str(WORKFLOWS)], capture_output=True, text=True
    )
    assert result.returncode == 0, f"zizmor found problems:\n{result.stdout}\n{result.stderr}"
    assert "No findings" in result.stdout + result.stderr


def test_every_action_is_pinned_to_a_commit():
    for name in ("test.yml", "pages.yml", "release.yml"):
        for uses in _uses(_load(name)):
            ref = uses.split("@", 1)[1]
            assert len(ref) == 40 and all(c in "0123456789abcdef" for c in ref), f"{name}: {uses}"


def test_the_test_workflow_runs_the_readme_command():
    workflow = _load("test.yml")
    assert set(workflow["on"]) == {"push", "pull_request"}
    runs = [step.get("run", "") for job in workflow["jobs"].values() for step in _steps(job)]
    assert "make test" in runs
    assert "make test" in (ROOT / "README.md").read_text()
    assert workflow["permissions"] == {"contents": "read"}


def test_the_pages_workflow_builds_and_deploys():
    workflow = _load("pages.yml")
    uses = [u.split("@")[0] for u in _uses(workflow)]
    for action in (
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
        "actions/cache",
    ):
        assert action in uses, f"pages.yml does not use {action}"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["permissions"] == {"contents": "read"}, (
        "the build job needs no write permission"
    )
    build_steps = _steps(workflow["jobs"]["build"])
    cache = next(step for step in build_steps if step.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == "_build/.jupyter_cache"
    key = cache["with"]["key"]
    assert "qbp_lessons/**" in key and "constraints.txt" in key, (
        "a change to the package must re-execute"
    )
    assert "restore-keys" not in cache["with"], "a stale cache must never stand in for a new key"
    assert any(step.get("run") == "make build EXECUTE=cache" for step in build_steps)
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    upload = next(
        step
        for step in build_steps
        if step.get("uses", "").startswith("actions/upload-pages-artifact@")
    )
    assert upload["with"]["path"] == "_build/html"
    assert config["execute"]["execute_notebooks"] == "force", (
        "make build executes every chapter by default"
    )


def test_the_workflows_check_out_the_history_the_install_cells_name():
    """The install cells name an earlier commit; a shallow clone cannot show it to the tests."""
    for name, job in (("test.yml", "test"), ("release.yml", "colab")):
        checkout = next(
            s for s in _steps(_load(name)["jobs"][job]) if s.get("uses", "").startswith("actions/")
        )
        assert checkout["with"]["fetch-depth"] == 0, f"{name} {job}: a shallow checkout"


def _runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in _steps(job))


def test_the_release_workflow_checks_tests_and_publishes_with_trusted_publishing():
    workflow = _load("release.yml")
    assert workflow["on"] == {"push": {"tags": ["v*"]}}
    assert workflow["permissions"] == {}, "each job asks for what it needs"
    jobs = workflow["jobs"]
    assert set(jobs) == {"build", "colab", "publish", "github-release"}
    assert 'release_check.py "$GITHUB_REF_NAME"' in _runs(jobs["build"])
    assert "uv build --out-dir dist" in _runs(jobs["build"])
    colab = _runs(jobs["colab"])
    assert "QBP_COLAB_WHEEL=" in colab and "tests/env/test_colab_env.py" in colab
    assert "-m colab" not in colab and "-m " not in colab.replace("-m pytest", ""), (
        "the colab-marked tests must run, not be filtered out"
    )
    publish = jobs["publish"]
    assert set(publish["needs"]) == {"build", "colab"}, "nothing is published before the tests"
    assert publish["environment"]["name"] == "pypi"
    assert publish["permissions"] == {"id-token": "write"}
    uses = [s.get("uses", "").split("@")[0] for s in _steps(publish)]
    assert "pypa/gh-action-pypi-publish" in uses
    assert not any("password" in s.get("with", {}) for s in _steps(publish)), "no API token"
    others = {name: job.get("permissions", {}) for name, job in jobs.items() if name != "publish"}
    assert all("id-token" not in p for p in others.values()), f"id-token elsewhere: {others}"
    assert jobs["github-release"]["needs"] == "publish"
    assert jobs["github-release"]["permissions"] == {"contents": "write"}
    assert "gh release create" in _runs(jobs["github-release"])


def _release_copy(tmp_path: Path, version: str, changelog: str) -> Path:
    """A copy of what the release check reads: the package's __init__, a changelog, and the
    real CITATION.cff, to be edited by the test."""
    (tmp_path / "qbp_lessons").mkdir(exist_ok=True)
    init = (ROOT / "qbp_lessons" / "__init__.py").read_text()
    (tmp_path / "qbp_lessons" / "__init__.py").write_text(
        init.replace(f'__version__ = "{qbp_lessons.__version__}"', f'__version__ = "{version}"')
    )
    (tmp_path / "CHANGELOG.md").write_text(changelog)
    (tmp_path / "CITATION.cff").write_text((ROOT / "CITATION.cff").read_text())
    return tmp_path


def _edit_citation(root: Path, old: str, new: str) -> None:
    path = root / "CITATION.cff"
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def test_the_release_check_accepts_only_the_packages_tag(tmp_path):
    version = qbp_lessons.__version__
    assert release_check.problems(f"v{version}") == []
    assert release_check.changelog_section(version), "CHANGELOG.md has no section for it"
    wrong = release_check.problems("v9.9.9")
    assert len(wrong) == 1 and "__version__" in wrong[0]
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    cited, dated = str(citation["version"]), str(citation["date-released"])
    # a copy whose changelog and citation name another version
    root = _release_copy(tmp_path, version, "# Changelog\n\n## 0.0.9 (2026-01-01)\n\n- old\n")
    _edit_citation(root, f'version: "{cited}"', 'version: "0.0.9"')
    found = release_check.problems(f"v{version}", root=root)
    assert len(found) == 2 and "CHANGELOG.md" in found[0] and "CITATION.cff" in found[1], found
    # the right version everywhere, but the citation dates another day
    (root / "CHANGELOG.md").write_text(f"## {version} (2026-01-02)\n\n- new\n")
    _edit_citation(root, 'version: "0.0.9"', f'version: "{version}"')
    _edit_citation(root, f'date-released: "{dated}"', 'date-released: "2026-01-01"')
    found = release_check.problems(f"v{version}", root=root)
    assert len(found) == 1 and "date-released" in found[0], found
    # and with the changelog's date it goes ahead
    _edit_citation(root, 'date-released: "2026-01-01"', 'date-released: "2026-01-02"')
    assert release_check.problems(f"v{version}", root=root) == []


@pytest.mark.parametrize(
    ("old", "new", "complaint"),
    [
        ("cff-version: 1.2.0", "cff-version: 1.1.0", "cff-version"),
        ("type: software", "type: dataset", "type: software"),
        ("license: MIT", "", "license"),
        ('  - name: "The course authors"\n', "", "author"),
        ("repository-code: ", "repository-code: https://example.org/x #", "repository-code"),
    ],
)
def test_the_release_check_needs_a_citation_zenodo_can_read(tmp_path, old, new, complaint):
    """A GitHub release is archived by Zenodo from CITATION.cff: the fields its import needs
    are there, and no .zenodo.json overrides the file."""
    version = qbp_lessons.__version__
    dated = str(yaml.safe_load((ROOT / "CITATION.cff").read_text())["date-released"])
    root = _release_copy(tmp_path, version, f"## {version} ({dated})\n\n- this release\n")
    assert release_check.problems(f"v{version}", root=root) == []
    _edit_citation(root, old, new)
    found = release_check.problems(f"v{version}", root=root)
    assert len(found) == 1 and complaint in found[0], found


def test_the_release_check_refuses_a_zenodo_json(tmp_path):
    version = qbp_lessons.__version__
    dated = str(yaml.safe_load((ROOT / "CITATION.cff").read_text())["date-released"])
    root = _release_copy(tmp_path, version, f"## {version} ({dated})\n\n- this release\n")
    (root / ".zenodo.json").write_text("{}")
    found = release_check.problems(f"v{version}", root=root)
    assert len(found) == 1 and ".zenodo.json" in found[0], found
    assert not (ROOT / ".zenodo.json").exists()
