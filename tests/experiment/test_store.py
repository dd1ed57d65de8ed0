"""Results are saved in a stable place, with byte-stable JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from simulator.experiment import store


def test_run_id_is_a_utc_timestamp_plus_a_key_of_what_determines_the_result(design_result):
    moment = datetime(2025, 3, 11, 14, 25, 1, tzinfo=UTC)
    run_id = store.run_id(design_result, now=moment)
    assert run_id.startswith("20250311T142501Z-") and len(run_id) == len("20250311T142501Z-") + 8
    other_seed = design_result.model_copy(
        update={"parameters": design_result.parameters.model_copy(update={"seed": 99})}
    )
    assert store.run_key(other_seed) != store.run_key(design_result)


def test_saved_result_reads_back_identical(tmp_path: Path, design_result):
    moment = datetime(2025, 3, 11, 14, 25, 1, tzinfo=UTC)
    path = store.save_result(design_result, root=tmp_path, now=moment)
    assert path.parent.parent == tmp_path / design_result.slug
    assert path.name == "result.json"
    text = path.read_text()
    assert "2025" not in json.loads(text)["parameters"].values()
    assert store.load_result(path.parent) == design_result
    assert (
        text.endswith("\n")
        and json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n" == text
    )


def test_two_runs_started_in_the_same_second_get_folders_of_their_own(tmp_path: Path, design_result):
    first = store.new_run_dir(design_result, tmp_path)
    second = store.new_run_dir(design_result, tmp_path)
    assert first != second and first.is_dir() and second.is_dir()
    assert second.name.startswith(first.name)


def test_the_run_key_changes_with_the_rules_and_decisions_the_findings_were_judged_by(design_result):
    plain = store.run_key(design_result)
    assert store.run_key(design_result, ["rule-a"]) not in (plain, store.run_key(design_result, ["rule-b"]))
