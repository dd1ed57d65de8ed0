"""SecNumCloud 3.2 §19.6(b): non-EU holders own at most 24 % of a provider individually and
39 % collectively, directly or indirectly, and hold no veto or board majority.

Shares are computed through the ownership graph (see ``capital_table``): a non-EU holder is
credited with the full holdings of the entities it controls and a look-through share of the
others. Owners that the catalogue does not list are taken as EU holders. ``presumed_control_at``
adds the rule's presumption of control (French Commercial Code L.233-3, which §19.6(c) cites:
more than 40 % of the votes with no larger holder) to the "controlled from outside the EU" test.
"""

from __future__ import annotations

from simulator.compliance.checks._common import BaseParams, capital_lines, capital_problems
from simulator.compliance.context import Context
from simulator.compliance.models import Hit, Rule
from simulator.law.capital import capital_table

NAME = "non_eu_capital"


class Params(BaseParams):
    individual_max: float = 0.24
    collective_max: float = 0.39
    include_public_bodies: bool = False
    presumed_control_at: float | None = None


def run(ctx: Context, rule: Rule, params: Params) -> list[Hit]:
    hits = []
    capital = (
        ctx.capital
        if params.presumed_control_at is None
        else capital_table(ctx.scenario.entities, presumed_at=params.presumed_control_at)
    )
    for entity_id, nodes in ctx.hosts.items():
        if not params.include_public_bodies and not ctx.is_commercial(entity_id):
            continue
        problems = capital_problems(capital[entity_id], params.individual_max, params.collective_max)
        # A non-EU seat is §19.6(a)'s finding; here only the capital counts.
        problems = [p for p in problems if p != "registered office outside the EU"]
        if not problems:
            continue
        name = ctx.scenario.entities[entity_id].name
        for node in nodes:
            hits.append(
                Hit(
                    entity=entity_id,
                    node=node,
                    message=f"{name}: " + "; ".join(problems),
                    evidence=capital_lines(ctx, entity_id)
                    + [r.regime + ": " + " → ".join(r.path) for r in ctx.reaches(entity_id)],
                )
            )
    return hits
