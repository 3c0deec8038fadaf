"""The article classifier (actions/article_classifier.py), trained on the real articles."""
from __future__ import annotations

import pytest

from actions.article_classifier import ArticleClassifier, article_classifier
from actions.knowledge_base import articles


def first(text: str) -> str:
    scores = article_classifier().scores(text)
    return max(scores, key=scores.get)


@pytest.mark.parametrize("text, article", [
    ("kan jag dra tillbaka mitt samtycke", "samtycke_dra_tillbaka"),
    ("kan jag dra tilbaka mitt samtyke", "samtycke_dra_tillbaka"),  # typos
    ("hur lange galler ett samtycke", "samtycke_hur_lange"),  # without å/ä/ö
    ("VAD ÄR EN SAMORDNAD INDIVIDUELL PLAN", "sip_vad_ar"),
])
def test_plain_misspelt_and_unaccented_questions_find_their_article(text, article):
    assert first(text) == article


def test_scores_are_a_ranking_that_sums_to_at_most_one():
    scores = article_classifier().scores("vem ska leda sip-mötet", limit=5)
    assert len(scores) == 5
    assert set(scores) <= set(articles())
    values = list(scores.values())
    assert values == sorted(values, reverse=True)
    assert all(0.0 <= v <= 1.0 for v in values) and sum(values) <= 1.0 + 1e-9


@pytest.mark.parametrize("text", ["", "vad är det", "?!", "och så", "xyzzy plugh zork", "blorp fnarg"])
def test_a_text_without_a_word_the_articles_use_has_no_opinion(text):
    assert article_classifier().scores(text) == {}


def test_training_twice_gives_the_same_scores():
    question = "vilka ska vara med på mötet"
    assert ArticleClassifier(articles()).scores(question) == article_classifier().scores(question)


def test_it_only_knows_the_articles_it_was_trained_on():
    known = {k: v for k, v in articles().items() if k.startswith("samtycke_")}
    scores = ArticleClassifier(known).scores("vad är en sip", limit=100)
    assert scores and set(scores) <= set(known)
