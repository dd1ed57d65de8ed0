"""A headless Chromium for the report tests: Debian's /usr/bin/chromium driven by Playwright.

Tests that need it carry :data:`MARKS` (skipped, with the reason, where Chromium or Playwright
is missing) and open pages with :func:`open_page`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).parents[2] / "results" / "screenshots"
WIDTHS = (1400, 390)
"""Desktop and phone widths the report is read at."""
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian's chromium is not installed at /usr/bin/chromium "
        "(apt-get install chromium); the browser test needs it",
    ),
]


@contextmanager
def open_page(width: int = 1280, height: int = 900) -> Iterator:
    """A fresh page of a fresh browser, closed on exit."""
    playwright = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser.new_page(viewport={"width": width, "height": height})
        finally:
            browser.close()
