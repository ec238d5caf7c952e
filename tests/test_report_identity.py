"""Cross-document identity: what several seeds name is one node, and only what is the same thing."""

from __future__ import annotations

import pytest

from kg.build import assemble

LAO, KHM, KOREA = "001_b909acd76d776b73.txt", "003_d2f46f8dd29b6317.txt", "000_af0c1458d30e124d.txt"


@pytest.fixture(scope="module")
def graph(seeds_dir):
    return assemble(sorted(seeds_dir.glob("*.txt"))).graph


def documents(graph, node_id: str) -> set[str]:
    return {e.document for e in graph.g.nodes[node_id]["evidence"]}


@pytest.mark.parametrize("node_id, seeds", [
    ("PROJECT/WEDGE", {LAO, KHM}),
    ("PROJECT/TICW", {LAO, KHM}),
    ("PROGRAMME/ilo-korea-partnership-programme", {KOREA, LAO}),
    ("UNDP", {LAO, KHM}),
])
def test_one_node_across_reports(graph, node_id, seeds):
    assert seeds <= documents(graph, node_id)


def test_national_bodies_of_two_countries_stay_apart(graph):
    merged = [n for n, d in graph.g.nodes(data=True)
              if d["label"] == "Organization" and d["properties"].get("kind") == "government"
              and {LAO, KHM} <= documents(graph, n)]
    assert merged == []


def test_every_node_and_relationship_has_evidence_with_a_quote(graph):
    assert all(d["evidence"] for _, d in graph.g.nodes(data=True))
    assert all(d["evidence"] for *_, d in graph.g.edges(data=True))
    assert all(e.quote for _, d in graph.g.nodes(data=True) for e in d["evidence"] if e.document != "README.md")
