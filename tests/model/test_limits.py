"""A user who types an absurd number is told which field is wrong and why, before anything runs.

Non-finite numbers, numbers past a documented range, booleans where counts are meant, rates
over zero time and values that YAML silently retyped are all refused with the field named.
"""

from __future__ import annotations

import json

import pytest

from simulator.model.limits import MAX_DURATION, MAX_RATE, MAX_RECORDS, MAX_SERVERS, MIN_DURATION
from simulator.model.load import load_scenario
from simulator.model.scenario import Scenario
from simulator.model.units import duration_hours, parse_rate
from tests.conftest import TEST_CATALOG, line_of, mini_with, problems_of


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        ("rate: 10/h", "rate: .inf", "flows.0.rate", "finite number"),
        ("rate: 10/h", "rate: .nan", "flows.0.rate", "finite number"),
        ("rate: 10/h", "rate: 1e400/h", "flows.0.rate", "too large to be a number"),
        ("rate: 10/h", "rate: 1e308/h", "flows.0.rate", "at most 1,000,000/h"),
        ("rate: 10/h", "rate: 1/0h", "flows.0.rate", "period of a rate must be above zero"),
        ("rate: 10/h", "rate: 1/100000y", "flows.0.rate", "at least 1 per 10,000 years"),
        ("horizon: 30d", "horizon: .inf", "horizon", "finite number"),
        ("horizon: 30d", "horizon: 20000y", "horizon", "at most 10,000 years"),
        ("mean: 20m", "mean: .inf", "nodes.analytics.service.mean", "finite number"),
        ("retention: 1y", "retention: 0.1s", "data.records.retention", "at least 1 second"),
        ("lot: 5", "lot: 1.0e+20", "flows.0.lot", "less than or equal to 1000000000"),
        ("records: 10000", "records: 1.0e+30", "data.records.records", f"{MAX_RECORDS}"),
        ("servers: 2", "servers: 1000000000", "nodes.analytics.servers", f"{MAX_SERVERS}"),
        ("servers: 2", "servers: true", "nodes.analytics.servers", "whole number, got the boolean true"),
        ("servers: 2", "servers: 2.5", "nodes.analytics.servers", "fractional part"),
        ("lot: 5", "lot: yes", "flows.0.lot", "boolean true"),
        ("rate: 10/h", "rate: true", "flows.0.rate", "got the boolean true"),
    ],
)
def test_absurd_numbers_are_refused_with_the_field_named(write_yaml, old, new, field, words) -> None:
    path = write_yaml(mini_with(old, new))
    (problem,) = problems_of(path)
    assert problem.field == field
    assert words in problem.message
    assert problem.line == line_of(path, new)


def test_a_batch_every_1e_300_hours_is_below_the_one_second_minimum(write_yaml) -> None:
    path = write_yaml(mini_with("rate: 10/h", "batch: {every: 1e-300h}"))
    (problem,) = problems_of(path)
    assert problem.field == "flows.0.batch.every"
    assert "at least 1 second" in problem.message


def test_a_phase_starting_at_nan_is_refused(write_yaml) -> None:
    timeline = "timeline: [{name: one, start: 0}, {name: two, start: .nan}]"
    text = mini_with("horizon: 30d", f"horizon: 30d\n{timeline}")
    (problem,) = problems_of(write_yaml(text))
    assert problem.field == "timeline.1.start"
    assert "finite number" in problem.message


def test_a_rate_over_zero_time_is_a_value_error_not_a_crash() -> None:
    with pytest.raises(ValueError, match="period of a rate must be above zero"):
        parse_rate("1/0h")


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        ("dublin: {country: IE}", "dublin: {country: NO}", "sites.dublin.country", "YAML read NO as false"),
        ("name: Mini design", "name: 2024-01-01", "name", "YAML read 2024-01-01 as a date"),
        ("name: Mini design", "name: 1.5", "name", "YAML read 1.5 as the number 1.5"),
        ("access: data", "access: no", "nodes.desk.access", "YAML read no as false"),
    ],
)
def test_values_yaml_retyped_say_what_happened_and_how_to_quote_them(
    write_yaml, old, new, field, words
) -> None:
    path = write_yaml(mini_with(old, new))
    (problem,) = problems_of(path)
    assert problem.field == field
    assert words in problem.message
    quoted = new.split(": ")[-1].rstrip("}")
    assert f"quote it: '{quoted}'" in problem.message


def test_a_quoted_no_is_norway(write_yaml) -> None:
    path = write_yaml(mini_with("dublin: {country: IE}", "dublin: {country: 'NO'}"))
    assert load_scenario(path, catalog=TEST_CATALOG).sites["dublin"].country == "NO"


def test_the_schema_documents_every_range() -> None:
    schema = json.dumps(Scenario.model_json_schema(by_alias=True))
    defs = Scenario.model_json_schema(by_alias=True)["$defs"]
    servers = defs["ComputeNode"]["properties"]["servers"]
    assert servers["maximum"] == MAX_SERVERS and "100,000" in servers["description"]
    rate = defs["Flow"]["properties"]["rate"]
    assert "1,000,000/h" in rate["description"]
    assert {"type": "number", "minimum": MIN_DURATION, "maximum": MAX_DURATION} in json.loads(
        json.dumps(defs["Batch"]["properties"]["every"]["anyOf"])
    )
    assert str(MAX_RATE) in schema


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("1e400h", "too large"),
        ("20000y", "at most 10,000 years"),
        ("0h", "greater than zero"),
        ("soon", "expected"),
    ],
)
def test_a_horizon_typed_as_an_option_is_checked_as_in_a_file(text: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        duration_hours(text)
    assert duration_hours("365d") == 365 * 24
