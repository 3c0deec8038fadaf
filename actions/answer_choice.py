"""Which article to answer with: the ResponseSelector, the BM25 search and the article
classifier vote.

Each voice gives article scores from 0 to 1 (BM25 scaled by its best hit and weighted by
half, since alone it is the weakest); their sum ranks the articles. The bot answers when
every voice that has an opinion puts the same article first, or when the first article
leads clearly; otherwise it offers the best few as "Menade du…?" buttons instead of
guessing. Measured on the held-out questions (docs/benchmarks.md): answered directly about
five times in six, and then with the right article about 19 times in 20.
"""
from __future__ import annotations

from dataclasses import dataclass

# Intents of a question the bot answers from the articles by its words (data/rules.yml).
FREE_QUESTION_INTENTS = frozenset({"faq", "nlu_fallback"})

BM25_WEIGHT = 0.5
# Lead of the first article over the runner-up, as a share of the total weight of the
# voices that spoke, that is enough to answer without agreement.
CLEAR_LEAD = 0.2
# A voice that speaks alone answers only when it is more sure of its first article than of all the
# others together.
ALONE_AT_LEAST = 0.5


# "Menade du…?" buttons offered when the bot is unsure.
SUGGESTIONS = 3


@dataclass(frozen=True)
class Votes:
    selector: dict[str, float]  # ResponseSelector confidences
    search: dict[str, float]  # raw BM25 scores
    classifier: dict[str, float]  # article classifier, summing to at most 1


def on_topic(votes: Votes, prefix: str) -> Votes:
    """The same votes, for the articles whose id starts with prefix only."""
    def keep(scores: dict[str, float]) -> dict[str, float]:
        return {article: score for article, score in scores.items() if article.startswith(prefix)}
    return Votes(keep(votes.selector), keep(votes.search), keep(votes.classifier))


@dataclass(frozen=True)
class Choice:
    answer: str | None
    suggestions: tuple[str, ...]


def _best(scores: dict[str, float]) -> str | None:
    return max(scores, key=scores.get) if scores else None


def _weighted(votes: Votes) -> list[tuple[dict[str, float], float]]:
    top = max(votes.search.values(), default=0.0) or 1.0
    search = {a: s / top for a, s in votes.search.items()}
    return [(votes.selector, 1.0), (search, BM25_WEIGHT), (votes.classifier, 1.0)]


def fused_scores(votes: Votes) -> list[tuple[str, float]]:
    """(article id, score), best first."""
    combined: dict[str, float] = {}
    for scores, weight in _weighted(votes):
        for article, score in scores.items():
            combined[article] = combined.get(article, 0.0) + weight * score
    return sorted(combined.items(), key=lambda item: (-item[1], item[0]))


def fuse(votes: Votes) -> list[str]:
    return [article for article, _ in fused_scores(votes)]


def choose(votes: Votes, suggestions: int = SUGGESTIONS) -> Choice:
    ranked = fused_scores(votes)
    if not ranked:
        return Choice(None, ())
    spoke = [(scores, weight) for scores, weight in _weighted(votes) if scores]
    if len(spoke) == 1 and ranked[0][1] < ALONE_AT_LEAST * spoke[0][1]:
        # No word of the message is in any article and the classifier has nothing to go on: the
        # ResponseSelector alone answered "xyzzy plugh zork" with an article at 0.30 against 0.09.
        # Its guesses there are arbitrary ("asdfgh", "?????"), so none are offered as buttons.
        return Choice(None, ())
    if len(spoke) > 1 and all(_best(scores) == ranked[0][0] for scores, _ in spoke):
        return Choice(ranked[0][0], ())
    lead = ranked[0][1] - (ranked[1][1] if len(ranked) > 1 else 0.0)
    if lead >= CLEAR_LEAD * sum(weight for _, weight in spoke):
        return Choice(ranked[0][0], ())
    return Choice(None, tuple(article for article, _ in ranked[:suggestions]))
