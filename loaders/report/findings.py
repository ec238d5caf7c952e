"""What reports that are not QUICK FACTS summaries conclude: recommendations and what hangs on them.

`read` emits, into the evaluation governing each line (`Out.evaluation_at`):
Recommendations (MAKES; a lettered sub-item PART_OF its number), the units a
recommendation is addressed to (ADDRESSED_TO), the Office's response to each
(ManagementResponse, HAS_RESPONSE), lessons learned and good practices
(IDENTIFIES), the ILO conventions cited (REFERS_TO) and ratings by criterion
stated as a table (Rating, STATES).

Decisions:
- A recommendation is found by its marker wherever it is printed ("Recommendation 4:",
  a "Recommendation 4" heading, "Recommendation 4a"), or, in a section about
  recommendations that has no such marker, as a numbered list ("1." / "1)" /
  bold numbers, lettered sub-items). The same number printed more than once in
  one evaluation (executive summary, body, conclusions) is ONE node whose
  evidence lists every printing, the one inside a section about
  recommendations first; its text is that printing's. Unnumbered
  "Recommendation:" paragraphs are matched to the numbered ones in order when
  there are as many of each (else, with no numbered ones, numbered in order).
- Ids: `<evaluation id>/R<number>`, `<evaluation id>/R4a` for a sub-item,
  `<recommendation id>/response` for the Office's response,
  `<evaluation id>/LL<n>` and `/GP<n>` as the summary reader has them,
  `<evaluation id>/rating/<criterion slug>`.
- Responsible units ("ENTERPRISES, Deputy Director-General for Policy (DDG/P)
  ...") are split into organisations: "Name (ACRONYM)" pairs first, then the
  rest at commas and "and"; lowercase words around a name ("regional
  offices", "project offices", "in particular") and plural acronyms (DWTs)
  are generic and dropped. A unit is looked up among the organisations already
  emitted; a new one gets `ids.organisation_id`, the name the report defines
  for its acronym, and a kind from its words.
- A response's status is read from its wording (partly agrees -> partially
  accepted, agrees/accepts/welcomes -> accepted, does not agree -> not accepted).
- A convention is cited as "... Convention, 1999 (No. 182)" (then its name is
  kept), "Convention(s) No. 87 (and No. 98)" or "C182"; REFERS_TO comes from the
  recommendation printed there, else from the evaluation.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict

from loaders.report import lessons, quickfacts, recommendations
from loaders.report.document import Doc
from loaders.report.ids import convention_id, organisation_id, slug
from loaders.report.out import Out
from loaders.report.recommendations import MARKER, Occurrence
from loaders.report.text import clean

_RECS_TITLE = re.compile(r"\brecommendations?\b", re.I)
_LESSON_KINDS = {"lessons", "practices", "mixed"}

_STATUSES = (
    (re.compile(r"\b(?:partly|partially|in part)\s+(?:agrees?|accept(?:s|ed)?|supports?)\b|\baccepts?\b.{0,40}\bpartially\b",
                re.I), "partially accepted"),
    (re.compile(r"\b(?:does|do)\s+not\s+(?:agree|accept|support)|\b(?:disagrees?|rejects?|not accepted)\b", re.I),
     "not accepted"),
    (re.compile(r"\b(?:agrees?|accepts?|accepted|welcome[sd]?|endorses?)\b", re.I), "accepted"),
)

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]*(?:[/&\-–][A-Za-z0-9]+)*s?$")
_PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,}s$")
_PIECES = re.compile(r"(,\s*|\s+and\s+)")
_PLAIN_SPLIT = re.compile(r",|;|\s+and\s+|\s+&\s+")
_PAREN = re.compile(r"\(([^()]*)\)")
_CONNECTORS = {"and", "for", "of", "the", "on", "in", "to", "&", "de", "del", "la"}
_HEAD_NOUNS = {"branch", "unit", "office", "team", "department", "section", "division", "service", "bureau",
               "committee", "programme"}
_KINDS = (
    ("government", re.compile(r"\b(?:Ministry|Minister|Government|Ministries)\b")),
    ("employers", re.compile(r"\b(?:Employers'?|Chamber of Commerce|Business)\b(?!.*\bBureau\b)")),
    ("workers", re.compile(r"\b(?:Trade Unions?|Workers'?|Labour Federation)\b(?!.*\bBureau\b)")),
    ("ILO unit", re.compile(
        r"\b(?:ILO|Department|Bureau|Branch|Unit|Office|Team|Cabinet|Library|Director-General|DDG|DWT|Programming)\b"
        r"|^(?:ENTERPRISES|ACTRAV|ACT/EMP|PARDEV|EVAL|PROGRAM|RESEARCH|STATISTICS|INFOTEC|SOCPRO|EMPLOYMENT"
        r"|MULTILATERALS|NORMES|GOVERNANCE|FUNDAMENTALS|SECTOR|WORKQUALITY|INWORK|MIGRANT|GED|ILOAIDS|HRD"
        r"|FINANCE|DCOMM|ROLAC|ROAP|ROAF|ROAS|ROECA|CABINET|ITCILO)\b")),
)

_CONVENTION_NAMED = re.compile(
    r"(?P<name>(?:[A-Z][A-Za-z'’-]*|\([A-Z][^()]{0,60}\))(?:\s+(?:[A-Z][A-Za-z'’-]*|\([A-Z][^()]{0,60}\)|and|of|on|for|the|in|to))*?"
    r"\s+Convention),?\s*(?P<year>(?:18|19|20)\d{2})?\s*\(No\.?\s*(?P<number>\d{1,3})\)")
_CONVENTION_LEAD = re.compile(r"^(?:(?:ratification|ratifying|ratify|implementation|implementing|application|"
                              r"applying|promotion|support|the|and|of|to|on)\s+)+", re.I)
_CONVENTION_NUMBERS = re.compile(
    r"\bConventions?\s*\(?\s*(?P<list>Nos?\.?\s*\d{1,3}(?:\s*(?:,|and|&|or)\s*(?:No\.?\s*)?\d{1,3})*)")
_C_CODE = re.compile(r"(?<![\w/.\-])C(?P<number>\d{2,3})(?![\w/])")
_NUMBER = re.compile(r"\d{1,3}")
_C_CITE = re.compile(r"C\d\d")  # a "C182" when no word character comes before it
CONVENTION_MAX = 200  # the ILO has adopted 190 conventions (2019); higher numbers are not conventions
QUOTE_CONTEXT = 90

_RATING_CAPTION = re.compile(r"^[\s►*#]*(?:figure|table|chart)\b.*\b(?:ratings?|scoring|by criteri)", re.I)
_SCALE = re.compile(r"\b(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2})\b")


def read(doc: Doc, out: Out) -> None:
    """Emit the recommendations, responses, lessons, conventions and ratings of a report that is not a summary."""
    if out.summary:
        return
    headings = {s.line: (s.title, s.level) for s in doc.sections}
    tables, warnings = recommendations.tables(doc.lines)
    for line, message in warnings:
        out.warn(line, message)
    found = recommendations.occurrences(doc.segments, headings, tables)
    found += _numbered_lists(doc, out, headings, found)
    printed = _recommendations(doc, out, [o for o in found if not o.response])
    _responses(out, [o for o in found if o.response])
    _lessons(doc, out)
    _conventions(doc, out, printed)
    _ratings(doc, out)


# --- recommendations -------------------------------------------------------------

def _numbered_lists(doc: Doc, out: Out, headings, found: list[Occurrence]) -> list[Occurrence]:
    """Numbered recommendations in sections about recommendations that print no "Recommendation N" marker."""
    marked = sorted(o.line for o in found)
    lists: list[Occurrence] = []
    done = 0
    for section in doc.sections:
        if (section.line <= done or not _RECS_TITLE.search(section.title) or MARKER.match(section.title)
                or _holds(marked, section.line, section.end_line)):
            continue
        done = section.end_line
        body = [seg for seg in doc.body(section) if seg.line not in headings]
        recs, warnings = recommendations.parse(body)
        for line, message in warnings:
            out.warn(line, message)
        lists.extend(Occurrence(**vars(rec)) for rec in recs)
    return lists


def _holds(sorted_lines: list[int], first: int, last: int) -> bool:
    i = bisect.bisect_left(sorted_lines, first)
    return i < len(sorted_lines) and sorted_lines[i] <= last


def _recommendations(doc: Doc, out: Out, found: list[Occurrence]) -> list[tuple[int, int, str]]:
    """Emit one Recommendation per evaluation and number; return (line, end_line, id) of every printing."""
    groups: dict[tuple[str, str], list[Occurrence]] = defaultdict(list)
    unnumbered: dict[str, list[Occurrence]] = defaultdict(list)
    for occ in found:
        eval_id = out.evaluation_at(occ.line)
        if eval_id is None:
            out.warn(occ.line, f"recommendation {occ.number or ''} outside any evaluation: skipped".replace("  ", " "))
        elif occ.number is None:
            unnumbered[eval_id].append(occ)
        else:
            groups[(eval_id, occ.number)].append(occ)
    for eval_id, occs in unnumbered.items():
        _match_unnumbered(eval_id, occs, groups, out)
    in_recs = [(s.line, s.end_line) for s in doc.sections if _RECS_TITLE.search(s.title) and not MARKER.match(s.title)]
    printed = []
    for (eval_id, number), occs in groups.items():
        rec_id = _emit_recommendation(eval_id, number, occs, in_recs, doc, out)
        if rec_id:
            printed.extend((o.line, o.end_line, rec_id) for o in occs)
    return sorted(printed)


def _match_unnumbered(eval_id: str, occs: list[Occurrence], groups, out: Out) -> None:
    numbers = sorted((n for (e, n) in groups if e == eval_id and n.isdigit()), key=int)
    if not numbers:
        numbers = [str(i) for i in range(1, len(occs) + 1)]
    elif len(numbers) != len(occs):
        for occ in occs:
            out.warn(occ.line, f"unnumbered recommendation: {len(occs)} of them for {len(numbers)} numbered ones, "
                               "so it is not matched to a number")
        return
    for number, occ in zip(numbers, occs):
        groups[(eval_id, number)].append(occ)


def _emit_recommendation(eval_id: str, number: str, occs: list[Occurrence], in_recs, doc: Doc, out: Out) -> str | None:
    with_text = [o for o in occs if o.text]
    if not with_text:
        out.warn(occs[0].line, f"recommendation {number} has no text: skipped")
        return None
    primary = next((o for o in with_text if any(a <= o.line <= b for a, b in in_recs)), with_text[0])
    ordered = [primary] + sorted((o for o in occs if o is not primary), key=lambda o: o.line)
    fields = {}
    for occ in ordered:
        for key, value in occ.fields.items():
            fields.setdefault(key, value)
    rec_id = f"{eval_id}/R{number}"
    props = {"number": number, "text": primary.text, "heading": primary.heading,
             **{key: value.value for key, value in fields.items()}}
    ev = [out.evidence(o.line, o.end_line, o.text or f"Recommendation {number}") for o in ordered]
    if not out.node("Recommendation", rec_id, props, ev):
        return None
    out.edge("MAKES", eval_id, rec_id, ev[:1])
    if primary.parent:
        out.edge("PART_OF", rec_id, f"{eval_id}/R{primary.parent}", ev[:1])
    if "responsible" in fields:
        _addressed_to(rec_id, fields["responsible"], doc, out)
    return rec_id


def _responses(out: Out, found: list[Occurrence]) -> None:
    for occ in found:
        rec_id = f"{out.evaluation_at(occ.line)}/R{occ.number}"
        if out.label(rec_id) != "Recommendation":
            out.warn(occ.line, f"response to recommendation {occ.number}, which was not found: skipped")
        elif not occ.text:
            out.warn(occ.line, f"response to recommendation {occ.number} has no text: skipped")
        else:
            ev = [out.evidence(occ.line, occ.end_line, occ.text)]
            response_id = f"{rec_id}/response"
            if out.node("ManagementResponse", response_id, {"text": occ.text, "status": status(occ.text)}, ev):
                out.edge("HAS_RESPONSE", rec_id, response_id, ev)


def status(text: str) -> str | None:
    """accepted / partially accepted / not accepted, as the response's wording says, else None."""
    return next((value for rx, value in _STATUSES if rx.search(text)), None)


# --- the units a recommendation is addressed to ------------------------------------

def _addressed_to(rec_id: str, field: recommendations.Field, doc: Doc, out: Out) -> None:
    ev = [out.evidence(field.line, field.end_line, field.value)]
    for name, acronym in responsible_units(field.value):
        org_id = _organisation(name, acronym, doc, out, ev)
        if org_id:
            out.edge("ADDRESSED_TO", rec_id, org_id, ev)


def responsible_units(text: str) -> list[tuple[str | None, str | None]]:
    """(name, acronym) of each unit a "Responsible unit" value names; generic groups are left out."""
    units: list[tuple[str | None, str | None]] = []
    pos = 0
    for m in _PAREN.finditer(text):
        inner, before = m.group(1).strip(), text[pos:m.start()]
        if _ACRONYM.match(inner):
            head, name = _name_for(before, inner)
            units += _plain_units(head)
            if not _PLURAL_ACRONYM.match(inner):
                units.append((name, inner))
        else:
            units += _plain_units(before) + _plain_units(inner)
        pos = m.end()
    units += _plain_units(text[pos:])
    return list(dict.fromkeys(units))


def _name_for(before: str, acronym: str) -> tuple[str, str | None]:
    """(text left before the name, the name) for an acronym printed after `before`."""
    words = before.split()
    start = len(words)
    while start > 0 and _name_word(words[start - 1], start == len(words)):
        start -= 1
    run = " ".join(words[start:]).strip(" ,;")
    parts = _PIECES.split(run)  # piece, separator, piece, ...
    pieces = list(range(0, len(parts), 2))
    allowed = []
    for k in reversed(pieces):
        if _ACRONYM.match(parts[k].strip()) and allowed:
            break
        allowed.append(k)
    choice = next((k for k in allowed if _lead(parts[k])[:1].upper() == acronym[:1]), None)
    if choice is None:  # no piece starts with the acronym's letter: the last comma-separated piece
        choice = next((k for k in allowed if k == 0 or parts[k - 1].startswith(",")), allowed[-1] if allowed else 0)
    name = _lead("".join(parts[choice:]))
    head = " ".join(words[:start]) + " " + "".join(parts[:choice])
    return head, name or None


def _name_word(word: str, last: bool) -> bool:
    bare = word.strip(",;")
    return bool(bare) and (bare[0].isupper() or bare in _CONNECTORS or (last and bare.lower() in _HEAD_NOUNS))


def _lead(text: str) -> str:
    """`text` from its first capitalised word on (connectors and lowercase words before it dropped)."""
    words = text.split()
    while words and (not words[0][0].isupper() or words[0] == "The"):
        words.pop(0)
    return " ".join(words).strip(" ,;")


def _plain_units(text: str) -> list[tuple[str | None, str | None]]:
    units = []
    for piece in _PLAIN_SPLIT.split(text):
        words = piece.split()
        while words and not words[0][0].isupper():
            words.pop(0)
        while words and not words[-1][0].isupper():
            words.pop()
        if words and words[0] == "ILO" and len(words) > 1 and all(_ACRONYM.match(w) for w in words[1:]):
            words.pop(0)
        if not words:
            continue
        if all(_ACRONYM.match(w) for w in words):
            units += [(None, w) for w in words if not _PLURAL_ACRONYM.match(w)]
        elif not quickfacts.countries(" ".join(words)):  # a country left over from a name cut at its commas

            units.append((" ".join(words), None))
    return units


def _organisation(name: str | None, acronym: str | None, doc: Doc, out: Out, ev) -> str | None:
    """The id of the organisation known by this name or acronym, emitted first when new."""
    if acronym and not name:
        name = defined_name(doc.text, acronym) or acronym
    known = (acronym and out.lookup("Organization", acronym)) or out.lookup("Organization", name)
    if known:
        return known if out.label(known) == "Organization" else None
    org_id = organisation_id(acronym, name)
    props = {"name": name, "acronym": acronym, "kind": kind(name, acronym)}
    if not org_id or not out.node("Organization", org_id, props, ev):
        return None
    out.register("Organization", org_id, name, acronym)
    return org_id


def defined_name(text: str, acronym: str) -> str | None:
    """The name a report prints before "(ACRONYM)", or None."""
    at = text.find(f"({acronym})")
    if at < 0:
        return None
    line_start = text.rfind("\n", 0, at) + 1
    _, name = _name_for(text[max(line_start, at - 150):at], acronym)
    return name if name and name != acronym else None


def kind(name: str, acronym: str | None) -> str | None:
    """The kind of organisation its name says (government, employers, workers, ILO unit), or None."""
    for value, rx in _KINDS:
        if rx.search(name) or (acronym and rx.search(acronym)):
            return value
    return None


# --- lessons, conventions, ratings -------------------------------------------------

def _lessons(doc: Doc, out: Out) -> None:
    """Lessons learned and good practices under their own headings, outside annexes."""
    annexes = [(s.line, s.end_line) for s in doc.sections if s.kind == "other"]
    done = 0
    for section in doc.sections:
        if section.kind not in _LESSON_KINDS or section.line <= done or any(a <= section.line <= b for a, b in annexes):
            continue
        done = section.end_line
        eval_id = out.evaluation_at(section.line)
        items, warnings = lessons.parse(doc.segments_in(section.line, section.end_line))
        for line, message in warnings:
            out.warn(line, message)
        for item in items:
            item_id = f"{eval_id}/{'LL' if item.label == 'Lesson' else 'GP'}{item.number}"
            ev = [out.evidence(item.line, item.end_line, item.text)]
            if eval_id and out.node(item.label, item_id, {"number": item.number, "text": item.text}, ev):
                out.edge("IDENTIFIES", eval_id, item_id, ev)


def _conventions(doc: Doc, out: Out, printed: list[tuple[int, int, str]]) -> None:
    """Convention nodes for the conventions cited, REFERS_TO from the recommendation or evaluation citing them."""
    starts = [p[0] for p in printed]
    citing = _citing_lines(doc.text)
    for seg in doc.segments:
        if seg.line not in citing:
            continue
        for number, name, start, end in conventions(seg.text):
            source = _printed_at(printed, starts, seg.line) or out.evaluation_at(seg.line)
            text = seg.text[max(0, start - QUOTE_CONTEXT):end + QUOTE_CONTEXT]
            ev = [out.evidence(seg.line, seg.line, text)]
            conv_id = convention_id(number)
            if out.node("Convention", conv_id, {"number": number, "name": name}, ev) and source:
                out.edge("REFERS_TO", source, conv_id, ev)


def _citing_lines(text: str) -> set[int]:
    """The numbers of the lines of `text` that may cite a convention ("onvention", or "C" and two digits opening a word)."""
    starts = []
    at = text.find("onvention")
    while at >= 0:
        starts.append(at)
        at = text.find("onvention", at + 1)
    starts += [m.start() for m in _C_CITE.finditer(text) if not (m.start() and _word_char(text[m.start() - 1]))]
    found, line, pos = set(), 1, 0
    for start in sorted(starts):
        line += text.count("\n", pos, start)
        pos = start
        found.add(line)
    return found


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def conventions(text: str) -> list[tuple[int, str | None, int, int]]:
    """(number, name or None, start, end) of each ILO convention `text` cites."""
    found = []
    for m in _CONVENTION_NAMED.finditer(text) if "(No" in text else ():
        name = _CONVENTION_LEAD.sub("", m.group("name"))
        if name != "Convention":
            name = f"{name}, {m.group('year')}" if m.group("year") else name
        found.append((int(m.group("number")), name if name != "Convention" else None, m.start(), m.end()))
    for m in _CONVENTION_NUMBERS.finditer(text) if "Convention" in text else ():
        found += [(int(n), None, m.start(), m.end()) for n in _NUMBER.findall(m.group("list"))]
    for m in _C_CODE.finditer(text) if _C_CITE.search(text) else ():
        found.append((int(m.group("number")), None, m.start(), m.end()))
    unique = {}
    for f in found:
        if 0 < f[0] <= CONVENTION_MAX:
            unique.setdefault(f[0], f)
    return list(unique.values())


def _printed_at(printed: list[tuple[int, int, str]], starts: list[int], line: int) -> str | None:
    """The recommendation printed on `line`, or None."""
    i = bisect.bisect_right(starts, line)
    if i and printed[i - 1][0] <= line <= printed[i - 1][1]:
        return printed[i - 1][2]
    return None


def _ratings(doc: Doc, out: Out) -> None:
    """Ratings by criterion from a table under a caption about ratings: "criterion <tab> score [<tab> rating]"."""
    lines = doc.lines
    for index, raw in enumerate(lines):
        if "\t" in raw or not _RATING_CAPTION.match(raw):
            continue
        eval_id = out.evaluation_at(index + 1)
        scale = _SCALE.search(raw)
        scored = False
        row = index + 1
        while eval_id and row < len(lines) and (not lines[row].strip() or "\t" in lines[row]):
            row += 1
            cells = [clean(c) for c in lines[row - 1].split("\t")]
            score = _score(cells[1]) if len(cells) > 1 else None
            if score is None:
                if scored and len(cells) > 1:
                    out.warn(row, "rating row without a score in its second cell: skipped")
                continue
            scored = True
            props = {"criterion": cells[0], "score": score, "rating": cells[2] if len(cells) > 2 else None,
                     "scale": f"{scale.group(1)}–{scale.group(2)}" if scale else None}
            rating_id = f"{eval_id}/rating/{slug(cells[0])}"
            ev = [out.evidence(row, row, " | ".join(cells))]
            if out.node("Rating", rating_id, props, ev):
                out.edge("STATES", eval_id, rating_id, ev)


def _score(cell: str) -> float | None:
    try:
        return float(cell.replace(",", "."))
    except ValueError:
        return None
