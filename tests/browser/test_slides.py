"""Every chapter's slide deck (tools/build_slides.py) in headless Chromium, offline.

Needs the built website with its decks (``make build``; ``QBP_SITE`` points at another
build). Each deck is opened from a local server with every request that leaves the server
blocked and recorded: none may be attempted, MathJax (the site's own copy) must have typeset
every formula without an error and left no TeX source, every image must have loaded, the
right arrow key must move to the next slide, and axe-core must find no WCAG 2 A/AA
violation. A screenshot of each deck's first equation slide and first figure slide is
kept in ``_build/screenshots/``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SITE = Path(os.environ.get("QBP_SITE", ROOT / "_build" / "html")).resolve()
SHOTS = SITE.parent / "screenshots"
sys.path.insert(0, str(ROOT / "tools"))
import build_slides  # noqa: E402

DECKS = [doc.split("/")[-1] for doc in build_slides.chapter_documents()]
AXE = ROOT / ".assets-test" / "axe.min.js"  # tools/fetch_assets.py, pinned and checked
AXE_RUN_JS = """async () => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}});
  return result.violations.map(v => ({id: v.id, count: v.nodes.length,
    nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ' | ' + (n.failureSummary ||
    '').slice(0, 160))}));
}"""


def _axe_violations(page) -> list[dict]:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run make assets")
    page.add_script_tag(content=AXE.read_text())
    return page.evaluate(AXE_RUN_JS)


@pytest.fixture(scope="module", autouse=True)
def decks_built():
    """The shared ``site_url`` and ``browser`` fixtures are in conftest.py; the decks must exist."""
    if not (SITE / build_slides.SLIDES / "index.html").exists():
        pytest.fail(f"{SITE} has no slides/index.html: build the website first (make build)")


def _open(browser, site_url: str, path: str, wait_until: str = "networkidle"):
    """The page, with every request off the local server blocked: (page, blocked, errors)."""
    page = browser.new_page()
    blocked, errors = [], []
    local = urlparse(site_url).netloc

    def route(route):
        url = urlparse(route.request.url)
        if url.scheme in {"data", "blob"} or url.netloc == local:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.on("requestfailed", lambda request: errors.append(f"failed: {request.url}"))
    page.on(
        "response", lambda r: errors.append(f"{r.status}: {r.url}") if r.status >= 400 else None
    )
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{site_url}/{path}", wait_until=wait_until)
    return page, blocked, errors


def _wait_for_deck(page):
    page.wait_for_function(
        """() => window.Reveal && Reveal.isReady() && window.MathJax && MathJax.startup
                 && MathJax.startup.promise""",
        timeout=30000,
    )
    page.evaluate("() => MathJax.startup.promise")


@pytest.mark.parametrize("stem", DECKS)
def test_deck_loads_offline_typeset_and_navigable(browser, site_url, stem):
    page, blocked, errors = _open(browser, site_url, f"{build_slides.SLIDES}/{stem}.html")
    try:
        assert blocked == [], f"{stem}: requests outside the site were attempted: {blocked}"
        _wait_for_deck(page)
        state = page.evaluate(
            """() => {
                const slides = document.querySelector('.reveal .slides');
                const text = slides.textContent;
                return {
                    raw: ['$$', '\\\\(', '\\\\[', '\\\\begin{', '{glue']
                        .filter(s => text.includes(s)),
                    equations: slides.querySelectorAll('.eq').length,
                    typeset: slides.querySelectorAll('.eq mjx-container').length,
                    math: slides.querySelectorAll('mjx-container').length,
                    // a TeX error, or an undefined macro (MathJax shows its name in red)
                    errors: slides.querySelectorAll(
                        'mjx-merror, [data-mjx-error], mtext[mathcolor="red"]').length,
                    images: Array.from(slides.querySelectorAll('img')).map(
                        i => [i.getAttribute('src'), i.complete && i.naturalWidth > 0]),
                    horizontal: Reveal.getHorizontalSlides().length,
                    title: slides.querySelector('section h1').textContent,
                };
            }"""
        )
        assert errors == [], f"{stem}: {errors}"
        assert state["raw"] == [], f"{stem}: untypeset source left on the slides: {state['raw']}"
        assert state["equations"] > 0 and state["typeset"] >= state["equations"], state
        assert state["errors"] == 0, f"{stem}: {state['errors']} MathJax errors"
        assert state["images"] and all(ok for _, ok in state["images"]), state["images"]
        assert state["horizontal"] >= 3 and state["title"].strip()
        violations = _axe_violations(page)
        assert violations == [], f"{stem}: axe-core WCAG 2 A/AA violations: {violations}"

        page.locator(".reveal").click()
        before = page.evaluate("() => Reveal.getIndices()")
        page.keyboard.press("ArrowRight")
        page.wait_for_function(f"() => Reveal.getIndices().h !== {before['h']}", timeout=5000)
        after = page.evaluate("() => Reveal.getIndices()")
        assert after["h"] == before["h"] + 1, (before, after)

        SHOTS.mkdir(parents=True, exist_ok=True)
        page.evaluate("() => Reveal.configure({transition: 'none'})")
        for kind in ("equations", "figures"):
            page.evaluate(
                f"""() => {{ const s = document.querySelector('.reveal section.{kind}');
                             const i = Reveal.getIndices(s); Reveal.slide(i.h, i.v); }}"""
            )
            page.wait_for_timeout(300)
            page.screenshot(path=str(SHOTS / f"slides-{stem}-{kind}.png"))
    finally:
        page.close()


def test_the_index_links_every_deck_offline(browser, site_url):
    page, blocked, errors = _open(browser, site_url, f"{build_slides.SLIDES}/index.html")
    try:
        links = page.evaluate(
            "() => Array.from(document.querySelectorAll('li a')).map(a => a.getAttribute('href'))"
        )
        assert links == [f"{stem}.html" for stem in DECKS]
        assert blocked == [] and errors == [], (blocked, errors)
        page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
        page.evaluate("() => MathJax.startup.promise")
        assert "\\(" not in page.evaluate("() => document.body.textContent")
        assert _axe_violations(page) == []
    finally:
        page.close()


def test_every_chapter_page_links_its_deck(browser, site_url):
    """The download menu and the footer of each chapter page point at its deck, which exists."""
    for stem in DECKS:
        page, _, _ = _open(browser, site_url, f"book/{stem}.html", "domcontentloaded")
        try:
            links = page.evaluate("""() => Array.from(document.querySelectorAll(
                '.dropdown-download-buttons a, .qbp-footer a')).map(a => a.href)""")
        finally:
            page.close()
        deck = f"{site_url}/{build_slides.SLIDES}/{stem}.html"
        assert links.count(deck) == 2, f"book/{stem}.html: menu and footer should link {deck}"
        assert (SITE / build_slides.SLIDES / f"{stem}.html").is_file()
