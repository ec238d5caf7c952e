"""kg.graph: merging by id, evidence accumulating, conflicts reported, schema checks on edges."""

from kg.graph import KnowledgeGraph
from kg.records import Edge, Evidence, Node

A = Evidence("a.txt", 3, 3, "first")
B = Evidence("b.txt", 7, 9, "second")


def test_records_merge_by_id_and_evidence_accumulates():
    graph = KnowledgeGraph()
    graph.add(Node("Project", "P1", {"name": "WEDGE"}, [A]))
    graph.add(Node("Project", "P1", {"acronym": "WEDGE", "name": "WEDGE"}, [B, A]))
    (node,) = graph.nodes()
    assert node.properties == {"name": "WEDGE", "acronym": "WEDGE"}
    assert node.evidence == [A, B]
    assert graph.warnings == [] and graph.errors == []


def test_conflicting_values_keep_the_first_and_are_reported():
    graph = KnowledgeGraph()
    graph.add(Node("Project", "P1", {"budget": 100.0}, [A]))
    graph.add(Node("Project", "P1", {"budget": 250.0}, [B]))
    assert next(graph.nodes()).properties["budget"] == 100.0
    assert graph.warnings == ["b.txt:7: Project 'P1': budget is 100.0 already; kept it, not 250.0"]


def test_list_properties_union():
    graph = KnowledgeGraph()
    graph.add(Node("Organization", "MOLSW", {"name": "Ministry", "aliases": ["MoLSW"]}, [A]))
    graph.add(Node("Organization", "MOLSW", {"name": "Ministry", "aliases": ["MLSW", "MoLSW"]}, [B]))
    assert next(graph.nodes()).properties["aliases"] == ["MoLSW", "MLSW"]


def test_one_id_cannot_name_two_labels():
    graph = KnowledgeGraph()
    graph.add(Node("Country", "LAO", {"name": "Lao PDR"}, [A]))
    graph.add(Node("Outcome", "LAO", {"text": "t", "kind": "priority"}, [B]))
    assert [n.label for n in graph.nodes()] == ["Country"]
    assert [str(e) for e in graph.errors] == ["b.txt:7: id: 'LAO' is already a Country, not a Outcome"]


def test_edges_merge_and_may_arrive_before_their_nodes():
    graph = KnowledgeGraph()
    graph.add(Edge("CONTRIBUTES_TO", "P1", "LAO101", {"basis": "stated"}, [A]))
    graph.add(Edge("CONTRIBUTES_TO", "P1", "LAO101", {}, [B]))
    graph.add(Node("Project", "P1", {}, [A]))
    graph.add(Node("Outcome", "LAO101", {"text": "t", "kind": "country programme outcome"}, [A]))
    graph.validate()
    (edge,) = graph.edges()
    assert edge.properties == {"basis": "stated"} and edge.evidence == [A, B]
    assert graph.errors == []
    assert graph.counts() == {"Project": 1, "Outcome": 1, "CONTRIBUTES_TO": 1}


def test_validate_drops_dangling_and_misshapen_edges():
    graph = KnowledgeGraph()
    graph.add(Node("Project", "P1", {}, [A]))
    graph.add(Node("Country", "KHM", {"name": "Cambodia"}, [A]))
    graph.add(Edge("COVERS", "P1", "KHM", {}, [A]))
    graph.add(Edge("CONTRIBUTES_TO", "P1", "NOPE", {}, [B]))
    graph.add(Edge("CONTRIBUTES_TO", "P1", "KHM", {}, [B]))
    graph.add(Edge("COVERS", "P1", "KHM", {}, [B], origin=("curated.csv", 4)))
    graph.validate()
    assert [(e.type, e.target) for e in graph.edges()] == [("COVERS", "KHM")]
    assert sorted(n.id for n in graph.nodes()) == ["KHM", "P1"]  # the placeholder for NOPE is gone
    assert sorted(str(e) for e in graph.errors) == [
        "b.txt:7: source/target: CONTRIBUTES_TO cannot join a Project to a Country",
        "b.txt:7: source/target: no node with id 'NOPE'",
    ]


def test_an_edge_error_names_where_the_edge_was_read():
    graph = KnowledgeGraph()
    graph.add(Edge("COVERS", "E1", "KHM", {}, [A], origin=("curated.csv", 4)))
    graph.validate()
    assert [str(e) for e in graph.errors] == ["curated.csv:4: source/target: no node with id 'E1'"]


def test_other_yields_to_a_specific_value_of_an_enumerated_property():
    graph = KnowledgeGraph()
    graph.add(Node("Organization", "LFTU", {"name": "LFTU", "kind": "other"}, [A]))
    graph.add(Node("Organization", "LFTU", {"name": "LFTU", "kind": "workers"}, [B]))
    graph.add(Node("Organization", "LNCCI", {"name": "LNCCI", "kind": "employers"}, [A]))
    graph.add(Node("Organization", "LNCCI", {"name": "LNCCI", "kind": "other"}, [B]))
    graph.add(Node("Organization", "CLC", {"name": "CLC", "kind": "workers"}, [A]))
    graph.add(Node("Organization", "CLC", {"name": "CLC", "kind": "employers"}, [B]))
    graph.add(Node("Project", "P1", {"name": "other"}, [A]))  # "other" is no catch-all of a free-text property
    graph.add(Node("Project", "P1", {"name": "WEDGE"}, [B]))
    kinds = {n.id: n.properties.get("kind") for n in graph.nodes()}
    assert kinds == {"LFTU": "workers", "LNCCI": "employers", "CLC": "workers", "P1": None}
    assert next(n for n in graph.nodes() if n.id == "P1").properties["name"] == "other"
    assert graph.warnings == ["b.txt:7: Organization 'CLC': kind is 'workers' already; kept it, not 'employers'",
                              "b.txt:7: Project 'P1': name is 'other' already; kept it, not 'WEDGE'"]
