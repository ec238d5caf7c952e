"""What the readers of one report emit into, and what they share.

`Out` keeps the records valid and de-duplicated for the file, and holds what
later readers need from earlier ones: the evaluations and the line spans they
govern, and an index of names (acronyms, full names, codes, aliases) to node
ids, so that "MoLSW" in a table finds the organisation the abbreviation list
introduced as MOLSW.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from kg.records import Edge, Evidence, Node, RecordError, validate
from loaders import Loaded
from loaders.report.ids import name_key
from loaders.report.text import quote


@dataclass(frozen=True)
class Span:
    """An evaluation and the lines of the file that report it."""

    id: str
    line: int
    end_line: int


class Out:
    """Collects valid, de-duplicated records and warnings for one file."""

    def __init__(self, path: Path, loaded: Loaded):
        self.path, self.name, self.loaded = path, path.name, loaded
        self.nodes: dict[str, Node] = {}
        self.edges: dict[tuple[str, str, str], Edge] = {}
        self.evaluations: list[Span] = []
        self.country: str | None = None  # ISO alpha-3 of the one country the report is about
        self.summary = False  # the report is an evaluation summary (QUICK FACTS template)
        self._names: dict[tuple[str, str], str] = {}  # (label, name key) -> id

    def evidence(self, line: int, end_line: int, text: str) -> Evidence:
        return Evidence(self.name, line, max(line, end_line), quote(text))

    def label(self, id: str) -> str | None:
        """The label of the node with this id in this file's output, or None."""
        node = self.nodes.get(id)
        return node.label if node else None

    def node(self, label: str, id: str, properties: dict, evidence: list[Evidence]) -> bool:
        """Emit a node; a repeat adds its evidence and any property not yet given. True when it is in the output."""
        old = self.nodes.get(id)
        if old is not None:
            if old.label != label:
                self.warn(evidence[0].line, f"{label} {id!r} skipped: the id is already a {old.label}")
                return False
            self._merge(old, _present(properties), evidence)
            return True
        node = Node(label, id, _present(properties), list(evidence))
        if not self._add(node, evidence[0].line):
            return False
        self.nodes[id] = node
        return True

    def edge(self, type: str, source: str, target: str, evidence: list[Evidence],
             properties: dict | None = None) -> bool:
        """Emit an edge between two nodes of this file; a repeat adds its evidence. True when it is in the output."""
        if source not in self.nodes or target not in self.nodes:
            return False
        key = (source, type, target)
        if key in self.edges:
            self._merge(self.edges[key], _present(properties or {}), evidence)
            return True
        edge = Edge(type, source, target, _present(properties or {}), list(evidence))
        if not self._add(edge, evidence[0].line):
            return False
        self.edges[key] = edge
        return True

    def warn(self, line: int, message: str) -> None:
        self.loaded.warnings.append(f"{self.path}:{line}: {message}")

    def register(self, label: str, id: str, *names: str | None) -> None:
        """Let `lookup(label, n)` find `id` for each of `names` (the first id given a name keeps it)."""
        for n in names:
            if n and (key := name_key(n)):
                self._names.setdefault((label, key), id)

    def lookup(self, label: str, name: str) -> str | None:
        """The id of the `label` node known by `name` in this file, or None."""
        return self._names.get((label, name_key(name)))

    def evaluation_at(self, line: int) -> str | None:
        """The evaluation whose span holds `line` (the innermost), else the file's only evaluation."""
        holding = [s for s in self.evaluations if s.line <= line <= s.end_line]
        if holding:
            return min(holding, key=lambda s: s.end_line - s.line).id
        return self.evaluations[0].id if len(self.evaluations) == 1 else None

    def _merge(self, record: Node | Edge, properties: dict, evidence: list[Evidence]) -> None:
        """Add evidence, and properties not yet given (lists such as aliases take new items); a given value stays.

        The merged properties are validated as a new record would be: if they break the schema, only the
        evidence is added and the problem is reported.
        """
        record.evidence.extend(e for e in evidence if e not in record.evidence)
        merged = dict(record.properties)
        for key, value in properties.items():
            old = merged.setdefault(key, value)
            if isinstance(old, list) and isinstance(value, list) and old is not value:
                merged[key] = old + [v for v in value if v not in old]
        if merged == record.properties:
            return
        problem = validate(replace(record, properties=merged))
        if problem:
            self.loaded.errors.append(RecordError(str(self.path), evidence[0].line, *problem))
        else:
            record.properties = merged

    def _add(self, record: Node | Edge, line: int) -> bool:
        problem = validate(record)
        if problem:
            self.loaded.errors.append(RecordError(str(self.path), line, *problem))
            return False
        self.loaded.records.append(record)
        return True



def _present(props: dict) -> dict:
    return {k: v for k, v in props.items() if v is not None and v != [] and v != ""}
