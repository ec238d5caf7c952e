"""Record files (JSONL, YAML, CSV) and hostile inputs: errors name file, line and field; good records still load."""

import json

import pytest

from kg.records import Edge, Evidence, Node, RecordError, record_from_dict, validate
from loaders import load

GOOD_NODE = {"kind": "node", "label": "Country", "id": "KHM", "properties": {"name": "Cambodia", "iso2": "KH"}}


def write(tmp_path, name, text, mode="w"):
    path = tmp_path / name
    if mode == "wb":
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def messages(loaded):
    return [str(e) for e in loaded.errors]


def test_jsonl_bad_lines_are_named_and_good_lines_load(tmp_path):
    lines = [
        json.dumps(GOOD_NODE),
        "{not json",
        json.dumps({"kind": "node", "label": "Country", "id": "LAO", "properties": {"name": 7}}),
        json.dumps({"kind": "node", "label": "Nation", "id": "X"}),
        json.dumps({"kind": "edge", "type": "COVERS", "source": "E", "target": "KHM", "colour": "red"}),
        "",
        json.dumps({"kind": "node", "label": "Outcome", "id": "LAO101",
                    "properties": {"text": "t", "kind": "a wish"}}),
        json.dumps({"kind": "node", "label": "Recommendation", "id": "R1", "properties": {"text": "t"}}),
        json.dumps([1, 2]),
    ]
    path = write(tmp_path, "r.jsonl", "\n".join(lines) + "\n")
    loaded = load(path)
    assert [r.id for r in loaded.records] == ["KHM"]
    assert loaded.records[0].evidence == [Evidence(str(path), 1, 1)]
    assert messages(loaded) == [
        f"{path}:2: invalid JSON: Expecting property name enclosed in double quotes at column 2",
        f"{path}:3: properties.name: expected text",
        f"{path}:4: label: unknown label 'Nation'",
        f"{path}:5: colour: unknown field",
        f"{path}:7: properties.kind: expected one of priority, country programme outcome, DWCP outcome, "
        "P&B outcome, project outcome",
        f"{path}:8: properties.number: required",
        f"{path}:9: expected an object",
    ]


def test_evidence_is_checked_field_by_field(tmp_path):
    where = ("f.jsonl", 3)
    bad = [
        ({"document": "", "line": 1}, "evidence[0].document"),
        ({"document": "a.txt", "line": 0}, "evidence[0].line"),
        ({"document": "a.txt", "line": 5, "end_line": 4}, "evidence[0].end_line"),
        ({"document": "a.txt", "line": True}, "evidence[0].line"),
        ({"document": "a.txt", "line": 2, "page": 1}, "evidence[0].page"),
    ]
    for item, field in bad:
        with pytest.raises(RecordError) as info:
            record_from_dict(GOOD_NODE | {"evidence": [item]}, where)
        assert info.value.field == field
        assert str(info.value).startswith("f.jsonl:3: ")
    ok = record_from_dict(GOOD_NODE | {"evidence": [{"document": "a.txt", "line": 2, "quote": "q"}]}, where)
    assert ok.evidence == [Evidence("a.txt", 2, 2, "q")]


def test_yaml_records_keep_their_own_lines(tmp_path):
    text = """\
nodes:
  - label: Country
    id: KHM
    properties: {name: Cambodia}
  - label: Country
    id: LAO
    properties: {name: Lao PDR, population: 7}
edges:
  - type: COVERS
    source: EVAL/1
    target: KHM
"""
    path = write(tmp_path, "c.yaml", text)
    loaded = load(path)
    assert [r.id for r in loaded.records if isinstance(r, Node)] == ["KHM"]
    edge = next(r for r in loaded.records if isinstance(r, Edge))
    assert edge.evidence == [Evidence(str(path), 9, 9)]
    assert messages(loaded) == [f"{path}:5: properties.population: not in the schema for Country"]


@pytest.mark.parametrize("text, expected", [
    ("nodes:\n  - label: Country\n    id: [unclosed\n", "invalid YAML"),
    ("- just\n- a list\n", "expected a mapping with `nodes:` and/or `edges:` lists"),
    ("nodes: 5\n", "nodes: expected a list"),
])
def test_malformed_yaml_is_one_error(tmp_path, text, expected):
    loaded = load(write(tmp_path, "bad.yml", text))
    assert loaded.records == []
    assert len(loaded.errors) == 1 and expected in str(loaded.errors[0])


def test_csv_nodes_types_lists_and_bad_rows(tmp_path):
    text = (
        "label,id,name,acronym,kind,aliases\n"
        "Organization,MOLSW,Ministry of Labour and Social Welfare,MOLSW,government,MoLSW; Labour ministry\n"
        "Organization,LFTU,Lao Federation of Trade Unions,,workers,\n"
        "Organization,X,Someone,,wizards,\n"
        "Organization,Y,Extra,,,,surplus\n"
    )
    path = write(tmp_path, "orgs.csv", text)
    loaded = load(path)
    first, second = loaded.records
    assert first.properties == {"name": "Ministry of Labour and Social Welfare", "acronym": "MOLSW",
                                "kind": "government", "aliases": ["MoLSW", "Labour ministry"]}
    assert second.properties == {"name": "Lao Federation of Trade Unions", "kind": "workers"}
    assert second.evidence == [Evidence(str(path), 3, 3)]
    assert messages(loaded) == [
        f"{path}:4: properties.kind: expected one of government, employers, workers, donor, UN agency, NGO, "
        "ILO unit, intergovernmental, other",
        f"{path}:5: more cells than header columns",
    ]


def test_csv_edges_with_evidence_columns(tmp_path):
    text = (
        "type,source,target,amount,currency,document,line,quote\n"
        "FUNDED_BY,RAS/21/50/KOR,MOEL,2153937,USD,report.txt,21,Budget line\n"
        "FUNDED_BY,RAS/21/51/KOR,MOEL,lots,USD,,,\n"
        "FUNDED_BY,RAS/21/52/KOR,MOEL,,,report.txt,x,\n"
    )
    path = write(tmp_path, "money.csv", text)
    loaded = load(path)
    (edge,) = loaded.records
    assert edge.properties == {"amount": 2153937.0, "currency": "USD"}
    assert edge.evidence == [Evidence("report.txt", 21, 21, "Budget line")]
    assert messages(loaded) == [
        f"{path}:3: amount: expected a number, got 'lots'",
        f"{path}:4: line: expected an integer, got 'x'",
    ]


def test_csv_without_key_columns(tmp_path):
    loaded = load(write(tmp_path, "x.csv", "name,code\na,b\n"))
    assert "header needs" in messages(loaded)[0]


@pytest.mark.parametrize("name, content, expected", [
    ("empty.jsonl", b"", "empty file"),
    ("blank.txt", b"  \n\n", "empty file"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not text"),
    ("latin1.yaml", "nodes:\n  - label: Country\n    id: CIV\n    properties: {name: Côte}\n".encode("latin-1"),
     "not UTF-8 (byte 0xf4)"),
    ("notes.docx", b"PK\x03\x04", "unsupported file type .docx"),
])
def test_unreadable_inputs_get_one_line_errors(tmp_path, name, content, expected):
    path = write(tmp_path, name, content, "wb")
    loaded = load(path)
    assert loaded.records == []
    (error,) = loaded.errors
    assert expected in str(error) and str(path) in str(error) and "\n" not in str(error)


def test_non_utf8_error_names_the_line(tmp_path):
    path = write(tmp_path, "l.jsonl", b'{"a": 1}\n{"b": "caf\xe9"}\n', "wb")
    assert str(load(path).errors[0]) == f"{path}:2: not UTF-8 (byte 0xe9)"


def test_a_folder_given_as_file_cannot_be_read(tmp_path):
    folder = tmp_path / "looks.jsonl"
    folder.mkdir()
    assert "cannot read" in str(load(folder).errors[0])


def test_validate_checks_types_and_required_values():
    assert validate(Node("SDG", "SDG8", {"number": 8})) is None
    assert validate(Node("SDG", "SDG8", {"number": "8"})) == ("properties.number", "expected an integer")
    assert validate(Node("SDG", "SDG8", {"number": True})) == ("properties.number", "expected an integer")
    assert validate(Node("Evaluation", "E", {"title": "t", "date": "15 Oct 2023"}))[0] == "properties.date"
    assert validate(Edge("ALIGNS_WITH", "a", "b", {})) == ("properties.basis", "required")
    assert validate(Edge("LIKES", "a", "b")) == ("type", "unknown relationship type 'LIKES'")
