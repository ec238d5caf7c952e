"""Streaming RDF writers: N-Triples, Turtle, TriG and JSON-LD, one description at a time.

A writer renders terms in its syntax (`iri`, `cls`, `predicate`, `literal`)
and writes descriptions whose terms are already rendered, so that the
describer renders each node's IRI and each vocabulary term once, not once a
triple. Nothing is held: an export never has the graph as triples (rdflib's
in-memory Graph is many times slower and larger). Every IRI given is already
safe (minted by kg.rdf.vocab), and literals are escaped with JSON's string
escapes, which are also N-Triples, Turtle and TriG escapes.
"""

from __future__ import annotations

import json
import re
from typing import IO, Iterable

FORMATS = {"turtle": ".ttl", "nt": ".nt", "trig": ".trig", "jsonld": ".jsonld"}
# A prefixed name's local part that Turtle takes as it is (PN_LOCAL without escapes).
LOCAL = re.compile(r"^(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2})(?:(?:[A-Za-z0-9_.-]|%[0-9A-Fa-f]{2})*(?:[A-Za-z0-9_-]|%[0-9A-Fa-f]{2}))?$")
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
CHUNK = 1 << 20  # characters written at once

quoted = json.encoder.encode_basestring  # a string literal with JSON's escapes (C, in CPython)

Rendered = tuple[str, list[tuple[str, str]]]  # a subject and its (predicate, object), rendered


class Iri(str):
    """An IRI in object position of an unrendered description (a plain str there is a literal)."""

    __slots__ = ()


class Writer:
    """Renders terms and writes descriptions to `out`; `triples` counts what it wrote."""

    def __init__(self, out: IO[str], prefixes: dict[str, str]):
        self.out = out
        self.prefixes = prefixes
        self.triples = 0
        self.suffixes: dict[str, str] = {}  # datatype IRI -> ^^ and its rendering

    # terms

    def iri(self, iri: str) -> str:
        return f"<{iri}>"

    def full(self, iri: str) -> str:
        """An IRI no prefix shortens (an excerpt's, a statement's), without looking for one."""
        return f"<{iri}>"

    def cls(self, iri: str) -> str:
        """A class as the object of rdf:type."""
        return self.iri(iri)

    def predicate(self, iri: str) -> str:
        return self.iri(iri)

    def literal(self, lexical: str, datatype: str | None = None) -> str:
        if datatype is None:
            return quoted(lexical)
        suffix = self.suffixes.get(datatype)
        if suffix is None:
            suffix = self.suffixes[datatype] = "^^" + self.iri(datatype)
        return quoted(lexical) + suffix

    def render(self, subject: str, pairs: list) -> Rendered:
        """An unrendered description: objects are `Iri`s, or (lexical, datatype) pairs for literals."""
        return self.iri(subject), [
            (self.predicate(p), (self.cls(o) if p == RDF_TYPE else self.iri(o)) if type(o) is Iri else self.literal(*o))
            for p, o in pairs]

    # the document

    def start(self) -> None:
        """Write what comes before the data."""

    def write(self, groups: Iterable[list[Rendered]]) -> None:
        """Write groups of descriptions (each those of one record), a megabyte or so at a time."""
        out, text, chunks, size = self.out, self.text, [], 0
        for group in groups:
            chunk, n = text(group)
            chunks.append(chunk)
            size += len(chunk)
            self.triples += n
            if size > CHUNK:
                out.write("".join(chunks))
                chunks, size = [], 0
        out.write("".join(chunks))

    def text(self, group: list[Rendered]) -> tuple[str, int]:
        """A group of descriptions as text, and how many triples it holds."""
        return "".join([self.block(s, pairs) for s, pairs in group]), sum(len(pairs) for _, pairs in group)

    def block(self, subject: str, pairs: list[tuple[str, str]]) -> str:
        raise NotImplementedError

    def end(self, dataset: list[Rendered]) -> None:
        """Write the dataset's own description (not counted in `triples`) and close the document."""
        for subject, pairs in dataset:
            self.out.write(self.block(subject, pairs))


class NTriples(Writer):
    def text(self, group):
        lines = [f"{s} {p} {o} .\n" for s, pairs in group for p, o in pairs]
        return "".join(lines), len(lines)

    def block(self, subject, pairs):
        return self.text([(subject, pairs)])[0]


class Turtle(Writer):
    """Prefixed names where the local part allows, else <IRI>; one block per description."""

    def __init__(self, out, prefixes):
        super().__init__(out, prefixes)
        if any(ns[-1] not in "/#" for ns in prefixes.values()):
            raise ValueError("every namespace must end in / or #")
        self.namespaces = {ns: prefix for prefix, ns in prefixes.items()}

    def start(self):
        self.out.write("".join(f"@prefix {p}: <{ns}> .\n" for p, ns in self.prefixes.items()) + "\n")

    def iri(self, iri):
        cut = max(iri.rfind("/"), iri.rfind("#")) + 1
        prefix = self.namespaces.get(iri[:cut])
        return f"{prefix}:{iri[cut:]}" if prefix is not None and LOCAL.match(iri[cut:]) else f"<{iri}>"

    def predicate(self, iri):
        return "a" if iri == RDF_TYPE else self.iri(iri)

    def text(self, group):
        parts, triples = [], 0
        for subject, pairs in group:
            triples += len(pairs)
            last = None
            for p, o in pairs:
                if p == last:
                    parts += (" , ", o)
                else:
                    parts += (" ;\n    " if last else f"{subject}\n    ", p, " ", o)
                    last = p
            parts.append(" .\n\n")
        return "".join(parts), triples

    def block(self, subject, pairs):
        return self.text([(subject, pairs)])[0]


class TriG(Turtle):
    """The data in a named graph (the dataset's IRI); its description in the default graph."""

    def __init__(self, out, prefixes, graph: str):
        super().__init__(out, prefixes)
        self.graph = graph

    def start(self):
        super().start()
        self.out.write(f"{self.iri(self.graph)} {{\n\n")

    def end(self, dataset):
        self.out.write("}\n\n")
        super().end(dataset)


class JsonLd(Turtle):
    """A JSON-LD document: the shipped @context, and one node object per description in @graph.

    An IRI renders as a node reference, {"@id": "kgid:LAO101"}, with the
    prefixed names of Turtle as compact IRIs; a subject is its "@id" string.
    """

    def __init__(self, out, prefixes, context: dict):
        super().__init__(out, prefixes)
        self.context = context
        self.first = True

    def start(self):
        self.out.write('{\n"@context": ' + json.dumps(self.context, ensure_ascii=False) + ',\n"@graph": [\n')

    def compact(self, iri: str) -> str:
        name = Turtle.iri(self, iri)
        return quoted(iri if name.startswith("<") else name)

    def iri(self, iri):
        return '{"@id": ' + self.compact(iri) + "}"

    def full(self, iri):
        return '{"@id": ' + quoted(iri) + "}"

    def cls(self, iri):
        return self.compact(iri)

    def predicate(self, iri):
        return '"@type"' if iri == RDF_TYPE else self.compact(iri)

    def literal(self, lexical, datatype=None):
        if datatype is None or datatype == XSD_STRING:
            return quoted(lexical)
        return '{"@value": ' + quoted(lexical) + ', "@type": ' + self.compact(datatype) + "}"

    text = Writer.text  # a node object per description, not Turtle's blocks

    def block(self, subject, pairs):
        values: dict[str, list[str]] = {}
        for p, o in pairs:
            values.setdefault(p, []).append(o)
        fields = "".join([f", {p}: [{', '.join(objects)}]" for p, objects in values.items()])
        text = ("" if self.first else ",\n") + '{"@id": ' + subject[8:-1] + fields + "}"
        self.first = False
        return text

    def end(self, dataset):
        super(Turtle, self).end(dataset)
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
