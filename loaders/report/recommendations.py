"""Numbered recommendations, with lettered sub-items belonging to the number before them.

Accepted forms: "1. **Heading** text", "1) text", "Recommendation 1: text",
each possibly inside an HTML `<p>` or `<li>`; sub-items "a) text" or "(a) text".
A piece without a marker continues the recommendation before it, so text cut
by a page break (or a table cell) is joined back. Numbers must rise: a number
that does not is read as text of the recommendation before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.report.text import Gathered, Segment, bold_lead, clean, with_text

_NUMBERED = re.compile(
    r"^(?:recommendation\s*(?:no\.?\s*|n°\s*|#\s*)?(?P<a>\d{1,2})(?!\d)\s*[:.)\-–—]?"
    r"|(?P<b>\d{1,2})\s*[.)](?=\s|$))\s*",
    re.I,
)
_LETTERED = re.compile(r"^(?:\((?P<a>[a-z])\)|(?P<b>[a-z])\))(?=\s|$)\s*")


@dataclass
class Recommendation(Gathered):
    number: str  # "4", or "4a" for a sub-item
    parent: str | None  # "4" for "4a"
    heading: str | None  # the bold lead text, when there is one
    line: int
    end_line: int
    parts: list[str] = field(default_factory=list)


def parse(segments: list[Segment]) -> tuple[list[Recommendation], list[tuple[int, str]]]:
    """Recommendations from the segments of a recommendations section, and (line, message) warnings."""
    found: list[Recommendation] = []
    warnings: list[tuple[int, str]] = []
    top: int | None = None
    letters: set[str] = set()
    current: Recommendation | None = None
    for seg in segments:
        if seg.label:
            continue
        m = _NUMBERED.match(seg.text)
        if m:
            number = int(m.group("a") or m.group("b"))
            if top is None or number > top:
                if number != (top or 0) + 1:
                    warnings.append((seg.line, f"recommendation {number} follows {top or 'none'}: numbers skipped"))
                top, letters = number, set()
                current = _start(seg, str(number), None, m.end())
                found.append(current)
                continue
            warnings.append((seg.line, f"recommendation number {number} after {top}: read as text of the one before"))
        elif top is not None and (m := _LETTERED.match(seg.text)):
            letter = m.group("a") or m.group("b")
            if letter not in letters:
                letters.add(letter)
                current = _start(seg, f"{top}{letter}", str(top), m.end())
                found.append(current)
                continue
            warnings.append((seg.line, f"sub-item {letter}) repeated under recommendation {top}: read as text"))
        if current is not None:
            current.extend(seg)
    return with_text(found, warnings, lambda rec: f"recommendation {rec.number}"), warnings


def _start(seg: Segment, number: str, parent: str | None, marker_end: int) -> Recommendation:
    body = seg.text[marker_end:].strip()
    heading = bold_lead(seg.raw)
    if heading:
        heading = _LETTERED.sub("", _NUMBERED.sub("", heading)).strip()
    if not heading or not body.startswith(heading):
        heading = None
    return Recommendation(number, parent, heading, seg.line, seg.line, [body] if body else [])


# --- recommendations spread through a report -----------------------------------

MARKER = re.compile(
    r"^(?i:recommendation)\s*(?:(?i:no)\.?\s*|n°\s*|#\s*)?(?P<number>\d{1,2})(?P<letter>[a-z])?(?![\d)/\w])"
    r"(?:\s*[:.\-–—]\s*|\s+(?=[A-Z\"“‘'(])|\s*$)(?P<text>.*)$"
)
UNNUMBERED = re.compile(r"^(?i:recommendation)\s*:\s*(?P<text>\S.*)$")
RESPONSE = re.compile(r"^(?:the\s+)?(?:ilo\s+)?(?:office|management)(?:'s|’s)?\s+responses?\b", re.I)
_PARAGRAPH_NUMBER = re.compile(r"^\d{1,3}\.\s+")
_FIELD_LABEL = re.compile(r"^(?P<label>[A-Za-z][A-Za-z ()/]{2,40}?)\s*:\s*(?P<value>\S.*)$")
_COLUMNS = (
    ("responsible", re.compile(r"responsib|addressed|lead unit|^units?$", re.I)),
    ("priority", re.compile(r"priority|urgency", re.I)),
    ("time_implication", re.compile(r"\btime|timing|deadline", re.I)),
    ("resource_implication", re.compile(r"resource|cost", re.I)),
)
_HEADER_HINTS = ("responsib", "priority", "addressed")  # looked for in the lower-cased row
HEADER_CELL_MAX = 40  # a column label is short
_SENTENCE_END = re.compile(r"[.!?:;…\"”’)]\s*$")


@dataclass(frozen=True)
class Field:
    """A value given with a recommendation (responsible unit, priority, ...) and its lines."""

    value: str
    line: int
    end_line: int


@dataclass(frozen=True)
class Table:
    """An implication table ("Responsible unit | Priority | ..."): its values by field key and its lines."""

    values: dict[str, Field]
    line: int
    end_line: int


@dataclass
class Occurrence(Recommendation):
    """One printing of a recommendation (or of the response to one) somewhere in a report."""

    response: bool = False  # the Office's response to recommendation `number`, not the recommendation
    open: bool = False  # printed as a heading: the paragraphs after it are its text
    fields: dict[str, Field] = field(default_factory=dict)


def column(label: str) -> str | None:
    """The field key a column label or a "Label:" names (responsible, priority, ...), or None."""
    return next((key for key, rx in _COLUMNS if rx.search(label)), None)


def tables(lines: list[str]) -> tuple[dict[int, Table], list[tuple[int, str]]]:
    """Implication tables by header line, and (line, message) warnings for rows that do not fit."""
    found: dict[int, Table] = {}
    warnings: list[tuple[int, str]] = []
    number = 0
    while number < len(lines):
        keys = _header_keys(lines[number])
        if keys is None:
            number += 1
            continue
        values: dict[str, list[str]] = {}
        row = number + 1
        while row < len(lines) and lines[row].strip():
            cells = lines[row].split("\t")
            if len(cells) != len(keys):
                warnings.append((row + 1, f"implication table: {len(cells)} cells for {len(keys)} columns; "
                                          "the cells are read in order"))
            for key, cell in zip(keys, cells):
                if key and clean(cell):
                    values.setdefault(key, []).append(clean(cell))
            row += 1
        if row == number + 1:
            warnings.append((number + 1, "implication table without a row"))
        found[number + 1] = Table({k: Field("; ".join(v), number + 1, row) for k, v in values.items()}, number + 1, row)
        number = row
    return found, warnings


def _header_keys(raw: str) -> list[str | None] | None:
    """The field key of each cell of a row that heads an implication table, else None."""
    if "\t" not in raw or not any(h in raw.lower() for h in _HEADER_HINTS):
        return None
    keys = [column(cell) if len(cell) <= HEADER_CELL_MAX else None for cell in raw.split("\t")]
    return keys if len({k for k in keys if k}) >= 2 and {"responsible", "priority"} & set(keys) else None


def occurrences(segments: list[Segment], headings: dict[int, tuple[str, int]],
                implication_tables: dict[int, Table]) -> list[Occurrence]:
    """Every "Recommendation N" (numbered, lettered or plain "Recommendation:") printed in `segments`.

    `headings` maps a heading's line to (title, level). Under an "Office
    response" / "Management response" heading, until a heading of the same
    or a higher level, "Recommendation N" introduces the response to N. A
    marker with text runs on into following bullets, lettered sub-items and
    the rest of a cut sentence; a bare marker (a heading) takes the paragraphs
    after it, up to the next heading, marker or implication table.
    """
    table_lines = {n for t in implication_tables.values() for n in range(t.line, t.end_line + 1)}
    found: list[Occurrence] = []
    current: Occurrence | None = None
    response_level: int | None = None
    for seg in segments:
        if seg.line in table_lines:
            table = implication_tables.get(seg.line)
            if table and current and not current.response:
                for key, value in table.values.items():
                    current.fields.setdefault(key, value)
            current = None
            continue
        head = headings.get(seg.line)
        marker = MARKER.match(seg.text)
        if head and not marker:
            if RESPONSE.match(head[0]):
                response_level = head[1]
            elif response_level is not None and head[1] <= response_level:
                response_level = None
            current = None
            continue
        if marker:
            current = _occurrence(seg, marker, response_level is not None, bool(head))
            found.append(current)
        elif response_level is None and (m := UNNUMBERED.match(seg.text)):
            current = Occurrence(None, None, None, seg.line, seg.line, [m.group("text")])
            found.append(current)
        elif current is None:
            continue
        elif not current.response and current.number and (m := _LETTERED.match(seg.text)):
            top = current.parent or current.number
            current = Occurrence(f"{top}{m.group('a') or m.group('b')}", top, None, seg.line, seg.line,
                                 [seg.text[m.end():]])
            found.append(current)
        elif not current.response and (f := _FIELD_LABEL.match(seg.text)) and column(f.group("label")):
            current.fields.setdefault(column(f.group("label")), Field(f.group("value"), seg.line, seg.line))
        elif current.open or seg.bullet or (seg.text[:1].islower() and not _SENTENCE_END.search(current.text)):
            if not current.parts:
                seg = _first_paragraph(current, seg)
            current.extend(seg)
        else:
            current = None
    return found


def _occurrence(seg: Segment, m: re.Match, response: bool, is_heading: bool) -> Occurrence:
    number = m.group("number") + (m.group("letter") or "").lower()
    text = m.group("text").strip()
    heading = bold_lead(seg.raw)
    if heading:
        heading = MARKER.sub(r"\g<text>", heading).strip() or None
    if is_heading and text:
        heading = text
    return Occurrence(number, m.group("number") if m.group("letter") else None, heading,
                      seg.line, seg.line, [text] if text else [], response=response, open=is_heading or not text)


def _first_paragraph(occurrence: Occurrence, seg: Segment) -> Segment:
    """The first paragraph under a heading marker, without its paragraph number; its bold lead is the heading."""
    seg = seg._replace(text=_PARAGRAPH_NUMBER.sub("", seg.text))
    lead = bold_lead(seg.raw)
    if occurrence.heading is None and lead and seg.text.startswith(_PARAGRAPH_NUMBER.sub("", lead)):
        occurrence.heading = _PARAGRAPH_NUMBER.sub("", lead)
    return seg
