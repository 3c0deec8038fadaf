"""Actions read the identifiers the channel took out of the latest message (actions.identifiers)."""
from __future__ import annotations

from cryptography.fernet import Fernet, MultiFernet
from rasa_sdk import Tracker

from actions.identifiers import latest_identifiers
from channels.pii import Found, scrub_request


def _tracker(*messages: tuple[str, dict]) -> Tracker:
    events = [{"event": "user", "text": text, "metadata": metadata} for text, metadata in messages]
    return Tracker("web-1", {}, {}, events, False, None, {}, "action_listen")


def test_the_latest_messages_identifiers_are_decrypted_by_kind():
    cipher = MultiFernet([Fernet(Fernet.generate_key())])
    first = scrub_request("pnr 121212-1212", {}, cipher)
    latest = scrub_request("ring 070-123 45 67 eller a@b.se", {}, cipher)
    tracker = _tracker(first, latest)
    assert latest[0] == "ring [telefonnummer] eller [e-post]"
    assert latest_identifiers(tracker, cipher=cipher) == [Found("e-post", "a@b.se"), Found("telefonnummer", "070-123 45 67")]
    assert latest_identifiers(tracker, "telefonnummer", cipher=cipher) == [Found("telefonnummer", "070-123 45 67")]
    assert latest_identifiers(tracker, "personnummer", cipher=cipher) == []


def test_no_user_message_or_a_foreign_key_gives_nothing():
    cipher = MultiFernet([Fernet(Fernet.generate_key())])
    other = MultiFernet([Fernet(Fernet.generate_key())])
    assert latest_identifiers(_tracker(), cipher=cipher) == []
    assert latest_identifiers(_tracker(scrub_request("a@b.se", {}, other)), cipher=cipher) == []


def test_placeholders_are_restored_in_order():
    from actions.identifiers import restore_latest

    cipher = MultiFernet([Fernet(Fernet.generate_key())])
    text, metadata = scrub_request("070-111 11 11 eller 08-222 22 22, a@b.se", {}, cipher)
    tracker = _tracker((text, metadata))
    assert restore_latest(tracker, text, cipher=cipher) == "070-111 11 11 eller 08-222 22 22, a@b.se"
    assert restore_latest(_tracker(), "[telefonnummer]", cipher=cipher) == "[telefonnummer]"
