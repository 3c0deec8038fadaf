"""The preparation's own words explained (knowledge/preparation/words.yml, preparation_flow.word_help)."""
from __future__ import annotations

import re

import pytest
import yaml

from actions import preparation_flow as flow
from actions.knowledge_base import articles
from actions.settings import ROOT

WORDS = yaml.safe_load(flow.WORDS_FILE.read_text(encoding="utf-8"))["words"]


def _folded_words(texts) -> set[str]:
    return {word for text in texts for word in flow._words(text)}


def _preparation_texts() -> list[str]:
    """What the preparation says: its questions, buttons and titles, the school list, and its responses."""
    texts: list[str] = []
    for q in flow.questions():
        texts += [*q.ask.values(), *q.buttons, q.title, q.guardian_title or ""]
    school = flow.school()
    texts += [school["heading"], *school["items"], *school["ask"].values(), *school["offer"].values()]
    for name in ("preparation.yml", "conversation.yml"):
        responses = yaml.safe_load((ROOT / "bot" / "domain" / name).read_text(encoding="utf-8"))["responses"]
        texts += [variant.get("text") or "" for key, variants in responses.items()
                  if name == "preparation.yml" or key == "utter_who_sees_answers" for variant in variants]
    return texts


@pytest.mark.parametrize("text, start", [
    # The persona testers' own messages.
    ("va menas klarar", "Att klara något betyder"), ("vad betyder verksamhet", "En verksamhet är"),
    ("vad är elevhälsan", "Elevhälsan är"), ("va e stödperson", "En stödperson är"),
    ("vad är talsyntes", "Talsyntes är"),
    # Other ways to ask.
    ("vad menas med muntliga prov", "Muntligt betyder"), ("va e redovisa", "Att redovisa betyder"),
    ("hä va betyder klarar?", "Att klara något"), ("vad är en stödperson egentligen", "En stödperson är"),
    ("VAD BETYDER TALSYNTES", "Talsyntes är"), ("vad menas med fungerar bra?", "Att något fungerar bra")])
def test_a_word_of_the_preparation_is_explained(text, start):
    helped = flow.word_help(text)
    assert helped is not None and helped.explanation.startswith(start) and helped.article is None


@pytest.mark.parametrize("text, article", [
    ("vad betyder mål", "sip_mal"), ("va e insats", "sip_insats"), ("vad är insatser", "sip_insats"),
    ("vad är elevhälsoteamet", "dalsed_elevhalsoteam"), ("vad e bup?", "dalsed_bup"), ("vad är sip", "sip_vad_ar")])
def test_a_word_an_article_explains_gets_the_article(text, article):
    assert flow.word_help(text) == flow.WordHelp(flow.word_help(text).word, article=article)


@pytest.mark.parametrize("text", [
    "va e tolk",  # the material is silent on it: not_in_sources.yml answers it
    "vad är jobbigt i skolan", "vad betyder det", "vad menar du", "klarar mig själv", "att ha en stödperson",
    "vad menas med klarar? jag klarar att cykla till skolan och att laga mat själv och mycket mer"])
def test_anything_else_is_no_word_to_explain(text):
    assert flow.word_help(text) is None


def test_the_words_asked_for_are_explained():
    for word in ("klarar", "verksamhet", "elevhälsan", "elevhälsoteam", "stödperson", "talsyntes", "redovisa", "mål",
                 "insats"):
        assert flow.word_help(f"vad betyder {word}") is not None, word


def _article_texts() -> list[str]:
    """What the articles say: "samordnad individuell plan", "huvudmännen", "vårdnadshavare" (words.yml is
    used outside the preparation too; persona round, session 36)."""
    return [text or "" for a in articles().values() for text in (a.title, a.short, a.long, a.staff_short, a.adult_short)]


def test_every_explained_word_is_one_the_bot_itself_uses():
    used = _folded_words(_preparation_texts()) | _folded_words(_article_texts())
    for entry in WORDS:
        if "explanation" in entry:
            assert {flow._fold(form) for form in entry["words"]} & used, entry["words"]


def test_explanations_are_short_and_articles_exist():
    for entry in WORDS:
        # Both: the explanation outside the preparation, with the article as a button (words.yml's header).
        assert "explanation" in entry or "article" in entry, entry["words"]
        if "article" in entry:
            assert entry["article"] in articles(), entry["article"]
        if "explanation" not in entry:
            continue
        text = entry["explanation"]
        assert len(text) <= 160 and len(re.findall(r"[.!?](?:\s|$)", text)) <= 2, text


def test_an_explanation_that_says_something_about_an_organisation_names_its_source():
    organisations = {"elevhälsan", "socialtjänsten", "vårdcentralen", "vården", "skolsköterskan"}
    for entry in WORDS:
        if organisations & set(entry["words"]):
            assert entry.get("seed") in {"001", "002", "004"} and entry.get("source"), entry["words"]


def test_a_word_explained_is_not_asked_again_in_simpler_words():
    # The question's usual wording follows an explanation (action_ask_prep_answer); "vad menar du" still
    # gets the simpler one.
    question = flow.question("can_do_myself")
    assert flow.asks_what_we_mean("va menas klarar", question) and flow.word_help("va menas klarar") is not None
    assert flow.asks_what_we_mean("vad menar du", question) and flow.word_help("vad menar du") is None
