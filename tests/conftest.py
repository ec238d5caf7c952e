"""Shared fixtures."""

from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The seed reports beside this clone (../shared/seeds); skip the test when they are not there."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not found: the seed reports are not beside this clone")
    return SEEDS
