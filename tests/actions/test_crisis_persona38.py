"""The crisis help after persona round 38. A district nurse who named self-harm as what a kallelse asks about got
112 and anmälningsplikt, and her question was lost; a mother's wish to delete what she wrote ("pappan hotar med
advokat och jag orkar inte just nu") got only the check-in with 112 first; Sara, 17, pushed into the SIP by her
mum, got "Är det bråttom, eller är någon i fara?" under the answer; a father's "…och inte brakar. och sover bra"
got "Om barnet inte mår bra…". Real Trackers, the real help.yml, domain and form validation; the real-danger
neighbours keep the help."""
from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker

import actions.preparation as preparation
from actions.check_in_answer import only_calm_wishes
from actions.crisis_help import (ActionCrisisCheckIn, ActionCrisisHelp, asks_to_refuse_the_sip, crisis_reply,
                                 danger_words_in, help_button, help_data, names_a_case_topic)
from actions.knowledge_base import articles
from tests.actions.test_crisis_persona35 import _run

MIRA_FIRST = "hej, ssk på vc. fått kallelse till sip för en 14åring vi aldrig träffat. måste vi gå?"
MIRA = ("frågan i kallelsen handlar om misstänkt adhd och självskada, det e ju egentligen bups fråga. "
        "kan vi bara skicka vidare till bup?")
JOHANNA = ("hej. jag har tänkt hela natten och jag tror jag vill ta bort allt jag skrivit här, både begäran och "
           "samtycket. pappan hotar med advokat och jag orkar inte just nu. går det? och vet skolan då att jag "
           "tagit bort det, och kan jag göra en ny senare?")
SARA = "men mamma har ju tvingat mig typ. kan jag säga nej till hela grejen"
AMIR = "att han har kompisar och inte brakar. och sover bra"
STAFF_ARTICLE = articles()[help_data()["staff_article"]].render(for_staff=True)
PAYLOAD = help_data()["button"]["payload"]


def _user(text: str, intent: str, article: str | None = None, confidence: float = 0.42) -> dict[str, Any]:
    parse_data: dict[str, Any] = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": []}
    if article:
        parse_data["response_selector"] = {"all_retrieval_intents": ["faq"], "faq": {
            "response": {"intent_response_key": f"faq/{article}"},
            "ranking": [{"id": 0, "confidence": confidence, "intent_response_key": f"faq/{article}"}]}}
    return {"event": "user", "text": text, "parse_data": parse_data}


def _tracker(latest: dict[str, Any], before: list[dict[str, Any]] | None = None, slots: dict[str, Any] | None = None,
             form: str | None = None) -> Tracker:
    events = []
    for event in [*(before or []), latest]:
        events += [{"event": "action", "name": "action_listen"}, event]
    return Tracker("test-user", dict(slots or {}), latest["parse_data"], events, False, None,
                   {"name": form} if form else {}, "action_listen")


def _texts(messages: list[dict[str, Any]]) -> list[str | None]:
    return [m.get("text") for m in messages]


# --------------------------------------------------------------------------- #
# 1. Staff naming what a kallelse or a remiss is about
# --------------------------------------------------------------------------- #

def _staff(text: str) -> Tracker:
    return _tracker(_user(text, "crisis", "sip_kallelse"), [_user(MIRA_FIRST, "faq")])


async def test_mira_gets_her_question_answered_and_one_line_of_help(domain):
    messages, _ = await _run(ActionCrisisHelp(), _staff(MIRA), domain)
    texts = _texts(messages)
    assert STAFF_ARTICLE not in "\n".join(t or "" for t in texts), texts
    # Her question first (the guided answer on a kallelse for a child not known there, or that article among
    # the choices), then 112 in one line with the help button.
    assert len(messages) == 2, messages
    assert "sip_enskilde_inte_kand" in str(messages[0]) or "Skyldigheten att delta" in messages[0]["text"], messages
    assert messages[-1]["text"] == help_data()["staff_reply"] and messages[-1]["buttons"] == [help_button()]


@pytest.mark.parametrize("text", [
    MIRA,
    "remissen gäller ätstörning. kan vc skicka den vidare till bup?",
    "kallelsen gäller självskada och skolfrånvaro, vem ska vara med på mötet?",
])
def test_a_case_topic_named_by_staff(text):
    assert names_a_case_topic(_staff(text)), text


@pytest.mark.parametrize("text", [
    "remissen gäller en tjej som vill dö. vad gör vi?",  # more than a topic word
    "kallelsen gäller självskada, eleven är i fara nu. vad gör vi?",  # urgent and danger words
    "frågan gäller självskada och pappa slår henne. vad gör vi?",
    "frågan gäller självskada. jag skär mig själv. vad ska jag göra?",  # the writer
    "min fråga handlar om självskada, vad ska jag göra?",  # the writer's own question
    "eleven har självskada. kan vi skicka vidare till bup?",  # no kallelse or remiss named
    "frågan i kallelsen handlar om självskada.",  # asks nothing
])
def test_other_staff_messages_keep_the_help(text):
    assert not names_a_case_topic(_staff(text)), text


async def test_a_young_person_naming_the_same_words_gets_the_full_help(domain):
    tracker = _tracker(_user(MIRA, "crisis", "sip_kallelse"))
    assert not names_a_case_topic(tracker)
    messages, _ = await _run(ActionCrisisHelp(), tracker, domain)
    assert messages[0]["text"] == crisis_reply()


async def test_a_staff_message_told_now_still_gets_112_and_anmalningsplikt(domain):
    messages, _ = await _run(ActionCrisisHelp(), _staff("kallelsen gäller självskada, hon skär sig nu. vad gör vi?"),
                             domain)
    assert messages[0]["text"].startswith(help_data()["staff_reply"]) and STAFF_ARTICLE in messages[0]["text"]


def test_the_button_gives_the_help_as_before():
    assert not names_a_case_topic(_tracker(_user(PAYLOAD, "crisis"), [_user(MIRA_FIRST, "faq"), _user(MIRA, "crisis")]))


# --------------------------------------------------------------------------- #
# 2. A wish to delete, with "hotar med advokat" and "orkar inte just nu"
# --------------------------------------------------------------------------- #

def _answered_as_a_deletion(message: dict[str, Any]) -> bool:
    """What action_delete_my_data says first (where and how to delete, or who is told: actions/delete_in_chat.py)."""
    return str(message.get("response") or "").startswith("utter_delete")


def test_a_lawyer_is_no_danger():
    assert not danger_words_in(JOHANNA)
    assert not danger_words_in("pappan hotar med att gå till domstol")


@pytest.mark.parametrize("text", [
    "pappan hotar med kniv",
    "pappan hotar med advokat och kniv",
    "han hotar barnen med stryk och advokat",  # "med" not right after the threat
    "han hotar oss",
])
def test_other_threats_are_still_danger_words(text):
    assert danger_words_in(text), text


async def test_johanna_gets_her_wish_and_no_112_first(domain):
    tracker = _tracker(_user(JOHANNA, "crisis_check_in", "samtycke_dra_tillbaka"))
    messages, _ = await _run(ActionCrisisCheckIn(), tracker, domain)
    assert help_data()["check_in_danger"] not in _texts(messages)
    # Not known to be a parent in this message: the check-in a young person gets FIRST, then the wish (review,
    # session 38: the wish came first for anyone).
    assert messages[0]["text"] == help_data()["check_in"] and messages[0]["buttons"] == [help_button()]
    assert _answered_as_a_deletion(messages[1]), messages


async def test_a_parent_gets_the_wish_and_a_short_kind_line(domain):
    tracker = _tracker(_user(JOHANNA, "crisis_check_in"), [_user("jag är mamma till en kille på 12", "inform")])
    messages, _ = await _run(ActionCrisisCheckIn(), tracker, domain)
    assert _answered_as_a_deletion(messages[0]), messages
    assert messages[-1]["text"] == help_data()["after_a_wish_guardian"] and messages[-1]["buttons"] == [help_button()]
    assert "112" not in messages[-1]["text"]


async def test_a_parents_wish_with_danger_words_keeps_112_first(domain):
    tracker = _tracker(_user("jag vill radera allt jag skrivit. pappan är farlig", "crisis_check_in"),
                       [_user("jag är mamma till en kille på 12", "inform")])
    messages, _ = await _run(ActionCrisisCheckIn(), tracker, domain)
    assert messages[0]["text"] == help_data()["check_in_guardian_danger"]
    assert _answered_as_a_deletion(messages[1]), messages


async def test_a_young_persons_wish_with_danger_words_keeps_112_first(domain):
    tracker = _tracker(_user("radera allt jag skrivit, jag är rädd för honom", "crisis_check_in"))
    messages, _ = await _run(ActionCrisisCheckIn(), tracker, domain)
    assert messages[0]["text"] == help_data()["check_in_danger"] and messages[0]["buttons"] == [help_button()]
    assert _answered_as_a_deletion(messages[1]), messages


async def test_staff_about_a_pupil_with_a_wish_keep_112_and_anmalningsplikt_first(domain):
    tracker = _tracker(_user("eleven säger att mamma dricker och inte vaknar. radera det jag skrev", "crisis_check_in"),
                       [_user(MIRA_FIRST, "faq")])
    messages, _ = await _run(ActionCrisisCheckIn(), tracker, domain)
    assert messages[0]["text"].startswith(help_data()["staff_reply"]) and STAFF_ARTICLE in messages[0]["text"]


async def test_a_wish_with_crisis_words_still_gets_the_full_help(domain):
    # The lexicon makes such a message `crisis`; the help comes first, then how to delete (as before).
    messages, _ = await _run(ActionCrisisHelp(), _tracker(_user("radera allt jag skrivit, jag vill dö", "crisis")),
                             domain)
    assert messages[0]["text"] == crisis_reply()


# --------------------------------------------------------------------------- #
# 3. Pushed into the SIP
# --------------------------------------------------------------------------- #

async def test_sara_gets_the_answer_and_then_the_line(domain):
    # Review, session 38: whether "mamma har ju tvingat mig" speaks of the SIP alone cannot be read from the
    # words; a parent forcing a young person keeps the one short line after the answer.
    tracker = _tracker(_user(SARA, "crisis_check_in", "samtycke_saknas", 0.52), [_user("asså vad är ens sip", "faq")])
    assert not asks_to_refuse_the_sip(SARA)
    messages, _ = await _run(ActionCrisisCheckIn(), tracker, domain)
    assert len(messages) >= 2 and help_data()["follow_up_help"] not in _texts(messages[:-1]), messages
    assert messages[-1]["text"] == help_data()["follow_up_help"] and messages[-1]["buttons"] == [help_button()]


@pytest.mark.parametrize("text", [
    "mamma tvingar mig och jag är rädd för henne. kan jag säga nej till sip?",
    "mamma tvingar mig, jag mår dåligt. kan jag säga nej till mötet?",
    "mamma har tvingat mig. kan jag säga nej?",  # to what is not said
])
def test_other_pushes_keep_the_line(text):
    assert not asks_to_refuse_the_sip(text), text


async def test_a_push_with_fear_keeps_the_help_line(domain):
    text = "mamma tvingar mig och jag är rädd för henne. kan jag säga nej till sip?"
    messages, _ = await _run(ActionCrisisCheckIn(), _tracker(_user(text, "crisis_check_in", "samtycke_saknas", 0.9)),
                             domain)
    assert messages[-1]["buttons"] == [help_button()]


# --------------------------------------------------------------------------- #
# 4. "inte brakar" is good news
# --------------------------------------------------------------------------- #

IMPORTANT = {"requested_slot": "prep_answer", "prep_step": "important_to_me", "prep_role": "for_barnet"}
CHECK_INS = {help_data()["check_in_in_form"], help_data()["check_in_in_form_guardian"]}


async def test_amirs_wish_is_kept_without_the_check_in(domain, case_store_env):
    tracker = _tracker(_user(AMIR, "crisis_check_in"), [{"event": "active_loop", "name": "preparation_form"}],
                       IMPORTANT, "preparation_form")
    messages, events = await _run(ActionCrisisCheckIn(), tracker, domain)
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert preparation.store().answers(slots["case_reference"])["important_to_me"] == AMIR
    assert not CHECK_INS & set(_texts(messages)), messages


@pytest.mark.parametrize("text", [
    "att han slutar skada sig och inte bråkar",
    "att han inte mår bra",
    "att han inte bråkar hemma",
    "att slippa bråk hemma",
    "att han har kompisar och inte är ledsen",
])
def test_other_wishes_keep_the_check_in(text):
    assert not only_calm_wishes("prep_answer", "important_to_me", text), text


def test_at_a_question_on_what_is_hard_it_keeps_the_check_in():
    assert only_calm_wishes("prep_answer", "important_to_me", AMIR)
    assert not only_calm_wishes("prep_answer", "hard_now", AMIR)


async def test_amirs_words_with_a_hurt_keep_the_check_in(domain, case_store_env):
    text = "att han slutar skada sig och inte bråkar"
    tracker = _tracker(_user(text, "crisis_check_in"), [{"event": "active_loop", "name": "preparation_form"}],
                       IMPORTANT, "preparation_form")
    messages, _ = await _run(ActionCrisisCheckIn(), tracker, domain)
    assert messages[-1]["text"] == help_data()["check_in_in_form_guardian"]


# --------------------------------------------------------------------------- #
# 5. Review of session 38
# --------------------------------------------------------------------------- #

SELF_ERASURE = ["jag vill radera mig själv", "jag vill sudda ut mig", "jag vill ta bort mig själv",
                "jag vill ta bort mig från jorden", "jag vill bara försvinna för alltid"]
PARENT_BEFORE = [_user("jag är mamma till en kille på 12", "inform")]


@pytest.mark.parametrize("text", SELF_ERASURE)
async def test_erasing_oneself_gets_the_crisis_help_and_no_deletion(domain, text):
    # "radera\w*" alone made these wishes to delete what was written; the lexicon heard nothing.
    messages, _ = await _run(ActionCrisisHelp(), _tracker(_user(text, "crisis")), domain)
    assert messages[0]["text"] == crisis_reply(), messages
    assert not any(_answered_as_a_deletion(m) for m in messages), messages


@pytest.mark.parametrize("before", [None, PARENT_BEFORE], ids=["young person", "parent"])
@pytest.mark.parametrize("text", SELF_ERASURE)
async def test_erasing_oneself_read_as_a_check_in_is_no_deletion(domain, text, before):
    messages, _ = await _run(ActionCrisisCheckIn(), _tracker(_user(text, "crisis_check_in"), before), domain)
    assert messages and not any(_answered_as_a_deletion(m) for m in messages), messages
    assert help_data()["after_a_wish_guardian"] not in _texts(messages)
    assert messages[-1]["buttons"] == [help_button()]


@pytest.mark.parametrize("text", ["jag vill radera mig själv", "jag vill sudda ut mig", "ta bort mig från jorden",
                                  "suddar bort mig", "jag tar bort mig själv"])
def test_the_writer_named_as_what_goes_is_no_wish_to_delete(text):
    from actions.answer_rules import deletes_themself, names_what_they_wrote_deleted, wants_everything_deleted

    assert deletes_themself(text)
    assert not names_what_they_wrote_deleted(text) and not wants_everything_deleted(text), text


@pytest.mark.parametrize("text", ["jag vill radera mig", "radera mig och allt jag skrivit",
                                  "ta bort mig och mina svar"])
def test_no_wish_first_with_the_writer_as_what_is_deleted(text):
    from actions.answer_rules import names_what_they_wrote_deleted

    assert not names_what_they_wrote_deleted(text), text


@pytest.mark.parametrize("text, named", [
    (JOHANNA, True),
    ("det känns jobbigt att jag har skrivit om min dotters självskada förra året. kan du radera allt jag har skrivit?",
     True),
    ("min son skär sig och jag skrev om det här innan, ångrar mig. hur tar jag bort det", True),
    ("radera mina uppgifter", True),
    ("kan du radera begäran", True),
    ("pappa tar alltid bort min mobil och det gör mig så ledsen", False),
    ("radera allt", False),  # names nothing written
    ("ta bort mig ur systemet", False),
])
def test_a_wish_that_names_what_was_written(text, named):
    from actions.answer_rules import names_what_they_wrote_deleted

    assert names_what_they_wrote_deleted(text) is named, text


MOBILE = "pappa tar alltid bort min mobil och det gör mig så ledsen"


@pytest.mark.parametrize("before", [None, PARENT_BEFORE], ids=["young person", "parent"])
async def test_a_phone_taken_away_is_no_wish_to_delete(domain, before):
    messages, _ = await _run(ActionCrisisCheckIn(), _tracker(_user(MOBILE, "crisis_check_in"), before), domain)
    assert messages and not any(_answered_as_a_deletion(m) for m in messages), messages
    assert messages[-1]["buttons"] == [help_button()]
    messages, _ = await _run(ActionCrisisHelp(), _tracker(_user(MOBILE, "crisis"), before), domain)
    assert not any(_answered_as_a_deletion(m) for m in messages), messages


async def test_staff_with_a_wish_get_the_line_first(domain):
    tracker = _tracker(_user("jag vill ta bort allt jag skrivit här. går det?", "crisis_check_in"),
                       [_user("hej, jag är LSS-handläggare i kommunen", "inform")])
    messages, _ = await _run(ActionCrisisCheckIn(), tracker, domain)
    assert messages[0]["text"] == help_data()["follow_up_help"] and messages[0]["buttons"] == [help_button()]
    assert _answered_as_a_deletion(messages[1]), messages


async def test_a_young_persons_wish_gets_the_check_in_first(domain):
    tracker = _tracker(_user("jag vill ta bort allt jag skrivit här, orkar inte just nu", "crisis_check_in"))
    messages, _ = await _run(ActionCrisisCheckIn(), tracker, domain)
    assert messages[0]["text"] == help_data()["check_in"] and messages[0]["buttons"] == [help_button()]
    assert _answered_as_a_deletion(messages[1]), messages


FORCED = "pappa tvingar mig till mötet, kan jag vägra mötet"


@pytest.mark.parametrize("text", [
    FORCED, SARA, "han tvingar mig. kan jag säga nej till sip?", "jag blir tvingad till mötet, kan jag vägra mötet",
    "skolan och mamma tvingar mig, kan jag vägra mötet",
])
def test_forced_by_a_person_or_no_one_named_keeps_the_line(text):
    assert not asks_to_refuse_the_sip(text), text


@pytest.mark.parametrize("text", ["skolan tvingar mig till mötet, kan jag vägra mötet",
                                  "mamma tjatar om mötet, kan jag vägra mötet",
                                  "kan jag säga nej till hela grejen"])
def test_forced_by_an_organisation_or_nagged_gets_the_answer_alone(text):
    assert asks_to_refuse_the_sip(text), text


async def test_a_child_forced_by_a_father_gets_the_answer_and_the_line(domain):
    tracker = _tracker(_user(FORCED, "crisis_check_in", "samtycke_saknas", 0.52), [_user("asså vad är ens sip", "faq")])
    messages, _ = await _run(ActionCrisisCheckIn(), tracker, domain)
    assert len(messages) >= 2, messages
    assert messages[-1]["text"] == help_data()["follow_up_help"] and messages[-1]["buttons"] == [help_button()]


@pytest.mark.parametrize("text", [
    "frågan gäller självmordsförsök. kan vi skicka vidare till bup?",
    "remissen gäller självmordstankar, kan vc skicka den vidare till bup?",
    "kallelsen gäller överdos. vem ska vara med på mötet?",
    "frågan gäller självskada och självmordsförsök. kan vi skicka vidare till bup?",
])
def test_suicide_and_overdose_are_no_case_topics(text):
    assert not names_a_case_topic(_staff(text)), text


async def test_staff_naming_a_suicide_attempt_get_112_and_anmalningsplikt(domain):
    text = "frågan gäller självmordsförsök. kan vi skicka vidare till bup?"
    messages, _ = await _run(ActionCrisisHelp(), _staff(text), domain)
    assert messages[0]["text"].startswith(help_data()["staff_reply"]) and STAFF_ARTICLE in messages[0]["text"]
