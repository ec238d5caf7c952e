"""The evaluations a report that is not a QUICK FACTS summary presents.

Two shapes are recognised:

- a paper presenting several evaluations, one per part ("Part I. ...",
  "► Part II ..."): every top-level part that has a Recommendations heading
  of its own is one Evaluation, governing the lines of that part;
- otherwise a single review or evaluation, when the document's title (or one
  of its first headings) names an evaluation, review or assessment: one
  Evaluation governing the whole file.

Decisions:
- id: `EVAL/<slug>/<year>`, the slug made from the title without its
  "Report on the review of the" lead (so the review of a country programme
  and the evaluation of it get one slug), the year that of the report's own
  date; the summary reader's `EVAL/<DC symbol>/<year>` is used where a DC
  symbol identifies the evaluation, this one where only a title does.
- date: the report's "Date:" line, else its "First published YYYY" (the
  publication date, as the ILO's evaluation date is the report's date).
- type from the evaluation's title, else from the text before the first part
  (a paper of "high-level evaluations"), else from the whole file; timing
  (midterm, final, ex-post) from the title only.
- period: the first year range in the title, with a short end year expanded
  ("2014–19" -> "2014–2019"), always with an en dash.
- countries: those the title names ("... the Plurinational State of Bolivia,
  Colombia ..."), found by trying each phrase's word-suffixes against the
  country names quickfacts knows; `out.country` is set when all the
  evaluations cover one and the same country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.report import quickfacts
from loaders.report.document import Doc, Section
from loaders.report.ids import slug
from loaders.report.out import Out, Span
from loaders.report.text import clean

_EVALUATION = re.compile(r"\b(?:evaluations?|review|assessment|appraisal)\b", re.I)
_PART = re.compile(r"^part\s+(?:[ivxlc]+|\d+)$", re.I)
_RECOMMENDATIONS = re.compile(r"\brecommendations\b", re.I)
_TYPES = (
    (re.compile(r"high[- ]level evaluation", re.I), "high-level"),
    (re.compile(r"country programme review|review of (?:the )?(?:ilo )?(?:decent work )?country programme", re.I),
     "country programme review"),
    (re.compile(r"cluster(?:ed)? evaluation", re.I), "cluster"),
    (re.compile(r"thematic evaluation", re.I), "thematic"),
    (re.compile(r"impact evaluation", re.I), "impact"),
    (re.compile(r"project evaluation|evaluation of (?:the )?project", re.I), "project"),
)
_TIMINGS = ((re.compile(r"\bmid-?term\b", re.I), "midterm"), (re.compile(r"\bfinal\b", re.I), "final"),
            (re.compile(r"\bex-?post\b", re.I), "ex-post"))
_PERIOD = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[–—-]\s*((?:19|20)\d{2}|\d{2})(?!\d)")
_DATE = re.compile(r"^[\s*#]*date\s*:\**\s*(?P<date>.+)$|\bfirst published(?: in)?\s+(?P<year>(?:19|20)\d{2})\b",
                   re.I | re.M)
_LEAD = re.compile(r"^(?:(?:report|summary)\s+(?:on|of)\s+)?(?:the\s+)?"
                   r"(?:(?:independent\s+)?(?:[\w-]+\s+)?(?:review|evaluation)\s+of\s+(?:the\s+)?)?", re.I)
_PHRASES = re.compile(r"[,;:()–—]|\band\b")
_NOT_NAME = re.compile(r"\d")
TITLE_HEADINGS = 5  # headings searched for the title when the file's first paragraph is not one


@dataclass(frozen=True)
class _Found:
    title: str
    line: int  # where the title is printed
    end_line: int
    first: int  # the lines the evaluation governs
    last: int
    context: str  # text that may say the evaluation's type when its title does not


def read(doc: Doc, out: Out) -> None:
    """Emit the Evaluation(s) of a report without QUICK FACTS, their Countries and the Document link."""
    found = _parts(doc) or _single(doc, out)
    if not found:
        return
    date, date_line = _date(doc)
    countries = set()
    for item in found:
        countries.update(_emit(item, date, date_line, doc, out))
    if len(countries) == 1:
        out.country = countries.pop()


def _parts(doc: Doc) -> list[_Found]:
    """One evaluation per top-level part that has its own recommendations (none when fewer than two)."""
    parts = [s for s in doc.sections if s.number and _PART.match(s.number)]
    if not parts:
        return []
    level = min(s.level for s in parts)
    parts = [s for s in parts if s.level == level and _has_recommendations(doc, s)]
    if len(parts) < 2:
        return []
    front = "\n".join(doc.lines[: parts[0].line - 1])
    return [_Found(s.title, s.line, s.line, s.line, s.end_line, front) for s in parts]


def _has_recommendations(doc: Doc, part: Section) -> bool:
    return any(part.line < s.line <= part.end_line and _RECOMMENDATIONS.search(s.title) for s in doc.sections)


def _single(doc: Doc, out: Out) -> list[_Found]:
    """The one evaluation the file reports, when its title or one of its first headings names one."""
    if doc.title and _EVALUATION.search(doc.title[0]):
        title, line, end_line = doc.title
        return [_Found(title, line, end_line, 1, len(doc.lines), doc.text)]
    for section in doc.sections[:TITLE_HEADINGS]:
        if _EVALUATION.search(section.title):
            return [_Found(section.title, section.line, section.line, 1, len(doc.lines), doc.text)]
    return []


def _emit(item: _Found, date: str | None, date_line: int | None, doc: Doc, out: Out) -> list[str]:
    """Emit one Evaluation with its Document and Country links; return the country codes."""
    ev = [out.evidence(item.line, item.end_line, item.title)]
    props = {"title": item.title, "type": _type(item), "timing": _first(_TIMINGS, item.title),
             "period": period(item.title), "date": date}
    base = slug(_LEAD.sub("", item.title)) or "untitled"
    eval_id = f"EVAL/{base}/{date[:4]}" if date else f"EVAL/{base}"
    extra = [out.evidence(date_line, date_line, clean(doc.lines[date_line - 1]))] if date_line else []
    if not out.node("Evaluation", eval_id, props, ev + extra):
        return []
    out.evaluations.append(Span(eval_id, item.first, item.last))
    out.edge("SOURCED_FROM", eval_id, doc.name, ev)
    codes = []
    for code, iso2, name in title_countries(item.title):
        if out.node("Country", code, {"name": name, "iso2": iso2}, ev):
            out.edge("COVERS", eval_id, code, ev)
            codes.append(code)
    return codes


def _type(item: _Found) -> str | None:
    return _first(_TYPES, item.title) or _first(_TYPES, item.context)


def _first(patterns, text: str) -> str | None:
    """The value of the pattern matching earliest in `text`."""
    hits = [(m.start(), value) for rx, value in patterns if (m := rx.search(text))]
    return min(hits)[1] if hits else None


def period(text: str) -> str | None:
    """The first year range in `text` as "YYYY–YYYY" ("2014–19" -> "2014–2019")."""
    m = _PERIOD.search(text)
    if not m:
        return None
    start, end = m.group(1), m.group(2)
    if len(end) == 2:
        end = start[:2] + end
    return f"{start}–{end}" if end > start else None


def _date(doc: Doc) -> tuple[str | None, int | None]:
    """The report's date (ISO, or a year) and its line."""
    for m in _DATE.finditer(doc.text):
        value = quickfacts.parse_date(m.group("date")) if m.group("date") else m.group("year")
        if value:
            where = m.start("date") if m.group("date") else m.start("year")  # not m.start(): ^\s* spans blank lines
            return value, doc.text.count("\n", 0, where) + 1
    return None, None


def title_countries(title: str) -> list[tuple[str, str, str]]:
    """(alpha-3, iso2, name) of each country a title names, in order."""
    found = {}
    for phrase in _PHRASES.split(title):
        words = [w for w in phrase.split() if not _NOT_NAME.search(w)]
        for start in range(len(words)):
            hits = quickfacts.countries(" ".join(words[start:]))
            if hits:
                found.setdefault(hits[0][0], hits[0])
                break
    return list(found.values())

