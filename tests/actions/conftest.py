"""Real rasa_sdk Trackers, the real domain, and a case store in a temporary data directory."""
from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker

from actions import store_access
from actions.casestore import migrate
from bot.domain_files import merged_domain


def make_tracker(
    intent: str | None = None,
    *,
    confidence: float = 0.9,
    text: str = "",
    slots: dict[str, Any] | None = None,
    ranking: list[tuple[str, float]] | None = None,
    events: list[dict[str, Any]] | None = None,
    active_loop: dict[str, Any] | None = None,
) -> Tracker:
    """A tracker as the action server receives it; `ranking` is the faq ResponseSelector's."""
    latest_message: dict[str, Any] = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence} if intent else {},
        "entities": [],
    }
    if ranking is not None:
        latest_message["response_selector"] = {
            "all_retrieval_intents": ["faq"],
            "faq": {
                "response": {"intent_response_key": f"faq/{ranking[0][0]}" if ranking else None},
                "ranking": [
                    {"id": i, "confidence": score, "intent_response_key": f"faq/{article}"}
                    for i, (article, score) in enumerate(ranking)
                ],
            },
        }
    user_event = {"event": "user", "text": text, "parse_data": latest_message}
    return Tracker(
        sender_id="test-user",
        slots=dict(slots or {}),
        latest_message=latest_message,
        events=[user_event] + list(events or []),
        paused=False,
        followup_action=None,
        active_loop=active_loop or {},
        latest_action_name="action_listen",
    )


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    """bot/domain/*.yml merged the way Rasa sends the domain to the action server."""
    merged = merged_domain()
    return {section: merged[section] for section in ("slots", "forms", "responses")}


@pytest.fixture
def case_store_env(tmp_path, monkeypatch):
    """Point the action server's case store at tmp_path and start with no store opened."""
    data_dir = tmp_path / "data"
    monkeypatch.setenv("SIP_DATA_DIR", str(data_dir))
    for name in ("SIP_DATABASE_URL", "SIP_KEY_FILE", "SIP_ENCRYPTION_KEYS", "SIP_CODE_ATTEMPTS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(store_access, "_store", None)
    migrate.upgrade()
    yield data_dir
    if store_access._store is not None:
        store_access._store.engine.dispose()


@pytest.fixture
def opened_case(case_store_env):
    """A case in the store, for slots that say it was opened with its code: a case that is not in the
    store counts as not opened (actions/case_access.py is_verified)."""
    return store_access.case_store().create_case()


@pytest.fixture
def tracker_for():
    """make_tracker, as a fixture so test modules need not import conftest."""
    return make_tracker
