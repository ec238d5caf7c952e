"""The canned queries and the Neo4j schema file pass Neo4j's own Cypher 5 front end.

The queries are run on LadybugDB by the other tests, but no Neo4j server runs here, so
tests/neo4j_dialect/lint.mjs runs the parser and semantic analysis that Neo4j publishes
on npm: it rejects syntax Neo4j lacks (LadybugDB's COPY, CAST, CREATE NODE TABLE),
undefined variables, aggregation and type errors, and functions Neo4j does not have
(LadybugDB's label(), list_concat()). Warnings (deprecations) are reported, not failed.
"""

import json
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINTER = ROOT / "tests" / "neo4j_dialect"
CHECKED = sorted((ROOT / "queries").glob("*.cypher")) + [ROOT / "schema" / "neo4j.cypher"]

pytestmark = [
    pytest.mark.skipif(shutil.which("node") is None, reason="node not found: it runs Neo4j's Cypher 5 front end"),
    pytest.mark.skipif(not (LINTER / "node_modules").is_dir(),
                       reason="run `npm ci --prefix tests/neo4j_dialect` to check queries against "
                              "Neo4j's Cypher 5 front end"),
]


def lint(paths) -> dict[str, list[dict]]:
    """Each file's diagnostics from lint.mjs, by the path as given."""
    done = subprocess.run(["node", str(LINTER / "lint.mjs"), *map(str, paths)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def shown(path: Path, diagnostics) -> str:
    return "\n".join(f"{path.relative_to(ROOT)}:{d['line']}:{d['column']}: {d['severity']}: {d['message']}"
                     for d in diagnostics)


@pytest.fixture(scope="module")
def linted():
    return lint(CHECKED)


@pytest.mark.parametrize("path", CHECKED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_neo4j_accepts(linted, path):
    diagnostics = linted[str(path)]
    errors = [d for d in diagnostics if d["severity"] == "error"]
    assert not errors, "Neo4j's Cypher 5 front end rejects this file:\n" + shown(path, diagnostics)
    if diagnostics:
        warnings.warn(shown(path, diagnostics))


def test_the_linter_catches_what_neo4j_rejects(tmp_path):
    query = tmp_path / "bad.cypher"
    query.write_text("// a LadybugDB function and an undefined variable\n"
                     "MATCH (n)\nRETURN label(n) AS kind, m AS other\n")
    found = lint([query, ROOT / "schema" / "ladybug.cypher"])
    assert [(d["severity"], d["line"], d["column"], d["message"].split(" is ")[0]) for d in found[str(query)]] == [
        ("error", 3, 8, "Function label"), ("error", 3, 26, "Variable `m` not defined")]
    assert found[str(ROOT / "schema" / "ladybug.cypher")][0]["severity"] == "error"
