"""Text normalisation for report files that keeps each piece's original line number.

Reports arrive as text converted from PDF or Word: markdown emphasis, HTML
fragments (`<p>`, `<ul>`/`<ol>`/`<li>`, table tags), tab-separated table cells
and "•" bullets, all mixed, with footnote markers (`<sup>2</sup>`, "²",
`[^2]`) stuck to words, page numbers on lines of their own ("Page 3 of 40",
"- 3 -") and words broken by PDF extraction ("employ- ment"). `segments` cuts lines into logical pieces (one per
paragraph, list item, bullet or table cell), each still carrying its 1-based
line number, so that every fact read from them can point back at the file.
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple

QUOTE_MAX = 200

_BLOCK_TAG = re.compile(
    r"<(/?)(p|li|ul|ol|div|br|tr|td|th|table|tbody|thead|tfoot|h[1-6]|dl|dt|dd|blockquote|section)\b[^<>]*>",
    re.I,
)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_OPEN_TAG = re.compile(r"</?[a-zA-Z][^<>]*$")  # a tag cut off at the end of a piece
_FOOTNOTE = re.compile(r"<sup>\s*[\d*†‡,\s]+</sup>|\[\^\w+\]|(?<=[^\s\d])[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
_SUPERSCRIPT = re.compile(r"<sup|[¹²³⁴⁵⁶⁷⁸⁹⁰]")
_BROKEN = re.compile(
    r"\b([^\W\d_]{2,})- (ment|ments|tion|tions|sion|sions|ing|ings|ness|ity|ities|ance|ances|ence|ences"
    r"|able|ible|ally|ised|ized|ation|ations|ively|ful)\b"
)
_BROKEN_NAME = re.compile(r"\b([A-Z][^\W\d_]*)- ([A-Z])")  # "All- China" -> "All-China"
_PAGE = re.compile(r"^\s*(?:page\s+\d{1,4}(?:\s+of\s+\d{1,4})?|[-–—]\s*\d{1,4}\s*[-–—])\s*$", re.I)
_LINK = re.compile(r"\[([^\[\]]*)\]\(([^()\s]*)\)")
_EMPHASIS = re.compile(r"(?<!\\)(?:\*+|__+)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$|<>])")
_MD_HEADING = re.compile(r"^\s*#{1,6}(?=\s|$)\s*")
_MD_BULLET = re.compile(r"^\s*[-+*](?![*-])\s+")
_BULLETS = re.compile(r"\s*[•●▪◦]\s*")
_HAS_BULLET = re.compile(r"[•●▪◦]")
_MARKED = re.compile(r"^(?:recommendation\s*\d|\(?\d{1,2}[.)]|\(?[a-z]\)|LL\s*\d|E?GP\s*\d)", re.I)
_BOLD = re.compile(r"(\*\*+|__)(.+?)\1|<(b|strong)\b[^<>]*>(.*?)</\3\s*>", re.I)

_HEADINGS = (
    ("quickfacts", r"quick facts"),
    ("background", r"background and context"),
    ("findings", r"(?:findings and )?conclusions|findings"),
    ("recommendations", r"recommendations(?:,? lessons learn(?:ed|t),?(?: and)? (?:emerging )?good practices)?"
                        r"|recommendations and follow-? ?up"),
    ("mixed", r"lessons learn(?:ed|t),? and (?:emerging )?good practices"),
    ("lessons", r"lessons learn(?:ed|t)|lessons"),
    ("practices", r"(?:emerging )?good practices?"),
    ("other", r"(?:annex|annexes|appendix|appendices|references|bibliography)\b.*"),
)

_HEADING_KIND = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _HEADINGS))


class Gathered:
    """An item gathered from one or more segments: its text is its parts joined, spaces collapsed."""

    line: int
    end_line: int
    parts: list[str]

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())

    def extend(self, seg: Segment) -> None:
        """Take the segment as more of this item's text."""
        self.parts.append(seg.text)
        self.end_line = seg.line


def with_text(items: list, warnings: list[tuple[int, str]], name) -> list:
    """The items that have text; each one without is skipped with a warning naming it by `name(item)`."""
    kept = []
    for item in items:
        if item.text:
            kept.append(item)
        else:
            warnings.append((item.line, f"{name(item)} has no text: skipped"))
    return kept


class Segment(NamedTuple):  # a tuple, not a dataclass: a report makes thousands
    """One logical piece of a line: `text` is cleaned, `raw` keeps inline markup (bold)."""

    text: str
    raw: str
    line: int
    bullet: bool = False  # begins a list item or a bullet
    label: bool = False  # the first cell of a table row (a row heading)


def split_lines(text: str) -> list[str]:
    """The file's lines, numbered as editors number them (only "\\n" ends a line)."""
    lines = [line.rstrip("\r") for line in text.split("\n")]
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def clean(raw: str, notes: bool = True) -> str:
    """Plain text: tags, markdown emphasis, headings marks and escapes removed, whitespace collapsed.

    `notes=False` says the caller knows there are no footnote markers to look for.
    """
    text = raw
    if "[" in text or (notes and _SUPERSCRIPT.search(text)):  # each step only where its mark is: clean is hot
        text = _FOOTNOTE.sub("", text)
        text = _LINK.sub(lambda m: "" if m.group(2) in ("", "#") else m.group(1), text)
    if "<" in text:
        text = _BLOCK_TAG.sub(" ", text)
        text = _TAG.sub("", text)
        text = _OPEN_TAG.sub("", text)
    if "*" in text or "__" in text:
        text = _EMPHASIS.sub("", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if "&" in text:
        text = html.unescape(text)
    if "#" in text:
        text = _MD_HEADING.sub("", text)
    if "- " in text:
        text = _BROKEN.sub(r"\1\2", text)
        text = _BROKEN_NAME.sub(r"\1-\2", text)
    return " ".join(text.replace("\xa0", " ").split())


def bold_lead(raw: str) -> str | None:
    """The cleaned text of the first bold span in `raw`, or None."""
    m = _BOLD.search(raw)
    if not m:
        return None
    return clean(m.group(2) if m.group(2) is not None else m.group(4)) or None


def segments(lines: list[str], first: int = 1, last: int | None = None) -> list[Segment]:
    """The non-empty pieces of lines `first`..`last` (1-based, inclusive), in order."""
    last = len(lines) if last is None else min(last, len(lines))
    span = "\n".join(lines[max(first, 1) - 1:last])
    notes, bullets = bool(_SUPERSCRIPT.search(span)), bool(_HAS_BULLET.search(span))  # once, not per piece
    out = []
    for number in range(max(first, 1), last + 1):
        line = lines[number - 1]
        if not line or line.isspace() or _PAGE.match(line):
            continue
        cells = line.replace("\f", " ").split("\t")
        row_label = len(cells) > 1 and _is_label(cells[0])
        for index, cell in enumerate(cells):
            for raw, bullet in _pieces(cell, bullets):
                m = _MD_BULLET.match(raw)
                if m:
                    raw, bullet = raw[m.end():], True
                text = clean(raw, notes)
                if text:
                    out.append(Segment(text, raw.strip(), number, bullet, row_label and index == 0))
    return out


def _pieces(cell: str, bullets: bool = True):
    """(raw piece, starts a list item) for each block-level piece of one table cell (`bullets`: "•" may occur)."""
    if "<" not in cell and not (bullets and _HAS_BULLET.search(cell)):
        if cell.strip():
            yield cell, False
        return
    start, bullet = 0, False
    for m in _BLOCK_TAG.finditer(cell):
        yield from _bullet_pieces(cell[start:m.start()], bullet)
        start = m.end()
        bullet = m.group(2).lower() == "li" and not m.group(1)
    yield from _bullet_pieces(cell[start:], bullet)


def _bullet_pieces(piece: str, bullet: bool):
    parts = _BULLETS.split(piece)
    for i, part in enumerate(parts):
        if part.strip():
            yield part, bullet or i > 0


def _is_label(cell: str) -> bool:
    text = clean(cell)
    return 0 < len(text) <= 80 and not _MARKED.match(text)


def heading_kind(text: str) -> str | None:
    """Which template section a heading names (quickfacts, recommendations, lessons, ...), or None."""
    if len(text) > 100:
        return None
    t = " ".join(text.lower().replace("&", " and ").split()).strip(" :.")
    if t.startswith("main "):
        t = t[5:]
    m = _HEADING_KIND.fullmatch(t) if len(t) <= 80 else None
    return m.lastgroup if m else None


def quote(text: str, limit: int = QUOTE_MAX) -> str:
    """`text` with whitespace collapsed, cut at a word to at most `limit` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"
