"""answer_detail: a question names what only an article's longer text says (the real spaCy lemmas)."""
from __future__ import annotations

import pytest

from actions.answer_detail import only_in_the_long_text
from actions.knowledge_base import articles


@pytest.mark.parametrize("article_id, question, named", [
    ("sip_kopia_av_planen", "hur gör ni med protokollet i dals-ed?", {"protokoll"}),
    ("sip_kopia_av_planen", "skickas det ett svarskuvert med?", {"svarskuvert"}),
])
def test_words_only_the_long_text_has_are_found(article_id, question, named):
    assert named <= only_in_the_long_text(question, articles()[article_id])


@pytest.mark.parametrize("article_id, question", [
    ("sip_kopia_av_planen", "får alla en kopia av planen"),  # the short answer says it
    ("sip_kopia_av_planen", "vad händer på mötet"),  # words too common to point anywhere
    ("sip_kopia_av_planen", ""),
])
def test_questions_the_short_answer_covers_name_nothing(article_id, question):
    assert only_in_the_long_text(question, articles()[article_id]) == set()


def test_both_texts_are_rendered_short_first_and_the_full_source_last():
    article = articles()["sip_kopia_av_planen"]
    text = article.render(both=True)
    assert text.index(article.short.strip()) < text.index(article.long.strip())
    assert text.endswith(f"Källa: {article.source.strip()}")
