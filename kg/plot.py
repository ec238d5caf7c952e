"""Pictures of canned-query results: the outcome × framework heatmap and the alignment graph.

Each picture takes the columns and rows of its query (read by column name) and
is written as PNG, SVG, or one self-contained HTML page: the SVG inlined, with
hover tooltips, above the rows as a table. The same rows give the same bytes.
Drawing uses matplotlib's Figure API, never pyplot, so no display is needed.
"""

from __future__ import annotations

import html
import io
import itertools
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import networkx as nx
from matplotlib.cm import ScalarMappable
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Patch, Rectangle
from matplotlib.path import Path as Curve
from matplotlib.textpath import text_to_path

from kg.output import cell

STYLE = {"svg.hashsalt": "kg", "svg.fonttype": "none", "font.size": 8, "hatch.linewidth": 0.6,
         # SVG text is drawn by the viewer: fall back to fonts no wider than the one measured
         "font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica", "Liberation Sans"]}
DPI = 120


class PlotError(ValueError):
    """Nothing to draw, or rows without the columns a picture needs."""


# ---------------------------------------------------------------- coverage heatmap

CELL, TILT = 0.3, 40  # inches a side; degrees the column labels lean


def coverage(records: list[dict], title: str) -> tuple[Figure, dict[str, str]]:
    """Outcomes (rows) × frameworks (columns); a cell counts the framework's parts the outcome serves."""
    outcomes = sorted({r["outcome"] for r in records})
    frameworks = sorted({r["framework"] for r in records})
    texts = {r["outcome"]: r["outcome_text"] or "" for r in records}
    names = {r["framework"]: r["framework_name"] or r["framework"] for r in records}
    twice = Counter(names.values())
    columns = [f"{names[f]} [{f}]" if twice[names[f]] > 1 else names[f] for f in frameworks]
    rows = [f"{o} – {texts[o]}" for o in outcomes]
    row_labels, column_labels = [_short(t, 64) for t in rows], [_short(t, 44) for t in columns]
    most = max(int(r["targets"]) for r in records)
    cmap = ListedColormap(matplotlib.colormaps["YlGnBu"]([0.3 + 0.65 * k / max(most - 1, 1) for k in range(most)]))
    norm = BoundaryNorm([k + 0.5 for k in range(most + 1)], most)

    # geometry in inches: title, leaning column labels, cells, colour bar; row labels on the left
    lean = [_inches(t) for t in column_labels]
    left = 0.3 + max(map(_inches, row_labels))
    above = 0.7 + max(lean) * math.sin(math.radians(TILT))
    across, down = CELL * len(frameworks), CELL * len(outcomes)
    overhang = max((j + 0.5) * CELL + w * math.cos(math.radians(TILT)) for j, w in enumerate(lean)) - across
    title = f"{title}: {len(outcomes)} outcomes × {len(frameworks)} frameworks"
    width = max(left + across + max(overhang + 0.3, 1.4), _inches(title, 12, "bold") + 0.6)
    height = above + down + 0.6
    fig = Figure(figsize=(width, height))
    ax = fig.add_axes((left / width, (height - above - down) / height, across / width, down / height))
    tips = {}
    row_of, column_of = {o: i for i, o in enumerate(outcomes)}, {f: j for j, f in enumerate(frameworks)}
    for r in records:
        i, j = row_of[r["outcome"]], column_of[r["framework"]]
        n, stated, inferred = int(r["targets"]), int(r["stated"]), int(r["inferred"])
        colour = cmap(norm(n))
        guessed = stated == 0 and inferred > 0
        square = ax.add_patch(Rectangle((j, i), 1, 1, facecolor=colour, linewidth=0, gid=f"kg-cell-{i}-{j}",
                                        edgecolor="#333333" if guessed else "none", hatch="///" if guessed else None))
        dark = sum(w * c for w, c in zip((0.299, 0.587, 0.114), colour[:3])) < 0.55
        ax.text(j + 0.5, i + 0.5, f"~{n}" if guessed else str(n), ha="center", va="center_baseline",
                color="white" if dark and not guessed else "black", fontweight="bold",
                bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "linewidth": 0} if guessed else None)
        tips[square.get_gid()] = (f"{r['outcome']} × {names[r['framework']]} ({r['framework']}): serves {n} "
                                  f"part{'s' * (n != 1)}, {stated} link{'s' * (stated != 1)} stated, "
                                  f"{inferred} inferred")
    ax.set_xlim(0, len(frameworks))
    ax.set_ylim(len(outcomes), 0)
    ax.set_xticks([j + 0.5 for j in range(len(frameworks))], column_labels, rotation=TILT, ha="left",
                  rotation_mode="anchor")
    ax.set_yticks([i + 0.5 for i in range(len(outcomes))], row_labels)
    ax.set_xticks(range(len(frameworks) + 1), minor=True)
    ax.set_yticks(range(len(outcomes) + 1), minor=True)
    ax.tick_params(which="both", length=0, top=True, labeltop=True, bottom=False, labelbottom=False)
    ax.grid(which="minor", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ax.spines.values():
        side.set_visible(False)
    for kind, labels, full in (("outcome", ax.get_yticklabels(), rows), ("framework", ax.get_xticklabels(), columns)):
        for k, (label, text) in enumerate(zip(labels, full)):
            label.set_gid(f"kg-{kind}-{k}")
            tips[label.get_gid()] = text
    bar = min(down, 3.0)
    cax = fig.add_axes(((left + across + 0.25) / width, (height - above - bar) / height, 0.15 / width, bar / height))
    fig.colorbar(ScalarMappable(norm, cmap), cax=cax, ticks=range(1, most + 1),
                 label="parts of the framework served")
    fig.text(0.3 / width, 1 - 0.35 / height, title, fontsize=12, fontweight="bold", va="center")
    fig.legend(handles=[Patch(facecolor="white", edgecolor="#333333", hatch="///",
                              label="~n: inferred only, no link stated in a document")],
               loc="lower left", bbox_to_anchor=(0.2 / width, 0.05 / height), frameon=False)
    return fig, tips


# ---------------------------------------------------------------- alignment graph

COLOURS = {"project": "#cfe2f3", "outcome": "#d9ead3", "UNDAF outcome": "#fce5cd", "plan priority": "#ead1dc",
           "SDG target": "#d0e0e3", "UNDAF": "#f6b26b", "plan": "#d5a6bd", "SDG": "#76a5af"}
FRAMEWORK_OF = {"UNDAF outcome": "UNDAF", "plan priority": "plan", "SDG target": "SDG", "plan": "plan", "SDG": "SDG"}
PARTS = {"UNDAF outcome", "plan priority", "SDG target"}
EDGES = {  # relation: colour, line width, line style (an inferred link is dashed)
    "contributes to": ("#333333", 1.1, "-"), "aligns with": ("#333333", 1.1, "-"),
    "part of": ("#999999", 0.8, "-"), "maps to": ("#999999", 0.8, ":")}
ROW, GAP, PAD = 0.3, 0.9, 0.08  # inches: row pitch, space between columns, box padding
PASSING = 0.3  # rows taken where an edge passes through a column


def alignment_graph(records: list[dict]) -> nx.DiGraph:
    """Projects → outcomes → outcomes above or mapped → framework parts → frameworks, with each link's basis."""
    g = nx.DiGraph()

    def link(u, v, relation, basis=None, evidence=None):
        if g.has_edge(u, v) and (basis != "stated" or g.edges[u, v]["basis"] == "stated"):
            return
        g.add_edge(u, v, relation=relation, basis=basis, evidence=evidence)

    for r in records:
        project, outcome = r["project"], r["outcome"]
        parents = [p for p in (r["parent"], r["grandparent"]) if p]
        g.add_node(project, kind="project")
        g.add_nodes_from([outcome, *parents], kind="outcome")
        link(project, outcome, "contributes to", r["contribution_basis"], r["contribution_evidence"])
        for lower, upper in zip([outcome, *parents], parents):
            link(lower, upper, "part of")
        target, kind, framework, via = r["target"], r["target_kind"], r["framework"], r["aligned_via"]
        if target is None:
            continue
        g.add_node(via, kind="outcome")
        if via != outcome and via not in parents:
            link(outcome, via, "maps to")
        g.add_node(target, kind=kind if kind in PARTS else FRAMEWORK_OF.get(kind, "SDG"))
        if framework and framework != target:
            g.add_node(framework, kind=FRAMEWORK_OF.get(kind, "SDG"))
            link(target, framework, "part of")
        link(via, target, "aligns with", r["alignment_basis"], r["alignment_evidence"])
    return g


def _ranks(g: nx.DiGraph) -> dict[str, int]:
    """Column of each node: projects, outcomes (by depth), framework parts, frameworks; no empty columns."""
    outcomes = nx.condensation(g.subgraph(n for n, kind in g.nodes(data="kind") if kind == "outcome"))
    rank = {n: 1 + depth for depth, group in enumerate(nx.topological_generations(outcomes))
            for c in group for n in outcomes.nodes[c]["members"]}
    deepest = max(rank.values(), default=0)
    for n, kind in g.nodes(data="kind"):
        rank.setdefault(n, 0 if kind == "project" else deepest + (1 if kind in PARTS else 2))
    used = sorted(set(rank.values()))
    return {n: used.index(r) for n, r in rank.items()}


def _order(g: nx.DiGraph, rank: dict[str, int]) -> tuple[list[list], dict]:
    """Columns of nodes, with a stand-in wherever an edge passes a column, sorted to limit crossings."""
    layers = [[] for _ in range(max(rank.values()) + 1)]
    for n in sorted(g, key=lambda n: (rank[n], n)):
        layers[rank[n]].append(n)
    layered, chains = nx.DiGraph(), {}
    for u, v in g.edges:
        passing = [(u, v, r) for r in range(rank[u] + 1, rank[v])]
        for stand_in in passing:
            layers[stand_in[2]].append(stand_in)
        chains[u, v] = [u, *passing, v]
        nx.add_path(layered, chains[u, v])
    for _ in range(4):  # barycentre sweeps, left to right then back
        for i in range(1, len(layers)):
            _by_neighbours(layers[i], layers[i - 1], layered.predecessors)
        for i in range(len(layers) - 2, -1, -1):
            _by_neighbours(layers[i], layers[i + 1], layered.successors)
    return layers, chains


def _by_neighbours(layer: list, fixed: list, neighbours) -> None:
    where = {n: (i + 0.5) / len(fixed) for i, n in enumerate(fixed)}
    now = {n: (i + 0.5) / len(layer) for i, n in enumerate(layer)}

    def centre(n):
        near = [where[m] for m in neighbours(n) if m in where]
        return sum(near) / len(near) if near else now[n]

    layer.sort(key=centre)


def _spread(desired: list[float], sizes: list[float]) -> list[float]:
    """Positions in the given order, each item `size` rows tall, as near `desired` as can be (least squares)."""
    offsets = [0.0]
    for a, b in itertools.pairwise(sizes):
        offsets.append(offsets[-1] + (a + b) / 2)
    blocks = []  # pooled [sum, count]: isotonic regression of desired - offset
    for d, off in zip(desired, offsets):
        blocks.append([d - off, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            total, count = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += count
    fitted = [total / count for total, count in blocks for _ in range(count)]
    return [f + off for f, off in zip(fitted, offsets)]


def _rows(layers: list[list], g: nx.DiGraph) -> dict:
    """Vertical position (in rows) of every node and stand-in: the fullest column evenly, the others by neighbours."""
    def size(n):
        return PASSING if isinstance(n, tuple) else 1.0

    def neighbours(n, side):
        if isinstance(n, tuple):  # a stand-in's neighbours are its edge's ends
            return [n[0] if side < 0 else n[1]]
        return list(g.predecessors(n) if side < 0 else g.successors(n))

    fullest = max(range(len(layers)), key=lambda i: sum(map(size, layers[i])))
    y = dict(zip(layers[fullest], _spread([0.0] * len(layers[fullest]), [size(n) for n in layers[fullest]])))
    for side, order in ((-1, range(fullest + 1, len(layers))), (1, range(fullest - 1, -1, -1))):
        for i in order:
            desired = []
            for n in layers[i]:
                near = [y[m] for m in neighbours(n, side) if m in y] or [desired[-1] if desired else 0.0]
                desired.append(sum(near) / len(near))
            y.update(zip(layers[i], _spread(desired, [size(n) for n in layers[i]])))
    top = min(y.values())
    return {n: v - top for n, v in y.items()}


def alignment(records: list[dict], title: str) -> tuple[Figure, dict[str, str]]:
    """The alignment subgraph, left to right: node colour by kind, stated links solid, inferred dashed."""
    g = alignment_graph(records)
    rank = _ranks(g)
    layers, chains = _order(g, rank)
    y = _rows(layers, g)
    labels = {n: _short(n, 34) for n in g}
    headings = [_heading(next(g.nodes[n]["kind"] for n in layer if n in g), i) for i, layer in enumerate(layers)]
    widths = [max(_inches(labels[n]) if n in g else 0.0 for n in layer) + 2 * PAD for layer in layers]
    widths = [max(w, _inches(h)) for w, h in zip(widths, headings)]
    lefts = [0.3 + sum(widths[:i]) + GAP * i for i in range(len(layers))]
    handles = _legend(g)
    projects = sum(kind == "project" for _, kind in g.nodes(data="kind"))
    title = f"{title}: {projects} project{'s' * (projects != 1)} or programme{'s' * (projects != 1)}"
    width = max(lefts[-1] + widths[-1] + 0.3, _inches(title, 12, "bold") + 0.6, 7.0)
    across = max(1, min(len(handles), int(width // 2.2)))
    legend = 0.25 + 0.2 * -(-len(handles) // across)
    top = 0.95
    height = top + (max(y.values()) + 1) * ROW + legend + 0.2
    fig = Figure(figsize=(width, height))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(height, 0)
    ax.axis("off")

    def at(n):
        return top + (y[n] + 0.5) * ROW

    tips = {}
    for k, n in enumerate(sorted(g)):
        i, kind = rank[n], g.nodes[n]["kind"]
        box = ax.add_patch(FancyBboxPatch((lefts[i], at(n) - 0.11), widths[i], 0.22, gid=f"kg-node-{k}",
                                          boxstyle="round,pad=0,rounding_size=0.05", facecolor=COLOURS[kind],
                                          edgecolor="#555555", linewidth=0.6, zorder=3))
        ax.text(lefts[i] + widths[i] / 2, at(n), labels[n], ha="center", va="center_baseline", zorder=4,
                gid=f"kg-label-{k}")
        tips[box.get_gid()] = tips[f"kg-label-{k}"] = f"{n} ({kind})"
    for k, (u, v, link) in enumerate(g.edges(data=True)):
        chain, (colour, lw, style) = chains[u, v], _line(link["relation"], link["basis"])
        points = [(lefts[rank[u]] + widths[rank[u]], at(u))]
        codes = [Curve.MOVETO]
        for n in chain[1:]:
            i = n[2] if isinstance(n, tuple) else rank[n]
            (x0, y0), x1, y1 = points[-1], lefts[i], at(n)
            points += [((x0 + x1) / 2, y0), ((x0 + x1) / 2, y1), (x1, y1)]
            codes += [Curve.CURVE4] * 3
            if isinstance(n, tuple):
                points.append((x1 + widths[i], y1))
                codes.append(Curve.LINETO)
        ax.add_patch(FancyArrowPatch(path=Curve(points, codes), arrowstyle="-|>", mutation_scale=7, color=colour,
                                     linewidth=lw, linestyle=style, zorder=2, gid=f"kg-edge-{k}"))
        evidence = link["evidence"]
        tips[f"kg-edge-{k}"] = f"{u} → {v}: {link['relation']}" + (f", {link['basis']}" if link["basis"] else "") + (
            f", {evidence} piece{'s' * (evidence != 1)} of evidence" if evidence is not None else "")
    for left, w, heading in zip(lefts, widths, headings):
        ax.text(left + w / 2, top - 0.2, heading, ha="center", color="#666666", fontstyle="italic")
    ax.text(0.3, 0.4, title, fontsize=12, fontweight="bold", va="center")
    fig.legend(handles=handles, loc="lower left", ncols=across, frameon=False, bbox_to_anchor=(0.3 / width, 0.05 / height))
    return fig, tips


def _line(relation: str, basis: str | None) -> tuple[str, float, str]:
    colour, width, style = EDGES[relation]
    return colour, width, "--" if basis == "inferred" else style


def _legend(g: nx.DiGraph) -> list:
    """A key to the node kinds and line styles the graph has."""
    kinds = sorted({kind for _, kind in g.nodes(data="kind")}, key=list(COLOURS).index)
    lines = {_line(link["relation"], link["basis"]) for _, _, link in g.edges(data=True)}
    handles = [Patch(facecolor=COLOURS[k], edgecolor="#555555", label=k) for k in kinds]
    return handles + [Line2D([], [], color=colour, linestyle=style, label=label) for label, (colour, _, style) in (
        ("stated: contributes to, aligns with", _line("aligns with", "stated")),
        ("inferred: contributes to, aligns with", _line("aligns with", "inferred")),
        ("part of", _line("part of", None)), ("maps to (another planning document)", _line("maps to", None)))
        if (colour, _, style) in lines]


def _heading(kind: str, column: int) -> str:
    if kind == "outcome":
        return "outcomes served" if column == 1 else "outcomes above or mapped"
    return {"project": "projects and programmes"}.get(kind, "framework parts" if kind in PARTS else "frameworks")


# ---------------------------------------------------------------- files


@dataclass(frozen=True)
class Plot:
    query: str
    columns: tuple[str, ...]
    draw: Callable[[list[dict], str], tuple[Figure, dict[str, str]]]
    suffixes: tuple[str, ...]


PLOTS = {
    "coverage": Plot("alignment-matrix", ("outcome", "outcome_text", "framework", "framework_name", "targets",
                                          "stated", "inferred"), coverage, (".png", ".svg", ".html")),
    "alignment": Plot("alignment", ("project", "outcome", "parent", "grandparent", "aligned_via", "target", "target_kind",
                                    "framework", "contribution_basis", "contribution_evidence", "alignment_basis",
                                    "alignment_evidence"), alignment, (".svg", ".html", ".png")),
}


def check_suffix(kind: str, path: Path) -> str:
    """The file's suffix, if picture `kind` can be written in that format."""
    suffix, allowed = path.suffix.lower(), PLOTS[kind].suffixes
    if suffix not in allowed:
        raise PlotError(f"kg plot {kind} writes {', '.join(allowed)}, not {suffix or 'a file without a suffix'}")
    return suffix


def write(kind: str, columns: list[str], rows: list[list], path: Path, title: str) -> None:
    """Draw picture `kind` from its query's rows and write it to `path` (.png, .svg or .html)."""
    plot, suffix = PLOTS[kind], check_suffix(kind, path)
    missing = [c for c in plot.columns if c not in columns]
    if missing:
        raise PlotError(f"query {plot.query} gave no column {', '.join(missing)}")
    if not rows:
        raise PlotError(f"nothing to plot: query {plot.query} found no rows")
    with matplotlib.rc_context(STYLE):
        fig, tips = plot.draw([dict(zip(columns, row)) for row in rows], title)
        if suffix == ".png":
            fig.savefig(path, format="png", dpi=DPI)
            return
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None})
    svg = _with_tooltips(out.getvalue(), tips)
    path.write_text(svg if suffix == ".svg" else _page(svg, title, columns, rows), encoding="utf-8")


def _with_tooltips(svg: str, tips: dict[str, str]) -> str:
    for gid, tip in tips.items():
        svg = svg.replace(f'<g id="{gid}">', f'<g id="{gid}">\n  <title>{html.escape(tip)}</title>', 1)
    return svg


def _page(svg: str, title: str, columns: list[str], rows: list[list]) -> str:
    """One HTML file that works offline: the picture, then its data as a table."""
    picture = svg[svg.index("<svg"):]
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "\n".join("<tr>" + "".join(f"<td>{html.escape(cell(v))}</td>" for v in row) + "</tr>" for row in rows)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}</title>
<style>
body {{ font-family: sans-serif; margin: 1.5em; }}
svg {{ max-width: 100%; height: auto; }}
table {{ border-collapse: collapse; font-size: 0.85em; }}
th, td {{ border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }}
th {{ background: #eee; }}
</style>
</head>
<body>
<h1>{html.escape(title)}</h1>
<p>Hover over a cell, node or link for details. The data: {len(rows)} row{'s' * (len(rows) != 1)}, below.</p>
{picture}
<table>
<thead><tr>{head}</tr></thead>
<tbody>
{body}
</tbody>
</table>
</body>
</html>
"""


def _short(text: str, most: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _inches(text: str, size: float = STYLE["font.size"], weight: str = "normal") -> float:
    """Width of `text` in the picture's font."""
    font = FontProperties(size=size, weight=weight)
    return text_to_path.get_text_width_height_descent(text, font, ismath=False)[0] / 72
