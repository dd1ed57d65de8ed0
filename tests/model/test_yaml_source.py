"""A hostile file is refused quickly, with a message, whatever its shape.

Each case here once hung, ate gigabytes or ended in a traceback: a device or a named pipe given as
the scenario, a file of many megabytes, nesting 600 levels deep, one long string aliased 20,000
times, an object-building tag, a number of 5,000 digits, an impossible date.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import yaml

from simulator.errors import InputError
from simulator.model import yaml_source
from simulator.model.yaml_source import MAX_DEPTH, MAX_FILE_BYTES, parse_yaml, read_yaml


def refused(text: str) -> str:
    with pytest.raises(InputError) as caught:
        parse_yaml(text, Path("hostile.yaml"))
    (problem,) = caught.value.problems
    return str(problem)


def test_a_device_is_refused_without_reading_it() -> None:
    with pytest.raises(InputError, match="character device, not a regular file"):
        read_yaml(Path("/dev/zero"))


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "scenario.yaml"
    os.mkfifo(pipe)
    started = time.monotonic()
    with pytest.raises(InputError, match="named pipe"):
        read_yaml(pipe)
    assert time.monotonic() - started < 5


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_yaml(tmp_path)


def test_a_file_past_the_size_cap_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("# padding\n" * (MAX_FILE_BYTES // 10 + 1))
    with pytest.raises(InputError, match="larger than 1 MiB"):
        read_yaml(big)


def test_nesting_600_levels_deep_is_refused_not_a_recursion_error() -> None:
    message = refused("a: " + "[" * 600 + "]" * 600 + "\n")
    assert f"nested more than {MAX_DEPTH} levels deep" in message
    assert "hostile.yaml:1:" in message


def test_deep_block_mappings_are_refused_too() -> None:
    text = "".join("  " * level + f"k{level}:\n" for level in range(600)) + "  " * 600 + "end: 1\n"
    assert "levels deep" in refused(text)


def test_one_long_string_aliased_20000_times_is_refused() -> None:
    text = "s: &s " + "x" * 10_000 + "\nlist: [" + ", ".join(["*s"] * 20_000) + "]\n"
    started = time.monotonic()
    assert "billion laughs" in refused(text)
    assert time.monotonic() - started < 10


def test_short_aliases_used_often_are_fine() -> None:
    text = "s: &s x\nlist: [" + ", ".join(["*s"] * 2_000) + "]\n"
    assert len(parse_yaml(text, Path("ok.yaml")).data["list"]) == 2_000


@pytest.mark.parametrize(
    "text",
    [
        "name: !!python/object/apply:os.system [ls]\n",
        "name: !!python/name:os.system ''\n",
        "a: !custom {b: 1}\n",
    ],
)
def test_object_building_tags_are_refused_by_name(text: str) -> None:
    assert "is not allowed: sovsim reads plain data" in refused(text)


def test_a_number_of_5000_digits_is_refused_not_a_traceback() -> None:
    assert "invalid YAML value" in refused("records: " + "9" * 5000 + "\n")


def test_an_impossible_date_is_refused_not_a_traceback() -> None:
    assert "invalid YAML value '2024-13-45'" in refused("start: 2024-13-45\n")


def test_merge_keys_may_be_overridden_but_explicit_keys_not_repeated() -> None:
    doc = parse_yaml("base: &b {a: 1, c: 3}\nnode: {<<: *b, a: 2}\n", Path("ok.yaml"))
    assert doc.data["node"] == {"a": 2, "c": 3}
    assert "duplicate key 'a'" in refused("node: {a: 1, a: 2}\n")


def test_scalars_yaml_retyped_keep_their_source_text() -> None:
    doc = parse_yaml("country: NO\nquoted: 'NO'\nwhen: 2024-01-01\nn: 3\n", Path("ok.yaml"))
    assert doc.plain == {("country",): "NO", ("when",): "2024-01-01", ("n",): "3"}


def test_a_control_character_is_refused_at_its_line() -> None:
    assert refused("name: x\ndescription: a\x00b\n") == (
        "hostile.yaml:2: invalid YAML: control characters are not allowed (U+0000)"
    )


def test_an_empty_file_is_refused_at_line_1() -> None:
    assert refused("") == "hostile.yaml:1: the file is empty"


def test_without_libyaml_the_same_limits_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_source, "_LOADER", yaml.SafeLoader)
    assert "levels deep" in refused("a: " + "[" * 600 + "]" * 600 + "\n")
    assert parse_yaml("country: NO\n", Path("ok.yaml")).plain == {("country",): "NO"}
