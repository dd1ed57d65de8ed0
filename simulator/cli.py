"""The ``sovsim`` command line: a thin layer over the Python API.

Exit codes: 0 success; 1 ``check`` found a violation at or above ``--fail-on``;
2 invalid input (file, line and field are printed); 130 interrupted.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from simulator.errors import EXIT_INPUT, EXIT_INTERRUPTED, InputError
from simulator.law.explain import explain as explain_map
from simulator.law.readability import analyse
from simulator.model.load import load_scenario
from simulator.model.scenario import Scenario

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

ScenarioFile = Annotated[Path, typer.Argument(help="Scenario YAML file.", show_default=False)]
CatalogOption = Annotated[
    Path | None,
    typer.Option("--catalog", help="Catalogue folder with regimes.yaml and entities.yaml (default: bundled)."),
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
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
) -> None:
    """Write the JSON Schema of scenario files (for editor completion and checks)."""
    from simulator.experiment.store import atomic_write_text

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
    output_format: Annotated[Literal["text", "json"], typer.Option("--format", help="text for people, json for scripts.")] = "text",
    regime: Annotated[list[str] | None, typer.Option(help="Only these regimes (repeatable).")] = None,
    all_verdicts: Annotated[bool, typer.Option("--all", help="Also list what protections keep unreadable.")] = False,
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
            raise InputError.single(file, f"unknown regime(s) {', '.join(unknown)}; known: {', '.join(sorted(scenario.regimes))}")
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
            "\n".join(f"{m['regime']}: {m['share']:.0%} ({', '.join(m['holders'])})" for m in entity["minority_holdings"]) or "—",
        )
    out.print(table)
    for node in data["nodes"]:
        lines = []
        for per_data in node["data"]:
            for verdict in per_data["verdicts"]:
                if verdict["readable"]:
                    lines.append(f"  [red]READABLE[/red] {verdict['state']:<10} {escape(verdict['path'])}")
                elif all_verdicts:
                    lines.append(f"  [green]protected[/green] {verdict['state']:<9} {escape(verdict['path'])}")
        if lines:
            out.print(f"\n[bold]{escape(node['node'])}[/bold] ({node['kind']})", highlight=False)
            for line in lines:
                out.print(line, highlight=False, soft_wrap=True)
    readable = sum(v["readable"] for n in data["nodes"] for d in n["data"] for v in d["verdicts"])
    out.print(f"\n{readable} readable exposure(s).", highlight=False)


