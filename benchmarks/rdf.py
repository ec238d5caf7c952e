"""How fast, and in how much memory, the RDF export writes a graph, against pyoxigraph serialising the same triples.

For each size (`--triples`, default 10^5 and 10^6), a synthetic graph
(benchmarks/synth.py) is grown to about that many triples of export: the
export writes ~55 triples a node, evidence-heavy (each excerpt is a resource
with two selectors), so a first guess of nodes is corrected with the measured
triples until within 5% (the synthetic graph grows ~210 nodes a cycle and has
~540 at least, so a small size is only approached). Its records (nodes before
relationships) are pickled once, and `kg.rdf.export` writes the reference
N-Triples (and TriG) once: the triples every baseline holds, so that all
contenders write exactly the same triples.

Every measurement is one fresh subprocess (so peak memory is the contender's
alone) that loads its input, then times one step, writing to a file on disk:

- kg: unpickles the records, then `export(records, file, fmt)`: loading the
  schema (~40 ms), minting IRIs, describing, formatting and writing (the
  whole `kg export rdf` but reading the store).
- pyoxigraph: parses the reference file into a list of `pyoxigraph.Triple`
  (`Quad` for TriG), then `pyoxigraph.serialize(triples, file, format,
  prefixes=kg's prefixes)` only. The floor: triples already made, written
  by Rust.
- oxrdflib: the Oxigraph store for rdflib, `Graph(store="Oxigraph")` (a
  `Dataset` for TriG) with the reference file parsed in, then
  `graph.serialize(file, format="ox-...")`: rdflib's API, Oxigraph's writer.
- rdflib: rdflib's default in-memory store, `Graph()` (a `Dataset` for TriG),
  the same triples, `graph.serialize(file, format=...)`; only at sizes up to
  `--rdflib-upto` (10^5), as it is slow.

A format is compared where pyoxigraph writes it too: nt, turtle, trig,
jsonld (pyoxigraph's JSON-LD is expanded, kg's compacted by its context).
Memory is read from /proc/self/status (Linux): `before` is the resident set
(RSS) holding the input, just before the step; `step` the rise of the peak
RSS during the step over it (the peak is reset first through
/proc/self/clear_refs; where that is refused, the rise over the earlier peak,
or "-"), what the writer itself needs; `peak` the whole process's peak RSS
(interpreter, libraries, input and step). Each figure is the median of
`--runs` subprocesses. Targets: kg within 2x of pyoxigraph in time and in
peak memory, which compares what each needs in all to write the graph (kg
holds records, never triples); the table marks each ratio met or MISSED.
The step's memory is shown without a target: pyoxigraph's needs next to
nothing, its triples being made before it, and kg's says how much state the
export keeps (node IRIs, excerpts met). A check: kg's data triples must equal those of the
reference; a warning says when they do not (the export changed since a
`--keep` run made the reference). The box this runs on is
shared: timings are noisy, look at the ratios and at the runs' spread.

    python benchmarks/rdf.py [--triples 100000 1000000] [--formats nt turtle trig jsonld] [--runs 3]
                             [--seed 0] [--rdflib-upto 100000] [--timeout S] [--keep DIR]
"""

from __future__ import annotations

import argparse
import gc
import json
import pickle
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_TIME, TARGET_MEMORY = 2.0, 2.0
EXTENSIONS = {"nt": ".nt", "turtle": ".ttl", "trig": ".trig", "jsonld": ".jsonld"}
OX_FORMATS = {"nt": "N_TRIPLES", "turtle": "TURTLE", "trig": "TRIG", "jsonld": "JSON_LD"}
OXRDFLIB_FORMATS = {"nt": "ox-nt", "turtle": "ox-turtle", "trig": "ox-trig", "jsonld": "ox-json-ld"}
RDFLIB_FORMATS = {"nt": "nt", "turtle": "turtle", "trig": "trig", "jsonld": "json-ld"}
CONTENDERS = ("kg", "pyoxigraph", "oxrdflib", "rdflib")
CREATED = "2000-01-01T00:00:00Z"  # the dataset's dcterms:created: every export of a graph the same
FIRST_GUESS = 55  # triples a node, measured at 10^4 to 10^5 nodes; calibrated per size
MB = 1e6

EXPLANATION = f"""\
what the figures are (each the median of the runs, each run a fresh process writing to a file):
  s           seconds of the step: kg's export(records, file, fmt) from unpickled records;
              pyoxigraph.serialize of a list of the same triples; graph.serialize for oxrdflib and rdflib
  before MB   resident memory holding the input, just before the step
  step MB     rise of the peak resident memory during the step over `before`: what the writer needs
  peak MB     the process's peak resident memory: interpreter, libraries, input and step
  x ox        the figure over pyoxigraph's, same size and format
  targets     kg within {TARGET_TIME:g}x of pyoxigraph in time and {TARGET_MEMORY:g}x in peak memory, what each
              needs in all to write the graph (kg holds records, never triples); the step has no target:
              pyoxigraph's needs ~0 MB (its triples are made before it), kg's shows the state the export keeps"""


# --- measuring, inside a contender's process ------------------------------------------------------

def memory() -> dict[str, int]:
    """This process's resident set now (VmRSS) and its peak (VmHWM), in bytes."""
    found = {}
    with open("/proc/self/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(value.split()[0]) * 1024
    return found


def reset_peak() -> bool:
    """Reset VmHWM to the current RSS; False where the kernel refuses."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def contender_step(contender: str, fmt: str, source: Path, out: Path, prefixes: dict[str, str]):
    """Load the contender's input; return (triples or records held, the step to time)."""
    if contender == "kg":
        from kg.model import load_schema
        from kg.rdf import export

        with open(source, "rb") as f:
            records = pickle.load(f)
        load_schema()  # read once per process, like pyoxigraph's own code at import

        def step():
            with open(out, "w", encoding="utf-8") as f:
                return export(records, f, fmt, created=CREATED)
        return len(records), step
    if contender == "pyoxigraph":
        import pyoxigraph as ox

        parse_format = ox.RdfFormat.TRIG if source.suffix == ".trig" else ox.RdfFormat.N_TRIPLES
        triples = list(ox.parse(path=str(source), format=parse_format))
        return len(triples), lambda: ox.serialize(triples, str(out), getattr(ox.RdfFormat, OX_FORMATS[fmt]),
                                                  prefixes=prefixes)
    from rdflib import Dataset, Graph

    if contender == "oxrdflib":
        import oxrdflib  # noqa: F401  (registers the Oxigraph store and the ox-* parsers and serialisers)

        store, parse_format, write_format = "Oxigraph", "ox-trig" if fmt == "trig" else "ox-nt", OXRDFLIB_FORMATS[fmt]
    else:
        store, parse_format, write_format = "default", "trig" if fmt == "trig" else "nt", RDFLIB_FORMATS[fmt]
    graph = Dataset(store=store) if fmt == "trig" else Graph(store=store)
    for prefix, namespace in prefixes.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    graph.parse(str(source), format=parse_format)
    return len(graph), lambda: graph.serialize(destination=str(out), format=write_format, encoding="utf-8")


def measure(contender: str, fmt: str, source: Path, out: Path, prefixes_file: Path) -> dict:
    """One run: load, then time the step; seconds, what it held and its memory figures."""
    try:
        held, step = contender_step(contender, fmt, source, out, json.loads(prefixes_file.read_text()))
    except ImportError as exc:
        return {"error": f"not installed ({exc.name})"}
    gc.collect()
    loaded = memory()
    was_reset = reset_peak()
    before = memory()["VmRSS"]
    start = time.perf_counter()
    done = step()
    seconds = time.perf_counter() - start
    after = memory()
    if was_reset:
        rise = after["VmHWM"] - before
    else:  # the peak during the step is only known where it passed the earlier one
        rise = after["VmHWM"] - before if after["VmHWM"] > loaded["VmHWM"] else None
    return {"seconds": seconds, "held": held, "before": before, "step": rise,
            "peak": max(loaded["VmHWM"], after["VmHWM"]), "bytes": out.stat().st_size,
            "data": done.triples if contender == "kg" else None}  # kg's Exported: data triples


# --- the graphs -----------------------------------------------------------------------------------

class Counting:
    """A text sink that only counts lines (N-Triples: one a triple)."""

    def __init__(self):
        self.lines = 0

    def write(self, text: str) -> None:
        self.lines += text.count("\n")


def records_of(graph) -> list:
    return [*graph.nodes(), *graph.edges()]


def calibrated(target: int, seed: int) -> tuple[list, int]:
    """The synthetic records whose N-Triples export is nearest `target` triples, and that count."""
    from kg.rdf import export
    from synth import synthesise  # beside this script; not imported by the measured processes

    nodes, best, seen = max(1, round(target / FIRST_GUESS)), None, set()
    for _ in range(4):
        records = records_of(synthesise(nodes, seed))
        sink = Counting()
        export(records, sink, "nt", created=CREATED)
        if best is None or abs(sink.lines - target) < abs(best[1] - target):
            best = records, sink.lines
        size = sum(1 for r in records if not hasattr(r, "source"))
        if abs(sink.lines / target - 1) <= 0.05 or size in seen:
            break
        seen.add(size)
        nodes = max(1, round(nodes * target / sink.lines))
    return best


def prepared(folder: Path, target: int, seed: int, formats: list[str]) -> tuple[Path, dict]:
    """The folder of this size's pickled records, reference N-Triples (and TriG) and their figures,
    made now unless an earlier `--keep` run left it."""
    from kg.rdf import Vocabulary, export

    path = folder / f"rdf-{target}-seed{seed}"
    if (path / "meta.json").exists():
        print(f"reusing {path}")
        if "trig" in formats and not (path / "reference.trig").exists():
            with open(path / "records.pickle", "rb") as f:
                records = pickle.load(f)
            with open(path / "reference.trig", "w", encoding="utf-8") as f:
                export(records, f, "trig", created=CREATED)
        return path, json.loads((path / "meta.json").read_text())
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    start = time.perf_counter()
    records, triples = calibrated(target, seed)
    with open(path / "records.pickle", "wb") as f:
        pickle.dump(records, f, protocol=pickle.HIGHEST_PROTOCOL)
    for fmt in ["nt"] + (["trig"] if "trig" in formats else []):
        with open(path / f"reference{EXTENSIONS[fmt]}", "w", encoding="utf-8") as f:
            done = export(records, f, fmt, created=CREATED)
    vocab = Vocabulary()
    (path / "prefixes.json").write_text(json.dumps({**vocab.prefixes, "kgid": vocab.base}))
    nodes = sum(1 for r in records if not hasattr(r, "source"))
    meta = {"triples": triples, "data": done.triples, "nodes": nodes, "relationships": len(records) - nodes,
            "seconds": time.perf_counter() - start}
    (path / "meta.json").write_text(json.dumps(meta))
    return path, meta


# --- running and reporting ------------------------------------------------------------------------

def run(path: Path, contender: str, fmt: str, args) -> dict:
    """The medians of --runs fresh processes of one contender, or {"error": why}."""
    source = path / ("records.pickle" if contender == "kg" else
                     "reference.trig" if fmt == "trig" else "reference.nt")
    out = path / f"out-{contender}{EXTENSIONS[fmt]}"
    results = []
    for _ in range(args.runs):
        command = [sys.executable, __file__, "--measure", contender, fmt, str(source), str(out),
                   str(path / "prefixes.json")]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=args.timeout)
        except subprocess.TimeoutExpired:
            return {"error": f"stopped after {args.timeout:g} s"}
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            return {"error": f"failed: {last[:60]}"}
        result = json.loads(done.stdout.strip().splitlines()[-1])
        if "error" in result:
            return result
        results.append(result)
    if not args.keep:
        out.unlink(missing_ok=True)
    steps = [r["step"] for r in results if r["step"] is not None]
    return {"seconds": statistics.median(r["seconds"] for r in results),
            "spread": (min(r["seconds"] for r in results), max(r["seconds"] for r in results)),
            "held": results[0]["held"], "bytes": results[0]["bytes"],
            "before": statistics.median(r["before"] for r in results),
            "step": statistics.median(steps) if len(steps) == len(results) else None,
            "peak": statistics.median(r["peak"] for r in results), "runs": len(results),
            "data": results[0]["data"]}


def ratio(value, base) -> float | None:
    return value / base if value is not None and base else None


def cell(value, width: int, digits: int, scale: float = 1.0) -> str:
    return f"{value / scale:{width}.{digits}f}" if value is not None else f"{'-':>{width}}"


def verdict(name: str, kg: float | None, ox: float | None, unit: str, scale: float) -> tuple[str, bool]:
    """kg's figure against pyoxigraph's and the ratio's mark, as text; and whether the target is met."""
    value, target = ratio(kg, ox), TARGET_TIME if unit == "s" else TARGET_MEMORY
    if value is None:
        return f"{name} -", False
    met = value <= target
    return f"{name} {kg / scale:.{2 if unit == 's' else 1}f} {unit} vs {ox / scale:.{2 if unit == 's' else 1}f} {unit} = " \
           f"{value:.2f}x {'met' if met else 'MISSED'}", met


def bench_format(path: Path, fmt: str, target: int, data: int, args) -> dict[str, bool] | None:
    """Run every contender on one format; print a row each and kg's marks. Returns {figure: met}."""
    found = {}
    for contender in CONTENDERS:
        if contender == "rdflib" and target > args.rdflib_upto:
            continue
        found[contender] = run(path, contender, fmt, args)
    ox = found["pyoxigraph"] if "error" not in found["pyoxigraph"] else {}
    for contender, r in found.items():
        if "error" in r:
            print(f"{fmt:7} {contender:11} {r['error']}")
            continue
        low, high = r["spread"]
        print(f"{fmt:7} {contender:11} {r['held']:9} {r['seconds']:9.3f} {low:6.2f}-{high:<6.2f}"
              f"{cell(ratio(r['seconds'], ox.get('seconds')), 7, 2)} {cell(r['before'], 9, 1, MB)}"
              f"{cell(r['step'], 9, 1, MB)}{cell(ratio(r['step'], ox.get('step')), 7, 2)}"
              f"{cell(r['peak'], 9, 1, MB)}{cell(ratio(r['peak'], ox.get('peak')), 7, 2)}"
              f"{cell(r['bytes'], 10, 1, MB)}")
    kg = found["kg"]
    if "error" in kg or not ox:
        print(f"{fmt:7} kg vs pyoxigraph: no comparison")
        return None
    if kg["data"] != data:
        print(f"{fmt:7} WARNING: kg wrote {kg['data']} data triples, the reference the others hold {data}: "
              f"the export changed since the reference was made (rerun without --keep)")
    marks = [verdict("time", kg["seconds"], ox["seconds"], "s", 1),
             verdict("peak memory", kg["peak"], ox["peak"], "MB", MB)]
    step = f"step memory {cell(kg['step'], 1, 1, MB)} MB vs {cell(ox['step'], 1, 1, MB)} MB (no target)"
    print(f"{fmt:7} kg vs pyoxigraph: {'; '.join(text for text, _ in marks)}; {step}")
    return {"time": marks[0][1], "peak memory": marks[1][1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--formats", nargs="+", choices=list(EXTENSIONS), default=list(EXTENSIONS))
    parser.add_argument("--runs", type=int, default=3, help="fresh processes a contender runs in; medians are shown")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rdflib-upto", type=int, default=100_000,
                        help="largest --triples size rdflib's default store is run at (it is slow)")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds after which a run is stopped")
    parser.add_argument("--keep", type=Path, help="folder to keep the inputs and outputs in, and reuse inputs from")
    parser.add_argument("--measure", nargs=5, help=argparse.SUPPRESS)  # inside a contender's process
    args = parser.parse_args()
    if args.measure:
        contender, fmt, source, out, prefixes = args.measure
        print(json.dumps(measure(contender, fmt, Path(source), Path(out), Path(prefixes))))
        return
    print(EXPLANATION)
    summary = {}
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for target in args.triples:
            path, meta = prepared(folder, target, args.seed, args.formats)
            print(f"\n== {target} triples asked: {meta['triples']} written ({meta['data']} of data, "
                  f"{meta['triples'] - meta['data']} describing the dataset), from {meta['nodes']} synthetic nodes "
                  f"and {meta['relationships']} relationships (seed {args.seed}; made in {meta['seconds']:.1f} s)")
            print(f"{'format':7} {'writer':11} {'held':>9} {'s':>9} {'runs s':^13}{'x ox':>7} {'before MB':>9}"
                  f"{'step MB':>9}{'x ox':>7}{'peak MB':>9}{'x ox':>7}{'out MB':>10}")
            for fmt in args.formats:
                marks = bench_format(path, fmt, target, meta["data"], args)
                if marks is not None:
                    summary[(target, fmt)] = marks
    print("\n(held: records unpickled for kg, triples or quads in memory for the others)")
    if summary:
        print(f"\ntargets: kg within {TARGET_TIME:g}x of pyoxigraph's time and {TARGET_MEMORY:g}x of its memory")
        for figure in ("time", "peak memory"):
            missed = [f"{fmt} at {target}" for (target, fmt), marks in summary.items() if not marks[figure]]
            print(f"  {figure:12} {'met everywhere' if not missed else 'MISSED: ' + ', '.join(missed)}")


if __name__ == "__main__":
    main()
