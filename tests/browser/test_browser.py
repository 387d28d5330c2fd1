"""The built website in headless Chromium, as a reader sees it.

Needs ``_build/html`` (``make build``) and Debian's ``chromium``; ``make test``
provides both. Every page is opened from a local server; the tests assert that
math is typeset, figures load, widgets are drawn and respond without a kernel,
launch buttons are present, and that no request leaves the site's own folder.
Every page passes axe-core's WCAG 2 A/AA rules in light and in dark mode, widget
text keeps a contrast of at least 4.5:1 in dark mode, the offline search finds
the chapters, and the whole-book PDF and the notebook archive are built and linked.
A full-page screenshot of every page, light and dark, is kept in ``_build/screenshots/``.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
# QBP_SITE points the tests at another build (jupyter-book build --path-output DIR: DIR/_build/html)
SITE = Path(os.environ.get("QBP_SITE", ROOT / "_build" / "html")).resolve()
SHOTS = SITE.parent / "screenshots"
AXE = ROOT / ".assets-test" / "axe.min.js"  # tools/fetch_assets.py, pinned and checked
DARK = "localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark');"
LIGHT = "localStorage.setItem('mode', 'light'); localStorage.setItem('theme', 'light');"

sys.path.insert(0, str(ROOT / "tools"))
import book_config  # noqa: E402
import site_browser  # noqa: E402

BOOK_PDF = book_config.site_config()["sphinx"]["config"]["qbp_book_pdf"]
NOTEBOOKS_ZIP = book_config.site_config()["sphinx"]["config"]["qbp_notebooks_zip"]
EDITION_PDFS = tuple(
    book_config.site_config()["sphinx"]["config"][name]
    for name in ("qbp_student_pdf", "qbp_key_pdf")
)


def _source(doc: str) -> Path:
    return next(p for p in (ROOT / f"{doc}.ipynb", ROOT / f"{doc}.md") if p.exists())


def _title(doc: str) -> str:
    source = _source(doc)
    if source.suffix == ".ipynb":
        cells = json.loads(source.read_text())["cells"]
        text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    else:
        text = source.read_text()
    return re.search(r"^# (.+)$", text, flags=re.M).group(1).strip()


# The pages and what each must show, derived from the sources so a new chapter is checked too.
DOCS = book_config.toc_documents()
PAGES = [f"{doc}.html" for doc in DOCS]
NOTEBOOK_PAGES = [f"{doc}.html" for doc in DOCS if _source(doc).suffix == ".ipynb"]
MATH_PAGES = [f"{doc}.html" for doc in DOCS if "$" in _source(doc).read_text()]
EXPLORER_PAGES = [f"{doc}.html" for doc in DOCS if "cost_explorer(" in _source(doc).read_text()]


def _page_opener(browser, site_url, mode: str, suffix: str):
    """Open each page once in one colour mode: (page, every URL it requested, errors), with a
    full-page screenshot.

    ``mode`` is the init script that sets the theme (the browser profile is shared by both modes).
    """
    SHOTS.mkdir(parents=True, exist_ok=True)
    cache = {}

    def open_page(path: str):
        if path not in cache:
            page = browser.new_page()
            page.add_init_script(mode)
            requests, failed, errors = [], [], []
            page.on("request", lambda request: requests.append(request.url))
            page.on("requestfailed", lambda request: failed.append(request.url))
            page.on(
                "response",
                lambda response: failed.append(response.url) if response.status >= 400 else None,
            )
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(f"{site_url}/{path}", wait_until="networkidle")
            site_browser.wait_until_rendered(page)
            page.wait_for_timeout(300)
            page.screenshot(path=str(SHOTS / (Path(path).stem + suffix + ".png")), full_page=True)
            errors.extend(f"failed to load {url}" for url in failed)
            cache[path] = (page, requests, errors)
        return cache[path]

    return open_page


@pytest.fixture(scope="session")
def opened(browser, site_url):
    """Open each page once in light mode: the page object, every URL it requested, its errors."""
    return _page_opener(browser, site_url, LIGHT, "")


@pytest.mark.parametrize("path", PAGES)
def test_nothing_loads_from_outside_the_site(opened, site_url, path):
    page, requests, _ = opened(path)
    outside = [
        url
        for url in requests
        if not (url.startswith(site_url + "/") or url.startswith(("data:", "blob:", "about:")))
    ]
    assert outside == [], f"{path} requested {outside}"
    assert len(requests) > 3, "the page should load its own styles and scripts"


@pytest.mark.parametrize("path", PAGES)
def test_every_image_loads(opened, path):
    page, _, _ = opened(path)
    broken = page.evaluate(
        "() => Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).map(i"
        " => i.src.slice(0, 80))"
    )
    assert broken == [], f"{path} has images that did not load: {broken}"
    missing_alt = page.evaluate(
        "() => Array.from(document.querySelectorAll('main img')).filter(i =>"
        " !i.getAttribute('alt')).map(i => i.src.slice(0, 80))"
    )
    assert missing_alt == [], f"{path} has figures without alt text: {missing_alt}"


@pytest.mark.parametrize("path", MATH_PAGES)
def test_math_is_typeset(opened, path):
    page, _, _ = opened(path)
    page.wait_for_function(
        "() => document.querySelectorAll('mjx-container').length > 0", timeout=15000
    )
    text = page.evaluate("() => document.querySelector('main').innerText")
    assert "\\[" not in text and "\\(" not in text and "$$" not in text, "raw TeX left on the page"


# every page of the book and the search page: the sidebar lists every chapter's title
SIDEBAR_PAGES = [*PAGES, "search.html"]
SIDEBAR_HAS_MATH = any("$" in _title(doc) or "\\(" in _title(doc) for doc in DOCS)


@pytest.mark.parametrize("path", SIDEBAR_PAGES)
def test_sidebar_math_is_typeset(opened, path):
    """MathJax loads on every page, so a chapter title with math shows typeset in the sidebar,
    also on pages whose own body has no math."""
    page, _, _ = opened(path)
    sidebar = page.evaluate(
        """() => { const nav = document.querySelector('.bd-sidebar-primary');
                   return nav && {text: nav.innerText,
                                  typeset: nav.querySelectorAll('mjx-container').length}; }"""
    )
    assert sidebar, f"{path} has no sidebar"
    assert "\\(" not in sidebar["text"] and "\\)" not in sidebar["text"], (
        f"{path}: raw TeX in the sidebar"
    )
    if SIDEBAR_HAS_MATH:
        assert sidebar["typeset"] > 0, f"{path}: the sidebar's math was not typeset"


@pytest.mark.parametrize("path", PAGES)
def test_every_page_offers_to_report_an_error(opened, path):
    """The header's "Report an error on this page" opens a new issue naming the page."""
    from urllib.parse import parse_qs, urlsplit

    page, _, _ = opened(path)
    links = page.evaluate(
        """() => Array.from(document.querySelectorAll('a')).filter(
                 a => a.href.includes('/issues/new')).map(a => [a.href, a.textContent.trim()])"""
    )
    url = book_config.site_config()["repository"]["url"].rstrip("/")
    assert links, f"{path} has no link to report an error"
    href, text = links[0]
    assert href.startswith(f"{url}/issues/new?"), href
    assert "Report an error on this page" in text, text
    query = parse_qs(urlsplit(href).query)
    assert path in query["title"][0] and path in query["body"][0], query


@pytest.mark.parametrize("path", NOTEBOOK_PAGES)
def test_launch_buttons(opened, path):
    page, _, _ = opened(path)
    hrefs = page.evaluate("() => Array.from(document.querySelectorAll('a')).map(a => a.href)")
    assert any("mybinder.org/v2/gh/" in h and "urlpath" in h for h in hrefs), (
        "no Binder launch button"
    )
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
        files = {
            url.split("?")[0][len(site_url) + 1 :]
            for url in requests
            if url.startswith(site_url + "/")
        }
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
        rows.append(
            f"| {path} | {own_raw / 1e3:,.0f} | {own_gz / 1e3:,.0f} | {len(sizes)} "
            f"| {total_raw / 1e6:,.2f} | {total_gz / 1e6:,.2f} |"
        )
        if own_raw > PAGE_HTML_LIMIT:
            too_heavy.append((path, own_raw))
    report = [
        "| page | own HTML kB | gzipped kB | files loaded | total MB | total gzipped MB |",
        "|---|---|---|---|---|---|",
        *rows,
    ]
    (SITE.parent / "page-weight.md").write_text("\n".join(report) + "\n")
    print("\n".join(report))
    assert too_heavy == [], f"pages over {PAGE_HTML_LIMIT} bytes of HTML: {too_heavy}"


def _visible_reading(page) -> str:
    return page.evaluate("""() => Array.from(document.querySelectorAll('.qbp-reading'))
        .filter(e => e.offsetParent !== null).map(e => e.innerText).join(' | ')""")


def _visible_marker(page) -> str:
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.qbp-explorer svg line'))
        .filter(e => e.closest('.widget-html').offsetParent !== null)
        .map(e => e.getAttribute('x1')).join(',')"""
    )


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
    assert handles.nth(1).get_attribute("aria-valuetext") == "10\u2076", (
        "screen readers should hear the value shown"
    )
    handles.nth(1).focus()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    page.wait_for_timeout(300)
    after_reading, after_marker = _visible_reading(page), _visible_marker(page)
    explorer.screenshot(path=str(SHOTS / f"{stem}-explorer-after.png"))
    assert after_reading != before_reading, "the reading did not change when M moved"
    assert after_marker != before_marker, "the plot's marker did not move when M moved"
    assert handles.nth(1).get_attribute("aria-valuetext") == "10\u2075", (
        "the announced value should follow the slider"
    )

    handles.nth(0).focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    assert _visible_reading(page) != after_reading, "the reading did not change when eps moved"


# Chapter 5's explorer has its own sliders (state and strength), not M and eps.
WEAK_EXPLORER_PAGE = "book/05_no_cloning_and_collapse.html"


def _visible_overlay(page) -> str:
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.qbp-explorer svg'))
        .filter(e => e.closest('.widget-html').offsetParent !== null)
        .map(e => e.innerHTML).join('')"""
    )


@pytest.mark.skipif(
    WEAK_EXPLORER_PAGE[:-5] not in DOCS, reason="chapter 5 is not in the table of contents"
)
def test_weak_explorer_responds_without_a_kernel(opened):
    """Chapter 5's weak-measurement explorer: both sliders change the visible reading and the
    overlay, with no kernel."""
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
    assert after_overlay != before_overlay, (
        "the plot's overlay did not change when the strength moved"
    )

    handles.nth(0).focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    moved = _visible_reading(page)
    assert moved != after_reading and "Strength s = 0.40" in moved, (
        "the reading did not follow the state slider"
    )


SPSA_PAGES = [f"{doc}.html" for doc in DOCS if "spsa_explorer(" in _source(doc).read_text()]


def _visible_svg(page, selector: str, attribute: str) -> str:
    return page.evaluate(
        f"""() => Array.from(document.querySelectorAll('.qbp-explorer svg {selector}'))
        .filter(e => e.closest('.widget-html').offsetParent !== null).map(e =>
        e.getAttribute('{attribute}'))
        .join(',')"""
    )


@pytest.mark.parametrize("path", SPSA_PAGES)
def test_spsa_explorer_responds_without_a_kernel(opened, path):
    """Chapter 4's explorer: moving K, then M, then eps changes the rings, SPSA's line and the
    reading."""
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
        return (
            _visible_reading(page),
            _visible_svg(page, "circle", "cy"),
            _visible_svg(page, "polyline", "points"),
        )

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


# --- dark mode, accessibility, search, the whole-book downloads ---------------------

WIDGET_PAGES = [
    f"{doc}.html"
    for doc in DOCS
    if "application/vnd.jupyter.widget-view+json" in _source(doc).read_text()
]


@pytest.fixture(scope="session")
def opened_dark(browser, site_url):
    """Open each page once in the theme's dark mode, rendered, with a full-page screenshot."""
    open_page = _page_opener(browser, site_url, DARK, "-dark")
    return lambda path: open_page(path)[0]


def test_dark_mode_is_applied(opened_dark):
    page = opened_dark(PAGES[0])
    assert page.evaluate("() => document.documentElement.dataset.theme") == "dark"
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert _luminance(_rgb(background)) < 0.1, f"the dark page's background is {background}"


def _rgb(css: str) -> tuple[float, ...]:
    values = [float(v) for v in re.findall(r"[\d.]+", css)]
    return tuple(values[:3]) + ((values[3],) if len(values) > 3 else (1.0,))


def _luminance(rgb) -> float:
    """WCAG 2 relative luminance of an sRGB colour (0-255 channels)."""

    def channel(v):
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = rgb[:3]
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(foreground, background) -> float:
    """WCAG 2 contrast ratio of two opaque colours, 1 to 21."""
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_ratio_matches_wcag_examples():
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio((118, 118, 118), (255, 255, 255)) == pytest.approx(
        4.54, abs=0.01
    )  # #767676, the AA limit
    assert contrast_ratio((255, 255, 255), (255, 255, 255)) == pytest.approx(1.0)


# Every visible text run inside a widget: its colour and the background under it (the
# ancestors' background colours composed, as the reader sees them), alpha blended.
WIDGET_TEXT_JS = """() => {
  const rgba = s => { const m = (s.match(/[\\d.]+/g) || [0, 0, 0, 0]).map(Number);
                      return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 -
  top[3])).concat([1]);
  function background(el) {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    return layers.reverse().reduce((bottom, top) => over(top, bottom), [255, 255, 255, 1]);
  }
  const out = [];
  document.querySelectorAll('.jupyter-widgets *').forEach(el => {
    if (el.closest('svg') || el.offsetParent === null) return;
    const own = Array.from(el.childNodes).filter(n => n.nodeType === 3).map(n =>
    n.textContent.trim()).join(' ');
    if (!own) return;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || parseFloat(style.opacity) === 0) return;
    const bg = background(el);
    out.push({text: own.slice(0, 60), fg: over(rgba(style.color), bg), bg: bg});
  });
  return out;
}"""


@pytest.mark.parametrize("path", WIDGET_PAGES)
def test_widget_text_is_legible_in_dark_mode(opened_dark, path):
    """Widget labels, readouts and readings keep a contrast of at least 4.5:1 (WCAG AA)."""
    page = opened_dark(path)
    runs = page.evaluate(WIDGET_TEXT_JS)
    assert runs, f"{path}: no widget text found"
    low = [
        (r["text"], round(contrast_ratio(r["fg"], r["bg"]), 2))
        for r in runs
        if contrast_ratio(r["fg"], r["bg"]) < 4.5
    ]
    assert low == [], f"{path}: widget text below 4.5:1 in dark mode: {low[:10]}"


AXE_RUN_JS = """async () => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}});
  return result.violations.map(v => ({id: v.id, impact: v.impact, count: v.nodes.length,
    nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ' | ' + (n.failureSummary ||
    '').slice(0, 160))}));
}"""


def _axe_violations(page) -> list[dict]:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run make assets")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text())
    return page.evaluate(AXE_RUN_JS)


@pytest.mark.parametrize("path", PAGES)
def test_accessible_in_light_mode(opened, path):
    page, _, _ = opened(path)
    site_browser.wait_until_rendered(page)
    violations = _axe_violations(page)
    assert violations == [], (
        f"{path} (light): axe-core WCAG 2 A/AA violations:\n{json.dumps(violations, indent=1)}"
    )


@pytest.mark.parametrize("path", PAGES)
def test_accessible_in_dark_mode(opened_dark, path):
    violations = _axe_violations(opened_dark(path))
    assert violations == [], (
        f"{path} (dark): axe-core WCAG 2 A/AA violations:\n{json.dumps(violations, indent=1)}"
    )


def test_search_works_offline(browser, site_url):
    """The site's own search index finds the chapter on the parameter-shift rule."""
    page = browser.new_page()
    outside = []
    page.on(
        "request",
        lambda r: (
            outside.append(r.url) if not r.url.startswith((site_url, "data:", "blob:")) else None
        ),
    )
    page.goto(f"{site_url}/search.html?q=parameter+shift", wait_until="networkidle")
    page.wait_for_function(
        "() => document.querySelectorAll('#search-results li').length > 0", timeout=20000
    )
    hits = page.evaluate(
        "() => Array.from(document.querySelectorAll('#search-results li a')).map(a => a.href)"
    )
    page.close()
    assert any(h.split("#")[0].endswith("book/03_parameter_shift.html") for h in hits), hits
    assert outside == [], f"search requested {outside}"


def test_every_page_links_the_whole_book_downloads(site_url, opened):
    """Each notebook page's download menu offers the PDF, its student edition and key, and the
    zip."""
    for path in NOTEBOOK_PAGES:
        page, _, _ = opened(path)
        links = page.evaluate("""() => Array.from(document.querySelectorAll(
            '.dropdown-download-buttons a, .qbp-footer a')).map(a => a.href)""")
        for name in (BOOK_PDF, NOTEBOOKS_ZIP, *EDITION_PDFS):
            assert f"{site_url}/{name}" in links, f"{path} does not link {name}"
    footer = opened(PAGES[0])[0].evaluate("() => document.querySelector('.qbp-footer').innerText")
    import qbp_lessons

    assert f"qbp_lessons {qbp_lessons.__version__}" in footer


def test_notebook_archive_holds_every_notebook_page():
    """Every page of the book that is a notebook: the chapters, the appendix, the environment."""
    archive = SITE / NOTEBOOKS_ZIP
    assert archive.exists(), f"{archive} was not built (make build)"
    with zipfile.ZipFile(archive) as zipped:
        names = zipped.namelist()
        notebooks = [n for n in names if re.search(r"/book/[^/]+\.ipynb$", n)]
        assert [Path(n).name for n in notebooks] == [
            p.name for p in book_config.notebook_pages()
        ], "the archive's notebooks are not the book's notebook pages in reading order"
        assert "appendix_simulator.ipynb" in {Path(n).name for n in notebooks}
        for name in notebooks:
            assert json.loads(zipped.read(name))["cells"], f"{name} is empty"
        assert any(n.endswith("/requirements.txt") for n in names)


def test_whole_book_pdf():
    """The printed book: every page's title, typeset math (no TeX source), a plausible length."""
    from pypdf import PdfReader

    pdf = SITE / BOOK_PDF
    assert pdf.exists(), f"{pdf} was not built (make build)"
    reader = PdfReader(pdf)
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    flat = re.sub(r"\s+", " ", text)
    titles = [re.sub(r"\s+", " ", _title(doc)) for doc in DOCS]
    # math in a title is typeset, so its TeX source is not in the text: look for the words before it
    missing = [title for title in titles if title.split("$")[0].strip() not in flat]
    assert missing == [], f"the PDF lacks these titles: {missing}"
    # a bookmark carries the title as the page shows it: simple math ($M$) reads as its letters
    # (the contents come first; sections are nested under their chapter: test_pdf.py)
    chapters = [item.title for item in reader.outline if not isinstance(item, list)]
    assert chapters == ["Contents"] + [t.replace("$", "") for t in titles], (
        "one bookmark per page, in reading order"
    )
    raw_tex = re.findall(
        r"\\(?:frac|sum|theta|mathrm|operatorname|begin|left|right)\b|\$\$|\\\(|\\\[", text
    )
    assert raw_tex == [], f"raw TeX in the PDF: {sorted(set(raw_tex))}"
    assert len(reader.pages) >= 4 * len(DOCS), f"only {len(reader.pages)} pages"
    print(f"{BOOK_PDF}: {len(reader.pages)} pages, {pdf.stat().st_size / 1e6:.1f} MB")


# --------------------------------------------------------------------------
# Chapter 6's explorer: four sliders, each changes the page without a kernel
# --------------------------------------------------------------------------

SHADOW_PAGE = "book/06_shadow_tomography.html"
EXPLORER_SOURCES = [f"{doc}.html" for doc in DOCS if "explorer(" in _source(doc).read_text()]


@pytest.mark.skipif(
    SHADOW_PAGE[:-5] not in DOCS, reason="chapter 6 is not in the table of contents"
)
def _visible_image(page) -> str:
    return page.evaluate("""() => Array.from(document.querySelectorAll('.qbp-explorer img'))
        .filter(e => e.offsetParent !== null).map(e => e.getAttribute('alt')).join(' | ')""")


def test_shadow_explorer_responds_without_a_kernel(opened):
    page, _, errors = opened(SHADOW_PAGE)
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


@pytest.mark.parametrize("path", EXPLORER_SOURCES)
def test_every_slider_of_every_explorer_changes_what_it_shows(opened, path):
    """Each slider of each explorer on the page, moved one step, changes that explorer's visible
    content."""
    page, _, errors = opened(path)
    assert errors == [], errors
    explorers = page.locator(".qbp-explorer")
    explorers.first.wait_for(state="visible", timeout=15000)
    assert explorers.count() >= 1
    visible = """e => Array.from(e.querySelectorAll('.widget-html-content, img, svg'))
        .filter(x => x.offsetParent !== null).map(x => x.outerHTML).join('|')"""
    for i in range(explorers.count()):
        explorer = explorers.nth(i)
        explorer.scroll_into_view_if_needed()
        handles = explorer.locator(".noUi-handle")
        assert handles.count() >= 1, f"explorer {i} on {path} has no slider"
        for j in range(handles.count()):
            before = explorer.evaluate(visible)
            handles.nth(j).focus()
            page.keyboard.press("ArrowRight")
            page.wait_for_timeout(200)
            if explorer.evaluate(visible) == before:  # the slider was at its last value
                page.keyboard.press("ArrowLeft")
                page.keyboard.press("ArrowLeft")
                page.wait_for_timeout(200)
            assert explorer.evaluate(visible) != before, (
                f"slider {j} of explorer {i} on {path} changed nothing"
            )


# --- self-checks (jupyterquiz) answer on the static page ------------------------------

SELF_CHECK_PAGES = [f"{doc}.html" for doc in DOCS if "self_check(" in _source(doc).read_text()]


@pytest.mark.parametrize("path", SELF_CHECK_PAGES)
def test_self_checks_answer_without_a_kernel(browser, site_url, path):
    """Every question of the chapter is drawn; a right choice or value is marked right and a
    wrong one wrong, with the question's own feedback, on the static page."""
    from qbp_lessons.show.selfcheck import questions

    expected = questions(Path(path).stem)
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{site_url}/{path}", wait_until="networkidle")
    site_browser.wait_until_rendered(page)
    quizzes = page.locator("div.Quiz")
    quizzes.first.wait_for(state="visible", timeout=15000)
    assert quizzes.count() == len(expected), "every question of the chapter should be drawn"
    for index, item in enumerate(expected):
        quiz = quizzes.nth(index)
        quiz.scroll_into_view_if_needed()
        feedback = quiz.locator(".Feedback")
        if item["type"] == "numeric":
            right = next(a for a in item["answers"] if a.get("correct") is True)
            value = right["value"] if "value" in right else sum(right["range"]) / 2
            box = quiz.locator("input.Input-text")
            assert box.get_attribute("aria-label") or page.evaluate(
                "(el) => el.labels.length", box.element_handle()
            ), "the numeric input has no accessible name"
            for typed, verdict in ((f"{value * 7 + 13:g}", "incorrect"), (repr(value), "correct")):
                box.click()
                box.fill(typed)
                box.press("Enter")
                page.wait_for_timeout(100)
                assert verdict in (feedback.get_attribute("class") or "").split(), (
                    f"{path} question {index + 1}: typing {typed} should be marked {verdict}"
                )
        else:
            choices = quiz.locator("label.MCButton")
            assert choices.count() == len(item["answers"])
            wrong = quiz.locator("label.MCButton[data-correct='false']").first
            right = quiz.locator("label.MCButton[data-correct='true']").first
            for choice, verdict in ((wrong, "incorrect"), (right, "correct")):
                choice.click()
                page.wait_for_timeout(100)
                assert verdict in (feedback.get_attribute("class") or "").split()
                assert feedback.inner_text().strip(), "the choice should say why"
    quizzes.first.screenshot(path=str(SHOTS / f"{Path(path).stem}-selfcheck.png"))
    assert errors == []
    page.close()
