"""The help behind the button under a check-in, for a young person who wrote no crisis words.

"jag har ont i magen varje morgon 😢", from a 10-year-old, got the check-in from the intent classifier
alone (the lexicon finds nothing in it), and the button then gave the full crisis reply, with
Självmordslinjen among the first contacts (persona round). A real crisis keeps the full reply.
"""
from __future__ import annotations

import re

import pytest
import yaml
from rasa_sdk.executor import CollectingDispatcher

from actions.crisis_help import ActionCrisisHelp, crisis_reply, gentle_reply, guardian_reply, help_data
from actions.help_texts import HELP_FILE
from actions.safety.crisis_detector import CrisisLexicon

STOMACH = "jag har ont i magen varje morgon 😢"
PAYLOAD = help_data()["button"]["payload"]


async def _run(tracker, domain):
    dispatcher = CollectingDispatcher()
    events = await ActionCrisisHelp().run(dispatcher, tracker, domain)
    return dispatcher.messages, events


def _user(text: str, intent: str) -> dict:
    return {"event": "user", "text": text, "parse_data": {"text": text, "intent": {"name": intent}}}


def _bot(text: str, button: bool = True) -> dict:
    buttons = [{"title": help_data()["button"]["title"], "payload": PAYLOAD}] if button else []
    return {"event": "bot", "text": text, "data": {"buttons": buttons}}


def _pressed_after(tracker_for, said: str, under: str, *, intent: str = "crisis_check_in", before=(), **kwargs):
    """The tracker of the help button pressed under the bot's `under`, said after `said`."""
    tracker = tracker_for("crisis", text=PAYLOAD, **kwargs)
    action = "action_everyday_talk" if under == help_data()["everyday_talk"] else "action_crisis_check_in"
    tracker.events = [*before, _user(said, intent), {"event": "action", "name": action}, _bot(under),
                      {"event": "action", "name": "action_listen"}, *tracker.events]
    return tracker


def _text(key: str) -> str:
    value = help_data()[key]
    return value if isinstance(value, str) else value["reply"]


def test_the_stomach_ache_has_no_crisis_words():
    # So its check-in came from the intent classifier alone, and nothing in it speaks of danger.
    assert CrisisLexicon.from_yaml().detect(STOMACH) is None


async def test_the_button_under_the_check_in_gives_the_gentle_help(tracker_for, domain):
    messages, _ = await _run(_pressed_after(tracker_for, STOMACH, _text("check_in")), domain)
    [message] = messages
    text = message["text"]
    assert text.startswith(gentle_reply()) and text != crisis_reply()
    lines = [line for line in text.split("\n") if line]
    # A trusted adult first, then the school's elevhälsan, 1177, Bris, and 112 for danger.
    order = ["en vuxen som du litar på", "skolsköterskan eller kuratorn", "1177", "116 111", "Ring 112"]
    places = [next(i for i, line in enumerate(lines) if needle in line) for needle in order]
    assert places == sorted(places)
    # Självmordslinjen is still there, after all of them, for thoughts of not wanting to live.
    [suicide_line] = [i for i, line in enumerate(lines) if "Självmordslinjen" in line]
    assert suicide_line > max(places) and "tankar på att inte vilja leva" in lines[suicide_line]
    assert "90101" in lines[suicide_line] and "mind.se" in lines[suicide_line]
    # The full help stays one tap away.
    assert text.endswith(help_data()["gentle_reply"]["more"])
    assert [b["payload"] for b in message["buttons"]] == [PAYLOAD]


@pytest.mark.parametrize("key", ["everyday_talk", "not_well", "not_in_danger"])
async def test_the_button_under_the_other_kind_replies_gives_the_gentle_help(tracker_for, domain, key):
    messages, _ = await _run(_pressed_after(tracker_for, "ja mår typ dåligt hela tiden", _text(key)), domain)
    assert messages[0]["text"].startswith(gentle_reply())


async def test_inside_a_form_the_gentle_help_comes_with_the_offer_to_go_on(tracker_for, domain):
    tracker = _pressed_after(tracker_for, STOMACH, _text("check_in_in_form"), active_loop={"name": "preparation_form"})
    # The form's next question came after the check-in: the button is still the one under it.
    tracker.events.insert(-2, _bot("Vad är viktigt för dig?", button=False))
    messages, _ = await _run(tracker, domain)
    assert messages[0]["text"].startswith(gentle_reply())
    assert messages[1]["buttons"][0]["payload"].startswith("/resume_form")


@pytest.mark.parametrize("said", [
    # A real crisis, in the lexicon: the full help came right away, and the button gives it again.
    "jag vill inte leva längre",
    "jag skär mig",
])
async def test_a_real_crisis_still_gets_the_full_reply_with_sjalvmordslinjen(tracker_for, domain, said):
    tracker = tracker_for("crisis", text=said, events=[])
    messages, _ = await _run(tracker, domain)
    assert messages[0]["text"] == crisis_reply()
    assert "Självmordslinjen: ring 90101" in crisis_reply()
    # The button pressed later, under "Hjälpen finns kvar", gives the full reply too.
    pressed = _pressed_after(tracker_for, "ok", help_data()["still_available"], intent="affirm",
                             before=[_user(said, "crisis"), {"event": "action", "name": "action_crisis_help"}])
    messages, _ = await _run(pressed, domain)
    assert messages[0]["text"] == crisis_reply()


@pytest.mark.parametrize("said", [
    # Self-harm told as past gets the check-in (lexicon.yml `past`), never the gentle help.
    "det med att jag skar mig förra året",
    # Danger words the lexicon has no pattern for (help.yml `gentle_reply.not_when`).
    "jag är så rädd hela tiden",
    "det är farligt hemma ibland",
])
async def test_a_check_in_on_self_harm_or_danger_words_still_gets_the_full_help(tracker_for, domain, said):
    messages, _ = await _run(_pressed_after(tracker_for, said, _text("check_in")), domain)
    assert messages[0]["text"] == crisis_reply()


async def test_danger_said_earlier_in_the_conversation_still_gets_the_full_help(tracker_for, domain):
    before = [_user("pappa slår mig", "crisis_check_in"), {"event": "action", "name": "action_crisis_check_in"}]
    messages, _ = await _run(_pressed_after(tracker_for, STOMACH, _text("check_in"), before=before), domain)
    assert messages[0]["text"] == crisis_reply()


async def test_a_second_press_gives_the_full_help(tracker_for, domain):
    first = _pressed_after(tracker_for, STOMACH, _text("check_in"))
    messages, _ = await _run(first, domain)
    tracker = tracker_for("crisis", text=PAYLOAD)
    tracker.events = [*first.events, {"event": "action", "name": "action_crisis_help"},
                      _bot(messages[0]["text"]), {"event": "action", "name": "action_listen"}, *tracker.events]
    messages, _ = await _run(tracker, domain)
    assert messages[0]["text"] == crisis_reply()


async def test_typed_help_or_the_button_under_other_texts_gets_the_full_help(tracker_for, domain):
    typed = _pressed_after(tracker_for, STOMACH, _text("check_in"))
    typed.latest_message["text"] = typed.events[-1]["text"] = "hjälp nu"
    messages, _ = await _run(typed, domain)
    assert messages[0]["text"] == crisis_reply()
    # "Är det bråttom, eller är någon i fara? Tryck på knappen."
    messages, _ = await _run(_pressed_after(tracker_for, STOMACH, _text("follow_up_help")), domain)
    assert messages[0]["text"] == crisis_reply()


async def test_a_parent_keeps_the_reply_written_to_a_parent(tracker_for, domain):
    said = "min son har ont i magen varje morgon"
    messages, _ = await _run(_pressed_after(tracker_for, said, help_data()["check_in_guardian"]), domain)
    assert messages[0]["text"] == guardian_reply()
    # Even under the young person's check-in text.
    messages, _ = await _run(_pressed_after(tracker_for, said, _text("check_in")), domain)
    assert messages[0]["text"] == guardian_reply()


def test_the_gentle_help_uses_only_the_contacts_numbers():
    data = yaml.safe_load(HELP_FILE.read_text(encoding="utf-8"))
    text = "\n".join(data["gentle_reply"]["lines"])
    numbers = {contact["number"] for contact in data["contacts"]}
    said = set(re.findall(r"\d[\d ]*\d", text)) - {"18"}  # "under 18 år", Bris's age limit
    assert said <= numbers and {"112", "116 111", "1177", "90101"} <= said
    # The Bris line is the full reply's, word for word.
    bris = [line for line in data["reply"]["lines"] if isinstance(line, str) and line.startswith("• Bris")]
    assert bris and bris[0] in data["gentle_reply"]["lines"]
    assert set(data["gentle_reply"]["after"]) <= set(data)
