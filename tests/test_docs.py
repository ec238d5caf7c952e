"""The README stays true: its commands, its record examples, its command list."""

import re
from pathlib import Path

from kg.cli import cli
from loaders import load

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks(language):
    return re.findall(rf"```{language}\n(.*?)```", README, re.S)


def test_the_two_commands():
    main_job, tests = blocks("sh")[:2]
    assert "pip install . && kg build examples && kg query" in main_job
    assert "pip install '.[test]' && pytest" in tests
    assert tests.strip() in (ROOT / ".ci" / "run").read_text(), ".ci/run must run the README's test command"


def test_record_examples_are_valid(tmp_path):
    (jsonl,) = blocks("json")
    (yaml_text,) = blocks("yaml")
    for name, text in (("example.jsonl", jsonl), ("example.yaml", yaml_text)):
        path = tmp_path / name
        path.write_text(text)
        loaded = load(path)
        assert loaded.errors == [], loaded.errors
        assert len(loaded.records) == 2


def test_every_command_is_documented():
    for name in cli.commands:
        assert f"kg {name}" in README, f"README does not show kg {name}"
