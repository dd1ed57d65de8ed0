"""SecNumCloud 3.2 §19.2(c) and (e): administration and supervision from the EU; support
from outside the EU only without access to customer data (diagnosis, listed and controlled
from the EU). Flags operators whose staff work outside the EU and support shifts or
escalation tiers served from outside the EU with an access level above ``max_access_outside``."""

from __future__ import annotations

from typing import Literal

from simulator.compliance.checks._common import UNIONS, BaseParams, Union
from simulator.compliance.context import CONTENT_KINDS, Context
from simulator.compliance.models import Hit, Rule
from simulator.model.scenario import ACCESS_ORDER

NAME = "staff_in_union"


class Params(BaseParams):
    union: Union = "eu"
    max_access_outside: Literal["none", "metadata", "logs", "data"] = "metadata"


def run(ctx: Context, rule: Rule, params: Params) -> list[Hit]:
    union = UNIONS[params.union]
    limit = -1 if params.max_access_outside == "none" else ACCESS_ORDER[params.max_access_outside]
    grouped: dict[tuple[str, str], list[str]] = {}
    for node_id, node in ctx.scenario.nodes.items():
        if node.kind not in CONTENT_KINDS and node.kind != "key_manager":
            continue
        entity = ctx.scenario.entities[node.operator]
        outside = sorted(set(entity.staff_countries) - union)
        if outside:
            grouped.setdefault((node.operator, node_id), []).append(
                f"{entity.name} operates {node_id} and has staff in {', '.join(outside)}"
            )
    for place in ctx.exposure.places:
        if place.state != "support":
            continue
        if ctx.country(place.site) in union or ACCESS_ORDER[place.access] <= limit:
            continue
        name = ctx.scenario.entities[place.entity].name
        grouped.setdefault((place.entity, place.node), []).append(
            f"{place.desk} {place.role} for {place.node} served by {name} from {ctx.where(place.site)}, "
            f"access {place.access}"
        )
    return [
        Hit(
            entity=entity,
            node=node,
            message=f"administration or support of {node} from outside the {params.union.upper()}",
            evidence=sorted(set(lines)),
        )
        for (entity, node), lines in sorted(grouped.items())
    ]
