"""The installed version of sovsim, recorded in every result so a reader knows what produced it."""

from importlib import metadata


def sovsim_version() -> str:
    """The installed distribution's version, or ``0+unknown`` in a source tree that is not installed."""
    try:
        return metadata.version("sovsim")
    except metadata.PackageNotFoundError:
        return "0+unknown"


__version__ = sovsim_version()
