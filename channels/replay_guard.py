"""Answers a resent chat message from memory instead of passing it to Rasa twice.

The widget resends a message when the network failed, with the same client message id.
If the first attempt did reach the bot, the person must not be answered (or recorded) twice.
Per web-app process: a deployment with several web apps routes a sender to one of them.
"""
from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from typing import Awaitable, Callable

Reply = dict


class ReplayGuard:
    def __init__(self, ttl_seconds: float = 600, max_entries: int = 10_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl, self.max_entries, self.clock = ttl_seconds, max_entries, clock
        self._entries: OrderedDict[tuple[str, str], tuple[float, asyncio.Future]] = OrderedDict()

    async def once(self, sender: str, message_id: str | None, send: Callable[[], Awaitable[Reply]]) -> Reply:
        """Run `send` once per (sender, message_id); a repeat gets the first reply."""
        if not message_id:
            return await send()
        self._expire()
        key = (sender, message_id)
        if key in self._entries:
            return await asyncio.shield(self._entries[key][1])
        future: asyncio.Future = asyncio.get_running_loop().create_future()
        self._entries[key] = (self.clock(), future)
        try:
            reply = await send()
        except BaseException as error:
            # A failed attempt never reached the bot's answer: let a retry try again.
            del self._entries[key]
            future.set_exception(error)
            future.exception()  # retrieved, so asyncio does not warn when nobody else waits
            raise
        future.set_result(reply)
        return reply

    def _expire(self) -> None:
        now = self.clock()
        while self._entries:
            created, future = next(iter(self._entries.values()))
            # Over the size cap the oldest goes regardless; otherwise only expired, finished ones.
            if len(self._entries) <= self.max_entries and (now - created < self.ttl or not future.done()):
                break
            self._entries.popitem(last=False)
