"""The report loaders against the golden readings of the seeds (figures: `python tests/accuracy.py`)."""

from __future__ import annotations

import pytest

from accuracy import THRESHOLDS, goldens, measure


@pytest.fixture(scope="module")
def measured(seeds_dir):
    return measure(seeds_dir)


@pytest.mark.parametrize("category", sorted(k for k, v in THRESHOLDS.items() if v is not None))
def test_recall_and_precision_reach_the_target(measured, category):
    score, target = measured["all"][category], THRESHOLDS[category]
    assert score.golden, f"no golden entries for {category}"
    assert score.recall >= target and score.precision >= target, (
        f"{category}: recall {score.recall:.1%}, precision {score.precision:.1%} (target {target:.0%}); "
        f"missed {score.missed[:10]}, extra {score.extra[:10]}")


def test_every_seed_has_a_golden_reading(seeds_dir):
    assert sorted(g["document"] for g in goldens()) == sorted(p.name for p in seeds_dir.glob("*.txt"))
