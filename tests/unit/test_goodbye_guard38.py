"""A goodbye needs words that take leave (bot/components/goodbye_guard.py, bot/goodbye_cues.yml).

Persona round, session 38: Sara, 17, wrote "wtf så jag måste byta allt" (`goodbye` 0.88) and "va? jag sa
inte hejdå" (`goodbye` 0.91) and got "Hej då! Du är välkommen tillbaka när du vill." twice."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.crisis_classifier import CrisisLexiconClassifier
from bot.components.exact_commands import ExactCommandClassifier
from bot.components.goodbye_guard import GoodbyeCueGuard

ROOT = Path(__file__).resolve().parents[2]
PIPELINE = yaml.safe_load((ROOT / "bot" / "config.yml").read_text(encoding="utf-8"))["pipeline"]


def settings(name: str) -> dict:
    return next(c for c in PIPELINE if c["name"].endswith(name))


def guard() -> GoodbyeCueGuard:
    config = settings("GoodbyeCueGuard")
    return GoodbyeCueGuard({**config, "cues": str(ROOT / config["cues"])})


def message(text: str, ranking: list[tuple[str, float]]) -> Message:
    entries = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    return Message(data={TEXT: text, INTENT: dict(entries[0]), INTENT_RANKING_KEY: entries})


def guarded(text: str, ranking: list[tuple[str, float]] | None = None) -> Message:
    return guard().process([message(text, ranking or [("goodbye", 0.88), ("faq", 0.06)])])[0]


def intent_of(text: str, ranking: list[tuple[str, float]] | None = None) -> str:
    return guarded(text, ranking).get(INTENT)["name"]


def goodbye_examples() -> list[str]:
    """The goodbye examples the classifier is trained on (never the held-out ones, which measure the guard)."""
    found = []
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
            if block.get("intent") == "goodbye":
                found += [line.strip()[2:] for line in block["examples"].splitlines()
                          if line.strip().startswith("- ")]
    return found


# --- Sara's two messages -------------------------------------------------------------------

@pytest.mark.parametrize("text,confidence", [("wtf så jag måste byta allt", 0.88), ("va? jag sa inte hejdå", 0.91)])
def test_a_goodbye_without_words_of_leaving_is_answered_as_a_question(text, confidence):
    result = guarded(text, [("goodbye", confidence), ("faq", 0.05), ("crisis", 0.01)])
    assert result.get(INTENT) == {"name": "nlu_fallback", "confidence": 0.55}
    # As FallbackClassifier leaves it: the classifier's ranking behind the fallback.
    assert [entry["name"] for entry in result.get(INTENT_RANKING_KEY)] == ["nlu_fallback", "goodbye", "faq", "crisis"]


@pytest.mark.parametrize("text", ["va? jag sa inte hejdå", "inte hejdå", "nej inte hejdå än", "jag har aldrig sagt hej då",
                                  "men jag sa ju inte hej då!!", "jag vill inte säga hejdå",
                                  "jag sa inte att jag måste gå", "jag sa inget om hejdå", "INTE HEJDÅ??"])
def test_a_denied_goodbye_is_no_goodbye(text):
    assert intent_of(text) == "nlu_fallback"


@pytest.mark.parametrize("text", ["hejdå", "hej då!", "Byeee", "hejdååå 👋", "👋", "ok tack. hej", "måste gå nu",
                                  "asså jag maste ga nu, mamma ropar", "Tack, det var allt för idag.", "ha de gött",
                                  "gonatt 😴", "klart", "nej jag vill inte mer, hejdå", "orkar inte hejdå",
                                  "tack för hjälpen, ha det bra"])
def test_a_goodbye_in_words_stays_a_goodbye(text):
    assert guarded(text).get(INTENT) == {"name": "goodbye", "confidence": 0.88}


@pytest.mark.parametrize("text", ["det är klart att jag vill", "det var inte allt", "jag är inte klar", "ok", ""])
def test_words_near_a_cue_are_no_cue(text):
    assert intent_of(text) == "nlu_fallback"


def test_every_trained_goodbye_keeps_its_intent():
    examples = goodbye_examples()
    assert len(examples) > 60
    assert [text for text in examples if intent_of(text) != "goodbye"] == []


def test_every_phrase_that_pauses_the_preparation_keeps_the_goodbye():
    # actions/preparation_flow.says_they_are_leaving pauses only on `goodbye`: "måste gå nu" must stay one.
    questions = yaml.safe_load((ROOT / "knowledge" / "preparation" / "questions.yml").read_text(encoding="utf-8"))
    phrases = questions["leaving"] + questions["leaving_now"]
    assert [text for text in phrases if intent_of(text) != "goodbye"] == []


@pytest.mark.parametrize("intent", ["faq", "nlu_fallback", "stop", "thanks", "greet"])
def test_other_intents_are_left_alone(intent):
    result = guarded("wtf så jag måste byta allt", [(intent, 0.7), ("goodbye", 0.2)])
    assert result.get(INTENT) == {"name": intent, "confidence": 0.7}


# --- in the pipeline -----------------------------------------------------------------------

def test_the_guard_runs_after_the_fallback_and_before_the_commands_and_the_crisis_lexicon():
    names = [c["name"] for c in PIPELINE]
    position = names.index("bot.components.goodbye_guard.GoodbyeCueGuard")
    assert names.index("FallbackClassifier") < position \
        < names.index("bot.components.exact_commands.ExactCommandClassifier") \
        < names.index("bot.components.crisis_classifier.CrisisLexiconClassifier")
    # The fallback it gives is FallbackClassifier's own.
    assert settings("GoodbyeCueGuard")["confidence"] == settings("FallbackClassifier")["threshold"]


def exact_commands() -> ExactCommandClassifier:
    config = settings("ExactCommandClassifier")
    return ExactCommandClassifier({**ExactCommandClassifier.get_default_config(), **config,
                                   "commands": str(ROOT / config["commands"]),
                                   "other_language_words": str(ROOT / config["other_language_words"])})


@pytest.mark.parametrize("text", ["måste gå nu, lektion. pausa", "pausa! måste äta"])
def test_a_pause_typed_with_a_goodbye_still_stops(text):
    # ExactCommandClassifier's ending_intents (persona round, session 26), with or without a cue.
    after_guard = guard().process([message(text, [("goodbye", 0.59), ("stop", 0.39)])])
    assert exact_commands().process(after_guard)[0].get(INTENT) == {"name": "stop", "confidence": 1.0}


def test_a_guarded_goodbye_gets_no_crisis_check_in_from_the_runner_up():
    # The crisis check-in reads the classifier's best guess behind the fallback: still `goodbye`, not the
    # `crisis` behind it.
    result = guarded("wtf så jag måste byta allt", [("goodbye", 0.65), ("crisis", 0.5)])
    crisis = CrisisLexiconClassifier({**CrisisLexiconClassifier.get_default_config(),
                                      **settings("CrisisLexiconClassifier")})
    assert not crisis._model_says_crisis(result)
