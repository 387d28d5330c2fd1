"""The built website in headless Chromium: a local server and a browser, shared by
``tools/print_pdf.py`` and the browser tests.

The site is served from its folder on 127.0.0.1 (a page opened as a file cannot
load its widget manager). Chromium is Debian's ``chromium``, driven by Playwright
(pinned in requirements-dev.txt) through ``executable_path``.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import tempfile
import threading
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the output clean
        pass


@contextlib.contextmanager
def serve(site: Path):
    """Serve ``site`` on a free local port; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium(profile: Path | None = None, **options):
    """A persistent Chromium context with a fresh profile (Playwright's own browser is not used)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise FileNotFoundError("Debian's chromium is needed (apt-get install chromium)")
    with contextlib.ExitStack() as stack:
        if profile is None:
            profile = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="qbp-chromium-")))
        playwright = stack.enter_context(sync_playwright())
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport=VIEWPORT,
            **options,
        )
        stack.callback(context.close)
        yield context


def wait_until_rendered(page, timeout_ms: int = 30000) -> None:
    """Wait for MathJax to finish typesetting and for the page's widgets to be drawn."""
    page.wait_for_function(
        """() => !document.querySelector('script[src*="mathjax/tex-"]')
                 || !!(window.MathJax && MathJax.startup && MathJax.startup.promise)""",
        timeout=timeout_ms,
    )
    page.evaluate(
        "() => window.MathJax && MathJax.startup && MathJax.startup.promise"
    )  # typeset done
    page.wait_for_function(
        """() => document.querySelectorAll(
                   'script[type="application/vnd.jupyter.widget-view+json"]').length
                 <= document.querySelectorAll('.jupyter-widgets').length""",
        timeout=timeout_ms,
    )
    # the self-checks (jupyterquiz) typeset their own mathematics, possibly after MathJax's
    # first pass (qbp-widgets-a11y.js sees to it): wait until no quiz holds raw TeX
    page.wait_for_function(
        """() => Array.from(document.querySelectorAll('div.Quiz'))
                   .every(q => (q.textContent || '').indexOf('\\\\(') < 0)""",
        timeout=timeout_ms,
    )
