"""What a report states about its projects: the outcomes they contribute to, budgets, donors, programmes.

Decisions:
- CONTRIBUTES_TO (basis stated) rests on the statement that links a project
  to an outcome, not on every mention near it. An outcome opening (a
  paragraph, heading or table row that starts with outcome codes: "LAO
  101/102:", "KHM 106", "Outcome: KHM 176 –", "DWCP outcome 2:") governs a
  block up to the next opening or heading. Inside it, a project contributes
  when named in the opening statement (the opening paragraph, or the first
  substantial paragraph or cell after a bare code), when it is the subject
  of a sentence ("The WEDGE Project helped ..."), or when it follows
  "under/through/supported by/funded by (the)". Sentences about
  collaboration between projects ("links with", "in collaboration with",
  "successor", "such as") link nothing. "Project (under KHM 156)" links
  directly wherever it stands.
- An outcome statement's list ("This outcome includes: A; B; and C") names
  projects.
- FUNDED_BY: "X-funded Project" and "Project (X financed)" with X a known
  organisation; budget and currency from "Project (US$3.4 million)".
- PART_OF: a project "under the ILO/Korea Partnership Programme" is part of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from loaders.report import acronyms, quickfacts
from loaders.report.document import Doc
from loaders.report.ids import outcome_code
from loaders.report.out import Out
from loaders.report.project_index import Names, Projects
from loaders.report.project_names import FUNDED_LEAD, PARENS, listed, until_close
from loaders.report.text import Segment

_OUTCOME_OPENING = re.compile(
    r"^(?:outcome\s*:?\s*|priority\s+)?(?:(?P<codes>[A-Z]{3}\s?\d{3}(?:\s*(?:[/,&]|and)\s*(?:[A-Z]{3}\s?)?\d{3})*)"
    r"|(?P<dwcp>DWCP\s+outcome\s+\d+(?=\s*:)))\b\s*[:–—-]?", re.I)
_BLOCK_END = re.compile(r"^(?:average|total)\s+score\b", re.I)  # the closing row of an outcome's rating table
_FOOTNOTE = re.compile(r"^[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s")
_UNDER = re.compile(r"^\s*(?:project|programme|initiative)?\s*\((?:under|see)\s+(?P<code>[A-Z]{3}\s?\d{3})\)")
SENTENCE = re.compile(r"\s(?<=[.!?]\s)\s*(?=[A-Z(\"“])")  # opens with the space, not a lookbehind
# Every alternative opens with a plain letter, so that a scan skips to those letters.
_COLLAB = re.compile(r"Collaborat|collaborat|cooperation with|" + acronyms.word_start("L", r"inks? with|")
                     + acronyms.word_start("l", r"inks? with|") + r"partner(?:ing|ed|ship) with|Working with|"
                     r"working with|synerg|successor|Follow[- ]on|follow[- ]on|such as|redirected|initiative with")
_OBJECT_CUE = re.compile(r"(?<!\()\b(?:under|through|supported by|sponsorship from|sponsored by|funded by|financed by)\s+"
                         r"(?:the\s+)?(?:ILO['’]s\s+)?$")
_LIST_CUE = re.compile(r"\b(?:includ(?:es|ed|ing)|encompass(?:es|ed)?)\b\s*:?\s*", re.I)
_LIST_CONTEXT = re.compile(r"\b(?:outcome|projects?|initiatives?|programmes?|sources)\b", re.I)
_LIST_NOUN = re.compile(r"^(?:a (?:wide )?range of |several |various )?(?:the )?(?:technical cooperation |other )?"
                        r"(?:projects|initiatives|programmes)\b[^(:;]*?(?:,\s*including\s*:?\s*|\(|:\s*)")
_MONEY_AFTER = re.compile(r"^\s*\((?:[A-Z][\w&/-]*,\s*)?(?P<money>(?:US\$|USD|\$|€|EUR)\s?[\d.,]+(?:\s*(?:million|billion|m))?)\)", re.I)
_FUNDED_AFTER = re.compile(r"^\s*\((?P<org>[A-Z][\w/ ]*?)[- ](?:funded|financed)\)")
_FACT_CUE = re.compile(r"US\$|USD|€|-funded|-financed|-supported| funded\)| financed\)")


@dataclass
class Block:
    """An outcome opening and what it governs: the outcomes, the segments, how many of them state the opening."""

    outcomes: list[str]
    segments: list[Segment] = field(default_factory=list)
    opening: int = 0

    @cached_property
    def statements(self) -> list[tuple[int, Segment, str]]:
        """(index of the segment, segment, sentence up to any word about collaboration) for each sentence."""
        return [(k, seg, _before_collaboration(sentence)) for k, seg in enumerate(self.segments)
                for sentence in SENTENCE.split(seg.text)]


def outcome_blocks(doc: Doc, out: Out) -> list[Block]:
    """Each outcome opening with the segments it governs (up to the next opening or heading)."""
    heading_lines = {s.line for s in doc.sections}
    blocks: list[Block] = []
    current: Block | None = None
    for seg in doc.segments:
        m = _OUTCOME_OPENING.match(seg.text) if not seg.bullet else None
        if m:
            codes = _codes(m.group("codes")) if m.group("codes") else [m.group("dwcp")]
            targets = [t for c in codes if (t := out.lookup("Outcome", c))]
            current = Block(targets) if targets else None
            if current:
                blocks.append(current)
        elif seg.line in heading_lines or _BLOCK_END.match(seg.text):
            current = None
        if current is not None:
            current.segments.append(seg)
    for block in blocks:
        block.opening = _opening_length(block.segments)
    return blocks


def _opening_length(segs: list[Segment]) -> int:
    """How many segments state the opening: the first, and after a bare code or title, up to the first substantial one."""
    words = 0
    for k, seg in enumerate(segs):
        words = len(_OUTCOME_OPENING.sub("", seg.text, count=1).split()) if k == 0 else len(seg.text.split())
        if words >= 25 or (k == 0 and words >= 12 and not seg.text.rstrip().endswith(tuple("abcdefghijklmnopqrstuvwxyz"))):
            return k + 1
    return len(segs)


def _codes(text: str) -> list[str]:
    """"LAO 101/102" -> [LAO101, LAO102]; "KHM 106" -> [KHM106]."""
    prefix = text[:3].upper()
    return [f"{prefix}{n}" for n in re.findall(r"\d{3}", text)]


def _before_collaboration(sentence: str) -> str:
    """The sentence up to a word about collaboration: what follows names partners, not contributors."""
    m = _COLLAB.search(sentence) if _COLLAB_WORD_IN(sentence) else None
    return sentence[:m.start()] if m else sentence


def _COLLAB_WORD_IN(text: str) -> bool:
    """A fast first filter for `_COLLAB`."""
    return " with" in text or "ollaborat" in text or "synerg" in text or "successor" in text or "ollow" in text \
        or "such as" in text or "redirected" in text


def statement_items(sentence: str) -> list[str]:
    """The names an outcome statement lists after "includes"/"including:" (separated by ";" when it has any)."""
    if "nclud" not in sentence and "ncompass" not in sentence:
        return []
    sentence = _OUTCOME_OPENING.sub("", sentence, count=1).lstrip()
    cue = _LIST_CUE.search(sentence)
    if not cue:
        return []
    context = sentence[max(0, cue.start() - 30):cue.end() + 40]
    if not (_LIST_CONTEXT.search(context) or cue.start() == 0):
        return []
    rest = sentence[cue.end():].rstrip(" .")
    noun = _LIST_NOUN.match(rest)
    if noun:
        rest = rest[noun.end():]
        if noun.group(0).rstrip().endswith("("):
            rest = until_close(rest)
    return listed(rest)


def contributes_to(out: Out, blocks: list[Block], names: Names) -> None:
    """CONTRIBUTES_TO from the projects an outcome's statements name to the outcome."""
    for block in blocks:
        for k, seg, sentence in block.statements:
            if _FOOTNOTE.match(seg.text):
                continue
            found = names.find(sentence)
            if not found:
                continue
            chosen = found if k < block.opening else _subjects(sentence, found) + _objects(sentence, found)
            ev = [out.evidence(seg.line, seg.line, sentence)]
            for start, end, pid in found:
                under = _UNDER.match(sentence[end:end + 30])
                code = outcome_code(under.group("code")) if under else None
                direct = out.lookup("Outcome", code) if code else None
                targets = ([direct] if direct else []) + (block.outcomes if (start, end, pid) in chosen else [])
                for outcome in targets:
                    out.edge("CONTRIBUTES_TO", pid, outcome, ev, {"basis": "stated"})


def _subjects(sentence: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The project(s) a sentence is about: the first named early on, and those joined to it by "and"."""
    if not found:
        return []
    first = found[0]
    prefix = PARENS.sub("", sentence[:first[0]])
    if sum(1 for w in prefix.split() if w[:1].islower()) > 6 or " that " in prefix:
        return []  # named late, or in reported speech ("informants said that ...")
    chosen = [first]
    for prev, nxt in zip(found, found[1:]):
        between = PARENS.sub("", sentence[prev[1]:nxt[0]])
        if re.fullmatch(r"\s*(?:projects?|programmes?)?\s*(?:,|and|&)\s*(?:the\s+)?", between):
            chosen.append(nxt)
        else:
            break
    return chosen


def _objects(sentence: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The projects named right after "under", "through", "supported by" ..."""
    return [f for f in found if _OBJECT_CUE.search(sentence[max(0, f[0] - 40):f[0]])]


def part_of(out: Out, names: Names, projects: Projects, segs: list[Segment]) -> None:
    """PART_OF from a project to the programme it is said to run under ("... under the ILO-Korea partnership programme")."""
    for seg in segs:
        if "programme" not in seg.text.lower() or " under " not in seg.text:
            continue
        found = names.find(seg.text)
        for (s1, e1, p1), (s2, e2, p2) in zip(found, found[1:]):
            if projects.found[p1].label == "Project" and projects.found[p2].label == "Programme" and \
                    re.fullmatch(r"\s*(?:\([^()]*\))?\s*(?:project\s+)?(?:\w+\s+)?under\s+(?:the\s+)?", seg.text[e1:s2]):
                out.edge("PART_OF", p1, p2, [out.evidence(seg.line, seg.line, seg.text)])


def facts(projects: Projects, names: Names, segs: list[Segment]) -> None:
    """Budgets and donors stated right next to a project's name."""
    for seg in segs:
        for start, end, pid in names.find(seg.text) if _fact_cue(seg.text) else ():
            project = projects.found[pid]
            after, before = seg.text[end:end + 60], seg.text[max(0, start - 40):start]
            money = _MONEY_AFTER.match(after)
            parsed = quickfacts.parse_money(money.group("money")) if money else None
            if parsed and not project.budget:
                project.budget = (parsed.amount, parsed.currency)
            funded = _FUNDED_AFTER.match(after) or FUNDED_LEAD.search(before.split(" the ")[-1] + " ")
            org = funded and projects.out.lookup("Organization", funded.group("org"))
            if org:
                project.funders.setdefault(org, projects.out.evidence(seg.line, seg.line, seg.text))


def funded_by(projects: Projects) -> None:
    """FUNDED_BY from each project to the donors `facts` found."""
    for project in projects.found.values():
        for org, ev in project.funders.items():
            projects.out.edge("FUNDED_BY", project.id, org, [ev])


def _fact_cue(text: str) -> bool:
    """`_FACT_CUE` is in the text (a fast first filter, then the pattern)."""
    return ("US" in text or "€" in text or "funded" in text or "financed" in text or "supported" in text) \
        and _FACT_CUE.search(text) is not None
