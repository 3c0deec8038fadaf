"""Routes each conversation to one of several Rasa replicas, the same one every time.

Rasa 3.6's RedisLockStore issues a conversation's tickets with a read-modify-write of one
Redis key, not atomically, so two replicas handling messages of the same conversation at
once can both hold the lock and interleave or reorder its events (RasaHQ/rasa#9213; the
atomic ConcurrentRedisLockStore was reverted from open source, RasaHQ/rasa#11428). Within
one replica the read-modify-write runs without an await in between, so it cannot interleave.
The web app therefore sends every message of a conversation to one replica, chosen by
rendezvous (highest random weight) hashing of the sender id:

- it is stable across processes and restarts (SHA-256, no Python `hash()` salt), so several
  web apps agree without talking to each other;
- removing a replica moves only that replica's conversations; adding one takes over only
  about 1/N of them.

When the chosen replica cannot be reached (the TCP connection is refused or times out), the
message goes to the next replica in the same sender's order; the conversation continues
there from the shared tracker store. Only failures *before* the request reached a replica
fail over: after a replica has the message it may already have recorded it, so trying
another one could record it twice. Those failures surface to the caller (the widget resends
with the same message id).
"""
from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Sequence

import aiohttp
from aiohttp import ClientConnectorError, ClientSession, ServerTimeoutError

logger = logging.getLogger(__name__)

DEFAULT_RASA_URL = "http://localhost:5005"
# After a failed connection a replica goes to the back of every order for this long, so
# a dead replica costs one failed connect per cool-down rather than one per message.
DEFAULT_COOL_DOWN_SECONDS = 5.0


def replica_urls(environ: dict[str, str]) -> list[str]:
    """SIP_RASA_URLS (comma-separated) or, for one replica, SIP_RASA_URL; duplicates dropped."""
    raw = environ.get("SIP_RASA_URLS") or environ.get("SIP_RASA_URL") or DEFAULT_RASA_URL
    urls: list[str] = []
    for part in raw.split(","):
        url = part.strip().rstrip("/")
        if url and url not in urls:
            urls.append(url)
    if not urls:
        raise ValueError("SIP_RASA_URLS names no Rasa server")
    return urls


def _weight(replica: str, sender: str) -> int:
    digest = hashlib.sha256(f"{replica}\x00{sender}".encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")


def rendezvous_order(sender: str, replicas: Iterable[str]) -> list[str]:
    """All replicas, the sender's own first, then its failover order."""
    return sorted(replicas, key=lambda replica: (_weight(replica, sender), replica), reverse=True)


@dataclass
class ReplicaRouter:
    """The replicas and which of them recently refused a connection."""

    replicas: Sequence[str]
    cool_down_seconds: float = DEFAULT_COOL_DOWN_SECONDS
    clock: Callable[[], float] = time.monotonic
    _down_until: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.replicas:
            raise ValueError("ReplicaRouter needs at least one replica")
        self.replicas = tuple(self.replicas)

    def order(self, sender: str) -> list[str]:
        """The replicas to try for `sender`: its rendezvous order, recently failed ones last."""
        now = self.clock()
        preferred = rendezvous_order(sender, self.replicas)
        up = [r for r in preferred if self._down_until.get(r, 0.0) <= now]
        return up + [r for r in preferred if r not in up]

    def mark_down(self, replica: str) -> None:
        self._down_until[replica] = self.clock() + self.cool_down_seconds

    def mark_up(self, replica: str) -> None:
        self._down_until.pop(replica, None)


class NoReplicaReachable(Exception):
    """No replica accepted a connection: the message reached none of them."""


def never_sent(error: BaseException) -> bool:
    """True when the request failed before any byte reached the replica, so another may take it."""
    if isinstance(error, ClientConnectorError):  # refused, unreachable, unknown host
        return True
    connect_timeout = getattr(aiohttp, "ConnectionTimeoutError", None)  # aiohttp >= 3.10
    if connect_timeout is not None and isinstance(error, connect_timeout):
        return True
    # aiohttp 3.9 tells a connect timeout from a read timeout only by its message.
    return isinstance(error, ServerTimeoutError) and str(error).startswith("Connection timeout")


async def post_json(session: ClientSession, router: ReplicaRouter, sender: str, path: str,
                    payload: Any) -> tuple[int, Any]:
    """POST `payload` to the sender's replica, failing over while no replica got the request.

    Returns the status and, for a 200, the decoded JSON body. Raises NoReplicaReachable, or
    aiohttp's error when the replica failed after it may have received the message.
    """
    for replica in router.order(sender):
        try:
            async with session.post(f"{replica}{path}", json=payload) as resp:
                router.mark_up(replica)
                return resp.status, (await resp.json() if resp.status == 200 else None)
        except Exception as error:
            if not never_sent(error):
                raise
            logger.warning("Rasa replica %s is not reachable; trying the next one", replica)
            router.mark_down(replica)
    raise NoReplicaReachable()
