"""``review.json`` beside ``result.json``: what the executive summary shows beyond the result
and its findings — the assertions scoreboard, the mitigation re-runs and the risk decisions.

Saved with the run, so ``sovsim report`` renders the same summary later (an acceptance's
expiry is judged on the day of the run, not of the re-rendering).
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, TypeAdapter

from simulator.app.mitigations import MitigationEffect
from simulator.app.saved import read_json, validated
from simulator.compliance import AssertionCheck
from simulator.compliance.acceptances import Decision

REVIEW_FILE = "review.json"


class Review(BaseModel):
    """Per design index: its assertions and the decisions on its findings; the mitigations of a run."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    assertions: dict[int, list[AssertionCheck]] = {}
    decisions: dict[int, list[Decision]] = {}
    mitigations: list[MitigationEffect] = []


def review_text(review: Review) -> str:
    """Stable JSON text: sorted keys, two-space indent, a final newline."""
    return json.dumps(review.model_dump(mode="json"), indent=2, sort_keys=True) + "\n"


def read_review(path: Path) -> Review | None:
    """The review saved at ``path`` (checked as untrusted input); ``None`` when there is none (a
    run of an older sovsim)."""
    if not path.exists():
        return None
    return validated(path, TypeAdapter(Review), read_json(path))
