"""The words the bot tells people to write always mean the same intent (bot/exact_commands.yml)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.exact_commands import ExactCommandClassifier, command_key, load_commands

ROOT = Path(__file__).resolve().parents[2]
COMMANDS_FILE = ROOT / "bot" / "exact_commands.yml"
COMMANDS = load_commands(COMMANDS_FILE)


def intent_of_training_example(text: str) -> str | None:
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            examples = [line.strip()[2:] for line in (block.get("examples") or "").splitlines()
                        if line.strip().startswith("- ")]
            if "intent" in block and any(command_key(e) == command_key(text) for e in examples):
                return block["intent"]
    return None


def configured() -> dict:
    config = yaml.safe_load((ROOT / "bot" / "config.yml").read_text(encoding="utf-8"))
    return next(c for c in config["pipeline"] if c["name"].endswith("ExactCommandClassifier"))


def classify(text: str, ranking: list[tuple[str, float]]) -> Message:
    entries = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    message = Message(data={TEXT: text, INTENT: entries[0], INTENT_RANKING_KEY: entries})
    return ExactCommandClassifier({**configured(), "commands": str(COMMANDS_FILE)}).process([message])[0]


@pytest.mark.parametrize("text", ["KXMP-7RTA", "kxmp 7rta", "A3C4EX", "KXMP-7RTA A3C4EX"])
def test_a_case_reference_or_code_alone_opens_the_case(text):
    # The classifier never saw such strings: DIET once took "CUCU-XAYN" for a crisis, others for faq or deny.
    assert configured()["identifiers_intent"] == "open_case"
    message = classify(text, [("crisis", 0.71), ("faq", 0.2)])
    assert message.get(INTENT) == {"name": "open_case", "confidence": 1.0}


@pytest.mark.parametrize("text", ["min referens är KXMP-7RTA", "A3C4EX?? vad betyder det"])
def test_an_identifier_inside_a_sentence_is_left_to_the_classifier(text):
    assert classify(text, [("faq", 0.9), ("help", 0.05)]).get(INTENT)["name"] == "faq"


@pytest.mark.parametrize("text,intent", [
    ("hjälp", "help"), ("Hjälp!", "help"), ("  hjalp ", "help"), ("HJÄLP NU", "help_now"),
    ("hjälp nu!!", "help_now"), ("jag vill fortsatta", "open_case"), ("Avbryt.", "stop"),
    ("Fortsätt!", "continue_preparation"), ("jag vill fortsätta förbereda mig", "continue_preparation"),
    # After a greeting, and "ja" for "jag" (persona round, session 26).
    ("hej ja vill fortsätta", "open_case"), ("Hej! Hjälp", "help"), ("ja vill fortsätta förbereda mig", "continue_preparation"),
])
def test_a_command_wins_over_an_unsure_classifier(text, intent):
    message = classify(text, [("nlu_fallback", 0.55), ("faq", 0.4), (intent, 0.3)])
    assert message.get(INTENT) == {"name": intent, "confidence": 1.0}
    ranking = [entry["name"] for entry in message.get(INTENT_RANKING_KEY)]
    assert ranking == [intent, "faq"]


@pytest.mark.parametrize("text", ["måste gå nu, lektion. pausa", "ok jag måste sluta nu. avbryt!",
                                  # Persona round, session 30: answered as a question, the questions went on.
                                  "avbryt. jag är den som är KALLAD, inte den som kallar. vad ska jag förbereda?",
                                  "pausa! måste äta"])
def test_a_pause_as_the_first_or_last_sentence_stops(text):
    # Saved as the preparation's answer (persona round, session 26).
    assert classify(text, [("goodbye", 0.59), ("stop", 0.39)]).get(INTENT) == {"name": "stop", "confidence": 1.0}


@pytest.mark.parametrize("text", ["pausa. fast nej, jag fortsätter", "avbryt, nej vänta", "hjälp. jag förstår inte frågan",
                                  "jag vill prata om fotboll, hej"])
def test_other_commands_as_the_last_sentence_are_left_to_the_classifier(text):
    assert classify(text, [("faq", 0.9), ("help", 0.05)]).get(INTENT)["name"] == "faq"


@pytest.mark.parametrize("text", ["hjälp med samtycket", "jag vill fortsätta med frågorna", "hej hej då",
                                  "avbryt inte", "", "!!!"])
def test_anything_else_is_left_to_the_classifier(text):
    message = classify(text, [("faq", 0.9), ("help", 0.05)])
    assert message.get(INTENT) == {"name": "faq", "confidence": 0.9}


def test_every_command_phrase_is_taught_to_the_classifier_as_the_same_intent():
    # The table settles what the classifier should already know; it must not contradict the training data.
    table = yaml.safe_load(COMMANDS_FILE.read_text(encoding="utf-8"))
    for intent, phrases in table.items():
        for phrase in phrases:
            assert intent_of_training_example(phrase) == intent, phrase


def test_words_the_responses_tell_people_to_write_are_exact_commands():
    # A quoted phrase in a response that is a training example of a command intent must be in the table.
    quoted = set()
    for path in sorted((ROOT / "bot" / "domain").glob("*.yml")):
        quoted |= set(re.findall(r"”([^”]+)”", path.read_text(encoding="utf-8")))
    command_intents = set(COMMANDS.values())
    taught = {q for q in quoted if intent_of_training_example(q) in command_intents}
    assert {"hjälp", "avbryt", "jag vill fortsätta"} <= taught
    for phrase in taught:
        assert COMMANDS.get(command_key(phrase)) == intent_of_training_example(phrase), phrase


def test_the_command_table_is_in_the_pipeline():
    config = yaml.safe_load((ROOT / "bot" / "config.yml").read_text(encoding="utf-8"))
    names = [c["name"] for c in config["pipeline"]]
    exact = names.index("bot.components.exact_commands.ExactCommandClassifier")
    # After the fallback (or it would replace the command again), before the crisis lexicon.
    assert names.index("FallbackClassifier") < exact < names.index("bot.components.crisis_classifier.CrisisLexiconClassifier")


def test_an_identifier_in_small_letters_opens_the_case_unless_it_spells_known_words():
    from rasa.nlu.utils.spacy_utils import SpacyModel

    from actions.article_search import spacy_pipeline

    model = SpacyModel(model=spacy_pipeline(), model_name="the project's Swedish pipeline")
    classifier = ExactCommandClassifier({**configured(), "commands": str(COMMANDS_FILE)})

    def intent(text: str) -> str:
        message = Message(data={TEXT: text, INTENT: {"name": "faq", "confidence": 0.9},
                                INTENT_RANKING_KEY: [{"name": "faq", "confidence": 0.9}]})
        return classifier.process([message], model)[0].get(INTENT)["name"]

    assert intent("kmxa-vema") == "open_case" and intent("rkmpvm") == "open_case"
    assert intent("tack tack") == "faq" and intent("tackar") == "faq"


# --- a message in English ------------------------------------------------------------------

@pytest.mark.parametrize("text", ["Do you speak English?", "I am new here and I do not understand Swedish well",
                                  "sorry can we speak english?", "what is SIP", "he likes football and his dog",
                                  "r u a real person?"])
def test_a_message_in_english_gets_the_other_language_intent(text):
    assert classify_in_config(text) == "other_language"


@pytest.mark.parametrize("text", ["jag vill ha hjalp for min son", "vad ar sip", "jag bor i dals-ed", "vill do",
                                  "hi", "min son har adhd och add", "BUP", "ok"])
def test_swedish_typed_without_diacritics_is_not_taken_for_english(text):
    assert classify_in_config(text) != "other_language"


@pytest.mark.parametrize("text", ["hej kan du skriva på arabiska? or english please", "kan vi ta det på engelska?",
                                  "går det att få svar pa somaliska", "can you write in english"])
def test_asking_for_another_language_gets_the_reply_that_the_bot_writes_swedish(text):
    assert classify_in_config(text) == "other_language"


@pytest.mark.parametrize("text", ["jag behöver tolk på arabiska", "tolk kostar pengar eller gratis",
                                  "han pratar bara arabiska hemma", "pappa pratar engelska"])
def test_a_tolk_or_a_language_in_an_answer_is_not_a_wish_for_another_language(text):
    assert classify_in_config(text) != "other_language"


def classify_in_config(text: str) -> str:
    """The intent after ExactCommandClassifier configured as in bot/config.yml (the classifier said faq)."""
    config = yaml.safe_load((ROOT / "bot" / "config.yml").read_text(encoding="utf-8"))
    [settings] = [c for c in config["pipeline"] if c["name"].endswith("ExactCommandClassifier")]
    classifier = ExactCommandClassifier({**ExactCommandClassifier.get_default_config(), **settings})
    message = Message(data={TEXT: text, INTENT: {"name": "faq", "confidence": 0.9},
                            INTENT_RANKING_KEY: [{"name": "faq", "confidence": 0.9}]})
    return classifier.process([message])[0].get(INTENT)["name"]


@pytest.mark.parametrize("text", ["ändra numret till [telefonnummer]",
                                  "nä sorry skriv [telefonnummer] istället, de e mitt jobbnummer", "[telefonnummer]"])
def test_a_replaced_number_is_no_wish_to_reach_a_person(text):
    # Verification round, session 30: `human` (0.93) at the request's summary, the new number never seen.
    assert classify(text, [("human", 0.93), ("faq", 0.04)]).get(INTENT) == {"name": "inform", "confidence": 1.0}


@pytest.mark.parametrize("text", ["nej vänta jag kollar papper... det är [personnummer]", "[personnummer]"])
def test_a_replaced_personnummer_is_no_no(text):
    # Persona round, session 36: `deny` (0.74, 0.86) at the request's personnummer question, and the
    # valid number in the message was dropped as a refusal.
    assert classify(text, [("deny", 0.74), ("inform", 0.2)]).get(INTENT) == {"name": "inform", "confidence": 1.0}


def test_a_no_without_a_placeholder_stays_a_no():
    assert classify("nej det vill jag inte", [("deny", 0.98)]).get(INTENT)["name"] == "deny"


@pytest.mark.parametrize("text,ranking", [
    ("jag vill prata med en människa", [("human", 0.9)]),  # no placeholder
    ("mitt nummer är [telefonnummer]", [("faq", 0.6), ("human", 0.3)]),  # not `human` on top
])
def test_other_messages_keep_the_classifiers_intent(text, ranking):
    assert classify(text, ranking).get(INTENT)["name"] == ranking[0][0]


# --- a reference and a code in a short sentence --------------------------------------------

REFERENCE, CODE = "KXMP-7RTA", "A3C4EX"


@pytest.mark.parametrize("text,ranking", [
    # Got the article on KVÅ codes for the word "kod"; the bare identifiers opened the case (persona round, session 34).
    (f"hittade skärmbilden! {REFERENCE} kod {CODE}", [("nlu_fallback", 0.55), ("retract", 0.22)]),
    (f"referens {REFERENCE} koden {CODE} hon hittade den i mobilen", [("share_preparation", 0.97)]),
    (f"tack! {REFERENCE} {CODE}", [("thanks", 1.0)]),
    ("här är alvas referens kxmp 7rta och kod a3c4ex", [("inform", 0.79)]),
    (f"koden är {CODE} och referensen {REFERENCE}", [("share_preparation", 0.99)]),
])
def test_a_reference_and_a_code_in_a_short_sentence_open_the_case(text, ranking):
    message = classify(text, ranking)
    assert message.get(INTENT) == {"name": "open_case", "confidence": 1.0}
    assert message.get(INTENT_RANKING_KEY)[0]["name"] == "open_case"


def test_up_to_eight_other_words_open_the_case_and_nine_do_not():
    from bot.components.exact_commands import MAX_WORDS_AROUND_IDENTIFIERS

    words = "nu har jag hittat den som hon sparade igår".split()
    assert MAX_WORDS_AROUND_IDENTIFIERS == 8 and len(words) == 9
    short = f"{' '.join(words[:8])} {REFERENCE} {CODE}"
    long = f"{' '.join(words)} {REFERENCE} {CODE}"
    assert classify(short, [("nlu_fallback", 0.55), ("faq", 0.4)]).get(INTENT)["name"] == "open_case"
    assert classify(long, [("nlu_fallback", 0.55), ("faq", 0.4)]).get(INTENT)["name"] == "nlu_fallback"


@pytest.mark.parametrize("text,ranking", [
    # A question with them is answered, not lost behind the case's overview.
    (f"{REFERENCE} {CODE} vad står det om idrotten", [("faq", 0.65)]),
    (f"{REFERENCE} {CODE} kan ni radera allt?", [("delete_my_data", 1.0)]),
    # Wishes whose actions take the identifiers typed with them (session 27), and deleting.
    (f"jag vill ta tillbaka samtycket {REFERENCE} {CODE}", [("withdraw_consent", 1.0)]),
    (f"jag vill se min sip begäran {REFERENCE} {CODE}", [("request_status", 0.87)]),
    (f"jag vill radera {REFERENCE} {CODE}", [("delete_my_data", 1.0)]),
    # The preparation's "ändra fråga 9" takes them after action_default_fallback.
    (f"ändra fråga 9 {REFERENCE} {CODE}", [("inform", 1.0)]),
    # The case form would read "MAPPEN" as the code, and a wrong code counts towards the lockout.
    (f"hittade den i mappen {REFERENCE} {CODE}", [("nlu_fallback", 0.55), ("faq", 0.3)]),
    # A third identifier, or only one of the two.
    (f"{REFERENCE} {CODE} MKVC-4JPK", [("faq", 0.5)]), (f"hittade den! kod {CODE}", [("faq", 0.5)]),
    (f"{REFERENCE} {CODE} WXWRN8", [("faq", 0.5)]),
    # Small letters without a digit are no code out of context.
    (f"hittade den! {REFERENCE} kod hkvwjf", [("faq", 0.5)]),
])
def test_other_sentences_with_identifiers_keep_the_classifiers_intent(text, ranking):
    assert classify(text, ranking).get(INTENT)["name"] == ranking[0][0]


# --- a lost code the classifier took for a crisis ------------------------------------------

LOST = "vi har tappat koden. alva tog ingen skärmbild. kan ni skicka den till mig?"


def _with_lost_code_intent(text: str, ranking: list[tuple[str, float]],
                           lost_code_intent: str | None = "faq") -> Message:
    entries = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    message = Message(data={TEXT: text, INTENT: entries[0], INTENT_RANKING_KEY: entries})
    config = {**configured(), "commands": str(COMMANDS_FILE), "lost_code_intent": lost_code_intent}
    return ExactCommandClassifier(config).process([message])[0]


def test_a_lost_code_the_classifier_took_for_a_crisis_gets_the_lost_code_intent():
    # `crisis` (0.82) and the check-in, not what to do without the code (persona round, session 34).
    message = _with_lost_code_intent(LOST, [("crisis", 0.82), ("share_preparation", 0.05)])
    assert message.get(INTENT) == {"name": "faq", "confidence": 1.0}
    assert [entry["name"] for entry in message.get(INTENT_RANKING_KEY)][:2] == ["faq", "crisis"]


@pytest.mark.parametrize("text,ranking,intent", [
    (LOST, [("crisis", 0.82)], None),  # not configured
    (LOST, [("share_preparation", 0.9), ("crisis", 0.05)], "faq"),  # the classifier said something else
    ("jag orkar inte mer, kan ni skicka hjälp", [("crisis", 0.82)], "faq"),  # no code lost
])
def test_otherwise_the_classifiers_intent_stays(text, ranking, intent):
    assert _with_lost_code_intent(text, ranking, intent).get(INTENT)["name"] == ranking[0][0]


def test_after_the_lost_code_intent_the_lexicon_still_names_a_crisis_and_nothing_else_checks_in():
    from rasa.nlu.utils.spacy_utils import SpacyModel

    from actions.article_search import spacy_pipeline
    from bot.components.crisis_classifier import CrisisLexiconClassifier

    model = SpacyModel(model=spacy_pipeline(), model_name="the project's Swedish pipeline")
    lexicon = CrisisLexiconClassifier({"lexicon": str(ROOT / "knowledge" / "crisis" / "lexicon.yml"),
                                       "check_in_confidence": 0.5})

    def final(text: str) -> str:
        message = _with_lost_code_intent(text, [("crisis", 0.82), ("faq", 0.1)])
        return lexicon.process([message], model)[0].get(INTENT)["name"]

    assert final(LOST) == "faq"
    assert final("jag har tappat koden och vill inte leva längre") == "crisis"
