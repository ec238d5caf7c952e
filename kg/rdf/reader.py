"""RDF in: kg's own exports, and RDF from other tools, as records (being written; see `kg import rdf`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kg.records import Record, RecordError
from kg.rdf.vocab import Vocabulary


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


def read_rdf(path: Path, vocab: Vocabulary, fmt: str | None = None) -> Read:
    raise NotImplementedError
