"""The Neo4j 5 store, over Bolt with the official driver.

Constraints and indexes come from the schema (kg.generate.neo4j_constraints)
and are created before any write. A build is one managed write transaction of
`UNWIND $rows ... MERGE` batches on constrained keys, so the driver retries it
on transient errors and a failed build leaves nothing behind.
"""

from __future__ import annotations

import logging
import os
import re
from typing import Callable, Iterator

import neo4j
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from kg.generate import neo4j_constraints
from kg.graph import KnowledgeGraph
from kg.model import SEARCH_INDEX
from kg.records import Edge, Node
from kg.stores.base import (Progress, Store, StoreError, batches, edge_groups, edge_row, evidence_objects,
                            node_row, stored_properties)

FIX = "start one with `docker compose up --wait` and set NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD"
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
# How long the driver keeps retrying a managed transaction (execute_read/execute_write) that failed with a
# transient error (deadlock, leader switch, lost connection) before giving up: the driver's own default, set
# here so that it is visible; NEO4J_RETRY_SECONDS overrides it.
RETRY_SECONDS = 30.0
# The driver logs what it then raises ("Unable to retrieve routing information"); kg reports the error once.
logging.getLogger("neo4j").addHandler(logging.NullHandler())


def open_neo4j(location: str, read_only: bool = False, user: str | None = None,
               password: str | None = None, database: str | None = None) -> Neo4jStore:
    """The store on the server at `location`, checked to answer as this user and database.

    Every failure is a StoreError of one line that says what to fix.
    """
    auth = (user or os.environ.get("NEO4J_USER", "neo4j"), password or os.environ.get("NEO4J_PASSWORD", ""))
    database = database or os.environ.get("NEO4J_DATABASE") or None
    if location.split("://")[0] not in SCHEMES or "://" not in location:
        raise StoreError(f"bad Neo4j address {location!r}: give a bolt:// or neo4j:// URI such as "
                         "bolt://localhost:7687 (Browser's http:// port is not for kg)")
    try:
        retry = float(os.environ.get("NEO4J_RETRY_SECONDS") or RETRY_SECONDS)
    except ValueError:
        raise StoreError("NEO4J_RETRY_SECONDS must be a number of seconds") from None
    driver = None
    try:
        driver = neo4j.GraphDatabase.driver(location, auth=auth, max_transaction_retry_time=retry)
        driver.verify_connectivity()
        # verify_connectivity checks the server, not the database: ask the database itself
        driver.execute_query("RETURN 1", database_=database, routing_=neo4j.RoutingControl.READ)
    except (ValueError, neo4j.exceptions.ConfigurationError) as exc:
        _close(driver)
        raise StoreError(f"bad Neo4j address {location!r}: {_one_line(exc)}") from None
    except AuthError:
        _close(driver)
        raise StoreError(f"Neo4j at {location} refused user {auth[0]!r}: check NEO4J_USER and NEO4J_PASSWORD "
                         "(the password is the one in NEO4J_AUTH, or .env for docker compose)") from None
    except (ServiceUnavailable, SessionExpired, OSError) as exc:
        _close(driver)
        raise StoreError(f"no Neo4j answers at {location} ({_reason(exc)}): {FIX}") from None
    except (Neo4jError, DriverError) as exc:
        _close(driver)
        raise StoreError(_explain(exc)) from None
    store = Neo4jStore(driver, database)
    if not read_only:
        store.setup()
    return store


def _close(driver) -> None:
    if driver is not None:
        driver.close()


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
        except (Neo4jError, DriverError) as exc:
            raise StoreError(_explain(exc)) from None

    def run(self, query: str, params: dict | None = None, write: bool = False) -> tuple[list[str], list[list]]:
        def work(tx):
            result = tx.run(query, params or {})
            return result.keys(), [[_plain(v) for v in record.values()] for record in result]

        try:  # a managed transaction: the driver retries it on transient errors
            with self._session() as session:
                keys, rows = (session.execute_write if write else session.execute_read)(work)
        except (Neo4jError, DriverError) as exc:
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
        work = list(write_batches(graph, self.schema))

        def transaction(tx):  # run again from the start when the driver retries
            for query, batch in work:
                tx.run(query, {"rows": batch}).consume()
                if progress:
                    progress(len(batch))

        try:  # one managed transaction: all or nothing, retried by the driver on transient errors
            with self._session() as session:
                session.execute_write(transaction)
        except (Neo4jError, DriverError) as exc:
            raise StoreError(_explain(exc)) from None

    def _search(self, text: str, words: list[str], targets: dict[str, list[str]], limit: int,
                lucene: bool) -> list[tuple]:
        params = {"index": SEARCH_INDEX, "query": text if lucene else lucene_words(words),
                  "labels": list(targets), "limit": limit}
        try:
            rows = self.run(SEARCH, params)[1]
        except StoreError as exc:
            message = " ".join(str(exc).split())
            if "no such fulltext" in message.lower():
                message += f" (the full-text index {SEARCH_INDEX} is made by `kg build --neo4j URI` and kg import)"
            raise StoreError(f"full-text search failed: {message}") from None
        hits = []
        for label, node, score in rows:
            props = targets[label]
            prop = next((p for p in props if any(w in str(node.get(p) or "").lower() for w in words)), props[0])
            hits.append((label, node["id"], prop, round(score, 3), node.get(prop)))
        return hits

    def close(self) -> None:
        self.driver.close()


# The full-text search (kg search): the index named by a parameter, and the user's text only ever a parameter.
SEARCH = """CALL db.index.fulltext.queryNodes($index, $query) YIELD node, score
WITH node, score WHERE any(label IN labels(node) WHERE label IN $labels)
RETURN [label IN labels(node) WHERE label IN $labels][0] AS label, node, score
ORDER BY score DESC, node.id
LIMIT $limit
"""
LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')


def lucene_words(words: list[str]) -> str:
    """Plain words as a Lucene query that needs every one: specials escaped, AND/OR/NOT lower-cased into words."""
    return " AND ".join(LUCENE_SPECIAL.sub(r"\\\1", w.lower()) for w in words)


def write_batches(graph: KnowledgeGraph, schema) -> Iterator[tuple[str, list[dict]]]:
    """The (query, rows) pairs a write sends, in order: nodes by label, then relationships by shape."""
    for label, spec in schema.nodes.items():
        rows = [_split(node_row(n, spec.properties), "id") for n in graph.nodes(label)]
        query = f"UNWIND $rows AS r MERGE (n:{label} {{id: r.id}}) SET n += r.props, n.evidence = r.evidence"
        for batch in batches(rows):
            yield query, batch
    for (rel_type, a, b), group in edge_groups(graph.edges(), graph.label_of).items():
        declared = schema.relationships[rel_type].properties
        query = (f"UNWIND $rows AS r MATCH (a:{a} {{id: r.s}}) MATCH (b:{b} {{id: r.t}}) "
                 f"MERGE (a)-[e:{rel_type}]->(b) SET e += r.props, e.evidence = r.evidence")
        for batch in batches([_split(edge_row(e, declared), "s", "t") for e in group]):
            yield query, batch


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


def _one_line(value) -> str:
    return " ".join(str(value).split())


def _reason(exc: Exception) -> str:
    """The root of a connection failure: the driver's '(reason [Errno 111] Connection refused)', or all of it."""
    text = _one_line(exc)
    found = re.findall(r"\(reason (.+?)\)(?:$|[;:,])", text) or re.findall(r"(\[Errno [^\]]+\][^()]*)", text)
    return found[-1].strip() if found else text


def _explain(exc: Neo4jError | DriverError) -> str:
    """One line saying what went wrong and, where kg knows it, how to fix it."""
    if isinstance(exc, (ServiceUnavailable, SessionExpired)):
        return f"lost the Neo4j server ({_reason(exc)}); retried for NEO4J_RETRY_SECONDS: {FIX}"
    if isinstance(exc, DriverError):
        return f"Neo4j driver: {_one_line(exc)}"
    code, message = exc.code or "", _one_line(exc.message or exc)
    if "DatabaseNotFound" in code:
        return (f"Neo4j has no such database: {message}; set NEO4J_DATABASE to an existing one "
                "(unset: the server's default, neo4j) or create it (CREATE DATABASE needs Enterprise)")
    if isinstance(exc, AuthError) or "Security.Unauthorized" in code or "AuthenticationRateLimit" in code:
        return f"Neo4j refused the login: {message}; check NEO4J_USER and NEO4J_PASSWORD"
    if "Forbidden" in code or "AccessMode" in code:
        return f"{message} (kg cypher is read-only unless --write)"
    if "TransientError" in code:
        return f"Neo4j: {message} (a transient error, still failing after NEO4J_RETRY_SECONDS of retries)"
    return f"Neo4j: {message}"
