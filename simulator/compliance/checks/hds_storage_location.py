"""HDS 2024 (requirements 28–31): personal health data stored only in the EEA, by the host and
its sub-processors — primary sites, replicas and backups."""

from __future__ import annotations

from simulator.compliance.checks._common import UNIONS, BaseParams, Union
from simulator.compliance.context import Context
from simulator.compliance.models import Hit, Rule

NAME = "hds_storage_location"


class Params(BaseParams):
    union: Union = "eea"
    sensitivities: list[str] = ["health", "genetic"]


def run(ctx: Context, rule: Rule, params: Params) -> list[Hit]:
    union = UNIONS[params.union]
    grouped: dict[tuple[str, str], list[str]] = {}
    for dp in ctx.data_places:
        place = dp.place
        if place.state != "rest" or ctx.scenario.data[dp.data].sensitivity not in params.sensitivities:
            continue
        if ctx.country(place.site) in union:
            continue
        grouped.setdefault((place.entity, place.node), []).append(
            f"{place.node} stores {dp.data} ({ctx.scenario.data[dp.data].sensitivity}) at "
            f"{ctx.where(place.site)}, {place.role}"
        )
    return [
        Hit(
            entity=e,
            node=n,
            message=f"health data stored outside the {params.union.upper()} at {n}",
            evidence=sorted(set(lines)),
        )
        for (e, n), lines in sorted(grouped.items())
    ]
