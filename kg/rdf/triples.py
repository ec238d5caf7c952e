"""Records as RDF descriptions: what the export writes about each node, relationship and piece of evidence.

A description is a subject with its (predicate, object) pairs, rendered by
the writer as they are made (each node's IRI and each vocabulary term once).
Descriptions stream: a node's come as it is read, so a graph of any size is
written without being held as triples.

- A node: its classes, `dcterms:identifier` (its id), its properties, and
  `prov:wasDerivedFrom` both the documents it was read from and each excerpt.
- A relationship: one triple, plus an `rdf:Statement` naming it (at
  `statement_iri`) that carries its properties and evidence.
- An excerpt (evidence): an `oa:SpecificResource` of its document, with an
  RFC 5147 line-range `oa:FragmentSelector` and an `oa:TextQuoteSelector`.
- Concepts below a framework get `skos:inScheme` for every scheme their
  `skos:broader` chain reaches; these come after the relationships.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Iterable, Iterator

from kg.model import Property
from kg.records import Edge, Evidence, Node, Record
from kg.rdf.vocab import CONCEPT, SCHEME, Vocabulary
from kg.rdf.writers import Rendered, Writer

RFC5147 = "http://tools.ietf.org/rfc/rfc5147"


def lexical(prop: Property, value) -> str:
    """A property value in its XSD lexical form."""
    if prop.type == "boolean":
        return "true" if value else "false"
    if prop.type == "float":
        value = float(value)
        if math.isnan(value):
            return "NaN"
        return ("-INF" if value < 0 else "INF") if math.isinf(value) else repr(value)
    return str(value)


class Describer:
    """Turns records (nodes first, then relationships) into descriptions rendered by `w`, counting what it met."""

    def __init__(self, vocab: Vocabulary, w: Writer):
        self.vocab, self.w = vocab, w
        v = vocab.iri
        self.type, self.identifier, self.derived = w.predicate(v("rdf:type")), w.predicate(v("dcterms:identifier")), \
            w.predicate(v("prov:wasDerivedFrom"))
        self.reified = [w.predicate(v(f"rdf:{end}")) for end in ("subject", "predicate", "object")]
        self.is_statement = (self.type, w.cls(v("rdf:Statement")))
        self.selector, self.source, self.value, self.exact, self.conforms = (
            w.predicate(v(c)) for c in ("oa:hasSelector", "oa:hasSource", "rdf:value", "oa:exact", "dcterms:conformsTo"))
        self.specific, self.fragment, self.text_quote = (
            (self.type, w.cls(v(c))) for c in ("oa:SpecificResource", "oa:FragmentSelector", "oa:TextQuoteSelector"))
        self.rfc5147 = (self.conforms, w.iri(RFC5147))
        self.in_scheme = w.predicate(v("skos:inScheme"))
        self.classes = {label: [(self.type, w.cls(c)) for c in classes] for label, classes in vocab.classes.items()}
        self.nodes: dict[str, tuple[str, str]] = {}  # id -> (label, rendered IRI)
        self.entities: Counter[str] = Counter()
        self.documents: dict[str, str] = {}  # document -> its rendered IRI
        self.excerpts: dict[Evidence, str] = {}  # evidence -> its excerpt's rendered IRI
        self.broader: dict[str, set[str]] = defaultdict(set)  # concept -> broader concepts and schemes (rendered)
        self.schemes_met: set[str] = set()
        self.skipped: list[Record] = []
        self.plans: dict[str, list] = {}
        self.links: dict[tuple[str, str, str], tuple[str, str, bool]] = {}

    def describe(self, records: Iterable[Record]) -> Iterator[list[Rendered]]:
        """The descriptions of each record in turn (a node's or relationship's, and its new excerpts')."""
        for record in records:
            yield self.node(record) if isinstance(record, Node) else self.edge(record)
        yield self.schemes()

    def node(self, node: Node) -> list[Rendered]:
        vocab = self.vocab
        iri = self.w.iri(vocab.node_iri(node.label, node.id, node.properties))
        self.nodes[node.id] = (node.label, iri)
        self.entities[node.label] += 1
        if vocab.is_a(node.label, SCHEME):
            self.schemes_met.add(iri)
        pairs = [*self.classes[node.label], (self.identifier, self.w.literal(node.id))]
        pairs += self.properties(node.label, vocab.schema.nodes[node.label].properties, node.properties)
        new: list[tuple[Evidence, str]] = []
        out = [(iri, pairs + self.provenance(node.evidence, new, own=node.id))]
        self.excerpts_of(new, out)
        return out

    def link(self, rel_type: str, a: str, b: str) -> tuple[str, str, bool]:
        """The rendered predicate of a relationship between two labels, as predicate and as object; skos:broader?"""
        key = (rel_type, a, b)
        found = self.links.get(key)
        if found is None:
            vocab = self.vocab
            iri = vocab.relationship_iri(rel_type, a, b)
            hierarchy = rel_type == "PART_OF" and vocab.is_a(a, CONCEPT) and (vocab.is_a(b, CONCEPT) or vocab.is_a(b, SCHEME))
            found = self.links[key] = (self.w.predicate(iri), self.w.iri(iri), hierarchy)
        return found

    def edge(self, edge: Edge) -> list[Rendered]:
        ends = self.nodes.get(edge.source), self.nodes.get(edge.target)
        if None in ends:
            self.skipped.append(edge)  # a store never holds one; a record stream might
            return []
        (a, s), (b, o) = ends
        p, p_object, hierarchy = self.link(edge.type, a, b)
        out = [(s, [(p, o)])]
        if hierarchy:
            self.broader[s].add(o)
        new: list[tuple[Evidence, str]] = []
        extra = (self.properties(edge.type, self.vocab.schema.relationships[edge.type].properties, edge.properties)
                 + self.provenance(edge.evidence, new))
        if extra:
            statement = self.w.full(self.vocab.statement_iri(edge.type, edge.source, edge.target))
            out.append((statement, [self.is_statement, *zip(self.reified, (s, p_object, o)), *extra]))
            self.excerpts_of(new, out)
        return out

    def plan(self, owner: str, declared: dict[str, Property]) -> list:
        """Per property of a label or relationship type: name, property, rendered predicate, concepts by value."""
        found = self.plans.get(owner)
        if found is None:
            vocab, w = self.vocab, self.w
            found = self.plans[owner] = [
                (name, prop, w.predicate(vocab.property_iri(prop)),
                 {v: w.iri(vocab.concept_iri(owner, prop, v)) for v in prop.values} if vocab.is_concept_valued(prop) else None)
                for name, prop in declared.items()]
        return found

    def properties(self, owner: str, declared: dict[str, Property], values: dict) -> list:
        vocab, literal, pairs = self.vocab, self.w.literal, []
        for name, prop, predicate, concepts in self.plan(owner, declared):
            value = values.get(name)
            if value is None:
                continue
            if concepts is not None:
                pairs.append((predicate, concepts[value]))
            elif prop.type == "string":
                pairs.append((predicate, literal(value)))
            else:
                for item in dict.fromkeys(value) if isinstance(value, list) else [value]:
                    pairs.append((predicate, literal(lexical(prop, item), vocab.datatype(prop, item))))
        return pairs

    def provenance(self, evidence: list[Evidence], new: list[tuple[Evidence, str]], own: str | None = None) -> list:
        """`prov:wasDerivedFrom` each document and excerpt (a document is not derived from itself).

        Evidence met for the first time is added to `new` with its excerpt's IRI, for `excerpts_of`.
        """
        documents, excerpts = {}, []
        for e in evidence:
            if e.document != own:
                documents[e.document] = self.document(e.document)
            iri = self.excerpts.get(e)
            if iri is None:
                raw = self.vocab.excerpt_iri(e)
                iri = self.excerpts[e] = self.w.full(raw)
                new.append((e, raw))
            excerpts.append((self.derived, iri))
        return [(self.derived, documents[d]) for d in sorted(documents)] + excerpts

    def document(self, name: str) -> str:
        iri = self.documents.get(name)
        if iri is None:
            iri = self.documents[name] = self.w.iri(self.vocab.document_iri(name))
        return iri

    def excerpts_of(self, new: list[tuple[Evidence, str]], out: list[Rendered]) -> None:
        """Add to `out` the descriptions of excerpts met for the first time, and of their selectors."""
        w, literal = self.w, self.w.literal
        for e, iri in new:
            lines = w.full(iri + "#lines")
            source = [self.specific, (self.source, self.document(e.document)), (self.selector, lines)]
            out.append((self.excerpts[e], source))
            out.append((lines, [self.fragment, self.rfc5147, (self.value, literal(f"line={e.line - 1},{e.end_line}"))]))
            if e.quote:
                quote = w.full(iri + "#quote")
                source.append((self.selector, quote))
                out.append((quote, [self.text_quote, (self.exact, literal(e.quote))]))

    def schemes(self) -> list[Rendered]:
        """`skos:inScheme` for each concept whose broader chain reaches a scheme."""
        schemes, out = self.schemes_met, []
        for concept in sorted(self.broader):
            seen, frontier, found = {concept}, [concept], set()
            while frontier:
                above = {b for c in frontier for b in self.broader.get(c, ())} - seen
                found |= above & schemes
                seen |= above
                frontier = sorted(above - schemes)
            if found:
                out.append((concept, [(self.in_scheme, s) for s in sorted(found)]))
        return out
