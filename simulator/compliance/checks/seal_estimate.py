"""EU Cloud Sovereignty Framework v1.2.1: an ESTIMATED SEAL level (0–4) per provider.

The estimate is the lowest score of the objectives the model covers (SOV-1 to SOV-4); the
framework's combination rule is unconfirmed, and SOV-5 (supply chain), SOV-6 (technology),
SOV-7 (security) and SOV-8 (environment) are not modelled, so the estimate is an upper bound.
With ``minimum_seal`` set (a tender's minimum), a provider estimated below it is reported at
``below_minimum_severity``.
"""

from __future__ import annotations

from simulator.compliance.checks import _sovereignty
from simulator.compliance.checks._common import BaseParams
from simulator.compliance.context import Context
from simulator.compliance.models import Hit, Rule
from simulator.model.assertion import Severity

NAME = "seal_estimate"


class Params(BaseParams):
    individual_max: float = 0.24
    collective_max: float = 0.39
    minimum_seal: int | None = None
    below_minimum_severity: Severity = "high"


def run(ctx: Context, rule: Rule, params: Params) -> list[Hit]:
    hits = []
    not_covered = ", ".join(f"{k} {v[0]}" for k, v in _sovereignty.NOT_COVERED.items())
    for entity in _sovereignty.providers(ctx):
        found = _sovereignty.scores(ctx, entity, params.individual_max, params.collective_max)
        level = _sovereignty.estimate(found)
        lines = [
            f"{s.objective}: {'n/a' if s.score is None else f'{s.score}/4'} — " + "; ".join(s.evidence)
            for s in found
        ]
        lines.append(
            f"weighted mean of covered objectives (for reference only): {_sovereignty.weighted(found):.2f}/4"
        )
        lines.append(f"not modelled, could lower the level: {not_covered}")
        lines.append("combination rule unconfirmed: the lowest covered objective is taken (conservative)")
        below = params.minimum_seal is not None and level < params.minimum_seal
        name = ctx.scenario.entities[entity].name
        message = f"ESTIMATED SEAL-{level} at most for {name} (estimate, not an assessment)"
        if below:
            message += f"; below the required SEAL-{params.minimum_seal}"
        hits.append(
            Hit(
                entity=entity,
                message=message,
                evidence=lines,
                estimate=True,
                severity=params.below_minimum_severity if below else None,
            )
        )
    return hits
