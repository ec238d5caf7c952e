"""The loader for ILO evaluation summaries (the "QUICK FACTS" template).

`parse_report` reads one report and emits its Document node. When the report
is such a summary (it has a QUICK FACTS block) it also emits the Evaluation,
its Projects (by DC symbol), the donor Organization, Countries,
Recommendations, Lessons and GoodPractices, and the edges between them. Every
record carries the line span of the original file it was read from. Odd input
never raises: what cannot be read becomes a warning, and the Document node is
always emitted.

Decisions: the Evaluation's `manager` is kept as printed (name, role, office);
`consultants` are names only (titles such as "Mr." and roles in parentheses
dropped); a Country's `name` is pycountry's common name ("Laos", "Vietnam") or
else its ISO name; a donor's id is its acronym when one is printed in
parentheses, else a slug of its name; a budget shared by several projects goes
on the Evaluation only, not on the Projects or FUNDED_BY edges.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from kg.records import Edge, Evidence, Node, RecordError, validate
from loaders import Loaded
from loaders.report import lessons, quickfacts, recommendations
from loaders.report.text import Segment, heading_kind, quote, segments, split_lines

FORMATS = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html"}
TITLE_MAX = 250
_RECS_END = {"quickfacts", "background", "mixed", "lessons", "practices", "other"}
_LESSON_KINDS = {"mixed", "lessons", "practices"}


class _Out:
    """Collects valid, de-duplicated records and warnings for one file."""

    def __init__(self, path: Path, loaded: Loaded):
        self.path, self.name, self.loaded = path, path.name, loaded
        self.labels: dict[str, str] = {}  # node id -> label
        self.edges: set[tuple[str, str, str]] = set()

    def evidence(self, line: int, end_line: int, text: str) -> Evidence:
        return Evidence(self.name, line, max(line, end_line), quote(text))

    def node(self, label: str, id: str, properties: dict, evidence: list[Evidence]) -> bool:
        """Emit a node once per id; True when the node is (now or already) in the output."""
        if id in self.labels:
            if self.labels[id] != label:
                self.warn(evidence[0].line, f"{label} {id!r} skipped: the id is already a {self.labels[id]}")
            return self.labels[id] == label
        if not self._add(Node(label, id, properties, evidence), evidence[0].line):
            return False
        self.labels[id] = label
        return True

    def edge(self, type: str, source: str, target: str, evidence: list[Evidence], properties: dict | None = None):
        key = (source, type, target)
        if key not in self.edges and source in self.labels and target in self.labels:
            if self._add(Edge(type, source, target, properties or {}, evidence), evidence[0].line):
                self.edges.add(key)

    def warn(self, line: int, message: str) -> None:
        self.loaded.warnings.append(f"{self.path}:{line}: {message}")

    def _add(self, record: Node | Edge, line: int) -> bool:
        problem = validate(record)
        if problem:
            self.loaded.errors.append(RecordError(str(self.path), line, *problem))
            return False
        self.loaded.records.append(record)
        return True


def parse_report(path: Path, text: str, loaded: Loaded) -> None:
    """Append the records read from one evaluation summary to `loaded`."""
    out = _Out(path, loaded)
    lines = split_lines(text)
    segs = segments(lines)
    kinds = [heading_kind(seg.text) for seg in segs]
    title = _title(segs, kinds)

    doc = {"format": FORMATS.get(path.suffix.lower()), "sha256": _sha256(path, text),
           "size_bytes": _size(path, text), "line_count": len(lines)}
    if title:
        doc["title"] = title[0]
    doc_evidence = out.evidence(title[1], title[2], title[0]) if title else out.evidence(1, 1, "")
    out.node("Document", path.name, _present(doc), [doc_evidence])

    fields, qf_line = _quick_facts(lines, segs, kinds, out)
    if qf_line is None:
        out.warn(1, "no QUICK FACTS block, so not an evaluation summary: only the Document is recorded")
        return
    recs, items = _recommendations_and_lessons(segs, kinds, out)
    if not (fields or recs or items):
        out.warn(qf_line, "no QUICK FACTS fields, recommendations or lessons: only the Document is recorded")
        return

    evaluation = _evaluation(title[0] if title else path.stem, fields, out)
    eval_id = evaluation["id"]
    out.node("Evaluation", eval_id, evaluation["properties"], [doc_evidence, *evaluation["evidence"]])
    out.edge("SOURCED_FROM", eval_id, path.name, [out.evidence(qf_line, qf_line, "QUICK FACTS")])

    _projects_and_donors(eval_id, fields, evaluation["budget"], out)
    _countries(eval_id, fields, out)

    for rec in recs:
        rec_id = f"{eval_id}/R{rec.number}"
        ev = [out.evidence(rec.line, rec.end_line, rec.text)]
        props = {"number": rec.number, "text": rec.text, "heading": rec.heading}
        if out.node("Recommendation", rec_id, _present(props), ev):
            out.edge("MAKES", eval_id, rec_id, ev)
            if rec.parent:
                out.edge("PART_OF", rec_id, f"{eval_id}/R{rec.parent}", ev)
    for item in items:
        item_id = f"{eval_id}/{'LL' if item.label == 'Lesson' else 'GP'}{item.number}"
        ev = [out.evidence(item.line, item.end_line, item.text)]
        if out.node(item.label, item_id, {"number": item.number, "text": item.text}, ev):
            out.edge("IDENTIFIES", eval_id, item_id, ev)


def _title(segs: list[Segment], kinds: list[str | None]) -> tuple[str, int, int] | None:
    """(title, line, end_line): the first paragraph of the file, when it comes before any heading."""
    if not segs or kinds[0]:
        return None
    parts, first, last = [segs[0].text], segs[0].line, segs[0].line
    for seg, kind in zip(segs[1:], kinds[1:]):
        if kind or seg.line > last + 1:
            break
        parts.append(seg.text)
        last = seg.line
    return quote(" ".join(parts), TITLE_MAX), first, last


def _quick_facts(
    lines: list[str], segs: list[Segment], kinds: list[str | None], out: _Out
) -> tuple[dict[str, quickfacts.Field], int | None]:
    """The QUICK FACTS fields and the line of the heading (None without one)."""
    start = next((i for i, kind in enumerate(kinds) if kind == "quickfacts"), None)
    if start is None:
        return {}, None
    heading_line = segs[start].line
    end = next((segs[i].line - 1 for i in range(start + 1, len(segs)) if kinds[i]), len(lines))
    fields, warnings = quickfacts.read_fields(lines, heading_line, end)
    for line, message in warnings:
        out.warn(line, message)
    if not fields:
        out.warn(heading_line, "QUICK FACTS heading without any field")
    return fields, heading_line


def _recommendations_and_lessons(segs: list[Segment], kinds: list[str | None], out: _Out):
    """Recommendations from the section after the first RECOMMENDATIONS heading, lessons after it."""
    recs = []
    rec_start = next((i for i, kind in enumerate(kinds) if kind == "recommendations"), None)
    rec_end = 0
    if rec_start is not None:
        rec_end = next((i for i in range(rec_start + 1, len(segs))
                        if kinds[i] in _RECS_END or lessons.is_marked(segs[i].text)), len(segs))
        body = [seg for seg, kind in zip(segs[rec_start + 1:rec_end], kinds[rec_start + 1:rec_end]) if not kind]
        recs, warnings = recommendations.parse(body)
        for line, message in warnings:
            out.warn(line, message)
        if not recs:
            out.warn(segs[rec_start].line, "RECOMMENDATIONS heading without numbered recommendations")
    les_start = next((i for i in range(rec_end, len(segs))
                      if kinds[i] in _LESSON_KINDS or lessons.is_marked(segs[i].text)), None)
    if les_start is None:
        return recs, []
    les_end = next((i for i in range(les_start + 1, len(segs))
                    if kinds[i] and kinds[i] not in _LESSON_KINDS), len(segs))
    items, warnings = lessons.parse(segs[les_start:les_end])
    for line, message in warnings:
        out.warn(line, message)
    return recs, items


def _evaluation(title: str, fields: dict[str, quickfacts.Field], out: _Out) -> dict:
    """The Evaluation's id, properties, evidence and budget from the QUICK FACTS fields."""
    props: dict = {"title": title}
    for key in ("type", "timing", "administrative_office", "technical_office", "manager"):
        if key in fields:
            props[key] = fields[key].value
    if "countries" in fields:
        props["countries_text"] = fields["countries"].value
    if "date" in fields:
        props["date"] = quickfacts.parse_date(fields["date"].value)
        if not props["date"]:
            out.warn(fields["date"].line, f"Evaluation date: no date in {fields['date'].value!r}")
    if "consultants" in fields:
        props["consultants"] = quickfacts.person_names(fields["consultants"].value) or None
    if "keywords" in fields:
        props["keywords"] = quickfacts.keywords(fields["keywords"].value) or None
    budget = _budget(fields, out)
    if budget:
        props["budget"], props["currency"] = budget[0].amount, budget[0].currency

    symbols = quickfacts.dc_symbols(fields["dc_symbol"].value) if "dc_symbol" in fields else []
    year = props["date"][:4] if props.get("date") else None
    base = symbols[0] if symbols else quickfacts.slug(title) or "untitled"
    return {
        "id": f"EVAL/{base}/{year}" if year else f"EVAL/{base}",
        "properties": _present(props),
        "evidence": [_field_evidence(fields[key], out) for key in quickfacts.FIELD_KEYS if key in fields],
        "budget": budget,
    }


def _budget(fields: dict[str, quickfacts.Field], out: _Out) -> tuple[quickfacts.Money, quickfacts.Field] | None:
    """The amount from the Budget field, else from the Donor(s) & budget field, and the field it came from."""
    for key in ("budget", "donor"):
        if key in fields:
            money = quickfacts.parse_money(fields[key].value)
            if money:
                return money, fields[key]
    if "budget" in fields:
        out.warn(fields["budget"].line, f"Budget: no amount with a currency in {fields['budget'].value!r}")
    return None


def _projects_and_donors(eval_id: str, fields, budget, out: _Out) -> None:
    """A Project per DC symbol, EVALUATES edges, and the donors that fund every project.

    Budget and FUNDED_BY amount are given only when there is one project.
    """
    dc = fields.get("dc_symbol")
    if dc is None:
        return
    symbols = quickfacts.dc_symbols(dc.value)
    if not symbols:
        out.warn(dc.line, f"DC Symbol: no DC symbol in {dc.value!r}")
        return
    dc_ev = _field_evidence(dc, out)
    money, budget_ev = (budget[0], _field_evidence(budget[1], out)) if budget and len(symbols) == 1 else (None, None)
    for symbol in symbols:
        props = {"dc_symbol": symbol}
        if money:
            props.update(budget=money.amount, currency=money.currency)
        if out.node("Project", symbol, props, [dc_ev, budget_ev] if budget_ev else [dc_ev]):
            out.edge("EVALUATES", eval_id, symbol, [dc_ev])
    donor_field = fields.get("donor")
    if donor_field is None:
        return
    donor_ev = _field_evidence(donor_field, out)
    funding = {"amount": money.amount, "currency": money.currency, "kind": "budget"} if money else {}
    funding_ev = [donor_ev] + ([budget_ev] if budget_ev and budget_ev != donor_ev else [])
    for donor in quickfacts.donors(donor_field.value, quickfacts.parse_money(donor_field.value)):
        org_id = donor.acronym or quickfacts.slug(donor.name)
        props = {"name": donor.name, "acronym": donor.acronym, "kind": "donor"}
        if org_id and out.node("Organization", org_id, _present(props), [donor_ev]):
            for symbol in symbols:
                out.edge("FUNDED_BY", symbol, org_id, funding_ev, funding)


def _countries(eval_id: str, fields, out: _Out) -> None:
    field = fields.get("countries")
    if field is None:
        return
    ev = [_field_evidence(field, out)]
    for code, iso2, name in quickfacts.countries(field.value):
        if out.node("Country", code, {"name": name, "iso2": iso2}, ev):
            out.edge("COVERS", eval_id, code, ev)


def _field_evidence(field: quickfacts.Field, out: _Out) -> Evidence:
    return out.evidence(field.line, field.end_line, f"{field.label}: {field.value}")


def _sha256(path: Path, text: str) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:  # only the text was given: hash its UTF-8 form
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _size(path: Path, text: str) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return len(text.encode("utf-8"))


def _present(props: dict) -> dict:
    return {k: v for k, v in props.items() if v is not None}
