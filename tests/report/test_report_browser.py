"""User story: a developer opens report.html in a real browser; every section and chart renders,
nothing runs, nothing is fetched, and a screenshot is kept for a human to look at."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.report import SECTIONS, write_reports

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = Path(__file__).parents[2] / "results" / "screenshots" / "report.png"
CHART_SECTIONS = ("heatmap", "stacked-bars", "timeline", "topology", "transfers", "disclosures", "comparison")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian's chromium is not installed at /usr/bin/chromium "
        "(apt-get install chromium); the browser test needs it",
    ),
]


@pytest.fixture(scope="module")
def sync_playwright():
    playwright = pytest.importorskip(
        "playwright.sync_api", reason="the playwright Python package is not installed"
    )
    return playwright.sync_playwright


def _open(sync_playwright, html: Path, screenshot: Path | None = None) -> dict:
    """Open the page, record console messages, page errors, dialogs and network requests."""
    seen: dict = {"console": [], "errors": [], "dialogs": [], "requests": [], "boxes": {}, "texts": {}}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("console", lambda m: seen["console"].append(f"{m.type}: {m.text}"))
            page.on("pageerror", lambda e: seen["errors"].append(str(e)))

            def dialog(d):
                seen["dialogs"].append(d.message)
                d.dismiss()

            page.on("dialog", dialog)
            page.on("request", lambda r: seen["requests"].append(r.url))
            page.goto(html.as_uri())
            page.wait_for_load_state("load")
            for section_id, _ in SECTIONS:
                section = page.locator(f"section#{section_id}")
                if section.count() == 0:
                    continue
                seen["boxes"][section_id] = {
                    "section": section.bounding_box() if section.is_visible() else None,
                    "svgs": [
                        svg.bounding_box() if svg.is_visible() else None
                        for svg in section.locator("svg.chart").all()
                    ],
                }
            seen["title"] = page.locator("h1#report-title").inner_text()
            seen["dom_scripts"] = page.locator("script").count()
            if screenshot is not None:
                screenshot.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(screenshot), full_page=True)
        finally:
            browser.close()
    return seen


def _assert_clean(seen: dict, html: Path) -> None:
    assert seen["console"] == [], seen["console"]
    assert seen["errors"] == [], seen["errors"]
    assert seen["dialogs"] == [], "an alert fired: the scenario name was run as a script"
    assert seen["dom_scripts"] == 0
    assert [u for u in seen["requests"] if u != html.as_uri()] == [], "the report fetched something"


def _assert_rendered(seen: dict, sections: list[str]) -> None:
    for section_id in sections:
        box = seen["boxes"].get(section_id)
        assert box is not None, f"section #{section_id} missing"
        assert box["section"] and box["section"]["width"] > 0 and box["section"]["height"] > 0, section_id
        if section_id in CHART_SECTIONS:
            assert box["svgs"], f"no chart in #{section_id}"
            assert box["svgs"][0] and box["svgs"][0]["width"] > 50 and box["svgs"][0]["height"] > 30, (
                f"chart in #{section_id} does not render: {box['svgs']}"
            )


def test_design_report_renders_in_chromium(tmp_path, sync_playwright, design_result, findings):
    html = write_reports(design_result, tmp_path, findings=findings)["report.html"]
    seen = _open(sync_playwright, html, SCREENSHOT)
    _assert_clean(seen, html)
    _assert_rendered(seen, [s for s, _ in SECTIONS if s != "comparison"])
    assert seen["title"] == design_result.scenario, "the <script> name shows as text"
    assert SCREENSHOT.stat().st_size > 10_000


def test_comparison_report_renders_in_chromium(tmp_path, sync_playwright, comparison):
    html = write_reports(comparison, tmp_path)["report.html"]
    seen = _open(sync_playwright, html, SCREENSHOT.with_name("comparison.png"))
    _assert_clean(seen, html)
    _assert_rendered(seen, [s for s, _ in SECTIONS])
