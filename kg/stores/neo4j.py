"""The Neo4j 5 store, over Bolt with the official driver.

Constraints and indexes come from the schema (kg.generate.neo4j_constraints)
and are created before any write. A build is one managed write transaction of
`UNWIND $rows ... MERGE` batches on constrained keys, so the driver retries it
on transient errors and a failed build leaves nothing behind.
"""

from __future__ import annotations

import os
from typing import Callable

import neo4j
from neo4j.exceptions import AuthError, ClientError, Neo4jError, ServiceUnavailable

from kg.generate import neo4j_constraints
from kg.graph import KnowledgeGraph
from kg.records import Edge, Node
from kg.stores.base import (Progress, Store, StoreError, batches, edge_groups, edge_row, evidence_objects,
                            node_row, stored_properties)

FIX = "start one with `docker compose up --wait` and set NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD"
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def open_neo4j(location: str, read_only: bool = False, user: str | None = None,
               password: str | None = None, database: str | None = None) -> Neo4jStore:
    auth = (user or os.environ.get("NEO4J_USER", "neo4j"), password or os.environ.get("NEO4J_PASSWORD", ""))
    if location.split("://")[0] not in SCHEMES or "://" not in location:
        raise StoreError(f"bad Neo4j address {location!r}: give a bolt:// or neo4j:// URI such as "
                         "bolt://localhost:7687 (Browser's http:// port is not for kg)")
    try:
        driver = neo4j.GraphDatabase.driver(location, auth=auth)
        driver.verify_connectivity()
    except (ValueError, neo4j.exceptions.ConfigurationError) as exc:
        raise StoreError(f"bad Neo4j address {location!r}: {exc}") from None
    except AuthError:
        raise StoreError(f"Neo4j at {location} refused user {auth[0]!r}: check NEO4J_USER and NEO4J_PASSWORD") from None
    except (ServiceUnavailable, OSError) as exc:
        reason = " ".join(str(exc).split())
        raise StoreError(f"no Neo4j answers at {location} ({reason}): {FIX}") from None
    store = Neo4jStore(driver, database or os.environ.get("NEO4J_DATABASE") or None)
    if not read_only:
        store.setup()
    return store


class Neo4jStore(Store):
    name = "neo4j"

    def __init__(self, driver: neo4j.Driver, database: str | None = None, schema=None):
        super().__init__(schema)
        self.driver = driver
        self.database = database

    def _session(self):
        return self.driver.session(database=self.database)

    def setup(self) -> None:
        statements = [s for s in neo4j_constraints(self.schema).splitlines() if s and not s.startswith("//")]
        try:
            with self._session() as session:
                for statement in statements:
                    session.run(statement.rstrip(";")).consume()
        except ClientError as exc:
            raise StoreError(_explain(exc)) from None

    def run(self, query: str, params: dict | None = None, write: bool = False) -> tuple[list[str], list[list]]:
        def work(tx):
            result = tx.run(query, params or {})
            return result.keys(), [[_plain(v) for v in record.values()] for record in result]

        try:
            with self._session() as session:
                keys, rows = (session.execute_write if write else session.execute_read)(work)
        except Neo4jError as exc:
            raise StoreError(_explain(exc)) from None
        return list(keys), rows

    def fetch(self, ids: set[str], edges: list[Edge], label_of: Callable[[str], str | None]) -> list:
        found, wanted = [], sorted(ids)
        for label, spec in self.schema.nodes.items():
            for (n,) in self.run(f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) RETURN n", {"ids": wanted})[1]:
                found.append(Node(label, n["id"], stored_properties(n, spec.properties), evidence_objects(n.get("evidence"))))
        labels = {n.id: n.label for n in found}
        for (rel_type, a, b), group in edge_groups(edges, lambda i: labels.get(i) or label_of(i)).items():
            if (a, b) not in self.schema.relationships[rel_type].endpoints:
                continue
            spec = self.schema.relationships[rel_type]
            query = (f"UNWIND $rows AS r MATCH (a:{a} {{id: r.s}})-[e:{rel_type}]->(b:{b} {{id: r.t}}) "
                     "RETURN r.s, r.t, e")
            rows = [{"s": e.source, "t": e.target} for e in group]
            for s, t, e in self.run(query, {"rows": rows})[1]:
                found.append(Edge(rel_type, s, t, stored_properties(e, spec.properties), evidence_objects(e.get("evidence"))))
        return found

    def write(self, graph: KnowledgeGraph, progress: Progress | None = None) -> None:
        work = []
        for label, spec in self.schema.nodes.items():
            rows = [node_row(n, spec.properties) for n in graph.nodes(label)]
            work.append((f"UNWIND $rows AS r MERGE (n:{label} {{id: r.id}}) "
                         "SET n += r.props, n.evidence = r.evidence", [_split(r, "id") for r in rows]))
        for (rel_type, a, b), group in edge_groups(graph.edges(), graph.label_of).items():
            declared = self.schema.relationships[rel_type].properties
            work.append((f"UNWIND $rows AS r MATCH (a:{a} {{id: r.s}}) MATCH (b:{b} {{id: r.t}}) "
                         f"MERGE (a)-[e:{rel_type}]->(b) SET e += r.props, e.evidence = r.evidence",
                         [_split(edge_row(e, declared), "s", "t") for e in group]))

        def transaction(tx):
            for query, rows in work:
                for batch in batches(rows):
                    tx.run(query, {"rows": batch}).consume()
                    if progress:
                        progress(len(batch))

        try:
            with self._session() as session:
                session.execute_write(transaction)
        except Neo4jError as exc:
            raise StoreError(_explain(exc)) from None

    def close(self) -> None:
        self.driver.close()


def _split(row: dict, *keys: str) -> dict:
    """A row as its keys, evidence and a `props` map (nulls dropped: Neo4j stores no nulls)."""
    out = {k: row[k] for k in keys} | {"evidence": row["evidence"]}
    out["props"] = {k: v for k, v in row.items() if k not in keys and k != "evidence" and v is not None}
    return out


def _plain(value):
    if isinstance(value, (neo4j.graph.Node, neo4j.graph.Relationship)):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _explain(exc: Neo4jError) -> str:
    code = exc.code or ""
    if "DatabaseNotFound" in code:
        return f"Neo4j has no such database: {exc.message}; set NEO4J_DATABASE to an existing one (default neo4j)"
    if "Forbidden" in code or "AccessMode" in code:
        return f"{exc.message} (kg cypher is read-only unless --write)"
    return f"Neo4j: {exc.message}"
