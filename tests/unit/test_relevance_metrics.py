"""The relevance bench's metrics against examples computed by hand (issue 17)."""

import math

import pytest

from bench.relevance_metrics import dcg, ndcg_at, recall_at, reciprocal_rank

JUDGED = {"a": 2, "b": 1, "c": 1}


def test_dcg_discounts_each_gain_by_the_log_of_its_rank():
    # 2/log2(2) + 0/log2(3) + 1/log2(4) = 2 + 0 + 0.5
    assert dcg([2, 0, 1]) == pytest.approx(2.5)


def test_ndcg_is_one_for_the_ideal_order_and_less_when_grades_are_swapped():
    assert ndcg_at(["a", "b", "c"], JUDGED) == pytest.approx(1.0)
    # b, a, c: (1 + 2/log2(3) + 1/2) / (2 + 1/log2(3) + 1/2)
    swapped = (1 + 2 / math.log2(3) + 0.5) / (2 + 1 / math.log2(3) + 0.5)
    assert ndcg_at(["b", "a", "c"], JUDGED) == pytest.approx(swapped)
    assert swapped == pytest.approx(0.8821, abs=1e-4)


def test_ndcg_counts_only_the_first_k_and_unjudged_results_gain_nothing():
    # k = 2: x, a -> (0 + 2/log2(3)) / (2 + 1/log2(3))
    expected = (2 / math.log2(3)) / (2 + 1 / math.log2(3))
    assert ndcg_at(["x", "a", "b", "c"], JUDGED, k=2) == pytest.approx(expected)
    assert ndcg_at(["x", "y"], JUDGED) == 0.0
    assert ndcg_at(["a"], {}) == 0.0


def test_recall_is_capped_at_what_k_results_can_hold():
    assert recall_at(["a", "x", "c"], JUDGED, k=50) == pytest.approx(2 / 3)
    many = {f"i{n}": 1 for n in range(100)}
    assert recall_at([f"i{n}" for n in range(50)], many, k=50) == 1.0
    assert recall_at([f"i{n}" for n in range(25)] + ["x"] * 25, many, k=50) == 0.5
    assert recall_at(["b", "a", "c"], JUDGED, k=1) == 1.0


def test_reciprocal_rank_is_one_over_the_first_relevant_rank():
    assert reciprocal_rank(["x", "y", "b"], JUDGED) == pytest.approx(1 / 3)
    assert reciprocal_rank(["a"], JUDGED) == 1.0
    assert reciprocal_rank(["x", "y"], JUDGED) == 0.0
