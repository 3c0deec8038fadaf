"""Session 38: a grandparent who asked about samtycke ("jag är mormor till en flicka på 12", then "kan jag ge
samtycke till sip för mitt barnbarn") got the buttons to give or withdraw one, and the consent form then had to
tell her that a relative cannot. A relative gets the article's related articles instead, as staff do; a relative
who has the custody, and a parent, keep the offer. Real rasa_sdk Trackers, the real articles and domain."""
from __future__ import annotations

from typing import Any

import pytest

from actions.answer_question import ActionAnswerQuestion, article_button, offers_fit
from actions.knowledge_base import articles
from actions.relative_cues import said_they_are_a_relative, says_they_have_the_custody
from tests.actions.test_fallback import _run, _tracker, _user
from tests.actions.test_staff_persona37 import _asked, _responses

CONSENT = "samtycke_vem_ger"
CONSENT_BUTTONS = ("Lämna samtycke", "Ta tillbaka samtycke")
GRANDMOTHER = "jag är mormor till en flicka på 12"
QUESTION = "kan jag ge samtycke till sip för mitt barnbarn"


def _button_titles(messages: list[dict[str, Any]]) -> list[str]:
    return [button["title"] for message in messages for button in message.get("buttons") or []]


def _answered(events: list[dict[str, Any]]) -> str | None:
    return next((e["value"] for e in events if e.get("event") == "slot" and e.get("name") == "last_article"), None)


def _picked(tracker_for, article: str, *said_before: dict[str, Any], **slots: Any):
    """The article's button pressed ("Menade du…?", or a related article) after `said_before`, oldest first."""
    # tracker_for puts the latest message first in the events, and the earlier ones after it.
    return tracker_for("show_article", text=f'/show_article{{"article": "{article}"}}', events=list(said_before),
                       slots={"article": article, **slots})


async def test_the_grandmother_who_asked_gets_no_buttons_to_give_a_samtycke(tracker_for, domain):
    # Her question got "Menade du…?" (its words leave the articles open); then she picked "Vem ger samtycke?".
    asked, _ = await _run(ActionAnswerQuestion(), _tracker(_user(GRANDMOTHER, "inform"), _asked(QUESTION, CONSENT)),
                          domain)
    assert not set(CONSENT_BUTTONS) & set(_button_titles(asked))
    tracker = _picked(tracker_for, CONSENT, _user(GRANDMOTHER, "inform"), _asked(QUESTION, CONSENT))
    messages, events = await _run(ActionAnswerQuestion(), tracker, domain)
    assert _answered(events) == CONSENT
    assert "utter_consent_options" not in _responses(messages)
    assert not set(CONSENT_BUTTONS) & set(_button_titles(messages))
    # The related articles instead, as for staff.
    assert article_button(articles()[articles()[CONSENT].related[0]]) in messages[0]["buttons"]


@pytest.mark.parametrize("said, article", [
    ((_asked("hej jag e farfar, vem ger samtycke till sip?", CONSENT),), CONSENT),
    ((_user("jag är hans mormor", "inform"), _asked("hur tar man tillbaka ett samtycke?", "samtycke_dra_tillbaka")),
     "samtycke_dra_tillbaka"),
    ((_user(GRANDMOTHER, "inform"), _asked("vad är samtycke?", "samtycke_vad_ar")), "samtycke_vad_ar"),
])
async def test_a_grandparent_who_types_the_question_gets_no_samtycke_buttons(domain, said, article):
    messages, events = await _run(ActionAnswerQuestion(), _tracker(*said), domain)
    assert _answered(events) == article
    assert "utter_consent_options" not in _responses(messages)
    assert not set(CONSENT_BUTTONS) & set(_button_titles(messages))
    assert article_button(articles()[articles()[article].related[0]]) in messages[0]["buttons"]


async def test_a_grandparent_is_not_offered_to_ask_for_a_sip_here(domain):
    said = (_user(GRANDMOTHER, "inform"), _asked("vem kan få en sip?", "sip_vem_kan_fa"))
    messages, events = await _run(ActionAnswerQuestion(), _tracker(*said), domain)
    assert _answered(events) == "sip_vem_kan_fa"
    assert "utter_offer_request" not in _responses(messages)
    assert "Begära en SIP" not in _button_titles(messages)


async def test_a_grandparent_is_still_offered_the_preparation(domain):
    # A relative may be at the meeting or sit beside the child: nothing in it is a guardian's to do.
    said = (_user(GRANDMOTHER, "inform"), _asked("hur förbereder man ett sip möte?", "sip_forbereda_mote"))
    messages, events = await _run(ActionAnswerQuestion(), _tracker(*said), domain)
    assert _answered(events) == "sip_forbereda_mote"
    assert "utter_offer_preparation" in _responses(messages)


@pytest.mark.parametrize("said", [
    (_asked("jag är mamma, kan jag ge samtycke till sip för min dotter?", CONSENT),),
    (_user("jag är mormor och har vårdnaden", "inform"), _asked("vem ger samtycke till sip?", CONSENT)),
    (_asked("ja e farfar o har vårdnaden om honom. hur ger jag samtycke?", CONSENT),),
])
async def test_a_parent_or_a_grandparent_with_the_custody_keeps_the_offer(domain, said):
    messages, events = await _run(ActionAnswerQuestion(), _tracker(*said), domain)
    assert _answered(events) == CONSENT
    assert "utter_consent_options" in _responses(messages)


async def test_a_grandmother_with_the_custody_who_picks_the_article_keeps_the_offer(tracker_for, domain):
    tracker = _picked(tracker_for, CONSENT, _user("jag är mormor och har vårdnaden", "inform"),
                      _asked(QUESTION, CONSENT))
    messages, _ = await _run(ActionAnswerQuestion(), tracker, domain)
    assert "utter_consent_options" in _responses(messages)


def test_a_grandparent_who_chose_vardnadshavare_in_a_form_keeps_the_offer(tracker_for):
    told = tracker_for("faq", text=QUESTION, events=[_user(GRANDMOTHER, "inform")])
    chose = tracker_for("faq", text=QUESTION, events=[_user(GRANDMOTHER, "inform")],
                        slots={"request_role": "vardnadshavare"})
    assert said_they_are_a_relative(told) and not offers_fit(told, staff=False, offer="utter_consent_options")
    assert not said_they_are_a_relative(chose) and offers_fit(chose, staff=False, offer="utter_consent_options")
    # Only a guardian's offers are held back; without an offer named, as before.
    assert offers_fit(told, staff=False, offer="utter_offer_preparation") and offers_fit(told, staff=False)


@pytest.mark.parametrize("text, custody", [
    ("jag är mormor och har vårdnaden", True),
    ("jag är mormor till en flicka på 12 och har vårdnaden om henne", True),
    ("jag är hennes mormor och vårdnadshavare", True),
    ("jag är mormor men inte vårdnadshavare", False),
    ("jag är mormor, inte vårdnadshavare", False),
    ("jag är mormor, mamman är vårdnadshavare", False),
    ("min dotter är mamman och har vårdnaden", False),
    ("jag är mormor. kan jag bli vårdnadshavare?", False),
    (QUESTION, False),
])
def test_who_has_the_custody(text, custody):
    assert says_they_have_the_custody(text) is custody, text


@pytest.mark.parametrize("who, offered", [(GRANDMOTHER, False), ("jag är mamma till en flicka på 12", True)])
async def test_a_consent_question_read_as_the_wish_to_give_one_offers_the_buttons_only_to_a_guardian(
        domain, who, offered):
    # The consent action answers a question instead of starting the form, and added the buttons itself.
    from actions.consent import ActionStartConsent
    said = (_user(who, "inform"), _asked("kan jag ge samtycke till sip för henne?", CONSENT, intent="give_consent"))
    messages, _ = await _run(ActionStartConsent(), _tracker(*said), domain)
    assert ("utter_consent_options" in _responses(messages)) is offered
