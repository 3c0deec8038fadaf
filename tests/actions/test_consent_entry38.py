"""Starting and withdrawing a samtycke after the persona round of session 38: an LSS-handläggare hands the chat
to the 19-year-old beside him (lars-2), a father withdraws a samtycke he and his wife gave together (amir-2,
amir-3), and "jag vill stoppa samtycke. hur gör jag" is a wish, not a question (amir-3)."""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import consent as consent_actions
from actions.casestore import consents as consent_store
from actions.casestore.consents import Giver, NewConsent, PartyRecord
from actions.consent import (ActionAskConsentWithdrawConfirmed, ActionStartConsent, ActionWithdrawConsent,
                             ActionWithdrawConsentDone, ValidateConsentWithdrawForm, answer_instead,
                             staff_fill_in_for_the_family, wished_consent_action)
from actions.staff_cues import said_they_are_staff, says_the_family_writes_now
from actions.store_access import case_store

TODAY = consent_actions.today()
STAFF = "jag e hans lss-handläggare, han sitter bredvid mig"
HANDED_OVER = "det e jonas själv som skriver nu, jag vill ge mitt samtycke"


def _user(text: str, intent: str = "nlu_fallback") -> dict[str, Any]:
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}, "entities": [], "text": text}}


def _slot(name: str, value: Any) -> dict[str, Any]:
    return {"event": "slot", "name": name, "value": value}


def _tracker(text: str, intent: str = "nlu_fallback", before: list[dict] = (), slots: dict | None = None,
             active_loop: dict | None = None) -> Tracker:
    """A tracker in the order Rasa keeps it: the earlier events, then the latest message."""
    latest = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": []}
    return Tracker(sender_id="test-user", slots=dict(slots or {}), latest_message=latest,
                   events=[*before, {"event": "user", "text": text, "parse_data": latest}], paused=False,
                   followup_action=None, active_loop=active_loop or {}, latest_action_name="action_listen")


async def _run(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain)
    return [m.get("response") for m in dispatcher.messages], events, dispatcher.messages


def _followups(events) -> list[str]:
    return [e["name"] for e in events if e.get("event") == "followup"]


# The request form as lars-2 went through it: the staff message at "Vem är du?", then "jag själv".
REQUEST_AS_THE_YOUNG_PERSON = [
    _slot("requested_slot", "request_role"), _user(STAFF), _slot("request_role", STAFF), _slot("request_role", None),
    _user("jag själv", "inform"), _slot("request_role", "jag själv"), _slot("request_role", "ung"),
    _user("Jonas Berg"), _user("lss-handläggaren"), _user("jag vill ge samtycke nu", "give_consent"),
    _user("ja skicka", "affirm"), _slot("request_role", None),
    {"event": "bot", "text": "Nu kan du lämna samtycket.", "metadata": {"utter_action": "utter_request_offer_consent"}},
]


# --- 1. the young person (or a guardian) takes over from staff --------------------------------------------

def test_the_requests_role_answered_after_the_staff_message_makes_the_writer_the_family():
    assert said_they_are_staff(_tracker("/give_consent", "give_consent", REQUEST_AS_THE_YOUNG_PERSON)) is False
    # Staff who never handed over stay staff.
    assert said_they_are_staff(_tracker("/give_consent", "give_consent", [_user(STAFF)])) is True
    # A role answered before staff said who they are does not take it back.
    assert said_they_are_staff(_tracker("ok", "affirm", [_slot("request_role", "ung"), _user(STAFF)])) is True


def test_saying_the_young_person_writes_now_takes_the_staff_role_back():
    assert said_they_are_staff(_tracker(HANDED_OVER, "give_consent", [_user(STAFF)])) is False
    assert said_they_are_staff(_tracker("ok", "affirm", [_user(STAFF), _user("nu skriver jag, jonas")])) is False
    for text in ("nu skriver jag, jonas", "nu är det mamma som skriver", "Det är Jonas som skriver nu.",
                 "han skriver själv nu"):
        assert says_the_family_writes_now(text), text
    # Staff at work, or staff saying they write.
    for text in ("det är jag som skriver", "nu skriver jag kallelsen, vad ska stå i den?",
                 "jag skriver en kallelse nu"):
        assert not says_the_family_writes_now(text), text


async def test_the_offered_button_starts_the_form_for_the_young_person_after_staff_spoke(domain, case_store_env):
    # lars-2: "Lämna samtycke", offered after his own request, got "Därför kan jag inte ta emot ett samtycke
    # här åt familjen… Familjen kan själv lämna sitt samtycke här i chatten, med 'Lämna samtycke'".
    for text in ("/give_consent", "Lämna samtycke"):
        responses, events, _ = await _run(ActionStartConsent(), _tracker(text, "give_consent",
                                                                        REQUEST_AS_THE_YOUNG_PERSON), domain)
        assert responses == ["utter_consent_intro"], text
        assert _followups(events) == ["consent_form"]


async def test_the_young_person_saying_he_writes_now_starts_the_form(domain, case_store_env):
    # "det e jonas själv som skriver nu, jag vill ge mitt samtycke" got "Menade du…?".
    responses, events, _ = await _run(ActionStartConsent(), _tracker(HANDED_OVER, "give_consent", [_user(STAFF)]),
                                      domain)
    assert responses == ["utter_consent_intro"] and _followups(events) == ["consent_form"]


async def test_staff_who_did_not_hand_over_are_still_told_the_family_gives_it(domain, case_store_env):
    responses, events, _ = await _run(ActionStartConsent(), _tracker("/give_consent", "give_consent", [_user(STAFF)]),
                                      domain)
    assert responses == ["utter_consent_staff_family_gives_it"] and _followups(events) == ["action_listen"]


def test_the_started_form_is_not_ended_as_staff_filling_in_for_the_family():
    # The form checks who answers (validate_consent_form): the handover before it counts there too.
    before = [_user(STAFF), _user(HANDED_OVER, "give_consent"), {"event": "active_loop", "name": "consent_form"},
              _slot("requested_slot", "consent_under_18")]
    tracker = _tracker("nej", "deny", before, slots={"requested_slot": "consent_under_18"},
                       active_loop={"name": "consent_form"})
    assert staff_fill_in_for_the_family(tracker) is False


# --- 2. a samtycke two guardians gave together --------------------------------------------------------------

def _both_parents_case() -> tuple[str, dict]:
    reference = case_store().create_case().reference
    consent_store.record_consent(case_store(), reference, NewConsent(
        under_adult_age=True, givers=[Giver("vardnadshavare", name="Amir Haddad"),
                                      Giver("vardnadshavare", name="Leila Haddad")],
        parties=[PartyRecord("BUP", "bup"), PartyRecord("Hagaskolan", "skola")], may_share="Skolgång",
        valid_from=TODAY, valid_to=TODAY + timedelta(days=365), form="skriftligt"))
    return reference, {"case_reference": reference, "case_verified": True}


def _withdrawal(slots: dict, **more) -> dict:
    return {**slots, "consent_withdraw_which": "1", "requested_slot": "consent_withdraw_confirmed", **more}


async def test_the_withdrawal_says_the_samtycke_is_both_parents_and_asks_for_both(domain, opened_case):
    # amir-2: "Om du tar tillbaka samtycke 1 …" said nothing of Leila, and "ja" took it back for both.
    _, slots = _both_parents_case()
    responses, _, messages = await _run(ActionAskConsentWithdrawConfirmed(), _tracker("1", "inform", [],
                                                                                     _withdrawal(slots)), domain)
    assert responses == ["utter_consent_withdraw_given_by_both", "utter_ask_consent_withdraw_confirmed_both"]
    assert messages[0]["consent"] == "Samtycke 1" and messages[0]["givers"] == "Amir Haddad och Leila Haddad"
    # Said once: when the question comes again after an answer, only the question.
    said = [{"event": "action", "name": "action_withdraw_consent"},
            {"event": "bot", "text": "…", "metadata": {"utter_action": "utter_consent_withdraw_given_by_both"}}]
    responses, _, _ = await _run(ActionAskConsentWithdrawConfirmed(), _tracker("1", "inform", said, _withdrawal(slots)),
                                 domain)
    assert responses == ["utter_ask_consent_withdraw_confirmed_both"]


async def test_one_guardians_samtycke_is_asked_about_as_before(domain, opened_case):
    reference = case_store().create_case().reference
    consent_store.record_consent(case_store(), reference, NewConsent(
        under_adult_age=True, givers=[Giver("vardnadshavare", name="Amir Haddad")], parties=[PartyRecord("BUP", "bup")],
        may_share="Skolgång", valid_from=TODAY, valid_to=TODAY + timedelta(days=365), form="skriftligt"))
    slots = {"case_reference": reference, "case_verified": True}
    responses, _, _ = await _run(ActionAskConsentWithdrawConfirmed(), _tracker("1", "inform", [], _withdrawal(slots)),
                                 domain)
    assert responses == ["utter_ask_consent_withdraw_confirmed"]


async def _confirm(domain, slots, text, intent="faq"):
    tracker = _tracker(text, intent, [], _withdrawal(slots, consent_withdraw_confirmed=text),
                       active_loop={"name": "consent_withdraw_form"})
    dispatcher = CollectingDispatcher()
    result = await ValidateConsentWithdrawForm().validate_consent_withdraw_confirmed(text, dispatcher, tracker, domain)
    return [m.get("response") for m in dispatcher.messages], result


async def test_a_question_about_the_other_parents_part_is_answered_from_the_record(domain, opened_case):
    # "ar det bara mitt samtycke eller ocksa min fru Leila?" got the article on who gives a samtycke.
    reference, slots = _both_parents_case()
    for text in ("ar det bara mitt samtycke eller ocksa min fru Leila?", "jag vill bara ta tillbaka mitt, inte Leilas"):
        responses, result = await _confirm(domain, slots, text)
        assert responses == ["utter_consent_withdraw_given_by_both", "utter_consent_withdraw_nothing_changed"], text
        assert result == {"consent_withdraw_confirmed": None}
    assert consent_store.consents(case_store(), reference)[0].withdrawn_at is None


async def test_wanting_to_talk_to_the_other_parent_first_is_a_no(domain, opened_case):
    # "vanta. jag maste prata med min fru forst" got "Svara ja eller nej".
    _, slots = _both_parents_case()
    responses, result = await _confirm(domain, slots, "vanta. jag maste prata med min fru forst", "nlu_fallback")
    assert responses == [] and result == {"consent_withdraw_confirmed": "nej"}
    assert (await _confirm(domain, slots, "ja, för oss båda", "affirm"))[1] == {"consent_withdraw_confirmed": "ja"}


async def test_taking_it_back_says_it_is_taken_back_for_both(domain, opened_case):
    reference, slots = _both_parents_case()
    tracker = _tracker("ja", "affirm", [], _withdrawal(slots, consent_withdraw_confirmed="ja"))
    responses, _, messages = await _run(ActionWithdrawConsentDone(), tracker, domain)
    assert responses == ["utter_consent_withdrawn", "utter_consent_withdrawn_for_both"]
    assert messages[1]["givers"] == "Amir Haddad och Leila Haddad"
    assert consent_store.consents(case_store(), reference)[0].withdrawn_at is not None


async def test_asking_after_the_withdrawal_whether_the_wifes_samtycke_is_gone_is_answered_from_the_record(
        domain, opened_case):
    # amir-3: "men min fru samtycke, ar det ocksa borta nu?" and "Leila har ocksa samtycke. ar hennes samtycke
    # borta nar jag tog tillbaka?" got the request status and "Menade du…?".
    reference, slots = _both_parents_case()
    for text in ("men min fru samtycke, ar det ocksa borta nu?", "ar hennes samtycke kvar?"):
        responses, events, messages = await _run(ActionWithdrawConsent(), _tracker(text, "withdraw_consent", [], slots),
                                                 domain)
        assert responses == ["utter_consent_record_both_in_force"], text
        assert _followups(events) == ["action_listen"]
    consent_store.withdraw(case_store(), reference, [1])
    text = "Leila har ocksa samtycke. ar hennes samtycke borta nar jag tog tillbaka?"
    responses, _, messages = await _run(ActionWithdrawConsent(), _tracker(text, "withdraw_consent", [], slots), domain)
    assert responses == ["utter_consent_record_both_withdrawn"]
    assert messages[0]["givers"] == "Amir Haddad och Leila Haddad" and messages[0]["when"]


# --- 3. "jag vill stoppa samtycke. hur gör jag" -------------------------------------------------------------

STOP_HOW = "hej jag vill stoppa samtycke. hur gor jag"


def test_a_wish_that_only_asks_how_is_the_wish():
    assert wished_consent_action(_tracker(STOP_HOW, "withdraw_consent")) == "action_withdraw_consent"
    for text in ("jag vill avbryta mitt samtycke", "jag vill sluta ge samtycke",
                 "jag vill ta tillbaka samtycket, hur?"):
        assert wished_consent_action(_tracker(text, "withdraw_consent")) == "action_withdraw_consent", text
    assert wished_consent_action(_tracker("jag vill ge samtycke, hur gör jag?", "give_consent")) == \
        "action_start_consent"
    # "hur gör jag?" right after the wish.
    after = _tracker("hur gör jag?", "faq", [_user("jag vill stoppa samtycket")])
    assert wished_consent_action(after) == "action_withdraw_consent"
    # A question besides the wish, a question alone, or no wish: not.
    for text in ("jag vill stoppa samtycket, vad händer med sip då?", "hur kan jag ge samtycke?",
                 "jag vill inte ta tillbaka samtycket, hur gör jag?"):
        assert wished_consent_action(_tracker(text, "faq")) is None, text
    assert wished_consent_action(_tracker("hur gör jag?", "faq", [_user("vad är en sip")])) is None


async def test_stopping_a_samtycke_and_asking_how_starts_the_withdrawal(domain, case_store_env):
    # amir-3: the article and the buttons, not the withdrawal.
    for intent, action in (("withdraw_consent", ActionWithdrawConsent()), ("give_consent", ActionStartConsent())):
        responses, events, _ = await _run(action, _tracker(STOP_HOW, intent), domain)
        assert responses == ["utter_consent_withdraw_needs_case"], intent
        assert "case_access_form" in _followups(events)


async def test_a_lone_how_after_the_wish_is_not_answered_as_a_question(domain, case_store_env):
    tracker = _tracker("hur gör jag?", "withdraw_consent", [_user("jag vill stoppa samtycket", "nlu_fallback")])
    assert await answer_instead(CollectingDispatcher(), tracker, domain) is None
    asks = _tracker("jag vill stoppa samtycket, vad händer med sip då?", "withdraw_consent")
    assert await answer_instead(CollectingDispatcher(), asks, domain) is not None


def test_a_wish_whose_object_is_not_the_samtycke_is_no_withdrawal():
    # "jag vill avsluta planen men inte samtycket" was read as a wish to take the samtycke back (review, session 38).
    for text in ("jag vill avsluta planen men inte samtycket", "jag vill avsluta sip men samtycket får vara kvar",
                 "jag vill avsluta planen men inte samtycket. hur gör jag?"):
        assert not consent_actions.wants_to_withdraw(text), text
        assert wished_consent_action(_tracker(text, "withdraw_consent")) is None, text
    # Its own samtycke, or one named by whose, still is.
    for text in ("jag vill ta tillbaka min sons samtycke", "vi vill återkalla hela samtycket"):
        assert consent_actions.wants_to_withdraw(text), text
