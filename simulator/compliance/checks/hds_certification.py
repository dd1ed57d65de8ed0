"""HDS (Public Health Code L.1111-8): a company hosting personal health data for others holds
the HDS certification. Public bodies hosting their own data are left out."""

from __future__ import annotations

from simulator.compliance.checks._common import BaseParams
from simulator.compliance.context import Context
from simulator.compliance.models import Hit, Rule

NAME = "hds_certification"


class Params(BaseParams):
    sensitivities: list[str] = ["health", "genetic"]
    kinds: list[str] = ["storage", "backup", "compute"]


def run(ctx: Context, rule: Rule, params: Params) -> list[Hit]:
    grouped: dict[tuple[str, str], set[str]] = {}
    for dp in ctx.data_places:
        place = dp.place
        if (
            place.state not in ("rest", "processing")
            or ctx.scenario.nodes[place.node].kind not in params.kinds
        ):
            continue
        if ctx.scenario.data[dp.data].sensitivity not in params.sensitivities:
            continue
        entity = ctx.scenario.entities[place.entity]
        if entity.kind == "public_body" or "hds" in entity.qualifications:
            continue
        grouped.setdefault((place.entity, place.node), set()).add(
            f"{entity.name} {'stores' if place.state == 'rest' else 'processes'} {dp.data} at "
            f"{ctx.where(place.site)} ({place.role}); "
            f"qualifications: {', '.join(entity.qualifications) or 'none'}"
        )
    return [
        Hit(
            entity=e,
            node=n,
            message=f"{ctx.scenario.entities[e].name} hosts health data without HDS certification",
            evidence=sorted(lines),
        )
        for (e, n), lines in sorted(grouped.items())
    ]
