"""action_stopped: the preparation's pause, or a way back into the request and consent forms."""
from __future__ import annotations

import json

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.crisis_help import RESUME_PAYLOAD
from actions.form_pause import ActionStopped


def _stopped_in(form: str) -> list[dict]:
    """The events the generated rule leaves: the form was active, then deactivated."""
    return [{"event": "active_loop", "name": form}, {"event": "slot", "name": "requested_slot", "value": "x"},
            {"event": "action", "name": "action_deactivate_loop"}, {"event": "active_loop", "name": None}]


async def _run(tracker, domain):
    dispatcher = CollectingDispatcher()
    await ActionStopped().run(dispatcher, tracker, domain)
    return dispatcher.messages


@pytest.mark.parametrize("form", ["request_form", "consent_form", "consent_withdraw_form"])
async def test_a_paused_request_or_consent_can_go_on_where_it_was(tracker_for, domain, form):
    [message] = await _run(tracker_for("stop", text="pausa", events=_stopped_in(form)), domain)
    assert message["response"] == "utter_stopped_resumable"
    [button] = message["buttons"]
    assert button["title"] == "Fortsätt där jag var"
    assert json.loads(button["payload"].removeprefix(RESUME_PAYLOAD)) == {"form_name": form}


@pytest.mark.parametrize("events", [_stopped_in("preparation_form"), _stopped_in("case_access_form"), []])
async def test_other_pauses_get_the_plain_reply(tracker_for, domain, events):
    [message] = await _run(tracker_for("stop", text="avbryt", events=events), domain)
    assert message["response"] == "utter_stopped" and not message["buttons"]


@pytest.mark.parametrize("slots", [{"case_reference": None}, {"case_reference": "ACDE-FH34", "case_verified": True}])
async def test_a_pause_with_no_opened_case_says_nothing_is_saved(tracker_for, domain, case_store_env, slots):
    # "Det du har svarat är sparat under referens None", and under a deleted case's reference
    # (verification round, session 28).
    tracker = tracker_for("stop", text="avbryt", events=_stopped_in("case_access_form"),
                          slots={"prep_active": True, **slots})
    [message] = await _run(tracker, domain)
    assert message["response"] == "utter_stopped_nothing_saved"


def test_every_resumable_form_is_in_the_domain(domain):
    from actions.form_pause import RESUMABLE_FORMS

    assert RESUMABLE_FORMS <= set(domain["forms"])


@pytest.mark.parametrize("text, declined", [("vill inte", True), ("nej vill inte", True),
                                            ("vill inte fortsätta nu, jag orkar inte", False), ("pausa", False)])
async def test_a_short_refusal_at_the_personnummer_declines_it_and_the_request_goes_on(tracker_for, domain, text,
                                                                                       declined):
    # "vill inte" paused the request (verification round, session 28); the question offers "bara åldern".
    events = _stopped_in("request_form")
    events[1] = {"event": "slot", "name": "requested_slot", "value": "request_personnummer"}
    tracker = tracker_for("stop", text=text, events=events)
    dispatcher = CollectingDispatcher()
    returned = await ActionStopped().run(dispatcher, tracker, domain)
    if declined:
        assert [m.get("response") for m in dispatcher.messages] == ["utter_request_personnummer_declined"]
        assert {"event": "slot", "name": "request_personnummer", "value": "-", "timestamp": None} in returned
        assert returned[-1] == {"event": "followup", "name": "request_form", "timestamp": None}
    else:
        assert dispatcher.messages[0]["response"] == "utter_stopped_resumable"


async def test_a_stop_after_the_preparation_was_saved_says_it_stays_saved(tracker_for, domain, opened_case):
    # "ok tack. typ. orkar inte mer nu" after "Din förberedelse är klar och sparad" got "Inget av det du
    # skrev nu har sparats" (persona round, session 31).
    tracker = tracker_for("stop", text="orkar inte mer nu", events=_stopped_in("preparation_form"),
                          slots={"prep_active": False, "case_reference": opened_case.reference, "case_verified": True})
    [message] = await _run(tracker, domain)
    assert message["response"] == "utter_stopped_saved"
    assert "{case_reference}" in domain["responses"]["utter_stopped_saved"][0]["text"]


async def test_a_form_that_ended_earlier_was_not_stopped_now(tracker_for, domain):
    # The stop rule outside a form runs action_stopped too: a request sent turns ago is no paused one.
    events = [*_stopped_in("request_form")[:2], {"event": "active_loop", "name": None},
              {"event": "user", "text": "avbryt"}]
    [message] = await _run(tracker_for("stop", text="avbryt", events=events), domain)
    assert message["response"] == "utter_stopped"


# Persona round, Nova, 15, after deleting her case in the chat: "avbryt. jag raderade det. men kan jag ta upp
# att jag inte kan sova på sip mötet?" got "Inget av det du skrev nu har sparats." (the chat is kept) and the
# question was dropped.
NOVA = "avbryt. jag raderade det. men kan jag ta upp att jag inte kan sova på sip mötet?"
DELETED = [{"event": "bot", "text": "Klart.", "metadata": {"utter_action": "utter_delete_everything_done"}}]


def _answered(monkeypatch) -> list[str]:
    """The questions ActionAnswerQuestion is asked, as the text it sees; it says "answer" for each."""
    from actions import form_pause

    asked = []

    async def answer(self, dispatcher, tracker, domain):
        asked.append(tracker.latest_message["text"])
        dispatcher.utter_message(response="answer")
        return [{"event": "slot", "name": "last_article", "value": "x"}, {"event": "followup", "name": "x"}]

    monkeypatch.setattr(form_pause.ActionAnswerQuestion, "run", answer)
    return asked


async def test_a_stop_after_the_case_was_deleted_here_says_so_and_answers_the_question(tracker_for, domain,
                                                                                     monkeypatch):
    asked = _answered(monkeypatch)
    dispatcher = CollectingDispatcher()
    events = await ActionStopped().run(dispatcher, tracker_for("stop", text=NOVA, events=DELETED), domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_stopped_after_delete", "answer"]
    assert asked == ["kan jag ta upp att jag inte kan sova på sip mötet?"]
    assert events == [{"event": "slot", "name": "last_article", "value": "x"}]  # the stop ends what went on
    text = domain["responses"]["utter_stopped_after_delete"][0]["text"]
    assert "raderat" in text and "”Radera samtalet”" in text


async def test_the_stop_that_saved_nothing_no_longer_says_nothing_was_saved(tracker_for, domain, monkeypatch):
    asked = _answered(monkeypatch)
    [message] = await _run(tracker_for("stop", text="avbryt"), domain)
    assert message["response"] == "utter_stopped" and asked == []
    for name in ("utter_stopped", "utter_stopped_nothing_saved"):
        text = domain["responses"][name][-1]["text"]
        assert "Inget av det du skrev nu har sparats" not in text, name
        assert "inte sparats som svar" in text and "”Radera samtalet”" in text, name


@pytest.mark.parametrize("text, question", [
    (NOVA, "kan jag ta upp att jag inte kan sova på sip mötet?"),
    ("avbryt, vem ser mina svar", "vem ser mina svar"),
    ("vem ser mina svar? pausa", "vem ser mina svar"),
    ("avbryt", None), ("måste gå nu, lektion. pausa", None), ("kan jag pausa och fortsätta sen?", None),
    ("pausa. fast nej, jag fortsätter", None), ("orkar inte mer nu", None), ("", None)])
def test_the_question_typed_with_the_stop_command(text, question):
    from actions.form_pause import question_besides_the_stop

    assert question_besides_the_stop(text) == question


async def test_a_question_with_a_pause_in_a_form_is_answered_after_the_way_back(tracker_for, domain, monkeypatch):
    asked = _answered(monkeypatch)
    dispatcher = CollectingDispatcher()
    await ActionStopped().run(dispatcher, tracker_for("stop", text="pausa. vem ser mina svar?",
                                                      events=_stopped_in("consent_form")), domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_stopped_resumable", "answer"]
    assert asked == ["vem ser mina svar?"]
