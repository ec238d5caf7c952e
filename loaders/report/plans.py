"""National plans: the plans a report names, found once per report and then looked up in any text.

A plan is named by a title ("... Development Plan", "... Strategy", "Plan of
Action on ...", "... Master Plan", a country's own "... Millennium Development
Goals"), by a lower-case "national ... strategy on <topic>", by the acronym
defined beside its title, or as "the Government's <Name> programme".

Decisions:
- A plan's identity is its acronym (or its name without a leading "National"),
  plus a qualifier: an ordinal ("Sixth NSEDP") or an update ("NSDP Update") is
  a plan of its own; unqualified mentions belong to the ordinal edition the
  report names most. A possessive owner ("MOLSW's OSH Master Plan") is not part
  of the name.
- Names of one plan are merged when their topic is the same: the name without
  "National", the country's name, "draft", "of action", the plan word
  ("action plan", "development plan", "master plan", "strategy" ...) and a
  leading "the worst forms of" ("SME action plan" = "National SME Development
  Plan"; "OSH master plan" = "national OSH strategy"). Policies keep their
  own topic space; a name that prints its own period ("Master Plan 2005–2010")
  is never merged. The other names become `aliases`.
- Not plans: the ILO's and the UN's own plans, workplace and company plans,
  plans of an organisation that is not the government (employers, workers,
  NGOs, donors), lower-case mentions without a topic, and a plan introduced
  with an indefinite article ("a Gender Mainstreaming and Action Plan", "a new
  ... strategic plan") unless it says "National" or prints an acronym or period.
- "Programme" is a plan word only after "the Government's": ILO programmes are
  projects, not plans.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from itertools import accumulate
from dataclasses import dataclass, field

from loaders.report.ids import name_key, plan_id
from loaders.report.out import Out
from loaders.report.text import Segment

YEAR = r"(?:19|20)\d{2}"
DASH = r"\s*[–—-]\s*"
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
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
_TITLED_START = re.compile(r"\b(?=[(A-Zmpasd])")  # where a _TITLED match may begin: a name word or a plan word
_LOWER = re.compile(
    r"\bnational\s+(?P<body>(?:[a-zA-Z/&\-]+\s+){0,3}?)(?P<head>strategy|policy|plan of action|master plan)"
    r"(?P<tail>\s+on\s+(?:the\s+)?[A-Za-z/]+(?:\s+(?:and|of|in)\s+[A-Za-z/]+){0,3})?\b"
)
_GOVERNMENT_PROGRAMME = re.compile(
    r"\b[Gg]overnment(?:'s|’s)\s+(?P<name>[A-Z][\w\-]*(?:\s+(?:(?:and|of|for|&)\s+)?[A-Z][\w\-]*)*)\s+(?P<head>[Pp]rogramme)\b")
_PLAN_WORDS = ("plan", "strategy", "policy", "goals")  # looked for in lower-cased text
_RUN_WORDS = {"of", "and", "for", "&", "action", "development", "master", "strategic", "plan"}
_NAME_REACH = 120  # characters a plan's name may run before (or its topic after) its plan word
_ORDINAL_SET = {o.capitalize() for o in ORDINALS}
_ORDINAL_BEFORE = re.compile(rf"\b(?P<ord>{'|'.join(_ORDINAL_SET)})\s+(?:five-year\s+)?$")
_GERUND_TAIL = re.compile(r"(?:\s+[A-Z][a-z]+ing)+$")  # the next sentence run on: "... of Children Facilitating"
_MONTH_TAIL = re.compile(r"\s+(?:in|of|on)\s+(?:January|February|March|April|May|June|July|August|September"
                         r"|October|November|December)\b.*$")
_INDEFINITE = re.compile(r"\b(?:[Aa]n?|[Aa]ny|[Ee]ach|[Ee]very)\s+(?:new\s+|specific\s+)?$|\bspecific\s+$")
_PLAN_STOP = {"the", "a", "an", "this", "its", "their", "our", "draft", "new", "current"}
_NOT_PLAN_WORD = {"ilo", "km", "un", "united", "global", "regional", "international", "decent", "country", "asian",
                  "asean", "research", "knowledge", "innovation", "resource", "workplace", "model", "company"}
_FOREIGN_WORDS = {"ilo", "dwcp", "undaf", "unsdcf", "smm-ip", "p&b", "module-implementation"}  # the ILO's and UN's own plans
_NON_NATIONAL = {"employers", "workers", "NGO", "ILO unit", "UN agency", "donor", "intergovernmental"}
_NOT_PLAN_WORDS = re.compile(r"\b(?:workplace|enterprise|company)\b", re.I)
_GENERIC_LOWER = {"development", "new", "overall", "own", "the"}
_ACR_AFTER = re.compile(rf"^\s*\((?P<acr>[A-Z][A-Za-z]{{1,8}})(?:[\s,]+{YEAR}{DASH}\d{{2,4}})?\)")
_ACR_BEFORE = re.compile(r"\b(?P<acr>[A-Z][A-Za-z]{1,8})\s*(?:\*\*)?\s*$")
_PERIOD = re.compile(rf"^\s*[:,]?\s*(?:Update\s+)?\(?(?:[A-Z]{{2,8}}\s+)?(?P<start>{YEAR}){DASH}(?P<end>(?:19|20)?\d{{2}})\b")
_PAREN_PERIOD = re.compile(rf"^\s*\([^()]*?(?P<start>{YEAR}){DASH}(?P<end>(?:19|20)?\d{{2}})\)")
_TITLE_YEARS = re.compile(rf"\s+({YEAR}(?:{DASH}\d{{2,4}})?)")
_UPDATE_AFTER = re.compile(r"^\s*:?\s*Update\b")
_UPDATED_BEFORE = re.compile(r"\b(?:updated|revised)\s+$", re.I)
_TOPIC_DROP = re.compile(r"\b(?:national|draft|the|of action|on|against|for|worst forms? of"
                         r"|(?:master|action|strategic|development) plan|plan|strategy)\b")
_SMALL = {"of", "and", "for", "the", "on", "&", "in", "to"}
_INNER_ACRONYM = re.compile(r"\(([A-Z]{2,6})\)\s*(.*)$")
_INNER_ACRONYM_CUT = re.compile(r"\s*\([A-Z]{2,6}\)")
_ACRONYM_WORD = re.compile(r"(?P<acr>[A-Z][A-Za-z]{1,8})")
_NATIONAL = re.compile(r"^National\s+", re.I)
_NAME_WORDS_SPLIT = re.compile(r"[\s\-/]+")


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
    lower: bool = False       # a lower-case mention: it counts only if it names a plan found elsewhere
    titled_period: bool = False  # the name prints its own period ("MOLSW Master Plan 2005–2010")


@dataclass
class Plan:
    id: str
    name: str
    acronym: str | None = None
    period: str | None = None
    aliases: list[str] = field(default_factory=list)
    lines: list[tuple[int, str]] = field(default_factory=list)


class Plans:
    """The national plans a report names: found once, then looked up in any text."""

    def __init__(self, segs: list[Segment], report: Texts, out: Out):
        self.country, self.out = out.country, out
        country = out.nodes[out.country].properties.get("name", "") if out.country in out.nodes else ""
        self._country_word = (country.split() or [""])[0].lower()
        self.acronyms: dict[str, str] = {}   # acronym -> key
        self.keys: dict[str, str] = {}       # name key -> key
        self._titled_in: dict[str, list[_Mention]] = {}
        texts, lows = report.texts, report.lows
        spans = report.spans(_PLAN_WORDS)
        titled, hits = [], sorted({*spans, *report.having(("overnment's", "overnment’s"))})
        for i in hits:
            known = spans.get(i, []) if len(lows[i]) == len(texts[i]) else None  # else not positions in texts[i]
            found = self._titled(texts[i], segs[i].line, texts[i - 1] if i else "", lows[i], known)
            self._titled_in[texts[i]] = found
            titled += found
        self._merge_names(titled)
        self._acronyms_in: dict[str, list[_Mention]] = {}
        if self.acronyms:
            hits = sorted({*hits, *(acronymed := report.having(self.acronyms))})
            for i in acronymed:
                self._acronyms_in[texts[i]] = self._by_acronym(texts[i], segs[i].line)
        self.named = [i for i in hits if self._acronyms_in.get(texts[i])  # the segments `find` finds plans in
                      or any(not m.lower for m in self._titled_in.get(texts[i], ()))]
        mentions = titled + [m for found in self._acronyms_in.values() for m in found]
        self.plans: dict[tuple[str, str | None], Plan] = {}
        self._found: dict[str, list[tuple[int, int, Plan]]] = {}
        self._resolve(mentions)

    # finding
    def _titled(self, text: str, line: int, previous: str = "", low: str | None = None,
                spans: list[tuple[int, int]] | None = None) -> list[_Mention]:
        """The plans `text` names; `low` (its lower-cased text) and `spans` (of its plan words) when known."""
        low = text.lower() if low is None else low
        if spans is None:
            spans = _spans(low, _PLAN_WORDS) if len(low) == len(text) else \
                [m.span() for m in re.finditer("|".join(_PLAN_WORDS), text, re.I)]
        found, done = [], 0
        for at, end in spans:  # search a window before each plan word, not the whole paragraph
            if at < done or (at and low[at - 1].isalpha()):
                continue
            m = _titled_from(text, _run_start(text, max(done, at - _NAME_REACH), at), at, end + _NAME_REACH)
            if m and at < m.end():
                done = m.end()
                mention = self._from_titled(m, text, line, previous)
                if mention:
                    found.append(mention)
        if "national" in text:
            found += self._lower(text, line)
        found += self._government_programmes(text, line)
        return found

    def _lower(self, text: str, line: int) -> list[_Mention]:
        found = []
        for m in literal_matches(_LOWER, text, ("national",)):
            words, tail = set(m.group("body").split()), (m.group("tail") or "").split()
            topical = len(tail) >= 4 or any(w.isupper() and len(w) > 1 for w in tail)  # "on HIV and AIDS"
            if topical or (words and not tail and not words <= _GENERIC_LOWER):
                name = " ".join(("National " + m.group(0)[len("national "):]).split())
                found.append(_Mention(_key(name), None, name, None, None, line, text, m.start(), m.end(),
                                      lower=not topical))
        return found

    def _government_programmes(self, text: str, line: int) -> list[_Mention]:
        if "overnment's" not in text and "overnment’s" not in text:
            return []
        return [_Mention(_key(name), None, name, None, None, line, text, m.start("name"), m.end())
                for m in _GOVERNMENT_PROGRAMME.finditer(text)
                if not self._foreign(words := m.group("name").split()) and (name := " ".join([*words, "programme"]))]

    def _from_titled(self, m: re.Match, text: str, line: int, previous: str) -> _Mention | None:
        if not m.group("body") and m.group("head")[0].islower():
            return None  # a lower-case plan word with no name before it ("the plan")
        words = (m.group("body") or "").split()
        for j in range(min(3, len(words) - 1)):  # "CMDGs Cambodia Millennium Development Goals": a list of abbreviations
            if _acronym_word(words[j], " ".join(words[j + 1:]) + " " + m.group("head")):
                words = words[j + 1:]
                break
        words = _undouble(words, m.group("head"))
        ordinal = words.pop(0) if len(words) > 1 and words[0] in _ORDINAL_SET else None
        while words and (words[0].lower() in _PLAN_STOP or words[0].endswith(("'s", "’s"))):
            words.pop(0)
        if (words and words[0].lower() in ("of", "and", "for")) or self._foreign(words):
            return None
        head, tail = " ".join(m.group("head").split()), " ".join((m.group("tail") or "").split())
        weak = (not words and head[0].islower()) or len(words) == 1 and (
            words[0] == "National" or (head[0].islower() and not words[0].isupper()))
        if weak and not (tail and words) and not (tail and head[0].isupper()):
            return None
        name = " ".join([*words, head]) + (f" {tail.lstrip(', ')}" if tail else "")
        inner = _INNER_ACRONYM.search(name) if "(" in name else None  # "Occupational Safety and Health (OSH) Plan"
        name = _MONTH_TAIL.sub("", _INNER_ACRONYM_CUT.sub("", name) if inner else name)
        name = _GERUND_TAIL.sub("", name) if name.endswith("ing") else name
        if head.lower() == "development goals" and not re.search(r"\w\s+(?:Millennium|Sustainable)\s+Development", name):
            return None
        if len(name.split()) < 2 or _NOT_PLAN_WORDS.search(name):
            return None
        after, before = text[m.end():], f"{previous[-20:]} {text[max(0, m.start() - 20):m.start()]}"
        dated = _PERIOD.match(after)
        acronym = (_acronym(_ACR_AFTER.match(after), name) or _acronym(_ACR_BEFORE.search(before), name)
                   or (dated and _acronym(_ACR_AFTER.match(after[dated.end():].lstrip(")")), name)))
        period = _period(after[len(a.group(0)):] if (a := _ACR_AFTER.match(after)) else after) or _paren_period(after)
        if not (acronym or period or name.startswith("National")) and _INDEFINITE.search(text, max(0, m.start() - 16), m.start()):
            return None
        mention = _Mention(_key(name), ordinal, name, acronym, period, line, text, m.start(), m.end())
        if period and (printed := _TITLE_YEARS.match(after)):  # a period printed as part of the title
            mention.name, mention.titled_period = f"{name} {printed.group(1)}", True
        mention.alias = _key(f"{inner.group(1)} {inner.group(2)}") if inner else None
        return mention

    def _foreign(self, words: list[str]) -> bool:
        """The words name a plan that is not the government's: the ILO's or UN's, or a non-governmental body's."""
        if any(w.lower() in _NOT_PLAN_WORD for w in words[:1]) or any(w.lower() in _FOREIGN_WORDS for w in words):
            return True
        owner = self.out.lookup("Organization", words[0]) if words and words[0].isupper() else None
        return bool(owner) and self.out.nodes[owner].properties.get("kind") in _NON_NATIONAL

    def _by_acronym(self, text: str, line: int) -> list[_Mention]:
        present = [a for a in self.acronyms if a in text]
        if not present:
            return []
        found = []
        for m in re.finditer(r"\b(?P<acr>" + "|".join(sorted(present, key=len, reverse=True)) + r")\b", text):
            after = text[m.end():]
            ordinal = _ORDINAL_BEFORE.search(text, max(0, m.start() - 25), m.start())
            update = _UPDATE_AFTER.match(after)
            qualifier = (ordinal and ordinal.group("ord")) or (
                "Update" if update or _UPDATED_BEFORE.search(text, max(0, m.start() - 10), m.start()) else None)
            end = m.end() + (update.end() if update else 0)
            key = self.acronyms[m.group("acr")]
            found.append(_Mention(key, qualifier, None, key, _period(text[end:]), line, text, m.start(), end))
        return found

    # resolving
    def _merge_names(self, titled: list[_Mention]) -> None:
        """Map each name key to its plan's key: acronyms, inner acronyms, "X Strategy for ...", same topics."""
        for m in titled:
            if m.acronym:
                self.acronyms.setdefault(m.acronym, self.keys.setdefault(m.key, m.acronym))
        short_keys = {m.key for m in titled}
        for m in titled:
            if m.alias and m.alias in short_keys:
                self.keys.setdefault(m.key, self.keys.get(m.alias, m.alias))
        for m in titled:  # "X Strategy for Growth, ..." is the "X Strategy" named elsewhere
            head, sep, _ = (m.name or "").partition(" for ")
            if sep and _key(head) in short_keys:
                self.keys.setdefault(m.key, self.keys.get(_key(head), _key(head)))
        topics: dict[str, str] = {}
        for m in sorted(titled, key=lambda m: (not m.acronym, m.lower, m.line)):
            topic = self._topic(m)
            if topic:
                self.keys.setdefault(m.key, topics.setdefault(topic, self.keys.get(m.key, m.key)))
        for m in titled:
            m.key = self.keys.get(m.key, m.key)

    def _topic(self, m: _Mention) -> str | None:
        """What a plan's name is about, for merging its variants; None when it must not be merged."""
        if m.titled_period or not m.name or m.qualifier:
            return None
        words = [w for w in _TOPIC_DROP.sub(" ", m.name.lower()).split() if w not in _SMALL]
        country = self._country_word
        if words and country and len(words[0]) >= 3 and (country.startswith(words[0]) or words[0].startswith(country)):
            words = words[1:]  # the country's name or adjective
        family = "policy" if m.name.lower().endswith("policy") else "goals" if "goals" in m.name.lower() else "plan"
        return f"{family}:{name_key(' '.join(words))}" if words else None

    def _resolve(self, mentions: list[_Mention]) -> None:
        for mention in mentions:
            mention.key = self.keys.get(mention.key, mention.key)
        known = {m.key for m in mentions if not m.lower}
        mentions = [m for m in mentions if not m.lower or m.key in known]
        editions = Counter((m.key, m.qualifier) for m in mentions if m.qualifier and m.qualifier != "Update")
        main = {}
        for (key, qualifier), _ in editions.most_common():
            main.setdefault(key, qualifier)
        full: dict[str, str] = {}
        for m in mentions:  # the name a plan is known by: its own short form, else the one beside its acronym
            if m.name and _key(m.name) == m.key and not m.lower:
                full.setdefault(m.key, m.name)
        for m in mentions:
            if m.name and (m.acronym or not m.lower) and m.qualifier is None:
                full.setdefault(m.key, m.name)
        for mention in sorted(mentions, key=lambda m: m.line):
            qualifier = mention.qualifier or main.get(mention.key)
            plan = self.plans.get((mention.key, qualifier)) or self._new(mention, qualifier, full)
            if mention.period and (mention.qualifier == qualifier or not plan.period):
                plan.period = plan.period or mention.period
            if mention.name and not mention.lower and name_key(mention.name) not in {
                    name_key(n) for n in (plan.name, *plan.aliases)}:
                plan.aliases.append(mention.name)
            plan.lines.append((mention.line, mention.text))

    def _new(self, mention: _Mention, qualifier: str | None, full: dict[str, str]) -> Plan:
        base = full.get(mention.key) or mention.name or mention.key
        acronym = mention.acronym or next((a for a, k in self.acronyms.items() if k == mention.key), None)
        name = _qualified(base, mention.name, qualifier)
        ident = (f"{acronym} {qualifier}" if qualifier == "Update" else f"{qualifier} {acronym}") \
            if qualifier and acronym else acronym
        if qualifier == "Update":
            name, acronym = f"{acronym or base} Update", None
        plan = self.plans[(mention.key, qualifier)] = Plan(plan_id(self.country, ident, name), name, acronym)
        return plan

    def find(self, text: str) -> list[tuple[int, int, Plan]]:
        """(start, end, plan) for each plan named in `text`, in order."""
        found = self._found.get(text)
        if found is None:
            found = self._found[text] = self._find(text)
        return found

    def _find(self, text: str) -> list[tuple[int, int, Plan]]:
        out: list[tuple[int, int, Plan]] = []
        if text in self._titled_in or text in self._acronyms_in:  # a segment's text: its mentions are known
            titled, by_acronym = self._titled_in.get(text, []), self._acronyms_in.get(text, [])
        else:
            titled, by_acronym = self._titled(text, 0), self._by_acronym(text, 0)
        if not (titled or by_acronym):
            return []
        for m in [*(x for x in titled if not x.lower), *by_acronym]:
            key = self.keys.get(m.key, m.key)
            editions = [q for (k, q) in self.plans if k == key]
            qualifier = m.qualifier if m.qualifier in editions else (
                next((q for q in editions if q and q != "Update"), None) if m.qualifier is None else None)
            plan = self.plans.get((key, qualifier))
            if plan and not any(s <= m.start < e for s, e, _ in out):
                out.append((m.start, m.end, plan))
        return sorted(out, key=lambda t: t[0])


class Texts:
    """Texts (a report's segments' or lines'), lower-cased once, and which of them hold given words."""

    def __init__(self, texts: list[str]):
        self.texts = texts
        self.lows = [text.lower() for text in texts]
        self._joined: dict[bool, tuple[str, list[int]]] = {}
        self._hits: dict[tuple[str, bool], list[int]] = {}

    def having(self, words, lower: bool = False) -> list[int]:
        """The indexes of the texts that hold (`lower`: lower-cased) one of `words`, in order."""
        return sorted({i for word in words for i in self._having(word, lower)})

    def _having(self, word: str, lower: bool) -> list[int]:
        if (word, lower) not in self._hits:  # a text holding `word` holds any part of it already looked for
            part = next((w for w, low in self._hits if low == lower and w in word), None)
            texts = self.lows if lower else self.texts
            self._hits[word, lower] = [i for i in self._hits[part, lower] if word in texts[i]] if part is not None \
                else _hit(*self._join(lower), (word,))
        return self._hits[word, lower]

    def spans(self, words) -> dict[int, list[tuple[int, int]]]:
        """{index: the spans of `words` in its text lower-cased (see `_spans`)} for the texts holding one."""
        joined, starts = self._join(True)
        found: dict[int, list[tuple[int, int]]] = {}
        for at, end in _spans(joined, words):
            i = bisect_right(starts, at) - 1
            found.setdefault(i, []).append((at - starts[i], end - starts[i]))
        return found

    def _join(self, lower: bool) -> tuple[str, list[int]]:
        if lower not in self._joined:
            texts = self.lows if lower else self.texts
            self._joined[lower] = "\n".join(texts), _starts(texts)
        return self._joined[lower]


def _starts(texts: list[str]) -> list[int]:
    """Where each text starts in the texts joined by newlines, and where one after the last would."""
    return list(accumulate([len(text) + 1 for text in texts], initial=0))


def _hit(joined: str, starts: list[int], words) -> list[int]:
    """The indexes of the texts holding one of `words`, from one pass over the texts joined (see `_starts`)."""
    hits = set()
    for word in words:
        at = joined.find(word)
        while at >= 0:
            i = bisect_right(starts, at) - 1
            hits.add(i)
            at = joined.find(word, starts[i + 1])
    return sorted(hits)


def literal_matches(rx: re.Pattern, text: str, words, reach: int = 0) -> list[re.Match]:
    """rx.finditer(text) for a pattern whose every match holds one of `words` at most `reach` characters after its start
    (0: opens with one): tried only there."""
    starts = set()
    for word in words:
        at = text.find(word)
        while at >= 0:
            starts.update(range(max(0, at - reach), at + 1))
            at = text.find(word, at + 1)
    found, end = [], 0
    for at in sorted(starts):
        if at >= end and (m := rx.match(text, at)):
            found.append(m)
            end = m.end()
    return found


def blind_matches(rx: re.Pattern, text: str, words, reach: int = 0) -> list[re.Match]:
    """`literal_matches` for a case-blind pattern and lower-case `words`, run on `text` lower-cased when that keeps
    its positions (so a match's groups may be lower-cased)."""
    low = text.lower()
    return literal_matches(rx, low, words, reach) if len(low) == len(text) else list(rx.finditer(text))


def _spans(low: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of each of `words` in `low`, left to right and not overlapping, as a regex "a|b|..." finds them."""
    found = []
    for word in words:
        at = low.find(word)
        while at >= 0:
            found.append((at, at + len(word)))
            at = low.find(word, at + 1)
    spans, end = [], 0
    for span in sorted(found):
        if span[0] >= end:
            spans.append(span)
            end = span[1]
    return spans


def _run_start(text: str, low: int, end: int) -> int:
    """Where the run of name-like words before `end` begins (never before `low`): where a plan's name may start."""
    start = end
    while start > low:
        space = text.rfind(" ", low, start - 1)
        word = text[space + 1:start].strip()
        if not word or not (word[0].isupper() or word[0] == "(" or word.lower() in _RUN_WORDS):
            break
        start = max(space + 1, low)
    return start


def _titled_from(text: str, start: int, at: int, endpos: int) -> re.Match | None:
    """_TITLED.search(text, start, endpos) if that match begins by `at`, else None: tried only where one may begin."""
    for p in (at,) if start == at else (s.start() for s in _TITLED_START.finditer(text, start, at + 1)):
        if m := _TITLED.match(text, p, endpos):
            return m
    return None


def _acronym_word(word: str, rest: str) -> bool:
    return _acronym(_ACRONYM_WORD.fullmatch(word), rest) is not None


def _undouble(words: list[str], head: str) -> list[str]:
    """The words without a leading repeat: "Rectangular Strategy Rectangular Strategy for ..." names it once."""
    first = head.split()[0]
    for k in range(1, min(4, len(words))):
        if words[k] == first and words[k + 1:2 * k + 1] == words[:k]:
            return words[k + 1:]
    return words


def _key(name: str) -> str:
    return name_key(_NATIONAL.sub("", name))


def _acronym(m: re.Match | None, name: str) -> str | None:
    if not m:
        return None
    acr = m.group("acr")
    letters = acr[:-1] if acr.endswith("s") and acr[:-1].isupper() else acr
    if sum(c.isupper() for c in letters) < 2 or not letters.isupper():
        return None
    initials = "".join(w[0] for w in _NAME_WORDS_SPLIT.split(name) if w and w.lower() not in _SMALL).upper()
    return acr if initials == letters or (len(letters) >= 3 and initials.startswith(letters)) else None


def _period(text: str) -> str | None:
    m = _PERIOD.match(text)
    return years(m.group("start"), m.group("end")) if m else None


def _paren_period(text: str) -> str | None:
    m = _PAREN_PERIOD.match(text)
    return years(m.group("start"), m.group("end")) if m else None


def years(start: str, end: str) -> str:
    """"2006-10" -> "2006-2010"."""
    return f"{start}-{start[:2] + end if len(end) == 2 else end}"


def _qualified(base: str, printed: str | None, qualifier: str | None) -> str:
    if not qualifier:
        return base
    if qualifier == "Update":
        return f"{base} Update"
    return printed if printed and printed.startswith(qualifier) else f"{qualifier} {base}"
