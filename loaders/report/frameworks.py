"""Reader: UN frameworks (UNDAF / UNSDCF), their outcomes and money; entry point for plans and alignment.

Runs after `programme` and finds ILO outcomes with `out.lookup("Outcome", ...)`.
`read` runs, over one report: the national plans (`plans`), the UNDAF
outcome statements (here), the tables (alignment tables in `alignment`, money
tables here), plan components in prose (`plan_parts`), and alignment stated
in sentences (`alignment`). It emits:

- `UNDAF` for each framework printed with its period ("UNDAF 2011–2015", "the
  current UNDAF (2007–2011)"), COVERS the report's country; `UNDAFOutcome`s from
  labelled statements ("UNDAF outcome 1.1: ...", "Outcome 1.2: ..." inside a
  section about the framework), from a list introduced as the framework's
  outcomes, and from table cells; an "ILO contribution: ..." paragraph after a
  statement becomes its `ilo_contribution`.
- `NationalPlan` (COVERS the country) and `PlanPriority` (PART_OF its plan).
- `SDG` / `SDGTarget` that alignment names.
- `Funding` (contribution / expenditure / budget) for money tables whose rows
  are UNDAF outcomes, FUNDS the UNDAF outcome, STATES from the evaluation.

Decisions:
- Plans and frameworks are national: without `out.country` none are emitted
  (a warning says so when the report states framework outcomes). SDGs need no
  country.
- An UNDAF outcome belongs to the framework printed (with its period) nearest
  before it in its chapter (the "current" one first), else to the framework
  the report calls current, else to the only one; otherwise it is skipped with
  a warning. Outcomes listed without codes get their list number, or their
  position (1, 2, ...) when the list is not numbered, as `code`; the
  framework-qualified name ("UNDAF 2011-2015 outcome 1") is an alias.
- Every pass looks only at the segments that a scan of the report's texts
  (`plans.Texts`: joined, lower-cased once, each word looked for once) says may
  hold what the pass wants; plan mentions are found once per segment.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import groupby

from loaders.report import alignment, plan_parts
from loaders.report.document import Doc, Section
from loaders.report.ids import slug, undaf_id
from loaders.report.out import Out
from loaders.report.plans import YEAR, DASH, Plan, Plans, Texts, blind_matches, literal_matches, years
from loaders.report.text import Segment, clean

SDG_NAMES = (
    "No poverty", "Zero hunger", "Good health and well-being", "Quality education", "Gender equality",
    "Clean water and sanitation", "Affordable and clean energy", "Decent work and economic growth",
    "Industry, innovation and infrastructure", "Reduced inequalities", "Sustainable cities and communities",
    "Responsible consumption and production", "Climate action", "Life below water", "Life on land",
    "Peace, justice and strong institutions", "Partnerships for the goals",
)
_FRAMEWORK = re.compile(
    rf"\b(?P<current>current\s+)?(?P<kind>UNDAF|UNSDCF|UNDAP|United Nations Development Assistance Framework"
    rf"|(?:United Nations |UN )?Sustainable Development Cooperation Framework)"
    rf"(?:\s+(?:for\s+)?[A-Z][\w']+(?:\s+PDR)?)?\s*\(?(?P<start>{YEAR}){DASH}(?P<end>(?:19|20)?\d{{2}})\b"
)
_FRAMEWORK_OPENINGS = ("current", "UNDAF", "UNSDCF", "UNDAP", "United Nations", "UN ", "Sustainable")  # of each match
_FRAMEWORK_WORD = re.compile(r"\b(?:UNDAF|UNSDCF|UNDAP|Cooperation Framework|Development Assistance Framework)s?\b")
_UNDAF_LABEL = re.compile(
    r"^(?:(?P<fw>UNDAF|UNSDCF|UNDAP|Cooperation Framework)\s+|(?:CP|UN|Country Programme)\s+)?[Oo]utcome\s+"
    r"(?P<code>\d{1,2}(?:\.\d{1,2}){0,2})\s*[:.\-–]\s*(?P<text>\S.*)$"
)
_ITEM_NUMBER = re.compile(r"^\(?(?P<n>\d{1,2})[.)]\s+(?P<text>\S.*)$")
_CONTRIBUTION = re.compile(r"^ILO(?:'s|’s)?\s+contributions?\s*:\s*(?P<text>\S.*)$", re.I)
_MONEY_ROW_LABEL = re.compile(r"^(?:(?P<fw>UNDAF|UNSDCF|UNDAP)\s+)?outcome\s+(?P<code>\d{1,2}(?:\.\d{1,2}){0,2})$", re.I)
_AMOUNT = re.compile(r"^(?:US\s*\$|\$)?\s*(?P<num>\d{1,3}(?:[ ,.\u00a0]\d{3})+|\d+)(?:\.\d{1,2})?$")
_KINDS = (("contribution", re.compile(r"contribut", re.I)), ("expenditure", re.compile(r"expend|spent|disburs", re.I)),
          ("budget", re.compile(r"budget|allocat", re.I)))
_CURRENCY = re.compile(r"US\s*\\?\$|USD|\bUS dollars?\b|(?P<eur>EUR|euros?|€)", re.I)
_YEARS_IN = re.compile(rf"{YEAR}(?:{DASH}\d{{2,4}})?")
_MONEY_HINTS = ("contribut", "expend", "spent", "disburs", "budget", "allocat")
_UNDAF_TITLE = re.compile(r"\b(?:UNDAF|UNSDCF|UNDAP|cooperation\s+framework)\b", re.I)


class Reader:
    """What the frameworks passes share over one report: its segments, plans, and the emitters."""

    def __init__(self, doc: Doc, out: Out):
        self.doc, self.out = doc, out
        self.country = out.country
        self.segs = doc.segments
        self.texts = Texts([seg.text for seg in self.segs])
        self.by_line = {line: list(segs) for line, segs in groupby(self.segs, key=lambda seg: seg.line)}
        self._major = {s.line for s in doc.sections if s.level <= 3}
        self.plans = Plans(self.segs, self.texts, out) if self.country else None
        self.components = plan_parts.Components(out)
        self.frameworks = _frameworks(self.segs, self.texts)
        self.emitted_plans: set[str] = set()
        self.warned_country = False

    def major_heading(self, line: int) -> bool:
        return line in self._major

    def framework_at(self, line: int) -> str | None:
        """The id of the framework an outcome at `line` belongs to (emitted on first use), or None."""
        if not self.country:
            self._no_country(line)
            return None
        chapter = _chapter(self.doc.sections, line)
        near = [f for f in self.frameworks if chapter and chapter.line <= f[0] <= line]
        pick = (next((f for f in reversed(near) if f[1]), None) or (near[-1] if near else None)
                or next((f for f in self.frameworks if f[1]), None)
                or (self.frameworks[0] if len({f[2] for f in self.frameworks}) == 1 else None))
        if pick is None:
            return None
        fid = undaf_id(self.country, pick[4], pick[5])
        if fid not in self.out.nodes:
            ev = [self.out.evidence(pick[0], pick[0], pick[3])]
            if self.out.node("UNDAF", fid, {"name": pick[2], "start_year": pick[4], "end_year": pick[5]}, ev):
                self.out.edge("COVERS", fid, self.country, ev)
        return fid

    def _no_country(self, line: int) -> None:
        if not self.warned_country:
            self.warned_country = True
            self.out.warn(line, "frameworks: the report is not about one country; UNDAF outcomes and national plans skipped")

    def undaf_outcome(self, code: str, text: str, line: int, end_line: int, quote: str) -> str | None:
        fid = self.framework_at(line)
        if fid is None:
            if self.country:
                self.out.warn(line, f"UNDAF outcome {code}: no framework period found for it; skipped")
            return None
        oid = f"{fid}/{code}"
        ev = [self.out.evidence(line, end_line, quote)]
        qualified = f"{self.out.nodes[fid].properties['name']} outcome {code}"
        if self.out.node("UNDAFOutcome", oid, {"code": code, "text": text, "aliases": [qualified]}, ev):
            self.out.edge("PART_OF", oid, fid, ev)
            self.out.register("UNDAFOutcome", oid, qualified, f"UNDAF outcome {code}")
            return oid
        return None

    def plan(self, plan: Plan) -> str:
        if plan.id not in self.emitted_plans:
            self.emitted_plans.add(plan.id)
            ev = [self.out.evidence(line, line, text) for line, text in plan.lines[:2]]
            props = {"name": plan.name, "acronym": plan.acronym, "period": plan.period, "aliases": plan.aliases}
            if self.out.node("NationalPlan", plan.id, props, ev):
                self.out.edge("COVERS", plan.id, self.country, ev)
        return plan.id

    def sdg(self, goal: int, target: str | None, line: int, quote: str) -> str | None:
        if not 1 <= goal <= 17:
            return None
        ev = [self.out.evidence(line, line, quote)]
        gid = f"SDG{goal}"
        self.out.node("SDG", gid, {"number": goal, "name": SDG_NAMES[goal - 1]}, ev)
        if not target:
            return gid
        tid = f"SDG{goal}.{target}"
        if self.out.node("SDGTarget", tid, {"code": f"{goal}.{target}"}, ev):
            self.out.edge("PART_OF", tid, gid, ev)
        return tid

    def align(self, source: str, target: str | None, line: int, quote: str, end_line: int | None = None) -> None:
        if target:
            self.out.edge("ALIGNS_WITH", source, target, [self.out.evidence(line, end_line or line, quote)],
                          {"basis": "stated"})


def read(doc: Doc, out: Out) -> None:
    """Emit the frameworks, plans and alignment links that `doc` states into `out`."""
    reader = Reader(doc, out)
    if reader.plans:
        for plan in reader.plans.plans.values():
            reader.plan(plan)
    _undaf_statements(reader)
    _tables(reader)
    if reader.plans:
        plan_parts.read(reader)
    alignment.sentences(reader)


def _frameworks(segs: list[Segment], texts: Texts) -> list[tuple[int, bool, str, str, int, int]]:
    """(line, current, name, text, start, end) for each framework printed with its period."""
    found = []
    for k in texts.having(("UND", "UNSDCF", "Framework")):
        seg, text = segs[k], texts.texts[k]
        for m in literal_matches(_FRAMEWORK, text, _FRAMEWORK_OPENINGS):
            kind = "UNSDCF" if "Cooperation" in m.group("kind") or m.group("kind") == "UNSDCF" else (
                "UNDAP" if m.group("kind") == "UNDAP" else "UNDAF")
            start, end = int(m.group("start")), int(years(m.group("start"), m.group("end"))[5:])
            found.append((seg.line, bool(m.group("current")), f"{kind} {start}-{end}", text, start, end))
    return found


def _chapter(sections: list[Section], line: int) -> Section | None:
    """The innermost section of level 1 or 2 holding `line`."""
    holding = [s for s in sections if s.level <= 2 and s.line <= line <= s.end_line]
    return max(holding, key=lambda s: s.line) if holding else None


# ---------------------------------------------------------------- UNDAF outcome statements

def _undaf_statements(r: Reader) -> None:
    """Labelled UNDAF outcomes ("UNDAF outcome 1.1: ...") and lists introduced as a framework's outcomes."""
    segs = r.segs
    in_framework = _framework_sections(r.doc.sections)
    last: str | None = None  # the outcome a following "ILO contribution:" belongs to
    starts = r.texts.having(("utcome",))  # a statement or a list's introduction names "outcome(s)"
    i = 0
    while i < len(segs):
        if last is None:  # nothing pending: go to the next segment that may start something
            at = bisect_left(starts, i)
            if at == len(starts):
                break
            i = starts[at]
        seg = segs[i]
        text = seg.text
        m = _UNDAF_LABEL.match(text) if "utcome" in text[:40] else None
        if m and (m.group("fw") or in_framework(seg.line)):
            last = r.undaf_outcome(m.group("code"), m.group("text"), seg.line, seg.line, text)
        elif last and text[:3].upper() == "ILO" and (c := _CONTRIBUTION.match(text)):
            r.out.nodes[last].properties.setdefault("ilo_contribution", c.group("text"))
            r.out.nodes[last].evidence.append(r.out.evidence(seg.line, seg.line, text))
            last = None
        elif text.endswith(":") and "outcomes" in text and _FRAMEWORK_WORD.search(text):
            i = _outcome_list(r, segs, i + 1)
            continue
        else:
            last = None if text and not seg.bullet and len(text) > 200 else last
        i += 1


def _framework_sections(sections: list[Section]):
    spans = [(s.line, s.end_line) for s in sections
             if ("UN" in s.title or "Framework" in s.title) and _FRAMEWORK_WORD.search(s.title)]
    return lambda line: any(a <= line <= b for a, b in spans)


def _outcome_list(r: Reader, segs: list[Segment], i: int) -> int:
    """Read the items of a list of framework outcomes starting at segs[i]; the index after it."""
    position = 0
    headings = {s.line for s in r.doc.sections}
    bullets = i < len(segs) and segs[i].bullet
    while i < len(segs) and (segs[i].bullet if bullets else _ITEM_NUMBER.match(segs[i].text)):
        seg = segs[i]
        if seg.line in headings:
            break
        position += 1
        m = _UNDAF_LABEL.match(seg.text)
        n = _ITEM_NUMBER.match(seg.text)
        if m:
            code, text = m.group("code"), m.group("text")
        else:
            code, text = (n.group("n"), n.group("text")) if n else (str(position), seg.text)
            head, sep, _ = text.partition(":")
            text = head if sep and len(head) <= 100 else text
        r.undaf_outcome(code, text.strip(), seg.line, seg.line, seg.text)
        i += 1
    return i


# ---------------------------------------------------------------- tables

def _tables(r: Reader) -> None:
    """Each table row that heads an alignment table or a money table, read with the rows after it."""
    lines = r.doc.lines
    i = 0
    for k, money in _table_heads(lines):
        cells = alignment.cells(lines[k]) if k >= i else None
        if cells and len(cells) > 1:
            cols = alignment.header(r, cells)
            if cols:
                i = alignment.table(r, cols, k + 1)
            elif money and _money_header(cells):
                i = _money_table(r, cells, k)


def _table_heads(lines: list[str]) -> list[tuple[int, bool]]:
    """(index, may head a money table) of each table row that may head an alignment or a money table (a cheap look)."""
    heads = []
    for k, low in [(k, line.lower()) for k, line in enumerate(lines) if "\t" in line or "|" in line]:
        money = ("19" in low or "20" in low) and any(h in low for h in _MONEY_HINTS)
        if money or alignment.may_head(low):
            heads.append((k, money))
    return heads


def _money_header(cells: list[str]) -> bool:
    return any(_YEARS_IN.search(c) and any(p.search(c) for _, p in _KINDS) for c in cells)


def _money_table(r: Reader, header: list[str], i: int) -> int:
    """Funding from a table whose rows are UNDAF outcomes and whose columns are years of money."""
    lines = r.doc.lines
    caption = next((clean(lines[j]) for j in range(i - 1, max(i - 4, -1), -1) if lines[j].strip()), "")
    c = next(iter(blind_matches(_CURRENCY, caption + " " + " ".join(header), ("us", "eur", "€"))), None)
    currency = "EUR" if c and c.group("eur") else ("USD" if c else None)
    j = i + 1
    while j < len(lines) and (cells := alignment.cells(lines[j])):
        m = _MONEY_ROW_LABEL.match(cells[0])
        if m and (m.group("fw") or _UNDAF_TITLE.search(caption)):
            _money_row(r, header, cells, m.group("code"), j + 1, currency, caption)
        elif len(cells) != len(header):
            r.out.warn(j + 1, f"money table row has {len(cells)} cells, its header has {len(header)}: row skipped")
        j += 1
    return j


def _money_row(r: Reader, header: list[str], cells: list[str], code: str, line: int, currency, caption: str) -> None:
    oid = r.undaf_outcome(code, cells[0], line, line, "\t".join(cells))
    evaluation = r.out.evaluation_at(line)
    for title, cell in zip(header[1:], cells[1:]):
        amount = _AMOUNT.match(cell)
        kind = next((k for k, p in _KINDS if p.search(title)), None) or next((k for k, p in _KINDS if p.search(caption)), None)
        if not (oid and amount and kind) or "%" in title:
            continue
        period = (y.group(0) if (y := _YEARS_IN.search(title)) else None)
        value = float(re.sub(r"[ ,.\u00a0]", "", amount.group("num")))
        fid = f"FUNDING/{oid}/{kind}/{period or slug(title)}"
        ev = [r.out.evidence(line, line, f"{cells[0]}: {title} {cell}")]
        if r.out.node("Funding", fid, {"amount": value, "currency": currency, "kind": kind, "period": period}, ev):
            r.out.edge("FUNDS", fid, oid, ev)
            if evaluation:
                r.out.edge("STATES", evaluation, fid, ev)
