"""Reader: PARTNERS_WITH, the organisations that take part in the projects and programmes a report covers.

Precision comes before recall: a wrong partnership is worse than a missing one. Two rules.

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
   ...", "Lao ...", "... of Cambodia", "Viet Nam ..."). The organisations reader gives those no
   country, and a foreign or international body (ITUC, ACILS, "Singapore Employers' Federation")
   is nobody's constituent; one named without its country (TUWFPD) is left out.
2. Stated project partners (`basis: stated`): "ORG (an ITP partner)"; "PROJECT ... in
   partnership / collaboration / cooperation with ORG", "PROJECT worked with ORG", "PROJECT
   implemented by ORG", "PROJECT ... partners (ORG and ORG)", "counterparts at ORG"; "ORG
   counterparts" in a sentence naming one project; a table with a partner or counterpart column
   beside a project column. The project is the nearest named before the cue in the sentence (no
   relative clause between), or the only one named when the sentence opens with the cue; a cue
   after "not", "never" or "without" states nothing. The role is what the words say:
   "implementing partner", "counterpart" or "partner"; the most specific wins when a report says
   several. The ILO and its units are no partner of their own projects. A stated edge from a
   programme stands; rule 1 adds none beside it.

Where the report speaks: its body sentences; not the abbreviation list or QUICK FACTS, lists of
persons met, attendees, references or contents, not footnotes, not sentences that recommend or
look ahead ("should", "would", "may", "will", "next", "future", "Recommendation 5: ..."). A name
that owns a plan, law or survey ("Ministry of Women's Affairs Five-Year Strategic Plan", "MOLSW's
OSH Master Plan") or is cited as a source ("(MPI, 2009)") is not a mention of the body at work.

Evidence: up to three sentences per edge, each its line and a quote around the name; for rule 1
the clearest first (a word stating the role near the name: counterpart, constituent, works with).

Speed: plain substring tests pick the sentences worth reading, names are looked up by their first
word (no pattern is compiled per report), and the slower patterns run only on sentences that name
an organisation.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from kg.records import Evidence
from loaders.report import acronyms, quickfacts
from loaders.report.document import Doc
from loaders.report.out import Out
from loaders.report.text import QUOTE_MAX, clean

EDGE = "PARTNERS_WITH"
MAX_EVIDENCE = 3
_ROLE_RANK = {"partner": 1, "counterpart": 2, "implementing partner": 3}

_LISTINGS = re.compile(r"persons|people|interview|attendees|participants|\bmet\b|contents|references|bibliography|"
                       r"list of (?:tables|figures|annex)")  # of a title in lower case
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z(\"“])")  # as contributions.SENTENCE, opening with the stop
_NOT_BODY = re.compile(r"^(?:(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\d{1,3}|\[\^\w+\]:?)\s+[A-Z(\"“*]"  # a footnote
                       r"|(?:Mr|Ms|Mrs|Dr|Prof)\.?\s)")  # a person met


def _words(*words: str, whole: bool = True) -> re.Pattern:
    """Any of the words (or, not `whole`, words starting so), lowercase or capitalised, where a word starts.

    Each alternative opens with a plain letter, so that a scan skips to those letters (see acronyms.word_start):
    a pattern opening with \\b or matching case-blind tries every position and is several times slower."""
    variants = {v for w in words for v in (w, w[0].upper() + w[1:])}
    return re.compile(acronyms.alternation(variants, at_word_start=True) + (r"(?![\w-])" if whole else ""))


_AHEAD_WORDS = ("ould", "may", "might", "will", "next", "uture", "ecommend")  # a fast first filter for _LOOKS_AHEAD
_LOOKS_AHEAD = _words("should", "would", "could", "may", "might", "will", "next", "future", "recommend", "recommends",
                      "recommended", "recommendation", "recommendations")
# Rule 1: the ILO at work with a body.
_ILO = re.compile(acronyms.word_start("I", r"LO\b(?![- ](?:Conventions?|Recommendations?|Declaration|[Ss]tandards|"
                                           r"Constitution)\b)(?!,?\s*(?:19|20)\d\d)"))
_TOGETHER = _words("support", "assist", "help", "partner", "collaborat", "cooperat", "co-operat", "coordinat", "engag",
                   "works with", "worked with", "working with", "work with", "counterpart", "capacity building",
                   "capacity-building", "capacity development", "train", "funded", "funding", "financed", "financing",
                   "expertise", "advice", "request", "subcontract", "relationship", "contribut", whole=False)
_NEGATED = _words("absence of", "without", "lack of", "did not", "not being", "ceased", "no longer", "end of")
_STATES_ROLE = _words("counterpart", "constituent", "social partner", "works with", whole=False)
_LABOUR_MINISTRY = re.compile(r"^(?:Ministry|Ministerio|Secretar[ií]a) (?:of|for|del?) (?:[\w,'’]+ ){0,3}?"
                              r"(?:Labou?r|Manpower|Employment|Trabajo)\b|^(?:Royal )?Government\b")
# Where a name is not the body at work: the owner of a plan, a law or a survey, or a cited source.
_OWNS = re.compile(r"^(?:['’]s?)?(?:\s*/\s*[A-Z][\w-]*)?\s+(?:(?:[A-Z][\w&-]*|draft|new|revised|national|strategic|"
                   r"master|action|sector|five-year|\(?\d{4}(?:[–-]\d{2,4})?\)?)\s+){0,5}?"
                   r"(?:[Pp]lans?|[Ss]trateg(?:y|ies)|[Pp]olic(?:y|ies)|[Ll]aws?|[Dd]ecrees?|[Ss]urveys?|[Rr]eports?|"
                   r"[Pp]rogrammes?|[Ff]rameworks?|[Aa]genda|home page)\b")
_OWNED_BY = re.compile(r"(?:[Pp]lan|[Ss]trategy|[Pp]olicy|[Ll]aw|[Dd]ecree|[Ss]urvey)\s+(?:of|by)\s+(?:the\s+)?$")
_CITED = re.compile(r"^(?:\s*/\s*[A-Z]\w*)?,?\s*(?:19|20)\d\d\b")
# Rule 2: the words that state a partnership, and what may stand between them and the first partner.
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
_CUE = _words(*(w for words in _CUES.values() for w in words))
_CUE_KIND = {v: kind for kind, words in _CUES.items() for w in words for v in (w, w[0].upper() + w[1:])}
_WORD = re.compile(acronyms.word_start("[A-Z]", r"[\w&]*", r"\w&-"))
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
_PLACE_WORD = re.compile(r"^(?:US|U\.S\.|UK|[A-Z][a-z]+(?:ian|ean|can|ese|ish))$")
_WORD_SPLIT = re.compile(r"[\s/-]+")


class Mention(NamedTuple):
    """A node named in a text: where, and which."""

    start: int
    end: int
    id: str


class Sentence(NamedTuple):
    """A sentence of the report, with the line its segment is on."""

    line: int
    text: str


class _Names:
    """Finds the nodes of one label named in a text: their registered names, longest first, where a word starts.

    No pattern is compiled per report: the capitalised words of a text that open a name (a set intersection)
    are found again with str.find, and the names they open are tried there, the longest first."""

    def __init__(self, out: Out, label: str, keep=lambda id, props: True):  # keep(id, properties): index this node
        self.out, self.label = out, label
        self.by_first: dict[str, list[str]] = {}
        names = {n for i, node in out.nodes.items() if node.label == label and keep(i, node.properties)
                 for n in _names(node.properties) if len(n) >= 2 and n[0].isupper()}
        for n in sorted(names, key=len, reverse=True):
            self.by_first.setdefault(_WORD.match(n).group(), []).append(n)
        self.firsts = frozenset(self.by_first)

    def find(self, text: str) -> list[Mention]:
        """The names in the text, leftmost first, the longest where several begin at one place."""
        hits = []
        for word in self.firsts.intersection(_WORD.findall(text)):  # the scan stays in C: most texts name none
            at = text.find(word)
            while at >= 0:
                if not (at and (text[at - 1].isalnum() or text[at - 1] in "&-_")):
                    hits.extend(self._at(text, at, self.by_first[word]))
                at = text.find(word, at + 1)
        found: list[Mention] = []
        for hit in sorted(hits):
            if not found or hit.start >= found[-1].end:
                found.append(hit)
        return found

    def _at(self, text: str, at: int, names: list[str]) -> list[Mention]:
        """The longest name that begins at `at` and ends where a word does, as a list of none or one."""
        for name in names:
            stop = at + len(name)
            if text.startswith(name, at) and not (stop < len(text) and (text[stop].isalnum() or text[stop] in "&-_")):
                node = self.out.lookup(self.label, name)
                if node:
                    return [Mention(at, stop, node)]
        return []


class _Found:
    """The partnerships found so far: (source, organisation) -> role, basis and evidence."""

    def __init__(self):
        self.edges: dict[tuple[str, str], tuple[str, str, list[Evidence]]] = {}

    def add(self, source: str, org: str, role: str, basis: str, evidence: Evidence) -> None:
        old_role, _, found = self.edges.get((source, org), (role, basis, []))
        if _ROLE_RANK.get(role, 0) > _ROLE_RANK.get(old_role, 0):
            old_role = role
        if evidence not in found and len(found) < MAX_EVIDENCE:
            found.append(evidence)
        self.edges[(source, org)] = (old_role, basis, found)

    def emit(self, out: Out) -> None:
        for (source, org), (role, basis, evidence) in self.edges.items():
            if (source, EDGE, org) not in out.edges:  # a stated partnership stands; rule 1 adds none beside it
                out.edge(EDGE, source, org, evidence, {"role": role, "basis": basis})


def read(doc: Doc, out: Out) -> None:
    """Emit PARTNERS_WITH for stated project partners, then for the constituents of an evaluated country programme."""
    orgs = _Names(out, "Organization", _may_partner)
    if not orgs.by_first:
        return
    works = (_Names(out, "Project"), _Names(out, "Programme"))
    programmes = _country_programmes(out)
    stated, cues = _Found(), {p: {} for p, _ in programmes}
    for s, named in _spoken(doc, orgs, bool(programmes)):
        _stated(s, named, works, out, stated)
        for programme, country in programmes:
            _constituents(s, named, out, country, cues[programme])
    _tables(doc, out, orgs, works, stated)
    stated.emit(out)
    for programme, country in programmes:
        _emit_constituents(out, programme, country, cues[programme])


def _may_partner(id: str, props: dict) -> bool:
    """Not the ILO, nor one of its units: they run the projects rather than partner them."""
    return id != "ILO" and props.get("kind") != "ILO unit"


# --- where the report speaks -------------------------------------------------------------------------

def _spoken(doc: Doc, orgs: _Names, rule_1: bool):
    """(sentence, the organisations it names) for each body sentence with a cue of rule 2, or of rule 1 when it
    applies; not lists read elsewhere or of people, not footnotes, not recommendations or plans for the future."""
    skip = set(acronyms.skipped_lines(doc))
    for s in doc.sections:
        if _LISTINGS.search(s.title.lower()):
            skip.update(range(s.line, s.end_line + 1))
    for seg in doc.segments:
        text = seg.text
        if not (_cue_words(text) or rule_1 and _rule_1_words(text)) or seg.line in skip or _NOT_BODY.match(text):
            continue
        named = orgs.find(text)
        for start, end in _sentence_spans(text) if named else ():
            sentence = text[start:end]
            inside = [Mention(m.start - start, m.end - start, m.id) for m in named if start <= m.start < end]
            if inside and (end - start == len(text) or _cue_words(sentence) or rule_1 and _rule_1_words(sentence)) \
                    and not _looks_ahead(sentence):
                yield Sentence(seg.line, sentence), inside


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a segment: it ends at ".", "!" or "?" before a space and a capital."""
    if ". " not in text and "? " not in text and "! " not in text:
        return [(0, len(text))]
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.start() + 1))
        start = m.end()
    return spans + [(start, len(text))]


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


def _evidence(out: Out, s: Sentence, m: Mention) -> Evidence:
    """The sentence's line and a quote of it around the name."""
    text = s.text
    if len(text) > QUOTE_MAX:
        start = max(0, min(m.start - QUOTE_MAX // 3, len(text) - QUOTE_MAX))
        start = text.find(" ", start) + 1 if start else 0
        text = ("…" if start else "") + text[start:]
    return out.evidence(s.line, s.line, text)


# --- rule 2: stated project partners -----------------------------------------------------------------

def _stated(s: Sentence, orgs: list[Mention], finders: tuple[_Names, ...], out: Out, found: _Found) -> None:
    """The partners a sentence states for the projects (or programmes) it names."""
    text = s.text
    if not _stated_cue(text):
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
            found.add(work, org.id, _CUE_ROLE[kind], "stated", _evidence(out, s, org))
    for org in orgs:
        bracket = _ROLE_BRACKET.match(text, org.end)
        named = _whole_name(bracket.group("work"), finders) if bracket else None
        if named:
            found.add(named, org.id, bracket.group("role"), "stated", _evidence(out, s, org))
        elif only and _COUNTERPARTS_AFTER.match(text, org.end):
            found.add(only, org.id, "counterpart", "stated", _evidence(out, s, org))


def _stated_cue(text: str) -> bool:
    """The sentence has a cue of rule 2."""
    return _cue_words(text) and _CUE.search(text) is not None


def _cue_words(text: str) -> bool:
    """The text may have a cue of rule 2 (a fast first filter: plain substring tests)."""
    return "artner" in text or "ounterpart" in text or "mplement" in text or "xecut" in text or \
        (" with" in text and ("rk with" in text or "rks with" in text or "rked with" in text or "rking with" in text
                              or "ation with" in text or "ly with" in text))


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


def _whole_name(text: str, finders: tuple[_Names, ...]) -> str | None:
    """The id of the project or programme that `text` names, all of it ("ITP" in "an ITP partner")."""
    for finder in finders:
        for m in finder.find(text):
            if m.start == 0 and m.end == len(text):
                return m.id
    return None


def _tables(doc: Doc, out: Out, orgs: _Names, finders: tuple[_Names, ...], found: _Found) -> None:
    """Rows of a table with a partner or counterpart column beside a project column."""
    lines = doc.lines
    for number, raw in enumerate(lines, 1):
        if ("\t" in raw or "|" in raw) and ("artner" in raw or "ounterpart" in raw or "genc" in raw) \
                and _PARTNER_CELL.search(raw):
            columns = _header(_cells(raw))
            if columns:
                _rows(lines, number, columns, out, orgs, finders, found)


def _rows(lines: list[str], header: int, columns: tuple[int, int, str], out: Out, orgs: _Names,
          finders: tuple[_Names, ...], found: _Found) -> None:
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
            found.add(named, m.id, role, "stated", out.evidence(number, number, " | ".join(cells)))


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
            found.add(programme, org, role, "inferred", _evidence(out, s, m))
    found.emit(out)


def _national_role(props: dict, country: str) -> str | None:
    """"constituent" or "government counterpart" for a national body of the country; None for any other."""
    kind, name = props.get("kind"), props.get("name", "")
    named = _countries_named(name)
    if named - {country}:
        return None
    if kind == "government" and props.get("country") == country:
        return "constituent" if _LABOUR_MINISTRY.match(name) else "government counterpart"
    if kind in ("employers", "workers") and country in named:
        return "constituent"
    return None


@lru_cache(maxsize=1024)
def _countries_named(name: str) -> frozenset[str]:
    """The countries a name names ("Cambodian", "of Lao PDR", "Kingdom of Cambodia"); "?" for another place
    adjective that opens it ("Norwegian", "US")."""
    words = [w.strip(",.;:()'’") for w in _WORD_SPLIT.split(name)]
    words = [w[:-2] if w.endswith(("'s", "’s")) else w for w in words if w[:1].isupper()]
    found: set[str] = set()
    i = 0
    while i < len(words):
        codes, n = _place_at(words, i)
        found |= codes
        i += n
    if words and not found and _PLACE_WORD.match(words[0]):
        found.add("?")
    return frozenset(found)


def _place_at(words: list[str], i: int) -> tuple[set[str], int]:
    """(countries, words read) at word i: three words or two ("Papua New Guinea", "Viet Nam"), else one, as it
    stands or less "n" ("Cambodian") or "ese" ("Vietnamese")."""
    for n in (3, 2):
        if i + n <= len(words) and (codes := {c[0] for c in quickfacts.countries(" ".join(words[i:i + n]))}):
            return codes, n
    w = words[i]
    return {c[0] for stem in (w, w[:-1], w[:-3]) if len(stem) > 2 for c in quickfacts.countries(stem)}, 1


def _names(props: dict) -> list[str]:
    return [n for n in (props.get("name"), props.get("acronym"), *(props.get("aliases") or [])) if n]
