"""Deliver stored SIP requests from the outbox to each organisation's webhook.

`make deliver` (or `python -m actions.request_delivery`) runs a loop; `--once` runs one pass.
The outbox row is written in the same transaction as the request, so a request stored while
the receiver is down waits in the outbox and goes out on a later pass. A row is marked
delivered only after a 2xx answer; every POST carries an Idempotency-Key (outbox id and status) so a
receiver can drop the rare repeat (answer lost after the receiver stored it). Run one
deliverer per database: two at once could post the same row twice.

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

import aiohttp

from actions.casestore import request_store
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


async def deliver_pending(store: CaseStore, url_template: str, now: datetime | None = None) -> dict[str, int]:
    """One pass over the outbox; returns how many were delivered and how many failed."""
    now = now or datetime.now(timezone.utc)
    counts = {"delivered": 0, "failed": 0, "waiting": 0}
    async with aiohttp.ClientSession(timeout=TIMEOUT) as session:
        for item in request_store.pending_deliveries(store):
            if not due(item.attempts, item.last_attempt_at, now):
                counts["waiting"] += 1
                continue
            url = url_template.format(organisation=item.request["organisation_id"])
            try:
                async with session.post(url, json={"sip_request": item.request},
                                        headers={"Idempotency-Key": f"sip-request-{item.outbox_id}-{item.request['status']}"}) as resp:
                    ok = 200 <= resp.status < 300
            except (aiohttp.ClientError, asyncio.TimeoutError, OSError):
                ok = False  # receiver down: try again on a later pass
            request_store.mark_attempt(store, item.outbox_id, delivered=ok, now=now)
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
