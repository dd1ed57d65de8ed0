"""The application layer: what each sovsim command does, one function with a typed answer each.

The CLI, the Python API and the benchmarks call these, so none of them assembles the pipeline
(load → analyse → simulate → evaluate → write) itself::

    from simulator import app
    scenario, = app.load([Path("scenarios/hdh-azure.yaml")])
    done = app.run(scenario, app.ExperimentSettings(replications=20, workers=2))
    print(done.folder, len(done.findings))
"""

from simulator.app.budget import check_work
from simulator.app.check import CheckOutcome, check, sarif
from simulator.app.report import PrintOptions, ReportOutcome, report
from simulator.app.review_file import Review
from simulator.app.runs import CompareOutcome, RunOutcome, SweepInterrupted, SweepOutcome, compare, run, sweep
from simulator.app.scenarios import Validation, explain, load, validate
from simulator.app.settings import ExperimentSettings, Progress, ProgressBar, no_progress
from simulator.compliance.acceptances import load_acceptances

__all__ = [
    "CheckOutcome",
    "CompareOutcome",
    "ExperimentSettings",
    "PrintOptions",
    "Progress",
    "ProgressBar",
    "ReportOutcome",
    "Review",
    "RunOutcome",
    "SweepInterrupted",
    "SweepOutcome",
    "Validation",
    "check",
    "check_work",
    "compare",
    "explain",
    "load",
    "load_acceptances",
    "no_progress",
    "report",
    "run",
    "sarif",
    "sweep",
    "validate",
]
