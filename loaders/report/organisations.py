"""Reader: the organisations a report names, one node each, typed by the words of their names.

Sources: the acronyms the report defines (its abbreviation list, "Full Name (ACR)"
in the text, "ACR: Name" remarks in tables, see `acronyms.definitions` and
`acronyms.remark_definitions`), the QUICK FACTS offices of a summary (ILO units), acronyms
and full names every reader knows (`KNOWN`: UN agencies, intergovernmental
bodies, donors, international union and employer bodies, national employers'
and workers' organisations (LFTU, LNCCI, CAMFEBA, VGCL), ILO units), the body
someone holds a post in ("President of CCTUF", the last part of "Mr X, Adviser,
GTZ"), and names of bodies in the text ("Ministry of ...", "... Federation of
Trade Unions", "National Assembly").

Decisions:
- An abbreviation-list entry is an organisation when its name is headed by a
  word for a body (Ministry, Office, Federation, Union, Council, Bank, ...),
  and not by a project or plan word; the rest (OSH, DWCP, WEDGE, NSEDP) are
  left to the project and framework readers. An acronym defined as a project,
  plan or concept is never an organisation, even after "Director of".
- One node per body: per acronym, whatever its casing (MoLSW = MOLSW) and with
  "ILO-" dropped; an acronym that another extends is folded into it (DWT into
  DWT-BANGKOK, OSHNET into ASEAN-OSHNET); acronyms defined with the same name
  are one (MPWT, MOPWT); renamed bodies keep one node (GTZ is GIZ). A name
  without acronym joins the body it is a variant of: without "ILO"/"of the
  ILO", a leading place adjective or trailing place, cut before "and"
  ("Ministry of Labour"), with its last word in the other number ("Federation
  of Trade Union" is "... Unions"), or whose words up to the head spell the
  acronym ("Decent Work Technical Team" -> DWT); else it gets a slug id. A place
  is dropped only when it is the report's country: "Norwegian Ministry of
  Foreign Affairs" is not the country's Ministry of Foreign Affairs.
- Government bodies are national: their id carries the report's country
  (`organisation_id(..., country=out.country)`, "LAO/MOLSW"), so NSSF in Lao
  PDR and in Cambodia stay two nodes. A body whose name names another country
  (`countries_named`: "US Trade Department", "Norwegian Ministry ...") is none
  of the report's country's: its id is unqualified. "Government of X", "X
  Government" and "Royal Government" of the report's country are one node, the
  country's government (a constituent, hence an organisation); another
  country's government ("Norwegian Government") keeps its name.
- A body's `country` is the report's for its national government bodies, else
  the one country its name names ("Lao Federation of Trade Unions": LAO, "US
  Trade Department": USA); only a national government body's id carries it, so
  an employers' or workers' organisation keeps its acronym across reports.
- A body's name is a run of capitalised words that ends in the body word
  ("Arbitration Council") or continues after it with of/for/on ("Ministry of
  Labour and Vocational Training"); "Trade Union Law" ends in Law and is not
  one; "and" joins a few plain words into a name ("Child Labour and Child
  Trafficking Office") but not two names ("CARE and Plan International");
  plural heads ("Women's Committees"), bodies a project sets up ("Project
  Steering Committee", "Programme Team") and ordinal leads are skipped. A verb
  that opens an action item is no part of a name ("Establish Labour Court" is
  the Labour Court).
- Kind: a known acronym's (`KNOWN`), else the first cue in the name that
  matches (`_KINDS`), else the acronym's shape: a union federation's (LFTU,
  CCTUF) says workers, a chamber of commerce and industry's (LNCCI) employers.
  The same body's kind may differ between reports ("other" in one, where it is
  a bare acronym); the graph lets "other" yield (kg.graph).
- Bare acronyms count only when known, shaped like a ministry ("MoLVT"), a
  union federation ("LFTU"), a chamber ("LNCCI"), a social security fund
  ("NSSF") or a working group ("RSTWG"), or defined somewhere in the report.
  "UN" before a noun ("UN agencies") is the system, not a body.
- Speed: each pattern runs once over the report's segments joined, not once
  per segment; a match finds its line by bisection.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate
from functools import lru_cache

from kg.records import Evidence
from loaders.report import quickfacts
from loaders.report.acronyms import (ACRONYM, ACRONYM_REST, ACRONYM_TOKEN, BODY_HEADS, LEADS, NOT_BODY_HEADS, STOP,
                                     Definition, acronym_key, alternation, definitions, names_body, read_elsewhere,
                                     remark_definitions, spells, word_start)
from loaders.report.document import Doc
from loaders.report.ids import name_key, organisation_id
from loaders.report.out import Out

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
        "ITC": "International Trade Centre", "UNCRD": "United Nations Centre for Regional Development",
        "UNWOMEN": "UN Women", "UNRWA": "United Nations Relief and Works Agency for Palestine Refugees",
        "MDGF": "MDG Achievement Fund",
    }.items()},
    **{a: (n, "intergovernmental") for a, n in {
        "ADB": "Asian Development Bank", "IMF": "International Monetary Fund", "ASEAN": "Association of Southeast Asian Nations",
        "ASEC": "ASEAN Secretariat", "EU": "European Union", "IFC": "International Finance Corporation",
        "OECD": "Organisation for Economic Co-operation and Development", "WTO": "World Trade Organization",
        "AfDB": "African Development Bank", "IDB": "Inter-American Development Bank", "SAARC":
        "South Asian Association for Regional Cooperation", "APEC": "Asia-Pacific Economic Cooperation",
        "SLOM": "ASEAN Senior Labour Officials Meeting", "AU": "African Union",
    }.items()},
    **{a: (n, "donor") for a, n in {
        "AUSAID": "Australian Agency for International Development", "KOICA": "Korea International Cooperation Agency",
        "USDOL": "United States Department of Labor", "SIDA": "Swedish International Development Cooperation Agency",
        "NORAD": "Norwegian Agency for Development Cooperation", "DANIDA": "Danish International Development Agency",
        "NZAID": "New Zealand Agency for International Development", "GIZ": "Deutsche Gesellschaft für Internationale Zusammenarbeit",
        "JICA": "Japan International Cooperation Agency",
        "SDC": "Swiss Agency for Development and Cooperation", "USAID": "United States Agency for International Development",
        "DFID": "Department for International Development", "CIDA": "Canadian International Development Agency",
        "AFD": "Agence Française de Développement", "DFAT": "Department of Foreign Affairs and Trade",
        "LUX-DEVELOPMENT": "Luxembourg Agency for Development Cooperation",
    }.items()},
    **{a: (n, "workers") for a, n in {
        "ITUC": "International Trade Union Confederation", "ICFTU": "International Confederation of Free Trade Unions",
        "BWI": "Building and Wood Workers' International", "ACILS": "American Center for International Labor Solidarity",
        "WFTU": "World Federation of Trade Unions", "APHEDA": "Union Aid Abroad-APHEDA",
        # national workers' organisations that reports name by acronym alone
        "LFTU": "Lao Federation of Trade Unions", "CCTU": "Cambodian Confederation of Trade Unions",
        "CLC": "Cambodian Labour Confederation", "VGCL": "Viet Nam General Confederation of Labour",
        "ACFTU": "All-China Federation of Trade Unions", "CMTU": "Confederation of Mongolian Trade Unions",
        "TUCP": "Trade Union Congress of the Philippines", "CTUM": "Confederation of Trade Unions of Myanmar",
        "GEFONT": "General Federation of Nepalese Trade Unions", "MTUC": "Malaysian Trades Union Congress",
        "FKTU": "Federation of Korean Trade Unions", "KCTU": "Korean Confederation of Trade Unions",
    }.items()},
    **{a: (n, "employers") for a, n in {
        "IOE": "International Organisation of Employers", "ECOT": "Employers' Confederation of Thailand",
        # national employers' organisations that reports name by acronym alone
        "LNCCI": "Lao National Chamber of Commerce and Industry",
        "CAMFEBA": "Cambodian Federation of Employers and Business Associations",
        "GMAC": "Garment Manufacturers Association in Cambodia", "VCCI": "Vietnam Chamber of Commerce and Industry",
        "MONEF": "Mongolian Employers' Federation", "ECOP": "Employers Confederation of the Philippines",
        "APINDO": "Employers' Association of Indonesia",
        "FNCCI": "Federation of Nepalese Chambers of Commerce and Industry",
        "UMFCCI": "Union of Myanmar Federation of Chambers of Commerce and Industry",
        "SNEF": "Singapore National Employers' Federation", "KEF": "Korea Enterprises Federation",
    }.items()},
    **{a: (n, "NGO") for a, n in {
        "CARE": "CARE International", "SNV": "Netherlands Development Organization", "OXFAM": "Oxfam International",
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
        "GB": "Governing Body", "RESEARCH": "Research Department", "STATISTICS": "Statistics Department",
        "EMPLOYMENT": "Employment Policy Department", "MULTILATERALS": "Multilateral Cooperation Department",
    }.items()},
}
# Bodies renamed since: the old acronym is a name of the new one's node.
_RENAMED = {"GTZ": "GIZ", "UNIFEM": "UNWOMEN", "MDG-F": "MDGF", "LUX": "LUX-DEVELOPMENT", "LUXDEV": "LUX-DEVELOPMENT"}
# Names of known bodies that the text uses without their acronym (besides KNOWN's full names).
_KNOWN_NAMES = {"World Bank": ("", "intergovernmental"), "Plan International": ("", "NGO"),
                "Concern Worldwide": ("", "NGO"), "ILO Publications": ("", _ILO_UNIT),
                "Oxfam": ("OXFAM", "NGO"), "UN Women": ("UNWOMEN", "UN agency"),
                "Lux-Development": ("LUX-DEVELOPMENT", "donor"), "Governing Body": ("GB", _ILO_UNIT)}
_NOT_ORGS_IN_KNOWN = frozenset({"IPEC"})  # a programme: left to the project reader
_PARTS = re.compile(r"[-/]")
_MINISTRY_SHAPE = re.compile(r"^Mo[A-Z]{1,6}(?:/[A-Z]{2,4})?$")
# A trade union federation (LFTU, CCTUF), a chamber of commerce and industry (LNCCI), a social security fund (NSSF).
_UNION_SHAPE, _CHAMBER_SHAPE = r"[A-Z]{1,4}F?TU[CF]?", r"[A-Z]{1,3}CCI"
_BODY_SHAPE = re.compile(rf"^(?:{_UNION_SHAPE}|{_CHAMBER_SHAPE}|N?SSF|[A-Z]{{2,5}}WG)$")
# The kind an acronym's shape says, where the name says none (the name is the bare acronym, or a name without cues).
_SHAPE_KINDS = (("workers", re.compile(rf"^{_UNION_SHAPE}$")), ("employers", re.compile(rf"^{_CHAMBER_SHAPE}$")))
_TOKEN = re.compile(word_start("[A-Z]", rf"(?:{ACRONYM_REST}|[a-z]{{2}}[A-Z]{{3,}})(?![\w&/-])", r"\w&/-"))
_UN_AS_ADJECTIVE = re.compile(r"\s+(?:and\s+\w+\s+)?(?:[A-Z]|(?:agenc|system|partner|organi[sz]|famil|reform|common|"
                               r"joint|trafficking|definition|practice|entit|programm|countr|staff|team|development)\w*)")
_KINDS = (
    (_ILO_UNIT, r"^ILO\b|\bBureau for (?:Workers|Employers)|Decent Work (?:Technical )?(?:Support )?Team|"
                r"\bRegional Office for|\bCountry Office for|Subregional Office|^Evaluation (?:Office|Unit)|"
                r"International Labour (?:Office|Conference)|Governing Body|Deputy Director-General|of the ILO$"),
    ("UN agency", r"^(?:United Nations|UN)\b|of the United Nations|World Health Organi[sz]ation|World Food Programme|"
                  r"International Organi[sz]ation for Migration"),
    ("intergovernmental", r"Development Bank|World Bank|Monetary Fund|Association of Southeast Asian|^ASEAN\b|"
                          r"European Union|Finance Corporation"),
    ("workers", r"Trade Unions?\b|Labou?r Confederation|Confederation of Labou?r|Workers'? (?:Federation|Union)|"
                r"Union Federation|Federation (?:[A-Z]\w+ ){0,2}Unions?\b|Union Alliance|Confederation of Trade|"
                r"\bUnion of\b.*\bWorkers$"),
    ("employers", r"Chambers? of Commerce|Employers|Business Associations|Manufacturers"),
    ("donor", r"Agency for (?:International )?Development|International Development|Development Cooperation|"
              r"Cooperation Agency|Embassy|Gesellschaft|Society for International Cooperation|"
              r"^(?:Norwegian|Swedish|Danish|Japanese|Korean|Australian|German|Swiss|Dutch|Finnish|Irish|Canadian|"
              r"French|British|Belgian|Spanish|Italian|US|United States|Luxembourg) Government"),
    ("government", r"^(?:Royal )?Government|Ministry|Ministries|Department|Dept\b|Division|^National|Provincial|"
                   r"Municipal|State Authority|Council of Ministers|Court\b|^Bank of|Social Security|Statisti|Cabinet|"
                   r"Council for|Assembly|Ministerio|Instituto"),
    ("NGO", r"Association|Foundation|International$|Coalition|League|Worldwide|Society|People for"),
)
_KIND_RX = tuple((kind, re.compile(rx)) for kind, rx in _KINDS)
# A run of capitalised words, joined by spaces, commas or the small words of names.
_CAP = r"(?:[A-Z][\w'’&./-]*[\w'’]|[A-Z])"
_CONNECT = r"(?:(?:of|for|on|in|to|from|within|against)(?:\s+the)?|and(?:\s+the(?=\s+(?:Pacific|Caribbean)))?|&|de|du|des|für|y|et)"
_RUN = re.compile(rf"{_CAP}(?:,?\s+(?:{_CONNECT}\s+)?{_CAP})*")
_HEAD_WORD = re.compile(alternation({w.capitalize() for w in BODY_HEADS} | {"Dept"}))  # a fast first filter
_POSSESSIVE = re.compile(r"['’]s?$")
_POSSESSIVE_S = re.compile(r"['’]s$")
_PLACE_SUFFIX = re.compile(r"(?<=[a-z])-[A-Z]\w*$")
_THE = re.compile(r"^(?:The|the)\s+")
# Common nouns whose possessive belongs to a body's name ("Lao Women's Union", "Employers' Bureau").
_OWNERS = frozenset("women workers employers children people peoples youth farmers men".split())
_ROLES = frozenset("""director deputy chief head president secretary adviser advisor officer analyst coordinator
    manager specialist consultant minister building representative vice-president chairman chair organizer
    organiser""".split())
_TAIL_WORDS = frozenset({"of", "for", "on", "the", "and", "&"})
_KEEP_CAPS = frozenset({"PDR", "DPR", "HIV/AIDS", "AIDS", "HIV", "UN", "ILO", "ASEAN", "SME", "SMEs", "TVET", "OSH"})
_GENERIC = frozenset("regional country field project local district provincial central administrative technical final".split())
_BAD_LEADS = re.compile(r"^(?:Annex|Table|Figure|Section|Chapter|Mr|Ms|Mrs|Dr|Source|See|Note|First|Second|Third|"
                        r"Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth)\b")
# Bodies a project sets up for itself ("Project Steering Committee", "Programme Team") are not organisations.
_PROJECT_BODY = re.compile(r"\b(?:Projects?|Programmes?|Programs?)\b.*\b(?:Team|Committee|Board|Group)$")
# Who someone is "of": "President of CCTUF", "Director General of TVK", "Women's Committee of CCAWDU-CLC".
_OF_ACRONYM = re.compile(rf" of (?:the )?((?:{ACRONYM})(?:[-/](?:{ACRONYM}))*)(?![\w&/-])")
_HOLDERS = frozenset("""director president chairman chair secretary head organizer organiser manager representative
    officer specialist adviser advisor coordinator analyst secretariat committee general member staff""".split())
_SEPARATOR = "\n"
_PLAIN_ACRONYM = re.compile(r"^(?:[A-Z]{2,}[0-9]*|[A-Z][a-z][A-Z]{2,})$")
_DEPT = re.compile(r"\bDept\b\.?\s*(?=of\b|[A-Z])")
_PERSON_LINE = re.compile(r"^(?:Mr|Ms|Mrs|Dr|Prof|H\.\s?E)\.?\s+[A-Z]")
_ILO_LEAD = re.compile(r"^(?:the\s+)?(?:ILO['’]s\s+|ILO[- ](?=[A-Z]))", re.I)
_OF_ILO = re.compile(r",?\s+(?:of\s+the\s+ILO|\(ILO\))$")
_GOVERNMENT = re.compile(r"^(?:(?P<adj>[A-Z][\w'’]+)\s+)?(?:Royal\s+)?Government(?:\s+of\s+(?:the\s+)?(?P<of>.+))?$")
_PLACE_ADJECTIVE = re.compile(r"^(?:[A-Z][a-z]+(?:ian|ean|ese|ish|an)|Lao|Thai)$")
# Adjectives of place that are not a country's name less an ending ("Cambodian", "Vietnamese" are found so).
_DEMONYMS = {"Thai": "THA", "Khmer": "KHM", "Filipino": "PHL", "Philippine": "PHL", "Chinese": "CHN",
             "Burmese": "MMR", "Timorese": "TLS", "Nepali": "NPL", "Bangladeshi": "BGD", "Pakistani": "PAK",
             "Singaporean": "SGP", "US": "USA", "U.S.": "USA", "American": "USA", "UK": "GBR", "British": "GBR",
             "Canadian": "CAN", "Norwegian": "NOR", "Swedish": "SWE", "Danish": "DNK", "Finnish": "FIN",
             "Dutch": "NLD", "Swiss": "CHE", "French": "FRA", "German": "DEU", "Belgian": "BEL", "Irish": "IRL",
             "Spanish": "ESP"}
# Another adjective of place, not resolved: it names some other country.
_PLACE_WORD = re.compile(r"^[A-Z][a-z]+(?:ian|ean|can|ese|ish)$")
_WORD_SPLIT = re.compile(r"[\s/-]+")
_TRAILING_PLACE = re.compile(r"(?:\s+(?:of|in)(?:\s+the)?)?\s+(?P<place>[A-Z][\w'’]+(?:\s+PDR)?)$")
_JOINING_HEADS = frozenset({"team", "office", "secretariat", "staff"})
# Verbs that open an action item ("Establish Labour Court", "Strengthen Trade Union Federations"): not part of a
# name. Only words that are verbs alone: "Support", "Review" and "Reform" also open names of bodies.
_VERBS = frozenset("""establish strengthen develop promote improve enhance ensure create build provide implement
    introduce conduct organise organize expand extend encourage facilitate revise adopt increase reduce raise
    mobilise mobilize prepare continue consider engage involve invite ratify amend finalise finalize""".split())


@dataclass
class _Org:
    id: str
    name: str
    acronym: str | None
    kind: str
    names: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@lru_cache(maxsize=1024)
def kind_of(name: str, acronym: str | None = None) -> str:
    """The kind of organisation a known acronym, else the name's words, else the acronym's shape says it is."""
    if known := KNOWN.get(acronym or ""):
        return known[1]
    return next((kind for kind, rx in _KIND_RX if rx.search(name)), None) or \
        next((kind for kind, rx in _SHAPE_KINDS if acronym and rx.match(acronym)), "other")


def read(doc: Doc, out: Out) -> None:
    """Emit one Organization per organisation the report names, with every name it goes by registered."""
    found = _Found(out)
    skip = read_elsewhere(doc)
    defined = definitions(doc) + remark_definitions(doc)
    for d in defined:
        if _is_organisation(d):
            found.add(d.acronym, d.name, d.line)
    not_orgs = {d.acronym for d in defined if _names_other_thing(d)} - set(found.acronyms)
    neutral = {d.acronym: d.name for d in defined}
    for line, acronym in _office_units(doc, out):
        found.add(acronym, KNOWN.get(acronym, (acronym, ""))[0], line)
    texts = [(_DEPT.sub("Department ", s.text) if "Dept" in s.text else s.text, s.line)
             for s in doc.segments if s.line not in skip]
    text = _SEPARATOR.join(t for t, _ in texts)  # one pass of each pattern over the report, not one per segment
    starts = list(accumulate((len(t) + 1 for t, _ in texts[:-1]), initial=0))

    def line_at(pos: int) -> int:
        return texts[bisect_right(starts, pos) - 1][1]

    _bare_acronyms(text, line_at, found)
    for m in _OF_ACRONYM.finditer(text):
        parts = _PARTS.split(m.group(1))
        if _holder_before(text, m.start()) and all(_PLAIN_ACRONYM.match(p) for p in parts):
            for part in parts:
                _add_acronym(found, part, line_at(m.start()), not_orgs, neutral)
    for m in _known_names(text):
        if not (m.group(0) == "United Nations" and _UN_AS_ADJECTIVE.match(text, m.end())):
            acronym, _ = _KNOWN_NAMES.get(m.group(0), ("", ""))
            found.add(acronym or _KNOWN_BY_NAME.get(name_key(m.group(0))), m.group(0), line_at(m.start()))
    names = []
    for segment, line in texts:
        if _PERSON_LINE.match(segment) and "," in segment:
            last = segment.rsplit(",", 1)[1].strip(" .;")
            if _PLAIN_ACRONYM.match(last) or _TOKEN.fullmatch(last):
                _add_acronym(found, last, line, not_orgs, neutral)
            elif _affiliation(last):
                names.append((last, line))
    for i in sorted({bisect_right(starts, m.start()) - 1 for m in _HEAD_WORD.finditer(text)}):
        segment, line = texts[i]
        names.extend((name, line) for m in _RUN.finditer(segment)
                     if _HEAD_WORD.search(m.group(0)) and (name := _body_name(m.group(0), found.acronyms)))
    for name, line in sorted(names, key=lambda item: -len(item[0])):
        found.add(None, name, line)
    for org in found.merged():
        _emit(org, out)


def _is_organisation(d: Definition) -> bool:
    if d.acronym in KNOWN:
        return d.acronym not in _NOT_ORGS_IN_KNOWN
    name = re.sub(r"\s*\([^()]*\)?\s*$", "", d.name)
    words = {_bare(w) for w in name.split()}
    return name[:1].isupper() and (names_body(name) or (bool(words & BODY_HEADS) and not words & NOT_BODY_HEADS))


def _names_other_thing(d: Definition) -> bool:
    """The definition names a project, a plan or a concept ("technical and vocational training"), not a body."""
    return not d.name[:1].isupper() or bool({_bare(w) for w in d.name.split()} & NOT_BODY_HEADS)


def _bare_acronyms(text: str, line_at, found: _Found) -> None:
    """Acronyms the text uses as organisations without defining them: known ones, and those shaped like a body."""
    for m in _TOKEN.finditer(text):
        token = m.group(0)
        key = _bare_key(token)
        if key is None or key in found.acronyms:
            continue
        if key == "UN" and _UN_AS_ADJECTIVE.match(text, m.end()):
            continue  # "UN agencies", "UN and national partners": the system, not a body
        found.add(key, KNOWN.get(key, (token, ""))[0], line_at(m.start()), token)


def _holder_before(text: str, at: int) -> bool:
    """The word before " of ACR" holds a post or is a part of a body: "President of CCTUF", "Secretariat of CCTU"."""
    before = text[max(0, at - 40):at].rsplit(None, 1)
    return bool(before) and _bare(before[-1]) in _HOLDERS


def _known_names(text: str) -> list[re.Match]:
    """Each known body's full name in the text (the longest, where several begin at one place)."""
    return [_KNOWN_NAME.match(text, m.start()) for m in _KNOWN_START.finditer(text)]


def _add_acronym(found: _Found, printed: str, line: int, not_orgs: set[str], defined: dict[str, str]) -> None:
    """An acronym the text's structure says is an organisation ("President of CCTUF", "Mr X, Adviser, GTZ")."""
    key = _RENAMED.get(acronym_key(printed), acronym_key(printed))
    if len(key) > 1 and key not in not_orgs and key not in _NOT_ORGS_IN_KNOWN:
        found.add(key, defined.get(key) or KNOWN.get(key, (printed, ""))[0], line, printed)


@lru_cache(maxsize=4096)
def _bare_key(token: str) -> str | None:
    """The id key of an acronym that is an organisation even undefined (known, or shaped like a body), else None."""
    key = acronym_key(token)
    key = _RENAMED.get(key, key)
    if key in KNOWN:
        return None if key in _NOT_ORGS_IN_KNOWN else key
    return key if _MINISTRY_SHAPE.match(token) or _BODY_SHAPE.match(token) else None


def _affiliation(part: str) -> bool:
    """The last part of a "Mr Name, Position, Body" line names a body: an acronym or a few capitalised words."""
    words = part.split()
    if not words or len(words) > 6 or any(_bare(w) in _ROLES or _bare(w) in NOT_BODY_HEADS for w in words):
        return False
    return all(w[:1].isupper() or w.lower() in STOP for w in words) and words[-1].lower() not in STOP


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


def _body_name(run: str, acronyms: dict[str, str]) -> str | None:
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
    start, end = _start(words, h, acronyms), _end(words, h)
    name = " ".join(words[start:end]).rstrip(",")
    name = _PLACE_SUFFIX.sub("", _POSSESSIVE_S.sub("", name))  # "...Training-Province"
    if " and " in name and name_key(after := name.rsplit(" and ", 1)[1]) in _KNOWN_BY_NAME:
        name = after  # "United States and European Union"
    if len(name.split()) < 2 or _BAD_LEADS.match(name) or _PROJECT_BODY.search(name):
        return None
    if end == h + 1 and all(w.lower() in _GENERIC for w in words[start:h]):
        return None
    return name


@lru_cache(maxsize=8192)
def _bare(word: str) -> str:
    """The word lowercased, without surrounding punctuation and a possessive ending."""
    return _POSSESSIVE.sub("", word.strip(",.;:")).lower()


def _start(words: list[str], h: int, acronyms: dict[str, str]) -> int:
    """Where the name begins: after a small word, a comma, a job title, an organisation's acronym
    ("MOLVT National Technical Training Institute"), an owner's possessive ("MOLVT's Institute") or a verb
    that opens an action item ("Establish Labour Court")."""
    i = h
    while i > 0:
        w = words[i - 1]
        if w.endswith(",") or (_POSSESSIVE.search(w) and _bare(w) not in _OWNERS):
            break
        if w in ("and", "&"):
            if not (i < h and _joined_words(words, i - 1)):
                break
        elif (not w[:1].isupper() or w.lower() in STOP or _bare(w) in _ROLES
              or (w in acronyms and w not in _KEEP_CAPS)):
            break
        i -= 1
    while i < h and (words[i].lower() in STOP or LEADS.match(words[i] + " ") or _bare(words[i]) in _VERBS):
        i += 1
    return i


def _names_body_ahead(words: list[str], i: int) -> bool:
    """A body word comes before the next comma: the words from `i` name another body."""
    for w in words[i:]:
        if _bare(w) in BODY_HEADS:
            return True
        if w.endswith(","):
            return False
    return False


def _joined_words(words: list[str], at: int) -> bool:
    """The "and" at `at` joins one to three plain capitalised words, opening the name, to the words of a
    body's name ("Child Labour and Child Trafficking Office"), not two names ("CARE and Plan International")."""
    j = at
    while j > 0 and at - j < 4:
        w = words[j - 1]
        if not w[:1].isupper() or w.lower() in STOP or w.endswith(",") or _bare(w) in _ROLES:
            break
        if _bare(w) in BODY_HEADS or ACRONYM_TOKEN.match(w):
            return False
        j -= 1
    return 0 < at - j < 4


def _end(words: list[str], h: int) -> int:
    """Where the name ends on the right: after its head, or after an of/for/on phrase ("Ministry of X, Y and Z").

    The phrase stops at a small word other than of/for/on/the/and, an acronym, a job title, a new body
    ("Ministry of Labour, Ministry of Planning", "... for Migration and United Nations Fund") or a comma
    not followed by an "and" that closes a list.
    """
    if h + 1 >= len(words) or words[h].endswith(",") or words[h + 1] not in ("of", "for", "on"):
        return h + 1
    end = h + 1
    for i in range(h + 1, len(words)):
        w, bare = words[i], _bare(words[i])
        if bare in _PROJECT_WORDS:
            return h + 1
        if ((w.lower() in STOP and w.lower() not in _TAIL_WORDS) or bare in _ROLES
                or (ACRONYM_TOKEN.match(w.strip(",")) and w.strip(",") not in _KEEP_CAPS)
                or (w == "United" and words[i - 1] not in ("the", "of"))
                or (words[i - 1] in ("and", "&") and _names_body_ahead(words, i))
                or (bare in BODY_HEADS and words[i - 1].endswith((",", "and", "&")))):
            break
        if w[:1].isupper():
            end = i + 1
        if w.endswith(",") and not any(x in ("and", "&") for x in words[i + 1:i + 5]):
            break
    while end > h + 1 and words[end - 1].lower() in _TAIL_WORDS:
        end -= 1
    return end


_PROJECT_WORDS = frozenset("project projects programme programmes program programs plan plans strategy".split())
_KNOWN_BY_NAME = {name_key(n): a for a, (n, _) in KNOWN.items()}
_KNOWN_FULL = sorted({n for a, (n, _) in KNOWN.items() if " " in n and a not in _NOT_ORGS_IN_KNOWN} | set(_KNOWN_NAMES),
                     key=len, reverse=True)
# The rest of each full name after its first letter; a name of one word counts only before a space.
_KNOWN_RESTS = [(n[0], re.escape(n[1:]) + (r"\b" if " " in n else "(?= )")) for n in _KNOWN_FULL]
_KNOWN_NAME = re.compile("|".join(first + rest for first, rest in _KNOWN_RESTS))
# Where a full name begins, at a word start: it takes only the first letter (the rest is looked ahead),
# so that a name within a name ("United Nations" in "Office of the United Nations High ...") is found too.
_KNOWN_START = re.compile("|".join(
    word_start(first, "(?=" + "|".join(r for f, r in _KNOWN_RESTS if f == first) + ")")
    for first in dict.fromkeys(f for f, _ in _KNOWN_RESTS)))


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
        name = _THE.sub("", name)
        if acronym:
            acronym = _RENAMED.get(acronym, acronym)
            org_id = self.acronyms.get(acronym) or organisation_id(acronym, name)
        else:
            org_id = self._known_as(name)
        if not org_id:
            return
        org = self.orgs.get(org_id)
        if org is None:
            if not acronym and (known := self._known_acronym(name)):
                acronym, printed = known, printed or name
                name = name if name_key(name) == name_key(KNOWN[known][0]) else KNOWN[known][0]
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

    def _known_as(self, name: str) -> str:
        """The id of the organisation this name (without acronym) belongs to; a new id when none."""
        for variant in _variants(name, self.out.country):
            key = name_key(variant)
            org_id = (self.names.get(key) or self.out.lookup("Organization", variant)
                      or self.acronyms.get(_KNOWN_BY_NAME.get(key, "")))
            if org_id:
                return org_id
        if (government := self._government(name)) is not None:
            return government
        return self._by_initials(name) or organisation_id(self._known_acronym(name), name)

    def _known_acronym(self, name: str) -> str | None:
        """The acronym of the known body (`KNOWN`) that the name, or a variant of it, names."""
        return next((a for v in _variants(name, self.out.country) if (a := _KNOWN_BY_NAME.get(name_key(v)))), None)

    def _government(self, name: str) -> str | None:
        """"Government of Lao PDR", "Lao Government", "Royal Government": the report's country's government."""
        m = _GOVERNMENT.match(name)
        if not m or not self.out.country:
            return None
        place = m.group("of") or m.group("adj") or ""
        if place and self.out.country not in countries_named(place):  # "Lao", "Cambodian", "of Viet Nam"
            return None
        org_id = self.names.setdefault("government", organisation_id(None, "Government"))
        return org_id

    def _by_initials(self, name: str) -> str | None:
        """The organisation whose acronym the name's words up to its head spell ("Decent Work Technical Team" ->
        DWT), or whose acronym the name carries before a generic head ("ILO DWT Team")."""
        words = name.split()
        h = next((i for i, w in enumerate(words) if _bare(w) in BODY_HEADS), len(words) - 1)
        if h < 1:
            return None
        if _bare(words[h]) in _JOINING_HEADS:
            for w in words[:h]:
                if w not in _KEEP_CAPS and (org_id := self.acronyms.get(acronym_key(w))):
                    return org_id
        shorts = [" ".join(words[:h + 1])] + ([" ".join(words[:h])] if _bare(words[h]) in _JOINING_HEADS else [])
        initials = name_key(shorts[0])[:1].upper()
        for acronym, org_id in self.acronyms.items():
            if acronym[:1] != initials:
                continue
            first = _PARTS.split(acronym)[0]
            if len(first) >= 3 and any(spells(first, short) for short in shorts):
                return org_id
        return None

    def _index(self, name: str, org_id: str) -> None:
        """Let the name, and its parts of two or more words that keep the body word, find the organisation:
        "Ministry of Labour" for "Ministry of Labour and Social Welfare"."""
        words = name.split()
        heads = [i for i, w in enumerate(words) if _bare(w) in BODY_HEADS]
        self.names.setdefault(name_key(name), org_id)
        if not heads:
            return
        h = heads[-1]
        for i in range(1, h):
            self.names.setdefault(name_key(" ".join(words[i:])), org_id)
        if h + 1 < len(words) and h >= 1:
            self.names.setdefault(name_key(" ".join(words[: h + 1])), org_id)
        if cut := _short_form(words):
            self.names.setdefault(name_key(cut), org_id)

    def merged(self) -> list[_Org]:
        """The organisations, with an acronym folded into the one that extends it (DWT into DWT-BANGKOK,
        OSHNET into ASEAN-OSHNET) and acronyms defined with the same name (MPWT, MOPWT) folded together."""
        by_acronym = {o.acronym: o for o in self.orgs.values() if o.acronym}
        compound = [(_PARTS.split(a), o) for a, o in by_acronym.items() if _PARTS.search(a)]
        for acronym, org in by_acronym.items():
            parts = _PARTS.split(acronym)
            wider = [o for wide, o in compound if o is not org and _extends(wide, parts)]
            if acronym not in KNOWN and len(wider) == 1:
                self._fold(org, wider[0])
        seen: dict[str, _Org] = {}
        for org in list(self.orgs.values()):
            first = seen.setdefault(name_key(org.name), org)
            if first is not org:
                self._fold(org, first)
        return list(self.orgs.values())

    def _fold(self, org: _Org, into: _Org) -> None:
        if self.orgs.get(org.id) is not org or self.orgs.get(into.id) is not into:
            return
        into.names.extend(n for n in org.names if n not in into.names)
        into.evidence.extend(e for e in org.evidence if e not in into.evidence)
        if into.kind == "other":
            into.kind = org.kind
        del self.orgs[org.id]


def _variants(name: str, country: str | None) -> list[str]:
    """The name; without "ILO" and "of the ILO"; without a leading adjective of place ("Cambodian"), or a
    trailing place ("... of Cambodia", "... Lao PDR"), where the place is the report's country; with its last
    word in the other number ("Federation of Trade Union" for "... Unions"); cut before its first "and" or comma."""
    bare = _OF_ILO.sub("", _ILO_LEAD.sub("", name))
    found = [name, bare]
    words = bare.split()
    if len(words) > 2 and _PLACE_ADJECTIVE.match(words[0]) and _is_the_country(words[0], country):
        found.append(" ".join(words[1:]))
    if len(words) > 2 and (m := _TRAILING_PLACE.search(bare)) and _is_the_country(m.group("place"), country):
        found.append(bare[:m.start()])
    if len(words) > 1 and (last := words[-1]).isalpha() and last[:1].isupper():
        other = last[:-1] if last.endswith("s") and not last.endswith("ss") else last + "s"
        found.append(" ".join([*words[:-1], other]))
    if cut := _short_form(words):
        found.append(cut)
    return found


def _is_the_country(place: str, country: str | None) -> bool:
    """The place names the report's country and no other."""
    return country is not None and countries_named(place) == {country}


@lru_cache(maxsize=1024)
def countries_named(name: str) -> frozenset[str]:
    """The countries a name names ("Cambodian", "of Lao PDR", "Kingdom of Cambodia", "Norwegian"); "?" for an
    adjective of place it cannot resolve that opens it ("Icelandic")."""
    words = [w.strip(",.;:()'’") for w in _WORD_SPLIT.split(name)]
    words = [w[:-2] if w.endswith(("'s", "’s")) else w for w in words if w[:1].isupper()]
    found: set[str] = set()
    i = 0
    while i < len(words):
        codes, n = _place_at(words, i)
        found |= codes
        i += n
    if words and not found and _PLACE_WORD.match(words[0]):
        found.add("?")
    return frozenset(found)


def _place_at(words: list[str], i: int) -> tuple[set[str], int]:
    """(countries, words read) at word i: three words or two ("Papua New Guinea", "Viet Nam"), else one: an
    adjective of place (`_DEMONYMS`), or a name as it stands or less "n" ("Cambodian") or "ese" ("Vietnamese")."""
    for n in (3, 2):
        if i + n <= len(words) and (codes := {c[0] for c in quickfacts.countries(" ".join(words[i:i + n]))}):
            return codes, n
    w = words[i]
    if w in _DEMONYMS:
        return {_DEMONYMS[w]}, 1
    return {c[0] for stem in (w, w[:-1], w[:-3]) if len(stem) > 2 for c in quickfacts.countries(stem)}, 1


def _short_form(words: list[str]) -> str | None:
    """"Ministry of Labour" for "Ministry of Labour and Social Welfare": the name up to its first "and" or comma
    after "Head of X"."""
    if len(words) < 4 or words[1] not in ("of", "for") or _bare(words[0]) not in BODY_HEADS:
        return None
    cut = next((i for i in range(3, len(words)) if words[i] in ("and", "&") or words[i - 1].endswith(",")), None)
    return " ".join(words[:cut]).rstrip(",") if cut else None


def _extends(wide: list[str], narrow: list[str]) -> bool:
    """The wider acronym's parts begin or end with the narrower's (DWT-BANGKOK and DWT, ASEAN-OSHNET and OSHNET)."""
    n = len(narrow)
    return len(wide) > n and (wide[:n] == narrow or wide[-n:] == narrow)


def _emit(org: _Org, out: Out) -> None:
    aliases = sorted({n for n in org.names if n not in (org.name, org.acronym)})
    named = countries_named(org.name)
    national = org.kind == "government" and out.country is not None and named <= {out.country}
    if national:  # a government body of the report's country: its id carries the country
        country = out.country
    else:  # the one country the name names, if any
        country = next(iter(named)) if len(named) == 1 and "?" not in named else None
    org_id = f"{out.country}/{org.id}" if national else org.id
    props = {"name": org.name, "acronym": org.acronym, "kind": org.kind, "aliases": aliases, "country": country}
    if out.node("Organization", org_id, props, org.evidence):
        out.register("Organization", org_id, org.name, org.acronym, *aliases)
