"""Render the reports of a saved run folder again (after an upgrade, or into another folder)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from simulator.app.findings_file import FINDINGS_FILE, DesignFindings, read_findings
from simulator.app.review_file import REVIEW_FILE, Review, read_review
from simulator.errors import InputError
from simulator.experiment import load_result
from simulator.experiment.result import Comparison, DesignResult
from simulator.experiment.store import RESULT_FILE
from simulator.io import atomic_write_bytes, writable_folder
from simulator.report.html import Cover
from simulator.report.pdf import PDF_FILE, render_pdf
from simulator.report.view import title_of
from simulator.report.write import write_reports


@dataclass(frozen=True)
class PrintOptions:
    """Who signs the printed report and how it is classified (its cover and page bands)."""

    author: str = "not stated"
    classification: str = "unclassified"
    day: date | None = None


@dataclass(frozen=True)
class ReportOutcome:
    """The saved result, the findings found beside it, and the report files written."""

    document: DesignResult | Comparison
    findings: DesignFindings | None
    files: dict[str, Path]
    review: Review | None = None


def report(path: Path, out_dir: Path | None = None, printed: PrintOptions | None = None) -> ReportOutcome:
    """Write report.md, report.html and the CSV tables of the ``result.json`` at ``path`` (or in
    it, or in the latest run of the scenario folder it names); with ``printed``, ``report.pdf`` too.

    Findings come from the ``findings.json`` beside it when there is one, the summary's
    assertions, risk decisions and mitigations from ``review.json``. The reports go
    beside ``result.json`` unless ``out_dir`` is given.
    """
    path = latest_run(path)
    document = _saved_result(path)
    folder = path if path.is_dir() else path.parent
    target = writable_folder(out_dir or folder)
    findings = read_findings(folder / FINDINGS_FILE)
    review = read_review(folder / REVIEW_FILE)
    pdf = None if printed is None else render_pdf(document, findings, review, _cover(document, printed))
    files = write_reports(document, target, findings, review)
    if pdf is not None:  # printed first: a missing Chromium leaves the folder as it was
        files[PDF_FILE] = atomic_write_bytes(target / PDF_FILE, pdf)
    return ReportOutcome(document, findings, files, review)


def latest_run(path: Path) -> Path:
    """``path`` itself, or, for a scenario's results folder (``results/<scenario>/``), its
    latest run: run ids start with the UTC time, so the last by name is the newest."""
    if not path.is_dir() or (path / RESULT_FILE).exists():
        return path
    runs = sorted(child for child in path.iterdir() if (child / RESULT_FILE).is_file())
    return runs[-1] if runs else path


def _cover(document: DesignResult | Comparison, printed: PrintOptions) -> Cover:
    return Cover(
        title=title_of(document),
        date=(printed.day or date.today()).isoformat(),
        author=printed.author,
        classification=printed.classification,
    )


def _saved_result(path: Path) -> DesignResult | Comparison:
    try:
        return load_result(path)
    except FileNotFoundError:
        raise InputError.single(path, "no result.json here; give a run folder or its result.json") from None
    except (OSError, ValueError) as exc:  # pydantic's ValidationError is a ValueError
        raise InputError.single(path, f"not a sovsim result: {str(exc).splitlines()[0]}") from None
