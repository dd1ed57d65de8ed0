"""A hand-edited run folder is read as untrusted input: each mistake is an input error naming the
file and the field at fault, never a traceback, and a non-finite number is refused."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from simulator import app
from simulator.app import ExperimentSettings
from simulator.errors import InputError
from simulator.model.load import load_scenario
from tests.conftest import MINI, TEST_CATALOG

Edit = Callable[[Path], None]


@pytest.fixture(scope="module")
def saved_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("saved")
    settings = ExperimentSettings(replications=2, mitigation_replications=0)
    return app.run(load_scenario(MINI, catalog=TEST_CATALOG), settings, root).folder


def _edit_json(name: str, change: Callable[[object], object]) -> Edit:
    def edit(folder: Path) -> None:
        path = folder / name
        path.write_text(json.dumps(change(json.loads(path.read_text()))))

    return edit


def _replace_text(name: str, old: str, new: str) -> Edit:
    def edit(folder: Path) -> None:
        path = folder / name
        text = path.read_text()
        assert old in text
        path.write_text(text.replace(old, new, 1))

    return edit


def _severity(findings: list[dict]) -> list[dict]:
    findings[-1]["severity"] = "apocalyptic"
    return findings


def _pipe(folder: Path) -> None:
    (folder / "result.json").unlink()
    os.mkfifo(folder / "result.json")


CASES = {
    "finding-severity": (_edit_json("findings.json", _severity), "findings.json: findings.{last}.severity:"),
    "schema-version": (
        _edit_json("result.json", lambda d: {**d, "schema_version": "1.0"}),
        "schema_version '1.0' is not one this sovsim reads (2.0)",
    ),
    "kind": (_edit_json("result.json", lambda d: {**d, "kind": "poem"}), "result.json: kind: must be one of"),
    "result-field": (
        _edit_json("result.json", lambda d: {**d, "parameters": {**d["parameters"], "seed": "many"}}),
        "result.json: parameters.seed:",
    ),
    "number-1e999": (
        _replace_text("result.json", '"seed": 1', '"seed": 1e999'),
        "the number 1e999 is not finite",
    ),
    "nan": (
        _replace_text("findings.json", '"severity"', '"x": NaN, "severity"'),
        "the number NaN is not finite",
    ),
    "review-field": (
        _edit_json("review.json", lambda d: {**d, "mitigations": 3}),
        "review.json: mitigations:",
    ),
    "broken-json": (_replace_text("review.json", "{", "{,"), "review.json:1:2: not JSON"),
    "named-pipe": (_pipe, "is a named pipe, not a regular file"),
}


@pytest.mark.parametrize(("edit", "message"), CASES.values(), ids=CASES.keys())
def test_a_hand_edited_run_folder_is_an_input_error_naming_the_field(
    saved_run: Path, tmp_path: Path, edit: Edit, message: str
) -> None:
    folder = shutil.copytree(saved_run, tmp_path / "run")
    last = len(json.loads((folder / "findings.json").read_text())) - 1
    edit(folder)
    with pytest.raises(InputError) as caught:
        app.report(folder)
    assert message.format(last=last) in str(caught.value)
