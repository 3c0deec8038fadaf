"""deploy/endpoints.production.yml: every value comes from the environment, as Rasa reads it."""
from __future__ import annotations

from pathlib import Path

import pytest

ENDPOINTS = Path(__file__).resolve().parents[2] / "deploy" / "endpoints.production.yml"
ENV = {
    "SIP_ACTION_SERVER_URL": "http://actions:5055/webhook",
    "SIP_TRACKER_DB_HOST": "db.internal",
    "SIP_TRACKER_DB_PORT": "5432",
    "SIP_TRACKER_DB_NAME": "rasa",
    "SIP_TRACKER_DB_USER": "rasa",
    "SIP_TRACKER_DB_PASSWORD": "s3cret",
    "SIP_REDIS_HOST": "redis.internal",
    "SIP_REDIS_PORT": "6379",
    "SIP_REDIS_DB": "1",
    "SIP_REDIS_PASSWORD": "",
    "SIP_REDIS_KEY_PREFIX": "sipguiden",
}


def _read(monkeypatch, env: dict[str, str]):
    from rasa.core.utils import read_endpoints_from_path

    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return read_endpoints_from_path(ENDPOINTS)


def test_every_value_is_substituted_from_the_environment(monkeypatch):
    endpoints = _read(monkeypatch, ENV)
    assert endpoints.action.url == "http://actions:5055/webhook"
    tracker = endpoints.tracker_store
    assert (tracker.type, tracker.url) == ("SQL", "db.internal")
    assert tracker.kwargs == {"dialect": "postgresql", "port": "5432", "db": "rasa", "username": "rasa",
                              "password": "s3cret"}
    lock = endpoints.lock_store
    assert (lock.type, lock.url) == ("redis", "redis.internal")
    assert lock.kwargs == {"port": "6379", "db": "1", "password": "", "key_prefix": "sipguiden"}


def test_a_missing_variable_stops_rasa_instead_of_reaching_a_literal_host(monkeypatch):
    from rasa.shared.exceptions import RasaException

    with pytest.raises(RasaException, match="SIP_REDIS_HOST"):
        _read(monkeypatch, {k: v for k, v in ENV.items() if k != "SIP_REDIS_HOST"})
