"""The ``sovsim`` command line: a thin layer over :mod:`simulator.app`.

``options`` declares the options commands share, ``output`` prints answers and errors,
``commands`` holds the Typer app. Exit codes: 0 success; 1 ``check`` found a violation at or
above ``--fail-on``; 2 invalid input (file, line and field are printed); 130 interrupted.
"""

from simulator.cli.commands import app

__all__ = ["app"]
