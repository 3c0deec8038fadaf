"""Validate action-server responses against a schema that is checked once, not per call.

Rasa 3.6 passes every action-server response to `jsonschema.validate()`, which first checks
Rasa's own response schema against the draft 2020-12 meta-schema, on every call. Under load
that was half of the Rasa server's CPU (profiled with py-spy, docs/production.md). The schema
never changes, so a validator built once gives the same verdict; a response it rejects still
goes through Rasa's own method, so the error and its message stay Rasa's.

Installed when Rasa imports the project's components (bot/components/__init__.py), which it
does in every process that loads the model.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from jsonschema import validators
from rasa.core.actions.action import RemoteAction

_RASA_VALIDATE = RemoteAction._validate_action_result


@lru_cache(maxsize=1)
def _response_validator():
    spec = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(spec)
    validator_class.check_schema(spec)
    return validator_class(spec)


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    if _response_validator().is_valid(result):
        return True
    return _RASA_VALIDATE(self, result)  # raises Rasa's ValidationError


def install() -> None:
    RemoteAction._validate_action_result = _validate_action_result
