"""HDS 2024: access to health data from a third country (remote support, escalation,
telemetry, processing at an overflow or replica site) only with an adequacy decision or a GDPR
art. 46 transfer tool. Lists every such access; sites in adequacy countries are left out."""

from __future__ import annotations

from simulator.compliance.checks._common import BaseParams
from simulator.compliance.context import Context
from simulator.compliance.models import Hit, Rule

NAME = "hds_remote_access"


class Params(BaseParams):
    sensitivities: list[str] = ["health", "genetic"]
    transfer_tools: list[str] = [
        "standard contractual clauses (art. 46(2)(c))",
        "binding corporate rules (art. 47)",
    ]


def run(ctx: Context, rule: Rule, params: Params) -> list[Hit]:
    grouped: dict[tuple[str, str], list[str]] = {}
    for dp in ctx.data_places:
        place = dp.place
        if place.state == "rest" or ctx.scenario.data[dp.data].sensitivity not in params.sensitivities:
            continue
        if ctx.zone(place.site) != "third":
            continue
        how = f"access {place.access}" if place.state == "support" else place.state
        readable = f"; readable by {', '.join(v.regime for v in dp.readable_by)}" if dp.readable_by else ""
        grouped.setdefault((place.entity, place.node), []).append(
            f"{dp.data} at {place.node} reached from {ctx.where(place.site)} ({place.role}, {how}){readable}"
        )
    tools = "needs one of: " + "; ".join(params.transfer_tools) + ", with a transfer impact assessment"
    return [
        Hit(
            entity=e,
            node=n,
            message=f"health data accessed from a third country at {n}: {tools}",
            evidence=sorted(set(lines)),
        )
        for (e, n), lines in sorted(grouped.items())
    ]
