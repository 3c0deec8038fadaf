"""The production profile on one machine: two Rasa replicas, two action servers, PostgreSQL, Redis.

Two Rasa servers read deploy/endpoints.production.yml (PostgreSQL tracker store, Redis lock
store), each with its own action server; both action servers share one PostgreSQL case
store. The web app routes every conversation to one replica (channels.routing). Twenty
conversations run at once through the web app while replica 0 is killed (SIGKILL, like a
crash) and restarted (each conversation then sends two messages at the same moment), and
then replica 1 is stopped. Afterwards every conversation must have every message once, in
order and never interleaved, in the tracker store, and exactly one case with its answer.

The replicas are killed between two messages of each conversation (every conversation waits
at a barrier): a message in flight when its replica dies is not this test's subject. The web
app then answers 503 and never resends it elsewhere (tests/unit/test_routing.py), since the
dead replica may already have recorded it.
"""
from __future__ import annotations

import json
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable

import pytest

from channels.routing import rendezvous_order
from tests.e2e.conftest import texts
from tests.e2e.scaled_stack import ScaledStack, production_profile, redis_clients_on_lock_db

pytestmark = [pytest.mark.e2e, pytest.mark.postgres, pytest.mark.redis]

CONVERSATIONS = 20


# --- The conversations ---------------------------------------------------------------------


@dataclass
class Conversation:
    sender: str
    answer: str
    # What was sent, in order; a tuple holds messages sent at the same time (in any order).
    sent: list[str | tuple[str, ...]] = field(default_factory=list)
    reference: str | None = None

    def say(self, stack: ScaledStack, message: str, expect: Callable[[str], bool]) -> str:
        text = texts(stack.chat(self.sender, message))
        self.sent.append(message)
        assert expect(text), f"{self.sender} after {message!r}: {text!r}"
        return text

    def say_at_once(self, stack: ScaledStack, messages: tuple[str, ...], expect: Callable[[str], bool]) -> None:
        """Several messages of this conversation at the same moment, as from two open tabs."""
        with ThreadPoolExecutor(max_workers=len(messages)) as pool:
            replies = list(pool.map(lambda m: texts(stack.chat(self.sender, m)), messages))
        self.sent.append(messages)
        for message, text in zip(messages, replies):
            assert expect(text), f"{self.sender} after {message!r}: {text!r}"

    def expected_user_texts(self, stored: list[str]) -> list[str]:
        """`sent` flattened, each group of simultaneous messages in the order they were stored."""
        expected: list[str] = []
        for entry in self.sent:
            if isinstance(entry, tuple):
                group = stored[len(expected):len(expected) + len(entry)]
                expected += group if sorted(group) == sorted(entry) else list(entry)
            else:
                expected.append(entry)
        return expected


def _field(text: str, name: str) -> str:
    return next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith(f"{name}:"))


def _greet_and_start_preparation(stack: ScaledStack, c: Conversation) -> None:
    c.say(stack, "hej", lambda t: "chattbot" in t)
    c.say(stack, "Vad är SIP?", lambda t: "Källa:" in t)
    c.say(stack, "/start_preparation", lambda t: "Vem är det som svarar" in t and "Förlåt" not in t)
    c.say(stack, "Jag är den unga", lambda t: "Hur gammal" in t)
    c.say(stack, "hoppa över", lambda t: "Vad är viktigt för dig?" in t)


def _answer_preparation(stack: ScaledStack, c: Conversation) -> None:
    # Replica 0 is down: its conversations' answers reach replica 1, which must find the
    # active form in the tracker store.
    text = c.say(stack, c.answer, lambda t: "Referens:" in t and "Kod:" in t)
    c.reference = _field(text, "Referens")


def _ask_two_questions_at_once(stack: ScaledStack, c: Conversation) -> None:
    # Both reach the conversation's one replica, whose lock store serialises them.
    c.say_at_once(stack, ("hur länge gäller ett samtycke", "vem kan fa en sip"), lambda t: "Källa:" in t)


def _ask_what_sip_is(stack: ScaledStack, c: Conversation) -> None:
    c.say(stack, "Vad är SIP?", lambda t: "Källa:" in t)


def _all_at_once(stack: ScaledStack, conversations: list[Conversation],
                 step: Callable[[ScaledStack, Conversation], None]) -> None:
    """Every conversation takes `step` concurrently; returns when all have (a barrier)."""
    with ThreadPoolExecutor(max_workers=len(conversations)) as pool:
        for future in [pool.submit(step, stack, c) for c in conversations]:
            future.result()


# --- The test ----------------------------------------------------------------------------------


def test_conversations_survive_a_replica_crash_without_lost_duplicated_or_reordered_messages(tmp_path, monkeypatch):
    from actions.casestore.store import CaseStore
    from actions.settings import load as load_settings

    with production_profile(tmp_path, replicas=2) as profile:
        stack = profile.stack
        conversations = [Conversation(f"scale-{i:02d}-{uuid.uuid4().hex[:8]}",
                                      f"Att må bra och vilja gå till skolan igen {i}") for i in range(CONVERSATIONS)]
        on_replica = {url: [c for c in conversations if rendezvous_order(c.sender, stack.rasa_urls)[0] == url]
                      for url in stack.rasa_urls}
        assert all(on_replica.values()), "both replicas have conversations of their own"

        # Both replicas up: each conversation on its own replica starts the preparation form.
        _all_at_once(stack, conversations, _greet_and_start_preparation)
        assert redis_clients_on_lock_db() >= 2, "both replicas use the Redis lock store"

        # Replica 0 crashes: its conversations fail over to replica 1, mid-form.
        stack.replicas[0].kill()
        _all_at_once(stack, conversations, _answer_preparation)

        # Replica 0 is back: its conversations return to it and continue where replica 1 left
        # them; two messages of each conversation arrive at once.
        stack.replicas[0].start()
        stack.replicas[0].wait_until_up()
        _all_at_once(stack, conversations, _ask_two_questions_at_once)

        # Replica 1 stops: replica 0 continues every conversation, also those it never served.
        stack.replicas[1].stop()
        _all_at_once(stack, conversations, _ask_what_sip_is)

        # The tracker store has each message once, in the order it was sent, each answered
        # before the next one was handled (no interleaved turns, also for simultaneous messages).
        for c in conversations:
            rows = profile.query("tracker", "SELECT type_name, timestamp, data FROM events WHERE sender_id = %s "
                                            "ORDER BY id", (c.sender,))
            user_texts = [json.loads(data)["text"] for type_name, _, data in rows if type_name == "user"]
            assert user_texts == c.expected_user_texts(user_texts), c.sender
            assert len({data for _, _, data in rows}) == len(rows), f"{c.sender}: an event was stored twice"
            timestamps = [ts for _, ts, _ in rows]
            assert timestamps == sorted(timestamps), f"{c.sender}: events stored out of order"
            kinds = [type_name for type_name, _, _ in rows]
            turns = "".join("U" if k == "user" else "B" if k == "bot" else "" for k in kinds)
            assert turns.startswith("U") and "UU" not in turns and turns.endswith("B"), f"{c.sender}: {turns}"
            slots = [json.loads(data) for type_name, _, data in rows if type_name == "slot"]
            assert [s["value"] for s in slots if s["name"] == "case_reference"] == [c.reference]

        # The case store has exactly one case per conversation, holding that conversation's answer.
        assert len({c.reference for c in conversations}) == CONVERSATIONS
        assert profile.query("cases", "SELECT count(*) FROM cases") == [(CONVERSATIONS,)]
        assert profile.query("cases", "SELECT count(*), max(version) FROM preparation_answers") == [(CONVERSATIONS, 1)]
        for name in ("SIP_DATABASE_URL", "SIP_ENCRYPTION_KEYS", "SIP_DATA_DIR"):
            monkeypatch.setenv(name, profile.env[name])
        store = CaseStore(load_settings())  # as the action servers open it
        try:
            for c in conversations:
                assert store.answers(c.reference) == {"important_to_me": c.answer}
        finally:
            store.engine.dispose()
