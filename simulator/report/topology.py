"""Topology chart: the design's nodes between the controller's home sites and sites abroad.

A networkx graph links each node to the sites it runs at (solid), each support desk to the
sites its shifts serve from (dashed) and each compute node to the site it overflows to
(dotted). Home sites (named with the controller's own label, e.g. 'UK') go left, nodes in
the middle and other sites right; sites are in id order top to bottom, and nodes are ordered
by the mean row of their sites (a barycentre pass) to limit crossings, then by id. Every
order is sorted, so the chart is the same in every process (no set or hash order, no random layout).

A node's colour stripes name the regimes that can read data there (static verdicts); a
dashed outline marks a node whose holder is reached but sees ciphertext only.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from simulator.experiment.result import DesignResult, NodeInfo, SiteInfo
from simulator.report.svg import (
    MUTED,
    NOT_REACHED,
    TEXT,
    ZONE_COLOURS,
    Legend,
    Svg,
    element,
    regime_colours,
    truncate,
    zone_label,
)

_NODE_W, _NODE_H, _SITE_W, _SITE_H, _STRIPE_W = 200, 46, 170, 42, 10
_WIDTH, _TOP, _ROW_H = 900, 58, 70
_COLUMNS = {0: 110, 1: _WIDTH / 2, 2: _WIDTH - 110}
"""x of each layer's centre: home sites, nodes, other sites."""
_EDGE_DASHES = {"hosts": None, "support": "5 4", "overflow": "1.5 3"}
_EDGE_WORDS = {"hosts": "runs at", "support": "serves support from", "overflow": "overflows to"}


def _graph(result: DesignResult) -> nx.Graph:
    """Sites (layer 0: home, 2: elsewhere) and nodes (layer 1), linked where a node runs, is served
    or overflows."""
    graph = nx.Graph()
    for site in result.design.sites:
        graph.add_node(("site", site.id), layer=0 if site.zone == "home" else 2)
    for node in result.design.nodes:
        graph.add_node(("node", node.id), layer=1)
        for site in node.sites:
            _link(graph, ("node", node.id), ("site", site), "hosts")
    for support in result.operations.support:
        _link(graph, ("node", support.desk or support.node), ("site", support.site), "support")
    for verdict in result.static.exposures + result.static.protections:
        if verdict.role == "overflow":
            _link(graph, ("node", verdict.node), ("site", verdict.site), "overflow")
    return graph


def _link(graph: nx.Graph, node: tuple[str, str], site: tuple[str, str], kind: str) -> None:
    """An edge between two items of the chart, unless one is missing or they are linked already."""
    if node in graph and site in graph and not graph.has_edge(node, site):
        graph.add_edge(node, site, kind=kind)


def _rows(graph: nx.Graph) -> dict[int, list[tuple[str, str]]]:
    """The items of each layer, top to bottom: sites by id, nodes by a barycentre pass on their sites."""
    layers: dict[int, list[tuple[str, str]]] = {layer: [] for layer in _COLUMNS}
    for item, data in sorted(graph.nodes(data=True)):
        layers[data["layer"]].append(item)
    row = {item: i for layer in (0, 2) for i, item in enumerate(layers[layer])}
    scale = {0: max(1, len(layers[0])), 2: max(1, len(layers[2]))}

    def barycentre(item: tuple[str, str]) -> tuple[float, str]:
        places = [row[n] / scale[graph.nodes[n]["layer"]] for n in graph.neighbors(item) if n in row]
        return (sum(places) / len(places) if places else 1.0, item[1])

    layers[1].sort(key=barycentre)
    return layers


@dataclass(frozen=True)
class _Layout:
    """Where the chart puts each site and node (centres, in pixels), and how tall it is."""

    centres: dict[tuple[str, str], tuple[float, float]]
    rows: int

    @property
    def height(self) -> int:
        return _TOP + self.rows * _ROW_H + 90


@dataclass(frozen=True)
class _Readers:
    """Per node, the regimes that can read data there; and nodes whose holder sees ciphertext only."""

    regimes: dict[str, list[str]]
    protected: set[str]


def _layout(graph: nx.Graph) -> _Layout:
    """A column per layer, rows in the order of :func:`_rows`, each column centred vertically."""
    layers = _rows(graph)
    rows = max(len(items) for items in layers.values()) or 1
    centres = {}
    for layer, items in layers.items():
        offset = (rows - len(items)) * _ROW_H / 2
        for index, item in enumerate(items):
            centres[item] = (_COLUMNS[layer], _TOP + offset + index * _ROW_H + _ROW_H / 2)
    return _Layout(centres, rows)


def _readers(result: DesignResult) -> _Readers:
    regimes: dict[str, list[str]] = {}
    for verdict in result.static.exposures:
        readers = regimes.setdefault(verdict.node, [])
        if verdict.regime not in readers:
            readers.append(verdict.regime)
    return _Readers(regimes, {v.node for v in result.static.protections} - set(regimes))


def topology_chart(result: DesignResult, chart_id: str) -> str:
    """The design as nodes between the controller's home sites (left) and other sites (right)."""
    graph = _graph(result)
    layout = _layout(graph)
    colours = regime_colours(r.id for r in result.design.regimes)
    svg = Svg(
        chart_id,
        _WIDTH,
        layout.height,
        f"Topology — {result.scenario}",
        f"Nodes of the design (middle) linked to the sites they run at: {result.design.frame.home} "
        "sites on the left, other sites on the right. Colour stripes show the regimes that can read "
        "data at a node.",
    )
    home = result.design.frame.home
    _draw_headings(svg, home)
    _draw_edges(svg, graph, layout)
    for site in result.design.sites:
        _draw_site(svg, site, layout.centres[("site", site.id)], home)
    readers = _readers(result)
    for node in result.design.nodes:
        _draw_node(svg, result, node, layout.centres[("node", node.id)], readers, colours)
    legend = Legend(svg, 20, _TOP + layout.rows * _ROW_H + 30, _WIDTH - 20)
    _draw_regime_legend(legend, result, readers, colours)
    _draw_line_legend(legend, home)
    svg.height = legend.bottom + 12
    return svg.render()


def _draw_headings(svg: Svg, home: str) -> None:
    svg.text(
        _COLUMNS[0], 22, f"{home} sites", size=13, anchor="middle", weight="600", fill=ZONE_COLOURS["home"]
    )
    svg.text(_COLUMNS[1], 22, "Nodes of the design", size=13, anchor="middle", weight="600")
    svg.text(
        _COLUMNS[2],
        22,
        f"Sites outside {home}",
        size=13,
        anchor="middle",
        weight="600",
        fill=ZONE_COLOURS["third"],
    )


def _draw_edges(svg: Svg, graph: nx.Graph, layout: _Layout) -> None:
    """A curve from each node to each site it runs at (solid) or serves support from (dashed)."""
    for a, b, data in sorted(graph.edges(data=True)):
        node, site = (a, b) if a[0] == "node" else (b, a)
        x1, y1 = layout.centres[node]
        x2, y2 = layout.centres[site]
        x1 += _NODE_W / 2 if x2 > x1 else -_NODE_W / 2
        x2 += -_SITE_W / 2 if x2 > x1 else _SITE_W / 2
        mid = (x1 + x2) / 2
        pattern = _EDGE_DASHES[data["kind"]]
        tip = f"{node[1]} {_EDGE_WORDS[data['kind']]} {site[1]}"
        dash = f' stroke-dasharray="{pattern}"' if pattern else ""
        svg.raw(
            f'<path d="M{x1:.1f},{y1:.1f} C{mid:.1f},{y1:.1f} {mid:.1f},{y2:.1f} {x2:.1f},{y2:.1f}" '
            f'fill="none" stroke="#9aa5b1" stroke-width="1.6"{dash}>{element("title", tip)}</path>'
        )


def _draw_site(svg: Svg, site: SiteInfo, centre: tuple[float, float], home: str) -> None:
    x, y = centre
    colour = ZONE_COLOURS[site.zone]
    zone = zone_label(site.zone, home)
    svg.raw(f"<g>{element('title', f'site {site.id}: {site.country}, {zone}')}")
    svg.add(
        "rect",
        x=x - _SITE_W / 2,
        y=y - _SITE_H / 2,
        width=_SITE_W,
        height=_SITE_H,
        rx=8,
        fill="#ffffff",
        stroke=colour,
        stroke_width=2,
    )
    svg.text(x, y - 3, truncate(site.id, 24), size=12.5, anchor="middle", weight="600")
    svg.text(x, y + 13, f"{site.country} · {zone}", size=11, anchor="middle", fill=colour)
    svg.close("g")


def _draw_node(
    svg: Svg,
    result: DesignResult,
    node: NodeInfo,
    centre: tuple[float, float],
    readers: _Readers,
    colours: dict[str, str],
) -> None:
    """A box with one colour stripe per regime that can read there, its id, kind and operator."""
    x, y = centre
    regimes = readers.regimes.get(node.id, [])
    protected = node.id in readers.protected
    operator = next((e.name for e in result.design.entities if e.id == node.operator), node.operator)
    tip = f"{node.id} ({node.kind}), operated by {operator}: {_state(result, regimes, protected)}"
    svg.raw(f"<g>{element('title', tip)}")
    left = x - _NODE_W / 2
    outline = colours[regimes[0]] if regimes else (TEXT if protected else NOT_REACHED)
    svg.add(
        "rect",
        x=left,
        y=y - _NODE_H / 2,
        width=_NODE_W,
        height=_NODE_H,
        rx=8,
        fill="#ffffff",
        stroke=outline,
        stroke_width=2 if regimes else 1.5,
        stroke_dasharray="5 3" if protected else None,
    )
    stripes = regimes or [None]
    for k, regime in enumerate(stripes):
        h = _NODE_H / len(stripes)
        svg.add(
            "rect",
            x=left,
            y=y - _NODE_H / 2 + k * h,
            width=_STRIPE_W,
            height=h,
            fill=colours[regime] if regime else NOT_REACHED,
        )
    svg.text(left + _STRIPE_W + 8, y - 4, truncate(node.id, 22), size=12.5, weight="600")
    svg.text(left + _STRIPE_W + 8, y + 12, truncate(f"{node.kind} · {operator}", 28), size=11, fill=MUTED)
    svg.close("g")


def _state(result: DesignResult, regimes: list[str], protected: bool) -> str:
    """What a node's tooltip says about who can read there."""
    if regimes:
        names = {r.id: r.name for r in result.design.regimes}
        return "readable by " + ", ".join(names.get(r, r) for r in regimes)
    return "holder reached, ciphertext only" if protected else "not readable by any regime"


def _draw_regime_legend(
    legend: Legend, result: DesignResult, readers: _Readers, colours: dict[str, str]
) -> None:
    """The regimes that can read at some node of the chart (only those drawn), then 'not readable'."""
    drawn = {regime for regimes in readers.regimes.values() for regime in regimes}
    for regime in result.design.regimes:
        if regime.id in drawn:
            legend.item(f"readable by {truncate(regime.name, 48)}", colours[regime.id])
    legend.item("not readable", NOT_REACHED)


def _draw_line_legend(legend: Legend, home: str) -> None:
    """Outline and line styles, then the zone colours."""
    legend.item("holder reached, ciphertext only", stroke=TEXT, stroke_dasharray="5 3")
    for kind, pattern in _EDGE_DASHES.items():
        legend.line(_EDGE_WORDS[kind], "#9aa5b1", pattern)
    for zone in ("home", "adequate", "third"):
        legend.item(zone_label(zone, home), stroke=ZONE_COLOURS[zone], stroke_width=2, ink=MUTED)
