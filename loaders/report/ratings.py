"""Ratings the report gives the programme and its outcomes.

- "OVERALL SCORE FOR THIS CRITERION: 5 (SATISFACTORY)" rates the Programme on the criterion its
  innermost numbered section names.
- "AVERAGE SCORE FOR THIS OUTCOME: 4.4 (...)" rates the outcome whose cell opened last before it
  (criterion "overall").
- A table headed "Performance criterion | Score" rates the Programme; one headed "Performance area
  | Rating" rates the outcome stated just before it; one Rating per row ("Total score" -> criterion
  "total", "Average score" -> "overall"); a lettered row whose score cannot be read is a warning.

Id `<evaluation id>/rating/[<outcome slug>/]<criterion words>`.
"""

from __future__ import annotations

import re

from loaders.report import ids
from loaders.report.document import Doc
from loaders.report.layout import Marks, cells, is_row, table
from loaders.report.out import Out
from loaders.report.outcome_scan import lead
from loaders.report.text import clean, quote

_CRITERION_SCORE = re.compile(
    r"^OVERALL SCORE FOR THIS CRITERION\s*:\s*(?P<score>\d+(?:\.\d+)?)\s*(?:\((?P<rating>[^)]*)\))?", re.I)
_OUTCOME_SCORE = re.compile(
    r"^(?:AVERAGE|OVERALL) SCORE FOR THIS OUTCOME\s*:\s*(?P<score>\d+(?:\.\d+)?)\s*(?:\((?P<rating>[^)]*)\))?", re.I)
_TRAILING_SCORE = re.compile(r"^(?P<label>.*\S)\s+(?P<score>\d(?:\.\d{1,2})?)$")
_SCORE = re.compile(r"^\d{1,2}(?:\.\d{1,2})?$")
_AREA_ROW = re.compile(r"^(?:[A-H][.)]\s+\S.*|total score|average score|average)$", re.I)
_LEADING_NUMBER = re.compile(r"^\s*(?:[A-H]|\d{1,2})[.)]\s+")
_SUMMARY_ROWS = {"total score": "total", "average score": "overall", "average": "overall"}
_STOPWORDS = {"the", "of", "and", "in", "its", "a", "an", "to", "for", "at"}
CRITERION_ID_MAX = 40


def read(doc: Doc, marks: Marks, out: Out, leads: list[tuple[int, list[str]]], resolved: dict[str, str],
         programme: str | None) -> None:
    """Criterion scores (programme) and per-outcome scores from score lines and rating tables."""
    lead_index, current = 0, []
    for number in marks.any_lines("CORE", "core for", "Performance"):
        while lead_index < len(leads) and leads[lead_index][0] <= number:
            current = leads[lead_index][1]
            lead_index += 1
        raw = doc.lines[number - 1]
        if _wanted(raw):
            _line(doc, out, number, raw, [resolved[k] for k in current if k in resolved], programme)


def _wanted(raw: str) -> bool:
    """A score line, or the header row of a performance table."""
    if "CORE" in raw or "core for" in raw:
        return "SCORE FOR" in raw.upper()
    return "Performance" in raw and is_row(raw)


def _line(doc: Doc, out: Out, number: int, raw: str, outcomes: list[str], programme: str | None) -> None:
    text = clean(raw)
    if m := _CRITERION_SCORE.match(text):
        criterion = _criterion(doc, number)
        if programme and criterion:
            _rating(out, number, [programme], criterion, m["score"], m["rating"], text)
    elif m := _OUTCOME_SCORE.match(text):
        _rating(out, number, outcomes, "overall", m["score"], m["rating"], text)
    elif is_row(raw):
        head = (cells(raw, 1) or [""])[0].lower()
        if head.startswith("performance criterion") and programme:
            _table(doc, out, number, [programme])
        elif head.startswith("performance area"):
            _table(doc, out, number, outcomes)


def _criterion(doc: Doc, line: int) -> str | None:
    """The title of the innermost numbered section holding `line`."""
    holding = [s for s in doc.sections if s.number and s.line < line <= s.end_line]
    return holding[-1].title if holding else None


def _table(doc: Doc, out: Out, header_line: int, targets: list[str]) -> None:
    """One Rating per row "criterion | score" of the table whose header is at `header_line`."""
    for line, row in table(doc.lines, header_line, 2):  # a third cell (comments) is read only when needed
        label = row[0]
        if lead(label) or label.lower().startswith(("outcome", "performance")):
            break
        if not _AREA_ROW.match(label) and not _LEADING_NUMBER.match(label) and not label[:1].isupper():
            continue
        inside = _TRAILING_SCORE.match(label)
        if inside and not (len(row) > 1 and row[1]):
            label, row = inside["label"], [inside["label"], inside["score"]]
        elif len(row) > 1 and not row[1]:
            row = cells(doc.lines[line - 1], 3)
        score = next((c for c in row[1:] if c), "")
        if not _SCORE.match(score):
            if score and _AREA_ROW.match(label):
                out.warn(line, f"rating row {quote(label, 40)!r}: no score could be read")
            continue
        criterion = _LEADING_NUMBER.sub("", label).strip(" *")
        criterion = _SUMMARY_ROWS.get(criterion.lower(), criterion)
        _rating(out, line, targets, criterion, score, None, " | ".join(row[:2]))


def _rating(out: Out, line: int, targets: list[str], criterion: str, score: str, rating: str | None,
            text: str) -> None:
    """One Rating of `targets` (the first names it) on `criterion`."""
    if not targets:
        return
    eid = out.evaluation_at(line)
    owner = "" if out.label(targets[0]) == "Programme" else f"{ids.slug(targets[0])}/"
    words = "-".join(w for w in ids.slug(criterion, 200).split("-") if w not in _STOPWORDS)
    rid = f"{eid or out.name}/rating/{owner}{words[:CRITERION_ID_MAX].strip('-')}"
    ev = [out.evidence(line, line, text)]
    props = {"criterion": criterion, "score": float(score), "rating": rating and rating.strip().lower()}
    if out.node("Rating", rid, props, ev):
        for target in targets:
            out.edge("RATES", rid, target, ev)
        if eid:
            out.edge("STATES", eid, rid, ev)
