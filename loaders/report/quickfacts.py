"""The QUICK FACTS block of the ILO evaluation summary, and the values found in it.

Fields are found by their labels ("Evaluation date:", "DC Symbol:", ...), so a
block with one field a line and a block run together on one line read alike.
A field's value runs to the next label; it continues onto the next line only
when that line follows directly (no blank line) and holds no label.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache

import pycountry

from loaders.report.text import clean

_FIELDS = (
    ("countries", r"countr(?:y|ies)(?:\s+covered)?"),
    ("date", r"evaluation\s+date|date\s+of\s+(?:the\s+)?evaluation"),
    ("type", r"evaluation\s+type|type\s+of\s+evaluation"),
    ("timing", r"evaluation\s+timing"),
    ("administrative_office", r"admin(?:istrative)?\.?\s+office"),
    ("technical_office", r"technical\s+(?:backstopping\s+)?(?:office|unit)"),
    ("manager", r"evaluation\s+manager"),
    ("consultants", r"evaluation\s+consultants?(?:\s*\(s\))?|evaluators?(?:\s*\(s\))?"),
    ("dc_symbol", r"(?:dc|project)\s+(?:symbols?|codes?)(?:\s*\(s\))?"),
    ("donor", r"donors?(?:\s*\(s\))?(?:\s*(?:&|and)\s*budget)?"),
    ("budget", r"(?:total\s+)?budget"),
    ("keywords", r"key\s*words?"),
)
FIELD_KEYS = tuple(key for key, _ in _FIELDS)
_LABEL = re.compile(
    r"(?<![\w(/])(?:" + "|".join(f"(?P<{key}>{pattern})" for key, pattern in _FIELDS) + r")\s*(?::\s*)+",
    re.I,
)

DC_SYMBOL = re.compile(r"(?<![\w/])[A-Z]{3}/\d{2}/\d{2,3}[A-Z]?/[A-Z]{2,4}(?:/\d{1,2})?(?![\w/])")

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,\s*(\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")  # day first, as the ILO writes dates
_MONTH_YEAR = re.compile(r"\b([A-Za-z]+)\.?,?\s+(\d{4})\b")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")

_CURRENCIES = (
    ("USD", r"US\s*\$|USD|US\s+dollars?|\$"),
    ("EUR", r"EUR|euros?|€"),
    ("CHF", r"CHF"),
    ("GBP", r"GBP|£"),
)
_CURRENCY = "|".join(f"(?:{p})" for _, p in _CURRENCIES)
_MONEY = re.compile(
    rf"(?P<pre>{_CURRENCY})?\s*"
    r"(?P<num>\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?:\s*(?P<mult>million|mio|mn|billion|bn|thousand)\b)?"
    rf"(?:\s*(?P<post>{_CURRENCY})(?![A-Za-z]))?",
    re.I,
)
_MULTIPLIERS = {"million": 1e6, "mio": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "thousand": 1e3}

_HONORIFIC = re.compile(r"^(?:mr|mrs|ms|miss|dr|prof)\.?\s+", re.I)
_ACRONYM = re.compile(r"^(?P<name>.+?)\s*\((?P<acronym>[A-Z][A-Za-z0-9/&.\-]{1,19})\)$")

# Country names as reports print them that pycountry does not know.
COUNTRY_ALIASES = {
    "lao pdr": "LAO", "lao": "LAO", "laos": "LAO",
    "korea": "KOR", "republic of korea": "KOR", "south korea": "KOR",
    "dprk": "PRK", "north korea": "PRK",
    "vietnam": "VNM", "viet nam": "VNM",
    "timor leste": "TLS", "east timor": "TLS",
    "russia": "RUS", "turkey": "TUR", "micronesia": "FSM",
    "palestine": "PSE", "occupied palestinian territory": "PSE",
    "drc": "COD", "dr congo": "COD", "democratic republic of congo": "COD",
    "ivory coast": "CIV", "cote d'ivoire": "CIV", "cape verde": "CPV", "swaziland": "SWZ",
    "burma": "MMR", "macedonia": "MKD", "czech republic": "CZE", "brunei": "BRN",
}


@dataclass(frozen=True)
class Field:
    """One QUICK FACTS field: its value and where it was printed."""

    key: str
    value: str
    line: int
    end_line: int
    label: str


@dataclass(frozen=True)
class Money:
    amount: float
    currency: str
    start: int  # span of the match in the text it was found in
    end: int


@dataclass(frozen=True)
class Donor:
    name: str
    acronym: str | None


def read_fields(lines: list[str], first: int, last: int) -> tuple[dict[str, Field], list[tuple[int, str]]]:
    """Fields from lines `first`..`last` (1-based), and (line, message) warnings.

    The block ends early at the first label-free line that does not directly
    follow a field (the paragraph after a run-together block).
    """
    fields: dict[str, Field] = {}
    warnings: list[tuple[int, str]] = []
    open_field: tuple[str, str, int, int, str] | None = None  # key, value, line, end_line, label

    def close() -> None:
        nonlocal open_field
        if open_field:
            key, value, start, end, label = open_field
            value = value.strip(" :;,")
            if key in fields:
                warnings.append((start, f"QUICK FACTS: {label!r} given twice; the first is kept"))
            elif value:
                fields[key] = Field(key, value, start, end, label)
        open_field = None

    for number in range(first, min(last, len(lines)) + 1):
        text = clean(lines[number - 1])
        if not text:
            close()
            continue
        matches = list(_LABEL.finditer(text))
        if not matches:
            if open_field and open_field[3] == number - 1:
                key, value, start, _, label = open_field
                open_field = (key, f"{value} {text}", start, number, label)
                continue
            if fields or open_field:
                break
            continue
        before = text[: matches[0].start()].strip()
        if before and open_field and open_field[3] == number - 1:
            key, value, start, _, label = open_field
            open_field = (key, f"{value} {before}", start, number, label)
        for i, m in enumerate(matches):
            close()
            end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
            open_field = (m.lastgroup, text[m.end():end], number, number, m.group(0).rstrip(" :"))
    close()
    return fields, warnings


def parse_date(text: str) -> str | None:
    """An ISO date (YYYY-MM-DD, or YYYY-MM / YYYY when that is all there is) from text."""
    for pattern, order in ((_ISO, "ymd"), (_DAY_MONTH_YEAR, "dmy"), (_MONTH_DAY_YEAR, "mdy"), (_NUMERIC, "dmy")):
        for m in pattern.finditer(text):
            parts = dict(zip(order, m.groups()))
            month = _month(parts["m"])
            if month is None:
                continue
            try:
                return date(int(parts["y"]), month, int(parts["d"])).isoformat()
            except ValueError:
                continue
    for m in _MONTH_YEAR.finditer(text):
        month = _month(m.group(1))
        if month:
            return f"{m.group(2)}-{month:02d}"
    m = _YEAR.search(text)
    return m.group(1) if m else None


def _month(token: str) -> int | None:
    return int(token) if token.isdigit() else _MONTHS.get(token.lower())


def parse_money(text: str) -> Money | None:
    """The first amount in `text` that names its currency."""
    for m in _MONEY.finditer(text):
        symbol = m.group("pre") or m.group("post")
        if not symbol:
            continue
        multiplier = _MULTIPLIERS.get((m.group("mult") or "").lower(), 1)
        amount = _number(m.group("num"), multiplier != 1)
        currency = next(code for code, p in _CURRENCIES if re.fullmatch(p, symbol.strip(), re.I))
        return Money(round(amount * multiplier, 2), currency, m.start(), m.end())
    return None


def _number(digits: str, scaled: bool) -> float:
    """A number printed with either "," or "." for thousands (1,000.5 / 1.000,5 / 1.000.000)."""
    if "," in digits and "." in digits:
        decimal = "," if digits.rfind(",") > digits.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        return float(digits.replace(thousands, "").replace(decimal, "."))
    for sep in ",.":
        if sep in digits:
            parts = digits.split(sep)
            if len(parts) > 2 or (len(parts[1]) == 3 and not scaled):
                return float(digits.replace(sep, ""))
            return float(digits.replace(sep, "."))
    return float(digits)


def dc_symbols(text: str) -> list[str]:
    """DC symbols (RAS/21/50/KOR) in `text`, in order, without repeats."""
    return list(dict.fromkeys(DC_SYMBOL.findall(text)))


def donors(text: str, money: Money | None) -> list[Donor]:
    """The donors named in a "Donor(s) & budget" value (the amount, if any, taken out first).

    Donors are separated by ";" or by the amount; commas stay (they occur inside names).
    """
    if money:
        text = text[: money.start] + ";" + text[money.end:]
    out = []
    for part in re.split(r";|\n", text):
        part = re.sub(r"^(?:(?:total\s+)?budget\b|the\s+)", "", part.strip(" .,:"), flags=re.I).strip(" .,:")
        if not re.search(r"[A-Za-z]{2}", part) or re.fullmatch(_CURRENCY, part, re.I):
            continue
        m = _ACRONYM.match(part)
        name, acronym = (m.group("name"), m.group("acronym")) if m else (part, None)
        name = re.sub(r"^the\s+", "", name, flags=re.I).strip(" ,")
        if name:
            out.append(Donor(name, acronym))
    return out


def person_names(text: str) -> list[str]:
    """Names from a list of people, given name first: roles in parentheses and titles (Mr., Dr.) dropped.

    Surname-first forms are turned round: "Loop, Theo van der" where people
    are separated by semicolons, and a surname in capitals ("LOOP, Theo",
    "LOOP Theo").
    """
    text = re.sub(r"\([^()]*\)", " ", text)
    if ";" in text:
        parts = [_turned(p.split(",", 1)) if p.count(",") == 1 else p for p in re.split(r";|&|\band\b", text)]
    else:
        parts = []
        for part in re.split(r",|&|\band\b", text):
            if parts and _is_surname(parts[-1]) and not _is_surname(part):
                parts[-1] = _turned((parts[-1], part))
            else:
                parts.append(part)
    names = []
    for part in parts:
        name = _HONORIFIC.sub("", " ".join(part.split())).strip(" .")
        words = name.split()
        if len(words) > 1 and _is_surname(words[0]) and not _is_surname(words[-1]):
            name = _turned((words[0], " ".join(words[1:])))
        if name and name[0].isupper():
            names.append(name)
    return names


def _is_surname(part: str) -> bool:
    """A word in capitals, as surnames are written in surname-first lists ("LOOP")."""
    word = _HONORIFIC.sub("", part.strip()).strip(" .")
    return len(word) > 1 and word.isupper() and word.isalpha()


def _turned(parts) -> str:
    surname, given = (" ".join(p.split()) for p in parts)
    surname = _HONORIFIC.sub("", surname)
    return f"{given} {surname.title() if surname.isupper() else surname}"


def keywords(text: str) -> list[str]:
    """The comma- or semicolon-separated keywords; "A and B" naming two countries is two keywords."""
    found = []
    for part in re.split(r"[,;]", text):
        part = part.strip(" .")
        pair = re.split(r"\s+(?:and|&)\s+", part)
        found.extend(pair if len(pair) == 2 and all(len(countries(p)) == 1 for p in pair) else [part] if part else [])
    return found


def countries(text: str) -> list[tuple[str, str, str]]:
    """(alpha-3, iso2, name) for each country named; regions and groupings are skipped."""
    index = _country_index()
    found = {}
    text = re.sub(r"\([^()]*\)", " ", text)
    for part in re.split(r",|;|&|/|\band\b", text):
        code = index.get(_country_key(part))
        if code and code not in found:
            country = pycountry.countries.get(alpha_3=code)
            found[code] = (code, country.alpha_2, getattr(country, "common_name", None) or country.name)
    return list(found.values())


def _country_key(name: str) -> str:
    name = unicodedata.normalize("NFKD", name.replace("’", "'")).encode("ascii", "ignore").decode()
    name = " ".join(name.lower().replace("-", " ").split()).strip(" .")
    return re.sub(r"^the ", "", name)


@cache
def _country_index() -> dict[str, str]:
    index = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            if name:
                index[_country_key(name)] = country.alpha_3
                if ", " in name:  # "Korea, Republic of" -> "Republic of Korea"
                    head, tail = name.split(", ", 1)
                    index[_country_key(f"{tail} {head}")] = country.alpha_3
    index.update(COUNTRY_ALIASES)
    return index


def slug(text: str, limit: int = 60) -> str:
    """Lowercase a-z0-9 words joined by "-", at most `limit` characters."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:limit].strip("-")
