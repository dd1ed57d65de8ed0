"""``report.pdf``: the HTML report printed to A4 by a headless Chromium, for boards and DPOs.

Printing goes through Playwright driving the system's Chromium (Debian's ``/usr/bin/chromium``
or ``$SOVSIM_CHROMIUM``); nothing is downloaded at run time. The page gets a cover (title,
date, author, classification) and an evidence annex from :func:`~simulator.report.html.render_html`;
here every collapsed ``<details>`` is opened, since paper cannot be clicked, and Chromium adds
the classification and "page n of N" to every page.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from simulator.errors import InputError
from simulator.experiment.result import Comparison, DesignResult
from simulator.report.findings import Findings
from simulator.report.html import Cover, render_html
from simulator.report.review import ReportReview
from simulator.report.svg import esc

PDF_FILE = "report.pdf"
_FLAG = Path("--pdf")
_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
_MARGIN = {"top": "14mm", "bottom": "14mm", "left": "10mm", "right": "10mm"}
_BAND = "font-size:7.5px;color:#616e7c;width:100%;margin:0 10mm;display:flex;justify-content:space-between;"


def chromium_path() -> Path:
    """The Chromium to print with: ``$SOVSIM_CHROMIUM``, else ``chromium`` on the PATH."""
    found = os.environ.get("SOVSIM_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return Path(found)


def _bands(cover: Cover) -> tuple[str, str]:
    """Header and footer of every page (Chromium fills the pageNumber/totalPages spans)."""
    header = (
        f'<div style="{_BAND}"><span>{esc(cover.title)}</span><span>{esc(cover.classification)}</span></div>'
    )
    footer = (
        f'<div style="{_BAND}"><span>{esc(cover.classification)} · {esc(cover.date)}</span>'
        '<span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>'
    )
    return header, footer


def print_pdf(html: str, cover: Cover) -> bytes:
    """The A4 PDF of a rendered report page, all sections expanded."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - depends on the installation
        raise InputError.single(_FLAG, "printing needs Playwright: pip install 'sovsim[pdf]'") from None
    browser_path = chromium_path()
    if not browser_path.exists():
        raise InputError.single(_FLAG, f"no Chromium at {browser_path}; install it or set SOVSIM_CHROMIUM")
    header, footer = _bands(cover)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(browser_path), args=_ARGS)
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.abort())  # the report is offline: fetch nothing
            page.set_content(html, wait_until="load")
            page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
            return page.pdf(
                format="A4",
                print_background=True,
                display_header_footer=True,
                header_template=header,
                footer_template=footer,
                margin=_MARGIN,
            )
        finally:
            browser.close()


def render_pdf(
    document: DesignResult | Comparison, findings: Findings, review: ReportReview | None, cover: Cover
) -> bytes:
    """The report of ``document`` as PDF bytes, with ``cover`` on page 1."""
    return print_pdf(render_html(document, findings, review, cover), cover)
