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


def test_every_resumable_form_is_in_the_domain(domain):
    from actions.form_pause import RESUMABLE_FORMS

    assert RESUMABLE_FORMS <= set(domain["forms"])
