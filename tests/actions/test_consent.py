"""The consent form and withdrawal, driven answer by answer against a real SQLite case store."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import consent as consent_actions
from actions.casestore import consents as consent_store
from actions.casestore.consents import Giver, NewConsent, PartyRecord
from actions.casestore.store import CodeCheck
from actions.consent import (ActionAskConsentConfirmed, ActionAskConsentWithdrawWhich, ActionConsentDone,
                             ActionStartConsent, ActionWithdrawConsent, ActionWithdrawConsentDone, ValidateConsentForm,
                             ValidateConsentWithdrawForm)
from actions.store_access import case_store

FORM = {"name": "consent_form"}
WITHDRAW_FORM = {"name": "consent_withdraw_form"}


def _slot_events(events) -> dict:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


class Conversation:
    """Answers the form's questions one by one, the way Rasa calls validate_consent_form."""

    def __init__(self, tracker_for, domain, form=FORM, validator=ValidateConsentForm, slots=None):
        self.tracker_for, self.domain, self.form, self.validator = tracker_for, domain, form, validator
        self.slots: dict = dict(slots or {})
        self.requested: str | None = None
        self.responses: list[dict] = []

    async def start(self, requested: str):
        self.requested = requested
        return self

    async def say(self, text: str, intent: str = "out_of_scope", confidence: float = 0.4) -> list[str]:
        slot = self.requested
        tracker = self.tracker_for(
            intent, confidence=confidence, text=text,
            slots={**self.slots, slot: text, "requested_slot": slot},
            events=[{"event": "slot", "name": slot, "value": text, "timestamp": None}],
            active_loop=self.form,
        )
        dispatcher = CollectingDispatcher()
        events = await self.validator().run(dispatcher, tracker, self.domain)
        changes = _slot_events(events)
        self.requested = changes.pop("requested_slot", self.requested)
        self.slots.update(changes)
        self.responses = dispatcher.messages
        return [m.get("response") for m in dispatcher.messages]

    async def answer(self, slot: str, text: str, **kwargs) -> list[str]:
        """Answer one question out of order (earlier answers may be missing in a focused test)."""
        self.requested = slot
        return await self.say(text, **kwargs)

    def tracker(self, intent="out_of_scope"):
        return self.tracker_for(intent, slots=dict(self.slots), active_loop={})


async def _run(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain)
    return dispatcher.messages, events


TODAY = consent_actions.today()


async def _both_guardians_up_to_the_summary(tracker_for, domain, form_kind_asked=None) -> Conversation:
    talk = await Conversation(tracker_for, domain).start("consent_under_18")
    assert await talk.say("ja") == []
    assert talk.requested == "consent_giver"
    await talk.say("vårdnadshavare")
    assert talk.requested == "consent_guardian_count"
    await talk.say("två")
    assert talk.requested == "consent_guardian_1"
    await talk.say("Anna Andersson")
    assert talk.requested == "consent_guardian_2"
    await talk.say("Per Persson")
    # Whether the other guardian said yes themself is asked whenever two are named (review, session 38).
    assert talk.requested == "consent_guardian_2_agreed"
    assert await talk.say("ja") == []
    assert talk.requested == "consent_child_view"
    await talk.say("Hon tycker att det är bra om skolan vet")
    assert talk.requested == "consent_parties"
    assert await talk.say("BUP Vänersborg, Hagaskolan elevhälsa och Socialtjänsten barn och unga") \
        == ["utter_consent_parties_understood"]
    assert talk.requested == "consent_may_share"
    await talk.say("Hur det går i skolan och vilket stöd hon får")
    await talk.say("nej")
    assert talk.requested == "consent_valid_from"
    await talk.say("idag")
    await talk.say("ett år")
    assert talk.requested == "consent_form_kind"
    if form_kind_asked is not None:
        assert await talk.say(form_kind_asked) == ["utter_consent_forms_explained"]
        assert talk.requested == "consent_form_kind"
    await talk.say("muntligt")
    assert talk.requested == "consent_confirmed"
    return talk


@pytest.mark.parametrize("asked", ["vad är skillnad? jag förstår inte journalen", "vad betyder journal"])
async def test_a_question_about_the_two_ways_explains_them_and_saves_neither(tracker_for, domain, asked):
    # "vad är skillnad? jag förstår inte journalen" was saved as "muntligt" (persona round, session 29).
    await _both_guardians_up_to_the_summary(tracker_for, domain, form_kind_asked=asked)


async def test_both_guardians_are_asked_for_and_each_recorded(tracker_for, domain, case_store_env):
    talk = await _both_guardians_up_to_the_summary(tracker_for, domain)
    await talk.say("ja, spara")
    assert talk.requested is None  # the form is done
    messages, events = await _run(ActionConsentDone(), talk.tracker(), domain)
    assert [m["response"] for m in messages] == ["utter_consent_case_created", "utter_consent_saved"]
    reference = _slot_events(events)["case_reference"]
    assert case_store().check_code(reference, messages[0]["code"]) == CodeCheck.OK
    [saved] = consent_store.consents(case_store(), reference)
    assert [(g.role, g.name) for g in saved.givers] == [("vardnadshavare", "Anna Andersson"),
                                                        ("vardnadshavare", "Per Persson")]
    assert saved.child_view == "Hon tycker att det är bra om skolan vet"
    assert saved.parties == [PartyRecord("BUP Vänersborg", "bup"), PartyRecord("Hagaskolan elevhälsa", "elevhalsa"),
                             PartyRecord("Socialtjänsten barn och unga", "socialtjanst")]
    assert saved.may_share == "Hur det går i skolan och vilket stöd hon får"
    assert saved.must_not_share is None
    assert (saved.valid_from, saved.valid_to) == (TODAY, TODAY.replace(year=TODAY.year + 1))
    assert saved.form == "muntligt" and saved.under_adult_age is True
    # Every form slot is emptied, so a second consent starts afresh.
    assert all(_slot_events(events)[slot] is None for slot in consent_actions.FORM_SLOTS)


async def test_the_summary_shows_what_will_be_saved(tracker_for, domain, case_store_env):
    talk = await _both_guardians_up_to_the_summary(tracker_for, domain)
    [summary], _ = await _run(ActionAskConsentConfirmed(), talk.tracker(), domain)
    assert summary["response"] == "utter_consent_summary"
    assert summary["givers"] == "Vårdnadshavare 1: Anna Andersson, Vårdnadshavare 2: Per Persson"
    assert "BUP Vänersborg, " in summary["parties"]  # the name already says BUP: no label after it
    assert summary["must_not_share"] == "inget särskilt"
    assert summary["status"] == "registrerat via chatt — bekräftas av SIP-ansvarig"
    assert summary["valid_from"] == TODAY.isoformat()


async def test_nothing_is_saved_before_the_summary_is_confirmed(tracker_for, domain, case_store_env):
    talk = await _both_guardians_up_to_the_summary(tracker_for, domain)
    assert await talk.say("kanske") == ["utter_consent_what_to_change"]
    assert talk.requested == "consent_confirmed"
    messages, _ = await _run(ActionConsentDone(), talk.tracker(), domain)
    assert [m["response"] for m in messages] == ["utter_consent_not_saved"]


@pytest.mark.parametrize("text", ["jag vill fråga per en grej först",
                                  "jag ÄR lina. fattar inte vad du menar med hen. är jag tillräckligt gammal?",
                                  "jaså", "ja men vänta"])
async def test_only_a_yes_confirms_the_summary(tracker_for, domain, case_store_env, text):
    # Two messages that began with "ja…" saved a samtycke nobody confirmed (persona round, session 39).
    talk = await _both_guardians_up_to_the_summary(tracker_for, domain)
    await talk.say(text)
    assert talk.slots.get("consent_confirmed") != "ja"
    assert talk.requested == "consent_confirmed"


@pytest.mark.parametrize("text", ["ja", "Ja, spara", "japp stämmer", "ok kör", "visst", "jaaa"])
async def test_a_yes_in_everyday_words_confirms_the_summary(tracker_for, domain, case_store_env, text):
    talk = await _both_guardians_up_to_the_summary(tracker_for, domain)
    await talk.say(text)
    assert talk.slots["consent_confirmed"] == "ja"


async def test_changing_the_dates_asks_only_for_the_dates_again(tracker_for, domain, case_store_env):
    talk = await _both_guardians_up_to_the_summary(tracker_for, domain)
    await talk.say("ändra datum")
    assert talk.requested == "consent_valid_from"
    assert talk.slots["consent_parties"] is not None
    await talk.say((TODAY + timedelta(days=7)).isoformat())
    await talk.say("6 månader")
    assert talk.requested == "consent_confirmed"
    assert talk.slots["consent_valid_from"] == (TODAY + timedelta(days=7)).isoformat()


async def test_a_two_year_period_is_refused_with_the_latest_allowed_date(tracker_for, domain, case_store_env):
    talk = Conversation(tracker_for, domain, slots={"consent_valid_from": TODAY.isoformat()})
    assert await talk.answer("consent_valid_to", "2 år") == ["utter_consent_too_long"]
    assert talk.responses[0]["latest"] == TODAY.replace(year=TODAY.year + 1).isoformat()
    assert talk.slots["consent_valid_to"] is None


async def test_an_end_before_the_start_is_refused(tracker_for, domain, case_store_env):
    start = TODAY + timedelta(days=30)
    talk = Conversation(tracker_for, domain, slots={"consent_valid_from": start.isoformat()})
    assert await talk.answer("consent_valid_to", (TODAY + timedelta(days=10)).isoformat()) \
        == ["utter_consent_end_before_start"]
    assert talk.slots["consent_valid_to"] is None


async def test_a_start_in_the_past_and_an_unclear_date_are_explained(tracker_for, domain, case_store_env):
    talk = Conversation(tracker_for, domain)
    assert await talk.answer("consent_valid_from", (TODAY - timedelta(days=1)).isoformat()) \
        == ["utter_consent_start_in_past"]
    assert await talk.answer("consent_valid_from", "snart") == ["utter_consent_unclear_date"]
    assert talk.slots["consent_valid_from"] is None


async def test_a_start_years_ahead_is_explained_and_not_kept(tracker_for, domain, case_store_env):
    talk = Conversation(tracker_for, domain)
    assert await talk.answer("consent_valid_from", "2099-05-01") == ["utter_consent_start_too_late"]
    assert talk.slots["consent_valid_from"] is None
    assert await talk.answer("consent_valid_from", (TODAY + timedelta(days=60)).isoformat()) == []
    assert talk.slots["consent_valid_from"] == (TODAY + timedelta(days=60)).isoformat()


async def test_a_young_person_under_18_may_give_it_themself_and_is_told_who_judges(tracker_for, domain,
                                                                                  case_store_env):
    # A 17-year-old could not record his own samtycke (persona round, session 29); "Få samtycke": without
    # the age and maturity needed, the guardians give it.
    talk = Conversation(tracker_for, domain, slots={"consent_under_18": "ja"})
    assert await talk.answer("consent_giver", "jag själv") == ["utter_consent_young_giver_maturity"]
    assert talk.slots["consent_giver"] == "ung"
    # Their samtycke is their view: not asked what "barnet" thinks.
    assert talk.requested == "consent_parties"


async def test_a_guardian_cannot_give_it_for_someone_of_18(tracker_for, domain, case_store_env):
    talk = Conversation(tracker_for, domain, slots={"consent_under_18": "nej"})
    assert await talk.answer("consent_giver", "vårdnadshavare") == ["utter_consent_giver_not_allowed_for_age"]
    assert talk.slots["consent_giver"] is None


async def test_a_question_with_the_giver_is_answered_and_the_giver_kept(tracker_for, domain, case_store_env):
    # The question went unanswered and the form moved on (persona round, session 27).
    talk = Conversation(tracker_for, domain, slots={"consent_under_18": "ja"})
    await talk.answer("consent_giver", "jag ar pappa, vi har gemensam vardnad. maste hennes mamma ocksa godkanna?",
                      intent="faq", confidence=0.95)
    assert talk.slots["consent_giver"] == "vardnadshavare"
    said = " ".join(m.get("text") or "" for m in talk.responses)
    assert "Källa" in said or any(m.get("buttons") for m in talk.responses), talk.responses


@pytest.mark.parametrize("slot, text, response", [
    ("consent_giver", "jag är familjehemsmamma, räknas det som företrädare?", "utter_consent_giver_foster_home"),
    ("consent_representative_kind", "inget av dem? jag är familjehem", "utter_consent_giver_foster_home"),
    ("consent_representative_kind", "jag är mormor, har ingen fullmakt. men jag har hand om honom varje dag",
     "utter_consent_giver_relative"),
    ("consent_giver", "mormor", "utter_consent_giver_relative"),
])
async def test_a_foster_home_or_a_relative_is_told_who_gives_the_samtycke(tracker_for, domain, case_store_env, slot,
                                                                         text, response):
    # Saved as "Företrädare med fullmakt" (persona rounds, session 28).
    talk = Conversation(tracker_for, domain, slots={"consent_under_18": "ja", "consent_giver": "foretradare"})
    assert await talk.answer(slot, text) == [response]
    assert talk.slots[slot] is None and talk.slots["consent_giver"] is None


async def test_a_young_adult_consents_alone_and_no_child_view_is_asked(tracker_for, domain, case_store_env):
    talk = await Conversation(tracker_for, domain).start("consent_under_18")
    await talk.say("nej")
    await talk.say("jag själv")
    assert talk.requested == "consent_parties"


async def test_a_representative_kind_given_with_the_giver_is_not_asked_again(tracker_for, domain, case_store_env):
    talk = await Conversation(tracker_for, domain, slots={"consent_under_18": "nej"}).start("consent_giver")
    await talk.say("god man")
    assert talk.slots["consent_representative_kind"] == "god_man"
    assert talk.requested == "consent_parties"


async def test_parties_must_name_something(tracker_for, domain, case_store_env):
    talk = Conversation(tracker_for, domain)
    assert await talk.answer("consent_parties", "   ") == ["utter_consent_no_parties"]
    assert talk.slots["consent_parties"] is None


async def test_a_party_the_word_list_misses_takes_the_nlu_entity(tracker_for, domain, case_store_env):
    text = "Kuratorsmottagningen"
    tracker = tracker_for("out_of_scope", text=text, slots={"consent_parties": text, "requested_slot": "consent_parties"},
                          events=[{"event": "slot", "name": "consent_parties", "value": text, "timestamp": None}],
                          active_loop=FORM)
    tracker.latest_message["entities"] = [{"entity": "organisation", "value": "elevhalsa", "start": 0, "end": 20}]
    events = await ValidateConsentForm().run(CollectingDispatcher(), tracker, domain)
    assert json.loads(_slot_events(events)["consent_parties"]) == [["Kuratorsmottagningen", "elevhalsa"]]


async def test_a_knowledge_question_inside_the_form_is_answered_not_saved(tracker_for, domain, case_store_env):
    talk = Conversation(tracker_for, domain)
    await talk.answer("consent_may_share", "hur länge gäller samtycket?", intent="faq", confidence=0.95)
    assert talk.slots["consent_may_share"] is None
    assert talk.responses and "utter_consent_answer_needed" not in [m.get("response") for m in talk.responses]


async def test_a_question_to_the_bot_no_article_fits_is_not_saved_as_a_name(tracker_for, domain, case_store_env):
    talk = Conversation(tracker_for, domain, slots={"consent_under_18": "ja", "consent_giver": "vardnadshavare",
                                                     "consent_guardian_count": "1"})
    await talk.answer("consent_guardian_1", "Varför måste ni veta vad jag heter?", intent="nlu_fallback", confidence=0.3)
    assert talk.slots["consent_guardian_1"] is None and talk.responses


async def test_a_question_instead_of_a_yes_or_no_is_answered(tracker_for, domain, case_store_env):
    talk = Conversation(tracker_for, domain)
    responses = await talk.answer("consent_under_18", "vem ska ge samtycket?", intent="faq", confidence=0.95)
    assert "utter_consent_unclear_yes_no" not in responses and talk.responses
    assert talk.slots["consent_under_18"] is None


async def test_what_may_be_shared_is_saved_even_when_it_reads_like_a_question(tracker_for, domain, case_store_env):
    talk = Conversation(tracker_for, domain)
    assert await talk.answer("consent_may_share", "Hur det går i skolan", intent="faq", confidence=0.97) == []
    assert talk.slots["consent_may_share"] == "Hur det går i skolan"


async def test_an_answer_that_points_to_an_earlier_samtycke_is_asked_again(tracker_for, domain, case_store_env):
    # Persona round, session 32: "samma som förra gången" was saved as what may be shared.
    talk = Conversation(tracker_for, domain)
    assert await talk.answer("consent_may_share", "samma som förra gången") == ["utter_consent_earlier_answer_unknown"]
    assert talk.slots["consent_may_share"] is None
    assert await talk.answer("consent_may_share", "skolan och BUP, samma som innan") == []
    assert talk.slots["consent_may_share"] == "skolan och BUP, samma som innan"


async def test_a_consent_in_an_opened_case_is_saved_there(tracker_for, domain, case_store_env):
    new = case_store().create_case()
    talk = await _both_guardians_up_to_the_summary(tracker_for, domain)
    await talk.say("ja")
    talk.slots.update(case_reference=new.reference, case_verified=True)
    messages, events = await _run(ActionConsentDone(), talk.tracker(), domain)
    assert [m["response"] for m in messages] == ["utter_consent_saved"]
    assert "case_reference" not in _slot_events(events)
    assert len(consent_store.consents(case_store(), new.reference)) == 1


# --- withdrawal ------------------------------------------------------------------------------

def _record(reference: str, start: date, end: date, party: str = "BUP") -> int:
    return consent_store.record_consent(case_store(), reference, NewConsent(
        under_adult_age=False, givers=[Giver("ung")], parties=[PartyRecord(party, None)],
        may_share="Skolgång", valid_from=start, valid_to=end, form="skriftligt"))


async def test_withdrawal_asks_for_reference_and_code_first(tracker_for, domain, case_store_env):
    messages, events = await _run(ActionWithdrawConsent(), tracker_for("withdraw_consent"), domain)
    assert [m["response"] for m in messages] == ["utter_consent_withdraw_needs_case"]
    assert _slot_events(events)["case_next_action"] == "action_withdraw_consent"
    assert events[-1] == {"event": "followup", "name": "case_access_form", "timestamp": None}


async def test_withdrawing_a_consent_given_on_paper_says_whom_to_tell_and_asks_for_no_reference(
        tracker_for, domain, case_store_env):
    messages, events = await _run(ActionWithdrawConsent(), tracker_for(
        "withdraw_consent", text="jag gav samtycket på papper i skolan, inte här, och vill ta tillbaka det"), domain)
    assert [m["response"] for m in messages] == ["utter_consent_withdraw_without_reference"]
    assert events == []


async def test_one_active_consent_goes_straight_to_the_confirmation(tracker_for, domain, case_store_env):
    reference = case_store().create_case().reference
    _record(reference, TODAY, TODAY + timedelta(days=100))
    slots = {"case_reference": reference, "case_verified": True}
    messages, events = await _run(ActionWithdrawConsent(), tracker_for("withdraw_consent", slots=slots), domain)
    assert [m["response"] for m in messages] == ["utter_consent_list"]
    assert _slot_events(events)["consent_withdraw_which"] == "1"
    assert events[-1]["name"] == "consent_withdraw_form"


async def test_expired_consents_are_shown_as_expired_and_cannot_be_withdrawn(tracker_for, domain, case_store_env):
    reference = case_store().create_case().reference
    _record(reference, TODAY, TODAY + timedelta(days=100))
    with case_store().session() as session:  # an old consent whose end date has passed
        from actions.casestore.models_consent import Consent
        session.query(Consent).update({Consent.valid_from: TODAY - timedelta(days=400),
                                       Consent.valid_to: TODAY - timedelta(days=35)})
    slots = {"case_reference": reference, "case_verified": True}
    messages, events = await _run(ActionWithdrawConsent(), tracker_for("withdraw_consent", slots=slots), domain)
    assert [m["response"] for m in messages] == ["utter_consent_list", "utter_consent_none_to_withdraw"]
    assert "Har gått ut" in messages[0]["consents"]
    assert all(e.get("event") != "followup" for e in events)


async def test_several_consents_choose_one_and_confirm(tracker_for, domain, case_store_env):
    reference = case_store().create_case().reference
    _record(reference, TODAY, TODAY + timedelta(days=100), "BUP")
    _record(reference, TODAY, TODAY + timedelta(days=100), "Habiliteringen")
    slots = {"case_reference": reference, "case_verified": True}
    _, events = await _run(ActionWithdrawConsent(), tracker_for("withdraw_consent", slots=slots), domain)
    assert _slot_events(events)["consent_withdraw_which"] is None
    [ask], _ = await _run(ActionAskConsentWithdrawWhich(), tracker_for(slots=slots), domain)
    assert [b["payload"] for b in ask["buttons"]] == ["1", "2", "alla"]

    talk = await Conversation(tracker_for, domain, WITHDRAW_FORM, ValidateConsentWithdrawForm, slots).start(
        "consent_withdraw_which")
    assert await talk.say("7") == ["utter_consent_unclear_which"]
    await talk.say("samtycke 2")
    assert talk.slots["consent_withdraw_which"] == "2"
    talk.requested = "consent_withdraw_confirmed"
    await talk.say("ja")
    messages, _ = await _run(ActionWithdrawConsentDone(), talk.tracker(), domain)
    assert [m["response"] for m in messages] == ["utter_consent_withdrawn"]
    first, second = consent_store.consents(case_store(), reference)
    assert first.withdrawn_at is None
    assert second.withdrawn_at is not None
    assert abs(second.withdrawn_at - datetime.now(timezone.utc)) < timedelta(minutes=5)


async def test_withdrawing_all_and_saying_no(tracker_for, domain, case_store_env):
    reference = case_store().create_case().reference
    _record(reference, TODAY, TODAY + timedelta(days=100))
    _record(reference, TODAY, TODAY + timedelta(days=100))
    slots = {"case_reference": reference, "case_verified": True, "consent_withdraw_which": "alla"}
    messages, _ = await _run(ActionWithdrawConsentDone(),
                             tracker_for(slots={**slots, "consent_withdraw_confirmed": "nej"}), domain)
    assert [m["response"] for m in messages] == ["utter_consent_withdraw_cancelled"]
    assert all(c.withdrawn_at is None for c in consent_store.consents(case_store(), reference))
    messages, _ = await _run(ActionWithdrawConsentDone(),
                             tracker_for(slots={**slots, "consent_withdraw_confirmed": "ja"}), domain)
    assert messages[0]["which"] == "samtycke 1 och 2"
    assert all(c.withdrawn_at is not None for c in consent_store.consents(case_store(), reference))


@pytest.mark.parametrize("text", ["", "kanske", "x" * 5000])
async def test_bad_answers_to_yes_no_questions_are_explained(tracker_for, domain, case_store_env, text):
    talk = await Conversation(tracker_for, domain).start("consent_under_18")
    assert await talk.say(text) == ["utter_consent_unclear_yes_no"]


async def test_a_question_at_the_withdrawal_confirmation_is_answered_then_asked_again(tracker_for, domain,
                                                                                    case_store_env):
    # It got only "Svara ja eller nej" (persona round, session 26).
    talk = Conversation(tracker_for, domain, form=WITHDRAW_FORM, validator=ValidateConsentWithdrawForm)
    responses = await talk.answer("consent_withdraw_confirmed", "vänta. hur länge gäller ett samtycke?", intent="faq",
                                  confidence=0.99)
    assert "utter_consent_unclear_yes_no" not in responses and any(m.get("text") for m in talk.responses)
    assert talk.slots["consent_withdraw_confirmed"] is None
    assert await talk.answer("consent_withdraw_confirmed", "kanske") == ["utter_consent_unclear_yes_no"]


@pytest.mark.parametrize("party, line", [
    (PartyRecord("BUP", "bup"), "BUP (barn- och ungdomspsykiatrin)"),  # was "BUP (BUP (barn- och …))"
    (PartyRecord("bup", "bup"), "BUP (barn- och ungdomspsykiatrin)"),
    (PartyRecord("BUP Vänersborg", "bup"), "BUP Vänersborg"),
    (PartyRecord("Hagaskolan elevhälsa", "elevhalsa"), "Hagaskolan elevhälsa (Elevhälsan)"),
    (PartyRecord("Dr Svensson", None), "Dr Svensson"),
])
def test_a_party_is_named_once_with_what_its_abbreviation_means(party, line):
    from actions.consent import _party_line
    assert _party_line(party) == line


@pytest.mark.parametrize("reply", ["pappan vill inte, han säger nej", "hon samtycker inte", "vet inte vad hon heter"])
async def test_a_sentence_about_a_guardian_is_not_recorded_as_their_name(tracker_for, domain, case_store_env, reply):
    talk = Conversation(tracker_for, domain, slots={"consent_under_18": "ja", "consent_giver": "vardnadshavare",
                                                    "consent_guardian_count": "2"})
    assert await talk.answer("consent_guardian_2", reply) == ["utter_consent_guardian_name_only"]
    assert talk.slots["consent_guardian_2"] is None
    assert await talk.answer("consent_guardian_2", "Anne-Marie O'Neill") == []
    assert talk.slots["consent_guardian_2"] == "Anne-Marie O'Neill"


async def test_only_me_for_the_second_guardian_means_one_guardian_consents(tracker_for, domain, case_store_env):
    # "bara jag" was saved as the second guardian's name (persona round, session 26).
    talk = Conversation(tracker_for, domain, slots={"consent_under_18": "ja", "consent_giver": "vardnadshavare",
                                                    "consent_guardian_count": "2", "consent_guardian_1": "Ahmed Hassan"})
    assert await talk.answer("consent_guardian_2", "bara ja, pappan vill inte") == ["utter_consent_one_guardian"]
    talk.slots["consent_guardian_count"] = "2"
    assert await talk.answer("consent_guardian_2", "bara jag") == ["utter_consent_one_guardian"]
    assert talk.slots["consent_guardian_count"] == "1" and talk.slots["consent_guardian_2"] is None


async def test_a_question_at_how_many_guardians_is_answered_not_counted(tracker_for, domain, case_store_env):
    # "behöver båda föräldrar ge samtycke?" was taken for "två" (persona round, session 26).
    talk = Conversation(tracker_for, domain, slots={"consent_under_18": "ja", "consent_giver": "vardnadshavare"})
    await talk.answer("consent_guardian_count", "behöver båda föräldrar ge samtycke?", intent="faq", confidence=0.99)
    assert talk.slots["consent_guardian_count"] is None
    assert any(m.get("text") for m in talk.responses)  # the answer, from the articles
    assert await talk.answer("consent_guardian_count", "båda") == []
    assert talk.slots["consent_guardian_count"] == "2"
    # Without å/ä/ö and a question mark (verification round, session 26).
    await talk.answer("consent_guardian_count", "maste bada foraldrarna samtycka elr racker en", intent="faq",
                      confidence=0.98)
    assert talk.slots["consent_guardian_count"] is None


@pytest.mark.parametrize("slot", ["consent_may_share", "consent_under_18"])
async def test_fortsatt_typed_at_a_question_asks_it_again(tracker_for, domain, case_store_env, slot):
    # "fortsätt" at a question of a samtycke never paused was saved as the answer (persona round, session 24).
    talk = Conversation(tracker_for, domain)
    responses = await talk.answer(slot, "fortsätt", intent="continue_preparation", confidence=1.0)
    assert talk.slots[slot] is None and responses == ["utter_form_go_on"]


async def test_an_article_button_pressed_at_a_question_is_answered_not_saved(tracker_for, domain, case_store_env):
    talk = Conversation(tracker_for, domain)
    talk.slots["article"] = "samtycke_vad_ar"
    await talk.answer("consent_may_share", '/show_article{"article": "samtycke_vad_ar"}', intent="show_article",
                      confidence=1.0)
    assert talk.slots["consent_may_share"] is None
    assert any("Källa:" in (m.get("text") or "") for m in talk.responses)



@pytest.mark.parametrize("action, intent", [(ActionWithdrawConsent, "withdraw_consent"),
                                            (ActionStartConsent, "give_consent")])
async def test_staff_asking_about_a_familys_consent_get_the_answer_not_the_form(tracker_for, domain, action, intent):
    # "och om föräldern vill ta tillbaka det" started the withdrawal for a socialsekreterare (session 24).
    said = [{"event": "user", "text": "jag jobbar som socialsekreterare"}]
    tracker = tracker_for(intent, text="och om föräldern vill ta tillbaka det", events=said)
    messages, events = await _run(action(), tracker, domain)
    assert "Källa:" in messages[0]["text"] and all(m.get("response") != "utter_consent_options" for m in messages)
    assert events[-1] == {"event": "followup", "name": "action_listen", "timestamp": None}
    assert not any(e.get("name") in ("case_access_form", "consent_form") for e in events)


@pytest.mark.parametrize("age, under_18", [(11, "ja"), (19, "nej")])
async def test_the_age_of_a_request_in_the_opened_case_is_not_asked_again(tracker_for, domain, opened_case, age,
                                                                          under_18):
    # After a request with the child's age, "Är den som SIP:en gäller under 18 år?" was asked again
    # (persona round, session 28).
    from actions import request as request_actions
    from actions.casestore import request_store
    from tests.actions.test_request import _filled

    data = request_actions.request_data(tracker_for(slots=_filled(request_age=str(age))))
    request_store.save_request(request_actions.store(), opened_case.reference, data)
    slots = {"case_reference": opened_case.reference, "case_verified": True}
    _, events = await _run(ActionStartConsent(), tracker_for("give_consent", text="/give_consent", slots=slots),
                           domain)
    assert {"event": "slot", "name": "consent_under_18", "value": under_18, "timestamp": None} in events
    _, events = await _run(ActionStartConsent(), tracker_for("give_consent", text="/give_consent"), domain)
    assert all(e.get("name") != "consent_under_18" or e.get("value") is None for e in events)


@pytest.mark.parametrize("answer", ["nej", "ja"])
async def test_a_yes_or_no_names_no_organisation(tracker_for, domain, case_store_env, answer):
    # "nej" was saved as the organisation (verification round, session 29).
    talk = Conversation(tracker_for, domain)
    assert await talk.answer("consent_parties", answer) == ["utter_consent_no_parties"]
    assert talk.slots["consent_parties"] is None


async def test_staff_who_want_to_record_a_familys_consent_are_told_how_it_is_documented(tracker_for, domain):
    # A socialsekreterare recorded a mother's oral samtycke here; it was saved as given by the
    # vårdnadshavare (verification round, session 31).
    said = [{"event": "user", "text": "jag jobbar som socialsekreterare"}]
    # The button "Lämna samtycke" sends /give_consent.
    tracker = tracker_for("give_consent", text="/give_consent", events=said)
    messages, events = await _run(ActionStartConsent(), tracker, domain)
    assert [m.get("response") for m in messages] == ["utter_consent_staff_family_gives_it"]
    assert "journalen" in messages[0]["documenting"] and "Få samtycke" in messages[0]["source"]
    assert events[-1] == {"event": "followup", "name": "action_listen", "timestamp": None}


async def test_staff_saying_so_at_who_gives_it_are_not_taken_for_the_giver(tracker_for, domain, case_store_env):
    talk = Conversation(tracker_for, domain)
    responses = await talk.answer("consent_giver", "jag är socialsekreteraren, registrerar åt mamman")
    assert talk.slots["consent_giver"] is None
    # Told who gives it, and the form ends with nothing saved (persona round, session 35).
    assert responses == ["utter_consent_staff_family_gives_it"]
    assert talk.requested is None


# --- only some organisations (persona round, session 32) -------------------------------------

LEILA = "nej vänta. inte allt. bara socialtjänsten ska bort. jag vill inte SIP avslutas"


@pytest.mark.parametrize("text", [LEILA, "bara socialtjänsten", "inte allt", "bara för skolan",
                                  "ja, bara socialtjänsten ska bort", "kan jag ta bort bara en verksamhet?",
                                  "vänta. kan jag bara ta bort BUP och skolan får ändå veta?"])
async def test_only_some_organisations_at_the_confirmation_is_explained_and_nothing_withdrawn(
        tracker_for, domain, case_store_env, text):
    # Leila got "Svara ja eller nej" and the warning that the SIP ends (persona round, session 32).
    reference = case_store().create_case().reference
    _record(reference, TODAY, TODAY + timedelta(days=100), "Socialtjänsten, Hagaskolan")
    slots = {"case_reference": reference, "case_verified": True, "consent_withdraw_which": "1"}
    talk = Conversation(tracker_for, domain, WITHDRAW_FORM, ValidateConsentWithdrawForm, slots)
    assert await talk.answer("consent_withdraw_confirmed", text, intent="faq", confidence=0.63) == [
        "utter_consent_withdraw_only_whole"]
    assert talk.slots["consent_withdraw_confirmed"] is None  # the question is asked again
    messages, _ = await _run(ActionWithdrawConsentDone(), talk.tracker(), domain)
    assert [m["response"] for m in messages] == ["utter_consent_withdraw_cancelled"]
    assert consent_store.consents(case_store(), reference)[0].withdrawn_at is None
    # A plain yes still takes it back.
    await talk.answer("consent_withdraw_confirmed", "ja")
    assert talk.slots["consent_withdraw_confirmed"] == "ja"


async def test_only_some_organisations_at_which_consent_is_explained_and_asked_again(tracker_for, domain,
                                                                                   case_store_env):
    reference = case_store().create_case().reference
    _record(reference, TODAY, TODAY + timedelta(days=100), "BUP")
    _record(reference, TODAY, TODAY + timedelta(days=100), "Socialtjänsten")
    slots = {"case_reference": reference, "case_verified": True}
    talk = Conversation(tracker_for, domain, WITHDRAW_FORM, ValidateConsentWithdrawForm, slots)
    for text in ("bara socialtjänsten ska bort", "inte allt, bara för skolan"):
        assert await talk.answer("consent_withdraw_which", text) == ["utter_consent_withdraw_only_whole"]
        assert talk.slots["consent_withdraw_which"] is None
    await talk.answer("consent_withdraw_which", "bara samtycke 2")
    assert talk.slots["consent_withdraw_which"] == "2"
    await talk.answer("consent_withdraw_which", "alla")
    assert talk.slots["consent_withdraw_which"] == "alla"


def test_the_explanation_says_what_the_chat_can_do_and_that_nothing_is_withdrawn_yet(domain):
    [text] = [variant["text"] for variant in domain["responses"]["utter_consent_withdraw_only_whole"]]
    assert "helt samtycke" in text and "Lämna samtycke" in text and "den som kallar till SIP-mötet" in text
    assert "ja" in text
