"""A form answer the classifier took for `help` is told from a plea for the menu (actions/help_in_form.py),
and every free-text form question carries the slot mapping that keeps such an answer (bot/domain/*.yml)."""
from __future__ import annotations

import pytest

from actions.check_in_answer import FREE_TEXT_SLOTS
from actions.help_in_form import ActionAnswerReadAsHelp, answers_the_question
from bot.domain_files import merged_domain

ACTION = ActionAnswerReadAsHelp().name()


@pytest.mark.parametrize("text", [
    "hur jag mår o vad jag får för hjälp",  # a 16-year-old in the preparation got the menu (session 36)
    "hon behöver hjälp med skolan och att sova",  # a parent at the request's needs question
    "jag behöver hjälp med läxorna",
    "behöver hjälp med matte och att komma upp på morgonen",
    "jag fattar inte matte och får ingen hjälp",
    "att jag får mer hjälp",  # an "att" clause answers "Vad är viktigt för dig?"
    "Han behöver hjälp att hitta kompisar.",
])
def test_an_answer_with_help_in_it_is_an_answer(text):
    assert answers_the_question(text)


@pytest.mark.parametrize("text", [
    "hjälp", "hjälp mig", "jag behöver hjälp", "kan du hjälpa mig", "vad kan du hjälpa mig med?", "jag fattar inte",
    "hjälp?", "jag behöver hjälp med det här", "kan jag få lite hjälp snälla", "jag fattar inte vad jag ska skriva",
    "jag vet inte vad jag ska svara", "hjälp mig snälla jag fattar ingenting", "jag behöver hjälp nu direkt",
    "jag förstår inte frågan", "jag förstår inte frågan om skolan",  # about the question, not an answer
    "jag sitter fast här", "hjälp jag vet inte hur man gör", "jag behöver hjälp att fylla i",
    "du måste hjälpa mig med skolan",  # spoken to the bot
    "kan jag få hjälp med skolan",  # a question without "?"
    "", None,
])
def test_a_plea_for_help_is_no_answer(text):
    assert not answers_the_question(text)


def test_a_question_is_an_answer_only_where_the_form_asks_for_questions():
    # The preparation's question 10, "Vilka frågor vill du få svar på under mötet?".
    asked = "vad får jag för hjälp i skolan efter mötet?"
    assert not answers_the_question(asked)
    assert answers_the_question(asked, answers_are_questions=True)
    assert not answers_the_question("vad kan du hjälpa mig med?", answers_are_questions=True)


def _slots() -> dict:
    return merged_domain()["slots"]


def _custom(mappings: list[dict]) -> list[dict]:
    return [m for m in mappings if m.get("type") == "custom" and m.get("action") == ACTION]


@pytest.mark.parametrize("slot", sorted(FREE_TEXT_SLOTS))
def test_every_free_text_question_keeps_an_answer_read_as_help(slot):
    mappings = _slots()[slot]["mappings"]
    typed = [m for m in mappings if m.get("type") == "from_text"]
    kept = _custom(mappings)
    assert typed and len(kept) == 1, f"{slot}: add the `custom` mapping with action {ACTION}"
    # Only for `help`, and only where the slot's own typed answer is taken.
    assert kept[0]["intent"] == "help" and kept[0]["conditions"] == typed[0]["conditions"]
    assert "help" in typed[0]["not_intent"]  # the plea is still no answer


def test_the_mapping_is_only_on_free_text_questions_and_the_action_is_in_the_domain():
    assert {slot for slot, spec in _slots().items() if _custom(spec.get("mappings") or [])} == FREE_TEXT_SLOTS
    names = {entry if isinstance(entry, str) else next(iter(entry)) for entry in merged_domain()["actions"]}
    assert ACTION in names
