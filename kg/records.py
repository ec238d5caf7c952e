"""Records: the interchange between loaders, the graph and record files.

A record is a node or an edge with its evidence. Its dict form is one line of
a JSON Lines file:

    {"kind": "node", "label": L, "id": I, "properties": {...}, "evidence": [...]}
    {"kind": "edge", "type": T, "source": I, "target": J, "properties": {...}, "evidence": [...]}
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import IO, Iterable, Union

from kg.model import Schema, load_schema


@dataclass(frozen=True, order=True)
class Evidence:
    """Where a fact was read: a document, a 1-based line span and a short quote."""

    document: str
    line: int
    end_line: int
    quote: str = ""

    def to_dict(self) -> dict:
        return {"document": self.document, "line": self.line, "end_line": self.end_line, "quote": self.quote}


@dataclass
class Node:
    label: str
    id: str
    properties: dict = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    origin: tuple[str, int] | None = field(default=None, compare=False, repr=False)  # where it was read

    def to_dict(self) -> dict:
        return {
            "kind": "node",
            "label": self.label,
            "id": self.id,
            "properties": self.properties,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass
class Edge:
    type: str
    source: str
    target: str
    properties: dict = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    origin: tuple[str, int] | None = field(default=None, compare=False, repr=False)  # where it was read

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.type, self.target)

    def to_dict(self) -> dict:
        return {
            "kind": "edge",
            "type": self.type,
            "source": self.source,
            "target": self.target,
            "properties": self.properties,
            "evidence": [e.to_dict() for e in self.evidence],
        }


Record = Union[Node, Edge]


class RecordError(ValueError):
    """A record that cannot be used, with the place it came from."""

    def __init__(self, file: str, line: int | None, field: str | None, message: str):
        self.file, self.line, self.field, self.message = file, line, field, message
        place = file if line is None else f"{file}:{line}"
        super().__init__(f"{place}: {field}: {message}" if field else f"{place}: {message}")


def evidence_from(items, where: tuple[str, int]) -> list[Evidence]:
    """Evidence objects from dicts; a record without any is evidenced by its own place."""
    file, line = where
    if items is None or items == []:
        return [Evidence(file, line, line)]
    if not isinstance(items, list):
        raise RecordError(file, line, "evidence", "expected a list")
    out = []
    for i, item in enumerate(items):
        name = f"evidence[{i}]"
        if not isinstance(item, dict):
            raise RecordError(file, line, name, "expected an object")
        unknown = set(item) - {"document", "line", "end_line", "quote"}
        if unknown:
            raise RecordError(file, line, f"{name}.{sorted(unknown)[0]}", "unknown field")
        doc, start = item.get("document"), item.get("line")
        end, quote = item.get("end_line", start), item.get("quote", "")
        if not isinstance(doc, str) or not doc:
            raise RecordError(file, line, f"{name}.document", "expected a file name")
        for key, value in (("line", start), ("end_line", end)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise RecordError(file, line, f"{name}.{key}", "expected a line number from 1")
        if end < start:
            raise RecordError(file, line, f"{name}.end_line", "ends before it starts")
        if not isinstance(quote, str):
            raise RecordError(file, line, f"{name}.quote", "expected text")
        out.append(Evidence(doc, start, end, quote))
    return out


def record_from_dict(data, where: tuple[str, int], schema: Schema | None = None) -> Record:
    """Build and validate a record from its dict form; `where` is (file, line) for errors."""
    schema = schema or load_schema()
    file, line = where
    if not isinstance(data, dict):
        raise RecordError(file, line, None, "expected an object")
    kind = data.get("kind")
    if kind == "node":
        fields = {"kind", "label", "id", "properties", "evidence"}
    elif kind == "edge":
        fields = {"kind", "type", "source", "target", "properties", "evidence"}
    else:
        raise RecordError(file, line, "kind", 'expected "node" or "edge"')
    unknown = set(data) - fields
    if unknown:
        raise RecordError(file, line, sorted(unknown)[0], "unknown field")
    props = data.get("properties") or {}
    if not isinstance(props, dict):
        raise RecordError(file, line, "properties", "expected an object")
    evidence = evidence_from(data.get("evidence"), where)
    if kind == "node":
        record = Node(_text(data, "label", where), _text(data, "id", where), dict(props), evidence, where)
    else:
        record = Edge(
            _text(data, "type", where), _text(data, "source", where), _text(data, "target", where),
            dict(props), evidence, where,
        )
    problem = validate(record, schema)
    if problem:
        raise RecordError(file, line, *problem)
    return record


def _text(data: dict, key: str, where: tuple[str, int]) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RecordError(*where, key, "expected non-empty text")
    return value.strip()


def validate(record: Record, schema: Schema | None = None) -> tuple[str, str] | None:
    """Return (field, problem) for the first way the record breaks the schema, else None."""
    schema = schema or load_schema()
    if isinstance(record, Node):
        spec = schema.nodes.get(record.label)
        if spec is None:
            return "label", f"unknown label {record.label!r}"
        declared = spec.properties
    else:
        spec = schema.relationships.get(record.type)
        if spec is None:
            return "type", f"unknown relationship type {record.type!r}"
        declared = spec.properties
    for name, value in record.properties.items():
        prop = declared.get(name)
        if prop is None:
            return f"properties.{name}", "not in the schema for " + (
                record.label if isinstance(record, Node) else record.type)
        if value is None:
            continue
        problem = prop.check(value)
        if problem:
            return f"properties.{name}", problem
    for name, prop in declared.items():
        if prop.required and record.properties.get(name) is None:
            return f"properties.{name}", "required"
    return None


def write_jsonl(records: Iterable[Record], out: IO[str]) -> int:
    """Write records as JSON Lines; return how many were written."""
    n = 0
    for record in records:
        out.write(json.dumps(record.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
        n += 1
    return n
