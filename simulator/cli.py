"""The ``sovsim`` command line: parse the options, call :mod:`simulator.app`, print the answer.

Exit codes: 0 success; 1 ``check`` found a violation at or above ``--fail-on``;
2 invalid input (file, line and field are printed); 130 interrupted.
"""

from __future__ import annotations

import functools
import inspect
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Annotated, Any, Literal, cast, get_type_hints

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from simulator import app as application
from simulator.app import ExperimentSettings, ProgressBar
from simulator.compliance.render import findings_document, findings_table
from simulator.errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERRUPTED, InputError, Problem
from simulator.experiment import (
    DEFAULT_REPLICATIONS,
    DEFAULT_ROOT,
    DEFAULT_SEED,
    HEADLINE_KEYS,
    HEADLINE_METRIC,
    parse_params,
)
from simulator.experiment.result import Comparison, DesignResult, Interval
from simulator.io import atomic_write_text
from simulator.model.assertion import Severity
from simulator.model.scenario import Scenario
from simulator.model.units import format_hours, parse_duration
from simulator.version import sovsim_version

EXIT_CODES = (
    "Exit codes: 0 success; 1 `check` found a finding at or above --fail-on; "
    "2 invalid input (file:line:column: field: message); 130 interrupted."
)
app = typer.Typer(
    name="sovsim",
    help="Simulate where sensitive health data becomes readable by non-EU legal regimes.\n\n" + EXIT_CODES,
    no_args_is_help=True,
    rich_markup_mode="markdown",
    add_completion=False,
)
out = Console()
err = Console(stderr=True)


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
    """Simulate where sensitive health data becomes readable by non-EU legal regimes."""


# --------------------------------------------------------------------------- options

ScenarioFile = Annotated[Path, typer.Argument(help="Scenario YAML file.", show_default=False)]
CatalogOption = Annotated[
    Path | None,
    typer.Option(
        "--catalog", help="Catalogue folder with regimes.yaml and entities.yaml (default: bundled)."
    ),
]
OutRoot = Annotated[
    Path, typer.Option("--out", help="Folder under which results/<scenario>/<run-id>/ is written.")
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print a JSON summary for scripts instead of tables.")]
RulesOption = Annotated[
    list[Path] | None, typer.Option("--rules", help="Extra rule file (YAML), repeatable.")
]

Reps = Annotated[
    int,
    typer.Option(
        "--reps", min=1, help="Replications (maximum, with --target).", rich_help_panel="Experiment"
    ),
]
Seed = Annotated[
    int, typer.Option(help="Seed of the replications' random streams.", rich_help_panel="Experiment")
]
Horizon = Annotated[
    str | None,
    typer.Option(
        help="Simulated time, e.g. 365d or 24mo (default: the scenario's).", rich_help_panel="Experiment"
    ),
]
Workers = Annotated[
    int,
    typer.Option(
        min=1, help="Local worker processes; results do not depend on it.", rich_help_panel="Experiment"
    ),
]
Target = Annotated[
    float | None,
    typer.Option(
        "--target",
        min=0.0,
        help="Stop once the headline 95 % CI half-width is this share of the mean, e.g. 0.05.",
        rich_help_panel="Experiment",
    ),
]
ExecutorOption = Annotated[
    Literal["process", "dask"],
    typer.Option(
        "--executor",
        help="Where replications run: local processes, or a Dask cluster.",
        rich_help_panel="Experiment",
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a local cluster).",
        rich_help_panel="Experiment",
    ),
]


@dataclass(frozen=True)
class ExperimentOptions:
    """The options of ``run``, ``compare``, ``sweep`` and ``check`` that say how replications run.

    Declared once here; :func:`experiment_options` gives a command these fields as its options.
    """

    reps: Reps = DEFAULT_REPLICATIONS
    seed: Seed = DEFAULT_SEED
    horizon: Horizon = None
    workers: Workers = 1
    target: Target = None
    executor: ExecutorOption = "process"
    scheduler: SchedulerOption = None

    def settings(self) -> ExperimentSettings:
        """The typed settings; a horizon that is not a positive duration is an input error."""
        return ExperimentSettings(
            self.reps,
            self.seed,
            _horizon(self.horizon),
            self.workers,
            self.target,
            self.executor,
            self.scheduler,
        )


Command = Callable[..., None]
_KEYWORD = inspect.Parameter.KEYWORD_ONLY  # Typer passes every option by name


def experiment_options(*omit: str) -> Callable[[Command], Command]:
    """Give a command the :class:`ExperimentOptions` fields (less ``omit``) as Typer options.

    The command declares one parameter ``options: ExperimentOptions``; Typer sees the fields
    in its place, and the command receives them gathered in one dataclass.
    """
    hints = get_type_hints(ExperimentOptions, include_extras=True)
    shared = [
        inspect.Parameter(
            item.name, inspect.Parameter.KEYWORD_ONLY, default=item.default, annotation=hints[item.name]
        )
        for item in fields(ExperimentOptions)
        if item.name not in omit
    ]

    def decorate(command: Command) -> Command:
        own = get_type_hints(command, include_extras=True)
        parameters = []
        for parameter in inspect.signature(command).parameters.values():
            if parameter.name == "options":
                parameters += shared
            else:
                parameters.append(
                    parameter.replace(kind=inspect.Parameter.KEYWORD_ONLY, annotation=own[parameter.name])
                )

        @functools.wraps(command)
        def with_options(**values: Any) -> None:
            options = ExperimentOptions(**{item.name: values.pop(item.name) for item in shared})
            command(options=options, **values)

        cast(Any, with_options).__signature__ = inspect.Signature(parameters)
        with_options.__annotations__ = {item.name: item.annotation for item in parameters}
        return with_options

    return decorate


def _horizon(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        hours = parse_duration(value)
    except ValueError as exc:
        raise InputError.single(Path("--horizon"), str(exc)) from None
    if not isinstance(hours, float) or hours <= 0:
        raise InputError.single(Path("--horizon"), "must be a positive duration such as 365d")
    return hours


# --------------------------------------------------------------------------- printing


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        err.print(f"[red]error[/red] {escape(str(problem))}", highlight=False, soft_wrap=True)
    err.print(f"{len(problems)} problem(s) found.", highlight=False)


@contextmanager
def _user_errors() -> Iterator[None]:
    """Turn user mistakes into messages and exit codes, never tracebacks."""
    try:
        yield
    except InputError as exc:
        _print_problems(exc.problems)
        raise typer.Exit(EXIT_INPUT) from None
    except application.SweepInterrupted as exc:
        err.print(
            f"interrupted; finished points are saved in {exc.folder}: rerun the same command to resume."
        )
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except KeyboardInterrupt:
        err.print("interrupted; nothing half-written was left behind.")
        raise typer.Exit(EXIT_INTERRUPTED) from None


@contextmanager
def _rich_bar(total: int, label: str, quiet: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A Rich progress bar, on stderr, so stdout stays clean for --json."""
    if quiet:
        yield None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task(label, total=total)

        def update(done: int, new_total: int) -> None:
            bar.update(task, completed=done, total=new_total)

        yield update


def _progress(quiet: bool) -> ProgressBar:
    return functools.partial(_rich_bar, quiet=quiet)


def _print_json(payload: object) -> None:
    sys.stdout.write(json.dumps(payload, indent=2, sort_keys=True) + "\n")


def _fmt(value: float) -> str:
    return f"{value:,.4g}" if abs(value) < 1e6 else f"{value:,.3e}"


def _interval(item: Interval) -> str:
    if item.low is None or item.high is None:
        return _fmt(item.mean)
    if item.method == "wilson":
        return f"{_fmt(item.mean)} [{_fmt(item.low)}, {_fmt(item.high)}]"
    return f"{_fmt(item.mean)} ± {_fmt(item.half_width)}"


def _summary_table(result: DesignResult) -> Table:
    table = Table(title=escape(result.scenario))
    table.add_column("metric")
    table.add_column("mean ± 95 % CI half-width [or interval]", justify="right")
    table.add_column("unit")
    for headline in result.summary:
        table.add_row(escape(headline.label), _interval(headline.value), headline.unit)
    return table


def _ranking_table(comparison: Comparison) -> Table:
    table = Table(title=f"Designs ranked by {comparison.rank_by} (lower is better)")
    for column in ("rank", "design", "mean ± 95 % CI half-width", "vs baseline"):
        table.add_column(column)
    verdicts = {d.design: d for d in comparison.differences if d.metric == comparison.rank_by}
    for entry in comparison.ranking:
        diff = verdicts.get(entry.design)
        if entry.design == comparison.baseline:
            versus = "baseline"
        else:
            versus = f"{_interval(diff.difference)} ({diff.verdict})" if diff else "—"
        table.add_row(str(entry.rank), escape(entry.scenario), _interval(entry.value), versus)
    return table


def _report_path(folder: Path) -> None:
    out.print(f"report: [bold]{escape(str(folder / 'report.html'))}[/bold]", highlight=False)


# --------------------------------------------------------------------------- commands


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
        out.print_json(json.dumps({"valid": not problems, "problems": [p.as_dict() for p in problems]}))
    else:
        for check in checks:
            if not check.problems:
                out.print(f"[green]valid[/green] {escape(str(check.path))}", highlight=False)
        if problems:
            _print_problems(problems)
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
        atomic_write_text(output, text)
        out.print(f"wrote {escape(str(output))}", highlight=False)


@app.command(epilog="Example: `sovsim explain scenarios/desc-azure-axon.yaml --regime us-cloud-act`")
def explain(
    file: ScenarioFile,
    catalog: CatalogOption = None,
    output_format: Annotated[
        Literal["text", "json"], typer.Option("--format", help="text for people, json for scripts.")
    ] = "text",
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
    with _user_errors():
        [scenario] = application.load([file], catalog)
        unknown = sorted(set(regime or []) - set(scenario.regimes))
        if unknown:
            raise InputError.single(
                file, f"unknown regime(s) {', '.join(unknown)}; known: {', '.join(sorted(scenario.regimes))}"
            )
        data = application.explain(scenario, set(regime or []))
    if output_format == "json":
        sys.stdout.write(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
        return
    _print_explanation(data, all_verdicts)


def _print_explanation(data: dict[str, Any], all_verdicts: bool) -> None:
    out.print(f"[bold]{escape(data['scenario'])}[/bold]", highlight=False)
    out.print(_reach_table(data["entities"]))
    for node in data["nodes"]:
        lines = _verdict_lines(node, all_verdicts)
        if lines:
            out.print(f"\n[bold]{escape(node['node'])}[/bold] ({node['kind']})", highlight=False)
            for line in lines:
                out.print(line, highlight=False, soft_wrap=True)
    readable = sum(v["readable"] for n in data["nodes"] for d in n["data"] for v in d["verdicts"])
    out.print(f"\n{readable} readable exposure(s).", highlight=False)


def _reach_table(entities: list[dict[str, Any]]) -> Table:
    table = Table(title="Who reaches whom", show_lines=False)
    for column in ("entity", "country", "non-EU capital", "reached by", "minority holdings"):
        table.add_column(column)
    for entity in entities:
        holdings = "\n".join(
            f"{m['regime']}: {m['share']:.0%} ({', '.join(m['holders'])})"
            for m in entity["minority_holdings"]
        )
        table.add_row(
            escape(entity["name"]),
            entity["country"],
            f"{entity['non_eu_share']:.0%}",
            "\n".join(f"{r['regime']} ({r['basis']})" for r in entity["reached_by"]) or "—",
            holdings or "—",
        )
    return table


def _verdict_lines(node: dict[str, Any], all_verdicts: bool) -> list[str]:
    verdicts = [verdict for per_data in node["data"] for verdict in per_data["verdicts"]]
    return [
        f"  [red]READABLE[/red] {v['state']:<10} {escape(v['path'])}"
        if v["readable"]
        else f"  [green]protected[/green] {v['state']:<9} {escape(v['path'])}"
        for v in verdicts
        if v["readable"] or all_verdicts
    ]


@app.command(epilog="Example: `sovsim run scenarios/hdh-azure.yaml --reps 50 --workers 2`")
@experiment_options()
def run(
    file: ScenarioFile,
    options: ExperimentOptions,
    out_root: OutRoot = DEFAULT_ROOT,
    catalog: CatalogOption = None,
    rules: RulesOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Simulate one design over replications and write result.json and the reports.

    Writes `result.json` (versioned, see `simulator/experiment/result.schema.json`),
    `findings.json`, `report.md`, `report.html` and CSV tables under
    `results/<scenario>/<run-id>/`, each atomically, and prints a summary table.
    """
    with _user_errors():
        [scenario] = application.load([file], catalog)
        done = application.run(scenario, options.settings(), out_root, rules or [], _progress(as_json))
    result = done.result
    if as_json:
        _print_json(
            {
                "result": str(done.folder / "result.json"),
                "report": str(done.folder / "report.html"),
                "summary": [h.model_dump(mode="json", exclude={"values"}) for h in result.summary],
                "findings": len(done.findings),
            }
        )
        return
    out.print(_summary_table(result))
    parameters = result.parameters
    out.print(
        f"horizon {format_hours(parameters.horizon_hours)}, {parameters.replications} replications, "
        f"seed {options.seed}"
    )
    out.print(
        f"{len(done.findings)} compliance finding(s); "
        f"report: [bold]{escape(str(done.folder / 'report.html'))}[/bold]",
        highlight=False,
    )


@app.command(
    epilog="Example: `sovsim compare scenarios/hdh-azure.yaml scenarios/secnumcloud-host.yaml --reps 30`"
)
@experiment_options()
def compare(
    files: Annotated[
        list[Path],
        typer.Argument(help="Scenario files of the designs; the first is the baseline.", show_default=False),
    ],
    options: ExperimentOptions,
    out_root: OutRoot = DEFAULT_ROOT,
    catalog: CatalogOption = None,
    rules: RulesOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Run several hosting designs on common random numbers, rank them, write one report.

    Every design sees the same workload, incidents and demands (replication i of each uses
    the same seed), so paired differences against the first design have tight confidence
    intervals. Writes the comparison's result.json and reports under
    `results/<comparison>/<run-id>/` and prints the ranking and the report's path.
    """
    with _user_errors():
        scenarios = application.load(files, catalog)
        done = application.compare(scenarios, options.settings(), out_root, rules or [], _progress(as_json))
    if as_json:
        _print_json(
            {
                "result": str(done.folder / "result.json"),
                "report": str(done.folder / "report.html"),
                "ranking": [entry.model_dump(mode="json") for entry in done.comparison.ranking],
            }
        )
        return
    out.print(_ranking_table(done.comparison))
    _report_path(done.folder)


@app.command(
    epilog="Example: `sovsim check scenarios/secnumcloud-host.yaml --fail-on high` (exit 1 on a violation)"
)
@experiment_options("horizon", "target", "executor", "scheduler")
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
    as_json: JsonFlag = False,
) -> None:
    """Is this design allowed? Evaluate the rule sets and the scenario's assertions.

    Rule sets: SecNumCloud 3.2 immunity, HDS 2024, SREN art. 31, GDPR Chapter V, doctrine
    "cloud au centre", EU Cloud Sovereignty Framework (estimated SEAL), plus `--rules` files
    and the scenario's own `assertions:`. Without `--static` the design is simulated first so
    that assertions about hours and probabilities are checked on the replications. For CI
    pipelines: exit 1 when a finding at or above `--fail-on` holds, 0 otherwise, 2 on bad input.
    """
    with _user_errors():
        [scenario] = application.load([file], catalog)
        done = application.check(
            scenario, fail_on, static, options.settings(), rules or [], _progress(as_json)
        )
    findings = done.findings
    if as_json:
        _print_json(findings_document(findings, scenario.name, fail_on))
    else:
        out.print(findings_table(findings, title=f"{scenario.name}: {len(findings)} finding(s)"))
        verdict = (
            f"[red]FAIL[/red]: findings at or above {fail_on}"
            if done.failed
            else f"[green]PASS[/green]: nothing at or above {fail_on}"
        )
        out.print(verdict, highlight=False)
    if done.failed:
        raise typer.Exit(EXIT_FINDINGS)


@app.command(epilog="Example: `sovsim report results/hdh-on-azure/20261123T120000Z-1a2b3c4d`")
def report(
    path: Annotated[
        Path, typer.Argument(help="A result.json, or the run folder holding it.", show_default=False)
    ],
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Folder for the reports (default: beside result.json).")
    ] = None,
) -> None:
    """Render report.md, report.html and CSV tables again from a saved result.json.

    Findings are taken from the `findings.json` beside it when present.
    """
    with _user_errors():
        done = application.report(path, out_dir)
    for target in sorted(done.files.values()):
        out.print(f"wrote {escape(str(target))}", highlight=False)


@app.command(
    name="sweep",
    epilog="Example: `sovsim sweep scenarios/desc-azure-axon.yaml "
    "--param nodes.vendor-support.escalation.probability=0.05,0.2,0.5 --param data.evidence.keys=spa-keys,`",
)
@experiment_options("target")
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
    with _user_errors():
        if metric not in HEADLINE_KEYS:
            raise InputError.single(
                Path("--metric"), f"unknown metric {metric!r}; use one of: {', '.join(HEADLINE_KEYS)}"
            )
        [scenario] = application.load([file], catalog)
        settings = options.settings()
        done = application.sweep(
            scenario, parse_params(param), settings, metric, out_root, _progress(as_json)
        )
    if as_json:
        _print_json(
            {
                "sweep": str(done.folder / "sweep.json"),
                "report": str(done.folder / "report.html"),
                "points": len(done.result.points),
                "reused": done.result.reused,
            }
        )
        return
    out.print(f"{len(done.result.points)} point(s), {done.result.reused} reused from an earlier run")
    _report_path(done.folder)
