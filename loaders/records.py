"""Record files: JSON Lines, YAML and CSV forms of the same node and edge records.

- JSON Lines: one record object a line (see kg.records).
- YAML: a mapping with `nodes:` and `edges:` lists; items are records without `kind`.
- CSV: a header row, then one record a row. Node files have `label` and `id`
  columns, edge files `type`, `source` and `target`; every other column is a
  property (empty cell: not given; `string[]` values separated by `;`), except
  the optional evidence columns `document`, `line`, `end_line`, `quote`.

A record without evidence is evidenced by its own file and line. A bad record
is reported with its file, line and field; the others still load.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import yaml

from kg.model import load_schema
from kg.records import RecordError, record_from_dict
from loaders import Loaded

EVIDENCE_COLUMNS = ("document", "line", "end_line", "quote")


def parse_records(path: Path, text: str, loaded: Loaded) -> None:
    """Append the records of one record file to `loaded`."""
    parse = {".jsonl": _jsonl, ".yaml": _yaml, ".yml": _yaml, ".csv": _csv}[path.suffix.lower()]
    for line, data in parse(path, text, loaded):
        try:
            loaded.records.append(record_from_dict(data, (str(path), line)))
        except RecordError as exc:
            loaded.errors.append(exc)


def _jsonl(path: Path, text: str, loaded: Loaded):
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            loaded.errors.append(RecordError(str(path), number, None, f"invalid JSON: {exc.msg} at column {exc.colno}"))


class _LineLoader(yaml.SafeLoader):
    """Safe YAML loader that remembers the line each mapping starts on."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def _yaml(path: Path, text: str, loaded: Loaded):
    try:
        doc = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        loaded.errors.append(RecordError(str(path), line, None, f"invalid YAML: {getattr(exc, 'problem', exc)}"))
        return
    if not isinstance(doc, dict) or not ({"nodes", "edges"} & set(doc)):
        loaded.errors.append(RecordError(str(path), 1, None, "expected a mapping with `nodes:` and/or `edges:` lists"))
        return
    unknown = sorted(set(doc) - {"nodes", "edges", "__line__"})
    if unknown:
        loaded.errors.append(RecordError(str(path), doc["__line__"], unknown[0], "unknown top-level key"))
    for key, kind in (("nodes", "node"), ("edges", "edge")):
        items = doc.get(key) or []
        if not isinstance(items, list):
            loaded.errors.append(RecordError(str(path), doc["__line__"], key, "expected a list"))
            continue
        for item in items:
            if not isinstance(item, dict):
                loaded.errors.append(RecordError(str(path), doc["__line__"], key, "expected a list of mappings"))
                continue
            yield item["__line__"], _strip_lines(item) | {"kind": kind}


def _strip_lines(value):
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def _csv(path: Path, text: str, loaded: Loaded):
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    if {"label", "id"} <= set(header):
        kind, keys = "node", ("label", "id")
    elif {"type", "source", "target"} <= set(header):
        kind, keys = "edge", ("type", "source", "target")
    else:
        loaded.errors.append(RecordError(str(path), 1, None,
                                         "header needs `label,id` (nodes) or `type,source,target` (edges)"))
        return
    schema = load_schema()
    try:
        for row in reader:
            line = reader.line_num
            if None in row:
                loaded.errors.append(RecordError(str(path), line, None, "more cells than header columns"))
                continue
            try:
                yield line, _csv_record(row, kind, keys, schema, (str(path), line))
            except RecordError as exc:
                loaded.errors.append(exc)
    except csv.Error as exc:
        loaded.errors.append(RecordError(str(path), reader.line_num, None, f"invalid CSV: {exc}"))


def _csv_record(row: dict, kind: str, keys: tuple, schema, where) -> dict:
    record = {"kind": kind, **{k: row[k] for k in keys}}
    spec = schema.nodes.get(row["label"]) if kind == "node" else schema.relationships.get(row["type"])
    declared = spec.properties if spec else {}
    properties = {}
    for column, cell in row.items():
        if column in keys or column in EVIDENCE_COLUMNS or cell is None or cell.strip() == "":
            continue
        properties[column] = _cell(cell.strip(), declared.get(column), column, where)
    record["properties"] = properties
    if (row.get("document") or "").strip():
        line = _integer((row.get("line") or "").strip(), "line", where)
        end = (row.get("end_line") or "").strip()
        record["evidence"] = [{
            "document": row["document"].strip(), "line": line,
            "end_line": _integer(end, "end_line", where) if end else line,
            "quote": (row.get("quote") or "").strip(),
        }]
    return record


def _integer(cell: str, column: str, where) -> int:
    try:
        return int(cell)
    except ValueError:
        raise RecordError(*where, column, f"expected an integer, got {cell!r}") from None


def _cell(cell: str, prop, column: str, where):
    """A CSV cell as the property's type; unknown columns stay text for validation to report."""
    kind = prop.type if prop else "string"
    if kind == "integer":
        return _integer(cell, column, where)
    if kind == "float":
        try:
            return float(cell)
        except ValueError:
            raise RecordError(*where, column, f"expected a number, got {cell!r}") from None
    if kind == "boolean":
        if cell.lower() not in ("true", "false"):
            raise RecordError(*where, column, f"expected true or false, got {cell!r}")
        return cell.lower() == "true"
    if kind == "string[]":
        return [part.strip() for part in cell.split(";") if part.strip()]
    return cell
