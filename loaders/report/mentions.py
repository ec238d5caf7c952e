"""Where a report's sentences name the nodes earlier readers emitted, and the quotes that show it.

Shared by the readers of PARTNERS_WITH (`partners`, `partner_statements`): a segment's sentences, the names of
one label's nodes in a text (`Names`), patterns of words that find their letters fast (`words`), and the evidence
for a name: its sentence's line and a quote around it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from kg.records import Evidence
from loaders.report import acronyms
from loaders.report.out import Out
from loaders.report.text import QUOTE_MAX

_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z(\"“])")  # as contributions.SENTENCE, opening with the stop
_WORD = re.compile(acronyms.word_start("[A-Z]", r"[\w&]*", r"\w&-"))


class Mention(NamedTuple):
    """A node named in a text: where, and which."""

    start: int
    end: int
    id: str


class Sentence(NamedTuple):
    """A sentence of the report, with the line its segment is on."""

    line: int
    text: str


def words(*words: str, whole: bool = True) -> re.Pattern:
    """Any of the words (or, not `whole`, words starting so), lowercase or capitalised, where a word starts.

    Each alternative opens with a plain letter, so that a scan skips to those letters (see acronyms.word_start):
    a pattern opening with \\b or matching case-blind tries every position and is several times slower."""
    variants = {v for w in words for v in (w, w[0].upper() + w[1:])}
    return re.compile(acronyms.alternation(variants, at_word_start=True) + (r"(?![\w-])" if whole else ""))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a segment: it ends at ".", "!" or "?" before a space and a capital."""
    if ". " not in text and "? " not in text and "! " not in text:
        return [(0, len(text))]
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.start() + 1))
        start = m.end()
    return spans + [(start, len(text))]


def evidence(out: Out, s: Sentence, m: Mention) -> Evidence:
    """The sentence's line and a quote of it around the name."""
    text = s.text
    if len(text) > QUOTE_MAX:
        start = max(0, min(m.start - QUOTE_MAX // 3, len(text) - QUOTE_MAX))
        start = text.find(" ", start) + 1 if start else 0
        text = ("…" if start else "") + text[start:]
    return out.evidence(s.line, s.line, text)


class Names:
    """Finds the nodes of one label named in a text: their registered names, longest first, where a word starts.

    No pattern is compiled per report: the capitalised words of a text that open a name (a set intersection)
    are found again with str.find, and the names they open are tried there, the longest first."""

    def __init__(self, out: Out, label: str, keep=lambda id, props: True):  # keep(id, properties): index this node
        self.out, self.label = out, label
        self.by_first: dict[str, list[str]] = {}
        names = {n for i, node in out.nodes.items() if node.label == label and keep(i, node.properties)
                 for n in _names(node.properties) if len(n) >= 2 and n[0].isupper()}
        for n in sorted(names, key=len, reverse=True):
            self.by_first.setdefault(_WORD.match(n).group(), []).append(n)
        self.firsts = frozenset(self.by_first)

    def find(self, text: str) -> list[Mention]:
        """The names in the text, leftmost first, the longest where several begin at one place."""
        hits = []
        for word in self.firsts.intersection(_WORD.findall(text)):  # the scan stays in C: most texts name none
            at = text.find(word)
            while at >= 0:
                if not (at and (text[at - 1].isalnum() or text[at - 1] in "&-_")):
                    hits.extend(self._at(text, at, self.by_first[word]))
                at = text.find(word, at + 1)
        found: list[Mention] = []
        for hit in sorted(hits):
            if not found or hit.start >= found[-1].end:
                found.append(hit)
        return found

    def _at(self, text: str, at: int, names: list[str]) -> list[Mention]:
        """The longest name that begins at `at` and ends where a word does, as a list of none or one."""
        for name in names:
            stop = at + len(name)
            if text.startswith(name, at) and not (stop < len(text) and (text[stop].isalnum() or text[stop] in "&-_")):
                node = self.out.lookup(self.label, name)
                if node:
                    return [Mention(at, stop, node)]
        return []


def _names(props: dict) -> list[str]:
    return [n for n in (props.get("name"), props.get("acronym"), *(props.get("aliases") or [])) if n]
