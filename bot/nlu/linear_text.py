"""A linear classifier over short Swedish texts: word lemmas (with pairs of them) catch the
wording, character n-grams of the text without å/ä/ö catch typos and odd spellings.

Shared by the article classifier (actions/article_classifier.py) and the intent classifier
(bot/components/linear_intent_classifier.py). On the held-out sets it generalises better than
DIET and the ResponseSelector trained on the same examples (docs/training.md), and it trains in
seconds.
"""
from __future__ import annotations

from collections import Counter
from typing import Sequence

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from bot.nlu.text import fold

Prepared = tuple[str, tuple[str, ...]]  # (folded text, lemmas)


def prepared(text: str, lemmas: Sequence[str]) -> Prepared:
    return fold(text), tuple(lemmas)


def _lemmas_and_pairs(text: Prepared) -> list[str]:
    words = list(text[1])
    return words + [f"{a}_{b}" for a, b in zip(words, words[1:])]


def _folded(text: Prepared) -> str:
    return text[0]


class LinearTextClassifier:
    """`balanced` weighs each label by the inverse of its number of examples, so that labels
    with a few dozen examples are not drowned by one with thousands (the intents beside `faq`).
    `temperature` sharpens the margins into probabilities that sum to 1."""

    def __init__(self, texts: list[Prepared], labels: list[str], balanced: bool = False,
                 temperature: float = 5.0) -> None:
        self._words = TfidfVectorizer(analyzer=_lemmas_and_pairs, sublinear_tf=True)
        self._characters = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), preprocessor=_folded,
                                           lowercase=False, sublinear_tf=True, min_df=2)
        counts = Counter(labels)
        weights = ({label: len(labels) / (len(counts) * n) for label, n in counts.items()}
                   if balanced else None)
        self._svm = LinearSVC(C=1.0, class_weight=weights, random_state=0)
        self._svm.fit(hstack([self._words.fit_transform(texts), self._characters.fit_transform(texts)]).tocsr(),
                      labels)
        self.labels: list[str] = list(self._svm.classes_)
        self._temperature = temperature

    def known_words(self, texts: list[Prepared]) -> csr_matrix:
        return self._words.transform(texts)

    def features(self, texts: list[Prepared], words: csr_matrix | None = None) -> csr_matrix:
        """One row per text; a row without any entry shares no word or n-gram with the training texts."""
        words = self.known_words(texts) if words is None else words
        return hstack([words, self._characters.transform(texts)]).tocsr()

    def probabilities(self, texts: list[Prepared], words: csr_matrix | None = None,
                      features: csr_matrix | None = None) -> np.ndarray:
        """One row per text, in the order of `labels`, each summing to 1."""
        features = self.features(texts, words) if features is None else features
        margins = self._svm.decision_function(features)
        if margins.ndim == 1:  # two labels: one margin per text, for the second label
            margins = np.column_stack([-margins, margins])
        weights = np.exp(self._temperature * (margins - margins.max(axis=1, keepdims=True)))
        return weights / weights.sum(axis=1, keepdims=True)
