"""PARTNERS_WITH read from reports: the constituents of the country programmes the seeds evaluate, the partners
the seeds state for projects, and made-up reports that must yield no false partnership."""

from __future__ import annotations

import pytest
from reports import (
    SEED_000,
    SEED_001,
    SEED_002,
    SEED_003,
    SEED_004,
    edges,
    load_doc,
    nodes,
)

from kg.build import assemble
from kg.records import Edge
from loaders import Loaded, load

LAO_PROGRAMME = "PROGRAMME/CP-LAO-2006-2009"
KHM_PROGRAMME = "PROGRAMME/DWCP-KHM-2008-2010"


@pytest.fixture(scope="module")
def seeds(seeds_dir) -> dict[str, Loaded]:
    return {name: load(seeds_dir / name) for name in (SEED_000, SEED_001, SEED_002, SEED_003, SEED_004)}


def partners(loaded: Loaded) -> dict[tuple[str, str], Edge]:
    return {(e.source, e.target): e for e in edges(loaded, "PARTNERS_WITH")}


def role(found: dict[tuple[str, str], Edge], source: str, org: str) -> tuple[str, str]:
    edge = found[(source, org)]
    return edge.properties["role"], edge.properties["basis"]


# --- rule 1: constituents of a country programme ---------------------------------------------------------

def test_lao_programme_has_constituents_of_all_three_groups(seeds):
    found, orgs = partners(seeds[SEED_001]), nodes(seeds[SEED_001], "Organization")
    for org in ("LAO/MOLSW", "LFTU", "LNCCI"):
        assert role(found, LAO_PROGRAMME, org) == ("constituent", "inferred")
    constituents = {o for (p, o), e in found.items() if p == LAO_PROGRAMME and e.properties["role"] == "constituent"}
    assert {orgs[o].properties["kind"] for o in constituents} == {"government", "workers", "employers"}


def test_lao_programme_constituents_keep_their_kinds_across_reports(seeds_dir):
    """The Korea summary names LFTU and LNCCI by acronym alone; built with the Lao review, they stay the
    workers' and employers' organisations, and the union federation named in the singular is the same node."""
    graph = assemble(sorted(seeds_dir.glob("*.txt"))).graph
    partners_of = {e.target for e in graph.edges("PARTNERS_WITH") if e.source == LAO_PROGRAMME}
    kinds = {n.id: n.properties["kind"] for n in graph.nodes("Organization") if n.id in partners_of}
    assert {kinds["LFTU"], kinds["LNCCI"], kinds["LAO/MOLSW"]} == {"workers", "employers", "government"}
    assert [o for o in kinds if "trade-union" in o] == []
    assert not [w for w in graph.warnings if "'LFTU'" in w or "'LNCCI'" in w]


def test_lao_programme_government_counterparts(seeds):
    found = partners(seeds[SEED_001])
    for org in ("LAO/MPI", "LAO/MOPWT", "LAO/MAF"):
        assert role(found, LAO_PROGRAMME, org) == ("government counterpart", "inferred")


def test_bodies_named_without_the_ilo_at_work_are_no_partners(seeds):
    found = partners(seeds[SEED_001])
    # a regulator, a ministry quoted on another one, a legislature, support the report says was absent,
    # a foreign union body, a development bank and a UN agency
    for org in ("LAO/BOL", "LAO/MOFA", "LAO/national-assembly", "LAO/SASS", "APHEDA", "ADB", "UNDP"):
        assert (LAO_PROGRAMME, org) not in found, org


def test_cambodia_programme_constituents_and_counterparts(seeds):
    found = partners(seeds[SEED_003])
    molvt = found[(KHM_PROGRAMME, "KHM/MOLVT")]
    assert molvt.properties == {"role": "constituent", "basis": "inferred"}
    assert "counterpart" in molvt.evidence[0].quote  # the clearest sentence first: it states the role
    assert role(found, KHM_PROGRAMME, "CAMFEBA") == ("constituent", "inferred")
    for org in ("KHM/MOC", "KHM/MOWA", "KHM/MRD", "KHM/NIS", "KHM/NEA", "KHM/MOSAVY"):
        assert role(found, KHM_PROGRAMME, org) == ("government counterpart", "inferred"), org


def test_cambodia_programme_leaves_out_foreign_and_uninvolved_bodies(seeds):
    found = partners(seeds[SEED_003])
    orgs = nodes(seeds[SEED_003], "Organization")
    for org in ("us-trade-department", "singapore-employers-federation", "ACILS", "BWI", "APHEDA",
                "KHM/national-assembly", "KHM/council-of-ministers", "KHM/labour-court", "NIFTUC"):
        assert org in orgs and (KHM_PROGRAMME, org) not in found, org


def test_a_ministry_named_in_a_plan_title_is_not_evidence(seeds):
    mowa = partners(seeds[SEED_003])[(KHM_PROGRAMME, "KHM/MOWA")]
    assert all("Strategic Plan" not in e.quote for e in mowa.evidence)


def test_no_partnership_crosses_countries(seeds):
    for name, loaded in seeds.items():
        covers: dict[str, set[str]] = {}
        for e in edges(loaded, "COVERS"):
            covers.setdefault(e.source, set()).add(e.target)
        orgs = nodes(loaded, "Organization")
        for edge in edges(loaded, "PARTNERS_WITH"):
            if edge.properties["basis"] != "inferred":
                continue
            [country] = covers[edge.source]
            org = orgs[edge.target].properties
            assert org.get("country") in (None, country), (name, edge.source, edge.target)
            assert org.get("country") == country or org["kind"] in ("employers", "workers"), (name, edge.target)
    khm_targets = {o for p, o in partners(seeds[SEED_003]) if p == KHM_PROGRAMME}
    lao_targets = {o for p, o in partners(seeds[SEED_001]) if p == LAO_PROGRAMME}
    assert khm_targets and lao_targets
    assert not [o for o in khm_targets if o.startswith("LAO/") or "Lao" in o]
    assert not [o for o in lao_targets if o.startswith("KHM/") or o in ("CAMFEBA", "GMAC")]


def test_reports_without_a_country_programme_infer_nothing(seeds):
    for name in (SEED_000, SEED_002, SEED_004):
        assert not [e for e in edges(seeds[name], "PARTNERS_WITH") if e.properties["basis"] == "inferred"], name


# --- rule 2: stated project partners ----------------------------------------------------------------------

@pytest.mark.parametrize("seed, project, org, stated_role", [
    (SEED_003, "PROJECT/ITP", "KHM/MOI", "partner"),  # "Ministry ... (an ITP partner)"
    (SEED_003, "PROJECT/INCLUDE", "KHM/MOSAVY", "counterpart"),  # "... appreciated by MOSAVY counterparts"
    (SEED_003, "PROJECT/WEDGE", "CAMFEBA", "partner"),  # "WEDGE also worked with CAMFEBA"
    (SEED_001, "PROJECT/TICW", "LAO/MOLSW", "partner"),  # "... by the TICW Project in collaboration with MOLSW and ..."
    (SEED_001, "PROJECT/TICW", "LCSDPA", "partner"),
    (SEED_001, "PROJECT/WEDGE", "SMEPDO", "partner"),  # "... smaller partners (SMEPDO and ...)"
])
def test_stated_project_partners(seeds, seed, project, org, stated_role):
    assert role(partners(seeds[seed]), project, org) == (stated_role, "stated")


def test_every_partnership_has_evidence_naming_the_organisation(seeds):
    total = 0
    for name, loaded in seeds.items():
        line_count = nodes(loaded, "Document")[name].properties["line_count"]
        orgs = nodes(loaded, "Organization")
        for edge in edges(loaded, "PARTNERS_WITH"):
            total += 1
            org = orgs[edge.target].properties
            names = [n for n in (org["name"], org.get("acronym"), *org.get("aliases", [])) if n]
            assert edge.evidence, edge
            for ev in edge.evidence:
                assert ev.document == name and 1 <= ev.line <= ev.end_line <= line_count, ev
                assert any(n in ev.quote for n in names), (edge.target, ev.quote)
    assert total >= 30


# --- made-up reports --------------------------------------------------------------------------------------

VIET_NAM = """# Review of the Decent Work Country Programme of Viet Nam 2017-2021

Countries: Viet Nam

## Abbreviations

| MOLISA | Ministry of Labour, Invalids and Social Affairs |
| VGCL | Viet Nam General Confederation of Labour |
| VCCI | Viet Nam Chamber of Commerce and Industry |
| MOH | Ministry of Health |
| MOC | Ministry of Construction |
| MOT | Ministry of Transport |
| MOIT | Ministry of Industry and Trade |

## Findings

The ILO worked closely with MOLISA and the VGCL on the revision of the labour code, and gave the VCCI training on wage bargaining.

The Ministry of Health Five-Year Strategic Plan 2016-2020 shaped the occupational health agenda that ILO support followed.

Despite the absence of ILO support in 2019, the Ministry of Transport kept its road safety courses going.

The ILO should work with the Ministry of Industry and Trade on supply chains.

The Skills for Green Jobs (SGJ) project was implemented by the Ministry of Construction and the VCCI. The SGJ project did not work with the Ministry of Transport.

The Norwegian Ministry of Foreign Affairs financed the ILO's support to the labour inspectorate.

A Singapore Employers' Federation trainer helped the VCCI with ILO funding.

¹ The ILO also supported the Ministry of Construction with funding for a survey.

## Persons met

Nguyen Van A, head of the road safety unit of the Ministry of Transport set up with ILO support
"""
VNM_PROGRAMME = "PROGRAMME/DWCP-VNM-2017-2021"


@pytest.fixture(scope="module")
def viet_nam(tmp_path_factory) -> dict[tuple[str, str], Edge]:
    return partners(load_doc(tmp_path_factory.mktemp("vn"), VIET_NAM))


def test_made_up_programme_has_its_constituents(viet_nam):
    for org in ("VNM/MOLISA", "VGCL", "VCCI"):
        assert role(viet_nam, VNM_PROGRAMME, org) == ("constituent", "inferred")


def test_made_up_report_yields_no_false_partnership(viet_nam):
    assert (VNM_PROGRAMME, "VNM/MOH") not in viet_nam  # only in a plan's title
    assert (VNM_PROGRAMME, "VNM/MOC") not in viet_nam  # only in a footnote (and as a project's partner)
    assert (VNM_PROGRAMME, "VNM/MOIT") not in viet_nam  # only in a recommendation
    assert (VNM_PROGRAMME, "VNM/MOT") not in viet_nam  # support absent; in the list of persons met
    assert not [o for p, o in viet_nam if p == VNM_PROGRAMME and ("singapore" in o or "norwegian" in o)]  # other countries' bodies
    assert ("PROJECT/SGJ", "VNM/MOT") not in viet_nam  # "did not work with"


def test_made_up_project_partners(viet_nam):
    assert role(viet_nam, "PROJECT/SGJ", "VNM/MOC") == ("implementing partner", "stated")
    assert role(viet_nam, "PROJECT/SGJ", "VCCI") == ("implementing partner", "stated")


KENYA = """# Final evaluation of the youth employment portfolio in Kenya

Countries: Kenya

## Abbreviations

| FKE | Federation of Kenya Employers |
| COTU | Central Organization of Trade Unions |
| MLSP | Ministry of Labour and Social Protection |

## Projects reviewed

| Project | Implementing partner | Budget |
|---|---|---|
| Youth Skills Project (YSP) | MLSP | US$ 1.2 million |
| Safe Work Project (SWP) | FKE and COTU | US$ 0.8 million |

Project\tCounterpart
Youth Skills Project\tCOTU

The Youth Skills Project (YSP) and the Safe Work Project (SWP) ran from 2019 to 2022.
"""


def test_partner_and_counterpart_columns_of_tables(tmp_path):
    found = partners(load_doc(tmp_path, KENYA))
    assert role(found, "PROJECT/YSP", "KEN/MLSP") == ("implementing partner", "stated")
    assert role(found, "PROJECT/SWP", "FKE") == ("implementing partner", "stated")
    assert role(found, "PROJECT/SWP", "COTU") == ("implementing partner", "stated")
    assert role(found, "PROJECT/YSP", "COTU") == ("counterpart", "stated")
    assert found[("PROJECT/SWP", "FKE")].evidence[0].line == 16
    assert ("PROJECT/YSP", "FKE") not in found


def test_hostile_partner_text_does_not_raise(tmp_path):
    text = "Title\n\n# X\n\n" + "in partnership with " * 300 + "\n| Project | Partner |\n| | |\n|\n" + \
        "The (an partner) counterparts at the ( partners ( implemented by\n"
    loaded = load_doc(tmp_path, text)
    assert not [w for w in loaded.warnings if "failed" in w]
