"""Acronyms a report defines: its abbreviation list and "Full Name (ACR)" in the text.

Shared by the organisation and project readers (each keeps the definitions
that are its kind of thing). A definition pairs an acronym with the name it
stands for and the line it was read from.

Decisions: a list row is "ACR<TAB>name", "ACR – name", "ACR: name", a
markdown or HTML table row, or "ACR name" with a space; rows run together on
one line (a PDF artefact) are split at each acronym, and then a name is kept
only as far as its initials spell the acronym. In the text, "Name (ACR)"
counts only when the words before the bracket spell the acronym ("Ministry of
Labour and Social Welfare (MOLSW)"), or end in a word that names a body
("Bureau for Workers' Activities (ILO-ACTRAV)"); "ACR (Name)" counts when the
name names a body. An "ILO-"/"ILO " prefix is not part of an acronym.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from loaders.report.document import Doc
from loaders.report.text import clean

# A token that is an acronym: two or more capitals, maybe with digits, "&", "/", "-" or a plural s.
ACRONYM = r"(?:[A-Z][a-z&]?[A-Z][A-Za-z0-9&]*(?:[/-][A-Z][A-Za-z0-9&]*)*|[A-Z]{2,}[0-9]*)"
_ACRONYM_TOKEN = re.compile(rf"^{ACRONYM}$")
_LIST_HEADING = re.compile(r"^(?:list of )?(?:abbreviations|acronyms)(?: and (?:abbreviations|acronyms))?$", re.I)
_ROW = re.compile(rf"^\s*(?:\|\s*)?(?P<acr>{ACRONYM}(?: [A-Z][A-Za-z]+)*?)\s*(?:\t+|\s*\|\s*|\s+[–—-]\s+|:\s+|\s+)(?P<name>\S.*?)\s*\|?\s*$")
_HTML_ROW = re.compile(r"<td[^<>]*>(.*?)</td>\s*<td[^<>]*>(.*?)</td>", re.I | re.S)
_SPLIT_AT = re.compile(rf"(?:(?<=\s)|^)(?:\*\*)?({ACRONYM})(?:\*\*)?(?=\s|$)")
_INLINE = re.compile(rf"\((?:the\s+)?(?P<acr>{ACRONYM})(?:,[^()]*)?\)")
_REVERSED = re.compile(rf"(?<![\w/-])(?<![A-Z][a-z]\s)(?<![A-Z][a-z]{2}\s)(?<![A-Z][a-z]{3}\s)(?P<acr>{ACRONYM})\s+\((?P<name>[A-Z][^()]{{5,120}})\)")
_WORD = re.compile(r"[A-Za-zÀ-ÿ][\w'’.&-]*")
STOP = frozenset("of and the for in on to at from with within des de du la le et für &".split())
ILO_PREFIX = re.compile(r"^ILO[- ](?=[A-Z])")
# Words that end the name of a body (an organisation or one of its units).
BODY_HEADS = frozenset("""
    ministry ministries department office organisation organization federation confederation union chamber
    association agency bank fund committee council institute institution centre center commission assembly
    secretariat bureau authority board court forum division unit team coalition alliance foundation service
    network government cabinet corporation embassy library worldwide international league
""".split())
MAX_NAME_WORDS = 14


@dataclass(frozen=True)
class Definition:
    acronym: str
    name: str
    line: int
    listed: bool  # read from the abbreviation list (not from the text)


def definitions(doc: Doc) -> list[Definition]:
    """Every acronym definition in the report: the abbreviation list's first, then the text's."""
    return _list_definitions(doc) + _text_definitions(doc)


def acronym_key(acronym: str) -> str:
    """The acronym as an id part: "ILO-ACTRAV" -> "ACTRAV", "MoLSW" -> "MOLSW"."""
    return ILO_PREFIX.sub("", acronym.strip()).upper()


def names_body(name: str) -> bool:
    """The name ends in (or is headed by, as in "Ministry of X") a word that names a body."""
    words = [w.lower().strip(".'’") for w in _WORD.findall(name)]
    return bool(words) and (words[-1] in BODY_HEADS or any(
        w in BODY_HEADS and nxt in ("of", "for", "on") for w, nxt in zip(words, words[1:])))


def spells(acronym: str, name: str) -> bool:
    """The name's initials spell the acronym (a word may give more than its first letter; "of" may give none)."""
    letters = re.sub(r"[^A-Za-z]", "", re.sub(r"s$", "", acronym)).upper()
    words = [w for w in re.split(r"[\s/-]+", re.sub(r"[^\w\s/&-]", "", name)) if w]
    return bool(letters) and _spells(letters, tuple(w.upper() for w in words), tuple(w.lower() in STOP for w in words))


@lru_cache(maxsize=4096)
def _spells(letters: str, words: tuple[str, ...], stop: tuple[bool, ...]) -> bool:
    if not words:
        return not letters
    if not letters:
        return all(stop)
    word, rest, rest_stop = words[0], words[1:], stop[1:]
    if stop[0] and _spells(letters, rest, rest_stop):
        return True
    n = 0
    while n < len(word) and n < len(letters) and word[n] == letters[n]:
        n += 1
        if _spells(letters[n:], rest, rest_stop):
            return True
    return False


def _list_definitions(doc: Doc) -> list[Definition]:
    found = []
    for section in doc.sections:
        if not _LIST_HEADING.match(section.title.strip(" :")):
            continue
        for number in range(section.line + 1, section.end_line + 1):
            found.extend(_row(doc.lines[number - 1], number))
    return found


def _row(raw: str, line: int) -> list[Definition]:
    """The definitions on one line of an abbreviation list (none for a blank or ruled line)."""
    cells = _HTML_ROW.findall(raw)
    if cells:
        return [Definition(acronym_key(clean(a)), clean(n), line, True) for a, n in cells
                if _ACRONYM_TOKEN.match(clean(a).split(" ")[0] or "-") and clean(n)]
    text = raw.replace("**", "").strip()
    m = _ROW.match(text)
    if not m or set(m.group("name")) <= set("-|: "):
        return []
    name = clean(m.group("name"))
    if "\t" in text or " – " in text or ": " in text[: m.start("name")] or "|" in text:
        return [Definition(acronym_key(m.group("acr")), name, line, True)]
    return _run_together(clean(text), line)


def _run_together(text: str, line: int) -> list[Definition]:
    """Definitions from "ACR name ACR name ..." (the list's rows run together): each name cut to what spells its acronym."""
    marks = list(_SPLIT_AT.finditer(text))
    out = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        name = text[m.end():end].strip(" ,;")
        if not name:
            continue
        if len(marks) == 1 and i == 0 and m.start() == 0:
            out.append(Definition(acronym_key(m.group(1)), name, line, True))
            continue
        words = name.split()
        cut = next((" ".join(words[:k]) for k in range(1, len(words) + 1) if spells(m.group(1), " ".join(words[:k]))), None)
        if cut:
            out.append(Definition(acronym_key(m.group(1)), cut, line, True))
    return out


def _text_definitions(doc: Doc) -> list[Definition]:
    found = []
    for seg in doc.segments:
        if "(" not in seg.text:
            continue
        for m in _INLINE.finditer(seg.text):
            name = _name_before(seg.text[: m.start()], m.group("acr"))
            if name:
                found.append(Definition(acronym_key(m.group("acr")), name, seg.line, False))
        for m in _REVERSED.finditer(seg.text):
            name = m.group("name").strip()
            if names_body(name) and not _ACRONYM_TOKEN.match(name):
                found.append(Definition(acronym_key(m.group("acr")), name, seg.line, False))
    return found


def _name_before(text: str, acronym: str) -> str | None:
    """The words just before "(ACR)" that spell it, or that name a body; None when neither."""
    words = text.rstrip().removesuffix("'s").removesuffix("’s").split()[-MAX_NAME_WORDS:]
    words = [w.strip(",;:") for w in words]
    for k in range(len(words), 0, -1):
        tail = words[-k:]
        if not tail[0][:1].isupper() or tail[0].lower() in STOP:
            continue
        name = " ".join(tail)
        if spells(acronym, name):
            return _trim_lead(name)
    return _body_before(words, acronym)


def _body_before(words: list[str], acronym: str) -> str | None:
    """The capitalised run before the bracket when it names a body and starts with the acronym's letter."""
    run = []
    for w in reversed(words):
        if w[:1].isupper() or (w.lower() in STOP and run):
            run.insert(0, w)
        else:
            break
    while run and run[0].lower() in STOP | {"the"}:
        run.pop(0)
    name = _trim_lead(" ".join(run))
    key = acronym_key(acronym)
    if name and names_body(name) and name[0].upper() == key[0] and len(name.split()) > 1:
        return name
    return None


_LEADS = re.compile(r"^(?:The|A|An|This|These|Its|Their|Both|Under|With|Through|By|From|In|And)\s+")


def _trim_lead(name: str) -> str:
    return _LEADS.sub("", name).strip(" ,;:")
