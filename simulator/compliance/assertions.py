"""User assertions written in a scenario, e.g. "health records never readable by a non-EU
regime" or "at most 4 h/year under non-EU support".

Three kinds:

* ``never_readable`` — no matching regime can read matching data (classes, states, node).
  Static: any readable verdict of the exposure map breaks it. Simulated: it holds when the
  share of replications in which no such exposure happened is at least ``probability``;
  the share of replications with at least one is bounded above by the sum over the
  (regime, state, data) cells of ``first_exposure`` (a union bound, conservative).
* ``max_hours`` — at most ``max_hours_per_year`` hours per year during which matching regimes
  can read matching data **under support** (session-hours served at places where a matching
  regime reads the data). Static: expected hours from incident rates, shift hours and
  escalation probabilities (an expected value, not a simulation). Simulated: the sum of the
  mean session-hours of those places, scaled to a year; it holds when the upper bound of the
  95 % confidence interval is within the limit (the result gives means with intervals, not
  per-replication values, so ``probability`` is not used for this kind).
* ``stays_in`` — matching data can only be at sites in ``countries`` (ISO codes, or ``EU`` /
  ``EEA``). Static: every place the data can enter (support access that shows it included)
  must be in those countries. Simulated: additionally, no transfer event to another country
  happened (transfer rows are not split by data class, so this is conservative).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.compliance.context import HOURS_PER_YEAR, Context
from simulator.compliance.models import AssertionCheck, Finding, finding_id
from simulator.model.assertion import Assertion
from simulator.numbers import number

if TYPE_CHECKING:
    from simulator.compliance.context import DataPlace
    from simulator.experiment.result import DesignResult, ExposureCell, FirstExposure, Interval
    from simulator.law.readability import Verdict

RULE_SET = "assertions"
SOURCE = "scenario assertion"


# --------------------------------------------------------------------------- matching


def _regimes(item: Assertion, ctx: Context) -> set[str]:
    if item.regimes == "any":
        return set(ctx.scenario.regimes)
    if item.regimes == "foreign":
        return ctx.scenario.frame.foreign_regimes(ctx.scenario.regimes)
    return set(item.regimes)


def _matches(item: Assertion, verdict: Verdict, regimes: set[str]) -> bool:
    return (
        verdict.regime in regimes
        and (not item.data or verdict.data in item.data)
        and (not item.states or verdict.place.state in item.states)
        and (item.node is None or verdict.place.node == item.node)
    )


def _check(
    item: Assertion,
    holds: bool,
    message: str,
    evidence: list[str],
    measured: str,
    limit: str,
    estimate: bool = False,
) -> AssertionCheck:
    """The outcome of one assertion; ``message`` words the failure, ``measured`` the figure."""
    return AssertionCheck(
        id=item.id,
        finding_id=finding_id(f"assert-{item.id}", None, item.node),
        text=item.text,
        kind=item.kind,
        severity=item.severity,
        holds=holds,
        measured=measured,
        limit=limit,
        message=message,
        evidence=evidence,
        estimate=estimate,
    )


def _finding(check: AssertionCheck, item: Assertion) -> Finding:
    return Finding(
        id=check.finding_id,
        rule=f"assert-{item.id}",
        rule_set=RULE_SET,
        title=item.text,
        severity=item.severity,
        entity=None,
        node=item.node,
        message=check.message,
        evidence=check.evidence,
        source=SOURCE,
        summary=f"User assertion ({item.kind}): {item.text}",
        false_positives=(
            "The assertion is the user's; the finding is as good as the model and its assumptions."
        ),
        estimate=check.estimate,
    )


# --------------------------------------------------------------------------- evaluation


def check_assertions(assertions: list[Assertion], ctx: Context) -> list[AssertionCheck]:
    """Every assertion with its figure against its limit: on the simulated result when the
    context has one, else on the static exposure map."""
    return [
        evaluate_dynamic(item, ctx) if ctx.result is not None else evaluate_static(item, ctx)
        for item in assertions
    ]


def evaluate_assertions(assertions: list[Assertion], ctx: Context) -> list[Finding]:
    """Findings for the assertions that do not hold."""
    checks = check_assertions(assertions, ctx)
    return [_finding(c, item) for c, item in zip(checks, assertions, strict=True) if not c.holds]


def evaluate_static(item: Assertion, ctx: Context) -> AssertionCheck:
    regimes = _regimes(item, ctx)
    if item.kind == "never_readable":
        hits = [v for v in ctx.exposure.exposures() if _matches(item, v, regimes)]
        return _check(
            item,
            not hits,
            f"can be readable: {len(hits)} readable verdict(s) in the static map",
            sorted({v.explanation for v in hits}),
            measured=f"{len(hits)} readable verdict(s) in the static map",
            limit="none",
        )
    if item.kind == "max_hours":
        hours, lines = _expected_support_hours(item, ctx, regimes)
        limit = item.max_hours_per_year or 0.0
        return _check(
            item,
            hours <= limit,
            f"expected {hours:.3g} h/year under support readable by {', '.join(sorted(regimes))} "
            f"> {limit:g} h/year (static expected value)",
            lines,
            measured=f"{hours:.3g} h/year expected (static)",
            limit=f"{limit:g} h/year",
            estimate=True,
        )
    outside = _outside(item, ctx)
    return _check(
        item,
        not outside,
        f"data can enter {len(outside)} place(s) outside {', '.join(item.countries)}",
        outside,
        measured=f"{len(outside)} place(s) outside {', '.join(item.countries)}",
        limit="none",
    )


def evaluate_dynamic(item: Assertion, ctx: Context) -> AssertionCheck:
    """Evaluate one assertion against ``ctx.result`` (a DesignResult), over its replications."""
    result = ctx.result
    assert result is not None
    regimes = _regimes(item, ctx)
    if item.kind == "never_readable" and item.node is not None:
        return _simulated_at_node(item, result, regimes)
    if item.kind == "never_readable":
        return _simulated_readable(item, result, regimes)
    if item.kind == "max_hours":
        return _simulated_support_hours(item, ctx, result, regimes)
    return _simulated_stays_in(item, ctx, result)


def _cell_matches(item: Assertion, cell: ExposureCell | FirstExposure, regimes: set[str]) -> bool:
    return (
        cell.regime in regimes
        and (not item.data or cell.data in item.data)
        and (not item.states or cell.state in item.states)
    )


def _simulated_at_node(item: Assertion, result: DesignResult, regimes: set[str]) -> AssertionCheck:
    """never_readable at one node: no simulated record-hour there."""
    cells = [
        c
        for c in result.exposure
        if c.node == item.node and _cell_matches(item, c, regimes) and c.record_hours.mean > 0
    ]
    lines = [
        f"simulated: {number(c.record_hours.mean)} record-hours of {c.data} readable by {c.regime} "
        f"in {c.state} at {c.node}"
        for c in cells
    ]
    total = sum(c.record_hours.mean for c in cells)
    return _check(
        item,
        not cells,
        f"readable at {item.node} in the simulation",
        lines,
        measured=f"{total:.4g} record-hours readable at {item.node}",
        limit="0 record-hours",
    )


def _simulated_readable(item: Assertion, result: DesignResult, regimes: set[str]) -> AssertionCheck:
    """never_readable anywhere: enough replications without exposure, by a union bound."""
    runs = result.parameters.replications
    cells = [c for c in result.first_exposure if _cell_matches(item, c, regimes) and c.probability.mean > 0]
    bound = min(1.0, sum(c.probability.mean for c in cells))
    share_clean = 1.0 - bound
    lines = [
        f"simulated: {c.regime} could read {c.data} in {c.state} in {c.probability.mean:.1%} of "
        f"{runs} replications" + (f", first after {number(c.hours.mean)} h on average" if c.hours else "")
        for c in cells
    ]
    lines.append(
        f"replications without any such exposure: at least {share_clean:.1%} (union bound); "
        f"required {item.probability:.1%}"
    )
    return _check(
        item,
        share_clean >= item.probability,
        f"readable in up to {bound:.1%} of replications (required ≤ {1 - item.probability:.1%})",
        lines,
        measured=f"readable in up to {bound:.1%} of {runs} replications",
        limit=f"at most {1 - item.probability:.1%}",
    )


def _simulated_support_hours(
    item: Assertion, ctx: Context, result: DesignResult, regimes: set[str]
) -> AssertionCheck:
    """max_hours: the upper 95 % bound of readable support session-hours per year within the limit."""
    readable_places = _readable_support_places(item, ctx, regimes)
    scale = HOURS_PER_YEAR / result.parameters.horizon_hours
    rows = [
        row
        for row in result.operations.support
        if (row.node, row.desk, row.site, row.entity, row.role) in readable_places
    ]
    mean = sum((row.session_hours.mean * scale for row in rows), 0.0)
    high = sum((_upper(row.session_hours) * scale for row in rows), 0.0)
    lines = [
        f"simulated: {number(row.session_hours.mean * scale)} h/year of {row.desk} {row.role} on "
        f"{row.node} by {row.entity} from {row.site} ({row.country})"
        for row in rows
    ]
    limit = item.max_hours_per_year or 0.0
    lines.append(
        f"total {number(mean)} h/year (upper 95 % bound {number(high)}) against {limit:g} h/year, "
        f"{result.parameters.replications} replications"
    )
    return _check(
        item,
        high <= limit,
        f"{mean:.3g} h/year under readable support (upper bound {high:.3g}) > {limit:g} h/year",
        lines,
        measured=f"{mean:.3g} h/year (upper 95 % bound {high:.3g})",
        limit=f"{limit:g} h/year",
    )


def _upper(value: Interval) -> float:
    return value.high if value.high is not None else value.mean


def _simulated_stays_in(item: Assertion, ctx: Context, result: DesignResult) -> AssertionCheck:
    """stays_in: no primary copy outside the countries, and no transfer event to another country."""
    outside = _outside(item, ctx, primary_only=True)
    allowed = item.allowed()
    for row in result.transfers:
        if row.to not in allowed and row.events.mean > 0:
            outside.append(
                f"simulated: {number(row.events.mean)} transfer events ({number(row.records.mean)} records) "
                f"{row.source} → {row.to} per run (all data classes)"
            )
    return _check(
        item,
        not outside,
        f"data went outside {', '.join(item.countries)} in the simulation",
        outside,
        measured=f"{len(outside)} place(s) or transfer(s) outside {', '.join(item.countries)}",
        limit="none",
    )


def _outside(item: Assertion, ctx: Context, primary_only: bool = False) -> list[str]:
    allowed = item.allowed()
    lines = [
        f"{dp.data} at {dp.place.label}: {ctx.where(dp.place.site)}"
        for dp in ctx.data_places
        if _place_matches(item, dp, primary_only) and ctx.country(dp.place.site) not in allowed
    ]
    return sorted(set(lines))


def _place_matches(item: Assertion, dp: DataPlace, primary_only: bool) -> bool:
    place = dp.place
    return (
        (not item.data or dp.data in item.data)
        and (not item.states or place.state in item.states)
        and (item.node is None or place.node == item.node)
        and (not primary_only or (place.state == "rest" and place.role == "primary"))
    )


def _readable_support_places(item: Assertion, ctx: Context, regimes: set[str]) -> set[tuple]:
    found = set()
    for verdict in ctx.exposure.exposures():
        if verdict.place.state == "support" and _matches(item, verdict, regimes):
            p = verdict.place
            found.add((p.node, p.desk, p.site, p.entity, p.role))
    return found


def _expected_support_hours(item: Assertion, ctx: Context, regimes: set[str]) -> tuple[float, list[str]]:
    """Expected session-hours per year at support places readable by ``regimes``.

    One ticket per incident; the shift on duty is drawn uniformly over the day; an escalated
    ticket adds one session at the escalation tier.
    """
    readable = _readable_support_places(item, ctx, regimes)
    total = 0.0
    lines = []
    for incident in ctx.scenario.events.incidents:
        desk = ctx.scenario.nodes[incident.support]
        if desk.kind != "support":
            continue
        tickets = incident.rate * HOURS_PER_YEAR
        for target in incident.nodes:
            for shift in desk.shifts:
                if (target, incident.support, shift.site, shift.entity, f"shift {shift.hours}") in readable:
                    start, end = shift.span
                    hours = tickets * (end - start) / 24 * desk.session
                    total += hours
                    lines.append(
                        f"{incident.support} shift {shift.hours} on {target} by {shift.entity} at "
                        f"{shift.site}: {hours:.3g} h/year expected"
                    )
            esc = desk.escalation
            if esc and (target, incident.support, esc.site, esc.entity, "escalation") in readable:
                hours = tickets * esc.probability * desk.session
                total += hours
                lines.append(
                    f"{incident.support} escalation on {target} by {esc.entity} at {esc.site}: "
                    f"{hours:.3g} h/year expected (escalation probability {esc.probability:g})"
                )
    return total, lines
