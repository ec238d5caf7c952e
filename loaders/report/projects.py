"""Reader: named projects and partnership programmes, DC symbols, and the outcomes projects work towards.

Decisions:
- A project is named by a name a project word heads (see project_names), an
  acronym defined with such a name or called a project twice ("the WEDGE
  project"), an item of the list an outcome statement gives ("This outcome
  includes: A; B; and C") or a list after "projects (", "projects such as"
  gives, names without a project word included. A statement that announces
  a list ("includes:") and names nothing is warned, naming its line. Its id
  is its DC symbol when known, else PROJECT/ and its acronym (WEDGE is one
  node whatever its long name says) or a slug of its name without "ILO" and
  the head word.
- A name ending in an acronym joins the acronym ("SMEPDO WEDGE Project"),
  and a never-expanded acronym spelled by exactly one project name becomes
  its acronym (BFC); other spellings join as project_index says.
- Not projects: organisations ("United Nations Development Programme"),
  people ("Mr ..."), acronyms whose definition names a body or an account
  (RBSA), and the job titles and generic names project_names rejects.
- Partnership programmes ("ILO/Korea Partnership Programme", "ILO-Korea
  partnership programme", "ILO/Korea programme") are Programme nodes keyed
  by the partner; a named country programme with country and period ("ILO
  DWCP of Lao PDR 2022-26") gets the id the programme reader gives it.
- What the report states about its projects (contributions to outcomes,
  budgets, donors, PART_OF a programme) is read in contributions.
"""

from __future__ import annotations

import re
import string
from collections import Counter

from loaders.report import acronyms, contributions, organisations, quickfacts
from loaders.report.contributions import Block
from loaders.report.document import Doc
from loaders.report.ids import programme_id, project_id
from loaders.report.out import Out
from loaders.report.project_index import Names, Project, Projects, spelled_exactly
from loaders.report.project_names import (ACRONYM_ONLY, CAP_HEADS, GENERIC, HEAD, LEADS, LOW_HEAD, PARENS, PARTNERSHIP,
                                          bare_name, has_name_word, head_word_in, listed, name_at, names_project,
                                          run_back, strip_head, title_like, until_close)
from loaders.report.text import Segment

_ACR = acronyms.ACRONYM
_PERSON = re.compile(r"^(?:Mr|Ms|Mrs|Dr)\b")
# "(ACR) project" is found at the acronym: a bracket before it is no word character.
_ACRONYM_CALLED = re.compile("(" + acronyms.acronym_alone(r"\w/-") + rf")\)?\s+(?:{LOW_HEAD}|Project|Programme|Program)\b")
_DEFINED_CALLED = re.compile(rf"\(({_ACR})(?:,[^()]*)?\)\s+(?:and related\s+)?(?:{LOW_HEAD})\b")
_COUNTRY_PROGRAMME = re.compile(  # "ILO DWCP ..." or "DWCP ...", where a word starts
    "(?:" + acronyms.word_start("I", r"LO\s+(?:DWCP|Decent Work Country Programme)")
    + "|" + acronyms.word_start("D", "(?:WCP|ecent Work Country Programme)") + ")"
    r"\s+(?:(?:of|for|in)\s+)?(?P<country>[A-Z][A-Za-z ]{2,30}?)\s+"
    r"(?P<a>(?:19|20)\d\d)\s*[-–]\s*(?P<b>\d{2,4})\b")
_PROJECT_LIST = re.compile(acronyms.alternation(("projects", "programmes", "initiatives"), at_word_start=True) + r"\s*(?:\(|,?\s+(?:including|such as)\s*:?\s+)(?=[A-Z])")
_EMPTY_LIST = re.compile(r"\b(?:includ\w*|encompass\w*)\b[^.;]*:\s*$")
_ITEM_ACRONYM = re.compile(rf"\s*\((?P<acr>{_ACR})(?:,[^()]*)?\)")
_TRAIL = re.compile(rf"(?:\s+[a-z][\w-]*){{0,2}}\s+{LOW_HEAD}\s*$")
_RUN_TOGETHER = re.compile(r"[a-z]{3,}")
_DC_CUE = re.compile(r"/\d\d/\d")  # in every DC symbol (RAS/21/50/KOR); a fast first filter


class _Reader(Projects):
    """The projects of one report, as found in its segments (not the abbreviation list or QUICK FACTS)."""

    def __init__(self, doc: Doc, out: Out):
        super().__init__(out)
        self.doc = doc
        skip = acronyms.skipped_lines(doc)
        self.segs = [seg for seg in doc.segments if seg.line not in skip]
        self.defined = acronyms.definitions(doc) + acronyms.remark_definitions(doc)
        self.not_projects = {d.acronym for d in self.defined
                             if not d.name[:1].isupper() or acronyms.names_body(d.name)
                             or (acronyms.head(d.name) in acronyms.NOT_BODY_HEADS
                                 and acronyms.head(d.name) not in {"project", "programme", "program", "initiative"})}

    # --- finding projects -------------------------------------------------------------------------

    def collect(self, blocks: list[Block]) -> None:
        """Find every project: definitions, outcome statements, lists of projects, names in the text, bare acronyms."""
        # Per segment with a project word: its "Name (ACR) project"s and "ACR project"s, read once.
        headed = {k: (list(_DEFINED_CALLED.finditer(seg.text)), list(_ACRONYM_CALLED.finditer(seg.text)))
                  for k, seg in enumerate(self.segs) if head_word_in(seg.text)}
        calls = Counter(acronyms.acronym_key(m.group(1)) for _, called in headed.values() for m in called)
        self.called = {a for a, n in calls.items() if n >= 2}  # once may be a topic: "the OSH project"
        self.called.update(acronyms.acronym_key(m.group(1)) for defined, _ in headed.values() for m in defined)
        for d in self.defined:
            if (names_project(d.name) or d.acronym in self.called) and self._may_be_project(d.acronym):
                self.add(project_id(None, d.acronym), strip_head(d.name) if not names_project(d.name) else d.name,
                         d.acronym, d.line, printed=d.name)
        self._statement_lists(blocks)
        for k in headed:
            self._project_lists(self.segs[k])
        for k, seg in enumerate(self.segs):
            self._segment(seg, headed.get(k))
        self._bare_acronyms()

    def _statement_lists(self, blocks: list[Block]) -> None:
        """The projects outcome statements list ("This outcome includes: A; B; and C"); a list announced but empty is warned."""
        for block in blocks:
            for _, seg, sentence in block.statements:
                items = contributions.statement_items(sentence)
                for item in items:
                    self._item(item, seg.line)
                if not items and sentence.rstrip().endswith(":") and _EMPTY_LIST.search(sentence):
                    self.out.warn(seg.line, "an outcome statement announces a list of projects but names none; "
                                            "no contribution read from it")

    def _project_lists(self, seg: Segment) -> None:
        """The names listed after "projects (", "projects such as", "programmes, including"."""
        for m in _PROJECT_LIST.finditer(seg.text):
            rest = seg.text[m.end():]
            for item in listed(until_close(rest) if m.group(0).endswith("(") else contributions.SENTENCE.split(rest, 1)[0]):
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
        for m in HEAD.finditer(text):
            name = name_at(text, m)
            if name:
                self._name(name, seg.line)

    def _programmes(self, seg: Segment) -> None:
        for m in PARTNERSHIP.finditer(seg.text):
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
        words, _ = run_back(text, m.start(), allow_descriptors=False)
        name = LEADS.sub("", " ".join(words))
        if len(words) >= 2 and has_name_word(words):
            self.add(self.resolve(name) or project_id(None, acronym), name, acronym, line)

    def _may_be_project(self, acronym: str) -> bool:
        return not (acronym in self.not_projects or acronym.startswith("ILO/") or acronym in organisations.KNOWN
                    and acronym != "IPEC" or self.out.lookup("Organization", acronym))

    def _acronym(self, printed: str, line: int) -> str | None:
        if _RUN_TOGETHER.search(printed):
            return None  # "ILOcountry": words a PDF ran together, not an acronym
        acronym = acronyms.acronym_key(printed)
        pid = self.acronyms.get(acronym) or self.transposed(acronym)
        if pid:
            self.add(pid, None, None, line, printed=printed)
            return pid
        if acronym in self.called and self._may_be_project(acronym):
            return self.add(project_id(None, acronym), None, acronym, line)
        return None

    def _name(self, name: str, line: int) -> str | None:
        words = name.split()
        if len(words) >= 2 and ACRONYM_ONLY.match(words[-2]) and words[-1] in CAP_HEADS and all(
                ACRONYM_ONLY.match(w) for w in words[:-1]):
            return self._acronym(words[-2], line)  # "WEDGE Project", "SMEPDO WEDGE Project"
        if len(words) < 2 or GENERIC.search(name) or _PERSON.match(name) or self.out.lookup("Organization", name):
            return None
        return self.add(self.resolve(name) or project_id(None, None, bare_name(name)), name, None, line)

    def _item(self, item: str, line: int) -> None:
        """A project an outcome statement lists: "the Inclusion for People with Disabilities (INCLUDE) project"."""
        acr = _ITEM_ACRONYM.search(item)
        name = _TRAIL.sub("", PARENS.sub("", item)).strip(" ,.;:")
        words = name.split()
        if acr and self._may_be_project(acronyms.acronym_key(acr.group("acr"))):
            acronym = acronyms.acronym_key(acr.group("acr"))
            pid = self.acronyms.get(acronym) or self.resolve(name) or project_id(None, acronym)
            self.add(pid, name if len(words) >= 2 else None, acronym, line, printed=name)
        elif len(words) == 1 and ACRONYM_ONLY.match(name):
            self._acronym(name, line)
        elif title_like(words) and not GENERIC.search(name) and not self.out.lookup("Organization", name) \
                and not all(quickfacts.countries(part) for part in re.split(r",|\band\b", name)):
            self.add(self.resolve(name) or project_id(None, None, bare_name(name)), name, None, line)

    def _bare_acronyms(self) -> None:
        """A never-expanded acronym that exactly one project name spells is that project's acronym (BFC)."""
        named = [p for p in self.found.values() if p.label == "Project" and not p.acronym and p.name]
        by_initial: dict[str, list[tuple[Project, str]]] = {}  # the names by the initial they may spell from
        for p in named:
            bare = bare_name(p.name)
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
            spelled = [p for p, bare in by_initial.get(token[0], ()) if spelled_exactly(token, bare)]
            acronym = acronyms.acronym_key(token)
            if len(spelled) == 1 and self._may_be_project(acronym):
                self.add(spelled[0].id, None, acronym, text.count("\n", 0, at) + 1)

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


def read(doc: Doc, out: Out) -> None:
    """Emit the projects and programmes the report names, and their stated contributions to outcomes."""
    reader = _Reader(doc, out)
    blocks = contributions.outcome_blocks(doc, out)
    reader.collect(blocks)
    names = Names(reader)
    contributions.facts(reader, names, reader.segs)
    reader.emit()
    contributions.funded_by(reader)
    contributions.contributes_to(out, blocks, names)
    contributions.part_of(out, names, reader, reader.segs)


def _year(start: str, end: str) -> int:
    return int(end) if len(end) == 4 else int(start[:2] + end)

