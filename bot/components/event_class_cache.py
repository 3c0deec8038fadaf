"""Remember which class each stored event type belongs to.

Rasa 3.6 turns every stored event back into an object on every message, and for each one
`Event.resolve_by_type` walks every subclass of `Event` to find the class with that type name.
In the saturation profile that walk was about 5% of the Rasa server's CPU (docs/production.md).
The classes do not change while the server runs, so a type name found once is looked up in a
dict after that; a name not found yet (or unknown, with Rasa's default or error) still goes
through Rasa's own method.

Installed when Rasa imports the project's components (bot/components/__init__.py).
"""
from __future__ import annotations

from typing import Optional

from rasa.shared.core.events import Event

_RASA_RESOLVE = Event.resolve_by_type
_found: dict[str, type[Event]] = {}


def _resolve_by_type(type_name: str, default: Optional[type[Event]] = None) -> Optional[type[Event]]:
    cls = _found.get(type_name)
    if cls is None:
        cls = _RASA_RESOLVE(type_name, default)
        if cls is not None and cls.type_name == type_name:
            _found[type_name] = cls
    return cls


def install() -> None:
    if Event.resolve_by_type is not _resolve_by_type:
        Event.resolve_by_type = staticmethod(_resolve_by_type)
