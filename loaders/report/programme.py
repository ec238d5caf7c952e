"""Reader: the country programme under review, its priorities and outcomes, their money and ratings.

What it emits, and the rules it keys on (structure, not positions):

- The programme: a title naming "(ILO) (Decent Work) Country Programme[:] <Country> <YYYY–YYYY>"
  gives a Programme, kind "DWCP" or "country programme", id
  `ids.programme_id("<DWCP|CP>-<ISO3>-<start>-<end>")` (e.g. PROGRAMME/DWCP-KHM-2008-2010), COVERS
  its country (`out.country`, else the title's country, else the outcome code prefix), EVALUATES
  from the evaluation holding the title.
- Coded outcomes: `AAA 123` / `AAA123` where AAA is an ISO 3166 alpha-3 code or an ILO regional
  prefix (RAS, RAF, ...). A *statement* is a code followed by ":" or a dash and text (in a table cell,
  a bold lead, a heading, "Outcome: KHM104 – ..."); the text runs to the next statement in the same
  cell. Text of more than one sentence is a paragraph about the outcome ("LAO104: The ILO has ..."),
  not its statement. Shorthand groups ("LAO 151/153", "LAO126, 127", "KHM 156, 160 and 161") name
  every code; a grouped statement lends its text only to a code that has no statement of its own. A
  code only mentioned keeps the parenthesis after it, else the mention's cleaned text, as its text.
- Kind: a code is a `priority` when printed after "Priority", or when its number is a multiple of 25
  and a code of the same series follows it (the ILO numbering: 100, 125, 150, ..., 800, 825);
  other codes are `country programme outcome`s, PART_OF the priority of their series (the nearest
  priority below them by less than 25), else of the Programme.
- A code whose statements fall into two groups of unrelated wording names two outcomes (a
  renumbering): the group whose wording another code now carries, else the group printed first,
  is the superseded one, id `CODE/<biennium>` with the planning biennium before the latest one the
  report names; the other keeps the plain code. A sentence "... was renumbered/transformed/split
  ... (in)to CODE ..." gives MAPS_TO (basis stated) from the code of that or the previous sentence;
  the same wording under another code gives MAPS_TO (basis inferred).
- DWCP outcomes ("DWCP outcome 2: ...", "country priority outcome 2. ...", "CP outcome 2. ...") are
  uncoded: id `<programme key>/<n>` (e.g. DWCP-KHM-2008-2010/2; without a programme title the key is
  "DWCP-<country or code prefix or file stem>"), code "DWCP outcome <n>"; names
  registered: "DWCP outcome n", "CP outcome n", "country priority outcome n". Uncoded priority
  areas ("Priority area A: ...") take the code printed with the same label elsewhere, else id
  `<programme key>/priority-<label>`. A DWCP outcome is PART_OF the priority printed last before it.
- Mapping tables (after a line "Mapping of ... outcomes"): a DWCP outcome MAPS_TO the coded outcomes
  printed after it, up to the next priority or DWCP outcome (basis stated, evidence the row).
- P&B outcomes ("Outcome 4 in the Programme and Budget for 2020–21", "P&B outcome 4", "enabling
  outcome A", "programme and budget outcomes 1–10"): id `P&B/<biennium>/<n>` when the biennium is
  printed beside it, else `P&B/<n>`; code "P&B outcome <n>" / "P&B enabling outcome <X>".
- Bienniums (even start year, "2008–09"/"2008–2009"): from a table's header cells (per column), a
  row or bullet that is only a biennium (for the rows after it, to the next heading or priority),
  or a biennium just before the code; an outcome gets one when all its occurrences agree.
- Money by outcome: a table captioned "<budget|expenditure|contribution|resources> ... by ...
  outcome" (or "... outcome ... budget") gives one Funding per row naming an outcome: the "Total"
  column, else the first amount column; kind from the caption; period = the caption's years;
  currency USD for "US$". A row naming an outcome whose amount cannot be read is a warning.
- Ratings: "OVERALL SCORE FOR THIS CRITERION: 5 (SATISFACTORY)" rates the Programme on the criterion
  its section names; "AVERAGE SCORE FOR THIS OUTCOME: 4.4 (...)" rates the outcome whose paragraph
  came last before it (criterion "overall"); a "Performance criterion | Score" table rates the
  Programme; a "Performance area | Rating" table rates the outcome stated just before it, one Rating
  per row ("Total score" -> criterion "total", "Average score" -> "overall"). Id `<eval id>/rating/<slug>`.

Sections that suggest priorities for a later programme (a top-level heading, or the line after it,
saying "suggested", "proposed", "future" or "next") are not read for outcomes.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pycountry

from loaders.report import ids
from loaders.report.document import Doc
from loaders.report.out import Out
from loaders.report.quickfacts import countries
from loaders.report.text import clean, quote

# ILO regional and global prefixes that precede outcome numbers besides country codes.
_REGIONAL = {"RAS", "RAF", "RLA", "RER", "RAB", "INT", "GLO"}
PREFIXES = frozenset({c.alpha_3 for c in pycountry.countries} | _REGIONAL)

_DASH = r"–—\-"
_CODE = r"(?P<p>[A-Z]{3})\s?(?P<n>\d{3})"
_GROUP = re.compile(rf"(?<![\w/]){_CODE}\b(?P<more>(?:\s*(?:/|,|&|and)\s*\d{{3}}\b)*)")
_MORE = re.compile(r"\d{3}")
_SEP = re.compile(rf"\s*(?:\*\*)?\s*(?:[:{_DASH}]|\.(?=\s))\s*(?=[A-Za-z\"“(])")
_PRIORITY = re.compile(
    rf"\bPriority(?:\s+area)?\s*(?:(?P<label>[A-Z]|\d{{1,2}})\b\s*(?:[:.)]|[{_DASH}]\s)\s*|(?=[A-Z]{{3}}\s?\d{{3}}\b))")
_DWCP = re.compile(
    rf"\b(?:DWCP|[Cc]ountry priority|CP|[Cc]ountry programme)\s+outcome\s+(?P<n>\d{{1,2}})(?![.,]?\d)\s*[:.){_DASH}]\s*(?=[A-Z])")
_DWCP_NAME = re.compile(r"\b(?:DWCP|[Cc]ountry priority|CP|[Cc]ountry programme)\s+outcome\s+(?P<n>\d{1,2})(?![.,]?\d)")
_NUMBERED = re.compile(r"^(?P<n>\d{1,2})[.)]\s+(?=[A-Z])")
_BIENNIUM = re.compile(rf"\b(?P<a>(?:19|20)\d\d)\s*[{_DASH}/]\s*(?P<b>(?:19|20)?\d\d)\b")
_YEARS = re.compile(rf"\b(?P<a>(?:19|20)\d\d)\s*[{_DASH}]\s*(?P<b>(?:19|20)?\d\d)\b")
_BULLET = re.compile(r"^[\s\-*•▪]+")
_HTML_CELL = re.compile(r"<t[dh]\b[^<>]*>", re.I)
_MD_RULE = re.compile(r"^[\s|:\-]+$")
_TITLE = re.compile(
    rf"(?P<name>(?:ILO\s+)?(?P<dw>Decent\s+Work\s+)?Country\s+Programme|DWCP)\s*(?:for|of|in|:|,)?\s*"
    rf"(?P<country>[A-Z][A-Za-z'’ .]{{1,40}}?)\s*[,(]?\s*(?P<a>(?:19|20)\d\d)\s*[{_DASH}]\s*(?P<b>(?:19|20)?\d\d)")
_FUTURE = re.compile(r"\b(?:suggest\w*|propos\w*|future|next)\b", re.I)
_MAPPING = re.compile(r"^mapping of\b.*\boutcomes?\b", re.I)
_TRANSFORM = re.compile(
    r"\b(?:was|were|has been|have been)\s+(?:renumbered|transformed|divided|split|broken down|merged|replaced|reformulated)\b")
_AUGMENT = re.compile(r"\b(?:and\s+(?:was|were)\s+)?augmented\b|\bin addition\b")
_PAREN = re.compile(r"\([^()]*\)")
_FAST_CODE = re.compile(r"[A-Z][A-Z][A-Z] ?[0-9][0-9][0-9]")  # cheap test before the full patterns
_OUTCOME_NUMBER = re.compile(r"utcome\s+[0-9]")
_TRANSFORM_WORDS = ("renumbered", "transformed", "divided", "split", "broken down", "merged", "replaced",
                    "reformulated")
_SENTENCE_BREAK = re.compile(r"[a-z)][.;:]\s+[A-Z]")
_SENTENCE = re.compile(r"(?<=[.;])\s+(?=[A-Z])")
_PB = re.compile(
    r"\b(?:P&B|[Pp]rogramme and [Bb]udget)\s+(?:policy\s+)?outcomes?\s+(?P<n>\d{1,2})(?:\s*[–-]\s*(?P<m>\d{1,2}))?\b"
    r"|\b[Oo]utcome\s+(?P<n2>\d{1,2})\s+(?:in|of)\s+the\s+[Pp]rogramme\s+and\s+[Bb]udget"
    r"(?:\s+(?:for|of)\s+(?:the\s+)?(?P<bien>(?:19|20)\d\d\s*[–-]\s*\d\d(?:\d\d)?))?"
    r"|\b[Ee]nabling\s+outcome\s+(?P<x>[A-Z])\b(?:\s*:\s*(?P<text>[A-Z][^.]{3,200}))?")
_MONEY_CAPTION = re.compile(
    r"\b(?P<kind>budget|expenditure|contribution|resources|funding)s?\b.{0,60}\b(?:by|per|to)\b.{0,30}\boutcomes?\b"
    r"|\boutcomes?\b.{0,40}\b(?P<kind2>budget|expenditure)", re.I)
_AMOUNT = re.compile(
    r"^\(?\s*(?:US\s*\\?\$|USD|\$)?\s*(?P<num>\d{1,3}(?:[ ,\u00a0]\d{3})+|\d+)(?P<dec>\.\d{1,2})?\s*\)?$")
_BARE_CODE = re.compile(r"^(?P<n>\d{3})\s*[:.\-–]\s*\S")
_CRITERION_SCORE = re.compile(
    r"^OVERALL SCORE FOR THIS CRITERION\s*:\s*(?P<score>\d+(?:\.\d+)?)\s*(?:\((?P<rating>[^)]*)\))?", re.I)
_OUTCOME_SCORE = re.compile(
    r"^(?:AVERAGE|OVERALL) SCORE FOR THIS OUTCOME\s*:\s*(?P<score>\d+(?:\.\d+)?)\s*(?:\((?P<rating>[^)]*)\))?", re.I)
_OUTCOME_LABEL = re.compile(r"^outcome\s*:\s*", re.I)
_CAPTION_RAW = re.compile(r"^[\s*#_]*(?:<[^<>]*>\s*)*(?:table|figure)\s+[\w.]+", re.I)
_STOPWORDS = {"the", "of", "and", "in", "its", "a", "an", "to", "for", "at"}
_TRAILING_SCORE = re.compile(r"^(?P<label>.*\S)\s+(?P<score>\d(?:\.\d{1,2})?)$")
_SCORE = re.compile(r"^\d{1,2}(?:\.\d{1,2})?$")
_AREA_ROW = re.compile(r"^(?:[A-H][.)]\s+\S.*|total score|average score|average)$", re.I)
_LEADING_NUMBER = re.compile(r"^\s*(?:[A-H]|\d{1,2})[.)]\s+")
_KINDS = {"resources": "budget", "funding": "budget"}
PRIORITY = "priority"
CPO = "country programme outcome"
DWCP_OUTCOME = "DWCP outcome"
PB_OUTCOME = "P&B outcome"
SIMILAR = 0.5


@dataclass
class _Occ:
    """One printing of an outcome: a statement (with text) or a mention."""

    key: str  # a code ("KHM156"), "DWCP:2", "PRIO:A" or a P&B key
    line: int
    text: str
    rank: int  # 0 a statement opening its cell, 1 a statement inside a cell, 2 grouped or mentioned
    biennium: str | None = None
    names: tuple[str, ...] = ()


@dataclass
class _Scan:
    """What one pass over the lines found."""

    occs: list[_Occ] = field(default_factory=list)
    priority_seen: set[str] = field(default_factory=set)  # codes printed after "Priority"
    label_code: dict[str, str] = field(default_factory=dict)  # priority label -> code
    parents: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))  # DWCP key -> priority keys
    maps: list[tuple[str, str, int]] = field(default_factory=list)  # (DWCP key, code, line)
    planning: set[str] = field(default_factory=set)  # bienniums named in header cells
    leads: list[tuple[int, list[str]]] = field(default_factory=list)  # (line, keys) of outcome-led cells


def read(doc: Doc, out: Out) -> None:
    """Emit the programme, its outcomes, mappings, money by outcome and ratings that `doc` states."""
    skip = _future_spans(doc)
    scan = _scan(doc, skip)
    prefix = _prefix(scan)
    programme = _programme(doc, out, prefix)
    key = programme[1] if programme else f"DWCP-{out.country or prefix or ids.slug(doc.path.stem)}"
    resolved, versions = _outcomes(out, scan, programme[0] if programme else None, key)
    _transforms(doc, out, resolved, skip)
    _renumbered(out, versions)
    _pb_outcomes(doc, out)
    _money(doc, out, resolved, prefix)
    _ratings(doc, out, scan, resolved, programme[0] if programme else None)


# --- the programme ----------------------------------------------------------------------------


def _programme(doc: Doc, out: Out, prefix: str | None) -> tuple[str, str] | None:
    """Emit the Programme the report's title names; (id, key) or None."""
    found = _title_match(doc, out)
    if not found:
        return None
    m, line = found
    start, end = int(m["a"]), _year(m["a"], m["b"])
    country_name = m["country"].strip(" .,:")
    iso = out.country or _iso(country_name) or prefix
    dwcp = bool(m["dw"]) or m["name"] == "DWCP"
    key = f"{'DWCP' if dwcp else 'CP'}-{iso or ids.slug(country_name).upper()}-{start}-{end}"
    pid = ids.programme_id(key)
    printed = " ".join(m.group(0).split())
    bare = re.sub(r"^ILO\s+", "", printed)
    period = f"{start}–{end}"
    short = "DWCP" if dwcp else "country programme"
    names = [printed, bare, f"{country_name} {short} {period}", f"{short} {period}", f"{country_name} {short}"]
    name = re.sub(r"\s*:\s*", " ", printed)
    ev = [out.evidence(line, line, printed)]
    props = {"name": name, "kind": "DWCP" if dwcp else "country programme", "start_year": start,
             "end_year": end, "aliases": sorted({n for n in names if n != name})}
    if not out.node("Programme", pid, props, ev):
        return None
    out.register("Programme", pid, key, name, *names)
    if iso and out.label(iso) == "Country":
        out.edge("COVERS", pid, iso, ev)
    elif iso:
        cname = next((c[1] for c in countries(country_name) if c[0] == iso), country_name)
        if out.node("Country", iso, {"name": cname}, ev):
            out.edge("COVERS", pid, iso, ev)
    for eid in _evaluations(out, line):
        out.edge("EVALUATES", eid, pid, ev)
    return pid, key


def _title_match(doc: Doc, out: Out) -> tuple[re.Match, int] | None:
    """The first "Country Programme <country> <years>" in the first lines of the report."""
    for number, raw in enumerate(doc.lines[:80], 1):
        if "rogramme" in raw or "DWCP" in raw:
            m = _TITLE.search(clean(raw))
            if m:
                return m, number
    return None


def _iso(name: str) -> str | None:
    found = countries(name)
    return found[0][0] if found else None


def _evaluations(out: Out, line: int) -> list[str]:
    eid = out.evaluation_at(line)
    return [eid] if eid else [s.id for s in out.evaluations[:1]]


def _year(a: str, b: str) -> int:
    return int(b) if len(b) == 4 else int(a[:2] + b)


def _biennium(m: re.Match) -> str | None:
    """"2008-09" for a span of two years starting in an even year, else None."""
    a, b = int(m["a"]), _year(m["a"], m["b"])
    return f"{a}-{b % 100:02d}" if b == a + 1 and a % 2 == 0 else None


# --- scanning ---------------------------------------------------------------------------------


def _future_spans(doc: Doc) -> list[tuple[int, int]]:
    """Line spans of top-level sections about priorities for a later programme."""
    spans = []
    for s in doc.sections:
        if s.level != 1:
            continue
        nxt = next((seg.text for seg in doc.segments_in(s.line + 1, min(s.end_line, s.line + 3))), "")
        if _FUTURE.search(s.title) or (len(nxt) < 160 and _FUTURE.search(nxt)):
            spans.append((s.line, s.end_line))
    return spans


def _cells(raw: str, limit: int | None = None) -> list[str]:
    """The cleaned cells (the first `limit`) of a line: tab-separated, a markdown table row, or HTML cells."""
    if "\t" in raw:
        parts = raw.split("\t")
    elif raw.lstrip().startswith("|"):
        if _MD_RULE.match(raw):
            return []
        parts = raw.strip().strip("|").split("|")
    elif _HTML_CELL.search(raw):
        parts = _HTML_CELL.split(raw)
    else:
        parts = [raw]
    return [_BULLET.sub("", clean(p)) for p in parts[:limit]]


def _scan(doc: Doc, skip: list[tuple[int, int]]) -> _Scan:
    """One pass over the lines: statements, mentions, priorities, bienniums and mapping rows."""
    scan = _Scan()
    headings = {s.line for s in doc.sections if s.level <= 5}
    columns: dict[int, str] = {}
    group: str | None = None
    priority: str | None = None  # the last priority printed (a code or "PRIO:<label>")
    mapping = False
    dwcp: str | None = None  # the DWCP outcome a mapping row continues
    skipped = {n for a, b in skip for n in range(a, b + 1)}
    coded = _code_lines(doc.text)
    for number, raw in enumerate(doc.lines, 1):
        if number in headings:
            group, columns, mapping = None, {}, False
        if number in skipped or not (number in coded or _interesting(raw)):
            continue
        cells = _cells(raw)
        if not cells or not any(cells):
            continue
        joined = " ".join(cells)
        if _MAPPING.match(joined):
            mapping, dwcp = True, None
            continue
        short = len(cells) > 1 or len(joined) <= 80
        bienniums = [_biennium(m) for m in _BIENNIUM.finditer(joined)] if short else []
        has_code = bool(_FAST_CODE.search(joined) and _GROUP.search(joined))
        has_dwcp = "utcome" in joined and bool(_DWCP.search(joined))
        if not has_code and any(bienniums) and not has_dwcp:
            if len(cells) > 1 or len(joined) <= 80:
                scan.planning.update(b for b in bienniums if b)
            if len(cells) > 1:
                columns = {i: b for i, c in enumerate(cells) if (b := _first_biennium(c))}
            elif len(joined) <= 40:
                group = next(b for b in bienniums if b)
            continue
        if len(cells) == 1 and not _is_row(raw):
            columns = {}
        found_priority = False
        for index, cell in enumerate(cells):
            if not cell:
                continue
            if mapping and index == 0 and len(cells) > 1:
                dwcp = _row_start(cell, dwcp)
            bien = columns.get(index) or group
            for occ in _cell_occurrences(cell, number, bien):
                scan.occs.append(occ)
                if occ.key.startswith("PRIO:") or occ.names and occ.names[0].startswith("Priority"):
                    found_priority = True
                    priority = occ.key
                    dwcp = None
                    if not occ.key.startswith("PRIO:"):
                        scan.priority_seen.add(occ.key)
                        for n in occ.names:
                            scan.label_code[ids.name_key(n)] = occ.key
                elif occ.key.startswith("DWCP:"):
                    if priority:
                        scan.parents[occ.key][priority] += 1
                    dwcp = occ.key
                elif mapping and dwcp and occ.rank < 2:
                    scan.maps.append((dwcp, occ.key, number))
            lead = _lead(cell)
            if lead:
                scan.leads.append((number, _keys(lead)))
        if found_priority:
            group = None
        if mapping and not _is_row(raw) and not has_code and not has_dwcp and not found_priority:
            mapping = False
    return scan


def _lead(cell: str) -> re.Match | None:
    """The code group or DWCP outcome a cell opens with ("Outcome: KHM104 – ...", "LAO126/127: ...")."""
    at = _OUTCOME_LABEL.match(cell)
    start = at.end() if at else 0
    return _GROUP.match(cell, start) or _DWCP_NAME.match(cell, start)


def _code_lines(text: str) -> set[int]:
    """The numbers of the lines that may hold an outcome code (one pass over the whole text)."""
    found, line, last = set(), 1, 0
    for m in _FAST_CODE.finditer(text):
        line += text.count("\n", last, m.start())
        last = m.start()
        found.add(line)
    return found


def _interesting(raw: str) -> bool:
    """Whether a line without a code may hold an outcome, a priority, a mapping caption or a biennium header."""
    if "Priority" in raw or "apping of" in raw or "utcome" in raw and _OUTCOME_NUMBER.search(raw):
        return True
    return (len(raw) <= 120 or _is_row(raw)) and bool(_BIENNIUM.search(raw))


def _is_row(raw: str) -> bool:
    return "\t" in raw or raw.lstrip().startswith("|") or bool(_HTML_CELL.search(raw))


def _first_biennium(text: str) -> str | None:
    return next((b for m in _BIENNIUM.finditer(text) if (b := _biennium(m))), None)


def _row_start(cell: str, dwcp: str | None) -> str | None:
    """The DWCP outcome a mapping row belongs to, from its first cell."""
    m = _NUMBERED.match(cell)
    if m:
        return f"DWCP:{int(m['n'])}"
    if _GROUP.search(cell) or _DWCP.search(cell) or _PRIORITY.search(cell):
        return dwcp
    starts_statement = cell[:1].isupper() and len(cell.split()) >= 3
    return None if starts_statement else dwcp


def _keys(m: re.Match) -> list[str]:
    """The outcome keys a code group or a DWCP name stands for."""
    if "p" not in m.re.groupindex:
        return [f"DWCP:{int(m['n'])}"]
    if m["p"] not in PREFIXES:
        return []
    return [m["p"] + m["n"]] + [m["p"] + n for n in _MORE.findall(m["more"] or "")]


def _cell_occurrences(cell: str, line: int, bien: str | None) -> list[_Occ]:
    """The statements and mentions of outcomes in one cleaned cell."""
    starts = []  # (start, text start, keys, rank, names)
    taken: list[tuple[int, int]] = []
    for m in _PRIORITY.finditer(cell) if "Priority" in cell else ():
        label = m["label"]
        g = _GROUP.match(cell, m.end())
        keys = _keys(g) if g else []
        sep = _SEP.match(cell, g.end()) if g else None
        name = (f"Priority area {label}" if "area" in m.group(0) else f"Priority {label}") if label else None
        if keys:
            text_at = sep.end() if sep else g.end()
            starts.append((m.start(), text_at, keys, 0 if m.start() == 0 else 1, ("Priority", name) if name else ("Priority",)))
            taken.append((g.start(), g.end()))
        elif label:
            starts.append((m.start(), m.end(), [f"PRIO:{label}"], 0 if m.start() == 0 else 1, (name,)))
    for m in _DWCP.finditer(cell) if "utcome" in cell else ():
        n = int(m["n"])
        starts.append((m.start(), m.end(), [f"DWCP:{n}"], 0 if m.start() == 0 else 1, _dwcp_names(n, m.group(0))))
    mentions = []
    for g in _GROUP.finditer(cell) if _FAST_CODE.search(cell) else ():
        keys = _keys(g)
        if not keys or any(a <= g.start() < b for a, b in taken):
            continue
        sep = _SEP.match(cell, g.end())
        inline = _inline_biennium(cell[:g.start()])
        if sep:
            rank = 2 if len(keys) > 1 else (0 if g.start() == 0 or inline else 1)
            starts.append((g.start(), sep.end(), keys, rank, ()))
        else:
            mentions.append((g.start(), keys))
    starts.sort()
    occs = []
    for i, (start, text_at, keys, rank, names) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(cell)
        text = _statement(cell[text_at:end])
        if _SENTENCE_BREAK.search(text):  # a paragraph about the outcome, not its statement
            rank = 3
        occ_bien = _inline_biennium(cell[:start]) or bien
        for j, key in enumerate(keys):
            occs.append(_Occ(key, line, text, rank if j == 0 else 2, occ_bien, names))
    for start, keys in mentions:
        for key in keys:
            occs.append(_Occ(key, line, _mention(cell, start), 3, bien))
    return occs


def _dwcp_names(n: int, printed: str) -> tuple[str, ...]:
    lead = printed.split("outcome")[0].strip()
    return (f"DWCP outcome {n}", f"CP outcome {n}", f"country priority outcome {n}", f"{lead} outcome {n}")


def _inline_biennium(before: str) -> str | None:
    """A biennium printed just before a code in its cell ("2006–2007 LAO126: ...")."""
    tail = before[-14:]
    m = _BIENNIUM.search(tail)
    return _biennium(m) if m and not tail[m.end():].strip(" *:") else None


def _statement(text: str) -> str:
    return text.strip(" *:;,–—-").rstrip(".").strip()


def _mention(cell: str, start: int) -> str:
    """A mentioned code's text: the parenthesis after it, else the cell."""
    m = re.match(r"[A-Z]{3}\s?\d{3}\s*\(([^()]{8,})\)", cell[start:])
    return m.group(1).strip() if m else quote(cell)


def _prefix(scan: _Scan) -> str | None:
    counts = Counter(o.key[:3] for o in scan.occs if o.key[:3] in PREFIXES and o.key[3:].isdigit())
    return counts.most_common(1)[0][0] if counts else None


# --- outcomes ---------------------------------------------------------------------------------


def _outcomes(out: Out, scan: _Scan, programme: str | None, key: str) -> tuple[dict[str, str], dict]:
    """Emit the outcomes the scan found; ({key: id of its current version}, {code: [(id, occurrences)]})."""
    by_key: dict[str, list[_Occ]] = defaultdict(list)
    for occ in scan.occs:
        by_key[_canonical(occ.key, scan)].append(occ)
    codes = sorted(k for k in by_key if k[3:].isdigit())
    priorities = {c for c in codes if c in scan.priority_seen or _series_head(c, codes)}
    resolved: dict[str, str] = {}
    versions: dict[str, list[tuple[str, list[_Occ]]]] = {}
    for code in codes:
        versions[code] = _versions(code, by_key[code], by_key, scan.planning)
    for code in codes:
        kind = PRIORITY if code in priorities else CPO
        for vid, occs in versions[code]:
            _emit_outcome(out, vid, code, kind, occs)
        resolved[code] = versions[code][-1][0]
    for k in sorted(k for k in by_key if not k[3:].isdigit()):
        resolved[k] = _emit_uncoded(out, k, by_key[k], key)
    _part_of(out, scan, codes, priorities, versions, resolved, programme)
    _maps(out, scan, versions, resolved, priorities)
    return resolved, versions


def _canonical(key: str, scan: _Scan) -> str:
    """An uncoded priority's key becomes the code printed with its label, when there is one."""
    if key.startswith("PRIO:"):
        label = key[5:]
        name = f"priorityarea{label.lower()}"
        return scan.label_code.get(name) or scan.label_code.get(f"priority{label.lower()}") or key
    return key


def _series_head(code: str, codes: list[str]) -> bool:
    """A multiple of 25 with a code of its series printed after it (LAO125 above LAO126)."""
    n = int(code[3:])
    return n % 25 == 0 and any(c[:3] == code[:3] and n < int(c[3:]) < n + 25 for c in codes)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text.lower())}


def _similar(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    if len(wa) < 3 or len(wb) < 3:
        return True
    return len(wa & wb) / min(len(wa), len(wb)) >= SIMILAR


def _versions(code: str, occs: list[_Occ], by_key: dict, planning: set[str]) -> list[tuple[str, list[_Occ]]]:
    """[(id, occurrences)] of the outcomes a code names, the superseded one first."""
    groups: list[list[_Occ]] = []
    for occ in occs:
        if occ.rank > 0 or len(_words(occ.text)) < 4:
            continue
        home = next((g for g in groups if _similar(g[0].text, occ.text)), None)
        if home is None:
            groups.append([occ])
        else:
            home.append(occ)
    if len(groups) < 2:
        return [(code, occs)]
    old = next((g for g in groups if _carried_by_other(code, g[0].text, by_key)), groups[0])
    rest = [o for o in occs if o not in old]
    current_bien = next((o.biennium for o in rest if o.biennium), None)
    earlier = sorted(b for b in planning if not current_bien or b < current_bien)
    old_bien = (earlier[-2] if not current_bien and len(earlier) > 1 else earlier[-1] if earlier else "old")
    return [(ids.outcome_id(code, old_bien), old), (code, rest)]


def _carried_by_other(code: str, text: str, by_key: dict) -> str | None:
    """Another code printed with this wording (the code a renumbered outcome now has)."""
    for other, occs in by_key.items():
        if other != code and other[3:].isdigit() and any(o.rank == 0 and len(_words(o.text)) >= 4
                                                          and _similar(o.text, text) for o in occs):
            return other
    return None


def _best_text(occs: list[_Occ]) -> _Occ | None:
    stated = [o for o in occs if o.text and o.rank < 3]
    if not stated:
        return occs[0] if occs else None
    top = min(o.rank for o in stated)
    return max((o for o in stated if o.rank == top), key=lambda o: len(o.text))


def _emit_outcome(out: Out, oid: str, code: str, kind: str, occs: list[_Occ]) -> None:
    best = _best_text(occs)
    bienniums = {o.biennium for o in occs if o.biennium}
    biennium = bienniums.pop() if len(bienniums) == 1 and kind != PRIORITY else None
    if oid != code:
        biennium = oid.split("/", 1)[1]
    ev = [out.evidence(o.line, o.line, f"{code}: {o.text}") for o in _evidence_occs(occs, best)]
    props = {"code": code, "text": best.text or code, "kind": kind, "biennium": biennium}
    if out.node("Outcome", oid, props, ev):
        names = [oid] if oid != code else [code, f"{code[:3]} {code[3:]}"]
        out.register("Outcome", oid, *names, *(n for o in occs for n in o.names if n and n != "Priority"))


def _evidence_occs(occs: list[_Occ], best: _Occ) -> list[_Occ]:
    """The best statement first, then a few other printings."""
    seen, chosen = {best.line}, [best]
    for o in occs:
        if o.line not in seen and len(chosen) < 4:
            seen.add(o.line)
            chosen.append(o)
    return chosen


def _emit_uncoded(out: Out, key: str, occs: list[_Occ], programme_key: str) -> str:
    """Emit a DWCP outcome or an uncoded priority area; its id."""
    kind, label = key.split(":", 1)
    best = _best_text(occs)
    if kind == "DWCP":
        oid, code, outcome_kind = f"{programme_key}/{label}", f"DWCP outcome {label}", DWCP_OUTCOME
    else:
        oid, code, outcome_kind = f"{programme_key}/priority-{label}", f"Priority area {label}", PRIORITY
    ev = [out.evidence(o.line, o.line, f"{code}: {o.text}") for o in _evidence_occs(occs, best)]
    if out.node("Outcome", oid, {"code": code, "text": best.text or code, "kind": outcome_kind}, ev):
        out.register("Outcome", oid, code, *(n for o in occs for n in o.names if n))
    return oid


def _part_of(out: Out, scan: _Scan, codes: list[str], priorities: set[str], versions: dict,
             resolved: dict[str, str], programme: str | None) -> None:
    """Outcome -> priority of its series (or printed before it), priority -> programme."""
    for code in codes:
        parent = None if code in priorities else _series_priority(code, priorities)
        target = resolved.get(parent) if parent else programme
        for vid, occs in versions[code]:
            if target and out.label(vid) == "Outcome":
                out.edge("PART_OF", vid, target, [_first_evidence(out, vid)])
    for key, counter in scan.parents.items():
        source = resolved.get(key)
        parent = resolved.get(_canonical(counter.most_common(1)[0][0], scan))
        if source and parent:
            out.edge("PART_OF", source, parent, [_first_evidence(out, source)])
    for key, oid in resolved.items():
        if key.startswith("PRIO:") and programme:
            out.edge("PART_OF", oid, programme, [_first_evidence(out, oid)])
        elif key.startswith("DWCP:") and key not in scan.parents and programme:
            out.edge("PART_OF", oid, programme, [_first_evidence(out, oid)])


def _first_evidence(out: Out, oid: str):
    return out.nodes[oid].evidence[0]


def _series_priority(code: str, priorities: set[str]) -> str | None:
    n = int(code[3:])
    heads = [int(p[3:]) for p in priorities if p[:3] == code[:3] and 0 < n - int(p[3:]) < 25]
    return f"{code[:3]}{max(heads):03d}" if heads else None


def _maps(out: Out, scan: _Scan, versions: dict, resolved: dict[str, str], priorities: set[str]) -> None:
    """DWCP outcome -> each version of the coded outcomes a mapping table prints after it, to a priority."""
    ended = None  # the DWCP outcome whose rows a priority code closed
    for dwcp, code, line in scan.maps:
        if code in priorities:
            ended = dwcp
        if dwcp == ended:
            continue
        ended = None
        source = resolved.get(dwcp)
        for vid, occs in versions.get(code, []):
            if source and any(o.line == line for o in occs):
                ev = [out.evidence(line, line, f"{out.nodes[source].properties['code']} -> {code}")]
                out.edge("MAPS_TO", source, vid, ev, {"basis": "stated"})


def _renumbered(out: Out, versions: dict) -> None:
    """The superseded version of a code -> the code that now carries its wording (inferred)."""
    by_key = {c: [o for _, occs in v for o in occs] for c, v in versions.items()}
    for code, vers in versions.items():
        if len(vers) < 2:
            continue
        old_id, old_occs = vers[0]
        other = _carried_by_other(code, _best_text(old_occs).text, by_key)
        if other and out.label(old_id) == "Outcome":
            target = versions[other][-1][0]
            out.edge("MAPS_TO", old_id, target, [_first_evidence(out, old_id)], {"basis": "inferred"})


# --- stated renumberings ----------------------------------------------------------------------


def _transforms(doc: Doc, out: Out, resolved: dict[str, str], skip: list[tuple[int, int]]) -> None:
    """"CODE (...). This outcome was renumbered to CODE2 ..." -> MAPS_TO, basis stated."""
    if not any(w in doc.text for w in _TRANSFORM_WORDS):
        return
    for seg in doc.segments:
        if not any(w in seg.text for w in _TRANSFORM_WORDS) or not _TRANSFORM.search(seg.text) \
                or any(a <= seg.line <= b for a, b in skip):
            continue
        sentences = _SENTENCE.split(_PAREN.sub(" ", seg.text))
        for i, sentence in enumerate(sentences):
            m = _TRANSFORM.search(sentence)
            if not m:
                continue
            before = _codes(sentence[:m.start()]) or (_codes(sentences[i - 1])[-1:] if i else [])
            after = sentence[m.end():]
            stop = _AUGMENT.search(after)
            targets = _codes(after[:stop.start()] if stop else after)
            ev = [out.evidence(seg.line, seg.line, sentence)]
            for source in before[-1:]:
                source_id = _superseded(out, source, resolved)
                for target in targets:
                    if target != source and target in resolved and source_id:
                        out.edge("MAPS_TO", source_id, resolved[target], ev, {"basis": "stated"})


def _codes(text: str) -> list[str]:
    return [k for g in _GROUP.finditer(text) for k in _keys(g)]


def _superseded(out: Out, code: str, resolved: dict[str, str]) -> str | None:
    """The id of a code's superseded version when it has one, else its id."""
    old = next((i for i in out.nodes if i.startswith(code + "/") and out.label(i) == "Outcome"), None)
    return old or resolved.get(code)


# --- P&B outcomes -----------------------------------------------------------------------------


def _pb_outcomes(doc: Doc, out: Out) -> None:
    """Emit the Programme and Budget outcomes the report cites by number or letter."""
    for seg in doc.segments:
        if "utcome" not in seg.text or not ("udget" in seg.text or "P&B" in seg.text or "nabling" in seg.text):
            continue
        for m in _PB.finditer(seg.text):
            bien = m["bien"] and _first_biennium(m["bien"])
            if m["x"]:
                _pb(out, seg.line, m["x"], "P&B enabling outcome", bien, m["text"], m.group(0))
            else:
                first = int(m["n"] or m["n2"])
                last = int(m["m"] or first)
                for n in range(first, min(last, first + 20) + 1):
                    _pb(out, seg.line, str(n), "P&B outcome", bien, None, m.group(0))


def _pb(out: Out, line: int, label: str, name: str, bien: str | None, text: str | None, printed: str) -> None:
    oid = f"P&B/{bien}/{label}" if bien else f"P&B/{label}"
    code = f"{name} {label}"
    props = {"code": code, "text": (text or "").strip().rstrip(".") or code, "kind": PB_OUTCOME, "biennium": bien}
    if out.node("Outcome", oid, props, [out.evidence(line, line, printed)]):
        out.register("Outcome", oid, code, f"{name.replace('P&B', 'Programme and Budget')} {label}")


# --- money ------------------------------------------------------------------------------------


def _money(doc: Doc, out: Out, resolved: dict[str, str], prefix: str | None) -> None:
    """Funding per outcome from tables captioned as budgets or expenditure by outcome."""
    headings = {s.line for s in doc.sections}
    for number, raw in enumerate(doc.lines, 1):
        if "utcome" not in raw or not (number in headings or _CAPTION_RAW.match(raw)):
            continue
        caption = clean(raw)
        m = _MONEY_CAPTION.search(caption) if len(caption) < 200 else None
        if m:
            kind = (m["kind"] or m["kind2"]).lower()
            _money_table(doc, out, number, caption, _KINDS.get(kind, kind), resolved, prefix)


def _table(lines: list[str], caption: int, limit: int | None = None):
    """Yield the rows (line, cells) of the table after a caption: consecutive row lines, blanks skipped."""
    started = False
    for number in range(caption + 1, min(len(lines), caption + 60) + 1):
        raw = lines[number - 1]
        if not raw.strip():
            if started and number + 1 <= len(lines) and not _is_row(lines[number]):
                return
            continue
        if not _is_row(raw):
            return
        cells = _cells(raw, limit)
        if cells:
            started = True
            yield number, cells


def _money_table(doc: Doc, out: Out, caption_line: int, caption: str, kind: str,
                 resolved: dict[str, str], prefix: str | None) -> None:
    rows = list(_table(doc.lines, caption_line))
    if not rows:
        out.warn(caption_line, f"money table {quote(caption, 60)!r} has no rows")
        return
    header = rows[0][1]
    column = _amount_column(header)
    currency = "USD" if re.search(r"US\s*\\?\$|USD|\$", caption + " ".join(header)) else None
    years = _YEARS.search(caption)
    period = f"{years['a']}-{_year(years['a'], years['b'])}" if years else None
    for line, cells in rows[1:]:
        oid = _row_outcome(out, cells[0], resolved, prefix)
        if not oid:
            continue
        if column is None:
            cell = cells[-1] if len(cells) > 1 else ""
        else:  # a row cut short has no amount where the header puts it
            cell = cells[column] if column < len(cells) else ""
        amount = _amount(cell)
        if amount is None:
            out.warn(line, f"money table row for {oid}: no amount could be read from {quote(cell, 40)!r}")
            continue
        _funding(out, line, oid, amount, currency, kind, period, " | ".join(cells))


def _amount_column(header: list[str]) -> int | None:
    """The index of the "Total" column, else of the first amount-like column after the label."""
    for i, cell in enumerate(header):
        if re.match(r"^total\b", cell, re.I):
            return i
    for i, cell in enumerate(header[1:], 1):
        if cell and "%" not in cell:
            return i
    return None


def _amount(cell: str) -> float | None:
    m = _AMOUNT.match(cell.strip())
    return float(re.sub(r"[ ,\u00a0]", "", m["num"]) + (m["dec"] or "")) if m else None


def _row_outcome(out: Out, label: str, resolved: dict[str, str], prefix: str | None) -> str | None:
    """The outcome a table row names: a code, "102: ..." under the report's prefix, or a DWCP outcome."""
    g = _GROUP.search(label)
    keys = _keys(g) if g else []
    if keys:
        return resolved.get(keys[0])
    bare = _BARE_CODE.match(label)
    if bare and prefix:
        return resolved.get(prefix + bare["n"])
    d = _DWCP_NAME.search(label)
    if d:
        return resolved.get(f"DWCP:{int(d['n'])}")
    return out.lookup("Outcome", label) if label else None


def _funding(out: Out, line: int, oid: str, amount: float, currency: str | None, kind: str,
             period: str | None, row: str) -> None:
    eid = out.evaluation_at(line)
    fid = f"{eid or out.name}/{kind}/{ids.slug(oid)}" + (f"/{period}" if period else "")
    ev = [out.evidence(line, line, row)]
    if out.node("Funding", fid, {"amount": amount, "currency": currency, "kind": kind, "period": period}, ev):
        out.edge("FUNDS", fid, oid, ev)
        if eid:
            out.edge("STATES", eid, fid, ev)


# --- ratings ----------------------------------------------------------------------------------


def _ratings(doc: Doc, out: Out, scan: _Scan, resolved: dict[str, str], programme: str | None) -> None:
    """Criterion scores (programme) and per-outcome scores from score lines and rating tables."""
    leads = scan.leads
    lead_index = 0
    current: list[str] = []
    for number, raw in enumerate(doc.lines, 1):
        while lead_index < len(leads) and leads[lead_index][0] <= number:
            current = leads[lead_index][1]
            lead_index += 1
        if "SCORE FOR" not in raw.upper() if "CORE" in raw or "core for" in raw else \
                not ("Performance" in raw and _is_row(raw)):
            continue
        text = clean(raw)
        if m := _CRITERION_SCORE.match(text):
            criterion = _criterion(doc, number)
            if programme and criterion:
                _rating(out, number, [programme], criterion, m["score"], m["rating"], text)
        elif m := _OUTCOME_SCORE.match(text):
            _rating(out, number, [resolved[k] for k in current if k in resolved], "overall", m["score"],
                    m["rating"], text)
        elif _is_row(raw):
            cells = _cells(raw, 1)
            head = cells[0].lower() if cells else ""
            if head.startswith("performance criterion") and programme:
                _rating_table(doc, out, number, [programme])
            elif head.startswith("performance area"):
                _rating_table(doc, out, number, [resolved[k] for k in current if k in resolved])


def _criterion(doc: Doc, line: int) -> str | None:
    """The title of the innermost numbered section holding `line`."""
    holding = [s for s in doc.sections if s.number and s.line < line <= s.end_line]
    return holding[-1].title if holding else None


def _rating_table(doc: Doc, out: Out, header_line: int, targets: list[str]) -> None:
    """One Rating per row "criterion | score" of the table whose header is at `header_line`."""
    for line, cells in _table(doc.lines, header_line, 3):
        label = cells[0]
        if _lead(label) or label.lower().startswith(("outcome", "performance")) and line > header_line:
            break
        if not _AREA_ROW.match(label) and not _LEADING_NUMBER.match(label) and not label[:1].isupper():
            continue
        inside = _TRAILING_SCORE.match(label)
        if inside and not (len(cells) > 1 and cells[1]):
            label, cells = inside["label"], [inside["label"], inside["score"]]
        score = next((c for c in cells[1:] if c), "")
        if not _SCORE.match(score):
            if score and _AREA_ROW.match(label):
                out.warn(line, f"rating row {quote(label, 40)!r}: no score could be read")
            continue
        criterion = _LEADING_NUMBER.sub("", label).strip(" *")
        criterion = {"total score": "total", "average score": "overall", "average": "overall"}.get(criterion.lower(), criterion)
        _rating(out, line, targets, criterion, score, None, " | ".join(cells[:2]))


def _rating(out: Out, line: int, targets: list[str], criterion: str, score: str, rating: str | None,
            text: str) -> None:
    """One Rating of `targets` (the first names it) on `criterion`."""
    if not targets:
        return
    eid = out.evaluation_at(line)
    owner = "" if out.label(targets[0]) == "Programme" else f"{ids.slug(targets[0])}/"
    words = [w for w in ids.slug(criterion, 200).split("-") if w not in _STOPWORDS]
    rid = f"{eid or out.name}/rating/{owner}{ids.slug('-'.join(words), 40)}"
    ev = [out.evidence(line, line, text)]
    props = {"criterion": criterion, "score": float(score), "rating": rating and rating.strip().lower()}
    if out.node("Rating", rid, props, ev):
        for target in targets:
            out.edge("RATES", rid, target, ev)
        if eid:
            out.edge("STATES", eid, rid, ev)
