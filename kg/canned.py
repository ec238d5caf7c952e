"""Canned queries: one .cypher file each in queries/, with a YAML header in `//` comments.

    // title: Evaluations
    // description: What each evaluation covered.
    // parameters:
    //   country: {type: string, default: "", description: ISO alpha-3 code; empty for all}
    // columns: [evaluation, date]
    MATCH ...

A header may also name `data: [themes]`: queries/themes.yaml is then passed
as `$themes`, so vocabularies stay editable data rather than query text.
Values reach the query only as `$parameters`; `answer` runs a query and sorts
the lists in its rows, which are sets. Every query runs unchanged on
LadybugDB and Neo4j 5, so it keeps to their common Cypher: every column is
named with AS, and an optional parameter defaults to "" (not null).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kg import shipped

PARAM_TYPES = {"string": str, "integer": int, "float": float}
GROUPS = ("alignment", "coverage", "recommendations", "partners", "evidence")
REFERENCE = "docs/queries.md"


class QueryError(ValueError):
    """A canned query that does not exist, or parameters it cannot take."""


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: object = None
    description: str = ""
    choices: tuple = ()

    @property
    def required(self) -> bool:
        return self.default is None

    def convert(self, text: str):
        try:
            value = PARAM_TYPES[self.type](text)
        except ValueError:
            raise QueryError(f"parameter {self.name} takes {'an' if self.type == 'integer' else 'a'} "
                             f"{self.type}, not {text!r}") from None
        if self.choices and value not in self.choices:
            raise QueryError(f"parameter {self.name} takes one of {', '.join(map(str, self.choices))}, not {text!r}")
        return value


@dataclass(frozen=True)
class CannedQuery:
    name: str
    title: str
    description: str
    text: str
    parameters: dict[str, Parameter] = field(default_factory=dict)
    columns: tuple[str, ...] = ()
    group: str = ""
    data: tuple[str, ...] = ()

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
        for name in self.data:
            try:
                values[name] = yaml.safe_load((shipped("queries") / f"{name}.yaml").read_text(encoding="utf-8"))
            except yaml.YAMLError as exc:
                raise QueryError(f"queries/{name}.yaml: not valid YAML ({exc})".replace("\n", " ")) from None
        return values


def answer(query: CannedQuery, store, values: dict, limit: int | None = None) -> tuple[list[str], list[list]]:
    """Run a canned query on a store with bound parameter values: its columns and rows.

    `limit` is passed to the store (every query ends in ORDER BY, so the first rows are
    well defined and the rest are never fetched). A list in a row is a set (countries,
    projects, evaluations): it comes sorted, so that both stores, and every run, give the
    same rows whatever order the engine collected in.
    """
    if limit is None:
        columns, rows = store.run(query.text, values)
    else:
        columns, rows = store.run(f"{query.text.rstrip()}\nLIMIT $row_limit", {**values, "row_limit": limit})
    return columns, [[sorted(v, key=str) if isinstance(v, list) else v for v in row] for row in rows]


def parse_query(name: str, source: str) -> CannedQuery:
    where = f"queries/{name}.cypher"
    header = []
    for line in source.splitlines():
        if not line.startswith("//"):
            break
        header.append(line[3:] if line.startswith("// ") else line[2:])
    try:
        meta = yaml.safe_load("\n".join(header)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        place = f" line {mark.line + 1}" if mark else ""
        raise QueryError(f"{where}{place}: the header is not valid YAML ({getattr(exc, 'problem', exc)})") from None
    missing = [k for k in ("title", "description", "columns") if k not in meta]
    if missing:
        raise QueryError(f"{where}: header lacks {', '.join(missing)}")
    params = {}
    for pname, spec in (meta.get("parameters") or {}).items():
        if spec.get("type", "string") not in PARAM_TYPES:
            raise QueryError(f"{where}: parameter {pname} has unknown type {spec['type']!r}")
        params[pname] = Parameter(pname, spec.get("type", "string"), spec.get("default"), spec.get("description", ""),
                                  tuple(spec.get("choices", ())))
    if not source.rstrip().splitlines()[-1].startswith("ORDER BY"):
        raise QueryError(f"{where}: the query must end in ORDER BY, so that its rows come in a stable order")
    data = tuple(meta.get("data", ()))
    used = set(re.findall(r"\$(\w+)", "\n".join(source.splitlines()[len(header):])))
    if used != set(params) | set(data):
        raise QueryError(f"{where}: the query uses ${', $'.join(sorted(used))} "
                         f"but the header declares {', '.join(sorted(set(params) | set(data))) or 'none'}")
    return CannedQuery(name, meta["title"], meta["description"], source, params, tuple(meta["columns"]),
                       meta.get("group", ""), data)


def catalogue() -> dict[str, CannedQuery]:
    """Every canned query shipped with the package, by name, in group order."""
    folder = shipped("queries")
    queries = [parse_query(f.name[:-7], f.read_text(encoding="utf-8"))
               for f in folder.iterdir() if f.name.endswith(".cypher")]
    for query in queries:
        if query.group not in GROUPS:
            raise QueryError(f"queries/{query.name}.cypher: group must be one of {', '.join(GROUPS)}")
    return {q.name: q for q in sorted(queries, key=lambda q: (GROUPS.index(q.group), q.name))}


def get(name: str) -> CannedQuery:
    queries = catalogue()
    if name not in queries:
        raise QueryError(f"no canned query {name!r}; `kg query --list` shows them")
    return queries[name]


def reference(queries: dict[str, CannedQuery]) -> str:
    """docs/queries.md: every canned query with its parameters and columns, by group."""
    lines = ["# Canned queries", "",
             "Generated from the headers in queries/ by `python -m kg.canned`; do not edit. "
             "Run one with `kg query NAME [-p KEY VALUE]...`; `kg query --list` lists them.", ""]
    for group in GROUPS:
        lines += [f"## {group.capitalize()}", ""]
        for q in (q for q in queries.values() if q.group == group):
            lines += [f"### `{q.name}`: {q.title}", "", " ".join(q.description.split()), ""]
            if q.parameters:
                lines += ["| parameter | type | default | meaning |", "|---|---|---|---|"]
                lines += [f"| `{p.name}` | {p.type} | {'(required)' if p.required else f'`{p.default!r}`'} | "
                          f"{p.description}{' (one of: ' + ', '.join(map(str, p.choices)) + ')' if p.choices else ''} |"
                          for p in q.parameters.values()]
                lines.append("")
            lines += [f"Columns: {', '.join(f'`{c}`' for c in q.columns)}.", ""]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Write docs/queries.md (from a checkout), or with --check exit 1 when it is stale."""
    target = Path(REFERENCE)
    text = reference(catalogue())
    if "--check" in argv:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            print(f"stale: {target} (run python -m kg.canned)")
            return 1
        return 0
    target.parent.mkdir(exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
