"""One pass over the lines that may print an outcome: every statement and mention, in order.

The pass visits only the lines `Marks` proposes (a code, "Priority", "Mapping of", "outcome
<n>", a biennium) and the headings (which end a table's column bienniums and a mapping table).
Per line it reads the cells and records:

- statements: a code (or "Priority [area] X", "DWCP/CP/country priority outcome n") followed by
  ":" or a dash and text; the text runs to the next statement in the cell. Text of more than one
  sentence is a paragraph about the outcome, not its statement (rank 3). Shorthand groups
  ("LAO 151/153", "KHM 156, 160 and 161") name every code (rank 2 beyond the first);
- mentions: a code without a statement; its text is the parenthesis after it, else the cell;
- bienniums (even start year): per column from a header row, for the rows after a row or bullet
  that is only a biennium, or printed just before the code;
- the priority each DWCP outcome is printed under, and mapping rows (after a line "Mapping of
  ... outcomes": a DWCP outcome and the coded outcomes printed after it);
- the lines whose cell opens with an outcome (what a score or rating table after it rates).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pycountry

from loaders.report import ids
from loaders.report.document import Doc
from loaders.report.layout import CODE, Marks, cells, is_row
from loaders.report.text import quote

# ILO regional and global prefixes that precede outcome numbers besides country codes.
_REGIONAL = {"RAS", "RAF", "RLA", "RER", "RAB", "INT", "GLO"}
PREFIXES = frozenset({c.alpha_3 for c in pycountry.countries} | _REGIONAL)

_DASH = r"–—\-"
# Patterns scanned over long lines open with a character class, which the regex engine skips to
# fast; their "not after a word character" test therefore follows the first character.
GROUP = re.compile(r"(?P<p>[A-Z](?<![\w/][A-Z])[A-Z]{2})\s?(?P<n>\d{3})\b(?P<more>(?:\s*(?:/|,|&|and)\s*\d{3}\b)*)")
_MORE = re.compile(r"\d{3}")
_SEP = re.compile(rf"\s*(?:\*\*)?\s*(?:[:{_DASH}]|\.(?=\s))\s*(?=[A-Za-z\"“(])")
_PRIORITY = re.compile(
    rf"\bPriority(?:\s+area)?\s*(?:(?P<label>[A-Z]|\d{{1,2}})\b\s*(?:[:.)]|[{_DASH}]\s)\s*|(?=[A-Z]{{3}}\s?\d{{3}}\b))")
_DWCP_LEAD = r"\b(?P<lead>DWCP|[Cc]ountry priority|CP|[Cc]ountry programme)\s+outcome\s+(?P<n>\d{1,2})(?![.,]?\d)"
_DWCP = re.compile(rf"{_DWCP_LEAD}\s*[:.){_DASH}]\s*(?=[A-Z])")
DWCP_NAME = re.compile(_DWCP_LEAD)
_NUMBERED = re.compile(r"^(?P<n>\d{1,2})[.)]\s+(?=[A-Z])")
BIENNIUM = re.compile(rf"(?P<a>[12](?<!\w[12])[09]\d\d(?<=19\d\d|20\d\d))\s*[{_DASH}/]\s*(?P<b>(?:19|20)?\d\d)\b")
_MAPPING = re.compile(r"^mapping of\b.*\boutcomes?\b", re.I)
_OUTCOME_NUMBER = re.compile(r"utcome\s+[0-9]")
_SENTENCE_BREAK = re.compile(r"[a-z)][.;:]\s+[A-Z]")
_OUTCOME_LABEL = re.compile(r"^outcome\s*:\s*", re.I)
_MENTION_PAREN = re.compile(r"[A-Z]{3}\s?\d{3}\s*\(([^()]{8,})\)")
# Markers of the lines the pass visits; each line is checked again by `_wanted`.
_YEAR_SPAN = re.compile(r"[–—/-]\s*[0-9][0-9]")
_MARKERS = (CODE, "Priority", "apping of", "utcome", _YEAR_SPAN)
INLINE_SPAN = 14  # how far before a code a biennium printed with it may start


@dataclass
class Occ:
    """One printing of an outcome: a statement (with text) or a mention."""

    key: str  # a code ("KHM156"), "DWCP:2" or "PRIO:A"
    line: int
    text: str
    rank: int  # 0 a statement opening its cell, 1 a statement inside a cell, 2 grouped, 3 mentioned
    biennium: str | None = None
    names: tuple[str, ...] = ()  # the names printed for it ("Priority area A", "CP outcome 2")


MENTIONED = 3  # the rank of a code printed in running prose, not stating the outcome


def best_text(occs: list[Occ]) -> Occ | None:
    """The printing that states an outcome best: the longest of the best-ranked statements."""
    stated = [o for o in occs if o.text and o.rank < MENTIONED]
    if not stated:
        return occs[0] if occs else None
    top = min(o.rank for o in stated)
    return max((o for o in stated if o.rank == top), key=lambda o: len(o.text))


@dataclass
class Scan:
    """What the pass found."""

    occs: list[Occ] = field(default_factory=list)
    priority_seen: set[str] = field(default_factory=set)  # codes printed after "Priority"
    label_code: dict[str, str] = field(default_factory=dict)  # name key of a priority label -> code
    parents: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))  # DWCP key -> priority keys
    maps: list[tuple[str, str, int]] = field(default_factory=list)  # (DWCP key, code, line)
    planning: set[str] = field(default_factory=set)  # bienniums named in header cells
    leads: list[tuple[int, list[str]]] = field(default_factory=list)  # (line, keys) of outcome-led cells


@dataclass
class _State:
    """What the rows before the current one set up."""

    columns: dict[int, str] = field(default_factory=dict)  # column index -> biennium of a header row
    group: str | None = None  # the biennium a biennium-only row or bullet opened
    priority: str | None = None  # the last priority printed
    mapping: bool = False  # inside a mapping table
    dwcp: str | None = None  # the DWCP outcome a mapping row continues


def scan(doc: Doc, marks: Marks, skip: list[tuple[int, int]]) -> Scan:
    """Read every line that may print an outcome, in order."""
    found, state = Scan(), _State()
    coded = set(marks.lines(CODE))
    headings = {s.line for s in doc.sections if s.level <= 5}
    for number in sorted(headings.union(marks.any_lines(*_MARKERS))):
        if number in headings:
            state.group, state.columns, state.mapping = None, {}, False
        raw = doc.lines[number - 1]
        if any(a <= number <= b for a, b in skip) or not (number in coded or _wanted(raw)):
            continue
        _line(found, state, number, raw)
    return found


def _wanted(raw: str) -> bool:
    """Whether a line without a code may hold an outcome, a priority, a mapping caption or a biennium header."""
    if "Priority" in raw or "apping of" in raw or "utcome" in raw and _OUTCOME_NUMBER.search(raw):
        return True
    return (len(raw) <= 120 or is_row(raw)) and bool(BIENNIUM.search(raw))


def _has_dwcp(text: str) -> bool:
    """Whether `text` states a DWCP outcome (cheap tests first: the pattern is slow on long text)."""
    return "utcome" in text and bool(_OUTCOME_NUMBER.search(text)) and bool(_DWCP.search(text))


def _line(found: Scan, state: _State, number: int, raw: str) -> None:
    row = cells(raw)
    if not any(row):
        return
    joined = " ".join(row)
    if _MAPPING.match(joined):
        state.mapping, state.dwcp = True, None
        return
    short = len(row) > 1 or len(joined) <= 80
    bienniums = [biennium(m) for m in BIENNIUM.finditer(joined)] if short else []
    has_code = bool(CODE.search(joined) and GROUP.search(joined))
    has_dwcp = _has_dwcp(joined)
    if not has_code and any(bienniums) and not has_dwcp:
        _biennium_row(found, state, row, joined, bienniums)
        return
    if len(row) == 1 and not is_row(raw):
        state.columns = {}
    found_priority = False
    for index, cell in enumerate(row):
        if cell:
            found_priority |= _cell(found, state, number, index, cell, len(row))
    if found_priority:
        state.group = None
    if state.mapping and not is_row(raw) and not has_code and not has_dwcp and not found_priority:
        state.mapping = False


def _biennium_row(found: Scan, state: _State, row: list[str], joined: str, bienniums: list) -> None:
    """A header row gives its columns' bienniums; a short line alone opens a group of rows."""
    found.planning.update(b for b in bienniums if b)
    if len(row) > 1:
        state.columns = {i: b for i, c in enumerate(row) if (b := first_biennium(c))}
    elif len(joined) <= 40:
        state.group = next(b for b in bienniums if b)


def _cell(found: Scan, state: _State, number: int, index: int, cell: str, width: int) -> bool:
    """Record one cell's occurrences; whether it printed a priority."""
    if state.mapping and index == 0 and width > 1:
        state.dwcp = _row_start(cell, state.dwcp)
    printed_priority = False
    for occ in _occurrences(cell, number, state.columns.get(index) or state.group):
        found.occs.append(occ)
        if occ.key.startswith("PRIO:") or occ.names and occ.names[0].startswith("Priority"):
            printed_priority = True
            state.priority, state.dwcp = occ.key, None
            if not occ.key.startswith("PRIO:"):
                found.priority_seen.add(occ.key)
                found.label_code.update((ids.name_key(n), occ.key) for n in occ.names)
        elif occ.key.startswith("DWCP:"):
            if state.priority:
                found.parents[occ.key][state.priority] += 1
            state.dwcp = occ.key
        elif state.mapping and state.dwcp and occ.rank < 2:
            found.maps.append((state.dwcp, occ.key, number))
    opening = lead(cell)
    if opening:
        found.leads.append((number, keys(opening)))
    return printed_priority


def lead(cell: str) -> re.Match | None:
    """The code group or DWCP outcome a cell opens with ("Outcome: KHM104 – ...", "LAO126/127: ...")."""
    at = _OUTCOME_LABEL.match(cell)
    start = at.end() if at else 0
    return GROUP.match(cell, start) or DWCP_NAME.match(cell, start)


def _row_start(cell: str, dwcp: str | None) -> str | None:
    """The DWCP outcome a mapping row belongs to, from its first cell."""
    m = _NUMBERED.match(cell)
    if m:
        return f"DWCP:{int(m['n'])}"
    if GROUP.search(cell) or _DWCP.search(cell) or _PRIORITY.search(cell):
        return dwcp
    starts_statement = cell[:1].isupper() and len(cell.split()) >= 3
    return None if starts_statement else dwcp


def keys(m: re.Match) -> list[str]:
    """The outcome keys a code group or a DWCP name stands for."""
    if "p" not in m.re.groupindex:
        return [f"DWCP:{int(m['n'])}"]
    if m["p"] not in PREFIXES:
        return []
    return [m["p"] + m["n"]] + [m["p"] + n for n in _MORE.findall(m["more"] or "")]


def codes(text: str) -> list[str]:
    """Every code `text` names, groups expanded."""
    return [k for g in GROUP.finditer(text) for k in keys(g)]


def _occurrences(cell: str, line: int, bien: str | None) -> list[Occ]:
    """The statements and mentions of outcomes in one cleaned cell."""
    starts, taken = _labelled_starts(cell)
    mentions = []
    for g in GROUP.finditer(cell) if CODE.search(cell) else ():
        group_keys = keys(g)
        if not group_keys or any(a <= g.start() < b for a, b in taken):
            continue
        sep = _SEP.match(cell, g.end())
        if sep:
            inline = _inline_biennium(cell, g.start())
            rank = 2 if len(group_keys) > 1 else (0 if g.start() == 0 or inline else 1)
            starts.append((g.start(), sep.end(), group_keys, rank, ()))
        else:
            mentions.append((g.start(), group_keys))
    starts.sort()
    occs = []
    for i, (start, text_at, start_keys, rank, names) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(cell)
        text = cell[text_at:end].strip(" *:;,–—-").rstrip(".").strip()
        if _SENTENCE_BREAK.search(text):  # a paragraph about the outcome, not its statement
            rank = 3
        occ_bien = _inline_biennium(cell, start) or bien
        occs.extend(Occ(k, line, text, rank if j == 0 else 2, occ_bien, names) for j, k in enumerate(start_keys))
    for start, mention_keys in mentions:
        occs.extend(Occ(k, line, _mention(cell, start), 3, bien) for k in mention_keys)
    return occs


def _labelled_starts(cell: str) -> tuple[list, list[tuple[int, int]]]:
    """Statements led by "Priority ..." or a DWCP outcome: ([(start, text start, keys, rank, names)], code spans)."""
    starts, taken = [], []
    for m in _PRIORITY.finditer(cell) if "Priority" in cell else ():
        label = m["label"]
        g = GROUP.match(cell, m.end())
        group_keys = keys(g) if g else []
        name = (f"Priority area {label}" if "area" in m.group(0) else f"Priority {label}") if label else None
        rank = 0 if m.start() == 0 else 1
        if group_keys:
            sep = _SEP.match(cell, g.end())
            names = ("Priority", name) if name else ("Priority",)
            starts.append((m.start(), sep.end() if sep else g.end(), group_keys, rank, names))
            taken.append((g.start(), g.end()))
        elif label:
            starts.append((m.start(), m.end(), [f"PRIO:{label}"], rank, (name,)))
    for m in _DWCP.finditer(cell) if _has_dwcp(cell) else ():
        printed = f"{m['lead']} outcome {int(m['n'])}"
        starts.append((m.start(), m.end(), [f"DWCP:{int(m['n'])}"], 0 if m.start() == 0 else 1, (printed,)))
    return starts, taken


def _inline_biennium(cell: str, start: int) -> str | None:
    """A biennium printed just before `start` in its cell ("2006–2007 LAO126: ...")."""
    tail = cell[max(0, start - INLINE_SPAN):start]
    m = BIENNIUM.search(tail)
    return biennium(m) if m and not tail[m.end():].strip(" *:") else None


def _mention(cell: str, start: int) -> str:
    """A mentioned code's text: the parenthesis after it, else the cell."""
    m = _MENTION_PAREN.match(cell, start)
    return m.group(1).strip() if m else quote(cell)


def year(a: str, b: str) -> int:
    """The end year of a span printed "a–b" ("2008–09" -> 2009)."""
    return int(b) if len(b) == 4 else int(a[:2] + b)


def biennium(m: re.Match) -> str | None:
    """"2008-09" for a span of two years starting in an even year, else None."""
    a, b = int(m["a"]), year(m["a"], m["b"])
    return f"{a}-{b % 100:02d}" if b == a + 1 and a % 2 == 0 else None


def first_biennium(text: str) -> str | None:
    return next((b for m in BIENNIUM.finditer(text) if (b := biennium(m))), None)


def prefix(found: Scan) -> str | None:
    """The code prefix the report prints most."""
    counts = Counter(o.key[:3] for o in found.occs if o.key[:3] in PREFIXES and o.key[3:].isdigit())
    return counts.most_common(1)[0][0] if counts else None
