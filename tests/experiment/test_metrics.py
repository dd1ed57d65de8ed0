"""Metrics are defined once: compute figures come from the engine's outcome; a design is prepared once."""

from __future__ import annotations

import pickle
from dataclasses import fields

import numpy as np
from experiment_fixtures import mini

from simulator.engine import Outcome
from simulator.experiment.metrics import COMPUTE_FIGURES, HEADLINE_KEYS, HEADLINE_METRIC
from simulator.experiment.replication import prepare, run_replication
from simulator.experiment.result import ComputeOperations


def test_every_compute_figure_of_the_result_is_an_engine_outcome_field():
    produced = {f.name for f in fields(Outcome)}
    assert [figure.name for figure in COMPUTE_FIGURES] == [
        n for n in ComputeOperations.model_fields if n != "node"
    ]
    assert all(figure.source in produced for figure in COMPUTE_FIGURES)
    by_name = {figure.name: figure for figure in COMPUTE_FIGURES}
    assert by_name["mean_wait_hours"].source == "mean_wait" and not by_name["mean_wait_hours"].required
    assert by_name["utilisation"].required


def test_the_headline_metric_is_the_first_headline_key():
    assert HEADLINE_KEYS[0] == HEADLINE_METRIC
    assert len(set(HEADLINE_KEYS)) == len(HEADLINE_KEYS)


def test_a_prepared_design_travels_to_a_worker_and_replicates_identically():
    design = prepare(mini(), horizon=48.0, bins=2)
    travelled = pickle.loads(pickle.dumps(design))
    seed = np.random.SeedSequence(5)
    here, there = run_replication(design, 0, seed), run_replication(travelled, 0, seed)
    assert np.array_equal(here.headline, there.headline)
    assert np.array_equal(here.record_hours, there.record_hours)
