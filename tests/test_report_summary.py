"""The loader for ILO evaluation summaries (QUICK FACTS template), on the seeds and on small documents."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest

from kg.records import Edge, Node, validate
from loaders import Loaded, load
from reports import SEED_000, SEED_004, edges, load_doc, nodes
from loaders.report import parse_report
from loaders.report.quickfacts import dc_symbols, parse_date, parse_money, person_names
from loaders.report.text import QUOTE_MAX, quote, segments, split_lines

EVAL_000 = "EVAL/RAS/21/50/KOR/2023"
EVAL_004 = "EVAL/RAS/19/05/ACF/2024"


# --- helpers -----------------------------------------------------------------


def line_of(path: Path, predicate) -> int:
    """The 1-based number of the only line of `path` for which predicate(line) holds."""
    found = [n for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if predicate(line)]
    assert len(found) == 1, found
    return found[0]


@pytest.fixture(scope="module")
def seed000(seeds_dir) -> tuple[Path, Loaded]:
    path = seeds_dir / SEED_000
    return path, load(path)


@pytest.fixture(scope="module")
def seed004(seeds_dir) -> tuple[Path, Loaded]:
    path = seeds_dir / SEED_004
    return path, load(path)


# --- both seeds ----------------------------------------------------------------

@pytest.mark.parametrize("seed", ["seed000", "seed004"])
def test_seed_records_are_valid_and_evidenced(seed, request):
    path, loaded = request.getfixturevalue(seed)
    assert loaded.errors == []
    assert len(loaded.records) > 10
    line_count = len(split_lines(path.read_text(encoding="utf-8")))
    for record in loaded.records:
        assert validate(record) is None, record
        assert record.evidence, record
        for ev in record.evidence:
            assert ev.document == path.name
            assert 1 <= ev.line <= ev.end_line <= line_count
            assert len(ev.quote) <= QUOTE_MAX
    ids = [r.id for r in loaded.records if isinstance(r, Node)]
    assert len(ids) == len(set(ids))
    for edge in loaded.records:
        if isinstance(edge, Edge):
            assert edge.source in ids and edge.target in ids, edge


@pytest.mark.parametrize("seed", ["seed000", "seed004"])
def test_seed_document_node(seed, request):
    path, loaded = request.getfixturevalue(seed)
    doc = nodes(loaded, "Document")[path.name]
    data = path.read_bytes()
    assert doc.properties["sha256"] == hashlib.sha256(data).hexdigest()
    assert doc.properties["size_bytes"] == len(data)
    assert doc.properties["format"] == "txt"
    assert doc.properties["line_count"] == data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    assert "QUICK" not in doc.properties["title"]
    [sourced] = edges(loaded, "SOURCED_FROM")
    assert sourced.target == path.name
    assert sourced.evidence[0].line == line_of(path, lambda s: "QUICK FACTS" in s)


# --- seed 000: one field a line, three projects, sub-items, LL/GP bullets -------

def test_000_evaluation(seed000):
    path, loaded = seed000
    [evaluation] = nodes(loaded, "Evaluation").values()
    assert evaluation.id == EVAL_000
    p = evaluation.properties
    assert p["date"] == "2023-10-15"
    assert p["type"] == "Clustered"
    assert p["timing"] == "Final"
    assert p["budget"] == 2153937.0 and p["currency"] == "USD"
    assert p["administrative_office"] == "ILO ROAP"
    assert "Korea" in p["title"]
    assert "ASEAN" in p["countries_text"]
    assert len(p["consultants"]) == 3
    assert all("(" not in name and not name.startswith("Mr") for name in p["consultants"])
    assert "ASEAN" in p["keywords"] and "Skills" in p["keywords"]
    assert not any("[" in k or "]" in k for k in p["keywords"])
    date_line = line_of(path, lambda s: s.startswith("Evaluation date"))
    assert any(ev.line == date_line for ev in evaluation.evidence)


def test_000_projects_and_donor(seed000):
    path, loaded = seed000
    dc_line = line_of(path, lambda s: s.startswith("DC Symbol"))
    donor_line = line_of(path, lambda s: s.startswith("Donor(s)"))
    projects = nodes(loaded, "Project")
    assert sorted(projects) == ["RAS/21/50/KOR", "RAS/21/51/KOR", "RAS/21/52/KOR"]
    for symbol, project in projects.items():
        assert project.properties == {"dc_symbol": symbol}  # one budget for three projects: not split
        assert project.evidence[0].line == dc_line
    evaluates = edges(loaded, "EVALUATES")
    assert sorted(e.target for e in evaluates) == sorted(projects)
    assert {e.source for e in evaluates} == {EVAL_000}
    assert all(e.evidence[0].line == dc_line for e in evaluates)

    [donor] = [nodes(loaded, "Organization")[i] for i in {e.target for e in edges(loaded, "FUNDED_BY")}]
    assert donor.id == "MOEL/ROK"
    assert donor.properties["acronym"] == "MOEL/ROK"
    assert donor.properties["kind"] == "donor"
    assert donor.properties["name"].startswith("Ministry of Employment")
    assert donor.evidence[0].line == donor_line
    funded = edges(loaded, "FUNDED_BY")
    assert sorted(e.source for e in funded) == sorted(projects)
    assert all(e.target == "MOEL/ROK" and "amount" not in e.properties for e in funded)
    assert all(e.evidence[0].line == donor_line for e in funded)


def test_000_countries(seed000):
    path, loaded = seed000
    countries = nodes(loaded, "Country")
    assert sorted(countries) == ["KHM", "LAO"]
    assert countries["KHM"].properties["iso2"] == "KH"
    assert countries["LAO"].properties["iso2"] == "LA"
    covers = edges(loaded, "COVERS")
    assert sorted(e.target for e in covers) == ["KHM", "LAO"]
    countries_line = line_of(path, lambda s: s.startswith("Countries"))
    assert all(e.evidence[0].line == countries_line for e in covers)


def test_000_recommendations(seed000):
    path, loaded = seed000
    recs = nodes(loaded, "Recommendation")
    numbers = {r.properties["number"] for r in recs.values()}
    assert numbers == {str(n) for n in range(1, 10)} | {f"4{c}" for c in "abcde"}
    assert all(rid == f"{EVAL_000}/R{r.properties['number']}" for rid, r in recs.items())
    makes = edges(loaded, "MAKES")
    assert sorted(e.target for e in makes) == sorted(recs)
    part_of = edges(loaded, "PART_OF")
    assert sorted(e.source for e in part_of) == sorted(f"{EVAL_000}/R4{c}" for c in "abcde")
    assert {e.target for e in part_of} == {f"{EVAL_000}/R4"}

    for rec in recs.values():
        text = rec.properties["text"]
        assert "**" not in text and "<" not in text and not text[0].isdigit()
    # the bold lead is the heading; the text goes on after it
    r1 = recs[f"{EVAL_000}/R1"].properties
    assert r1["heading"] and r1["text"].startswith(r1["heading"]) and len(r1["text"]) > len(r1["heading"])
    assert "MOEL/ROK" in r1["text"] and "MOEL/ROK" not in r1["heading"]
    assert recs[f"{EVAL_000}/R4a"].properties["heading"].startswith("Continue")
    assert "heading" not in recs[f"{EVAL_000}/R7"].properties  # a plain <p> item has no bold lead

    # rec 6 goes on in the HTML fragment after the page break
    r6 = recs[f"{EVAL_000}/R6"]
    assert "capacity" in r6.properties["text"]
    assert "capacity" not in r6.properties["heading"]
    start = line_of(path, lambda s: s.startswith("6. "))
    fragment = line_of(path, lambda s: "<p>7. " in s)
    assert (r6.evidence[0].line, r6.evidence[0].end_line) == (start, fragment)
    r4a = recs[f"{EVAL_000}/R4a"]
    assert r4a.evidence[0].line == line_of(path, lambda s: s.lstrip().startswith("- a)"))
    assert recs[f"{EVAL_000}/R9"].evidence[0].line == fragment


def test_000_lessons_and_good_practices(seed000):
    path, loaded = seed000
    lessons, practices = nodes(loaded, "Lesson"), nodes(loaded, "GoodPractice")
    assert sorted(lessons) == [f"{EVAL_000}/LL1", f"{EVAL_000}/LL2"]
    assert sorted(practices) == [f"{EVAL_000}/GP1", f"{EVAL_000}/GP2"]
    assert [lessons[k].properties["number"] for k in sorted(lessons)] == ["1", "2"]
    bullets_line = line_of(path, lambda s: "LL1" in s)
    for item in [*lessons.values(), *practices.values()]:
        assert item.evidence[0].line == bullets_line
        assert not item.properties["text"].startswith(("LL", "GP", "–", "-", "•"))
        assert "LL2" not in item.properties["text"] and "GP" not in item.properties["text"][:5]
    identifies = edges(loaded, "IDENTIFIES")
    assert sorted(e.target for e in identifies) == sorted([*lessons, *practices])
    assert not loaded.warnings


# --- seed 004: quick facts on one line, table cells, HTML lists -----------------

def test_004_evaluation_and_project(seed004):
    path, loaded = seed004
    [evaluation] = nodes(loaded, "Evaluation").values()
    assert evaluation.id == EVAL_004
    p = evaluation.properties
    assert p["date"] == "2024-02-27"
    assert p["budget"] == 1000000.0 and p["currency"] == "USD"
    assert p["type"] == "Project"
    assert p["timing"] == "Final"
    assert p["technical_office"] == "ILO ACTRAV"
    assert not p["manager"].startswith(":")
    assert p["consultants"] == ["Patrick Vander Weyden"]
    assert p["countries_text"].startswith("24 countries")
    qf_line = line_of(path, lambda s: s.startswith("Countries:"))
    assert {ev.line for ev in evaluation.evidence[1:]} == {qf_line}

    [project] = nodes(loaded, "Project").values()
    assert project.id == "RAS/19/05/ACF"
    assert project.properties == {"dc_symbol": "RAS/19/05/ACF", "budget": 1000000.0, "currency": "USD"}
    assert project.evidence[0].line == qf_line
    assert nodes(loaded, "Country") == {}
    assert edges(loaded, "FUNDED_BY") == [] and edges(loaded, "COVERS") == []


def test_004_recommendations(seed004):
    path, loaded = seed004
    recs = nodes(loaded, "Recommendation")
    assert sorted(r.properties["number"] for r in recs.values()) == ["1", "2", "3", "4"]
    assert edges(loaded, "PART_OF") == []
    r1 = recs[f"{EVAL_004}/R1"]
    # rec 1 starts in a table cell and ends inside the first <li> of a later list
    start = line_of(path, lambda s: "Recommendation 1:" in s)
    end = line_of(path, lambda s: "<li>Recommendation 2:" in s)
    assert (r1.evidence[0].line, r1.evidence[0].end_line) == (start, end)
    assert "guidance" in r1.properties["text"]
    assert "Conclusions" not in r1.properties["text"]  # the table's row label is not text
    assert all(r.evidence[0].line == end for k, r in recs.items() if not k.endswith("R1"))
    assert all(not r.properties["text"].startswith("Recommendation") for r in recs.values())


def test_004_lessons_and_good_practices(seed004):
    path, loaded = seed004
    lessons, practices = nodes(loaded, "Lesson"), nodes(loaded, "GoodPractice")
    assert sorted(lessons) == [f"{EVAL_004}/LL1", f"{EVAL_004}/LL2"]
    assert sorted(practices) == [f"{EVAL_004}/GP1", f"{EVAL_004}/GP2"]
    assert lessons[f"{EVAL_004}/LL1"].properties["text"].startswith("English")
    assert "bottom-up" in practices[f"{EVAL_004}/GP1"].properties["text"]
    list_line = line_of(path, lambda s: "<ol>" in s)
    assert all(i.evidence[0].line == list_line for i in [*lessons.values(), *practices.values()])
    assert all("Lessons Learned" not in i.properties["text"] for i in lessons.values())


@pytest.mark.parametrize("seed", ["seed000", "seed004"])
def test_truncated_seeds_never_raise(seed, request):
    path, _ = request.getfixturevalue(seed)
    text = path.read_text(encoding="utf-8")
    rng = random.Random(7)
    for cut in range(0, len(text), 997):
        for variant in (text[:cut], text[cut:], "".join(c for c in text if rng.random() > 0.02)):
            loaded = Loaded(path)
            parse_report(path, variant, loaded)
            assert loaded.errors == []
            assert any(isinstance(r, Node) and r.label == "Document" for r in loaded.records)


# --- small documents ------------------------------------------------------------

QF_FULL = """Improving Widget Safety in Ruritania – Final Evaluation

QUICK FACTS

Countries: Viet Nam, Korea and the Mekong region

Evaluation date: 3 March 2021

Evaluation type:   Project

Evaluation timing : Final

Evaluation manager: : Ms. A. Tester, Officer

Evaluation consultant(s): Dr. B. One (Lead) and Mr. C. Two

DC Symbol: VNM/19/02/XYZ

Donor(s) & budget: The Widget Fund (WF); USD 6.864.706,24

Key Words: widgets; safety

BACKGROUND & CONTEXT

Some background.

RECOMMENDATIONS, LESSONS LEARNED AND GOOD PRACTICES

Recommendation 1. Do the first thing
over two lines.

Recommendation 2: Do the second thing.

Lessons learned

<ol><li>First lesson.</li><li>Second lesson.</li></ol>

Good practices

• One practice.
"""


def test_small_full_document(tmp_path):
    loaded = load_doc(tmp_path, QF_FULL)
    assert loaded.errors == []
    assert all(validate(r) is None for r in loaded.records)
    [evaluation] = nodes(loaded, "Evaluation").values()
    assert evaluation.id == "EVAL/VNM/19/02/XYZ/2021"
    p = evaluation.properties
    assert p["date"] == "2021-03-03"
    assert p["type"] == "Project" and p["timing"] == "Final"
    assert p["manager"] == "A. Tester"
    assert p["consultants"] == ["B. One", "C. Two"]
    assert p["keywords"] == ["widgets", "safety"]
    assert p["budget"] == 6864706.24 and p["currency"] == "USD"
    assert sorted(nodes(loaded, "Country")) == ["KOR", "VNM"]
    [donor] = [nodes(loaded, "Organization")[i] for i in {e.target for e in edges(loaded, "FUNDED_BY")}]
    assert (donor.id, donor.properties["name"]) == ("WF", "Widget Fund")
    [funded] = edges(loaded, "FUNDED_BY")
    assert funded.properties == {"amount": 6864706.24, "currency": "USD", "kind": "budget"}
    recs = nodes(loaded, "Recommendation")
    assert sorted(recs) == ["EVAL/VNM/19/02/XYZ/2021/R1", "EVAL/VNM/19/02/XYZ/2021/R2"]
    r1 = recs["EVAL/VNM/19/02/XYZ/2021/R1"]
    assert r1.properties["text"] == "Do the first thing over two lines."
    start = QF_FULL.split("\n").index("Recommendation 1. Do the first thing") + 1
    assert (r1.evidence[0].line, r1.evidence[0].end_line) == (start, start + 1)
    lessons = nodes(loaded, "Lesson")
    assert [lessons[k].properties["text"] for k in sorted(lessons)] == ["First lesson.", "Second lesson."]
    assert sorted(lessons) == ["EVAL/VNM/19/02/XYZ/2021/LL1", "EVAL/VNM/19/02/XYZ/2021/LL2"]
    [practice] = nodes(loaded, "GoodPractice").values()
    assert practice.id.endswith("/GP1") and practice.properties["text"] == "One practice."


def test_missing_quick_facts_fields(tmp_path):
    text = "A Title\n\nQUICK FACTS\n\nCountries: Kenya\n\nEvaluation date: 12 May 2020\n\nDC Symbol: KEN/18/01/ABC\n"
    loaded = load_doc(tmp_path, text)
    assert loaded.errors == []
    [evaluation] = nodes(loaded, "Evaluation").values()
    assert evaluation.properties == {
        "title": "A Title", "countries_text": "Kenya", "date": "2020-05-12"}
    assert evaluation.id == "EVAL/KEN/18/01/ABC/2020"
    assert nodes(loaded, "Project")["KEN/18/01/ABC"].properties == {"dc_symbol": "KEN/18/01/ABC"}
    assert list(nodes(loaded, "Country")) == ["KEN"]
    assert nodes(loaded, "Organization") == {} and nodes(loaded, "Recommendation") == {}


def test_plain_numbers_and_sub_items(tmp_path):
    text = ("T\n\nQUICK FACTS\n\nDC Symbol: ZAM/20/01/ZAM\n\nRECOMMENDATIONS\n\n"
            "1. **Bold lead** and more.\n2) Second.\n- a) sub one\n- (b) sub two\n3. Third.\n1. Not a new one.\n")
    loaded = load_doc(tmp_path, text)
    recs = nodes(loaded, "Recommendation")
    by_number = {r.properties["number"]: r.properties for r in recs.values()}
    assert sorted(by_number) == ["1", "2", "2a", "2b", "3"]
    assert by_number["1"]["heading"] == "Bold lead"
    assert by_number["1"]["text"] == "Bold lead and more."
    assert by_number["3"]["text"] == "Third. 1. Not a new one."
    assert any("recommendation number 1 after 3" in w for w in loaded.warnings)
    assert {(e.source.rsplit("/", 1)[1], e.target.rsplit("/", 1)[1]) for e in edges(loaded, "PART_OF")} == {
        ("R2a", "R2"), ("R2b", "R2")}


def test_look_alike_code_is_not_a_project(tmp_path):
    text = "Child Labour Review\n\nQUICK FACTS\n\nEvaluation date: June 2010\n\nDC Symbol: IPEC/EVAL/2010/2\n"
    loaded = load_doc(tmp_path, text)
    assert nodes(loaded, "Project") == {}
    assert edges(loaded, "EVALUATES") == []
    [evaluation] = nodes(loaded, "Evaluation").values()
    assert evaluation.id == "EVAL/child-labour-review/2010"
    assert evaluation.properties["date"] == "2010-06"
    assert any(w.endswith("IPEC/EVAL/2010/2'") and ":7:" in w for w in loaded.warnings)


def test_dc_symbols_and_look_alikes():
    assert dc_symbols("RAS/21/50/KOR, RAS/21/51/KOR; INT/16/03/NOR/1 and RAS/21/50/KOR") == [
        "RAS/21/50/KOR", "RAS/21/51/KOR", "INT/16/03/NOR/1"]
    for look_alike in ("IPEC/EVAL/2010/2", "ABCD/21/50/KOR", "RAS/2021/50/KOR", "RAS/21/50/KOR/123", "ras/21/50/kor"):
        assert dc_symbols(look_alike) == [], look_alike


@pytest.mark.parametrize("text, amount", [
    ("USD 6.864.706,24", 6864706.24),
    ("US$ 29.49 million", 29490000.0),
    ("US\\$ 2,153,937.", 2153937.0),
    ("1.000.000 USD", 1000000.0),
    ("Budget: USD 640.000", 640000.0),
    ("US$1,250,000.50", 1250000.5),
])
def test_parse_money(text, amount):
    from loaders.report.text import clean

    money = parse_money(clean(text))
    assert money is not None and money.amount == amount and money.currency == "USD"


def test_parse_money_needs_a_currency():
    assert parse_money("2,153,937 people in 2023") is None


@pytest.mark.parametrize("text, iso", [
    ("15 October 2023", "2023-10-15"), ("October 15, 2023", "2023-10-15"), ("2023-10-15", "2023-10-15"),
    ("15/10/2023", "2023-10-15"), ("Sept 2022", "2022-09"), ("2019", "2019"), ("soon", None),
    ("31/13/2023", "2023"), ("30 February 2023", "2023-02"),
])
def test_parse_date(text, iso):
    assert parse_date(text) == iso


def test_budget_in_millions_through_a_document(tmp_path):
    text = "T\n\nQUICK FACTS\n\nDC Symbol: GLO/18/29/USA\n\nDonor(s) & budget: US$ 29.49 million\n"
    loaded = load_doc(tmp_path, text)
    [evaluation] = nodes(loaded, "Evaluation").values()
    assert evaluation.properties["budget"] == 29490000.0
    assert nodes(loaded, "Project")["GLO/18/29/USA"].properties["budget"] == 29490000.0
    assert nodes(loaded, "Organization") == {}


def test_markdown_layout(tmp_path):
    text = ("# A Markdown Report\n\n# QUICK FACTS\n\n**DC Symbol:** MNG/21/01/EUR\n\n"
            "**Donor(s) & budget:** European Union (EU); USD 640.000\n\n# RECOMMENDATIONS\n\n"
            "1. **Lead.** Rest.\n\n# LESSONS LEARNED AND GOOD PRACTICES\n\n## Good practices\n\n"
            "- GP1 – A practice.\n")
    loaded = load_doc(tmp_path, text, "report.md")
    [evaluation] = nodes(loaded, "Evaluation").values()
    assert evaluation.id == "EVAL/MNG/21/01/EUR"  # no date: no year
    assert evaluation.properties["title"] == "A Markdown Report"
    assert nodes(loaded, "Project")["MNG/21/01/EUR"].properties["budget"] == 640000.0
    assert nodes(loaded, "Organization")["EU"].properties == {"name": "European Union", "acronym": "EU", "kind": "donor"}
    [rec] = nodes(loaded, "Recommendation").values()
    assert (rec.properties["heading"], rec.properties["text"]) == ("Lead.", "Lead. Rest.")
    [practice] = nodes(loaded, "GoodPractice").values()
    assert practice.id == "EVAL/MNG/21/01/EUR/GP1" and practice.properties["text"] == "A practice."
    assert nodes(loaded, "Lesson") == {}


def test_no_structure_gives_only_a_document(tmp_path):
    loaded = load_doc(tmp_path, "Minutes of a meeting.\nNothing else here.\n", "notes.md")
    assert loaded.errors == []
    assert [(r.label, r.id) for r in loaded.records] == [("Document", "notes.md")]
    assert loaded.records[0].properties["format"] == "md"
    assert loaded.records[0].properties["line_count"] == 2
    assert len(loaded.warnings) == 1 and loaded.warnings[0].startswith(f"{tmp_path / 'notes.md'}:1: ")


@pytest.mark.parametrize("text", [
    "<li><p>QUICK FACTS <b>DC Symbol: <li>RAS/xx</p",
    "QUICK FACTS\n<ul><li>Countries: <li>\n<li>DC Symbol: RAS/21/50/KOR</ul></li></ol>\n"
    "<p>RECOMMENDATIONS\n<li>1. <b>x\n- a)\n",
    "# QUICK FACTS\n\n**Evaluation date:** 31 February 2023\n\nRECOMMENDATIONS\n\n"
    "Recommendation 1:\n\n• LL1 –\n• GP1",
    "QUICK FACTS\tCountries:\t\t<\n>\n&amp;&#x;&bogus;\\$ US$ . , million\nLessons learned\n<ol><li></li></ol>\n",
    "\t\t\n\n<\n\x0c\u2028\r\n**",
])
def test_markup_garbage_does_not_raise(tmp_path, text):
    loaded = load_doc(tmp_path, text, "junk.html")
    assert loaded.errors == []
    assert nodes(loaded, "Document")
    assert all(validate(r) is None for r in loaded.records)


def test_segments_keep_line_numbers():
    lines = split_lines("intro\n\n\t<p>a</p> <p>b</p>\nRow label\t<ul><li>x</li> • y</ul>\n- **z** rest")
    segs = [(s.text, s.line, s.bullet, s.label) for s in segments(lines)]
    assert segs == [
        ("intro", 1, False, False), ("a", 3, False, False), ("b", 3, False, False),
        ("Row label", 4, False, True), ("x", 4, True, False), ("y", 4, True, False), ("z rest", 5, True, False)]
    assert segments(lines)[-1].raw == "**z** rest"


def test_quote_is_short():
    long = "word " * 100
    assert len(quote(long)) <= QUOTE_MAX and quote(long).endswith("…")
    assert quote("  a \n b ") == "a b"


@pytest.mark.parametrize("text, names", [
    ("Mr. Ann Lee (Team Leader), Ms. Bo Chan and Dr. Cy Dee (National Evaluators)", ["Ann Lee", "Bo Chan", "Cy Dee"]),
    ("Loop, Theo van der; Sok, Somith", ["Theo van der Loop", "Somith Sok"]),
    ("LOOP, Theo, SOK, Somith", ["Theo Loop", "Somith Sok"]),
    ("LOOP Theo van der", ["Theo van der Loop"]),
])
def test_person_names_given_name_first(text, names):
    assert person_names(text) == names
