"""Times people see are on the municipality's clock, whether the store kept a time zone or not."""
from __future__ import annotations

from datetime import date, datetime, timezone

from actions.local_time import format_moment


def test_a_utc_time_is_shown_in_swedish_time_winter_and_summer():
    assert format_moment(datetime(2026, 12, 6, 19, 13, tzinfo=timezone.utc)) == "2026-12-06 20:13"
    assert format_moment(datetime(2026, 7, 1, 19, 13, tzinfo=timezone.utc)) == "2026-07-01 21:13"


def test_a_time_without_a_zone_is_read_as_utc_as_sqlite_returns_it():
    assert format_moment(datetime(2026, 12, 6, 23, 30)) == "2026-12-07 00:30"


def test_a_date_stays_a_date():
    assert format_moment(date(2026, 12, 31)) == "2026-12-31"
