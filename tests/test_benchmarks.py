"""The scale benchmarks' scripts: the synthetic graph is valid, complete and repeatable; the query runner runs."""

import argparse
import sys
from pathlib import Path

import pytest

from kg.canned import parse_query
from kg.records import validate
from kg.stores import open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))  # the scripts import each other by name
import synth

import queries as bench

NODES = 2000


@pytest.fixture(scope="module")
def graph():
    return synth.synthesise(NODES, seed=1)


@pytest.fixture(scope="module")
def store_path(graph, tmp_path_factory):
    path = tmp_path_factory.mktemp("synth") / "db"
    synth.write(graph, str(path))
    return path


def test_every_record_fits_the_schema_and_has_evidence(graph):
    assert (graph.errors, graph.warnings) == ([], [])
    for record in [*graph.nodes(), *graph.edges()]:
        assert validate(record, graph.schema) is None, record
        assert record.evidence and all(e.quote for e in record.evidence), record


def test_every_label_and_every_relationship_shape_is_there(graph):
    found = {(e.type, graph.label_of(e.source), graph.label_of(e.target)) for e in graph.edges()}
    wanted = {(t, *pair) for t, spec in graph.schema.relationships.items() for pair in spec.endpoints}
    assert sorted(wanted - found) == []
    assert [label for label in graph.schema.nodes if not graph.counts().get(label)] == []


def test_size_is_near_the_ask_and_a_seed_gives_one_graph(graph):
    assert abs(len(graph) / NODES - 1) < 0.1
    again, other = synth.synthesise(NODES, seed=1), synth.synthesise(NODES, seed=2)
    assert [r.to_dict() for r in again.nodes()] == [r.to_dict() for r in graph.nodes()]
    assert [r.to_dict() for r in again.edges()] == [r.to_dict() for r in graph.edges()]
    assert [r.to_dict() for r in other.nodes()] != [r.to_dict() for r in graph.nodes()]


def test_writing_in_parts_stores_what_one_write_does(graph, store_path, tmp_path):
    synth.write(graph, str(tmp_path / "parts"), part_size=1000)
    with open_store("ladybug", str(store_path), read_only=True) as whole, \
            open_store("ladybug", str(tmp_path / "parts"), read_only=True) as parted:
        assert parted.counts() == whole.counts() == {**dict.fromkeys(whole.counts(), 0), **graph.counts()}
        query = "MATCH (r:Recommendation)-[a:ADDRESSED_TO]->(o) RETURN r, a, o ORDER BY r.id, o.id"
        assert parted.run(query) == whole.run(query)


def test_the_runner_times_every_canned_query(store_path, capsys):
    bench.bench(store_path, NODES, argparse.Namespace(runs=1, slow=0, timeout=60, memory=2, limit=None))
    lines = capsys.readouterr().out.splitlines()
    assert not [line for line in lines if "stopped" in line]
    assert len(lines) == 2 + len(bench.catalogue())


def test_a_required_parameter_without_a_pick_is_named(store_path):
    query = parse_query("q", "// title: T\n// description: D\n// parameters:\n//   nobody: {type: string}\n"
                             "// columns: [a]\nRETURN $nobody AS a\nORDER BY a\n")
    with open_store("ladybug", str(store_path), read_only=True) as store, \
            pytest.raises(SystemExit, match="query q: no way to pick a value for its required parameter 'nobody'"):
        bench.parameters(store, query)


def test_the_rdf_benchmark_prints_its_table(tmp_path):
    """benchmarks/rdf.py at its smallest graph, one format, one run: every contender gets a row and kg its marks."""
    import subprocess

    script = Path(__file__).resolve().parents[1] / "benchmarks" / "rdf.py"
    done = subprocess.run([sys.executable, str(script), "--triples", "2000", "--formats", "nt", "--runs", "1",
                           "--keep", str(tmp_path)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any(line.startswith("== 2000 triples asked:") for line in lines)
    assert any(line.split()[:2] == ["format", "writer"] for line in lines)
    rows = [line.split() for line in lines if line.startswith("nt ")]
    writers = [cells[1] for cells in rows if cells[2] != "vs"]
    assert writers[:2] == ["kg", "pyoxigraph"]
    kg = next(cells for cells in rows if cells[1] == "kg" and cells[2] != "vs")
    assert int(kg[2]) > 0 and float(kg[3]) > 0  # records held and seconds; never compared with a time
    assert any(line.startswith("nt      kg vs pyoxigraph: ") for line in lines)
    assert (tmp_path / "rdf-2000-seed0" / "reference.nt").exists()


def test_the_neo4j_load_benchmark_says_why_it_cannot_run_without_a_server():
    """benchmarks/neo4j_load.py without NEO4J_URI: one line saying why, exit 0 (it runs against a server only)."""
    import os
    import subprocess

    script = Path(__file__).resolve().parents[1] / "benchmarks" / "neo4j_load.py"
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_URI"}
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    line, = done.stdout.splitlines()
    assert "NEO4J_URI is not set" in line and "docker compose up --wait" in line
