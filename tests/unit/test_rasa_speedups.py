"""The speed-ups bot/components installs in the Rasa server (docs/production.md)."""
import sqlite3

import jsonschema
import pytest
import sqlalchemy as sa
from rasa.core.actions.action import RemoteAction

import bot.components  # noqa: F401 - installs the speed-ups, as Rasa's import of a component does
from bot.components import action_response_validation

VALID = [
    {},
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "prep_step", "value": "important"}],
     "responses": [{"text": "Vad är viktigt för dig?", "buttons": []}]},
    {"events": [{"event": "followup", "name": "preparation_form"}], "responses": [{"response": "utter_x"}]},
]
INVALID = [
    {"events": "slot"},
    {"events": [{"name": "no event key"}]},
    {"events": [{"event": "no_such_event"}]},
    {"responses": ["a plain string, not an object"]},
    ["not", "an", "object"],
]


def _remote_action() -> RemoteAction:
    return RemoteAction("action_test", None)


def test_rasa_uses_the_once_checked_validator():
    assert RemoteAction._validate_action_result is action_response_validation._validate_action_result


@pytest.mark.parametrize("response", VALID)
def test_valid_responses_pass_as_with_jsonschema_validate(response):
    jsonschema.validate(response, RemoteAction.action_response_format_spec())  # the reference verdict
    assert _remote_action()._validate_action_result(response) is True


@pytest.mark.parametrize("response", INVALID)
def test_invalid_responses_raise_rasas_own_error(response):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(response, RemoteAction.action_response_format_spec())
    with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server response"):
        _remote_action()._validate_action_result(response)


def test_sqlite_engines_write_ahead_without_waiting_for_the_disk_on_commit(tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'tracker.sqlite3'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    engine.dispose()
    # WAL mode is a property of the file: a plain connection that installed nothing sees it too.
    assert sqlite3.connect(tmp_path / "tracker.sqlite3").execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_every_event_type_resolves_to_the_class_rasa_finds_and_unknown_ones_as_rasa_does():
    from rasa.shared.core.events import Event, UserUttered
    from rasa.shared.utils.common import all_subclasses

    from bot.components import event_class_cache

    assert Event.resolve_by_type is event_class_cache._resolve_by_type
    names = {cls.type_name for cls in all_subclasses(Event)}
    for _ in range(2):  # the second round comes from the remembered classes
        for name in names:
            assert Event.resolve_by_type(name) is event_class_cache._RASA_RESOLVE(name), name
    assert Event.resolve_by_type("no_such_event", UserUttered) is UserUttered
    assert "no_such_event" not in event_class_cache._found
    with pytest.raises(ValueError):
        Event.resolve_by_type("no_such_event")
    stored = UserUttered("hej", {"name": "greet"}).as_dict()
    assert Event.from_parameters(stored) == UserUttered("hej", {"name": "greet"})
