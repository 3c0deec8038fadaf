"""Deletes conversation events from Rasa's SQL tracker store (Rasa 3.6 has no API for it).

Rasa keeps every event in the table `events` (sender_id, timestamp as epoch seconds, ...),
so "radera samtalet" and retention are plain SQL keyed by sender_id and timestamp.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import yaml
from sqlalchemy.engine import Engine

EVENTS = "events"


def delete_conversation(engine: Engine, sender_id: str) -> int:
    """Delete every stored event of one conversation; returns how many were deleted."""
    with engine.begin() as conn:
        if not sa.inspect(conn).has_table(EVENTS):
            return 0
        return conn.execute(sa.text(f"DELETE FROM {EVENTS} WHERE sender_id = :sender"),
                            {"sender": sender_id}).rowcount


def delete_events_before(engine: Engine, cutoff_epoch: float) -> int:
    """Delete every event (of any conversation) older than the cutoff; returns how many."""
    with engine.begin() as conn:
        if not sa.inspect(conn).has_table(EVENTS):
            return 0
        return conn.execute(sa.text(f"DELETE FROM {EVENTS} WHERE timestamp < :cutoff"),
                            {"cutoff": cutoff_epoch}).rowcount


def engine_of(tracker_store: Any) -> Engine | None:
    """The SQL engine behind Rasa's (possibly wrapped) tracker store, or None if it is not SQL."""
    seen = 0
    while tracker_store is not None and seen < 5:
        engine = getattr(tracker_store, "engine", None)
        if isinstance(engine, Engine):
            return engine
        tracker_store = getattr(tracker_store, "_tracker_store", None)
        seen += 1
    return None


def url_from_endpoints(path: str | Path | None = None) -> Any:
    """The tracker store's database URL (an SQLAlchemy URL) from an endpoints file
    (SIP_ENDPOINTS by default); None when the tracker store is not SQL."""
    from rasa.core.tracker_store import SQLTrackerStore

    path = Path(path or os.environ.get("SIP_ENDPOINTS", "bot/endpoints.yml"))
    config = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("tracker_store") or {}
    if str(config.get("type", "")).upper() != "SQL":
        return None
    config = {k: _expand(v) for k, v in config.items()}
    return SQLTrackerStore.get_db_url(
        dialect=config.get("dialect", "sqlite"), host=config.get("url"), port=config.get("port"),
        db=config.get("db", "rasa.db"), username=config.get("username"), password=config.get("password"),
        query=config.get("query"))


def _expand(value: Any) -> Any:
    """Endpoint files may use ${VAR} like Rasa's own reader."""
    return os.path.expandvars(value) if isinstance(value, str) else value
