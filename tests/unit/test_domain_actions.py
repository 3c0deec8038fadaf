"""Every custom action the domain names is one the action server has.

A name in the domain's `actions` makes Rasa call the action server for it, even when it is one of
Rasa's own (action_default_fallback was listed and never written: every message the dialogue could
not place failed, and so did every later message of the conversation)."""
from rasa_sdk.executor import ActionExecutor

from bot.domain_files import merged_domain


def _domain_actions() -> set[str]:
    names = set()
    for entry in merged_domain()["actions"]:
        names |= set(entry) if isinstance(entry, dict) else {entry}
    return {name for name in names if not name.startswith("utter_")}


def test_every_action_in_the_domain_is_registered_in_the_action_server():
    executor = ActionExecutor()
    executor.register_package("actions")
    assert "action_default_fallback" in _domain_actions()  # or the next line could pass vacuously
    assert sorted(_domain_actions() - set(executor.actions)) == []
