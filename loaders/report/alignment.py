"""Stated alignment (`ALIGNS_WITH`, basis "stated") of ILO outcomes to UNDAF outcomes, plans, plan components and SDGs.

Read from tables (tab-separated, markdown, or a table whose rows were
flattened into paragraphs) that have one ILO outcome column and a framework
column (UNDAF, a named plan, SDGs), and from sentences that state it ("in line
with", "in accordance with", "goals contained in", "impacts on" ...) either
naming the ILO outcome ("LAO 101/102") or under its heading.

Decisions:
- A table row's UNDAF cell may hold several "1.1 Text" items; each is an
  UNDAF outcome. A plan column whose title quotes the plan (an excerpt column)
  aligns its rows with the plan itself; otherwise each cell names components
  ("Rectangle 2: ...") or one short component.
- A row whose cell count differs from its header's is skipped with a warning;
  a row naming no known ILO outcome keeps its framework entries, unaligned.
- A sentence aligns only with what it names after its cue, and only from the
  outcomes it names or the outcome whose labelled paragraph ("LAO 101/102:",
  "DWCP outcome 2:") it follows, until the next heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from loaders.report import plan_parts
from loaders.report.ids import name_key, outcome_code
from loaders.report.plans import literal_matches
from loaders.report.text import Segment, clean

if TYPE_CHECKING:
    from loaders.report.frameworks import Reader

_CUE = re.compile(r"\b(?:align(?:ed|s|ment)?\s+(?:with|to)|in\s+line\s+with|in\s+accordance\s+with|consistent\s+with"
                  r"|(?:goals?|targets?|priorit(?:y|ies)|objectives?)\s+(?:contained\s+in|set\s+(?:out\s+)?(?:in|under|by)"
                  r"|stated\s+in|of)|contribut\w*\s+to\s+(?:achiev|attain|meet|reach)\w*|impacts?\s+on\b)")  # on lower case
_CUE_OPENINGS = ("align", "in line", "in accordance", "consistent", "goal", "target", "priorit", "objective",
                 "contribut", "impact")  # every cue opens with one (in cleaned text)
_SENTENCE = re.compile(r"(?<=[.;!?])\s+(?=[A-Z(])")
_CODE = re.compile(r"\b[A-Z]{3}\s?\d{3}\b")
_CODES = re.compile(r"\b(?P<codes>[A-Z]{3}\s?\d{3}(?:\s*/\s*\d{3})*)\b")  # "LAO 101/102"
_CONTEXT = re.compile(r"^(?:outcome\s*:\s*)?(?:(?P<codes>[A-Z]{3}\s?\d{3}(?:\s*/\s*\d{3})*)\b|(?P<label>(?:DWCP|CP|country programme"
                      r"|country priority)\s+outcome\s+\d{1,2})\s*:)", re.I)
_SDG = re.compile(r"\bSDGs?\s?(?P<g>\d{1,2})(?:\.(?P<t>\d{1,2}|[a-c]))?\b"
                  r"|\b(?:SDG\s+)?[Tt]argets?\s+(?P<g2>\d{1,2})\.(?P<t2>\d{1,2}|[a-c])\b")
_UNDAF_NAMED = re.compile(r"\bUNDAF outcome \d{1,2}(?:\.\d{1,2})?")

_ILO_COL = re.compile(r"\b(?:DWCP|ILO|CPO|CP|country\s+programme|country\s+priority|P&B)\b.*\b(?:outcomes?|priorit(?:y|ies)"
                      r"|results?)\b|^(?:ILO\s+)?outcomes?$|^CPOs?$", re.I)
ILO_COL_HINTS = ("outcome", "priorit", "result", "cpo")
_HEADER_CELL_MAX = 150  # a header's cells are titles
_UNDAF_COL = re.compile(r"\b(?:UNDAF|UNSDCF|UNDAP|cooperation\s+framework)\b", re.I)
_SDG_COL = re.compile(r"\bSDGs?\b|sustainable\s+development\s+goals?", re.I)
_ROW_START = re.compile(r"^(?:(?P<label>[A-Z][\w&/]*(?:\s+[\w&/]+)?\s+outcome)\s+)?(?P<n>\d{1,2})[.)]\s+(?=\S)")
_UNDAF_CODES = re.compile(r"(?:^|(?<=\s))(?P<code>\d{1,2}\.\d{1,2})\s+(?=\S)")
_CAPTION = re.compile(r"^(?:TOR\s+)?(?:Table|Figure|Annex|Appendix|Box|Chart)\b", re.I)
_MD_RULE = re.compile(r"^\|?\s*:?-{2,}")


# ---------------------------------------------------------------- tables

@dataclass
class _Column:
    kind: str            # "ilo", "undaf", "plan", "sdg", "other"
    title: str
    plan: object = None  # the plans.Plan a plan column names
    quotes: bool = False  # a plan column of excerpts: its rows align with the plan itself


@dataclass
class _Row:
    number: str | None
    line: int
    end_line: int
    cells: dict[int, list[str]] = field(default_factory=dict)

    def add(self, col: int, text: str, line: int) -> None:
        self.cells.setdefault(col, []).append(text)
        self.end_line = max(self.end_line, line)


def cells(line: str) -> list[str] | None:
    """The cells of a tab-separated or markdown table row, else None."""
    if "\t" in line:
        return [clean(c) for c in line.split("\t")]
    stripped = line.strip()
    if stripped.startswith("|") and stripped.count("|") >= 2 and not _MD_RULE.match(stripped):
        return [clean(c) for c in stripped.strip("|").split("|")]
    return None


def may_head(low: str) -> bool:
    """A cheap first look at a lower-cased row: may it head an alignment table?"""
    return any(h in low for h in ILO_COL_HINTS)


def header(r: Reader, row: list[str]) -> list[_Column] | None:
    """The columns of an alignment table's header row, or None when the row is not one."""
    if max(map(len, row)) > _HEADER_CELL_MAX or not may_head(" ".join(row).lower()) or not any(_ILO_COL.search(c) for c in row):
        return None
    cols = []
    for cell in row:
        if _ILO_COL.search(cell) and not _UNDAF_COL.search(cell):
            cols.append(_Column("ilo", cell))
        elif _UNDAF_COL.search(cell):
            cols.append(_Column("undaf", cell))
        elif _SDG_COL.search(cell):
            cols.append(_Column("sdg", cell))
        elif len(cell) < 80 and r.plans and (found := r.plans.find(cell)):
            start, end, plan = found[0]
            cols.append(_Column("plan", cell, plan, quotes=bool(cell[:start].strip() or cell[end:].strip())))
        else:
            cols.append(_Column("other", cell))
    kinds = [c.kind for c in cols]
    if kinds.count("ilo") == 1 and any(k in ("undaf", "plan", "sdg") for k in kinds):
        return cols
    return None


def table(r: Reader, cols: list[_Column], i: int) -> int:
    """Read the rows after a header (at line i, 0-based); the index of the first line after the table."""
    lines, titles = r.doc.lines, {name_key(c.title) for c in cols}
    ilo = next(k for k, c in enumerate(cols) if c.kind == "ilo")
    undaf = next((k for k, c in enumerate(cols) if c.kind == "undaf"), None)
    row: _Row | None = None
    while i < len(lines):
        raw, number = lines[i], i + 1
        row_cells = cells(raw) if ("\t" in raw or "|" in raw) else None
        if row_cells and len(row_cells) > 1:
            _flush(r, cols, row)
            row = None
            if header(r, row_cells) is None:
                _whole_row(r, cols, row_cells, number)
        elif raw.strip():
            if raw.lstrip().startswith("|"):
                i += 1
                continue
            segs = r.by_line.get(number, [])
            if not segs or _CAPTION.match(segs[0].text) or r.major_heading(number):
                break
            for seg in segs:
                row = _linear(r, cols, row, seg, ilo, undaf, titles)
                if row is False:
                    return i
        i += 1
    _flush(r, cols, row or None)
    return i


def _whole_row(r: Reader, cols: list[_Column], row_cells: list[str], number: int) -> None:
    if len(row_cells) != len(cols):
        r.out.warn(number, f"table row has {len(row_cells)} cells, its header has {len(cols)}: row skipped")
        return
    one = _Row(None, number, number)
    for k, cell in enumerate(row_cells):
        one.add(k, cell, number)
    _flush(r, cols, one)


def _linear(r: Reader, cols, row, seg: Segment, ilo: int, undaf: int | None, titles: set[str]):
    """Place one segment of a table flattened into paragraphs; the open row, or False at the table's end."""
    text = seg.text
    if name_key(text) in titles:
        return row
    start = _ROW_START.match(text)
    if start and not re.match(r"^\d{1,2}\.\d", text):
        if row is None or row.number != start.group("n"):
            _flush(r, cols, row)
            row = _Row(start.group("n"), seg.line, seg.line)
        row.add(ilo, text, seg.line)
        return row
    if row is None:
        return False
    if undaf is not None and _UNDAF_CODES.match(text):
        row.add(undaf, text, seg.line)
        return row
    filled = [k for k in row.cells if k != ilo]
    nxt = max(filled + [ilo, undaf if undaf is not None else -1]) + 1
    if nxt >= len(cols):
        _flush(r, cols, row)
        return False
    row.add(nxt, text, seg.line)
    return row


def _flush(r: Reader, cols: list[_Column], row: _Row | None) -> None:
    """Emit the framework entries of one table row and the ILO outcomes' alignment to them."""
    if not row:
        return
    ilo = next(k for k, c in enumerate(cols) if c.kind == "ilo")
    ilo_text = " ".join(row.cells.get(ilo, []))
    sources = _row_outcomes(r, cols[ilo].title, ilo_text)
    quote = " | ".join(" ".join(v) for _, v in sorted(row.cells.items()))
    targets = []
    for k, col in enumerate(cols):
        text = " ".join(row.cells.get(k, []))
        if not text or col.kind in ("ilo", "other"):
            continue
        if col.kind == "undaf":
            targets += [r.undaf_outcome(code, item, row.line, row.end_line, item) for code, item in _coded_items(text)]
        elif col.kind == "sdg":
            targets += [r.sdg(int(g), t, row.line, text) for g, t in sdgs(text)]
        elif col.kind == "plan" and r.country:
            targets += _plan_cell(r, col, text, row)
    if not ilo_text.strip():
        r.out.warn(row.line, "table row without an ILO outcome: its framework entries are kept, no alignment")
    elif not sources:
        r.out.warn(row.line, f"table row names no known ILO outcome ({ilo_text[:40]!r}): no alignment read")
    for source in sources:
        for target in targets:
            r.align(source, target, row.line, quote, row.end_line)


def _row_outcomes(r: Reader, title: str, text: str) -> list[str]:
    codes = [c for c in (outcome_code(m.group(0)) for m in _CODE.finditer(text)) if c]
    found = [r.out.lookup("Outcome", c) for c in dict.fromkeys(codes)]
    start = _ROW_START.match(text)
    if not codes and start:
        label = re.sub(r"\s*\(.*", "", title).rstrip("s ").strip()
        found = [r.out.lookup("Outcome", f"{label} {start.group('n')}")
                 or r.out.lookup("Outcome", f"{start.group('label') or label} {start.group('n')}")]
    return [f for f in found if f]


def _coded_items(text: str) -> list[tuple[str, str]]:
    """(code, text) for each "1.1 Text ..." item run together in one cell."""
    marks = list(_UNDAF_CODES.finditer(text))
    return [(m.group("code"), text[m.end(): marks[k + 1].start() if k + 1 < len(marks) else len(text)].strip())
            for k, m in enumerate(marks)]


def _plan_cell(r: Reader, col: _Column, text: str, row: _Row) -> list[str | None]:
    """The components (or, for excerpts, the plan) that one plan cell names."""
    plan_id = r.plan(col.plan)
    labelled = list(plan_parts.LABELLED.finditer(text))
    if col.quotes and not labelled:
        return [plan_id]
    if labelled:
        return [r.components.add(plan_id, m.group("label"), m.group("n"),
                                 text[m.end(): labelled[k + 1].start() if k + 1 < len(labelled) else len(text)].strip(" :"),
                                 row.line, m.group(0) + text[m.end(): m.end() + 150])
                for k, m in enumerate(labelled)]
    short = plan_parts.short_name(text)
    return [r.components.add(plan_id, short, None, text[:300], row.line, text)] if short else [plan_id]


# ---------------------------------------------------------------- sentences

def sentences(r: Reader) -> None:
    """Alignment a sentence states, from the outcomes it names or the outcomes whose paragraph it follows."""
    headings = {s.line for s in r.doc.sections}
    goal_plan = next((p for p in r.plans.plans.values() if "goals" in p.name.lower()), None) if r.plans else None
    named = set(r.plans.named) if r.plans else set()
    targets = ("SDG", "arget", "UNDAF outcome", *(("MDG", "Millennium") if goal_plan else ()))
    wanted = named.union(r.texts.having(targets))  # the segments that may name what to align with
    segs, texts = r.segs, r.texts.texts
    context: list[str] = []
    labels: list[re.Match] = []  # labelled paragraphs since, not yet looked up
    for k in [k for k, seg in enumerate(segs) if k in wanted or seg.line in headings or _may_label(texts[k])]:
        seg, text = segs[k], texts[k]
        if seg.line in headings:
            context, labels = [], []
        if _may_label(text) and (m := _CONTEXT.match(text)):
            labels.append(m)
        low = r.texts.lows[k]
        if k not in wanted or len(low) != len(text):
            continue
        cues = [m.start() for m in literal_matches(_CUE, low, _CUE_OPENINGS)]  # no cue runs over the end of a sentence
        if not cues:
            continue
        for m in labels:
            context = _context(r, m) or context
        labels = []
        plans = r.plans.find(text) if k in named else []
        start = 0
        for end in [b.start() for b in _SENTENCE.finditer(text)] + [len(text)]:
            cue = next((c for c in cues if start <= c < end), None)
            if cue is not None:
                _sentence(r, seg, cue, start, end, context, plans, goal_plan)
            start = end


def _may_label(text: str) -> bool:
    """A cheap first look: may `text` open with an outcome's label (see _CONTEXT)?"""
    return text[:3].isupper() or text[:1] in "OoCcDd"


def _context(r: Reader, m: re.Match) -> list[str]:
    if m.group("label"):
        found = r.out.lookup("Outcome", m.group("label"))
        return [found] if found else []
    return _outcomes(r, m.group("codes"))


def _outcomes(r: Reader, codes: str) -> list[str]:
    """The known outcomes of "LAO 101/102"-like code runs in `codes`."""
    found = []
    for m in _CODES.finditer(codes):
        prefix, *numbers = re.split(r"\s*/\s*", m.group("codes"))
        found += [outcome_code(prefix)] + [prefix[:3] + n for n in numbers]
    return [o for o in dict.fromkeys(r.out.lookup("Outcome", c) for c in found if c) if o]


def _sentence(r: Reader, seg: Segment, cue: int, start: int, end: int, context: list[str], plans, goal_plan) -> None:
    """The alignment one sentence states after its first cue (at `cue`)."""
    sentence = seg.text[start:end]
    sources = _outcomes(r, sentence) or context
    if not sources:
        return
    tail = seg.text[cue:end]
    targets = [r.sdg(int(g), t, seg.line, sentence) for g, t in sdgs(tail)]
    targets += [r.plan(p) for s, _, p in plans if cue <= s < end]
    targets += [r.out.lookup("UNDAFOutcome", x.group(0)) for x in _UNDAF_NAMED.finditer(tail)]
    if goal_plan:
        targets += [pid for _, pid in plan_parts.goals(r, goal_plan, tail, seg.line)]
    for source in sources:
        for target in targets:
            r.align(source, target, seg.line, sentence.strip())


def sdgs(text: str) -> list[tuple[str, str | None]]:
    """(goal, target or None) for each SDG or SDG target named in `text`."""
    return [(m.group("g") or m.group("g2"), m.group("t") or m.group("t2")) for m in _SDG.finditer(text)] \
        if ("SDG" in text or "arget" in text) else []
