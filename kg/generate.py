"""Files generated from schema/kg.yaml: Neo4j constraints, LadybugDB DDL, SHACL shapes, JSON Schema.

    python -m kg.generate [FOLDER]          rewrite the generated files in FOLDER (default ./schema)
    python -m kg.generate --check [FOLDER]  exit 1 if any of them is stale
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from kg.model import DATE, Property, Schema, load_schema

HEADER = "generated from schema/kg.yaml by `python -m kg.generate`; do not edit"

LADYBUG_TYPES = {"string": "STRING", "integer": "INT64", "float": "DOUBLE", "boolean": "BOOLEAN",
                 "date": "STRING", "string[]": "STRING[]"}
XSD = {"string": "xsd:string", "integer": "xsd:integer", "float": "xsd:double", "boolean": "xsd:boolean",
       "string[]": "xsd:string"}
JSON_TYPES = {"string": {"type": "string"}, "integer": {"type": "integer"}, "float": {"type": "number"},
              "boolean": {"type": "boolean"}, "date": {"type": "string", "pattern": DATE.pattern},
              "string[]": {"type": "array", "items": {"type": "string"}}}


def snake(name: str) -> str:
    """UNDAFOutcome -> undaf_outcome, GoodPractice -> good_practice."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()


def camel(rel_type: str) -> str:
    head, *rest = rel_type.lower().split("_")
    return head + "".join(part.title() for part in rest)


def neo4j_constraints(schema: Schema) -> str:
    lines = [f"// {HEADER}"]
    for label, spec in schema.nodes.items():
        lines.append(f"CREATE CONSTRAINT {snake(label)}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE;")
        for prop in spec.properties.values():
            if prop.index:
                lines.append(f"CREATE INDEX {snake(label)}_{prop.name} IF NOT EXISTS FOR (n:{label}) ON (n.{prop.name});")
    return "\n".join(lines) + "\n"


def ladybug_ddl(schema: Schema) -> str:
    lines = [f"// {HEADER}"]
    for label, spec in schema.nodes.items():
        cols = ["id STRING PRIMARY KEY"] + _columns(spec.properties)
        lines.append(f"CREATE NODE TABLE IF NOT EXISTS {label}({', '.join(cols)});")
    for rel_type, spec in schema.relationships.items():
        ends = [f"FROM {s} TO {t}" for s, t in spec.endpoints]
        lines.append(f"CREATE REL TABLE IF NOT EXISTS {rel_type}({', '.join(ends + _columns(spec.properties))});")
    return "\n".join(lines) + "\n"


def _columns(properties: dict[str, Property]) -> list[str]:
    return [f"{p.name} {LADYBUG_TYPES[p.type]}" for p in properties.values()] + ["evidence STRING[]"]


def shacl_shapes(schema: Schema) -> str:
    out = [f"# {HEADER}",
           f"@prefix kg: <{schema.base_iri}> .",
           "@prefix sh: <http://www.w3.org/ns/shacl#> .",
           "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .", ""]
    for label, spec in schema.nodes.items():
        shapes = [_shacl_property(p) for p in spec.properties.values()]
        for rel_type, rel in schema.relationships.items():
            targets = sorted({t for s, t in rel.endpoints if s == label})
            if targets:
                shapes.append(_shacl_link(rel_type, targets))
        body = ";\n".join(["    a sh:NodeShape", f"    sh:targetClass kg:{label}", "    sh:nodeKind sh:IRI"]
                          + [f"    sh:property [\n{s}\n    ]" for s in shapes])
        out.append(f"kg:{label}Shape\n{body} .\n")
    return "\n".join(out)


def _shacl_property(prop: Property) -> str:
    lines = [f"        sh:path kg:{prop.name}"]
    if prop.type == "date":
        lines.append("        sh:or ( [ sh:datatype xsd:date ] [ sh:datatype xsd:gYearMonth ] [ sh:datatype xsd:gYear ] )")
    else:
        lines.append(f"        sh:datatype {XSD[prop.type]}")
    if prop.type != "string[]":
        lines.append("        sh:maxCount 1")
    if prop.required:
        lines.append("        sh:minCount 1")
    if prop.values:
        lines.append("        sh:in ( " + " ".join(json.dumps(v) for v in prop.values) + " )")
    return " ;\n".join(lines)


def _shacl_link(rel_type: str, targets: list[str]) -> str:
    if len(targets) == 1:
        kind = f"sh:class kg:{targets[0]}"
    else:
        kind = "sh:or ( " + " ".join(f"[ sh:class kg:{t} ]" for t in targets) + " )"
    return f"        sh:path kg:{camel(rel_type)} ;\n        {kind}"


def json_schema(schema: Schema) -> str:
    evidence = {
        "type": "object", "additionalProperties": False, "required": ["document", "line"],
        "properties": {"document": {"type": "string", "minLength": 1}, "line": {"type": "integer", "minimum": 1},
                       "end_line": {"type": "integer", "minimum": 1}, "quote": {"type": "string"}},
    }

    def props(properties: dict[str, Property]) -> dict:
        return {
            "type": "object", "additionalProperties": False,
            "required": [p.name for p in properties.values() if p.required],
            "properties": {p.name: _json_property(p) for p in properties.values()},
        }

    def record(kind: str, keys: list[str], discriminator: str, specs: dict) -> dict:
        return {
            "type": "object", "additionalProperties": False, "required": ["kind", *keys],
            "properties": {"kind": {"const": kind},
                           **{k: {"type": "string", "minLength": 1} for k in keys},
                           discriminator: {"enum": list(specs)},
                           "properties": {"type": "object"},
                           "evidence": {"type": "array", "items": {"$ref": "#/$defs/evidence"}}},
            "allOf": [{"if": {"properties": {discriminator: {"const": name}}},
                       "then": {"properties": {"properties": props(spec.properties)}}}
                      for name, spec in specs.items()],
        }

    doc = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema.base_iri + "records.schema.json",
        "title": "kg record (one line of a JSON Lines file)",
        "description": HEADER,
        "oneOf": [{"$ref": "#/$defs/node"}, {"$ref": "#/$defs/edge"}],
        "$defs": {
            "evidence": evidence,
            "node": record("node", ["label", "id"], "label", schema.nodes),
            "edge": record("edge", ["type", "source", "target"], "type", schema.relationships),
        },
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _json_property(prop: Property) -> dict:
    out = dict(JSON_TYPES[prop.type])
    if prop.values:
        out["enum"] = list(prop.values)
    return {"anyOf": [out, {"type": "null"}]}


GENERATED = {
    "neo4j.cypher": neo4j_constraints,
    "ladybug.cypher": ladybug_ddl,
    "shapes.ttl": shacl_shapes,
    "records.schema.json": json_schema,
}


def stale(folder: Path, schema: Schema | None = None) -> list[str]:
    """Names of generated files in `folder` that differ from what the schema yields."""
    schema = schema or load_schema()
    return [name for name, make in GENERATED.items()
            if not (folder / name).exists() or (folder / name).read_text(encoding="utf-8") != make(schema)]


def main(argv: list[str]) -> int:
    """Run from a checkout: the schema read is the installed one, the folder written is the given one."""
    folders = [a for a in argv if a != "--check"]
    folder = Path(folders[0] if folders else "schema")
    if "--check" in argv:
        names = stale(folder)
        for name in names:
            print(f"stale: {folder / name} (run python -m kg.generate)")
        return 1 if names else 0
    schema = load_schema()
    for name, make in GENERATED.items():
        (folder / name).write_text(make(schema), encoding="utf-8")
        print(f"wrote {folder / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
