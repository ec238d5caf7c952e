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

from loaders.report.text import Gathered, Segment, bold_lead, with_text

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
