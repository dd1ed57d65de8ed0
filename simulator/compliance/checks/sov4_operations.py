"""EU Cloud Sovereignty Framework v1.2.1, SOV-4 (operational: where support and administration are
served from): evidence and a 0–4 score per provider.
"""

from __future__ import annotations

from simulator.compliance.checks import _sovereignty
from simulator.compliance.context import Context
from simulator.compliance.models import Hit, Rule

NAME = "sov4_operations"
OBJECTIVE = "SOV-4"
Params = _sovereignty.ObjectiveParams


def run(ctx: Context, rule: Rule, params: Params) -> list[Hit]:
    return _sovereignty.objective_hits(ctx, OBJECTIVE, params)
