"""Programme and Budget outcomes the report cites by number or letter.

"Outcome 4 in the Programme and Budget for 2020–21", "P&B outcome 4", "programme and budget
outcomes 1–10" (every number of the range), "enabling outcome A[: text]". Id
`P&B/<biennium>/<n>` when the biennium is printed beside it, else `P&B/<n>`; code "P&B outcome
<n>" / "P&B enabling outcome <X>".

A bare mention takes the biennium of its evaluation's P&B outcomes when every numbered P&B outcome
printed with a biennium in that evaluation (the whole report when it holds one evaluation) names
the same one: there "outcome 4" is that biennium's outcome 4, one node. The scope is the
evaluation, not the file, because a paper of several evaluations covers several periods, and a
P&B outcome number means a different outcome in each biennium. Enabling outcomes never inherit a
biennium: their letters were redefined between strategic plans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.report.layout import Marks
from loaders.report.out import Out
from loaders.report.outcome_scan import first_biennium

PB_OUTCOME = "P&B outcome"
RANGE_MAX = 20  # the most outcomes one printed range ("outcomes 1–10") expands to
_PB = re.compile(
    r"\b(?:P&B|[Pp]rogramme and [Bb]udget)\s+(?:policy\s+)?outcomes?\s+(?P<n>\d{1,2})(?:\s*[–-]\s*(?P<m>\d{1,2}))?\b"
    r"|\b[Oo]utcome\s+(?P<n2>\d{1,2})\s+(?:in|of)\s+the\s+[Pp]rogramme\s+and\s+[Bb]udget"
    r"(?:\s+(?:for|of)\s+(?:the\s+)?(?P<bien>(?:19|20)\d\d\s*[–-]\s*\d\d(?:\d\d)?))?"
    r"|\b[Ee]nabling\s+outcome\s+(?P<x>[A-Z])\b(?:\s*:\s*(?P<text>[A-Z][^.]{3,200}))?")


@dataclass(frozen=True)
class _Cited:
    line: int
    labels: tuple[str, ...]
    enabling: bool
    biennium: str | None
    text: str | None
    printed: str
    scope: str | None  # the evaluation whose span holds the line


def read(marks: Marks, out: Out) -> None:
    """Emit the P&B outcomes cited in the report."""
    cited = list(_cited(marks, out))
    tied = _tied_bienniums(cited)
    for c in cited:
        biennium = c.biennium or (None if c.enabling else tied.get(c.scope))
        for label in c.labels:
            _emit(out, c, label, biennium)


def _cited(marks: Marks, out: Out):
    for seg in marks.segments_at(marks.lines("utcome")):
        if not ("udget" in seg.text or "P&B" in seg.text or "nabling" in seg.text):
            continue
        for m in _PB.finditer(seg.text):
            biennium = m["bien"] and first_biennium(m["bien"])
            scope = out.evaluation_at(seg.line)
            if m["x"]:
                yield _Cited(seg.line, (m["x"],), True, biennium, m["text"], m.group(0), scope)
            else:
                first = int(m["n"] or m["n2"])
                last = min(int(m["m"] or first), first + RANGE_MAX)
                labels = tuple(str(n) for n in range(first, last + 1))
                yield _Cited(seg.line, labels, False, biennium, None, m.group(0), scope)


def _tied_bienniums(cited: list[_Cited]) -> dict[str | None, str]:
    """{scope: biennium} for the scopes whose numbered P&B outcomes name one biennium."""
    named: dict[str | None, set[str]] = {}
    for c in cited:
        if c.biennium and not c.enabling:
            named.setdefault(c.scope, set()).add(c.biennium)
    return {scope: next(iter(b)) for scope, b in named.items() if len(b) == 1}


def _emit(out: Out, c: _Cited, label: str, biennium: str | None) -> None:
    name = "P&B enabling outcome" if c.enabling else "P&B outcome"
    oid = f"P&B/{biennium}/{label}" if biennium else f"P&B/{label}"
    code = f"{name} {label}"
    props = {"code": code, "text": (c.text or "").strip().rstrip(".") or code, "kind": PB_OUTCOME,
             "biennium": biennium}
    if out.node("Outcome", oid, props, [out.evidence(c.line, c.line, c.printed)]):
        out.register("Outcome", oid, code, f"{name.replace('P&B', 'Programme and Budget')} {label}")
