"""SecNumCloud 3.2 §19.2(b) and (d): customer data stored and processed, and technical data
(telemetry) kept, in the EU — primary sites, replicas and elastic overflow sites alike."""

from __future__ import annotations

from simulator.compliance.checks._common import UNIONS, BaseParams, Union
from simulator.compliance.context import Context
from simulator.compliance.models import Hit, Rule

NAME = "data_in_union"


class Params(BaseParams):
    union: Union = "eu"
    include_telemetry: bool = True


def run(ctx: Context, rule: Rule, params: Params) -> list[Hit]:
    union = UNIONS[params.union]
    grouped: dict[tuple[str, str], list[str]] = {}
    for dp in ctx.data_places:
        place = dp.place
        telemetry = ctx.scenario.nodes[place.node].kind == "telemetry"
        if place.state not in ("rest", "processing") or (telemetry and not params.include_telemetry):
            continue
        if ctx.country(place.site) in union:
            continue
        verb = {"rest": "holds", "processing": "processes"}[place.state]
        verb = "receives telemetry of" if telemetry else verb
        grouped.setdefault((place.entity, place.node), []).append(
            f"{place.node} {verb} {dp.data} at {ctx.where(place.site)}, {place.role}"
        )
    return [
        Hit(
            entity=entity,
            node=node,
            message=f"data held or processed outside the {params.union.upper()} at {node}",
            evidence=sorted(set(lines)),
        )
        for (entity, node), lines in sorted(grouped.items())
    ]
