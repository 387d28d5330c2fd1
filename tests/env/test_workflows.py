"""The GitHub Actions workflows: linted with zizmor, and doing what the README says.

GitHub Actions cannot run here, so the workflows are checked statically: zizmor
(pinned in requirements-dev.txt, run offline) must report nothing, the test
workflow must run the README's test command, and the Pages workflow must build
with the notebooks' cache keyed on the package and the pins, and deploy with the
Pages actions and only the permissions they need.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"


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
    for name in ("test.yml", "pages.yml"):
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
