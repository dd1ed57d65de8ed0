"""Random streams: one independent generator per named random source.

A replication gets one :class:`numpy.random.SeedSequence`. Every random source of the model
(a flow's arrivals, a compute node's service times, an incident stream, a site's outages, a
regime's demands) draws from its own :class:`numpy.random.Generator`, derived from that seed
and a **stable name** of the source::

    SeedSequence(entropy=seed.entropy, spawn_key=seed.spawn_key + (crc32(name),))

``zlib.crc32`` does not depend on ``PYTHONHASHSEED``, so the streams are the same in every
process. Two designs that give a source the same name see the same draws (common random
numbers): changing who holds the keys does not change a single arrival. No global numpy
random state is used anywhere in the engine.
"""

from __future__ import annotations

import functools
import itertools
import zlib
from collections import Counter
from collections.abc import Callable, Iterator

import numpy as np

Streams = Callable[[str], np.random.Generator]
"""The generator of a named random source in the replication: ``partial(stream, seed)``."""


def stable_hash(name: str) -> int:
    """A 32-bit hash of ``name`` that is the same in every Python process."""
    return zlib.crc32(name.encode("utf-8"))


def stream(seed: np.random.SeedSequence, name: str) -> np.random.Generator:
    """The generator of the random source called ``name`` in the replication ``seed``."""
    key = tuple(seed.spawn_key) + (stable_hash(name),)
    child = np.random.SeedSequence(entropy=seed.entropy, spawn_key=key)
    return np.random.Generator(np.random.PCG64(child))


def unique_names(names: list[str]) -> list[str]:
    """Suffix repeated stream names with #2, #3, … in order, so that every source has its own."""
    seen: Counter[str] = Counter()
    unique = []
    for name in names:
        seen[name] += 1
        unique.append(name if seen[name] == 1 else f"{name}#{seen[name]}")
    return unique


class Draws(functools.partial):
    """Numbers drawn in bulk from one sampler and handed out one by one (as Python floats).

    ``draws()`` returns the next number; a new chunk of ``size`` numbers is sampled when the
    previous one is used up (never earlier), so generators shared by several ``Draws`` are
    consumed in the same order as with one draw at a time. It is a :func:`functools.partial`
    of :func:`next` over the chained chunks so that each call runs in C: draws sit on the
    engine's hottest paths (every arrival and every service time).
    """

    __slots__ = ()

    def __new__(cls, sample: Callable[[int], np.ndarray], size: int = 1024) -> Draws:
        chunks = iter(lambda: sample(size).tolist(), None)  # a list is never None: endless
        return super().__new__(cls, next, itertools.chain.from_iterable(chunks))


def exponential(generator: np.random.Generator, mean: float) -> Draws:
    """Exponential draws of the given mean (gaps of a Poisson process of rate 1/mean)."""
    return Draws(lambda size: generator.exponential(mean, size))


def uniform(generator: np.random.Generator) -> Draws:
    """Uniform draws on [0, 1)."""
    return Draws(generator.random)


def service_times(generator: np.random.Generator, dist: str, mean: float, cv: float) -> Draws:
    """Service times: exponential, lognormal (parametrised by its mean and cv) or deterministic."""
    if dist == "exponential":
        return exponential(generator, mean)
    if dist == "lognormal":
        sigma2 = float(np.log1p(cv * cv))
        mu = float(np.log(mean)) - sigma2 / 2
        sigma = float(np.sqrt(sigma2))
        return Draws(lambda size: generator.lognormal(mu, sigma, size))
    if dist == "deterministic":
        return Draws(lambda size: np.full(size, mean))
    raise ValueError(f"unknown service-time distribution {dist!r}")


def poisson_times(gaps: Callable[[], float], horizon: float) -> Iterator[float]:
    """Event times before ``horizon``, from successive gaps (one draw per event, plus the last)."""
    t = gaps()
    while t < horizon:
        yield t
        t += gaps()
