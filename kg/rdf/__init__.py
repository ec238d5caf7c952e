"""The graph as RDF on standard vocabularies: export (`kg export rdf`) and import (`kg import rdf`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Iterable

from kg.records import Record
from kg.rdf.dataset import created_at, describe_dataset
from kg.rdf.triples import Describer
from kg.rdf.vocab import IriError, Vocabulary
from kg.rdf.writers import FORMATS, writer


@dataclass
class Exported:
    triples: int  # of data, not counting the dataset's description
    nodes: int
    skipped: list[Record]  # relationships whose ends were not among the records


def export(records: Iterable[Record], out: IO[str], fmt: str = "turtle", vocab: Vocabulary | None = None,
           created: str | None = None) -> Exported:
    """Write records (every node before any relationship) to `out` as RDF in `fmt` (see FORMATS)."""
    vocab = vocab or Vocabulary()
    data = {"kgid": vocab.base}  # the prefix of node IRIs
    w = writer(fmt, out, {**vocab.prefixes, **data}, vocab.dataset_iri, {**vocab.context(), **data})
    describer = Describer(vocab, w)
    w.start()
    w.write(describer.describe(records))
    w.end([w.render(s, pairs) for s, pairs in describe_dataset(describer, w.triples, created or created_at())])
    return Exported(w.triples, sum(describer.entities.values()), describer.skipped)


__all__ = ["FORMATS", "Exported", "IriError", "Vocabulary", "export"]
