"""Transfers out of the controller's home jurisdiction (GDPR, UK GDPR and EUDPR Chapter V, DPA
2018 Part 3 Chapter 5): every place outside it that personal data can enter — support shifts,
escalation, elastic overflow, telemetry, replicas — is a transfer (remote access included,
EDPB Recommendations 01/2020 para 13), covered by the tool the controller's frame finds for
that country and importer (adequacy, adequacy for a certified importer, declared SCCs or
BCRs, or none). A rule reports the transfers whose tool is in its ``tools``."""

from __future__ import annotations

from simulator.compliance.checks._common import BaseParams
from simulator.compliance.context import Context
from simulator.compliance.models import Hit, Rule
from simulator.model.frame import TransferTool
from simulator.numbers import number

NAME = "transfers"


class Params(BaseParams):
    tools: list[TransferTool] = ["none"]
    exclude_sensitivities: list[str] = ["technical"]
    note: str = "needs a transfer tool"


def run(ctx: Context, rule: Rule, params: Params) -> list[Hit]:
    grouped: dict[tuple[str, str], list[str]] = {}
    found: dict[tuple[str, str], dict[str, str]] = {}
    for dp in ctx.data_places:
        place = dp.place
        country = ctx.country(place.site)
        if ctx.scenario.data[dp.data].sensitivity in params.exclude_sensitivities or not ctx.frame.is_foreign(
            country
        ):
            continue
        tool = ctx.frame.transfer_tool(country, place.entity)
        if tool not in params.tools:
            continue
        how = f"{place.state}, access {place.access}" if place.state == "support" else place.state
        clear = f"; readable there by {', '.join(v.regime for v in dp.readable_by)}" if dp.readable_by else ""
        key = (place.entity, place.node)
        grouped.setdefault(key, []).append(
            f"{dp.data} can enter {ctx.where(place.site)} at {place.node} ({place.role}, {how}){clear}"
        )
        found.setdefault(key, {})[country] = tool
    return [
        Hit(
            entity=entity,
            node=node,
            message=f"transfer to {_countries(found[(entity, node)])} at {node}: {params.note}",
            evidence=[*sorted(set(lines)), *_simulated(ctx, set(found[(entity, node)]))],
        )
        for (entity, node), lines in sorted(grouped.items())
    ]


def _countries(tools: dict[str, str]) -> str:
    return ", ".join(f"{country} ({tool})" for country, tool in sorted(tools.items()))


def _simulated(ctx: Context, countries: set[str]) -> list[str]:
    if ctx.result is None:
        return []
    return [
        f"simulated: {number(row.events.mean)} transfer events ({number(row.records.mean)} records) "
        f"{row.source} → {row.to} per run"
        for row in ctx.result.transfers
        if row.to in countries and row.events.mean > 0
    ]
