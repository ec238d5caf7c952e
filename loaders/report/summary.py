"""The ILO evaluation summary template: QUICK FACTS, recommendations, lessons and good practices.

`read` emits, for a report with a QUICK FACTS block, the Evaluation, its
Projects (by DC symbol), the donor Organization, Countries, Recommendations,
Lessons and GoodPractices, and the edges between them.

Decisions: the Evaluation's `manager` and `consultants` are names only (titles such as "Mr." and roles in parentheses
dropped); a Country's `name` is pycountry's common name ("Laos", "Vietnam") or
else its ISO name; a donor's id is its acronym when one is printed in
parentheses, else a slug of its name; a budget shared by several projects goes
on the Evaluation only, not on the Projects or FUNDED_BY edges.
"""

from __future__ import annotations

import re

from kg.records import Evidence
from loaders.report import lessons, quickfacts, recommendations
from loaders.report.document import Doc
from loaders.report.ids import organisation_id, slug
from loaders.report.out import Out, Span
from loaders.report.text import Segment, heading_kind

_QUICK_FACTS = re.compile(r"quick\s+facts", re.I)
_RECS_END = {"quickfacts", "background", "mixed", "lessons", "practices", "other"}
_LESSON_KINDS = {"mixed", "lessons", "practices"}


def read(doc: Doc, out: Out, title: str, doc_evidence: Evidence) -> bool:
    """Emit what a summary states; False when `doc` is not a summary (it has no QUICK FACTS block)."""
    if not _QUICK_FACTS.search(doc.text):
        return False
    lines, segs = doc.lines, doc.segments
    kinds = [heading_kind(seg.text) for seg in segs]
    fields, qf_line = _quick_facts(lines, segs, kinds, out)
    if qf_line is None:
        return False
    out.summary = True
    recs, items = _recommendations_and_lessons(segs, kinds, out)
    if not (fields or recs or items):
        out.warn(qf_line, "no QUICK FACTS fields, recommendations or lessons: only the Document is recorded")
        return True

    evaluation = _evaluation(title, fields, out)
    eval_id = evaluation["id"]
    out.node("Evaluation", eval_id, evaluation["properties"], [doc_evidence, *evaluation["evidence"]])
    out.evaluations.append(Span(eval_id, 1, len(lines)))
    out.edge("SOURCED_FROM", eval_id, doc.name, [out.evidence(qf_line, qf_line, "QUICK FACTS")])

    _projects_and_donors(eval_id, fields, evaluation["budget"], out)
    _countries(eval_id, fields, out)

    for rec in recs:
        rec_id = f"{eval_id}/R{rec.number}"
        ev = [out.evidence(rec.line, rec.end_line, rec.text)]
        props = {"number": rec.number, "text": rec.text, "heading": rec.heading}
        if out.node("Recommendation", rec_id, props, ev):
            out.edge("MAKES", eval_id, rec_id, ev)
            if rec.parent:
                out.edge("PART_OF", rec_id, f"{eval_id}/R{rec.parent}", ev)
    for item in items:
        item_id = f"{eval_id}/{'LL' if item.label == 'Lesson' else 'GP'}{item.number}"
        ev = [out.evidence(item.line, item.end_line, item.text)]
        if out.node(item.label, item_id, {"number": item.number, "text": item.text}, ev):
            out.edge("IDENTIFIES", eval_id, item_id, ev)


    return True


def _quick_facts(
    lines: list[str], segs: list[Segment], kinds: list[str | None], out: Out
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


def _recommendations_and_lessons(segs: list[Segment], kinds: list[str | None], out: Out):
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


def _evaluation(title: str, fields: dict[str, quickfacts.Field], out: Out) -> dict:
    """The Evaluation's id, properties, evidence and budget from the QUICK FACTS fields."""
    props: dict = {"title": title}
    for key in ("type", "timing", "administrative_office", "technical_office"):
        if key in fields:
            props[key] = fields[key].value
    if "manager" in fields:
        props["manager"] = next(iter(quickfacts.person_names(fields["manager"].value)), fields["manager"].value)
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
    base = symbols[0] if symbols else slug(title) or "untitled"
    return {
        "id": f"EVAL/{base}/{year}" if year else f"EVAL/{base}",
        "properties": props,
        "evidence": [_field_evidence(fields[key], out) for key in quickfacts.FIELD_KEYS if key in fields],
        "budget": budget,
    }


def _budget(fields: dict[str, quickfacts.Field], out: Out) -> tuple[quickfacts.Money, quickfacts.Field] | None:
    """The amount from the Budget field, else from the Donor(s) & budget field, and the field it came from."""
    for key in ("budget", "donor"):
        if key in fields:
            money = quickfacts.parse_money(fields[key].value)
            if money:
                return money, fields[key]
    if "budget" in fields:
        out.warn(fields["budget"].line, f"Budget: no amount with a currency in {fields['budget'].value!r}")
    return None


def _projects_and_donors(eval_id: str, fields, budget, out: Out) -> None:
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
        org_id = organisation_id(donor.acronym, donor.name)
        props = {"name": donor.name, "acronym": donor.acronym, "kind": "donor"}
        if org_id and out.node("Organization", org_id, props, [donor_ev]):
            out.register("Organization", org_id, donor.name, donor.acronym)
            for symbol in symbols:
                out.edge("FUNDED_BY", symbol, org_id, funding_ev, funding)


def _countries(eval_id: str, fields, out: Out) -> None:
    field = fields.get("countries")
    if field is None:
        return
    ev = [_field_evidence(field, out)]
    for code, iso2, name in quickfacts.countries(field.value):
        if out.node("Country", code, {"name": name, "iso2": iso2}, ev):
            out.edge("COVERS", eval_id, code, ev)


def _field_evidence(field: quickfacts.Field, out: Out) -> Evidence:
    return out.evidence(field.line, field.end_line, f"{field.label}: {field.value}")


