"""Reader: the country programme under review, its priorities and outcomes, their money and ratings.

`read` is the entry point; the work is split by what it reads:

- here: the Programme, and the sections not to read for outcomes;
- `layout`: marker lines (one pass over the text per marker, shared) and table rows;
- `outcome_scan`: the one pass over the lines that may print an outcome;
- `outcomes`: outcome nodes, kinds, hierarchy, names and mapping tables;
- `renumbering`: codes that name two outcomes, stated and inferred renumberings;
- `pb_outcomes`: Programme and Budget outcomes;
- `money`: budget and expenditure by outcome;
- `ratings`: criterion and outcome scores.

Decisions made here:

- The programme: a title in the first lines naming "(ILO) (Decent Work) Country Programme[:]
  <Country> <YYYY–YYYY>" gives a Programme, kind "DWCP" or "country programme", id
  `ids.programme_id("<DWCP|CP>-<ISO3>-<start>-<end>")` (e.g. PROGRAMME/DWCP-KHM-2008-2010), COVERS
  its country (`out.country`, else the title's country, else the outcome code prefix), EVALUATES
  from the evaluation holding the title. Its key also keys its DWCP outcomes; without a title the
  key is "DWCP-<country or code prefix or file stem>".
- Sections that suggest priorities for a later programme (a top-level heading, or the line after
  it, saying "suggested", "proposed", "future" or "next") are not read for outcomes.
"""

from __future__ import annotations

import re

from loaders.report import ids, money, outcomes, pb_outcomes, ratings
from loaders.report.document import Doc
from loaders.report.layout import Marks
from loaders.report.out import Out
from loaders.report.outcome_scan import prefix, scan, year
from loaders.report.quickfacts import countries
from loaders.report.renumbering import renumbered, transforms
from loaders.report.text import clean

TITLE_LINES = 80  # the title is printed within the report's first lines
FUTURE_LOOKAHEAD = 3  # lines after a heading that may say it is about a later programme
FUTURE_LINE_MAX = 160
_DASH = r"–—\-"
_TITLE = re.compile(
    rf"(?P<name>(?:ILO\s+)?(?P<dw>Decent\s+Work\s+)?Country\s+Programme|DWCP)\s*(?:for|of|in|:|,)?\s*"
    rf"(?P<country>[A-Z][A-Za-z'’ .]{{1,40}}?)\s*[,(]?\s*(?P<a>(?:19|20)\d\d)\s*[{_DASH}]\s*(?P<b>(?:19|20)?\d\d)")
_ILO = re.compile(r"^ILO\s+")
_COLON = re.compile(r"\s*:\s*")
_FUTURE = re.compile(r"\b(?:suggest\w*|propos\w*|future|next)\b", re.I)


def read(doc: Doc, out: Out) -> None:
    """Emit the programme, its outcomes, mappings, money by outcome and ratings that `doc` states."""
    marks = Marks(doc)
    skip = _future_spans(doc, marks)
    found = scan(doc, marks, skip)
    code_prefix = prefix(found)
    programme = _programme(doc, out, code_prefix)
    pid, key = programme or (None, f"DWCP-{out.country or code_prefix or ids.slug(doc.path.stem)}")
    resolved, coded = outcomes.emit(out, found, pid, key)
    transforms(marks, out, resolved, skip)
    renumbered(out, coded)
    pb_outcomes.read(marks, out)
    money.read(doc, marks, out, resolved, code_prefix)
    ratings.read(doc, marks, out, found.leads, resolved, pid)


def _programme(doc: Doc, out: Out, code_prefix: str | None) -> tuple[str, str] | None:
    """Emit the Programme the report's title names; (id, key) or None."""
    found = _title_match(doc)
    if not found:
        return None
    m, line = found
    start, end = int(m["a"]), year(m["a"], m["b"])
    country_name = m["country"].strip(" .,:")
    iso = out.country or _iso(country_name) or code_prefix
    dwcp = bool(m["dw"]) or m["name"] == "DWCP"
    key = f"{'DWCP' if dwcp else 'CP'}-{iso or ids.slug(country_name).upper()}-{start}-{end}"
    pid = ids.programme_id(key)
    printed = " ".join(m.group(0).split())
    short, period = ("DWCP" if dwcp else "country programme"), f"{start}–{end}"
    names = [printed, _ILO.sub("", printed), f"{country_name} {short} {period}", f"{short} {period}",
             f"{country_name} {short}"]
    name = _COLON.sub(" ", printed)
    ev = [out.evidence(line, line, printed)]
    props = {"name": name, "kind": "DWCP" if dwcp else "country programme", "start_year": start,
             "end_year": end, "aliases": sorted({n for n in names if n != name})}
    if not out.node("Programme", pid, props, ev):
        return None
    out.register("Programme", pid, key, name, *names)
    if iso and _country(out, iso, country_name, ev):
        out.edge("COVERS", pid, iso, ev)
    eid = out.evaluation_at(line)
    for evaluation in [eid] if eid else [s.id for s in out.evaluations[:1]]:
        out.edge("EVALUATES", evaluation, pid, ev)
    return pid, key


def _title_match(doc: Doc) -> tuple[re.Match, int] | None:
    """The first "Country Programme <country> <years>" in the first lines of the report."""
    for number, raw in enumerate(doc.lines[:TITLE_LINES], 1):
        if "rogramme" in raw or "DWCP" in raw:
            m = _TITLE.search(clean(raw))
            if m:
                return m, number
    return None


def _iso(name: str) -> str | None:
    found = countries(name)
    return found[0][0] if found else None


def _country(out: Out, iso: str, printed: str, ev: list) -> bool:
    """Whether the Country node `iso` is in the output (emitted here when no reader has)."""
    if out.label(iso) == "Country":
        return True
    name = next((c[1] for c in countries(printed) if c[0] == iso), printed)
    return out.node("Country", iso, {"name": name}, ev)


def _future_spans(doc: Doc, marks: Marks) -> list[tuple[int, int]]:
    """Line spans of top-level sections about priorities for a later programme."""
    spans = []
    for s in doc.sections:
        if s.level != 1:
            continue
        after = marks.segments_in(s.line + 1, min(s.end_line, s.line + FUTURE_LOOKAHEAD))
        nxt = after[0].text if after else ""
        if _FUTURE.search(s.title) or (len(nxt) < FUTURE_LINE_MAX and _FUTURE.search(nxt)):
            spans.append((s.line, s.end_line))
    return spans
