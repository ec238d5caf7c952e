"""The embedded LadybugDB store, on disk: round trips, idempotent builds, upserts, atomic writes."""

from pathlib import Path

import pytest

from kg.build import assemble, build
from kg.graph import KnowledgeGraph
from kg.records import Edge, Evidence, Node
from kg.stores import StoreError, open_store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def nonzero(counts):
    return {k: v for k, v in counts.items() if v}


def stored(store, graph):
    """Everything the store holds of the graph's nodes and edges, as records."""
    found = store.fetch({n.id for n in graph.nodes()}, list(graph.edges()), graph.label_of)
    return sorted((r for r in found if isinstance(r, Node)), key=lambda n: n.id), \
        sorted((r for r in found if isinstance(r, Edge)), key=lambda e: e.key)


def test_examples_build_twice_changes_nothing(tmp_path):
    with open_store("ladybug", str(tmp_path / "db")) as store:
        first = build([EXAMPLES], store)
        counts = store.counts()
        assert first.errors == []
        assert nonzero(counts) == first.graph.counts()
        assert counts["Evaluation"] == 3 and counts["PARTNERS_WITH"] == 6
        second = build([EXAMPLES], store)
        assert store.counts() == counts
        assert stored(store, second.graph) == stored(store, first.graph)
    with open_store("ladybug", str(tmp_path / "db"), read_only=True) as store:  # and it persisted
        assert store.counts() == counts


def test_round_trip_keeps_properties_lists_and_evidence(tmp_path):
    graph = assemble([EXAMPLES]).graph
    with open_store("ladybug", str(tmp_path / "db")) as store:
        store.write(graph)
        nodes, edges = stored(store, graph)
    assert nodes == list(graph.nodes())
    assert edges == sorted(graph.edges(), key=lambda e: e.key)
    org = next(n for n in nodes if n.id == "MOLISA")
    assert {"Ministry of Labour - Invalids and Social Affairs", "Bộ Lao động - Thương binh và Xã hội"} <= set(
        org.properties["aliases"])  # the curated list, merged with what the reports add
    assert all(n.evidence for n in nodes) and all(e.evidence for e in edges)


def records(*items):
    graph = KnowledgeGraph()
    graph.add_all(items)
    graph.validate()
    return graph


def test_later_builds_upsert_into_what_is_stored(tmp_path):
    a, b = Evidence("a.txt", 1, 1, "one"), Evidence("b.txt", 5, 6, "two")
    with open_store("ladybug", str(tmp_path / "db")) as store:
        store.write(records(Node("Project", "P1", {"name": "WEDGE"}, [a]),
                            Node("Country", "LAO", {"name": "Lao PDR"}, [a]),
                            Edge("COVERS", "P1", "LAO", {}, [a])))
        # a second input names the same project again, with more to say, and links it anew
        later = tmp_path / "later.jsonl"
        later.write_text(
            '{"kind": "node", "label": "Project", "id": "P1", "properties": {"name": "Other", "acronym": "W"},'
            ' "evidence": [{"document": "b.txt", "line": 5, "end_line": 6, "quote": "two"}]}\n'
            '{"kind": "node", "label": "Country", "id": "KHM", "properties": {"name": "Cambodia"}}\n'
            '{"kind": "edge", "type": "COVERS", "source": "P1", "target": "KHM"}\n'
            '{"kind": "edge", "type": "COVERS", "source": "P1", "target": "LAO",'
            ' "evidence": [{"document": "b.txt", "line": 5}]}\n')
        report = build([later], store)
        assert report.errors == []
        assert report.warnings == [f"{later}:1: Project 'P1': name is 'WEDGE' already; kept it, not 'Other'"]
        nodes, edges = stored(store, report.graph)
        project = next(n for n in nodes if n.id == "P1")
        assert project.properties == {"name": "WEDGE", "acronym": "W"}
        assert project.evidence == [a, b]
        assert [e.target for e in edges] == ["KHM", "LAO"]
        assert edges[1].evidence == [a, Evidence("b.txt", 5, 5, "")]
        assert nonzero(store.counts()) == {"Project": 1, "Country": 2, "COVERS": 2}


def test_an_edge_may_point_at_a_node_stored_earlier(tmp_path):
    with open_store("ladybug", str(tmp_path / "db")) as store:
        store.write(records(Node("Country", "KHM", {"name": "Cambodia"}, [Evidence("a.txt", 1, 1)])))
        later = tmp_path / "p.jsonl"
        later.write_text('{"kind": "node", "label": "Project", "id": "P9"}\n'
                         '{"kind": "edge", "type": "COVERS", "source": "P9", "target": "KHM"}\n'
                         '{"kind": "edge", "type": "COVERS", "source": "P9", "target": "XXX"}\n')
        report = build([later], store)
        assert [str(e) for e in report.errors] == [f"{later}:3: source/target: no node with id 'XXX'"]
        assert nonzero(store.counts()) == {"Project": 1, "Country": 1, "COVERS": 1}


def test_a_failed_write_leaves_the_store_as_it_was(tmp_path):
    ev = [Evidence("a.txt", 1, 1)]
    with open_store("ladybug", str(tmp_path / "db")) as store:
        store.write(records(Node("Country", "KHM", {"name": "Cambodia"}, ev)))
        before = store.counts()
        broken = KnowledgeGraph()  # not validated: COVERS from a Country is not in the schema
        broken.add_all([Node("Project", "P1", {}, ev), Node("Country", "LAO", {"name": "Lao"}, ev),
                        Edge("COVERS", "LAO", "P1", {}, ev)])
        with pytest.raises(StoreError):
            store.write(broken)
        assert store.counts() == before
        # the store still works after the rollback
        store.write(records(Node("Project", "P1", {}, ev)))
        assert store.counts()["Project"] == 1


def test_bad_inputs_are_not_stored_and_good_ones_are(tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text('{"kind": "node", "label": "Country", "id": "KHM", "properties": {"name": "Cambodia"}}\n')
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"kind": "node", "label": "Country", "id": "LAO", "properties": {"name": 5}}\n{oops\n')
    (tmp_path / "blank.yaml").write_text("")
    with open_store("ladybug", str(tmp_path / "db")) as store:
        report = build([tmp_path], store)
        assert len(report.errors) == 3
        assert nonzero(store.counts()) == {"Country": 1}


def test_opening_errors_are_clear(tmp_path):
    with pytest.raises(StoreError, match="run `kg build PATH...` first"):
        open_store("ladybug", str(tmp_path / "none"), read_only=True)
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="is not a folder"):
        open_store("ladybug", str(tmp_path / "file"))
    with pytest.raises(StoreError, match="unknown store"):
        open_store("sqlite", "x")


def test_read_only_store_refuses_writes(tmp_path):
    open_store("ladybug", str(tmp_path / "db")).close()
    with open_store("ladybug", str(tmp_path / "db"), read_only=True) as store:
        with pytest.raises(StoreError, match="read-only"):
            store.run("CREATE (:Country {id: 'X', name: 'x'})")
