"""Which article to answer with: the ResponseSelector and the BM25 search vote.

Measured on the held-out questions (docs/benchmarks.md): when both put the same article
first, or their combined score puts one article clearly ahead, the first article is right
about nine times in ten, so the bot answers; otherwise it offers the best few as
"Menade du…?" buttons instead of guessing.
"""
from __future__ import annotations

from dataclasses import dataclass

BM25_WEIGHT = 0.5  # BM25 scores are scaled to 0–1 by the best hit, then weighted
CLEAR_LEAD = 0.3  # combined-score lead over the runner-up that is enough to answer


@dataclass(frozen=True)
class Choice:
    answer: str | None
    suggestions: tuple[str, ...]


def _best(scores: dict[str, float]) -> str | None:
    return max(scores, key=scores.get) if scores else None


def fused_scores(selector: dict[str, float], search: dict[str, float]) -> list[tuple[str, float]]:
    """(article id, score), best first: selector confidence plus weighted, scaled BM25 score."""
    top = max(search.values(), default=0.0) or 1.0
    combined = {a: selector.get(a, 0.0) + BM25_WEIGHT * search.get(a, 0.0) / top for a in {*selector, *search}}
    return sorted(combined.items(), key=lambda item: (-item[1], item[0]))


def fuse(selector: dict[str, float], search: dict[str, float]) -> list[str]:
    return [article for article, _ in fused_scores(selector, search)]


def choose(selector: dict[str, float], search: dict[str, float], suggestions: int = 3) -> Choice:
    ranked = fused_scores(selector, search)
    if not ranked:
        return Choice(None, ())
    best = _best(selector)
    if best is not None and best == _best(search):
        return Choice(best, ())
    lead = ranked[0][1] - (ranked[1][1] if len(ranked) > 1 else 0.0)
    if lead >= CLEAR_LEAD:
        return Choice(ranked[0][0], ())
    return Choice(None, tuple(article for article, _ in ranked[:suggestions]))
