"""The `kg` command, run in-process on real files and a real on-disk store."""

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.canned import catalogue
from kg.cli import cli

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
COMMANDS = sorted(cli.commands)


@pytest.fixture
def kg(tmp_path):
    """Run kg against a fresh embedded store, with no Neo4j in the environment."""
    runner = CliRunner()

    def run(*args, db=tmp_path / "kg.db"):
        return runner.invoke(cli, [*map(str, args), *(["--db", str(db)] if db else [])],
                             env={"NEO4J_URI": None, "KG_DB": None}, catch_exceptions=False)

    return run


@pytest.fixture
def built(kg):
    result = kg("build", EXAMPLES)
    assert result.exit_code == 0, result.output
    return kg


def test_every_command_has_help():
    runner = CliRunner()
    assert set(COMMANDS) == {"build", "cypher", "export", "extract", "import", "plot", "query", "search", "stats",
                             "validate"}
    commands = [[name] for name in COMMANDS] + [["export", "rdf"], ["import", "rdf"]]
    for words in commands:
        for flag in ("-h", "--help"):
            result = runner.invoke(cli, [*words, flag])
            assert result.exit_code == 0
            assert f"Usage: cli {' '.join(words)}" in result.output or f"Usage: kg {' '.join(words)}" in result.output
        command = cli.commands[words[0]]
        command = command.commands[words[1]] if len(words) > 1 else command
        assert len(command.help.strip()) > 30, words


def test_build_prints_counts_and_is_idempotent(built):
    first = built("stats", "-f", "json")
    counts = {row["name"]: row["count"] for row in json.loads(first.stdout)}
    assert counts["Evaluation"] == 3 and counts["Organization"] >= 6
    again = built("build", EXAMPLES, "-f", "json")
    assert again.exit_code == 0
    assert again.stderr.splitlines()[-1].startswith("6 files: 3 Document, 3 Evaluation, ")  # on stderr
    files = {Path(f["document"]).name: f for f in json.loads(again.stdout)}
    assert len(files) == 6 and files["partners.csv"]["nodes"] == {"Organization": 6}
    assert files["outcomes.yaml"]["relationships"]["ALIGNS_WITH"] == 6
    assert json.loads(built("stats", "-f", "json").stdout) == json.loads(first.stdout)


def test_build_reports_what_each_file_yielded_and_what_it_could_not_read(built, tmp_path):
    (tmp_path / "notes.txt").write_text("Minutes of a meeting.\nNothing else.\n", encoding="utf-8")
    shutil.copy(EXAMPLES / "reports" / "respond_cluster_midterm.txt", tmp_path)
    result = built("build", str(tmp_path), "-f", "json")
    files = {Path(f["document"]).name: f for f in json.loads(result.stdout)}
    assert files["notes.txt"]["nodes"] == {"Document": 1}
    assert [w["line"] for w in files["notes.txt"]["warnings"]] == [1]
    assert "no recognisable structure" in files["notes.txt"]["warnings"][0]["message"]
    assert files["respond_cluster_midterm.txt"]["nodes"]["Project"] == 2
    table = built("validate", str(tmp_path), db=None).stdout
    assert "notes.txt" in table and "respond_cluster_midterm.txt" in table and "2 Project" in table


def test_query_formats(built):
    rows = json.loads(built("query", "evaluations", "-f", "json").stdout)
    assert len(rows) == 3
    assert list(rows[0]) == list(catalogue()["evaluations"].columns)
    table = built("query", "evaluations").stdout
    assert "Evaluations" in table and "3 rows" in table
    parsed = list(csv.reader(io.StringIO(built("query", "evaluations", "-f", "csv").stdout)))
    assert parsed[0] == list(catalogue()["evaluations"].columns) and len(parsed) == 4
    markdown = built("query", "evaluations", "-f", "markdown").stdout.splitlines()
    assert markdown[0].startswith("| evaluation | date |") and markdown[1].startswith("|---|")
    assert len(markdown) == 5
    limited = json.loads(built("query", "recommendations", "-f", "json", "--limit", "2").stdout)
    assert len(limited) == 2


def test_query_parameters_are_checked(built):
    one = json.loads(built("query", "evaluations", "-p", "country", "MNG", "-f", "json").stdout)
    assert [r["countries"] for r in one] == [["MNG"]]
    assert json.loads(built("query", "evaluations", "-p", "country", "ZZZ", "-f", "json").stdout) == []
    bad = built("query", "evaluations", "-p", "colour", "red")
    assert bad.exit_code == 1 and "has no parameter 'colour' (it takes: country)" in bad.stderr
    missing = built("query", "nosuch")
    assert missing.exit_code == 1 and "no canned query 'nosuch'" in missing.stderr


def test_query_list(kg):
    result = kg("query", "--list", "-f", "csv", db=None)
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["group", "name", "title", "parameters"]
    assert [row[1] for row in rows[1:]] == list(catalogue()) and len(rows) > 20
    assert ["alignment", "supporters", "Outcomes and projects behind a plan, framework or goal", "target"] in rows


def test_cypher_is_read_only_unless_write(built):
    result = built("cypher", "MATCH (c:Country {id: $code}) RETURN c.iso2 AS iso2", "-p", "code", "VNM", "-f", "json")
    assert json.loads(result.stdout) == [{"iso2": "VN"}]
    refused = built("cypher", "CREATE (:Country {id: 'XXX', name: 'x'})")
    assert refused.exit_code == 1 and "read-only unless --write" in refused.stderr
    assert built("cypher", "CREATE (:Country {id: 'XXX', name: 'x'})", "--write").exit_code == 0
    count = built("cypher", "MATCH (c:Country {id: 'XXX'}) RETURN count(c) AS n", "-f", "json")
    assert json.loads(count.stdout) == [{"n": 1}]
    typed = built("cypher", "RETURN $n + 1 AS m", "-p", "n", "41", "-f", "json")
    assert json.loads(typed.stdout) == [{"m": 42}]
    broken = built("cypher", "MATCH (n:Nope) RETURN n")
    assert broken.exit_code == 1 and broken.stderr.count("\n") == 1 and broken.stdout == ""


def test_build_reports_bad_input_and_exits_1(kg, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.jsonl").write_text(
        '{"kind": "node", "label": "Country", "id": "KHM", "properties": {"name": "Cambodia"}}\n')
    (tmp_path / "in" / "bad.csv").write_text("label,id,name\nCountry,LAO,Lao\nNation,X,y\n")
    (tmp_path / "in" / "empty.txt").write_text("")
    (tmp_path / "in" / "bin.md").write_bytes(b"\x00\x01\x02")
    result = kg("build", tmp_path / "in")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert sorted(errors) == sorted([
        f"error: {tmp_path / 'in' / 'bad.csv'}:3: label: unknown label 'Nation'",
        f"error: {tmp_path / 'in' / 'bin.md'}: binary file, not text",
        f"error: {tmp_path / 'in' / 'empty.txt'}: empty file",
    ])
    assert "Traceback" not in result.output
    rows = json.loads(kg("cypher", "MATCH (c:Country) RETURN c.id AS id ORDER BY id", "-f", "json").stdout)
    assert rows == [{"id": "KHM"}, {"id": "LAO"}]


def test_validate_and_extract(kg, tmp_path):
    assert kg("validate", EXAMPLES, db=None).exit_code == 0
    out = tmp_path / "records.jsonl"
    result = kg("extract", EXAMPLES, "-o", out, db=None)
    assert result.exit_code == 0
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert {r["kind"] for r in lines} == {"node", "edge"}
    assert all(r["evidence"] and r["evidence"][0]["line"] >= 1 for r in lines)
    # what extract writes, build and validate read back unchanged
    assert kg("validate", out, db=None).exit_code == 0


def test_extract_seed_summary_report(kg, tmp_path, seeds_dir):
    out = tmp_path / "out.jsonl"
    result = kg("extract", seeds_dir / "000_af0c1458d30e124d.txt", "-o", out, db=None)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    projects = sorted(r["id"] for r in records if r.get("label") == "Project")
    assert projects == ["RAS/21/50/KOR", "RAS/21/51/KOR", "RAS/21/52/KOR"]
    for record in records:
        assert record["evidence"], record
        for ev in record["evidence"]:
            assert ev["document"] == "000_af0c1458d30e124d.txt" and 1 <= ev["line"] <= ev["end_line"]


def test_store_options(kg, tmp_path):
    both = CliRunner().invoke(cli, ["stats", "--db", str(tmp_path), "--neo4j", "bolt://127.0.0.1:1"])
    assert both.exit_code == 2 and "not both" in both.stderr
    nothing = kg("stats", db=tmp_path / "absent")
    assert nothing.exit_code == 1 and "run `kg build PATH...` first" in nothing.stderr
    unreachable = CliRunner().invoke(cli, ["stats", "--neo4j", "bolt://127.0.0.1:1"])
    assert unreachable.exit_code == 1 and "docker compose up --wait" in unreachable.stderr
    for address in ("http://localhost:7474", "localhost:7687"):
        wrong = CliRunner().invoke(cli, ["stats", "--neo4j", address])
        assert wrong.exit_code == 1 and "give a bolt:// or neo4j:// URI" in wrong.stderr
    # an explicit --db beats NEO4J_URI from the environment
    env_only = CliRunner().invoke(cli, ["stats", "--db", str(tmp_path / "absent")],
                                  env={"NEO4J_URI": "bolt://127.0.0.1:1"})
    assert "run `kg build PATH...` first" in env_only.stderr


def test_a_folder_without_inputs_is_an_error(kg, tmp_path):
    (tmp_path / "nothing").mkdir()
    (tmp_path / "nothing" / "notes.docx").write_bytes(b"PK")
    for command in ("build", "validate", "extract"):
        result = kg(command, tmp_path / "nothing", db=tmp_path / "db" if command == "build" else None)
        assert result.exit_code == 1
        assert result.stderr.startswith("Error: no reports or record files there (looked for .txt, .md")
