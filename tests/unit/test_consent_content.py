"""The consent domain (buttons, forms) and the rules that read the answers agree."""
from __future__ import annotations

import yaml

from actions import consent_rules as rules
from actions.settings import ROOT
from bot.nlu.text import fold

DOMAIN = yaml.safe_load((ROOT / "bot" / "domain" / "consent.yml").read_text(encoding="utf-8"))
RESPONSES = DOMAIN["responses"]


def _payloads(response: str) -> list[str]:
    return [b["payload"] for variant in RESPONSES[response] for b in variant.get("buttons") or []]


def test_every_giver_button_is_understood_and_allowed_for_its_age():
    for variant in RESPONSES["utter_ask_consent_giver"]:
        under_18 = any(c.get("value") == "ja" for c in variant.get("condition") or [])
        for button in variant["buttons"]:
            assert rules.parse_giver(button["payload"]) in rules.allowed_givers(under_18), button


def test_every_representative_button_is_a_policy_kind():
    kinds = {rules.parse_representative_kind(p) for p in _payloads("utter_ask_consent_representative_kind")}
    assert kinds == set(rules.policy().representative_kinds)


def test_yes_no_count_date_and_form_buttons_are_understood():
    assert {rules.parse_yes_no(p) for p in _payloads("utter_ask_consent_under_18")} == {True, False}
    assert {rules.parse_yes_no(p) for p in _payloads("utter_ask_consent_withdraw_confirmed")} == {True, False}
    assert {rules.parse_guardian_count(p) for p in _payloads("utter_ask_consent_guardian_count")} == {1, 2}
    assert {rules.parse_form(p) for p in _payloads("utter_ask_consent_form_kind")} == set(rules.policy().forms)
    today = rules.parse_date(_payloads("utter_ask_consent_valid_from")[0], rules.date(2026, 11, 22))
    assert today == rules.date(2026, 11, 22)
    start = rules.date(2026, 11, 22)
    assert rules.parse_period_end(_payloads("utter_ask_consent_valid_to")[0], start) == rules.default_valid_to(start)


def test_every_change_button_in_the_summary_changes_something():
    from actions.consent import CHANGES  # imports rasa_sdk; kept local so the rest stays light

    for payload in _payloads("utter_consent_summary"):
        words = fold(payload)
        if words.startswith("ja"):
            continue
        assert any(key in words for key in CHANGES), payload


def test_the_forms_ask_for_every_slot_the_actions_reset():
    from actions.consent import FORM_SLOTS

    assert set(DOMAIN["forms"]["consent_form"]["required_slots"]) == set(FORM_SLOTS)
    for slot in FORM_SLOTS:
        assert f"utter_ask_{slot}" in RESPONSES or f"action_ask_{slot}" in DOMAIN["actions"], slot
