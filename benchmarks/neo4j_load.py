"""How fast a build loads into Neo4j, against the cost of only sending its rows.

Needs a Neo4j server: NEO4J_URI (with NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE),
e.g. `docker compose up --wait`; without NEO4J_URI it says so and exits 0. It
EMPTIES the kg labels of that database: point it at a test server.

For each size, a synthetic graph (benchmarks/synth.py) is loaded with the store's
own `Neo4jStore.write` (one managed transaction of `UNWIND $rows ... MERGE`
batches, after emptying the kg labels). The baseline sends the very same batches
(`kg.stores.neo4j.write_batches`: same sizes, same row maps) in one write
transaction as `UNWIND $rows AS r RETURN count(r)`: the driver's packing, the
network and the server's parsing of the parameters, without any storing. Prints
rows (nodes + relationships) per second, seconds, the ratio load / baseline,
whether neo4j-rust-ext (the driver's Rust packer) is active, and met/MISSED
against the targets: at least 50,000 rows/s and at most 5x the baseline.

    python benchmarks/neo4j_load.py [--nodes 10000 100000] [--seed 0] [--runs 1]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from importlib import metadata

from synth import synthesise  # beside this script

from kg.stores import StoreError, open_store
from kg.stores.neo4j import write_batches

TARGET_ROWS_PER_S, TARGET_RATIO = 50_000, 5.0
BASELINE = "UNWIND $rows AS r RETURN count(r)"


def rust_extension() -> str:
    """Whether the driver packs with neo4j-rust-ext, and its version."""
    try:
        version = metadata.version("neo4j-rust-ext")
    except metadata.PackageNotFoundError:
        return "not installed"
    try:
        from neo4j._codec.packstream.v1 import _rust_pack  # the driver's own switch (a private name)
    except ImportError:
        return f"{version} installed, activity unknown"
    return f"{version} active" if _rust_pack is not None else f"{version} installed but NOT active"


def _delete(store, label: str) -> None:
    """Delete a label's nodes in chunks (one transaction of 10^5 deletions needs much heap)."""
    while store.run(f"MATCH (n:{label}) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*)", write=True)[1][0][0]:
        pass


def baseline(store, work: list[tuple[str, list[dict]]]) -> float:
    """Seconds to send every batch as BASELINE in one managed write transaction, as the load does."""
    def transaction(tx):
        sent = 0
        for _, batch in work:
            sent += tx.run(BASELINE, {"rows": batch}).single()[0]
        return sent

    start = time.perf_counter()
    with store._session() as session:
        sent = session.execute_write(transaction)
    seconds = time.perf_counter() - start
    assert sent == sum(len(batch) for _, batch in work), sent
    return seconds


def load(store, graph) -> float:
    _delete_all(store)
    start = time.perf_counter()
    store.write(graph)
    return time.perf_counter() - start


def _delete_all(store) -> None:
    for label in store.schema.nodes:
        _delete(store, label)


def bench(store, nodes: int, seed: int, runs: int) -> tuple[float, float]:
    """Rows/s of the load and its ratio to the baseline for one size; prints a line each."""
    graph = synthesise(nodes, seed)
    work = list(write_batches(graph, store.schema))
    rows = sum(len(batch) for _, batch in work)
    loads = [load(store, graph) for _ in range(runs)]
    counts = store.counts()
    stored = sum(counts.values())
    if stored != rows:
        print(f"warning: {nodes} nodes asked: {stored} nodes and relationships stored, {rows} rows sent")
    sends = [baseline(store, work) for _ in range(runs)]
    loaded, sent = statistics.median(loads), statistics.median(sends)
    rate, ratio = rows / loaded, loaded / sent
    print(f"{nodes:>9} {rows:>9} {len(work):>7} {loaded:9.2f} {rate:11.0f} {sent:11.2f} {ratio:7.1f}  "
          f"{'met' if rate >= TARGET_ROWS_PER_S else 'MISSED'}/{'met' if ratio <= TARGET_RATIO else 'MISSED'}")
    return rate, ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, nargs="+", default=[10_000, 100_000], help="graph sizes, in nodes")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=1, help="timed runs of each (the median is shown)")
    args = parser.parse_args()
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        print("neo4j_load: NEO4J_URI is not set, so there is no Neo4j server to load into; "
              "start one with `docker compose up --wait` and set NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD")
        return
    try:
        store = open_store("neo4j", uri)
    except StoreError as exc:
        sys.exit(f"neo4j_load: {exc}")
    print(f"Neo4j at {uri}; neo4j-rust-ext: {rust_extension()}; this empties the kg labels")
    print(f"targets: load >= {TARGET_ROWS_PER_S} rows/s and <= {TARGET_RATIO:g}x sending the same batches "
          f"as `{BASELINE}`")
    print(f"{'nodes':>9} {'rows':>9} {'batches':>7} {'load s':>9} {'rows/s':>11} {'baseline s':>11} "
          f"{'ratio':>7}  rows/s / ratio")
    results = {}
    with store:
        for nodes in args.nodes:
            results[nodes] = bench(store, nodes, args.seed, args.runs)
        _delete_all(store)
    missed = [n for n, (rate, ratio) in results.items() if rate < TARGET_ROWS_PER_S or ratio > TARGET_RATIO]
    print("targets " + ("met at every size" if not missed else "MISSED at " + ", ".join(map(str, missed)) + " nodes"))


if __name__ == "__main__":
    main()
