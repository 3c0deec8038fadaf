"""Review of session 37's check-in changes: `calm_fears` must never hide a danger word or a fear of a person
or a place, and `people_answer` must never swallow a disclosure. Real Trackers, help.yml and lexicon."""
from __future__ import annotations

import pytest

from actions.crisis_help import ActionCrisisCheckIn, check_in_key, danger_words_in, help_button, only_names_people
from actions.crisis_help import _lexicon as crisis_lexicon
from tests.actions.test_crisis_persona35 import _run
from tests.actions.test_crisis_persona37 import CHECK_IN_TEXTS, PARTICIPANTS, _tracker, _user

FORM = "preparation_form"


@pytest.mark.parametrize("text", [
    "jag är rädd han har vapen i familjehemmet",
    "rädd att dö på hvb",
    "rädd dom slår på hvb",
    "rädd för kniven och soc",
    "rädd för familjehemspappan",
    "rädd för personalen på hvb",
    "rädd i familjehemmet",
    "rädd att soc berättar för pappa",
    "ja e rädd att soc ska ta mig från mamma",
])
def test_fears_with_danger_people_or_places_keep_112_first(text):
    assert danger_words_in(text)
    assert check_in_key(_tracker(text), guardian=False) == "check_in_danger"


@pytest.mark.parametrize("text", ["rädd att dö på hvb", "jag är rädd han har vapen i familjehemmet"])
def test_calm_fears_leave_out_no_other_word(text):
    words = crisis_lexicon().words_beside_calm_fears(text)
    assert {"do", "vapen"} & set(words), words


@pytest.mark.parametrize("text", ["rädd att soc ska ta mig", "jag är rädd att socialtjänsten ska placera mig"])
def test_only_the_fear_itself_is_left_out(text):
    words = crisis_lexicon().words_beside_calm_fears(text)
    assert "radd" not in words and ("soc" in words or "socialtjansten" in words), words
    assert not danger_words_in(text)


@pytest.mark.parametrize("text", ["jag kallas hora", "jag kallas fet"])
def test_kallas_names_no_one(text):
    assert not crisis_lexicon().only_names_people(text)


async def test_min_pappa_two_turns_after_the_help_gets_the_check_in(domain):
    before = [_user("jag mår skit", "crisis"), {"event": "action", "name": "action_crisis_help"},
              _user("ok", "affirm"), {"event": "action", "name": "utter_ok"},
              {"event": "active_loop", "name": FORM}]
    tracker = _tracker("min pappa", before, PARTICIPANTS, FORM)
    assert not only_names_people(tracker)
    messages, _ = await _run(ActionCrisisCheckIn(), tracker, domain)
    assert any(m.get("buttons") == [help_button()] for m in messages), messages


async def test_min_styvpappa_at_what_not_to_talk_about_gets_the_check_in(domain, case_store_env):
    slots = {**PARTICIPANTS, "prep_step": "not_shared"}
    tracker = _tracker("min styvpappa", [{"event": "active_loop", "name": FORM}], slots, FORM)
    assert not only_names_people(tracker)
    messages, _ = await _run(ActionCrisisCheckIn(), tracker, domain)
    assert CHECK_IN_TEXTS & {m.get("text") for m in messages} or \
        any(m.get("buttons") == [help_button()] for m in messages), messages


@pytest.mark.parametrize("text", ["min pappa", "min bästis alltså hon heter moa"])
def test_outside_a_form_names_are_not_special(text):
    assert not only_names_people(_tracker(text))


def test_names_at_who_helps_still_count():
    slots = {**PARTICIPANTS, "prep_step": "who_helps"}
    assert only_names_people(_tracker("mamma och mentorn", [{"event": "active_loop", "name": FORM}], slots, FORM))
