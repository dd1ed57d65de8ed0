"""What the CLI prints: errors, progress bars on stderr, tables and JSON on stdout.

Everything here formats an answer of :mod:`simulator.app`; nothing computes.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from simulator.app import CheckOutcome, ProgressBar, SweepInterrupted
from simulator.compliance.render import counts_line, findings_table, rule_sets_table
from simulator.errors import EXIT_INPUT, EXIT_INTERRUPTED, InputError, Problem
from simulator.experiment.result import Comparison, DesignResult, Interval
from simulator.model.assertion import Severity
from simulator.text import visible


class _Console(Console):
    """A console that shows control and bidirectional characters in text escaped (``\\x1b``): a
    scenario's name must not clear the screen or reverse a line (Rich's own styles are unaffected)."""

    def render_str(self, text: str, **kwargs: Any) -> Text:
        return super().render_str(visible(text), **kwargs)


out = _Console()
err = _Console(stderr=True)


def print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        err.print(f"[red]error[/red] {escape(str(problem))}", highlight=False, soft_wrap=True)
    err.print(f"{len(problems)} problem(s) found.", highlight=False)


def warn(message: str | None) -> None:
    """A warning on stderr (nothing when ``message`` is None), so stdout stays clean for --json."""
    if message:
        err.print(f"[yellow]warning[/yellow] {escape(message)}", highlight=False, soft_wrap=True)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn user mistakes into messages and exit codes, never tracebacks."""
    try:
        yield
    except InputError as exc:
        print_problems(exc.problems)
        raise typer.Exit(EXIT_INPUT) from None
    except OSError as exc:  # a folder that is a file, read-only, a path too long, a full disk
        named = exc.filename2 or exc.filename  # a rename names its target second
        where = Path(named) if named else Path("output")
        print_problems([Problem(where, f"cannot write or read here: {exc.strerror or exc}")])
        raise typer.Exit(EXIT_INPUT) from None
    except SweepInterrupted as exc:
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


def progress(quiet: bool) -> ProgressBar:
    """A Rich bar per experiment, or none with ``--json`` (``quiet``)."""
    return functools.partial(_rich_bar, quiet=quiet)


def written(files: dict[str, Path]) -> dict[str, str]:
    """The paths of a run's result.json and report.html, for ``--json``."""
    return {"result": str(files["result.json"]), "report": str(files["report.html"])}


def print_json(payload: object) -> None:
    sys.stdout.write(json.dumps(payload, indent=2, sort_keys=True) + "\n")


def _fmt(value: float) -> str:
    return f"{value:,.4g}" if abs(value) < 1e6 else f"{value:,.3e}"


def _interval(item: Interval) -> str:
    if item.low is None or item.high is None:
        return _fmt(item.mean)
    if item.method == "wilson":
        return f"{_fmt(item.mean)} [{_fmt(item.low)}, {_fmt(item.high)}]"
    return f"{_fmt(item.mean)} ± {_fmt(item.half_width)}"


def summary_table(result: DesignResult) -> Table:
    table = Table(title=escape(result.scenario))
    table.add_column("metric")
    table.add_column("mean ± 95 % CI half-width [or interval]", justify="right")
    table.add_column("unit")
    for headline in result.summary:
        table.add_row(escape(headline.label), _interval(headline.value), headline.unit)
    return table


def ranking_table(comparison: Comparison) -> Table:
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


def report_path(path: Path) -> None:
    """The report's path alone on its line, never wrapped, so it can be copied or piped."""
    out.print("report:", highlight=False)
    out.print(escape(str(path)), highlight=False, soft_wrap=True)


def print_check(done: CheckOutcome, scenario: str, fail_on: Severity) -> None:
    """``check``'s answer for people: rule sets, findings, counts by severity, the verdict."""
    out.print(rule_sets_table(done.rule_sets))
    out.print(findings_table(done.findings, title=f"{escape(scenario)}: {len(done.findings)} finding(s)"))
    for decision in done.decisions:
        acceptance = decision.acceptance
        state = "EXPIRED on" if decision.expired else "until"
        out.print(
            f"{escape(decision.finding_id)}: {acceptance.status} by {escape(acceptance.owner)}, "
            f"{state} {acceptance.expires}",
            highlight=False,
            soft_wrap=True,
        )
    for stale in done.unmatched:
        err.print(f"note: the acceptance {escape(stale)} names no finding of this design", highlight=False)
    out.print(counts_line(done.findings, done.decisions), highlight=False)
    open_note = " open" if done.decisions else ""
    verdict = (
        f"[red]FAIL[/red]:{open_note} findings at or above {fail_on}"
        if done.failed
        else f"[green]PASS[/green]: nothing{open_note} at or above {fail_on}"
    )
    out.print(verdict, highlight=False)


def print_explanation(data: dict[str, Any], all_verdicts: bool) -> None:
    out.print(f"[bold]{escape(data['scenario'])}[/bold]", highlight=False)
    out.print(reach_table(data["entities"]))
    for node in data["nodes"]:
        lines = verdict_lines(node, all_verdicts)
        if lines:
            out.print(f"\n[bold]{escape(node['node'])}[/bold] ({node['kind']})", highlight=False)
            for line in lines:
                out.print(line, highlight=False, soft_wrap=True)
    readable = sum(v["readable"] for n in data["nodes"] for d in n["data"] for v in d["verdicts"])
    out.print(f"\n{readable} readable exposure(s).", highlight=False)


def reach_table(entities: list[dict[str, Any]]) -> Table:
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


def verdict_lines(node: dict[str, Any], all_verdicts: bool) -> list[str]:
    verdicts = [verdict for per_data in node["data"] for verdict in per_data["verdicts"]]
    return [
        f"  [red]READABLE[/red] {v['state']:<10} {escape(v['path'])}"
        if v["readable"]
        else f"  [green]protected[/green] {v['state']:<9} {escape(v['path'])}"
        for v in verdicts
        if v["readable"] or all_verdicts
    ]
