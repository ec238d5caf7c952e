"""The graph schema as Python objects, read from the package's schema/kg.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
import yaml

from kg import shipped

TYPES = ("string", "integer", "float", "boolean", "date", "string[]")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Property:
    name: str
    type: str
    required: bool = False
    values: tuple[str, ...] = ()
    index: bool = False
    rdf: str | None = None  # the predicate it is written with in RDF, as a CURIE
    search: bool = False  # in full-text search (kg search; the Neo4j index kg_text)

    def check(self, value) -> str | None:
        """Return why `value` does not fit this property, or None when it does."""
        kind = self.type
        if kind == "string[]":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                return "expected a list of strings"
            return None
        if kind == "integer" and (isinstance(value, bool) or not isinstance(value, int)):
            return "expected an integer"
        if kind == "float" and (isinstance(value, bool) or not isinstance(value, (int, float))):
            return "expected a number"
        if kind == "boolean" and not isinstance(value, bool):
            return "expected true or false"
        if kind in ("string", "date") and not isinstance(value, str):
            return "expected text"
        if kind == "date" and not DATE.match(value):
            return "expected a date as YYYY, YYYY-MM or YYYY-MM-DD"
        if self.values and value not in self.values:
            return "expected one of " + ", ".join(self.values)
        return None


@dataclass(frozen=True)
class NodeType:
    label: str
    description: str
    properties: dict[str, Property]
    rdf: str | None = None  # a standard class its nodes also have, as a CURIE


@dataclass(frozen=True)
class RelType:
    type: str
    description: str
    endpoints: tuple[tuple[str, str], ...]
    properties: dict[str, Property] = field(default_factory=dict)
    rdf: str | None = None  # the predicate it is written with in RDF, as a CURIE

    @property
    def sources(self) -> list[str]:
        return sorted({s for s, _ in self.endpoints})

    @property
    def targets(self) -> list[str]:
        return sorted({t for _, t in self.endpoints})


@dataclass(frozen=True)
class Schema:
    name: str
    version: int
    base_iri: str
    nodes: dict[str, NodeType]
    relationships: dict[str, RelType]
    rdf: dict = field(default_factory=dict)  # prefixes, and the labels named by external IRIs

    @classmethod
    def from_dict(cls, data: dict) -> Schema:
        return cls(
            name=data["name"],
            version=data["version"],
            base_iri=data["base_iri"],
            nodes={
                label: NodeType(label, spec["description"], _properties(spec), spec.get("rdf"))
                for label, spec in data["nodes"].items()
            },
            relationships={
                rel: RelType(
                    rel,
                    spec["description"],
                    tuple(tuple(pair) for pair in spec["endpoints"]),
                    _properties(spec),
                    spec.get("rdf"),
                )
                for rel, spec in data["relationships"].items()
            },
            rdf=data.get("rdf", {}),
        )


def _properties(spec: dict) -> dict[str, Property]:
    props = {}
    for name, p in (spec.get("properties") or {}).items():
        if p["type"] not in TYPES:
            raise ValueError(f"schema: property {name} has unknown type {p['type']!r}")
        if p.get("search") and p["type"] != "string":
            raise ValueError(f"schema: property {name} has search: true but is not a string")
        props[name] = Property(name, p["type"], p.get("required", False), tuple(p.get("values", ())),
                               p.get("index", False), p.get("rdf"), p.get("search", False))
    return props


SEARCH_INDEX = "kg_text"  # the Neo4j full-text index over every `search: true` property


def searchable(schema: Schema) -> dict[str, list[str]]:
    """The properties marked `search: true`, by label, in schema order."""
    found = {label: [p.name for p in spec.properties.values() if p.search] for label, spec in schema.nodes.items()}
    return {label: names for label, names in found.items() if names}


def schema_text() -> str:
    return shipped("schema").joinpath("kg.yaml").read_text(encoding="utf-8")


@cache
def load_schema() -> Schema:
    """The schema shipped with the package."""
    return Schema.from_dict(yaml.safe_load(schema_text()))
