"""Rule 2 of the partners reader (`partners`): the partners a report states for its projects (`basis: stated`).

- In a sentence: "ORG (an ITP partner)"; "PROJECT ... in partnership / collaboration / cooperation with ORG",
  "PROJECT worked with ORG", "PROJECT implemented by ORG", "PROJECT ... partners (ORG and ORG)", "counterparts
  at ORG"; "ORG counterparts" in a sentence naming one project. The project is the nearest named before the cue
  in the sentence (no relative clause between), or the only one named when the sentence opens with the cue; a
  cue after "not", "never" or "without" states nothing.
- In a table: a partner or counterpart column beside a project column; each row's project and the organisations
  of its partner cell.
- The role is what the words say: "implementing partner", "counterpart" or "partner" (the partners reader keeps
  the most specific when a report says several).

Which sentences are read (the body, not lists, footnotes or recommendations) and which organisations may partner
(not the ILO and its units) is the partners reader's choice; this module only reads the statements.
"""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple

from kg.records import Evidence
from loaders.report.document import Doc
from loaders.report.mentions import Mention, Names, Sentence, evidence, words
from loaders.report.out import Out
from loaders.report.text import clean

# The words that state a partnership, and what may stand between them and the first partner.
_CUES = {  # the words, by the kind of statement they make
    "partner": ("in partnership with", "in collaboration with", "in cooperation with", "in co-operation with",
                "worked with", "working with", "works with", "work with", "worked closely with",
                "working closely with", "jointly with"),
    "implementing": ("implemented by", "implemented with", "implemented through", "executed by", "implementing partner",
                     "implementing partners", "implementing agency", "implementing agencies", "executing agency",
                     "executing agencies"),
    "counterpart": ("counterpart", "counterparts"),
    "partners": ("partner", "partners"),
}
_CUE = words(*(w for cues in _CUES.values() for w in cues))
_CUE_KIND = {v: kind for kind, cues in _CUES.items() for w in cues for v in (w, w[0].upper() + w[1:])}
_LEAD = {  # after each kind of cue, before the first partner
    "partner": r"\s+",
    "implementing": r"\s*(?:(?:is|are|was|were|include[sd]?|including|such as|:|\()\s*)?",
    "counterpart": r"\s*(?:(?:is|are|was|were|include[sd]?|including|such as|at|in|from|within|:|\()\s*)",
    "partners": r"\s*(?:(?:is|are|was|were|include[sd]?|including|such as|:|\()\s*)",
}
_LEAD_RX = {kind: re.compile(lead + r"(?:the\s+)?(?:(?:\w+\s+)?(?:clusters|departments|units|divisions|staff|officials|"
                                    r"officers)\s+(?:of|within|in|at|from)\s+(?:the\s+)?)?")
            for kind, lead in _LEAD.items()}
_CUE_ROLE = {"partner": "partner", "implementing": "implementing partner", "counterpart": "counterpart",
             "partners": "partner"}  # "partners" differs from "partner" only in what may follow it
_GLUE = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s+as well as\s+)"
                   r"(?:the\s+|an?\s+(?:[\w'-]+\s+){0,3}?[\w-]+,\s+)?")
_BRACKETS = re.compile(r"\s*\([^()]*\)")
_CLAUSE = re.compile(r";|\b(?:who|which|whose|whereas|while)\b")
_NOT_BEFORE = re.compile(r"\b(?:not|never|no longer|without)(?:\s+\w+){0,2}\s*$")
_NEAR = 150  # characters between a project's name and the cue that names its partner
_ROLE_BRACKET = re.compile(r"\s*\((?:an?|the|its)\s+(?P<work>[^()]{2,80}?)\s+(?P<role>implementing partner|counterpart|"
                           r"partner)s?\)")
_COUNTERPARTS_AFTER = re.compile(r"\s+counterparts?\b")
# Tables: a header cell naming partners, and one naming the work.
_PARTNER_HEADER = re.compile(r"^(?P<role>implementing partners?|implementing agenc(?:y|ies)|executing agenc(?:y|ies)|"
                             r"counterparts?|partners?|partner organi[sz]ations?)$", re.IGNORECASE)
_PARTNER_CELL = re.compile(r"(?:^|[\t|])[\s*]*(?:implementing |executing )?(?:partner|counterpart|agenc)\w*"
                           r"(?: organi[sz]ations?)?[\s*]*(?:[\t|]|$)", re.IGNORECASE)
_WORK_HEADER = re.compile(r"\b(?:projects?|programmes?|interventions?|initiatives?|dc symbol|title)\b", re.IGNORECASE)
_RULE = re.compile(r"^[\s|:-]+$")


class Statement(NamedTuple):
    """A partnership the report states: the project (or programme), the organisation, the role, where."""

    work: str
    org: str
    role: str
    evidence: Evidence


def cue_words(text: str) -> bool:
    """The text may state a partner (a fast first filter: plain substring tests)."""
    return "artner" in text or "ounterpart" in text or "mplement" in text or "xecut" in text or \
        (" with" in text and ("rk with" in text or "rks with" in text or "rked with" in text or "rking with" in text
                              or "ation with" in text or "ly with" in text))


def stated(s: Sentence, orgs: list[Mention], finders: tuple[Names, ...], out: Out) -> Iterator[Statement]:
    """The partners a sentence states for the projects (or programmes) it names."""
    text = s.text
    if not (cue_words(text) and _CUE.search(text) is not None):
        return
    works = sorted(m for finder in finders for m in finder.find(text))
    if not works:
        return
    only = works[0].id if len({w.id for w in works}) == 1 else None
    for cue in _CUE.finditer(text):
        kind = _CUE_KIND[cue.group()]
        if _NOT_BEFORE.search(text, max(0, cue.start() - 30), cue.start()):
            continue
        lead = _LEAD_RX[kind].match(text, cue.end())
        partners = _listed(text, lead.end(), orgs) if lead else []
        work = _work_before(text, cue.start(), works) or (only if cue.start() == 0 else None)
        for org in partners if work else ():
            yield Statement(work, org.id, _CUE_ROLE[kind], evidence(out, s, org))
    for org in orgs:
        bracket = _ROLE_BRACKET.match(text, org.end)
        named = _whole_name(bracket.group("work"), finders) if bracket else None
        if named:
            yield Statement(named, org.id, bracket.group("role"), evidence(out, s, org))
        elif only and _COUNTERPARTS_AFTER.match(text, org.end):
            yield Statement(only, org.id, "counterpart", evidence(out, s, org))


def _listed(text: str, at: int, orgs: list[Mention]) -> list[Mention]:
    """The organisations listed from `at`: one named right there, and those joined to it by "," or "and"."""
    first = next((m for m in orgs if m.start == at), None)
    if first is None:
        return []
    listed = [first]
    for m in orgs:
        if m.start > listed[-1].end and _GLUE.fullmatch(_BRACKETS.sub("", text[listed[-1].end:m.start])):
            listed.append(m)
    return listed


def _work_before(text: str, at: int, works: list[Mention]) -> str | None:
    """The project (or programme) named nearest before `at`, in the same clause and not far off."""
    before = [w for w in works if w.end <= at]
    if not before or at - before[-1].end > _NEAR or _CLAUSE.search(text, before[-1].end, at):
        return None
    return before[-1].id


def _whole_name(text: str, finders: tuple[Names, ...]) -> str | None:
    """The id of the project or programme that `text` names, all of it ("ITP" in "an ITP partner")."""
    for finder in finders:
        for m in finder.find(text):
            if m.start == 0 and m.end == len(text):
                return m.id
    return None


def tables(doc: Doc, out: Out, orgs: Names, finders: tuple[Names, ...]) -> Iterator[Statement]:
    """The rows of each table with a partner or counterpart column beside a project column."""
    lines = doc.lines
    for number, raw in enumerate(lines, 1):
        if ("\t" in raw or "|" in raw) and ("artner" in raw or "ounterpart" in raw or "genc" in raw) \
                and _PARTNER_CELL.search(raw):
            columns = _header(_cells(raw))
            if columns:
                yield from _rows(lines, number, columns, out, orgs, finders)


def _rows(lines: list[str], header: int, columns: tuple[int, int, str], out: Out, orgs: Names,
          finders: tuple[Names, ...]) -> Iterator[Statement]:
    """The partners in the rows under a table header (line `header`), up to the first line that is no row."""
    work_col, org_col, role = columns
    for number in range(header + 1, len(lines) + 1):
        raw = lines[number - 1]
        if _RULE.match(raw):
            continue
        cells = _cells(raw)
        if len(cells) <= max(work_col, org_col):
            return
        named = next((m.id for f in finders for m in f.find(cells[work_col])), None)
        for m in orgs.find(cells[org_col]) if named else ():
            yield Statement(named, m.id, role, out.evidence(number, number, " | ".join(cells)))


def _cells(raw: str) -> list[str]:
    """The cells of a table row: pipe-separated (markdown) or tab-separated; one cell for other lines."""
    if raw.lstrip().startswith("|"):
        return [clean(c) for c in raw.strip().strip("|").split("|")]
    return [clean(c) for c in raw.split("\t")] if "\t" in raw else [raw]


def _header(cells: list[str]) -> tuple[int, int, str] | None:
    """(work column, partner column, role) of a header row, or None."""
    partner = next(((i, m) for i, c in enumerate(cells) if (m := _PARTNER_HEADER.match(c))), None)
    work = next((i for i, c in enumerate(cells) if _WORK_HEADER.search(c) and not _PARTNER_HEADER.match(c)), None)
    if partner is None or work is None:
        return None
    header = partner[1].group("role").lower()
    role = "counterpart" if header.startswith("counterpart") else \
        "implementing partner" if header.startswith(("implementing", "executing")) else "partner"
    return work, partner[0], role
