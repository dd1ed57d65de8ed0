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
    DisclosureRow,
    EvidenceInfo,
    ExposureCell,
    Headline,
    RankEntry,
    RecordsExposed,
    Spread,
    StaticVerdict,
)
from simulator.model.catalog import STATES
from simulator.report import format as fmt
from simulator.report.probability import probability_text

HEADLINE_KEY = "foreign_record_hours"
KEY_HEADLINES = (
    "foreign_record_hours",
    "p_disclosure",
    "p_disclosure_5y",
    "transfer_events_abroad",
    "records_transferred_abroad",
    "record_visits_abroad",
)
PSEUDONYMISED = "readable, pseudonymised"
"""The category of data readable only without its re-identification table: never shown as plain readable."""
OWN_LAW_TITLE = "Your own law, for information"
RATE_KINDS = {
    "evidence": "evidence (published counts)",
    "chain": "Rosenthal factor chain",
    "assumption": "hand-written assumption",
    "regime_default": "catalogue default (a hand-written assumption)",
}


@dataclass(frozen=True)
class StateExposure:
    """A state in which a regime can read a data class: where, and the figures of the run."""

    state: str
    places: list[str]
    cells: list[ExposureCell]
    records: RecordsExposed | None
    paths: list[str]
    reasons: list[str] = field(default_factory=list)
    """Why it is readable (the last step of each path): e.g. which grant lets a holder decrypt the stock."""
    pseudonymised: bool = False
    """Readable only pseudonymised at every place of this state."""

    @property
    def category(self) -> str:
        return PSEUDONYMISED if self.pseudonymised else "readable"


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
    foreign: bool
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
        identified = [fmt.state(s.state) for s in self.readable if not s.pseudonymised]
        pseudonymised = [fmt.state(s.state) for s in self.readable if s.pseudonymised]
        if identified:
            parts.append(f"{subject} is readable by {who} {_and(identified)}")
        if pseudonymised:
            parts.append(
                f"{subject if not identified else 'it'} is {PSEUDONYMISED} (re-identification table out of "
                f"reach) for {who} {_and(pseudonymised)}"
            )
        if not self.readable:
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
    """Per foreign regime and data class, the states it can read (with figures) and those that hold.

    Only regimes foreign to the controller (``foreign``, a legacy name): the controller's own law
    is no transfer risk and goes to :func:`own_law_verdicts`. In the design's regime order.
    """
    return [v for v in _verdicts(result) if v.foreign]


def own_law_verdicts(result: DesignResult) -> list[RegimeVerdict]:
    """The controller's own law's verdicts, shown for information, never as a foreign reader."""
    return [v for v in _verdicts(result) if not v.foreign]


def _verdicts(result: DesignResult) -> list[RegimeVerdict]:
    """Every regime's verdicts, in the design's regime order, then by data class."""
    static = result.static
    pairs = sorted({(v.regime, v.data) for v in static.exposures + static.protections})
    verdicts = [_regime_verdict(result, regime, data_id) for regime, data_id in pairs]
    order = [r.id for r in result.design.regimes]
    return sorted(verdicts, key=lambda v: (order.index(v.regime) if v.regime in order else 99, v.data))


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
            verdict.protected.append(
                StateProtection(state, reasons, grouped_paths(v.explanation for v in protected))
            )
    return verdict


def grouped_paths(paths: Iterable[str]) -> list[str]:
    """Explanation paths that differ only in the place (a replica, a backup, another shift): the
    first in full, the others' places after it ("… also: holds … at uk-west"). A reader sees each
    chain of reach once, and every place it applies to; a printed report stays short."""
    groups: dict[tuple[str, str], list[str]] = {}
    for path in dict.fromkeys(paths):
        steps = path.split(" → ")
        key = (" → ".join(steps[:-2]), steps[-1]) if len(steps) > 2 else (path, "")
        groups.setdefault(key, []).append(steps[-2] if len(steps) > 2 else "")
    shown = []
    for (chain, outcome), places in groups.items():
        if not outcome:
            shown.append(chain)
            continue
        full = f"{chain} → {places[0]} → {outcome}"
        shown.append(full if len(places) == 1 else f"{full} (also: {'; '.join(places[1:])})")
    return shown


def _blank_verdict(result: DesignResult, regime: str, data_id: str) -> RegimeVerdict:
    """The regime's and the data class's facts, with no state yet (unknown ids say so)."""
    info = next((r for r in result.design.regimes if r.id == regime), None)
    item = next((d for d in result.design.data if d.id == data_id), None)
    return RegimeVerdict(
        regime=regime,
        regime_name=info.name if info else regime,
        country=info.country if info else "?",
        foreign=info.foreign if info else True,
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
    return StateExposure(
        key[2],
        places,
        cells,
        records,
        grouped_paths(v.explanation for v in readable),
        reasons=list(dict.fromkeys(_reason(v) for v in readable)),
        pseudonymised=all(v.category == PSEUDONYMISED for v in readable),
    )


def headline(result: DesignResult, key: str) -> Headline | None:
    return next((h for h in result.summary if h.key == key), None)


def headline_text(item: Headline) -> str:
    """A headline figure as the reports print it; a probability only as far as the runs support it."""
    if item.unit == "probability":
        return probability_text(item.value)
    return fmt.interval(item.value, item.unit == "share")


def overview(result: DesignResult) -> str:
    """The design's verdict in one or two sentences, from its headline metrics."""
    horizon = fmt.hours(result.parameters.horizon_hours)
    foreign = f"a regime foreign to the controller (seated outside the {result.design.frame.home})"
    total = headline(result, HEADLINE_KEY)
    p = headline(result, "p_disclosure")
    p5 = headline(result, "p_disclosure_5y")
    parts = []
    if total is not None:
        if total.value.mean == 0 and (total.value.high or 0) == 0:
            parts.append(f"Over a horizon of {horizon}, no record was readable by {foreign}.")
        else:
            moment = fmt.at_any_moment(total.value.mean, result.parameters.horizon_hours)
            parts.append(
                f"Over a horizon of {horizon}, data was readable by {foreign} for "
                f"{headline_text(total)} record-hours ({moment}; "
                f"mean of {result.parameters.replications} runs)."
            )
    if p is not None:
        parts.append(f"Probability of at least one compelled disclosure to it: {headline_text(p)}")
        parts[-1] += f"; over 5 years: {headline_text(p5)}." if p5 is not None else "."
    return " ".join(parts)


def frame_text(result: DesignResult) -> str:
    """Who answers for the data and under which law: every "foreign" of the report is measured from it."""
    frame = result.design.frame
    who = f"No controller was given: {frame.name}" if frame.assumed else f"Controller: {frame.name}"
    return (
        f"{who} — {frame.jurisdiction}, under {frame.law}; transfers under {frame.transfer_rules}. "
        f"“Foreign” means seated outside the {frame.home}."
    )


def support_modes(result: DesignResult) -> list[str]:
    """'ms-support (standing)' for each support desk: what a support session shows."""
    return [f"{n.id} ({n.support_mode.replace('_', ' ')})" for n in result.design.nodes if n.support_mode]


def instrument_text(row: DisclosureRow) -> str:
    """'warrant' (one-off), or 'directive in force 365 days' (it collects for as long as it lasts)."""
    if row.instrument == "directive" and row.lasts_hours is not None:
        return f"directive in force {fmt.hours(row.lasts_hours)}"
    return row.instrument


def rate_kind(row: DisclosureRow) -> str:
    return RATE_KINDS.get(row.rate.kind, row.rate.kind)


def spread_text(spread: Spread, as_percent: bool = False) -> str:
    """The evidence's spread of a figure: '5–95 %: 0.08 – 0.42 (median 0.21)', or the fixed value."""
    show = fmt.percent if as_percent else fmt.number
    if spread.low == spread.high:
        return f"{show(spread.median)} (fixed, no evidence spread)"
    low, _, high = spread.levels
    quantiles = f"{low * 100:g}–{high * 100:g} %"
    return f"{show(spread.median)} (evidence {quantiles}: {show(spread.low)} – {show(spread.high)})"


def evidence_text(item: EvidenceInfo) -> str:
    """'Microsoft, Law Enforcement Requests Report, 2018-01-01 – 2018-06-30: 1 — what was counted'."""
    end = f"{item.end} (end assumed)" if item.assumed_end else item.end
    return f"{item.publisher}, {item.report}, {item.start} – {end}: {item.count} — {item.counted}"


def evidence_marks(item: EvidenceInfo) -> list[str]:
    """What a reader must weigh: read in a secondary source, points not confirmed."""
    marks = ["secondary source"] if item.read_in == "secondary" else []
    return marks + [f"unconfirmed: {note}" for note in item.unconfirmed]


def threshold_text(result: DesignResult) -> str:
    """The controller's accepted 5-year probability and whether the estimate is above it."""
    risk = result.disclosure_risk
    if risk.threshold is None:
        return "no accepted threshold given by the controller"
    verdict = "above" if risk.above_threshold else "not above"
    basis = f" ({risk.threshold_basis})" if risk.threshold_basis else ""
    return f"threshold {fmt.percent(risk.threshold)} over 5 years{basis}: the estimate is {verdict} it"


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

    The catalogue's entities and regimes come with their own assumptions (Bleu's shareholders in
    a run on Azure UK, China's law where no Chinese entity takes part); a reader of one design
    needs those of the entities it uses and of the regimes that reach them or make demands in
    it. Those in ``common`` (shown once for all compared designs) are left out too, but not counted.
    """
    used = {"entities": {entity.id for entity in result.design.entities}, "regimes": _regimes_at_play(result)}
    kept = [a for a in result.assumptions if _concerns(a.path, used)]
    return [a for a in kept if a not in common], len(result.assumptions) - len(kept)


def _regimes_at_play(result: DesignResult) -> set[str]:
    """Regimes that reach an entity of the design or make a demand in it."""
    reaching = {regime for entity in result.design.entities for regime in entity.reached_by}
    return reaching | {row.regime for row in result.disclosures}


def common_assumptions(designs: Sequence[DesignResult]) -> list[Assumption]:
    """Assumptions every compared design shares word for word: a comparison lists them once."""
    if len(designs) < 2:
        return []
    first, *others = (design_assumptions(design)[0] for design in designs)
    return [a for a in first if all(a in other for other in others)]


def _concerns(path: str, used: dict[str, set[str]]) -> bool:
    """'entities.bleu.owners[0]' concerns the design when Bleu is in ``used['entities']``; a path
    outside ``entities`` and ``regimes`` always does."""
    section, _, rest = path.partition(".")
    return section not in used or not rest or rest.split(".")[0].split("[")[0] in used[section]


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
