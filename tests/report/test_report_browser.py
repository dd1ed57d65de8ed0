"""User story: a developer opens report.html in a real browser; every section and chart renders,
nothing runs, nothing is fetched, and a screenshot is kept for a human to look at."""

from __future__ import annotations

from pathlib import Path

from simulator.report import SECTIONS, write_reports
from tests.report.browser import MARKS, SCREENSHOTS, open_page

SCREENSHOT = SCREENSHOTS / "report.png"
CHART_SECTIONS = ("heatmap", "stacked-bars", "timeline", "topology", "transfers", "disclosures", "comparison")

pytestmark = MARKS


def _open(html: Path, screenshot: Path | None = None) -> dict:
    """Open the page, record console messages, page errors, dialogs and network requests."""
    seen: dict = {"console": [], "errors": [], "dialogs": [], "requests": [], "boxes": {}, "texts": {}}
    with open_page() as page:
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


def test_design_report_renders_in_chromium(tmp_path, design_result, findings):
    html = write_reports(design_result, tmp_path, findings=findings)["report.html"]
    seen = _open(html, SCREENSHOT)
    _assert_clean(seen, html)
    _assert_rendered(seen, [s for s, _ in SECTIONS if s != "comparison"])
    assert seen["title"] == design_result.scenario, "the <script> name shows as text"
    assert SCREENSHOT.stat().st_size > 10_000


def test_comparison_report_renders_in_chromium(tmp_path, comparison):
    html = write_reports(comparison, tmp_path)["report.html"]
    seen = _open(html, SCREENSHOT.with_name("comparison.png"))
    _assert_clean(seen, html)
    _assert_rendered(seen, [s for s, _ in SECTIONS])
