"""Canned queries: headers, parameters, and answers from a store built from the seeds."""

import pytest

from kg.build import build
from kg.canned import QueryError, catalogue, parse_query
from kg.stores import open_store


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, request):
    seeds = request.getfixturevalue("seeds_dir")
    with open_store("ladybug", str(tmp_path_factory.mktemp("kg") / "db")) as store:
        report = build([seeds / "000_af0c1458d30e124d.txt", seeds / "004_172475d8b865d165.txt"], store)
        assert report.errors == []
        yield store


def test_every_query_runs_and_returns_its_declared_columns(seeded):
    for name, query in catalogue().items():
        columns, rows = seeded.run(query.text, query.bind({}))
        assert tuple(columns) == query.columns, name
        assert rows, f"{name} found nothing in the seeds"


def test_evaluations_on_the_seeds(seeded):
    query = catalogue()["evaluations"]
    columns, rows = seeded.run(query.text, query.bind({}))
    found = {row[0]: dict(zip(columns, row)) for row in rows}
    korea = found["EVAL/RAS/21/50/KOR/2023"]
    assert korea["projects"] == ["RAS/21/50/KOR", "RAS/21/51/KOR", "RAS/21/52/KOR"]
    assert korea["countries"] == ["KHM", "LAO"]
    assert (korea["recommendations"], korea["lessons"], korea["good_practices"]) == (14, 2, 2)
    unions = found["EVAL/RAS/19/05/ACF/2024"]
    assert (unions["recommendations"], unions["countries"], unions["date"]) == (4, [], "2024-02-27")
    _, lao = seeded.run(query.text, query.bind({"country": "LAO"}))
    assert [row[0] for row in lao] == ["EVAL/RAS/21/50/KOR/2023"]


def test_recommendations_keep_printed_order(seeded):
    query = catalogue()["recommendations"]
    _, rows = seeded.run(query.text, query.bind({"evaluation": "EVAL/RAS/21/50/KOR/2023"}))
    assert [(r[1], r[2]) for r in rows] == [
        ("1", None), ("2", None), ("3", None), ("4", None), ("4a", "4"), ("4b", "4"), ("4c", "4"),
        ("4d", "4"), ("4e", "4"), ("5", None), ("6", None), ("7", None), ("8", None), ("9", None)]


def test_parameters_are_converted_and_checked():
    query = parse_query("q", "// title: T\n// description: D\n// parameters:\n"
                             "//   n: {type: integer, description: how many}\n"
                             "//   who: {type: string, default: ''}\n// columns: [a]\nRETURN $n AS a\n")
    assert query.bind({"n": "3"}) == {"n": 3, "who": ""}
    with pytest.raises(QueryError, match="takes an integer, not 'three'"):
        query.bind({"n": "three"})
    with pytest.raises(QueryError, match="needs -p n VALUE"):
        query.bind({})
    with pytest.raises(QueryError, match="header lacks title, columns"):
        parse_query("bad", "// description: only\nRETURN 1 AS a\n")
