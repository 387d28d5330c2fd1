"""Chapter 5's weak-measurement explorer on the static website, in headless Chromium, with no kernel.

Uses the site, browser and page fixtures of test_browser.py (the same build,
``QBP_SITE`` to point elsewhere). Moving either slider with the keyboard must
change the visible reading and the visible overlay of the plot.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from test_browser import SHOTS, _visible_reading, browser, opened, site_url  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

PAGE = "book/05_no_cloning_and_collapse.html"


def _visible_overlay(page) -> str:
    return page.evaluate("""() => Array.from(document.querySelectorAll('.qbp-explorer svg'))
        .filter(e => e.closest('.widget-html').offsetParent !== null).map(e => e.innerHTML).join('')""")


def test_weak_explorer_responds_without_a_kernel(opened):  # noqa: F811
    page, _, errors = opened(PAGE)
    assert errors == []
    explorer = page.locator(".qbp-explorer").first
    explorer.wait_for(state="visible", timeout=15000)
    handles = explorer.locator(".noUi-handle")
    assert handles.count() == 2, "the explorer should draw two sliders (state and strength)"
    assert handles.nth(0).get_attribute("aria-label") == "state: Bloch angle"
    assert handles.nth(1).get_attribute("aria-label") == "measurement strength s"
    explorer.scroll_into_view_if_needed()
    before_reading, before_overlay = _visible_reading(page), _visible_overlay(page)
    assert re.search(r"Strength s = 0\.30: outcome \+1", before_reading), before_reading
    explorer.screenshot(path=str(SHOTS / f"{Path(PAGE).stem}-explorer-before.png"))

    handles.nth(1).focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    after_reading, after_overlay = _visible_reading(page), _visible_overlay(page)
    explorer.screenshot(path=str(SHOTS / f"{Path(PAGE).stem}-explorer-after.png"))
    assert re.search(r"Strength s = 0\.40:", after_reading), after_reading
    assert after_overlay != before_overlay, "the plot's overlay did not change when the strength moved"

    handles.nth(0).focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    moved = _visible_reading(page)
    assert moved != after_reading and "Strength s = 0.40" in moved, "the reading did not follow the state slider"
