"""How replications run: the executor the settings ask for."""

from __future__ import annotations

import pytest

from simulator.app import ExperimentSettings
from simulator.app.settings import executor_for
from simulator.errors import InputError


def test_local_processes_leave_the_pool_to_the_runner() -> None:
    with executor_for(ExperimentSettings()) as pool:
        assert pool is None


def test_a_scheduler_address_without_dask_is_an_input_error() -> None:
    with pytest.raises(InputError, match="needs --executor dask"):
        with executor_for(ExperimentSettings(scheduler="tcp://127.0.0.1:1")):
            pass
