"""Recall and precision of the report loaders against the golden readings in tests/golden/.

The graph is built from all five seeds together (so cross-document identity
counts), then scored per seed and category: a graph node or edge is in a
seed's scope when it has evidence from that seed. Entries match one-to-one by
name (see tests/golden/README.md); recommendations by number and a line
inside their evidence. Run it to print the figures:

    python tests/accuracy.py [--misses] [SEEDS_DIR]
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kg.build import assemble
from kg.graph import KnowledgeGraph
from loaders.report.ids import name_key

GOLDEN = Path(__file__).parent / "golden"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

# category -> (labels whose nodes it scores, required share of recall and precision)
NODE_CATEGORIES = {
    "dc_symbols": (("Project",), 0.95),
    "outcome_codes": (("Outcome",), 0.95),
    "undaf_outcomes": (("UNDAFOutcome",), 0.90),
    "national_plans": (("NationalPlan", "PlanPriority"), 0.90),
    "projects": (("Project", "Programme"), 0.90),
    "organisations": (("Organization",), 0.85),
}
EDGE_CATEGORIES = {"alignment": ("ALIGNS_WITH", 0.90), "contributions": ("CONTRIBUTES_TO", 0.90),
                   "outcome_mapping": ("MAPS_TO", None)}
THRESHOLDS = {
    "quick_facts": 0.95, "recommendations": 0.95,
    **{k: v[1] for k, v in NODE_CATEGORIES.items()}, **{k: v[1] for k, v in EDGE_CATEGORIES.items()},
}
_NAME_PROPERTIES = ("code", "name", "acronym", "dc_symbol", "text", "number")


@dataclass
class Score:
    golden: int = 0
    found: int = 0
    matched: int = 0
    missed: list = field(default_factory=list)  # golden entries not found
    extra: list = field(default_factory=list)  # found items matching no golden entry

    def add(self, other: Score) -> None:
        self.golden += other.golden
        self.found += other.found
        self.matched += other.matched

    @property
    def recall(self) -> float:
        return self.matched / self.golden if self.golden else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0


def build(seeds: Path) -> KnowledgeGraph:
    return assemble(sorted(seeds.glob("*.txt"))).graph


def names(graph: KnowledgeGraph, node_id: str) -> set[str]:
    """The keys of every name a node is known by."""
    props = graph.g.nodes[node_id]["properties"]
    found = {node_id, *props.get("aliases", [])}
    found.update(str(props[p]) for p in _NAME_PROPERTIES if props.get(p) is not None)
    return {k for n in found if (k := name_key(n))}


def entry_names(entry) -> set[str]:
    return {name_key(str(n)) for n in (entry if isinstance(entry, list) else [entry])}


def in_scope(data: dict, document: str) -> bool:
    return any(e.document == document for e in data["evidence"])


def score(golden: dict, graph: KnowledgeGraph) -> dict[str, Score]:
    """Each category's score for one seed."""
    doc = golden["document"]
    g = graph.g
    scores = {}
    for category, (labels, _) in NODE_CATEGORIES.items():
        found = [n for n, d in g.nodes(data=True) if d["label"] in labels and in_scope(d, doc)]
        if category == "dc_symbols":
            found = [n for n in found if g.nodes[n]["properties"].get("dc_symbol")]
        elif category == "outcome_codes":
            found = [n for n in found if g.nodes[n]["properties"].get("code")]
        scores[category] = _match([entry_names(e) for e in golden.get(category) or []],
                                  [names(graph, n) for n in found], _same_node)
    for category, (rel_type, _) in EDGE_CATEGORIES.items():
        if category not in golden:
            continue
        found = [(names(graph, s), names(graph, t)) for s, t, k, d in g.edges(keys=True, data=True)
                 if k == rel_type and in_scope(d, doc)]
        wanted = [(entry_names(s), entry_names(t)) for s, t in golden.get(category) or []]
        scores[category] = _match(wanted, found, _same_edge)
    scores["recommendations"] = _recommendations(golden, graph)
    if golden.get("quick_facts"):
        scores["quick_facts"] = _quick_facts(golden, graph)
    return scores


def _match(wanted: list, found: list, same) -> Score:
    """One-to-one: each wanted item takes the first free found item `same(wanted, found)` accepts."""
    free = list(range(len(found)))
    result = Score(len(wanted), len(found))
    for item in wanted:
        hit = next((i for i in free if same(item, found[i])), None)
        if hit is None:
            result.missed.append(item)
        else:
            free.remove(hit)
            result.matched += 1
    result.extra = [found[i] for i in free]
    return result


def _same_node(wanted: set[str], found: set[str]) -> bool:
    return bool(wanted & found)


def _same_edge(wanted: tuple[set[str], set[str]], found: tuple[set[str], set[str]]) -> bool:
    return bool(wanted[0] & found[0] and wanted[1] & found[1])


def _recommendations(golden: dict, graph: KnowledgeGraph) -> Score:
    doc = golden["document"]
    found = [(n, d["properties"]["number"], [(e.line, e.end_line) for e in d["evidence"] if e.document == doc])
             for n, d in graph.g.nodes(data=True) if d["label"] == "Recommendation" and in_scope(d, doc)]
    wanted = [(str(item["number"]), item["line"]) for item in golden.get("recommendations") or []]
    return _match(wanted, found, lambda w, f: w[0] == f[1] and any(a <= w[1] <= b for a, b in f[2]))


def _quick_facts(golden: dict, graph: KnowledgeGraph) -> Score:
    """Each QUICK FACTS field is one item: right when the evaluation's value equals the golden one."""
    g = graph.g
    doc = golden["document"]
    evaluations = [s for s, t, k in g.edges(keys=True) if k == "SOURCED_FROM" and t == doc]
    if not evaluations:
        return Score(len(golden["quick_facts"]), 0, 0)
    evaluation = evaluations[0]
    props = g.nodes[evaluation]["properties"]
    linked = {k: [t for _, t, key in g.out_edges(evaluation, keys=True) if key == k] for k in ("COVERS", "EVALUATES")}
    values = {
        **props,
        "countries": linked["COVERS"],
        "dc_symbols": [g.nodes[p]["properties"].get("dc_symbol") for p in linked["EVALUATES"]],
        "donor": sorted({t for p in linked["EVALUATES"] for _, t, k in g.out_edges(p, keys=True) if k == "FUNDED_BY"}),
    }
    result = Score(len(golden["quick_facts"]))
    for key, want in golden["quick_facts"].items():
        have = values.get(key)
        if have in (None, []):
            result.missed.append((key, want))
            continue
        result.found += 1
        if key == "donor":
            right = len(have) == len(want) and all(any(names(graph, d) & entry_names(w) for d in have) for w in want)
        elif isinstance(want, list):
            right = sorted(map(name_key, map(str, want))) == sorted(map(name_key, map(str, have)))
        elif isinstance(want, (int, float)):
            right = abs(float(have) - want) < 0.005
        else:
            right = name_key(str(want)) == name_key(str(have))
        result.matched += right
        if not right:
            result.missed.append((key, want))
            result.extra.append((key, have))
    return result


def _show(item) -> str:
    if isinstance(item, set):
        return " | ".join(sorted(item))
    if isinstance(item, tuple) and len(item) == 2 and all(isinstance(x, set) for x in item):
        return f"{_show(item[0])}  ->  {_show(item[1])}"
    return repr(item)


def goldens() -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(GOLDEN.glob("*.yaml"))]


def measure(seeds: Path) -> dict[str, dict[str, Score]]:
    """{seed document: {category: Score}} and, under "all", each category summed over the seeds."""
    graph = build(seeds)
    result = {golden["document"]: score(golden, graph) for golden in goldens()}
    total: dict[str, Score] = {}
    for per_seed in result.values():
        for category, s in per_seed.items():
            total.setdefault(category, Score()).add(s)
    result["all"] = total
    return result


def main(argv: list[str]) -> int:
    misses = "--misses" in argv
    argv = [a for a in argv if a != "--misses"]
    seeds = Path(argv[0]) if argv else SEEDS
    result = measure(seeds)
    print(f"{'document':28} {'category':16} {'golden':>6} {'found':>6} {'match':>6} {'recall':>7} {'prec.':>7}  target")
    for document, per_seed in result.items():
        for category, s in sorted(per_seed.items()):
            if not (s.golden or s.found):
                continue
            target = THRESHOLDS.get(category)
            flag = "" if target is None else f"{target:.0%}" + (
                "" if s.recall >= target and s.precision >= target or document != "all" else "  MISS")
            print(f"{document[:28]:28} {category:16} {s.golden:6} {s.found:6} {s.matched:6} "
                  f"{s.recall:7.1%} {s.precision:7.1%}  {flag}")
            if misses and document != "all":
                for item in s.missed:
                    print(f"    missed: {_show(item)}")
                for item in s.extra:
                    print(f"    extra:  {_show(item)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    raise SystemExit(main(sys.argv[1:]))
