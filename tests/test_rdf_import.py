"""`kg import rdf`: kg's own exports back into an empty store unchanged, RDF from other tools, and bad files."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.cli import cli
from kg.rdf import FORMATS
from kg.rdf.reader import RdfSyntaxError, read_rdf
from kg.rdf.vocab import Vocabulary
from kg.stores import open_store

ROOT = Path(__file__).resolve().parents[1]
FOREIGN = ROOT / "tests" / "rdf" / "foreign.ttl"


@pytest.fixture
def kg(tmp_path, monkeypatch):
    """Run kg in-process, on a fresh store unless told which, with exports dated alike."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    for name in ("NEO4J_URI", "KG_DB"):
        monkeypatch.delenv(name, raising=False)
    runner = CliRunner()

    def run(*args, db=tmp_path / "kg.db"):
        return runner.invoke(cli, [*map(str, args), "--db", str(db)], catch_exceptions=False)

    return run


def counts(db: Path) -> dict[str, int]:
    with open_store("ladybug", str(db), read_only=True) as store:
        return store.counts()


def records(db: Path) -> list:
    with open_store("ladybug", str(db), read_only=True) as store:
        return list(store.records())


def ask(kg, query: str, *params: str) -> list[dict]:
    result = kg("cypher", query, "-f", "json", *params)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def graphs(path: Path) -> dict[URIRef, Graph]:
    """An RDF file's graphs by name, as rdflib reads them (the syntax told by the suffix)."""
    dataset = Dataset()
    dataset.parse(path)
    return {graph.identifier: graph for graph in dataset.graphs() if len(graph)}


def comparable(records) -> list[str]:
    """Records without their evidence (which names the file read), in a stable order."""
    return sorted(json.dumps({**r.to_dict(), "evidence": None}, sort_keys=True) for r in records)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_an_export_imported_into_an_empty_store_exports_the_same_graph(fmt, seeds_db, kg, tmp_path):
    first, second = tmp_path / f"first{FORMATS[fmt]}", tmp_path / f"second{FORMATS[fmt]}"
    assert kg("export", "rdf", "-f", fmt, "-o", first, db=seeds_db).exit_code == 0
    imported = kg("import", "rdf", first)
    assert imported.exit_code == 0 and len(imported.stderr.splitlines()) == 1, imported.stderr  # nothing skipped
    assert counts(tmp_path / "kg.db") == counts(seeds_db)
    assert kg("export", "rdf", "-f", fmt, "-o", second).exit_code == 0
    before, after = graphs(first), graphs(second)
    assert before.keys() == after.keys() and all(isomorphic(before[name], after[name]) for name in before)
    held = records(tmp_path / "kg.db")
    assert kg("import", "rdf", first).exit_code == 0
    assert records(tmp_path / "kg.db") == held


def test_rdf_from_another_tool_loads_what_kg_knows_and_counts_the_rest(kg):
    result = kg("import", "rdf", FOREIGN)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [f"{FOREIGN}: skipped {n} {what}" for n, what in [
        (3, "triples about resources of class foaf:Person"),
        (2, "triples about resources of class http://example.org/Widget"),
        (2, "triples about resources typed only skos:Concept (ambiguous)"),
        (1, "triples with foaf:knows"),
        (1, "triples with rdf:type foaf:Organization"),
        (1, "triples with skos:prefLabel besides the value kept"),  # the French name: English is preferred
    ]] + ["1 file: 1 Project, 1 SDG, 2 Organization, 1 Country, 1 FUNDED_BY, 1 COVERS"]
    organisations = ask(kg, "MATCH (o:Organization) RETURN o.id AS id, o.name AS name, o.kind AS kind, "
                            "o.aliases AS aliases, o.evidence AS evidence ORDER BY id")
    assert [(o["id"], o["name"], o["kind"], o["aliases"]) for o in organisations] == [
        ("http://example.org/fund", "Rural Skills Fund", "donor", None),  # rdfs:label for want of a name
        ("http://example.org/ministry", "Ministry of Labour", None, ["MOL", "MoL"]),
    ]
    assert json.loads(organisations[0]["evidence"][0]) == {"document": str(FOREIGN), "line": 1, "end_line": 1,
                                                           "quote": ""}
    project = ask(kg, "MATCH (p:Project)-[:FUNDED_BY]->(o:Organization) MATCH (p)-[:COVERS]->(c:Country) "
                      "RETURN p.name AS name, p.start_date AS start, o.id AS funder, c.id AS country, c.name AS called")
    assert project == [{"name": "Skills for rural youth", "start": "2019-03", "funder": "http://example.org/fund",
                        "country": "KHM", "called": "Cambodia"}]  # the country known by its IRI alone
    assert ask(kg, "MATCH (g:SDG) RETURN g.id AS id, g.number AS number") == [{"id": "SDG8", "number": 8}]


def test_every_rdf_syntax_gives_the_same_records(tmp_path):
    vocab = Vocabulary()
    expected = read_rdf(FOREIGN, vocab)
    graph = Graph().parse(FOREIGN)
    dataset = Dataset()
    named = dataset.graph(URIRef("http://example.org/graph"))
    named += graph
    for syntax, suffix in [("nt", ".nt"), ("xml", ".rdf"), ("json-ld", ".jsonld"), ("nquads", ".nq"), ("trig", ".trig")]:
        path = tmp_path / f"foreign{suffix}"
        (dataset if syntax in ("nquads", "trig") else graph).serialize(path, format=syntax, encoding="utf-8")
        read = read_rdf(path, vocab)
        assert comparable(read.records) == comparable(expected.records), syntax
        assert read.skipped == expected.skipped and read.errors == [], syntax
    unknown = tmp_path / "foreign.txt"
    unknown.write_text(FOREIGN.read_text(encoding="utf-8"), encoding="utf-8")
    assert comparable(read_rdf(unknown, vocab, "ttl").records) == comparable(expected.records)
    with pytest.raises(RdfSyntaxError, match=f"^{unknown}: cannot tell the RDF syntax from the suffix '.txt'") as caught:
        read_rdf(unknown, vocab)
    assert caught.value.line is None
    with pytest.raises(RdfSyntaxError, match="unknown RDF format 'n3'"):
        read_rdf(FOREIGN, vocab, "n3")


BROKEN = {
    "bad.ttl": ("@prefix ex: <http://example.org/> .\n\nex:a ex:p 1 .\nex:b ex:p 2 .\n\n"
                "ex:c ex:p 3 .\nex:d ex:p 4 ex:e .\n", 7, 13),
    "bad.nt": ('<http://example.org/a> <http://example.org/p> "1" .\n<http://example.org/b> "p" "2" .\n', 2, 24),
    "bad.jsonld": ('{\n  "@id": "http://example.org/a",\n  "http://example.org/p": "1"\n  "http://example.org/q": "2"\n}\n',
                   4, 3),
}


def test_a_malformed_file_is_reported_at_its_line_and_column_and_nothing_of_it_is_stored(kg, tmp_path):
    assert kg("build", ROOT / "examples").exit_code == 0
    before = counts(tmp_path / "kg.db")
    for name, (text, *_) in BROKEN.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = kg("import", "rdf", *(tmp_path / name for name in BROKEN))
    assert result.exit_code == 1
    assert [e.split(": ", 2)[1] for e in result.stderr.splitlines() if e.startswith("error:")] == [
        f"{tmp_path / name}:{line}:{column}" for name, (_, line, column) in BROKEN.items()]
    assert all(e.endswith("; nothing of it was stored") for e in result.stderr.splitlines() if e.startswith("error:"))
    assert "Parser error" not in result.stderr  # the place is said once
    assert counts(tmp_path / "kg.db") == before
    with_good = kg("import", "rdf", tmp_path / "bad.ttl", FOREIGN)
    assert with_good.exit_code == 1 and with_good.stderr.count("error:") == 1
    assert ask(kg, "MATCH (p:Project {id: 'http://example.org/skills'}) RETURN p.name AS name") == [
        {"name": "Skills for rural youth"}]


def test_hostile_and_wrong_values_are_data_or_errors_never_queries(kg, tmp_path):
    assert kg("build", ROOT / "examples").exit_code == 0
    before = counts(tmp_path / "kg.db")
    hostile = "'}) MATCH (n) DETACH DELETE n //"
    path = tmp_path / "hostile.ttl"
    path.write_text(f"""@prefix ex: <http://example.org/> .
@prefix kg: <https://w3id.org/kg-dev/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

<https://w3id.org/kg-dev/id/%27%7D%29%20MATCH%20%28n%29%20DETACH%20DELETE%20n%20%2F%2F> a org:Organization ;
    skos:prefLabel "{hostile}" .
ex:lavish a schema:Project ; schema:name "Lavish" ; kg:budget "lots" .
ex:modest a schema:Project ; schema:name "Modest" ; kg:budget 1500.5 .
""", encoding="utf-8")
    (tmp_path / "empty.ttl").write_text("", encoding="utf-8")
    result = kg("import", "rdf", path, tmp_path / "empty.ttl")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {path}: properties.budget: Project <http://example.org/lavish>: expected a number, not 'lots' "
        "(kg:budget)",
        "2 files: 1 Project, 1 Organization"]
    after = counts(tmp_path / "kg.db")
    assert {k: n - before[k] for k, n in after.items() if n != before[k]} == {"Project": 1, "Organization": 1}
    assert ask(kg, "MATCH (o:Organization {id: $id}) RETURN o.name AS name", "-p", "id", hostile) == [
        {"name": hostile}]
    assert ask(kg, "MATCH (p:Project {id: 'http://example.org/modest'}) RETURN p.budget AS budget") == [
        {"budget": 1500.5}]
    empty = kg("import", "rdf", tmp_path / "empty.ttl")
    assert empty.exit_code == 0 and empty.stderr == "1 file: nothing\n"
