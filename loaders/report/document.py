"""One report as the readers see it: its lines, cleaned segments and section tree.

Headings are recognised whatever their style: markdown (`## 3.1 Scope`), HTML
(`<h2>`), a line in bold, an ALL CAPS line, or a numbered line ("3.1
Relevance", "ANNEX IV ..."). Lines of a table of contents (text, a tab, a page
number) and captions ("Table 3.1 ...") are not headings. A section runs to the
next heading of the same or a higher level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from loaders.report.text import Segment, clean, heading_kind, quote, segments, split_lines

HEADING_MAX = 160
TITLE_MAX = 250
_MD = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_HTML = re.compile(r"^\s*<h([1-6])\b[^<>]*>(.*?)(?:</h\1\s*>)?\s*$", re.I)
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)(?P<text>[^*_].*?)(?:\*\*|__)\s*:?\s*$")
_NUMBER = re.compile(
    r"^(?P<number>(?:annex|appendix|chapter|part|section)\s+[ivxlc\d]+[a-z]?|\d{1,2}(?:\.\d{1,2}){0,3})"
    r"(?P<mark>\)|\.(?!\d))?(?:\s*[:.\-–—]\s*|\s+)(?P<title>\S.*)$",
    re.I,
)
_WORD_NUMBER = re.compile(r"(?:annex|appendix|chapter|part|section)\s+[ivxlc\d]", re.I)
_POINTER = re.compile(r"^\s*[►▶■]\s*")
_TAGS = re.compile(r"<[^<>]*>")
_FIGURES = re.compile(r"\d\.\d|:\s*\d")
_TOC = re.compile(r"(?:\t|\.{3,}|…+)\s*(?:\d{1,3}|[ivxlc]{1,6})\s*$", re.I)
_CAPTION = re.compile(r"^(?:table|figure|fig\.|box|chart|graph|source|note)\b", re.I)


@dataclass(frozen=True)
class Section:
    """A heading and the lines it governs (`line` is the heading's, `end_line` the last of its body)."""

    title: str
    number: str | None
    level: int
    line: int
    end_line: int
    kind: str | None  # what heading_kind() calls it: "recommendations", "lessons", ...


@dataclass(frozen=True)
class Heading:
    title: str
    number: str | None
    level: int


def heading(raw: str, alone: bool = False) -> Heading | None:
    """The heading a raw line is, or None for body text.

    `alone` says the line stands between blank lines: then a short plain line
    in sentence case ("Purpose and scope") is taken as a minor heading.
    """
    stripped = raw.strip()
    if not stripped or len(stripped) > 2 * HEADING_MAX or not _maybe_heading(stripped, alone):
        return None
    if _TOC.search(_TAGS.sub("", raw) if "<" in raw else raw):
        return None
    m = _MD.match(raw) or _HTML.match(raw)
    marked_level = plain = None
    if m:
        marked_level = len(m.group(1)) if m.re is _MD else int(m.group(1))
        text = clean(m.group(2))
    elif _POINTER.match(raw):
        marked_level, text = 1, clean(_POINTER.sub("", raw))
    elif "\t" in raw:
        return None
    else:
        b = _BOLD_LINE.match(raw)
        text = clean(b.group("text")) if b else clean(raw)
        if not b and not (_all_caps(text) and not _FIGURES.search(text)):
            n = _NUMBER.match(text)
            numbered = n and ("." in n.group("number") or not n.group("number")[0].isdigit()) \
                and _title_like(n.group("title"))
            plain = not numbered and alone and len(text) <= 60 and _title_like(text) and not text[0].isdigit()
            if not (numbered or plain):
                return None
    if not text or len(text) > HEADING_MAX * (1 + bool(marked_level)) or _CAPTION.match(text) or text.endswith((",", ";")):
        return None
    n = _NUMBER.match(text)
    number = title = None
    if n and ((n.group("number")[0].isdigit() and (n.group("mark") or "." in n.group("number")))
              or (not n.group("number")[0].isdigit() and (_all_caps(n.group("title")) or marked_level
                                                          or _title_like(n.group("title"))))):
        number, title = n.group("number"), n.group("title").strip(" :.")
    title = title or text.strip(" :")
    if number and number[0].isdigit():
        level = number.count(".") + 1 + (n.group("mark") == ")")
    elif number:
        level = 1
    elif plain:
        level = 6
    else:
        level = marked_level or (1 if _all_caps(text) else 3)
    return Heading(title, number, level)


def _maybe_heading(stripped: str, alone: bool) -> bool:
    """A cheap first look (most lines are body text): could this line be a heading at all?"""
    first = stripped[0]
    if first in "#<►▶■*_" or first.isdigit():
        return True
    if "\t" in stripped:
        return False
    return alone or stripped.upper() == stripped or bool(_WORD_NUMBER.match(stripped))


def _all_caps(text: str) -> bool:
    if text != text.upper():  # a lower-case letter: the cheap answer for most lines
        return False
    letters = sum(c.isalpha() for c in text)
    return letters >= 6 or (letters >= 4 and " " in text.strip())


def _title_like(text: str) -> bool:
    return len(text) <= 150 and text[:1].isupper() and not text.rstrip().endswith((".", ":"))


class Doc:
    """A report read into lines (true to the file's numbering), segments and sections."""

    def __init__(self, path: Path, text: str):
        self.path = path
        self.name = path.name
        self.text = text
        self.lines = split_lines(text)

    @cached_property
    def segments(self) -> list[Segment]:
        return segments(self.lines)

    @cached_property
    def title(self) -> tuple[str, int, int] | None:
        """(title, line, end_line): the first paragraph of the file, when it comes before any heading."""
        segs = self.segments
        if not segs or heading_kind(segs[0].text):
            return None
        parts, first, last = [segs[0].text], segs[0].line, segs[0].line
        for seg in segs[1:]:
            if seg.line > last + 1 or heading_kind(seg.text):
                break
            parts.append(seg.text)
            last = seg.line
        return quote(" ".join(parts), TITLE_MAX), first, last

    @cached_property
    def sections(self) -> list[Section]:
        """Every heading in the file, in order, each with the span it governs."""
        lines = self.lines
        found = []
        for number, raw in enumerate(lines, 1):
            alone = (number == 1 or not lines[number - 2].strip()) and (number == len(lines) or not lines[number].strip())
            if h := heading(raw, alone):
                found.append((number, h))
        out = []
        for i, (line, h) in enumerate(found):
            end = next((nxt - 1 for nxt, other in found[i + 1:] if other.level <= h.level), len(self.lines))
            out.append(Section(h.title, h.number, h.level, line, end, heading_kind(h.title)))
        return out

    def section(self, pattern: str, after: int = 0) -> Section | None:
        """The first section after line `after` whose title matches `pattern` (a regex, case-blind)."""
        rx = re.compile(pattern, re.I)
        return next((s for s in self.sections if s.line > after and rx.search(s.title)), None)

    def segments_in(self, first: int, last: int) -> list[Segment]:
        """The segments of lines `first`..`last`, inclusive."""
        return [seg for seg in self.segments if first <= seg.line <= last]

    def body(self, section: Section) -> list[Segment]:
        """The segments under a section's heading."""
        return self.segments_in(section.line + 1, section.end_line)
