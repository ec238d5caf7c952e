"""Reader: UN frameworks (UNDAF / UNSDCF), national plans, SDGs, and the ILO outcomes' alignment to them.

Runs after `programme` and finds ILO outcomes with `out.lookup("Outcome", ...)`.
It emits:

- `UNDAF` for each framework printed with its period ("UNDAF 2011–2015", "the
  current UNDAF (2007–2011)"), COVERS the report's country; `UNDAFOutcome`s from
  labelled statements ("UNDAF outcome 1.1: ...", "Outcome 1.2: ..." inside a
  section about the framework), from a list introduced as the framework's
  outcomes, and from table cells; an "ILO contribution: ..." paragraph after a
  statement becomes its `ilo_contribution`.
- `NationalPlan` for titled plan names ("... Development Plan", "... Strategy",
  "Plan of Action on ...", "... Master Plan", a country's own "... Millennium
  Development Goals") with the acronym defined beside them and the period
  printed after them, COVERS the country; `PlanPriority` for a plan's
  components: labelled ones ("Rectangle 3: ...", "Pillar 2"), list items after
  a sentence naming the plan's areas / priorities / components, and short
  entries in a plan column of a table.
- `ALIGNS_WITH` (basis "stated") from ILO outcomes to UNDAF outcomes, plans,
  plan priorities, SDGs and SDG targets, read from tables (tab-separated,
  markdown, or a table whose rows were flattened into paragraphs) that have an
  ILO outcome column and a framework column, and from sentences that state it
  ("in line with", "in accordance with", "goals contained in" ...) either
  naming the ILO outcome or under its heading.
- `Funding` (contribution / expenditure / budget) for money tables whose rows
  are UNDAF outcomes, FUNDS the UNDAF outcome, STATES from the evaluation.

Decisions:
- Plans and frameworks are national: without `out.country` none are emitted
  (a warning says so when the report states framework outcomes). SDGs need no
  country.
- An UNDAF outcome belongs to the framework printed (with its period) nearest
  before it in its chapter (the "current" one first), else to the framework
  the report calls current, else to the only one; otherwise it is skipped with
  a warning. Outcomes listed without codes get their list number, or their
  position (1, 2, ...) when the list is not numbered, as `code`.
- A plan's identity is its acronym (or its name without a leading "National"),
  plus a qualifier: an ordinal ("Sixth NSEDP") or an update ("NSDP Update") is
  a plan of its own; unqualified mentions belong to the ordinal edition the
  report names most. A possessive owner ("MOLSW's OSH Master Plan") is not part
  of the name. Lower-case mentions ("national strategy on HIV and AIDS") count
  only with an "on ..." topic or when they name a plan already found.
- A component's `code` is its label ("Rectangle 3") or its short name (the text
  before "(", ",", ";", ":" or " as "); labelled components are keyed by their
  number within the plan, so "Rectangle 3" and "Rectangular 3" are one node.
- Programmes of the ILO are not plans ("Programme" is not a plan word);
  workplace policies are not national plans.
- MDGs are not in the schema and are skipped, except a national goal set named
  after the country (then it is a national plan).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from loaders.report.document import Doc, Section
from loaders.report.ids import name_key, outcome_code, plan_id, slug, undaf_id
from loaders.report.out import Out
from loaders.report.text import Segment, clean

SDG_NAMES = (
    "No poverty", "Zero hunger", "Good health and well-being", "Quality education", "Gender equality",
    "Clean water and sanitation", "Affordable and clean energy", "Decent work and economic growth",
    "Industry, innovation and infrastructure", "Reduced inequalities", "Sustainable cities and communities",
    "Responsible consumption and production", "Climate action", "Life below water", "Life on land",
    "Peace, justice and strong institutions", "Partnerships for the goals",
)
_YEAR = r"(?:19|20)\d{2}"
_DASH = r"\s*[–—-]\s*"
_ORDINALS = "First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth"
_WORD = r"(?:(?!(?:The|A|An|This|That|These|Its|Their)\b)[A-Z][\w'’/\-]*|\([A-Z]{2,6}\))"
_LINK = r"(?:of|and|for|&)"
_TAIL_LINK = r"(?i:on|against|for|to|of|in)"
_HEAD = (r"(?i:master\s+plan|plan\s+of\s+action|action\s+plan|strategic\s+plan|development\s+plan"
         r"|development\s+goals|plan|strategy|policy)")
_TITLED = re.compile(
    rf"\b(?:(?P<body>{_WORD}(?:\s+(?:{_LINK}\s+)*{_WORD})*?)\s+)?"
    rf"(?P<head>{_HEAD})\b(?P<tail>\s+{_TAIL_LINK}\s+(?:the\s+)?{_WORD}(?:,?\s+(?:(?:of|and|for|in|the|&)\s+)*{_WORD})*)?"
    rf"(?!\s+[A-Z][a-z])"
)
_LOWER = re.compile(
    r"\bnational\s+(?P<body>(?:[a-zA-Z/&\-]+\s+){0,3}?)(?P<head>strategy|policy|plan of action|master plan)"
    r"(?P<tail>\s+on\s+(?:the\s+)?[A-Za-z/]+(?:\s+(?:and|of|in)\s+[A-Za-z/]+){0,3})?\b"
)
_HEAD_HINT = re.compile(r"plan|strateg|polic|goals", re.I)
_NAME_REACH = 120  # characters a plan's name may run before (or its topic after) its plan word
_ORDINAL_SET = set(_ORDINALS.split("|"))
_ORDINAL_BEFORE = re.compile(rf"\b(?P<ord>{_ORDINALS})\s+(?:five-year\s+)?$")
_GERUND_TAIL = re.compile(r"(?:\s+[A-Z][a-z]+ing)+$")  # the next sentence run on: "... of Children Facilitating"
_MONTH_TAIL = re.compile(r"\s+(?:in|of|on)\s+(?:January|February|March|April|May|June|July|August|September"
                         r"|October|November|December)\b.*$")
_PLAN_STOP = {"the", "a", "an", "this", "its", "their", "our", "draft", "new", "current"}
_NOT_PLAN_WORD = {"ilo", "km", "un", "united", "global", "regional", "international", "decent", "country", "asian",
                  "asean", "research", "knowledge", "innovation", "resource", "workplace", "model", "company"}
_FOREIGN_WORDS = {"ilo", "dwcp", "undaf", "unsdcf", "smm-ip", "p&b", "module-implementation"}  # the ILO's and UN's own plans
_NON_NATIONAL = {"employers", "workers", "NGO", "ILO unit", "UN agency", "donor", "intergovernmental"}
_NOT_PLAN_WORDS = re.compile(r"\b(?:workplace|enterprise|company)\b", re.I)
_GENERIC_LOWER = {"development", "new", "overall", "own", "the"}
_ACR_AFTER = re.compile(rf"^\s*\((?P<acr>[A-Z][A-Za-z]{{1,8}})(?:[\s,]+{_YEAR}{_DASH}\d{{2,4}})?\)")
_ACR_BEFORE = re.compile(r"\b(?P<acr>[A-Z][A-Za-z]{1,8})\s*(?:\*\*)?\s*$")
_PERIOD = re.compile(rf"^\s*[:,]?\s*(?:Update\s+)?\(?(?:[A-Z]{{2,8}}\s+)?(?P<start>{_YEAR}){_DASH}(?P<end>(?:19|20)?\d{{2}})\b")
_UPDATE_AFTER = re.compile(r"^\s*:?\s*Update\b")
_UPDATED_BEFORE = re.compile(r"\b(?:updated|revised)\s+$", re.I)

_FRAMEWORK = re.compile(
    rf"\b(?P<current>current\s+)?(?P<kind>UNDAF|UNSDCF|UNDAP|United Nations Development Assistance Framework"
    rf"|(?:United Nations |UN )?Sustainable Development Cooperation Framework)"
    rf"(?:\s+(?:for\s+)?[A-Z][\w']+(?:\s+PDR)?)?\s*\(?(?P<start>{_YEAR}){_DASH}(?P<end>(?:19|20)?\d{{2}})\b"
)
_FRAMEWORK_HINT = re.compile(r"UNDAF|UNSDCF|UNDAP|Framework")
_FRAMEWORK_WORD = re.compile(r"\b(?:UNDAF|UNSDCF|UNDAP|Cooperation Framework|Development Assistance Framework)s?\b")
_UNDAF_LABEL = re.compile(
    r"^(?:(?P<fw>UNDAF|UNSDCF|UNDAP|Cooperation Framework)\s+|(?:CP|UN|Country Programme)\s+)?[Oo]utcome\s+"
    r"(?P<code>\d{1,2}(?:\.\d{1,2}){0,2})\s*[:.\-–]\s*(?P<text>\S.*)$"
)
_ITEM_NUMBER = re.compile(r"^\(?(?P<n>\d{1,2})[.)]\s+(?P<text>\S.*)$")
_CONTRIBUTION = re.compile(r"^ILO(?:'s|’s)?\s+contributions?\s*:\s*(?P<text>\S.*)$", re.I)
_UNDAF_CODES = re.compile(r"(?:^|(?<=\s))(?P<code>\d{1,2}\.\d{1,2})\s+(?=\S)")

_COMPONENT_WORD = re.compile(r"\b(?:areas?|priorit(?:y|ies)|pillars?|(?:sub)?components?|goals|objectives"
                             r"|rectangles?|sides)\b", re.I)
_LABELLED = re.compile(r"\b(?P<label>(?:Rectangle|Rectangular|Pillar|Side|Cluster)\s+(?P<n>\d{1,2}))\b(?P<colon>\s*:\s*)?")
_ROMAN = re.compile(r"(?:^|(?<=[:;,]\s)|(?<=\s))(?:and\s+)?\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)\s+")
_SHORT_CUT = re.compile(r"\s*(?:\(|,|;|:|\s+as\s+|\s+to\s+(?:ensure|promote|improve|provide|reduce|increase"
                        r"|strengthen|achieve|enable|make|help|create)\b|\.\s|\.$)")
_ENUMERATOR = re.compile(r"^(?:\(?(?:[ivx]{1,4}|\d{1,2}|[a-h])[.)])\s+")
_COMPONENT_MAX_WORDS = 12
_PLAN_COMPONENT = re.compile(r"\b(?P<acr>[A-Z]{2,8})(?:,\s+particularly\s+the|\s+)(?P<words>(?:[a-z]+\s+){1,3})component\b")

_CUE = re.compile(r"\b(?:align(?:ed|s|ment)?\s+(?:with|to)|in\s+line\s+with|in\s+accordance\s+with|consistent\s+with"
                  r"|(?:goals?|targets?|priorit(?:y|ies)|objectives?)\s+(?:contained\s+in|set\s+(?:out\s+)?(?:in|under|by)"
                  r"|stated\s+in|of)|contribut\w*\s+to\s+(?:achiev|attain|meet|reach)\w*)", re.I)
_SENTENCE = re.compile(r"(?<=[.;!?])\s+(?=[A-Z(])")
_CONTEXT = re.compile(r"^(?:outcome\s*:\s*)?(?:(?P<code>[A-Z]{3}\s?\d{3})\b|(?P<label>(?:DWCP|CP|country programme|country priority)"
                      r"\s+outcome\s+\d{1,2})\s*:)", re.I)
_SDG = re.compile(r"\bSDGs?\s?(?P<g>\d{1,2})(?:\.(?P<t>\d{1,2}|[a-c]))?\b"
                  r"|\b(?:SDG\s+)?[Tt]argets?\s+(?P<g2>\d{1,2})\.(?P<t2>\d{1,2}|[a-c])\b")

_ILO_COL = re.compile(r"\b(?:DWCP|ILO|CPO|CP|country\s+programme|country\s+priority|P&B)\b.*\b(?:outcomes?|priorit(?:y|ies)"
                      r"|results?)\b|^(?:ILO\s+)?outcomes?$|^CPOs?$", re.I)
_UNDAF_COL = re.compile(r"\b(?:UNDAF|UNSDCF|UNDAP|cooperation\s+framework)\b", re.I)
_SDG_COL = re.compile(r"\bSDGs?\b|sustainable\s+development\s+goals?", re.I)
_ROW_START = re.compile(r"^(?:(?P<label>[A-Z][\w&/]*(?:\s+[\w&/]+)?\s+outcome)\s+)?(?P<n>\d{1,2})[.)]\s+(?=\S)")
_CAPTION = re.compile(r"^(?:TOR\s+)?(?:Table|Figure|Annex|Appendix|Box|Chart)\b", re.I)
_MD_RULE = re.compile(r"^\|?\s*:?-{2,}")
_MONEY_ROW_LABEL = re.compile(r"^(?:(?P<fw>UNDAF|UNSDCF|UNDAP)\s+)?outcome\s+(?P<code>\d{1,2}(?:\.\d{1,2}){0,2})$", re.I)
_AMOUNT = re.compile(r"^(?:US\s*\$|\$)?\s*(?P<num>\d{1,3}(?:[ ,.\u00a0]\d{3})+|\d+)(?:\.\d{1,2})?$")
_KINDS = (("contribution", r"contribut"), ("expenditure", r"expend|spent|disburs"), ("budget", r"budget|allocat"))
_CURRENCY = re.compile(r"US\s*\\?\$|USD|\bUS dollars?\b|(?P<eur>EUR|euros?|€)", re.I)
_YEARS_IN = re.compile(rf"{_YEAR}(?:{_DASH}\d{{2,4}})?")


# ---------------------------------------------------------------- plans

@dataclass
class _Mention:
    key: str                 # the plan's identity without qualifier
    qualifier: str | None    # "Sixth", "Update", or None
    name: str | None
    acronym: str | None
    period: str | None
    line: int
    text: str
    start: int = 0
    end: int = 0
    alias: str | None = None  # the name's key with an inner acronym for its words ("OSH Master Plan")


@dataclass
class _Plan:
    id: str
    name: str
    acronym: str | None = None
    period: str | None = None
    lines: list[tuple[int, str]] = field(default_factory=list)


class _Plans:
    """The national plans a report names: found once, then looked up in any text."""

    def __init__(self, segs: list[Segment], out: Out):
        self.country, self.out = out.country, out
        self.acronyms: dict[str, str] = {}   # acronym -> key
        self.keys: dict[str, str] = {}       # name key -> key
        previous: dict[int, str] = {}
        titled = []
        self._titled_in: dict[str, list[_Mention]] = {}
        for seg in segs:
            self._titled_in[seg.text] = found = self._titled(seg, previous.get(seg.line, ""))
            titled += found
            previous[seg.line] = seg.text
        for m in titled:
            if m.acronym and m.acronym != "?lower":
                self.acronyms.setdefault(m.acronym, self.keys.setdefault(m.key, m.acronym))
        short_keys = {m.key for m in titled}
        for m in titled:
            if m.alias and m.alias in short_keys:
                self.keys.setdefault(m.key, self.keys.get(m.alias, m.alias))
        for m in titled:  # "X Strategy for Growth, ..." is the "X Strategy" named elsewhere
            head, sep, _ = (m.name or "").partition(" for ")
            if sep and _key(head) in short_keys:
                self.keys.setdefault(m.key, self.keys.get(_key(head), _key(head)))
        for m in titled:
            m.key = self.keys.get(m.key, m.key)
        self._acronym_rx = (re.compile(r"\b(?P<acr>"
                                       + "|".join(sorted(map(re.escape, self.acronyms), key=len, reverse=True))
                                       + r")\b") if self.acronyms else None)
        mentions = titled + [m for seg in segs for m in self._by_acronym(seg.text, seg.line)]
        self.plans: dict[tuple[str, str | None], _Plan] = {}
        self._found: dict[str, list[tuple[int, int, _Plan]]] = {}
        self._resolve(mentions)

    # finding
    def _titled(self, seg: Segment, previous: str = "") -> list[_Mention]:
        found = []
        if not _HEAD_HINT.search(seg.text):
            return found
        done = 0
        for hint in _HEAD_HINT.finditer(seg.text):  # search a window before each plan word, not the whole paragraph
            if hint.start() < done:
                continue
            m = _TITLED.search(seg.text, max(done, hint.start() - _NAME_REACH), hint.end() + _NAME_REACH)
            if m and m.start() <= hint.start() < m.end():
                done = m.end()
                mention = self._from_titled(m, seg, previous)
                if mention:
                    found.append(mention)
        for m in _LOWER.finditer(seg.text):
            words, tail = set(m.group("body").split()), (m.group("tail") or "").split()
            topical = len(tail) >= 4 or any(w.isupper() and len(w) > 1 for w in tail)  # "on HIV and AIDS"
            if topical or (words and not tail and not words <= _GENERIC_LOWER):
                name = " ".join(("National " + m.group(0)[len("national "):]).split())
                found.append(_Mention(_key(name), None, name, None, None, seg.line, seg.text, m.start(), m.end()))
                found[-1].acronym = "?lower" if not topical else None
        return found

    def _from_titled(self, m: re.Match, seg: Segment, previous: str) -> _Mention | None:
        words = (m.group("body") or "").split()
        for j in range(min(3, len(words) - 1)):  # "CMDGs Cambodia Millennium Development Goals": a list of abbreviations
            if _acronym_word(words[j], " ".join(words[j + 1:]) + " " + m.group("head")):
                words = words[j + 1:]
                break
        words = _undouble(words, m.group("head"))
        ordinal = words.pop(0) if len(words) > 1 and words[0] in _ORDINAL_SET else None
        while words and (words[0].lower() in _PLAN_STOP or words[0].endswith(("'s", "’s"))):
            words.pop(0)
        if (words and words[0].lower() in ("of", "and", "for")) or any(w.lower() in _NOT_PLAN_WORD for w in words[:1]) \
                or any(w.lower() in _FOREIGN_WORDS for w in words) or self._not_national(words):
            return None
        head, tail = " ".join(m.group("head").split()), " ".join((m.group("tail") or "").split())
        weak = (not words and head[0].islower()) or len(words) == 1 and (words[0] == "National" or (head[0].islower() and not words[0].isupper()))
        if weak and not (tail and words) and not (tail and head[0].isupper()):
            return None
        name = " ".join([*words, head]) + (f" {tail.lstrip(', ')}" if tail else "")
        inner = re.search(r"\(([A-Z]{2,6})\)\s*(.*)$", name)  # "Occupational Safety and Health (OSH) Master Plan"
        name = _GERUND_TAIL.sub("", _MONTH_TAIL.sub("", re.sub(r"\s*\([A-Z]{2,6}\)", "", name)))
        if head.lower() == "development goals" and not re.search(r"\w\s+(?:Millennium|Sustainable)\s+Development", name):
            return None
        if len(name.split()) < 2 or _NOT_PLAN_WORDS.search(name):
            return None
        after, before = seg.text[m.end():], f"{previous} {seg.text[:m.start()]}"
        dated = _PERIOD.match(after)
        acronym = (_acronym(_ACR_AFTER.match(after), name) or _acronym(_ACR_BEFORE.search(before), name)
                   or (dated and _acronym(_ACR_AFTER.match(after[dated.end():].lstrip(")")), name)))
        period = _period(after[len(a.group(0)):] if (a := _ACR_AFTER.match(after)) else after) or _paren_period(after)
        mention = _Mention(_key(name), ordinal, name, acronym, period, seg.line, seg.text, m.start(), m.end())
        if period and re.match(rf"\s+{_YEAR}", after):  # a period printed as part of the title
            mention.name = f"{name} {after.split()[0]}"
        mention.alias = _key(f"{inner.group(1)} {inner.group(2)}") if inner else None
        return mention

    def _not_national(self, words: list[str]) -> bool:
        """The plan belongs to an organisation that is not the government ("CAMFEBA strategic plan")."""
        owner = self.out.lookup("Organization", words[0]) if words and words[0].isupper() else None
        return bool(owner) and self.out.nodes[owner].properties.get("kind") in _NON_NATIONAL

    def _by_acronym(self, text: str, line: int) -> list[_Mention]:
        if not self._acronym_rx:
            return []
        found = []
        for m in self._acronym_rx.finditer(text):
            after = text[m.end():]
            ordinal = _ORDINAL_BEFORE.search(text, max(0, m.start() - 25), m.start())
            qualifier = (ordinal and ordinal.group("ord")) or ("Update" if _UPDATE_AFTER.match(after)
                                           or _UPDATED_BEFORE.search(text[:m.start()]) else None)
            end = m.end() + (_UPDATE_AFTER.match(after).end() if _UPDATE_AFTER.match(after) else 0)
            key = self.acronyms[m.group("acr")]
            found.append(_Mention(key, qualifier, None, key, _period(text[end:]),
                                  line, text, m.start(), end))
        return found

    # resolving
    def _resolve(self, mentions: list[_Mention]) -> None:
        for mention in mentions:
            mention.key = self.keys.get(mention.key, mention.key)
        known = {m.key for m in mentions if m.acronym != "?lower"}
        mentions = [m for m in mentions if m.acronym != "?lower" or m.key in known]
        editions = Counter((m.key, m.qualifier) for m in mentions if m.qualifier and m.qualifier != "Update")
        main = {}
        for (key, qualifier), _ in editions.most_common():
            main.setdefault(key, qualifier)
        full: dict[str, str] = {}
        for m in mentions:  # the name a plan is known by: its own short form, else the one beside its acronym
            if m.name and _key(m.name) == m.key and m.acronym != "?lower":
                full.setdefault(m.key, m.name)
        for m in mentions:
            if m.name and m.acronym and m.acronym != "?lower" and m.qualifier is None:
                full.setdefault(m.key, m.name)
        for mention in sorted(mentions, key=lambda m: m.line):
            qualifier = mention.qualifier or main.get(mention.key)
            plan = self.plans.get((mention.key, qualifier))
            if plan is None:
                base = full.get(mention.key) or mention.name or mention.key
                acronym = mention.acronym if mention.acronym != "?lower" else None
                acronym = acronym or next((a for a, k in self.acronyms.items() if k == mention.key), None)
                name = _qualified(base, mention.name, qualifier)
                ident = (f"{acronym} {qualifier}" if qualifier == "Update" else f"{qualifier} {acronym}") \
                    if qualifier and acronym else acronym
                if qualifier == "Update":
                    name, acronym = f"{acronym or base} Update", None
                plan = self.plans[(mention.key, qualifier)] = _Plan(plan_id(self.country, ident, name), name, acronym)
            if mention.period and (mention.qualifier == qualifier or not plan.period):
                plan.period = plan.period or mention.period
            plan.lines.append((mention.line, mention.text))
        self._mentions = mentions

    def find(self, text: str) -> list[tuple[int, int, _Plan]]:
        """(start, end, plan) for each plan named in `text`, in order."""
        if text not in self._found:
            self._found[text] = self._find(text)
        return self._found[text]

    def _find(self, text: str) -> list[tuple[int, int, _Plan]]:
        out = []
        titled = self._titled_in.get(text)
        if titled is None:
            titled = self._titled(Segment(text, text, 0))
        for m in [*(x for x in titled if x.acronym != "?lower"),
                  *self._by_acronym(text, 0)]:
            key = self.keys.get(m.key, m.key)
            editions = [q for (k, q) in self.plans if k == key]
            qualifier = m.qualifier if m.qualifier in editions else (
                next((q for q in editions if q and q != "Update"), None) if m.qualifier is None else None)
            plan = self.plans.get((key, qualifier))
            if plan and not any(s <= m.start < e for s, e, _ in out):
                out.append((m.start, m.end, plan))
        return sorted(out, key=lambda t: t[0])


def _acronym_word(word: str, rest: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Za-z]{1,8}", word)) and _acronym(re.match(r"(?P<acr>.+)", word), rest) is not None


def _undouble(words: list[str], head: str) -> list[str]:
    """The words without a leading repeat: "Rectangular Strategy Rectangular Strategy for ..." names it once."""
    first = head.split()[0]
    for k in range(1, min(4, len(words))):
        if words[k] == first and words[k + 1:2 * k + 1] == words[:k]:
            return words[k + 1:]
    return words


def _key(name: str) -> str:
    return name_key(re.sub(r"^National\s+", "", name, flags=re.I))


def _acronym(m: re.Match | None, name: str) -> str | None:
    if not m:
        return None
    acr = m.group("acr")
    letters = acr[:-1] if acr.endswith("s") and acr[:-1].isupper() else acr
    if sum(c.isupper() for c in letters) < 2 or not letters.isupper():
        return None
    initials = "".join(w[0] for w in re.split(r"[\s\-/]+", name) if w and w.lower() not in ("of", "and", "for", "the", "on", "&", "in", "to"))
    initials = initials.upper()
    return acr if initials == letters or (len(letters) >= 3 and initials.startswith(letters)) else None


def _period(text: str) -> str | None:
    m = _PERIOD.match(text)
    return _years(m.group("start"), m.group("end")) if m else None


def _paren_period(text: str) -> str | None:
    m = re.match(rf"^\s*\([^()]*?(?P<start>{_YEAR}){_DASH}(?P<end>(?:19|20)?\d{{2}})\)", text)
    return _years(m.group("start"), m.group("end")) if m else None


def _years(start: str, end: str) -> str:
    return f"{start}-{start[:2] + end if len(end) == 2 else end}"


def _qualified(base: str, printed: str | None, qualifier: str | None) -> str:
    if not qualifier:
        return base
    if qualifier == "Update":
        return f"{base} Update"
    return printed if printed and printed.startswith(qualifier) else f"{qualifier} {base}"


# ---------------------------------------------------------------- the reader

class _Reader:
    def __init__(self, doc: Doc, out: Out):
        self.doc, self.out = doc, out
        self.country = out.country
        self.segs = doc.segments
        self.by_line: dict[int, list[Segment]] = {}
        for seg in self.segs:
            self.by_line.setdefault(seg.line, []).append(seg)
        self.plans = _Plans(self.segs, out) if self.country else None
        self.frameworks = self._frameworks()
        self.emitted_plans: set[str] = set()
        self.warned_country = False

    # frameworks
    def _frameworks(self) -> list[tuple[int, bool, str, str, int, int]]:
        """(line, current, name, kind, start, end) for each framework printed with its period."""
        found = []
        for seg in self.segs:
            if not _FRAMEWORK_HINT.search(seg.text):
                continue
            for m in _FRAMEWORK.finditer(seg.text):
                kind = "UNSDCF" if "Cooperation" in m.group("kind") or m.group("kind") == "UNSDCF" else (
                    "UNDAP" if m.group("kind") == "UNDAP" else "UNDAF")
                start, end = int(m.group("start")), int(_years(m.group("start"), m.group("end"))[5:])
                found.append((seg.line, bool(m.group("current")), f"{kind} {start}-{end}", seg.text, start, end))
        return found

    def framework_at(self, line: int) -> str | None:
        """The id of the framework an outcome at `line` belongs to (emitted on first use), or None."""
        if not self.country:
            self._no_country(line)
            return None
        chapter = _chapter(self.doc.sections, line)
        near = [f for f in self.frameworks if chapter and chapter.line <= f[0] <= line]
        pick = (next((f for f in reversed(near) if f[1]), None) or (near[-1] if near else None)
                or next((f for f in self.frameworks if f[1]), None)
                or (self.frameworks[0] if len({f[2] for f in self.frameworks}) == 1 else None))
        if pick is None:
            return None
        fid = undaf_id(self.country, pick[4], pick[5])
        if fid not in self.out.nodes:
            ev = [self.out.evidence(pick[0], pick[0], pick[3])]
            if self.out.node("UNDAF", fid, {"name": pick[2], "start_year": pick[4], "end_year": pick[5]}, ev):
                self.out.edge("COVERS", fid, self.country, ev)
        return fid

    def _no_country(self, line: int) -> None:
        if not self.warned_country:
            self.warned_country = True
            self.out.warn(line, "frameworks: the report is not about one country; UNDAF outcomes and national plans skipped")

    def undaf_outcome(self, code: str, text: str, line: int, end_line: int, quote: str,
                      contribution: str | None = None) -> str | None:
        fid = self.framework_at(line)
        if fid is None:
            if self.country:
                self.out.warn(line, f"UNDAF outcome {code}: no framework period found for it; skipped")
            return None
        oid = f"{fid}/{code}"
        ev = [self.out.evidence(line, end_line, quote)]
        props = {"code": code, "text": text, "ilo_contribution": contribution}
        if self.out.node("UNDAFOutcome", oid, props, ev):
            self.out.edge("PART_OF", oid, fid, ev)
            name = self.out.nodes[fid].properties["name"]
            self.out.register("UNDAFOutcome", oid, f"{name} outcome {code}", f"UNDAF outcome {code}")
            return oid
        return None

    # plans
    def plan(self, plan: _Plan) -> str:
        if plan.id not in self.emitted_plans:
            self.emitted_plans.add(plan.id)
            ev = [self.out.evidence(line, line, text) for line, text in plan.lines[:2]]
            props = {"name": plan.name, "acronym": plan.acronym, "period": plan.period}
            if self.out.node("NationalPlan", plan.id, props, ev):
                self.out.edge("COVERS", plan.id, self.country, ev)
        return plan.id

    def component(self, parent: str, label: str, number: str | None, text: str, line: int, quote: str) -> str | None:
        """A PlanPriority of `parent` (a plan or a component id), found again by its label or short name."""
        short = _short(label)
        if not short:
            return None
        known = self.out.lookup("PlanPriority", f"{parent} {short}") or self.out.lookup("PlanPriority", f"{parent} #{number}")
        pid = known or f"{parent}/{number if number else slug(short)}"
        ev = [self.out.evidence(line, line, quote)]
        if not self.out.node("PlanPriority", pid, {"code": short, "text": text or short}, ev):
            return None
        self.out.edge("PART_OF", pid, parent, ev)
        self.out.register("PlanPriority", pid, f"{parent} {short}", f"{parent} {_short(text)}" if text else None,
                          f"{parent} #{number}" if number else None)
        return pid

    # SDGs
    def sdg(self, goal: int, target: str | None, line: int, quote: str) -> str | None:
        if not 1 <= goal <= 17:
            return None
        ev = [self.out.evidence(line, line, quote)]
        gid = f"SDG{goal}"
        self.out.node("SDG", gid, {"number": goal, "name": SDG_NAMES[goal - 1]}, ev)
        if not target:
            return gid
        tid = f"SDG{goal}.{target}"
        if self.out.node("SDGTarget", tid, {"code": f"{goal}.{target}"}, ev):
            self.out.edge("PART_OF", tid, gid, ev)
        return tid

    def align(self, source: str, target: str | None, line: int, quote: str, end_line: int | None = None) -> None:
        if target:
            self.out.edge("ALIGNS_WITH", source, target, [self.out.evidence(line, end_line or line, quote)],
                          {"basis": "stated"})


def _chapter(sections: list[Section], line: int) -> Section | None:
    """The innermost section of level 1 or 2 holding `line`."""
    holding = [s for s in sections if s.level <= 2 and s.line <= line <= s.end_line]
    return max(holding, key=lambda s: s.line) if holding else None


def _short(text: str) -> str:
    """A component's short name: its text up to "(", ",", ";", ":", " as " or a purpose clause."""
    text = re.sub(r"^(?:the|a|an)\s+", "", _ENUMERATOR.sub("", text.strip(" .;")), flags=re.I)
    text = re.sub(r"\s*(?:;|,)?\s*and$", "", _SHORT_CUT.split(text, 1)[0]).strip(" .;,")
    return text if 0 < len(text.split()) <= _COMPONENT_MAX_WORDS else ""


def read(doc: Doc, out: Out) -> None:
    """Emit the frameworks, plans and alignment links that `doc` states into `out`."""
    reader = _Reader(doc, out)
    if reader.plans:
        for plan in reader.plans.plans.values():
            reader.plan(plan)
    _undaf_statements(reader)
    _tables(reader)
    if reader.plans:
        _plan_components(reader)
    _sentences(reader)


# ---------------------------------------------------------------- UNDAF outcome statements

def _undaf_statements(r: _Reader) -> None:
    """Labelled UNDAF outcomes ("UNDAF outcome 1.1: ...") and lists introduced as a framework's outcomes."""
    segs = r.segs
    in_framework = _framework_sections(r.doc.sections)
    last: tuple[str, int] | None = None  # the outcome a following "ILO contribution:" belongs to
    i = 0
    while i < len(segs):
        seg = segs[i]
        m = _UNDAF_LABEL.match(seg.text)
        if m and (m.group("fw") or in_framework(seg.line)):
            oid = r.undaf_outcome(m.group("code"), m.group("text"), seg.line, seg.line, seg.text)
            last = (oid, m.group("code")) if oid else None
        elif (c := _CONTRIBUTION.match(seg.text)) and last:
            r.out.nodes[last[0]].properties.setdefault("ilo_contribution", c.group("text"))
            r.out.nodes[last[0]].evidence.append(r.out.evidence(seg.line, seg.line, seg.text))
            last = None
        elif seg.text.endswith(":") and _FRAMEWORK_WORD.search(seg.text) and re.search(r"\boutcomes\b", seg.text):
            i = _outcome_list(r, segs, i + 1)
            continue
        else:
            last = None if seg.text and not seg.bullet and len(seg.text) > 200 else last
        i += 1


def _framework_sections(sections: list[Section]):
    spans = [(s.line, s.end_line) for s in sections if _FRAMEWORK_WORD.search(s.title)]
    return lambda line: any(a <= line <= b for a, b in spans)


def _outcome_list(r: _Reader, segs: list[Segment], i: int) -> int:
    """Read the items of a list of framework outcomes starting at segs[i]; the index after it."""
    position = 0
    headings = {s.line for s in r.doc.sections}
    bullets = i < len(segs) and segs[i].bullet
    while i < len(segs) and (segs[i].bullet if bullets else _ITEM_NUMBER.match(segs[i].text)):
        seg = segs[i]
        if seg.line in headings:
            break
        position += 1
        m = _UNDAF_LABEL.match(seg.text)
        n = _ITEM_NUMBER.match(seg.text)
        if m:
            code, text = m.group("code"), m.group("text")
        else:
            code, text = (n.group("n"), n.group("text")) if n else (str(position), seg.text)
            head, sep, _ = text.partition(":")
            text = head if sep and len(head) <= 100 else text
        r.undaf_outcome(code, text.strip(), seg.line, seg.line, seg.text)
        i += 1
    return i


# ---------------------------------------------------------------- tables

@dataclass
class _Column:
    kind: str            # "ilo", "undaf", "plan", "sdg", "other"
    title: str
    plan: _Plan | None = None
    quotes: bool = False  # a plan column of excerpts: its rows align with the plan itself


def _cells(line: str) -> list[str] | None:
    if "\t" in line:
        return [clean(c) for c in line.split("\t")]
    stripped = line.strip()
    if stripped.startswith("|") and stripped.count("|") >= 2 and not _MD_RULE.match(stripped):
        return [clean(c) for c in stripped.strip("|").split("|")]
    return None


def _columns(r: _Reader, cells: list[str]) -> list[_Column] | None:
    """The columns of an alignment table's header row, or None when the row is not one."""
    if not any(_ILO_COL.search(c) for c in cells):
        return None
    cols = []
    for cell in cells:
        found = r.plans.find(cell) if r.plans else []
        if _ILO_COL.search(cell) and not _UNDAF_COL.search(cell):
            cols.append(_Column("ilo", cell))
        elif _UNDAF_COL.search(cell):
            cols.append(_Column("undaf", cell))
        elif _SDG_COL.search(cell):
            cols.append(_Column("sdg", cell))
        elif found and len(cell) < 80:
            start, end, plan = found[0]
            cols.append(_Column("plan", cell, plan, quotes=bool(cell[:start].strip() or cell[end:].strip())))
        else:
            cols.append(_Column("other", cell))
    kinds = [c.kind for c in cols]
    if kinds.count("ilo") == 1 and any(k in ("undaf", "plan", "sdg") for k in kinds):
        return cols
    return None


def _tables(r: _Reader) -> None:
    lines = r.doc.lines
    i = 0
    while i < len(lines):
        cells = _cells(lines[i]) if ("\t" in lines[i] or "|" in lines[i]) else None
        if cells and len(cells) > 1:
            cols = _columns(r, cells)
            if cols:
                i = _alignment_table(r, cols, i + 1)
                continue
            if _money_header(cells):
                i = _money_table(r, cells, i)
                continue
        i += 1


@dataclass
class _Row:
    number: str | None
    line: int
    end_line: int
    cells: dict[int, list[str]] = field(default_factory=dict)

    def add(self, col: int, text: str, line: int) -> None:
        self.cells.setdefault(col, []).append(text)
        self.end_line = max(self.end_line, line)


def _alignment_table(r: _Reader, cols: list[_Column], i: int) -> int:
    """Read the rows after a header (at line i, 0-based); the index of the first line after the table."""
    lines, titles = r.doc.lines, {name_key(c.title) for c in cols}
    ilo = next(k for k, c in enumerate(cols) if c.kind == "ilo")
    undaf = next((k for k, c in enumerate(cols) if c.kind == "undaf"), None)
    row: _Row | None = None
    while i < len(lines):
        raw, number = lines[i], i + 1
        cells = _cells(raw) if ("\t" in raw or "|" in raw) else None
        if cells and len(cells) > 1:
            _flush(r, cols, row)
            row = None
            if _columns(r, cells) is None:
                if len(cells) != len(cols):
                    r.out.warn(number, f"table row has {len(cells)} cells, its header has {len(cols)}: row skipped")
                else:
                    one = _Row(None, number, number)
                    for k, cell in enumerate(cells):
                        one.add(k, cell, number)
                    _flush(r, cols, one)
        elif raw.strip():
            if raw.lstrip().startswith("|"):
                i += 1
                continue
            segs = r.by_line.get(number, [])
            if not segs or _CAPTION.match(segs[0].text) or _major_heading(r, number):
                break
            for seg in segs:
                row = _linear(r, cols, row, seg, ilo, undaf, titles)
                if row is False:
                    return i
        i += 1
    _flush(r, cols, row or None)
    return i


def _major_heading(r: _Reader, line: int) -> bool:
    return any(s.line == line and s.level <= 3 for s in r.doc.sections)


def _linear(r: _Reader, cols, row, seg: Segment, ilo: int, undaf: int | None, titles: set[str]):
    """Place one segment of a table flattened into paragraphs; the open row, or False at the table's end."""
    text = seg.text
    if name_key(text) in titles:
        return row
    start = _ROW_START.match(text)
    if start and not re.match(r"^\d{1,2}\.\d", text):
        if row is None or row.number != start.group("n"):
            _flush(r, cols, row)
            row = _Row(start.group("n"), seg.line, seg.line)
        row.add(ilo, text, seg.line)
        return row
    if row is None:
        return False
    if undaf is not None and _UNDAF_CODES.match(text):
        row.add(undaf, text, seg.line)
        return row
    filled = [k for k in row.cells if k not in (ilo,)]
    nxt = max(filled + [ilo, undaf if undaf is not None else -1]) + 1
    if nxt >= len(cols):
        _flush(r, cols, row)
        return False
    row.add(nxt, text, seg.line)
    return row


def _flush(r: _Reader, cols: list[_Column], row: _Row | None) -> None:
    """Emit the framework entries of one table row and the ILO outcomes' alignment to them."""
    if not row:
        return
    ilo = next(k for k, c in enumerate(cols) if c.kind == "ilo")
    ilo_text = " ".join(row.cells.get(ilo, []))
    sources = _row_outcomes(r, cols[ilo].title, ilo_text)
    quote = " | ".join(" ".join(v) for _, v in sorted(row.cells.items()))
    targets = []
    for k, col in enumerate(cols):
        text = " ".join(row.cells.get(k, []))
        if not text or col.kind in ("ilo", "other"):
            continue
        if col.kind == "undaf":
            targets += [r.undaf_outcome(code, item, row.line, row.end_line, item) for code, item in _coded_items(text)]
        elif col.kind == "sdg":
            targets += [r.sdg(int(g), t, row.line, text) for g, t in _sdgs(text)]
        elif col.kind == "plan" and r.country:
            targets += _plan_cell(r, col, text, row)
    if not ilo_text.strip():
        r.out.warn(row.line, "table row without an ILO outcome: its framework entries are kept, no alignment")
    elif not sources:
        r.out.warn(row.line, f"table row names no known ILO outcome ({ilo_text[:40]!r}): no alignment read")
    for source in sources:
        for target in targets:
            r.align(source, target, row.line, quote, row.end_line)


def _row_outcomes(r: _Reader, title: str, text: str) -> list[str]:
    codes = [c for c in (outcome_code(m.group(0)) for m in re.finditer(r"\b[A-Z]{3}\s?\d{3}\b", text)) if c]
    found = [r.out.lookup("Outcome", c) for c in dict.fromkeys(codes)]
    start = _ROW_START.match(text)
    if not codes and start:
        label = re.sub(r"\s*\(.*", "", title).rstrip("s ").strip()
        found = [r.out.lookup("Outcome", f"{label} {start.group('n')}") or r.out.lookup("Outcome", f"{start.group('label') or label} {start.group('n')}")]
    return [f for f in found if f]


def _coded_items(text: str) -> list[tuple[str, str]]:
    """(code, text) for each "1.1 Text ..." item run together in one cell."""
    marks = list(_UNDAF_CODES.finditer(text))
    return [(m.group("code"), text[m.end(): marks[k + 1].start() if k + 1 < len(marks) else len(text)].strip())
            for k, m in enumerate(marks)]


def _plan_cell(r: _Reader, col: _Column, text: str, row: _Row) -> list[str | None]:
    """The components (or, for excerpts, the plan) that one plan cell names."""
    plan_id = r.plan(col.plan)
    labelled = list(_LABELLED.finditer(text))
    if col.quotes and not labelled:
        return [plan_id]
    if labelled:
        return [r.component(plan_id, m.group("label"), m.group("n"),
                            text[m.end(): labelled[k + 1].start() if k + 1 < len(labelled) else len(text)].strip(),
                            row.line, m.group(0) + text[m.end(): m.end() + 150])
                for k, m in enumerate(labelled)]
    short = _short(text)
    return [r.component(plan_id, short, None, text[:300], row.line, text)] if short else [plan_id]


def _money_header(cells: list[str]) -> bool:
    return sum(bool(_YEARS_IN.search(c) and any(re.search(p, c, re.I) for _, p in _KINDS)) for c in cells) >= 1


def _money_table(r: _Reader, header: list[str], i: int) -> int:
    """Funding from a table whose rows are UNDAF outcomes and whose columns are years of money."""
    lines = r.doc.lines
    caption = next((clean(lines[j]) for j in range(i - 1, max(i - 4, -1), -1) if lines[j].strip()), "")
    currency = "EUR" if (c := _CURRENCY.search(caption + " " + " ".join(header))) and c.group("eur") else ("USD" if c else None)
    j = i + 1
    while j < len(lines) and (cells := _cells(lines[j])):
        m = _MONEY_ROW_LABEL.match(cells[0])
        if m and (m.group("fw") or _UNDAF_COL.search(caption)):
            _money_row(r, header, cells, m.group("code"), j + 1, currency, caption)
        elif len(cells) != len(header):
            r.out.warn(j + 1, f"money table row has {len(cells)} cells, its header has {len(header)}: row skipped")
        j += 1
    return j


def _money_row(r: _Reader, header: list[str], cells: list[str], code: str, line: int, currency, caption: str) -> None:
    oid = r.undaf_outcome(code, cells[0], line, line, "\t".join(cells))
    evaluation = r.out.evaluation_at(line)
    for title, cell in zip(header[1:], cells[1:]):
        amount = _AMOUNT.match(cell)
        kind = next((k for k, p in _KINDS if re.search(p, title, re.I)), None) or next(
            (k for k, p in _KINDS if re.search(p, caption, re.I)), None)
        if not (oid and amount and kind) or "%" in title:
            continue
        period = (y.group(0) if (y := _YEARS_IN.search(title)) else None)
        value = float(re.sub(r"[ ,.\u00a0]", "", amount.group("num")))
        fid = f"FUNDING/{oid}/{kind}/{period or slug(title)}"
        ev = [r.out.evidence(line, line, f"{cells[0]}: {title} {cell}")]
        if r.out.node("Funding", fid, {"amount": value, "currency": currency, "kind": kind, "period": period}, ev):
            r.out.edge("FUNDS", fid, oid, ev)
            if evaluation:
                r.out.edge("STATES", evaluation, fid, ev)


# ---------------------------------------------------------------- plan components in prose

def _plan_components(r: _Reader) -> None:
    segs = r.segs
    for k, seg in enumerate(segs):
        found = r.plans.find(seg.text)
        if not found:
            continue
        labelled = [(m, r.component(r.plan(_owner(r, found, m)), m.group("label"), m.group("n"),
                                    m.group("label"), seg.line, seg.text))
                    for m in _LABELLED.finditer(seg.text)]
        for m in _PLAN_COMPONENT.finditer(seg.text):
            plan = next((p for s, e, p in found if p.acronym == m.group("acr")), None)
            if plan:
                r.component(r.plan(plan), f"{m.group('acr')} {m.group('words')}component", None, m.group(0), seg.line, seg.text)
        colon = seg.text.find(":")
        words = [w for w in _COMPONENT_WORD.finditer(seg.text[:colon])] if colon > 0 else []
        named = [p for w in words for s, e, p in found if w.end() <= s <= w.end() + 40]
        this = labelled and any(seg.text.startswith(" of this", w.end()) for w in words)
        parent = labelled[-1][1] if this else (r.plan(named[-1]) if named else None)
        if not parent:
            continue
        items = _roman_items(seg.text[colon + 1:])
        if items:
            for item in items:
                r.component(parent, item, None, item, seg.line, seg.text)
        elif seg.text.rstrip().endswith(":"):
            for item in _bullets_after(segs, k + 1):
                r.component(parent, item.text, None, item.text.strip(" ;."), item.line, item.text)


def _owner(r: _Reader, found: list[tuple[int, int, _Plan]], m: re.Match) -> _Plan:
    """The plan a labelled component belongs to: one that already has it, else the plan named nearest."""
    having = [p for _, _, p in found if r.out.lookup("PlanPriority", f"{p.id} #{m.group('n')}")]
    return having[0] if having else min(found, key=lambda f: abs(f[0] - m.start()))[2]


def _roman_items(text: str) -> list[str]:
    parts = _ROMAN.split(text)
    if len(parts) < 3:
        return []
    items = [p.strip() for p in parts[1:]]
    items[-1] = re.split(r"(?<=[a-z)])\.\s", items[-1], 1)[0]
    return [i for i in items if i]


def _bullets_after(segs: list[Segment], i: int) -> list[Segment]:
    items = []
    while i < len(segs) and segs[i].bullet:
        items.append(segs[i])
        i += 1
    return items


# ---------------------------------------------------------------- alignment stated in sentences

def _sentences(r: _Reader) -> None:
    """Alignment a sentence states, from the outcome it names or the outcome whose heading it is under."""
    headings = {s.line for s in r.doc.sections}
    context: str | None = None
    for seg in r.segs:
        if seg.line in headings:
            context = None
        m = _CONTEXT.match(seg.text)
        if m:
            context = r.out.lookup("Outcome", m.group("code") or m.group("label")) or context
        if not _CUE.search(seg.text):
            continue
        plans = r.plans.find(seg.text) if r.plans else []
        start = 0
        for end in [b.start() for b in _SENTENCE.finditer(seg.text)] + [len(seg.text)]:
            _sentence(r, seg, start, end, context, plans)
            start = end


def _sentence(r: _Reader, seg: Segment, start: int, end: int, context: str | None, plans) -> None:
    sentence = seg.text[start:end]
    cue = _CUE.search(sentence)
    if not cue:
        return
    named = [r.out.lookup("Outcome", c) for c in dict.fromkeys(
        outcome_code(x.group(0)) for x in re.finditer(r"\b[A-Z]{3}\s?\d{3}\b", sentence))]
    sources = [s for s in named if s] or ([context] if context else [])
    if not sources:
        return
    tail = sentence[cue.start():]
    targets = [r.sdg(int(g), t, seg.line, sentence) for g, t in _sdgs(tail)]
    targets += [r.plan(p) for s, _, p in plans if start + cue.start() <= s < end]
    targets += [r.out.lookup("UNDAFOutcome", x.group(0)) for x in re.finditer(r"\bUNDAF outcome \d{1,2}(?:\.\d{1,2})?", tail)]
    for source in sources:
        for target in targets:
            r.align(source, target, seg.line, sentence.strip())


def _sdgs(text: str) -> list[tuple[str, str | None]]:
    """(goal, target or None) for each SDG or SDG target named in `text`."""
    return [(m.group("g") or m.group("g2"), m.group("t") or m.group("t2")) for m in _SDG.finditer(text)]
