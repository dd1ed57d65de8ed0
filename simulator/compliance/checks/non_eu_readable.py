"""SecNumCloud 3.2 §19.6(c): no entity reached by a foreign regime can obtain customer data.
Any readable verdict of the static map for a regime seated outside the controller's home
jurisdiction fails."""

from __future__ import annotations

from simulator.compliance.checks._common import BaseParams
from simulator.compliance.context import Context
from simulator.compliance.models import Hit, Rule

NAME = "non_eu_readable"


class Params(BaseParams):
    sensitivities: list[str] = []


def run(ctx: Context, rule: Rule, params: Params) -> list[Hit]:
    grouped: dict[tuple[str, str], list] = {}
    for verdict in ctx.readable_foreign():
        if params.sensitivities and ctx.scenario.data[verdict.data].sensitivity not in params.sensitivities:
            continue
        grouped.setdefault((verdict.place.entity, verdict.place.node), []).append(verdict)
    hits = []
    for (entity, node), verdicts in sorted(grouped.items()):
        regimes = sorted({v.regime for v in verdicts})
        states = sorted({v.place.state for v in verdicts})
        hits.append(
            Hit(
                entity=entity,
                node=node,
                message=f"{', '.join(regimes)} can compel readable {', '.join(states)} copies at {node}",
                evidence=sorted({v.explanation for v in verdicts})
                + ctx.simulated_record_hours(node, set(regimes)),
            )
        )
    return hits
