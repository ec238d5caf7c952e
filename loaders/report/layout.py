"""Where things are in a report, found cheaply: marker lines, table rows and their cells.

The programme readers look at a few hundred of a report's thousands of lines. `Marks` finds
them: each marker is one regex pass over the whole text (a literal-led pattern runs at memory
speed), its matches turned into line numbers once and shared by every reader that asks. A
marker only proposes lines; the reader still checks each line it is given.

Table rows come in three layouts: tab-separated cells, markdown rows (`| a | b |`) and HTML
cells (`<td>`). A table runs from the line after its caption or header over consecutive rows,
blank lines between rows skipped, to the first line that is not a row.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from loaders.report.document import Doc
from loaders.report.text import Segment, clean

CODE = re.compile(r"[A-Z][A-Z][A-Z] ?[0-9][0-9][0-9]")  # what an outcome code looks like, cheaply
TABLE_SPAN = 60  # the most lines a table may run after its caption
_HTML_CELL = re.compile(r"<t[dh]\b[^<>]*>", re.I)
_MD_RULE = re.compile(r"^[\s|:\-]+$")
_BULLET_MARKS = "-*•▪"  # clean() has removed leading spaces
_BULLET = re.compile(r"^[\s\-*•▪]+")


class Marks:
    """Line numbers of a document's markers, each found by one pass over the text and kept."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self._found: dict[str, list[int]] = {}
        self._segment_lines: list[int] | None = None

    def lines(self, marker: str | re.Pattern) -> list[int]:
        """The numbers (sorted, once each) of the lines where `marker` (a literal or a regex) occurs."""
        key = marker if isinstance(marker, str) else marker.pattern
        if key not in self._found:
            self._found[key] = _lines_of(self.doc.text, marker)
        return self._found[key]

    def any_lines(self, *markers: str | re.Pattern) -> list[int]:
        """The numbers of the lines where any of `markers` occurs."""
        return sorted({n for m in markers for n in self.lines(m)})

    def segments_in(self, first: int, last: int) -> list[Segment]:
        """The segments of lines `first`..`last` (a bisection, not a scan of every segment)."""
        if self._segment_lines is None:
            self._segment_lines = [s.line for s in self.doc.segments]
        lines = self._segment_lines
        return self.doc.segments[bisect_left(lines, first):bisect_right(lines, last)]

    def segments_at(self, numbers: list[int]) -> list[Segment]:
        return [s for n in numbers for s in self.segments_in(n, n)]


def _lines_of(text: str, marker: str | re.Pattern) -> list[int]:
    found, line, last = [], 1, 0
    starts = _literal_starts(text, marker) if isinstance(marker, str) else (m.start() for m in marker.finditer(text))
    for start in starts:
        line += text.count("\n", last, start)
        last = start
        if not found or found[-1] != line:
            found.append(line)
    return found


def _literal_starts(text: str, literal: str):
    at = text.find(literal)
    while at >= 0:
        yield at
        at = text.find(literal, at + len(literal))


def is_row(raw: str) -> bool:
    """Whether a line is a table row (tab-separated, markdown or HTML cells)."""
    return "\t" in raw or raw.lstrip().startswith("|") or ("<" in raw and bool(_HTML_CELL.search(raw)))


def cells(raw: str, limit: int | None = None) -> list[str]:
    """The cleaned cells (the first `limit`) of a line: a table row's cells, else the line as one cell."""
    if "\t" in raw:
        parts = raw.split("\t")
    elif raw.lstrip().startswith("|"):
        if _MD_RULE.match(raw):
            return []
        parts = raw.strip().strip("|").split("|")
    elif "<" in raw and _HTML_CELL.search(raw):
        parts = _HTML_CELL.split(raw)
    else:
        parts = [raw]
    return [_unbullet(clean(p)) for p in parts[:limit]]


def _unbullet(cell: str) -> str:
    return _BULLET.sub("", cell) if cell[:1] in _BULLET_MARKS else cell


def table(lines: list[str], caption: int, limit: int | None = None):
    """Yield the rows (line, cells) of the table after line `caption`."""
    started = False
    for number in range(caption + 1, min(len(lines), caption + TABLE_SPAN) + 1):
        raw = lines[number - 1]
        if not raw.strip():
            if started and number < len(lines) and not is_row(lines[number]):
                return
            continue
        if not is_row(raw):
            return
        row = cells(raw, limit)
        if row:
            started = True
            yield number, row
