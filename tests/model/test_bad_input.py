"""A user who makes a mistake gets every problem with file, line and field, and exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from simulator.cli import app
from simulator.errors import EXIT_INPUT
from tests.conftest import MINI, TEST_CATALOG, line_of, mini_with, problems_of

runner = CliRunner()


def test_valid_scenario_passes_validate() -> None:
    result = runner.invoke(app, ["validate", str(MINI), "--catalog", str(TEST_CATALOG)])
    assert result.exit_code == 0, result.output
    assert "valid" in result.output


def test_unknown_reference_names_file_line_and_field(write_yaml) -> None:
    path = write_yaml(mini_with("operator: eu-sub, site: dublin}", "operator: eu-sbu, site: dublin}"))
    (problem,) = problems_of(path)
    assert problem.file == path
    assert problem.field == "nodes.store.operator"
    assert problem.line == line_of(path, "eu-sbu")
    assert "unknown entity 'eu-sbu'" in problem.message


def test_every_problem_is_listed_not_only_the_first(write_yaml) -> None:
    text = mini_with("site: dublin}", "site: dubln}").replace(
        "data: records, rate: 2/h", "data: recs, rate: 2/h"
    )
    problems = problems_of(write_yaml(text))
    assert {p.field for p in problems} == {"nodes.store.site", "flows.1.data"}


def test_duplicate_ids_are_refused(write_yaml) -> None:
    path = write_yaml(
        mini_with(
            "  hsm: {kind: key_manager",
            "  store: {kind: storage, operator: eu-sub, site: paris}\n  hsm: {kind: key_manager",
        )
    )
    (problem,) = problems_of(path)
    assert "duplicate key 'store'" in problem.message
    assert problem.line == line_of(path, "store: {kind: storage, operator: eu-sub, site: paris}")


def test_capital_shares_above_100_percent(write_yaml) -> None:
    text = MINI.read_text() + (
        "entities:\n  over-owned:\n    name: Over Owned\n    country: FR\n"
        "    owners: [{entity: us-parent, share: 60%}, {entity: eu-owner, share: 50%}]\n"
    )
    path = write_yaml(text)
    (problem,) = problems_of(path)
    assert problem.field == "entities.over-owned.owners"
    assert "110%" in problem.message and "100 %" in problem.message
    assert problem.line == line_of(path, "owners:")


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        ("servers: 2", "servers: 0", "nodes.analytics.servers", "greater than 0"),
        ("rate: 10/h", "rate: 0/h", "flows.0.rate", "greater than zero"),
        ("rate: 10/h", "rate: -3/h", "flows.0.rate", "expected a rate"),
        ("lot: 5", "lot: -5", "flows.0.lot", "greater than 0"),
        ("session: 2h", "session: 0h", "nodes.desk.session", "greater than zero"),
    ],
)
def test_zero_or_negative_capacities_and_rates(write_yaml, old, new, field, words) -> None:
    path = write_yaml(mini_with(old, new))
    (problem,) = problems_of(path)
    assert problem.field == field
    assert words in problem.message
    assert problem.line == line_of(path, new)


def test_country_codes_must_be_iso_alpha_2(write_yaml) -> None:
    path = write_yaml(mini_with("dublin: {country: IE}", "dublin: {country: UK}"))
    (problem,) = problems_of(path)
    assert problem.field == "sites.dublin.country"
    assert "ISO 3166-1 alpha-2" in problem.message and "'GB'" in problem.message


def test_ownership_cycles_are_refused(write_yaml) -> None:
    text = MINI.read_text() + (
        "entities:\n"
        "  a-corp: {name: A, country: FR, owners: [{entity: b-corp, share: 10%}]}\n"
        "  b-corp: {name: B, country: FR, owners: [{entity: a-corp, share: 10%}]}\n"
    )
    (problem,) = problems_of(write_yaml(text))
    assert "ownership cycle" in problem.message
    assert problem.field == "entities.a-corp.owners"


def test_wrong_types_are_named(write_yaml) -> None:
    path = write_yaml(mini_with("servers: 2", "servers: many"))
    (problem,) = problems_of(path)
    assert problem.field == "nodes.analytics.servers"
    assert "integer" in problem.message


def test_unknown_fields_are_typos_not_ignored(write_yaml) -> None:
    problems = problems_of(write_yaml(mini_with("retention: 1y", "retension: 1y")))
    assert {(p.field, p.message.split(" (")[0]) for p in problems} == {
        ("data.records.retension", "unknown field"),
        ("data.records.retention", "required field is missing"),
    }


def test_invalid_yaml_gives_line(write_yaml) -> None:
    path = write_yaml("name: x\nsites: {a: [1, 2}\n")
    (problem,) = problems_of(path)
    assert problem.line == 2
    assert "invalid YAML" in problem.message


def test_unreadable_file(tmp_path: Path) -> None:
    (problem,) = problems_of(tmp_path / "missing.yaml")
    assert "file not found" in problem.message
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes(b"name: caf\xe9\n")
    (problem,) = problems_of(bad)
    assert "cannot read" in problem.message


def test_billion_laughs_is_refused_quickly(write_yaml) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 9)}]")
    (problem,) = problems_of(write_yaml("\n".join(lines) + "\n"))
    assert "billion laughs" in problem.message


def test_cli_reports_problems_without_traceback(write_yaml) -> None:
    path = write_yaml(mini_with("servers: 2", "servers: 0"))
    result = runner.invoke(app, ["validate", str(path), "--catalog", str(TEST_CATALOG)])
    assert result.exit_code == EXIT_INPUT
    assert "Traceback" not in result.output
    assert f"{path}:{line_of(path, 'servers: 0')}" in result.output
    assert "nodes.analytics.servers" in result.output


def test_cli_json_problems_for_scripts(write_yaml) -> None:
    import json

    path = write_yaml(mini_with("servers: 2", "servers: 0"))
    result = runner.invoke(app, ["validate", str(path), "--catalog", str(TEST_CATALOG), "--json"])
    assert result.exit_code == EXIT_INPUT
    payload = json.loads(result.stdout)
    assert payload["valid"] is False
    assert payload["problems"][0]["field"] == "nodes.analytics.servers"


def test_a_grant_to_an_unknown_node_names_the_grant(write_yaml) -> None:
    path = write_yaml(
        mini_with("grants: [{node: analytics, scope: lot}]", "grants: [{node: analytic, scope: lot}]")
    )
    fields = {p.field: p.message for p in problems_of(path)}
    assert "unknown node 'analytic'" in fields["nodes.hsm.grants.0.node"]
    assert "holds no grant for its key" in fields["flows.1.to"]


def test_a_custody_that_needs_a_key_manager_says_so(write_yaml) -> None:
    (problem,) = problems_of(write_yaml(mini_with("keys: hsm,", "custody: byok,")))
    assert problem.field == "data.records"
    assert "custody 'byok' needs 'keys'" in problem.message


def test_a_lockbox_desk_needs_its_approval_figures(write_yaml) -> None:
    (problem,) = problems_of(write_yaml(mini_with("access: data", "access: data\n    mode: lockbox")))
    assert problem.field == "nodes.desk"
    assert "give 'lockbox' (approval, delay) exactly when mode is 'lockbox'" in problem.message
