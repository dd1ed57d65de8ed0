"""SREN law art. 31: when a State administration (or operator) uses a commercial cloud for data
of particular sensitivity, the offer is protected against access by third-country
authorities, including capital and control criteria set by decree. The decree's criteria are
unconfirmed: SecNumCloud §19.6(b) thresholds stand in for them, plus the static map (no
readable copy for a foreign regime). The rule set applies to French State administrations and
operators (its ``applies_if``)."""

from __future__ import annotations

from simulator.compliance.checks._common import (
    SENSITIVE,
    BaseParams,
    capital_lines,
    capital_problems,
)
from simulator.compliance.context import CONTENT_KINDS, Context
from simulator.compliance.models import Hit, Rule

NAME = "sren_protected_provider"


class Params(BaseParams):
    sensitivities: list[str] = SENSITIVE
    individual_max: float = 0.24
    collective_max: float = 0.39


def run(ctx: Context, rule: Rule, params: Params) -> list[Hit]:
    why = ctx.controller_line
    sensitive = {d for d, data in ctx.scenario.data.items() if data.sensitivity in params.sensitivities}
    grouped: dict[tuple[str, str], list[str]] = {}
    for node_id, node in ctx.scenario.nodes.items():
        if node.kind not in CONTENT_KINDS or not (ctx.present.get(node_id, set()) & sensitive):
            continue
        operators = {node.operator}
        if node.kind == "compute" and node.overflow and node.overflow.operator:
            operators.add(node.overflow.operator)
        for entity_id in sorted(operators):
            if not ctx.is_commercial(entity_id):
                continue  # internal cloud: not a commercial offer
            problems = capital_problems(ctx.capital[entity_id], params.individual_max, params.collective_max)
            if problems:
                grouped.setdefault((entity_id, node_id), []).extend(
                    ["capital/control: " + "; ".join(problems), *capital_lines(ctx, entity_id)]
                )
    for verdict in ctx.readable_foreign():
        if verdict.data in sensitive:
            grouped.setdefault((verdict.place.entity, verdict.place.node), []).append(verdict.explanation)
    return [
        Hit(
            entity=e,
            node=n,
            message=f"data of particular sensitivity at {n} not protected against extra-EU access",
            evidence=[why, *dict.fromkeys(lines)],
        )
        for (e, n), lines in sorted(grouped.items())
    ]
