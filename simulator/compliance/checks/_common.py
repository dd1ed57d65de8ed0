"""Helpers shared by several checks (not a check itself)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from simulator.compliance.context import Capital, Context, percent
from simulator.model.units import EEA, EU

Union = Literal["eu", "eea"]
UNIONS: dict[str, frozenset[str]] = {"eu": EU, "eea": EEA}
SENSITIVE = ["health", "biometric", "genetic", "law_enforcement"]


class BaseParams(BaseModel):
    """Base of every check's parameters: unknown names are refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class NoParams(BaseParams):
    pass


class Applicability(BaseParams):
    """Which designs a rule applies to, decided from the data controller (ingest operators)."""

    controller_kinds: list[Literal["company", "public_body"]] = Field(default=[])
    controller_countries: list[str] = Field(default=[])


def applies(ctx: Context, params: Applicability) -> tuple[bool, str]:
    """Whether the rule applies, and a line of evidence that says why."""
    if not params.controller_kinds and not params.controller_countries:
        return True, "applies to every design"
    if not ctx.controllers:
        return False, "no ingest node, so no data controller could be identified"
    found = ctx.controller_matches(params.controller_kinds, params.controller_countries)
    if not found:
        return False, "no controller matches"
    entities = [ctx.scenario.entities[e] for e in found]
    names = ", ".join(f"{entity.name} ({entity.kind}, {entity.country})" for entity in entities)
    return True, f"data controller (operator of the ingest node): {names}"


def capital_problems(cap: Capital, individual_max: float, collective_max: float) -> list[str]:
    """Reasons why an entity's capital fails a §19.6(b)-style test (empty if it passes)."""
    problems = []
    if not cap.seat_in_eu:
        problems.append("registered office outside the EU")
    holder, largest = cap.largest
    if largest > individual_max + 1e-12:
        problems.append(
            f"{holder} (non-EU) holds {percent(largest)} > {percent(individual_max)} individually"
        )
    if cap.collective > collective_max + 1e-12:
        problems.append(
            f"non-EU holders hold {percent(cap.collective)} > {percent(collective_max)} collectively"
        )
    if cap.controllers:
        problems.append("controlled from outside the EU by " + ", ".join(cap.controllers))
    elif cap.control_rights:
        problems.append("non-EU holders with control rights (veto/board): " + ", ".join(cap.control_rights))
    return problems


def capital_lines(ctx: Context, entity: str) -> list[str]:
    cap = ctx.capital[entity]
    ent = ctx.scenario.entities[entity]
    lines = [
        f"{ent.name}: registered office in {ent.country} ({'EU' if cap.seat_in_eu else 'outside the EU'})"
    ]
    for holder, share in sorted(cap.individual.items(), key=lambda item: (-item[1], item[0])):
        lines.append(
            f"{ctx.scenario.entities[holder].name} ({ctx.scenario.entities[holder].country}) holds "
            f"{percent(share)} directly or indirectly"
        )
    lines.append(f"non-EU capital, all holders together: {percent(cap.collective)}")
    return lines


def node_label(ctx: Context, node: str) -> str:
    return f"{ctx.scenario.nodes[node].kind} node {node}"
