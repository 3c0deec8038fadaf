"""The crisis help after verification round 36: Noah, 20, who said "jag e 20" earlier, got the adult
check-in and then, behind its button, help ending "Det är rätt att berätta. Är du orolig för en kompis?",
lines written for a child. Real Trackers and the real help.yml."""
from __future__ import annotations

import re

import pytest

from actions.crisis_help import (ActionCrisisCheckIn, ActionCrisisHelp, adult_reply, crisis_reply, help_button,
                                 help_data, known_to_be_an_adult)
from tests.actions.test_crisis_persona35 import _run, _tracker, _user

PAYLOAD = help_data()["button"]["payload"]
NOAH = "allt e skit just nu orkar inte"
# Words written for a child: a grown-up to tell, Bris (under 18), the reassurance to tell, a friend to worry for.
CHILDS_WORDS = ("vuxen", "Bris", "116 111", "under 18", "rätt att berätta", "kompis")


def test_the_adult_reply_has_no_lines_written_for_a_child():
    text = adult_reply()
    for words in CHILDS_WORDS:
        assert words.lower() not in text.lower(), words
    # Worry for someone else still has a place to go, and the only question is the one about danger.
    assert "orolig för någon annan" in text
    assert re.findall(r"[^.!?\n]*\?", text) == ["Är du i fara just nu?"]


def test_the_young_persons_reply_keeps_its_lines():
    assert "Berätta också för en vuxen" in crisis_reply() and "kompis" in crisis_reply()


async def test_noah_20_pressing_the_button_under_his_check_in_gets_the_adult_help(domain):
    said = [_user("hej asså vad e sip", "faq"), _user("e jag för gammal, jag e 20", "nlu_fallback"),
            _user(NOAH, "crisis_check_in")]
    messages, _ = await _run(ActionCrisisCheckIn(), _tracker(said), domain)
    assert messages[0]["text"] == help_data()["check_in_adult"]

    events = [*said, {"event": "action", "name": "action_crisis_check_in"},
              {"event": "bot", "text": help_data()["check_in_adult"], "data": {"buttons": [help_button()]}},
              {"event": "action", "name": "action_listen"}, _user(PAYLOAD)]
    assert known_to_be_an_adult(_tracker(events))
    messages, _ = await _run(ActionCrisisHelp(), _tracker(events), domain)
    help_text = messages[0]["text"]
    assert help_text == adult_reply()
    for words in CHILDS_WORDS:
        assert words.lower() not in help_text.lower(), words


@pytest.mark.parametrize("said", [["jag e 20"], ["jag är 19"]])
async def test_a_second_press_stays_the_adult_help(domain, said):
    events = [*[_user(t, "inform") for t in said], _user(NOAH, "crisis_check_in"),
              {"event": "action", "name": "action_crisis_help"}, {"event": "action", "name": "action_listen"},
              _user(PAYLOAD)]
    messages, _ = await _run(ActionCrisisHelp(), _tracker(events), domain)
    assert "kompis" not in messages[0]["text"] and "Bris" not in messages[0]["text"]
