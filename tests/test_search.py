"""`kg search TEXT`: words found in recommendation, response, lesson and good-practice text.

The embedded store is tested on a real database built from the seeds; Neo4j's full-text
query is checked with Neo4j's own Cypher 5 front end, and run live when NEO4J_URI answers.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import cli
from kg.generate import neo4j_constraints
from kg.model import SEARCH_INDEX, load_schema, searchable
from kg.stores import StoreError, open_store
from kg.stores.base import SEARCH_COLUMNS, snippet
from kg.stores.neo4j import SEARCH, lucene_words

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
LINTER = ROOT / "tests" / "neo4j_dialect"
INJECTIONS = ["' OR 1=1 //", "}) MATCH (n) DETACH DELETE n //", "text:* OR id:*", "$words"]
HOSTILE = INJECTIONS + ['"', "*", "(", "\\"]  # Lucene's specials: plain characters to the embedded scan


@pytest.fixture(scope="module")
def store(seeds_db):
    with open_store("ladybug", str(seeds_db), read_only=True) as db:
        yield db


@pytest.fixture(scope="module")
def recommendation(store):
    """A stored recommendation, the evaluation that made it, and a long word of its text."""
    rows = store.run("MATCH (e:Evaluation)-[:MAKES]->(r:Recommendation) RETURN r.id, e.id, r.text ORDER BY r.id")[1]
    assert rows
    rec, evaluation, text = rows[0]
    word = max(re.findall(r"[A-Za-z]{6,}", text), key=len)
    return rec, evaluation, text, word


def ids(rows):
    return [r[1] for r in rows]


def kg(*args, db):
    return CliRunner().invoke(cli, [*args, "--db", str(db)], env={"NEO4J_URI": None, "KG_DB": None},
                              catch_exceptions=False)


def test_the_schema_marks_the_searchable_text():
    schema = load_schema()
    assert searchable(schema) == {"Recommendation": ["text"], "ManagementResponse": ["text"],
                                  "Lesson": ["text"], "GoodPractice": ["text"]}
    assert (f"CREATE FULLTEXT INDEX {SEARCH_INDEX} IF NOT EXISTS FOR "
            "(n:Recommendation|ManagementResponse|Lesson|GoodPractice) ON EACH [n.text];") in neo4j_constraints(schema)


def test_a_word_of_a_recommendation_finds_it(store, recommendation):
    rec, evaluation, _, word = recommendation
    columns, rows = store.search(word, limit=1000)
    assert columns == SEARCH_COLUMNS
    found = {r[1]: r for r in rows}
    assert rec in found
    label, _, prop, score, made_by, text = found[rec]
    assert (label, prop, made_by) == ("Recommendation", "text", evaluation)
    assert score >= 1 and word.lower() in text.lower()
    assert [r[3] for r in rows] == sorted((r[3] for r in rows), reverse=True)  # best first


def test_case_does_not_matter(store, recommendation):
    word = recommendation[3]
    assert ids(store.search(word.upper(), 1000)[1]) == ids(store.search(word.lower(), 1000)[1])
    assert ids(store.search(word.title(), 1000)[1]) == ids(store.search(word, 1000)[1])


def test_more_words_narrow_the_result(store):
    one = store.search("training", 1000)[1]
    two = store.search("training union", 1000)[1]
    assert two and len(two) < len(one) and set(ids(two)) <= set(ids(one))
    texts = dict(store.run("MATCH (n) WHERE n.id IN $ids RETURN n.id, n.text", {"ids": ids(two)})[1])
    assert all("training" in texts[i].lower() and "union" in texts[i].lower() for i in ids(two))


def test_every_searchable_label_is_found_with_its_evaluation(store):
    rows = store.search("the", 1000)[1]
    assert {r[0] for r in rows} == set(searchable(store.schema))
    assert all(r[4] and r[4].startswith("EVAL/") for r in rows)


def test_label_and_limit(store):
    lessons = store.search("training", 1000, labels=["Lesson"])[1]
    assert lessons and {r[0] for r in lessons} == {"Lesson"}
    assert len(store.search("the", 3)[1]) == 3


def test_no_match_is_an_empty_result(store, seeds_db):
    assert store.search("zzqxnotaword", 20)[1] == []
    result = kg("search", "zzqxnotaword", "-f", "json", db=seeds_db)
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    assert "no matches" in result.stderr


def test_hostile_text_is_only_text(seeds_db, tmp_path):
    copy = tmp_path / "db"
    shutil.copytree(seeds_db, copy)
    with open_store("ladybug", str(copy)) as db:  # writable: nothing must change all the same
        before = db.counts()
        for text in INJECTIONS:
            assert db.search(text, 20)[1] == [], text
        for text in HOSTILE:
            full = dict(db.run("MATCH (n) WHERE n.id IN $ids RETURN n.id, n.text",
                               {"ids": ids(db.search(text, 1000)[1])})[1])
            assert all(text in t.lower() for t in full.values()), text  # found as text, nothing else
        assert db.counts() == before
    for text in HOSTILE:
        result = kg("search", text, "-f", "csv", db=copy)
        assert result.exit_code == 0, (text, result.stderr)
        assert result.stdout.startswith(",".join(SEARCH_COLUMNS) + "\n")
    with open_store("ladybug", str(copy), read_only=True) as db:
        assert db.counts() == before


def test_cli_search(seeds_db, recommendation):
    rec, evaluation, _, word = recommendation
    result = kg("search", word.upper(), "--limit", "1000", "-f", "json", db=seeds_db)
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {"label": "Recommendation", "id": rec, "evaluation": evaluation}.items() <= \
        next(r for r in rows if r["id"] == rec).items()
    assert "scans for the words, not a ranked full-text index" in result.stderr
    for fmt in ("table", "csv", "markdown"):
        assert kg("search", word, "-f", fmt, db=seeds_db).exit_code == 0


def test_cli_usage_errors(seeds_db):
    for args in (["search", ""], ["search", "  \t"], ["search", "x", "--label", "Project"],
                 ["search", "x", "--lucene"], ["search", "x", "--limit", "0"]):
        result = kg(*args, db=seeds_db)
        assert result.exit_code == 2, args
    assert "give one or more words" in kg("search", " ", db=seeds_db).stderr
    assert "--lucene needs --neo4j" in kg("search", "x", "--lucene", db=seeds_db).stderr


def test_search_on_a_missing_store_fails_in_one_line(tmp_path):
    result = kg("search", "x", db=tmp_path / "nothing")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1


def test_snippet():
    assert snippet("short  text\nhere", ["text"]) == "short text here"
    long = " ".join(["filler"] * 100) + " needle " + " ".join(["after"] * 100)
    cut = snippet(long, ["needle"], width=80)
    assert "needle" in cut and cut.startswith("…") and cut.endswith("…") and len(cut) <= 82


def test_plain_words_are_escaped_for_lucene():
    assert lucene_words(["training", "union"]) == "training AND union"
    assert lucene_words(["or", "not", "and"]) == "or AND not AND and"  # operators become words
    assert lucene_words(['"', "*", "(", "a:b", "\\", "x&&y", "1/2"]) == \
        '\\" AND \\* AND \\( AND a\\:b AND \\\\ AND x\\&\\&y AND 1\\/2'


@pytest.mark.skipif(shutil.which("node") is None or not (LINTER / "node_modules").is_dir(),
                    reason="needs node and tests/neo4j_dialect/node_modules (npm ci --prefix tests/neo4j_dialect)")
def test_the_neo4j_search_query_is_cypher_5(tmp_path):
    query = tmp_path / "search.cypher"
    query.write_text(SEARCH, encoding="utf-8")
    done = subprocess.run(["node", str(LINTER / "lint.mjs"), str(query)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    errors = [d for d in json.loads(done.stdout)[str(query)] if d["severity"] == "error"]
    assert errors == []


@pytest.fixture(scope="module")
def neo4j_store(neo4j_empty):
    assert build([EXAMPLES], neo4j_empty).errors == []
    neo4j_empty.run("CALL db.awaitIndexes(300)")
    return neo4j_empty


@pytest.mark.neo4j
def test_neo4j_full_text_search(neo4j_store):
    rows = neo4j_store.run("MATCH (e:Evaluation)-[:MAKES]->(r:Recommendation) RETURN r.id, e.id, r.text "
                           "ORDER BY r.id LIMIT 1")[1]
    rec, evaluation, text = rows[0]
    word = max(re.findall(r"[A-Za-z]{6,}", text), key=len)
    columns, found = neo4j_store.search(word.upper(), 1000)
    assert columns == SEARCH_COLUMNS
    hit = next(r for r in found if r[1] == rec)
    assert hit[0] == "Recommendation" and hit[4] == evaluation and hit[3] > 0
    assert neo4j_store.search("zzqxnotaword", 20)[1] == []
    before = neo4j_store.counts()
    for hostile in HOSTILE:
        neo4j_store.search(hostile, 20)  # escaped: runs, whatever it finds
    assert neo4j_store.counts() == before
    with pytest.raises(StoreError) as failed:
        neo4j_store.search('"unclosed', 20, lucene=True)
    assert "\n" not in str(failed.value) and str(failed.value).startswith("full-text search failed")
