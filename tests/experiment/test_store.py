"""Results are written atomically, in a stable place, with byte-stable JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from simulator.experiment import store
from simulator.experiment.store import atomic_write_bytes, atomic_write_text, slugify


def test_atomic_write_replaces_the_whole_file(tmp_path: Path):
    target = tmp_path / "deep" / "result.json"
    atomic_write_text(target, "first")
    atomic_write_text(target, "second")
    assert target.read_text() == "second"
    assert [p.name for p in target.parent.iterdir()] == ["result.json"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path: Path, monkeypatch):
    target = tmp_path / "result.json"
    atomic_write_text(target, "old content")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(store.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        atomic_write_bytes(target, b"new content that never lands")
    assert target.read_text() == "old content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["result.json"]


def test_an_interrupted_write_leaves_no_partial_file(tmp_path: Path, monkeypatch):
    target = tmp_path / "report.html"

    def interrupted_fsync(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(store.os, "fsync", interrupted_fsync)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(target, "<html>" * 1000)
    assert list(tmp_path.iterdir()) == []


def test_slugs_read_well_in_paths():
    assert (
        slugify("DESC evidence platform on Azure UK via Axon")
        == "desc-evidence-platform-on-azure-uk-via-axon"
    )
    assert slugify("Santé — Hôpital (FR)") == "sante-hopital-fr"
    assert slugify("***") == "scenario"


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
