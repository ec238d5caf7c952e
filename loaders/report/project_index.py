"""The projects of one report as found: their ids, and the names and spellings that lead to each.

Decisions:
- One project, several spellings: a name that spells a project acronym of
  the report joins it ("Creative Industry Support Project" -> CISP), an
  acronym with its letters transposed joins the known one (TIWC -> TICW),
  and names with the same "ILO/Partner" prefix sharing a content word are
  one project.
- A known name is found again in a text at word boundaries, the longest
  first, with or without a leading "ILO/" or "ILO-".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from kg.records import Evidence
from loaders.report import acronyms
from loaders.report.ids import name_key
from loaders.report.out import Out
from loaders.report.project_names import ILO_LEAD, bare_name

_WORD = re.compile(acronyms.word_start("[A-Z]", r"[\w'’&/-]*", r"\w/-"))
_ILO_WORD = re.compile(r"^ILO[/-](?=[A-Z])")
_CAPITALS = re.compile(r"^[A-Z][A-Z0-9&]{2,}$")
_PARTNER_PREFIX = re.compile(r"^ILO\s*[/-]\s*[A-Z][a-z]+\b")
_STOPWORDS = acronyms.STOP | {"project", "programme", "ilo", "management", "south-east", "asia", "se"}


@dataclass
class Project:
    id: str
    name: str | None
    acronym: str | None
    names: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    label: str = "Project"
    kind: str | None = None
    budget: tuple[float, str] | None = None
    funders: dict[str, Evidence] = field(default_factory=dict)


class Projects:
    """The projects found so far: ids, and the names (by key) and acronyms that find them."""

    def __init__(self, out: Out):
        self.out = out
        self.found: dict[str, Project] = {}
        self.index: dict[str, str] = {}  # name key -> id
        self.acronyms: dict[str, str] = {}  # project acronym -> id

    def add(self, pid: str, name: str | None, acronym: str | None, line: int, label: str = "Project",
            dc_symbol: str | None = None, printed: str | None = None, kind: str | None = None) -> str:
        project = self.found.get(pid)
        if project is None:
            project = self.found[pid] = Project(pid, name, acronym, label=label, kind=kind)
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

    def resolve(self, name: str) -> str | None:
        """The id of a project already found under this name, a spelling of it, or the acronym it spells."""
        for key in _keys(name):
            if key in self.index:
                return self.index[key]
        if " and " in name:
            known = self.index.get(name_key(name.rsplit(" and ", 1)[1]))
            if known:
                return known  # "Labour-Based Infrastructure Development and Employment Intensive Investment Programme"
        bare = bare_name(name)
        full = ILO_LEAD.sub("", name.strip())
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

    def transposed(self, acronym: str) -> str | None:
        """The known project acronym with the same letters in another order (TIWC for TICW)."""
        if len(acronym) < 4:
            return None
        letters = sorted(acronym)
        return next((pid for a, pid in self.acronyms.items() if len(a) == len(acronym) and sorted(a) == letters), None)


class Names:
    """Finds the projects named in a text: every known name and acronym, longest first, at word boundaries."""

    def __init__(self, projects: Projects):
        self.index = projects.index
        self.by_first: dict[str, list[str]] = {}
        names = {n for p in projects.found.values() for n in (p.name, p.acronym, *p.names) if n and len(n) >= 3}
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
def spelled_exactly(acronym: str, name: str) -> bool:
    return name[:1].upper() == acronym[:1] and acronyms.spells(acronym, name)


def _tail(name: str, skip: int) -> str:
    return " ".join(bare_name(name).split()[skip:])


def _keys(name: str) -> set[str]:
    bare = bare_name(name)
    return {k for k in (name_key(name), name_key(bare)) if k}


def _content_words(name: str) -> set[str]:
    return {w for w in re.split(r"[\s/-]+", name.lower()) if w and w not in _STOPWORDS and not w.startswith("ilo")}
