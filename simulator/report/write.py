"""Write the reports of one result document into a run folder, each file atomically.

``result.json`` is the store's job (:func:`simulator.experiment.store.save_result`); this
writes ``report.md``, ``report.html`` and the CSV tables next to it. Each file goes through
:func:`~simulator.io.atomic_write_text`, so an interrupted run leaves either the
previous file or the new one, never half of one. All texts are rendered before the first
write, so a rendering error writes nothing.
"""

from __future__ import annotations

from pathlib import Path

from simulator.experiment.result import Comparison, DesignResult
from simulator.io import atomic_write_text
from simulator.report.csv import render_csv
from simulator.report.findings import Findings
from simulator.report.html import render_html
from simulator.report.markdown import render_markdown, render_summary
from simulator.report.review import ReportReview

MARKDOWN_FILE = "report.md"
HTML_FILE = "report.html"
SUMMARY_FILE = "summary.md"


def render_reports(
    document: DesignResult | Comparison, findings: Findings = None, review: ReportReview | None = None
) -> dict[str, str]:
    """File name → text of every report file (Markdown, summary, HTML, CSV tables)."""
    texts = {
        MARKDOWN_FILE: render_markdown(document, findings, review),
        SUMMARY_FILE: render_summary(document, findings, review),
        HTML_FILE: render_html(document, findings, review),
    }
    texts.update(render_csv(document, findings, review))
    return texts


def write_reports(
    document: DesignResult | Comparison,
    out_dir: Path | str,
    findings: Findings = None,
    review: ReportReview | None = None,
) -> dict[str, Path]:
    """Render and write ``report.md``, ``report.html`` and ``*.csv`` into ``out_dir``.

    ``findings``: compliance findings to show (a list, or a mapping from design index to
    that design's list); ``None`` says no rule set was evaluated. ``review``: the assertions,
    risk decisions and mitigation re-runs the summary shows (``None``: none).
    Returns file name → path written.
    """
    folder = Path(out_dir)
    texts = render_reports(document, findings, review)
    return {name: atomic_write_text(folder / name, text) for name, text in texts.items()}
