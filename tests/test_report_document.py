"""The report framework: headings in every style, text normalisation, ids, the shared Out, robustness."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from kg.records import Evidence, Node
from loaders import Loaded, load
from loaders.report.document import Doc, heading
from loaders.report.ids import name_key, organisation_id, outcome_code, project_id
from loaders.report.out import Out, Span
from loaders.report.text import clean, segments


@pytest.mark.parametrize("line, title, number, level", [
    ("# 1. INTRODUCTION AND METHODOLOGY", "INTRODUCTION AND METHODOLOGY", "1", 1),
    ("### 3.1 Relevance to the Sixth NSEDP", "Relevance to the Sixth NSEDP", "3.1", 2),
    ("3.2 Tripartite participation and partnership", "Tripartite participation and partnership", "3.2", 2),
    ("RECOMMENDATIONS", "RECOMMENDATIONS", None, 1),
    ("ANNEX IV: ASSESSMENT BY OUTCOMES", "ASSESSMENT BY OUTCOMES", "ANNEX IV", 1),
    ("**Lessons learned**", "Lessons learned", None, 3),
    ("<h2>Findings</h2>", "Findings", None, 2),
    ("► Part II. The research strategy 2010–19", "The research strategy 2010–19", "Part II", 1),
    ("## 2) Background and context", "Background and context", "2", 2),
])
def test_headings_in_every_style(line, title, number, level):
    h = heading(line)
    assert (h.title, h.number, h.level) == (title, number, level)


@pytest.mark.parametrize("line", [
    "<b>1. INTRODUCTION AND METHODOLOGY</b>\t<b>1</b>",  # a table of contents line
    "3.1 Relevance to the Sixth NSEDP .......... 10",
    "Table 3.1 Relevance of ILO programme areas",  # a caption
    "OVERALL SCORE FOR THIS CRITERION: 5 (SATISFACTORY)",  # a score, in capitals
    "AVERAGE 3.8 4.4",
    "UNDAF outcome 1\t160 900\t175 156",  # a table row
    "The review found that the programme was relevant to national priorities.",
    "CARE",  # an acronym on its own line
    "1. Strengthen the monitoring system so that results are reported each year.",
    "",
])
def test_body_lines_are_not_headings(line):
    assert heading(line) is None


def test_a_short_plain_line_between_blank_lines_is_a_minor_heading():
    assert heading("Purpose and scope", alone=True).level == 6
    assert heading("Purpose and scope", alone=False) is None


def test_sections_nest_by_level_and_span_to_the_next_equal_heading(tmp_path):
    text = ("# REPORT\n\n1. INTRODUCTION\ntext\n1.1 Scope of the review\nmore\n"
            "2. FINDINGS\nfound\n## RECOMMENDATIONS\n1. Do this.\n")
    doc = Doc(tmp_path / "r.md", text)
    spans = {s.title: (s.line, s.end_line, s.level) for s in doc.sections}
    assert spans["INTRODUCTION"] == (3, 6, 1)
    assert spans["Scope of the review"] == (5, 6, 2)
    assert spans["FINDINGS"][0] == 7
    assert doc.section("recommend").kind == "recommendations"
    assert [seg.text for seg in doc.body(doc.section("^scope"))] == ["more"]


def test_clean_removes_conversion_debris():
    assert clean("between 2006 and 2009<sup>1</sup>, 28 had") == "between 2006 and 2009, 28 had"
    assert clean("the 11<sup>th</sup> Floor") == "the 11th Floor"
    assert clean("of limited utility.² Also") == "of limited utility. Also"
    assert clean("a note[^3] here") == "a note here"
    assert clean("the employ- ment of youth") == "the employment of youth"
    assert clean("small- to medium-sized") == "small- to medium-sized"  # a real suspended hyphen stays
    assert clean("US\\$20,000 and **bold** &amp; <i>italic</i>") == "US$20,000 and bold & italic"


def test_page_lines_are_dropped_but_keep_the_numbering(tmp_path):
    segs = segments(["Findings", "Page 3 of 40", "- 4 -", "more\ftext"])
    assert [(s.text, s.line) for s in segs] == [("Findings", 1), ("more text", 4)]


def test_ids_are_the_same_for_every_spelling():
    assert outcome_code("under KHM 156 and") == "KHM156" and outcome_code("LAO101:") == "LAO101"
    assert outcome_code("IPEC/EVAL/2010/2") is None
    assert organisation_id("MoLSW") == organisation_id("MOLSW") == "MOLSW"
    assert organisation_id("MOEL/ROK") == "MOEL/ROK"
    assert organisation_id(None, "Lao Federation of Trade Unions") == "lao-federation-of-trade-unions"
    assert project_id("RAS/21/50/KOR", "SKILLS") == "RAS/21/50/KOR"
    assert project_id(None, "wedge") == "PROJECT/WEDGE"
    assert name_key("Women’s Entrepreneurship & Gender") == name_key("womens entrepreneurship and gender")
    assert name_key("1.1.") == "1.1"


def test_out_merges_repeats_and_shares_names(tmp_path):
    loaded = Loaded(tmp_path / "r.txt")
    out = Out(tmp_path / "r.txt", loaded)
    first, again = out.evidence(3, 3, "one"), out.evidence(9, 10, "two")
    assert out.node("Organization", "MOLSW", {"name": "Ministry"}, [first])
    assert out.node("Organization", "MOLSW", {"name": "Other", "kind": "government"}, [again])
    assert not out.node("Project", "MOLSW", {}, [again])  # an id is one thing
    [node] = [r for r in loaded.records if isinstance(r, Node)]
    assert node.properties == {"name": "Ministry", "kind": "government"}
    assert node.evidence == [Evidence("r.txt", 3, 3, "one"), Evidence("r.txt", 9, 10, "two")]
    out.register("Organization", "MOLSW", "MoLSW", "Ministry of Labour and Social Welfare")
    assert out.lookup("Organization", "molsw") == "MOLSW"
    assert out.lookup("Organization", "ministry of labour and social welfare") == "MOLSW"
    assert out.lookup("Project", "MoLSW") is None
    out.evaluations += [Span("A", 1, 100), Span("B", 40, 60)]
    assert (out.evaluation_at(50), out.evaluation_at(70), out.evaluation_at(200)) == ("B", "A", None)


def test_a_reader_that_breaks_costs_its_part_not_the_file(tmp_path, monkeypatch):
    import loaders.report as report

    def broken(doc, out):
        raise KeyError("boom")

    monkeypatch.setattr(report, "READERS", (broken, *report.READERS))
    path = tmp_path / "r.txt"
    path.write_text("A Report\n\nRECOMMENDATIONS\n1. Do this.\n", encoding="utf-8")
    loaded = load(path)
    assert loaded.errors == [] and loaded.records[0].label == "Document"
    assert any("broken failed (KeyError" in w for w in loaded.warnings)


def test_hostile_variants_of_the_seeds_never_raise(seeds_dir):
    """Shuffled, truncated, doubled and garbled copies of every seed: records and warnings, no exception."""
    rng = random.Random(7)
    for path in sorted(seeds_dir.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        variants = [
            lines[: len(lines) // 3],
            rng.sample(lines, len(lines)),
            [line[: rng.randint(0, len(line))] for line in lines],
            [line.replace("\t", "<td>").upper() for line in lines],
            lines + lines,
        ]
        for number, variant in enumerate(variants):
            hostile = Path(f"/nonexistent/{number}_{path.name}")
            loaded = Loaded(hostile)
            from loaders.report import parse_report

            parse_report(hostile, "\n".join(variant), loaded)
            assert loaded.records and loaded.records[0].label == "Document"
            assert not [w for w in loaded.warnings if " failed (" in w], (path.name, number, loaded.warnings[:3])


def test_the_seeds_load_without_errors_or_reader_failures(seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        loaded = load(path)
        assert loaded.errors == [], loaded.errors[:3]
        assert not [w for w in loaded.warnings if " failed (" in w]


def test_a_repeat_that_breaks_the_schema_adds_only_its_evidence(tmp_path):
    loaded = Loaded(tmp_path / "r.txt")
    out = Out(tmp_path / "r.txt", loaded)
    ev = out.evidence(2, 2, "x")
    assert out.node("Organization", "X", {"name": "X Union"}, [ev])
    out.node("Organization", "X", {"kind": "wizards", "aliases": ["XU"]}, [out.evidence(5, 5, "y")])
    [node] = [r for r in loaded.records if isinstance(r, Node)]
    assert node.properties == {"name": "X Union"} and len(node.evidence) == 2
    assert [(e.line, e.field) for e in loaded.errors] == [(5, "properties.kind")]
    out.node("Organization", "X", {"aliases": ["XU"]}, [ev])
    assert node.properties["aliases"] == ["XU"]


def test_a_folders_own_notes_are_not_inputs_unless_named(tmp_path):
    from loaders import find_inputs

    for name in ("README.md", "report.md", "LICENSE.txt", ".hidden.txt", "records.csv"):
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    assert [p.name for p in find_inputs([tmp_path])] == ["records.csv", "report.md"]
    assert find_inputs([tmp_path / "README.md"]) == [tmp_path / "README.md"]
