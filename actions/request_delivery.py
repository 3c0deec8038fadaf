"""Deliver stored SIP requests from the outbox to each organisation's webhook.

`make deliver` (or `python -m actions.request_delivery`) runs a loop; `--once` runs one pass.
The outbox row is written in the same transaction as the request, so a request stored while
the receiver is down waits in the outbox and goes out on a later pass. A row is marked
delivered only after a 2xx answer; every POST carries an Idempotency-Key (outbox id and status) so a
receiver can drop the rare repeat (answer lost after the receiver stored it). Run one
deliverer per database: two at once could post the same row twice.

When a person deletes a case whose request was already delivered, a withdrawal notice
(actions/casestore/request_rights.py) goes out the same way: `{"sip_request": {"id", "organisation_id",
"status": "withdrawn"}}` with Idempotency-Key `sip-request-withdrawal-<notice id>`.

Configuration: SIP_DELIVERY_URL, a URL template with {organisation}, for example
https://portal.example/sip-requests/{organisation}. Use HTTPS outside tests: the body
holds the person's contact details.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
from datetime import datetime, timedelta, timezone
from functools import partial

import aiohttp

from actions.casestore import request_store
from actions.casestore.models_request import WITHDRAWN
from actions.casestore.store import CaseStore

URL_ENV = "SIP_DELIVERY_URL"
MAX_BACKOFF_SECONDS = 300
TIMEOUT = aiohttp.ClientTimeout(total=10)


def backoff_seconds(attempts: int) -> int:
    """Wait before the next try after `attempts` failures: 2, 4, 8 … up to 5 minutes."""
    return min(2 ** max(attempts, 1), MAX_BACKOFF_SECONDS)


def due(attempts: int, last_try: datetime | None, now: datetime) -> bool:
    if attempts == 0 or last_try is None:
        return True
    if last_try.tzinfo is None:  # SQLite gives naive UTC back
        last_try = last_try.replace(tzinfo=timezone.utc)
    return now >= last_try + timedelta(seconds=backoff_seconds(attempts))


def _outgoing(store: CaseStore):
    """(item, Idempotency-Key, mark) for everything to send: requests, then withdrawal notices."""
    for item in request_store.pending_deliveries(store):
        yield item, f"sip-request-{item.outbox_id}-{item.request['status']}", partial(
            request_store.mark_attempt, store, item.outbox_id)
    for notice in request_store.pending_withdrawal_notices(store):
        yield notice, f"sip-request-withdrawal-{notice.notice_id}", partial(
            request_store.mark_notice_attempt, store, notice.notice_id)


async def _post(session: aiohttp.ClientSession, url: str, body: dict, key: str) -> bool:
    try:
        async with session.post(url, json={"sip_request": body}, headers={"Idempotency-Key": key}) as resp:
            return 200 <= resp.status < 300
    except (aiohttp.ClientError, asyncio.TimeoutError, OSError):
        return False  # receiver down: try again on a later pass


async def deliver_pending(store: CaseStore, url_template: str, now: datetime | None = None) -> dict[str, int]:
    """One pass over the outbox and the withdrawal notices; returns how many were delivered and how many failed."""
    now = now or datetime.now(timezone.utc)
    counts = {"delivered": 0, "failed": 0, "waiting": 0}
    async with aiohttp.ClientSession(timeout=TIMEOUT) as session:
        for item, key, mark in _outgoing(store):
            if not due(item.attempts, item.last_attempt_at, now):
                counts["waiting"] += 1
                continue
            body = item.request
            ok = await _post(session, url_template.format(organisation=body["organisation_id"]), body, key)
            marked = mark(delivered=ok, now=now)
            if ok and not marked and body["status"] != WITHDRAWN:
                # Its case was deleted during the POST, after the delete hook saw it undelivered.
                request_store.add_withdrawal_notice(store, body["id"], body["organisation_id"])
            counts["delivered" if ok else "failed"] += 1
    return counts


async def run_forever(store: CaseStore, url_template: str, interval: float) -> None:
    while True:
        counts = await deliver_pending(store, url_template)
        if counts["delivered"] or counts["failed"]:
            print(json.dumps(counts), flush=True)
        await asyncio.sleep(interval)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--once", action="store_true", help="one pass, then exit")
    parser.add_argument("--interval", type=float, default=5.0)
    args = parser.parse_args()
    url_template = os.environ.get(URL_ENV)
    if not url_template:
        raise SystemExit(f"{URL_ENV} is not set (a URL template with {{organisation}})")
    store = CaseStore()
    if args.once:
        print(json.dumps(asyncio.run(deliver_pending(store, url_template))))
    else:
        asyncio.run(run_forever(store, url_template, args.interval))


if __name__ == "__main__":
    main()
