"""Files written whole or not at all, and names safe for folders: the I/O every layer shares.

A file is written to a temporary file in the same folder, flushed and fsynced, then moved
over its final name with :func:`os.replace`, so a reader (or an interrupted run) never sees
half a file. The temporary file gets the mode a plain ``open()`` would give (0666 less the
umask), not :func:`tempfile.mkstemp`'s 0600, so a report put on a shared folder stays readable.
"""

from __future__ import annotations

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


def slugify(text: str, max_length: int = 60) -> str:
    """'DESC on Azure (UK)' -> 'desc-on-azure-uk'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "scenario"
