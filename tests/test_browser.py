"""The built website in headless Chromium, as a reader sees it.

Needs ``_build/html`` (``make build``) and Debian's ``chromium``; ``make test``
provides both. Every page is opened from a local server; the tests assert that
math is typeset, figures load, widgets are drawn and respond without a kernel,
launch buttons are present, and that no request leaves the site's own folder.
A full-page screenshot of every page is kept in ``_build/screenshots/``.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import re
import shutil
import threading
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
# QBP_SITE points the tests at another build (jupyter-book build --path-output DIR: DIR/_build/html)
SITE = Path(os.environ.get("QBP_SITE", ROOT / "_build" / "html")).resolve()
SHOTS = SITE.parent / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]



def _toc_files() -> list[str]:
    """Every document of the book, in order, from _toc.yml."""
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [chapter["file"] for chapter in part.get("chapters", [])]
    return files


def _source(doc: str) -> Path:
    return next(p for p in (ROOT / f"{doc}.ipynb", ROOT / f"{doc}.md") if p.exists())


# The pages and what each must show, derived from the sources so a new chapter is checked too.
DOCS = _toc_files()
PAGES = [f"{doc}.html" for doc in DOCS]
NOTEBOOK_PAGES = [f"{doc}.html" for doc in DOCS if _source(doc).suffix == ".ipynb"]
MATH_PAGES = [f"{doc}.html" for doc in DOCS if "$" in _source(doc).read_text()]
EXPLORER_PAGES = [f"{doc}.html" for doc in DOCS if "cost_explorer(" in _source(doc).read_text()]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass


@pytest.fixture(scope="session")
def site_url():
    if not (SITE / "index.html").exists():
        pytest.fail(f"{SITE} has no index.html: build the website first (make build)")
    handler = functools.partial(_QuietHandler, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is needed for the browser tests (apt-get install chromium)")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900})
        yield context
        context.close()


@pytest.fixture(scope="session")
def opened(browser, site_url):
    """Open each page once: the page object and every URL it requested."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    cache = {}

    def open_page(path: str):
        if path not in cache:
            page = browser.new_page()
            requests, failed = [], []
            page.on("request", lambda request: requests.append(request.url))
            page.on("requestfailed", lambda request: failed.append(request.url))
            page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
            errors = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(f"{site_url}/{path}", wait_until="networkidle")
            page.wait_for_timeout(500)
            page.screenshot(path=str(SHOTS / (Path(path).stem + ".png")), full_page=True)
            errors.extend(f"failed to load {url}" for url in failed)
            cache[path] = (page, requests, errors)
        return cache[path]

    return open_page


@pytest.mark.parametrize("path", PAGES)
def test_nothing_loads_from_outside_the_site(opened, site_url, path):
    page, requests, _ = opened(path)
    outside = [url for url in requests
               if not (url.startswith(site_url + "/") or url.startswith(("data:", "blob:", "about:")))]
    assert outside == [], f"{path} requested {outside}"
    assert len(requests) > 3, "the page should load its own styles and scripts"


@pytest.mark.parametrize("path", PAGES)
def test_every_image_loads(opened, path):
    page, _, _ = opened(path)
    broken = page.evaluate(
        "() => Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src.slice(0, 80))")
    assert broken == [], f"{path} has images that did not load: {broken}"
    missing_alt = page.evaluate(
        "() => Array.from(document.querySelectorAll('main img')).filter(i => !i.getAttribute('alt')).map(i => i.src.slice(0, 80))")
    assert missing_alt == [], f"{path} has figures without alt text: {missing_alt}"


@pytest.mark.parametrize("path", MATH_PAGES)
def test_math_is_typeset(opened, path):
    page, _, _ = opened(path)
    page.wait_for_function("() => document.querySelectorAll('mjx-container').length > 0", timeout=15000)
    text = page.evaluate("() => document.querySelector('main').innerText")
    assert "\\[" not in text and "\\(" not in text and "$$" not in text, "raw TeX left on the page"


@pytest.mark.parametrize("path", NOTEBOOK_PAGES)
def test_launch_buttons(opened, path):
    page, _, _ = opened(path)
    hrefs = page.evaluate("() => Array.from(document.querySelectorAll('a')).map(a => a.href)")
    assert any("mybinder.org/v2/gh/" in h and "urlpath" in h for h in hrefs), "no Binder launch button"
    assert any("colab.research.google.com/github/" in h for h in hrefs), "no Colab launch button"


@pytest.mark.parametrize("path", PAGES)
def test_no_script_errors(opened, path):
    _, _, errors = opened(path)
    assert errors == [], f"{path} raised in the browser: {errors}"


@pytest.mark.parametrize("path", PAGES)
def test_nothing_loads_twice(opened, site_url, path):
    _, requests, _ = opened(path)
    files = [url.split("?")[0] for url in requests if url.startswith(site_url + "/")]
    twice = sorted({url for url in files if files.count(url) > 1})
    assert twice == [], f"{path} loaded these more than once: {twice}"


PAGE_HTML_LIMIT = 2_000_000  # bytes of a page's own HTML


def test_page_weight(opened, site_url):
    """Each page's own HTML stays under 2 MB; the report lists what every page loads in all."""
    rows, too_heavy = [], []
    for path in PAGES:
        _, requests, _ = opened(path)
        files = {url.split("?")[0][len(site_url) + 1:] for url in requests if url.startswith(site_url + "/")}
        files.add(path)
        sizes = {}
        for name in files:
            local = SITE / name
            if local.is_file():
                data = local.read_bytes()
                sizes[name] = (len(data), len(gzip.compress(data, 6)))
        own_raw, own_gz = sizes[path]
        total_raw = sum(raw for raw, _ in sizes.values())
        total_gz = sum(gz for _, gz in sizes.values())
        rows.append(f"| {path} | {own_raw / 1e3:,.0f} | {own_gz / 1e3:,.0f} | {len(sizes)} "
                    f"| {total_raw / 1e6:,.2f} | {total_gz / 1e6:,.2f} |")
        if own_raw > PAGE_HTML_LIMIT:
            too_heavy.append((path, own_raw))
    report = ["| page | own HTML kB | gzipped kB | files loaded | total MB | total gzipped MB |",
              "|---|---|---|---|---|---|", *rows]
    (SITE.parent / "page-weight.md").write_text("\n".join(report) + "\n")
    print("\n".join(report))
    assert too_heavy == [], f"pages over {PAGE_HTML_LIMIT} bytes of HTML: {too_heavy}"


def _visible_reading(page) -> str:
    return page.evaluate("""() => Array.from(document.querySelectorAll('.qbp-reading'))
        .filter(e => e.offsetParent !== null).map(e => e.innerText).join(' | ')""")


def _visible_marker(page) -> str:
    return page.evaluate("""() => Array.from(document.querySelectorAll('.qbp-explorer svg line'))
        .filter(e => e.closest('.widget-html').offsetParent !== null).map(e => e.getAttribute('x1')).join(',')""")


@pytest.mark.parametrize("path", EXPLORER_PAGES)
def test_explorer_responds_without_a_kernel(opened, path):
    """Move the M slider with the keyboard on the static page: the plot and the reading change."""
    page, _, _ = opened(path)
    explorer = page.locator(".qbp-explorer").first
    explorer.wait_for(state="visible", timeout=15000)
    handles = explorer.locator(".noUi-handle")
    assert handles.count() == 2, "the explorer should draw two sliders (eps and M)"
    explorer.scroll_into_view_if_needed()
    stem = Path(path).stem
    before_reading, before_marker = _visible_reading(page), _visible_marker(page)
    assert re.search(r"At M = .+ and ε = ", before_reading), before_reading
    explorer.screenshot(path=str(SHOTS / f"{stem}-explorer-before.png"))

    assert handles.nth(1).get_attribute("aria-label") == "parameters M"
    assert handles.nth(1).get_attribute("aria-valuetext") == "10\u2076", "screen readers should hear the value shown"
    handles.nth(1).focus()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    page.wait_for_timeout(300)
    after_reading, after_marker = _visible_reading(page), _visible_marker(page)
    explorer.screenshot(path=str(SHOTS / f"{stem}-explorer-after.png"))
    assert after_reading != before_reading, "the reading did not change when M moved"
    assert after_marker != before_marker, "the plot's marker did not move when M moved"
    assert handles.nth(1).get_attribute("aria-valuetext") == "10\u2075", "the announced value should follow the slider"

    handles.nth(0).focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    assert _visible_reading(page) != after_reading, "the reading did not change when eps moved"


# Chapter 5's explorer has its own sliders (state and strength), not M and eps.
WEAK_EXPLORER_PAGE = "book/05_no_cloning_and_collapse.html"


def _visible_overlay(page) -> str:
    return page.evaluate("""() => Array.from(document.querySelectorAll('.qbp-explorer svg'))
        .filter(e => e.closest('.widget-html').offsetParent !== null).map(e => e.innerHTML).join('')""")


@pytest.mark.skipif(WEAK_EXPLORER_PAGE[:-5] not in DOCS, reason="chapter 5 is not in the table of contents")
def test_weak_explorer_responds_without_a_kernel(opened):
    """Chapter 5's weak-measurement explorer: both sliders change the visible reading and overlay, no kernel."""
    page, _, errors = opened(WEAK_EXPLORER_PAGE)
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
    explorer.screenshot(path=str(SHOTS / f"{Path(WEAK_EXPLORER_PAGE).stem}-explorer-before.png"))

    handles.nth(1).focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    after_reading, after_overlay = _visible_reading(page), _visible_overlay(page)
    explorer.screenshot(path=str(SHOTS / f"{Path(WEAK_EXPLORER_PAGE).stem}-explorer-after.png"))
    assert re.search(r"Strength s = 0\.40:", after_reading), after_reading
    assert after_overlay != before_overlay, "the plot's overlay did not change when the strength moved"

    handles.nth(0).focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    moved = _visible_reading(page)
    assert moved != after_reading and "Strength s = 0.40" in moved, "the reading did not follow the state slider"


SPSA_PAGES = [f"{doc}.html" for doc in DOCS if "spsa_explorer(" in _source(doc).read_text()]


def _visible_svg(page, selector: str, attribute: str) -> str:
    return page.evaluate(f"""() => Array.from(document.querySelectorAll('.qbp-explorer svg {selector}'))
        .filter(e => e.closest('.widget-html').offsetParent !== null).map(e => e.getAttribute('{attribute}'))
        .join(',')""")


@pytest.mark.parametrize("path", SPSA_PAGES)
def test_spsa_explorer_responds_without_a_kernel(opened, path):
    """Chapter 4's explorer: moving K, then M, then eps changes the rings, SPSA's line and the reading."""
    page, _, errors = opened(path)
    assert errors == []
    explorer = page.locator(".qbp-explorer").first
    explorer.wait_for(state="visible", timeout=15000)
    handles = explorer.locator(".noUi-handle")
    assert handles.count() == 3, "the explorer should draw three sliders (eps, M and K)"
    labels = [handles.nth(i).get_attribute("aria-label") for i in range(3)]
    assert labels == ["relative precision \u03b5", "parameters M", "directions K"]
    explorer.scroll_into_view_if_needed()
    stem = Path(path).stem

    def state():
        return _visible_reading(page), _visible_svg(page, "circle", "cy"), _visible_svg(page, "polyline", "points")

    reading, rings, line = state()
    assert re.search(r"M = 64, K = 16 directions: SPSA runs 32 circuits", reading), reading
    explorer.screenshot(path=str(SHOTS / f"{stem}-explorer-before.png"))
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
    explorer.screenshot(path=str(SHOTS / f"{stem}-explorer-after.png"))
    assert "K = 64 directions" in reading and "M = 256" in reading and "\u03b5 = 0.25" in reading
