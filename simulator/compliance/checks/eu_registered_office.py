"""SecNumCloud 3.2 §19.6(a): the registered office of each hosting provider (operator of a
storage, backup, compute or key-manager node, or of an overflow) is in an EU member state.
Sub-contractors (support, telemetry) fall under §19.6(c): see ``non_eu_readable``."""

from __future__ import annotations

from simulator.compliance.checks._common import UNIONS, BaseParams, Union
from simulator.compliance.context import Context
from simulator.compliance.models import Hit, Rule

NAME = "eu_registered_office"


class Params(BaseParams):
    union: Union = "eu"
    include_public_bodies: bool = False


def run(ctx: Context, rule: Rule, params: Params) -> list[Hit]:
    union = UNIONS[params.union]
    hits = []
    for entity_id, nodes in ctx.hosts.items():
        entity = ctx.scenario.entities[entity_id]
        if entity.country in union or (not params.include_public_bodies and entity.kind == "public_body"):
            continue
        for node in nodes:
            hits.append(
                Hit(
                    entity=entity_id,
                    node=node,
                    message=(
                        f"{entity.name} has its registered office in {entity.country}, "
                        f"outside the {params.union.upper()}"
                    ),
                    evidence=[f"{entity.name} ({entity.country}) operates {node}"],
                )
            )
    return hits
