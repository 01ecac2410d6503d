"""Ranks of many values at once equal the scalar rank function's, label and all."""

import numpy as np
import pytest

from app.domain.benchmarks.rank import percentile_rank
from app.domain.benchmarks.ranks import (BELOW_MEDIAN, NO_DATA, NO_RANK, label_code, label_text, percentile_ranks,
                                         weakest)

RNG = np.random.default_rng(5)
KNOT_SETS = [
    {"p10": 10, "p25": 20, "median": 30, "p75": 40, "p90": 50, "mean": 31},
    {"p10": 0, "p25": 0, "median": 0, "p75": 3, "p90": 10},  # tied knots
    {"p10": 5.5, "p25": 5.5, "median": 5.5, "p75": 5.5, "p90": 5.5},
    {"p25": 20, "median": 30, "p75": 40},  # quartiles only
    {"median": 30},  # a tier, not a rank
    {"median": 30, "mean": 29},
    {"p10": 3.0},
    {},
] + [dict(zip(("p10", "p25", "median", "p75", "p90"), np.sort(np.round(RNG.gamma(2, 10, 5), d)).tolist()))
     for d in (0, 1, 1, 2) for _ in range(5)]


@pytest.mark.parametrize("released", KNOT_SETS)
@pytest.mark.parametrize("higher_is_better", [True, False])
def test_each_value_gets_the_scalar_rank_and_label(released, higher_is_better):
    knots = list(released.values()) or [1.0]
    values = np.concatenate([RNG.uniform(min(knots) - 5, max(knots) + 5, 400), knots,
                             np.array(knots) + 1e-9, np.array(knots) - 1e-9, [min(knots) - 99, max(knots) + 99]])
    values = np.concatenate([values, np.round(values, 1)])
    present = RNG.random(len(values)) < 0.9
    ranks, codes = percentile_ranks(values, present, released, higher_is_better)
    for value, known, rank, code in zip(values, present, ranks, codes):
        expected = percentile_rank(float(value) if known else None, released, higher_is_better)
        got = None if rank == NO_RANK else int(rank)
        assert (got, label_text(int(code), got)) == (expected.rank, expected.label)
        assert label_code(expected.label) == code


def test_weakest_is_the_lowest_rank_first_metric_on_ties_else_below_the_median():
    ranks = np.array([[40, 12, 12], [NO_RANK, NO_RANK, NO_RANK], [NO_RANK, NO_RANK, NO_RANK]], dtype=np.int16)
    codes = np.array([[0, 0, 0], [NO_DATA, BELOW_MEDIAN, BELOW_MEDIAN], [NO_DATA, NO_DATA, NO_DATA]], dtype=np.int8)
    column, rank, code = weakest(ranks, codes)
    assert column.tolist() == [1, 1, -1]
    assert rank.tolist() == [12, NO_RANK, NO_RANK]
    assert code.tolist() == [0, BELOW_MEDIAN, NO_DATA]
