"""Reader: named projects and partnership programmes, DC symbols, and the outcomes projects work towards.

Decisions:
- A project is named by (a) a run of capitalised words headed by Project,
  Programme, Initiative or Facility ("Social Security Project", "Project to
  Combat Trafficking in Children and Women", "Decent Work Programme in the
  Andean countries"); (b) a capitalised run followed by a lowercase project
  word ("the Better Factories Cambodia programme", "the Microfinance for
  Decent Work research initiative", "Inclusion for People with Disabilities
  (INCLUDE) project"); (c) an acronym defined with such a name, or called a
  project twice ("the WEDGE project"); (d) an item of the list an outcome
  statement gives ("This outcome includes: A; B; and C") or a list after
  "projects (", "projects such as" gives, names without a project word
  included. A statement that announces a list ("includes:") and names
  nothing is warned, naming its line. Its id is its DC symbol when known, else PROJECT/
  and its acronym (WEDGE is one node whatever its long name says) or a slug
  of its name without "ILO" and the head word.
- One project, several spellings: a name that spells a project acronym of
  the report joins it ("Creative Industry Support Project" -> CISP), an
  acronym with its letters transposed joins the known one (TIWC -> TICW), a
  name ending in an acronym joins the acronym ("SMEPDO WEDGE Project"), a
  never-expanded acronym spelled by exactly one project name becomes its
  acronym (BFC), and names with the same "ILO/Partner" prefix sharing a
  content word are one project.
- Not projects: job titles ("Programme Officer": a head followed by another
  capitalised word, or a run holding a role word), generic names ("Country
  Programme", "Decent Work Country Programme"), organisations ("United
  Nations Development Programme"), acronyms whose definition names a body
  or an account (RBSA), a Government's programme (a national plan).
- Partnership programmes ("ILO/Korea Partnership Programme", "ILO-Korea
  partnership programme", "ILO/Korea programme") are Programme nodes keyed
  by the partner; a named country programme with country and period ("ILO
  DWCP of Lao PDR 2022-26") gets the id the programme reader gives it.
- CONTRIBUTES_TO (basis stated) rests on the statement that links a project
  to an outcome, not on every mention near it. An outcome opening (a
  paragraph, heading or table row that starts with outcome codes: "LAO
  101/102:", "KHM 106", "Outcome: KHM 176 –", "DWCP outcome 2:") governs a
  block up to the next opening or heading. Inside it, a project contributes
  when named in the opening statement (the opening paragraph, or the first
  substantial paragraph or cell after a bare code), when it is the subject
  of a sentence ("The WEDGE Project helped ..."), or when it follows
  "under/through/supported by/funded by (the)". Sentences about
  collaboration between projects ("links with", "in collaboration with",
  "successor", "such as") link nothing. "Project (under KHM 156)" links
  directly wherever it stands.
- FUNDED_BY: "X-funded Project" and "Project (X financed)" with X a known
  organisation; budget and currency from "Project (US$3.4 million)".
- PART_OF: a project "under the ILO/Korea Partnership Programme" is part of it.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from kg.records import Evidence
from loaders.report import acronyms, organisations, quickfacts
from loaders.report.document import Doc
from loaders.report.ids import name_key, outcome_code, programme_id, project_id
from loaders.report.out import Out
from loaders.report.text import Segment

_ACR = acronyms.ACRONYM
_CAP_HEADS = frozenset({"Project", "Programme", "Program", "Initiative", "Facility"})
_LOW_HEAD = r"(?:project|programme|program|initiative)s?"
_HEAD = re.compile(acronyms.alternation(_CAP_HEADS | {"project", "programme", "program", "initiative"}, at_word_start=True)
                   + r"\b(?!['’])")
_TOKEN = re.compile(r"[A-Za-z0-9À-ÿ][\w'’&/-]*|[^\w\s]")
_CONNECT = frozenset("of for on in to from within against and & the into through".split())
_ROLES = frozenset("""director deputy chief head manager officer coordinator adviser advisor specialist consultant
    assistant senior junior analyst secretary president cta npc""".split())
_PHASE = re.compile(r"^\s*[-–—]?\s*(?:Phase\s+(?:[IVX]+|\d)\b|[IVX]+\b(?!\s*[a-z]))")
_PLACE_TAIL = frozenset({"countries", "region", "subregion"})
_GENERIC = re.compile(
    r"^(?:(?:the|a|an|this|that|ILO|its|our|new)\s+)*(?:Decent Work\s+)?(?:Country|Regional|National|Global|"
    r"Joint|Pilot|Technical Cooperation|Work|Decent Work|Development|Innovation|Research)?\s*"
    r"(?:Programmes?|Programs?|Projects?|Initiatives?|Facility)(?:\s+(?:Phase\s+)?[IVX]+)?$|"
    r"Country Programmes?\b|Programme and Budget|Decent Work Country|Regular Budget", re.I)
_LEADS = re.compile(r"^(?:(?:The|A|An|This|These|Its|Under|With|Through|By|From|In|And|Of|For|To|On|Both|Some|New|"
                    r"Since|During|While|Although|However|Also|ILO['’]s|Other|Former|Flagship|Recently|Completed|"
                    r"Initiated|Regional|Subregional|Global|Only|Each|All|Every|Such|Our|Their|Continue)\s+)+")
_PERSON = re.compile(r"^(?:Mr|Ms|Mrs|Dr)\b")
_FUNDED_LEAD = re.compile(r"^(?P<org>[A-Z][\w'’ ]*?)-(?:funded|financed|supported)\s+")
_FUNDED_AFTER = re.compile(r"^\s*\((?P<org>[A-Z][\w/ ]*?)[- ](?:funded|financed)\)")
_MONEY_AFTER = re.compile(r"^\s*\((?:[A-Z][\w&/-]*,\s*)?(?P<money>(?:US\$|USD|\$|€|EUR)\s?[\d.,]+(?:\s*(?:million|billion|m))?)\)", re.I)
# "(ACR) project" is found at the acronym: a bracket before it is no word character.
_ACRONYM_CALLED = re.compile("(" + acronyms.acronym_alone(r"\w/-") + rf")\)?\s+(?:{_LOW_HEAD}|Project|Programme|Program)\b")
_DEFINED_CALLED = re.compile(rf"\(({_ACR})(?:,[^()]*)?\)\s+(?:and related\s+)?(?:{_LOW_HEAD})\b")
_PARTNERSHIP = re.compile(acronyms.word_start(
    "I", r"LO\s*[/-]\s*([A-Z][a-z]+)\s+(?:(?P<kind>[Pp]artnership|[Mm]ulti-bilateral)\s+)?[Pp]rogramme\b"))
_COUNTRY_PROGRAMME = re.compile(  # "ILO DWCP ..." or "DWCP ...", where a word starts
    "(?:" + acronyms.word_start("I", r"LO\s+(?:DWCP|Decent Work Country Programme)")
    + "|" + acronyms.word_start("D", "(?:WCP|ecent Work Country Programme)") + ")"
    r"\s+(?:(?:of|for|in)\s+)?(?P<country>[A-Z][A-Za-z ]{2,30}?)\s+"
    r"(?P<a>(?:19|20)\d\d)\s*[-–]\s*(?P<b>\d{2,4})\b")
_OUTCOME_OPENING = re.compile(
    r"^(?:outcome\s*:?\s*|priority\s+)?(?:(?P<codes>[A-Z]{3}\s?\d{3}(?:\s*(?:[/,&]|and)\s*(?:[A-Z]{3}\s?)?\d{3})*)"
    r"|(?P<dwcp>DWCP\s+outcome\s+\d+(?=\s*:)))\b\s*[:–—-]?", re.I)
_BLOCK_END = re.compile(r"^(?:average|total)\s+score\b", re.I)  # the closing row of an outcome's rating table
_FOOTNOTE = re.compile(r"^[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s")
_UNDER = re.compile(r"^\s*(?:project|programme|initiative)?\s*\((?:under|see)\s+(?P<code>[A-Z]{3}\s?\d{3})\)")
_SENTENCE = re.compile(r"\s(?<=[.!?]\s)\s*(?=[A-Z(\"“])")  # opens with the space, not a lookbehind
# Every alternative opens with a plain letter, so that a scan skips to those letters.
_COLLAB = re.compile(r"Collaborat|collaborat|cooperation with|" + acronyms.word_start("L", r"inks? with|")
                     + acronyms.word_start("l", r"inks? with|") + r"partner(?:ing|ed|ship) with|Working with|"
                     r"working with|synerg|successor|Follow[- ]on|follow[- ]on|such as|redirected|initiative with")
_OBJECT_CUE = re.compile(r"(?<!\()\b(?:under|through|supported by|sponsorship from|sponsored by|funded by|financed by)\s+"
                         r"(?:the\s+)?(?:ILO['’]s\s+)?$")
_LIST_CUE = re.compile(r"\b(?:includ(?:es|ed|ing)|encompass(?:es|ed)?)\b\s*:?\s*", re.I)
_LIST_CONTEXT = re.compile(r"\b(?:outcome|projects?|initiatives?|programmes?|sources)\b", re.I)
_LIST_NOUN = re.compile(r"^(?:a (?:wide )?range of |several |various )?(?:the )?(?:technical cooperation |other )?"
                        r"(?:projects|initiatives|programmes)\b[^(:;]*?(?:,\s*including\s*:?\s*|\(|:\s*)")
_PROJECT_LIST = re.compile(acronyms.alternation(("projects", "programmes", "initiatives"), at_word_start=True) + r"\s*(?:\(|,?\s+(?:including|such as)\s*:?\s+)(?=[A-Z])")
_EMPTY_LIST = re.compile(r"\b(?:includ\w*|encompass\w*)\b[^.;]*:\s*$")
_CLAUSE = re.compile(r",\s+(?=[a-z])(?![^()]*\))")  # ", funded by ...", ", which ...": a clause after a name
_ITEM_SPLIT = re.compile(r"(?<=\)),\s+|,\s+(?=[A-Z]{2,}\b)|(?<=\))\s+and\s+|\s+and\s+(?=[A-Z]{2,}\b)|,\s+(?=the\s)|,?\s+and\s+(?=the\s)|\s+as well as\s+|,\s+and\s+")
_ITEM_PREFIX = re.compile(r"^(?:[\w'’/-]+\s+){0,2}(?:project|programme|initiative)\s+(?:on|to)\s+(?=[A-Z])")
_ITEM_LEAD = re.compile(r"^(?:(?:the|former|recently|initiated|completed|flagship|new|ongoing|ILO['’]s)\s+|\([^()]*\)\s*)+",
                        re.I)
_ITEM_ACRONYM = re.compile(rf"\s*\((?P<acr>{_ACR})(?:,[^()]*)?\)")
_PARENS = re.compile(r"\s*\([^()]*\)")
_TRAIL = re.compile(rf"(?:\s+[a-z][\w-]*){{0,2}}\s+{_LOW_HEAD}\s*$")
_MAX_RUN = 16
_LOOK_BACK, _FIRST_LOOK = 240, 60  # characters before a project word where its name may begin; read first
_SENTENCE_WORDS = frozenset("The A An This These That Its Their Our In On At By With From Under Through And Of For To".split())
_POSSESSIVE = re.compile(r"['’]s$")
_FUNDED_PREFIX = re.compile(r"^.*?\b[\w'’]+-(?:funded|financed|supported)\s+")
_BAD_LEADS = re.compile(r"^(?:Annex|Table|Figure|Section|Chapter|Box|Source|See|Note|Page)\b")


@dataclass
class _Project:
    id: str
    name: str | None
    acronym: str | None
    names: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    label: str = "Project"
    kind: str | None = None
    budget: tuple[float, str] | None = None
    funders: dict[str, Evidence] = field(default_factory=dict)
    within: dict[str, Evidence] = field(default_factory=dict)


@dataclass
class _Block:
    """An outcome opening and what it governs: the outcomes, the segments, how many of them state the opening."""

    outcomes: list[str]
    segments: list[Segment] = field(default_factory=list)
    opening: int = 0

    @cached_property
    def statements(self) -> list[tuple[int, Segment, str]]:
        """(index of the segment, segment, sentence up to any word about collaboration) for each sentence."""
        return [(k, seg, _before_collaboration(sentence)) for k, seg in enumerate(self.segments)
                for sentence in _SENTENCE.split(seg.text)]


class _Reader:
    """The projects of one report, as found: ids, the names that find them, and what they state."""

    def __init__(self, doc: Doc, out: Out):
        self.doc, self.out = doc, out
        self.found: dict[str, _Project] = {}
        self.index: dict[str, str] = {}  # name key -> id
        self.acronyms: dict[str, str] = {}  # project acronym -> id
        skip = acronyms.skipped_lines(doc)
        self.segs = [seg for seg in doc.segments if seg.line not in skip]
        self.defined = acronyms.definitions(doc) + acronyms.remark_definitions(doc)
        self.not_projects = {d.acronym for d in self.defined
                             if not d.name[:1].isupper() or acronyms.names_body(d.name)
                             or (acronyms.head(d.name) in acronyms.NOT_BODY_HEADS
                                 and acronyms.head(d.name) not in {"project", "programme", "program", "initiative"})}

    # --- finding projects -------------------------------------------------------------------------

    def collect(self, blocks: list[_Block]) -> None:
        """Find every project: definitions, outcome statements, lists of projects, names in the text, bare acronyms."""
        # Per segment with a project word: its "Name (ACR) project"s and "ACR project"s, read once.
        headed = {k: (list(_DEFINED_CALLED.finditer(seg.text)), list(_ACRONYM_CALLED.finditer(seg.text)))
                  for k, seg in enumerate(self.segs) if _HEAD_WORD_IN(seg.text)}
        calls = Counter(acronyms.acronym_key(m.group(1)) for _, called in headed.values() for m in called)
        self.called = {a for a, n in calls.items() if n >= 2}  # once may be a topic: "the OSH project"
        self.called.update(acronyms.acronym_key(m.group(1)) for defined, _ in headed.values() for m in defined)
        for d in self.defined:
            if (_names_project(d.name) or d.acronym in self.called) and self._may_be_project(d.acronym):
                self.add(project_id(None, d.acronym), _strip_head(d.name) if not _names_project(d.name) else d.name,
                         d.acronym, d.line, printed=d.name)
        self._statement_lists(blocks)
        for k in headed:
            self._project_lists(self.segs[k])
        for k, seg in enumerate(self.segs):
            self._segment(seg, headed.get(k))
        self._bare_acronyms()

    def _statement_lists(self, blocks: list[_Block]) -> None:
        """The projects outcome statements list ("This outcome includes: A; B; and C"); a list announced but empty is warned."""
        for block in blocks:
            for _, seg, sentence in block.statements:
                items = _list_items(sentence)
                for item in items:
                    self._item(item, seg.line)
                if not items and sentence.rstrip().endswith(":") and _EMPTY_LIST.search(sentence):
                    self.out.warn(seg.line, "an outcome statement announces a list of projects but names none; "
                                            "no contribution read from it")

    def _project_lists(self, seg: Segment) -> None:
        """The names listed after "projects (", "projects such as", "programmes, including"."""
        for m in _PROJECT_LIST.finditer(seg.text):
            rest = seg.text[m.end():]
            for item in _items(_until_close(rest) if m.group(0).endswith("(") else _SENTENCE.split(rest, 1)[0]):
                self._item(item, seg.line)

    def _segment(self, seg: Segment, called: tuple[list[re.Match], list[re.Match]] | None) -> None:
        """DC symbols, programmes, and with `called` (the segment has a project word), the names of projects."""
        text = seg.text
        for symbol in quickfacts.dc_symbols(text) if "/" in text and _DC_CUE.search(text) else ():
            self.add(project_id(symbol), None, None, seg.line, dc_symbol=symbol)
        if "rogramme" in text or "DWCP" in text:
            self._programmes(seg)
        if called is None:
            return
        defined, by_acronym = called
        for m in defined:
            self._defined_here(text, m, seg.line)
        for m in by_acronym:
            self._acronym(m.group(1), seg.line)
        for m in _HEAD.finditer(text):
            name = _name_at(text, m)
            if name:
                self._name(name, seg.line)

    def _programmes(self, seg: Segment) -> None:
        for m in _PARTNERSHIP.finditer(seg.text):
            partner = m.group(1)
            pid = programme_id(None, f"ILO {partner} Partnership Programme") if (m.group("kind") or "").lower() != \
                "multi-bilateral" else programme_id(None, f"ILO {partner} Multi-bilateral Programme")
            if not m.group("kind") and pid not in self.found:
                continue  # "ILO/Korea programme" names the partnership programme only once that is known
            kind = "Multi-bilateral" if (m.group("kind") or "").lower() == "multi-bilateral" else "Partnership"
            self.add(pid, f"ILO/{partner} {kind} Programme", None, seg.line, label="Programme",
                     printed=" ".join(m.group(0).split()), kind="partnership programme")
        if "DWCP" not in seg.text and "Decent Work Country Programme" not in seg.text:
            return  # a fast first filter for _COUNTRY_PROGRAMME
        for m in _COUNTRY_PROGRAMME.finditer(seg.text):
            iso = next((c[0] for c in quickfacts.countries(m.group("country"))), None)
            if iso:
                start, end = int(m.group("a")), _year(m.group("a"), m.group("b"))
                printed = " ".join(m.group(0).split())
                pid = self.out.lookup("Programme", printed) or programme_id(f"DWCP-{iso}-{start}-{end}")
                self.add(pid, printed, None, seg.line, label="Programme", kind="DWCP",
                         printed=re.sub(r"^ILO\s+", "", printed))

    def _defined_here(self, text: str, m: re.Match, line: int) -> None:
        """"Support to Indigenous Peoples (ITP) project": the run before the bracket names the acronym."""
        acronym = acronyms.acronym_key(m.group(1))
        if acronym in self.acronyms or not self._may_be_project(acronym):
            return
        words, _ = _run_back(text, m.start(), allow_descriptors=False)
        name = _LEADS.sub("", " ".join(words))
        if len(words) >= 2 and _has_name_word(words):
            self.add(self.resolve(name) or project_id(None, acronym), name, acronym, line)

    def _may_be_project(self, acronym: str) -> bool:
        return not (acronym in self.not_projects or acronym.startswith("ILO/") or acronym in organisations.KNOWN
                    and acronym != "IPEC" or self.out.lookup("Organization", acronym))

    def _acronym(self, printed: str, line: int) -> str | None:
        if _RUN_TOGETHER.search(printed):
            return None  # "ILOcountry": words a PDF ran together, not an acronym
        acronym = acronyms.acronym_key(printed)
        pid = self.acronyms.get(acronym) or self._transposed(acronym)
        if pid:
            self.add(pid, None, None, line, printed=printed)
            return pid
        if acronym in self.called and self._may_be_project(acronym):
            return self.add(project_id(None, acronym), None, acronym, line)
        return None

    def _transposed(self, acronym: str) -> str | None:
        """The known project acronym with the same letters in another order (TIWC for TICW)."""
        if len(acronym) < 4:
            return None
        letters = sorted(acronym)
        return next((pid for a, pid in self.acronyms.items() if len(a) == len(acronym) and sorted(a) == letters), None)

    def _name(self, name: str, line: int) -> str | None:
        words = name.split()
        if len(words) >= 2 and _ACRONYM_ONLY.match(words[-2]) and words[-1] in _CAP_HEADS and all(
                _ACRONYM_ONLY.match(w) for w in words[:-1]):
            return self._acronym(words[-2], line)  # "WEDGE Project", "SMEPDO WEDGE Project"
        if len(words) < 2 or _GENERIC.search(name) or _PERSON.match(name) or self.out.lookup("Organization", name):
            return None
        return self.add(self.resolve(name) or project_id(None, None, _bare_name(name)), name, None, line)

    def _item(self, item: str, line: int) -> None:
        """A project an outcome statement lists: "the Inclusion for People with Disabilities (INCLUDE) project"."""
        acr = _ITEM_ACRONYM.search(item)
        name = _TRAIL.sub("", _PARENS.sub("", item)).strip(" ,.;:")
        words = name.split()
        if acr and self._may_be_project(acronyms.acronym_key(acr.group("acr"))):
            acronym = acronyms.acronym_key(acr.group("acr"))
            pid = self.acronyms.get(acronym) or self.resolve(name) or project_id(None, acronym)
            self.add(pid, name if len(words) >= 2 else None, acronym, line, printed=name)
        elif len(words) == 1 and _ACRONYM_ONLY.match(name):
            self._acronym(name, line)
        elif _title_like(words) and not _GENERIC.search(name) and not self.out.lookup("Organization", name) \
                and not all(quickfacts.countries(part) for part in re.split(r",|\band\b", name)):
            self.add(self.resolve(name) or project_id(None, None, _bare_name(name)), name, None, line)

    def resolve(self, name: str) -> str | None:
        """The id of a project already found under this name, a spelling of it, or the acronym it spells."""
        for key in _keys(name):
            if key in self.index:
                return self.index[key]
        if " and " in name:
            known = self.index.get(name_key(name.rsplit(" and ", 1)[1]))
            if known:
                return known  # "Labour-Based Infrastructure Development and Employment Intensive Investment Programme"
        bare = _bare_name(name)
        full = _ILO_LEAD.sub("", name.strip())
        spelled = {pid for a, pid in self.acronyms.items() if len(a) >= 3 and (_spelled(a, bare) or _spelled(a, full))}
        if len(spelled) == 1:
            return spelled.pop()
        key = name_key(bare)
        if len(bare.split()) >= 3:
            inside = {pid for k, pid in self.index.items() if len(k) > len(key) and key in k[1:]}
            if len(inside) == 1:
                return inside.pop()  # "Cross-Border Movement of Labour" inside "Management of Cross-Border ..."
        *first, last = bare.split() or [""]
        if first and _CAPITALS.match(last):
            prefix = name_key(" ".join(first))
            for k, pid in self.index.items():
                p = self.found[pid]
                if k.startswith(prefix) and k != key and p.name and acronyms.spells(last, _tail(p.name, len(first))):
                    return pid  # "... of Labour in SEA" = "... of Labour in South-East Asia"
        partner = _PARTNER_PREFIX.match(name)
        if partner:
            words = _content_words(name)
            for other in self.found.values():
                if other.label == "Project" and other.name and other.name.startswith(partner.group(0)) and \
                        words & _content_words(other.name):
                    return other.id
        return None

    def _bare_acronyms(self) -> None:
        """A never-expanded acronym that exactly one project name spells is that project's acronym (BFC)."""
        named = [p for p in self.found.values() if p.label == "Project" and not p.acronym and p.name]
        by_initial: dict[str, list[tuple[_Project, str]]] = {}  # the names by the initial they may spell from
        for p in named:
            bare = _bare_name(p.name)
            by_initial.setdefault(bare[:1].upper(), []).append((p, bare))
        # Only capitals that open a name and may open what it spells: the scan skips every other letter.
        initials = "".join(sorted({p.name[0] for p in named} & by_initial.keys() & set(string.ascii_uppercase)))
        text = self.doc.text
        capitals = re.compile(acronyms.word_start(f"[{initials}]", r"[A-Z0-9]{2,}\b")) if initials else None
        first: dict[str, int] = {}  # each token, at its first place in the text
        for m in capitals.finditer(text) if capitals else ():
            first.setdefault(m.group(0), m.start())
        for token, at in first.items():
            if token in self.acronyms:
                continue
            spelled = [p for p, bare in by_initial.get(token[0], ()) if _spelled_exactly(token, bare)]
            acronym = acronyms.acronym_key(token)
            if len(spelled) == 1 and self._may_be_project(acronym):
                self.add(spelled[0].id, None, acronym, text.count("\n", 0, at) + 1)

    def add(self, pid: str, name: str | None, acronym: str | None, line: int, label: str = "Project",
            dc_symbol: str | None = None, printed: str | None = None, kind: str | None = None) -> str:
        project = self.found.get(pid)
        if project is None:
            project = self.found[pid] = _Project(pid, name, acronym, label=label, kind=kind)
            if dc_symbol:
                project.names.append(dc_symbol)
        project.name = project.name or name
        project.acronym = project.acronym or acronym
        for n in (name, acronym, printed):
            if n and n not in project.names:
                project.names.append(n)
        if acronym:
            self.acronyms.setdefault(acronym, pid)
        for n in (name, printed):
            for key in _keys(n) if n else ():
                self.index.setdefault(key, pid)
        if len(project.evidence) < 3:
            ev = self.out.evidence(line, line, name or printed or acronym or pid)
            if ev not in project.evidence:
                project.evidence.append(ev)
        return pid

    # --- emitting ---------------------------------------------------------------------------------

    def emit(self) -> None:
        out = self.out
        for project in self.found.values():
            name = project.name or project.acronym or project.id
            aliases = sorted({n for n in project.names if n not in (name, project.acronym)})
            props = {"name": name, "acronym": project.acronym, "aliases": aliases}
            if project.label == "Programme":
                props["kind"] = project.kind
            elif "/" in project.id and not project.id.startswith("PROJECT/"):
                props["dc_symbol"] = project.id
            if project.budget:
                props["budget"], props["currency"] = project.budget
            if out.node(project.label, project.id, props, project.evidence):
                out.register(project.label, project.id, name, project.acronym, *aliases)
                if out.country and out.label(out.country) == "Country":
                    out.edge("COVERS", project.id, out.country, project.evidence[:1])

    def facts(self, mentions: list[tuple[Segment, list[tuple[int, int, str]]]]) -> None:
        """Budgets, donors and programmes stated right next to a project's name."""
        for seg, found in mentions:
            for start, end, pid in found:
                project = self.found[pid]
                after, before = seg.text[end:end + 60], seg.text[max(0, start - 40):start]
                money = _MONEY_AFTER.match(after)
                parsed = quickfacts.parse_money(money.group("money")) if money else None
                if parsed and not project.budget:
                    project.budget = (parsed.amount, parsed.currency)
                funded = _FUNDED_AFTER.match(after) or _FUNDED_LEAD.search(before.split(" the ")[-1] + " ")
                org = funded and self.out.lookup("Organization", funded.group("org"))
                if org:
                    project.funders.setdefault(org, self.out.evidence(seg.line, seg.line, seg.text))

    def emit_facts(self) -> None:
        for project in self.found.values():
            for org, ev in project.funders.items():
                self.out.edge("FUNDED_BY", project.id, org, [ev])


_HEAD_AT_END = re.compile(r"\s+(?:[Pp]roject|[Pp]rogramme|[Pp]rogram|[Ii]nitiative)s?$")
_ILO_LEAD = re.compile(r"^ILO[\s-]+(?=[A-Z])")
_RUN_TOGETHER = re.compile(r"[a-z]{3,}")
_DC_CUE = re.compile(r"/\d\d/\d")  # in every DC symbol (RAS/21/50/KOR); a fast first filter
_FACT_CUE = re.compile(r"US\$|USD|€|-funded|-financed|-supported| funded\)| financed\)")
_WORD = re.compile(acronyms.word_start("[A-Z]", r"[\w'’&/-]*", r"\w/-"))
_ILO_WORD = re.compile(r"^ILO[/-](?=[A-Z])")
_CAPITALS = re.compile(r"^[A-Z][A-Z0-9&]{2,}$")
_ACRONYM_ONLY = re.compile(rf"^(?:ILO[/-])?{_ACR}$")
_PARTNER_PREFIX = re.compile(r"^ILO\s*[/-]\s*[A-Z][a-z]+\b")
_STOPWORDS = acronyms.STOP | {"project", "programme", "ilo", "management", "south-east", "asia", "se"}


def read(doc: Doc, out: Out) -> None:
    """Emit the projects and programmes the report names, and their stated contributions to outcomes."""
    reader = _Reader(doc, out)
    blocks = _blocks(doc, out)
    reader.collect(blocks)
    names = _Names(reader)
    reader.facts([(seg, found) for seg in reader.segs if _fact_cue(seg.text) and (found := names.find(seg.text))])
    reader.emit()
    reader.emit_facts()
    _contributions(out, blocks, names)
    _part_of(out, names, reader)


# --- names -----------------------------------------------------------------------------------------


def _name_at(text: str, head: re.Match) -> str | None:
    """The name a project word heads: the capitalised run before it, and a run after "Project on/to ..."."""
    word = head.group(0)
    capital = word in _CAP_HEADS
    after = text[head.end():head.end() + 200]
    if capital and re.match(r"\s+[A-Z]", after) and not _PHASE.match(after):
        return None  # "Programme Officer": the word is a modifier
    run_words, descriptors = _run_back(text, head.start(), allow_descriptors=not capital)
    tail = _run_forward(after, capital) if capital or not run_words else ""
    if _PARTNERSHIP.search(" ".join(run_words + [word])):
        return None
    if capital and run_words:
        name = " ".join(run_words + [word]) + tail
    elif capital and tail and word != "Initiative":
        name = word + tail  # "Project to Combat Trafficking in Children and Women"
    elif tail:
        name = tail.split(" ", 2)[-1]  # "the project on Integrating ...": the title after "on"
    elif _has_name_word(run_words):
        name = " ".join(run_words)
    elif descriptors and len(run_words) >= 3 and all(_ACRONYM_ONLY.match(w) or w in _CONNECT for w in run_words):
        name = " ".join(run_words + descriptors + [word])  # "ILO HIV and AIDS workplace education programme"
    else:
        return None
    name = _LEADS.sub("", _FUNDED_PREFIX.sub("", name)).strip(" ,:")
    if not name or not name[0].isupper() or _BAD_LEADS.match(name) or any(w.lower() in _ROLES for w in name.split()):
        return None
    return name


def _run_back(text: str, end: int, allow_descriptors: bool) -> tuple[list[str], list[str]]:
    """The capitalised run that ends at `end` (connectors inside), and lowercase descriptor words after it.

    The run is read from the tokens of the 240 characters before `end`. Those of a shorter stretch, cut after a
    space so that they are the last of the same tokens, are tried first: they do when the run stops inside them."""
    start = max(0, end - _LOOK_BACK)
    cut = text.rfind(" ", start, end - _FIRST_LOOK) + 1 if end - start > _FIRST_LOOK else 0
    if cut:
        run, descriptors, stop = _walk_back(_TOKEN.findall(text, cut, end), allow_descriptors)
        if stop > 0:
            return _trimmed(run, descriptors)
    run, descriptors, _ = _walk_back(_TOKEN.findall(text, start, end), allow_descriptors)
    return _trimmed(run, descriptors)


def _walk_back(tokens: list[str], allow_descriptors: bool) -> tuple[list[str], list[str], int]:
    """The run and descriptors that end the tokens, and the index of the token the walk stopped at (-1: none)."""
    i = len(tokens) - 1
    descriptors: list[str] = []
    while allow_descriptors and i >= 0 and len(descriptors) < 2 and tokens[i][:1].islower() \
            and tokens[i] not in _CONNECT and tokens[i] not in ("a", "an", "this", "that", "its", "their"):
        descriptors.insert(0, tokens[i])
        i -= 1
    run: list[str] = []
    while i >= 0 and len(run) < _MAX_RUN:
        tok = tokens[i]
        if tok in _CAP_HEADS and run:
            break  # the head of the name before: "... Project and the Microfinance for Decent Work initiative"
        if _POSSESSIVE.search(tok) and _owner(tok):
            if not run or not tok.startswith("ILO"):
                return [], [], i  # "the ILO's programme"; another body's programme is not an ILO project
            break
        if tok[:1].isupper() or (tok[:1].isdigit() and run):
            run.insert(0, tok)
        elif tok == ":" and len(run) >= 2 and i > 0 and tokens[i - 1][:1].isupper():
            run.insert(0, tokens[i - 1] + ":")  # "... Committees: Working Sensitization project"
            i -= 1
        elif tok in _CONNECT and run:
            run.insert(0, tok)
        else:
            break
        i -= 1
    return run, descriptors, i


def _trimmed(run: list[str], descriptors: list[str]) -> tuple[list[str], list[str]]:
    """The run without what precedes the name in it (another name, a sentence's opening words, a label)."""
    run = _cut_at_body(_after_last(run, ("and", "the")))
    lead = max((k for k, w in enumerate(run) if w in _SENTENCE_WORDS), default=-1)
    run = run[lead + 1:]
    while run and run[0] in _CONNECT:
        run.pop(0)
    while len(run) > 2 and _ACRONYM_ONLY.match(run[0].rstrip(":")) and \
            _has_name_word(run[1:]) and not run[0].startswith("ILO"):
        run.pop(0)  # "WEP: Worker Education Project" in a table: the label before the name
    if descriptors and run and all(_ACRONYM_ONLY.match(w) for w in run):
        return [], []  # "ILO country programme", "IPEC time-bound programme"
    return run, descriptors


def _after_last(run: list[str], pair: tuple[str, str]) -> list[str]:
    """The words after the last "and the": there one name ends and the next begins."""
    for k in range(len(run) - 2, -1, -1):
        if (run[k], run[k + 1]) == pair:
            return run[k + 2:]
    return run


def _owner(token: str) -> bool:
    """A possessive that names an owner, not the first word of a name ("ILO's", "Government's", not "Women's")."""
    base = _POSSESSIVE.sub("", token)
    return bool(_ACRONYM_ONLY.match(base)) or base.lower() in acronyms.BODY_HEADS


def _cut_at_body(run: list[str]) -> list[str]:
    """Drop an organisation before the name: "Norwegian Government for the | Workers' Education ..."."""
    for k in range(len(run) - 2, -1, -1):
        if run[k].lower() in acronyms.BODY_HEADS and run[k + 1] in ("for", "of"):
            rest = run[k + 1:]
            joint = [j for j, w in enumerate(rest) if w == "and"] if rest[0] == "of" else [0]
            cut = rest[joint[-1] + 1:] if joint else []
            while cut and cut[0] in _CONNECT:
                cut.pop(0)
            return cut
    return run


def _run_forward(after: str, capital: bool) -> str:
    """" to Combat Trafficking in Children and Women", " Phase III", " in the Andean countries" after a head.

    After a lowercase head only "on"/"to" start a title ("the project on Integrating ...")."""
    phase = _PHASE.match(after)
    if phase:
        return " " + " ".join(phase.group(0).replace("—", " ").replace("–", " ").split())
    m = re.match(r"\s+(on|to|for|against|in)\s+" if capital else r"\s+(on|to)\s+(?=[A-Z])", after)
    if not m:
        return ""
    tokens = _TOKEN.findall(after[m.end():])
    run: list[str] = []
    for k, tok in enumerate(tokens):
        if tok.lower() in _ROLES:
            break
        if tok[:1].isupper() or tok in _CONNECT or tok.lower() in ("into", "with"):
            run.append(tok)
        elif tok in (":", ",") and run and k + 1 < len(tokens) and tokens[k + 1][:1].isupper():
            run[-1] += tok  # "Decent Work, Gender Equality and Safe Migration"
        elif tok in _PLACE_TAIL and run:
            run.append(tok)
            break
        else:
            break
        if len(run) >= _MAX_RUN:
            break
    while run and (run[-1] in _CONNECT or run[-1].lower() in ("into", "with")):
        run.pop()
    if m.group(1) == "in":  # "in" continues a name only to a place: "... Programme in the Andean countries"
        if not run or run[-1] not in _PLACE_TAIL or not any(w[:1].isupper() for w in run):
            return ""
    elif not run or not _has_name_word(run):
        return ""
    phase = _PHASE.match(after[m.end():].split(run[-1], 1)[-1]) if run else None
    return f" {m.group(1)} " + " ".join(run) + (" " + " ".join(phase.group(0).strip(" -–—").split()) if phase else "")


@lru_cache(maxsize=4096)
def _spelled(acronym: str, name: str) -> bool:
    """The name spells the acronym, or does with one inner word left out ("Workers' Education Assistance" = WEP)."""
    if name[:1].upper() != acronym[:1] or len(name.split()) > 2 * len(acronym) + 2:
        return False
    if acronyms.spells(acronym, name):
        return True
    words = name.split()
    return len(words) > len(acronym) and any(acronyms.spells(acronym, " ".join(words[:k] + words[k + 1:]))
                                             for k in range(1, len(words) - 1))


@lru_cache(maxsize=4096)
def _spelled_exactly(acronym: str, name: str) -> bool:
    return name[:1].upper() == acronym[:1] and acronyms.spells(acronym, name)


def _tail(name: str, skip: int) -> str:
    return " ".join(_bare_name(name).split()[skip:])


def _has_name_word(words: list[str]) -> bool:
    """At least two capitalised words that are not acronyms (or one and more)."""
    caps = [w for w in words if w[:1].isupper() and not _ACRONYM_ONLY.match(w.rstrip(":").removesuffix("s"))]
    return len(caps) >= 2


def _title_like(words: list[str]) -> bool:
    content = [w for w in words if w.lower() not in acronyms.STOP]
    caps = [w for w in content if w[:1].isupper()]
    return len(words) >= 2 and words[0][:1].isupper() and len(caps) >= 2 and len(caps) >= 0.6 * len(content)


def _fact_cue(text: str) -> bool:
    """`_FACT_CUE` is in the text (a fast first filter, then the pattern)."""
    return ("US" in text or "€" in text or "funded" in text or "financed" in text or "supported" in text) \
        and _FACT_CUE.search(text) is not None


def _HEAD_WORD_IN(text: str) -> bool:
    """A fast first filter for `_HEAD`."""
    return "roj" in text or "rogram" in text or "nitiative" in text or "Facility" in text


def _names_project(name: str) -> bool:
    head = acronyms.head(name)
    return head in {"project", "programme", "program", "initiative"} and not _GENERIC.search(name)


def _strip_head(name: str) -> str:
    return _HEAD_AT_END.sub("", name)


def _bare_name(name: str) -> str:
    """The name without "ILO" and its head word: the part an id and a spelling rest on."""
    return _strip_head(_ILO_LEAD.sub("", name.strip()))


def _keys(name: str) -> set[str]:
    bare = _bare_name(name)
    return {k for k in (name_key(name), name_key(bare)) if k}


def _content_words(name: str) -> set[str]:
    return {w for w in re.split(r"[\s/-]+", name.lower()) if w and w not in _STOPWORDS and not w.startswith("ilo")}


def _year(start: str, end: str) -> int:
    return int(end) if len(end) == 4 else int(start[:2] + end)


def _list_items(sentence: str) -> list[str]:
    """The names an outcome statement lists after "includes"/"including:" (separated by ";" when it has any)."""
    if "nclud" not in sentence and "ncompass" not in sentence:
        return []
    sentence = _OUTCOME_OPENING.sub("", sentence, count=1).lstrip()
    cue = _LIST_CUE.search(sentence)
    if not cue:
        return []
    context = sentence[max(0, cue.start() - 30):cue.end() + 40]
    if not (_LIST_CONTEXT.search(context) or cue.start() == 0):
        return []
    rest = sentence[cue.end():].rstrip(" .")
    noun = _LIST_NOUN.match(rest)
    if noun:
        rest = rest[noun.end():]
        if noun.group(0).rstrip().endswith("("):
            rest = _until_close(rest)
    return _items(rest)


def _items(rest: str) -> list[str]:
    """The names a list holds, split at ";" when it has any, else at ", the", "and the", "as well as"."""
    parts = re.split(r";\s*(?:and\s+)?", rest)
    if len(parts) == 1 or not any(_ITEM_LEAD.sub("", p)[:1].isupper() for p in parts[1:]):
        parts = _ITEM_SPLIT.split(parts[0])  # no list by semicolons: the first ";" ends the list
    items = []
    for part in parts:
        part = _CLAUSE.split(part, 1)[0]
        part = _ITEM_LEAD.sub("", _ITEM_PREFIX.sub("", _ITEM_LEAD.sub("", part.strip())))
        m = _FUNDED_LEAD.match(part)
        part = part[m.end():] if m else part
        if part[:1].isupper():
            items.extend(_split_plural(part))
    return items


def _until_close(text: str) -> str:
    """The text up to the bracket that closes one opened before it."""
    depth = 0
    for k, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return text[:k]
    return text


def _split_plural(part: str) -> list[str]:
    """"WEDGE and the Support to Indigenous Peoples projects" -> both names."""
    m = re.match(rf"^(?P<a>{_ACR})\s+and\s+(?:the\s+)?(?P<b>[A-Z].*?\s+(?:projects|programmes))$", part)
    return [m.group("a"), m.group("b")] if m else [part]


# --- contributions ---------------------------------------------------------------------------------


def _blocks(doc: Doc, out: Out) -> list[_Block]:
    """Each outcome opening with the segments it governs (up to the next opening or heading)."""
    heading_lines = {s.line for s in doc.sections}
    blocks: list[_Block] = []
    current: _Block | None = None
    for seg in doc.segments:
        m = _OUTCOME_OPENING.match(seg.text) if not seg.bullet else None
        if m:
            codes = _codes(m.group("codes")) if m.group("codes") else [m.group("dwcp")]
            targets = [t for c in codes if (t := out.lookup("Outcome", c))]
            current = _Block(targets) if targets else None
            if current:
                blocks.append(current)
        elif seg.line in heading_lines or _BLOCK_END.match(seg.text):
            current = None
        if current is not None:
            current.segments.append(seg)
    for block in blocks:
        block.opening = _opening_length(block.segments)
    return blocks


def _opening_length(segs: list[Segment]) -> int:
    """How many segments state the opening: the first, and after a bare code or title, up to the first substantial one."""
    words = 0
    for k, seg in enumerate(segs):
        words = len(_OUTCOME_OPENING.sub("", seg.text, count=1).split()) if k == 0 else len(seg.text.split())
        if words >= 25 or (k == 0 and words >= 12 and not seg.text.rstrip().endswith(tuple("abcdefghijklmnopqrstuvwxyz"))):
            return k + 1
    return len(segs)


def _before_collaboration(sentence: str) -> str:
    """The sentence up to a word about collaboration: what follows names partners, not contributors."""
    m = _COLLAB.search(sentence) if _COLLAB_WORD_IN(sentence) else None
    return sentence[:m.start()] if m else sentence


def _COLLAB_WORD_IN(text: str) -> bool:
    """A fast first filter for `_COLLAB`."""
    return " with" in text or "ollaborat" in text or "synerg" in text or "successor" in text or "ollow" in text \
        or "such as" in text or "redirected" in text


class _Names:
    """Finds the projects named in a text: every known name and acronym, longest first, at word boundaries."""

    def __init__(self, reader: _Reader):
        self.index = reader.index
        self.by_first: dict[str, list[str]] = {}
        names = {n for p in reader.found.values() for n in (p.name, p.acronym, *p.names) if n and len(n) >= 3}
        for n in sorted(names, key=len, reverse=True):
            self.by_first.setdefault(n.split(" ", 1)[0], []).append(n)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, id) of each project named in the text."""
        found: list[tuple[int, int, str]] = []
        end = 0
        for m in _WORD.finditer(text):
            word = m.group(0)
            if m.start() < end or (word not in self.by_first and not word.startswith("ILO")):
                continue
            hit = self._at(text, m.start(), word)
            if hit:
                found.append(hit)
                end = hit[1]
        return found

    def _at(self, text: str, start: int, word: str) -> tuple[int, int, str] | None:
        bare = _ILO_WORD.sub("", word) if word.startswith("ILO") else word
        for at, first in ((start, word), (start + len(word) - len(bare), bare))[:1 + (bare != word)]:
            for name in self.by_first.get(first, ()):
                stop = at + len(name)
                if text.startswith(name, at) and (stop == len(text) or not (text[stop].isalnum() or text[stop] in "/-")):
                    pid = next((self.index[k] for k in _keys(name) if k in self.index), None) or \
                        self.index.get(name_key(acronyms.acronym_key(name)))
                    if pid:
                        return at, stop, pid
        return None


def _contributions(out: Out, blocks: list[_Block], names: _Names) -> None:
    """CONTRIBUTES_TO from the projects an outcome's statements name to the outcome."""
    for block in blocks:
        for k, seg, sentence in block.statements:
            if _FOOTNOTE.match(seg.text):
                continue
            found = names.find(sentence)
            if not found:
                continue
            chosen = found if k < block.opening else _subjects(sentence, found) + _objects(sentence, found)
            ev = [out.evidence(seg.line, seg.line, sentence)]
            for start, end, pid in found:
                under = _UNDER.match(sentence[end:end + 30])
                code = outcome_code(under.group("code")) if under else None
                direct = out.lookup("Outcome", code) if code else None
                targets = ([direct] if direct else []) + (block.outcomes if (start, end, pid) in chosen else [])
                for outcome in targets:
                    out.edge("CONTRIBUTES_TO", pid, outcome, ev, {"basis": "stated"})


def _subjects(sentence: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The project(s) a sentence is about: the first named early on, and those joined to it by "and"."""
    if not found:
        return []
    first = found[0]
    prefix = _PARENS.sub("", sentence[:first[0]])
    if sum(1 for w in prefix.split() if w[:1].islower()) > 6 or " that " in prefix:
        return []  # named late, or in reported speech ("informants said that ...")
    chosen = [first]
    for prev, nxt in zip(found, found[1:]):
        between = _PARENS.sub("", sentence[prev[1]:nxt[0]])
        if re.fullmatch(r"\s*(?:projects?|programmes?)?\s*(?:,|and|&)\s*(?:the\s+)?", between):
            chosen.append(nxt)
        else:
            break
    return chosen


def _objects(sentence: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The projects named right after "under", "through", "supported by" ..."""
    return [f for f in found if _OBJECT_CUE.search(sentence[max(0, f[0] - 40):f[0]])]


def _part_of(out: Out, names: _Names, reader: _Reader) -> None:
    """PART_OF from a project to the programme it is said to run under ("... under the ILO-Korea partnership programme")."""
    for seg in reader.segs:
        if "programme" not in seg.text.lower() or " under " not in seg.text:
            continue
        found = names.find(seg.text)
        for (s1, e1, p1), (s2, e2, p2) in zip(found, found[1:]):
            if reader.found[p1].label == "Project" and reader.found[p2].label == "Programme" and \
                    re.fullmatch(r"\s*(?:\([^()]*\))?\s*(?:project\s+)?(?:\w+\s+)?under\s+(?:the\s+)?", seg.text[e1:s2]):
                out.edge("PART_OF", p1, p2, [out.evidence(seg.line, seg.line, seg.text)])


def _codes(text: str) -> list[str]:
    """"LAO 101/102" -> [LAO101, LAO102]; "KHM 106" -> [KHM106]."""
    prefix = text[:3].upper()
    return [f"{prefix}{n}" for n in re.findall(r"\d{3}", text)]
