"""Global commands (bot/global_commands.yml) work inside every form: rules exist, answers aren't swallowed."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from actions.global_commands import COMMAND_INTENTS as GLOBAL_INTENTS, GLOBAL_COMMANDS_FILE
from bot.generate_training_data import domain_forms, global_command_rules

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = yaml.safe_load(GLOBAL_COMMANDS_FILE.read_text(encoding="utf-8"))


def domain_files() -> list[Path]:
    return [p for p in sorted((ROOT / "bot" / "domain").glob("*.yml")) if not p.name.endswith(".generated.yml")]


def free_text_mappings_inside_forms() -> list[tuple[str, dict]]:
    found = []
    for path in domain_files():
        for slot, spec in ((yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("slots") or {}).items():
            for mapping in spec.get("mappings") or []:
                if mapping.get("type") == "from_text" and any("active_loop" in c for c in mapping.get("conditions", [])):
                    found.append((slot, mapping))
    return found


def test_there_are_forms_and_commands_to_check():
    assert domain_forms(), "no forms found in bot/domain"
    assert free_text_mappings_inside_forms(), "no free-text form slots found"
    assert {"crisis", "help", "human", "stop"} <= GLOBAL_INTENTS


@pytest.mark.parametrize("slot,mapping", free_text_mappings_inside_forms(), ids=lambda v: v if isinstance(v, str) else "")
def test_free_text_answers_never_swallow_a_global_command(slot, mapping):
    missing = GLOBAL_INTENTS - set(mapping.get("not_intent") or [])
    assert not missing, f"{slot}: a message with intent {sorted(missing)} would be saved as an answer"


def test_every_form_gets_every_command():
    forms = ["form_a", "form_b"]
    rules = global_command_rules(forms, COMMANDS)["rules"]
    for form in forms:
        handled = {r["steps"][0]["intent"] for r in rules if r["condition"] == [{"active_loop": form}]}
        assert handled == GLOBAL_INTENTS - {"restart"}


def test_continuing_commands_go_back_to_the_form_and_ending_ones_deactivate_it():
    rules = {r["rule"]: r["steps"] for r in global_command_rules(["some_form"], COMMANDS)["rules"]}
    assert rules["help inside some_form"][-2:] == [{"action": "some_form"}, {"active_loop": "some_form"}]
    # The crisis help runs while the form is still active, so it can offer to continue later.
    assert rules["crisis inside some_form"][1] == {"action": "action_crisis_help"}
    assert rules["crisis inside some_form"][-1] == {"active_loop": None}
    assert rules["stop inside some_form"][1] == {"action": "action_deactivate_loop"}
    assert rules["stop inside some_form"][-1] == {"action": "action_stopped"}


def test_every_command_intent_and_action_is_in_the_domain():
    intents, actions, responses = set(), set(), set()
    for path in domain_files():
        domain = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        intents |= {i if isinstance(i, str) else next(iter(i)) for i in domain.get("intents") or []}
        actions |= {a if isinstance(a, str) else next(iter(a)) for a in domain.get("actions") or []}
        responses |= set(domain.get("responses") or {})
    for group in COMMANDS.values():
        for intent, steps in group.items():
            assert intent in intents, intent
            for step in steps:
                assert step in actions | responses, step
