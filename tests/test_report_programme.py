"""The programme reader: the programme under review, outcomes, mappings, money and ratings."""

from pathlib import Path

import pytest

from loaders import Loaded
from loaders.report import evaluations, programme
from loaders.report.document import Doc
from loaders.report.out import Out, Span

EVAL = "EVAL/test"


def run(text: str, name: str = "report.txt", country: str | None = None) -> tuple[Out, Loaded]:
    """Read `text` with one evaluation spanning the file (as the evaluations reader would leave it)."""
    path = Path(name)
    loaded = Loaded(path)
    doc, out = Doc(path, text), Out(path, loaded)
    out.node("Evaluation", EVAL, {"title": "A review"}, [out.evidence(1, 1, "A review")])
    out.evaluations.append(Span(EVAL, 1, max(1, len(doc.lines))))
    out.country = country
    programme.read(doc, out)
    return out, loaded


def seed(seeds_dir: Path, prefix: str) -> tuple[Out, Loaded]:
    path = next(seeds_dir.glob(f"{prefix}_*.txt"))
    return run(path.read_text(encoding="utf-8"), path.name)


def outcomes(out: Out) -> dict[str, dict]:
    return {n.id: n.properties for n in out.nodes.values() if n.label == "Outcome"}


def edges(out: Out, type: str) -> set[tuple[str, str]]:
    return {(e.source, e.target) for e in out.edges.values() if e.type == type}


def codes(out: Out) -> set[str]:
    return {p["code"] for p in outcomes(out).values()}


# --- seeds ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cambodia(seeds_dir):
    return seed(seeds_dir, "003")


@pytest.fixture(scope="module")
def lao(seeds_dir):
    return seed(seeds_dir, "001")


def test_cambodia_programme_and_codes(cambodia):
    out, loaded = cambodia
    prog = out.nodes["PROGRAMME/DWCP-KHM-2008-2010"].properties
    assert (prog["kind"], prog["start_year"], prog["end_year"]) == ("DWCP", 2008, 2010)
    assert ("EVAL/test", "PROGRAMME/DWCP-KHM-2008-2010") in edges(out, "EVALUATES")
    expected = {f"KHM{n}" for n in (100, 104, 105, 106, 150, 151, 156, 157, 158, 159, 160, 161, 175, 176, 177,
                                      800, 801, 802, 803, 825, 826)}
    assert {c for c in codes(out) if c.startswith("KHM")} == expected
    assert {p["code"] for p in outcomes(out).values() if p["kind"] == "DWCP outcome"} == {
        f"DWCP outcome {n}" for n in range(1, 5)}
    kinds = {c: p["kind"] for c, p in outcomes(out).items()}
    assert {c for c, k in kinds.items() if k == "priority"} == {"KHM100", "KHM150", "KHM175", "KHM800", "KHM825"}
    assert not loaded.errors


def test_cambodia_renumbered_code_is_two_outcomes(cambodia):
    out, _ = cambodia
    found = outcomes(out)
    assert found["KHM156/2008-09"]["biennium"] == "2008-09"
    assert found["KHM156"]["text"].startswith("Strengthened tripartism")
    assert found["KHM156/2008-09"]["text"].startswith("Improved rule of law")
    maps = {(s, t): e.properties["basis"] for e in out.edges.values() if e.type == "MAPS_TO"
            for s, t in [(e.source, e.target)]}
    assert maps[("KHM156/2008-09", "KHM160")] == "stated"
    assert {t for s, t in maps if s == "KHM151"} == {"KHM157", "KHM158", "KHM159"}


def test_cambodia_mapping_and_hierarchy(cambodia):
    out, _ = cambodia
    dwcp = {n: out.lookup("Outcome", f"DWCP outcome {n}") for n in range(1, 5)}
    maps = edges(out, "MAPS_TO")
    assert {t for s, t in maps if s == dwcp[1]} == {"KHM104", "KHM105", "KHM106"}
    assert {t for s, t in maps if s == dwcp[2]} == {"KHM156", "KHM156/2008-09", "KHM160", "KHM161"}
    assert {t for s, t in maps if s == dwcp[4]} == {"KHM176", "KHM177"}
    part_of = edges(out, "PART_OF")
    assert {(dwcp[2], "KHM150"), (dwcp[4], "KHM175"), ("KHM826", "KHM825"), ("KHM803", "KHM800"),
            ("KHM161", "KHM150"), ("KHM100", "PROGRAMME/DWCP-KHM-2008-2010")} <= part_of
    assert out.lookup("Outcome", "Priority area B") == "KHM150"
    assert out.lookup("Outcome", "KHM 106") == "KHM106"
    assert out.lookup("Outcome", "CP outcome 3") == dwcp[3]


def test_cambodia_budget_by_dwcp_outcome(cambodia):
    out, _ = cambodia
    budgets = {}
    for e in out.edges.values():
        if e.type == "FUNDS":
            budgets[out.nodes[e.target].properties["code"]] = out.nodes[e.source].properties
    assert budgets["DWCP outcome 1"]["amount"] == 2514426
    assert max(budgets, key=lambda c: budgets[c]["amount"]) == "DWCP outcome 2"
    assert {b["kind"] for b in budgets.values()} == {"budget"}
    assert {b["currency"] for b in budgets.values()} == {"USD"}


def test_cambodia_ratings(cambodia):
    out, _ = cambodia
    ratings = {n.id: n.properties for n in out.nodes.values() if n.label == "Rating"}
    rates = dict(edges(out, "RATES"))
    on_programme = [p for i, p in ratings.items() if rates[i] == "PROGRAMME/DWCP-KHM-2008-2010"]
    assert len(on_programme) == 7  # six criteria and the average
    tripartite = ratings[f"{EVAL}/rating/tripartite-participation-partnership"]
    assert (tripartite["score"], tripartite["rating"]) == (3.0, "moderately unsatisfactory")
    assert ratings[f"{EVAL}/rating/khm104/overall"]["score"] == 4.4
    assert ratings[f"{EVAL}/rating/khm802/overall"]["score"] == 3.8
    assert all((EVAL, i) in edges(out, "STATES") for i in ratings)


def test_lao_codes_hierarchy_money_and_scores(lao):
    out, loaded = lao
    expected = {f"LAO{n}" for n in (100, 101, 102, 103, 104, 125, 126, 127, 129, 130, 150, 151, 152, 153,
                                     800, 801, 802, 803)}
    assert codes(out) == expected
    assert set(outcomes(out)) == expected  # no code was split into versions
    found = outcomes(out)
    assert found["LAO101"]["biennium"] == "2006-07" and found["LAO102"]["biennium"] == "2008-09"
    assert {("LAO101", "LAO100"), ("LAO130", "LAO125"), ("LAO803", "LAO800")} <= edges(out, "PART_OF")
    spent = {out.nodes[e.target].id: out.nodes[e.source].properties for e in out.edges.values() if e.type == "FUNDS"}
    assert spent["LAO153"] == {"amount": 1028290.0, "currency": "USD", "kind": "expenditure", "period": "2006-2009"}
    assert set(spent) == {"LAO102", "LAO103", "LAO127", "LAO153"}
    assert out.nodes[f"{EVAL}/rating/lao103/total"].properties["score"] == 26
    assert {"LAO126", "LAO127"} <= {t for s, t in edges(out, "RATES") if s == f"{EVAL}/rating/lao126/total"}
    assert "PROGRAMME/CP-LAO-2006-2009" in out.nodes and not loaded.warnings


def test_pb_outcomes(seeds_dir):
    out, _ = seed(seeds_dir, "002")
    found = outcomes(out)
    assert found["P&B/2020-21/4"]["biennium"] == "2020-21"
    assert found["P&B/B"]["text"].startswith("Effective and efficient governance")
    assert {f"P&B outcome {n}" for n in range(1, 11)} <= codes(out)
    assert not any(n.label == "Programme" for n in out.nodes.values())


# --- other layouts ----------------------------------------------------------------------------

MARKDOWN = """# Review of the ILO Decent Work Country Programme: Viet Nam 2012–2016

| Priority | Outcomes 2012–13 |
|---|---|
| **VNM 100:** Better jobs for young people | **VNM 101:** Employment policies are adopted |
| | **VNM 102:** Skills systems serve the labour market |

Priority VNM 150: Social protection for all

- VNM151: Social insurance covers informal workers
- VNM 152 – Occupational safety is improved

VNM 101 This outcome was well resourced. Two projects contributed.

AVERAGE SCORE FOR THIS OUTCOME: 4.5 (SATISFACTORY)

Table 2 Expenditure by outcome (US$)

| Outcome | Amount |
|---|---|
| VNM 101 | 1,250,000 |
| VNM 151 | n/a |
| VNM 152 | US$ 300 000 |
"""


def test_markdown_tables_and_other_prefix():
    out, loaded = run(MARKDOWN, country="VNM")
    found = outcomes(out)
    assert set(found) == {"VNM100", "VNM101", "VNM102", "VNM150", "VNM151", "VNM152"}
    assert found["VNM101"]["biennium"] == "2012-13"
    assert found["VNM152"]["text"] == "Occupational safety is improved"
    assert {("VNM101", "VNM100"), ("VNM152", "VNM150"), ("VNM150", "PROGRAMME/DWCP-VNM-2012-2016")} <= edges(
        out, "PART_OF")
    money = {e.target: out.nodes[e.source].properties["amount"] for e in out.edges.values() if e.type == "FUNDS"}
    assert money == {"VNM101": 1250000.0, "VNM152": 300000.0}
    assert any(":22:" in w and "VNM151" in w for w in loaded.warnings)  # the unreadable row is named
    assert out.nodes[f"{EVAL}/rating/vnm101/overall"].properties["score"] == 4.5
    assert ("PROGRAMME/DWCP-VNM-2012-2016", "VNM") in edges(out, "COVERS")


HTML = """<h1>Country programme review: Indonesia 2010-2011</h1>
<table>
<tr><td>IDN125: Rights at work are realised</td><td>IDN126: Labour law reform is completed</td></tr>
<tr><td></td><td>IDN127 - Child labour is reduced</td></tr>
</table>
"""


def test_html_table_without_biennium_or_programme_title():
    out, loaded = run(HTML)
    found = outcomes(out)
    assert set(found) == {"IDN125", "IDN126", "IDN127"}
    assert found["IDN125"]["kind"] == "priority" and found["IDN127"]["kind"] == "country programme outcome"
    assert all("biennium" not in p for p in found.values())
    assert ("IDN127", "IDN125") in edges(out, "PART_OF")
    assert not loaded.errors


TABS = "Mapping of country programme outcomes\n\nDWCP document\tSMM/IP 2014–2015\tSMM/IP 2016–2017\n" \
       "Priority area A: THA 100 - Jobs\t\t\n" \
       "DWCP outcome 1. More jobs for youth\tTHA101: Youth employment policy\tTHA 105: Youth jobs scheme\n" \
       "\tTHA 102: Skills for youth\t\n"


def test_tab_rows_give_columns_bienniums_and_mapping():
    out, _ = run(TABS)
    found = outcomes(out)
    assert (found["THA101"]["biennium"], found["THA105"]["biennium"]) == ("2014-15", "2016-17")
    dwcp = out.lookup("Outcome", "DWCP outcome 1")
    assert {t for s, t in edges(out, "MAPS_TO") if s == dwcp} == {"THA101", "THA102", "THA105"}
    assert (dwcp, "THA100") in edges(out, "PART_OF")
    assert out.lookup("Outcome", "Priority area A") == "THA100"


def test_truncated_and_hostile_input():
    truncated = "Table 3 Budget by DWCP outcome (2010–2012)\n\n\tBudget\tTotal\nDWCP outcome 1: Jobs\t10 000\n"
    out, loaded = run("DWCP outcome 1: Jobs for all\n\n" + truncated)
    assert not [n for n in out.nodes.values() if n.label == "Funding"]
    assert any("no amount" in w for w in loaded.warnings)
    for text in ("", "\t\t\n|||\n<td>", "KHM 1234 ABC 12 USD 100 AND 100", "Priority\nOutcome 99 of the"):
        out, loaded = run(text)
        assert not loaded.errors
    assert "KHM123" not in outcomes(run("KHM 1234")[0])


# --- P&B outcomes and their biennium ----------------------------------------------------------

PB_ONE = """An evaluation of the ILO's work on skills

The work answers Outcome 4 in the Programme and Budget for 2022–23 on enterprises.
It also served P&B outcomes 3–4 and enabling outcome B: Effective governance of the Office.
"""


def test_bare_pb_outcome_takes_the_one_biennium_of_its_evaluation():
    out, _ = run(PB_ONE)
    found = outcomes(out)
    assert {i for i in found if i.startswith("P&B/")} == {"P&B/2022-23/3", "P&B/2022-23/4", "P&B/B"}
    assert found["P&B/2022-23/3"]["biennium"] == "2022-23"
    assert out.lookup("Outcome", "P&B outcome 4") == "P&B/2022-23/4"


def test_bare_pb_outcome_stays_bare_when_bienniums_differ():
    text = PB_ONE + "Outcome 2 of the Programme and Budget for 2020–21 came before.\n"
    found = outcomes(run(text)[0])
    assert {"P&B/3", "P&B/4", "P&B/2022-23/4", "P&B/2020-21/2"} <= set(found)


def test_pb_outcomes_in_a_paper_of_several_evaluations(seeds_dir):
    path = next(seeds_dir.glob("002_*.txt"))
    doc, out = Doc(path, path.read_text(encoding="utf-8")), Out(path, Loaded(path))
    evaluations.read(doc, out)
    programme.read(doc, out)
    found = outcomes(out)
    assert len(out.evaluations) > 1
    # outcome 4 is tied to 2020-21 in one evaluation; "outcomes 1-10" are cited in another, of 2016-19
    assert {"P&B/2020-21/4", "P&B/4", "P&B/10"} <= set(found) and "P&B/2020-21/10" not in found


# --- names ------------------------------------------------------------------------------------


def test_printed_names_are_aliases(cambodia):
    out, _ = cambodia
    found = outcomes(out)
    dwcp3 = out.lookup("Outcome", "DWCP outcome 3")
    assert "CP outcome 3" in found[dwcp3]["aliases"]
    assert "Priority area B" in found["KHM150"]["aliases"]
    assert "aliases" not in found["KHM161"]


def test_aliases_hold_only_printed_names():
    out, _ = run(TABS)
    found = outcomes(out)
    dwcp = out.lookup("Outcome", "DWCP outcome 1")
    assert found[dwcp]["aliases"] == ["DWCP outcome 1"]
    assert out.lookup("Outcome", "CP outcome 1") == dwcp  # registered, not claimed as printed
    assert found["THA100"]["aliases"] == ["Priority area A"]


# --- marker lines -----------------------------------------------------------------------------


def test_marker_lines_are_true_to_the_file_numbering():
    from loaders.report.layout import CODE, Marks

    text = "KHM 100 first\r\n\r\nnothing\nPriority twice Priority\nlast KHM101"
    marks = Marks(Doc(Path("m.txt"), text))
    assert marks.lines(CODE) == [1, 5]
    assert marks.lines("Priority") == [4]
    assert marks.any_lines(CODE, "Priority") == [1, 4, 5]
    assert [s.line for s in marks.segments_in(2, 4)] == [3, 4]
    assert marks.lines("absent") == []
