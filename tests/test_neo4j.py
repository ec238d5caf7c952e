"""Live tier: the same inputs give the same graph and the same query answers in Neo4j as embedded.

Runs when NEO4J_URI (with NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) answers;
it empties the kg labels of that database first, so point it at a test server.
"""

import io
import os
from pathlib import Path

import pytest

from kg.build import build
from kg.canned import catalogue
from kg.rdf import export
from kg.stores import StoreError, open_store

pytestmark = pytest.mark.neo4j
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def neo4j_store():
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        pytest.skip("NEO4J_URI is not set: no Neo4j server to test against (see README, Neo4j)")
    try:
        store = open_store("neo4j", uri)
    except StoreError as exc:
        pytest.skip(f"NEO4J_URI does not answer: {exc}")
    for label in store.schema.nodes:
        store.run(f"MATCH (n:{label}) DETACH DELETE n", write=True)
    yield store
    store.close()


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    with open_store("ladybug", str(tmp_path_factory.mktemp("kg") / "db")) as store:
        build([EXAMPLES], store)
        yield store


def test_same_graph_and_answers_as_embedded(neo4j_store, embedded):
    report = build([EXAMPLES], neo4j_store)
    assert report.errors == []
    assert neo4j_store.counts() == embedded.counts()
    for name, query in catalogue().items():
        values = query.bind({})
        assert neo4j_store.run(query.text, values) == embedded.run(query.text, values), name


def test_rebuilding_changes_nothing(neo4j_store):
    build([EXAMPLES], neo4j_store)
    before = neo4j_store.counts()
    build([EXAMPLES], neo4j_store)
    assert neo4j_store.counts() == before


def test_read_transactions_refuse_writes(neo4j_store):
    with pytest.raises(StoreError):
        neo4j_store.run("CREATE (:Country {id: 'XXX', name: 'x'})")


def test_rdf_export_is_the_same_from_both_stores(neo4j_store, embedded, monkeypatch):
    build([EXAMPLES], neo4j_store)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    texts = []
    for store in (neo4j_store, embedded):
        out = io.StringIO()
        export(store.records(), out, "nt")
        texts.append(sorted(out.getvalue().splitlines()))
    assert texts[0] == texts[1]
