"""Node ids for what reports name, the same in every report that names it.

Cross-document identity rests on these rules: an organisation, project or
programme gets one id from its acronym (or, without one, its name), so WEDGE
in the Lao review and in the Cambodia review is one node. Codes are
normalised ("KHM 156" -> "KHM156").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CODE = re.compile(r"\b([A-Z]{3})\s?(\d{3})\b")


def slug(text: str, limit: int = 60) -> str:
    """Lowercase a-z0-9 words joined by "-", at most `limit` characters ("2006–2009" -> "2006-2009")."""
    text = re.sub(r"[–—‐-―]", "-", text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:limit].strip("-")


@lru_cache(maxsize=16384)
def name_key(text: str) -> str:
    """A name compared case-blind, without spaces and punctuation other than inner dots."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    text = text.replace("&", "and")
    return re.sub(r"[^a-z0-9.]", "", text).strip(".")


def _key(acronym: str | None, name: str | None) -> str:
    if acronym:
        return re.sub(r"[^A-Za-z0-9&/]+", "-", acronym.upper()).strip("-/")
    return slug(name or "")


def organisation_id(acronym: str | None, name: str | None = None, country: str | None = None) -> str:
    """An organisation's id: its acronym in capitals ("MOLSW" for "MoLSW"), else a slug of its name.

    Give `country` for a national body (a ministry, a national fund or assembly):
    the same acronym names different bodies in different countries (NSSF in Lao
    PDR and in Cambodia), so its id is qualified: "LAO/NSSF".
    """
    key = _key(acronym, name)
    return f"{country}/{key}" if country else key


def project_id(dc_symbol: str | None = None, acronym: str | None = None, name: str | None = None) -> str:
    """A project's id: its DC symbol, else PROJECT/ and its acronym or name."""
    return dc_symbol or f"PROJECT/{_key(acronym, name)}"


def programme_id(acronym: str | None, name: str | None = None) -> str:
    return f"PROGRAMME/{_key(acronym, name)}"


def outcome_code(text: str) -> str | None:
    """The country outcome code in `text`, normalised: "KHM 156" -> "KHM156"."""
    m = _CODE.search(text)
    return m.group(1) + m.group(2) if m else None


def outcome_id(code: str, biennium: str | None = None) -> str:
    """A coded outcome's id: the code, with "/biennium" when the report ties the code to one."""
    return f"{code}/{biennium}" if biennium else code


def undaf_id(country: str, start: int, end: int) -> str:
    return f"UNDAF/{country}/{start}-{end}"


def plan_id(country: str, acronym: str | None, name: str | None = None) -> str:
    return f"PLAN/{country}/{_key(acronym, name)}"


def convention_id(number: int) -> str:
    return f"C{number:03d}"
