"""Project names in a text: the names project words head, and the names lists give.

Decisions:
- A name is (a) a run of capitalised words headed by Project, Programme,
  Initiative or Facility ("Social Security Project", "Project to Combat
  Trafficking in Children and Women", "Decent Work Programme in the Andean
  countries"), or (b) a capitalised run followed by a lowercase project
  word ("the Better Factories Cambodia programme", "the Microfinance for
  Decent Work research initiative").
- A list ("A; B; and C", "A, the B and the C") is split at ";" when it has
  any, else at ", the", "and the", "as well as"; its items are names
  without a project word too.
- Not names: job titles ("Programme Officer": a head followed by another
  capitalised word, or a run holding a role word), generic names ("Country
  Programme", "Decent Work Country Programme"), another body's programme
  ("the Government's programme").
- The part of a name an id and a spelling rest on is the name without
  "ILO" and its head word.
"""

from __future__ import annotations

import re

from loaders.report import acronyms

# Project words, and the part of a name its id rests on
_ACR = acronyms.ACRONYM
CAP_HEADS = frozenset({"Project", "Programme", "Program", "Initiative", "Facility"})
LOW_HEAD = r"(?:project|programme|program|initiative)s?"
HEAD = re.compile(acronyms.alternation(CAP_HEADS | {"project", "programme", "program", "initiative"}, at_word_start=True)
                  + r"\b(?!['’])")
_HEAD_AT_END = re.compile(r"\s+(?:[Pp]roject|[Pp]rogramme|[Pp]rogram|[Ii]nitiative)s?$")
ILO_LEAD = re.compile(r"^ILO[\s-]+(?=[A-Z])")
ACRONYM_ONLY = re.compile(rf"^(?:ILO[/-])?{_ACR}$")
PARTNERSHIP = re.compile(acronyms.word_start(
    "I", r"LO\s*[/-]\s*([A-Z][a-z]+)\s+(?:(?P<kind>[Pp]artnership|[Mm]ulti-bilateral)\s+)?[Pp]rogramme\b"))

# Reading the run of words before or after a project word
_TOKEN = re.compile(r"[A-Za-z0-9À-ÿ][\w'’&/-]*|[^\w\s]")
_CONNECT = frozenset("of for on in to from within against and & the into through".split())
_ROLES = frozenset("""director deputy chief head manager officer coordinator adviser advisor specialist consultant
    assistant senior junior analyst secretary president cta npc""".split())
_PHASE = re.compile(r"^\s*[-–—]?\s*(?:Phase\s+(?:[IVX]+|\d)\b|[IVX]+\b(?!\s*[a-z]))")
_PLACE_TAIL = frozenset({"countries", "region", "subregion"})
_MAX_RUN = 16
_LOOK_BACK, _FIRST_LOOK = 240, 60  # characters before a project word where its name may begin; read first
_SENTENCE_WORDS = frozenset("The A An This These That Its Their Our In On At By With From Under Through And Of For To".split())
_POSSESSIVE = re.compile(r"['’]s$")

# What is no name, or no part of one
GENERIC = re.compile(
    r"^(?:(?:the|a|an|this|that|ILO|its|our|new)\s+)*(?:Decent Work\s+)?(?:Country|Regional|National|Global|"
    r"Joint|Pilot|Technical Cooperation|Work|Decent Work|Development|Innovation|Research)?\s*"
    r"(?:Programmes?|Programs?|Projects?|Initiatives?|Facility)(?:\s+(?:Phase\s+)?[IVX]+)?$|"
    r"Country Programmes?\b|Programme and Budget|Decent Work Country|Regular Budget", re.I)
LEADS = re.compile(r"^(?:(?:The|A|An|This|These|Its|Under|With|Through|By|From|In|And|Of|For|To|On|Both|Some|New|"
                   r"Since|During|While|Although|However|Also|ILO['’]s|Other|Former|Flagship|Recently|Completed|"
                   r"Initiated|Regional|Subregional|Global|Only|Each|All|Every|Such|Our|Their|Continue)\s+)+")
FUNDED_LEAD = re.compile(r"^(?P<org>[A-Z][\w'’ ]*?)-(?:funded|financed|supported)\s+")
_FUNDED_PREFIX = re.compile(r"^.*?\b[\w'’]+-(?:funded|financed|supported)\s+")
_BAD_LEADS = re.compile(r"^(?:Annex|Table|Figure|Section|Chapter|Box|Source|See|Note|Page)\b")

# Splitting a list into names
_CLAUSE = re.compile(r",\s+(?=[a-z])(?![^()]*\))")  # ", funded by ...", ", which ...": a clause after a name
_ITEM_SPLIT = re.compile(r"(?<=\)),\s+|,\s+(?=[A-Z]{2,}\b)|(?<=\))\s+and\s+|\s+and\s+(?=[A-Z]{2,}\b)|,\s+(?=the\s)|,?\s+and\s+(?=the\s)|\s+as well as\s+|,\s+and\s+")
_ITEM_PREFIX = re.compile(r"^(?:[\w'’/-]+\s+){0,2}(?:project|programme|initiative)\s+(?:on|to)\s+(?=[A-Z])")
_ITEM_LEAD = re.compile(r"^(?:(?:the|former|recently|initiated|completed|flagship|new|ongoing|ILO['’]s)\s+|\([^()]*\)\s*)+",
                        re.I)
PARENS = re.compile(r"\s*\([^()]*\)")


def name_at(text: str, head: re.Match) -> str | None:
    """The name a project word heads: the capitalised run before it, and a run after "Project on/to ..."."""
    word = head.group(0)
    capital = word in CAP_HEADS
    after = text[head.end():head.end() + 200]
    if capital and re.match(r"\s+[A-Z]", after) and not _PHASE.match(after):
        return None  # "Programme Officer": the word is a modifier
    run_words, descriptors = run_back(text, head.start(), allow_descriptors=not capital)
    tail = _run_forward(after, capital) if capital or not run_words else ""
    if PARTNERSHIP.search(" ".join(run_words + [word])):
        return None
    if capital and run_words:
        name = " ".join(run_words + [word]) + tail
    elif capital and tail and word != "Initiative":
        name = word + tail  # "Project to Combat Trafficking in Children and Women"
    elif tail:
        name = tail.split(" ", 2)[-1]  # "the project on Integrating ...": the title after "on"
    elif has_name_word(run_words):
        name = " ".join(run_words)
    elif descriptors and len(run_words) >= 3 and all(ACRONYM_ONLY.match(w) or w in _CONNECT for w in run_words):
        name = " ".join(run_words + descriptors + [word])  # "ILO HIV and AIDS workplace education programme"
    else:
        return None
    name = LEADS.sub("", _FUNDED_PREFIX.sub("", name)).strip(" ,:")
    if not name or not name[0].isupper() or _BAD_LEADS.match(name) or any(w.lower() in _ROLES for w in name.split()):
        return None
    return name


def run_back(text: str, end: int, allow_descriptors: bool) -> tuple[list[str], list[str]]:
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
        if tok in CAP_HEADS and run:
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
    while len(run) > 2 and ACRONYM_ONLY.match(run[0].rstrip(":")) and \
            has_name_word(run[1:]) and not run[0].startswith("ILO"):
        run.pop(0)  # "WEP: Worker Education Project" in a table: the label before the name
    if descriptors and run and all(ACRONYM_ONLY.match(w) for w in run):
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
    return bool(ACRONYM_ONLY.match(base)) or base.lower() in acronyms.BODY_HEADS


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
    elif not run or not has_name_word(run):
        return ""
    phase = _PHASE.match(after[m.end():].split(run[-1], 1)[-1]) if run else None
    return f" {m.group(1)} " + " ".join(run) + (" " + " ".join(phase.group(0).strip(" -–—").split()) if phase else "")


def has_name_word(words: list[str]) -> bool:
    """At least two capitalised words that are not acronyms (or one and more)."""
    caps = [w for w in words if w[:1].isupper() and not ACRONYM_ONLY.match(w.rstrip(":").removesuffix("s"))]
    return len(caps) >= 2


def title_like(words: list[str]) -> bool:
    content = [w for w in words if w.lower() not in acronyms.STOP]
    caps = [w for w in content if w[:1].isupper()]
    return len(words) >= 2 and words[0][:1].isupper() and len(caps) >= 2 and len(caps) >= 0.6 * len(content)


def head_word_in(text: str) -> bool:
    """A fast first filter for `HEAD`."""
    return "roj" in text or "rogram" in text or "nitiative" in text or "Facility" in text


def names_project(name: str) -> bool:
    head = acronyms.head(name)
    return head in {"project", "programme", "program", "initiative"} and not GENERIC.search(name)


def strip_head(name: str) -> str:
    return _HEAD_AT_END.sub("", name)


def bare_name(name: str) -> str:
    """The name without "ILO" and its head word: the part an id and a spelling rest on."""
    return strip_head(ILO_LEAD.sub("", name.strip()))


def listed(rest: str) -> list[str]:
    """The names a list holds, split at ";" when it has any, else at ", the", "and the", "as well as"."""
    parts = re.split(r";\s*(?:and\s+)?", rest)
    if len(parts) == 1 or not any(_ITEM_LEAD.sub("", p)[:1].isupper() for p in parts[1:]):
        parts = _ITEM_SPLIT.split(parts[0])  # no list by semicolons: the first ";" ends the list
    items = []
    for part in parts:
        part = _CLAUSE.split(part, 1)[0]
        part = _ITEM_LEAD.sub("", _ITEM_PREFIX.sub("", _ITEM_LEAD.sub("", part.strip())))
        m = FUNDED_LEAD.match(part)
        part = part[m.end():] if m else part
        if part[:1].isupper():
            items.extend(_split_plural(part))
    return items


def until_close(text: str) -> str:
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
