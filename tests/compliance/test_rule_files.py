"""User rule files: they add rules, and mistakes point at file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.compliance import load_rules
from simulator.errors import InputError
from tests.compliance._support import findings, of_rule

USER_RULES = """\
rule_set: my-org
title: Our own rules
source: https://example.org/policy
rules:
  - id: my-seal-3
    title: Providers reach SEAL-3 at least (estimated)
    severity: low
    source: https://example.org/policy
    summary: Our tenders require SEAL-3.
    false_positives: The SEAL level is an estimate.
    check: seal_estimate
    parameters:
      minimum_seal: 3
      below_minimum_severity: critical
"""


def test_a_user_rule_file_adds_a_rule(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(USER_RULES)
    found = findings("exposed", extra_rules=[path])
    mine = {f.entity: f for f in of_rule(found, "my-seal-3")}
    assert mine["eu-sub"].severity == "critical" and "below the required SEAL-3" in mine["eu-sub"].message
    assert mine["eu-sub"].rule_set == "my-org"
    assert of_rule(findings("sovereign", extra_rules=[path]), "my-seal-3")[0].severity == "low"


def test_a_bad_rule_file_names_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        USER_RULES.replace("severity: low", "severity: severe")
        .replace("check: seal_estimate", "check: seal_estimate\n    colour: red")
        .replace("minimum_seal: 3", "minimum_seal: three\n      typo: 1")
    )
    with pytest.raises(InputError) as caught:
        load_rules([path])
    problems = {(p.field, p.line) for p in caught.value.problems}
    assert ("rules.0.severity", 7) in problems
    assert ("rules.0.colour", 12) in problems
    assert all(p.file == path for p in caught.value.problems)
    assert "bad.yaml:7:" in str(caught.value)


def test_bad_check_name_and_parameters_are_reported_at_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(USER_RULES.replace("minimum_seal: 3", "minimum_seal: three\n      typo: 1"))
    with pytest.raises(InputError) as caught:
        load_rules([path])
    problems = {(p.field, p.line) for p in caught.value.problems}
    assert problems == {("rules.0.parameters.minimum_seal", 13), ("rules.0.parameters.typo", 14)}
    path.write_text(USER_RULES.replace("check: seal_estimate", "check: no_such_check"))
    with pytest.raises(InputError) as caught:
        load_rules([path])
    [problem] = caught.value.problems
    assert (problem.field, problem.line) == (
        "rules.0.check",
        11,
    ) and "unknown check 'no_such_check'" in problem.message


def test_a_rule_id_defined_twice_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "dup.yaml"
    path.write_text(USER_RULES.replace("id: my-seal-3", "id: snc-19.6a-eu-seat"))
    with pytest.raises(InputError) as caught:
        load_rules([path])
    [problem] = caught.value.problems
    assert problem.file == path and problem.field == "rules.0.id" and problem.line == 5
    assert "already defined" in problem.message


def test_a_missing_or_invalid_yaml_rule_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        load_rules([tmp_path / "nope.yaml"])
    path = tmp_path / "broken.yaml"
    path.write_text("rules: [\n")
    with pytest.raises(InputError, match="invalid YAML"):
        load_rules([path])


def test_thresholds_are_marked_to_check_against_the_official_text() -> None:
    rule = {item.rule.id: item.rule for item in load_rules()}["snc-19.6b-non-eu-capital"]
    assert rule.parameters["individual_max"].value == 0.24
    assert rule.parameters["collective_max"].value == 0.39
    assert rule.parameters["individual_max"].check_against_official_text
    [finding] = [f for f in findings("exposed") if f.id == "snc-19.6b-non-eu-capital@eu-sub@store"]
    assert "collective_max = 0.39" in finding.to_check
