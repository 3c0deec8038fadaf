"""A linear classifier over the articles: the third voice, beside the ResponseSelector and
the BM25 search, in choosing which article answers a question.

It learns from each article's title, example questions and answer sentences. Word lemmas
(with pairs of them) catch the wording, character n-grams of the text without å/ä/ö catch
typos and odd spellings. On the held-out questions it names the right article first more
often than the ResponseSelector does (docs/benchmarks.md). The action server trains it from
the articles when it starts (about two seconds), so it needs no model file and cannot drift
from the articles.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from actions.article_search import lemmas
from actions.knowledge_base import Article, articles
from bot.nlu.linear_text import LinearTextClassifier, Prepared, prepared

_SENTENCE_END = re.compile(r"(?<=[.?!])\s+|\n+")
_MIN_SENTENCE = 15  # characters; shorter bits ("Ja.", a heading) say little about the topic


def _prepare(text: str) -> Prepared:
    return prepared(text, lemmas(text))


def _training_texts(article: Article) -> list[str]:
    """The title, the example questions and each sentence of the answer: the answer's own
    words help when a question names a detail the examples do not (docs/training.md)."""
    answer = f"{article.short}\n{article.long or ''}"
    sentences = [s.strip() for s in _SENTENCE_END.split(answer) if len(s.strip()) >= _MIN_SENTENCE]
    return [article.title, *article.examples, *sentences]


class ArticleClassifier:
    def __init__(self, known: dict[str, Article]) -> None:
        texts, labels = [], []
        for article in known.values():
            for text in _training_texts(article):
                texts.append(_prepare(text))
                labels.append(article.id)
        # Scores that sum to 1, like the ResponseSelector's confidences, so the two weigh alike
        # when fused (actions/answer_choice.py).
        self._model = LinearTextClassifier(texts, labels)

    def scores(self, text: str, limit: int = 10) -> dict[str, float]:
        """The best `limit` articles with scores that sum to at most 1. None for a text without
        a word the articles use ("vad är det", "xyzzy plugh"): it says nothing about the topic,
        and the character n-grams alone would still pick some article with confidence."""
        texts = [_prepare(text)]
        words = self._model.known_words(texts) if texts[0][1] else None
        if words is None or words.nnz == 0:
            return {}
        weights = self._model.probabilities(texts, words)[0]
        best = np.argsort(-weights)[:limit]
        return {self._model.labels[i]: float(weights[i]) for i in best}


@lru_cache(maxsize=1)
def article_classifier() -> ArticleClassifier:
    return ArticleClassifier(articles())
