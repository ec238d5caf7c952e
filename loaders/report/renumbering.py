"""Codes that name two outcomes, and outcomes that became others.

- A code whose statements fall into two groups of unrelated wording names two outcomes (a
  renumbering): the group whose wording another code now carries, else the group printed first,
  is the superseded one, id `CODE/<biennium>` with the planning biennium before the latest one the
  report names; the other keeps the plain code. The superseded version MAPS_TO the code that now
  carries its wording (basis inferred).
- A sentence "... was renumbered/transformed/split ... (in)to CODE ..." gives MAPS_TO (basis
  stated) from the code of that sentence or the previous one; "... and was augmented ..." and "in
  addition" end the list of targets.
"""

from __future__ import annotations

import re
from functools import lru_cache

from loaders.report import ids
from loaders.report.layout import CODE, Marks
from loaders.report.out import Out
from loaders.report.outcome_scan import Occ, best_text, codes

SIMILAR = 0.5  # the share of words two statements of one outcome have in common
_WORD = re.compile(r"[a-z]{4,}")
_TRANSFORM_WORDS = ("renumbered", "transformed", "divided", "split", "broken down", "merged", "replaced",
                    "reformulated")
_TRANSFORM = re.compile(rf"\b(?:was|were|has been|have been)\s+(?:{'|'.join(_TRANSFORM_WORDS)})\b")
_AUGMENT = re.compile(r"\b(?:and\s+(?:was|were)\s+)?augmented\b|\bin addition\b")
_PAREN = re.compile(r"\([^()]*\)")
_SENTENCE = re.compile(r"(?<=[.;])\s+(?=[A-Z])")

Versions = dict[str, list[tuple[str, list[Occ]]]]  # code -> [(id, occurrences)], the superseded first


@lru_cache(maxsize=4096)
def words(text: str) -> frozenset[str]:
    """The words of four letters or more in a statement (asked for again and again when comparing)."""
    return frozenset(_WORD.findall(text.lower()))


def _similar(a: str, b: str) -> bool:
    wa, wb = words(a), words(b)
    if len(wa) < 3 or len(wb) < 3:
        return True
    return len(wa & wb) / min(len(wa), len(wb)) >= SIMILAR


def versions(code: str, occs: list[Occ], by_key: dict[str, list[Occ]],
             planning: set[str]) -> list[tuple[str, list[Occ]]]:
    """[(id, occurrences)] of the outcomes a code names, the superseded one first."""
    groups: list[list[Occ]] = []
    for occ in occs:
        if occ.rank > 0 or len(words(occ.text)) < 4:
            continue
        home = next((g for g in groups if _similar(g[0].text, occ.text)), None)
        if home is None:
            groups.append([occ])
        else:
            home.append(occ)
    if len(groups) < 2:
        return [(code, occs)]
    old = next((g for g in groups if carried_by_other(code, g[0].text, by_key)), groups[0])
    rest = [o for o in occs if o not in old]
    current = next((o.biennium for o in rest if o.biennium), None)
    earlier = sorted(b for b in planning if not current or b < current)
    old_biennium = earlier[-2] if not current and len(earlier) > 1 else earlier[-1] if earlier else "old"
    return [(ids.outcome_id(code, old_biennium), old), (code, rest)]


def carried_by_other(code: str, text: str, by_key: dict[str, list[Occ]]) -> str | None:
    """Another code printed with this wording (the code a renumbered outcome now has)."""
    for other, occs in by_key.items():
        if other != code and other[3:].isdigit() and any(
                o.rank == 0 and len(words(o.text)) >= 4 and _similar(o.text, text) for o in occs):
            return other
    return None


def renumbered(out: Out, found: Versions) -> None:
    """The superseded version of a code -> the code that now carries its wording (inferred)."""
    by_key = {c: [o for _, occs in v for o in occs] for c, v in found.items()}
    for code, vers in found.items():
        if len(vers) < 2:
            continue
        old_id, old_occs = vers[0]
        other = carried_by_other(code, best_text(old_occs).text, by_key)
        if other and out.label(old_id) == "Outcome":
            target = found[other][-1][0]
            out.edge("MAPS_TO", old_id, target, [out.nodes[old_id].evidence[0]], {"basis": "inferred"})


def transforms(marks: Marks, out: Out, resolved: dict[str, str], skip: list[tuple[int, int]]) -> None:
    """"CODE (...). This outcome was renumbered to CODE2 ..." -> MAPS_TO, basis stated."""
    lines = [n for n in marks.lines(CODE) if any(w in marks.doc.lines[n - 1] for w in _TRANSFORM_WORDS)]
    for seg in marks.segments_at(lines):  # the sentence and the one before it name codes: a code line
        if not _TRANSFORM.search(seg.text) or any(a <= seg.line <= b for a, b in skip):
            continue
        sentences = _SENTENCE.split(_PAREN.sub(" ", seg.text))
        for i, sentence in enumerate(sentences):
            m = _TRANSFORM.search(sentence)
            if m:
                before = codes(sentence[:m.start()]) or (codes(sentences[i - 1])[-1:] if i else [])
                after = sentence[m.end():]
                stop = _AUGMENT.search(after)
                targets = codes(after[:stop.start()] if stop else after)
                _stated(out, before[-1:], targets, resolved, [out.evidence(seg.line, seg.line, sentence)])


def _stated(out: Out, sources: list[str], targets: list[str], resolved: dict[str, str], ev) -> None:
    for source in sources:
        source_id = _superseded(out, source, resolved)
        for target in targets:
            if target != source and target in resolved and source_id:
                out.edge("MAPS_TO", source_id, resolved[target], ev, {"basis": "stated"})


def _superseded(out: Out, code: str, resolved: dict[str, str]) -> str | None:
    """The id of a code's superseded version when it has one, else its id."""
    old = next((i for i in out.nodes if i.startswith(code + "/") and out.label(i) == "Outcome"), None)
    return old or resolved.get(code)
