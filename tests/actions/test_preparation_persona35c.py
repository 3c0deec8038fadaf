"""The preparation form in the persona round with Nova, 15, and Sami, 19: real trackers and a real case store."""
from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

import actions.preparation as preparation
from actions import preparation_flow as flow
from actions import request_rules
from actions.answer_question import ActionAnswerQuestion
from actions.casestore import request_store
from actions.preparation import ActionAskPrepAnswer, ActionPreparationStart, ActionPrivacy, ValidatePreparationForm

SLOT = "prep_answer"
FORM = {"name": "preparation_form"}
KEYS = [q.key for q in flow.questions()]
NOVA_1 = "måste jag säga allt? typ att slippa bli utskälld hela tiden o klara gymnasiet"
GOAL = "att slippa bli utskälld hela tiden o klara gymnasiet"


def _tracker(tracker_for, text, step, reference=None, intent="inform", confidence=0.5, **slots):
    return tracker_for(intent, confidence=confidence, text=text, active_loop=FORM,
                       slots={SLOT: text, "case_reference": reference, "case_verified": reference is not None,
                              "prep_step": step, "requested_slot": SLOT, "prep_role": "ung", **slots},
                       events=[{"event": "slot", "name": SLOT, "value": text, "timestamp": None}])


async def _validate(tracker, domain):
    dispatcher = CollectingDispatcher()
    events = await ValidatePreparationForm().run(dispatcher, tracker, domain)
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e["event"] == "slot"}


@pytest.fixture
def asked(monkeypatch):
    """What ActionAnswerQuestion was asked, in order; it answers "svaret"."""
    questions: list[str] = []

    async def answer(self, dispatcher, tracker, domain):
        questions.append(tracker.latest_message["text"])
        dispatcher.utter_message(text="svaret")
        return []

    monkeypatch.setattr(ActionAnswerQuestion, "run", answer)
    return questions


def _said(messages) -> list[str]:
    return [m.get("response") or m.get("text") for m in messages]


async def test_a_question_then_an_answer_keeps_the_answer_and_answers(tracker_for, domain, case_store_env, asked):
    # The answer was lost to "Menade du…?" (faq 0.94; persona round, Nova, 15).
    messages, slots = await _validate(_tracker(tracker_for, NOVA_1, KEYS[0], intent="faq", confidence=0.94), domain)
    assert preparation.store().answers(slots["case_reference"]) == {KEYS[0]: GOAL}
    assert _said(messages)[-2:] == ["utter_prep_saved_before_question", flow.content()["must_answer_reply"]]
    assert messages[-2]["answer"] == GOAL and slots["prep_step"] == KEYS[1] and asked == []


async def test_any_question_then_an_answer_keeps_both(tracker_for, domain, opened_case, asked):
    text = "vem bestämmer tiden? typ efter skolan"
    messages, slots = await _validate(_tracker(tracker_for, text, "practical", opened_case.reference, intent="faq",
                                               confidence=0.9), domain)
    assert preparation.store().answers(opened_case.reference) == {"practical": "efter skolan"}
    assert _said(messages) == ["utter_prep_saved_before_question", "svaret"] and asked == ["vem bestämmer tiden?"]


async def test_a_wish_about_the_form_then_words_is_asked_about(tracker_for, domain, opened_case, asked):
    text = "kan vi pausa? jag måste äta"
    messages, slots = await _validate(_tracker(tracker_for, text, KEYS[2], opened_case.reference), domain)
    assert slots[preparation.DOUBTFUL] == text and preparation.store().answers(opened_case.reference) == {}


async def test_an_interjection_and_whether_to_answer_saves_nothing(tracker_for, domain, case_store_env, asked):
    # "wtf" was saved as answer 1, and the question not answered (persona round, Nova, 15).
    messages, slots = await _validate(_tracker(tracker_for, "wtf. måste jag svara på allt?", KEYS[0],
                                               intent="nlu_fallback", confidence=0.3), domain)
    assert _said(messages) == [flow.content()["must_answer_reply"]] and slots == {SLOT: None}  # no case either


@pytest.mark.parametrize("text", ["wtf", "asså", "öh", "lol", "WTF!!"])
async def test_an_interjection_alone_is_no_answer(tracker_for, domain, opened_case, text):
    messages, slots = await _validate(_tracker(tracker_for, text, KEYS[2], opened_case.reference), domain)
    assert _said(messages) == [flow.content()["only_acknowledged"]] and slots == {SLOT: None}
    assert preparation.store().answers(opened_case.reference) == {}


async def test_kan_jag_skippa_alone_still_skips(tracker_for, domain, opened_case):
    _, slots = await _validate(_tracker(tracker_for, "kan jag skippa den?", KEYS[2], opened_case.reference), domain)
    assert preparation.store().answers(opened_case.reference) == {KEYS[2]: None} and slots["prep_step"] == KEYS[3]


async def test_not_my_answer_replaces_the_last_one_and_asks_again(tracker_for, domain, opened_case):
    # Saved as answer 2 (persona round, Nova, 15).
    await _validate(_tracker(tracker_for, "vet inte asså att typ", KEYS[0], opened_case.reference), domain)
    text = "nej vänta det var inte mitt svar. mitt svar e " + GOAL
    messages, slots = await _validate(_tracker(tracker_for, text, KEYS[1], opened_case.reference), domain)
    assert preparation.store().answers(opened_case.reference) == {KEYS[0]: GOAL}
    assert flow.content()["change_saved"].format(number=1) in _said(messages)
    assert slots["prep_step"] == KEYS[1]  # the question it was typed at, again


async def test_a_yes_no_question_without_a_mark_is_answered_not_saved(tracker_for, domain, opened_case, asked):
    # Saved as how to take part (persona round, Nova, 15).
    text = "ja men vem kan va stödperson typ. kan det va min kompis"
    messages, slots = await _validate(_tracker(tracker_for, text, "take_part", opened_case.reference), domain)
    assert slots == {SLOT: None} and asked == [text] and preparation.store().answers(opened_case.reference) == {}


async def test_an_answer_that_opens_with_a_verb_is_saved(tracker_for, domain, opened_case, asked):
    _, slots = await _validate(_tracker(tracker_for, "kan vara med på video", "take_part", opened_case.reference),
                               domain)
    assert preparation.store().answers(opened_case.reference) == {"take_part": "kan vara med på video"}
    assert asked == []


async def test_the_role_with_a_privacy_question_is_taken(tracker_for, domain, case_store_env):
    # "jag sa ju att jag e den unga" was needed after the role was asked again (persona round, Nova, 15).
    tracker = _tracker(tracker_for, "jag är den unga. får mamma läsa det jag skriver?", flow.ROLE, intent="privacy",
                       confidence=0.95, prep_role=None)
    dispatcher = CollectingDispatcher()
    events = await ActionPrivacy().run(dispatcher, tracker, domain)
    assert SlotSet("prep_role", "ung") in events and SlotSet("prep_step", flow.AGE) in events
    assert _said(dispatcher.messages) == ["utter_who_sees_answers", "utter_who_sees_answers_parents", "utter_privacy"]


async def test_the_role_with_a_question_read_as_faq_is_taken(tracker_for, domain, case_store_env, asked):
    text = "jag är den unga. vad händer på mötet?"
    messages, slots = await _validate(_tracker(tracker_for, text, flow.ROLE, intent="faq", confidence=0.9,
                                               prep_role=None), domain)
    assert slots["prep_role"] == "ung" and slots["prep_step"] == flow.AGE and asked == ["vad händer på mötet?"]


async def _answered_all(tracker_for, domain, reference):
    for key in KEYS:
        await _validate(_tracker(tracker_for, f"svar {key}", key, reference), domain)


async def test_a_named_answer_said_to_be_wrong_at_the_summary_is_changed(tracker_for, domain, opened_case):
    # Got the "ändra fråga 3" template (persona round, Nova, 15).
    await _answered_all(tracker_for, domain, opened_case.reference)
    messages, slots = await _validate(_tracker(tracker_for, "wtf nr 2 e ju helt fel, kan jag ändra den", flow.REVIEW,
                                               opened_case.reference), domain)
    assert slots["prep_step"] == KEYS[1] and slots["prep_editing"] is True
    assert "utter_prep_review_unknown" not in _said(messages)


async def test_a_question_at_the_summary_is_answered(tracker_for, domain, opened_case, asked):
    await _answered_all(tracker_for, domain, opened_case.reference)
    messages, slots = await _validate(_tracker(tracker_for, "kan min kompis va stödperson?", flow.REVIEW,
                                               opened_case.reference, intent="inform", confidence=0.6), domain)
    assert _said(messages) == ["svaret"] and slots == {SLOT: None}


async def test_a_no_inside_a_short_answer_declines_the_school_part(tracker_for, domain, opened_case):
    # Got "Svara ”Ja, gärna” eller ”Nej tack”." (deny 0.98; persona round, Nova, 15).
    messages, slots = await _validate(_tracker(tracker_for, "orkar inte. nej tack", flow.SCHOOL_OFFER,
                                               opened_case.reference, intent="deny", confidence=0.98), domain)
    assert preparation.store().answers(opened_case.reference) == {flow.SCHOOL_WISHES: None}
    assert slots["prep_step"] == flow.REVIEW


def _request(reference, age=19):
    organisation = request_rules.directory()[0]
    request_store.save_request(preparation.store(), reference, request_store.RequestData(
        organisation_id=organisation.id, requester_role="ung", child_age=age, sides="region", needs="stöd",
        contact_name="Sami", contact_phone=None, consent="saknas"))
    return organisation.name


async def test_the_age_in_the_request_is_not_asked_again(tracker_for, domain, opened_case):
    # Sami, 19, was asked "Hur gammal är du?" after his request said "Ålder: 19 år" (persona round).
    _request(opened_case.reference)
    slots = {"case_reference": opened_case.reference, "case_verified": True}
    events = await ActionPreparationStart().run(CollectingDispatcher(), tracker_for("start_preparation", slots=slots),
                                                domain)
    assert SlotSet("prep_age", 19) in events and SlotSet("prep_step", flow.ROLE) in events
    _, answered = await _validate(_tracker(tracker_for, "Jag är den unga", flow.ROLE, opened_case.reference,
                                           prep_role=None, prep_age=19), domain)
    assert answered["prep_step"] == KEYS[0]


async def test_with_a_request_sent_the_intro_says_who_sees_the_answers(tracker_for, domain, opened_case):
    # "Ingen verksamhet ser dina svar…" after a request, while /integritet says the organisation sees the
    # whole case (persona round, Sami, 19).
    name = _request(opened_case.reference)
    slots = {"case_reference": opened_case.reference, "case_verified": True}
    dispatcher = CollectingDispatcher()
    await ActionPreparationStart().run(dispatcher, tracker_for("start_preparation", slots=slots), domain)
    [said] = [m for m in dispatcher.messages if m.get("response", "").startswith("utter_who_sees")]
    assert said["response"] == "utter_who_sees_answers_request_sent" and said["organisation"] == name
    text = domain["responses"]["utter_who_sees_answers_request_sent"][0]["text"]
    assert "ändra eller ta bort" in text and "förberedelsen" in text


async def test_with_a_request_sent_who_sees_in_the_preparation_names_the_organisation(tracker_for, domain,
                                                                                     opened_case):
    name = _request(opened_case.reference)
    tracker = _tracker(tracker_for, "vem får läsa det här?", KEYS[2], opened_case.reference, intent="privacy",
                       confidence=0.99)
    dispatcher = CollectingDispatcher()
    await ActionPrivacy().run(dispatcher, tracker, domain)
    assert {"response": "utter_who_sees_answers_request_sent", "organisation": name}.items() <= \
        next(m for m in dispatcher.messages if m.get("response", "").startswith("utter_who_sees")).items()
    messages, _ = await _validate(_tracker(tracker_for, "vem ser svaret på fråga 2", flow.REVIEW,
                                           opened_case.reference), domain)
    assert "utter_who_sees_answers_request_sent" in _said(messages)


async def _ask(tracker_for, domain, step, reference, age):
    dispatcher = CollectingDispatcher()
    await ActionAskPrepAnswer().run(dispatcher, tracker_for("inform", text="x", slots={
        "prep_step": step, "prep_role": "ung", "prep_age": age, "case_reference": reference,
        "case_verified": reference is not None}), domain)
    return dispatcher.messages[-1]


async def test_an_adult_gets_grown_up_texts(tracker_for, domain, opened_case):
    asked = await _ask(tracker_for, domain, KEYS[0], None, 19.0)
    assert "jobba eller plugga" in asked["text"]
    assert "Att gå till skolan igen" not in [b["title"] for b in asked["buttons"]]
    helps = [b["title"] for b in (await _ask(tracker_for, domain, "who_helps", None, 19.0))["buttons"]]
    assert "Vårdcentralen" in helps and "BUP" not in helps
    await _answered_all(tracker_for, domain, opened_case.reference)
    assert (await _ask(tracker_for, domain, flow.REVIEW, opened_case.reference, 19.0))["response"] == \
        "utter_ask_prep_review_adult"
    assert (await _ask(tracker_for, domain, flow.REVIEW, opened_case.reference, 15.0))["response"] == \
        "utter_ask_prep_review"
    assert not domain["responses"]["utter_ask_prep_review_adult"][0]["text"].startswith("Bra jobbat")
