"""Lemma-based BM25 search over the knowledge articles.

Backs up the ResponseSelector when it is unsure: the same spaCy pipeline Rasa uses gives
lemmas (and spellings without å/ä/ö), so "samtycket", "samtycken" and "samtyke" meet the
article's "samtycke".
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import spacy
from rank_bm25 import BM25Okapi

from actions.knowledge_base import Article, articles
from actions.settings import ROOT
from bot.nlu.function_words import FUNCTION_WORDS
from bot.nlu.text import fold


@lru_cache(maxsize=1)
def spacy_pipeline():
    """The project's spaCy pipeline (lemmas), loaded once per process."""
    path = Path(os.environ.get("SIP_SPACY_PIPELINE", ROOT / "var" / "spacy" / "sv_sip"))
    return spacy.load(path, exclude=["entity_ruler"])


def lemmas(text: str) -> list[str]:
    tokens = []
    for token in spacy_pipeline()(text.lower()):
        if token.is_punct or token.is_space:
            continue
        lemma = fold(token.lemma_ or token.text)
        if lemma not in FUNCTION_WORDS and len(lemma) > 1:
            tokens.append(lemma)
    return tokens


def _document(article: Article) -> list[str]:
    text = " ".join([article.title, article.short, article.long or "", *article.examples])
    return lemmas(text)


class ArticleSearch:
    def __init__(self, known: dict[str, Article]) -> None:
        self._ids = list(known)
        self._bm25 = BM25Okapi([_document(known[i]) for i in self._ids])

    def search(self, text: str, limit: int = 3) -> list[tuple[str, float]]:
        query = lemmas(text)
        if not query:
            return []
        scores = self._bm25.get_scores(query)
        ranked = sorted(zip(self._ids, scores), key=lambda pair: pair[1], reverse=True)
        return [(article_id, float(score)) for article_id, score in ranked[:limit] if score > 0]


@lru_cache(maxsize=1)
def article_search() -> ArticleSearch:
    return ArticleSearch(articles())
