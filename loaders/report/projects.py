"""Reader: named projects and partnership programmes, DC symbols, and the outcomes projects work towards.

Decisions:
- A project is named by an acronym definition whose name is headed by
  Project/Programme/Initiative ("Labour Dispute Resolution Project (LDRP)"),
  by an acronym the text calls a project ("the WEDGE project"), or by a run
  of capitalised words ending in Project/Programme ("Social Security
  Project"). Its id is its DC symbol when known, else PROJECT/ and its
  acronym (so WEDGE is one node whatever its long name says) or name slug.
- "ILO/Korea Partnership Programme", "ILO-Korea partnership programme" and
  "ILO/Japan Multi-bilateral Programme" are Programme nodes keyed by the
  partner ("PROGRAMME/ILO-KOREA-PARTNERSHIP"), so every report names one node.
- Every DC symbol in the text is a Project (look-alikes such as
  IPEC/EVAL/2010/2 do not match `quickfacts.DC_SYMBOL`).
- CONTRIBUTES_TO (basis stated): a paragraph or heading that opens with
  outcome codes ("LAO 101/102:", "KHM 106", "Outcome: KHM 176 –") governs
  what follows up to the next such opening or heading; each project named
  there contributes to each of those outcomes, when the programme reader
  registered the outcome. "Project (under KHM 156)" links directly.
- Generic names are not projects: "Decent Work Country Programme",
  "programme and budget", "Country Programme".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from kg.records import Evidence
from loaders.report import organisations, quickfacts
from loaders.report.document import Doc
from loaders.report.ids import name_key, outcome_code, programme_id, project_id
from loaders.report.out import Out

_PROJECT_HEADS = frozenset({"project", "programme", "program", "initiative"})
_NAME = re.compile(
    r"(?:(?:ILO|UN)[-/ ])?(?:[A-Z][\w'’&/-]*[\w'’]|[A-Z])"
    r"(?:\s+(?:(?:of|for|on|in|to|from|within|against|through)(?:\s+the)?|and|&)?\s*(?:[A-Z][\w'’&/-]*[\w'’]|[A-Z]))*"
    r"\s+(?:Project|Programme|Program)\b(?:\s+(?:Phase\s+)?[IVX]+\b)?"
    r"(?:\s+(?:on|to|for|against)(?:\s+the)?(?:\s+(?:[A-Z][\w'’&/-]*|and|in|of|the|for|from|within))+)?"
)
_FUNDED = re.compile(r"^.*?\b\S+-(?:funded|financed|supported)\s+|^(?:Technical Assistance|Support|Assistance) to the\s+", re.I)
_ACRONYM_CALLED = re.compile(rf"\b({organisations.ACRONYM})\s+(?:[Pp]roject|[Pp]rogramme|[Pp]rogram)\b")
_PARTNERSHIP = re.compile(r"\bILO\s*[/-]\s*([A-Z][a-z]+)\s+(?:[Pp]artnership|[Mm]ulti-bilateral)\s+[Pp]rogramme\b")
_GENERIC = re.compile(
    r"^(?:(?:the|a|an|this|that|ILO|its|our)\s+)*(?:Decent Work\s+)?(?:Country|Regional|National|Global|"
    r"Joint|Pilot|Technical Cooperation|Work|Decent Work)?\s*(?:Programme|Program|Project)s?(?:\s+(?:Phase\s+)?[IVX]+)?$|"
    r"Country Programmes?\b|Programme and Budget|Decent Work Country|Work Programme|Regular Budget", re.I)
_LEADS = re.compile(r"^(?:(?:The|A|An|This|These|Its|Under|With|Through|By|From|In|And|Of|For|To|On|Both|Some|New|"
                    r"Since|During|While|Although|However|Also|ILO's|Other)\s+)+")
_OUTCOME_OPENING = re.compile(
    r"^(?:outcome\s*:?\s*|priority\s+)?(?P<codes>[A-Z]{3}\s?\d{3}(?:\s*(?:[/,&]|and)\s*(?:[A-Z]{3}\s?)?\d{3})*)\b\s*[:–—-]?")
_PROJECT_WORD = re.compile(r"Project|Programme|Program")  # a fast first filter for _NAME
_PERSON = re.compile(r"^(?:Mr|Ms|Mrs|Dr)\b")
_UNDER = re.compile(r"\((?:under|see)\s+(?P<code>[A-Z]{3}\s?\d{3})\)")


@dataclass
class _Project:
    id: str
    name: str | None
    acronym: str | None
    names: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    label: str = "Project"


def read(doc: Doc, out: Out) -> None:
    """Emit the projects and programmes the report names, and their stated contributions to outcomes."""
    found: dict[str, _Project] = {}
    index: dict[str, str] = {}
    skip = organisations.skipped_lines(doc)
    defined = organisations.definitions(doc)
    not_projects = {d.acronym for d in defined if not d.name[:1].isupper() or organisations.names_body(d.name)}
    segs = [seg for seg in doc.segments if seg.line not in skip]
    calls = Counter(organisations.acronym_key(m.group(1)) for seg in segs for m in _ACRONYM_CALLED.finditer(seg.text))
    called = {acronym for acronym, n in calls.items() if n >= 2}  # once may be a topic: "the OSH project"
    for d in defined:
        if _names_project(d.name) or (d.acronym in called and d.acronym not in not_projects):
            _add(found, index, out, project_id(None, d.acronym), d.name, d.acronym, d.line)
    for seg in segs:
        for symbol in quickfacts.dc_symbols(seg.text):
            _add(found, index, out, project_id(symbol), None, None, seg.line, dc_symbol=symbol)
        for m in _PARTNERSHIP.finditer(seg.text):
            name = f"ILO/{m.group(1)} {'Partnership' if 'artnership' in m.group(0) else 'Multi-bilateral'} Programme"
            _add(found, index, out, programme_id(None, name.replace("/", " ")), name, None, seg.line,
                 label="Programme", printed=m.group(0))
        for m in _ACRONYM_CALLED.finditer(seg.text):
            acronym = organisations.acronym_key(m.group(1))
            if acronym in index or not (acronym in not_projects or acronym in calls and acronym not in called or acronym.startswith("ILO/")
                                        or out.lookup("Organization", acronym)
                                        or (acronym in organisations.KNOWN and acronym != "IPEC")):
                _add(found, index, out, index.get(acronym) or project_id(None, acronym), None, acronym, seg.line)
        for m in (_NAME.finditer(seg.text) if _PROJECT_WORD.search(seg.text) else ()):
            name = _LEADS.sub("", _FUNDED.sub("", m.group(0))).strip(" ,")
            if (len(name.split()) >= 2 and not _GENERIC.search(name) and not _PARTNERSHIP.search(name)
                    and not _PERSON.match(name) and not out.lookup("Organization", name)):
                _add(found, index, out, index.get(name_key(name)) or project_id(None, None, name), name, None, seg.line)
    for project in found.values():
        _emit(project, out)
    _contributions(doc, out, index)


def _names_project(name: str) -> bool:
    head = organisations.head(name)
    return head in _PROJECT_HEADS and not _GENERIC.search(name) and not name.startswith("United Nations")


def _add(found: dict[str, _Project], index: dict[str, str], out: Out, pid: str, name: str | None,
         acronym: str | None, line: int, label: str = "Project", dc_symbol: str | None = None,
         printed: str | None = None) -> None:
    project = found.get(pid)
    if project is None:
        project = found[pid] = _Project(pid, name, acronym, label=label)
        if dc_symbol:
            project.names.append(dc_symbol)
    project.name = project.name or name
    for n in (name, acronym, printed):
        if n and n not in project.names:
            project.names.append(n)
    if acronym:
        index.setdefault(acronym, pid)
    for n in (name, printed):
        if n:
            index.setdefault(name_key(n), pid)
            index.setdefault(name_key(re.sub(r"\s+(?:[Pp]roject|[Pp]rogramme)$", "", n)), pid)
    if len(project.evidence) < 3:
        ev = out.evidence(line, line, name or acronym or pid)
        if ev not in project.evidence:
            project.evidence.append(ev)


def _emit(project: _Project, out: Out) -> None:
    name = project.name or project.acronym or project.id
    aliases = sorted({n for n in project.names if n not in (name, project.acronym)})
    props = {"name": name, "acronym": project.acronym, "aliases": aliases}
    if project.label == "Project" and "/" in project.id and not project.id.startswith("PROJECT/"):
        props["dc_symbol"] = project.id
    if out.node(project.label, project.id, props, project.evidence):
        out.register(project.label, project.id, name, project.acronym, *aliases)
        if out.country and project.label == "Project" and out.label(out.country) == "Country":
            out.edge("COVERS", project.id, out.country, project.evidence[:1])


def _contributions(doc: Doc, out: Out, index: dict[str, str]) -> None:
    """CONTRIBUTES_TO from each project named under an outcome opening to the outcomes it opens with."""
    codes: list[str] = []
    heading_lines = {s.line for s in doc.sections}
    for seg in doc.segments:
        m = _OUTCOME_OPENING.match(seg.text)
        if m and (seg.bullet is False):
            codes = _codes(m.group("codes"))
        elif seg.line in heading_lines:
            codes = []
        targets = [c for c in codes if out.lookup("Outcome", c)]
        for pid, span in _mentions(seg.text, index):
            under = _UNDER.match(seg.text[span:span + 20].lstrip())
            for code in ([outcome_code(under.group("code"))] if under else targets):
                outcome = out.lookup("Outcome", code or "")
                if outcome:
                    ev = [out.evidence(seg.line, seg.line, seg.text)]
                    out.edge("CONTRIBUTES_TO", pid, outcome, ev, {"basis": "stated"})


def _codes(text: str) -> list[str]:
    """"LAO 101/102" -> [LAO101, LAO102]; "KHM 106" -> [KHM106]."""
    prefix = text[:3]
    return [f"{prefix}{n}" for n in re.findall(r"\d{3}", text)]


def _mentions(text: str, index: dict[str, str]):
    """(project id, end offset) for each known project name or acronym in the text."""
    for m in re.finditer(r"[A-Z][\w'’&/-]*", text):
        word = m.group(0)
        pid = index.get(word) or index.get(organisations.acronym_key(word))
        if pid:
            yield pid, m.end()
    for m in (_NAME.finditer(text) if _PROJECT_WORD.search(text) else ()):
        pid = index.get(name_key(_LEADS.sub("", m.group(0)).strip(" ,")))
        if pid:
            yield pid, m.end()
    for m in _PARTNERSHIP.finditer(text):
        pid = index.get(name_key(m.group(0)))
        if pid:
            yield pid, m.end()
