"""Doctrine "cloud au centre" (circulars 6282-SG of 5 July 2021 and 6404/SG of 31 May 2023,
rule R9): sensitive data of the State and of bodies under it is hosted only in an internal
cloud (run by a public body) or by a SecNumCloud-qualified provider. The rule set applies when
the data controller is a French State administration or operator (its ``applies_if``)."""

from __future__ import annotations

from simulator.compliance.checks._common import SENSITIVE, BaseParams
from simulator.compliance.context import CONTENT_KINDS, Context
from simulator.compliance.models import Hit, Rule

NAME = "cloud_au_centre"


class Params(BaseParams):
    sensitivities: list[str] = SENSITIVE
    qualification: str = "secnumcloud"


def run(ctx: Context, rule: Rule, params: Params) -> list[Hit]:
    why = ctx.controller_line
    hits = []
    for node_id, node in ctx.scenario.nodes.items():
        if node.kind not in CONTENT_KINDS:
            continue
        data = sorted(
            d
            for d in ctx.present.get(node_id, ())
            if ctx.scenario.data[d].sensitivity in params.sensitivities
        )
        if not data:
            continue
        operators = {node.operator}
        if node.kind == "compute" and node.overflow and node.overflow.operator:
            operators.add(node.overflow.operator)
        for entity_id in sorted(operators):
            entity = ctx.scenario.entities[entity_id]
            if entity.kind == "public_body" or params.qualification in entity.qualifications:
                continue
            hits.append(
                Hit(
                    entity=entity_id,
                    node=node_id,
                    message=f"sensitive State data ({', '.join(data)}) on {node_id}, run by {entity.name}: "
                    f"neither an internal cloud nor {params.qualification}-qualified",
                    evidence=[
                        why,
                        f"{entity.name} ({entity.kind}, {entity.country}); qualifications: "
                        f"{', '.join(entity.qualifications) or 'none'}",
                    ],
                )
            )
    return hits
