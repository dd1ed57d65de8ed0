"""The work a command asks for, checked after loading and before anything runs or is written.

``--reps 1000000000``, a million-point ``--param`` grid or ``horizon: 1000y`` are valid input that
would run for days; :func:`check_work` estimates them from the model alone (see
:mod:`simulator.model.workload`) so the command refuses in milliseconds instead of hanging.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from simulator.app.settings import ExperimentSettings
from simulator.model import check_budget, estimate_work
from simulator.model.mitigations import MITIGATIONS
from simulator.model.scenario import Scenario


def check_work(
    scenarios: Sequence[Scenario],
    settings: ExperimentSettings,
    source: Path,
    points: int = 1,
    mitigations: bool = False,
) -> str | None:
    """Refuse (an :class:`~simulator.errors.InputError` on ``source``) work past the budget unless
    ``settings.force``; return the warning to show above the lower budget, else None.

    Designs of a comparison are costed as many runs of the largest; ``mitigations`` adds the
    re-runs ``run`` makes of each built-in mitigation.
    """
    replications = settings.replications
    if mitigations:
        replications += len(MITIGATIONS) * min(settings.mitigation_replications, settings.replications)
    estimates = [estimate_work(scenario, horizon=settings.horizon) for scenario in scenarios]
    largest = max(estimates, key=lambda estimate: estimate.events_per_replication)
    total = replace(largest, replications=replications * len(scenarios), points=points)
    return check_budget(total, source=source, force=settings.force)
