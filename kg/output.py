"""Query results as a terminal table, JSON, CSV or Markdown."""

from __future__ import annotations

import csv
import io
import json
import math
import shutil
from decimal import Decimal

from rich import box
from rich.console import Console
from rich.table import Table

FORMATS = ("table", "json", "csv", "markdown")


def cell(value) -> str:
    """One value as text: lists joined with '; ', nulls empty, whole floats without '.0'."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    if isinstance(value, (float, Decimal)) and math.isfinite(value) and value == int(value):
        return str(int(value))
    return str(value)


def _json_value(value):
    if isinstance(value, Decimal):
        return int(value) if math.isfinite(value) and value == int(value) else float(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def render(columns: list[str], rows: list[list], fmt: str, title: str | None = None,
           width: int | None = None, whole_first: bool = True) -> str:
    """The rows as text in `fmt`; a table wraps long cells to fit `width` (default: the terminal's).

    `whole_first` keeps the first column (it names the row: an id) from wrapping.
    """
    if fmt == "json":
        return json.dumps([dict(zip(columns, row)) for row in rows], ensure_ascii=False, indent=2,
                          default=_json_value) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[cell(v) for v in row] for row in rows])
        return out.getvalue()
    if fmt == "markdown":
        def escape(text: str) -> str:
            return text.replace("|", "\\|").replace("\n", " ")

        lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        lines += ["| " + " | ".join(escape(cell(v)) for v in row) + " |" for row in rows]
        return "\n".join(lines) + "\n"
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}")
    table = Table(title=title, caption=f"{len(rows)} row{'s' * (len(rows) != 1)}", box=box.SIMPLE_HEAD)
    for i, name in enumerate(columns):
        table.add_column(name, overflow="fold", no_wrap=whole_first and i == 0)
    for row in rows:
        table.add_row(*(cell(v) for v in row))
    out = io.StringIO()
    Console(file=out, width=width or shutil.get_terminal_size().columns, highlight=False).print(table)
    return out.getvalue()
