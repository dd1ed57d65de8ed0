"""User story: an architect prints the DESC run for a hospital board and its DPO, signs it and
classifies it; the PDF opens on a cover, numbers its pages, shows every finding's evidence
(collapsed on screen) and cuts no table at the right edge."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import pytest
from typer.testing import CliRunner

from simulator.cli import app
from simulator.errors import EXIT_INPUT
from simulator.report.html import Cover, render_html
from tests.report.browser import MARKS, open_page

pytestmark = MARKS
pypdf = pytest.importorskip("pypdf", reason="pypdf reads the printed report back")

AUTHOR = "Jane Doe, enterprise architect"
CLASSIFICATION = "OFFICIAL-SENSITIVE"
MAX_PAGES = 20
A4_TEXT_WIDTH_PX = 718
"""210 mm less the 2 × 10 mm margins, at 96 px per inch."""


def _plain(text: str) -> str:
    """PDF text without ligatures or line breaks, so a wrapped phrase still matches."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.fixture(scope="module")
def pages(desc_run, tmp_path_factory) -> list[str]:
    out = tmp_path_factory.mktemp("pdf")
    invoked = CliRunner().invoke(
        app,
        ["report", str(desc_run.folder), "--out", str(out), "--pdf"]
        + ["--author", AUTHOR, "--classification", CLASSIFICATION],
    )
    assert invoked.exit_code == 0, invoked.output
    assert "report.pdf" in invoked.output
    return [page.extract_text() for page in pypdf.PdfReader(out / "report.pdf").pages]


def test_the_desc_pdf_stays_a_readable_length(pages):
    assert 3 <= len(pages) < MAX_PAGES, f"{len(pages)} A4 pages"


def test_the_cover_names_title_date_author_and_classification(pages, desc_run):
    cover = _plain(pages[0])
    for expected in (desc_run.result.scenario, AUTHOR, CLASSIFICATION, date.today().isoformat(), "Contents"):
        assert _plain(expected) in cover, expected


def test_every_page_is_numbered_and_classified(pages):
    for number, text in enumerate(pages, start=1):
        plain = _plain(text)
        assert _plain(f"page {number} of {len(pages)}") in plain, f"page {number} has no number"
        assert CLASSIFICATION in plain, f"page {number} carries no classification"


def test_every_finding_prints_with_its_evidence(pages, desc_run):
    """Findings are collapsed on screen; on paper each shows, with its evidence in the annex."""
    text = _plain("".join(pages))
    assert desc_run.findings, "the DESC design has findings"
    for finding in desc_run.findings:
        assert _plain(finding.title) in text, finding.title
        for line in finding.evidence:
            assert _plain(str(line)) in text, f"evidence of {finding.id} missing: {line}"
    assert "→" in text, "no explanation path printed"


def test_no_table_or_chart_runs_past_the_printed_page(desc_run):
    html = render_html(
        desc_run.result, desc_run.findings, cover=Cover("DESC", "2026-12-01", AUTHOR, CLASSIFICATION)
    )
    with open_page(A4_TEXT_WIDTH_PX) as page:
        page.emulate_media(media="print")
        page.set_content(html)
        too_wide = page.evaluate(
            """() => [...document.querySelectorAll('table, svg.chart, .path, section')]
                .filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)
                .map(e => (e.id || e.className.baseVal || e.className || e.tagName) + ' '
                     + Math.round(e.getBoundingClientRect().right))"""
        )
    assert too_wide == [], too_wide


def test_without_chromium_the_pdf_is_refused_with_the_way_out(desc_run, tmp_path, monkeypatch):
    monkeypatch.setenv("SOVSIM_CHROMIUM", str(tmp_path / "no-chromium"))
    invoked = CliRunner().invoke(app, ["report", str(desc_run.folder), "--out", str(tmp_path), "--pdf"])
    assert invoked.exit_code == EXIT_INPUT, invoked.output
    assert "SOVSIM_CHROMIUM" in invoked.output
    assert list(tmp_path.iterdir()) == [], "nothing is written when the PDF cannot be printed"
