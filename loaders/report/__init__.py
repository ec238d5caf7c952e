"""The loader for evaluation reports: one file in, the records it states out.

`parse_report` reads a report into a `Doc` (lines true to the file, cleaned
segments, sections) and runs the readers over it in order, each emitting into
one `Out`:

1. the Document node, always;
2. the evaluations: `summary` for the QUICK FACTS template (with its
   recommendations and lessons), else `evaluations` (a review, or a paper
   with several evaluations, one per part);
3. `organisations` (abbreviation lists, names in the text), `programme`
   (priorities and outcomes), `projects` (named projects, DC symbols,
   contributions to outcomes), `frameworks` (UNDAF and national plans and the
   alignment to them), `findings` (recommendations, Office responses,
   lessons, conventions) for reports that are not summaries;
4. `partners` (PARTNERS_WITH: the partners the report states for its projects,
   and the constituents of a country programme it evaluates), once the
   organisations, projects and programmes are known.

Later readers find what earlier ones emitted through `Out.lookup`. Odd input
never raises: what cannot be read becomes a warning naming the line.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from loaders import Loaded
from loaders.report import (
    evaluations,
    findings,
    frameworks,
    organisations,
    partners,
    programme,
    projects,
    summary,
)
from loaders.report.document import Doc
from loaders.report.out import Out

READERS = (organisations.read, programme.read, projects.read, frameworks.read, findings.read, partners.read)
FORMATS = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html"}


def parse_report(path: Path, text: str, loaded: Loaded) -> None:
    """Append the records read from one report to `loaded`."""
    doc = Doc(path, text)
    out = Out(path, loaded)
    title = doc.title
    props = {"format": FORMATS.get(path.suffix.lower()), "sha256": _sha256(path, text),
             "size_bytes": _size(path, text), "line_count": len(doc.lines), "title": title and title[0]}
    doc_evidence = out.evidence(title[1], title[2], title[0]) if title else out.evidence(1, 1, "")
    out.node("Document", path.name, props, [doc_evidence])
    if not _guarded(summary.read, doc, out, title[0] if title else path.stem, doc_evidence):
        _guarded(evaluations.read, doc, out)
    for reader in READERS:
        _guarded(reader, doc, out)
    if len(out.nodes) == 1:
        out.warn(1, "no recognisable structure (no QUICK FACTS, evaluation, outcomes or recommendations): "
                    "only the Document is recorded")


def _guarded(reader, doc: Doc, out: Out, *args):
    """Run one reader; a reader that breaks on this file costs its part of it, reported, not the file."""
    try:
        return reader(doc, out, *args)
    except Exception as exc:  # noqa: BLE001 - a loader bug must not stop a build of many reports
        out.warn(1, f"{reader.__module__}.{reader.__name__} failed ({type(exc).__name__}: {exc}); "
                    "what it had emitted is kept, the rest of the file still loads")
        return None


def _sha256(path: Path, text: str) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:  # only the text was given: hash its UTF-8 form
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _size(path: Path, text: str) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return len(text.encode("utf-8"))
