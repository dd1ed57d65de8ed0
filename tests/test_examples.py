"""Every command example in the README and in the `--help` epilogs runs, as written.

Examples run in a scratch folder that sees the repository's `scenarios/` and `tests/`, so
their outputs go to its own `results/`. Experiments get `--reps 2` (and a 3-day horizon where
the command takes one) appended: the last value of an option wins, so the example's own
options are still parsed and checked, and the test stays quick.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from simulator.cli import app

ROOT = Path(__file__).parents[1]
README = ROOT / "README.md"
QUICK = {
    "run": ["--reps", "2", "--horizon", "3d", "--mitigation-reps", "2"],
    "compare": ["--reps", "2", "--horizon", "3d"],
    "sweep": ["--reps", "2", "--horizon", "3d"],
    "check": ["--reps", "2"],
}
NOT_SOVSIM = ("bash scripts/test.sh", "python benchmarks/run.py")
"""README commands that are not sovsim's: the test runner itself and the hardware benchmark."""


def readme_examples() -> list[str]:
    """The `sovsim ...` commands of the README's bash blocks (after `&&` when chained)."""
    blocks = re.findall(r"```bash\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    commands = []
    for line in (line for block in blocks for line in block.splitlines()):
        command = line.split("#")[0].split("&&")[-1].strip()
        if command.startswith("sovsim "):
            commands.append(command)
        else:
            assert not command or command.startswith(NOT_SOVSIM), f"unexpected README command: {line}"
    return commands


def help_examples() -> list[str]:
    """The example each command's `--help` epilog gives."""
    return [
        match
        for command in app.registered_commands
        for match in re.findall(r"`(sovsim [^`]+)`", command.epilog or "")
    ]


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch folder with the repository's scenarios and test data, where DESC ran once."""
    for name in ("scenarios", "tests"):
        (tmp_path / name).symlink_to(ROOT / name)
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["run", "scenarios/desc-azure-axon.yaml", *QUICK["run"]])
    assert done.exit_code == 0, done.output
    return tmp_path


def quick(example: str) -> list[str]:
    words = shlex.split(example)[1:]
    return words + QUICK.get(words[0], []) if "--static" not in words else words


@pytest.mark.parametrize("example", readme_examples() + help_examples())
def test_the_example_runs_as_written(example: str, workspace: Path) -> None:
    result = CliRunner().invoke(app, quick(example))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    allowed = {0, 1} if example.startswith("sovsim check") else {0}
    assert result.exit_code in allowed, f"{example}\n{result.output}"


def test_there_are_examples_for_every_command_in_the_readme() -> None:
    commands = {example.split()[1] for example in readme_examples()}
    assert {"validate", "explain", "run", "check", "report", "sweep", "compare"} <= commands


@pytest.mark.slow
def test_the_python_example_of_the_readme_runs(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    [code] = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    exec(compile(code, str(README), "exec"), {})
    output = capsys.readouterr().out
    value, findings, folder = output.split()
    assert float(value) > 0 and int(findings) > 0 and Path(folder).is_dir(), output
