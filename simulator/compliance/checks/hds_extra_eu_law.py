"""HDS 2024: the host discloses the risk of access by non-EEA authorities. An info finding per
host of health data lists the non-EEA regimes that reach it and why (HDS has no ownership
test: an HDS-certified host can be reached)."""

from __future__ import annotations

from simulator.compliance.checks._common import BaseParams
from simulator.compliance.context import CONTENT_KINDS, Context
from simulator.compliance.models import Hit, Rule

NAME = "hds_extra_eu_law"


class Params(BaseParams):
    sensitivities: list[str] = ["health", "genetic"]


def run(ctx: Context, rule: Rule, params: Params) -> list[Hit]:
    hits = []
    for node_id, node in ctx.scenario.nodes.items():
        if node.kind not in CONTENT_KINDS:
            continue
        if not any(
            ctx.scenario.data[d].sensitivity in params.sensitivities for d in ctx.present.get(node_id, ())
        ):
            continue
        operators = {node.operator}
        if node.kind == "compute" and node.overflow and node.overflow.operator:
            operators.add(node.overflow.operator)
        for entity_id in sorted(operators):
            reaches = ctx.reaches(entity_id)
            if not reaches:
                continue
            entity = ctx.scenario.entities[entity_id]
            certified = "HDS-certified" if "hds" in entity.qualifications else "not HDS-certified"
            hits.append(
                Hit(
                    entity=entity_id,
                    node=node_id,
                    message=f"{entity.name} ({certified}) hosts health data and is reached by "
                    + ", ".join(sorted({r.regime for r in reaches}))
                    + "; disclose it to the customer",
                    evidence=[" → ".join(r.path) for r in reaches],
                )
            )
    return hits
