"""Parameter sweeps: a grid of variants of one scenario, run on common random numbers.

A parameter is a dotted **path** into the scenario (as loaded, catalogue entries merged in)
and a list of values, e.g. ``nodes.desk.escalation.probability=0.1,0.3,0.5``. Paths follow
mapping keys (ids may contain dots: the longest matching key wins) and list items, by
position (``flows.0.rate``) or by ``name`` (``flows.study-runs.rate``,
``timeline.migration.start``). Values are YAML scalars in the file's own notation (``10/h``,
``2h``, ``51%``, ``true``); an empty value means "unset" (``data.records.keys=hsm,`` compares
customer-held keys with provider-managed keys).

Every variant is re-validated through the model, so a bad path or value is an
:class:`~simulator.errors.InputError` naming the ``--param``. The grid is the cartesian
product of the parameters' values; besides, the baseline (the scenario as given) and, for the
tornado chart, the one-at-a-time variants at each parameter's lowest and highest value are run.
Variants that come out identical (same scenario hash) run once. All run with the same seed and
replication count, so replication ``i`` of every variant sees the same workload, incidents and
demands wherever the parameter does not change them (common random numbers): differences
against the baseline are paired.

Resumption: each finished point is written atomically to ``out_dir/points/<key>.json``, the
key hashing (variant scenario hash, seed, replications, horizon, bins). Rerunning into the
same ``out_dir`` reads finished points instead of running them again; the result is the same
as an uninterrupted run.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Executor
from contextlib import nullcontext
from pathlib import Path
from typing import Any, Literal

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict, Field, JsonValue, PrivateAttr, ValidationError

from simulator.errors import InputError, Problem
from simulator.experiment.describe import scenario_hash
from simulator.experiment.result import Headline, Interval, find_headline
from simulator.experiment.runner import DEFAULT_BINS, HEADLINE_KEYS, HEADLINE_METRIC, run_experiment
from simulator.experiment.stats import CONFIDENCE, t_interval
from simulator.io import atomic_write_text, slugify
from simulator.model.load import clean_loc, error_message
from simulator.model.references import reference_problems
from simulator.model.scenario import Scenario
from simulator.version import sovsim_version

SWEEP_SCHEMA_VERSION = "1.0"
POINT_SCHEMA_VERSION = "1.0"
PARAM_SOURCE = Path("--param")
"""What a bad parameter's problem names instead of a file."""
SWEEP_FILE = "sweep.json"
POINTS_FOLDER = "points"

SweepProgress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` with points finished (reused ones included) and in all."""


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


# --------------------------------------------------------------------------- parameters


def _split_values(text: str) -> list[str]:
    """Split on commas that are not inside brackets, braces or quotes."""
    parts, current, depth, quote = [], [], 0, ""
    for char in text:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return parts


def _scalar(text: str) -> Any:
    text = text.strip()
    if text == "":
        return None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return text


def parse_param(text: str) -> tuple[str, list[Any]]:
    """``"PATH=V1,V2"`` -> ``("PATH", [V1, V2])`` with YAML scalars; an empty value is ``None``."""
    path, sep, values = text.partition("=")
    path = path.strip()
    if not sep or not path:
        raise InputError.single(
            PARAM_SOURCE, f"{text!r}: expected PATH=VALUE1,VALUE2,... e.g. nodes.desk.session=1h,4h"
        )
    return path, [_scalar(part) for part in _split_values(values)]


def parse_params(texts: Sequence[str]) -> dict[str, list[Any]]:
    """Several ``--param`` options; every problem is reported at once."""
    params: dict[str, list[Any]] = {}
    problems: list[Problem] = []
    for text in texts:
        try:
            path, values = parse_param(text)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if path in params:
            problems.append(Problem(PARAM_SOURCE, f"{path}: given twice; list all its values in one --param"))
        params[path] = values
    if problems:
        raise InputError(problems)
    return params


def _segments(data: Any, path: str) -> list[str | int]:
    """Resolve a dotted path against ``data`` into keys and list positions."""
    words = path.split(".")
    resolved: list[str | int] = []
    current = data
    position = 0
    while position < len(words):
        where = ".".join(str(part) for part in resolved) or "the scenario"
        if isinstance(current, dict):
            for end in range(len(words), position, -1):  # longest key first: ids may hold dots
                key = ".".join(words[position:end])
                if key in current:
                    break
            else:
                known = ", ".join(sorted(map(str, current))) or "none"
                raise _bad(path, f"{where} has no {words[position]!r} (known: {_short(known)})")
            resolved.append(key)
            current = current[key]
            position = end
        elif isinstance(current, list):
            word = words[position]
            if word.lstrip("-").isdigit():
                index = int(word)
                if not -len(current) <= index < len(current):
                    raise _bad(path, f"{where} has {len(current)} item(s); no item {index}")
                index %= len(current)
            else:
                named = [
                    k for k, item in enumerate(current) if isinstance(item, dict) and item.get("name") == word
                ]
                if len(named) != 1:
                    names = ", ".join(
                        str(item.get("name"))
                        for item in current
                        if isinstance(item, dict) and item.get("name")
                    )
                    why = "several items are" if named else "no item is"
                    raise _bad(
                        path,
                        f"in {where} {why} named {word!r}; use a position or one of: {names or 'none named'}",
                    )
                index = named[0]
            resolved.append(index)
            current = current[index]
            position += 1
        elif current is None and position == len(words) - 1:
            # An optional block left out (e.g. escalation: none): the model says what it needs.
            raise _bad(
                path, f"{where} is not set in the scenario; set it there first (with its required fields)"
            )
        else:
            raise _bad(path, f"{where} is a value, not a section; it has no {words[position]!r}")
    return resolved


def _short(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _bad(path: str, message: str) -> InputError:
    return InputError([Problem(PARAM_SOURCE, message, loc=(path,))])


def _get(data: Any, segments: Sequence[str | int]) -> Any:
    for part in segments:
        data = data[part]
    return data


def _dump(scenario: Scenario) -> dict[str, Any]:
    return scenario.model_dump(mode="json", by_alias=True)


def variant(scenario: Scenario, settings: Mapping[str, Any]) -> Scenario:
    """``scenario`` with each dotted path set to its value, validated again through the model."""
    data = _dump(scenario)
    where: dict[str, list[str | int]] = {}
    for path, value in settings.items():
        segments = _segments(data, path)
        where[path] = segments
        parent = _get(data, segments[:-1])
        parent[segments[-1]] = value
    described = ", ".join(f"{path}={_show(value)}" for path, value in settings.items())

    def problem(loc: Sequence[Any], message: str) -> Problem:
        clean = list(clean_loc(data, tuple(loc)))
        blamed = _blame(clean, where)
        field = "" if len(blamed) == 1 and list(clean) == where[blamed[0]] else _field(clean)
        return Problem(PARAM_SOURCE, f"{described}: {field}{message}", loc=blamed)

    try:
        result = Scenario.model_validate(data)
    except ValidationError as exc:
        raise InputError(
            [problem(error["loc"], error_message(error)) for error in exc.errors(include_url=False)]
        ) from None
    problems = reference_problems(result)
    if problems:
        raise InputError([problem(loc, message) for loc, message in problems])
    return result


def _show(value: Any) -> str:
    return (
        "(unset)"
        if value is None
        else json.dumps(value, ensure_ascii=False)
        if not isinstance(value, str)
        else value
    )


def _field(loc: Sequence[Any]) -> str:
    return f"{'.'.join(str(part) for part in loc)}: " if loc else ""


def _blame(loc: Sequence[Any], where: Mapping[str, list[str | int]]) -> tuple[str, ...]:
    """The --param whose path the error lies under (or all of them)."""
    loc = list(loc)
    for path, segments in where.items():
        if loc[: len(segments)] == segments or segments[: len(loc)] == loc:
            return (path,)
    return tuple(where)


# --------------------------------------------------------------------------- points


def point_key(digest: str, seed: int, replications: int, horizon: float, bins: int) -> str:
    """The resume key of a point: what determines its result, hashed."""
    text = json.dumps([digest, seed, replications, float(horizon), bins], separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def _load_point(path: Path, key: str) -> StoredPoint | None:
    try:
        stored = StoredPoint.model_validate_json(path.read_bytes())
    except (OSError, ValueError):
        return None  # missing or unreadable: run it again
    return stored if stored.key == key else None


def _numeric(values: Sequence[Any]) -> bool:
    return all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)


def _extremes(values: Sequence[Any], normalised: Sequence[Any]) -> tuple[int, int]:
    """Positions of the lowest and highest value (by the model's reading), else first and last."""
    if _numeric(normalised) and len(normalised) > 1:
        order = sorted(range(len(values)), key=lambda k: (normalised[k], k))
        return order[0], order[-1]
    return 0, len(values) - 1


def _paired(values: Sequence[float], baseline: Sequence[float]) -> Interval:
    return t_interval(np.asarray(values, dtype=float) - np.asarray(baseline, dtype=float))


def sweep(
    scenario: Scenario,
    params: Mapping[str, Sequence[Any]],
    replications: int,
    seed: int,
    executor: Executor | None = None,
    out_dir: Path | str | None = None,
    progress: SweepProgress | None = None,
    *,
    horizon: float | None = None,
    workers: int = 1,
    bins: int = DEFAULT_BINS,
    metric: str = HEADLINE_METRIC,
) -> SweepResult:
    """Run the grid of variants of ``scenario`` given by ``params`` (path -> values).

    Every variant is checked before anything runs (an :class:`InputError` names the bad
    ``--param``). Points run one after the other, each with its replications spread over
    ``executor`` (or a pool of ``workers`` processes); with ``out_dir`` each finished point is
    saved and reused by a later run, and ``sweep.json`` is written at the end.
    """
    if not params:
        raise InputError.single(
            PARAM_SOURCE, "give at least one parameter, e.g. --param nodes.desk.session=1h,4h"
        )
    if replications < 1:
        raise ValueError(f"replications must be at least 1, got {replications}")
    if metric not in HEADLINE_KEYS:
        raise ValueError(f"unknown metric {metric!r}; use one of: {', '.join(HEADLINE_KEYS)}")
    paths = list(params)
    value_lists = [list(params[path]) for path in paths]
    problems: list[Problem] = []
    for path, values in zip(paths, value_lists, strict=True):
        if not values:
            problems.append(Problem(PARAM_SOURCE, f"{path}: no values given", loc=(path,)))
    if problems:
        raise InputError(problems)

    # Build and validate every variant first: a typo fails before hours of simulation.
    variants: dict[str, Scenario] = {}

    def build(settings: dict[str, Any]) -> str:
        model = variant(scenario, settings) if settings else scenario
        digest = scenario_hash(model)
        variants.setdefault(digest, model)
        return digest

    baseline_digest = build({})
    grid = [dict(zip(paths, combo, strict=True)) for combo in itertools.product(*value_lists)]
    # One-at-a-time variants first, so that a bad value is blamed on its own --param.
    normalised: dict[str, list[Any]] = {}
    single: dict[tuple[str, int], str] = {}
    for path, values in zip(paths, value_lists, strict=True):
        normalised[path] = []
        for position, value in enumerate(values):
            try:
                digest = build({path: value})
            except InputError as exc:
                problems.extend(exc.problems)
                continue
            single[(path, position)] = digest
            model = variants[digest]
            normalised[path].append(_get(_dump(model), _segments(_dump(model), path)))
    if problems:
        raise InputError(problems)
    grid_digests = [build(settings) for settings in grid]

    horizons = {
        digest: float(horizon if horizon is not None else model.horizon) for digest, model in variants.items()
    }
    keys = {digest: point_key(digest, seed, replications, horizons[digest], bins) for digest in variants}
    extremes = {
        path: _extremes(values, normalised[path]) for path, values in zip(paths, value_lists, strict=True)
    }
    tornado_digests = [single[(path, position)] for path, ends in extremes.items() for position in ends]
    order = list(dict.fromkeys([baseline_digest, *grid_digests, *tornado_digests]))
    folder = Path(out_dir) / POINTS_FOLDER if out_dir is not None else None

    finished: dict[str, StoredPoint] = {}
    if folder is not None:
        for digest in order:
            stored = _load_point(folder / f"{keys[digest]}.json", keys[digest])
            if stored is not None:
                finished[digest] = stored
    reused = len(finished)
    total = len(order)
    if progress and reused:
        progress(reused, total)

    if executor is not None or workers <= 1:
        context = nullcontext(executor)
    else:
        from simulator.experiment.executors import make_executor

        context = make_executor("process", workers)
    with context as pool:
        for digest in order:
            if digest in finished:
                continue
            model = variants[digest]
            result = run_experiment(model, replications, seed, horizons[digest], executor=pool, bins=bins)
            stored = StoredPoint(
                key=keys[digest],
                scenario_hash=digest,
                seed=seed,
                replications=replications,
                horizon_hours=horizons[digest],
                bins=bins,
                headlines=result.summary,
            )
            if folder is not None:
                atomic_write_text(folder / f"{stored.key}.json", stored.model_dump_json(indent=1) + "\n")
            finished[digest] = stored
            if progress:
                progress(len(finished), total)

    def point(digest: str, settings: dict[str, Any]) -> SweepPoint:
        stored = finished[digest]
        return SweepPoint(
            key=stored.key,
            scenario_hash=digest,
            settings=settings,
            horizon_hours=stored.horizon_hours,
            headlines=stored.headlines,
        )

    baseline = point(baseline_digest, {})
    base = baseline.headline(metric)
    bars = []
    for path, values in zip(paths, value_lists, strict=True):
        low, high = extremes[path]
        low_line = finished[single[(path, low)]].headlines
        high_line = finished[single[(path, high)]].headlines
        low_h = next(h for h in low_line if h.key == metric)
        high_h = next(h for h in high_line if h.key == metric)
        bars.append(
            TornadoBar(
                path=path,
                low_value=values[low],
                high_value=values[high],
                low=low_h.value,
                high=high_h.value,
                low_difference=_paired(low_h.values, base.values),
                high_difference=_paired(high_h.values, base.values),
                swing=abs(high_h.value.mean - low_h.value.mean),
            )
        )
    bars.sort(key=lambda bar: (-bar.swing, bar.path))
    result = SweepResult(
        scenario=scenario.name,
        slug=f"sweep-{slugify(scenario.name)}",
        scenario_hash=baseline_digest,
        parameters=SweepParameters(
            seed=seed,
            replications=replications,
            horizon_hours=horizon,
            bins=bins,
            confidence=CONFIDENCE,
            metric=metric,
            sovsim_version=sovsim_version(),
        ),
        params=[
            SweepParam(path=path, values=value_lists[k], normalised=normalised[path])
            for k, path in enumerate(paths)
        ],
        baseline=baseline,
        points=[point(digest, settings) for digest, settings in zip(grid_digests, grid, strict=True)],
        tornado=Tornado(metric=metric, label=base.label, unit=base.unit, baseline=base.value, bars=bars),
    )
    result._reused = reused
    if out_dir is not None:
        save_sweep(result, out_dir)
    return result


def sweep_json(result: SweepResult) -> str:
    """Stable JSON: equal inputs give byte-identical text."""
    return (
        json.dumps(
            result.model_dump(mode="json"), indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False
        )
        + "\n"
    )


def save_sweep(result: SweepResult, out_dir: Path | str) -> Path:
    """Write ``sweep.json`` atomically into ``out_dir``."""
    return atomic_write_text(Path(out_dir) / SWEEP_FILE, sweep_json(result))


def load_sweep(path: Path | str) -> SweepResult:
    path = Path(path)
    if path.is_dir():
        path = path / SWEEP_FILE
    return SweepResult.model_validate_json(path.read_bytes())


def sweep_schema() -> dict[str, Any]:
    """JSON Schema of ``sweep.json``."""
    return SweepResult.model_json_schema()


def grid_size(params: Mapping[str, Sequence[Any]]) -> int:
    """Points in the grid (the cartesian product of the values)."""
    size = 1
    for values in params.values():
        size *= len(values)
    return size


def iter_settings(params: Mapping[str, Sequence[Any]]) -> Iterator[dict[str, Any]]:
    """The grid's settings in order."""
    paths = list(params)
    for combo in itertools.product(*(params[p] for p in paths)):
        yield dict(zip(paths, combo, strict=True))
