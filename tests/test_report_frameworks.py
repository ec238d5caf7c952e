"""The frameworks reader: UNDAF/UNSDCF outcomes, national plans, SDGs and stated alignment."""

from pathlib import Path

import pytest

from loaders import Loaded
from loaders.report import frameworks
from loaders.report.document import Doc
from loaders.report.out import Out

LAO = "001_b909acd76d776b73.txt"
KHM = "003_d2f46f8dd29b6317.txt"


def _read(path: Path, text: str, country: str | None, outcomes: list[str]) -> tuple[Out, Loaded]:
    """Run the reader as the pipeline would after `programme` registered `outcomes`."""
    loaded = Loaded(path)
    out = Out(path, loaded)
    out.country = country
    if country:
        out.node("Country", country, {"name": country}, [out.evidence(1, 1, country)])
    for name in outcomes:
        out.node("Outcome", name, {"text": name, "kind": "country programme outcome"}, [out.evidence(1, 1, name)])
        out.register("Outcome", name, name)
    frameworks.read(Doc(path, text), out)
    return out, loaded


def _seed(seeds_dir: Path, name: str, country: str, outcomes: list[str]) -> Out:
    path = seeds_dir / name
    return _read(path, path.read_text(encoding="utf-8"), country, outcomes)[0]


def _of(out: Out, label: str) -> dict:
    return {n.id: n.properties for n in out.nodes.values() if n.label == label}


def _aligned(out: Out) -> set[tuple[str, str]]:
    return {(e.source, e.target) for e in out.edges.values() if e.type == "ALIGNS_WITH"}


def _by_code(out: Out, undaf: str) -> dict:
    return {p["code"]: p for i, p in _of(out, "UNDAFOutcome").items() if i.startswith(undaf + "/")}


@pytest.fixture(scope="module")
def lao(seeds_dir):
    return _seed(seeds_dir, LAO, "LAO", ["LAO100", "LAO101", "LAO125", "LAO150", "LAO800"])


@pytest.fixture(scope="module")
def khm(seeds_dir):
    return _seed(seeds_dir, KHM, "KHM", ["KHM157", *(f"DWCP outcome {n}" for n in range(1, 5))])


def test_lao_undaf_outcomes_with_contributions_and_money(lao):
    outcomes = _by_code(lao, "UNDAF/LAO/2007-2011")
    assert set(outcomes) == {"1", "2", "3", "1.1", "1.5", "2.2", "2.3", "3.1", "3.4"}
    assert all(outcomes[c].get("ilo_contribution") for c in ("1.1", "1.5", "2.2", "2.3", "3.1", "3.4"))
    money = _of(lao, "Funding")["FUNDING/UNDAF/LAO/2007-2011/1/contribution/2007"]
    assert money == {"amount": 160900.0, "currency": "USD", "kind": "contribution", "period": "2007"}
    assert len(_of(lao, "Funding")) == 6
    assert ("UNDAF/LAO/2007-2011", "LAO") in {(e.source, e.target) for e in lao.edges.values() if e.type == "COVERS"}


def test_lao_sixth_nsedp_and_the_outcomes_aligned_with_it(lao):
    plans = _of(lao, "NationalPlan")
    sixth = plans["PLAN/LAO/SIXTH-NSEDP"]
    assert sixth["name"].startswith("Sixth") and sixth["period"] == "2006-2010"
    assert "PLAN/LAO/SEVENTH-NSEDP" in plans and "PLAN/LAO/NGPES" in plans
    assert {s for s, t in _aligned(lao) if t == "PLAN/LAO/SIXTH-NSEDP"} == {"LAO100", "LAO125", "LAO150", "LAO800"}
    edge = lao.edges[("LAO100", "ALIGNS_WITH", "PLAN/LAO/SIXTH-NSEDP")]
    assert edge.properties == {"basis": "stated"} and edge.evidence[0].line == 395
    parts = [i for i in _of(lao, "PlanPriority") if i.startswith("PLAN/LAO/SIXTH-NSEDP/")]
    assert len(parts) == 4


def test_khm_two_undafs_and_the_annex_mapping(khm):
    assert set(_by_code(khm, "UNDAF/KHM/2006-2010")) == {"1.1", "1.2", "1.3", "1.5", "2.2", "2.3", "3.1", "3.2", "3.3"}
    later = _by_code(khm, "UNDAF/KHM/2011-2015")
    assert sorted(later) == ["1", "2", "3", "4", "5"] and later["4"]["text"] == "Governance"
    aligned = _aligned(khm)
    rect = "PLAN/KHM/rectangular-strategy"
    assert {t for s, t in aligned if s == "DWCP outcome 1"} == {
        "UNDAF/KHM/2006-2010/2.2", "UNDAF/KHM/2006-2010/2.3", f"{rect}/2", f"{rect}/3"}
    assert ("DWCP outcome 2", f"{rect}/good-governance") in aligned
    assert ("DWCP outcome 3", "UNDAF/KHM/2006-2010/3.3") in aligned
    assert ("DWCP outcome 4", f"{rect}/4") in aligned
    assert ("DWCP outcome 3", "PLAN/KHM/CMDGS") in aligned  # stated in a sentence under the outcome
    assert ("KHM157", "PLAN/KHM/NSDP") in aligned


def test_khm_plans_and_components(khm):
    plans = _of(khm, "NationalPlan")
    assert plans["PLAN/KHM/NSDP"]["period"] == "2006-2010"
    assert plans["PLAN/KHM/NSDP-UPDATE"] == {"name": "NSDP Update", "period": "2009-2013"}
    assert plans["PLAN/KHM/NSPS"]["acronym"] == "NSPS"
    codes = {p["code"] for p in _of(khm, "PlanPriority").values()}
    assert {"Rectangle 2", "Good governance", "implementing environment", "creating social safety nets"} <= codes
    sub = [e for e in khm.edges.values() if e.type == "PART_OF" and e.target == "PLAN/KHM/rectangular-strategy/3"]
    assert len(sub) == 4  # the four subcomponents of Rectangle 3


UNSDCF = """# Review of the Decent Work Country Programme, Philippines 2023–2027

## 2. Relevance

The UNSDCF 2023–2027 was signed in 2023. The Philippine Development Plan 2023–2028 (PDP) guides national policy.

### 2.1 The Cooperation Framework

Outcome 1.2: Decent jobs are created for young people.

Outcome 2.1: Social protection covers informal workers.

| CPO | UNSDCF outcome | PDP chapter | SDG target |
|-----|----------------|-------------|------------|
| PHL101 Youth employment | 1.2 Decent jobs | Pillar 3: Expand livelihood opportunities | target 8.6 |
| PHL102 Social protection | 2.1 Social protection |
| PHL103 Labour law | 2.1 Social protection | Pillar 4: Reduce vulnerability | SDG 1.3 |

### 2.2 Results

PHL102 Social protection floors. The work on PHL102 is in line with the PDP and contributes to achieving SDG 1.
"""


def test_unsdcf_markdown_table_sentence_and_malformed_row(tmp_path):
    out, loaded = _read(tmp_path / "phl.md", UNSDCF, "PHL", ["PHL101", "PHL102", "PHL103"])
    undaf = _of(out, "UNDAF")["UNDAF/PHL/2023-2027"]
    assert undaf == {"name": "UNSDCF 2023-2027", "start_year": 2023, "end_year": 2027}
    assert _by_code(out, "UNDAF/PHL/2023-2027")["1.2"]["text"] == "Decent jobs are created for young people."
    assert _of(out, "NationalPlan")["PLAN/PHL/PDP"]["period"] == "2023-2028"
    aligned = _aligned(out)
    assert {("PHL101", "UNDAF/PHL/2023-2027/1.2"), ("PHL101", "PLAN/PHL/PDP/3"), ("PHL101", "SDG8.6"),
            ("PHL103", "PLAN/PHL/PDP/4"), ("PHL103", "SDG1.3"), ("PHL102", "PLAN/PHL/PDP"), ("PHL102", "SDG1")} <= aligned
    assert ("SDG8.6", "PART_OF", "SDG8") in out.edges and _of(out, "SDG")["SDG8"]["number"] == 8
    assert not any(s == "PHL102" and t.startswith("UNDAF/") for s, t in aligned)  # its row was malformed
    assert any(":16: table row has 2 cells" in w for w in loaded.warnings)


def test_without_a_country_frameworks_are_skipped_with_a_warning(tmp_path):
    text = "UNDAF 2011–2015\n\nUNDAF outcome 1.1: Jobs for all.\n"
    out, loaded = _read(tmp_path / "x.txt", text, None, [])
    assert not _of(out, "UNDAF") and not _of(out, "UNDAFOutcome")
    assert any("not about one country" in w for w in loaded.warnings)


def test_an_outcome_without_its_framework_period_is_warned(tmp_path):
    text = "The UNDAF guides the UN.\n\nUNDAF outcome 1.1: Jobs for all.\n"
    out, loaded = _read(tmp_path / "x.txt", text, "VNM", [])
    assert not _of(out, "UNDAFOutcome")
    assert any(":3: UNDAF outcome 1.1: no framework period" in w for w in loaded.warnings)


@pytest.mark.parametrize("text", [
    "DWCP outcome\tUNDAF outcome\n1. Jobs\t",
    "| CPO | SDG |\n|---|---|\n| VNM101 | SDG 99 |\n| truncated",
    "National Plan of Action on\n\tUNDAF 2020–\nOutcome 1.:\n",
    "",
])
def test_hostile_input_never_raises(tmp_path, text):
    out, loaded = _read(tmp_path / "h.txt", text, "VNM", ["VNM101"])
    assert not loaded.errors


def test_lao_plan_variants_merged_and_mdg_goals_aligned(seeds_dir):
    lao = _seed(seeds_dir, LAO, "LAO", ["LAO101", "LAO102"])
    plans = _of(lao, "NationalPlan")
    sme = [p for p in plans.values() if "SME" in p["name"]]
    assert len(sme) == 1 and len(sme[0]["aliases"]) == 1  # the action plan and the development plan are one
    assert len([p for p in plans.values() if "Commercial Sexual" in p["name"]]) == 1
    assert len([p for p in plans.values() if "Master Plan 20" in p["name"]]) == 2  # plans printing their period stay apart
    goals = {p["code"] for i, p in _of(lao, "PlanPriority").items() if "millennium" in i}
    assert {"MDG 1", "MDG 3"} <= goals
    mdg1 = next(i for i, p in _of(lao, "PlanPriority").items() if p["code"] == "MDG 1")
    assert {("LAO101", mdg1), ("LAO102", mdg1)} <= _aligned(lao)  # "LAO 101/102:" paragraph, "impacts on ... first MDG"


def test_khm_plans_of_others_and_indefinite_plans_are_not_national(seeds_dir):
    khm = _seed(seeds_dir, KHM, "KHM", ["KHM157"])
    names = {p["name"] for p in _of(khm, "NationalPlan").values()}
    assert "Decentralization and Deconcentration programme" in names  # the Government's programme
    assert not any("CAMBFEBA" in n or "Gender Mainstreaming" in n or "SME OSH" in n for n in names)
    osh = [p for p in _of(khm, "NationalPlan").values() if "OSH" in p["name"]]
    assert len(osh) == 1 and "OSH strategy" in osh[0]["aliases"]
    rect = _of(khm, "PlanPriority")
    assert "rehabilitation and construction of physical infrastructure" in rect["PLAN/KHM/rectangular-strategy/2"]["aliases"]


PLANS = """# Viet Nam Decent Work Country Programme review

## Relevance

The Socio-Economic Development Strategy (SEDS) frames the programme. The draft Youth Employment Action Plan
was prepared in 2021; the National Youth Employment Development Plan was approved in 2022.
The Federation's Strategic Plan is not the government's. Each province has a Gender Action Plan.
The Government's Public Administration Reform programme and the ILO's Better Work Programme continue.
The Viet Nam Millennium Development Goals (VDGs) were adopted as national targets.

VNM 101/102: The work impacts on the achievement of the third MDG and of MDG 5.

Pillar 2 of the SEDS is in line with VNM103.
"""


def test_plan_variants_government_programmes_and_national_goals_in_another_layout(tmp_path):
    out, loaded = _read(tmp_path / "vnm.md", PLANS, "VNM", ["VNM101", "VNM102", "VNM103"])
    plans = _of(out, "NationalPlan")
    youth = [p for p in plans.values() if "Youth" in p["name"]]
    assert len(youth) == 1 and youth[0]["aliases"]
    assert not any("Gender" in p["name"] or "Better Work" in p["name"] for p in plans.values())
    assert any(p["name"] == "Public Administration Reform programme" for p in plans.values())
    goals = {p["code"]: i for i, p in _of(out, "PlanPriority").items()}
    assert {"MDG 3", "MDG 5"} <= set(goals)
    assert {("VNM101", goals["MDG 3"]), ("VNM102", goals["MDG 5"])} <= _aligned(out)
    assert not loaded.errors
