"""Loaders turn input files into records: reports are read, record files are parsed.

`load(path)` picks the loader by file ending and never raises for bad input:
problems come back in `Loaded.errors`, each naming the file and line, next to
whatever records the file still yielded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg.records import Record, RecordError

NOT_INPUTS = {"README", "LICENSE", "LICENCE", "CHANGELOG", "CONTRIBUTING", "NOTICE"}  # a folder's own notes
REPORT_SUFFIXES = (".txt", ".md", ".html", ".htm")
RECORD_SUFFIXES = (".jsonl", ".yaml", ".yml", ".csv")
SUFFIXES = REPORT_SUFFIXES + RECORD_SUFFIXES


@dataclass
class Loaded:
    """What one input file yielded."""

    path: Path
    records: list[Record] = field(default_factory=list)
    errors: list[RecordError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_text(path: Path) -> str:
    """The file's text, or a RecordError saying why it cannot be read as text."""
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RecordError(name, None, None, f"cannot read: {exc.strerror or exc}") from None
    if not data.strip():
        raise RecordError(name, None, None, "empty file")
    if b"\x00" in data[:8192]:
        raise RecordError(name, None, None, "binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RecordError(name, line, None, f"not UTF-8 (byte 0x{data[exc.start]:02x})") from None
    return text


def load(path: Path) -> Loaded:
    """Records from one report or record file."""
    suffix = path.suffix.lower()
    loaded = Loaded(path)
    try:
        text = read_text(path)
        if suffix in RECORD_SUFFIXES:
            from loaders.records import parse_records

            parse_records(path, text, loaded)
        elif suffix in REPORT_SUFFIXES:
            from loaders.report import parse_report

            parse_report(path, text, loaded)
        else:
            raise RecordError(str(path), None, None, f"unsupported file type {suffix or '(none)'}")
    except RecordError as exc:
        loaded.errors.append(exc)
    return loaded


def find_inputs(paths: list[Path]) -> list[Path]:
    """Input files under `paths`, folders searched recursively, in a stable order.

    In a folder, hidden files and a folder's own notes (README.md, LICENSE.txt, ...) are not inputs;
    named on their own, they are.
    """
    found = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*")
                       if p.is_file() and p.suffix.lower() in SUFFIXES and p.stem.upper() not in NOT_INPUTS
                       and not any(part.startswith(".") for part in p.relative_to(path).parts))
            )
        else:
            found.append(path)
    return found
