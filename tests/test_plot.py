"""`kg plot`: the coverage heatmap and the alignment graph, drawn from a real store into real files."""

import json
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import plot
from kg.canned import catalogue
from kg.cli import cli

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SVG = "{http://www.w3.org/2000/svg}"
COLUMNS = list(plot.PLOTS["coverage"].columns)


def kg(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args], env={"NEO4J_URI": None, "KG_DB": None},
                                catch_exceptions=False)
    return result


def store(folder, *inputs):
    result = kg("build", *inputs, "--db", folder / "db")
    assert result.exit_code == 0, result.output
    return folder / "db"


@pytest.fixture(scope="module")
def examples(tmp_path_factory):
    return store(tmp_path_factory.mktemp("examples"), EXAMPLES)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, request):
    return store(tmp_path_factory.mktemp("seeded"), request.getfixturevalue("seeds_dir"), EXAMPLES)


def draw(db, kind, path, *params):
    result = kg("plot", kind, "-o", path, "--db", db, *params)
    assert result.exit_code == 0, result.output
    return path


def rows(db, query, *params):
    return json.loads(kg("query", query, "-f", "json", "--db", db, *params).stdout)


def svg_texts(path):
    """Every label drawn, and every tooltip."""
    root = ET.parse(path).getroot()
    return [t.text for t in root.iter(f"{SVG}text")], [t.text for t in root.iter(f"{SVG}title")]


def png_size(path):
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_each_picture_reads_columns_its_query_has():
    assert set(cli.commands["plot"].params[0].type.choices) == set(plot.PLOTS)
    for kind, spec in plot.PLOTS.items():
        assert set(spec.columns) <= set(catalogue()[spec.query].columns), kind


def test_coverage_png_svg_and_html(examples, tmp_path):
    matrix = rows(examples, "alignment-matrix")
    assert matrix
    width, height = png_size(draw(examples, "coverage", tmp_path / "c.png"))
    assert width >= 700 and height >= 400
    labels, tips = svg_texts(draw(examples, "coverage", tmp_path / "c.svg"))
    for row in matrix:
        assert any(label.startswith(row["outcome"] + " – ") for label in labels), row["outcome"]
        assert any(row["framework_name"] in tip for tip in tips), row["framework_name"]
    assert "Outcome × framework alignment matrix: 4 outcomes × 3 frameworks" in labels
    page = draw(examples, "coverage", tmp_path / "c.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page and "<title>" in page
    assert page.count("<tr>") == len(matrix) + 1
    assert "<script" not in page and "http://" not in page.split("<svg", 1)[0]


def test_coverage_marks_inferred_only_cells(examples, tmp_path):
    labels, tips = svg_texts(draw(examples, "coverage", tmp_path / "c.svg"))
    inferred_only = [r for r in rows(examples, "alignment-matrix") if r["stated"] == 0]
    assert inferred_only and labels.count("~1") == len(inferred_only)
    assert any("0 links stated, 1 inferred" in tip for tip in tips)


def test_sixty_outcomes_by_thirty_frameworks_stay_readable(tmp_path):
    matrix = [[f"OUT{i:03d}", "An outcome whose statement runs on for a good many words", f"FW/{j:02d}",
               f"Framework {j} national development plan", 1 + (i + j) % 5, 1, 0]
              for i in range(60) for j in range(30) if (i * j) % 7 == 0]
    plot.write("coverage", COLUMNS, matrix, tmp_path / "big.png", "big")
    width, height = png_size(tmp_path / "big.png")
    cell = plot.CELL * plot.DPI
    assert width >= 30 * cell + 400 and height >= 60 * cell
    assert width * height < 25e6  # a picture, not a poster


def test_alignment_svg_png_and_html(examples, tmp_path):
    chains = rows(examples, "alignment")
    labels, tips = svg_texts(draw(examples, "alignment", tmp_path / "a.svg"))
    for row in chains:
        assert row["project"] in labels and row["outcome"] in labels and row["framework"] in labels
    assert {"stated: contributes to, aligns with", "inferred: contributes to, aligns with", "UNDAF outcome"} <= set(labels)
    assert any(tip.endswith(": aligns with, inferred, 1 piece of evidence") for tip in tips)
    assert png_size(draw(examples, "alignment", tmp_path / "a.png"))[0] >= 800
    page = draw(examples, "alignment", tmp_path / "a.html").read_text(encoding="utf-8")
    assert "<svg" in page and page.count("<tr>") == len(chains) + 1


def test_alignment_of_one_project(seeded, tmp_path):
    labels, _ = svg_texts(draw(seeded, "alignment", tmp_path / "wedge.svg", "-p", "project", "WEDGE"))
    assert {"PROJECT/WEDGE", "LAO101", "LAO102", "PLAN/LAO/SIXTH-NSEDP"} <= set(labels)
    assert not {"IDN126", "KHM156", "PROJECT/LDRP"} & set(labels)
    assert "Alignment chains (project WEDGE): 1 project or programme" in labels


def test_the_seeds_whole_graph(seeded, tmp_path):
    labels, _ = svg_texts(draw(seeded, "alignment", tmp_path / "all.svg"))
    assert {"PROJECT/WEDGE", "PROJECT/LDRP", "LAO101", "KHM156", "UNDAF/KHM/2006-2010"} <= set(labels)
    labels, _ = svg_texts(draw(seeded, "coverage", tmp_path / "all.svg"))
    assert any(label.startswith("LAO100 – ") for label in labels)


@pytest.mark.parametrize("kind, suffix", [("coverage", ".png"), ("coverage", ".svg"), ("coverage", ".html"),
                                          ("alignment", ".svg"), ("alignment", ".html")])
def test_same_graph_same_bytes(examples, tmp_path, kind, suffix):
    first = draw(examples, kind, tmp_path / f"1{suffix}").read_bytes()
    assert draw(examples, kind, tmp_path / f"2{suffix}").read_bytes() == first


def test_table_text_is_escaped(tmp_path):
    plot.write("coverage", COLUMNS, [["X1", "<b>Jobs & skills</b>", "FW", "Plan <i>", 1, 1, 0]],
               tmp_path / "e.html", "Escaping")
    page = (tmp_path / "e.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;Jobs &amp; skills&lt;/b&gt;" in page and "<b>" not in page and "<i>" not in page


def test_nothing_to_plot_is_an_error(examples, tmp_path):
    result = kg("plot", "alignment", "-o", tmp_path / "none.svg", "-p", "project", "NOPE", "--db", examples)
    assert result.exit_code == 1
    assert "nothing to plot: query alignment found no rows (project NOPE)" in result.stderr
    assert not (tmp_path / "none.svg").exists()
    bad = kg("plot", "coverage", "-o", tmp_path / "c.png", "-p", "project", "X", "--db", examples)
    assert bad.exit_code == 1 and "has no parameter 'project'" in bad.stderr


def test_a_wrong_suffix_is_a_usage_error(examples, tmp_path):
    result = kg("plot", "coverage", "-o", tmp_path / "c.pdf", "--db", examples)
    assert result.exit_code == 2 and "writes .png, .svg, .html, not .pdf" in result.stderr
    result = kg("plot", "alignment", "-o", tmp_path / "a", "--db", examples)
    assert result.exit_code == 2 and "not a file without a suffix" in result.stderr
