"""Files are written whole or not at all; names become safe folder names."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from simulator import io
from simulator.io import atomic_write_bytes, atomic_write_text, slugify, writable_folder


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

    monkeypatch.setattr(io.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        atomic_write_bytes(target, b"new content that never lands")
    assert target.read_text() == "old content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["result.json"]


def test_an_interrupted_write_leaves_no_partial_file(tmp_path: Path, monkeypatch):
    target = tmp_path / "report.html"

    def interrupted_fsync(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(io.os, "fsync", interrupted_fsync)
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


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_written_files_get_the_mode_the_umask_gives_so_a_shared_folder_can_read_them(
    tmp_path: Path, umask: int, mode: int
) -> None:
    previous = os.umask(umask)
    try:
        target = atomic_write_text(tmp_path / "report.html", "<html></html>")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(target.stat().st_mode) == mode


def test_a_writable_folder_is_created_and_left_without_a_probe(tmp_path: Path) -> None:
    folder = writable_folder(tmp_path / "a" / "b")
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_a_file_or_a_path_too_deep_is_no_writable_folder(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    with pytest.raises(NotADirectoryError):
        writable_folder(tmp_path / "file")
    with pytest.raises(OSError, match="too long"):
        writable_folder(tmp_path.joinpath(*["d" * 250] * 16))
