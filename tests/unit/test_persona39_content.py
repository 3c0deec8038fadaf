"""Persona round, session 39: the personas' own questions as training examples of the article or intent that
answers them (knowledge/articles, data/nlu/persona_session39.yml), and honest gaps for what the seeds do not
say (knowledge/not_in_sources.yml, actions/source_gaps.py)."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml
from rasa.shared.nlu.training_data.loading import load_data

import bot.generate_training_data as generator
from actions.source_gaps import gap_reply

ROOT = Path(__file__).resolve().parents[2]
PERSONA_NLU = ROOT / "data" / "nlu" / "persona_session39.yml"
SILENT = "står det inget i materialet jag bygger på"


# --- (a) what the seeds do not say ------------------------------------------------------------------

# (the question as asked, words of the topic, what the seeds do say or where to ask)
@pytest.mark.parametrize("text, topic, known", [
    # Fatima, a mother with Swedish as her second language.
    ("om jag ber skolan om sip, socialen ta mitt barn?", "ta ett barn från familjen", "utan samtycke blir det ingen SIP"),
    ("jag ar radd socialtjansten tar yusuf", "ta ett barn från familjen", "till för barnet och familjen"),
    ("socialen ta barn?", "ta ett barn från familjen", "om du vill prata med någon om oron"),
    # Elin, 19, moving to study.
    ("jag ska flytta till göteborg i höst for att plugga, vad händer då med planen?", "flyttar till en annan kommun",
     "ny adress tas upp"),
    ("följer den med eller måste jag börja om?", "flyttar till en annan kommun", "huvudansvaret för planen"),
    ("måste jag be om en ny sip där?", "flyttar till en annan kommun", "nytt samtycke"),
    ("jag ska flytta till göteborg. måste jag be om en ny sip där?", "flyttar till en annan kommun", "nytt samtycke"),
    # Per, a foster father.
    ("Kan jag som familjehemsförälder delta på Linas SIP-möte, ja eller nej?", "familjehemmets plats på SIP-mötet",
     "viktiga för barnet"),
    ("får familjehemmet vara med på sip mötet", "familjehemmets plats på SIP-mötet", "stå i samtycket"),
    # Karin, a socialsekreterare.
    ("men ska jag öppna en aktualisering då eller?", "aktualisering", "i stället för en remiss"),
    ("vem skriver avvikelsen, jag eller samordnaren?", "vem som skriver avvikelsen", "gemensam rutin för hela länet"),
    ("och om vh inte svarar alls på mina samtal?", "vårdnadshavarna inte svarar", "utan samtycke inte blir någon SIP"),
    ("och om skolan inte svarar när jag ringer?", "en verksamhet inte svarar", "Fråga"),
    ("alltså den som kallade, om jag inte får tag på dem", "en verksamhet inte svarar", "Fråga"),
    # Elin, 19: the privacy page's words on allmänna handlingar.
    ("kan vem som helst begära ut det jag skrev om min depression", "begära ut det du skriver", "allmänna handlingar"),
    ("allmän handling chatt sekretess", "begära ut det du skriver", "skyddas av sekretess"),
])
def test_a_question_the_seeds_do_not_answer_says_so_and_what_they_do_say(text, topic, known):
    reply = gap_reply(text)
    assert reply is not None and SILENT in reply
    assert topic in reply and known in reply


@pytest.mark.parametrize("text, known", [
    ("men ska jag öppna en aktualisering då eller?", "gängse remissförfarande"),
    ("vem skriver avvikelsen, jag eller samordnaren?", "den länsgemensamma rutinen"),
    ("och om vh inte svarar alls på mina samtal?", "och/eller vårdnadshavarna"),
    ("och om skolan inte svarar när jag ringer?", "ska kontakta den som skickade kallelsen"),
    ("Kan jag som familjehemsförälder delta på Linas SIP-möte, ja eller nej?", "på förmötet"),
])
def test_staff_are_sent_to_their_chef(text, known):
    reply = gap_reply(text, for_staff=True)
    assert known in reply and reply.endswith("Fråga din chef eller den som är SIP-ansvarig hos er.")


def test_the_fear_for_the_child_gets_a_kind_word_first():
    assert gap_reply("socialen ta barn?").startswith("Det är förståeligt att vara orolig för det.")


def _page_text(path: Path) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))).split())


def test_what_is_said_of_allmanna_handlingar_is_what_the_privacy_page_says():
    # The seeds are silent; the bot quotes its own /integritet page, so the two must not drift apart.
    quoted = re.search(r"”(.+)”", gap_reply("kan vem som helst begära ut det jag skrev")).group(1)
    assert quoted in _page_text(ROOT / "channels" / "static" / "integritet.html")


@pytest.mark.parametrize("text", [
    # The articles answer these (the persona's own questions among them).
    "kan man ha sip utan samtycke nar det finns en pagaende utredning?",
    "kan jag kalla till sip utan samtycke om det ar allvarligt, typ orosanmalan finns",
    "vem bestämmer om mamman och soc inte är överens",
    "vilka är med på sip-mötet?",
    "kan mormor och morfar vara med på sip",
    "Jag är socialsekreterare och pojken bor i familjehemmet 30 mil bort. Hur kan han vara med på mötet?",
    "vi flyttar till en annan kommun, kan vi be om sip där?",
    "Vår son har nått målen i sin plan och behöver inte längre hjälp från både kommunen och regionen. Vad händer med "
    "planen nu?",
    "när ska man skriva avvikelse i sip",
    "vem följer upp avvikelser i samverkan",
    "Vilka situationer kan aktualisera en SIP?",
    "e en sip typ att soc utreder min familj??",
    "kan soc ta med barnet på mötet",
    "när socialtjänsten tar emot en anmälan om ett barn, vad händer då?",
    "skolan gör inte det som står i planen, vad gör jag",
    # The privacy intent answers these.
    "läser nån på kommunen chatten? typ loggar ni",
    "sparar chatten min ip",
    # A family's answer in the preparation, not a question.
    "pappa svarar inte när jag ringer",
    # "börja om" alone is about the form.
    "måste jag börja om",
])
def test_questions_the_articles_answer_are_no_gap(text):
    assert gap_reply(text) is None


# --- (b) every new example is in the training data ---------------------------------------------------

NEW_ARTICLE_EXAMPLES = {
    "sip_avvikelser": ["skolan gör inte det som står i planen, vad gör jag",
                       "bup gör inte det som står i planen, vad gör jag då"],
    "anmalningsplikt_barn_far_illa": [
        "om det kommer fram nåt under sip-mötet som gör att jag måste göra en anmälan, hur funkar det?",
        "orosanmälan om det framkommer oro i sip mötet?"],
    "samtycke_saknas": ["kan jag kalla till sip utan samtycke om det ar allvarligt, typ orosanmalan finns",
                        "kan man ha sip utan samtycke nar det finns en pagaende utredning?",
                        "vem bestämmer om mamman och soc inte är överens",
                        "om mamman säger nej till sip men soc tycker att det behövs, vem har sista ordet?"],
    "sip_enskilde_inte_kand": ["om ungdomen har en LSS insats, ska LSS handläggaren gå istället för mig?",
                               "ungdomen har lss, ska lss-handläggaren gå på sip-mötet i stället för oss på soc?"],
    "sip_mote_struktur": ["vad hander pa motet?", "hur lang tid tar motet?", "hur manga timmar?"],
    "sip_barnets_delaktighet": ["maste yusuf komma?",
                                "maste yusuf vara med pa motet? han blir stressad med manga manniskor",
                                "måste jag prata där", "måste jag säga nåt där"],
    "sip_huvudman": ["larare sa ordet huvudman. vad ar det?", "läraren sa huvudman, vad betyder det?"],
    "sip_vilka_deltar": ["maste socialen vara med?", "maste socialen komma pa motet?"],
    "sip_och_andra_planer": [
        "vad är skillnaden på sip och genomförandeplan",
        "Vad är då skillnaden mellan en SIP och den vårdplan och genomförandeplan som socialtjänsten redan har "
        "upprättat för Lina?"],
}

NEW_INTENT_EXAMPLES = {
    "inform": ["bara en del typ jag orkar inte sitta still en hel timme",
               "bara en del, orkar inte sitta still en hel timme",
               "Jag är inte ett barn. Jag är 58 år och familjehemsförälder till en flicka på 14 år. Skriv gärna till "
               "mig som vuxen.",
               "jag är inte barnet, jag är familjehemsförälder. skriv till mig som vuxen"],
    "privacy": ["läser nån på kommunen chatten? typ loggar ni", "loggar ni det jag skriver här",
                "sparar chatten min ip", "sparar chatten min ip eller vem jag är?"],
    "start_preparation": ["ja gärna förbereda", "ok då börjar jag om", "jag vet inte vad jag ska säga på mötet 😕"],
}


@pytest.fixture(scope="module")
def generated_examples(tmp_path_factory) -> dict[str, set[str]]:
    """faq/<id> → examples, as bot/generate_training_data.py writes them (into a temporary folder here)."""
    out = tmp_path_factory.mktemp("generated")
    with pytest.MonkeyPatch.context() as patch:
        for name in ("NLU_OUT", "DOMAIN_OUT", "RULES_OUT"):
            patch.setattr(generator, name, out / f"{name}.yml")
        generator.main()
    data = load_data(str(out / "NLU_OUT.yml"))
    found: dict[str, set[str]] = {}
    for message in data.training_examples:
        found.setdefault(message.get("intent_response_key") or message.get("intent"), set()).add(message.get("text"))
    return found


@pytest.mark.parametrize("article, example", [(a, e) for a, examples in NEW_ARTICLE_EXAMPLES.items() for e in examples])
def test_every_new_article_example_is_in_the_generated_training_data(generated_examples, article, example):
    assert example in generated_examples[f"faq/{article}"]


def _examples_by_intent(paths: list[Path]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in paths:
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
            if "intent" in block:
                found.setdefault(block["intent"], set()).update(
                    line.strip()[2:] for line in block["examples"].splitlines() if line.strip().startswith("- "))
    return found


@pytest.mark.parametrize("intent, example", [(i, e) for i, examples in NEW_INTENT_EXAMPLES.items() for e in examples])
def test_every_new_intent_example_is_in_the_training_data(intent, example):
    data = load_data(str(PERSONA_NLU))
    assert example in {m.get("text") for m in data.training_examples if m.get("intent") == intent}


def test_no_new_intent_example_is_trained_as_another_intent():
    # The whole training folder, as Rasa reads it (the generated knowledge file is build output: left out).
    others = sorted(p for p in (ROOT / "data" / "nlu").glob("*.yml")
                    if p != PERSONA_NLU and not p.name.endswith(".generated.yml"))
    trained = _examples_by_intent(others)
    clashes = [(intent, example, other) for intent, examples in NEW_INTENT_EXAMPLES.items() for example in examples
               for other, texts in trained.items() if other != intent and example in texts]
    assert clashes == []
    articles = {e for examples in NEW_ARTICLE_EXAMPLES.values() for e in examples}
    assert [e for examples in NEW_INTENT_EXAMPLES.values() for e in examples if e in articles] == []
