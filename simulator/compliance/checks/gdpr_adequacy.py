"""GDPR art. 45: places in a country with an adequacy decision that personal data can enter;
the transfer is covered by the decision (noted, not a breach)."""

from __future__ import annotations

from simulator.compliance.checks import gdpr_transfers
from simulator.compliance.context import Context
from simulator.compliance.models import Hit, Rule

NAME = "gdpr_adequacy"


class Params(gdpr_transfers.Params):
    zone: str = "adequate"
    note: str = "covered by an adequacy decision (art. 45); check that it is still in force"


def run(ctx: Context, rule: Rule, params: Params) -> list[Hit]:
    return gdpr_transfers.run(ctx, rule, params)
