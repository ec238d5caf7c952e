"""What every store does, and the row form both stores write.

A row is a record as the stores hold it: its properties flattened beside `id`
(or `s`/`t` for an edge's ends), and `evidence` as a list of JSON strings so
that it fits a plain string-list property in either database.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections import defaultdict
from typing import Callable, Iterable, Iterator

from kg.graph import KnowledgeGraph
from kg.model import Property, Schema, load_schema, searchable
from kg.records import Edge, Evidence, Node, Record

Progress = Callable[[int], None]
BATCH = 2000


class StoreError(RuntimeError):
    """A store cannot be opened, read or written; the message says how to fix it."""


def evidence_strings(evidence: Iterable[Evidence]) -> list[str]:
    return [json.dumps(e.to_dict(), sort_keys=True, ensure_ascii=False) for e in sorted(evidence)]


def evidence_objects(strings: list[str] | None) -> list[Evidence]:
    return [Evidence(**json.loads(s)) for s in strings or []]


def _values(properties: dict, declared: dict[str, Property]) -> dict:
    """Every declared property, null where not given; numbers of a float property as floats."""
    out = {}
    for name, prop in declared.items():
        value = properties.get(name)
        out[name] = float(value) if prop.type == "float" and value is not None else value
    return out


def node_row(node: Node, declared: dict[str, Property]) -> dict:
    return {"id": node.id, **_values(node.properties, declared), "evidence": evidence_strings(node.evidence)}


def edge_row(edge: Edge, declared: dict[str, Property]) -> dict:
    return {"s": edge.source, "t": edge.target, **_values(edge.properties, declared),
            "evidence": evidence_strings(edge.evidence)}


def stored_properties(values: dict, declared) -> dict:
    """The declared, non-null properties of a node or relationship read back from a store."""
    return {p: values[p] for p in declared if values.get(p) is not None}


def batches(rows: list, size: int = BATCH):
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def edge_groups(edges: Iterable[Edge], label_of: Callable[[str], str | None]) -> dict:
    """Edges grouped by (type, source label, target label), the unit both stores write in."""
    groups = defaultdict(list)
    for edge in edges:
        groups[(edge.type, label_of(edge.source), label_of(edge.target))].append(edge)
    return groups


SEARCH_COLUMNS = ["label", "id", "property", "score", "evaluation", "text"]
SNIPPET = 200  # characters of text shown around the first word found


def search_words(text: str) -> list[str]:
    """The words of a search, lower-cased, each once, in order."""
    return list(dict.fromkeys(text.lower().split()))


def snippet(text: str, words: list[str], width: int = SNIPPET) -> str:
    """About `width` characters of `text` around the first of `words` found in it, on one line."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    found = [i for i in (flat.lower().find(w) for w in words) if i >= 0]
    start = max(0, min(found, default=0) - width // 3)
    end = min(len(flat), start + width)
    start = max(0, end - width)
    if start and " " in flat[start:start + 20]:
        start = flat.index(" ", start) + 1  # begin at a word
    return ("…" if start else "") + flat[start:end].strip() + ("…" if end < len(flat) else "")


def evaluation_path(schema: Schema, label: str) -> str | None:
    """A Cypher pattern from (e:Evaluation) to (n) of `label` along the schema's relationships (at most 2 hops)."""
    steps = [(rel, s, t) for rel, spec in schema.relationships.items() for s, t in spec.endpoints]
    for rel, s, t in steps:
        if s == "Evaluation" and t == label:
            return f"(e:Evaluation)-[:{rel}]->(n)"
    for rel, s, t in steps:
        if s == "Evaluation" and t != label:
            for rel2, s2, t2 in steps:
                if s2 == t and t2 == label:
                    return f"(e:Evaluation)-[:{rel}]->(:{t})-[:{rel2}]->(n)"
    return None


class Store(ABC):
    """A graph database holding the kg schema."""

    name: str

    def __init__(self, schema: Schema | None = None):
        self.schema = schema or load_schema()

    @abstractmethod
    def setup(self) -> None:
        """Create the tables, constraints and indexes the schema asks for; safe to repeat."""

    @abstractmethod
    def fetch(self, ids: set[str], edges: list[Edge], label_of: Callable[[str], str | None]) -> list:
        """Stored nodes with these ids, and the stored versions of these edges, as records."""

    @abstractmethod
    def write(self, graph: KnowledgeGraph, progress: Progress | None = None) -> None:
        """Upsert every node and edge of the graph in one transaction."""

    @abstractmethod
    def run(self, query: str, params: dict | None = None, write: bool = False) -> tuple[list[str], list[list]]:
        """Run Cypher with parameters; return column names and rows of plain values."""

    @abstractmethod
    def close(self) -> None:
        """Release the database or driver."""

    def search(self, text: str, limit: int = 20, labels: Iterable[str] = (),
               lucene: bool = False) -> tuple[list[str], list[list]]:
        """The nodes whose `search: true` properties (schema/kg.yaml) match `text`, best first.

        Rows are SEARCH_COLUMNS: label, id, the property matched, a score (higher is better; Neo4j's
        Lucene score, or on the embedded store the number of times the words occur), the evaluation
        that made or identified the node, and a snippet of the text. `lucene` passes `text` to Neo4j
        as a Lucene query; otherwise every word must match.
        """
        words = search_words(text)
        if not words:
            raise StoreError("nothing to search for: give one or more words")
        targets = {label: props for label, props in searchable(self.schema).items() if not labels or label in labels}
        hits = self._search(text, words, targets, limit, lucene)
        rows = []
        for label in targets:
            ids = sorted({h[1] for h in hits if h[0] == label})
            path = evaluation_path(self.schema, label)
            if ids and path:
                query = f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) OPTIONAL MATCH {path} RETURN i, min(e.id)"
                made_by = dict(self.run(query, {"ids": ids})[1])
            else:
                made_by = {}
            rows += [[h[0], h[1], h[2], h[3], made_by.get(h[1]), snippet(h[4] or "", words)]
                     for h in hits if h[0] == label]
        order = {label: i for i, label in enumerate(targets)}
        rows.sort(key=lambda r: (-r[3], order[r[0]], r[1]))
        return list(SEARCH_COLUMNS), rows[:limit]

    @abstractmethod
    def _search(self, text: str, words: list[str], targets: dict[str, list[str]], limit: int,
                lucene: bool) -> list[tuple]:
        """At most `limit` best (label, id, property, score, text) hits among the `targets` properties by label."""

    def records(self) -> Iterator[Record]:
        """Every stored node (by label, then id), then every relationship (by type, then ends)."""
        for label, spec in self.schema.nodes.items():
            for (n,) in self.run(f"MATCH (n:{label}) RETURN n ORDER BY n.id")[1]:
                yield Node(label, n["id"], stored_properties(n, spec.properties), evidence_objects(n.get("evidence")))
        for rel_type, spec in self.schema.relationships.items():
            query = f"MATCH (a)-[e:{rel_type}]->(b) RETURN a.id, b.id, e ORDER BY a.id, b.id"
            for s, t, e in self.run(query)[1]:
                yield Edge(rel_type, s, t, stored_properties(e, spec.properties), evidence_objects(e.get("evidence")))

    def counts(self) -> dict[str, int]:
        """Nodes per label and relationships per type, in schema order."""
        out = {}
        for label in self.schema.nodes:
            out[label] = self.run(f"MATCH (n:{label}) RETURN count(n)")[1][0][0]
        for rel_type in self.schema.relationships:
            out[rel_type] = self.run(f"MATCH ()-[r:{rel_type}]->() RETURN count(r)")[1][0][0]
        return out

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
