"""The samtycke form after the persona round of session 38, driven answer by answer against a real SQLite store:
"dom ska inte prata om min mamma" saved as what may be shared (Lars, 19); a mother's "jag kan bara svara för mig
själv, pappan har inte gett något samtycke. räcker det med mitt?"; a father who typed his wife's name as a giver
and was never asked whether she agreed; parents frightened by the note on the duty to report."""
from __future__ import annotations

import pytest
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa_sdk.executor import CollectingDispatcher

from actions.casestore import consents as consent_store
from actions.consent import ActionAskConsentConfirmed, ActionConsentDone, ValidateConsentForm
from actions.store_access import case_store
from tests.actions.test_consent import FORM, _run, _slot_events

ADULT = {"consent_under_18": "nej", "consent_giver": "ung", "consent_parties": '[["BUP", "bup"]]'}
CHILD = {"consent_under_18": "ja", "consent_giver": "vardnadshavare", "consent_guardian_count": "1",
         "consent_guardian_1": "Johanna Lindqvist", "consent_child_view": "han vill ha hjälp",
         "consent_parties": '[["Hagaskolan", null], ["BUP", "bup"]]',
         "consent_may_share": "hur det går i skolan"}


def _render(domain, response, slots, **kwargs):
    return TemplatedNaturalLanguageGenerator(domain["responses"]).generate_from_slots(response, slots, "rest", **kwargs)


class Talk:
    """As tests/actions/test_consent.py Conversation, but the tracker holds what was said and shown before (the
    form reads who the writer said they are, and whether the note on reporting was shown)."""

    def __init__(self, tracker_for, domain, slots=None, said=()):
        self.tracker_for, self.domain = tracker_for, domain
        self.slots: dict = dict(slots or {})
        self.history: list[dict] = [{"event": "user", "text": text} for text in said]
        self.requested: str | None = None
        self.responses: list[dict] = []

    async def answer(self, slot: str, text: str, intent: str = "out_of_scope") -> list[str]:
        self.requested = slot
        return await self.say(text, intent)

    async def say(self, text: str, intent: str = "out_of_scope") -> list[str]:
        slot = self.requested
        tracker = self.tracker_for(intent, confidence=0.4, text=text,
                                   slots={**self.slots, slot: text, "requested_slot": slot},
                                   events=self.history + [{"event": "slot", "name": slot, "value": text}],
                                   active_loop=FORM)
        latest, *rest = tracker.events
        tracker.events = self.history + [latest] + rest[len(self.history):]  # what was said before comes first
        dispatcher = CollectingDispatcher()
        events = await ValidateConsentForm().run(dispatcher, tracker, self.domain)
        changes = _slot_events(events)
        self.requested = changes.pop("requested_slot", self.requested)
        self.slots.update(changes)
        self.responses = dispatcher.messages
        self.history += [{"event": "user", "text": text}] + [
            {"event": "bot", "metadata": {"utter_action": m.get("response")}} for m in dispatcher.messages]
        return [m.get("response") for m in dispatcher.messages]

    def shown(self, response: str) -> None:
        """A response the bot showed (as a form's question is shown by Rasa, not by the validation)."""
        self.history.append({"event": "bot", "metadata": {"utter_action": response}})

    def tracker(self):
        return self.tracker_for("affirm", slots=dict(self.slots), events=self.history, active_loop={})


# --- 1. what must not be shared, typed at what may be -----------------------------------------------------------

async def test_lars_what_must_not_be_shared_is_not_saved_as_permission(tracker_for, domain, case_store_env):
    talk = Talk(tracker_for, domain, ADULT)
    assert await talk.answer("consent_may_share", "dom ska inte prata om min mamma") == [
        "utter_consent_limit_not_permission"]
    assert talk.responses[0]["limit"] == "min mamma"
    assert talk.slots["consent_may_share"] is None and talk.slots["consent_must_not_share"] == "min mamma"
    assert talk.requested == "consent_may_share"  # asked again
    assert await talk.say("om flytten, boendestöd och mina tider på hab") == []
    assert talk.requested == "consent_valid_from"  # the limits question is skipped: it is answered
    talk.slots.update({"consent_valid_from": "2026-12-07", "consent_valid_to": "2027-12-07",
                       "consent_form_kind": "muntligt"})
    [summary], _ = await _run(ActionAskConsentConfirmed(), talk.tracker(), domain)
    assert summary["may_share"] == "om flytten, boendestöd och mina tider på hab"
    assert summary["must_not_share"] == "min mamma"
    # A subclause puts "inte" before its verb: still what may be shared.
    text = "att skolan får veta så att han inte ska behöva berätta om sin diagnos igen"
    talk = Talk(tracker_for, domain, ADULT)
    assert await talk.answer("consent_may_share", text) == []
    assert talk.slots["consent_may_share"] == text and talk.slots.get("consent_must_not_share") is None


def test_the_reply_says_where_it_went_and_why_the_question_comes_again(domain):
    adult = _render(domain, "utter_consent_limit_not_permission", {"consent_under_18": "nej"}, limit="min mamma")
    child = _render(domain, "utter_consent_limit_not_permission", {"consent_under_18": "ja"}, limit="medicin")
    assert "”min mamma”" in adult["text"] and "inte får berätta" in adult["text"] and "får berätta" in adult["text"]
    assert "far illa" not in adult["text"]
    # The limits question, with its duty to report, is skipped for a child: the reply carries it.
    assert "14 kap. 1 § socialtjänstlagen" in child["text"]


@pytest.mark.parametrize("text, allowed, limit", [
    ("de får prata om allt utom mamma", "de får prata om allt", "mamma"),
    ("hur det går i skolan, men de får inte prata om mamma", "hur det går i skolan", "mamma"),
])
async def test_what_is_allowed_is_kept_and_the_exception_moved(tracker_for, domain, case_store_env, text, allowed,
                                                               limit):
    talk = Talk(tracker_for, domain, ADULT)
    assert await talk.answer("consent_may_share", text) == ["utter_consent_limit_from_sharing"]
    assert (talk.slots["consent_may_share"], talk.slots["consent_must_not_share"]) == (allowed, limit)
    assert talk.requested == "consent_valid_from"


# --- 3. one of two guardians, and a question, at the giver's steps ----------------------------------------------

JOHANNA = "ni? jag kan bara svara för mig själv, pappan har inte gett något samtycke. räcker det med mitt?"


@pytest.mark.parametrize("slot, slots", [("consent_giver", {"consent_under_18": "ja"}),
                                         ("consent_guardian_count", {"consent_under_18": "ja",
                                                                     "consent_giver": "vardnadshavare"})])
async def test_one_guardian_is_recorded_plainly_and_the_question_answered(tracker_for, domain, case_store_env, slot,
                                                                          slots):
    # At the giver step it got the young person's text and the question again. Johanna had said she is the mother:
    # "bara jag" is a guardian's only from a writer known to be one (review, session 38).
    talk = Talk(tracker_for, domain, slots, said=["jag är hans mamma"])
    assert await talk.answer(slot, JOHANNA, intent="faq") == ["utter_consent_one_guardian"]
    assert talk.slots["consent_giver"] == "vardnadshavare" and talk.slots["consent_guardian_count"] == "1"
    assert talk.requested == "consent_guardian_1"
    # What was recorded, and the honest answer to "räcker det med mitt?".
    said = _render(domain, "utter_consent_one_guardian", {}, **{k: v for k, v in talk.responses[0].items()
                                                              if k in ("one_of_two", "source")})["text"]
    assert "en vårdnadshavare samtycker" in said and "säger inte om det räcker" in said


async def test_only_a_guardian_is_recorded_as_the_one_guardian(tracker_for, domain, case_store_env):
    talk = Talk(tracker_for, domain, {"consent_under_18": "ja"})
    assert await talk.answer("consent_giver", "vårdnadshavare, bara jag. pappan vill inte") == [
        "utter_consent_one_guardian"]
    assert talk.slots["consent_guardian_count"] == "1"
    # Not a foster parent, who gives no samtycke.
    talk = Talk(tracker_for, domain, {"consent_under_18": "ja"}, said=["jag är familjehemsförälder"])
    assert "utter_consent_one_guardian" not in await talk.answer("consent_giver", JOHANNA, intent="faq")
    assert talk.slots.get("consent_guardian_count") is None


# --- 4. a parent names the other guardian -----------------------------------------------------------------------

async def _amir_up_to_the_yes(tracker_for, domain) -> Talk:
    talk = Talk(tracker_for, domain, {"consent_under_18": "ja"}, said=["jag ar pappa. min son Yusuf 9 ar"])
    await talk.answer("consent_giver", "vardnadshavare. jag och min fru")
    assert talk.requested == "consent_guardian_count"
    await talk.say("två")
    await talk.say("Amir Haddad")
    assert await talk.say("Leila Haddad") == []
    assert talk.requested == "consent_guardian_2_agreed"
    return talk


async def _on_to_the_save(talk: Talk, domain) -> list:
    for answer in ("han vill att bråk slutar. han tycker ok", "BUP, Hagaskolan", "hur det går i skolan", "nej",
                   "idag", "ett år", "muntligt", "ja, spara"):
        await talk.say(answer)
    assert talk.requested is None
    messages, events = await _run(ActionConsentDone(), talk.tracker(), domain)
    [saved] = consent_store.consents(case_store(), _slot_events(events)["case_reference"])
    return [(giver.role, giver.name) for giver in saved.givers]


async def test_a_parent_is_asked_whether_the_other_guardian_said_yes(tracker_for, domain, case_store_env):
    talk = await _amir_up_to_the_yes(tracker_for, domain)
    asked = _render(domain, "utter_ask_consent_guardian_2_agreed", talk.slots)
    assert asked["text"].startswith("Har Leila Haddad själv sagt ja till samtycket?")
    assert [b["payload"] for b in asked["buttons"]] == ["ja", "nej"]


async def test_without_her_yes_only_the_writer_is_recorded(tracker_for, domain, case_store_env):
    talk = await _amir_up_to_the_yes(tracker_for, domain)
    assert await talk.say("nej, inte än") == ["utter_consent_other_guardian_later"]
    assert (talk.responses[0]["first"], talk.responses[0]["second"]) == ("Amir Haddad", "Leila Haddad")
    said = _render(domain, "utter_consent_other_guardian_later", {}, **{
        k: v for k, v in talk.responses[0].items() if k in ("first", "second", "one_of_two", "source")})["text"]
    assert "bara in Amir Haddad" in said and "Leila Haddad kan lämna sitt samtycke själv senare" in said
    assert talk.slots["consent_guardian_count"] == "1" and talk.slots["consent_guardian_2"] is None
    assert talk.requested == "consent_child_view"
    assert await _on_to_the_save(talk, domain) == [("vardnadshavare", "Amir Haddad")]


async def test_with_her_yes_both_are_recorded(tracker_for, domain, case_store_env):
    talk = await _amir_up_to_the_yes(tracker_for, domain)
    assert await talk.say("ja hon sitter bredvid mig") == []
    assert await _on_to_the_save(talk, domain) == [("vardnadshavare", "Amir Haddad"),
                                                   ("vardnadshavare", "Leila Haddad")]


async def test_an_unclear_answer_asks_again_and_change_who_asks_it_anew(tracker_for, domain, case_store_env):
    talk = await _amir_up_to_the_yes(tracker_for, domain)
    assert await talk.say("kanske") == ["utter_consent_unclear_yes_no"]
    assert talk.requested == "consent_guardian_2_agreed" and talk.slots["consent_guardian_2_agreed"] is None
    await talk.say("ja")
    talk.slots.update({"consent_child_view": "ok", "consent_parties": '[["BUP", "bup"]]',
                       "consent_may_share": "skolan", "consent_must_not_share": "-", "consent_valid_from": "2026-12-07",
                       "consent_valid_to": "2027-12-07", "consent_form_kind": "muntligt"})
    await talk.answer("consent_confirmed", "ändra vem")
    assert talk.slots["consent_guardian_2_agreed"] is None


def test_a_skipped_name_is_asked_about_without_it(domain):
    asked = _render(domain, "utter_ask_consent_guardian_2_agreed", {"consent_guardian_2": "-"})
    assert asked["text"].startswith("Har den andra vårdnadshavaren själv sagt ja")


# --- 5. a worry about the note on the duty to report ------------------------------------------------------------

async def test_a_frightened_question_gets_a_calm_reply_and_the_question_again(tracker_for, domain, case_store_env):
    # Amir: "Jag är inte säker på att jag förstod" and the note again.
    talk = Talk(tracker_for, domain, CHILD)
    assert await talk.answer("consent_must_not_share", "vad betyder det? anmala till social? jag ar radd for anmalan",
                             intent="faq") == ["utter_consent_report_note_explained"]
    assert talk.slots["consent_must_not_share"] is None and talk.requested == "consent_must_not_share"
    # A bare fear may tell of danger (review of session 38): no calm reply for it.
    assert "utter_consent_report_note_explained" not in await talk.answer(
        "consent_must_not_share", "vad betyder det? anmala till social? jag ar radd", intent="faq")
    # A limit that names reporting is an answer.
    assert await talk.answer("consent_must_not_share", "inget om anmälan") == []
    assert talk.slots["consent_must_not_share"] == "anmälan"
    # No note is shown in an adult's samtycke, and no reply about it.
    talk = Talk(tracker_for, domain, {**ADULT, "consent_may_share": "skolan"})
    assert "utter_consent_report_note_explained" not in await talk.answer(
        "consent_must_not_share", "vad betyder anmälan? jag är rädd", intent="faq")


async def test_a_limit_typed_with_the_worry_is_kept(tracker_for, domain, case_store_env):
    # Johanna got the article for staff on anmälningsplikt, and the question again.
    text = ("varför står det om anmälan?? tror ni att han far illa? jag vill inte att de pratar om bråken mellan mig "
            "och hans pappa")
    talk = Talk(tracker_for, domain, CHILD)
    assert await talk.answer("consent_must_not_share", text, intent="faq") == [
        "utter_consent_report_note_explained", "utter_consent_limit_added"]
    assert talk.slots["consent_must_not_share"] == "bråken mellan mig och hans pappa"
    assert talk.requested == "consent_valid_from"


async def test_after_the_note_was_shown_the_worry_is_answered_at_a_later_question(tracker_for, domain, case_store_env):
    talk = Talk(tracker_for, domain, {**CHILD, "consent_must_not_share": "medicin"})
    talk.shown("utter_consent_limit_from_sharing")
    assert await talk.answer("consent_valid_from", "varför skrev du om anmälan? jag blir rädd av det där") == [
        "utter_consent_report_note_explained"]
    assert talk.requested == "consent_valid_from" and talk.slots["consent_valid_from"] is None


def test_the_calm_reply_says_the_note_is_for_everyone_and_the_rule_from_the_sources(domain):
    text = _render(domain, "utter_consent_report_note_explained", {"consent_under_18": "ja"})["text"]
    assert "för alla" in text and "inget om er familj" in text
    assert "14 kap. 1 § socialtjänstlagen" in text and "Källa:" in text


# --- review of session 38: a disclosure with the worry about the note gets the crisis rule, not the calm reply ---
# "varför står det om anmälan? pappa slår mig" got the calm reply and no crisis help: the validation set a slot,
# so Rasa never rejected the form and the crisis rule never ran. Before that change such a message validated
# nothing (the form's mappings leave crisis intents out), Rasa rejected the form, and the rule answered.

DISCLOSURES = [("varför står det om anmälan? pappa slår mig", "crisis"),
               ("vad betyder anmälan? jag vill inte leva", "crisis"),
               ("varför står det om anmälan? han far illa hemma hos sin pappa", "crisis_check_in")]


async def _as_rasa_hands_it(tracker_for, domain, slot: str, text: str, intent: str, slots: dict,
                            said=(), shown=()) -> tuple[list, list]:
    """ValidateConsentForm.run for a message whose intent the form's mappings leave out (`not_intent`): Rasa
    extracts nothing for it, so no slot candidate is among the events."""
    history = [{"event": "user", "text": t} for t in said] + [
        {"event": "bot", "metadata": {"utter_action": response}} for response in shown]
    tracker = tracker_for(intent, confidence=1.0, text=text, slots={**slots, "requested_slot": slot},
                          events=history, active_loop=FORM)
    latest, *rest = tracker.events
    tracker.events = [*rest, latest]
    dispatcher = CollectingDispatcher()
    events = await ValidateConsentForm().run(dispatcher, tracker, domain)
    return [m.get("response") for m in dispatcher.messages], events


def _rejected(events: list) -> bool:
    """As Rasa's FormAction.validate: nothing extracted and no slot validated raises ActionExecutionRejection, and
    the rules for the intent run (bot/global_commands.yml: the crisis help, or the check-in)."""
    return not [e for e in events if e.get("event") == "slot" and e.get("name") != "requested_slot"]


@pytest.mark.parametrize("text, intent", DISCLOSURES)
async def test_a_disclosure_with_the_worry_lets_the_crisis_rule_run(tracker_for, domain, case_store_env, text, intent):
    responses, events = await _as_rasa_hands_it(tracker_for, domain, "consent_must_not_share", text, intent, CHILD)
    assert responses == [] and _rejected(events)
    # Also at a later question, after a reply with the note.
    responses, events = await _as_rasa_hands_it(tracker_for, domain, "consent_valid_from", text, intent,
                                                {**CHILD, "consent_must_not_share": "medicin"},
                                                shown=["utter_consent_limit_from_sharing"])
    assert responses == [] and _rejected(events)


@pytest.mark.parametrize("text, _", DISCLOSURES)
@pytest.mark.parametrize("intent", ["faq", "nlu_fallback", "crisis_check_in", "help_now"])
async def test_a_disclosure_with_the_worry_never_gets_the_calm_reply(tracker_for, domain, case_store_env, text, _,
                                                                     intent):
    # With the message as the answer too (action_crisis_check_in validates it so, and a classifier that read it
    # as a question): no calm reply, whatever the intent.
    talk = Talk(tracker_for, domain, CHILD)
    assert "utter_consent_report_note_explained" not in await talk.answer("consent_must_not_share", text,
                                                                          intent=intent)


@pytest.mark.parametrize("text", ["varför står det om anmälan? jag är rädd för pappa",
                                  "vad betyder anmälan? han blir slagen", "varför står det om anmälan, hon mår dåligt"])
async def test_a_fear_or_feeling_beyond_the_note_gets_no_calm_reply(tracker_for, domain, case_store_env, text):
    talk = Talk(tracker_for, domain, CHILD)
    assert "utter_consent_report_note_explained" not in await talk.answer("consent_must_not_share", text,
                                                                          intent="faq")


async def test_a_crisis_intent_is_rejected_also_for_staff(tracker_for, domain, case_store_env):
    # Staff filling in for the family ended the form with its slots set, so the crisis rule never ran either.
    responses, events = await _as_rasa_hands_it(tracker_for, domain, "consent_child_view",
                                                "eleven säger att hon vill ta sitt liv", "crisis",
                                                {"consent_under_18": "ja", "consent_giver": "vardnadshavare"},
                                                said=["jag är kurator på skolan"])
    assert responses == [] and _rejected(events)


# --- review of session 38: "bara jag" makes a guardian only of a writer known to be one --------------------------

async def test_a_young_persons_only_me_is_not_recorded_as_a_guardian(tracker_for, domain, case_store_env):
    talk = Talk(tracker_for, domain, {"consent_under_18": "ja"}, said=["jag är 16 och vill ge samtycke"])
    assert await talk.answer("consent_giver", "bara jag, pappan vet inte om det") == ["utter_consent_unclear_giver"]
    assert talk.slots["consent_giver"] is None and talk.slots.get("consent_guardian_count") is None
    assert talk.requested == "consent_giver"
    # A parent who said so earlier is the one guardian.
    talk = Talk(tracker_for, domain, {"consent_under_18": "ja"}, said=["jag är hans pappa"])
    assert await talk.answer("consent_giver", "bara jag, mamman vet inte om det") == ["utter_consent_one_guardian"]
    assert talk.slots["consent_giver"] == "vardnadshavare" and talk.slots["consent_guardian_count"] == "1"


# --- review of session 38: the other guardian's own yes is asked whenever two are named --------------------------

async def _two_named_after_the_button(talk: Talk) -> None:
    await talk.answer("consent_giver", "vårdnadshavare")
    assert talk.requested == "consent_guardian_count"
    await talk.say("två")
    await talk.say("Anna Andersson")
    await talk.say("Per Persson")


async def test_the_button_and_two_names_ask_whether_the_other_said_yes(tracker_for, domain, case_store_env):
    # Pressing "Vårdnadshavare" and typing two names recorded both without asking.
    talk = Talk(tracker_for, domain, {"consent_under_18": "ja"})
    await _two_named_after_the_button(talk)
    assert talk.requested == "consent_guardian_2_agreed"
    assert await talk.say("nej") == ["utter_consent_other_guardian_later"]
    assert talk.slots["consent_guardian_count"] == "1" and talk.slots["consent_guardian_2"] is None
    # Not of a writer known to be no guardian.
    talk = Talk(tracker_for, domain, {"consent_under_18": "ja"}, said=["jag är hans mormor"])
    await _two_named_after_the_button(talk)
    assert talk.requested == "consent_child_view"


def test_the_texts_say_the_other_guardian_is_written_in_only_after_their_own_yes(domain):
    for variant in domain["responses"]["utter_consent_other_guardians_yes"]:
        assert "Skriv därför bara in ditt eget samtycke" not in variant["text"]
        assert "bara in den andra vårdnadshavaren om hen själv har sagt ja" in variant["text"]
    asked = _render(domain, "utter_ask_consent_guardian_2_agreed", {"consent_guardian_2": "Per Persson"})["text"]
    assert "bara in den som själv har sagt ja" in asked
