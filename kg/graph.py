"""The one in-memory graph between loaders and stores.

Records merge by id: a node id names one node across the whole graph, an edge
is one (source, type, target). Evidence accumulates; a property given two
different values keeps the first and the clash is reported, with one exception:
"other", where the schema lists it among a property's values, is the catch-all
a reader gives when it cannot tell, so it yields to a specific value, whichever
comes first (an Organization's kind "other" in one report, "workers" in the
next: "workers"), and no clash is reported. `validate()` then drops edges whose
endpoints are missing or of labels the schema does not allow.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Iterator

import networkx as nx

from kg.model import Schema, load_schema
from kg.records import Edge, Node, Record, RecordError

CATCH_ALL = "other"  # the value of an enumerated property that yields to any other (see the module's docstring)


def origin(record: Record) -> tuple[str, int | None]:
    """The place to name in a message about a record: where it was read, else its first evidence."""
    if record.origin:
        return record.origin
    if record.evidence:
        return record.evidence[0].document, record.evidence[0].line
    return "(unknown)", None


class KnowledgeGraph:
    def __init__(self, schema: Schema | None = None):
        self.schema = schema or load_schema()
        self.g = nx.MultiDiGraph()
        self.warnings: list[str] = []
        self.errors: list[RecordError] = []

    def __len__(self) -> int:
        return self.g.number_of_nodes()

    def add_all(self, records: Iterable[Record]) -> None:
        for record in records:
            self.add(record)

    def add(self, record: Record) -> None:
        if isinstance(record, Node):
            self._add_node(record)
        else:
            self._add_edge(record)

    def _add_node(self, node: Node) -> None:
        if node.id not in self.g:
            self.g.add_node(node.id, label=node.label, properties=dict(node.properties),
                            evidence=set(node.evidence))
            return
        data = self.g.nodes[node.id]
        if data["label"] is None:  # a placeholder an edge made meets its node
            data["label"] = node.label
        if data["label"] != node.label:
            self.errors.append(RecordError(
                *origin(node), "id", f"{node.id!r} is already a {data['label']}, not a {node.label}"))
            return
        self._merge(data, node, f"{node.label} {node.id!r}")

    def _add_edge(self, edge: Edge) -> None:
        if self.g.has_edge(edge.source, edge.target, key=edge.type):
            data = self.g.edges[edge.source, edge.target, edge.type]
            self._merge(data, edge, f"{edge.type} {edge.source!r} -> {edge.target!r}")
            return
        for end in (edge.source, edge.target):
            if end not in self.g:  # placeholder until the node's own record arrives
                self.g.add_node(end, label=None, properties={}, evidence=set())
        self.g.add_edge(edge.source, edge.target, key=edge.type, origin=origin(edge),
                        properties=dict(edge.properties), evidence=set(edge.evidence))

    def _merge(self, data: dict, record: Record, what: str) -> None:
        data["evidence"].update(record.evidence)
        props = data["properties"]
        for key, value in record.properties.items():
            old = props.get(key)
            if old is None:
                props[key] = value
            elif isinstance(old, list) and isinstance(value, list):
                props[key] = old + [v for v in value if v not in old]
            elif old != value and CATCH_ALL in (old, value) and self._catch_all(record, key):
                if old == CATCH_ALL:  # "other" yields to a specific value; a specific value stays
                    props[key] = value
            elif old != value:
                file, line = origin(record)
                place = file if line is None else f"{file}:{line}"
                self.warnings.append(f"{place}: {what}: {key} is {old!r} already; kept it, not {value!r}")

    def _catch_all(self, record: Record, key: str) -> bool:
        """The schema lists CATCH_ALL among the values of the record's property `key`."""
        spec = self.schema.nodes[record.label] if isinstance(record, Node) else self.schema.relationships[record.type]
        prop = spec.properties.get(key)
        return prop is not None and CATCH_ALL in prop.values

    def validate(self) -> None:
        """Drop edges that break the schema and placeholders no record filled, noting each as an error."""
        for source, target, rel_type, data in list(self.g.edges(keys=True, data=True)):
            pair = (self.g.nodes[source]["label"], self.g.nodes[target]["label"])
            spec = self.schema.relationships[rel_type]
            problem = None
            for end, label in zip((source, target), pair):
                if label is None:
                    problem = f"no node with id {end!r}"
                    break
            if problem is None and pair not in spec.endpoints:
                problem = f"{rel_type} cannot join a {pair[0]} to a {pair[1]}"
            if problem:
                self.errors.append(RecordError(*data["origin"], "source/target", problem))
                self.g.remove_edge(source, target, key=rel_type)
        self.g.remove_nodes_from([n for n, d in list(self.g.nodes(data=True)) if d["label"] is None])

    def label_of(self, node_id: str) -> str | None:
        return self.g.nodes[node_id]["label"] if node_id in self.g else None

    def nodes(self, label: str | None = None) -> Iterator[Node]:
        wanted = sorted(n for n, d in self.g.nodes(data=True)
                        if d["label"] is not None and (label is None or d["label"] == label))
        for node_id in wanted:
            data = self.g.nodes[node_id]
            yield Node(data["label"], node_id, dict(data["properties"]), sorted(data["evidence"]))

    def edges(self, rel_type: str | None = None) -> Iterator[Edge]:
        for source, target, key, data in sorted(self.g.edges(keys=True, data=True), key=lambda e: e[:3]):
            if rel_type is None or key == rel_type:
                yield Edge(key, source, target, dict(data["properties"]), sorted(data["evidence"]))

    def counts(self) -> dict[str, int]:
        """Nodes per label and edges per type, in schema order, zeros left out."""
        found = Counter(d["label"] for _, d in self.g.nodes(data=True))
        found.update(k for *_, k in self.g.edges(keys=True))
        return {name: found[name] for name in [*self.schema.nodes, *self.schema.relationships] if found[name]}
