"""Reader: the organisations a report names, one node each, typed by the words of their names.

Sources, in order: the acronyms the report defines (its abbreviation list and
"Full Name (ACR)" in the text, see `definitions`), the QUICK FACTS offices of
a summary (ILO units), acronyms every reader knows (UN agencies, donors,
ILO units: `KNOWN`), and names of bodies in the text ("Ministry of ...",
"... Federation of Trade Unions", "National Assembly").

Decisions:
- An abbreviation-list entry is an organisation when its name is headed by a
  word for a body (Ministry, Office, Federation, Union, Council, Bank, ...),
  and not by a project or plan word; the rest (OSH, DWCP, WEDGE, NSEDP) are
  left to the project and framework readers.
- One node per acronym, whatever its casing (MoLSW = MOLSW) and with "ILO-"
  dropped (ILO-ACTRAV = ACTRAV); its full names are `aliases`. An
  organisation named without an acronym gets a slug of its name as id. Every
  name is registered, so later readers find the node with `out.lookup`.
- A body's name is a run of capitalised words that ends in the body word
  ("Arbitration Council") or continues after it with of/for/on ("Ministry of
  Labour and Vocational Training"); "Trade Union Law" ends in Law and is not
  one; plural heads ("Women's Committees") are generic and skipped.
- Kind is read from cues in the name (`_KINDS`), the first that matches;
  government bodies get the report's country.
- Bare acronyms count only when known, shaped like a ministry ("MoLVT") or
  a trade union federation ("LFTU"), or defined somewhere in the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from kg.records import Evidence
from loaders.report import quickfacts
from loaders.report.document import Doc
from loaders.report.ids import name_key, organisation_id
from loaders.report.out import Out
from loaders.report.text import clean

# --- acronym definitions --------------------------------------------------------------------------

ACRONYM = r"(?:[A-Z][a-z&]?[A-Z][A-Za-z0-9&]*(?:[/-][A-Z][A-Za-z0-9&]*)*|[A-Z]{2,}[0-9]*)"
_ACRONYM_TOKEN = re.compile(rf"^{ACRONYM}$")
_LIST_HEADING = re.compile(r"^(?:list of )?(?:abbreviations|acronyms)(?:,? (?:and )?(?:abbreviations|acronyms))?$", re.I)
_SEPARATED_ROW = re.compile(r"^\s*\|?\s*(?P<acr>[^|\t:–—]{2,40}?)\s*(?:\t+|\s*\|\s*|\s+[–—-]\s+|:\s+)(?P<name>\S.*?)[\s|]*$")
_HTML_ROW = re.compile(r"<t[dh][^<>]*>(.*?)</t[dh]>\s*<t[dh][^<>]*>(.*?)</t[dh]>", re.I | re.S)
_MARK = re.compile(rf"(?<![\w&/-])\*{{0,2}}({ACRONYM})\*{{0,2}}(?![\w&/-])")
_INLINE = re.compile(rf"\((?:the\s+)?(?P<acr>{ACRONYM})s?(?:,[^()]*)?\)")
_REVERSED = re.compile(rf"(?<![\w/-])(?P<acr>{ACRONYM})\s+\((?P<name>[A-Z][^()]{{5,120}})\)")
_WORD = re.compile(r"[A-Za-zÀ-ÿ][\w'’.&-]*")
_PLURAL = re.compile(r"(?<=[A-Z])s$")
_ILO_PREFIX = re.compile(r"^ILO[- ](?=[A-Z])")
_LEADS = re.compile(r"^(?:(?:The|A|An|This|These|Its|Their|Both|Under|With|Through|By|From|In|And|Of|For|To|On)\s+)+")
STOP = frozenset("of and the for in on to at from with within des de du la le et für &".split())
BODY_HEADS = frozenset("""
    ministry department office organisation organization federation confederation union chamber association
    agency bank fund committee council institute institution centre center commission assembly secretariat
    bureau authority board court forum division unit team coalition alliance foundation service network
    government cabinet corporation embassy library worldwide international league
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
    letters = re.sub(r"[^A-Za-z]", "", acronym).upper()
    words = [w for w in re.split(r"[\s/-]+", re.sub(r"[^\w\s/&-]", "", name)) if w]
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
        if _LIST_HEADING.match(section.title.strip(" :#*")):
            for number in range(section.line + 1, section.end_line + 1):
                found.extend(_row(doc.lines[number - 1], number))
    return found


def _row(raw: str, line: int) -> list[Definition]:
    """The definitions on one line of an abbreviation list (none for a blank, ruled or header line)."""
    cells = _HTML_ROW.findall(raw)
    if cells:
        pairs = [(clean(a), clean(n)) for a, n in cells]
        return [Definition(acronym_key(a), n, line, True) for a, n in pairs if _ACRONYM_TOKEN.match(a.split(" ")[0]) and n]
    text = clean(raw)
    m = _SEPARATED_ROW.match(text) if ("\t" in raw or "|" in raw or ": " in text or " – " in text) else None
    if m and _ACRONYM_TOKEN.match(m.group("acr").split(" ")[0]) and not set(m.group("name")) <= set("-|: "):
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
        for m in _REVERSED.finditer(seg.text):
            before = seg.text[: m.start()].split()
            name = m.group("name").strip()
            if names_body(name) and not (before and before[-1][:1].isupper()):
                found.append(Definition(acronym_key(m.group("acr")), name, seg.line, False))
    return found


def _name_before(text: str, acronym: str) -> str | None:
    """The words just before "(ACR)" that spell it, or that name a body; None when neither."""
    text = re.sub(r"['’]s$", "", text.rstrip())
    words = [w.strip(",;:()") for w in text.split()[-MAX_NAME_WORDS:]]
    words = [w for w in words if w]
    for k in range(len(words), 0, -1):
        tail = words[-k:]
        if tail[0][:1].isupper() and tail[0].lower() not in STOP and spells(acronym, " ".join(tail)):
            return _LEADS.sub("", " ".join(tail))
    return _body_before(words, acronym)


def _body_before(words: list[str], acronym: str) -> str | None:
    """The capitalised run before the bracket, when it names a body and starts with the acronym's first letter."""
    run: list[str] = []
    for w in reversed(words):
        if not (w[:1].isupper() or (w.lower() in STOP and run)) or _ACRONYM_TOKEN.match(w):
            break
        run.insert(0, w)
    name = _LEADS.sub("", " ".join(run))
    if len(name.split()) > 1 and names_body(name) and name[0] == acronym_key(acronym)[:1]:
        return name
    return None


_REMARK = re.compile(rf"(?<![\w&/-])({ACRONYM}):\s+")


def remark_definitions(doc: Doc) -> list[Definition]:
    """Definitions written "ACR: Name" anywhere outside the abbreviation list, several to a line in tables.

    The name is the run of capitalised words after the colon, up to the next "ACR:"; it counts when
    it starts with the acronym's first letter (TVK: Television of Cambodia)."""
    skip = skipped_lines(doc)
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


# --- the organisations ----------------------------------------------------------------------------

_ILO_UNIT = "ILO unit"
# Acronyms any reader of ILO reports knows: acronym -> (name, kind).
KNOWN: dict[str, tuple[str, str]] = {
    "ILO": ("International Labour Organization", "other"),
    "UN": ("United Nations", "UN agency"),
    **{a: (n, "UN agency") for a, n in {
        "UNDP": "United Nations Development Programme", "UNICEF": "United Nations Children's Fund",
        "UNESCO": "United Nations Educational, Scientific and Cultural Organization",
        "UNIFEM": "United Nations Development Fund for Women", "UNFPA": "United Nations Population Fund",
        "WHO": "World Health Organization", "FAO": "Food and Agriculture Organization of the United Nations",
        "IOM": "International Organization for Migration", "WFP": "World Food Programme",
        "UNV": "United Nations Volunteers", "UNCTAD": "United Nations Conference on Trade and Development",
        "UNIDO": "United Nations Industrial Development Organization", "UNCDF": "United Nations Capital Development Fund",
        "UNHCR": "United Nations High Commissioner for Refugees", "IFAD": "International Fund for Agricultural Development",
        "UNAIDS": "Joint United Nations Programme on HIV/AIDS", "UNODC": "United Nations Office on Drugs and Crime",
        "OHCHR": "Office of the United Nations High Commissioner for Human Rights",
        "OCHA": "Office for the Coordination of Humanitarian Affairs", "UNCT": "United Nations Country Team",
        "UNESCAP": "United Nations Economic and Social Commission for Asia and the Pacific",
        "ESCAP": "Economic and Social Commission for Asia and the Pacific", "UNRCO": "UN Resident Coordinator Office",
        "UNOPS": "United Nations Office for Project Services", "UNEP": "United Nations Environment Programme",
    }.items()},
    **{a: (n, "intergovernmental") for a, n in {
        "ADB": "Asian Development Bank", "IMF": "International Monetary Fund", "ASEAN": "Association of Southeast Asian Nations",
        "ASEC": "ASEAN Secretariat", "EU": "European Union", "IFC": "International Finance Corporation",
        "OECD": "Organisation for Economic Co-operation and Development", "WTO": "World Trade Organization",
        "AfDB": "African Development Bank", "IDB": "Inter-American Development Bank", "SAARC":
        "South Asian Association for Regional Cooperation", "APEC": "Asia-Pacific Economic Cooperation",
    }.items()},
    **{a: (n, "donor") for a, n in {
        "AUSAID": "Australian Agency for International Development", "KOICA": "Korea International Cooperation Agency",
        "USDOL": "United States Department of Labor", "SIDA": "Swedish International Development Cooperation Agency",
        "NORAD": "Norwegian Agency for Development Cooperation", "DANIDA": "Danish International Development Agency",
        "NZAID": "New Zealand Agency for International Development", "GIZ": "Deutsche Gesellschaft für Internationale Zusammenarbeit",
        "GTZ": "Deutsche Gesellschaft für Technische Zusammenarbeit", "JICA": "Japan International Cooperation Agency",
        "SDC": "Swiss Agency for Development and Cooperation", "USAID": "United States Agency for International Development",
        "DFID": "Department for International Development", "CIDA": "Canadian International Development Agency",
        "AFD": "Agence Française de Développement", "DFAT": "Department of Foreign Affairs and Trade",
    }.items()},
    **{a: (n, _ILO_UNIT) for a, n in {
        "ACTRAV": "Bureau for Workers' Activities", "ACT/EMP": "Bureau for Employers' Activities",
        "EVAL": "Evaluation Office", "ROAP": "Regional Office for Asia and the Pacific",
        "ROLAC": "Regional Office for Latin America and the Caribbean", "ROAF": "Regional Office for Africa",
        "ROAS": "Regional Office for Arab States", "ROECA": "Regional Office for Europe and Central Asia",
        "PARDEV": "Partnerships and Field Support Department", "PARTNERSHIPS": "Partnerships and Field Support Department",
        "ENTERPRISES": "Enterprises Department", "SOCPRO": "Social Protection Department",
        "SKILLS": "Skills and Employability Branch", "LABADMIN/OSH":
        "Labour Administration, Labour Inspection and Occupational Safety and Health Branch",
        "NORMES": "International Labour Standards Department", "GOVERNANCE": "Governance and Tripartism Department",
        "ITC-ILO": "International Training Centre of the ILO", "IPEC": "International Programme on the Elimination of Child Labour",
        "FUNDAMENTALS": "Fundamental Principles and Rights at Work Branch", "DWT-BANGKOK": "Decent Work Team Bangkok",
        "CO-BANGKOK": "ILO Country Office Bangkok", "PROGRAM": "Strategic Programming and Management Department",
        "INFOTEC": "Information and Technology Management", "GED": "Gender, Equality and Diversity Branch",
        "DDG/P": "Deputy Director-General for Policy", "DDG/FOP": "Deputy Director-General for Field Operations",
        "DDG/MR": "Deputy Director-General for Management and Reform", "ILC": "International Labour Conference",
    }.items()},
}
_NOT_ORGS_IN_KNOWN = frozenset({"IPEC"})  # a programme: left to the project reader
_MINISTRY_SHAPE = re.compile(r"^Mo[A-Z]{1,6}(?:/[A-Z]{2,4})?$")
_UNION_SHAPE = re.compile(r"^[A-Z]{1,4}F?TU$")
_TOKEN = re.compile(rf"(?<![\w&/-]){ACRONYM}(?![\w&/-])")
_KINDS = (
    (_ILO_UNIT, r"^ILO\b|\bBureau for (?:Workers|Employers)|Decent Work (?:Technical )?(?:Support )?Team|"
                r"\bRegional Office for|\bCountry Office for|Subregional Office|^Evaluation (?:Office|Unit)|"
                r"International Labour (?:Office|Conference)|Governing Body|Deputy Director-General|of the ILO$"),
    ("UN agency", r"^(?:United Nations|UN)\b|of the United Nations|World Health Organi[sz]ation|World Food Programme|"
                  r"International Organi[sz]ation for Migration"),
    ("intergovernmental", r"Development Bank|World Bank|Monetary Fund|Association of Southeast Asian|^ASEAN\b|"
                          r"European Union|Finance Corporation"),
    ("workers", r"Trade Unions?\b|Labou?r Confederation|Confederation of Labou?r|Workers'? (?:Federation|Union)|"
                r"Union Federation|Federation Union|Union Alliance|Confederation of Trade"),
    ("employers", r"Chamber of Commerce|Employers|Business Associations|Manufacturers"),
    ("donor", r"Agency for (?:International )?Development|International Development|Development Cooperation|"
              r"Cooperation Agency|Embassy|Gesellschaft|Society for International Cooperation|"
              r"^(?:Norwegian|Swedish|Danish|Japanese|Korean|Australian|German|Swiss|Dutch|Finnish|Irish|Canadian|"
              r"French|British|Belgian|Spanish|Italian|US|United States|Luxembourg) Government"),
    ("government", r"^(?:Royal )?Government|Ministry|Ministries|Department|Division|^National|Provincial|Municipal|"
                   r"State Authority|Council of Ministers|Court\b|^Bank of|Social Security|Statisti|Cabinet|"
                   r"Council for|Assembly"),
    ("NGO", r"Association|Foundation|International$|Coalition|League|Worldwide|Society|People for"),
)
_KIND_RX = tuple((kind, re.compile(rx)) for kind, rx in _KINDS)
# A run of capitalised words, joined by spaces, commas or the small words of names.
_CAP = r"(?:[A-Z][\w'’&./-]*[\w'’]|[A-Z])"
_CONNECT = r"(?:(?:of|for|on|in|to|from|within|against)(?:\s+the)?|and(?:\s+the(?=\s+(?:Pacific|Caribbean)))?|&|de|du|des|für|y|et)"
_RUN = re.compile(rf"{_CAP}(?:,?\s+(?:{_CONNECT}\s+)?{_CAP})*")
_HEAD_WORD = re.compile("|".join(sorted(w.capitalize() for w in BODY_HEADS)))  # a fast first filter
_POSSESSIVE = re.compile(r"['’]s$")
_ROLES = frozenset("""director deputy chief head president secretary adviser advisor officer analyst coordinator
    manager specialist consultant minister building representative""".split())
_TAIL_WORDS = frozenset({"of", "for", "on", "the", "and", "&"})
_KEEP_CAPS = frozenset({"PDR", "DPR", "HIV/AIDS", "AIDS", "HIV", "UN", "ILO", "ASEAN"})
_GENERIC = frozenset("regional country field project local district provincial central administrative technical final".split())
_BAD_LEADS = re.compile(r"^(?:Annex|Table|Figure|Section|Chapter|Mr|Ms|Mrs|Dr|Source|See|Note)\b")


@dataclass
class _Org:
    id: str
    name: str
    acronym: str | None
    kind: str
    names: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


def kind_of(name: str, acronym: str | None = None) -> str:
    """The kind of organisation a name (or a known acronym) says it is."""
    known = KNOWN.get(acronym or "")
    if known and known[1] != "other":
        return known[1]
    return next((kind for kind, rx in _KIND_RX if rx.search(name)), "other")


def read(doc: Doc, out: Out) -> None:
    """Emit one Organization per organisation the report names, with every name it goes by registered."""
    found = _Found(out)
    for d in definitions(doc):
        if _is_organisation(d):
            found.add(d.acronym, d.name, d.line)
    for line, acronym in _office_units(doc, out):
        found.add(acronym, KNOWN.get(acronym, (acronym, ""))[0], line)
    skip = skipped_lines(doc)
    names = []
    for seg in doc.segments:
        if seg.line in skip:
            continue
        for m in _TOKEN.finditer(seg.text):
            key = acronym_key(m.group(0))
            if key not in found.orgs and _bare_organisation(m.group(0), key):
                found.add(key, KNOWN.get(key, (m.group(0), ""))[0], seg.line, m.group(0))
        if _HEAD_WORD.search(seg.text):
            names.extend((name, seg.line) for m in _RUN.finditer(seg.text)
                         if _HEAD_WORD.search(m.group(0)) and (name := _body_name(m.group(0))))
    for name, line in sorted(names, key=lambda item: -len(item[0])):
        found.add(None, name, line)
    for org in found.orgs.values():
        _emit(org, out)


def skipped_lines(doc: Doc) -> set[int]:
    """Lines read by other means: the abbreviation list and the QUICK FACTS block."""
    skip: set[int] = set()
    for s in doc.sections:
        if _LIST_HEADING.match(s.title.strip(" :#*")) or s.kind == "quickfacts":
            skip.update(range(s.line, s.end_line + 1))
    return skip


def _is_organisation(d: Definition) -> bool:
    if d.acronym in KNOWN:
        return d.acronym not in _NOT_ORGS_IN_KNOWN
    name = re.sub(r"\s*\([^()]*\)?\s*$", "", d.name)
    words = {_bare(w) for w in name.split()}
    return name[:1].isupper() and (names_body(name) or (bool(words & BODY_HEADS) and not words & NOT_BODY_HEADS))


def _bare_organisation(token: str, key: str) -> bool:
    if key in KNOWN:
        return key not in _NOT_ORGS_IN_KNOWN
    return bool(_MINISTRY_SHAPE.match(token) or _UNION_SHAPE.match(token))


def _office_units(doc: Doc, out: Out) -> list[tuple[int, str]]:
    """(line, acronym) of each ILO unit named as a summary's administrative or technical office."""
    section = doc.section(r"^quick facts$") if out.summary else None
    if section is None:
        return []
    fields, _ = quickfacts.read_fields(doc.lines, section.line, section.end_line)
    units = []
    for key in ("administrative_office", "technical_office"):
        if key in fields:
            for part in re.split(r",|;|&|\band\b", fields[key].value):
                part = part.strip(" .")
                if part and part.upper() != "ILO":
                    units.append((fields[key].line, acronym_key(part)))
    return units


def _body_name(run: str) -> str | None:
    """The name of a body in a run of capitalised words, or None (no body word, a generic or plural one)."""
    words = run.split()
    heads = [i for i, w in enumerate(words) if _bare(w) in BODY_HEADS]
    if not heads:
        return None
    h = heads[0]
    while h + 1 < len(words) and words[h + 1][:1].isupper() and not words[h].endswith(","):
        if _bare(words[h + 1]) not in BODY_HEADS:
            return None  # "Trade Union Law": named after a body, not one
        h += 1
    start, end = _start(words, h), _end(words, h)
    name = " ".join(words[start:end]).rstrip(",")
    name = re.sub(r"['’]s$", "", name)
    if len(name.split()) < 2 or _BAD_LEADS.match(name):
        return None
    if end == h + 1 and all(w.lower() in _GENERIC for w in words[start:h]):
        return None
    return name


def _bare(word: str) -> str:
    return _POSSESSIVE.sub("", word.strip(",.;:")).lower()


def _start(words: list[str], h: int) -> int:
    """Where the name ends on the left: at a small word, a comma or a possessive ("MOLVT's Institute")."""
    i = h
    while i > 0:
        w = words[i - 1]
        if w.endswith(",") or re.search(r"['’]s$", w):
            break
        if w in ("and", "&"):
            ok = i - 2 >= 0 and i < h and (i - 2 == 0 or not words[i - 3][:1].isupper() or words[i - 3].endswith(","))
            if not ok:
                break
        elif not w[:1].isupper() or w.lower() in STOP:
            break
        i -= 1
    while i < h and (words[i].lower() in STOP or _LEADS.match(words[i] + " ")):
        i += 1
    return i


def _end(words: list[str], h: int) -> int:
    """Where the name ends on the right: after its head, or after an of/for/on phrase ("Ministry of X, Y and Z").

    The phrase stops at a small word other than of/for/on/the/and, an acronym, a job title, a new body
    ("Ministry of Labour, Ministry of Planning") or a comma not followed by an "and" that closes a list.
    """
    if h + 1 >= len(words) or words[h].endswith(",") or words[h + 1] not in ("of", "for", "on"):
        return h + 1
    end = h + 1
    for i in range(h + 1, len(words)):
        w, bare = words[i], _bare(words[i])
        if bare in NOT_BODY_HEADS:
            return h + 1
        if ((w.lower() in STOP and w.lower() not in _TAIL_WORDS) or bare in _ROLES
                or (_ACRONYM_TOKEN.match(w.strip(",")) and w.strip(",") not in _KEEP_CAPS)
                or (bare in BODY_HEADS and words[i - 1].endswith((",", "and", "&")))):
            break
        if w[:1].isupper():
            end = i + 1
        if w.endswith(",") and not any(x in ("and", "&") for x in words[i + 1:i + 5]):
            break
    return end


class _Found:
    """The organisations found so far, and every name (and part of a name) they are known by."""

    def __init__(self, out: Out):
        self.out = out
        self.orgs: dict[str, _Org] = {}
        self.acronyms: dict[str, str] = {}
        self.names: dict[str, str] = {}  # name key -> id, for full names and their word prefixes/suffixes

    def add(self, acronym: str | None, name: str, line: int, printed: str | None = None) -> None:
        """Record a name (with its acronym, if any) of an organisation, merging with what is known by that name."""
        name = " ".join(name.split()).strip(" ,;:")
        if acronym:
            org_id = self.acronyms.get(acronym) or organisation_id(acronym, name)
        else:
            org_id = self.names.get(name_key(name)) or self.out.lookup("Organization", name) or organisation_id(None, name)
        if not org_id:
            return
        org = self.orgs.get(org_id)
        if org is None:
            org = self.orgs[org_id] = _Org(org_id, name, acronym, kind_of(name, acronym))
        elif org.kind == "other":
            org.kind = kind_of(name, acronym)
        for n in (name, acronym, printed):
            if n and n not in org.names:
                org.names.append(n)
        if acronym:
            self.acronyms.setdefault(acronym, org_id)
        if name != acronym:
            self._index(name, org_id)
        if len(org.evidence) < 3:
            ev = self.out.evidence(line, line, name if not acronym or name == acronym else f"{name} ({acronym})")
            if ev not in org.evidence:
                org.evidence.append(ev)

    def _index(self, name: str, org_id: str) -> None:
        """Let the name, and its parts of two or more words that keep the body word, find the organisation."""
        words = name.split()
        h = max((i for i, w in enumerate(words) if _bare(w) in BODY_HEADS), default=None)
        self.names.setdefault(name_key(name), org_id)
        if h is None:
            return
        for i in range(1, h):
            self.names.setdefault(name_key(" ".join(words[i:])), org_id)
        if h + 1 < len(words) and h >= 1:
            self.names.setdefault(name_key(" ".join(words[: h + 1])), org_id)


def _emit(org: _Org, out: Out) -> None:
    aliases = sorted({n for n in org.names if n not in (org.name, org.acronym)})
    props = {"name": org.name, "acronym": org.acronym, "kind": org.kind, "aliases": aliases,
             "country": out.country if org.kind == "government" else None}
    if out.node("Organization", org.id, props, org.evidence):
        out.register("Organization", org.id, org.name, org.acronym, *aliases)
