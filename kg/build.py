"""The pipeline: input files -> loaders -> one merged, validated graph -> a store."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from kg.graph import KnowledgeGraph
from kg.records import Node, Record, RecordError
from kg.stores.base import Progress, Store
from loaders import Loaded, find_inputs, load


@dataclass
class Report:
    """What a run read, and what went wrong where."""

    loaded: list[Loaded]
    graph: KnowledgeGraph

    @property
    def errors(self) -> list[RecordError]:
        return [e for item in self.loaded for e in item.errors] + self.graph.errors

    @property
    def warnings(self) -> list[str]:
        return [w for item in self.loaded for w in item.warnings] + self.graph.warnings

    def completeness(self) -> list[dict]:
        """Per input file: nodes found per label, relationships per type, and its warnings and errors by line."""
        return [completeness(item) for item in self.loaded]


def completeness(loaded: Loaded) -> dict:
    """What one file yielded (distinct ids per label, distinct edges per type) and what it could not read."""
    nodes = {r.id: r.label for r in loaded.records if isinstance(r, Node)}
    edges = {r.key for r in loaded.records if not isinstance(r, Node)}
    prefix = re.compile(re.escape(str(loaded.path)) + r":(?:(\d+):)? ")
    warnings = []
    for text in loaded.warnings:
        m = prefix.match(text)
        warnings.append({"line": int(m.group(1)) if m and m.group(1) else None,
                         "message": text[m.end():] if m else text})
    return {
        "document": str(loaded.path),
        "nodes": dict(sorted(Counter(nodes.values()).items())),
        "relationships": dict(sorted(Counter(t for _, t, _ in edges).items())),
        "warnings": warnings,
        "errors": [{"line": e.line, "field": e.field, "message": e.message} for e in loaded.errors],
    }


def assemble(paths: list[Path], store: Store | None = None,
             on_file: Callable[[Path], None] | None = None) -> Report:
    """Load every input under `paths` into one graph, merged with what `store` already holds of it."""
    loaded = []
    for path in find_inputs(paths):
        loaded.append(load(path))
        if on_file:
            on_file(path)
    return Report(loaded, merge([r for item in loaded for r in item.records], store))


def merge(records: list[Record], store: Store | None = None) -> KnowledgeGraph:
    """One validated graph of `records`, merged with what `store` already holds of the same nodes and edges."""
    graph = KnowledgeGraph()
    if store is not None:
        labels = {r.id: r.label for r in records if isinstance(r, Node)}
        ids = set(labels)
        edges = [r for r in records if not isinstance(r, Node)]
        ids.update(end for e in edges for end in (e.source, e.target))
        graph.add_all(store.fetch(ids, edges, labels.get))
    graph.add_all(records)
    graph.validate()
    return graph


def build(paths: list[Path], store: Store, on_file: Callable[[Path], None] | None = None,
          on_write: Progress | None = None) -> Report:
    """Load `paths` and upsert the result into `store`; running it twice changes nothing."""
    report = assemble(paths, store, on_file)
    store.write(report.graph, on_write)
    return report
