"""Files generated from schema/kg.yaml: Neo4j constraints, LadybugDB DDL, SHACL shapes, JSON Schema,
the OWL vocabulary and the JSON-LD context.

    python -m kg.generate [FOLDER]          rewrite the generated files in FOLDER (default ./schema)
    python -m kg.generate --check [FOLDER]  exit 1 if any of them is stale
"""

from __future__ import annotations

import io
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from kg.model import DATE, SEARCH_INDEX, Property, Schema, load_schema, searchable
from kg.rdf.vocab import Vocabulary
from kg.rdf.writers import Iri, Turtle

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


def neo4j_constraints(schema: Schema) -> str:
    lines = [f"// {HEADER}"]
    for label, spec in schema.nodes.items():
        lines.append(f"CREATE CONSTRAINT {snake(label)}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE;")
        for prop in spec.properties.values():
            if prop.index:
                lines.append(f"CREATE INDEX {snake(label)}_{prop.name} IF NOT EXISTS FOR (n:{label}) ON (n.{prop.name});")
    text = searchable(schema)  # one full-text index over every `search: true` property
    if text:
        names = ", ".join(f"n.{p}" for p in dict.fromkeys(p for props in text.values() for p in props))
        lines.append(f"CREATE FULLTEXT INDEX {SEARCH_INDEX} IF NOT EXISTS FOR (n:{'|'.join(text)}) ON EACH [{names}];")
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
    """SHACL shapes for `kg export rdf`: a node shape per label, and shapes of statements and excerpts."""
    vocab = Vocabulary(schema)
    out = [f"# {HEADER}"] + [f"@prefix {p}: <{ns}> ." for p, ns in sorted(vocab.prefixes.items())] + [""]
    identifier = "        sh:path dcterms:identifier ;\n        sh:datatype xsd:string ;\n        sh:minCount 1 ;\n        sh:maxCount 1"
    for label, spec in schema.nodes.items():
        shapes = [identifier] + [_shacl_property(vocab, label, p) for p in spec.properties.values()]
        links = defaultdict(set)
        for rel_type, rel in schema.relationships.items():
            for source, target in rel.endpoints:
                if source == label:
                    links[vocab.relationship_iri(rel_type, source, target)].add(target)
        shapes += [_shacl_link(vocab.curie(iri), sorted(targets)) for iri, targets in links.items()]
        out.append(_node_shape(f"kg:{label}Shape", f"kg:{label}", shapes))
    merged: dict[str, Property] = {}
    for rel in schema.relationships.values():
        for prop in rel.properties.values():
            seen = merged.get(vocab.curie(vocab.property_iri(prop)))
            values = tuple(dict.fromkeys((seen.values if seen else ()) + prop.values)) if prop.values else ()
            merged[vocab.curie(vocab.property_iri(prop))] = Property(prop.name, prop.type, False, values, rdf=prop.rdf)
    ends = [f"        sh:path rdf:{end} ;\n        sh:nodeKind sh:IRI ;\n        sh:minCount 1 ;\n        sh:maxCount 1"
            for end in ("subject", "predicate", "object")]
    out.append(_node_shape("kg:StatementShape", "rdf:Statement",
                           ends + [_shacl_property(vocab, "", p) for p in merged.values()]))
    out.append(_node_shape("kg:ExcerptShape", "oa:SpecificResource", [
        "        sh:path oa:hasSource ;\n        sh:nodeKind sh:IRI ;\n        sh:minCount 1 ;\n        sh:maxCount 1",
        "        sh:path oa:hasSelector ;\n        sh:nodeKind sh:IRI ;\n        sh:minCount 1"]))
    out.append(_node_shape("kg:LinesShape", "oa:FragmentSelector", [
        "        sh:path rdf:value ;\n        sh:datatype xsd:string ;\n        sh:pattern \"^line=[0-9]+,[0-9]+$\" ;\n"
        "        sh:minCount 1 ;\n        sh:maxCount 1"]))
    out.append(_node_shape("kg:QuoteShape", "oa:TextQuoteSelector", [
        "        sh:path oa:exact ;\n        sh:datatype xsd:string ;\n        sh:minCount 1 ;\n        sh:maxCount 1"]))
    return "\n".join(out)


def _node_shape(name: str, target: str, shapes: list[str]) -> str:
    body = ";\n".join(["    a sh:NodeShape", f"    sh:targetClass {target}", "    sh:nodeKind sh:IRI"]
                      + [f"    sh:property [\n{s}\n    ]" for s in shapes])
    return f"{name}\n{body} .\n"


def _shacl_property(vocab: Vocabulary, owner: str, prop: Property) -> str:
    lines = [f"        sh:path {vocab.curie(vocab.property_iri(prop))}"]
    if vocab.is_concept_valued(prop):
        lines.append("        sh:in ( " + " ".join(f"<{vocab.concept_iri(owner, prop, v)}>" for v in prop.values) + " )")
    elif prop.type == "date":
        lines.append("        sh:or ( [ sh:datatype xsd:date ] [ sh:datatype xsd:gYearMonth ] [ sh:datatype xsd:gYear ] )")
    else:
        lines.append(f"        sh:datatype {XSD[prop.type]}")
    if prop.type != "string[]":
        lines.append("        sh:maxCount 1")
    if prop.required:
        lines.append("        sh:minCount 1")
    if prop.values and not vocab.is_concept_valued(prop):
        lines.append("        sh:in ( " + " ".join(json.dumps(v) for v in prop.values) + " )")
    return " ;\n".join(lines)


def _shacl_link(predicate: str, targets: list[str]) -> str:
    if len(targets) == 1:
        kind = f"sh:class kg:{targets[0]}"
    else:
        kind = "sh:or ( " + " ".join(f"[ sh:class kg:{t} ]" for t in targets) + " )"
    return f"        sh:path {predicate} ;\n        sh:nodeKind sh:IRI ;\n        {kind}"


def ontology(schema: Schema) -> str:
    """The project's vocabulary in OWL (schema/kg.owl.ttl): its classes, properties and the concept schemes of closed lists."""
    vocab = Vocabulary(schema)
    v, kg = vocab.iri, schema.base_iri
    a = v("rdf:type")
    text = [(v("rdfs:comment"), (HEADER, None))]
    items: list = [(kg, [(a, Iri(v("owl:Ontology"))), (v("dcterms:title"), (f"{schema.name} vocabulary", None)),
                         (v("owl:versionInfo"), (str(schema.version), None)), *text])]
    for label, spec in schema.nodes.items():
        pairs = [(a, Iri(v("owl:Class"))), (v("rdfs:label"), (label, None)),
                 (v("rdfs:comment"), (spec.description, None)), (v("rdfs:isDefinedBy"), Iri(kg))]
        if spec.rdf:
            pairs.append((v("rdfs:subClassOf"), Iri(v(spec.rdf))))
        items.append((vocab.term(label), pairs))
    domains, ranges, kinds, comments = defaultdict(set), defaultdict(set), {}, {}
    for label, spec in schema.nodes.items():
        for prop in spec.properties.values():
            iri = vocab.property_iri(prop)
            domains[iri].add(vocab.term(label))
            if vocab.is_concept_valued(prop):
                kinds[iri] = "owl:ObjectProperty"
                ranges[iri].add(v("skos:Concept"))
            else:
                kinds[iri] = "owl:DatatypeProperty"
                ranges[iri].add(v(XSD[prop.type]) if prop.type != "date" else v("rdfs:Literal"))
    for rel_type, spec in schema.relationships.items():
        for source, target in spec.endpoints:
            iri = vocab.relationship_iri(rel_type, source, target)
            domains[iri].add(vocab.term(source))
            ranges[iri].add(vocab.term(target))
            kinds[iri] = "owl:ObjectProperty"
            comments[iri] = spec.description
        for prop in spec.properties.values():
            kinds[vocab.property_iri(prop)] = "owl:DatatypeProperty"
            domains[vocab.property_iri(prop)].add(v("rdf:Statement"))
            ranges[vocab.property_iri(prop)].add(v(XSD[prop.type]))
    for iri in sorted(i for i in kinds if i.startswith(kg)):
        pairs = [(a, Iri(v(kinds[iri]))), (v("rdfs:label"), (iri[len(kg):], None)), (v("rdfs:isDefinedBy"), Iri(kg))]
        if iri in comments:
            pairs.append((v("rdfs:comment"), (comments[iri], None)))
        for key, found in (("domain", domains[iri]), ("range", ranges[iri])):
            if len(found) == 1:
                pairs.append((v(f"rdfs:{key}"), Iri(next(iter(found)))))
            else:
                pairs += [(v(f"schema:{key}Includes"), Iri(x)) for x in sorted(found)]
        items.append((iri, pairs))
    for label, spec in schema.nodes.items():
        for prop in spec.properties.values():
            if vocab.is_concept_valued(prop):
                scheme = vocab.scheme_iri(label, prop)
                items.append((scheme, [(a, Iri(v("skos:ConceptScheme"))),
                                       (v("skos:prefLabel"), (f"{label} {prop.name}", None)), (v("rdfs:isDefinedBy"), Iri(kg))]))
                items += [(vocab.concept_iri(label, prop, value), [
                    (a, Iri(v("skos:Concept"))), (v("skos:prefLabel"), (value, None)),
                    (v("skos:topConceptOf"), Iri(scheme)), (v("skos:inScheme"), Iri(scheme))]) for value in prop.values]
    stream = io.StringIO()
    stream.write(f"# {HEADER}\n")
    writer = Turtle(stream, dict(sorted(vocab.prefixes.items())))
    writer.start()
    writer.write([[writer.render(s, pairs) for s, pairs in items]])
    return stream.getvalue()


def jsonld_context(schema: Schema) -> str:
    return json.dumps({"@context": Vocabulary(schema).context()}, indent=2, ensure_ascii=False) + "\n"


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
    "kg.owl.ttl": ontology,
    "context.jsonld": jsonld_context,
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
