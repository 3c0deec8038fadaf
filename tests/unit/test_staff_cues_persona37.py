"""Cues from the session 37 persona round (actions/staff_cues.py, knowledge/staff_roles.yml): a role with "ny"
before it at the start, those served at work spoken of as staff do ("eleven är 15"), and the role said back
in the staff welcome."""
from __future__ import annotations

import pytest
from rasa_sdk import Tracker

from actions.staff_cues import (named_role, said_they_are_staff, says_they_work_with_sip, speaks_of_those_they_serve,
                                without_the_role)


@pytest.mark.parametrize("text", [
    "hej, ny soc-sekr barn o unga i dals-ed. vad är en sip egentligen kort?",
    "ny socialsekreterare, vad är en sip?", "hej ny kurator på högstadiet", "nyanställd skolsköterska. vad är en sip?",
    "leg. psykolog på bup, vem kallar?",
])
def test_a_role_with_a_word_before_it_at_the_start_is_the_writers(text):
    assert says_they_work_with_sip(text)


@pytest.mark.parametrize("text", [
    # Not at the start, or a role that is someone else's.
    "vi har en ny kurator på skolan", "min nya mentor sa att jag skulle fråga", "ny här, vad är en sip?",
])
def test_a_new_role_that_is_someone_elses_is_not(text):
    assert not says_they_work_with_sip(text)


@pytest.mark.parametrize("text", [
    "eleven ar 15, racker det att hon samtycker eller maste foraldrarna ocksa", "patienten är 16, måste vh samtycka?",
    "klienten vill inte, vad gäller då?",
])
def test_those_served_at_work_are_recognised(text):
    assert speaks_of_those_they_serve(text)


@pytest.mark.parametrize("text", ["jag är elev", "min elevassistent", "måste barnet vara med?", "patientens journal",
                                  # A pupil also writes of the others (review, session 37).
                                  "får lärarna berätta för eleverna om min sip?", "Eleverna i åk 9, hur gör vi?"])
def test_other_words_are_not_those_served(text):
    assert not speaks_of_those_they_serve(text)


@pytest.mark.parametrize("text", ["barnet i min klass är 14", "min klient är 17", "vår klient har en sip"])
def test_a_teachers_or_a_social_workers_own_are_staff_words(text):
    assert says_they_work_with_sip(text)


def _tracker(*said: str) -> Tracker:
    events = [{"event": "user", "text": text, "parse_data": {"intent": {"name": "faq"}}} for text in said]
    return Tracker("someone", {}, events[-1]["parse_data"], events, False, None, {}, None)


@pytest.mark.parametrize("said, staff", [
    # Those served never make the writer staff for the conversation (review, session 37): only the
    # answer to the message that names them is worded for staff (serves_them_in_this_message).
    (["eleven ar 15, racker det att hon samtycker eller maste foraldrarna ocksa"], False),
    (["eleven ar 15, racker det att hon samtycker?", "och om hon inte vill?"], False),
    (["eleven"], False),
    # The young person is the pupil; a parent writes of their own child; said later, it counts over it.
    (["jag är eleven, måste mina föräldrar samtycka?"], False),
    (["min son är 15, skolan säger att eleven ska samtycka"], False),
    (["patienten är 16, vem samtycker?", "jag är inte personal, jag är 16"], False),
])
def test_those_served_never_make_the_writer_staff(said, staff):
    assert said_they_are_staff(_tracker(*said)) is staff


@pytest.mark.parametrize("text, role", [
    ("hej jag jobbar som kurator", "kurator"), ("Kurator här", "kurator"), ("BUP-läkare här", "BUP-läkare"),
    ("Hej! Jonas här, skolsköterska på en högstadieskola", "skolsköterska"), ("soc sekr. vem kallar?", "soc sekr"),
    ("hej, ny soc-sekr i dals-ed", "soc-sekr"), ("LSS-handläggare. vi har kallat BUP", "LSS-handläggare"),
    ("jag är ny rektor", "rektor"), ("vc-läkare här:", "vc-läkare"),
    # No role as a word to say back.
    ("jag är personal", None), ("jag jobbar på soc", None), ("handl. här", None), ("min sons lärare", None),
    ("jag är kuratorn", None), ("", None), (None, None),
])
def test_the_role_to_say_back_is_as_typed(text, role):
    assert named_role(text) == role


@pytest.mark.parametrize("text, rest", [
    ("ny socialsekreterare, vad är en sip?", "vad är en sip?"),
    ("hej, kurator här, vem kallar till mötet?", "vem kallar till mötet?"),
    # A comma that does not end the role, or no question after it.
    ("kurator här, vill kalla till sip", "kurator här, vill kalla till sip"),
    ("min son är 12, vem kallar till sip?", "min son är 12, vem kallar till sip?"),
])
def test_the_role_before_a_comma_is_left_out_of_the_question(text, rest):
    assert without_the_role(text) == rest
