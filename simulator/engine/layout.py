"""Where everything sits on the ledger's axes: the index maps a run is built from.

The exposure map fixes the data classes and the places; this module turns ids into positions
once, before the run (which place is a flow's transit, a node's rest copy at each site, a
compute pool's processing spot at each site, a support session), so that no process looks
an id up while the simulation runs.
"""

from __future__ import annotations

from simulator.engine.ledger import Ledger
from simulator.law.readability import ExposureMap


class Layout:
    """The index maps of one scenario: data classes, countries and places by role."""

    def __init__(self, exposure: ExposureMap) -> None:
        scenario = exposure.scenario
        self.data = list(exposure.data)
        self.data_index = {data_id: index for index, data_id in enumerate(exposure.data)}
        self.places = exposure.places
        self.countries = sorted({site.country for site in scenario.sites.values()})
        country_index = {country: index for index, country in enumerate(self.countries)}
        self.site_country = {site_id: country_index[site.country] for site_id, site in scenario.sites.items()}
        self.node_country = {
            node_id: self.site_country[node.site] for node_id, node in scenario.nodes.items()
        }
        """Country index of each node's (first) site: where its data comes from."""
        self.place_abroad = [
            scenario.frame.is_foreign(scenario.sites[place.site].country) for place in self.places
        ]
        self.transit_places: dict[int, int] = {}
        """The transit place of each flow, by flow index."""
        self.support_places: dict[tuple[str, str, str], int] = {}
        """(target node, desk, role) → place of a support session."""
        self.site_places: dict[str, list[int]] = {}
        """Rest places of each store (storage, backup, telemetry), in site order."""
        self.processing_places: dict[tuple[str, str, str], int] = {}
        """(compute node, "primary" or "overflow", site) → place."""
        for place in self.places:
            self._index(place)

    def _index(self, place) -> None:
        if place.state == "transit" and place.flow is not None:
            self.transit_places[place.flow] = place.index
        elif place.state == "support" and place.desk is not None:
            self.support_places[(place.node, place.desk, place.role)] = place.index
        elif place.state == "rest":
            self.site_places.setdefault(place.node, []).append(place.index)
        elif place.state == "processing":
            kind = "overflow" if place.role == "overflow" else "primary"
            self.processing_places.setdefault((place.node, kind, place.site), place.index)

    def ledger(self, horizon: float, bins: int) -> Ledger:
        """An empty ledger over these data classes, places and countries."""
        return Ledger(
            n_data=len(self.data),
            place_country=[self.site_country[place.site] for place in self.places],
            place_abroad=self.place_abroad,
            n_countries=len(self.countries),
            horizon=horizon,
            bins=bins,
        )

    def axes(self) -> dict[str, tuple[str, ...]]:
        """The outcome's axis labels."""
        return {
            "data": tuple(self.data),
            "places": tuple(place.label for place in self.places),
            "countries": tuple(self.countries),
        }
