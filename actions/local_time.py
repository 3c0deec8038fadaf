"""Times people see, on the municipality's clock. The stores keep UTC; SQLite hands them back
without a time zone, so a naive time is read as UTC. /mina-uppgifter showed a withdrawal at
19:13 that the chat had called 20:13 (persona round, session 29)."""
from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

TIME_ZONE = ZoneInfo("Europe/Stockholm")


def local(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(TIME_ZONE)


def format_moment(moment: datetime | date) -> str:
    """A time as "2026-12-06 20:13" in Swedish time; a date as "2026-12-06"."""
    if isinstance(moment, datetime):
        return local(moment).strftime("%Y-%m-%d %H:%M")
    return moment.strftime("%Y-%m-%d")


def today() -> date:
    return datetime.now(TIME_ZONE).date()
