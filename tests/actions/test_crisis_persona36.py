"""The check-in after persona round 36: Leo, 13, "orkar inte skolan. alla e dumma mot mig" outside any form
got 112 first and "skriv din fråga igen med andra ord"; the help behind the button said "Tryck på knappen
igen" under "Behöver du hjälp nu?"; a foster parent's preparation answer and a 19-year-old's samtycke limit
about his parents got the in-form check-in from the intent classifier alone. Real Trackers, the real
domain, form validation and case store."""
from __future__ import annotations

import re

from typing import Any

import pytest
from rasa_sdk import Tracker

import actions.consent  # noqa: F401 - registers validate_consent_form
import actions.preparation as preparation
from actions.crisis_help import ActionCrisisCheckIn, ActionCrisisHelp, crisis_reply, gentle_reply, help_data
from actions.safety.crisis_detector import CrisisLexicon
from tests.actions.test_crisis_persona35 import _run, _tracker

PAYLOAD = help_data()["button"]["payload"]
LEO = "orkar inte skolan. alla e dumma mot mig"
BIRGITTA = "Elin säger: att lärarna vet vad BUP har sagt så att jag slipper förklara allt igen"
ADAM = "inget om min familj, dom ska inte kontakta mina föräldrar"
# As the model ranked Birgitta's and Adam's answers: FallbackClassifier unsure, crisis just above 0.5.
UNSURE = [{"name": "nlu_fallback", "confidence": 0.55}, {"name": "crisis", "confidence": 0.53},
          {"name": "faq", "confidence": 0.16}]
SURE = [{"name": "crisis", "confidence": 0.88}, {"name": "insult", "confidence": 0.08}]


def _user(text: str, intent: str = "crisis_check_in", ranking: list | None = None) -> dict[str, Any]:
    return {"event": "user", "text": text,
            "parse_data": {"text": text, "intent": {"name": intent, "confidence": 1.0},
                           "intent_ranking": ranking if ranking is not None else SURE, "entities": []}}




def _help_buttons(messages) -> list[dict]:
    return [b for m in messages for b in m.get("buttons") or [] if b.get("payload") == PAYLOAD]


# --------------------------------------------------------------------------- #
# 1. The check-in outside a form: kind and calm, 112 only with danger words
# --------------------------------------------------------------------------- #

def test_leos_message_has_no_crisis_words():
    # So the check-in came from the intent classifier alone.
    assert CrisisLexicon.from_yaml().detect(LEO) is None


async def test_leo_13_gets_a_kind_check_in_with_whom_to_talk_to(domain):
    messages, _ = await _run(ActionCrisisCheckIn(), _tracker([_user(LEO)]), domain)
    [message] = messages
    text = message["text"]
    assert text.startswith("Tack för att du berättar")  # something kind first
    assert "vuxen som du litar på" in text and "skolsköterskan" in text and "kuratorn" in text
    assert "med andra ord" not in text and "?" not in text
    assert _112_only_last(text)
    assert [b["payload"] for b in message["buttons"]] == [PAYLOAD]


def _112_only_last(text: str) -> bool:
    """The emergency number stays for a real crisis the lexicon missed, but calmly: in the last sentence only."""
    sentences = [s for s in re.split(r"(?<=[.!])\s+", text.strip()) if s]
    return "112" in sentences[-1] and not any("112" in s for s in sentences[:-1])


@pytest.mark.parametrize("text", ["det är farligt hemma", "han hotar att ta min mobil"])
async def test_danger_words_keep_112_in_the_check_in(domain, text):
    assert CrisisLexicon.from_yaml().detect(text) is None
    messages, _ = await _run(ActionCrisisCheckIn(), _tracker([_user(text)]), domain)
    assert "ring 112" in messages[0]["text"] and messages[0]["text"] != help_data()["check_in"]
    assert [b["payload"] for b in messages[0]["buttons"]] == [PAYLOAD]


async def test_a_parent_gets_a_check_in_about_the_child_without_112(domain):
    events = [_user("jag är mamma till en kille på 12", "inform"), _user("han har ont i magen varje morgon")]
    messages, _ = await _run(ActionCrisisCheckIn(), _tracker(events), domain)
    text = messages[0]["text"]
    assert "barnet" in text and "1177" in text and _112_only_last(text) and "du har det bra" not in text


async def test_a_parent_with_danger_words_gets_112(domain):
    events = [_user("jag är pappa till en tjej på 9", "inform"), _user("hon säger att det är farligt hemma hos pappa")]
    messages, _ = await _run(ActionCrisisCheckIn(), _tracker(events), domain)
    assert "barnet" in messages[0]["text"] and "ring 112" in messages[0]["text"]


async def test_someone_19_gets_a_check_in_written_to_an_adult(domain):
    events = [_user("jag är 19 och har det jobbigt med allt", "inform"), _user("alla e dumma mot mig")]
    messages, _ = await _run(ActionCrisisCheckIn(), _tracker(events), domain)
    text = messages[0]["text"]
    assert "1177" in text and "skolan" not in text and "vuxen" not in text and _112_only_last(text)
    assert text != help_data()["check_in"]


# --------------------------------------------------------------------------- #
# 2. The gentle help behind the button: its own button, not "Tryck på knappen igen"
# --------------------------------------------------------------------------- #

def _pressed_under_the_check_in() -> list[dict[str, Any]]:
    return [_user(LEO), {"event": "action", "name": "action_crisis_check_in"},
            {"event": "bot", "text": help_data()["check_in"],
             "data": {"buttons": [{"title": help_data()["button"]["title"], "payload": PAYLOAD}]}},
            {"event": "action", "name": "action_listen"}, _user(PAYLOAD, "crisis")]


async def test_the_gentle_help_names_its_own_button_for_more(domain):
    messages, _ = await _run(ActionCrisisHelp(), _tracker(_pressed_under_the_check_in()), domain)
    [message] = messages
    assert message["text"].startswith(gentle_reply())
    [button] = message["buttons"]
    assert button["payload"] == PAYLOAD and button["title"] != help_data()["button"]["title"]
    assert f"”{button['title']}”" in message["text"] and "igen" not in message["text"].split("\n")[-1]


async def test_its_button_then_gives_the_full_reply(domain):
    first, _ = await _run(ActionCrisisHelp(), _tracker(_pressed_under_the_check_in()), domain)
    events = [*_pressed_under_the_check_in(), {"event": "action", "name": "action_crisis_help"},
              {"event": "bot", "text": first[0]["text"], "data": {"buttons": first[0]["buttons"]}},
              {"event": "action", "name": "action_listen"}, _user(PAYLOAD, "crisis")]
    messages, _ = await _run(ActionCrisisHelp(), _tracker(events), domain)
    assert messages[0]["text"] == crisis_reply()


# --------------------------------------------------------------------------- #
# 3. Ordinary form answers: no check-in from an unsure classifier or on a family limit
# --------------------------------------------------------------------------- #

FOSTER_PARENT = {"requested_slot": "prep_answer", "prep_step": "important_to_me", "prep_role": "med_barnet"}


def _preparation(text: str, ranking: list, step: str = "important_to_me") -> Tracker:
    return _tracker([_user("Jag är familjehemsförälder och fyller i tillsammans med Elin", "inform"),
                     {"event": "active_loop", "name": "preparation_form"}, _user(text, ranking=ranking)],
                    {**FOSTER_PARENT, "prep_step": step}, "preparation_form")


async def test_birgittas_answer_is_kept_without_the_check_in(domain, case_store_env):
    messages, events = await _run(ActionCrisisCheckIn(), _preparation(BIRGITTA, UNSURE), domain)
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    # Saved without "Elin säger: " (a foster parent relaying the child; verification round, session 36).
    assert preparation.store().answers(slots["case_reference"])["important_to_me"] == BIRGITTA.split(": ", 1)[1]
    assert not _help_buttons(messages)
    texts = [m.get("text") for m in messages]
    assert help_data()["check_in_in_form_guardian"] not in texts and help_data()["check_in_in_form"] not in texts


@pytest.mark.parametrize("text, ranking, step", [
    (BIRGITTA, SURE, "important_to_me"),  # the classifier was sure
    ("pappa dricker varje kväll", UNSURE, "hard_now"),  # a question about what is hard
    ("att hon slipper vara ledsen hela tiden", UNSURE, "important_to_me"),  # a feeling
    ("att ingen slår henne mer", UNSURE, "important_to_me"),  # a danger word
])
async def test_other_answers_still_get_the_check_in(domain, case_store_env, text, ranking, step):
    messages, _ = await _run(ActionCrisisCheckIn(), _preparation(text, ranking, step), domain)
    # A heavy feeling gets the preparation's own "Tack för att du berättar det" with the help button
    # instead of a second thanks (verification round, session 36); either way the help is one tap away.
    heard = [m for m in messages if str(m.get("response") or "").startswith("utter_prep_heard_you")]
    if heard:
        [variant] = domain["responses"][heard[0]["response"]]
        assert [b["payload"] for b in variant["buttons"]] == [PAYLOAD]
    else:
        assert messages[-1]["text"] == help_data()["check_in_in_form_guardian"] and _help_buttons(messages)


ADULT_LIMIT = {"consent_under_18": "nej", "consent_giver": "ung", "requested_slot": "consent_must_not_share"}


def _limit(text: str, ranking: list) -> Tracker:
    return _tracker([_user("jag vill ge samtycke nu", "give_consent"), {"event": "active_loop", "name": "consent_form"},
                     _user(text, ranking=ranking)], ADULT_LIMIT, "consent_form")


@pytest.mark.parametrize("text, ranking", [
    (ADAM, UNSURE),
    ("inget om min familj", SURE),  # the model was sure of this one (0.64): the limit is what counts
    ("dom ska inte ringa morsan", SURE),
])
async def test_a_samtycke_limit_about_the_family_is_kept_without_the_check_in(domain, text, ranking):
    messages, events = await _run(ActionCrisisCheckIn(), _limit(text, ranking), domain)
    # Kept as the answer (the form's validation words it as a limit) and the form goes on.
    assert any(e.get("event") == "slot" and e.get("name") == "consent_must_not_share" and e.get("value")
               for e in events)
    assert not _help_buttons(messages) and help_data()["check_in_in_form"] not in [m.get("text") for m in messages]


@pytest.mark.parametrize("text", [
    "mamma får inte veta att pappa dricker",
    "inget om pappa, jag är rädd för honom",
    "inget om min familj, de bråkar hela tiden",
])
async def test_a_limit_that_tells_more_still_gets_the_check_in(domain, text):
    messages, _ = await _run(ActionCrisisCheckIn(), _limit(text, SURE), domain)
    assert messages[-1]["text"] == help_data()["check_in_in_form"]
    assert [b["payload"] for b in messages[-1]["buttons"]] == [PAYLOAD]
