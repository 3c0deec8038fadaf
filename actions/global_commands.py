"""The intents that are commands everywhere (bot/global_commands.yml), never an answer to a form's question."""
from __future__ import annotations

import yaml

from actions.settings import ROOT

GLOBAL_COMMANDS_FILE = ROOT / "bot" / "global_commands.yml"


def _load_intents() -> frozenset[str]:
    groups = yaml.safe_load(GLOBAL_COMMANDS_FILE.read_text(encoding="utf-8"))
    # "restart" has no rule in the file (Rasa's built-in rule handles it) but is a command too.
    return frozenset(intent for group in groups.values() for intent in group) | {"restart"}


COMMAND_INTENTS = _load_intents()
