"""Organisations and projects read from reports: the seeds and small documents in other layouts."""

from __future__ import annotations


import pytest

from loaders import Loaded, load
from loaders.report.acronyms import spells
from reports import SEED_000, SEED_001, SEED_003, links, load_doc, nodes


@pytest.fixture(scope="module")
def seeds(seeds_dir) -> dict[str, Loaded]:
    return {name: load(seeds_dir / name) for name in (SEED_000, SEED_001, SEED_003)}


# --- seeds ---------------------------------------------------------------------------------------------

def test_abbreviation_list_gives_ministries_with_aliases(seeds):
    orgs = nodes(seeds[SEED_001], "Organization")
    molsw = orgs["LAO/MOLSW"]  # a national body: its id carries the country
    assert molsw.properties["name"] == "Ministry of Labour and Social Welfare"
    assert molsw.properties["kind"] == "government" and molsw.properties["country"] == "LAO"
    assert orgs["LFTU"].properties["kind"] == "workers"
    assert orgs["LNCCI"].properties["kind"] == "employers"
    assert orgs["ADB"].properties["kind"] == "intergovernmental"
    for concept in ("OSH", "DWCP", "NSEDP", "WEDGE", "TICW", "GDP", "SMART"):
        assert concept not in orgs


def test_social_partners_named_by_acronym_alone_have_their_kind(seeds):
    orgs = nodes(seeds[SEED_000], "Organization")  # a report that never spells them out
    assert (orgs["LFTU"].properties["name"], orgs["LFTU"].properties["kind"]) == \
        ("Lao Federation of Trade Unions", "workers")
    assert (orgs["LNCCI"].properties["name"], orgs["LNCCI"].properties["kind"]) == \
        ("Lao National Chamber of Commerce and Industry", "employers")


def test_a_name_in_the_singular_is_the_body_named_in_the_plural(seeds):
    orgs = nodes(seeds[SEED_001], "Organization")
    assert "Lao Federation of Trade Union" in orgs["LFTU"].properties["aliases"]
    assert not [o for o in orgs if "federation-of-trade-union" in o]


def test_union_federations_foreign_bodies_and_action_items_in_the_cambodia_review(seeds):
    orgs = nodes(seeds[SEED_003], "Organization")
    niftuc = orgs["NIFTUC"].properties  # "National ... Federation ... Union": a union federation, not the state's
    assert (niftuc["kind"], niftuc["country"]) == ("workers", "KHM") and "KHM/NIFTUC" not in orgs
    assert orgs["us-trade-department"].properties["country"] == "USA"  # another country's body
    assert "KHM/us-trade-department" not in orgs
    assert "KHM/labour-court" in orgs  # "Establish Labour Court" is an action item about it
    assert not [o for o in orgs if "establish" in o.lower()]


def test_mixed_case_acronyms_are_one_node(seeds):
    orgs = nodes(seeds[SEED_003], "Organization")
    assert "KHM/MOLVT" in orgs and not {"MoLVT", "MOLVT", "KHM/MoLVT"} & set(orgs)
    assert "ACT/EMP" in orgs and orgs["ACT/EMP"].properties["kind"] == "ILO unit"


def test_persons_met_table_gives_the_bodies_people_belong_to(seeds):
    orgs = nodes(seeds[SEED_003], "Organization")
    assert orgs["CCTUF"].properties["name"] == "Cambodia Construction Trade Union Federation"
    assert orgs["CCTUF"].properties["kind"] == "workers"
    assert {"KWHA", "PWHA", "OPKC", "FLD", "CCAWDU", "CIFUF", "BWI", "TVK"} <= set(orgs)
    assert not {"WEDGE", "LDRP", "CISP", "IPEC", "TVET"} & set(orgs)  # projects and concepts people work "of"


def test_one_node_per_body_whatever_it_is_called(seeds):
    orgs = nodes(seeds[SEED_001], "Organization")
    dwt = [o for o in orgs.values() if "DWT" in (o.properties.get("acronym") or "")]
    assert [o.id for o in dwt] == ["DWT-BANGKOK"]  # DWT, DWT-Bangkok, Decent Work Technical Team
    assert "GTZ" in orgs["GIZ"].properties["aliases"]
    assert "Ministry of Labour" in orgs["LAO/MOLSW"].properties["aliases"]
    assert len([o for o in orgs.values() if "Public Works" in o.properties["name"]]) == 1  # MPWT = MOPWT
    assert "UN" not in orgs or any(e.line == 624 for e in orgs["UN"].evidence)  # "UN agencies" is not a body


def test_every_organisation_has_evidence_in_its_file(seeds):
    for name, loaded in seeds.items():
        for node in nodes(loaded, "Organization").values():
            assert node.evidence and all(e.document == name and e.line >= 1 for e in node.evidence)


def test_wedge_is_one_node_across_reports(seeds):
    assert "PROJECT/WEDGE" in nodes(seeds[SEED_001], "Project")
    assert "PROJECT/WEDGE" in nodes(seeds[SEED_003], "Project")


def test_korea_partnership_programme_is_one_node_across_reports(seeds):
    ids = [set(nodes(seeds[name], "Programme")) for name in (SEED_000, SEED_001)]
    shared = ids[0] & ids[1]
    assert any("korea" in i.lower() for i in shared), ids


def test_dc_symbols_of_the_summary(seeds):
    projects = nodes(seeds[SEED_000], "Project")
    assert {"RAS/21/50/KOR", "RAS/21/51/KOR", "RAS/21/52/KOR"} <= set(projects)


def test_outcome_statement_lists_give_projects_and_contributions(seeds):
    projects = nodes(seeds[SEED_003], "Project")
    contributes = links(seeds[SEED_003], "CONTRIBUTES_TO")
    names = {p.properties.get("name") for p in projects.values()}
    assert "Socially Responsible Production in the Garment Industry" in names  # a ";" list item, no head word
    bfc = projects["PROJECT/better-factories-cambodia"]  # "programme", "project" and bare: one node
    assert {(bfc.id, "KHM161"), (bfc.id, "KHM826"), ("PROJECT/LDRP", "KHM156"), ("PROJECT/LDRP", "KHM826"),
            ("PROJECT/TRIANGLE", "KHM159"), ("PROJECT/EEOW", "KHM158")} <= contributes
    # collaborations and mentions later in a block link nothing
    assert ("PROJECT/IPEC", "KHM158") not in contributes and ("PROJECT/EIIP", "KHM176") not in contributes
    assert ("PROJECT/WEP", "KHM157") not in contributes


def test_spellings_join_one_project(seeds):
    lao = nodes(seeds[SEED_001], "Project")
    assert "TIWC" in lao["PROJECT/TICW"].properties["aliases"]  # letters transposed
    assert not [i for i in lao if "WEDGE" in i and i != "PROJECT/WEDGE"]  # "WEDGE Project", "SMEPDO WEDGE Project"
    khm = nodes(seeds[SEED_003], "Project")
    assert "Creative Industry Support Project" in khm["PROJECT/CISP"].properties["aliases"]
    assert not [p for p in khm.values() if any(w in p.properties.get("name", "") for w in ("Officer", "Director"))]


def test_funders_and_budgets(seeds):
    lao = nodes(seeds[SEED_001], "Project")
    budgets = {p.properties.get("name"): p.properties.get("budget") for p in lao.values()}
    assert 3_400_000.0 in budgets.values()
    assert any(t == "ADB" for _, t in links(seeds[SEED_001], "FUNDED_BY"))


# --- other layouts -------------------------------------------------------------------------------------

def test_markdown_table_abbreviations(tmp_path):
    loaded = load_doc(tmp_path, "# Review\n\n## Acronyms\n\n| Acronym | Meaning |\n|---|---|\n"
                                "| MOLISA | Ministry of Labour, Invalids and Social Affairs |\n"
                                "| VGCL | Viet Nam General Confederation of Labour |\n| TVET | technical and vocational training |\n\n"
                                "## Findings\n\nThe MOLISA and VGCL met.\n")
    orgs = nodes(loaded, "Organization")
    assert orgs["MOLISA"].properties["kind"] == "government"
    assert orgs["VGCL"].properties["kind"] == "workers"
    assert "TVET" not in orgs


def test_colon_lines_and_html_table(tmp_path):
    loaded = load_doc(tmp_path, "<h1>Report</h1>\n<h2>Abbreviations</h2>\n"
                                "<table><tr><td>FKE</td><td>Federation of Kenya Employers</td></tr></table>\n"
                                "\nABBREVIATIONS\n\nCOTU: Central Organization of Trade Unions\n\nSome text.\n",
                      name="doc.html")
    orgs = nodes(loaded, "Organization")
    assert orgs["FKE"].properties["kind"] == "employers"
    assert orgs["COTU"].properties["kind"] == "workers"


def test_names_in_text_and_person_names(tmp_path):
    loaded = load_doc(tmp_path, "Title line\n\n# Findings\n\nThe Ministry of Manpower and the Kenya Federation of "
                                "Trade Unions worked with Smith, John and the Trade Union Law. Women's Committees "
                                "were set up.\n")
    names = {n.properties["name"] for n in nodes(loaded, "Organization").values()}
    assert "Ministry of Manpower" in names
    assert "Kenya Federation of Trade Unions" in names
    assert not any("Smith" in n or "Law" in n or "Committees" in n for n in names)


def test_persons_list_and_remarks_in_another_layout(tmp_path):
    loaded = load_doc(tmp_path, "# Review of the programme in Kenya\n\n## Persons met\n\n"
                                "Ms Jane Doe, Chief of Programming Unit, COTU\n"
                                "Mr John Roe, Adviser, Kenya Flower Council\n\n"
                                "| Name | Position |\n|---|---|\n| Mr A | Secretary General of KUDHEIHA-COTU |\n"
                                "| Mr B | NPC of SCORE, ILO |\n\nKUDHEIHA: Kenya Union of Domestic Hotels Workers\n")
    orgs = nodes(loaded, "Organization")
    assert {"COTU", "KUDHEIHA"} <= set(orgs)
    assert orgs["KUDHEIHA"].properties["kind"] == "workers"
    assert any(o.properties["name"] == "Kenya Flower Council" for o in orgs.values())
    assert "SCORE" not in orgs  # a project coordinator's project


def test_government_of_the_country_is_one_node(tmp_path):
    loaded = load_doc(tmp_path, "# Review of the Decent Work Country Programme, Viet Nam\n\nCountries: Viet Nam\n\n"
                                "## Findings\n\nThe Government of Viet Nam and the Vietnamese Government agreed; "
                                "the Norwegian Government paid. The UN agencies helped.\n")
    orgs = nodes(loaded, "Organization")
    governments = [o for o in orgs.values() if "Government" in o.properties["name"]]
    assert len(governments) == 2, governments
    assert "UN" not in orgs


def test_look_alike_codes_are_not_dc_symbols(tmp_path):
    loaded = load_doc(tmp_path, "Title line\n\n# Background\n\nSee IPEC/EVAL/2010/2 and project VNM/20/03/JPN.\n")
    assert set(nodes(loaded, "Project")) == {"VNM/20/03/JPN"}


def test_truncated_table_does_not_raise(tmp_path):
    loaded = load_doc(tmp_path, "# R\n\n## Abbreviations\n\n| ACR | \n| ILO | International Labour Organization |\n| UNDP\n<table><tr><td>ADB\n")
    assert "ILO" in nodes(loaded, "Organization")


def test_spells():
    assert spells("MOLSW", "Ministry of Labour and Social Welfare")
    assert spells("NSEDP", "National Socio-Economic Development Plan")
    assert not spells("NEA", "non-governmental organization")


GHANA = """Review of the Decent Work Country Programme of Ghana 2018-2021

## 1. Outcomes

- GHA 101: Improved skills for youth.
- GHA 102: Safer workplaces.

## 4. Progress

**GHA 101:** This outcome includes the Skills for Youth Employment (SYE) project and the Jobs for Peace and Resilience Programme, funded by the European Union. Links with the Better Work Ghana programme produced synergies.

The Ghana Informal Economy Project (GIEP, US$1.2 million) trained 300 workers under this outcome.

GHA 102 This outcome encompasses several initiatives, including: the Safe Mines Project; Occupational Health Pilots in Agriculture; and the Norway-funded Labour Inspection Capacity Project.

Some people interviewed said that the Skills for Youth Employment project should continue.

GHA 102 This outcome also includes the following initiatives:
"""


def test_projects_and_contributions_in_another_layout(tmp_path):
    loaded = load_doc(tmp_path, GHANA)
    projects = nodes(loaded, "Project")
    assert projects["PROJECT/GIEP"].properties["budget"] == 1_200_000.0
    assert projects["PROJECT/GIEP"].properties["currency"] == "USD"
    assert {"PROJECT/SYE", "PROJECT/jobs-for-peace-and-resilience", "PROJECT/occupational-health-pilots-in-agriculture",
            "PROJECT/labour-inspection-capacity", "PROJECT/better-work-ghana"} <= set(projects)
    assert links(loaded, "CONTRIBUTES_TO") == {
        ("PROJECT/SYE", "GHA101"), ("PROJECT/jobs-for-peace-and-resilience", "GHA101"), ("PROJECT/GIEP", "GHA101"),
        ("PROJECT/safe-mines", "GHA102"), ("PROJECT/occupational-health-pilots-in-agriculture", "GHA102"),
        ("PROJECT/labour-inspection-capacity", "GHA102")}  # not Better Work (links with), not SYE -> GHA102 (hearsay)
    assert any(":18:" in w and "names none" in w for w in loaded.warnings)


def test_job_titles_and_generic_programmes_are_not_projects(tmp_path):
    loaded = load_doc(tmp_path, "Title\n\n# Annex\n\nMs A, ILO Senior Programme Officer; Mr B, Director CO-Lima "
                                "Programme Officer. The ILO country programme and the Decent Work Country Programme "
                                "were reviewed; the Government's National Roads Programme was slow.\n")
    assert nodes(loaded, "Project") == {}


def test_hostile_project_text_does_not_raise(tmp_path):
    text = "Title\n\n# X\n\nKHM 101 This outcome includes: ;;; (((the ) Project Project project on\n" + \
           "Programme " * 500 + "\n(ABC) project (ABC, US$) project -funded\n"
    loaded = load_doc(tmp_path, text)
    assert not [w for w in loaded.warnings if "failed" in w]


def test_a_name_keeps_its_commas(tmp_path):
    loaded = load_doc(tmp_path, "A Review\n\nThe Ministry of Labour, Invalids and Social Affairs (MOLISA) led it.\n")
    [ministry] = nodes(loaded, "Organization").values()
    assert ministry.properties["name"] == "Ministry of Labour, Invalids and Social Affairs"


LAO_REVIEW = """# Review of the Decent Work Country Programme of Lao PDR 2012-2015

Countries: Lao PDR

## Findings

The Ministry of Foreign Affairs (MOFA) and the Ministry of Labour and Social Welfare (MOLSW) met the ILO. The
Norwegian Ministry of Foreign Affairs and the Thai Ministry of Labour sent observers, as did the Bank of Lao PDR.
The XYFTU and the QRCCI joined the Lao Federation of Trade Union in the talks.

## Next steps

- Strengthen National Training Council
- Establish Labour Court
"""


def test_another_countrys_bodies_action_items_and_acronym_shapes(tmp_path):
    orgs = nodes(load_doc(tmp_path, LAO_REVIEW), "Organization")
    for foreign, country in (("norwegian-ministry-of-foreign-affairs", "NOR"), ("thai-ministry-of-labour", "THA")):
        assert (orgs[foreign].properties["kind"], orgs[foreign].properties["country"]) == ("government", country)
    for national in ("LAO/MOFA", "LAO/MOLSW"):  # the foreign ministries are not names of the country's
        assert "aliases" not in orgs[national].properties, national
    assert orgs["LAO/bank-of-lao-pdr"].properties["country"] == "LAO"  # names the report's country
    assert {"LAO/national-training-council", "LAO/labour-court"} <= set(orgs)  # not "Strengthen ...", "Establish ..."
    assert not [o for o in orgs if "strengthen" in o or "establish" in o]
    assert orgs["XYFTU"].properties["kind"] == "workers"  # shaped like a union federation
    assert orgs["QRCCI"].properties["kind"] == "employers"  # shaped like a chamber of commerce and industry
    lftu = orgs["LFTU"].properties  # a known body, named in the singular
    assert (lftu["name"], lftu["kind"], lftu["country"], lftu["aliases"]) == \
        ("Lao Federation of Trade Unions", "workers", "LAO", ["Lao Federation of Trade Union"])
