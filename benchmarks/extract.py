"""How fast the report loaders read the seed corpus.

Prints, per seed and for the whole corpus, the best of N runs of the loaders
(text to records), their throughput in MB/s, and the ratio to one plain regex
pass over the same text (`re.findall(r"\\w+", text)`): the floor any reader
of every character pays. Also times the whole `kg extract` pipeline step
(loaders, then merging and validating the graph). Target: the corpus in
under 0.3 s on a 2-core machine.

    python benchmarks/extract.py [SEEDS_DIR] [--runs N]
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from kg.build import assemble
from loaders import load

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
WORD = re.compile(r"\w+")


def timings(func, runs: int) -> list[float]:
    """`runs` timings of func(), in seconds, sorted."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return sorted(times)


def best(func, runs: int) -> float:
    return timings(func, runs)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seeds", nargs="?", type=Path, default=SEEDS)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    paths = sorted(args.seeds.glob("*.txt"))
    if not paths:
        raise SystemExit(f"no .txt reports in {args.seeds}")
    texts = {p: p.read_text(encoding="utf-8") for p in paths}
    load(paths[0])  # import the loaders before timing

    print(f"{'document':28} {'MB':>6} {'records':>8} {'load s':>8} {'MB/s':>7} {'regex s':>8} {'ratio':>6}")
    total_load = total_regex = total_mb = 0.0
    for path in paths:
        mb = path.stat().st_size / 1e6
        records = len(load(path).records)
        seconds = best(lambda: load(path), args.runs)
        regex = best(lambda: WORD.findall(texts[path]), args.runs)
        total_load, total_regex, total_mb = total_load + seconds, total_regex + regex, total_mb + mb
        print(f"{path.name[:28]:28} {mb:6.3f} {records:8} {seconds:8.4f} {mb / seconds:7.2f} {regex:8.4f} "
              f"{seconds / regex:6.1f}")
    print(f"{'corpus (loaders)':28} {total_mb:6.3f} {'':8} {total_load:8.4f} {total_mb / total_load:7.2f} "
          f"{total_regex:8.4f} {total_load / total_regex:6.1f}")
    runs = timings(lambda: assemble(paths), args.runs)
    pipeline, median = runs[0], runs[len(runs) // 2]
    print(f"{'corpus (loaders + graph)':28} {total_mb:6.3f} {'':8} {pipeline:8.4f} {total_mb / pipeline:7.2f} "
          f"{total_regex:8.4f} {pipeline / total_regex:6.1f}")
    print(f"target: corpus under 0.300 s -> {'met' if pipeline < 0.3 else 'NOT met'} "
          f"(best {pipeline:.3f} s, median {median:.3f} s of {len(runs)} runs)")


if __name__ == "__main__":
    main()
