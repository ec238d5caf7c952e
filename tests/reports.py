"""Helpers shared by the report-loader tests: the seeds' names, small documents, records picked by kind."""

from __future__ import annotations

from pathlib import Path

from kg.records import Edge, Node
from loaders import Loaded, load

SEED_000 = "000_af0c1458d30e124d.txt"
SEED_001 = "001_b909acd76d776b73.txt"
SEED_002 = "002_64ae82b684e2656c.txt"
SEED_003 = "003_d2f46f8dd29b6317.txt"
SEED_004 = "004_172475d8b865d165.txt"


def load_doc(tmp_path: Path, text: str, name: str = "doc.md") -> Loaded:
    """What the loader reads from `text` written to a file called `name`."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load(path)


def nodes(loaded: Loaded, label: str) -> dict[str, Node]:
    return {r.id: r for r in loaded.records if isinstance(r, Node) and r.label == label}


def edges(loaded: Loaded, type: str) -> list[Edge]:
    return [r for r in loaded.records if isinstance(r, Edge) and r.type == type]


def links(loaded: Loaded, type: str) -> set[tuple[str, str]]:
    """(source, target) of each `type` edge."""
    return {(e.source, e.target) for e in edges(loaded, type)}
