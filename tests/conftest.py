"""Shared fixtures."""

import os
from pathlib import Path

import pytest

from kg.build import build
from kg.stores import StoreError, open_store

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The seed reports beside this clone (../shared/seeds); skip the test when they are not there."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not found: the seed reports are not beside this clone")
    return SEEDS


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory, seeds_dir) -> Path:
    """The folder of an embedded store built once from the seeds and the examples; open it read-only."""
    db = tmp_path_factory.mktemp("seeds") / "db"
    with open_store("ladybug", str(db)) as store:
        assert build([seeds_dir, Path(__file__).resolve().parents[1] / "examples"], store).errors == []
    return db


@pytest.fixture(scope="module")
def neo4j_empty():
    """The Neo4j store at NEO4J_URI with the kg labels emptied; the test skips when none answers."""
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
