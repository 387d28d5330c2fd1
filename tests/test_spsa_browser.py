"""Chapter 4's explorer on the built website, in headless Chromium: it responds with no kernel.

Uses the site, server and browser of :mod:`test_browser` (``make build`` first). The
page is found from the table of contents, so the test follows the chapter if it moves.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from test_browser import DOCS, SHOTS, _source, browser, opened, site_url  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

SPSA_PAGES = [f"{doc}.html" for doc in DOCS if "spsa_explorer(" in _source(doc).read_text()]


def _visible(page, selector: str, attribute: str | None = None) -> str:
    read = f"e.getAttribute('{attribute}')" if attribute else "e.innerText"
    return page.evaluate(f"""() => Array.from(document.querySelectorAll('.qbp-explorer {selector}'))
        .filter(e => e.closest('.widget-html').offsetParent !== null).map(e => {read}).join(' | ')""")


def test_the_chapter_has_an_spsa_explorer():
    assert SPSA_PAGES, "no page of the book calls spsa_explorer("


@pytest.mark.parametrize("path", SPSA_PAGES)
def test_spsa_explorer_responds_without_a_kernel(opened, path):
    """Move K, then M, then eps with the keyboard on the static page: the rings and the reading follow."""
    page, _, errors = opened(path)
    explorer = page.locator(".qbp-explorer").first
    explorer.wait_for(state="visible", timeout=15000)
    handles = explorer.locator(".noUi-handle")
    assert handles.count() == 3, "the explorer should draw three sliders (eps, M and K)"
    labels = [handles.nth(i).get_attribute("aria-label") for i in range(3)]
    assert labels == ["relative precision \u03b5", "parameters M", "directions K"]
    explorer.scroll_into_view_if_needed()
    stem = Path(path).stem

    def state():
        return _visible(page, ".qbp-reading"), _visible(page, "svg circle", "cy"), _visible(page, "svg polyline",
                                                                                            "points")

    reading, rings, line = state()
    assert re.search(r"M = 64, K = 16 directions: SPSA runs 32 circuits", reading), reading
    explorer.screenshot(path=str(SHOTS / f"{stem}-spsa-explorer-before.png"))
    for index, what in ((2, "K"), (1, "M"), (0, "eps")):
        handles.nth(index).focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(300)
        after = state()
        assert after[0] != reading, f"the reading did not change when {what} moved"
        if what == "eps":
            assert after[2] != line, "SPSA's line did not move when eps moved"
        else:
            assert after[1] != rings, f"the rings did not move when {what} moved"
        reading, rings, line = after
    explorer.screenshot(path=str(SHOTS / f"{stem}-spsa-explorer-after.png"))
    assert "K = 64 directions" in reading and "M = 256" in reading and "\u03b5 = 0.25" in reading
    assert not errors, errors
