"""What a result says about the scenario itself, without simulating.

The scenario hash, the topology for charts, the static findings of the exposure map and
the list of assumptions. Pure functions of the scenario (and of its :class:`ExposureMap`).
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

from pydantic import BaseModel, BeforeValidator

from simulator.experiment.result import (
    Assumption,
    DataInfo,
    DesignInfo,
    EntityInfo,
    FrameInfo,
    NodeInfo,
    RegimeInfo,
    SiteInfo,
    StaticFindings,
    StaticVerdict,
)
from simulator.law.readability import ExposureMap, Verdict
from simulator.model.access import CUSTODY
from simulator.model.base import Assumable
from simulator.model.catalog import Regime
from simulator.model.demand import EvidenceRate
from simulator.model.scenario import LegalDemand, Node, Scenario
from simulator.model.units import HOURS_PER_UNIT, format_hours, parse_duration, parse_rate

HOURS_PER_YEAR = HOURS_PER_UNIT["year"]


def canonical_json(scenario: Scenario) -> str:
    """The scenario as JSON with sorted keys and no spaces: what its hash is taken of."""
    data = scenario.model_dump(mode="json", by_alias=True)
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def scenario_hash(scenario: Scenario) -> str:
    """sha256 of the canonical scenario JSON (catalogue entries merged in)."""
    return hashlib.sha256(canonical_json(scenario).encode("utf-8")).hexdigest()


def _grants(scenario: Scenario, data_id: str) -> list[str]:
    keys = scenario.data[data_id].keys
    manager = scenario.nodes[keys] if keys else None
    if manager is None or manager.kind != "key_manager":
        return []
    return [
        f"{grant.node} ({grant.scope}{', attested' if grant.attestation else ''})"
        for grant in manager.grants_for(data_id)
    ]


def _support_mode(node: Node) -> str | None:
    if node.kind != "support":
        return None
    return f"lockbox (approval {node.lockbox.approval:g})" if node.lockbox else node.mode


def design_info(exposure: ExposureMap) -> DesignInfo:
    scenario = exposure.scenario
    regimes = [
        RegimeInfo(
            id=regime_id,
            name=regime.name,
            country=regime.country,
            foreign=scenario.is_foreign(regime),
            gag=regime.gag,
            demand_rate_per_year=regime.demand_rate * HOURS_PER_YEAR,
            source=regime.source,
        )
        for regime_id, regime in sorted(scenario.regimes.items())
    ]
    data = [
        DataInfo(
            id=data_id,
            records=item.records,
            sensitivity=item.sensitivity,
            form=item.form,
            encrypted_at_rest=item.encrypted_at_rest,
            keys=item.keys,
            custody=item.key_custody,
            custody_meaning=CUSTODY[item.key_custody].summary,
            custody_sources=list(CUSTODY[item.key_custody].sources),
            grants=_grants(scenario, data_id),
            protection_in_use=item.protection_in_use,
            reidentification_table=item.pseudonymised.table if item.pseudonymised else None,
        )
        for data_id, item in sorted(scenario.data.items())
    ]
    sites = [
        SiteInfo(id=site_id, country=site.country, zone=scenario.frame.zone(site.country))
        for site_id, site in sorted(scenario.sites.items())
    ]
    nodes = [
        NodeInfo(
            id=node_id,
            kind=node.kind,
            operator=node.operator,
            sites=list(node.sites),
            countries=[scenario.sites[site].country for site in node.sites],
            support_mode=_support_mode(node),
        )
        for node_id, node in sorted(scenario.nodes.items())
    ]
    involved = scenario.involved_entities()
    entities = [
        EntityInfo(
            id=entity_id,
            name=entity.name,
            country=entity.country,
            reached_by=sorted({reach.regime for reach in exposure.reach.regimes_reaching(entity_id)}),
            non_eu_share=round(exposure.reach.non_eu_share.get(entity_id, 0.0), 12),
        )
        for entity_id, entity in sorted(scenario.entities.items())
        if entity_id in involved
    ]
    frame = scenario.frame
    frame_info = FrameInfo(
        controller=frame.controller,
        name=frame.controller_name,
        jurisdiction=frame.jurisdiction.name,
        home=frame.jurisdiction.short,
        law=frame.jurisdiction.law,
        transfer_rules=frame.jurisdiction.transfer_rules,
        assumed=frame.assumed,
    )
    return DesignInfo(
        frame=frame_info, regimes=regimes, data=data, sites=sites, nodes=nodes, entities=entities
    )


def _static_verdict(exposure: ExposureMap, verdict: Verdict) -> StaticVerdict:
    scenario = exposure.scenario
    place = verdict.place
    return StaticVerdict(
        regime=verdict.regime,
        foreign=scenario.is_foreign(scenario.regimes[verdict.regime]),
        data=verdict.data,
        node=place.node,
        state=place.state,
        site=place.site,
        country=scenario.sites[place.site].country,
        entity=place.entity,
        role=place.role,
        place=place.label,
        readable=verdict.readable,
        category=verdict.category,  # type: ignore[arg-type]
        path=list(verdict.path),
        explanation=verdict.explanation,
        reason=verdict.path[-1] if verdict.path else "",
    )


def static_findings(exposure: ExposureMap) -> StaticFindings:
    """Readable verdicts with their paths, and the protections that hold, sorted."""

    def key(item: Verdict) -> tuple[Any, ...]:
        place = item.place
        return (item.regime, item.data, place.node, place.state, place.label, place.index)

    verdicts = sorted(exposure.verdicts.values(), key=key)
    return StaticFindings(
        exposures=[_static_verdict(exposure, v) for v in verdicts if v.readable],
        protections=[_static_verdict(exposure, v) for v in verdicts if not v.readable],
    )


# --------------------------------------------------------------------------- assumptions


def format_rate(per_hour: float) -> str:
    """Events per hour in a readable unit: '500/h', '2/week', '0.1/year'."""
    for unit, hours in (("h", 1.0), ("day", 24.0), ("week", 24.0 * 7)):
        if per_hour * hours >= 1:
            return f"{per_hour * hours:.4g}/{unit}"
    return f"{per_hour * HOURS_PER_YEAR:.4g}/year"


def _kind_of_field(model: type[BaseModel], name: str) -> str | None:
    for item in model.model_fields[name].metadata:
        if isinstance(item, BeforeValidator):
            if item.func is parse_rate:
                return "rate"
            if item.func is parse_duration:
                return "duration"
    return None


def _human(value: Any, model: BaseModel | None = None, name: str | None = None) -> Any:
    """A model's own numbers in human units (rates per hour/day/week/year, durations)."""
    if isinstance(value, BaseModel):
        out: dict[str, Any] = {}
        for field, info in type(value).model_fields.items():
            if field in ("assumption", "basis", "sources", "evidence", "notes"):
                continue  # sourced counts (shown with their rates) and commentary, not assumed values
            item = getattr(value, field)
            if item is None or item == info.default or item == []:
                continue
            out[info.alias or field] = _human(item, value, field)
        return out
    if isinstance(value, float) and model is not None and name is not None:
        kind = _kind_of_field(type(model), name)
        if kind == "rate":
            return format_rate(value)
        if kind == "duration":
            return format_hours(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_human(item) for item in value]
    if isinstance(value, dict):
        return {key: _human(item) for key, item in sorted(value.items())}
    return value


def _walk(value: Any, path: str, found: list[Assumption], regimes: dict[str, Regime]) -> None:
    if isinstance(value, BaseModel):
        if isinstance(value, Assumable) and value.assumption:
            shown = _human(value)
            if isinstance(value, LegalDemand) and value.regime in regimes and _default_rate(value):
                shown["rate"] = f"{format_rate(regimes[value.regime].demand_rate)} (regime default)"
            text = json.dumps(shown, sort_keys=True, ensure_ascii=False, separators=(", ", ": "))
            found.append(Assumption(kind="assumption", path=path, value=text, basis=value.basis))
        if isinstance(value, EvidenceRate):
            found.append(
                Assumption(
                    kind="assumption", path=f"{path}.share", value=f"{value.share:g}", basis=value.share_basis
                )
            )
        if isinstance(value, Regime):
            found.append(
                Assumption(
                    kind="demand_rate",
                    path=f"{path}.demand_rate",
                    value=format_rate(value.demand_rate),
                    basis=value.demand_rate_basis,
                )
            )
        if isinstance(value, Regime):  # an evidence entry's doubts are shown with the rate that uses it
            for number, statement in enumerate(value.unconfirmed):
                found.append(
                    Assumption(
                        kind="unconfirmed",
                        path=f"{path}.unconfirmed[{number}]",
                        value=statement,
                        basis="no source confirmed this statement",
                    )
                )
        for field, info in type(value).model_fields.items():
            _walk(
                getattr(value, field),
                f"{path}.{info.alias or field}" if path else (info.alias or field),
                found,
                regimes,
            )
    elif isinstance(value, dict):
        for key in sorted(value):
            _walk(value[key], f"{path}.{key}", found, regimes)
    elif isinstance(value, list):
        for number, item in enumerate(value):
            _walk(item, f"{path}[{number}]", found, regimes)


def _default_rate(demand: LegalDemand) -> bool:
    return demand.rate is None and demand.from_evidence is None and demand.chain is None


def assumptions(scenario: Scenario) -> list[Assumption]:
    """Every ``assumption: true`` item with its basis, and every regime's demand rate, sorted by path."""
    found: list[Assumption] = []
    _walk(scenario, "", found, dict(scenario.regimes))
    return sorted(found, key=lambda item: (item.path, item.kind))
