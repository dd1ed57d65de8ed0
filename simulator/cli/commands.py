"""The ``sovsim`` commands: parse the options, call :mod:`simulator.app`, print the answer."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.markup import escape

from simulator import app as application
from simulator.app.review_file import Review
from simulator.cli.options import (
    AcceptancesOption,
    CatalogOption,
    ExperimentOptions,
    JsonFlag,
    OutRoot,
    RuleSetOption,
    RulesOption,
    ScenarioFile,
    experiment_options,
)
from simulator.cli.output import (
    out,
    print_check,
    print_explanation,
    print_json,
    print_problems,
    progress,
    ranking_table,
    report_path,
    summary_table,
    user_errors,
    warn,
    written,
)
from simulator.cli.signals import stop_on_sigterm
from simulator.compliance import Finding
from simulator.compliance.render import counts_line, findings_document
from simulator.errors import EXIT_FINDINGS, EXIT_INPUT, InputError
from simulator.experiment import DEFAULT_ROOT, HEADLINE_KEYS, HEADLINE_METRIC, grid_size, parse_params
from simulator.io import atomic_write_text
from simulator.model.assertion import Severity
from simulator.model.scenario import Scenario
from simulator.model.units import format_hours
from simulator.text import visible_json
from simulator.version import sovsim_version

EXIT_CODES = (
    "Exit codes: 0 success; 1 `check` found a finding at or above --fail-on; "
    "2 invalid input (file:line:column: field: message); 130 interrupted."
)
app = typer.Typer(
    name="sovsim",
    help="Simulate where health data becomes readable by regimes foreign to the data controller.\n\n"
    + EXIT_CODES,
    no_args_is_help=True,
    rich_markup_mode="markdown",
    add_completion=False,
)


def _show_version(value: bool) -> None:
    if value:
        out.print(f"sovsim {sovsim_version()}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Simulate where health data becomes readable by regimes foreign to the data controller."""
    stop_on_sigterm()


@app.command(epilog="Example: `sovsim validate scenarios/desc-azure-axon.yaml`")
def validate(
    files: Annotated[list[Path], typer.Argument(help="Scenario YAML files.", show_default=False)],
    catalog: CatalogOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print problems as JSON for scripts.")] = False,
) -> None:
    """Check scenario files against the schema and the catalogues; list every problem."""
    checks = application.validate(files, catalog)
    problems = [problem for check in checks for problem in check.problems]
    if as_json:
        document = {"valid": not problems, "problems": [p.as_dict() for p in problems]}
        out.print_json(json.dumps(document), ensure_ascii=True)
    else:
        for check in checks:
            if not check.problems:
                out.print(f"[green]valid[/green] {escape(str(check.path))}", highlight=False)
        if problems:
            print_problems(problems)
    if problems:
        raise typer.Exit(EXIT_INPUT)


@app.command(epilog="Example: `sovsim schema --output scenario.schema.json`")
def schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
) -> None:
    """Write the JSON Schema of scenario files (for editor completion and checks)."""
    text = json.dumps(Scenario.model_json_schema(by_alias=True), indent=2, sort_keys=True) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        with user_errors():
            atomic_write_text(output, text)
        out.print(f"wrote {escape(str(output))}", highlight=False, soft_wrap=True)


@app.command(epilog="Example: `sovsim explain scenarios/desc-azure-axon.yaml --regime us-cloud-act`")
def explain(
    file: ScenarioFile,
    catalog: CatalogOption = None,
    output_format: Annotated[
        Literal["text", "json"],
        typer.Option("--format", help="text for people; json (or --json) for scripts."),
    ] = "text",
    as_json: JsonFlag = False,
    regime: Annotated[list[str] | None, typer.Option(help="Only these regimes (repeatable).")] = None,
    all_verdicts: Annotated[
        bool, typer.Option("--all", help="Also list what protections keep unreadable.")
    ] = False,
) -> None:
    """Show, without simulating, which regime can read which data where, and why.

    For every node and data class: the states (rest, processing, transit, support) each
    regime can compel in readable form, with the explanation path from the regime through
    the ownership chain to the node. Nothing is random here.
    """
    with user_errors():
        [scenario] = application.load([file], catalog)
        unknown = sorted(set(regime or []) - set(scenario.regimes))
        if unknown:
            raise InputError.single(
                file, f"unknown regime(s) {', '.join(unknown)}; known: {', '.join(sorted(scenario.regimes))}"
            )
        data = application.explain(scenario, set(regime or []))
    if as_json or output_format == "json":
        sys.stdout.write(visible_json(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)) + "\n")
        return
    print_explanation(data, all_verdicts)


@app.command(epilog="Example: `sovsim run scenarios/hdh-azure.yaml --reps 50 --workers 2`")
@experiment_options()
def run(
    file: ScenarioFile,
    options: ExperimentOptions,
    out_root: OutRoot = DEFAULT_ROOT,
    catalog: CatalogOption = None,
    rules: RulesOption = None,
    acceptances: AcceptancesOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Simulate one design over replications and write result.json and the reports.

    Writes `result.json` (versioned, see `simulator/experiment/result.schema.json`),
    `findings.json`, `findings.csv`, `review.json`, `summary.md`, `report.md`, `report.html`
    and CSV tables under `results/<scenario>/<run-id>/`, each atomically, and prints a summary
    table. The summary's "what would change the verdict" re-runs the design with each built-in
    mitigation it lacks (at most 5, `--mitigation-reps` replications each, same seed).
    """
    with user_errors():
        [scenario] = application.load([file], catalog)
        decisions = application.load_acceptances(acceptances) if acceptances else []
        settings = options.settings()
        warn(application.check_work([scenario], settings, file, mitigations=True))
        done = application.run(scenario, settings, out_root, rules or [], progress(as_json), decisions)
    result = done.result
    review = done.review
    if as_json:
        summary = [h.model_dump(mode="json", exclude={"values"}) for h in result.summary]
        verdict = _design_verdict(done.findings, scenario.name, review, 0)
        print_json({**written(done.files), "summary": summary, **verdict})
        return
    out.print(summary_table(result))
    parameters = result.parameters
    out.print(
        f"horizon {format_hours(parameters.horizon_hours)}, {parameters.replications} replications, "
        f"seed {options.seed}"
    )
    out.print(counts_line(done.findings, review.decisions[0]), highlight=False)
    report_path(done.files["report.html"])


@app.command(
    epilog="Example: `sovsim compare scenarios/hdh-azure.yaml scenarios/secnumcloud-host.yaml --reps 30`"
)
@experiment_options("mitigation_reps")
def compare(
    files: Annotated[
        list[Path],
        typer.Argument(help="Scenario files of the designs; the first is the baseline.", show_default=False),
    ],
    options: ExperimentOptions,
    out_root: OutRoot = DEFAULT_ROOT,
    catalog: CatalogOption = None,
    rules: RulesOption = None,
    acceptances: AcceptancesOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Run several hosting designs on common random numbers, rank them, write one report.

    Every design sees the same workload, incidents and demands (replication i of each uses
    the same seed), so paired differences against the first design have tight confidence
    intervals. Writes the comparison's result.json and reports under
    `results/<comparison>/<run-id>/` and prints the ranking and the report's path.
    """
    with user_errors():
        scenarios = application.load(files, catalog)
        decisions = application.load_acceptances(acceptances) if acceptances else []
        settings = options.settings()
        warn(application.check_work(scenarios, settings, files[0]))
        done = application.compare(scenarios, settings, out_root, rules or [], progress(as_json), decisions)
    if as_json:
        ranking = [entry.model_dump(mode="json") for entry in done.comparison.ranking]
        designs = [
            {
                "design": scenario.name,
                **_design_verdict(done.findings[index], scenario.name, done.review, index),
            }
            for index, scenario in enumerate(scenarios)
        ]
        print_json({**written(done.files), "ranking": ranking, "designs": designs})
        return
    out.print(ranking_table(done.comparison))
    report_path(done.files["report.html"])


@app.command(
    epilog="Example: `sovsim check scenarios/secnumcloud-host.yaml --fail-on high` (exit 1 on a violation)"
)
@experiment_options("horizon", "target", "executor", "scheduler", "mitigation_reps")
def check(
    file: ScenarioFile,
    options: ExperimentOptions,
    fail_on: Annotated[
        Severity, typer.Option(help="Exit 1 when a finding of this severity or above holds.")
    ] = "high",
    static: Annotated[
        bool, typer.Option("--static", help="Check the static reach map only; do not simulate.")
    ] = False,
    catalog: CatalogOption = None,
    rules: RulesOption = None,
    rule_sets: RuleSetOption = None,
    acceptances: AcceptancesOption = None,
    output_format: Annotated[
        Literal["table", "json", "sarif"],
        typer.Option(
            "--format", help="table for people; json for scripts (as --json); sarif for code-review tools."
        ),
    ] = "table",
    as_json: JsonFlag = False,
) -> None:
    """Is this design allowed? Evaluate the rule sets that apply and the scenario's assertions.

    Rule sets say where they apply, from the data controller the scenario names: GDPR
    Chapter V, HDS 2024, SecNumCloud 3.2, SREN art. 31 and "cloud au centre" for French
    controllers; UK GDPR Chapter V, or DPA 2018 Part 3 for law-enforcement processing, for UK
    ones; EUDPR Chapter V and the EU Cloud Sovereignty Framework for EU institutions. The
    table printed first says which ran and why the others did not; `--rule-set ID` runs one
    anyway. Plus `--rules` files and the scenario's own `assertions:`. Without `--static` the
    design is simulated first so that assertions about hours and probabilities are checked on
    the replications. `--acceptances FILE` lists risk decisions: a finding accepted, mitigated
    or judged a false positive no longer fails the check until its expiry date; once expired
    it counts as open again. `--format sarif` writes SARIF 2.1.0, each result at the scenario
    (or catalogue) line that causes it. For CI pipelines: exit 1 when an open finding at or
    above `--fail-on` holds, 0 otherwise, 2 on bad input.
    """
    output_format = "json" if as_json else output_format
    quiet = output_format != "table"
    with user_errors():
        [scenario] = application.load([file], catalog)
        decisions = application.load_acceptances(acceptances) if acceptances else []
        settings = options.settings()
        if not static:
            warn(application.check_work([scenario], settings, file))
        done = application.check(
            scenario,
            fail_on,
            static,
            settings,
            rules or [],
            progress(quiet),
            force=rule_sets or [],
            acceptances=decisions,
        )
        if output_format == "sarif":
            print_json(application.sarif(done, scenario, file, catalog))
    if output_format == "json":
        document = findings_document(
            done.findings, scenario.name, fail_on, done.rule_sets, done.assertions, done.decisions
        )
        print_json({**document, "unmatched_acceptances": done.unmatched})
    elif output_format == "table":
        print_check(done, scenario.name, fail_on)
    if done.failed:
        raise typer.Exit(EXIT_FINDINGS)


def _design_verdict(findings: list[Finding], name: str, review: Review, index: int) -> dict:
    """What ``run --json`` and ``compare --json`` say of a design's findings and assertions:
    counts by severity (all and open), each assertion's figure, the risk decisions."""
    document = findings_document(findings, name, None, (), review.assertions[index], review.decisions[index])
    keys = ("counts", "open_counts", "assertions", "decisions")
    return {key: document[key] for key in keys} | {"findings": len(findings)}


@app.command(
    epilog="Example: `sovsim report results/police-scotland-desc-on-azure-uk-via-axon` "
    "(the latest run of that scenario)"
)
def report(
    path: Annotated[
        Path,
        typer.Argument(
            help="A result.json, the run folder holding it, or a scenario's results folder (its latest run).",
            show_default=False,
        ),
    ],
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Folder for the reports (default: beside result.json).")
    ] = None,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Also print report.pdf (A4, cover, page numbers) with Chromium.")
    ] = False,
    author: Annotated[str, typer.Option(help="Author named on the PDF's cover.")] = "not stated",
    classification: Annotated[
        str, typer.Option(help="Classification on the PDF's cover and every page.")
    ] = "unclassified",
) -> None:
    """Render report.md, report.html and CSV tables again from a saved result.json.

    Findings are taken from the `findings.json` beside it when present. With `--pdf`, the
    HTML report is printed to A4 by the system's Chromium (`$SOVSIM_CHROMIUM` to choose one):
    a cover, contents, every section expanded and the findings' evidence in an annex.
    """
    printed = application.PrintOptions(author=author, classification=classification) if pdf else None
    with user_errors():
        done = application.report(path, out_dir, printed)
    for target in sorted(done.files.values()):
        out.print(f"wrote {escape(str(target))}", highlight=False, soft_wrap=True)


@app.command(
    name="sweep",
    epilog="Example: `sovsim sweep scenarios/desc-azure-axon.yaml "
    "--param nodes.ms-support.escalation.probability=0.05,0.2,0.5 --param data.evidence.keys=spa-keys,`",
)
@experiment_options("target", "mitigation_reps")
def sweep_cmd(
    file: ScenarioFile,
    param: Annotated[
        list[str],
        typer.Option(
            "--param",
            help="PATH=V1,V2,... into the scenario; an empty value unsets it. Repeatable.",
            show_default=False,
        ),
    ],
    options: ExperimentOptions,
    metric: Annotated[str, typer.Option(help="Headline metric of the tornado chart.")] = HEADLINE_METRIC,
    out_root: OutRoot = DEFAULT_ROOT,
    catalog: CatalogOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Sweep assumptions over a grid, on common random numbers, with a tornado chart.

    Every combination of the `--param` values is a variant of the scenario, validated before
    anything runs. Each finished point is saved in the sweep's folder (named after the scenario,
    parameters, seed, replications and horizon, not the time), so rerunning the same command
    after an interruption resumes where it stopped. Writes `sweep.json` and `report.html`.
    """
    with user_errors():
        if metric not in HEADLINE_KEYS:
            raise InputError.single(
                Path("--metric"), f"unknown metric {metric!r}; use one of: {', '.join(HEADLINE_KEYS)}"
            )
        [scenario] = application.load([file], catalog)
        settings = options.settings()
        params = parse_params(param)
        warn(application.check_work([scenario], settings, file, points=grid_size(params)))
        done = application.sweep(scenario, params, settings, metric, out_root, progress(as_json))
    if as_json:
        print_json(
            {
                "sweep": str(done.files["sweep.json"]),
                "report": str(done.files["report.html"]),
                "points": len(done.result.points),
                "reused": done.result.reused,
            }
        )
        return
    out.print(f"{len(done.result.points)} point(s), {done.result.reused} reused from an earlier run")
    report_path(done.files["report.html"])
