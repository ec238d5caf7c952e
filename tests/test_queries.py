"""Canned queries: headers, parameters, and answers from a store built from the seeds and the examples."""

from pathlib import Path

import pytest

from kg.build import build
from kg.canned import GROUPS, REFERENCE, QueryError, answer, catalogue, parse_query, reference
from kg.stores import open_store

ROOT = Path(__file__).resolve().parents[1]
LAO_REVIEW = "EVAL/ilo-country-programme-lao-pdr-2006-2009/2011"
# a value for each required parameter, so every query can run
REQUIRED = {"target": "PLAN/LAO/SIXTH-NSEDP"}


@pytest.fixture(scope="module")
def store(tmp_path_factory, seeds_dir):
    with open_store("ladybug", str(tmp_path_factory.mktemp("kg") / "db")) as db:
        report = build([seeds_dir, ROOT / "examples"], db)
        assert report.errors == []
        yield db


def ask(store, name: str, **params) -> list[dict]:
    query = catalogue()[name]
    columns, rows = answer(query, store, query.bind({k: str(v) for k, v in params.items()}))
    return [dict(zip(columns, row)) for row in rows]


def test_every_query_runs_with_its_declared_columns_in_a_stable_order(store):
    for name, query in catalogue().items():
        values = query.bind({p: REQUIRED[p] for p, spec in query.parameters.items() if spec.required})
        columns, rows = answer(query, store, values)
        assert tuple(columns) == query.columns, name
        assert rows, f"{name} found nothing in the seeds and examples"
        assert answer(query, store, values)[1] == rows, f"{name} is not deterministic"
        lists = [v for row in rows for v in row if isinstance(v, list)]
        assert all(v == sorted(v, key=str) for v in lists), f"{name}: a list column is not sorted"


def test_catalogue_covers_every_group_and_docs_are_current():
    queries = catalogue()
    assert {q.group for q in queries.values()} == set(GROUPS)
    assert len(queries) >= 20
    assert (ROOT / REFERENCE).read_text(encoding="utf-8") == reference(queries), "run `python -m kg.canned`"


def test_alignment_chain_of_wedge(store):
    rows = ask(store, "alignment", project="WEDGE")
    assert {"LAO101", "LAO102"} <= {r["outcome"] for r in rows}
    lao = [r for r in rows if r["outcome"] == "LAO101" and r["target"] == "PLAN/LAO/SIXTH-NSEDP"]
    assert lao and (lao[0]["parent"], lao[0]["grandparent"], lao[0]["aligned_via"]) == ("LAO100", None, "LAO100")
    assert lao[0]["target_kind"] == "plan" and lao[0]["alignment_basis"] == "stated"
    assert lao[0]["contribution_evidence"] >= 1 and lao[0]["alignment_evidence"] >= 1
    assert {r["project"] for r in rows} == {"PROJECT/WEDGE"}
    khm = {r["aligned_via"] for r in rows if r["outcome"] == "KHM106"}
    assert khm == {"DWCP-KHM-2008-2010/1"}  # KHM106 reaches the UNDAF through the DWCP outcome mapped to it


def test_sixth_nsedp_is_served_by_four_lao_outcomes(store):
    rows = ask(store, "supporters", target="PLAN/LAO/SIXTH-NSEDP")
    assert [r["outcome"] for r in rows] == ["LAO100", "LAO125", "LAO150", "LAO800"]
    assert "PROJECT/WEDGE" in rows[0]["projects"]
    assert ask(store, "supporters", target="no-such-plan") == []


def test_unaligned_and_matrix(store):
    unaligned = {r["id"]: r for r in ask(store, "unaligned")}
    assert "LAO101" not in unaligned and "KHM104" not in unaligned  # through LAO100, and DWCP outcome 1
    assert unaligned["P&B/1"]["reason"] == "aligns with no framework"
    assert {r["kind"] for r in ask(store, "unaligned", kind="project")} == {"project"}
    matrix = {(r["outcome"], r["framework"]): r for r in ask(store, "alignment-matrix", country="KHM")}
    assert matrix["DWCP-KHM-2008-2010/2", "UNDAF/KHM/2006-2010"]["targets"] == 4
    assert all(f.startswith(("UNDAF/KHM", "PLAN/KHM")) for _, f in matrix)


def test_coverage_keeps_unknown_money_apart_from_none(store):
    outcomes = {r["outcome"]: r for r in ask(store, "coverage-outcomes")}
    budgets = {k: r["budget"] for k, r in outcomes.items() if r["budget"] is not None}
    assert max(budgets, key=budgets.get) == "DWCP-KHM-2008-2010/2"
    assert budgets["DWCP-KHM-2008-2010/2"] == 5835286
    assert outcomes["LAO102"]["expenditure"] == 246455 and outcomes["LAO102"]["budget"] is None
    assert outcomes["LAO101"]["expenditure"] is None and outcomes["LAO101"]["projects"] >= 1
    assert outcomes["LAO101"]["evaluations"] == 1 and outcomes["LAO101"]["recommendations"] == 23
    countries = {r["country"]: r for r in ask(store, "coverage-countries")}
    assert countries["KHM"]["budget"] == 2514426 + 5835286 + 4432799 + 430964
    assert countries["LAO"]["budget"] is None and countries["LAO"]["expenditure"] > 0
    frameworks = {r["target"]: r for r in ask(store, "coverage-frameworks", country="LAO")}
    assert frameworks["PLAN/LAO/SIXTH-NSEDP"]["outcomes"] == 4
    assert frameworks["UNDAF/LAO/2007-2011/1"]["contributions"] > 0
    assert frameworks["PLAN/LAO/SEVENTH-NSEDP"]["outcomes"] == 0


def test_money_gaps_donors_and_changes(store):
    money = ask(store, "money", kind="budget")
    assert money[0]["funded"] == "DWCP-KHM-2008-2010/2" and money[0]["stated_by"]
    assert [r["amount"] for r in money] == sorted((r["amount"] for r in money), reverse=True)
    gaps = {r["target"] for r in ask(store, "gaps", framework="PLAN/LAO/SIXTH-NSEDP")}
    assert "PLAN/LAO/SIXTH-NSEDP/social-security-for-all" in gaps
    donors = {r["donor"]: r for r in ask(store, "donors")}
    assert donors["MOEL/ROK"]["funds"] == ["RAS/21/50/KOR", "RAS/21/51/KOR", "RAS/21/52/KOR"]
    assert donors["MOEL/ROK"]["amount"] is None  # no amount stated: unknown, not zero
    assert donors["MHLW"]["amount"] == 1250000 and donors["MHLW"]["currencies"] == ["USD"]
    changes = {(r["outcome"], r["becomes"]): r["change"] for r in ask(store, "outcome-changes")}
    assert {changes["KHM151", f"KHM15{n}"] for n in (7, 8, 9)} == {"split"}


def test_recommendation_queries(store):
    lao = ask(store, "recommendations", evaluation=LAO_REVIEW)
    assert len(lao) == 23 and lao[0]["number"] == "1" and lao[-1]["number"] == "23"
    assert not any(r["response"] for r in lao)  # the review records no Office responses
    unanswered = ask(store, "unanswered", evaluation=LAO_REVIEW)
    assert len(unanswered) == 23 and {r["responses_in_report"] for r in unanswered} == {0}
    andean = "EVAL/ilo-s-decent-work-programme-in-the-andean-countries-of-the-p/2020"
    assert all(r["response"] for r in ask(store, "recommendations", evaluation=andean))
    assert ask(store, "unanswered", evaluation=andean) == []
    high = ask(store, "recommendations", priority="HIGH")
    assert high and {r["priority"] for r in high} == {"High"}
    addressees = {r["addressee"]: r for r in ask(store, "addressees")}
    assert addressees["DDG/P"]["recommendations"] >= addressees["DDG/P"]["high_priority"] > 0
    to_pardev = ask(store, "recommendations", addressee="PARDEV")
    assert to_pardev and all("PARDEV" in r["addressed_to"] for r in to_pardev)
    themes = {r["theme"]: r for r in ask(store, "themes")}
    assert themes["gender"]["evaluations"] >= 2 and "EVAL/RAS/21/50/KOR/2023" in themes["gender"]["evaluation_ids"]
    assert all(r["evaluations"] >= 3 for r in ask(store, "themes", min_evaluations=3))


def test_partner_and_evidence_queries(store):
    donors = ask(store, "organisations", kind="donor")
    assert donors[0]["organisation"] == "MOEL/ROK" and donors[0]["projects"] == 3
    pairs = {(r["organisation"], r["partner"]) for r in ask(store, "collaborations")}
    assert ("MOLISA", "VGCL") in pairs and all(a < b for a, b in pairs)
    assert {r["partner"] for r in ask(store, "collaborations", organisation="VGCL")} == {"MHLW", "MOLISA"}
    tripartite = {r["programme"]: r for r in ask(store, "tripartite")}
    for row in tripartite.values():
        assert ("workers" in row["missing"]) == (row["workers"] == [])
    lao, khm = tripartite["PROGRAMME/CP-LAO-2006-2009"], tripartite["PROGRAMME/DWCP-KHM-2008-2010"]
    assert (lao["employers"], lao["workers"], lao["missing"]) == (["LNCCI"], ["LFTU"], [])
    assert "LAO/MOLSW" in lao["government"] and "KHM/MOLVT" in khm["government"]
    assert {"CAMFEBA", "CLC"} <= set(khm["employers"] + khm["workers"]) and khm["missing"] == []
    evaluated = {r["id"]: r for r in ask(store, "evaluated")}
    assert evaluated["RAS/21/51/KOR"]["evaluations"] == ["EVAL/RAS/21/50/KOR/2023"]
    assert LAO_REVIEW in evaluated["LAO101"]["evaluations"]
    assert all(r["evaluations"] == [] for r in ask(store, "evaluated", status="not evaluated"))
    lessons = ask(store, "lessons", country="VNM", theme="gender")
    assert [(r["kind"], r["number"]) for r in lessons] == [("lesson", "2")]


def test_limit_returns_the_first_rows(store):
    query = catalogue()["recommendations"]
    values = query.bind({})
    _, every = answer(query, store, values)
    _, first = answer(query, store, values, limit=5)
    assert first == every[:5] and len(every) > 5


def test_values_never_become_query_text(store):
    for hostile in ("' OR 1=1 //", "x}) MATCH (n) DETACH DELETE n //", "WEDGE\\"):
        assert ask(store, "alignment", project=hostile) == []
    assert ask(store, "alignment", project="WEDGE")


def test_parameters_are_converted_and_checked():
    query = parse_query("q", "// title: T\n// description: D\n// group: evidence\n// parameters:\n"
                             "//   n: {type: integer, description: how many}\n"
                             "//   who: {type: string, default: '', choices: [a, b]}\n// columns: [a]\n"
                             "RETURN $n + size($who) AS a\nORDER BY a\n")
    assert query.bind({"n": "3"}) == {"n": 3, "who": ""}
    with pytest.raises(QueryError, match="takes an integer, not 'three'"):
        query.bind({"n": "three"})
    with pytest.raises(QueryError, match="needs -p n VALUE"):
        query.bind({})
    with pytest.raises(QueryError, match="takes one of a, b, not 'c'"):
        query.bind({"n": "1", "who": "c"})
    with pytest.raises(QueryError, match="has no parameter 'm'"):
        query.bind({"m": "1"})
    with pytest.raises(QueryError, match="header lacks title, columns"):
        parse_query("bad", "// description: only\nRETURN 1 AS a\n")
    with pytest.raises(QueryError, match=r"uses \$n, \$typo but the header declares n"):
        parse_query("q", "// title: T\n// description: D\n// parameters:\n//   n: {type: integer}\n"
                         "// columns: [a]\nRETURN $n + $typo AS a\nORDER BY a\n")
    with pytest.raises(QueryError, match="must end in ORDER BY"):
        parse_query("q", "// title: T\n// description: D\n// columns: [a]\nRETURN 1 AS a\n")
    with pytest.raises(QueryError, match=r"queries/broken.cypher line 1: the header is not valid YAML"):
        parse_query("broken", "// title: A: B: C\n// description: D\n// columns: [a]\nRETURN 1 AS a\n")


def test_themes_vocabulary_reaches_the_query():
    values = catalogue()["themes"].bind({})
    assert {"gender", "monitoring and evaluation", "resource mobilisation"} <= {t["theme"] for t in values["themes"]}
    assert all(t["words"] and all(w == w.lower() for w in t["words"]) for t in values["themes"])
