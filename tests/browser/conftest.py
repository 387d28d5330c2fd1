"""Fixtures shared by the browser tests: one local server and one Chromium per test process.

Playwright's sync API allows one running instance per thread: a second ``sync_playwright()``
opened while the first is still open fails ("using Playwright Sync API inside the asyncio
loop"). ``make test`` runs with ``--dist loadscope``, so several browser modules can share a
worker; each module opening its own Chromium then failed whenever two landed on one worker.
The server and the browser are therefore session-scoped and shared by every module.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# QBP_SITE points the tests at another build (jupyter-book build --path-output DIR: DIR/_build/html)
SITE = Path(os.environ.get("QBP_SITE", ROOT / "_build" / "html")).resolve()
sys.path.insert(0, str(ROOT / "tools"))
import site_browser  # noqa: E402


@pytest.fixture(scope="session")
def site_url():
    """The built website, served from a free local port."""
    if not (SITE / "index.html").exists():
        pytest.fail(f"{SITE} has no index.html: build the website first (make build)")
    with site_browser.serve(SITE) as url:
        yield url


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """Headless Debian Chromium with a fresh profile, one per test process."""
    pytest.importorskip("playwright.sync_api")
    if not Path(site_browser.CHROMIUM).exists():
        pytest.fail("Debian's chromium is needed for the browser tests (apt-get install chromium)")
    with site_browser.chromium(tmp_path_factory.mktemp("chromium-profile")) as context:
        yield context
