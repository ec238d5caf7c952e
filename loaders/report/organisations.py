"""Reader: organisations (being written)."""

from __future__ import annotations

from loaders.report.document import Doc
from loaders.report.out import Out


def read(doc: Doc, out: Out) -> None:
    """Emit what `doc` states into `out`."""
