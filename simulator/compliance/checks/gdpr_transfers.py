"""GDPR Chapter V (arts 44–49), EDPB Recommendations 01/2020: every place in a third country
that personal data can enter — support shifts, escalation, overflow, telemetry, replicas — is
a transfer (remote access included) that needs a transfer tool (art. 46 SCCs or BCRs, or an
art. 49 derogation) and, after Schrems II, effective supplementary measures."""

from __future__ import annotations

from simulator.compliance.checks._common import BaseParams
from simulator.compliance.context import Context
from simulator.compliance.models import Hit, Rule

NAME = "gdpr_transfers"


class Params(BaseParams):
    zone: str = "third"
    exclude_sensitivities: list[str] = ["technical"]
    note: str = (
        "needs an art. 46 transfer tool (SCCs, BCRs) or an art. 49 derogation, "
        "with a transfer impact assessment"
    )


def run(ctx: Context, rule: Rule, params: Params) -> list[Hit]:
    grouped: dict[tuple[str, str], list[str]] = {}
    countries: dict[tuple[str, str], set[str]] = {}
    for dp in ctx.data_places:
        place = dp.place
        if ctx.scenario.data[dp.data].sensitivity in params.exclude_sensitivities:
            continue
        if ctx.zone(place.site) != params.zone:
            continue
        how = f"{place.state}, access {place.access}" if place.state == "support" else place.state
        clear = f"; readable there by {', '.join(v.regime for v in dp.readable_by)}" if dp.readable_by else ""
        grouped.setdefault((place.entity, place.node), []).append(
            f"{dp.data} can enter {ctx.where(place.site)} at {place.node} ({place.role}, {how}){clear}"
        )
        countries.setdefault((place.entity, place.node), set()).add(ctx.country(place.site))
    hits = []
    for key, lines in sorted(grouped.items()):
        entity, node = key
        hits.append(
            Hit(
                entity=entity,
                node=node,
                message=f"transfer to {', '.join(sorted(countries[key]))} at {node}: {params.note}",
                evidence=sorted(set(lines)) + _simulated(ctx, countries[key]),
            )
        )
    return hits


def _simulated(ctx: Context, countries: set[str]) -> list[str]:
    if ctx.result is None:
        return []
    lines = []
    for row in ctx.result.transfers:
        if row.to in countries and row.events.mean > 0:
            lines.append(
                f"simulated: {row.events.mean:.4g} transfer events ({row.records.mean:.4g} records) "
                f"{row.source} → {row.to} per run"
            )
    return lines
