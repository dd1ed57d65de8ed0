"""Files written whole or not at all, and names safe for folders: the I/O every layer shares.

A file is written to a temporary file in the same folder, flushed and fsynced, then moved
over its final name with :func:`os.replace`, so a reader (or an interrupted run) never sees
half a file. The temporary file gets the mode a plain ``open()`` would give (0666 less the
umask), not :func:`tempfile.mkstemp`'s 0600, so a report put on a shared folder stays readable.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
import unicodedata
from pathlib import Path


def atomic_write_bytes(path: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically; on any error the target is left untouched."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(temp_name, _new_file_mode())
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise
    return path


def _new_file_mode() -> int:
    """0666 less the process umask (read by setting it and putting it back at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write_text(path: Path | str, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically (see :func:`atomic_write_bytes`)."""
    return atomic_write_bytes(path, text.encode(encoding))


PATH_RESERVE = 200
"""Characters kept free below an output folder for what goes in it (``<scenario>/<run-id>/report.html``)."""


def writable_folder(path: Path | str) -> Path:
    """Create ``path`` (with its parents) and prove a file can be written in it, so that a folder
    that is a file, read-only or too deep fails before hours of simulation, not after.

    Raises :class:`OSError` with the reason (the CLI turns it into a message and exit 2).
    """
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "this is a file, not a folder", str(path))
    path.mkdir(parents=True, exist_ok=True)
    room = os.pathconf(path, "PC_PATH_MAX") - len(os.fsencode(path.resolve()))
    if room < PATH_RESERVE:
        raise OSError(errno.ENAMETOOLONG, "the path is too long for the files to be written in it", str(path))
    handle, probe = tempfile.mkstemp(prefix=".sovsim-probe-", dir=path)
    os.close(handle)
    os.unlink(probe)
    return path


def new_folder(path: Path | str) -> Path:
    """Create ``path``, or ``path-2``, ``path-3``... if it exists: two runs started in the same
    second never share a folder."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    candidate, number = path, 1
    while True:
        try:
            candidate.mkdir()
            return candidate
        except FileExistsError:
            number += 1
            candidate = path.with_name(f"{path.name}-{number}")


def slugify(text: str, max_length: int = 60) -> str:
    """'DESC on Azure (UK)' -> 'desc-on-azure-uk'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "scenario"
