"""Streaming RDF writers: N-Triples, Turtle, TriG and JSON-LD, one description at a time.

They write what kg.rdf.triples describes straight to a text stream, so an
export never holds the graph as triples (rdflib's in-memory Graph is many
times slower and larger). Every IRI they are given is already safe (minted by
kg.rdf.vocab), and literals are escaped with JSON's string escapes, which are
also valid N-Triples, Turtle and TriG escapes.
"""

from __future__ import annotations

import json
import re
from typing import IO, Iterable

from kg.rdf.triples import Description, Iri

FORMATS = {"turtle": ".ttl", "nt": ".nt", "trig": ".trig", "jsonld": ".jsonld"}
# A prefixed name's local part that Turtle takes as it is (PN_LOCAL without escapes).
LOCAL = re.compile(r"^(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2})(?:(?:[A-Za-z0-9_.-]|%[0-9A-Fa-f]{2})*(?:[A-Za-z0-9_-]|%[0-9A-Fa-f]{2}))?$")
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


quoted = json.JSONEncoder(ensure_ascii=False).encode  # a string literal with JSON's escapes


class Writer:
    """Writes descriptions to `out`; `triples` counts what it wrote."""

    def __init__(self, out: IO[str], prefixes: dict[str, str]):
        self.out = out
        self.prefixes = prefixes
        self.triples = 0

    def write(self, descriptions: Iterable[Description]) -> None:
        for subject, pairs in descriptions:
            self.triples += len(pairs)
            self.description(subject, pairs)

    def start(self) -> None:
        """Write what comes before the data."""

    def description(self, subject: str, pairs: list) -> None:
        raise NotImplementedError

    def end(self, dataset: list[Description]) -> None:
        """Write the dataset's own description (not counted in `triples`) and close the document."""
        for subject, pairs in dataset:
            self.description(subject, pairs)


class NTriples(Writer):
    def description(self, subject, pairs):
        s = f"<{subject}> <"
        self.out.write("".join([
            f"{s}{p}> <{o}> .\n" if type(o) is Iri
            else f"{s}{p}> {quoted(o[0])}^^<{o[1]}> .\n" if o[1] else f"{s}{p}> {quoted(o[0])} .\n"
            for p, o in pairs]))


class Turtle(Writer):
    """Prefixed names where the local part allows, else <IRI>; one block per description."""

    def __init__(self, out, prefixes):
        super().__init__(out, prefixes)
        self.namespaces = sorted(((ns, p) for p, ns in prefixes.items()), key=lambda x: -len(x[0]))
        self.names: dict[str, str] = {RDF_TYPE: "a"}

    def start(self):
        self.out.write("".join(f"@prefix {p}: <{ns}> .\n" for p, ns in self.prefixes.items()) + "\n")

    def name(self, iri: str) -> str:
        found = self.names.get(iri)
        if found is None:
            found = f"<{iri}>"
            for ns, prefix in self.namespaces:
                if iri.startswith(ns) and LOCAL.match(iri[len(ns):]):
                    found = f"{prefix}:{iri[len(ns):]}"
                    break
            if len(self.names) < 1_000_000:
                self.names[iri] = found
        return found

    def term(self, o) -> str:
        if type(o) is Iri:
            return self.name(o) if o != RDF_TYPE else f"<{o}>"
        return quoted(o.lexical) + (f"^^{self.name(o.datatype)}" if o.datatype else "")

    def description(self, subject, pairs):
        lines, last = [], None
        for p, o in pairs:
            if p == last:
                lines[-1] += f" , {self.term(o)}"
            else:
                lines.append(f"    {self.name(p)} {self.term(o)}")
                last = p
        self.out.write(self.name(subject) + "\n" + " ;\n".join(lines) + " .\n\n")


class TriG(Turtle):
    """The data in a named graph (the dataset's IRI); its description in the default graph."""

    def __init__(self, out, prefixes, graph: str):
        super().__init__(out, prefixes)
        self.graph = graph

    def start(self):
        super().start()
        self.out.write(f"{self.name(self.graph)} {{\n\n")

    def end(self, dataset):
        self.out.write("}\n\n")
        super().end(dataset)


class JsonLd(Writer):
    """A JSON-LD document: the shipped @context, and one node object per description in @graph."""

    def __init__(self, out, prefixes, context: dict):
        super().__init__(out, prefixes)
        self.context = context
        self.turtle = Turtle(out, prefixes)  # for its prefixed names, which are compact IRIs here too
        self.first = True

    def start(self):
        self.out.write('{\n"@context": ' + json.dumps(self.context, ensure_ascii=False) + ',\n"@graph": [\n')

    def compact(self, iri: str) -> str:
        name = self.turtle.name(iri)
        return iri if name.startswith("<") or name == "a" else name

    def value(self, o):
        if type(o) is Iri:
            return {"@id": self.compact(o)}
        if o.datatype is None or o.datatype == XSD_STRING:
            return o.lexical
        return {"@value": o.lexical, "@type": self.compact(o.datatype)}

    def description(self, subject, pairs):
        node: dict = {"@id": self.compact(subject)}
        for p, o in pairs:
            if p == RDF_TYPE:
                node.setdefault("@type", []).append(self.compact(o))
            else:
                node.setdefault(self.compact(p), []).append(self.value(o))
        self.out.write(("" if self.first else ",\n") + json.dumps(node, ensure_ascii=False))
        self.first = False

    def end(self, dataset):
        super().end(dataset)
        self.out.write("\n]\n}\n")


def writer(fmt: str, out: IO[str], prefixes: dict[str, str], graph: str, context: dict) -> Writer:
    if fmt == "nt":
        return NTriples(out, prefixes)
    if fmt == "turtle":
        return Turtle(out, prefixes)
    if fmt == "trig":
        return TriG(out, prefixes, graph)
    if fmt == "jsonld":
        return JsonLd(out, prefixes, context)
    raise ValueError(f"unknown RDF format {fmt!r}; choose from {', '.join(FORMATS)}")
