"""Where a rule set applies: conditions on the data controller's frame, checked before any rule runs.

A rule set says ``applies_if:`` (the controller's jurisdiction, country, roles, processing
purposes, the sensitivity of the data); only rule sets whose conditions hold run, and
``sovsim check`` prints which ran and why the others did not. A user can force a rule set
that does not apply (``--rule-set ID``), and the report says it was forced.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from simulator.model.catalog import Role
from simulator.model.scenario import Purpose, Scenario
from simulator.model.units import Country


class AppliesIf(BaseModel):
    """Conditions, all of which must hold (a list holds when any of its values matches)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    jurisdictions: list[str] = Field(
        default=[],
        description="Controller's jurisdiction: EU (GDPR), EUI (EUDPR), GB (UK GDPR), "
        "GB-LE (DPA 2018 Part 3).",
    )
    countries: list[Country] = Field(default=[], description="Controller's country (national rules).")
    controller_roles: list[Role] = Field(default=[], description="Roles of the controller entity.")
    purposes: list[Purpose] = Field(default=[], description="Processing purposes of the controller.")
    sensitivities: list[str] = Field(
        default=[], description="Some data class has one of these sensitivities."
    )
    why: str = Field(default="", description="Where the text says whom it binds, in plain words.")

    def test(self, scenario: Scenario) -> tuple[bool, str]:
        """Whether the conditions hold for ``scenario``, and the reason in plain words."""
        frame = scenario.frame
        checks: list[tuple[str, list[str], Iterable[str]]] = [
            ("jurisdiction", self.jurisdictions, [frame.jurisdiction.id]),
            ("country", self.countries, [frame.country] if frame.country else []),
            ("controller role", self.controller_roles, frame.roles),
            ("purpose", self.purposes, frame.purposes),
            ("data sensitivity", self.sensitivities, {d.sensitivity for d in scenario.data.values()}),
        ]
        for name, wanted, actual in checks:
            actual = sorted(actual)
            if wanted and not set(wanted) & set(actual):
                found = ", ".join(actual) or "none given"
                return False, f"needs {name} {' or '.join(wanted)}; the controller's is {found}"
        return True, self.why or "its conditions hold for this controller"


@dataclass(frozen=True)
class RuleSetUse:
    """Whether one rule set ran on a design, and why."""

    rule_set: str
    title: str
    ran: bool
    reason: str
    forced: bool = False


def rule_set_uses(
    scenario: Scenario, rule_sets: dict[str, tuple[str, AppliesIf | None]], force: Iterable[str] = ()
) -> list[RuleSetUse]:
    """For each rule set (id → title, conditions), whether it runs on ``scenario``."""
    forced = set(force)
    uses = []
    for rule_set, (title, applies_if) in sorted(rule_sets.items()):
        ran, reason = (True, "applies to every design") if applies_if is None else applies_if.test(scenario)
        if not ran and rule_set in forced:
            uses.append(RuleSetUse(rule_set, title, True, f"forced (--rule-set); otherwise: {reason}", True))
        else:
            uses.append(RuleSetUse(rule_set, title, ran, reason))
    return uses
