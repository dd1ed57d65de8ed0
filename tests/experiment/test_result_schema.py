"""result.json is versioned, validated by the committed JSON Schema, and byte-stable."""

from __future__ import annotations

import json

import jsonschema
import pytest
from experiment_fixtures import fake_result, mini

from simulator.experiment import compare_results
from simulator.experiment.result import SCHEMA_PATH, SCHEMA_VERSION, from_json, schema_text, to_json


def test_committed_schema_is_up_to_date():
    """If this fails, run: python -c 'from simulator.experiment.result import write_schema; write_schema()'"""
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text()


def test_design_result_validates_against_the_exported_schema(design_result):
    document = json.loads(to_json(design_result))
    assert document["schema_version"] == SCHEMA_VERSION
    jsonschema.validate(document, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def test_comparison_validates_against_the_exported_schema(design_result):
    comparison = compare_results([design_result, design_result])
    jsonschema.validate(json.loads(to_json(comparison)), json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def test_a_result_with_a_missing_section_is_rejected_by_the_schema(design_result):
    document = json.loads(to_json(design_result))
    del document["assumptions"]
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)
    design_schema = {"$defs": schema["$defs"], "$ref": "#/$defs/DesignResult"}
    with pytest.raises(jsonschema.ValidationError, match="'assumptions' is a required property"):
        jsonschema.validate(document, design_schema)


def test_json_round_trips_to_an_equal_object(design_result):
    assert from_json(to_json(design_result)) == design_result


def test_equal_inputs_give_byte_identical_json():
    assert to_json(fake_result(mini(), seed=3)) == to_json(fake_result(mini(), seed=3))
    assert to_json(fake_result(mini(), seed=3)) != to_json(fake_result(mini(), seed=4))
