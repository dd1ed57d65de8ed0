"""User story: a DPO reads the DESC run, the six-design comparison and a sweep on a 1400 px
desktop and on a 390 px phone. Nothing scrolls sideways, no chart text spills out of its chart
or shrinks below reading size, and a jump from the navigation lands on a visible heading.

Each check runs over every element of every page, so it catches the class of defect (any
chart, any table, any future section), not one instance. Screenshots of each page at each
width are kept in results/screenshots/ for a human to look at."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.experiment import sweep
from simulator.model.load import load_scenario
from simulator.report.sweep_html import render_sweep_html
from tests.conftest import MINI, TEST_CATALOG
from tests.report.browser import MARKS, SCREENSHOTS, WIDTHS, open_page

pytestmark = MARKS
MIN_TEXT_PX = 8.0
"""Smallest chart text a reader can make out, once the SVG is scaled to the screen."""

OVERFLOWS = """() => {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > innerWidth) problems.push(`page is ${root.scrollWidth} px wide in ${innerWidth}`);
  const scrolls = e => ['auto', 'scroll', 'hidden'].includes(getComputedStyle(e).overflowX);
  for (const e of document.querySelectorAll('main *, header *')) {
    if (e.closest('svg') && e.tagName.toLowerCase() !== 'svg') continue;
    const parent = e.parentElement;
    if (!parent || scrolls(parent)) continue;
    const over = e.getBoundingClientRect().right - parent.getBoundingClientRect().right;
    if (over > 1 && getComputedStyle(parent).display !== 'inline') {
      problems.push(`<${e.tagName.toLowerCase()} ${e.id || e.className.baseVal || e.className}> `
        + `passes its container by ${Math.round(over)} px: ${(e.textContent || '').trim().slice(0, 50)}`);
    }
  }
  return problems;
}"""

CHART_TEXT = """(minPx) => {
  const problems = [];
  for (const svg of document.querySelectorAll('svg.chart')) {
    const box = svg.getBoundingClientRect();
    const scale = box.width / svg.viewBox.baseVal.width;
    for (const t of svg.querySelectorAll('text')) {
      const r = t.getBoundingClientRect();
      if (!t.textContent.trim()) continue;
      const outside = r.left < box.left - 1 || r.right > box.right + 1
        || r.top < box.top - 1 || r.bottom > box.bottom + 1;
      if (outside) {
        problems.push(`${svg.id}: "${t.textContent}" outside its chart`);
      }
      const size = parseFloat(t.getAttribute('font-size')) * scale;
      if (size < minPx) problems.push(`${svg.id}: "${t.textContent}" drawn at ${size.toFixed(1)} px`);
    }
  }
  return problems;
}"""

HIDDEN_HEADINGS = """() => {
  const problems = [];
  const nav = document.querySelector('nav.toc');
  for (const link of document.querySelectorAll('nav.toc a')) {
    const target = document.getElementById(link.getAttribute('href').slice(1));
    target.scrollIntoView();
    const heading = target.querySelector('h2') || target;
    const covered = nav ? nav.getBoundingClientRect().bottom : 0;
    if (heading.getBoundingClientRect().top < covered - 1) {
      problems.push(`#${target.id} hidden under the navigation`);
    }
  }
  return problems;
}"""


@pytest.fixture(scope="module")
def sweep_page(tmp_path_factory) -> Path:
    """A sweep over two long parameter paths, as its own HTML page."""
    scenario = load_scenario(MINI, catalog=TEST_CATALOG)
    grid = {"nodes.desk.session": ["1h", "4h"], "data.records.keys": ["hsm", None]}
    result = sweep(scenario, grid, 2, 5, horizon=240)
    path = tmp_path_factory.mktemp("sweep") / "report.html"
    path.write_text(render_sweep_html(result), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def pages(desc_run, six_designs, sweep_page) -> dict[str, Path]:
    return {
        "desc": desc_run.folder / "report.html",
        "comparison": six_designs.folder / "report.html",
        "sweep": sweep_page,
    }


@pytest.fixture(scope="module", params=WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def measured(request, pages) -> dict[str, dict]:
    """Each page opened at one width: its layout problems, and a screenshot kept."""
    width = request.param
    seen: dict[str, dict] = {}
    with open_page(width) as page:
        for name, path in pages.items():
            page.goto(path.as_uri())
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
            seen[name] = {
                "overflows": page.evaluate(OVERFLOWS),
                "chart_text": page.evaluate(CHART_TEXT, MIN_TEXT_PX),
                "hidden_headings": page.evaluate(HIDDEN_HEADINGS),
                "height": page.evaluate("document.documentElement.scrollHeight"),
            }
    return seen


@pytest.mark.parametrize("name", ["desc", "comparison", "sweep"])
def test_nothing_is_wider_than_its_container(measured, name):
    problems = measured[name]["overflows"]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", ["desc", "comparison", "sweep"])
def test_chart_text_stays_inside_its_chart_and_readable(measured, name):
    problems = measured[name]["chart_text"]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", ["desc", "comparison"])
def test_a_jump_from_the_navigation_shows_the_heading(measured, name):
    problems = measured[name]["hidden_headings"]
    assert not problems, "\n".join(problems)
