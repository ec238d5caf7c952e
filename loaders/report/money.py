"""Money by outcome: budget and expenditure tables whose rows name outcomes.

A heading or caption ("Table 3 ...") saying "<budget|expenditure|contribution|resources|funding>
... by/per/to ... outcome" (or "outcome ... budget|expenditure") opens a table; each row naming an
outcome (a code, "102: ..." under the report's prefix, a DWCP outcome, a registered name) gives
one Funding: the "Total" column, else the first amount column; kind from the caption (resources
and funding are budgets); period the caption's years; currency USD for "US$"/"USD"/"$". A row
naming an outcome whose amount cannot be read, and a caption with no table, are warnings.
"""

from __future__ import annotations

import re

from loaders.report import ids
from loaders.report.document import Doc
from loaders.report.layout import Marks, table
from loaders.report.out import Out
from loaders.report.outcome_scan import DWCP_NAME, GROUP, keys, year
from loaders.report.text import clean, quote

CAPTION_MAX = 200
_CAPTION = re.compile(
    r"\b(?P<kind>budget|expenditure|contribution|resources|funding)s?\b.{0,60}\b(?:by|per|to)\b.{0,30}\boutcomes?\b"
    r"|\boutcomes?\b.{0,40}\b(?P<kind2>budget|expenditure)", re.I)
_CAPTION_RAW = re.compile(r"^[\s*#_]*(?:<[^<>]*>\s*)*(?:table|figure)\s+[\w.]+", re.I)
_AMOUNT = re.compile(
    r"^\(?\s*(?:US\s*\\?\$|USD|\$)?\s*(?P<num>\d{1,3}(?:[ ,\u00a0]\d{3})+|\d+)(?P<dec>\.\d{1,2})?\s*\)?$")
_SEPARATORS = re.compile(r"[ ,\u00a0]")
_DOLLARS = re.compile(r"US\s*\\?\$|USD|\$")
_TOTAL = re.compile(r"^total\b", re.I)
_YEARS = re.compile(r"\b(?P<a>(?:19|20)\d\d)\s*[–—\-]\s*(?P<b>(?:19|20)?\d\d)\b")
_BARE_CODE = re.compile(r"^(?P<n>\d{3})\s*[:.\-–]\s*\S")
_KINDS = {"resources": "budget", "funding": "budget"}


def read(doc: Doc, marks: Marks, out: Out, resolved: dict[str, str], prefix: str | None) -> None:
    """Funding per outcome from the tables captioned as budgets or expenditure by outcome."""
    headings = {s.line for s in doc.sections}
    for number in marks.lines("utcome"):
        raw = doc.lines[number - 1]
        if number not in headings and not _CAPTION_RAW.match(raw):
            continue
        caption = clean(raw)
        m = _CAPTION.search(caption) if len(caption) < CAPTION_MAX else None
        if m:
            kind = (m["kind"] or m["kind2"]).lower()
            _table(doc, out, number, caption, _KINDS.get(kind, kind), resolved, prefix)


def _table(doc: Doc, out: Out, caption_line: int, caption: str, kind: str,
           resolved: dict[str, str], prefix: str | None) -> None:
    rows = list(table(doc.lines, caption_line))
    if not rows:
        out.warn(caption_line, f"money table {quote(caption, 60)!r} has no rows")
        return
    header = rows[0][1]
    column = _amount_column(header)
    currency = "USD" if _DOLLARS.search(caption + " ".join(header)) else None
    years = _YEARS.search(caption)
    period = f"{years['a']}-{year(years['a'], years['b'])}" if years else None
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
        if _TOTAL.match(cell):
            return i
    return next((i for i, cell in enumerate(header[1:], 1) if cell and "%" not in cell), None)


def _amount(cell: str) -> float | None:
    m = _AMOUNT.match(cell.strip())
    return float(_SEPARATORS.sub("", m["num"]) + (m["dec"] or "")) if m else None


def _row_outcome(out: Out, label: str, resolved: dict[str, str], prefix: str | None) -> str | None:
    """The outcome a table row names: a code, "102: ..." under the report's prefix, or a DWCP outcome."""
    g = GROUP.search(label)
    codes = keys(g) if g else []
    if codes:
        return resolved.get(codes[0])
    bare = _BARE_CODE.match(label)
    if bare and prefix:
        return resolved.get(prefix + bare["n"])
    d = DWCP_NAME.search(label)
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
