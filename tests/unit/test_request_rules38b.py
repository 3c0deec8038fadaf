"""The request's rules after the persona round of session 38: a question about the other guardian at any
question of the form, an interpreter needed said in any answer, and LSS at "Vem märkte först…?"."""
from __future__ import annotations

import pytest

from actions import request_rules as r

# --- the other guardian ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "vänta. måste hans pappa också godkänna innan ni skickar det här? jag vill inte att det blir bråk",
    "ni? jag kan bara svara för mig själv, pappan har inte gett något samtycke. räcker det med mitt?",
    "måste vi båda säga ja?", "får hans mamma veta?", "ringer skolan pappan?",
    "måste den andra vårdnadshavaren skriva under?",
])
def test_questions_about_the_other_guardian(text):
    assert r.asks_about_the_other_guardian(text)


@pytest.mark.parametrize("text", [
    "Elias Lindqvist", "vem ser det här?", "båda, räcker det?", "hans pappa måste också godkänna",
    "jag är mamma, pappan har också vårdnaden", "kan jag skriva bara förnamnet?",
])
def test_other_messages_ask_nothing_about_the_other_guardian(text):
    assert not r.asks_about_the_other_guardian(text)


# --- an interpreter --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, language", [
    ("sms. och jag behover tolk arabiska", "arabiska"),
    ("pappa behover arabisk tolk pa motet", "arabiska"),
    ("var star tolk? jag skrev jag behover arabisk tolk", "arabiska"),
    ("tolk på somaliska", "somaliska"), ("jag vill ha en persisktalande tolk", "persiska"),
    ("jag behöver teckenspråkstolk", "teckenspråk"), ("sms och tolk arabiska", "arabiska"),
    ("Amir Haddad, jag behöver tolk", None), ("tolk", None),
])
def test_an_interpreter_needed(text, language):
    assert r.interpreter_said(text) == r.Interpreter(True, language)


@pytest.mark.parametrize("text", ["kan vi få tolk?", "min svenska ar inte bra. maste jag ta med tolk till motet?",
                                  "han har svårt med tolkning av text", "sms", "var står tolk?"])
def test_a_question_or_another_word_states_no_need(text):
    assert r.interpreter_said(text) is None


@pytest.mark.parametrize("text", ["vi behöver ingen tolk", "behöver inte tolk längre", "det går utan tolk"])
def test_no_interpreter_needed(text):
    assert r.interpreter_said(text) == r.Interpreter(False)


@pytest.mark.parametrize("text, rest", [
    ("sms. och jag behover tolk arabiska", "sms."), ("sms och tolk arabiska", "sms"),
    ("Amir Haddad, jag behöver tolk", "Amir Haddad"), ("jag behöver tolk", ""),
])
def test_the_rest_of_the_message_is_the_answer(text, rest):
    assert r.without_the_interpreter(text) == rest


def test_where_it_is_written_is_asked():
    assert r.asks_where_the_interpreter_is("var star tolk? jag skrev jag behover arabisk tolk")
    assert not r.asks_where_the_interpreter_is("kan vi få tolk?")


def test_the_line_and_the_needs_text():
    line = r.interpreter_line(r.Interpreter(True, "arabiska"))
    assert line == "Familjen behöver tolk på arabiska" and r.interpreter_line(r.Interpreter(True)) == "Familjen behöver tolk"
    assert r.interpreter_line(r.Interpreter(False)) is None and r.interpreter_line(None) is None
    assert r.with_interpreter("Han mår dåligt", line) == "Han mår dåligt. Familjen behöver tolk på arabiska"
    assert r.with_interpreter("Han mår dåligt!", line) == "Han mår dåligt! Familjen behöver tolk på arabiska"
    assert r.with_interpreter(None, line) == line
    # Said in the needs in their own words: not added twice.
    assert r.with_interpreter("pappa behöver tolk", line) == "pappa behöver tolk"
    assert r.with_interpreter("Han mår dåligt", None) == "Han mår dåligt"


# --- LSS -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["lss-handläggaren", "LSS", "hans lss handläggare"])
def test_lss_is_socialtjanst_and_named(text):
    assert r.parse_noticed_by(text, r.UNG) == r.SOCIALTJANST and r.names_lss(text)


def test_the_socialtjanst_button_names_no_lss():
    assert not r.names_lss("Socialtjänst")


# --- the word "tolk" itself (review of session 38) ----------------------------------------------------------
# Any short clause with "\w*tolk" counted: "Emma Stolk" at the name question was dropped and "Familjen behöver tolk" added.

@pytest.mark.parametrize("text", ["Emma Stolk", "Stolk", "emma stolk", "Familjen Stolk"])
def test_a_name_ending_in_tolk_is_no_interpreter(text):
    assert r.interpreter_said(text) is None and r.without_the_interpreter(text) == text
    assert r.with_interpreter(f"{text} behöver stöd", "Familjen behöver tolk") == f"{text} behöver stöd. Familjen behöver tolk"


@pytest.mark.parametrize("text, language", [
    ("tolk", None), ("behöver tolken", None), ("vi behöver tolkar", None), ("tolkhjälp", None),
    ("jag behöver språktolk", None), ("jag behöver teckenspråkstolk", "teckenspråk"), ("arabisk tolk", "arabiska"),
    ("behöver arabisktolk", "arabiska"), ("jag behöver dari-tolk", "dari"), ("telefontolk", None),
    ("jag behöver rumänsk tolk", "rumänska"),  # a language from knowledge/request_words.yml, folded
])
def test_the_word_tolk_and_its_compounds_still_count(text, language):
    assert r.interpreter_said(text) == r.Interpreter(True, language)


def test_the_word_lists_come_from_the_knowledge_file():
    words = r.yaml.safe_load(r.REQUEST_WORDS_FILE.read_text(encoding="utf-8"))
    assert r._LANGUAGES == {r.fold(stem): name for stem, name in words["interpreter_languages"].items()}
    assert r._AROUND_A_YES == {r.fold(word) for word in words["around_a_yes"]}
    assert {"ar", "sager", "pa", "da"} <= r._AROUND_A_YES  # "är", "säger", "på", "då" folded
