"""Small helpers shared by the engine tests: build a scenario, replicate, confidence intervals."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
from scipy import stats

from simulator.engine import Outcome, simulate
from simulator.law.readability import ExposureMap, analyse
from simulator.model.load import parse_scenario

ROOT = Path(__file__).resolve().parents[1]
TEST_CATALOG = ROOT / "data" / "catalog"
DATA = Path(__file__).parent / "data"


VAULT = (ROOT / "data" / "vault.yaml").read_text(encoding="utf-8")


def vault_text(demand: str, horizon: str = "2y", extra: str = "") -> str:
    """The vault design (always readable by ``us-law``) with its one demand given as mapping fields.

    ``extra`` is YAML put before ``events:`` (e.g. a regime override).
    """
    text = VAULT.replace(
        "{regime: us-law, target: us-parent, rate: 1/y}", f"{{regime: us-law, target: us-parent, {demand}}}"
    )
    return text.replace("horizon: 2y", f"horizon: {horizon}").replace("events:", f"{extra}events:")


def exposure_of(text: str) -> ExposureMap:
    """The exposure map of a scenario given as YAML text (test catalogue)."""
    return analyse(parse_scenario(text, catalog=TEST_CATALOG))


def replicate(exposure: ExposureMap, n: int, seed: int = 2024, horizon: float | None = None) -> list[Outcome]:
    """``n`` independent replications, as the experiment layer runs them."""
    return [simulate(exposure, child, horizon=horizon) for child in np.random.SeedSequence(seed).spawn(n)]


def ci95(values: list[float]) -> tuple[float, float, float]:
    """(mean, low, high): Student-t 95 % confidence interval of the mean over replications."""
    array = np.asarray(values, dtype=float)
    mean = float(array.mean())
    half = float(stats.t.ppf(0.975, len(array) - 1) * array.std(ddof=1) / math.sqrt(len(array)))
    return mean, mean - half, mean + half


def place_index(exposure: ExposureMap, **fields: object) -> int:
    """The one place whose attributes match ``fields``."""
    found = [p.index for p in exposure.places if all(getattr(p, k) == v for k, v in fields.items())]
    assert len(found) == 1, f"expected one place with {fields}, found {found}"
    return found[0]


def transfers_between(
    exposure: ExposureMap, outcome: Outcome, source: str, to: str, field: str = "events"
) -> float:
    """Transfer events (or record-visits, ``field="records"``) from country ``source`` to places in ``to``."""
    sites = exposure.scenario.sites
    places = [p.index for p in exposure.places if sites[p.site].country == to]
    origin = outcome.countries.index(source)
    if field == "events":
        return float(outcome.transfers_events[origin, places].sum())
    return float(outcome.transfers_records[:, origin, places].sum())
