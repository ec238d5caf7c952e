"""The acronyms a report defines, and the patterns and word lists that read names and acronyms.

Sources of a definition: the abbreviation list ("ACR<tab>Name", "ACR – Name", table rows,
rows run together), "Full Name (ACR)" and "ACR (Full Name)" in the text (`definitions`),
and "ACR: Name" remarks in tables (`remark_definitions`). The organisation and project
readers both ask, for the same report: the results are cached per `Doc`.

Decisions:
- A name before "(ACR)" counts when its words spell the acronym (`spells`: a word may
  give more than its first letter, "of" may give none), or when it is a capitalised run
  that names a body and starts with the acronym's first letter.
- "ACR (Name)" counts only when the name names a body.
- In a row run together ("ACR name ACR name ..."), an acronym splits only where the words
  after it spell it.
- Speed: patterns for long text open with the character they need, not with a
  lookbehind or \\b (`word_start`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from loaders.report import quickfacts
from loaders.report.document import Doc
from loaders.report.text import clean


ACRONYM_REST = r"(?:[a-z&]?[A-Z][A-Za-z0-9&]*(?:[/-][A-Z][A-Za-z0-9&]*)*|[A-Z]+[0-9]*)"  # after its first capital
ACRONYM = rf"[A-Z]{ACRONYM_REST}"


def word_start(first: str, rest: str, not_after: str = r"\w") -> str:
    """A pattern `first` + `rest` that matches only where no `not_after` character comes before it.

    The check follows the first character rather than preceding it (like a leading lookbehind or \\b
    would), so that a scan over long text skips straight to the characters `first` allows."""
    return rf"{first}(?<![{not_after}].){rest}"


def acronym_alone(not_after: str = r"\w&/-") -> str:
    """ACRONYM where no `not_after` character comes before it (see `word_start`)."""
    return word_start("[A-Z]", ACRONYM_REST, not_after)


def alternation(words, at_word_start: bool = False) -> str:
    """A pattern for any of the words, longest first, grouped by first letter so that a scan tries one group,
    not every word, where a letter matches; with `at_word_start`, only where a word starts, like \\b(?:...)."""
    rests: dict[str, list[str]] = {}
    for w in sorted(words, key=len, reverse=True):
        rests.setdefault(w[0], []).append(re.escape(w[1:]))
    groups = ((re.escape(first), "(?:" + "|".join(r) + ")") for first, r in rests.items())
    return "(?:" + "|".join(word_start(*g) if at_word_start else "".join(g) for g in groups) + ")"


ACRONYM_TOKEN = re.compile(rf"^{ACRONYM}$")
LIST_HEADING = re.compile(r"^(?:list of )?(?:abbreviations|acronyms)(?:,? (?:and )?(?:abbreviations|acronyms))?$", re.I)
_SEPARATED_ROW = re.compile(r"^\s*\|?\s*(?P<acr>[^|\t:–—]{2,40}?)\s*(?:\t+|\s*\|\s*|\s+[–—-]\s+|:\s+)(?P<name>\S.*?)[\s|]*$")
_HTML_ROW = re.compile(r"<t[dh][^<>]*>(.*?)</t[dh]>\s*<t[dh][^<>]*>(.*?)</t[dh]>", re.I | re.S)
_MARK = re.compile(rf"(?<![\w&/-])\*{{0,2}}({ACRONYM})\*{{0,2}}(?![\w&/-])")
_INLINE = re.compile(rf"\((?:the\s+)?(?P<acr>{ACRONYM})s?(?:,[^()]*)?\)")
_REVERSED = re.compile("(?P<acr>" + acronym_alone(r"\w/-") + r")\s+\((?P<name>[A-Z][^()]{5,120})\)")
_NAME_IN_BRACKETS = re.compile(r"\([A-Z]")  # in every _REVERSED match; a fast first filter
_NOT_LETTER = re.compile(r"[^A-Za-z]")
_NAME_SPLIT = re.compile(r"[\s/-]+")
_NAME_JUNK = re.compile(r"[^\w\s/&-]")
_WORD = re.compile(r"[A-Za-zÀ-ÿ][\w'’.&-]*")
_PLURAL = re.compile(r"(?<=[A-Z])s$")
_ILO_PREFIX = re.compile(r"^ILO[- ](?=[A-Z])")
LEADS = re.compile(r"^(?:(?:The|A|An|This|These|Its|Their|Both|Under|With|Through|By|From|In|And|Of|For|To|On)\s+)+")
STOP = frozenset("of and the for in on to at from with within des de du la le et für &".split())
BODY_HEADS = frozenset("""
    ministry department office organisation organization federation confederation union chamber association
    agency bank fund committee council institute institution centre center commission assembly secretariat
    bureau authority board court forum division unit team coalition alliance foundation service network
    government cabinet corporation embassy library worldwide international league dept group force university ltd
    instituto ministerio consejo servicio federación confederación cámara
""".split())
# Words that head a project or a plan rather than a body.
NOT_BODY_HEADS = frozenset("""
    project projects programme programmes program programs initiative plan plans strategy strategies framework
    frameworks goal goals account assessment review reviews survey policy law decree module declaration
""".split())
MAX_NAME_WORDS = 14


@dataclass(frozen=True)
class Definition:
    """An acronym and the name the report says it stands for."""

    acronym: str
    name: str
    line: int
    listed: bool  # read from the abbreviation list (not from the text)


@lru_cache(maxsize=4)  # the organisation and project readers both ask, for the same Doc
def definitions(doc: Doc) -> list[Definition]:
    """Every acronym definition in the report: the abbreviation list's first, then the text's."""
    return _list_definitions(doc) + _text_definitions(doc)


def acronym_key(acronym: str) -> str:
    """The acronym as an id part: "ILO-ACTRAV" -> "ACTRAV", "MoLSW" -> "MOLSW", "CPRs" -> "CPR"."""
    return _PLURAL.sub("", _ILO_PREFIX.sub("", acronym.strip(" *"))).upper()


def head(name: str) -> str | None:
    """The word that heads a name: the first followed by of/for/on/to ("Ministry of X"), else the last."""
    words = [w.lower().strip(".'’") for w in _WORD.findall(name)]
    for word, nxt in zip(words, words[1:]):
        if nxt in ("of", "for", "on", "to") and (word in BODY_HEADS or word in NOT_BODY_HEADS):
            return word
    return words[-1] if words else None


def names_body(name: str) -> bool:
    """The name is headed by a word for a body (not a project or plan), and is not a plural ("Women's Committees")."""
    return head(name) in BODY_HEADS and name[:1].isupper()


def spells(acronym: str, name: str) -> bool:
    """The name's initials spell the acronym (a word may give more than its first letter; "of" may give none)."""
    letters = _NOT_LETTER.sub("", acronym).upper()
    words = [w for w in _NAME_SPLIT.split(_NAME_JUNK.sub("", name)) if w]
    return bool(letters) and _spells(letters, tuple(w.upper() for w in words), tuple(w.lower() in STOP for w in words))


@lru_cache(maxsize=8192)
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
        if LIST_HEADING.match(section.title.strip(" :#*")):
            for number in range(section.line + 1, section.end_line + 1):
                found.extend(_row(doc.lines[number - 1], number))
    return found


def _row(raw: str, line: int) -> list[Definition]:
    """The definitions on one line of an abbreviation list (none for a blank, ruled or header line)."""
    cells = _HTML_ROW.findall(raw)
    if cells:
        pairs = [(clean(a), clean(n)) for a, n in cells]
        return [Definition(acronym_key(a), n, line, True) for a, n in pairs if ACRONYM_TOKEN.match(a.split(" ")[0]) and n]
    text = clean(raw)
    m = _SEPARATED_ROW.match(text) if ("\t" in raw or "|" in raw or ": " in text or " – " in text) else None
    if m and ACRONYM_TOKEN.match(m.group("acr").split(" ")[0]) and not set(m.group("name")) <= set("-|: "):
        return [Definition(acronym_key(m.group("acr")), m.group("name"), line, True)]
    return _run_together(raw.replace("**", ""), line)


def _run_together(raw: str, line: int) -> list[Definition]:
    """Definitions from "ACR name ACR name ..." (rows run together): an acronym splits only where the words after it spell it."""
    text = clean(raw)
    marks = [m for m in _MARK.finditer(text)]
    if not marks:
        return []
    splits = [m for i, m in enumerate(marks)
              if (m.start() == 0 and i == 0) or _spelled_prefix(m.group(1), _after(text, m, marks))]
    out = []
    for i, m in enumerate(splits):
        end = splits[i + 1].start() if i + 1 < len(splits) else len(text)
        name = text[m.end():end].strip(" ,;")
        if len(splits) > 1 or m.start() > 0:
            name = _spelled_prefix(m.group(1), name) or name
        if name and name[0].isalpha():
            out.append(Definition(acronym_key(m.group(1)), name, line, True))
    return out


def _after(text: str, mark: re.Match, marks: list[re.Match]) -> str:
    nxt = next((m.start() for m in marks if m.start() > mark.start()), len(text))
    return text[mark.end():nxt]


def _spelled_prefix(acronym: str, text: str) -> str | None:
    words = text.split()
    return next((" ".join(words[:k]) for k in range(1, min(len(words), MAX_NAME_WORDS) + 1)
                 if spells(acronym, " ".join(words[:k]))), None)


def _text_definitions(doc: Doc) -> list[Definition]:
    found = []
    for seg in doc.segments:
        if "(" not in seg.text:
            continue
        for m in _INLINE.finditer(seg.text):
            name = _name_before(seg.text[: m.start()], m.group("acr"))
            if name:
                found.append(Definition(acronym_key(m.group("acr")), name, seg.line, False))
        for m in _REVERSED.finditer(seg.text) if _NAME_IN_BRACKETS.search(seg.text) else ():
            before = seg.text[: m.start()].rsplit(None, 1)
            name = m.group("name").strip()
            if names_body(name) and not (before and before[-1][:1].isupper()):
                found.append(Definition(acronym_key(m.group("acr")), name, seg.line, False))
    return found


def _name_before(text: str, acronym: str) -> str | None:
    """The words just before "(ACR)" that spell it, or that name a body; None when neither."""
    text = text.rstrip()
    text = text[:-2] if text.endswith(("'s", "’s")) else text
    printed = [w for w in text.rsplit(None, MAX_NAME_WORDS)[-MAX_NAME_WORDS:] if w.strip(",;:()")]
    words = [w.strip(",;:()") for w in printed]
    for k in range(len(words), 0, -1):
        first = words[-k]
        if first[:1].isupper() and first.lower() not in STOP and _may_spell(acronym, first) \
                and spells(acronym, " ".join(words[-k:])):
            return LEADS.sub("", " ".join([first, *printed[len(printed) - k + 1:]]).strip(",;:() "))  # its commas kept
    return _body_before(words, acronym)


def _may_spell(acronym: str, first: str) -> bool:
    """False when a name opening with this word (capitalised, not a small word) cannot spell the acronym: such
    a word, if it is letters only, gives at least its first letter, so that letter must open the acronym."""
    return not first.isalpha() or first[0].upper() == acronym[0]


def _body_before(words: list[str], acronym: str) -> str | None:
    """The capitalised run before the bracket, when it names a body and starts with the acronym's first letter."""
    run: list[str] = []
    for w in reversed(words):
        if not (w[:1].isupper() or (w.lower() in STOP and run)) or ACRONYM_TOKEN.match(w):
            break
        run.insert(0, w)
    name = LEADS.sub("", " ".join(run))
    if len(name.split()) > 1 and names_body(name) and name[0] == acronym_key(acronym)[:1]:
        return name
    return None


_REMARK = re.compile("(" + acronym_alone() + r"):\s+")


@lru_cache(maxsize=4)  # both readers ask
def remark_definitions(doc: Doc) -> list[Definition]:
    """Definitions written "ACR: Name" anywhere outside the abbreviation list, several to a line in tables.

    The name is the run of capitalised words after the colon, up to the next "ACR:"; it counts when
    it starts with the acronym's first letter (TVK: Television of Cambodia)."""
    skip = read_elsewhere(doc)
    found = []
    for seg in doc.segments:
        if ": " not in seg.text or seg.line in skip:
            continue
        marks = list(_REMARK.finditer(seg.text))
        for k, m in enumerate(marks):
            end = marks[k + 1].start() if k + 1 < len(marks) else len(seg.text)
            name = _capitalised_run(seg.text[m.end():end])
            if name and name[0] == m.group(1)[0]:
                found.append(Definition(acronym_key(m.group(1)), name, seg.line, False))
    return found


def _capitalised_run(text: str) -> str:
    words = []
    for w in text.split()[:MAX_NAME_WORDS]:
        if not (w[:1].isupper() or w.lower() in STOP) or w[-1:] in ".;":
            if w[:1].isupper() and w[-1:] in ".;":
                words.append(w[:-1])
            break
        words.append(w)
    while words and words[-1].lower() in STOP:
        words.pop()
    return " ".join(words).strip(" ,")


def skipped_lines(doc: Doc) -> set[int]:
    """Lines read by other means: the abbreviation list and the QUICK FACTS block."""
    skip: set[int] = set()
    for s in doc.sections:
        if LIST_HEADING.match(s.title.strip(" :#*")) or s.kind == "quickfacts":
            skip.update(range(s.line, s.end_line + 1))
    return skip


@lru_cache(maxsize=4)
def read_elsewhere(doc: Doc) -> set[int]:
    """The abbreviation list and the QUICK FACTS fields (not the text a run-together block swallows)."""
    skip: set[int] = set()
    for s in doc.sections:
        if LIST_HEADING.match(s.title.strip(" :#*")):
            skip.update(range(s.line, s.end_line + 1))
        elif s.kind == "quickfacts":
            fields, _ = quickfacts.read_fields(doc.lines, s.line, s.end_line)
            skip.add(s.line)
            for f in fields.values():
                skip.update(range(f.line, f.end_line + 1))
    return skip
