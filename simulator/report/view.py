"""What the Markdown and HTML reports say, in plain words, about one result.

Selection and wording only: every figure quoted is a field of the result (an exposure
cell, a records-exposed row, a headline metric); nothing is added up or derived here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from simulator.experiment.result import (
    Assumption,
    Comparison,
    DesignResult,
    ExposureCell,
    Headline,
    RankEntry,
    RecordsExposed,
    StaticVerdict,
)
from simulator.model.catalog import STATES
from simulator.report import format as fmt

HEADLINE_KEY = "non_eu_record_hours"
KEY_HEADLINES = (
    "non_eu_record_hours",
    "p_disclosure",
    "transfer_events_outside_eea",
    "records_transferred_outside_eea",
)


@dataclass(frozen=True)
class StateExposure:
    """A state in which a regime can read a data class: where, and the figures of the run."""

    state: str
    places: list[str]
    cells: list[ExposureCell]
    records: RecordsExposed | None
    paths: list[str]


@dataclass(frozen=True)
class StateProtection:
    state: str
    reasons: list[str]
    paths: list[str]


@dataclass
class RegimeVerdict:
    """What one regime can do with one data class of a design."""

    regime: str
    regime_name: str
    country: str
    non_eu: bool
    gag: bool
    source: str
    data: str
    sensitivity: str
    readable: list[StateExposure] = field(default_factory=list)
    protected: list[StateProtection] = field(default_factory=list)

    @property
    def sentence(self) -> str:
        """One plain sentence: readable where, ciphertext where and why."""
        kind = self.sensitivity.replace("_", " ").capitalize()
        subject = f"{kind} data “{self.data}”"
        who = f"{self.regime_name} ({self.country})"
        parts = []
        if self.readable:
            parts.append(f"{subject} is readable by {who} {_and(fmt.state(s.state) for s in self.readable)}")
        else:
            parts.append(f"{who} reaches holders of {subject.lower()} but cannot read it")
        if self.protected:
            reasons = "; ".join(f"{fmt.state(p.state)}: {_and(p.reasons)}" for p in self.protected)
            parts.append(f"elsewhere it stays protected ({reasons})")
        return "; ".join(parts) + "."


def _and(items: Iterable[str]) -> str:
    items = list(dict.fromkeys(items))
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _reason(verdict: StaticVerdict) -> str:
    """The protection, without the data id that starts the last step."""
    reason = verdict.reason
    prefix = f"{verdict.data} "
    if reason.startswith(prefix):
        reason = reason[len(prefix) :]
    for state in STATES:
        for lead in (f"{fmt.state(state)}: ", f"{fmt.state(state)}, "):
            if reason.startswith(lead):
                reason = reason[len(lead) :]
    return reason


def regime_verdicts(result: DesignResult) -> list[RegimeVerdict]:
    """Per regime and data class, the states it can read (with figures) and those that hold.

    Foreign regimes first, then in the design's regime order, then by data class.
    """
    static = result.static
    pairs = sorted({(v.regime, v.data) for v in static.exposures + static.protections})
    verdicts = [_regime_verdict(result, regime, data_id) for regime, data_id in pairs]
    order = [r.id for r in result.design.regimes]
    return sorted(
        verdicts,
        key=lambda v: (not v.non_eu, order.index(v.regime) if v.regime in order else 99, v.data),
    )


def _regime_verdict(result: DesignResult, regime: str, data_id: str) -> RegimeVerdict:
    """Each state is readable (with its figures), or protected (with the reasons), or not reached."""
    verdict = _blank_verdict(result, regime, data_id)
    for state in STATES:
        key = (regime, data_id, state)
        readable = [v for v in result.static.exposures if (v.regime, v.data, v.state) == key]
        protected = [v for v in result.static.protections if (v.regime, v.data, v.state) == key]
        if readable:
            verdict.readable.append(_state_exposure(result, key, readable))
        elif protected:
            reasons = list(dict.fromkeys(_reason(v) for v in protected))
            verdict.protected.append(StateProtection(state, reasons, [v.explanation for v in protected]))
    return verdict


def _blank_verdict(result: DesignResult, regime: str, data_id: str) -> RegimeVerdict:
    """The regime's and the data class's facts, with no state yet (unknown ids say so)."""
    info = next((r for r in result.design.regimes if r.id == regime), None)
    item = next((d for d in result.design.data if d.id == data_id), None)
    return RegimeVerdict(
        regime=regime,
        regime_name=info.name if info else regime,
        country=info.country if info else "?",
        non_eu=info.non_eu if info else True,
        gag=info.gag if info else False,
        source=info.source if info else "",
        data=data_id,
        sensitivity=item.sensitivity if item else "",
    )


def _state_exposure(
    result: DesignResult, key: tuple[str, str, str], readable: list[StaticVerdict]
) -> StateExposure:
    """A readable state with the run's record-hours per node and records ever readable."""
    cells = [c for c in result.exposure if (c.regime, c.data, c.state) == key]
    records = next((r for r in result.records_exposed if (r.regime, r.data, r.state) == key), None)
    places = list(dict.fromkeys(v.place for v in readable))
    return StateExposure(key[2], places, cells, records, [v.explanation for v in readable])


def headline(result: DesignResult, key: str) -> Headline | None:
    return next((h for h in result.summary if h.key == key), None)


def headline_text(item: Headline) -> str:
    as_percent = item.unit in ("probability", "share")
    return fmt.interval(item.value, as_percent)


def overview(result: DesignResult) -> str:
    """The design's verdict in one or two sentences, from its headline metrics."""
    horizon = fmt.hours(result.parameters.horizon_hours)
    total = headline(result, HEADLINE_KEY)
    p = headline(result, "p_disclosure")
    parts = []
    if total is not None:
        if total.value.mean == 0 and (total.value.high or 0) == 0:
            parts.append(f"Over a horizon of {horizon}, no record was readable by a foreign regime.")
        else:
            moment = fmt.at_any_moment(total.value.mean, result.parameters.horizon_hours)
            parts.append(
                f"Over a horizon of {horizon}, data was readable by a foreign regime for "
                f"{headline_text(total)} record-hours ({moment}; "
                f"mean of {result.parameters.replications} runs)."
            )
    if p is not None:
        parts.append(
            f"Probability of at least one compelled disclosure to a foreign regime: {headline_text(p)}."
        )
    return " ".join(parts)


def designs_of(document: DesignResult | Comparison) -> list[DesignResult]:
    return list(document.designs) if isinstance(document, Comparison) else [document]


def title_of(document: DesignResult | Comparison) -> str:
    if isinstance(document, Comparison):
        return f"Comparison of {len(document.designs)} hosting designs"
    return document.scenario


def metric_labels(designs: Sequence[DesignResult]) -> dict[str, Headline]:
    """Headline metadata (label, unit) by key, from the first design that has it."""
    labels: dict[str, Headline] = {}
    for design in designs:
        for item in design.summary:
            labels.setdefault(item.key, item)
    return labels


def is_link(url: str) -> bool:
    return url.startswith(("https://", "http://"))


def design_assumptions(
    result: DesignResult, common: Sequence[Assumption] = ()
) -> tuple[list[Assumption], int]:
    """The assumptions about this design, and how many catalogue entries about others are left out.

    The catalogue's entities come with their own assumptions (Bleu's shareholders in a run on
    Azure UK); a reader of one design needs those of the entities the design uses. Those in
    ``common`` (shown once for all compared designs) are left out too, but not counted.
    """
    used = {entity.id for entity in result.design.entities}
    kept = [a for a in result.assumptions if _entity_of(a.path) in used or _entity_of(a.path) is None]
    return [a for a in kept if a not in common], len(result.assumptions) - len(kept)


def common_assumptions(designs: Sequence[DesignResult]) -> list[Assumption]:
    """Assumptions every compared design shares word for word: a comparison lists them once."""
    if len(designs) < 2:
        return []
    first, *others = (design_assumptions(design)[0] for design in designs)
    return [a for a in first if all(a in other for other in others)]


def _entity_of(path: str) -> str | None:
    """'entities.bleu.owners[0]' → 'bleu'; None for any path outside ``entities``."""
    parts = path.split(".")
    return parts[1].split("[")[0] if len(parts) > 1 and parts[0] == "entities" else None


def shown_ranks(ranking: Sequence[RankEntry]) -> list[int]:
    """Ranks as a reader should see them: equal values share one (1, 1, 3).

    The comparison orders ties by a secondary metric, then by input order; neither is a
    difference in the ranked figure, so printing 1 and 2 would claim one that is not there.
    """
    ranks: list[int] = []
    for position, entry in enumerate(ranking):
        tied = position > 0 and entry.value.mean == ranking[position - 1].value.mean
        ranks.append(ranks[-1] if tied else position + 1)
    return ranks


def assumption_value(value: str) -> str:
    """A scenario value as a reader sees it: 'rate: 0.0000057; regime: us-cloud-act', not raw JSON."""
    try:
        parsed = json.loads(value)
    except ValueError:
        return value
    return _plain(parsed)


def _plain(value: object) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_plain(item)}" for key, item in value.items())
    if isinstance(value, list):
        return ", ".join(_plain(item) for item in value)
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int | float):
        return fmt.number(value)
    return str(value)
