"""Reader: PARTNERS_WITH, the organisations that take part in the projects and programmes a report covers.

Precision comes before recall: a wrong partnership is worse than a missing one. Two rules: the
constituents of a country programme (rule 1, here) and the partners the report states for its
projects (rule 2, `partner_statements`). When a report says several roles for one edge, the most
specific wins ("implementing partner", "counterpart", "partner"). A stated edge from a programme
stands; rule 1 adds none beside it.

1. Constituents of a country programme (`basis: inferred`). For each programme the report
   evaluates that covers one country, the national government bodies, employers' and workers'
   organisations of that country named in a sentence about the ILO's work with them are partners:
   - role "constituent": an employers' or workers' organisation, the labour ministry ("Ministry
     of Labour ...", "... of Manpower", "... of Employment") and the country's government;
   - role "government counterpart": any other national government body (a planning ministry,
     a statistics office, a social security fund).
   Mere mention is not enough (the seeds name ministries as sources, as owners of plans, as
   regulators, and list the people met in them): the sentence must name the ILO ("ILO", "ILO's",
   "ILO-supported"; not "ILO Conventions" or a citation "ILO, 2010") and a word of working
   together (support, assist, partner, collaborate, engage, fund, train, request, ...), or speak
   of counterparts; for a constituent, calling it a constituent or social partner also counts.
   A sentence that negates the work ("absence of ILO support", "did not") counts for none.
   National: a government body whose id carries the country (the organisations reader qualifies
   it) and whose name names no other country ("US Trade Department", "Norwegian Ministry ...");
   an employers' or workers' organisation whose name names the country and no other ("Cambodian
   ...", "Lao ...", "... of Cambodia", "Viet Nam ..."; `organisations.countries_named`). A
   foreign or international body (ITUC, ACILS, "Singapore Employers' Federation") is nobody's
   constituent; one named without its country (TUWFPD) is left out.
2. Stated project partners (`basis: stated`): see `partner_statements`. The ILO and its units
   are no partner of their own projects.

Where the report speaks (both rules): its body sentences; not the abbreviation list or QUICK
FACTS, lists of persons met, attendees, references or contents, not footnotes, not sentences that
recommend or look ahead ("should", "would", "may", "will", "next", "future", "Recommendation 5:
..."). A name that owns a plan, law or survey ("Ministry of Women's Affairs Five-Year Strategic
Plan", "MOLSW's OSH Master Plan") or is cited as a source ("(MPI, 2009)") is not a mention of the
body at work.

Evidence: up to three sentences per edge, each its line and a quote around the name; for rule 1
the clearest first (a word stating the role near the name: counterpart, constituent, works with).

Speed: plain substring tests pick the sentences worth reading, names are looked up by their first
word (`mentions.Names`: no pattern is compiled per report), and the slower patterns run only on
sentences that name an organisation.
"""

from __future__ import annotations

import re

from kg.records import Evidence
from loaders.report import acronyms, partner_statements
from loaders.report.document import Doc
from loaders.report.mentions import (
    Mention,
    Names,
    Sentence,
    evidence,
    sentence_spans,
    words,
)
from loaders.report.organisations import countries_named
from loaders.report.out import Out

EDGE = "PARTNERS_WITH"
MAX_EVIDENCE = 3
_ROLE_RANK = {"partner": 1, "counterpart": 2, "implementing partner": 3}

_LISTINGS = re.compile(r"persons|people|interview|attendees|participants|\bmet\b|contents|references|bibliography|"
                       r"list of (?:tables|figures|annex)")  # of a title in lower case
_NOT_BODY = re.compile(r"^(?:(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\d{1,3}|\[\^\w+\]:?)\s+[A-Z(\"“*]"  # a footnote
                       r"|(?:Mr|Ms|Mrs|Dr|Prof)\.?\s)")  # a person met
_AHEAD_WORDS = ("ould", "may", "might", "will", "next", "uture", "ecommend")  # a fast first filter for _LOOKS_AHEAD
_LOOKS_AHEAD = words("should", "would", "could", "may", "might", "will", "next", "future", "recommend", "recommends",
                     "recommended", "recommendation", "recommendations")
# Rule 1: the ILO at work with a body.
_ILO = re.compile(acronyms.word_start("I", r"LO\b(?![- ](?:Conventions?|Recommendations?|Declaration|[Ss]tandards|"
                                           r"Constitution)\b)(?!,?\s*(?:19|20)\d\d)"))
_TOGETHER = words("support", "assist", "help", "partner", "collaborat", "cooperat", "co-operat", "coordinat", "engag",
                  "works with", "worked with", "working with", "work with", "counterpart", "capacity building",
                  "capacity-building", "capacity development", "train", "funded", "funding", "financed", "financing",
                  "expertise", "advice", "request", "subcontract", "relationship", "contribut", whole=False)
_NEGATED = words("absence of", "without", "lack of", "did not", "not being", "ceased", "no longer", "end of")
_STATES_ROLE = words("counterpart", "constituent", "social partner", "works with", whole=False)
_LABOUR_MINISTRY = re.compile(r"^(?:Ministry|Ministerio|Secretar[ií]a) (?:of|for|del?) (?:[\w,'’]+ ){0,3}?"
                              r"(?:Labou?r|Manpower|Employment|Trabajo)\b|^(?:Royal )?Government\b")
# Where a name is not the body at work: the owner of a plan, a law or a survey, or a cited source.
_OWNS = re.compile(r"^(?:['’]s?)?(?:\s*/\s*[A-Z][\w-]*)?\s+(?:(?:[A-Z][\w&-]*|draft|new|revised|national|strategic|"
                   r"master|action|sector|five-year|\(?\d{4}(?:[–-]\d{2,4})?\)?)\s+){0,5}?"
                   r"(?:[Pp]lans?|[Ss]trateg(?:y|ies)|[Pp]olic(?:y|ies)|[Ll]aws?|[Dd]ecrees?|[Ss]urveys?|[Rr]eports?|"
                   r"[Pp]rogrammes?|[Ff]rameworks?|[Aa]genda|home page)\b")
_OWNED_BY = re.compile(r"(?:[Pp]lan|[Ss]trategy|[Pp]olicy|[Ll]aw|[Dd]ecree|[Ss]urvey)\s+(?:of|by)\s+(?:the\s+)?$")
_CITED = re.compile(r"^(?:\s*/\s*[A-Z]\w*)?,?\s*(?:19|20)\d\d\b")


class _Found:
    """The partnerships found so far: (source, organisation) -> role, basis and evidence."""

    def __init__(self):
        self.edges: dict[tuple[str, str], tuple[str, str, list[Evidence]]] = {}

    def add(self, source: str, org: str, role: str, basis: str, said: Evidence) -> None:
        old_role, _, found = self.edges.get((source, org), (role, basis, []))
        if _ROLE_RANK.get(role, 0) > _ROLE_RANK.get(old_role, 0):
            old_role = role
        if said not in found and len(found) < MAX_EVIDENCE:
            found.append(said)
        self.edges[(source, org)] = (old_role, basis, found)

    def emit(self, out: Out) -> None:
        for (source, org), (role, basis, said) in self.edges.items():
            if (source, EDGE, org) not in out.edges:  # a stated partnership stands; rule 1 adds none beside it
                out.edge(EDGE, source, org, said, {"role": role, "basis": basis})


def read(doc: Doc, out: Out) -> None:
    """Emit PARTNERS_WITH for stated project partners, then for the constituents of an evaluated country programme."""
    orgs = Names(out, "Organization", _may_partner)
    if not orgs.by_first:
        return
    works = (Names(out, "Project"), Names(out, "Programme"))
    programmes = _country_programmes(out)
    statements, cues = [], {p: {} for p, _ in programmes}
    for s, named in _spoken(doc, orgs, bool(programmes)):
        statements.extend(partner_statements.stated(s, named, works, out))
        for programme, country in programmes:
            _constituents(s, named, out, country, cues[programme])
    statements.extend(partner_statements.tables(doc, out, orgs, works))
    stated = _Found()
    for work, org, role, said in statements:
        stated.add(work, org, role, "stated", said)
    stated.emit(out)
    for programme, country in programmes:
        _emit_constituents(out, programme, country, cues[programme])


def _may_partner(id: str, props: dict) -> bool:
    """Not the ILO, nor one of its units: they run the projects rather than partner them."""
    return id != "ILO" and props.get("kind") != "ILO unit"


# --- where the report speaks -------------------------------------------------------------------------

def _spoken(doc: Doc, orgs: Names, rule_1: bool):
    """(sentence, the organisations it names) for each body sentence with a cue of rule 2, or of rule 1 when it
    applies; not lists read elsewhere or of people, not footnotes, not recommendations or plans for the future."""
    cue_words = partner_statements.cue_words
    skip = set(acronyms.skipped_lines(doc))
    for s in doc.sections:
        if _LISTINGS.search(s.title.lower()):
            skip.update(range(s.line, s.end_line + 1))
    for seg in doc.segments:
        text = seg.text
        if not (cue_words(text) or rule_1 and _rule_1_words(text)) or seg.line in skip or _NOT_BODY.match(text):
            continue
        named = orgs.find(text)
        for start, end in sentence_spans(text) if named else ():
            sentence = text[start:end]
            inside = [Mention(m.start - start, m.end - start, m.id) for m in named if start <= m.start < end]
            if inside and (end - start == len(text) or cue_words(sentence) or rule_1 and _rule_1_words(sentence)) \
                    and not _looks_ahead(sentence):
                yield Sentence(seg.line, sentence), inside


def _looks_ahead(text: str) -> bool:
    """The sentence recommends or speaks of the future (plain substring tests first)."""
    return any(w in text for w in _AHEAD_WORDS) and _LOOKS_AHEAD.search(text) is not None


def _rule_1_words(text: str) -> bool:
    """The text may have a cue of rule 1 (a fast first filter: plain substring tests)."""
    return "ILO" in text or "onstituent" in text or "ounterpart" in text


def _rule_1_cues(text: str) -> tuple[bool, bool, bool]:
    """(the ILO at work, a counterpart, a constituent) as the sentence says them; none where it negates."""
    ilo = "ILO" in text and _ILO.search(text) is not None
    counterpart = "ounterpart" in text
    constituent = "onstituent" in text or "ocial partner" in text
    if not (ilo or counterpart or constituent) or _negated(text):
        return False, False, False
    return ilo and _TOGETHER.search(text) is not None, counterpart, constituent


def _negated(text: str) -> bool:
    """The sentence negates what it says ("absence of ILO support", "did not"); plain substring tests first."""
    return ("bsence of" in text or "ithout" in text or "ack of" in text or " not " in text or "eased" in text
            or "o longer" in text or "nd of" in text) and _NEGATED.search(text) is not None


def _at_work(text: str, m: Mention) -> bool:
    """The name is the body itself, not the owner of a plan or survey or a cited source."""
    after = text[m.end:m.end + 90]
    return not (_OWNS.match(after) or _CITED.match(after) or _OWNED_BY.search(text[max(0, m.start - 20):m.start]))


# --- rule 1: constituents of a country programme -----------------------------------------------------

def _country_programmes(out: Out) -> list[tuple[str, str]]:
    """(programme, country) for each programme an evaluation of the report evaluates that covers one country."""
    evaluated = {t for s, kind, t in out.edges if kind == "EVALUATES" and out.label(t) == "Programme"}
    found = []
    for programme in sorted(evaluated):
        countries = [t for s, kind, t in out.edges if s == programme and kind == "COVERS"]
        if len(countries) == 1:
            found.append((programme, countries[0]))
    return found


def _constituents(s: Sentence, named: list[Mention], out: Out, country: str,
                  cues: dict[str, list[tuple[bool, Sentence, Mention]]]) -> None:
    """The national bodies a sentence names where it speaks of the ILO working with them (or calls them constituents
    or counterparts): (weak, sentence, mention) per body, weak when no word near the name states the role."""
    roles = {m.id: role for m in named if (role := _national_role(out.nodes[m.id].properties, country))}
    if not roles:
        return
    text, seen = s.text, set()
    at_work, counterpart, constituent = _rule_1_cues(text)
    for m in named:
        role = roles.get(m.id)
        if role and m.id not in seen and (at_work or counterpart or constituent and role == "constituent") \
                and _at_work(text, m):
            seen.add(m.id)
            near = _STATES_ROLE.search(text, max(0, m.start - 80), m.end + 80)
            cues.setdefault(m.id, []).append((near is None, s, m))


def _emit_constituents(out: Out, programme: str, country: str,
                       cues: dict[str, list[tuple[bool, Sentence, Mention]]]) -> None:
    """One edge per body, its evidence the clearest sentences first."""
    found = _Found()
    for org, said in cues.items():
        role = _national_role(out.nodes[org].properties, country)
        for _, s, m in sorted(said, key=lambda c: (c[0], c[1].line))[:MAX_EVIDENCE]:
            found.add(programme, org, role, "inferred", evidence(out, s, m))
    found.emit(out)


def _national_role(props: dict, country: str) -> str | None:
    """"constituent" or "government counterpart" for a national body of the country; None for any other."""
    kind, name = props.get("kind"), props.get("name", "")
    named = countries_named(name)
    if named - {country}:
        return None
    if kind == "government" and props.get("country") == country:
        return "constituent" if _LABOUR_MINISTRY.match(name) else "government counterpart"
    if kind in ("employers", "workers") and country in named:
        return "constituent"
    return None
