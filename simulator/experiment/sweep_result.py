"""The result of a sweep: the grid's points with their headline metrics, and the tornado chart.

Beside :mod:`simulator.experiment.result` (which it borrows :class:`Headline` and
:class:`Interval` from) because the sweep report renders it and computes nothing: every
figure is here already, with its confidence interval. :class:`StoredPoint` is what one
finished point's file holds, so that an interrupted sweep resumes from it.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, PrivateAttr

from simulator.experiment.result import Headline, Interval, find_headline

SWEEP_SCHEMA_VERSION = "1.0"
POINT_SCHEMA_VERSION = "1.0"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SweepParameters(_Model):
    """What every point of the sweep ran with (common random numbers: the same seeds)."""

    seed: int
    replications: int
    horizon_hours: float | None = Field(description="None: each variant's own horizon.")
    bins: int
    confidence: float
    metric: str = Field(description="Headline metric of the tornado chart.")
    sovsim_version: str


class SweepParam(_Model):
    path: str = Field(description="Dotted path into the scenario, e.g. 'nodes.desk.escalation.probability'.")
    values: list[JsonValue] = Field(description="Values as given; null means unset.")
    normalised: list[JsonValue] = Field(
        description="The same values as the model reads them (hours, per hour)."
    )


class SweepPoint(_Model):
    """One variant: its settings and its headline metrics over the replications."""

    key: str = Field(
        description="Hash of (scenario hash, seed, replications, horizon, bins): the resume key."
    )
    scenario_hash: str
    settings: dict[str, JsonValue] = Field(description="Path -> value as given; empty for the baseline.")
    horizon_hours: float
    headlines: list[Headline]

    def headline(self, key: str) -> Headline:
        return find_headline(self.headlines, key)


class TornadoBar(_Model):
    """One parameter moved alone from the baseline to its lowest and highest value."""

    path: str
    low_value: JsonValue
    high_value: JsonValue
    low: Interval = Field(description="The metric with the parameter at its lowest value.")
    high: Interval = Field(description="The metric with the parameter at its highest value.")
    low_difference: Interval = Field(description="Paired difference low − baseline.")
    high_difference: Interval = Field(description="Paired difference high − baseline.")
    swing: float = Field(description="|high − low| of the means; bars are sorted by it.")


class Tornado(_Model):
    metric: str
    label: str
    unit: str
    baseline: Interval
    bars: list[TornadoBar]


class SweepResult(_Model):
    """A sweep: the grid's points with their headline metrics, and the tornado chart's data."""

    schema_version: str = SWEEP_SCHEMA_VERSION
    kind: Literal["sweep"] = "sweep"
    scenario: str
    slug: str
    scenario_hash: str = Field(description="Hash of the baseline scenario.")
    parameters: SweepParameters
    params: list[SweepParam]
    baseline: SweepPoint
    points: list[SweepPoint] = Field(description="The grid, in the order of the cartesian product.")
    tornado: Tornado

    _reused: int = PrivateAttr(default=0)

    @property
    def reused(self) -> int:
        """How many distinct points were read from ``out_dir`` rather than run (not serialised)."""
        return self._reused


class StoredPoint(_Model):
    """What one finished point's file holds (``out_dir/points/<key>.json``)."""

    schema_version: str = POINT_SCHEMA_VERSION
    key: str
    scenario_hash: str
    seed: int
    replications: int
    horizon_hours: float
    bins: int
    headlines: list[Headline]


def sweep_json(result: SweepResult) -> str:
    """Stable JSON: equal inputs give byte-identical text."""
    data = result.model_dump(mode="json")
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"


def sweep_schema() -> dict[str, Any]:
    """JSON Schema of ``sweep.json``."""
    return SweepResult.model_json_schema()
