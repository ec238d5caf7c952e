"""Components of national plans (`PlanPriority`): pillars, rectangles, priority areas, national goals.

Found in prose: labelled components ("Rectangle 3: ...", "Pillar 2"), list
items after a sentence naming a plan's areas / priorities / components
(roman-numbered in the sentence, or bullets after a colon), "<ACRONYM> public
works component", and the goals of a national MDG plan ("the first MDG",
"MDG 3", "Millennium Development Goal 1"). Tables add components through
`Components.add` (see `alignment`).

Decisions:
- A component's `code` is its label ("Rectangle 3", "MDG 1") or its short
  name (the text before "(", ",", ";", ":", " as " or a purpose clause).
  Labelled components are keyed by their number within the plan, so
  "Rectangle 3" and "Rectangular 3" are one node (the other spelling is an
  alias).
- A short name whose content words end another component's ("rehabilitation
  and construction of physical infrastructure" and "Further rehabilitation
  and construction of the physical infrastructure") names that component.
- MDG goals are components only of a national MDG plan the report names (the
  Lao MDGs, the CMDGs); the global MDGs are not in the schema.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from loaders.report.ids import name_key, slug
from loaders.report.out import Out
from loaders.report.plans import ORDINALS, Plan, blind_matches
from loaders.report.text import Segment

if TYPE_CHECKING:
    from loaders.report.frameworks import Reader

LABELLED = re.compile(r"\b(?P<label>(?:Rectangle|Rectangular|Pillar|Side|Cluster)\s+(?P<n>\d{1,2}))\b")
_COMPONENT_WORD = re.compile(r"\b(?:areas?|priorit(?:y|ies)|pillars?|(?:sub)?components?|goals|objectives"
                             r"|rectangles?|sides)\b", re.I)
_ROMAN = re.compile(r"(?:^|(?<=[:;,]\s)|(?<=\s))(?:and\s+)?\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)\s+")
_SHORT_CUT = re.compile(r"\s*(?:\(|,|;|:|\s+as\s+|\s+to\s+(?:ensure|promote|improve|provide|reduce|increase"
                        r"|strengthen|achieve|enable|make|help|create)\b|\.\s|\.$)")
_ENUMERATOR = re.compile(r"^(?:\(?(?:[ivx]{1,4}|\d{1,2}|[a-h])[.)])\s+")
_COMPONENT_MAX_WORDS = 12
_PLAN_COMPONENT = re.compile(r"\b(?P<acr>[A-Z]{2,8})(?:,\s+particularly\s+the|\s+)(?P<words>(?:[a-z]+\s+){1,3})component\b")
_GOAL = re.compile(rf"\b(?:the\s+)?(?:(?P<ord>{'|'.join(ORDINALS)})\s+(?:[A-Z]{{0,2}}MDG|Millennium Development Goal)\b"
                   r"|(?:[A-Z]{0,2}MDG|Millennium Development Goal)\s?(?P<n>[1-8])(?!\w|\.\d))", re.I)
_GOAL_WORDS = ("mdg", "millennium development goal")  # every _GOAL match (lower-cased) holds one, at most
_GOAL_REACH = len("the seventh xx")                   # this far from its start in cleaned text ("the seventh CMDG")
_STOP = {"the", "a", "an", "of", "and", "for", "in", "on", "to"}


class Components:
    """The PlanPriority nodes emitted for one report, found again by label, number or name."""

    def __init__(self, out: Out):
        self.out = out
        self._names: dict[str, list[tuple[tuple[str, ...], str]]] = {}  # parent -> (content words, id)

    def add(self, parent: str, label: str, number: str | None, text: str, line: int, quote: str) -> str | None:
        """A PlanPriority of `parent` (a plan or a component id); None when `label` has no short name."""
        short = short_name(label)
        if not short:
            return None
        known = self._known(parent, short, number) or (self._known(parent, short_name(text), None) if text else None)
        pid = known or f"{parent}/{number if number else slug(short)}"
        ev = [self.out.evidence(line, line, quote)]
        old = self.out.nodes.get(pid)
        alias = [short] if old is not None and name_key(old.properties.get("code", "")) != name_key(short) else []
        if not self.out.node("PlanPriority", pid, {"code": short, "text": text or short, "aliases": alias}, ev):
            return None
        self.out.edge("PART_OF", pid, parent, ev)
        self.out.register("PlanPriority", pid, f"{parent} #{number}" if number else None)
        for name in (short, short_name(text) if text else ""):
            if name and not self._known(parent, name, None):
                self._names.setdefault(parent, []).append((_words(name), pid))
        return pid

    def _known(self, parent: str, name: str, number: str | None) -> str | None:
        if number and (pid := self.out.lookup("PlanPriority", f"{parent} #{number}")):
            return pid
        words = _words(name)
        if not words:
            return None
        for other, pid in self._names.get(parent, []):
            shorter, longer = sorted((words, other), key=len)
            if longer[len(longer) - len(shorter):] == shorter and (len(shorter) >= 3 or shorter == longer):
                return pid
        return None


def _words(name: str) -> tuple[str, ...]:
    return tuple(w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in _STOP)


def short_name(text: str) -> str:
    """A component's short name: its text up to "(", ",", ";", ":", " as " or a purpose clause."""
    text = re.sub(r"^(?:the|a|an)\s+", "", _ENUMERATOR.sub("", text.strip(" .;")), flags=re.I)
    text = re.sub(r"\s*(?:;|,)?\s*and$", "", _SHORT_CUT.split(text, 1)[0]).strip(" .;,")
    return text if 0 < len(text.split()) <= _COMPONENT_MAX_WORDS else ""


def read(r: Reader) -> None:
    """The components that prose names, for each segment naming a plan."""
    goal_plan = next((p for p in r.plans.plans.values() if "goals" in p.name.lower()), None)
    with_goals = set(r.texts.having(("MDG", "Millennium"))) if goal_plan else set()
    for k in sorted(with_goals.union(r.plans.named)):
        seg = r.segs[k]
        if k in with_goals:
            goals(r, goal_plan, seg.text, seg.line)
        found = r.plans.find(seg.text)
        if found:
            _in_segment(r, k, seg, found)


def goals(r: Reader, plan: Plan, text: str, line: int) -> list[tuple[int, str]]:
    """(start, id) of each goal of the national MDG plan `plan` named in `text`."""
    out = []
    for m in blind_matches(_GOAL, text, _GOAL_WORDS, _GOAL_REACH):
        n = str(ORDINALS.index(m.group("ord").lower()) + 1) if m.group("ord") else m.group("n")
        name = text[m.start():m.end()].removeprefix("the ").strip()
        pid = r.components.add(r.plan(plan), f"MDG {n}", n, name, line, text)
        if pid:
            out.append((m.start(), pid))
    return out


def _in_segment(r: Reader, k: int, seg: Segment, found: list[tuple[int, int, Plan]]) -> None:
    text = seg.text
    labelled = [(m, r.components.add(r.plan(_owner(r, found, m)), m.group("label"), m.group("n"),
                                     m.group("label"), seg.line, text))
                for m in LABELLED.finditer(text)] if ("Rectang" in text or "Pillar" in text
                                                      or "Side" in text or "Cluster" in text) else []
    if "component" in text:
        for m in _PLAN_COMPONENT.finditer(text):
            plan = next((p for s, e, p in found if p.acronym == m.group("acr")), None)
            if plan:
                r.components.add(r.plan(plan), f"{m.group('acr')} {m.group('words')}component", None, m.group(0),
                                 seg.line, text)
    colon = text.find(":")
    words = list(_COMPONENT_WORD.finditer(text, 0, colon)) if colon > 0 else []
    named = [p for w in words for s, e, p in found if w.end() <= s <= w.end() + 40]
    this = labelled and any(text.startswith(" of this", w.end()) for w in words)
    parent = labelled[-1][1] if this else (r.plan(named[-1]) if named else None)
    if not parent:
        return
    items = _roman_items(text[colon + 1:])
    if items:
        for item in items:
            r.components.add(parent, item, None, item, seg.line, text)
    elif text.rstrip().endswith(":"):
        for item in _bullets_after(r.segs, k + 1):
            r.components.add(parent, item.text, None, item.text.strip(" ;."), item.line, item.text)


def _owner(r: Reader, found: list[tuple[int, int, Plan]], m: re.Match) -> Plan:
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
