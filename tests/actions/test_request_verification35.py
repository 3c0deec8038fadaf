"""The SIP request after the verification round of session 35: when the organisation gets in touch, and what to
do when nobody has, asked after sending."""
from __future__ import annotations

import dataclasses

import pytest
from rasa_sdk.executor import CollectingDispatcher

import actions.request as request
from actions import request_rules as rules
from actions.casestore import request_store
from tests.actions.test_request import _filled

ASKED = ["när hör skolan av sig?", "när ringer skolan mig?", "hur lang tid innan dom kontaktar mig",
         "om ingen hor av sig pa 2 veckor, vad gor jag?", "skolan har inte hört av sig än"]


def _bot_said(response: str) -> dict:
    return {"event": "bot", "text": "…", "metadata": {"utter_action": response}, "timestamp": None}


def _sent(tracker_for, text, **slots):
    case = request.store().create_case()
    data = request.request_data(tracker_for(slots=_filled(**slots)))
    request_store.save_request(request.store(), case.reference, data)
    tracker = tracker_for("faq", text=text, slots={"case_reference": case.reference, "case_verified": True},
                          events=[_bot_said("utter_request_saved")])
    return tracker, case.reference


@pytest.mark.parametrize("text", ASKED)
async def test_when_they_get_in_touch_after_sending_is_answered(tracker_for, domain, case_store_env, text):
    # They got nothing useful.
    tracker, reference = _sent(tracker_for, text)
    dispatcher = CollectingDispatcher()
    assert request.told_who_calls_after_sending(dispatcher, tracker)
    [message] = dispatcher.messages
    assert message["response"] == "utter_request_when_they_call"
    assert message["organisation"] == rules.organisation_name("bup") and message["reference"] == reference
    assert message["phone"] == ""  # knowledge/organisations.yml has no number for it


def test_the_answer_says_only_what_the_material_says_and_whom_to_contact(domain):
    [variant] = domain["responses"]["utter_request_when_they_call"]
    text = variant["text"]
    assert "hör av sig till dig för ett förmöte" in text and "säger inte hur snabbt" in text
    assert "helst inom 3 veckor" in text and "Har ingen hört av sig? Kontakta då {organisation}" in text
    assert "{reference}" in text and "{phone}" in text and "Källa:" in text and "Vem kallar?" in text


async def test_a_number_in_the_directory_is_given(tracker_for, domain, case_store_env, monkeypatch):
    found = rules.organisation("bup")
    monkeypatch.setattr(rules, "organisation", lambda org_id: dataclasses.replace(found, phone="0521-123 45"))
    tracker, _ = _sent(tracker_for, "när ringer bup?")
    dispatcher = CollectingDispatcher()
    assert request.told_who_calls_after_sending(dispatcher, tracker)
    assert dispatcher.messages[0]["phone"] == "\nTelefon: 0521-123 45"


async def test_with_skyddad_identitet_it_is_their_own_call(tracker_for, domain, case_store_env):
    tracker, _ = _sent(tracker_for, "när hör dom av sig?", request_contact_name="skyddad",
                       request_contact_phone="skyddad", request_contact_preference="skyddad")
    dispatcher = CollectingDispatcher()
    assert request.told_who_calls_after_sending(dispatcher, tracker)
    assert dispatcher.messages[0]["response"] == "utter_request_who_calls_protected"


@pytest.mark.parametrize("text", ASKED)
async def test_without_a_request_sent_here_the_articles_answer(tracker_for, domain, case_store_env, text):
    assert not request.told_who_calls_after_sending(CollectingDispatcher(), tracker_for("faq", text=text))


@pytest.mark.parametrize("text", ["när ska jag ringa dom?", "när kan man kontakta skolan", "när är mötet?",
                                  "hur lång tid tar en sip?", "jag vill inte att de ringer", "ring inte efter 16",
                                  "när kallar man till sip?"])
async def test_other_questions_after_sending_are_not_taken_for_it(tracker_for, domain, case_store_env, text):
    tracker, _ = _sent(tracker_for, text)
    assert not request.told_who_calls_after_sending(CollectingDispatcher(), tracker)


async def test_the_answer_action_says_it(tracker_for, domain, case_store_env):
    from actions.answer_question import ActionAnswerQuestion

    tracker, _ = _sent(tracker_for, "när hör skolan av sig?")
    dispatcher = CollectingDispatcher()
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert [m.get("response") for m in dispatcher.messages] == ["utter_request_when_they_call"]
