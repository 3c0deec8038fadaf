"""A samtycke wished with a case reference typed is saved in that case (lars-3), and two samtycke messages read as
free questions are answered as what they are (amir-3), persona round of session 38; real domain and SQLite store."""
from __future__ import annotations

import json
from datetime import timedelta

from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import func, select

from actions import consent as consent_actions
from actions.answer_question import ActionAnswerQuestion
from actions.case_access import ActionCaseAccessDone, ValidateCaseAccessForm, tell_how_to_go_on_without
from actions.casestore import consents as consent_store
from actions.casestore.models import Case
from actions.consent import ActionConsentDone, ActionStartConsent
from actions.store_access import case_store
from tests.actions.test_consent_entry38 import _both_parents_case, _tracker, _user

TODAY = consent_actions.today()


async def _run(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain)
    return [m.get("response") for m in dispatcher.messages], events


def _slots(events) -> dict:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def _followups(events) -> list[str]:
    return [e["name"] for e in events if e.get("event") == "followup"]


def _case_count() -> int:
    with case_store().session() as session:
        return session.scalar(select(func.count(Case.id)))


# --- 1. "hej jag vill ge samtycke till min sip. jag har referens KKMK-TYEJ" (lars-3) ------------------------

def _wish(reference: str) -> str:
    return f"hej jag vill ge samtycke till min sip. jag har referens {reference}"


ANSWERS = {  # a samtycke the young person gives, as the form leaves its slots
    "consent_under_18": "nej", "consent_giver": "jag själv",
    "consent_parties": json.dumps([["lss dals-ed", "lss"], ["vc dals-ed", "vardcentral"]]),
    "consent_may_share": "om flytten och boendestöd", "consent_must_not_share": "inget om min mamma",
    "consent_valid_from": TODAY.isoformat(), "consent_valid_to": (TODAY + timedelta(days=365)).isoformat(),
    "consent_form_kind": "muntligt", "consent_confirmed": "ja",
}


async def test_a_reference_typed_with_the_wish_opens_that_case_and_the_samtycke_is_saved_in_it(domain, case_store_env):
    named = case_store().create_case()
    wish = _wish(named.reference)
    responses, events = await _run(ActionStartConsent(), _tracker(wish, "give_consent"), domain)
    assert responses == ["utter_consent_case_named"]
    assert _slots(events)["case_reference"] == named.reference
    assert _slots(events)["case_next_action"] == "action_start_consent"
    assert _followups(events) == ["case_access_form"]

    # The form takes the reference from the wish and asks for the code; the code opens the case.
    slots = _slots(events)
    form = ValidateCaseAccessForm()
    dispatcher = CollectingDispatcher()
    checked = await form.validate_case_reference(named.reference, dispatcher, _tracker(wish, "give_consent",
                                                                                        slots=slots), domain)
    assert checked == {"case_reference": named.reference} and dispatcher.messages == []
    slots.update(checked)
    checked = await form.validate_case_code(named.code, dispatcher, _tracker(named.code, "open_case", slots=slots),
                                            domain)
    assert checked == {"case_code": "ok", "case_verified": True}
    slots.update(checked)
    _, events = await _run(ActionCaseAccessDone(), _tracker(named.code, "open_case", slots=slots), domain)
    assert _followups(events) == ["action_start_consent"]

    # Started again in the opened case: the form, no second detour.
    responses, events = await _run(ActionStartConsent(), _tracker(named.code, "open_case", [_user(wish, "give_consent")],
                                                                  slots), domain)
    assert responses == ["utter_consent_intro"] and _followups(events) == ["consent_form"]

    responses, _ = await _run(ActionConsentDone(), _tracker("ja, spara", "affirm", slots={**slots, **ANSWERS}), domain)
    assert responses == ["utter_consent_saved"]  # not utter_consent_case_created
    assert len(consent_store.consents(case_store(), named.reference)) == 1
    assert _case_count() == 1


async def test_the_reference_and_code_typed_with_the_wish_need_no_word_on_the_code(domain, case_store_env):
    named = case_store().create_case()
    text = f"{_wish(named.reference)} kod {named.code}"
    responses, events = await _run(ActionStartConsent(), _tracker(text, "give_consent"), domain)
    assert responses == [] and _followups(events) == ["case_access_form"]


async def test_the_case_opened_here_named_with_the_wish_starts_the_form_at_once(domain, opened_case):
    slots = {"case_reference": opened_case.reference, "case_verified": True}
    responses, events = await _run(ActionStartConsent(), _tracker(_wish(opened_case.reference), "give_consent",
                                                                  slots=slots), domain)
    assert responses == ["utter_consent_intro"] and _followups(events) == ["consent_form"]


async def test_another_cases_reference_in_an_opened_conversation_asks_for_that_cases_code(domain, opened_case):
    other = case_store().create_case()
    slots = {"case_reference": opened_case.reference, "case_verified": True}
    responses, events = await _run(ActionStartConsent(), _tracker(_wish(other.reference), "give_consent",
                                                                  slots=slots), domain)
    assert responses == ["utter_consent_case_named"]
    assert _slots(events)["case_reference"] == other.reference and _slots(events)["case_verified"] is False


async def test_a_wish_without_a_reference_starts_the_form_as_before(domain, case_store_env):
    # A year is written like a mistyped reference, but names no case.
    for text in ("jag vill ge samtycke till min sip", "jag vill ge samtycke för läsåret 2024-2025"):
        responses, events = await _run(ActionStartConsent(), _tracker(text, "give_consent"), domain)
        assert responses == ["utter_consent_intro"] and _followups(events) == ["consent_form"], text


async def test_a_mistyped_reference_with_the_wish_is_asked_about_before_the_form(domain, case_store_env):
    responses, events = await _run(ActionStartConsent(), _tracker(_wish("KKMK-TYE8"), "give_consent"), domain)
    assert responses == ["utter_consent_case_named"] and _followups(events) == ["case_access_form"]


def test_someone_without_the_reference_is_told_they_can_give_the_samtycke_in_a_new_case(tracker_for):
    dispatcher = CollectingDispatcher()
    tell_how_to_go_on_without(dispatcher, tracker_for("inform", text="jag har inget nummer",
                                                      slots={"case_next_action": "action_start_consent"}))
    assert [m["response"] for m in dispatcher.messages] == ["utter_case_no_reference", "utter_case_new_consent_instead"]


# --- 2. samtycke messages read as free questions (amir-3) ----------------------------------------------------

async def test_asking_whether_the_wifes_samtycke_is_gone_is_answered_from_the_record(domain, case_store_env):
    # "men min fru samtycke, ar det ocksa borta nu?" after the withdrawal got the request status and "Menade du…?".
    reference, slots = _both_parents_case()
    consent_store.withdraw(case_store(), reference, [1])
    for text in ("men min fru samtycke, ar det ocksa borta nu?",
                 "Leila har ocksa samtycke. ar hennes samtycke borta nar jag tog tillbaka?"):
        responses, _ = await _run(ActionAnswerQuestion(), _tracker(text, "nlu_fallback", slots=slots), domain)
        assert responses == ["utter_consent_record_both_withdrawn"], text


STOP_HOW = "hej jag vill stoppa samtycke. hur gor jag"


async def test_stopping_a_samtycke_and_asking_how_read_as_a_question_starts_the_withdrawal(domain, case_store_env):
    # amir-3: nlu_fallback, the article on taking it back and "Vill du lämna ett samtycke eller ta tillbaka…?".
    for intent in ("nlu_fallback", "faq"):
        responses, events = await _run(ActionAnswerQuestion(), _tracker(STOP_HOW, intent), domain)
        assert responses == ["utter_consent_withdraw_needs_case"], intent
        assert _followups(events) == ["case_access_form"], intent
    # A lone "hur gör jag?" right after the wish, too.
    responses, events = await _run(ActionAnswerQuestion(), _tracker("hur gör jag?", "faq", [_user(
        "jag vill stoppa samtycket")]), domain)
    assert _followups(events) == ["case_access_form"]


async def test_the_wish_read_as_a_question_in_an_opened_case_shows_its_samtycken(domain, case_store_env):
    _, slots = _both_parents_case()
    responses, events = await _run(ActionAnswerQuestion(), _tracker(STOP_HOW, "nlu_fallback", slots=slots), domain)
    assert responses == ["utter_consent_list"] and _followups(events) == ["consent_withdraw_form"]


async def test_the_wish_is_answered_as_before_for_staff_inside_a_form_and_with_another_question(domain,
                                                                                               case_store_env):
    staff = _tracker(STOP_HOW, "nlu_fallback", [_user("jag är kurator på skolan", "staff")])
    in_a_form = _tracker(STOP_HOW, "faq", slots={"requested_slot": "request_needs"},
                         active_loop={"name": "sip_request_form"})
    other = _tracker("jag vill stoppa samtycket, vad händer med sip då?", "faq")
    for tracker in (staff, in_a_form, other):
        responses, events = await _run(ActionAnswerQuestion(), tracker, domain)
        assert "utter_consent_withdraw_needs_case" not in responses, tracker.latest_message["text"]
        assert "case_access_form" not in _followups(events), tracker.latest_message["text"]


async def test_an_ordinary_question_about_the_samtycke_is_not_answered_with_whose_it_is(domain, case_store_env):
    # "gäller samtycket för båda skolorna?" got "Samtycke 1 gavs av Amir Haddad och Leila Haddad…" (review,
    # session 38): only a question about one giver's share, where a withdrawal is talked about, gets it.
    _, slots = _both_parents_case()
    for text in ("gäller samtycket för båda skolorna?", "gäller samtycket också för hagaskolan?"):
        responses, _ = await _run(ActionAnswerQuestion(), _tracker(text, "faq", slots=slots), domain)
        assert not {"utter_consent_record_both_in_force", "utter_consent_record_both_withdrawn"} & set(responses), text
    # One giver's share with no withdrawal talked about: not either.
    dispatcher = CollectingDispatcher()
    text = "gäller samtycket också för min fru?"
    assert not consent_actions.told_whose_consent_it_is(dispatcher, _tracker(text, "faq", slots=slots))
    # After a withdrawal begun in this conversation it is.
    begun = [{"event": "action", "name": "action_withdraw_consent"}]
    assert consent_actions.told_whose_consent_it_is(dispatcher, _tracker(text, "faq", begun, slots=slots))
    assert [m.get("response") for m in dispatcher.messages] == ["utter_consent_record_both_in_force"]
