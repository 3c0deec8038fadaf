"""Consent rules after the persona round of session 36: the age buttons' words, corrections of an earlier
answer, a name respelt, a complaint after a name, questions at the withdrawal and the summary, a foster home."""
from __future__ import annotations

import pytest

from actions import consent_rules as rules


@pytest.mark.parametrize("text, under", [
    ("Ja, under 18 år", True), ("Nej, 18 år eller äldre", False), ("hon är 14, under 18", True),
    ("över 18", False), ("han har fyllt 18", False), ("17 år", True), ("18", False), ("ja", True),
])
def test_the_age_buttons_words_are_read_as_they_say(text, under):
    # "Ja, under 18 år" was read as the age 18 (persona round, session 36).
    assert rules.parse_under_adult_age(text) is under


@pytest.mark.parametrize("text, new, about_a_name, sure", [
    ("förlåt jag skrev fel mitt namn, det är Hassan med två s", "Hassan med två s", True, True),
    ("förlåt, jag skrev fel. det är Hassan med två s", "Hassan med två s", False, True),
    ("rättelse: Amina Hassan", "Amina Hassan", False, True),
    ("jag stavade fel på namnet", None, True, True),
    ("oj jag skrev fel", None, False, True),
    ("det ska vara Amina Hassan", "Amina Hassan", False, False),
])
def test_a_correction_of_an_earlier_answer_is_recognised(text, new, about_a_name, sure):
    assert rules.corrects_an_earlier_answer(text) == rules.EarlierAnswerCorrection(new, about_a_name, sure)


@pytest.mark.parametrize("text", ["han vill att det blir lugnare i skolan", "Barnet vill inte",
                                  "han säger att han skrev fel på provet", "hon tycker det är fel att ingen lyssnar",
                                  "/inform", ""])
def test_an_answer_is_no_correction(text):
    assert rules.corrects_an_earlier_answer(text) is None


NAMES = {"consent_guardian_1": "Amina Hasan", "consent_guardian_2": "Omar Hassan"}


@pytest.mark.parametrize("new, fixed", [
    ("Hassan med två s", ("consent_guardian_1", "Amina Hassan")),
    ("Hassan", ("consent_guardian_1", "Amina Hassan")),
    ("Amina Hassan", ("consent_guardian_1", "Amina Hassan")),
    ("Omar Hasan", ("consent_guardian_2", "Omar Hasan")),
    ("hasan med två s", None),  # the spelling and the word disagree
    ("lugnt i skolan", None),
    ("Lina Berg", None),
    ("Omar Hasan Ali", None),
    (None, None),
])
def test_a_name_is_corrected_only_when_it_is_clear_which_and_how(new, fixed):
    assert rules.corrected_name(new, NAMES) == fixed


def test_no_guess_between_two_names_spelt_alike():
    assert rules.corrected_name("Hassan med två s", {"consent_guardian_1": "Amina Hasan",
                                                     "consent_guardian_2": "Omar Hasan"}) is None
    # Another person's name is no respelling: the second name typed as "det ska vara Omar Hassan".
    assert rules.corrected_name("Omar Hassan", {"consent_guardian_1": "Amina Hasan"}) is None


@pytest.mark.parametrize("text, kept", [("Amina Hassan, jag skrev ju redan", "Amina Hassan"),
                                        ("Amina Hassan. jag har ju redan skrivit det", "Amina Hassan"),
                                        ("skolan, som jag sa", "skolan")])
def test_a_complaint_after_the_answer_is_dropped(text, kept):
    assert rules.without_complaint(text) == kept


@pytest.mark.parametrize("text, keeps", [
    ("avslutas sip om jag ger nytt samtycke direkt efter?", False),  # a question: answered, never a no
    ("nej?? jag vill inte ta tillbaka. jag vill göra nytt samtycke", True),
    ("jag vill ge samtycke", True),
])
def test_a_question_about_a_new_samtycke_keeps_nothing(text, keeps):
    assert rules.keeps_the_consent(text) is keeps


def test_whether_the_sip_ends_is_a_question_about_the_sip():
    assert rules.asks_if_the_sip_ends("men om jag tar tillbaka, slutar sip då? det står avslutas")
    assert not rules.asks_if_the_sip_ends("när slutar skolan?")


@pytest.mark.parametrize("text, asks", [
    ("får jag skriva pappans namn fast han inte sitter här? han sa ja i telefon igår", True),
    ("mamman sa ja i telefon, kan jag skriva in henne också", True),
    ("pappan vill inte, han säger nej", False),
    ("Omar Hassan", False),
])
def test_writing_in_the_other_guardian_is_recognised(text, asks):
    assert rules.asks_to_write_in_another_guardian(text) is asks


def test_a_question_naming_two_choices_names_both():
    asked = "det finns ingen knapp för vårdnadshavare. Kan Elin då trycka på 'Jag själv, den unga'?"
    assert rules.givers_named(asked) == {rules.GUARDIAN, rules.YOUNG_PERSON}
    # A bare "jag" is in most sentences, and names no giver here.
    assert rules.givers_named("jag ar pappa, maste hennes mamma ocksa godkanna?") == {rules.GUARDIAN}
