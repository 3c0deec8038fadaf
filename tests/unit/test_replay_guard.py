"""A resent chat message reaches the bot once and gets the first answer again."""
from __future__ import annotations

import asyncio

import pytest

from channels.replay_guard import ReplayGuard


class Bot:
    def __init__(self) -> None:
        self.calls = 0

    async def send(self) -> dict:
        self.calls += 1
        await asyncio.sleep(0.01)
        return {"messages": [{"text": f"svar {self.calls}"}]}


async def test_a_repeat_gets_the_first_reply_without_a_second_call():
    guard, bot = ReplayGuard(), Bot()
    first = await guard.once("s", "m1", bot.send)
    again = await guard.once("s", "m1", bot.send)
    assert first == again == {"messages": [{"text": "svar 1"}]}
    assert bot.calls == 1


async def test_a_repeat_while_the_first_is_in_flight_waits_for_it():
    guard, bot = ReplayGuard(), Bot()
    results = await asyncio.gather(guard.once("s", "m1", bot.send), guard.once("s", "m1", bot.send))
    assert results[0] == results[1] and bot.calls == 1


async def test_other_ids_and_other_senders_are_separate_messages():
    guard, bot = ReplayGuard(), Bot()
    await guard.once("s", "m1", bot.send)
    await guard.once("s", "m2", bot.send)
    await guard.once("t", "m1", bot.send)
    assert bot.calls == 3


async def test_without_an_id_every_message_is_sent():
    guard, bot = ReplayGuard(), Bot()
    await guard.once("s", None, bot.send)
    await guard.once("s", None, bot.send)
    assert bot.calls == 2


async def test_a_failed_attempt_can_be_retried():
    guard, bot = ReplayGuard(), Bot()

    async def down():
        raise ConnectionError("bot down")

    with pytest.raises(ConnectionError):
        await guard.once("s", "m1", down)
    assert (await guard.once("s", "m1", bot.send))["messages"][0]["text"] == "svar 1"


async def test_entries_expire_and_the_memory_is_bounded():
    now = [0.0]
    guard, bot = ReplayGuard(ttl_seconds=10, max_entries=3, clock=lambda: now[0]), Bot()
    await guard.once("s", "m1", bot.send)
    now[0] = 11
    await guard.once("s", "m1", bot.send)
    assert bot.calls == 2
    for i in range(10):
        await guard.once("s", f"x{i}", bot.send)
    assert len(guard._entries) <= 4
