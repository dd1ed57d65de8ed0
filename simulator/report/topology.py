"""Topology chart: the design's nodes between EU/EEA sites and sites outside the EU/EEA.

A networkx graph links each node to the sites it runs at (solid) and each support desk to
the sites its shifts serve from (dashed). ``multipartite_layout`` puts EU/EEA sites left,
nodes in the middle and other sites right; nodes are then ordered by the mean height of
their sites (a barycentre pass) to limit crossings. Deterministic: no random layout.

A node's colour stripes name the regimes that can read data there (static verdicts); a
dashed outline marks a node whose holder is reached but sees ciphertext only.
"""

from __future__ import annotations

import networkx as nx

from simulator.experiment.result import DesignResult
from simulator.report.svg import (
    MUTED,
    NOT_REACHED,
    TEXT,
    ZONE_COLOURS,
    ZONE_LABELS,
    Svg,
    element,
    regime_colours,
    truncate,
)

_NODE_W, _NODE_H, _SITE_W, _SITE_H = 200, 46, 170, 42


def _graph(result: DesignResult) -> nx.Graph:
    graph = nx.Graph()
    zones = {site.id: site.zone for site in result.design.sites}
    for site in result.design.sites:
        graph.add_node(("site", site.id), layer=0 if site.zone == "home" else 2)
    for node in result.design.nodes:
        graph.add_node(("node", node.id), layer=1)
        for site in node.sites:
            if site in zones:
                graph.add_edge(("node", node.id), ("site", site), kind="hosts")
    for support in result.operations.support:
        desk = support.desk or support.node
        if (
            ("node", desk) in graph
            and support.site in zones
            and not graph.has_edge(("node", desk), ("site", support.site))
        ):
            graph.add_edge(("node", desk), ("site", support.site), kind="support")
    return graph


def _positions(graph: nx.Graph) -> dict[tuple[str, str], tuple[float, float]]:
    """Column per layer; rows ordered by a barycentre pass on the sites' rows."""
    layers: dict[int, list[tuple[str, str]]] = {0: [], 1: [], 2: []}
    for item, data in sorted(graph.nodes(data=True)):
        layers[data["layer"]].append(item)
    # sites keep their id order; nodes follow the mean row of their sites
    row = {item: i for layer in (0, 2) for i, item in enumerate(layers[layer])}
    scale = {0: max(1, len(layers[0])), 2: max(1, len(layers[2]))}

    def barycentre(item: tuple[str, str]) -> tuple[float, str]:
        places = [row[n] / scale[graph.nodes[n]["layer"]] for n in graph.neighbors(item) if n in row]
        return (sum(places) / len(places) if places else 1.0, item[1])

    layers[1].sort(key=barycentre)
    ordered = nx.Graph()
    for layer in (0, 1, 2):
        for item in layers[layer]:
            ordered.add_node(item, layer=layer)
    ordered.add_edges_from(graph.edges)
    layout = nx.multipartite_layout(ordered, subset_key="layer", align="vertical", scale=1.0)
    return {item: (float(x), float(y)) for item, (x, y) in layout.items()}


def topology_chart(result: DesignResult, chart_id: str) -> str:
    """The design as nodes between EU/EEA sites (left) and other sites (right)."""
    graph = _graph(result)
    colours = regime_colours(r.id for r in result.design.regimes)
    names = {r.id: r.name for r in result.design.regimes}
    entities = {e.id: e for e in result.design.entities}
    readable: dict[str, list[str]] = {}
    for verdict in result.static.exposures:
        regimes = readable.setdefault(verdict.node, [])
        if verdict.regime not in regimes:
            regimes.append(verdict.regime)
    protected = {v.node for v in result.static.protections} - set(readable)
    counts = {layer: sum(1 for _, d in graph.nodes(data=True) if d["layer"] == layer) for layer in (0, 1, 2)}
    rows = max(counts.values()) or 1
    row_h = 70
    width, top = 900, 58
    height = top + rows * row_h + 90
    columns = {0: 110, 1: width / 2, 2: width - 110}
    positions = _positions(graph)

    def place(item: tuple[str, str]) -> tuple[float, float]:
        layer = graph.nodes[item]["layer"]
        members = sorted(
            (n for n in graph.nodes if graph.nodes[n]["layer"] == layer), key=lambda n: -positions[n][1]
        )
        index = members.index(item)
        offset = (rows - len(members)) * row_h / 2
        return columns[layer], top + offset + index * row_h + row_h / 2

    svg = Svg(
        chart_id,
        width,
        height,
        f"Topology — {result.scenario}",
        "Nodes of the design (middle) linked to the sites they run at: EU/EEA sites on the left, "
        "other sites on the right. Colour stripes show the regimes that can read data at a node.",
    )
    svg.text(columns[0], 22, "EU/EEA sites", size=13, anchor="middle", weight="600", fill=ZONE_COLOURS["home"])
    svg.text(columns[1], 22, "Nodes of the design", size=13, anchor="middle", weight="600")
    svg.text(
        columns[2],
        22,
        "Sites outside the EU/EEA",
        size=13,
        anchor="middle",
        weight="600",
        fill=ZONE_COLOURS["third"],
    )
    for a, b, data in sorted(graph.edges(data=True)):
        node, site = (a, b) if a[0] == "node" else (b, a)
        x1, y1 = place(node)
        x2, y2 = place(site)
        x1 += _NODE_W / 2 if x2 > x1 else -_NODE_W / 2
        x2 += -_SITE_W / 2 if x2 > x1 else _SITE_W / 2
        mid = (x1 + x2) / 2
        dashed = data["kind"] == "support"
        tip = f"{node[1]} {'serves support from' if dashed else 'runs at'} {site[1]}"
        dash = ' stroke-dasharray="5 4"' if dashed else ""
        svg.raw(
            f'<path d="M{x1:.1f},{y1:.1f} C{mid:.1f},{y1:.1f} {mid:.1f},{y2:.1f} {x2:.1f},{y2:.1f}" '
            f'fill="none" stroke="#9aa5b1" stroke-width="1.6"{dash}>{element("title", tip)}</path>'
        )
    for site in result.design.sites:
        x, y = place(("site", site.id))
        colour = ZONE_COLOURS[site.zone]
        svg.raw(f"<g>{element('title', f'site {site.id}: {site.country}, {ZONE_LABELS[site.zone]}')}")
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
        svg.text(
            x, y + 13, f"{site.country} · {ZONE_LABELS[site.zone]}", size=11, anchor="middle", fill=colour
        )
        svg.close("g")
    for node in result.design.nodes:
        x, y = place(("node", node.id))
        regimes = readable.get(node.id, [])
        operator = entities.get(node.operator)
        operator_name = operator.name if operator else node.operator
        if regimes:
            state = "readable by " + ", ".join(names.get(r, r) for r in regimes)
        elif node.id in protected:
            state = "holder reached, ciphertext only"
        else:
            state = "not readable by any regime"
        svg.raw(f"<g>{element('title', f'{node.id} ({node.kind}), operated by {operator_name}: {state}')}")
        left = x - _NODE_W / 2
        outline = colours[regimes[0]] if regimes else (TEXT if node.id in protected else NOT_REACHED)
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
            stroke_dasharray="5 3" if node.id in protected else None,
        )
        stripe_w = 10
        stripes = regimes or [None]
        for k, regime in enumerate(stripes):
            h = _NODE_H / len(stripes)
            svg.add(
                "rect",
                x=left,
                y=y - _NODE_H / 2 + k * h,
                width=stripe_w,
                height=h,
                fill=colours[regime] if regime else NOT_REACHED,
            )
        svg.text(left + stripe_w + 8, y - 4, truncate(node.id, 22), size=12.5, weight="600")
        svg.text(
            left + stripe_w + 8, y + 12, truncate(f"{node.kind} · {operator_name}", 28), size=11, fill=MUTED
        )
        svg.close("g")
    # legend
    ly = top + rows * row_h + 30
    lx = 20.0
    for regime in result.design.regimes:
        label = f"readable by {regime.name}"
        svg.add("rect", x=lx, y=ly - 10, width=12, height=12, rx=2, fill=colours[regime.id])
        svg.text(lx + 17, ly, truncate(label, 40), size=12)
        lx += 34 + 6.6 * min(len(label), 40)
    svg.add("rect", x=lx, y=ly - 10, width=12, height=12, rx=2, fill=NOT_REACHED)
    svg.text(lx + 17, ly, "not readable", size=12)
    lx, ly = 20.0, ly + 24
    svg.add(
        "rect",
        x=lx,
        y=ly - 11,
        width=22,
        height=14,
        rx=3,
        fill="#ffffff",
        stroke=TEXT,
        stroke_dasharray="5 3",
    )
    svg.text(lx + 28, ly, "holder reached, ciphertext only", size=12)
    lx += 250
    svg.add("line", x1=lx, x2=lx + 26, y1=ly - 4, y2=ly - 4, stroke="#9aa5b1", stroke_width=1.6)
    svg.text(lx + 32, ly, "runs at", size=12)
    lx += 100
    svg.add(
        "line",
        x1=lx,
        x2=lx + 26,
        y1=ly - 4,
        y2=ly - 4,
        stroke="#9aa5b1",
        stroke_width=1.6,
        stroke_dasharray="5 4",
    )
    svg.text(lx + 32, ly, "support served from", size=12)
    lx += 180
    for zone in ("home", "adequate", "third"):
        svg.add(
            "rect",
            x=lx,
            y=ly - 11,
            width=14,
            height=14,
            rx=3,
            fill="#ffffff",
            stroke=ZONE_COLOURS[zone],
            stroke_width=2,
        )
        svg.text(lx + 19, ly, ZONE_LABELS[zone], size=12, fill=MUTED)
        lx += 30 + 6.6 * len(ZONE_LABELS[zone])
    return svg.render()
