"""The schema in RDF terms: namespaces, the IRIs of classes and predicates, and the IRIs of nodes.

Every node is typed with its class in the project's vocabulary (kg:Project)
and with the standard class kg.yaml names (schema:Project). A property or
relationship is written with the predicate kg.yaml names, else with a kg: term.
PART_OF follows SKOS where both ends are concepts: skos:broader between
concepts, skos:topConceptOf from a concept to its scheme (an UNDAF, a plan, a
programme).

Node IRIs are minted from ids under a base (default `<base_iri>id/`): the id
percent-encoded as one path segment, so `RAS/21/50/KOR` is `…/id/RAS%2F21%2F50%2FKOR`
and the IRI decodes back to the id. SDG goals and targets, and countries, take
the external IRIs kg.yaml names (`http://metadata.un.org/sdg/8.7`). Anything
else the export names (a relationship's statement, an evidence excerpt, the
dataset) has a `/` or `#` after the base, which no node IRI has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from hashlib import sha1
from urllib.parse import quote, unquote

from kg.model import Property, Schema, load_schema
from kg.records import Evidence

CONCEPT, SCHEME = "skos:Concept", "skos:ConceptScheme"
XSD_TYPES = {"string": None, "string[]": None, "integer": "xsd:integer", "float": "xsd:double",
             "boolean": "xsd:boolean"}
DATE_TYPES = {4: "xsd:gYear", 7: "xsd:gYearMonth", 10: "xsd:date"}  # by the length of the ISO text
PLAIN = re.compile(r"^[A-Za-z0-9_.~-]+$")  # text that is a path segment as it is
UNSAFE_BASE = re.compile(r'[\s<>"{}|\\^`]')


class IriError(ValueError):
    """A base IRI that cannot prefix node IRIs."""


def camel(name: str, upper: bool = False) -> str:
    """CONTRIBUTES_TO -> contributesTo, start_date -> startDate, (upper) ilo unit -> IloUnit."""
    head, *rest = re.split(r"[_\s]+", name.lower())
    return (head.title() if upper else head) + "".join(part.title() for part in rest)


@lru_cache(maxsize=1 << 20)
def segment(text: str) -> str:
    """`text` as one IRI path segment: everything outside A-Z a-z 0-9 - . _ ~ percent-encoded."""
    if text in (".", ".."):
        return text.replace(".", "%2E")
    return text if PLAIN.match(text) else quote(text, safe="")


def slug(value: str) -> str:
    """A value of a closed list as the last segment of its concept IRI: "UN agency" -> "un-agency"."""
    return segment(re.sub(r"\s+", "-", value.strip().lower()))


@dataclass(frozen=True)
class External:
    """Nodes of one label named by someone else's IRIs (SDGs, countries)."""

    namespace: str
    key: str  # the property (or "id") whose value ends the IRI
    pattern: re.Pattern
    id_format: str

    def iri(self, node_id: str, properties: dict) -> str | None:
        value = node_id if self.key == "id" else properties.get(self.key)
        if value is None or not self.pattern.match(str(value)):
            return None
        return self.namespace + segment(str(value))

    def key_of(self, iri: str) -> str | None:
        """The key an IRI of this namespace ends with, if it has this label's shape."""
        if not iri.startswith(self.namespace):
            return None
        key = unquote(iri[len(self.namespace):])
        return key if self.pattern.match(key) else None


class Vocabulary:
    """The schema's RDF terms, with node IRIs under `base`."""

    def __init__(self, schema: Schema | None = None, base: str | None = None):
        self.schema = schema or load_schema()
        self.kg = self.schema.base_iri
        self.base = base or self.kg + "id/"
        if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", self.base) or UNSAFE_BASE.search(self.base) \
                or self.base[-1] not in "/#":
            raise IriError(f"base IRI {self.base!r} must be an absolute IRI ending in / or #, without spaces or <>\"{{}}|\\^`")
        self.prefixes = {"kg": self.kg, **self.schema.rdf.get("prefixes", {})}
        self.external = {label: External(spec["namespace"], spec["key"], re.compile(spec["pattern"]), spec["id"])
                         for label, spec in self.schema.rdf.get("external", {}).items()}

    def iri(self, curie: str) -> str:
        """The full IRI of a CURIE such as skos:broader."""
        prefix, _, local = curie.partition(":")
        return self.prefixes[prefix] + local

    def term(self, name: str) -> str:
        return self.kg + name

    # classes

    @cached_property
    def classes(self) -> dict[str, list[str]]:
        """Per label, the IRIs of its classes: kg's own first, then the standard one."""
        return {label: [self.term(label)] + ([self.iri(spec.rdf)] if spec.rdf else [])
                for label, spec in self.schema.nodes.items()}

    def is_a(self, label: str, curie: str) -> bool:
        return self.schema.nodes[label].rdf == curie

    # predicates

    def property_iri(self, prop: Property) -> str:
        return self.iri(prop.rdf) if prop.rdf else self.term(camel(prop.name))

    def is_concept_valued(self, prop: Property) -> bool:
        """An enumerated property given a standard predicate is written as a concept (org:classification)."""
        return bool(prop.values and prop.rdf)

    def relationship_iri(self, rel_type: str, source: str, target: str) -> str:
        if rel_type == "PART_OF" and self.is_a(source, CONCEPT):
            if self.is_a(target, CONCEPT):
                return self.iri("skos:broader")
            if self.is_a(target, SCHEME):
                return self.iri("skos:topConceptOf")
        spec = self.schema.relationships[rel_type]
        return self.iri(spec.rdf) if spec.rdf else self.term(camel(rel_type))

    def datatype(self, prop: Property, value) -> str | None:
        """The datatype IRI of a value (None for a plain string)."""
        curie = DATE_TYPES.get(len(value)) if prop.type == "date" else XSD_TYPES[prop.type]
        return self.iri(curie) if curie else None

    # concepts of closed lists (the scheme kg:OrganizationKind)

    def scheme_iri(self, label: str, prop: Property) -> str:
        return self.term(label + camel(prop.name, upper=True))

    def concept_iri(self, label: str, prop: Property, value: str) -> str:
        return f"{self.scheme_iri(label, prop)}/{slug(value)}"

    # IRIs of things

    def node_iri(self, label: str, node_id: str, properties: dict | None = None) -> str:
        external = self.external.get(label)
        found = external and external.iri(node_id, properties or {})
        return found or self.base + segment(node_id)

    def node_id(self, iri: str) -> str | None:
        """The id a node IRI under the base encodes, else None."""
        rest = iri[len(self.base):] if iri.startswith(self.base) else None
        return unquote(rest) if rest and "/" not in rest and "#" not in rest else None

    def document_iri(self, document: str) -> str:
        return self.base + segment(document)

    def statement_iri(self, rel_type: str, source: str, target: str) -> str:
        return f"{self.base}{segment(source)}/{rel_type}/{segment(target)}"

    def excerpt_iri(self, evidence: Evidence) -> str:
        key = "\x1f".join([evidence.document, str(evidence.line), str(evidence.end_line), evidence.quote])
        return f"{self.base}excerpt/{sha1(key.encode('utf-8')).hexdigest()[:20]}"

    @property
    def dataset_iri(self) -> str:
        return self.base

    # JSON-LD

    def curie(self, iri: str) -> str:
        for prefix, ns in sorted(self.prefixes.items(), key=lambda x: -len(x[1])):
            if iri.startswith(ns):
                return f"{prefix}:{iri[len(ns):]}"
        return iri

    def context(self) -> dict:
        """The JSON-LD @context (schema/context.jsonld): prefixes, a term per class and one per predicate.

        A predicate's term is its local name (partOf, prefLabel); values of a
        relationship are IRIs, and a property with one datatype is coerced to it.
        """
        terms: dict[str, dict] = {}

        def add(name: str, iri: str, kind: str | None) -> None:
            entry = terms.setdefault(name, {"@id": self.curie(iri), "types": set()})
            if entry["@id"] != self.curie(iri):
                raise ValueError(f"JSON-LD term {name!r} would name both {entry['@id']} and {iri}")
            entry["types"].add(kind)

        for spec in self.schema.nodes.values():
            for prop in spec.properties.values():
                iri = self.property_iri(prop)
                kind = "@id" if self.is_concept_valued(prop) else "date" if prop.type == "date" else XSD_TYPES[prop.type]
                add(iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1], iri, kind)
        for rel_type, spec in self.schema.relationships.items():
            for source, target in spec.endpoints:
                iri = self.relationship_iri(rel_type, source, target)
                add(iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1], iri, "@id")
        add("inScheme", self.iri("skos:inScheme"), "@id")
        out: dict = dict(sorted(self.prefixes.items()))
        out.update({label: f"kg:{label}" for label in self.schema.nodes})
        for name, entry in sorted(terms.items()):
            (kind,) = entry["types"] if len(entry["types"]) == 1 else (None,)
            out[name] = {"@id": entry["@id"], **({"@type": kind} if kind not in (None, "date") else {})}
        return out
