"""The schema and the files generated from it."""

import json
from pathlib import Path

import pyshacl
import pytest
import rdflib
from jsonschema import Draft202012Validator

from kg.generate import GENERATED, main, snake, stale
from kg.model import load_schema
from kg.records import RecordError, record_from_dict

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "schema"
KG = rdflib.Namespace(load_schema().base_iri)


def test_generated_files_are_up_to_date():
    assert stale(SCHEMA_DIR) == [], "run `python -m kg.generate` and commit the result"


def test_a_stale_file_is_caught(tmp_path):
    for name in GENERATED:
        (tmp_path / name).write_text((SCHEMA_DIR / name).read_text())
    assert stale(tmp_path) == []
    (tmp_path / "shapes.ttl").write_text("# edited by hand\n")
    (tmp_path / "neo4j.cypher").unlink()
    assert stale(tmp_path) == ["neo4j.cypher", "shapes.ttl"]


def test_check_mode_exit_code(tmp_path):
    assert main(["--check", str(SCHEMA_DIR)]) == 0
    assert main(["--check", str(tmp_path)]) == 1


def test_constraint_names_are_snake_case():
    assert [snake(x) for x in ("UNDAFOutcome", "SDGTarget", "GoodPractice", "Project")] == \
        ["undaf_outcome", "sdg_target", "good_practice", "project"]


def test_every_label_has_a_constraint_and_a_table():
    schema = load_schema()
    constraints = (SCHEMA_DIR / "neo4j.cypher").read_text()
    ddl = (SCHEMA_DIR / "ladybug.cypher").read_text()
    for label in schema.nodes:
        assert f"FOR (n:{label}) REQUIRE n.id IS UNIQUE" in constraints
        assert f"CREATE NODE TABLE IF NOT EXISTS {label}(id STRING PRIMARY KEY" in ddl
    for rel_type, spec in schema.relationships.items():
        line = next(x for x in ddl.splitlines() if x.startswith(f"CREATE REL TABLE IF NOT EXISTS {rel_type}("))
        for source, target in spec.endpoints:
            assert f"FROM {source} TO {target}" in line


def shapes():
    return rdflib.Graph().parse(SCHEMA_DIR / "shapes.ttl", format="turtle")


def conforms(data: rdflib.Graph) -> bool:
    ok, _, _ = pyshacl.validate(data, shacl_graph=shapes())
    return ok


SCHEMA = rdflib.Namespace("https://schema.org/")
SKOS, DCTERMS, ORG = rdflib.SKOS, rdflib.DCTERMS, rdflib.ORG


def node(graph: rdflib.Graph, iri, label: str, props: dict | None = None):
    graph.add((iri, rdflib.RDF.type, KG[label]))
    graph.add((iri, DCTERMS.identifier, rdflib.Literal(str(iri).rsplit("/", 1)[-1])))
    for predicate, value in (props or {}).items():
        graph.add((iri, predicate, value))
    return iri


def test_shacl_shapes_accept_good_data_and_reject_bad():
    good = rdflib.Graph()
    p = node(good, KG["id/RAS%2F21%2F50%2FKOR"], "Project",
             {SCHEMA.name: rdflib.Literal("Skills"), KG.budget: rdflib.Literal(2153937.0)})
    outcome = node(good, KG["id/LAO101"], "Outcome",
                   {SKOS.prefLabel: rdflib.Literal("Better jobs"), KG.kind: rdflib.Literal("country programme outcome")})
    good.add((p, KG.contributesTo, outcome))
    assert conforms(good)

    wrong_type = rdflib.Graph()
    node(wrong_type, KG.p, "Project", {KG.budget: rdflib.Literal("lots")})
    assert not conforms(wrong_type)

    for broken in ((outcome, KG.kind, None), (p, DCTERMS.identifier, None)):  # required
        missing = good + rdflib.Graph()
        missing.remove(broken)
        assert not conforms(missing)

    bad_kind = good + rdflib.Graph()
    bad_kind.set((outcome, KG.kind, rdflib.Literal("a wish")))
    assert not conforms(bad_kind)

    wrong_target = good + rdflib.Graph()
    wrong_target.add((p, KG.contributesTo, p))
    assert not conforms(wrong_target)

    org = KG["id/LFTU"]
    for kind, ok in ((KG["OrganizationKind/workers"], True), (KG["OrganizationKind/wishes"], False),
                     (rdflib.Literal("workers"), False)):
        data = good + rdflib.Graph()
        node(data, org, "Organization", {SKOS.prefLabel: rdflib.Literal("LFTU"), ORG.classification: kind})
        assert conforms(data) is ok, kind


RECORDS = [
    {"kind": "node", "label": "Project", "id": "RAS/21/50/KOR", "properties": {"budget": 1.5, "dc_symbol": "x"}},
    {"kind": "node", "label": "Evaluation", "id": "E", "properties": {"title": "t", "date": "2023-10-15",
                                                                        "keywords": ["a", "b"]}},
    {"kind": "edge", "type": "ALIGNS_WITH", "source": "a", "target": "b", "properties": {"basis": "stated"},
     "evidence": [{"document": "d.txt", "line": 3, "end_line": 4, "quote": "q"}]},
    # bad ones
    {"kind": "node", "label": "Project", "id": "P", "properties": {"budget": "lots"}},
    {"kind": "node", "label": "Evaluation", "id": "E", "properties": {"title": "t", "date": "October"}},
    {"kind": "node", "label": "Evaluation", "id": "E", "properties": {}},
    {"kind": "node", "label": "Planet", "id": "X"},
    {"kind": "edge", "type": "ALIGNS_WITH", "source": "a", "target": "b", "properties": {"basis": "guessed"}},
    {"kind": "edge", "type": "COVERS", "source": "a", "target": "b", "weight": 3},
    {"kind": "node", "label": "Country", "id": "K", "properties": {"name": "k"}, "evidence": [{"line": 1}]},
]


@pytest.mark.parametrize("record", RECORDS)
def test_json_schema_agrees_with_the_validator(record):
    validator = Draft202012Validator(json.loads((SCHEMA_DIR / "records.schema.json").read_text()))
    try:
        record_from_dict(record, ("t.jsonl", 1))
        ours = True
    except RecordError:
        ours = False
    assert validator.is_valid(record) == ours
