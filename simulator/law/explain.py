"""The static exposure map as plain data: what ``sovsim explain`` prints and scripts read."""

from __future__ import annotations

from typing import Any

from simulator.law.readability import ExposureMap


def explain(exposure: ExposureMap) -> dict[str, Any]:
    """Reach per entity of the design, then per node and data class the states each regime can read.

    Non-readable verdicts are kept when a regime reaches the holder but a protection
    (customer-held keys, confidential computing, end-to-end encryption, access level)
    leaves it only ciphertext: that is what a sovereignty promise covers, and what it does not.
    """
    scenario = exposure.scenario
    reach = exposure.reach
    entities = []
    for entity_id in sorted(scenario.involved_entities()):
        entity = scenario.entities[entity_id]
        entities.append(
            {
                "entity": entity_id,
                "name": entity.name,
                "country": entity.country,
                "non_eu_share": round(reach.non_eu_share.get(entity_id, 0.0), 6),
                "reached_by": [
                    {"regime": r.regime, "basis": r.basis, "path": " → ".join(r.path)}
                    for r in reach.regimes_reaching(entity_id)
                ],
                "minority_holdings": [
                    {"regime": m.regime, "share": round(m.share, 6), "holders": list(m.holders)}
                    for (regime, owned), m in sorted(reach.minority.items())
                    if owned == entity_id
                ],
            }
        )
    nodes: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for (regime, data, _), verdict in sorted(
        exposure.verdicts.items(), key=lambda item: (item[1].place.node, item[0][1], item[0][0], item[0][2])
    ):
        nodes.setdefault(verdict.place.node, {}).setdefault(data, []).append(
            {
                "regime": regime,
                "foreign": scenario.is_foreign(scenario.regimes[regime]),
                "state": verdict.place.state,
                "place": verdict.place.label,
                "readable": verdict.readable,
                "category": verdict.category,
                "path": verdict.explanation,
            }
        )
    return {
        "scenario": scenario.name,
        "regimes": {
            regime_id: {"name": regime.name, "country": regime.country, "source": regime.source}
            for regime_id, regime in sorted(scenario.regimes.items())
        },
        "entities": entities,
        "nodes": [
            {
                "node": node_id,
                "kind": scenario.nodes[node_id].kind,
                "data": [
                    {"data": data_id, "verdicts": verdicts} for data_id, verdicts in sorted(per_data.items())
                ],
            }
            for node_id, per_data in sorted(nodes.items())
        ],
    }
