"""The organisation directory by kind (knowledge/organisation_groups.yml, session 36): the few buttons the
request form shows when the organisation typed is not recognised."""
from __future__ import annotations

import yaml

from actions import request_rules as rules
from actions.consent_rules import ORGANISATION_TYPES_FILE
from actions.yes_no import ACKNOWLEDGEMENTS, YES

MAX_KINDS = 5


def _groups_with(monkeypatch, *extra):
    """The groups as they would be with `extra` organisations in the directory."""
    directory = rules.directory() + tuple(extra)
    monkeypatch.setattr(rules, "directory", lambda: directory)
    return rules.organisation_groups.__wrapped__()


def test_a_few_kinds_each_with_organisations():
    groups = rules.organisation_groups()
    assert 2 <= len(groups) <= MAX_KINDS
    assert all(group.organisations for group in groups)


def test_every_organisation_is_under_exactly_one_kind():
    listed = [org.id for group in rules.organisation_groups() for org in group.organisations]
    assert sorted(listed) == sorted(org.id for org in rules.directory())


def test_the_file_names_every_kind_of_the_directory_once():
    rows = rules._groups_file()["groups"]
    kinds = [kind for row in rows for kind in row["kinds"]]
    assert len(kinds) == len(set(kinds))
    assert {org.kind for org in rules.directory()} <= set(kinds)
    assert len(rows) <= MAX_KINDS  # also those without organisations now


def test_a_new_kind_goes_to_the_last_group(monkeypatch):
    new = rules.Organisation("ny", "Familjecentralen", "kommun", kind="familjecentral")
    groups = _groups_with(monkeypatch, new)
    assert groups[-1].label == rules._groups_file()["groups"][-1]["label"] and new in groups[-1].organisations


def test_a_kind_without_organisations_is_not_shown(monkeypatch):
    schools = tuple(org for org in rules.directory() if org.kind == "skola")
    monkeypatch.setattr(rules, "directory", lambda: schools)
    [group] = rules.organisation_groups.__wrapped__()
    assert group.organisations == schools


def test_labels_are_no_organisation_name_and_no_word_for_a_kind():
    """A label typed as a kind ("elevhälsan", "bup") would show the group, not the organisations it names."""
    labels = [rules.fold(group["label"]) for group in rules._groups_file()["groups"]]
    labels.append(rules.fold(rules.other_kinds_label()))
    assert len(labels) == len(set(labels))
    types = yaml.safe_load(ORGANISATION_TYPES_FILE.read_text(encoding="utf-8"))
    words = {rules.fold(form) for entry in types for form in [entry["label"], entry["id"], *entry["forms"]]}
    words |= set(rules._ALIASES) | {rules.fold(org.name) for org in rules.directory()}
    assert not words & set(labels)
    # Nor read by the form as something else before the organisation question sees it.
    assert not any(rules.wants_to_go_back(label) or label in YES | ACKNOWLEDGEMENTS for label in labels)


def test_a_label_is_recognised_as_pressed_or_typed():
    group = rules.organisation_groups()[0]
    assert rules.organisation_group_named(group.label) == group
    assert rules.organisation_group_named(f" {group.label.upper()}! ") == group
    assert rules.organisation_group_named(rules.fold(group.label)) == group  # without å/ä/ö
    assert rules.organisation_group_named(f"{group.label} tror jag") is None
    assert rules.organisation_group_named("") is None and rules.organisation_group_named(None) is None
    assert rules.asks_for_other_kinds(rules.other_kinds_label().lower())
    assert not rules.asks_for_other_kinds(group.label) and not rules.asks_for_other_kinds(None)


def test_a_kind_named_in_other_words_gives_its_organisations():
    assert [org.id for org in rules.organisations_of_a_named_type("han går på barnpsyk")] == ["bup"]
    assert [org.id for org in rules.organisations_of_a_named_type("KONTAKTPERSONEN")] == ["dalsed_socialtjansten_bou"]
    # Only as a whole word: a compound names a place the directory does not have.
    assert rules.organisations_of_a_named_type("Bullerbyförskolan") == []
    assert rules.organisations_of_a_named_type("kaffestugan") == []
    assert rules.organisations_of_a_named_type("") == [] and rules.organisations_of_a_named_type(None) == []
