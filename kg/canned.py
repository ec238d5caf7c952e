"""Canned queries: one .cypher file each in queries/, with a YAML header in `//` comments.

    // title: Evaluations
    // description: What each evaluation covered.
    // parameters:
    //   country: {type: string, default: "", description: ISO alpha-3 code; empty for all}
    // columns: [evaluation, date]
    MATCH ...

Values reach the query only as `$parameters`. Every query runs unchanged on
LadybugDB and Neo4j 5, so it keeps to their common Cypher: every column is
named with AS, and an optional parameter defaults to "" (not null).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from kg import shipped

PARAM_TYPES = {"string": str, "integer": int, "float": float}


class QueryError(ValueError):
    """A canned query that does not exist, or parameters it cannot take."""


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: object = None
    description: str = ""

    @property
    def required(self) -> bool:
        return self.default is None

    def convert(self, text: str):
        try:
            return PARAM_TYPES[self.type](text)
        except ValueError:
            raise QueryError(f"parameter {self.name} takes {'an' if self.type == 'integer' else 'a'} "
                             f"{self.type}, not {text!r}") from None


@dataclass(frozen=True)
class CannedQuery:
    name: str
    title: str
    description: str
    text: str
    parameters: dict[str, Parameter] = field(default_factory=dict)
    columns: tuple[str, ...] = ()

    def bind(self, given: dict[str, str]) -> dict:
        """Parameter values from text, converted and checked, defaults filled in."""
        unknown = sorted(set(given) - set(self.parameters))
        if unknown:
            known = ", ".join(self.parameters) or "none"
            raise QueryError(f"query {self.name} has no parameter {unknown[0]!r} (it takes: {known})")
        values = {}
        for name, param in self.parameters.items():
            if name in given:
                values[name] = param.convert(given[name])
            elif param.required:
                raise QueryError(f"query {self.name} needs -p {name} VALUE ({param.description})")
            else:
                values[name] = param.default
        return values


def parse_query(name: str, source: str) -> CannedQuery:
    header = []
    for line in source.splitlines():
        if not line.startswith("//"):
            break
        header.append(line[3:] if line.startswith("// ") else line[2:])
    meta = yaml.safe_load("\n".join(header)) or {}
    missing = [k for k in ("title", "description", "columns") if k not in meta]
    if missing:
        raise QueryError(f"queries/{name}.cypher: header lacks {', '.join(missing)}")
    params = {}
    for pname, spec in (meta.get("parameters") or {}).items():
        if spec.get("type", "string") not in PARAM_TYPES:
            raise QueryError(f"queries/{name}.cypher: parameter {pname} has unknown type {spec['type']!r}")
        params[pname] = Parameter(pname, spec.get("type", "string"), spec.get("default"), spec.get("description", ""))
    return CannedQuery(name, meta["title"], meta["description"], source, params, tuple(meta["columns"]))


def catalogue() -> dict[str, CannedQuery]:
    """Every canned query shipped with the package, by name."""
    folder = shipped("queries")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".cypher")), key=lambda f: f.name)
    return {f.name[:-7]: parse_query(f.name[:-7], f.read_text(encoding="utf-8")) for f in files}


def get(name: str) -> CannedQuery:
    queries = catalogue()
    if name not in queries:
        raise QueryError(f"no canned query {name!r}; `kg query --list` shows them")
    return queries[name]
