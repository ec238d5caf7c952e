"""RDF in: kg's own exports, and RDF from other tools, as records (`kg import rdf`).

A file is parsed whole (every graph of a TriG or N-Quads file, as one) with
pyoxigraph, which names the line and column of a syntax error, and its triples
are indexed by subject. Then what kg.rdf.triples writes is read back:

- A subject is a node of a label when typed with the label's kg class, or
  with a standard class no other label has (org:Organization); SDGs, their
  targets and countries are known by their IRIs alone. Its id is its
  `dcterms:identifier`, else the id its IRI encodes, else the IRI.
- A property is read from the predicate the label gives it (rdfs:label stands
  in for a missing name, title or text); a relationship from the predicate
  of its type between the two ends' labels; an `rdf:Statement` about such a
  triple gives the relationship's properties and evidence.
- Evidence is each excerpt a fact is `prov:wasDerivedFrom`: a document, an
  RFC 5147 line range and a quote. A record without any is evidenced by the
  file itself, line 1.

The dataset's description, `skos:inScheme` and the direct `prov:wasDerivedFrom`
of a document are the export's own and pass silently; every other triple
that maps to nothing is counted in `Read.skipped`, by what it is.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox

from kg.model import Property
from kg.records import Edge, Evidence, Node, Record, RecordError, validate
from kg.rdf.vocab import Vocabulary

SYNTAXES = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG,
            "nquads": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}
ALIASES = {"ttl": "turtle", "ntriples": "nt", "n-triples": "nt", "nq": "nquads", "n-quads": "nquads",
           "json-ld": "jsonld", "rdfxml": "xml", "rdf/xml": "xml"}
SUFFIXES = {".ttl": "turtle", ".nt": "nt", ".trig": "trig", ".nq": "nquads", ".jsonld": "jsonld",
            ".json": "jsonld", ".rdf": "xml", ".owl": "xml", ".xml": "xml"}
PLACE = re.compile(r"^Parser error at [^:]*: ")  # pyoxigraph's own statement of the place
LINES = re.compile(r"^line=(\d+),(\d+)$")  # RFC 5147: the lines between positions A and B, i.e. A+1..B
INTEGER = re.compile(r"^[+-]?\d+$")
DOUBLE = re.compile(r"^(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?INF|NaN)$")
BOOLEAN = {"true": True, "1": True, "false": False, "0": False}
NAMING = ("name", "title", "text")  # what rdfs:label gives, for a label that has one of them


class RdfSyntaxError(ValueError):
    """A file that does not parse, with the place: "FILE:LINE:COLUMN: message"."""

    def __init__(self, file: str, line: int | None, column: int | None, message: str):
        self.file, self.line, self.column, self.message = file, line, column, message
        place = ":".join(str(x) for x in (file, line, column) if x is not None)
        super().__init__(f"{place}: {message}")


@dataclass
class Read:
    records: list[Record] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)  # what was not mapped (e.g. "triples with foaf:knows") -> count
    errors: list[RecordError] = field(default_factory=list)  # resources of a known class that break the schema


class Lit(NamedTuple):
    """A literal; IRIs are plain str and blank nodes "_:name"."""

    lexical: str
    language: str | None = None


Index = dict[str, dict[str, list]]  # subject -> predicate -> distinct objects


class BadValue(ValueError):
    """A value that cannot be read as its property's type."""


def read_rdf(path: Path, vocab: Vocabulary, fmt: str | None = None) -> Read:
    """The records an RDF file describes, what it holds besides, and its resources that break the schema."""
    return Mapping(str(path), Terms(vocab), parse(path, fmt)).read()


# parsing

def syntax(path: Path, fmt: str | None) -> ox.RdfFormat:
    name = ALIASES.get(fmt, fmt) if fmt else SUFFIXES.get(path.suffix.lower())
    if name not in SYNTAXES:
        given = f"unknown RDF format {fmt!r}" if fmt else f"cannot tell the RDF syntax from the suffix {path.suffix!r}"
        raise RdfSyntaxError(str(path), None, None, f"{given}; give --format: {', '.join(SYNTAXES)}")
    return SYNTAXES[name]


def parse(path: Path, fmt: str | None) -> Index:
    """Every triple of the file, whatever graph it is in, by subject and predicate; all or nothing."""
    rdf_format = syntax(path, fmt)
    index: Index = {}
    names: dict[str, str] = {}  # one str object per IRI, however often it occurs

    def term(t, iri=ox.NamedNode, literal=ox.Literal) -> str | Lit:
        kind = type(t)
        if kind is iri:
            value = t.value
            return names.setdefault(value, value)
        return Lit(t.value, t.language) if kind is literal else "_:" + t.value

    try:
        for s, p, o, _ in ox.parse(path=str(path), format=rdf_format, base_iri=path.resolve().as_uri()):
            index.setdefault(term(s), {}).setdefault(term(p), []).append(term(o))
    except SyntaxError as exc:
        raise RdfSyntaxError(str(path), exc.lineno, exc.offset, PLACE.sub("", exc.msg)) from None
    except OSError as exc:
        raise RdfSyntaxError(str(path), None, None, f"cannot read it: {exc.strerror or exc}") from None
    for predicates in index.values():
        for p, objects in predicates.items():
            if len(objects) > 1:
                predicates[p] = list(dict.fromkeys(objects))
    return index


# the vocabulary, inverted

class Terms:
    """The vocabulary's classes and predicates, looked up the other way: from IRI to label, property or type."""

    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab
        v = vocab.iri
        self.type, self.identifier, self.derived = v("rdf:type"), v("dcterms:identifier"), v("prov:wasDerivedFrom")
        self.statement, self.label = v("rdf:Statement"), v("rdfs:label")
        self.reified = (v("rdf:subject"), v("rdf:predicate"), v("rdf:object"))
        self.source, self.selector, self.value, self.exact = v("oa:hasSource"), v("oa:hasSelector"), v("rdf:value"), \
            v("oa:exact")
        self.datasets, self.partition = {v("void:Dataset"), v("dcat:Dataset")}, v("void:classPartition")
        self.silent = {self.identifier, v("skos:inScheme")}
        self.curies: dict[str, str] = {}
        schema = vocab.schema
        self.own = {classes[0]: label for label, classes in vocab.classes.items()}
        self.standard: dict[str, set[str]] = {}
        for label, classes in vocab.classes.items():
            for iri in classes[1:]:
                self.standard.setdefault(iri, set()).add(label)
        owners = {**schema.nodes, **schema.relationships}
        self.properties = {owner: {vocab.property_iri(p): p for p in spec.properties.values()}
                           for owner, spec in owners.items()}
        self.concepts = {(owner, p.name): {vocab.concept_iri(owner, p, value): value for value in p.values}
                         for owner, spec in owners.items() for p in spec.properties.values()
                         if vocab.is_concept_valued(p)}
        self.naming = {label: min(named, key=lambda p: not p.required) for label, spec in schema.nodes.items()
                       if (named := [spec.properties[n] for n in NAMING if n in spec.properties])}
        self.links: dict[tuple[str, str, str], str] = {}
        self.links_from: dict[tuple[str, str], set[str]] = {}
        for rel_type, spec in schema.relationships.items():
            for a, b in spec.endpoints:
                p = vocab.relationship_iri(rel_type, a, b)
                self.links[p, a, b] = rel_type
                self.links_from.setdefault((p, a), set()).add(rel_type)

    def curie(self, iri: str) -> str:
        if iri not in self.curies:
            self.curies[iri] = self.vocab.curie(iri)
        return self.curies[iri]

    def candidates(self, types: list) -> set[str]:
        """The labels a subject's classes allow: those of its kg classes, else those of its standard ones."""
        own = {self.own[t] for t in types if t in self.own}
        return own or {label for t in types for label in self.standard.get(t, ())}

    def external(self, iri: str) -> tuple[str, str] | None:
        """(label, key) of an SDG, SDG target or country IRI."""
        for label, ext in self.vocab.external.items():
            key = ext.key_of(iri)
            if key is not None:
                return label, key
        return None

    def outside_id(self, iri: str) -> tuple[str | None, str]:
        """The label (when the IRI tells) and the id of a node this file names but does not describe."""
        found = self.external(iri)
        if found:
            return found[0], self.vocab.external[found[0]].id_format.format(found[1])
        return None, self.vocab.node_id(iri) or iri

    def link_type(self, p: str, a: str, b: str | None) -> str | None:
        """The relationship type `p` writes from a node of label `a` to one of `b` (None: any label)."""
        if b is not None:
            return self.links.get((p, a, b))
        types = self.links_from.get((p, a), set())
        return next(iter(types)) if len(types) == 1 else None


# values

def pick(objects: list) -> Lit:
    """The literal to keep of several: untagged first, then English, then the first in order."""
    return min(objects, key=lambda o: (o.language is not None, (o.language or "").split("-")[0] != "en",
                                       o.language or "", o.lexical))


def typed(prop: Property, lexical: str):
    """A literal's text as a value of the property's type; BadValue when it is not one."""
    if prop.type == "integer" and INTEGER.match(lexical):
        return int(lexical)
    if prop.type == "float" and DOUBLE.match(lexical):
        return float(lexical)
    if prop.type == "boolean" and lexical in BOOLEAN:
        return BOOLEAN[lexical]
    if prop.type in ("integer", "float", "boolean"):
        kind = {"integer": "an integer", "float": "a number", "boolean": "true or false"}[prop.type]
        raise BadValue(f"expected {kind}, not {lexical!r}")
    return lexical


def show(term: str) -> str:
    return term if term.startswith("_:") else f"<{term}>"


# the mapping

class Mapping:
    """One file's index turned into records, with what was skipped and what broke the schema."""

    def __init__(self, file: str, terms: Terms, index: Index):
        self.file, self.terms, self.index = file, terms, index
        self.out = Read()
        self.used: set[str] = set()  # subjects all of whose triples were read, or are the export's own
        self.excerpts: dict[str, tuple[Evidence, str] | None] = {}  # excerpt -> (evidence, document IRI)
        self.labels: dict[str, str] = {}
        self.ids: dict[str, str] = {}

    def read(self) -> Read:
        type_ = self.terms.type
        self.labels = {s: label for s, predicates in self.index.items()
                       if (label := self.label_of(s, predicates.get(type_, [])))}
        self.ids = {s: node_id for s, label in self.labels.items() if (node_id := self.node_id(s, label))}
        self.dataset()
        edges: dict[tuple[str, str, str], Edge] = {}
        nodes = [node for s in self.ids if (node := self.node(s, edges))]
        self.statements(edges)
        self.out.records = nodes + [e for (s, _, o), e in edges.items()
                                    if self.valid(e, f"{e.type} {show(s)} -> {show(o)}")]
        self.leftovers()
        return self.out

    def label_of(self, s: str, types: list) -> str | None:
        candidates = self.terms.candidates(types)
        external = self.terms.external(s)
        if external and (not candidates or external[0] in candidates):
            return external[0]
        return next(iter(candidates)) if len(candidates) == 1 else None

    def node_id(self, s: str, label: str) -> str | None:
        given = [o for o in self.index[s].get(self.terms.identifier, []) if isinstance(o, Lit)]
        if given:
            return pick(given).lexical
        if s.startswith("_:"):
            self.error(f"{label} {s}", "id", "a blank node needs a dcterms:identifier to be a node")
            return None
        return self.terms.outside_id(s)[1]

    def dataset(self) -> None:
        """The dataset's description (VoID, DCAT) and its class partitions: the export's own."""
        for s, predicates in self.index.items():
            if any(t in self.terms.datasets for t in predicates.get(self.terms.type, [])):
                self.used.add(s)
                self.used.update(o for o in predicates.get(self.terms.partition, []) if isinstance(o, str))

    def node(self, s: str, edges: dict) -> Node | None:
        """The node subject `s` describes (None when it breaks the schema), and its relationships into `edges`."""
        label, predicates, vocab = self.labels[s], self.index[s], self.terms.vocab
        table = self.terms.properties[label]
        naming = self.terms.naming.get(label)
        if naming and vocab.property_iri(naming) not in predicates:
            table = {**table, self.terms.label: naming}  # rdfs:label names what says nothing else does
        raw, evidence, rest = self.describe(s, table, set(vocab.classes[label]))
        for p, objects in rest.items():
            self.skip(f"triples with {self.curie(p)}", self.link(s, label, p, objects, edges))
        what = f"{label} {show(s)}"
        properties = self.values(label, raw, what)
        if properties is None:
            return None
        ext = vocab.external.get(label)
        key = ext and ext.key != "id" and ext.key not in properties and ext.key_of(s)
        if key:  # an SDG's number, a target's code: from its IRI
            properties[ext.key] = typed(vocab.schema.nodes[label].properties[ext.key], key)
        node = Node(label, self.ids[s], properties, evidence, (self.file, None))
        return node if self.valid(node, what) else None

    def describe(self, s: str, table: dict[str, Property], classes: set[str]):
        """A subject's values by property name, its evidence, and the predicates the table does not read."""
        raw, evidence, rest = {}, [], {}
        for p, objects in self.index[s].items():
            if p == self.terms.type:
                for t in objects:
                    if t not in classes:
                        self.skip(f"triples with rdf:type {self.curie(t)}")
            elif p == self.terms.derived:
                evidence = self.evidence(objects)
            elif p in table:
                raw[table[p].name] = (table[p], p, objects)
            elif p not in self.terms.silent:
                rest[p] = objects
        return raw, evidence, rest

    def values(self, owner: str, raw: dict, what: str) -> dict | None:
        """The values read as their properties' types; None, with an error noted, when one is not of its type."""
        try:
            return {name: self.value(owner, prop, p, objects) for name, (prop, p, objects) in raw.items()}
        except BadValue as exc:
            self.error(what, *exc.args)
            return None

    def value(self, owner: str, prop: Property, p: str, objects: list):
        concepts = self.terms.concepts.get((owner, prop.name), {})
        objects = [Lit(concepts[o]) if o in concepts else o for o in objects]
        iris = [o for o in objects if not isinstance(o, Lit)]
        if iris:
            raise BadValue(f"properties.{prop.name}", f"expected a literal, not {show(iris[0])} ({self.curie(p)})")
        if prop.type == "string[]":
            return sorted({o.lexical for o in objects})
        if len(objects) > 1:
            self.skip(f"triples with {self.curie(p)} besides the value kept", len(objects) - 1)
        try:
            return typed(prop, pick(objects).lexical)
        except BadValue as exc:
            raise BadValue(f"properties.{prop.name}", f"{exc} ({self.curie(p)})") from None

    def link(self, s: str, label: str, p: str, objects: list, edges: dict) -> int:
        """Relationships from node `s` along `p`; how many objects made none."""
        unlinked = 0
        for o in objects:
            target = self.target(o)
            rel_type = target and self.terms.link_type(p, label, target[0])
            if rel_type:
                edges[s, p, o] = Edge(rel_type, self.ids[s], target[1], {}, [], (self.file, None))
            else:
                unlinked += 1
        return unlinked

    def target(self, o) -> tuple[str | None, str] | None:
        """(label or None, id) of a relationship's object: a node here, or an IRI this file does not describe."""
        if o in self.ids:
            return self.labels[o], self.ids[o]
        if isinstance(o, Lit) or o.startswith("_:") or o in self.index:
            return None
        return self.terms.outside_id(o)

    def statements(self, edges: dict) -> None:
        """Properties and evidence of relationships, from the rdf:Statements about their triples."""
        t = self.terms
        for s, predicates in self.index.items():
            if t.statement not in predicates.get(t.type, []):
                continue
            ends = [predicates.get(p, []) for p in t.reified]
            triple = tuple(end[0] for end in ends) if all(len(end) == 1 for end in ends) else None
            edge = edges.get(triple)
            if edge is None:
                continue  # about no relationship read here: counted with the leftovers
            self.used.add(s)
            raw, evidence, rest = self.describe(s, t.properties[edge.type], {t.statement})
            for p, objects in rest.items():
                if p not in t.reified:
                    self.skip(f"triples with {self.curie(p)}", len(objects))
            properties = self.values(edge.type, raw, f"{edge.type} {show(triple[0])} -> {show(triple[2])}")
            if properties is None:
                del edges[triple]
                continue
            edge.properties.update(properties)
            edge.evidence += evidence

    def evidence(self, objects: list) -> list[Evidence]:
        """Evidence from the excerpts a fact is derived from; its other sources but their documents skipped."""
        found = {o: e for o in objects if (e := self.excerpt(o))}
        documents = {document for _, document in found.values()}
        self.skip("triples with prov:wasDerivedFrom", sum(o not in found and o not in documents for o in objects))
        return [evidence for evidence, _ in found.values()]

    def excerpt(self, o) -> tuple[Evidence, str] | None:
        """(evidence, document IRI) of an excerpt; None for anything else."""
        if isinstance(o, Lit) or o not in self.index:
            return None
        if o not in self.excerpts:
            self.excerpts[o] = found = self.read_excerpt(self.index[o])
            if found:
                self.used.add(o)
                self.used.update(self.index[o].get(self.terms.selector, []))
        return self.excerpts[o]

    def read_excerpt(self, predicates: dict) -> tuple[Evidence, str] | None:
        """An oa:SpecificResource of one document with one RFC 5147 line range, and maybe a quote."""
        t = self.terms
        sources = [d for d in predicates.get(t.source, []) if isinstance(d, str) and not d.startswith("_:")]
        selectors = [self.index.get(x, {}) for x in predicates.get(t.selector, []) if isinstance(x, str)]
        ranges = [m for x in selectors for v in x.get(t.value, [])
                  if isinstance(v, Lit) and (m := LINES.match(v.lexical)) and int(m[2]) > int(m[1])]
        quotes = [q for x in selectors for q in x.get(t.exact, []) if isinstance(q, Lit)]
        if len(sources) != 1 or len(ranges) != 1:
            return None
        document = t.vocab.node_id(sources[0]) or sources[0]
        evidence = Evidence(document, int(ranges[0][1]) + 1, int(ranges[0][2]), pick(quotes).lexical if quotes else "")
        return evidence, sources[0]

    def valid(self, record: Record, what: str) -> bool:
        """Check a record against the schema, noting an error; one without evidence gets the file's."""
        if not record.evidence:
            record.evidence = [Evidence(self.file, 1, 1)]
        problem = validate(record, self.terms.vocab.schema)
        if problem:
            self.error(what, *problem)
        return problem is None

    def leftovers(self) -> None:
        """Count the triples of every subject nothing was read from, by its classes."""
        for s, predicates in self.index.items():
            if s in self.labels or s in self.used:
                continue
            types = predicates.get(self.terms.type, [])
            names = ", ".join(sorted(self.curie(t) for t in types))
            if not types:
                what = "untyped resources"
            elif len(self.terms.candidates(types)) > 1:
                what = f"resources typed only {names} (ambiguous)"
            else:
                what = f"resources of class {names}"
            self.skip(f"triples about {what}", sum(len(objects) for objects in predicates.values()))

    def skip(self, what: str, n: int = 1) -> None:
        if n:
            self.out.skipped[what] += n

    def error(self, what: str, field_: str, problem: str) -> None:
        self.out.errors.append(RecordError(self.file, None, field_, f"{what}: {problem}"))

    def curie(self, term) -> str:
        return repr(term.lexical) if isinstance(term, Lit) else self.terms.curie(term)
