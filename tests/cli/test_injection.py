"""Payloads in a scenario's text reach the terminal, the reports and the CSV tables inert.

The corpus of issue 16 (``tests/fuzz/corpus/injection/``) holds an ESC sequence that clears the
screen and retitles the window, a right-to-left override in a rule's basis, and a spreadsheet
formula as a design's name. Each is run end to end and every output is searched for the raw
characters.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from simulator.cli import app
from simulator.text import spreadsheet_safe, visible

runner = CliRunner()
CORPUS = sorted((Path(__file__).parents[1] / "fuzz" / "corpus" / "injection").glob("*.yaml"))
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _terminal(args: list[str]) -> str:
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code in (0, 1), result.output
    return result.output


@pytest.fixture(scope="module", params=CORPUS, ids=lambda path: path.stem)
def run_folder(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("injection")
    short = ["--reps", "2", "--horizon", "2d"]
    output = _terminal(["run", str(request.param), *short, "--mitigation-reps", "0", "--out", str(root)])
    output += _terminal(["check", str(request.param), "--reps", "2"])
    output += _terminal(["explain", str(request.param), "--all"])
    output += _terminal(["explain", str(request.param), "--json"])
    [folder] = [path.parent for path in root.rglob("result.json")]
    return folder, output


def test_the_terminal_shows_payloads_escaped(run_folder: tuple[Path, str]) -> None:
    assert not RAW.search(run_folder[1])


@pytest.mark.parametrize("name", ["report.html", "report.md", "summary.md"])
def test_reports_show_payloads_escaped(run_folder: tuple[Path, str], name: str) -> None:
    assert not RAW.search((run_folder[0] / name).read_text(encoding="utf-8"))


def test_no_csv_cell_is_a_formula(run_folder: tuple[Path, str]) -> None:
    for table in run_folder[0].glob("*.csv"):
        with table.open(encoding="utf-8", newline="") as file:
            for cell in (cell for row in csv.reader(file) for cell in row):
                assert not cell.startswith(("=", "+", "@", "\t", "\r")), (table.name, cell)
                if cell.startswith("-"):
                    float(cell)  # a negative number, not a formula


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b[2J\x1b]0;pwned\x07 design", "\\x1b[2J\\x1b]0;pwned\\x07 design"),
        ("admin\u202etxt.exe", "admin\\u202etxt.exe"),
        ("\u2066isolate\u2069", "\\u2066isolate\\u2069"),
        ("line one\nline two\ttab, été", "line one\nline two\ttab, été"),
    ],
    ids=["escape-sequences", "right-to-left-override", "isolates", "ordinary-text"],
)
def test_control_and_bidirectional_characters_are_shown_escaped(text: str, shown: str) -> None:
    assert visible(text) == shown


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("plain", "plain"),
        (-2.5, -2.5),
    ],
)
def test_csv_cells_that_start_like_a_formula_become_text(cell: object, safe: object) -> None:
    assert spreadsheet_safe(cell) == safe


def test_an_error_message_quoting_a_payload_shows_it_escaped() -> None:
    result = runner.invoke(app, ["explain", str(CORPUS[0]), "--regime", "\x1b]0;pwned\x07\u202e"])
    assert result.exit_code == 2
    assert "\\x1b]0;pwned\\x07\\u202e" in result.output and not RAW.search(result.output)
