"""The preparation form in the persona round of session 36 (Leo, 13, with dyslexia; Birgitta, a foster parent):
real trackers, the real domain and a real case store."""
from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

import actions.preparation as preparation
from actions import preparation_flow as flow
from actions.crisis_help import ActionCrisisCheckIn
from actions.help_texts import help_data
from actions.preparation import ActionPreparationStart
from tests.actions.test_preparation_persona35c import _said, _validate, asked  # noqa: F401 - `asked` is a fixture

SLOT = "prep_answer"
FORM = {"name": "preparation_form"}
KEYS = [q.key for q in flow.questions()]


def _tracker(tracker_for, text, step, reference=None, intent="nlu_fallback", confidence=0.55, before=(), **slots):
    """At `step` of the preparation; `before`: earlier user messages. The slot event comes last, so the form
    validates it (the fixture puts the latest message first)."""
    earlier = [{"event": "user", "text": said, "parse_data": {}} for said in before]
    return tracker_for(intent, confidence=confidence, text=text, active_loop=FORM,
                       slots={SLOT: text, "case_reference": reference, "case_verified": reference is not None,
                              "prep_step": step, "requested_slot": SLOT, "prep_role": "ung", **slots},
                       events=[*earlier, {"event": "slot", "name": SLOT, "value": text, "timestamp": None}])


# --- 1. "vem får läsa de här?" inside the preparation ---

async def test_who_may_read_this_at_a_question_is_who_sees_the_answers(tracker_for, domain, opened_case, asked):
    # Got the article on copies of the finished plan (nlu_fallback; persona round, session 36: Leo, 13).
    messages, slots = await _validate(_tracker(tracker_for, "vem får läsa de här?", "not_shared",
                                               opened_case.reference), domain)
    assert _said(messages) == ["utter_who_sees_answers", flow.content()["who_sees_change_hint"]]
    assert slots == {SLOT: None} and asked == [] and preparation.store().answers(opened_case.reference) == {}


async def test_who_may_read_this_at_the_role_question_is_answered_and_the_role_asked_again(tracker_for, domain,
                                                                                         case_store_env, asked):
    messages, slots = await _validate(_tracker(tracker_for, "vem får läsa de här?", flow.ROLE, prep_role=None), domain)
    assert _said(messages) == ["utter_who_sees_answers"] and slots == {SLOT: None} and asked == []


async def test_who_may_read_the_plan_is_still_a_question_for_the_articles(tracker_for, domain, opened_case, asked):
    messages, slots = await _validate(_tracker(tracker_for, "vem får läsa planen?", "not_shared", opened_case.reference,
                                               intent="faq", confidence=0.9), domain)
    assert asked == ["vem får läsa planen?"] and "utter_who_sees_answers" not in _said(messages)


# --- 2. no goal tip after an answer that gets the check-in ---

async def test_an_answer_read_as_a_check_in_gets_no_goal_tip(tracker_for, domain, case_store_env):
    # "Tack, jag har sparat det! Ett tips: ett mål är något du gör…" came between the reference and the
    # check-in (persona round, session 36: Leo, 13).
    text = "orkar inte skolan. alla e dumma mot mig"
    tracker = _tracker(tracker_for, text, KEYS[0], intent="crisis_check_in", confidence=1.0)
    dispatcher = CollectingDispatcher()
    await ActionCrisisCheckIn().run(dispatcher, tracker, domain)
    said = _said(dispatcher.messages)
    # "alla e dumma mot mig" is a heavy feeling (session 36's verification round): the preparation's own
    # "Tack för att du berättar det", with the help button, and no second thanks from the check-in.
    assert said == ["utter_case_created", "utter_prep_heard_you"]
    assert help_data()["check_in_in_form"] not in said
    [created] = [m for m in dispatcher.messages if m.get("response") == "utter_case_created"]
    assert preparation.store().answers(created["reference"]) == {KEYS[0]: text}


async def test_strong_words_in_the_first_answer_get_no_goal_tip(tracker_for, domain, opened_case):
    messages, _ = await _validate(_tracker(tracker_for, "skolan e skit. jag hatar min mentor", KEYS[0],
                                           opened_case.reference, intent="inform", confidence=0.8), domain)
    assert not [s for s in _said(messages) if s and s.startswith("utter_prep_goal_tip")]


async def test_a_first_answer_that_creates_the_case_gets_the_tip_without_saved_again(tracker_for, domain,
                                                                                     case_store_env):
    messages, _ = await _validate(_tracker(tracker_for, "mindre stress", KEYS[0], intent="inform", confidence=0.8),
                                  domain)
    assert _said(messages) == ["utter_case_created", "utter_prep_goal_tip_only"]
    tip = domain["responses"]["utter_prep_goal_tip_only"][0]["text"]
    assert "sparat" not in tip and "mål är något du gör" in tip


# --- 3. "nej vänta, ändra de. bara bup inte skolan" ---

async def test_change_it_with_a_new_text_replaces_the_last_answer_and_goes_on(tracker_for, domain, opened_case):
    # Offered as the answer to question 5 (persona round, session 36: Leo, 13).
    await _validate(_tracker(tracker_for, "skolan o bup", "who_helps", opened_case.reference), domain)
    messages, slots = await _validate(_tracker(tracker_for, "nej vänta, ändra de. bara bup inte skolan",
                                               "can_do_myself", opened_case.reference), domain)
    stored = preparation.store().preparation_answers(opened_case.reference)
    assert stored["who_helps"].answer == "bara bup inte skolan" and stored["who_helps"].organisations == "bup"
    assert "can_do_myself" not in stored and slots["prep_step"] == "can_do_myself"
    assert flow.content()["change_saved"].format(number=flow.number_of("who_helps")) in _said(messages)
    assert preparation.DOUBTFUL not in slots


@pytest.mark.parametrize("text", ["ändra det till bara bup", "ändra förra. bara bup", "jag vill ändra förra. bara bup"])
async def test_other_ways_to_change_the_last_answer_with_a_new_text(tracker_for, domain, opened_case, text):
    await _validate(_tracker(tracker_for, "skolan o bup", "who_helps", opened_case.reference), domain)
    _, slots = await _validate(_tracker(tracker_for, text, "can_do_myself", opened_case.reference), domain)
    assert preparation.store().answers(opened_case.reference) == {"who_helps": "bara bup"}
    assert slots["prep_step"] == "can_do_myself"


async def test_change_it_alone_goes_back_to_the_question_before(tracker_for, domain, opened_case):
    await _validate(_tracker(tracker_for, "skolan o bup", "who_helps", opened_case.reference), domain)
    messages, slots = await _validate(_tracker(tracker_for, "nej vänta ändra de", "can_do_myself",
                                               opened_case.reference), domain)
    assert slots["prep_step"] == "who_helps" and preparation.DOUBTFUL not in slots
    assert flow.content()["change_now"].format(number=flow.number_of("who_helps")) in _said(messages)


# --- 4. "ja vet int" ---

@pytest.mark.parametrize("text", ["ja vet int", "vet int", "vetinte asså", "ingen anning", "vet ite", "ja vet inge"])
async def test_dont_know_however_typed_skips_the_question(tracker_for, domain, opened_case, text):
    # "vet inte" skipped question 2, "ja vet int" was saved as its answer (persona round, session 36).
    _, slots = await _validate(_tracker(tracker_for, text, KEYS[1], opened_case.reference, intent="inform"), domain)
    assert preparation.store().answers(opened_case.reference) == {KEYS[1]: None}
    assert slots["prep_step"] == KEYS[2]


async def test_dont_know_with_more_words_is_an_answer(tracker_for, domain, opened_case):
    text = "vet int om skolan hjälper"
    await _validate(_tracker(tracker_for, text, KEYS[1], opened_case.reference, intent="inform"), domain)
    assert preparation.store().answers(opened_case.reference) == {KEYS[1]: text}


async def test_a_misspelt_refusal_is_kept_where_a_refusal_answers(tracker_for, domain, opened_case):
    step = next(q.key for q in flow.questions() if q.refusal_is_an_answer)
    await _validate(_tracker(tracker_for, "vill int säga", step, opened_case.reference, intent="inform"), domain)
    assert preparation.store().answers(opened_case.reference) == {step: "vill int säga"}


# --- 5. a question about a word with the wish to prepare, and at the role question ---

async def test_a_word_asked_with_the_wish_to_prepare_is_answered_first(tracker_for, domain, case_store_env, asked):
    # "vad e sip" was never answered (persona round, session 36: Leo, 13).
    tracker = tracker_for("start_preparation", confidence=0.98,
                          text="min mentor sa ja ska förbereda mig i chatten. vad e sip")
    dispatcher = CollectingDispatcher()
    await ActionPreparationStart().run(dispatcher, tracker, domain)
    said = _said(dispatcher.messages)
    assert said[0].startswith("SIP betyder") or "SIP betyder samordnad individuell plan" in said[0]
    assert said[1:] == ["utter_preparation_intro", "utter_who_sees_answers"]
    assert dispatcher.messages[0]["buttons"] == [{"title": "Berätta mer", "payload": "/tell_more"}]  # no offers


async def test_the_wish_to_prepare_alone_starts_as_before(tracker_for, domain, case_store_env, asked):
    dispatcher = CollectingDispatcher()
    await ActionPreparationStart().run(dispatcher, tracker_for("start_preparation", text="jag vill förbereda mig"),
                                       domain)
    assert _said(dispatcher.messages) == ["utter_preparation_intro", "utter_who_sees_answers"] and asked == []


async def test_a_word_asked_at_the_role_question_is_answered_then_the_role_again(tracker_for, domain, case_store_env):
    # "men vad e sip" (faq 1.00) got "Förlåt, det förstod jag inte. Välj en av knapparna" (persona round, session 36).
    messages, slots = await _validate(_tracker(tracker_for, "men vad e sip", flow.ROLE, intent="faq", confidence=1.0,
                                               prep_role=None), domain)
    assert "utter_prep_role_unknown" not in _said(messages) and "SIP betyder samordnad" in messages[0]["text"]
    assert slots == {SLOT: None}


async def test_a_question_after_a_filler_at_the_role_question_is_answered(tracker_for, domain, case_store_env, asked):
    messages, slots = await _validate(_tracker(tracker_for, "men vad händer på mötet", flow.ROLE, intent="faq",
                                               confidence=0.95, prep_role=None), domain)
    assert asked == ["men vad händer på mötet"] and _said(messages) == ["svaret"] and slots == {SLOT: None}


async def test_a_word_asked_at_the_age_question_is_answered(tracker_for, domain, case_store_env):
    messages, slots = await _validate(_tracker(tracker_for, "men vad e bup", flow.AGE, intent="faq"), domain)
    assert "utter_prep_age_unknown" not in _said(messages) and "BUP" in messages[0]["text"] and slots == {SLOT: None}


# --- 6. "vill int säga" at the age ---

@pytest.mark.parametrize("text", ["vill int säga", "vill int", "ingen anning", "hemligt"])
async def test_a_refusal_at_the_age_skips_it(tracker_for, domain, case_store_env, text):
    # Got "Skriv åldern med siffror" though the age is optional (persona round, session 36: Leo, 13).
    messages, slots = await _validate(_tracker(tracker_for, text, flow.AGE, intent="inform"), domain)
    assert "utter_prep_age_unknown" not in _said(messages)
    assert slots["prep_age"] is None and slots["prep_step"] == KEYS[0]


# --- 7. a foster parent at the role question ---

async def test_a_foster_parent_together_with_the_child_answers_as_the_child(tracker_for, domain, case_store_env):
    # Saved as a parent's, and the record said "vårdnadshavare tillsammans med barnet" (persona round, session 36);
    # then as the young person's own, which hid that a familjehem wrote them down.
    messages, slots = await _validate(_tracker(tracker_for, "Jag är familjehemsförälder och fyller i tillsammans med Elin",
                                               flow.ROLE, intent="faq", confidence=0.88, prep_role=None), domain)
    assert _said(messages) == [flow.content()["role_foster_together"]]
    assert slots["prep_role"] == flow.FOSTER_TOGETHER and slots["prep_step"] == flow.AGE
    _, answered = await _validate(_tracker(tracker_for, "att lärarna vet vad BUP har sagt", KEYS[0],
                                           intent="inform", prep_role=slots["prep_role"]), domain)
    [stored] = preparation.store().preparation_answers(answered["case_reference"]).values()
    assert stored.answered_by == "familjehem_med_barnet"


async def test_a_foster_parent_for_the_child_is_told_and_nothing_is_taken(tracker_for, domain, case_store_env):
    messages, slots = await _validate(_tracker(tracker_for, "jag är familjehemsförälder och fyller i åt henne",
                                               flow.ROLE, intent="inform", prep_role=None), domain)
    assert _said(messages) == [flow.content()["role_foster_alone"]] and slots == {SLOT: None}


async def test_a_parents_button_after_saying_one_is_a_foster_parent(tracker_for, domain, case_store_env):
    before = ["Hej! Jag heter Birgitta och är familjehemsförälder till en flicka på 14 år"]
    messages, slots = await _validate(_tracker(tracker_for, "Jag är förälder och fyller i med barnet", flow.ROLE,
                                               intent="inform", prep_role=None, before=before), domain)
    assert _said(messages) == [flow.content()["role_foster_together"]] and slots["prep_role"] == flow.FOSTER_TOGETHER


async def test_a_parent_whose_child_lived_in_a_foster_home_is_a_parent(tracker_for, domain, case_store_env):
    before = ["min dotter har bott i familjehem förut"]
    messages, slots = await _validate(_tracker(tracker_for, "Jag är förälder och fyller i med barnet", flow.ROLE,
                                               intent="inform", prep_role=None, before=before), domain)
    assert messages == [] and slots["prep_role"] == "med_barnet"


def test_the_foster_text_says_how_the_answers_are_marked():
    together = flow.content()["role_foster_together"]
    assert "inte vårdnadshavare" in together and "den unga" in together
