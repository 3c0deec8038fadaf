"""The shared yes and no words (knowledge/yes_no_words.yml) count the same at every question."""
from __future__ import annotations

import pytest
import yaml

from actions import consent_rules, request_rules
from actions.preparation_flow import parse_offer
from actions.yes_no import ACKNOWLEDGEMENTS, NO, YES, YES_NO_FILE, says_only_yes

_DATA = yaml.safe_load(YES_NO_FILE.read_text(encoding="utf-8"))


def test_the_file_is_read_as_words_not_as_yaml_booleans():
    # A bare yes or no in YAML is a boolean; every entry must stay a word.
    for key in ("yes_words", "no_words", "acknowledgements"):
        assert _DATA[key] and all(isinstance(word, str) for word in _DATA[key]), key
    assert {"ja", "jada", "yes"} <= YES and {"nej", "na", "no"} <= NO and {"ok", "okej"} <= ACKNOWLEDGEMENTS
    assert not YES & NO and not (YES | NO) & ACKNOWLEDGEMENTS


@pytest.mark.parametrize("word", sorted(_DATA["yes_words"]))
def test_a_yes_word_is_yes_at_every_question(word):
    assert consent_rules.parse_yes_no(word) is True
    assert consent_rules.parse_confirmation(f"{word}, ta tillbaka") is True
    assert parse_offer(f"{word} tack") is True
    assert request_rules.confirms(f"{word} skicka")


@pytest.mark.parametrize("word", sorted(_DATA["no_words"]))
def test_a_no_word_is_no_at_every_question(word):
    assert consent_rules.parse_yes_no(word) is False
    assert consent_rules.parse_confirmation(f"{word} behåll") is False
    assert parse_offer(word) is False
    assert not request_rules.confirms(word)


@pytest.mark.parametrize("word", sorted(_DATA["acknowledgements"]))
def test_an_acknowledgement_is_yes_alone_and_filler_before_an_answer(word):
    assert consent_rules.parse_yes_no(word) is True
    assert consent_rules.parse_confirmation(f"{word} nej behåll") is False
    assert parse_offer(word) is True


@pytest.mark.parametrize("text", ["ja men vänta", "jag har ångrat mig", "ja, fast ändra numret", "ja fast jag vill tänka lite"])
def test_a_yes_taken_back_is_no_yes(text):
    assert consent_rules.parse_confirmation(text) is not True
    assert not request_rules.confirms(text)


@pytest.mark.parametrize("text", ["ja men", "okej då men", "mm men"])
def test_a_strict_yes_goes_on_to_no_but(text):
    # A samtycke's summary records a legal consent: "ja men" was a yes there (review of session 39). An offer
    # still takes it.
    assert says_only_yes(text) and not says_only_yes(text, strict=True)


@pytest.mark.parametrize("text", ["ja", "okej då", "ja tack", "jaaa"])
def test_a_strict_yes_is_still_a_yes(text):
    assert says_only_yes(text, strict=True)
