"""Lessons learned and emerging good practices.

Two forms: items marked "LL1 – text" / "GP1 - text" (also "Lesson 1:",
"Good practice 2."), and list items or paragraphs under a "Lessons learned" or
"Emerging good practices" heading, numbered in order (or by their own "1."). A
piece that starts no item continues the one before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.report.text import Gathered, Segment, heading_kind, with_text

_MARKED = re.compile(
    r"^(?:(?P<lesson>LL|lessons?(?:\s+learn(?:ed|t))?)|(?P<practice>E?GP|(?:emerging\s+)?good\s+practices?))"
    r"\s*(?:no\.?\s*|#\s*)?(?P<number>\d{1,2})(?!\d)\s*[:.)\-–—]*\s*",
    re.I,
)
_NUMBERED = re.compile(r"^(\d{1,2})\s*[.)](?=\s|$)\s*")
HEADING_LABELS = {"lessons": "Lesson", "practices": "GoodPractice", "mixed": None}


@dataclass
class Item(Gathered):
    label: str  # "Lesson" or "GoodPractice"
    number: str
    line: int
    end_line: int
    parts: list[str] = field(default_factory=list)


def is_marked(text: str) -> bool:
    """Whether `text` starts with a lesson or good-practice marker such as "LL1"."""
    return bool(_MARKED.match(text))


def parse(segments: list[Segment]) -> tuple[list[Item], list[tuple[int, str]]]:
    """Lessons and good practices from a lessons section, and (line, message) warnings.

    Headings inside the section ("Lessons Learned", "Emerging Good Practices")
    say what the unmarked items after them are.
    """
    items: list[Item] = []
    warnings: list[tuple[int, str]] = []
    kind: str | None = None
    counters = {"Lesson": 0, "GoodPractice": 0}
    seen: set[tuple[str, str]] = set()
    current: Item | None = None
    for seg in segments:
        heading = heading_kind(seg.text)
        if heading in HEADING_LABELS:
            kind, current = HEADING_LABELS[heading], None
            continue
        if seg.label:
            continue
        m = _MARKED.match(seg.text)
        numbered = _NUMBERED.match(seg.text)
        if m:
            label = "Lesson" if m.group("lesson") else "GoodPractice"
            number, body = m.group("number"), seg.text[m.end():]
        elif kind and (seg.bullet or current is None or numbered):
            label = kind
            number = numbered.group(1) if numbered else str(counters[kind] + 1)
            body = seg.text[numbered.end():] if numbered else seg.text
        elif current is not None:
            current.extend(seg)
            continue
        else:
            warnings.append((seg.line, "text in the lessons section is marked neither lesson nor good practice"))
            continue
        number = str(int(number))
        if (label, number) in seen:
            warnings.append((seg.line, f"{label} {number} given twice: the first is kept"))
            current = None
            continue
        seen.add((label, number))
        counters[label] = max(counters[label], int(number))
        current = Item(label, number, seg.line, seg.line, [body.strip()] if body.strip() else [])
        items.append(current)
    return with_text(items, warnings, lambda item: f"{item.label} {item.number}"), warnings
