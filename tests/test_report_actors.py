"""Organisations and projects read from reports: the seeds and small documents in other layouts."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.records import Node
from loaders import Loaded, load
from loaders.report.organisations import spells

SEED_000 = "000_af0c1458d30e124d.txt"
SEED_001 = "001_b909acd76d776b73.txt"
SEED_003 = "003_d2f46f8dd29b6317.txt"


def nodes(loaded: Loaded, label: str) -> dict[str, Node]:
    return {r.id: r for r in loaded.records if isinstance(r, Node) and r.label == label}


def load_doc(tmp_path: Path, text: str, name: str = "doc.md") -> Loaded:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load(path)


@pytest.fixture(scope="module")
def seeds(seeds_dir) -> dict[str, Loaded]:
    return {name: load(seeds_dir / name) for name in (SEED_000, SEED_001, SEED_003)}


# --- seeds ---------------------------------------------------------------------------------------------

def test_abbreviation_list_gives_ministries_with_aliases(seeds):
    orgs = nodes(seeds[SEED_001], "Organization")
    molsw = orgs["MOLSW"]
    assert molsw.properties["name"] == "Ministry of Labour and Social Welfare"
    assert molsw.properties["kind"] == "government"
    assert orgs["LFTU"].properties["kind"] == "workers"
    assert orgs["LNCCI"].properties["kind"] == "employers"
    assert orgs["ADB"].properties["kind"] == "intergovernmental"
    for concept in ("OSH", "DWCP", "NSEDP", "WEDGE", "TICW", "GDP", "SMART"):
        assert concept not in orgs


def test_mixed_case_acronyms_are_one_node(seeds):
    orgs = nodes(seeds[SEED_003], "Organization")
    assert "MOLVT" in orgs and "MoLVT" not in orgs
    assert "ACT/EMP" in orgs and orgs["ACT/EMP"].properties["kind"] == "ILO unit"


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
