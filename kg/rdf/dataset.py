"""The dataset's own description, in VoID and DCAT: what an export holds, when it was made, from which documents."""

from __future__ import annotations

import os
from datetime import datetime, timezone

from kg.rdf.triples import Describer
from kg.rdf.writers import Iri


def created_at() -> str:
    """Now, or SOURCE_DATE_EPOCH where it is set (reproducible exports), as an xsd:dateTime."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    return when.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def describe_dataset(describer: Describer, triples: int, created: str) -> list[tuple[str, list]]:
    """The dataset and its class partitions, unrendered: objects are `Iri`s or (lexical, datatype)."""
    vocab = describer.vocab
    v = vocab.iri
    dataset = vocab.dataset_iri
    count = v("xsd:integer")
    pairs = [(v("rdf:type"), Iri(v("void:Dataset"))), (v("rdf:type"), Iri(v("dcat:Dataset"))),
             (v("dcterms:title"), (f"{vocab.schema.name}: development programmes, outcomes and evaluations", None)),
             (v("dcterms:created"), (created, v("xsd:dateTime"))),
             (v("void:triples"), (str(triples), count)),
             (v("void:entities"), (str(sum(describer.entities.values())), count)),
             (v("void:uriSpace"), (vocab.base, None)),
             (v("dcterms:conformsTo"), Iri(vocab.kg))]
    pairs += [(v("void:vocabulary"), Iri(ns)) for ns in sorted(set(vocab.prefixes.values()))]
    pairs += [(v("dcterms:source"), Iri(vocab.document_iri(d))) for d in sorted(describer.documents)]
    out = []
    for label, n in describer.entities.items():
        partition = f"{dataset}#{label}"
        pairs.append((v("void:classPartition"), Iri(partition)))
        out.append((partition, [(v("void:class"), Iri(vocab.term(label))), (v("void:entities"), (str(n), count))]))
    return [(dataset, pairs), *out]
