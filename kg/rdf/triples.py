"""Records as RDF descriptions: what the export writes about each node, relationship and piece of evidence.

A description is a subject IRI with its (predicate IRI, object) pairs; an
object is an `Iri` or a `Literal`. Descriptions stream: a node's come as it is
read, so a graph of any size is written without being held as triples.

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
from typing import Iterable, Iterator, NamedTuple

from kg.model import Property
from kg.records import Edge, Evidence, Node, Record
from kg.rdf.vocab import CONCEPT, SCHEME, Vocabulary

RFC5147 = "http://tools.ietf.org/rfc/rfc5147"


class Iri(str):
    """An IRI in object position (a plain str there is never an IRI)."""

    __slots__ = ()


class Literal(NamedTuple):
    lexical: str
    datatype: str | None = None  # None: a plain string (xsd:string)


Description = tuple[str, list[tuple[str, "Iri | Literal"]]]


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
    """Turns records (nodes first, then relationships) into descriptions, counting what it wrote."""

    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab
        v = vocab.iri
        self.type, self.identifier, self.derived = v("rdf:type"), v("dcterms:identifier"), v("prov:wasDerivedFrom")
        self.statement = [v("rdf:subject"), v("rdf:predicate"), v("rdf:object")]
        self.is_statement = (self.type, Iri(v("rdf:Statement")))
        self.selector, self.source, self.value, self.exact = (
            v("oa:hasSelector"), v("oa:hasSource"), v("rdf:value"), v("oa:exact"))
        self.specific, self.fragment, self.text_quote, self.rfc5147 = (
            Iri(v("oa:SpecificResource")), Iri(v("oa:FragmentSelector")), Iri(v("oa:TextQuoteSelector")), Iri(RFC5147))
        self.conforms = v("dcterms:conformsTo")
        self.nodes: dict[str, tuple[str, str]] = {}  # id -> (label, IRI)
        self.entities: Counter[str] = Counter()
        self.documents: dict[str, Iri] = {}  # document -> its IRI
        self.excerpts: dict[Evidence, Iri] = {}  # evidence -> its excerpt's IRI
        self.broader: dict[str, set[str]] = defaultdict(set)  # concept IRI -> broader concepts and schemes
        self.skipped: list[Record] = []
        self.plans: dict[str, list] = {}

    def describe(self, records: Iterable[Record]) -> Iterator[Description]:
        for record in records:
            if isinstance(record, Node):
                yield from self.node(record)
            else:
                yield from self.edge(record)
        yield from self.schemes()

    def node(self, node: Node) -> Iterator[Description]:
        vocab = self.vocab
        iri = vocab.node_iri(node.label, node.id, node.properties)
        self.nodes[node.id] = (node.label, iri)
        self.entities[node.label] += 1
        pairs = [(self.type, Iri(c)) for c in vocab.classes[node.label]]
        pairs.append((self.identifier, Literal(node.id)))
        pairs += self.properties(node.label, vocab.schema.nodes[node.label].properties, node.properties)
        new: list[Evidence] = []
        yield iri, pairs + self.provenance(node.evidence, new, own=node.id)
        yield from self.excerpts_of(new)

    def edge(self, edge: Edge) -> Iterator[Description]:
        ends = self.nodes.get(edge.source), self.nodes.get(edge.target)
        if None in ends:
            self.skipped.append(edge)  # a store never holds one; a record stream might
            return
        (a, s), (b, o) = ends
        p = self.vocab.relationship_iri(edge.type, a, b)
        yield s, [(p, Iri(o))]
        if edge.type == "PART_OF" and self.vocab.is_a(a, CONCEPT) and (self.vocab.is_a(b, CONCEPT)
                                                                      or self.vocab.is_a(b, SCHEME)):
            self.broader[s].add(o)
        new: list[Evidence] = []
        extra = (self.properties(edge.type, self.vocab.schema.relationships[edge.type].properties, edge.properties)
                 + self.provenance(edge.evidence, new))
        if extra:
            statement = self.vocab.statement_iri(edge.type, edge.source, edge.target)
            yield statement, [self.is_statement, *zip(self.statement, (Iri(s), Iri(p), Iri(o))), *extra]
            yield from self.excerpts_of(new)

    def plan(self, owner: str, declared: dict[str, Property]) -> list:
        """Per property of a label or relationship type: name, property, predicate, concept-valued."""
        found = self.plans.get(owner)
        if found is None:
            vocab = self.vocab
            found = self.plans[owner] = [(name, prop, vocab.property_iri(prop), vocab.is_concept_valued(prop))
                                         for name, prop in declared.items()]
        return found

    def properties(self, owner: str, declared: dict[str, Property], values: dict) -> list:
        vocab, pairs = self.vocab, []
        for name, prop, predicate, concept in self.plan(owner, declared):
            value = values.get(name)
            if value is None:
                continue
            if concept:
                pairs.append((predicate, Iri(vocab.concept_iri(owner, prop, value))))
            elif prop.type == "string":
                pairs.append((predicate, Literal(value)))
            else:
                for item in value if isinstance(value, list) else [value]:
                    pairs.append((predicate, Literal(lexical(prop, item), vocab.datatype(prop, item))))
        return pairs

    def provenance(self, evidence: list[Evidence], new: list[Evidence], own: str | None = None) -> list:
        """`prov:wasDerivedFrom` each document and excerpt (a document is not derived from itself).

        Evidence met for the first time is added to `new`, for `excerpts_of`.
        """
        documents, excerpts = {}, []
        for e in evidence:
            if e.document != own:
                documents[e.document] = self.document(e.document)
            iri = self.excerpts.get(e)
            if iri is None:
                iri = self.excerpts[e] = Iri(self.vocab.excerpt_iri(e))
                new.append(e)
            excerpts.append((self.derived, iri))
        return [(self.derived, documents[d]) for d in sorted(documents)] + excerpts

    def document(self, name: str) -> Iri:
        iri = self.documents.get(name)
        if iri is None:
            iri = self.documents[name] = Iri(self.vocab.document_iri(name))
        return iri

    def excerpts_of(self, evidence: list[Evidence]) -> Iterator[Description]:
        for e in evidence:
            iri = self.excerpts[e]
            lines, quote = Iri(iri + "#lines"), Iri(iri + "#quote")
            yield iri, [(self.type, self.specific), (self.source, self.document(e.document)),
                        (self.selector, lines), *([(self.selector, quote)] if e.quote else [])]
            yield lines, [(self.type, self.fragment), (self.conforms, self.rfc5147),
                          (self.value, Literal(f"line={e.line - 1},{e.end_line}"))]
            if e.quote:
                yield quote, [(self.type, self.text_quote), (self.exact, Literal(e.quote))]

    def schemes(self) -> Iterator[Description]:
        """`skos:inScheme` for each concept whose broader chain reaches a scheme."""
        schemes = {iri for label, iri in self.nodes.values() if self.vocab.is_a(label, SCHEME)}
        in_scheme = self.vocab.iri("skos:inScheme")
        for concept in sorted(self.broader):
            seen, frontier, found = {concept}, [concept], set()
            while frontier:
                above = {b for c in frontier for b in self.broader.get(c, ())} - seen
                found |= above & schemes
                seen |= above
                frontier = sorted(above - schemes)
            if found:
                yield concept, [(in_scheme, Iri(s)) for s in sorted(found)]
