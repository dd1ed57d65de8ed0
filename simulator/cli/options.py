"""The options commands share, declared once as ``Annotated`` aliases and one dataclass.

:class:`ExperimentOptions` holds the options of ``run``, ``compare``, ``sweep`` and ``check``
that say how replications run; :func:`experiment_options` turns its fields into a command's
Typer options and hands the command one dataclass, so no command lists them again.
"""

from __future__ import annotations

import functools
import inspect
import math
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Annotated, Any, Literal, cast, get_type_hints

import typer

from simulator.app import ExperimentSettings
from simulator.app.settings import DEFAULT_MITIGATION_REPLICATIONS
from simulator.errors import InputError
from simulator.experiment import DEFAULT_REPLICATIONS, DEFAULT_SEED
from simulator.model.units import duration_hours

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
RuleSetOption = Annotated[
    list[str] | None,
    typer.Option(
        "--rule-set",
        help="Run this rule set even where its `applies_if` says it does not apply (e.g. secnumcloud-3.2); "
        "repeatable.",
    ),
]
AcceptancesOption = Annotated[
    Path | None,
    typer.Option(
        "--acceptances",
        help="Risk decisions (acceptances.yaml): findings accepted, mitigated or false positive, "
        "each until its expiry date.",
    ),
]

Reps = Annotated[
    int,
    typer.Option(
        "--reps", min=1, help="Replications (maximum, with --target).", rich_help_panel="Experiment"
    ),
]
Seed = Annotated[
    int,
    typer.Option(
        min=0, help="Seed of the replications' random streams (x>=0).", rich_help_panel="Experiment"
    ),
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
        help="Stop once the headline 95 % CI half-width is this share of the mean, e.g. 0.05 (x>0).",
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
MitigationReps = Annotated[
    int,
    typer.Option(
        "--mitigation-reps",
        min=0,
        help="Replications of each built-in mitigation re-run for the summary (at most --reps; 0: none).",
        rich_help_panel="Experiment",
    ),
]
Force = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Run even when the work estimated before running is past the budget (an hour or 4 GB).",
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
    mitigation_reps: MitigationReps = DEFAULT_MITIGATION_REPLICATIONS
    force: Force = False

    def settings(self) -> ExperimentSettings:
        """The typed settings; a horizon or target out of range is an input error."""
        return ExperimentSettings(
            self.reps,
            self.seed,
            parse_horizon(self.horizon),
            self.workers,
            check_target(self.target),
            self.executor,
            self.scheduler,
            self.mitigation_reps,
            self.force,
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
        inspect.Parameter(item.name, _KEYWORD, default=item.default, annotation=hints[item.name])
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
                parameters.append(parameter.replace(kind=_KEYWORD, annotation=own[parameter.name]))

        @functools.wraps(command)
        def with_options(**values: Any) -> None:
            options = ExperimentOptions(**{item.name: values.pop(item.name) for item in shared})
            command(options=options, **values)

        cast(Any, with_options).__signature__ = inspect.Signature(parameters)
        with_options.__annotations__ = {item.name: item.annotation for item in parameters}
        return with_options

    return decorate


def parse_horizon(value: str | None) -> float | None:
    """Hours of a ``--horizon`` such as 365d; ``None`` keeps the scenario's."""
    if value is None:
        return None
    try:
        return duration_hours(value)
    except ValueError as exc:
        raise InputError.single(Path("--horizon"), str(exc)) from None


def check_target(value: float | None) -> float | None:
    """A ``--target`` share must be a finite number above zero (0 would never stop)."""
    if value is not None and not (math.isfinite(value) and value > 0):
        raise InputError.single(Path("--target"), f"{value}: must be a share above 0, e.g. 0.05")
    return value
