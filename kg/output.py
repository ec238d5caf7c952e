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
    return _table(columns, [[cell(v) for v in row] for row in rows], title, width or shutil.get_terminal_size().columns,
                  whole_first)


SHORT = 24  # a column whose every value fits in this many characters is never wrapped
HEADER = 10  # a header longer than this may fold over its values' width


def _table(columns: list[str], rows: list[list[str]], title: str | None, width: int, whole_first: bool) -> str:
    """A table whose short columns stay whole and long ones wrap; one block per row when even that won't fit."""
    longest = [max([min(len(name), HEADER)] + [len(line) for row in rows for line in row[i].splitlines()])
               for i, name in enumerate(columns)]
    whole = [n <= SHORT or (whole_first and i == 0) for i, n in enumerate(longest)]
    needed = sum(n + 2 for n, w in zip(longest, whole) if w) + 12 * whole.count(False)
    caption = f"{len(rows)} row{'s' * (len(rows) != 1)}"
    if needed <= width or len(columns) <= 2:
        table = Table(title=title, caption=caption, box=box.SIMPLE_HEAD)
        for name, keep in zip(columns, whole):
            table.add_column(name, overflow="fold", no_wrap=keep)
        for row in rows:
            table.add_row(*row)
        return _print(table, width)
    blocks = [_print(title, width)] if title else []
    for number, row in enumerate(rows, 1):
        grid = Table(title=f"row {number}", title_justify="left", box=box.SIMPLE_HEAD, show_header=False)
        grid.add_column(no_wrap=True, style="bold")
        grid.add_column(overflow="fold")
        for name, value in zip(columns, row):
            grid.add_row(name, value)
        blocks.append(_print(grid, width))
    return "".join(blocks) + caption + "\n"


def _print(renderable, width: int) -> str:
    out = io.StringIO()
    Console(file=out, width=width, highlight=False).print(renderable)
    return out.getvalue()
