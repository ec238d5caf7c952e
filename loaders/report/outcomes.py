"""The outcomes a scan found, emitted: coded outcomes, priorities, DWCP outcomes, their hierarchy and mappings.

- Kind: a code is a `priority` when printed after "Priority", or when its number is a multiple of 25
  and a code of the same series follows it (the ILO numbering: 100, 125, 150, ..., 800, 825); other
  codes are `country programme outcome`s, PART_OF the priority of their series (the nearest
  priority below them by less than 25), else of the Programme.
- DWCP outcomes ("DWCP outcome 2: ...", "country priority outcome 2. ...", "CP outcome 2. ...") are
  uncoded: id `<programme key>/<n>`, code "DWCP outcome <n>". Uncoded priority areas ("Priority
  area A: ...") take the code printed with the same label elsewhere, else id
  `<programme key>/priority-<label>`. A DWCP outcome is PART_OF the priority printed last before it.
- Names: `aliases` holds the names the report prints for an outcome ("Priority area B", "CP outcome
  2"); they are registered with the code (and "KHM 106" for KHM106). A DWCP outcome is also
  registered under the other usual names of its number ("DWCP/CP/country priority outcome n") for
  the readers that look it up, without claiming them as printed.
- An outcome gets a biennium when all its occurrences agree (never a priority).
- Mapping tables: a DWCP outcome MAPS_TO every version of the coded outcomes printed after it, up to
  the next priority or DWCP outcome (basis stated, evidence the row).
"""

from __future__ import annotations

from collections import defaultdict

from loaders.report.ids import name_key
from loaders.report.out import Out
from loaders.report.outcome_scan import MENTIONED, Occ, Scan, best_text
from loaders.report.renumbering import Versions, versions

PRIORITY = "priority"
CPO = "country programme outcome"
DWCP_OUTCOME = "DWCP outcome"
SERIES = 25  # codes of one priority run from its number to the next multiple of 25
EVIDENCE_MAX = 4  # printings quoted as evidence of one outcome


def emit(out: Out, found: Scan, programme: str | None, key: str) -> tuple[dict[str, str], Versions]:
    """Emit the outcomes; ({key: id of its current version}, {code: [(id, occurrences)]})."""
    by_key: dict[str, list[Occ]] = defaultdict(list)
    for occ in found.occs:
        by_key[_canonical(occ.key, found)].append(occ)
    codes = sorted(k for k in by_key if k[3:].isdigit())
    priorities = {c for c in codes if c in found.priority_seen or _series_head(c, codes)}
    coded: Versions = {c: versions(c, by_key[c], by_key, found.planning) for c in codes}
    resolved: dict[str, str] = {}
    for code in codes:
        for vid, occs in coded[code]:
            _emit_coded(out, vid, code, PRIORITY if code in priorities else CPO, occs)
        resolved[code] = coded[code][-1][0]
    for k in sorted(k for k in by_key if not k[3:].isdigit()):
        resolved[k] = _emit_uncoded(out, k, by_key[k], key)
    _part_of(out, found, priorities, coded, resolved, programme)
    _maps(out, found, coded, resolved, priorities)
    return resolved, coded


def _canonical(key: str, found: Scan) -> str:
    """An uncoded priority's key becomes the code printed with its label, when there is one."""
    if key.startswith("PRIO:"):
        label = key[5:].lower()
        return found.label_code.get(f"priorityarea{label}") or found.label_code.get(f"priority{label}") or key
    return key


def _series_head(code: str, codes: list[str]) -> bool:
    """A multiple of 25 with a code of its series printed after it (LAO125 above LAO126)."""
    n = int(code[3:])
    return n % SERIES == 0 and any(c[:3] == code[:3] and n < int(c[3:]) < n + SERIES for c in codes)


def _emit_coded(out: Out, oid: str, code: str, kind: str, occs: list[Occ]) -> None:
    best = best_text(occs)
    bienniums = {o.biennium for o in occs if o.biennium}
    biennium = bienniums.pop() if len(bienniums) == 1 and kind != PRIORITY else None
    if oid != code:
        biennium = oid.split("/", 1)[1]
    aliases = _aliases(occs)
    props = {"code": code, "text": _statement(best), "kind": kind, "biennium": biennium, "aliases": aliases}
    if out.node("Outcome", oid, props, _evidence(out, code, occs, best)):
        names = [oid] if oid != code else [code, f"{code[:3]} {code[3:]}"]
        out.register("Outcome", oid, *names, *aliases)


def _emit_uncoded(out: Out, key: str, occs: list[Occ], programme_key: str) -> str:
    """Emit a DWCP outcome or an uncoded priority area; its id."""
    kind, label = key.split(":", 1)
    best = best_text(occs)
    if kind == "DWCP":
        oid, code, outcome_kind = f"{programme_key}/{label}", f"DWCP outcome {label}", DWCP_OUTCOME
        usual = [f"CP outcome {label}", f"country priority outcome {label}"]
    else:
        oid, code, outcome_kind = f"{programme_key}/priority-{label}", f"Priority area {label}", PRIORITY
        usual = []
    aliases = _aliases(occs)
    props = {"code": code, "text": _statement(best), "kind": outcome_kind, "aliases": aliases}
    if out.node("Outcome", oid, props, _evidence(out, code, occs, best)):
        out.register("Outcome", oid, code, *aliases, *usual)
    return oid


def _statement(best: Occ) -> str | None:
    """The outcome's text when a printing states it; a code only mentioned in prose has none."""
    return best.text if best.text and best.rank < MENTIONED else None


def _aliases(occs: list[Occ]) -> list[str]:
    """The names printed for an outcome, once each (first printing kept), besides the bare word "Priority"."""
    found: dict[str, str] = {}
    for name in (n for o in occs for n in o.names if n and n != "Priority"):
        found.setdefault(name_key(name), name)
    return list(found.values())


def _evidence(out: Out, code: str, occs: list[Occ], best: Occ) -> list:
    """The best statement first, then a few other printings (one per line)."""
    seen, chosen = {best.line}, [best]
    for o in occs:
        if o.line not in seen and len(chosen) < EVIDENCE_MAX:
            seen.add(o.line)
            chosen.append(o)
    return [out.evidence(o.line, o.line, f"{code}: {o.text}") for o in chosen]


def _part_of(out: Out, found: Scan, priorities: set[str], coded: Versions, resolved: dict[str, str],
             programme: str | None) -> None:
    """Outcome -> priority of its series (or printed before it), priority -> programme."""
    for code, vers in coded.items():
        parent = None if code in priorities else _series_priority(code, priorities)
        target = resolved.get(parent) if parent else programme
        for vid, _ in vers:
            if target:
                _part(out, vid, target)
    for key, counter in found.parents.items():
        parent = resolved.get(_canonical(counter.most_common(1)[0][0], found))
        if key in resolved and parent:
            _part(out, resolved[key], parent)
    for key, oid in resolved.items():
        if programme and (key.startswith("PRIO:") or key.startswith("DWCP:") and key not in found.parents):
            _part(out, oid, programme)


def _part(out: Out, child: str, parent: str) -> None:
    if out.label(child) == "Outcome":
        out.edge("PART_OF", child, parent, [out.nodes[child].evidence[0]])


def _series_priority(code: str, priorities: set[str]) -> str | None:
    n = int(code[3:])
    heads = [int(p[3:]) for p in priorities if p[:3] == code[:3] and 0 < n - int(p[3:]) < SERIES]
    return f"{code[:3]}{max(heads):03d}" if heads else None


def _maps(out: Out, found: Scan, coded: Versions, resolved: dict[str, str], priorities: set[str]) -> None:
    """DWCP outcome -> each version of the coded outcomes a mapping table prints after it, to a priority."""
    ended = None  # the DWCP outcome whose rows a priority code closed
    for dwcp, code, line in found.maps:
        if code in priorities:
            ended = dwcp
        if dwcp == ended:
            continue
        ended = None
        source = resolved.get(dwcp)
        for vid, occs in coded.get(code, []):
            if source and any(o.line == line for o in occs):
                ev = [out.evidence(line, line, f"{out.nodes[source].properties['code']} -> {code}")]
                out.edge("MAPS_TO", source, vid, ev, {"basis": "stated"})
