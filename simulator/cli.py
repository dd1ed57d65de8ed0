"""The ``sovsim`` command line: a thin layer over the Python API.

Exit codes: 0 success; 1 ``check`` found a violation at or above ``--fail-on``;
2 invalid input (file, line and field are printed); 130 interrupted.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from simulator.compliance import evaluate, fails, load_rules
from simulator.compliance.models import Finding, Severity
from simulator.compliance.render import findings_document, findings_table
from simulator.errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERRUPTED, InputError
from simulator.experiment import (
    DEFAULT_REPLICATIONS,
    DEFAULT_ROOT,
    DEFAULT_SEED,
    HEADLINE_KEYS,
    HEADLINE_METRIC,
    Comparison,
    DesignResult,
    MissingDependency,
    compare_designs,
    load_result,
    make_executor,
    parse_params,
    run_dir,
    run_experiment,
    save_result,
    save_sweep,
    sweep,
)
from simulator.io import atomic_write_text, slugify
from simulator.law.explain import explain as explain_map
from simulator.law.readability import analyse
from simulator.model.load import load_scenario
from simulator.model.scenario import Scenario
from simulator.model.units import format_hours, parse_duration
from simulator.report.sweep_html import render_sweep_html
from simulator.report.write import write_reports
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
        bool, typer.Option("--version", callback=_show_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Simulate where sensitive health data becomes readable by non-EU legal regimes."""

ScenarioFile = Annotated[Path, typer.Argument(help="Scenario YAML file.", show_default=False)]
CatalogOption = Annotated[
    Path | None,
    typer.Option(
        "--catalog", help="Catalogue folder with regimes.yaml and entities.yaml (default: bundled)."
    ),
]


@contextmanager
def _user_errors() -> Iterator[None]:
    """Turn user mistakes into messages and exit codes, never tracebacks."""
    try:
        yield
    except InputError as exc:
        for problem in exc.problems:
            err.print(f"[red]error[/red] {escape(str(problem))}", highlight=False, soft_wrap=True)
        err.print(f"{len(exc.problems)} problem(s) found.", highlight=False)
        raise typer.Exit(EXIT_INPUT) from None
    except KeyboardInterrupt:
        err.print("interrupted; nothing half-written was left behind.")
        raise typer.Exit(EXIT_INTERRUPTED) from None


def _load(path: Path, catalog: Path | None) -> Scenario:
    return load_scenario(path, catalog=catalog)


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
OutRoot = Annotated[
    Path, typer.Option("--out", help="Folder under which results/<scenario>/<run-id>/ is written.")
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print a JSON summary for scripts instead of tables.")]
RulesOption = Annotated[
    list[Path] | None, typer.Option("--rules", help="Extra rule file (YAML), repeatable.")
]


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


@contextmanager
def _pool(kind: str, workers: int, scheduler: str | None) -> Iterator[object]:
    """The executor for --executor/--scheduler; None means the runner's own pool."""
    if scheduler is not None and kind != "dask":
        raise InputError.single(Path("--scheduler"), "a scheduler address needs --executor dask")
    if kind == "process":
        yield None
        return
    try:
        with make_executor("dask", workers, scheduler) as executor:
            yield executor
    except MissingDependency as exc:
        raise InputError.single(Path("--executor"), str(exc)) from None
    except OSError as exc:  # includes the scheduler being unreachable
        raise InputError.single(Path("--scheduler"), f"cannot reach the Dask scheduler: {exc}") from None


@contextmanager
def _progress_bar(total: int, label: str, quiet: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A Rich progress bar over replications, on stderr, so stdout stays clean for --json."""
    if quiet:
        yield None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task(label, total=total)

        def update(done: int, new_total: int) -> None:
            bar.update(task, completed=done, total=new_total)

        yield update


def _findings(scenario: Scenario, result: DesignResult | None, rules: list[Path] | None) -> list[Finding]:
    return evaluate(scenario, analyse(scenario), result=result, rules=load_rules(list(rules or [])))


def _write(document: DesignResult | Comparison, root: Path, findings: object) -> Path:
    """result.json, findings.json and the reports, each written atomically, in a new run folder."""
    folder = run_dir(document, root)
    save_result(document, folder=folder)
    atomic_write_text(
        folder / "findings.json", json.dumps(_findings_json(findings), indent=2, sort_keys=True) + "\n"
    )
    write_reports(document, folder, findings)  # type: ignore[arg-type]
    return folder


def _findings_json(findings: object) -> object:
    if isinstance(findings, dict):
        return {str(key): [f.model_dump(mode="json") for f in value] for key, value in findings.items()}
    return [f.model_dump(mode="json") for f in findings]  # type: ignore[union-attr]


def _fmt(value: float) -> str:
    return f"{value:,.4g}" if abs(value) < 1e6 else f"{value:,.3e}"


def _interval(item) -> str:  # noqa: ANN001 - an experiment Interval
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


@app.command(epilog="Example: `sovsim validate scenarios/desc-azure-axon.yaml`")
def validate(
    files: Annotated[list[Path], typer.Argument(help="Scenario YAML files.", show_default=False)],
    catalog: CatalogOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print problems as JSON for scripts.")] = False,
) -> None:
    """Check scenario files against the schema and the catalogues; list every problem."""
    problems = []
    for path in files:
        try:
            _load(path, catalog)
            if not as_json:
                out.print(f"[green]valid[/green] {escape(str(path))}", highlight=False)
        except InputError as exc:
            problems.extend(exc.problems)
    if as_json:
        out.print_json(json.dumps({"valid": not problems, "problems": [p.as_dict() for p in problems]}))
    elif problems:
        for problem in problems:
            err.print(f"[red]error[/red] {escape(str(problem))}", highlight=False, soft_wrap=True)
        err.print(f"{len(problems)} problem(s) found.", highlight=False)
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
        scenario = _load(file, catalog)
        unknown = sorted(set(regime or []) - set(scenario.regimes))
        if unknown:
            raise InputError.single(
                file, f"unknown regime(s) {', '.join(unknown)}; known: {', '.join(sorted(scenario.regimes))}"
            )
        data = explain_map(analyse(scenario))
    data = _filter_regimes(data, set(regime or []))
    if output_format == "json":
        sys.stdout.write(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
        return
    _print_explanation(data, all_verdicts)


def _filter_regimes(data: dict[str, Any], keep: set[str]) -> dict[str, Any]:
    if not keep:
        return data
    for node in data["nodes"]:
        for per_data in node["data"]:
            per_data["verdicts"] = [v for v in per_data["verdicts"] if v["regime"] in keep]
    for entity in data["entities"]:
        entity["reached_by"] = [r for r in entity["reached_by"] if r["regime"] in keep]
        entity["minority_holdings"] = [m for m in entity["minority_holdings"] if m["regime"] in keep]
    return data


def _print_explanation(data: dict[str, Any], all_verdicts: bool) -> None:
    out.print(f"[bold]{escape(data['scenario'])}[/bold]", highlight=False)
    table = Table(title="Who reaches whom", show_lines=False)
    for column in ("entity", "country", "non-EU capital", "reached by", "minority holdings"):
        table.add_column(column)
    for entity in data["entities"]:
        table.add_row(
            escape(entity["name"]),
            entity["country"],
            f"{entity['non_eu_share']:.0%}",
            "\n".join(f"{r['regime']} ({r['basis']})" for r in entity["reached_by"]) or "—",
            "\n".join(
                f"{m['regime']}: {m['share']:.0%} ({', '.join(m['holders'])})"
                for m in entity["minority_holdings"]
            )
            or "—",
        )
    out.print(table)
    for node in data["nodes"]:
        lines = []
        for per_data in node["data"]:
            for verdict in per_data["verdicts"]:
                if verdict["readable"]:
                    lines.append(f"  [red]READABLE[/red] {verdict['state']:<10} {escape(verdict['path'])}")
                elif all_verdicts:
                    lines.append(
                        f"  [green]protected[/green] {verdict['state']:<9} {escape(verdict['path'])}"
                    )
        if lines:
            out.print(f"\n[bold]{escape(node['node'])}[/bold] ({node['kind']})", highlight=False)
            for line in lines:
                out.print(line, highlight=False, soft_wrap=True)
    readable = sum(v["readable"] for n in data["nodes"] for d in n["data"] for v in d["verdicts"])
    out.print(f"\n{readable} readable exposure(s).", highlight=False)


@app.command(epilog="Example: `sovsim run scenarios/hdh-azure.yaml --reps 50 --workers 2`")
def run(
    file: ScenarioFile,
    reps: Reps = DEFAULT_REPLICATIONS,
    seed: Seed = DEFAULT_SEED,
    horizon: Horizon = None,
    workers: Workers = 1,
    target: Target = None,
    executor: ExecutorOption = "process",
    scheduler: SchedulerOption = None,
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
        scenario = _load(file, catalog)
        hours = _horizon(horizon)
        with (
            _pool(executor, workers, scheduler) as pool,
            _progress_bar(reps, f"{scenario.name[:40]}", as_json) as progress,
        ):
            result = run_experiment(
                scenario, reps, seed, hours, workers, pool, target_half_width=target, progress=progress
            )
        findings = _findings(scenario, result, rules)
        folder = _write(result, out_root, findings)
    if as_json:
        payload = {
            "result": str(folder / "result.json"),
            "report": str(folder / "report.html"),
            "summary": [h.model_dump(mode="json", exclude={"values"}) for h in result.summary],
            "findings": len(findings),
        }
        sys.stdout.write(json.dumps(payload, indent=2, sort_keys=True) + "\n")
        return
    out.print(_summary_table(result))
    out.print(
        f"horizon {format_hours(result.parameters.horizon_hours)}, {result.parameters.replications} replications, seed {seed}"
    )
    out.print(
        f"{len(findings)} compliance finding(s); report: [bold]{escape(str(folder / 'report.html'))}[/bold]",
        highlight=False,
    )


@app.command(
    epilog="Example: `sovsim compare scenarios/hdh-azure.yaml scenarios/secnumcloud-host.yaml --reps 30`"
)
def compare(
    files: Annotated[
        list[Path],
        typer.Argument(help="Scenario files of the designs; the first is the baseline.", show_default=False),
    ],
    reps: Reps = DEFAULT_REPLICATIONS,
    seed: Seed = DEFAULT_SEED,
    horizon: Horizon = None,
    workers: Workers = 1,
    target: Target = None,
    executor: ExecutorOption = "process",
    scheduler: SchedulerOption = None,
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
        scenarios = _load_all(files, catalog)
        hours = _horizon(horizon)
        with (
            _pool(executor, workers, scheduler) as pool,
            _progress_bar(reps * len(scenarios), f"{len(scenarios)} designs", as_json) as progress,
        ):
            comparison = compare_designs(
                scenarios, reps, seed, hours, workers, pool, target_half_width=target, progress=progress
            )
        extra = load_rules(list(rules or []))
        findings = {
            index: evaluate(scenario, analyse(scenario), result=design, rules=extra)
            for index, (scenario, design) in enumerate(zip(scenarios, comparison.designs, strict=True))
        }
        folder = _write(comparison, out_root, findings)
    if as_json:
        payload = {
            "result": str(folder / "result.json"),
            "report": str(folder / "report.html"),
            "ranking": [entry.model_dump(mode="json") for entry in comparison.ranking],
        }
        sys.stdout.write(json.dumps(payload, indent=2, sort_keys=True) + "\n")
        return
    table = Table(title=f"Designs ranked by {comparison.rank_by} (lower is better)")
    for column in ("rank", "design", "mean ± 95 % CI half-width", "vs baseline"):
        table.add_column(column)
    verdicts = {d.design: d for d in comparison.differences if d.metric == comparison.rank_by}
    for entry in comparison.ranking:
        diff = verdicts.get(entry.design)
        versus = (
            "baseline"
            if entry.design == comparison.baseline
            else (f"{_interval(diff.difference)} ({diff.verdict})" if diff else "—")
        )
        table.add_row(str(entry.rank), escape(entry.scenario), _interval(entry.value), versus)
    out.print(table)
    out.print(f"report: [bold]{escape(str(folder / 'report.html'))}[/bold]", highlight=False)


def _load_all(files: list[Path], catalog: Path | None) -> list[Scenario]:
    """Load every file, gathering all problems before failing."""
    scenarios, problems = [], []
    for path in files:
        try:
            scenarios.append(_load(path, catalog))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return scenarios


SEVERITY_CHOICES = Literal["info", "low", "medium", "high", "critical"]


@app.command(
    epilog="Example: `sovsim check scenarios/secnumcloud-host.yaml --fail-on high` (exit 1 on a violation)"
)
def check(
    file: ScenarioFile,
    fail_on: Annotated[
        SEVERITY_CHOICES, typer.Option(help="Exit 1 when a finding of this severity or above holds.")
    ] = "high",
    static: Annotated[
        bool, typer.Option("--static", help="Check the static reach map only; do not simulate.")
    ] = False,
    reps: Reps = DEFAULT_REPLICATIONS,
    seed: Seed = DEFAULT_SEED,
    workers: Workers = 1,
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
        scenario = _load(file, catalog)
        result = None
        if not static:
            with _progress_bar(reps, f"{scenario.name[:40]}", as_json) as progress:
                result = run_experiment(scenario, reps, seed, workers=workers, progress=progress)
        findings = _findings(scenario, result, rules)
    severity: Severity = fail_on
    failed = fails(findings, severity)
    if as_json:
        sys.stdout.write(
            json.dumps(findings_document(findings, scenario.name, fail_on), indent=2, sort_keys=True) + "\n"
        )
    else:
        out.print(findings_table(findings, title=f"{scenario.name}: {len(findings)} finding(s)"))
        verdict = (
            f"[red]FAIL[/red]: findings at or above {fail_on}"
            if failed
            else f"[green]PASS[/green]: nothing at or above {fail_on}"
        )
        out.print(verdict, highlight=False)
    if failed:
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
        document = _saved_result(path)
        folder = path if path.is_dir() else path.parent
        findings = _saved_findings(folder / "findings.json")
        written = write_reports(document, out_dir or folder, findings)
    for target in sorted(written.values()):
        out.print(f"wrote {escape(str(target))}", highlight=False)


def _saved_result(path: Path) -> DesignResult | Comparison:
    try:
        return load_result(path)
    except FileNotFoundError:
        raise InputError.single(path, "no result.json here; give a run folder or its result.json") from None
    except (OSError, ValueError) as exc:  # pydantic's ValidationError is a ValueError
        raise InputError.single(path, f"not a sovsim result: {str(exc).splitlines()[0]}") from None


def _saved_findings(path: Path) -> object:
    if not path.exists():
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError.single(path, f"cannot read findings: {exc}") from None
    if isinstance(raw, dict):
        return {int(key): [Finding.model_validate(f) for f in value] for key, value in raw.items()}
    return [Finding.model_validate(f) for f in raw]


@app.command(
    name="sweep",
    epilog="Example: `sovsim sweep scenarios/desc-azure-axon.yaml --param nodes.vendor-support.escalation.probability=0.05,0.2,0.5 --param data.evidence.keys=spa-keys,`",
)
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
    reps: Reps = DEFAULT_REPLICATIONS,
    seed: Seed = DEFAULT_SEED,
    horizon: Horizon = None,
    metric: Annotated[str, typer.Option(help="Headline metric of the tornado chart.")] = HEADLINE_METRIC,
    workers: Workers = 1,
    executor: ExecutorOption = "process",
    scheduler: SchedulerOption = None,
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
        scenario = _load(file, catalog)
        hours = _horizon(horizon)
        params = parse_params(param)
        identity = json.dumps(
            [
                scenario.name,
                sorted((k, [str(v) for v in vals]) for k, vals in params.items()),
                seed,
                reps,
                hours,
            ]
        )
        folder = (
            out_root / f"sweep-{slugify(scenario.name)}" / hashlib.sha256(identity.encode()).hexdigest()[:8]
        )
        try:
            with (
                _pool(executor, workers, scheduler) as pool,
                _progress_bar(1, "sweep points", as_json) as progress,
            ):
                result = sweep(
                    scenario,
                    params,
                    reps,
                    seed,
                    pool,
                    folder,
                    progress,
                    horizon=hours,
                    workers=workers,
                    metric=metric,
                )
        except KeyboardInterrupt:
            err.print(
                f"interrupted; finished points are saved in {folder}: rerun the same command to resume."
            )
            raise typer.Exit(EXIT_INTERRUPTED) from None
        save_sweep(result, folder)
        atomic_write_text(folder / "report.html", render_sweep_html(result))
    if as_json:
        payload = {
            "sweep": str(folder / "sweep.json"),
            "report": str(folder / "report.html"),
            "points": len(result.points),
            "reused": result.reused,
        }
        sys.stdout.write(json.dumps(payload, indent=2, sort_keys=True) + "\n")
        return
    out.print(f"{len(result.points)} point(s), {result.reused} reused from an earlier run")
    out.print(f"report: [bold]{escape(str(folder / 'report.html'))}[/bold]", highlight=False)
