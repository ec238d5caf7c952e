"""Neo4j: the same inputs give the same graph and the same query answers in Neo4j as embedded.

Live tier (marker `neo4j`): runs when NEO4J_URI (with NEO4J_USER, NEO4J_PASSWORD,
NEO4J_DATABASE) answers, checked by connecting; skipped with the reason otherwise.
It empties the kg labels of that database first, so point it at a test server:

    docker compose up --wait
    NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=... pytest -m neo4j

The tests without the marker need no server: the one-line errors for an address
nobody answers at, `kg stats` side by side, the CI workflow, the write batches.
"""

import io
import json
import os
import signal
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from kg.build import assemble, build
from kg.canned import answer, catalogue
from kg.cli import cli
from kg.rdf import export
from kg.stores import StoreError, open_store
from kg.stores.base import BATCH

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SEEDS = ROOT.parent / "shared" / "seeds"
live = pytest.mark.neo4j
UNREACHABLE = "bolt://127.0.0.1:1"  # nothing listens on port 1


def inputs() -> list[Path]:
    """The seeds (when beside this clone, as tests/conftest.py finds them) and the examples."""
    return [SEEDS, EXAMPLES] if SEEDS.is_dir() else [EXAMPLES]


# ---------------------------------------------------------------------------------------------- live tier


def empty(store) -> None:
    for label in store.schema.nodes:
        store.run(f"MATCH (n:{label}) DETACH DELETE n", write=True)


@pytest.fixture(scope="module")
def neo4j_store(neo4j_empty):
    assert build(inputs(), neo4j_empty).errors == []
    return neo4j_empty


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    with open_store("ladybug", str(tmp_path_factory.mktemp("kg") / "db")) as store:
        assert build(inputs(), store).errors == []
        yield store


def number(value):
    """Numbers compared as numbers: LadybugDB gives Decimal for an integer sum, Neo4j an int; floats rounded."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float, Decimal)):
        return round(float(value), 6)
    if isinstance(value, list):
        return [number(v) for v in value]
    if isinstance(value, dict):
        return {k: number(v) for k, v in value.items()}
    return value


def records(store) -> list[str]:
    return sorted(json.dumps(number(r.to_dict()), sort_keys=True, default=str) for r in store.records())


def duplicates(store) -> dict[str, int]:
    """Labels with two nodes of one id, and types with two relationships between one pair of nodes."""
    found = {}
    for label in store.schema.nodes:
        found[label] = store.run(f"MATCH (n:{label}) WITH n.id AS id, count(*) AS c WHERE c > 1 "
                                 "RETURN count(*)")[1][0][0]
    for rel_type in store.schema.relationships:
        found[rel_type] = store.run(f"MATCH (a)-[r:{rel_type}]->(b) WITH a, b, count(r) AS c WHERE c > 1 "
                                    "RETURN count(*)")[1][0][0]
    return {name: n for name, n in found.items() if n}


@live
def test_same_counts_per_label_and_type(neo4j_store, embedded):
    assert neo4j_store.counts() == embedded.counts()
    assert sum(embedded.counts().values()) > 0


@live
def test_same_nodes_and_relationships_with_the_same_properties(neo4j_store, embedded):
    assert records(neo4j_store) == records(embedded)


@live
def test_every_canned_query_gives_the_same_rows(neo4j_store, embedded):
    for name, query in catalogue().items():
        values = query.bind({})
        got, want = answer(query, neo4j_store, values), answer(query, embedded, values)
        assert got[0] == want[0], name
        assert number(got[1]) == number(want[1]), name


@live
def test_rebuilding_changes_nothing(neo4j_store):
    before = records(neo4j_store)
    assert build(inputs(), neo4j_store).errors == []
    assert records(neo4j_store) == before
    assert duplicates(neo4j_store) == {}


class Stop(Exception):
    pass


@live
def test_a_load_stopped_mid_transaction_leaves_nothing_and_a_rerun_completes(neo4j_store, embedded):
    empty(neo4j_store)
    sent = []

    def stop_after_two_batches(n):
        sent.append(n)
        if len(sent) == 2:
            raise Stop

    with pytest.raises(Stop):
        build(inputs(), neo4j_store, on_write=stop_after_two_batches)
    assert sum(neo4j_store.counts().values()) == 0  # the transaction was rolled back
    assert build(inputs(), neo4j_store).errors == []
    assert neo4j_store.counts() == embedded.counts()
    assert duplicates(neo4j_store) == {}


KILLED_BUILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from kg.build import build
    from kg.stores import open_store

    def on_write(n):
        print("writing", flush=True)
        time.sleep(60)  # killed here, mid-transaction, by the test

    with open_store("neo4j", sys.argv[1]) as store:
        build([Path(p) for p in sys.argv[2:]], store, on_write=on_write)
""")


@live
def test_a_killed_load_rerun_completes_without_duplicates(neo4j_store, embedded):
    """`kg build` killed after its first batch reached the server; the re-run stores exactly a clean build."""
    empty(neo4j_store)
    child = subprocess.Popen([sys.executable, "-c", KILLED_BUILD, os.environ["NEO4J_URI"], *map(str, inputs())],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline()
        assert line == "writing\n", child.stderr.read()
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=60)
    done = subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", "build", "--neo4j",
                           os.environ["NEO4J_URI"], *map(str, inputs())], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert neo4j_store.counts() == embedded.counts()
    assert duplicates(neo4j_store) == {}
    assert records(neo4j_store) == records(embedded)


@live
def test_read_transactions_refuse_writes(neo4j_store):
    with pytest.raises(StoreError, match="read-only unless --write"):
        neo4j_store.run("CREATE (:Country {id: 'XXX', name: 'x'})")


@live
def test_a_wrong_password_is_one_line_naming_the_variables(neo4j_store):
    with pytest.raises(StoreError) as caught:
        open_store("neo4j", os.environ["NEO4J_URI"], read_only=True, password="not-the-password")
    message = str(caught.value)
    assert "\n" not in message and "NEO4J_USER and NEO4J_PASSWORD" in message


@live
def test_a_missing_database_is_one_line_naming_the_variable(neo4j_store, monkeypatch):
    monkeypatch.setenv("NEO4J_DATABASE", "nosuchdb")
    with pytest.raises(StoreError) as caught:
        open_store("neo4j", os.environ["NEO4J_URI"], read_only=True)
    message = str(caught.value)
    assert "\n" not in message and "no such database" in message and "NEO4J_DATABASE" in message


@live
def test_stats_shows_both_stores_side_by_side(neo4j_store, embedded, tmp_path):
    with open_store("ladybug", str(tmp_path / "db")) as store:
        build(inputs(), store)
    result = CliRunner().invoke(cli, ["stats", "--db", str(tmp_path / "db"), "-f", "json"],
                                env={"NEO4J_URI": os.environ["NEO4J_URI"]})
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["name"] for r in rows] == list(embedded.counts())
    assert all(r["ladybug"] == r["neo4j"] and r["differs"] is False for r in rows)


@live
def test_rdf_export_is_the_same_from_both_stores(neo4j_store, embedded, monkeypatch):
    build(inputs(), neo4j_store)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    texts = []
    for store in (neo4j_store, embedded):
        out = io.StringIO()
        export(store.records(), out, "nt")
        texts.append(sorted(out.getvalue().splitlines()))
    assert texts[0] == texts[1]


# ---------------------------------------------------------------------------------------------- no server


def one_line_error(result) -> str:
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize("address", [UNREACHABLE, "neo4j://127.0.0.1:1"])
def test_no_server_is_one_line_with_the_fix(address):
    with pytest.raises(StoreError) as caught:
        open_store("neo4j", address)
    assert "\n" not in str(caught.value)
    line = one_line_error(CliRunner().invoke(cli, ["build", "--neo4j", address, str(EXAMPLES)]))
    assert line.startswith(f"Error: no Neo4j answers at {address} (")
    assert "`docker compose up --wait`" in line and "NEO4J_URI" in line and "NEO4J_PASSWORD" in line


@pytest.mark.parametrize("address", ["http://localhost:7474", "localhost:7687"])
def test_a_bad_address_is_one_line_with_the_fix(address):
    line = one_line_error(CliRunner().invoke(cli, ["stats", "--neo4j", address]))
    assert f"bad Neo4j address {address!r}: give a bolt:// or neo4j:// URI" in line


def test_managed_transactions_retry_for_a_set_time_and_a_failed_open_closes_the_driver(monkeypatch):
    import neo4j
    from neo4j.exceptions import ServiceUnavailable

    made = []

    class Driver:
        def __init__(self, uri, **config):
            self.config, self.closed = config, False
            made.append(self)

        def verify_connectivity(self):
            raise ServiceUnavailable("Couldn't connect (reason [Errno 111] Connection refused)")

        def close(self):
            self.closed = True

    monkeypatch.setattr(neo4j.GraphDatabase, "driver", Driver)
    with pytest.raises(StoreError, match=r"\(\[Errno 111\] Connection refused\)"):
        open_store("neo4j", "bolt://example.org:7687")
    assert made[0].config["max_transaction_retry_time"] == 30.0 and made[0].closed
    monkeypatch.setenv("NEO4J_RETRY_SECONDS", "5")
    with pytest.raises(StoreError):
        open_store("neo4j", "bolt://example.org:7687")
    assert made[1].config["max_transaction_retry_time"] == 5.0


def test_write_batches_send_every_record_once_in_bounded_batches():
    from kg.stores.neo4j import write_batches

    graph = assemble([EXAMPLES]).graph
    pairs = list(write_batches(graph, graph.schema))
    assert all(0 < len(rows) <= BATCH and query.startswith("UNWIND $rows AS r ") for query, rows in pairs)
    assert sum(len(rows) for _, rows in pairs) == len(list(graph.nodes())) + len(list(graph.edges()))
    assert all(None not in row["props"].values() for _, rows in pairs for row in rows)


@pytest.fixture
def two_embedded(tmp_path, monkeypatch):
    """`kg stats` with a built --db and a "Neo4j" that is another embedded store holding only part of it."""
    import kg.cli

    db, other = tmp_path / "kg.db", tmp_path / "other"
    with open_store("ladybug", str(db)) as store:
        build([EXAMPLES], store)
    with open_store("ladybug", str(other)) as store:
        build([EXAMPLES / "records"], store)  # no reports: no Evaluation
    real = kg.cli.open_store

    def fake(name, location, **options):
        return real("ladybug", str(other), **options) if name == "neo4j" else real(name, location, **options)

    monkeypatch.setattr(kg.cli, "open_store", fake)
    return db


def stats(*args, uri="bolt://fake:7687"):
    return CliRunner().invoke(cli, ["stats", *map(str, args)], env={"NEO4J_URI": uri, "KG_DB": None})


def test_stats_puts_both_stores_side_by_side_and_marks_what_differs(two_embedded):
    result = stats("--db", two_embedded, "-f", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert list(rows[0]) == ["name", "kind", "ladybug", "neo4j", "differs"]
    evaluations = next(r for r in rows if r["name"] == "Evaluation")
    assert evaluations["ladybug"] == 3 and evaluations["differs"] is (evaluations["neo4j"] != 3)
    assert any(r["differs"] for r in rows) and all(r["differs"] == (r["ladybug"] != r["neo4j"]) for r in rows)
    assert "counts differ between the stores" in result.stderr
    table = stats("--db", two_embedded).stdout
    assert "ladybug:" in table and "neo4j: bolt://fake:7687" in table and "*" in table
    lines = stats("--db", two_embedded, "-f", "csv").stdout.splitlines()
    assert lines[0] == "name,kind,ladybug,neo4j,differs" and len(lines) == len(rows) + 1


def test_stats_store_picks_one(two_embedded):
    for pick, evaluations in (("ladybug", 3), ("neo4j", 0)):
        result = stats("--db", two_embedded, "--store", pick, "-f", "json")
        assert result.exit_code == 0, result.output
        rows = json.loads(result.stdout)
        assert list(rows[0]) == ["name", "kind", "count"]
        assert next(r for r in rows if r["name"] == "Evaluation")["count"] == evaluations
    assert stats("--db", two_embedded, "--store", "neo4j", uri=None).exit_code == 2


def test_stats_with_neo4j_unreachable_prints_the_embedded_counts_and_one_error(tmp_path):
    with open_store("ladybug", str(tmp_path / "kg.db")) as store:
        build([EXAMPLES], store)
    result = stats("--db", tmp_path / "kg.db", "-f", "json", uri=UNREACHABLE)
    assert result.exit_code == 1
    rows = json.loads(result.stdout)
    assert list(rows[0]) == ["name", "kind", "count"] and sum(r["count"] for r in rows) > 0
    line, = result.stderr.splitlines()
    assert line.startswith("error: neo4j not counted: no Neo4j answers at") and "docker compose up --wait" in line


def test_stats_counts_neo4j_alone_when_no_embedded_database_is_there(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no ./kg.db
    line = one_line_error(stats(uri=UNREACHABLE))
    assert line.startswith(f"Error: no Neo4j answers at {UNREACHABLE}")


def test_the_ci_workflow_runs_the_default_tier_and_the_live_tier_against_a_neo4j_service():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    assert set(jobs) >= {"tests", "neo4j"}
    assert any("bash .ci/run" in step.get("run", "") for step in jobs["tests"]["steps"])
    service = jobs["neo4j"]["services"]["neo4j"]
    assert service["image"] == "neo4j:5-community" and "7687:7687" in service["ports"]
    assert "--health-cmd" in service["options"]
    runs = " ".join(step.get("run", "") for step in jobs["neo4j"]["steps"])
    assert "-m neo4j" in runs
    env = {**workflow.get("env", {}), **jobs["neo4j"].get("env", {})}
    assert env["NEO4J_URI"] == "bolt://localhost:7687" and env["NEO4J_PASSWORD"] in service["env"]["NEO4J_AUTH"]
