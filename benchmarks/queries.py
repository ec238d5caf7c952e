"""How fast the canned queries answer on the embedded store as the graph grows.

For each size, a synthetic graph (benchmarks/synth.py) is written into a
LadybugDB store, or one kept by an earlier `--keep` run for that size and seed
is reused as it is. Every query of `kg.canned.catalogue()` then runs with its
default parameters as `kg query` runs it (`kg.canned.answer`: the store's
`run`, list columns sorted); a required parameter takes a value picked from
the graph (PICKS). 2 warm-up runs, then N timed runs; a query slower than
`--slow` seconds gets 1 warm-up and 3 timed runs; one slower than `--timeout`,
or needing more than `--memory` GB (the database's buffer pool, which holds
its working memory), is stopped and reported as such. Prints per query its
rows, median and p95 in ms and whether the median meets the target (under
200 ms at 10^5 nodes), then each median at every size and the ratio between
consecutive sizes.

    python benchmarks/queries.py [--sizes 10000 100000 [1000000]] [--runs 20] [--seed 0] [--keep DIR]
                                  [--limit N] [--memory GB] [--timeout S]
"""

from __future__ import annotations

import argparse
import math
import shutil
import statistics
import tempfile
import time
from itertools import pairwise
from pathlib import Path

import ladybug
from synth import synthesise, write  # beside this script

from kg.canned import CannedQuery, answer, catalogue
from kg.stores import StoreError
from kg.stores.ladybug import DB_FILE, LadybugStore

TARGET_MS, TARGET_SIZE = 200, 100_000

# A required parameter's value, by parameter name: the first column of this query's first row.
PICKS = {
    "target": "MATCH (p:NationalPlan)<-[:PART_OF*0..2]-(t)<-[:ALIGNS_WITH]-(:Outcome) "
              "RETURN p.id AS id, count(*) AS n ORDER BY n DESC, id LIMIT 1",
    "project": "MATCH (p:Project)-[:CONTRIBUTES_TO]->(:Outcome) RETURN p.id AS id, count(*) AS n "
               "ORDER BY n DESC, id LIMIT 1",
    "evaluation": "MATCH (e:Evaluation)-[:MAKES]->(:Recommendation) RETURN e.id AS id, count(*) AS n "
                  "ORDER BY n DESC, id LIMIT 1",
    "addressee": "MATCH (:Recommendation)-[:ADDRESSED_TO]->(o:Organization) RETURN o.id AS id, count(*) AS n "
                 "ORDER BY n DESC, id LIMIT 1",
    "country": "MATCH (:Evaluation)-[:COVERS]->(c:Country) RETURN c.id AS id, count(*) AS n "
               "ORDER BY n DESC, id LIMIT 1",
}


def parameters(store: LadybugStore, query: CannedQuery) -> dict:
    """The query's parameters: defaults, and for a required one a value PICKS finds in the graph."""
    given = {}
    for name, param in query.parameters.items():
        if not param.required:
            continue
        if name not in PICKS:
            raise SystemExit(f"query {query.name}: no way to pick a value for its required parameter {name!r}; "
                             f"add one to PICKS in benchmarks/queries.py")
        rows = store.run(PICKS[name])[1]
        if not rows:
            raise SystemExit(f"query {query.name}: the graph has no value for its required parameter {name!r}")
        given[name] = str(rows[0][0])
    return query.bind(given)


def measure(store: LadybugStore, query: CannedQuery, params: dict, args) -> tuple[int, list[float]]:
    """Rows and sorted run times in seconds: 2 warm-ups then --runs timed runs (1 and 3 when slower than --slow)."""
    def once() -> tuple[int, float]:
        start = time.perf_counter()
        rows = answer(query, store, params, args.limit)[1]
        return len(rows), time.perf_counter() - start

    rows, first = once()
    runs = args.runs
    if first > args.slow:
        runs = min(runs, 3)
    else:
        once()
    return rows, sorted(once()[1] for _ in range(runs))


def percentile(times: list[float], p: float) -> float:
    """Nearest-rank percentile of sorted times."""
    return times[max(0, math.ceil(p / 100 * len(times)) - 1)]


def built_store(folder: Path, size: int, seed: int) -> Path:
    """The store for this size and seed in `folder`, written first unless an earlier run left it."""
    path = folder / f"synth-{size}-seed{seed}"
    if path.exists():
        print(f"reusing {path}")
        return path
    partial = path.with_name(path.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    start = time.perf_counter()
    graph = synthesise(size, seed)
    generated = time.perf_counter()
    write(graph, str(partial))
    print(f"{len(graph)} nodes, {graph.g.number_of_edges()} relationships: generated in {generated - start:.1f} s, "
          f"written in {time.perf_counter() - generated:.1f} s")
    partial.rename(path)
    return path


def opened(path: Path, args) -> LadybugStore:
    """The store at `path`, read-only, its memory and run time bounded by --memory and --timeout."""
    database = ladybug.Database(str(path / DB_FILE), read_only=True, buffer_pool_size=int(args.memory * 2**30))
    store = LadybugStore(database)
    store.conn.set_query_timeout(int(args.timeout * 1000))
    return store


def bench(path: Path, size: int, args) -> dict[str, float | None]:
    """Time every canned query on the store at `path`; print a line each; return the medians in ms.

    Each query gets the database afresh: one that fills the buffer pool leaves it unusable.
    """
    with opened(path, args) as store:
        counts = store.counts()
    nodes = sum(counts[label] for label in store.schema.nodes)
    print(f"store: {nodes} nodes, {sum(counts.values()) - nodes} relationships")
    print(f"{'query':20} {'rows':>8} {'runs':>4} {'median ms':>10} {'p95 ms':>10}  target")
    medians = {}
    for name, query in catalogue().items():
        with opened(path, args) as store:
            try:
                rows, times = measure(store, query, parameters(store, query), args)
            except StoreError as exc:
                print(f"{name:20} stopped: {exc}")
                medians[name] = None
                continue
        medians[name] = median = statistics.median(times) * 1000
        mark = ("ok" if median < TARGET_MS else "SLOW") if size == TARGET_SIZE else ""
        print(f"{name:20} {rows:8} {len(times):4} {median:10.1f} {percentile(times, 95) * 1000:10.1f}  {mark}")
    return medians


def growth(sizes: list[int], medians: dict[int, dict]) -> None:
    """Each query's median at every size and the ratio from one size to the next."""
    names = list(medians[sizes[0]])
    heads = [f"{s:>10}" for s in sizes] + [f"{f'x{b // a}':>8}" for a, b in pairwise(sizes)]
    print(f"\nmedian ms by size, and its growth\n{'query':20} {' '.join(heads)}")
    for name in names:
        values = [medians[s].get(name) for s in sizes]
        cells = [f"{v:10.1f}" if v is not None else f"{'-':>10}" for v in values]
        cells += [f"{b / a:8.1f}" if a and b else f"{'-':>8}" for a, b in pairwise(values)]
        print(f"{name:20} {' '.join(cells)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="folder to keep the stores in and reuse them from")
    parser.add_argument("--slow", type=float, default=5.0, help="seconds a run takes to be timed only 3 times")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds after which a run is stopped")
    parser.add_argument("--limit", type=int, help="rows a query returns at most, as `kg query --limit`")
    parser.add_argument("--memory", type=float, default=8.0, help="GB the database may use (its buffer pool)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        medians = {}
        for size in args.sizes:
            print(f"\n== {size} nodes (seed {args.seed})")
            medians[size] = bench(built_store(folder, size, args.seed), size, args)
    if TARGET_SIZE in medians:
        slow = [name for name, m in medians[TARGET_SIZE].items() if m is None or m >= TARGET_MS]
        print(f"\ntarget: every median under {TARGET_MS} ms at {TARGET_SIZE} nodes -> "
              f"{'met' if not slow else 'NOT met: ' + ', '.join(slow)}")
    if len(args.sizes) > 1:
        growth(args.sizes, medians)


if __name__ == "__main__":
    main()
