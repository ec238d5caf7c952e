"""Shared fixtures."""

from pathlib import Path

import pytest

from kg.build import build
from kg.stores import open_store

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The seed reports beside this clone (../shared/seeds); skip the test when they are not there."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not found: the seed reports are not beside this clone")
    return SEEDS


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory, seeds_dir) -> Path:
    """The folder of an embedded store built once from the seeds and the examples; open it read-only."""
    db = tmp_path_factory.mktemp("seeds") / "db"
    with open_store("ladybug", str(db)) as store:
        assert build([seeds_dir, Path(__file__).resolve().parents[1] / "examples"], store).errors == []
    return db
