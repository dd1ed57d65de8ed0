"""EU Cloud Sovereignty Framework v1.2.1, SOV-1 (strategic: ownership, governance, change of control): evidence and a 0–4 score per provider."""

from __future__ import annotations

from simulator.compliance.checks import _sovereignty
from simulator.compliance.checks._common import BaseParams
from simulator.compliance.context import Context
from simulator.compliance.models import Hit, Rule

NAME = "sov1_ownership"
OBJECTIVE = "SOV-1"


class Params(BaseParams):
    individual_max: float = 0.24
    collective_max: float = 0.39


def run(ctx: Context, rule: Rule, params: Params) -> list[Hit]:
    hits = []
    for entity in _sovereignty.providers(ctx):
        found = {s.objective: s for s in _sovereignty.scores(ctx, entity, params.individual_max, params.collective_max)}
        score = found[OBJECTIVE]
        if score.score is None:
            continue
        title, _ = _sovereignty.OBJECTIVES[OBJECTIVE]
        hits.append(Hit(
            entity=entity,
            message=f"{OBJECTIVE} {title}: estimated {score.score}/4 for {ctx.scenario.entities[entity].name}",
            evidence=list(score.evidence),
            estimate=True,
        ))
    return hits
