"""Who gets which short answer (Article.short_for; persona round, session 36: Adam, 19, got "du och dina
vårdnadshavare"), the ages that make a young adult (answer_rules), and questions about a word with the word
first ("men samordnad vad e de")."""
from __future__ import annotations

import re

import pytest
import yaml

from actions.answer_rules import a_young_adult, as_a_word_question, meaning_clauses, own_ages
from actions.knowledge_base import Article, KnowledgeError, MIN_EXAMPLES, load_articles


def _article(**overrides) -> Article:
    fields = dict(id="a", title="A", audience=("ung", "vardnadshavare", "personal"),
                  short="Du och dina vårdnadshavare.", source="Källan", seed="001", examples=(),
                  staff_short="Barnet och vårdnadshavarna.",
                  adult_short="Du och de du vill ha med.")
    return Article(**{**fields, **overrides})


def test_a_young_adult_gets_the_adult_wording_and_everyone_else_theirs():
    article = _article()
    assert article.short_for(for_adult=True) == "Du och de du vill ha med."
    assert article.short_for() == "Du och dina vårdnadshavare."
    assert article.short_for(for_staff=True) == "Barnet och vårdnadshavarna."
    # Staff wording first: someone who works with SIP and said their age gets the professional text.
    assert article.short_for(for_staff=True, for_adult=True) == "Barnet och vårdnadshavarna."
    assert article.render(for_adult=True).startswith("Du och de du vill ha med.\nKälla:")


def test_without_an_adult_wording_the_young_adult_gets_the_short():
    assert _article(adult_short=None).short_for(for_adult=True) == "Du och dina vårdnadshavare."


def test_the_longer_text_is_the_same_for_a_young_adult():
    article = _article(long="Längre text.")
    assert article.render(detailed=True, for_adult=True) == article.render(detailed=True)


@pytest.fixture(scope="module")
def real_articles():
    return load_articles()


@pytest.mark.parametrize("article_id", ["sip_vilka_deltar", "sip_vem_kan_fa", "samtycke_vem_ger"])
def test_the_articles_that_speak_of_guardians_or_age_have_an_adult_wording(real_articles, article_id):
    assert real_articles[article_id].adult_short


def test_no_adult_wording_speaks_of_the_readers_guardians(real_articles):
    for article in real_articles.values():
        if article.adult_short:
            assert not re.search(r"vårdnadshavar", article.adult_short, re.I), article.id
            assert "ung" in article.audience, article.id


def test_the_adult_wording_says_what_happens_at_21(real_articles):
    # "vad händer när jag fyller 21 då, försvinner planen typ?" got 150 words without an answer.
    assert "21" in real_articles["sip_vem_kan_fa"].adult_short
    assert "21" in real_articles["sip_vem_kan_fa"].long


def test_an_adult_wording_in_an_article_not_for_young_people_is_refused(tmp_path):
    data = {"id": "test_artikel", "title": "T", "audience": ["personal"], "short": "Kort.", "adult_short": "Vuxen.",
            "source": "Testkälla", "seed": "001", "examples": [f"fråga {i}" for i in range(MIN_EXAMPLES)]}
    (tmp_path / "test_artikel.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(KnowledgeError, match="adult_short"):
        load_articles(tmp_path)


@pytest.mark.parametrize("text, ages", [
    ("aa men jag e 19, e jag för gammal för sånt?", [19]), ("Jag är 20 år", [20]), ("ja e 18", [18]),
    ("min son är 19", []), ("jag är 20 min sen", []), ("jag är 1 av 3", []), ("", [])])
def test_the_writers_own_age(text, ages):
    assert own_ages(text) == ages


@pytest.mark.parametrize("ages, expected", [([19], True), ([18, 20], True), ([17], False), ([13], False),
                                            ([17, 19], False), ([21], False), ([], False)])
def test_a_young_adult_is_18_to_20_by_every_age_given(ages, expected):
    assert a_young_adult(ages) is expected


@pytest.mark.parametrize("clause, question", [
    ("men samordnad vad e de", "vad är samordnad"), ("huvudman vad betyder det", "vad är huvudman"),
    ("asså delaktighet vad är det egentligen", "vad är delaktighet"),
    # Anything else as it is.
    ("vad betyder samordnad", "vad betyder samordnad"), ("skolan vad gör de", "skolan vad gör de")])
def test_a_word_asked_about_with_the_word_first(clause, question):
    assert as_a_word_question(clause) == question


def test_each_clause_is_read_for_a_word_question():
    assert meaning_clauses("för långt. vad e huvudman") == ["för långt", " vad e huvudman"]
