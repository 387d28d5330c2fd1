"""Chapter 6's explorer on the built website: four sliders, and each of them changes the page without a kernel.

Needs the same setting as ``test_browser.py`` (a built site and Debian's chromium);
its fixtures are reused.
"""

from __future__ import annotations

import re

import pytest
from test_browser import SHOTS, _visible_marker, _visible_reading, browser, opened, site_url  # noqa: F401

pytestmark = pytest.mark.browser

PAGE = "book/06_shadow_tomography.html"


def _visible_image(page) -> str:
    return page.evaluate("""() => Array.from(document.querySelectorAll('.qbp-explorer img'))
        .filter(e => e.offsetParent !== null).map(e => e.getAttribute('alt')).join(' | ')""")


def test_shadow_explorer_responds_without_a_kernel(opened):
    page, _, errors = opened(PAGE)
    assert errors == [], errors
    explorer = page.locator(".qbp-explorer").first
    explorer.wait_for(state="visible", timeout=15000)
    handles = explorer.locator(".noUi-handle")
    assert handles.count() == 4, "the explorer should draw four sliders (M, k, eps, delta)"
    explorer.scroll_into_view_if_needed()
    reading, marker, image = _visible_reading(page), _visible_marker(page), _visible_image(page)
    assert re.search(r"M = 1,000 weight-2 strings, ε = 0.1, δ = 0.1", reading), reading
    explorer.screenshot(path=str(SHOTS / "06_shadow_tomography-explorer-before.png"))

    # M moves the marker and the reading, not the plot
    handles.nth(0).focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    assert _visible_marker(page) != marker and _visible_reading(page) != reading
    assert _visible_image(page) == image
    # k, eps and delta each redraw the plot and the reading
    for i in (1, 2, 3):
        before_image, before_reading = _visible_image(page), _visible_reading(page)
        handles.nth(i).focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(300)
        assert _visible_image(page) != before_image, f"slider {i} did not change the plot"
        assert _visible_reading(page) != before_reading, f"slider {i} did not change the reading"
    explorer.screenshot(path=str(SHOTS / "06_shadow_tomography-explorer-after.png"))
