"""The embedded store: a LadybugDB database kept in a folder (default ./kg.db).

Tables come from the schema (kg.generate.ladybug_ddl). An empty table is
filled with one bulk `COPY ... FROM (UNWIND $rows ...)`; a table that already
holds rows gets batched `UNWIND ... MERGE` upserts with one MATCH per endpoint
(the comma form `MATCH (a ...), (b ...)` scans whole tables).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import ladybug

from kg.generate import LADYBUG_TYPES, ladybug_ddl
from kg.graph import KnowledgeGraph
from kg.records import Edge, Node
from kg.stores.base import (Progress, Store, StoreError, batches, edge_groups, edge_row, evidence_objects,
                            node_row, stored_properties)

DB_FILE = "graph.lbdb"


def open_ladybug(location: str, read_only: bool = False) -> LadybugStore:
    folder = Path(location)
    if read_only and not (folder / DB_FILE).exists():
        raise StoreError(f"no kg database in {folder}: run `kg build PATH...` first, or pass --db")
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"{folder} is not a folder: --db takes the folder that holds the database")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        database = ladybug.Database(str(folder / DB_FILE), read_only=read_only)
    except (OSError, RuntimeError) as exc:
        raise StoreError(f"cannot open the database in {folder}: {exc}") from None
    store = LadybugStore(database)
    if not read_only:
        store.setup()
    return store


class LadybugStore(Store):
    name = "ladybug"

    def __init__(self, database: ladybug.Database, schema=None):
        super().__init__(schema)
        self.database = database
        self.conn = ladybug.Connection(database)

    def setup(self) -> None:
        for statement in ladybug_ddl(self.schema).splitlines():
            if statement and not statement.startswith("//"):
                self.conn.execute(statement)

    def run(self, query: str, params: dict | None = None, write: bool = False) -> tuple[list[str], list[list]]:
        try:
            result = self.conn.execute(query, params or {})
        except RuntimeError as exc:
            message = str(exc).splitlines()[0]
            if "read-only" in message:
                message += " (kg cypher is read-only unless --write)"
            raise StoreError(message) from None
        rows = [[_plain(v) for v in row] for row in result.get_all()]
        return result.get_column_names(), rows

    def fetch(self, ids: set[str], edges: list[Edge], label_of: Callable[[str], str | None]) -> list:
        found, wanted = [], sorted(ids)
        for label, spec in self.schema.nodes.items():
            for row in self.run(f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) RETURN n", {"ids": wanted})[1]:
                n = row[0]
                found.append(Node(label, n["id"], stored_properties(n, spec.properties), evidence_objects(n["evidence"])))
        labels = {n.id: n.label for n in found}
        for (rel_type, a, b), group in edge_groups(edges, lambda i: labels.get(i) or label_of(i)).items():
            if (a, b) not in self.schema.relationships[rel_type].endpoints:
                continue  # the graph reports it; nothing of that shape can be stored
            spec = self.schema.relationships[rel_type]
            query = (f"UNWIND $rows AS r MATCH (a:{a} {{id: r.s}}) MATCH (b:{b} {{id: r.t}}) "
                     f"MATCH (a)-[e:{rel_type}]->(b) RETURN r.s, r.t, e")
            rows = [{"s": e.source, "t": e.target} for e in group]
            for s, t, e in self.run(query, {"rows": rows})[1]:
                found.append(Edge(rel_type, s, t, stored_properties(e, spec.properties), evidence_objects(e["evidence"])))
        return found

    def write(self, graph: KnowledgeGraph, progress: Progress | None = None) -> None:
        self.conn.execute("BEGIN TRANSACTION")
        try:
            for label, spec in self.schema.nodes.items():
                rows = [node_row(n, spec.properties) for n in graph.nodes(label)]
                self._upsert(
                    rows, spec.properties, "n", ["r.id"], f"MATCH (n:{label}) RETURN count(n)",
                    lambda cols: f"COPY {label} FROM (UNWIND $rows AS r RETURN {cols})",
                    lambda sets: f"UNWIND $rows AS r MERGE (n:{label} {{id: r.id}}) SET {sets}", progress)
            for (rel_type, a, b), group in edge_groups(graph.edges(), graph.label_of).items():
                declared = self.schema.relationships[rel_type].properties
                self._upsert(
                    [edge_row(e, declared) for e in group], declared, "e", ["r.s", "r.t"],
                    f"MATCH (:{a})-[e:{rel_type}]->(:{b}) RETURN count(e)",
                    lambda cols: f"COPY {rel_type} FROM (UNWIND $rows AS r RETURN {cols}) (from='{a}', to='{b}')",
                    lambda sets: (f"UNWIND $rows AS r MATCH (a:{a} {{id: r.s}}) MATCH (b:{b} {{id: r.t}}) "
                                  f"MERGE (a)-[e:{rel_type}]->(b) SET {sets}"), progress)
            self.conn.execute("COMMIT")
        except BaseException as exc:
            try:
                self.conn.execute("ROLLBACK")
            except RuntimeError:
                pass  # the failed statement already ended the transaction
            if isinstance(exc, RuntimeError):
                raise StoreError(str(exc).splitlines()[0]) from None
            raise

    def _upsert(self, rows: list[dict], declared: dict, var: str, keys: list[str], count: str,
                copy: Callable[[str], str], merge: Callable[[str], str], progress: Progress | None) -> None:
        """Bulk COPY into an empty table (COPY must never meet a stored key), else batched MERGE.

        A column null in every row is written as a typed NULL: LadybugDB cannot type an all-null column.
        """
        if not rows:
            return
        if self.conn.execute(count).get_next()[0] == 0:
            present = _present(rows, declared)
            cols = keys + [f"CAST({'r.' + p if p in present else 'NULL'} AS {LADYBUG_TYPES[spec.type]})"
                           for p, spec in declared.items()]
            self.conn.execute(copy(", ".join(cols + ["CAST(r.evidence AS STRING[])"])), {"rows": rows})
            _tick(progress, len(rows))
            return
        for batch in batches(rows):
            sets = [f"{var}.{p} = r.{p}" for p in _present(batch, declared)] + [f"{var}.evidence = r.evidence"]
            self.conn.execute(merge(", ".join(sets)), {"rows": batch})
            _tick(progress, len(batch))

    def _search(self, text: str, words: list[str], targets: dict[str, list[str]], limit: int,
                lucene: bool) -> list[tuple]:
        """A word scan: every word must occur in the text, in any case (LadybugDB 0.22's fts extension
        is downloaded on first use, so it is not relied on); scored by how often the words occur."""
        if lucene:
            raise StoreError("the embedded store has no full-text index, so no Lucene syntax: "
                             "drop --lucene to scan for plain words, or use --neo4j")
        hits = []
        for label, props in targets.items():
            for prop in props:
                query = f"MATCH (n:{label}) WHERE all(w IN $words WHERE lower(n.{prop}) CONTAINS w) RETURN n.id, n.{prop}"
                for node_id, value in self.run(query, {"words": words})[1]:
                    found = value.lower()
                    hits.append((label, node_id, prop, sum(found.count(w) for w in words), value))
        order = list(targets)
        hits.sort(key=lambda h: (-h[3], order.index(h[0]), h[1]))
        return hits[:limit]

    def close(self) -> None:
        self.conn.close()
        self.database.close()


def _present(rows: list[dict], declared: dict) -> list[str]:
    return [p for p in declared if any(r[p] is not None for r in rows)]


def _tick(progress: Progress | None, n: int) -> None:
    if progress:
        progress(n)


def _plain(value):
    """Nodes and relationships as dicts of their properties, without LadybugDB's internal keys."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if not k.startswith("_")}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
