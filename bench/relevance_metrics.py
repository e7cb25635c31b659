"""Ranking metrics of the relevance bench (issue 17), as the IR literature defines them.

A ranking is the image ids in the order the search returned them; judgements map the
relevant ids to a grade (2: the query is the image's subject, 1: present but minor);
anything unjudged is irrelevant. Written out here (a few lines each, definitions in the
docstrings) rather than taking a compiled dependency (pytrec_eval) or numba (ranx) into
the test environment for three sums.
"""

import math
from collections.abc import Mapping, Sequence


def dcg(gains: Sequence[float]) -> float:
    """Discounted cumulative gain with linear gains (trec_eval's ndcg): sum of
    gain_i / log2(i + 1) for the ranks i = 1, 2, …"""
    return sum(gain / math.log2(rank + 1) for rank, gain in enumerate(gains, start=1))


def ndcg_at(ranking: Sequence[str], judgements: Mapping[str, int], k: int = 10) -> float:
    """DCG of the first k results over the DCG of the best possible first k (the
    judgements sorted by grade); 0 when nothing is relevant."""
    ideal = dcg(sorted(judgements.values(), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([judgements.get(image_id, 0) for image_id in ranking[:k]]) / ideal


def recall_at(ranking: Sequence[str], judgements: Mapping[str, int], k: int = 50) -> float:
    """The share of the relevant images found in the first k, out of as many as k can
    hold (capped recall: a query with 200 relevant images scores 1 when all 50 are)."""
    relevant = {image_id for image_id, grade in judgements.items() if grade > 0}
    if not relevant:
        return 0.0
    return len(relevant.intersection(ranking[:k])) / min(len(relevant), k)


def reciprocal_rank(ranking: Sequence[str], judgements: Mapping[str, int]) -> float:
    """1 / the rank of the first relevant result (0 when none is); its mean is MRR."""
    for rank, image_id in enumerate(ranking, start=1):
        if judgements.get(image_id, 0) > 0:
            return 1 / rank
    return 0.0
