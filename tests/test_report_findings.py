"""Evaluations and findings of reports that are not QUICK FACTS summaries, on the seeds and on small documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.records import validate
from loaders import Loaded, load
from loaders.report.evaluations import period, title_countries
from loaders.report.findings import conventions, responsible_units, status
from reports import SEED_001, SEED_002, SEED_003, links, load_doc, nodes


def lines_starting(path: Path, prefix: str) -> list[int]:
    return [n for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if line.startswith(prefix)]


@pytest.fixture(scope="module")
def seed(seeds_dir):
    cache = {}

    def get(name: str) -> tuple[Path, Loaded]:
        if name not in cache:
            cache[name] = (seeds_dir / name, load(seeds_dir / name))
        return cache[name]
    return get


# --- seeds -----------------------------------------------------------------------

@pytest.mark.parametrize("name", [SEED_001, SEED_002, SEED_003])
def test_seed_records_are_valid(seed, name):
    _, loaded = seed(name)
    assert loaded.errors == []
    for record in loaded.records:
        assert validate(record) is None, record
        assert record.evidence, record


def test_001_one_country_programme_review_with_23_recommendations(seed):
    path, loaded = seed(SEED_001)
    (eval_id, evaluation), = nodes(loaded, "Evaluation").items()
    assert evaluation.properties["type"] == "country programme review"
    assert evaluation.properties["period"] == "2006–2009"
    assert eval_id.endswith("/2011")
    assert (eval_id, "LAO") in links(loaded, "COVERS")
    assert (eval_id, SEED_001) in links(loaded, "SOURCED_FROM")
    recs = nodes(loaded, "Recommendation")
    assert sorted(int(r.properties["number"]) for r in recs.values()) == list(range(1, 24))
    assert {(eval_id, rec_id) for rec_id in recs} <= links(loaded, "MAKES")
    assert recs[f"{eval_id}/R18"].evidence[0].line == lines_starting(path, "**Recommendation 18:**")[0]
    assert {(eval_id, "C100"), (eval_id, "C111")} <= links(loaded, "REFERS_TO")


def test_002_three_high_level_evaluations_one_per_part(seed):
    path, loaded = seed(SEED_002)
    evaluations = nodes(loaded, "Evaluation")
    assert sorted(e.properties["period"] for e in evaluations.values()) == ["2010–2019", "2014–2019", "2016–2019"]
    assert {e.properties["type"] for e in evaluations.values()} == {"high-level"}
    andean = next(i for i, e in evaluations.items() if e.properties["period"] == "2016–2019")
    covered = {country for source, country in links(loaded, "COVERS") if source == andean}
    assert covered == {"BOL", "COL", "ECU", "PER", "VEN"}
    recs = nodes(loaded, "Recommendation")
    per_evaluation = {i: sum(1 for r in recs if r.startswith(i + "/")) for i in evaluations}
    assert sorted(per_evaluation.values()) == [7, 7, 9]


def test_002_implication_tables_and_office_responses(seed):
    path, loaded = seed(SEED_002)
    andean = next(i for i, e in nodes(loaded, "Evaluation").items() if e.properties["period"] == "2016–2019")
    rec = nodes(loaded, "Recommendation")[f"{andean}/R1"]
    assert rec.properties["priority"] == "High"
    assert rec.properties["resource_implication"] == "Within existing resources"
    assert {(rec.id, "ACTRAV"), (rec.id, "ACT/EMP")} <= links(loaded, "ADDRESSED_TO")
    addressed = {target for source, target in links(loaded, "ADDRESSED_TO")}
    assert "DWTS" not in addressed and not any("regional-office" in t for t in addressed)
    assert nodes(loaded, "Organization")["GED/ILOAIDS"].properties["kind"] == "ILO unit"
    responses = nodes(loaded, "ManagementResponse")
    assert len(responses) == 23
    assert responses[f"{andean}/R3/response"].properties["status"] == "partially accepted"
    assert (f"{andean}/R3", f"{andean}/R3/response") in links(loaded, "HAS_RESPONSE")


def test_003_each_recommendation_once_with_every_printing(seed):
    path, loaded = seed(SEED_003)
    recs = nodes(loaded, "Recommendation")
    assert len(recs) == 14
    rec1 = next(r for r in recs.values() if r.properties["number"] == "1")
    printed = lines_starting(path, "Recommendation 1:")
    assert len(printed) == 2 and len(rec1.evidence) == 3
    assert rec1.evidence[0].line == max(printed)  # the conclusions chapter comes first
    assert {e.line for e in rec1.evidence} > set(printed)


# --- small documents in other layouts ---------------------------------------------------

NUMBERED = """\
# Independent final evaluation of the Skills for Jobs project, Viet Nam 2019-22

Date: 14 March 2023

## Findings

The project worked with the Ministry of Labour, Invalids and Social Affairs on Convention No. 88.

## Recommendations

1) Extend the apprenticeship pilots to two more provinces.
2) Strengthen the monitoring system:
a) agree indicators with the ministry;
b) report every quarter, in line with the Worst Forms of Child Labour Convention, 1999 (No. 182).
3) Plan the exit strategy early.
"""


def test_numbered_list_with_lettered_sub_items(tmp_path):
    loaded = load_doc(tmp_path, NUMBERED)
    (eval_id, evaluation), = nodes(loaded, "Evaluation").items()
    assert evaluation.properties["date"] == "2023-03-14"
    assert evaluation.properties["period"] == "2019–2022"
    assert evaluation.properties["timing"] == "final"
    assert (eval_id, "VNM") in links(loaded, "COVERS")
    recs = nodes(loaded, "Recommendation")
    assert sorted(r.properties["number"] for r in recs.values()) == ["1", "2", "2a", "2b", "3"]
    assert (f"{eval_id}/R2b", f"{eval_id}/R2") in links(loaded, "PART_OF")
    refers = links(loaded, "REFERS_TO")
    assert (f"{eval_id}/R2b", "C182") in refers and (eval_id, "C088") in refers
    assert nodes(loaded, "Convention")["C182"].properties["name"] == "Worst Forms of Child Labour Convention, 1999"


HEADINGS = """\
Mid-term Review of the Decent Work Country Programme of Ghana 2018-2021

### Recommendation 1: Build a single monitoring plan

The country office should agree one plan with the constituents.

Responsible unit: Ministry of Employment and Labour Relations (MELR), Ghana Employers' Association (GEA)
Priority: High

### Recommendation 2: Keep the tripartite committee meeting

It met twice and should meet every quarter.

Responsible unit	Priority	Time implication
ILO Country Office for Nigeria, Ghana	Medium

## Management response

### Recommendation 1

Management partly agrees: one plan will be drafted in 2022.

### Recommendation 3

Agreed.
"""


def test_heading_markers_labels_truncated_table_and_responses(tmp_path):
    loaded = load_doc(tmp_path, HEADINGS)
    (eval_id, evaluation), = nodes(loaded, "Evaluation").items()
    assert evaluation.properties["type"] == "country programme review"
    assert evaluation.properties["timing"] == "midterm"
    recs = nodes(loaded, "Recommendation")
    rec1, rec2 = recs[f"{eval_id}/R1"], recs[f"{eval_id}/R2"]
    assert rec1.properties["heading"] == "Build a single monitoring plan"
    assert rec1.properties["priority"] == "High"
    assert rec2.properties["priority"] == "Medium" and "time_implication" not in rec2.properties
    addressed = links(loaded, "ADDRESSED_TO")
    assert {(rec1.id, "GHA/MELR"), (rec1.id, "GEA")} <= addressed
    orgs = nodes(loaded, "Organization")
    assert orgs["GHA/MELR"].properties["kind"] == "government" and orgs["GEA"].properties["kind"] == "employers"
    row = HEADINGS.split("\n").index("ILO Country Office for Nigeria, Ghana\tMedium") + 1
    assert any(f":{row}: implication table: 2 cells for 3 columns" in w for w in loaded.warnings)
    assert "ghana" not in orgs  # a country left over from an office name cut at its comma
    assert nodes(loaded, "ManagementResponse")[f"{eval_id}/R1/response"].properties["status"] == "partially accepted"
    assert any("response to recommendation 3, which was not found" in w for w in loaded.warnings)


PARTS = """\
Evaluations presented to the committee

## Part I. Evaluation of the youth employment strategy 2016-20

### Recommendations

Recommendation 1

Focus the strategy.

## Part II. Evaluation of the social protection programme in Zambia and Malawi, 2017–19

### Recommendations

Recommendation 1

Recommendation: Fund the registry.
"""


def test_paper_with_one_evaluation_per_part(tmp_path):
    loaded = load_doc(tmp_path, PARTS, "paper.md")
    evaluations = nodes(loaded, "Evaluation")
    assert sorted(e.properties["period"] for e in evaluations.values()) == ["2016–2020", "2017–2019"]
    second = next(i for i, e in evaluations.items() if e.properties["period"] == "2017–2019")
    assert {c for s, c in links(loaded, "COVERS") if s == second} == {"ZMB", "MWI"}
    recs = nodes(loaded, "Recommendation")
    assert len(recs) == 2  # one per part; Part II's bare "Recommendation 1" is matched to its unnumbered text
    assert recs[f"{second}/R1"].properties["text"] == "Fund the registry."


def test_no_evaluation_emits_nothing_and_the_pipeline_warns(tmp_path):
    loaded = load_doc(tmp_path, "Meeting notes\n\nRecommendation 1: Buy coffee.\n", "notes.txt")
    assert nodes(loaded, "Evaluation") == {} and nodes(loaded, "Recommendation") == {}
    assert any("outside any evaluation" in w for w in loaded.warnings)


def test_hostile_input_never_raises(tmp_path):
    text = "Final evaluation report\n\nRecommendation 7\n\n" + "Responsible unit\tPriority\n\t\t\t\n" + "\x0c" * 3
    loaded = load_doc(tmp_path, text, "broken.txt")
    assert loaded.errors == []
    assert not any("failed (" in w for w in loaded.warnings)


# --- helpers ------------------------------------------------------------------------

def test_responsible_units_drop_generic_groups():
    units = responsible_units("ENTERPRISES, Deputy Director-General for Policy (DDG/P), regional offices and "
                              "Decent Work Teams (DWTs), DWT/CO–Lima project offices, ILO DDG/FOP")
    assert units == [(None, "ENTERPRISES"), ("Deputy Director-General for Policy", "DDG/P"),
                     (None, "DWT/CO–Lima"), (None, "DDG/FOP")]


def test_conventions_in_every_citation_form():
    cited = conventions("Conventions Nos. 87 and 98, C29 and the Forced Labour Convention, 1930 (No. 29); not C999")
    assert sorted((n, name) for n, name, *_ in cited) == [(29, "Forced Labour Convention, 1930"), (87, None), (98, None)]


@pytest.mark.parametrize("text, expected", [("2014–19", "2014–2019"), ("1998-2002", "1998–2002"), ("2019", None)])
def test_period(text, expected):
    assert period(text) == expected


def test_status_and_title_countries():
    assert status("The Office does not agree with this.") == "not accepted"
    assert status("Noted.") is None
    assert [c[0] for c in title_countries("Review of the DWCP: Lao PDR and Viet Nam 2006–2009")] == ["LAO", "VNM"]
