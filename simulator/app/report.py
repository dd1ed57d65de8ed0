"""Render the reports of a saved run folder again (after an upgrade, or into another folder)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pydantic import TypeAdapter

from simulator.app.findings_file import FINDINGS_FILE, DesignFindings, read_findings
from simulator.app.review_file import REVIEW_FILE, Review, read_review
from simulator.app.saved import read_json, validated
from simulator.errors import InputError
from simulator.experiment.result import SCHEMA_VERSION, Comparison, DesignResult
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
    """The result.json at ``path`` (or in it), read as untrusted input: a schema version this
    sovsim reads, a known kind, every field valid."""
    file = path / RESULT_FILE if path.is_dir() else path
    if not file.exists():
        raise InputError.single(path, "no result.json here; give a run folder or its result.json")
    data = read_json(file)
    if not isinstance(data, dict):
        raise InputError.single(file, "not a sovsim result: expected a JSON object")
    version = data.get("schema_version")
    if version not in SUPPORTED_VERSIONS:
        raise InputError.single(
            file,
            f"schema_version {version!r} is not one this sovsim reads ({', '.join(SUPPORTED_VERSIONS)}); "
            "run the scenario again to write a current result",
            loc=("schema_version",),
        )
    model = _KINDS.get(data.get("kind"))
    if model is None:
        raise InputError.single(file, f"must be one of {', '.join(_KINDS)}", loc=("kind",))
    return validated(file, model, data)


SUPPORTED_VERSIONS = (SCHEMA_VERSION,)
_KINDS: dict[object, TypeAdapter[DesignResult] | TypeAdapter[Comparison]] = {
    "design": TypeAdapter(DesignResult),
    "comparison": TypeAdapter(Comparison),
}
