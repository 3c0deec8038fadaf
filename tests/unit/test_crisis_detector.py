"""Tests for the lexicon crisis detector (actions/safety/crisis_detector.py).

The messages here are written for the tests: none is a lexicon pattern
verbatim, and none is copied from the held-out set. If one fails, improve the
lexicon in general terms, never by adding the test message.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from actions.safety.crisis_detector import (  # noqa: E402
    CrisisLexicon,
    CrisisMatch,
    fold_normaliser,
    spacy_lemma_normaliser,
    within_one_edit,
)

LEXICON = ROOT / "knowledge" / "crisis" / "lexicon.yml"
HELP = ROOT / "knowledge" / "crisis" / "help.yml"
HELDOUT = ROOT / "bench" / "data" / "crisis_heldout.yml"
NLU = ROOT / "data" / "nlu" / "crisis.yml"


@pytest.fixture(scope="module")
def lexicon() -> CrisisLexicon:
    return CrisisLexicon.from_yaml(LEXICON, normaliser=fold_normaliser)


@pytest.fixture(scope="module")
def lemma_normaliser():
    """The Rasa component's normaliser, on the project's spaCy pipeline."""
    from actions.article_search import spacy_pipeline

    return spacy_lemma_normaliser(spacy_pipeline())


@pytest.fixture(scope="module")
def lemma_lexicon(lemma_normaliser) -> CrisisLexicon:
    return CrisisLexicon.from_yaml(LEXICON, normaliser=lemma_normaliser)


@pytest.fixture(scope="module", params=["folded words", "spaCy lemmas"])
def each_lexicon(request, lexicon: CrisisLexicon) -> CrisisLexicon:
    """The lexicon on folded words alone (the pass every message gets) and as the Rasa
    component uses it (the project's spaCy lemmas, then folded words): both must agree on
    what is crisis."""
    return lexicon if request.param == "folded words" else request.getfixturevalue("lemma_lexicon")


# --------------------------------------------------------------------------- #
# Each category, from phrasings that are not in the lexicon verbatim
# --------------------------------------------------------------------------- #

CATEGORY_MESSAGES = {
    "suicide": [
        "jag ville inte leva längre igår och idag är det samma",
        "orkar typ inte leva mer",
        "har funderat på att ta mitt eget liv",
        "jag tänker på sjalvmord hela tiden",  # no å/ä/ö
        "ja vill bara doo",  # slang spelling
        "jag vill dööööö",  # elongated
        "jag vill ta livet av mig",
        "vill ta livte av mig",  # typo: swapped letters
        "Jag Vill Dö.",  # capitals and punctuation
        "har skrivit avskedsbrevet redan",
        "ibland önskar jag att jag var död",
        "kms fr",
        # added 2026-12-04 after a blind probe (docs/benchmarks.md): indirect and planned
        "känner mig klar med livet nu",
        "imorgon kommer jag inte att finnas kvar",
        "jag har knutit ett rep redan",
        "jag har sparat mina sömntabletter",
        "det här är sista gången jag skriver nåt",
        "jag vill inte finnas kvar",
        "snart kommer jag inte att finnas kvar",
    ],
    "self_harm": [
        "jag skar mig igen i natt",
        "har skurit mig på armarna",
        "jag skadade mig själv efter bråket",
        "jag har självskadebeteende",
        "rispade mig med en sax",
        "cuttade igen idag",
        "hon har brännsår på armen som hon gjort själv",
    ],
    "overdose": [
        "jag har tagit 15 tabletter",
        "tog en massa sömntabletter",
        "svalde alla tabletterna i burken",
        "jag tog en överdos",
        "har ätit en hel karta panodil",
        "drack vodka och tog alvedon, mår konstigt",
    ],
    "sexual_abuse": [
        "han hotade att sprida nakenbilderna",
        "någon utpressar mig på snapchat",
        "jag blev våldtagen förra helgen",
        "han tvingade mig till sex",
        "min styvpappa tafsade på mig",
        "killen la ut bilder på mig",
        "han säger att ingen kommer att tro på mig om jag berättar",
    ],
    "violence_at_home": [
        "pappa slog mig igår kväll",
        "min morsa slår mig ofta",
        "styvpappan gjorde mig illa",
        "pappa hotade mig med kniv",
        "han slår min mamma när han är full",
        "jag blev misshandlad av min bror",
        "mammas pojkvän slår barnen",
        "han har en kniv i jackan och väntar på mig",
        "nån i nian har med sig en kniv idag",
        "de sa att de ska hugga honom efter skolan",
        "han hotar att skjuta mig",
    ],
    "afraid_to_go_home": [
        "jag vågade inte gå hem igår",
        "är rädd att åka hem efter träningen",
        "jag känner mig otrygg hemma",
        "pappa slängde ut mig i går",
        "har ingenstans att sova i natt",
        "vi har inget eget hem längre",
        "jag vågar inte vara hemma",
    ],
    "eating_disorder": [
        "jag har ätstörningar sen ett år",
        "jag svälter mig",
        "jag har slutat äta helt",
        "kräktes efter middagen med flit",
        "jag spydde upp maten igen",
        "har inte ätit på två dygn",
    ],
    "friend_at_risk": [
        "min kompis sa att hon vill dö",
        "min vän har börjat skära sig",
        "min bästis säger att han ska ta livet av sig",
        "jag är orolig för min kompis",
        "min polare har tagit massa piller",
    ],
}


@pytest.mark.parametrize(
    ("category", "message"),
    [(c, m) for c, messages in CATEGORY_MESSAGES.items() for m in messages],
)
def test_category_detected(each_lexicon: CrisisLexicon, category: str, message: str) -> None:
    match = each_lexicon.detect(message)
    assert match is not None, f"missed: {message!r}"
    assert match.category == category, f"{message!r} -> {match}"


def test_every_category_is_tested(lexicon: CrisisLexicon) -> None:
    assert set(CATEGORY_MESSAGES) == set(lexicon.categories)


def test_test_messages_are_not_lexicon_patterns(lexicon: CrisisLexicon) -> None:
    data = yaml.safe_load(LEXICON.read_text(encoding="utf-8"))
    patterns = {
        " ".join(fold_normaliser(p["pattern"] if isinstance(p, dict) else p))
        for spec in data["categories"].values()
        for p in spec["patterns"]
    }
    for messages in CATEGORY_MESSAGES.values():
        for message in messages:
            assert " ".join(fold_normaliser(message)) not in patterns, message


def test_match_reports_pattern_and_span(lexicon: CrisisLexicon) -> None:
    match = lexicon.detect("hej, jag vill typ bara dö")
    assert match == CrisisMatch("suicide", "vilja dö", (2, 6))


def test_crisis_in_the_middle_of_a_sip_question(lexicon: CrisisLexicon) -> None:
    message = "vem kallar till sip? jag orkar inte leva längre. och får mamma vara med"
    assert lexicon.detect(message) is not None


# --------------------------------------------------------------------------- #
# Things that must NOT trigger the crisis reply
# --------------------------------------------------------------------------- #

NOT_CRISIS = [
    # "inget hem" and "våga inte hem" with other words between (their own max_gap).
    "vi har inget internet hemma, kan jag ringa istället?",
    "min kompis vågar inte säga nåt hemma om sip",
    # exclusions: jokes and idioms
    "haha jag skrattade nästan ihjäl mig",
    "vi skrattar ihjäl oss på rasterna",
    "provveckan tar livet av mig",
    "läxorna tar livet av mig asså",
    "jag är dödstrött efter gympan",
    "jag dog av skratt",
    "vi dör av tristess här",
    "döden i grytan sa farfar",
    "vill du hänga med mig på sip-mötet?",
    "slå mig en signal sen",
    "det slog mig att jag inte har frågat om samtycke",
    "han slog mig i fifa igen",
    "jag slutade äta kött i somras",
    "mamma dödar mig om jag glömmer nycklarna haha",
    # real words one letter from a pattern word are not typos
    "vad händer med mig efter mötet?",  # händer ~ hänger (hänga mig); its lemma hända too
    "vad kommer att hända med mig sen?",
    "mötet är snart, måste jag komma?",  # snart ~ skärt (skära mig; the lemma of "mig" is "jag")
    "jag slutar snart nian, får jag ha kvar min sip",
    "jag tar samma medicin som förut",  # samma ~ samla (samla tabletter)
    "jag vill inte att hon leder mötet",  # leder ~ lever (vill inte leva)
    "jag glömmer ofta mina tabletter",  # glömmer ~ gömmer
    "han sköt mig i fortnite igen",  # a game
    # questions about deleting data or a plan ending, not about the writer
    "jag vill inte att det finns kvar",
    "uppgifterna ska inte finnas kvar efter mötet",
    "kommer min sip inte finnas kvar när jag fyller 18?",
    "kan ni skjuta upp för mig?",
    "kan mötet skjutas upp, jag är sjuk den dagen",  # passive; "jag" is "mig" in the lemma pass
    "min lillebror slog mig i fia",
    # svårt ~ skärt and skärpa ~ skära (skära mig): how pupils describe what a SIP is about
    "Jag har svårt att ta mig in till skolan för att skriva under",
    "jag har svårt att ta mig till skolan",
    "det är svårt för mig att prata på möten",
    "jag har svårt att koncentrera mig på lektionerna",
    "min son har svårt att ta sig till skolan",
    "jag har svart tröja på mig",
    "jag måste skärpa mig i matte",
    # ordinary SIP questions
    "vad står sip för?",
    "kan jag ta med min mamma på mötet",
    "hur länge gäller en samordnad individuell plan?",
    "jag tar medicin för adhd, spelar det roll för sip?",
    "jag är rädd att ingen lyssnar på mig på mötet",
    # staff: anmälningsplikt and orosanmälan
    "hur skriver jag en orosanmälan till socialtjänsten?",
    "har vi som förskola anmälningsplikt?",
    "omfattas elevhälsan av anmälningsskyldigheten?",
    "ska jag anmäla direkt eller prata med rektor först?",
    "misstanke om att ett barn far illa, vad gäller?",
    "kan socialtjänsten se vem som gjort orosanmälan?",
    "vilka yrkesgrupper har anmälningsplikt enligt socialtjänstlagen?",
    # Persona round, session 29: each got the full crisis reply.
    "förstår inte. min begäran finns kvar eller inte?",
    "finns mitt samtycke kvar?",
    "kan du skriva ett utkast till kallelse at mig? elev 15 ar, skolfranvaro, bup och soc ska med",
    # Persona round, session 32: "skrev" (wrote; also a body part) matched "ta på <private>", and a 14-year-old
    # objecting to the bot got the full crisis reply.
    "vanta du sa att det ar bra att ta upp pa motet?? jag skrev ju att jag INTE vill det",
    # Persona round, session 34: samtycke answers to "Finns det något som de inte får berätta för
    # varandra?" got the full crisis reply (the abuser's "få inte berätta") and the form stopped.
    "ja. bup får inte berätta till skolan om hamza hälsa",
    "skolan får inte berätta om hans diagnos",
    "Socialtjänsten ska inte få berätta något för skolan",
    "jag vill inte att BUP får berätta för skolan om medicinerna",
    "kuratorn får inte berätta vad jag säger till mamma",
    "dom på vårdcentralen får inte berätta om pappas sjukdom",
    "de får inte berätta för varandra om mitt missbruk",
    "de får inte berätta till soc om skolfrånvaron",
    # Persona round, session 35: Sami, 19, at the same question, about his own parents.
    "gamla grejer från bup när jag var typ 14-16. och de får inte berätta nåt för mina föräldrar",
    "dom får inte berätta för min mamma",
    "ni får inte berätta något för mina föräldrar",
    "de ska inte få berätta för min pappa om det",
]


@pytest.mark.parametrize("message", NOT_CRISIS)
def test_not_crisis(each_lexicon: CrisisLexicon, message: str) -> None:
    assert each_lexicon.detect_all(message) == [], message


# In the lemma pass "mig" is "jag", so a pattern written with "mig" also matches "jag". That
# looks like a source of false alarms ("snart … jag"), but it is also how a child who writes
# "jag" for "mig", as many learning Swedish do, is still heard. Keep it: when in doubt, a
# false alarm rather than a miss (false alarms go to not_typos, one word at a time).
@pytest.mark.parametrize(("category", "message"), [
    ("violence_at_home", "min styvpappa slår jag varje dag"),
    ("self_harm", "jag ska skära jag igen"),
    ("suicide", "jag vill hänga jag"),
    ("sexual_abuse", "han tar på jag när mamma jobbar"),
    ("sexual_abuse", "min kusin gör sex med jag"),
])
def test_the_rasa_component_hears_jag_written_for_mig(lemma_lexicon: CrisisLexicon, category: str,
                                                      message: str) -> None:
    match = lemma_lexicon.detect(message)
    assert match is not None and match.category == category, (message, match)


# Who may not tell is the child, told so by someone: still abuse, beside the samtycke answers above.
@pytest.mark.parametrize("message", [
    "han sa att jag inte får berätta",
    "jag får inte berätta för nån",
    "mentorn sa jag inte får berätta",  # a professional, but not as who may not tell
    "läraren säger att jag inte får berätta för nån",
    "han säger att jag inte får berätta för skolan",
    "pappa säger att vi inte får berätta för soc",
    "pappa sa ni får inte berätta för skolan",
    "de sa att jag inte får berätta",
    # Beside "de får inte berätta för mina föräldrar" (a samtycke's limit, session 35).
    "han säger att jag inte får berätta för mamma",
    "jag får inte berätta för någon vad han gör",
    "pappa sa ni får inte berätta för mamma",
    "dom sa jag får inte berätta för min mamma",
    "han sa att vi inte får berätta för mina föräldrar",
    "de sa att jag inte får berätta för min pappa",
])
def test_a_secret_kept_for_an_abuser_is_heard_beside_a_samtycke_answer(each_lexicon: CrisisLexicon,
                                                                      message: str) -> None:
    match = each_lexicon.detect(message)
    assert match is not None and match.category == "sexual_abuse", (message, match)


def test_an_exclusion_with_its_own_gap() -> None:
    data = _minimal(exclusions=[{"pattern": "skola vilja dö", "max_gap": 0}])
    assert CrisisLexicon(data).detect("skola vilja dö") is None
    assert CrisisLexicon(data).detect("skola sa vilja dö") is not None
    assert CrisisLexicon(_minimal(exclusions=["skola vilja dö"])).detect("skola sa vilja dö") is None
    with pytest.raises(ValueError):
        CrisisLexicon(_minimal(exclusions=[{"pattern": "skola vilja dö", "max_gap": -1}]))


def test_exclusion_suppresses_only_the_overlapping_match(lexicon: CrisisLexicon) -> None:
    joke = "provet tar livet av mig"
    assert lexicon.detect(joke) is None
    match = lexicon.detect(joke + " men egentligen vill jag dö på riktigt")
    assert match is not None and match.pattern == "vilja dö"


def test_same_pattern_outside_the_exclusion_still_counts(lexicon: CrisisLexicon) -> None:
    message = "provet tar livet av mig haha. nej men jag vill ta livet av mig"
    match = lexicon.detect(message)
    assert match is not None and match.pattern == "ta livet av mig"


def test_typo_in_exclusion_does_not_hide_a_crisis(lexicon: CrisisLexicon) -> None:
    # exclusions match strictly; "pasta" is one edit from "kasta" but must not
    # make "äta <food_item>" swallow the suicide match
    assert lexicon.detect("funderar på att kasta mig framför bussen") is not None


# --------------------------------------------------------------------------- #
# Odd input
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    "text",
    ["", "   ", "\n\t", "🙂🙂🙂", "????!!!", "1234567890", "\x00\x01", "ا" * 50, "x" * 200_000],
)
def test_odd_input_does_not_crash(lexicon: CrisisLexicon, text: str) -> None:
    assert lexicon.detect(text) is None


@pytest.mark.parametrize("value", [None, 42, b"jag vill d\xc3\xb6", ["jag vill dö"]])
def test_non_string_input_is_ignored(lexicon: CrisisLexicon, value: object) -> None:
    assert lexicon.detect(value) is None  # type: ignore[arg-type]


def test_huge_input_is_handled(lexicon: CrisisLexicon) -> None:
    filler = "jag undrar hur en sip fungerar och vem som kommer på mötet " * 20_000
    assert lexicon.detect(filler) is None
    assert lexicon.detect(filler + " jag vill inte leva") is not None


def test_emoji_and_punctuation_between_words(lexicon: CrisisLexicon) -> None:
    assert lexicon.detect("jag...vill 😭😭 dö!!!") is not None


# --------------------------------------------------------------------------- #
# Normalisers
# --------------------------------------------------------------------------- #


def test_fold_normaliser() -> None:
    assert fold_normaliser("Jag VILL dö, själv!") == ["jag", "vill", "do", "sjalv"]
    assert fold_normaliser("Ärr på ÅÄÖ-ord éü") == ["arr", "pa", "aao", "ord", "eu"]
    assert fold_normaliser("tog 20st") == ["tog", "20st"]
    assert fold_normaliser("") == []


def test_within_one_edit() -> None:
    assert within_one_edit("livet", "livet")
    assert within_one_edit("livet", "livte")  # swap
    assert within_one_edit("livet", "lvet")  # deletion
    assert within_one_edit("livet", "livvet")  # insertion
    assert within_one_edit("livet", "lovet")  # substitution
    assert not within_one_edit("livet", "lovat")
    assert not within_one_edit("livet", "liv")


def _toy_lemmatiser(text: str) -> list[str]:
    """A stand-in for the project's spaCy normaliser, with its known quirks:
    "vill" -> "villa", "mig" -> "jag", and several words sharing one lemma."""
    lemmas = {
        "vill": "villa", "ville": "villa", "tog": "ta", "tar": "ta", "mig": "jag",
        "dör": "dö", "ska": "skola", "skolan": "skola", "det": "en", "de": "en",
        "slog": "slå", "slår": "slå",
    }  # fmt: skip
    return [lemmas.get(w, w) for w in fold_normaliser(text)]


def test_injected_lemmatiser() -> None:
    lemma_lexicon = CrisisLexicon.from_yaml(LEXICON, normaliser=_toy_lemmatiser)
    assert lemma_lexicon.detect("jag vill dö") is not None
    assert lemma_lexicon.detect("jag tog livet av mig nästan") is not None
    assert lemma_lexicon.detect("jag ska ta livet av mig") is not None
    assert lemma_lexicon.detect("de slog mig") is not None
    assert lemma_lexicon.detect("vad är en sip") is None


def test_failing_normaliser_falls_back_to_folding() -> None:
    def broken(text: str) -> list[str]:
        if text == "jag vill inte leva":
            raise RuntimeError("pipeline not loaded")
        return fold_normaliser(text)

    broken_lexicon = CrisisLexicon.from_yaml(LEXICON, normaliser=broken)
    assert broken_lexicon.detect("jag vill inte leva") is not None


# --------------------------------------------------------------------------- #
# Lexicon loading and validation
# --------------------------------------------------------------------------- #


def _minimal(**overrides: object) -> dict:
    data: dict = {"categories": {"suicide": {"patterns": ["vilja dö"]}}}
    data.update(overrides)
    return data


def test_a_pattern_with_its_own_gap() -> None:
    lex = CrisisLexicon(_minimal(categories={"suicide": {"patterns": [{"pattern": "vilja dö", "max_gap": 0}]}}))
    assert lex.detect("vilja dö") is not None
    assert lex.detect("vilja typ dö") is None
    assert CrisisLexicon(_minimal(categories={"suicide": {"patterns": ["vilja dö"]}})).detect("vilja typ dö")


def test_minimal_lexicon_with_forms_and_groups() -> None:
    data = _minimal(
        forms={"vilja": ["vill"]},
        groups={"parent": ["pappa", "mamma"]},
        categories={"violence_at_home": {"patterns": ["<parent> slå mig"]}},
    )
    lex = CrisisLexicon(data)
    assert lex.detect("mamma slå mig") is not None
    assert lex.detect("mormor slå mig") is None


@pytest.mark.parametrize(
    "data",
    [
        {},
        _minimal(categories={"suicide": {"patterns": []}}),
        _minimal(categories={"suicide": {"patterns": ["<nope> dö"]}}),
        _minimal(groups={"a": ["<a>"]}, categories={"suicide": {"patterns": ["<a>"]}}),
        _minimal(categories={"suicide": {"patterns": ["vilja dö-dö"]}}),
        # A pattern with its own gap: the pattern must be there, the gap a whole number of at least 0.
        _minimal(categories={"suicide": {"patterns": [{"max_gap": 0}]}}),
        _minimal(categories={"suicide": {"patterns": [{"pattern": None}]}}),
        _minimal(categories={"suicide": {"patterns": [{"pattern": "vilja dö", "max_gap": -1}]}}),
        _minimal(categories={"suicide": {"patterns": [{"pattern": "vilja dö", "max_gap": None}]}}),
        _minimal(categories={"suicide": {"patterns": [{"pattern": "vilja dö", "max_gap": 1.5}]}}),
    ],
)
def test_invalid_lexicon_is_rejected(data: dict) -> None:
    with pytest.raises(ValueError):
        CrisisLexicon(data)


def test_real_lexicon_has_all_categories(lexicon: CrisisLexicon) -> None:
    assert lexicon.categories == (
        "suicide",
        "overdose",
        "self_harm",
        "sexual_abuse",
        "violence_at_home",
        "afraid_to_go_home",
        "eating_disorder",
        "friend_at_risk",
    )


# --------------------------------------------------------------------------- #
# Held-out benchmark
# --------------------------------------------------------------------------- #


@pytest.fixture(scope="module")
def heldout() -> dict:
    return yaml.safe_load(HELDOUT.read_text(encoding="utf-8"))


def test_heldout_size_and_coverage(heldout: dict, lexicon: CrisisLexicon) -> None:
    assert len(heldout["crisis"]) >= 60
    assert len(heldout["not_crisis"]) >= 60
    assert {item["category"] for item in heldout["crisis"]} == set(lexicon.categories)


def test_heldout_recall_is_100_percent(heldout: dict, each_lexicon: CrisisLexicon) -> None:
    missed = [item["text"] for item in heldout["crisis"] if each_lexicon.detect(item["text"]) is None]
    recall = 1 - len(missed) / len(heldout["crisis"])
    assert missed == [], f"recall {recall:.1%}, missed: {missed}"


def test_heldout_false_alarms_below_5_percent(heldout: dict, each_lexicon: CrisisLexicon) -> None:
    alarms = {
        text: [(m.category, m.pattern) for m in each_lexicon.detect_all(text)]
        for text in heldout["not_crisis"]
        if each_lexicon.detect(text) is not None
    }
    rate = len(alarms) / len(heldout["not_crisis"])
    assert rate < 0.05, f"false alarms {rate:.1%}: {alarms}"


# "hoppar" (jump) alone is far too common in what pupils write to be a crisis word.
PROBE_KNOWN_GAPS = {"om ingen svarar idag så hoppar jag"}


def test_the_second_crisis_set_keeps_what_it_taught_the_lexicon(lemma_lexicon: CrisisLexicon) -> None:
    # bench/data/crisis_probe_2026-12-04.yml guided the lexicon's last additions: as the Rasa
    # component matches (lemmas, then folded words), all but the known gap must stay caught.
    from bench.nlu_quality import CRISIS_PROBE, load_crisis_heldout

    data = load_crisis_heldout(CRISIS_PROBE)
    missed = {text for text in data["crisis"] if lemma_lexicon.detect(text) is None}
    assert missed <= PROBE_KNOWN_GAPS, missed - PROBE_KNOWN_GAPS
    alarms = [text for text in data["not_crisis"] if lemma_lexicon.detect(text) is not None]
    assert len(alarms) / len(data["not_crisis"]) < 0.05, alarms


def _crisis_set_names() -> list[str]:
    from bench.nlu_quality import LATER_CRISIS_SETS

    return [HELDOUT.name, *[name for _, name, _, _ in LATER_CRISIS_SETS]]


@pytest.mark.parametrize("name", _crisis_set_names())
def test_crisis_sets_are_not_copied_into_training_or_lexicon(name: str) -> None:
    from bench.nlu_quality import load_crisis_heldout, training_examples

    def norm(text: str) -> str:
        return " ".join(fold_normaliser(text))

    data = load_crisis_heldout(name)
    heldout_texts = {norm(t) for t in data["crisis"] + data["not_crisis"]}
    training = {norm(example) for example in training_examples(include_generated=False)}
    lexicon_text = {
        norm(line.strip()[2:])
        for line in LEXICON.read_text(encoding="utf-8").splitlines()
        if line.strip().startswith("- ")
    }
    assert len(training) > 500  # the glob found the training files
    assert heldout_texts.isdisjoint(training)
    assert heldout_texts.isdisjoint(lexicon_text)


# --------------------------------------------------------------------------- #
# Training data and help text
# --------------------------------------------------------------------------- #


def test_nlu_training_data() -> None:
    nlu = yaml.safe_load(NLU.read_text(encoding="utf-8"))
    assert nlu["version"] == "3.1"
    (block,) = [b for b in nlu["nlu"] if b.get("intent") == "crisis"]
    examples = [line[2:] for line in block["examples"].splitlines() if line.startswith("- ")]
    assert len(examples) >= 80
    assert len(set(examples)) == len(examples)


def test_help_text_is_complete() -> None:
    data = yaml.safe_load(HELP.read_text(encoding="utf-8"))
    lines = data["reply"]["lines"]
    text = "\n".join(line if isinstance(line, str) else line["text"] for line in lines)
    for needle in ("chattbot", "112", "116 111", "bris.se", "90101", "mind.se", "1177"):
        assert needle in text, needle
    assert "{socialtjanst_phone}" in text and "{sociala_jouren_phone}" in text
    # no questions about identity: the only question is "are you in danger?"
    assert re.findall(r"[^.!?\n]*\?", text) == [
        "Är du i fara just nu?",
        "Är du orolig för en kompis?",
    ]
    assert data["button"]["title"] == "Behöver du hjälp nu?"
    assert data["still_available"]
    # No check-in asks anything, and every one names the emergency number: first only with danger words, last
    # otherwise (112 first in a calm check-in was too dramatic for a child bullied at school; session 36).
    for key in ("check_in", "check_in_adult", "check_in_guardian", "check_in_danger", "check_in_guardian_danger"):
        assert "?" not in data[key] and "112" in data[key], key
        assert data[key].rstrip(".").endswith("112") != key.endswith("_danger"), key
    assert data["everyday_talk"] and "?" not in data["everyday_talk"]


def test_the_guardian_reply_gives_the_same_numbers_to_a_parent() -> None:
    data = yaml.safe_load(HELP.read_text(encoding="utf-8"))
    lines = data["guardian_reply"]["lines"]
    text = "\n".join(line if isinstance(line, str) else line["text"] for line in lines)
    for needle in ("chattbot", "112", "116 111", "bris.se", "90101", "mind.se", "1177", "{socialtjanst_phone}"):
        assert needle in text, needle
    assert re.findall(r"[^.!?\n]*\?", text) == ["Är barnet eller någon annan i fara just nu?"]
    assert "barnet" in data["check_in_guardian"] and "?" not in data["check_in_guardian"]
    assert "112" in data["check_in_guardian_danger"] and "?" not in data["check_in_guardian_danger"]


def test_help_placeholders_are_declared_and_have_fallbacks() -> None:
    data = yaml.safe_load(HELP.read_text(encoding="utf-8"))
    declared = set(data["placeholders"])
    for line in data["reply"]["lines"] + data["guardian_reply"]["lines"]:
        text = line if isinstance(line, str) else line["text"]
        used = set(re.findall(r"\{(\w+)\}", text))
        assert used <= declared
        if used:
            assert isinstance(line, dict) and not re.search(r"\{\w+\}", line["fallback"])
    for contact in data["contacts"]:
        for key in ("name", "number", "url", "for", "hours", "source"):
            assert contact[key], (contact["id"], key)
        assert set(re.findall(r"\{(\w+)\}", str(contact))) <= declared
    numbers = {c["id"]: c["number"] for c in data["contacts"]}
    assert numbers["emergency"] == "112"
    assert numbers["bris"] == "116 111"
    assert numbers["mind_sjalvmordslinjen"] == "90101"
    assert numbers["1177"] == "1177"


# --------------------------------------------------------------------------- #
# The review list (bench/crisis_lookalikes.py)
# --------------------------------------------------------------------------- #


def test_typo_only_match_separates_typos_from_exact_and_protected_words(lexicon: CrisisLexicon) -> None:
    assert lexicon.typo_only_match("hänag")  # "hänga", two letters swapped
    assert lexicon.typo_only_match("självmrd")  # the prefix "självmord*", one letter missing
    assert not lexicon.typo_only_match("hänga")  # the word itself
    assert not lexicon.typo_only_match("snart")  # in not_typos
    assert not lexicon.typo_only_match("bord")  # nothing like a pattern word


def test_pattern_words_expand_groups_and_leave_out_prefixes(lexicon: CrisisLexicon) -> None:
    words = lexicon.pattern_words()
    assert {"mig", "hänga", "pappa"} <= words  # "pappa" only through a group
    assert not any(w.endswith("*") or w.startswith("<") for w in words)


def test_the_review_lists_name_known_look_alikes(lemma_lexicon: CrisisLexicon, lemma_normaliser) -> None:
    from bench.crisis_lookalikes import lemma_collisions, typo_lookalikes

    assert typo_lookalikes(lemma_lexicon, {"snart", "stanna", "bord"}) == ["stanna"]  # ~ "stänga"
    rows = lemma_collisions(lemma_lexicon, lemma_normaliser, Counter({"jag": 5}))
    assert ("mig", "jag", 5) in rows and rows[0][2] == 5


def test_the_review_list_reads_words_as_written(lemma_lexicon: CrisisLexicon) -> None:
    # "svårt" (folded "svart", one letter from "skärt") gave false alarms in the folded-words
    # pass although its lemma "svår" is no look-alike: the list must look at written words too.
    from actions.article_search import spacy_pipeline
    from bench.crisis_lookalikes import typo_lookalikes, word_frequency

    words = word_frequency(spacy_pipeline(), ["Jag har svårt att ta mig dit, 2 ggr.", "svårt!"])
    assert words["svart"] == 2 and words["jag"] == 1 and "2" not in words
    assert not lemma_lexicon.typo_only_match("svårt")  # protected in not_typos since it was found
    assert typo_lookalikes(lemma_lexicon, {"måste", "svårt", "bord"}) == ["måste"]  # still listed


# Told as past ("förra året", "i våras"): the check-in instead of the full reply; told now, or with
# "nu"/"men" between the match and the marker, the full reply (knowledge/crisis/lexicon.yml `past`).
@pytest.mark.parametrize(("message", "now"), [
    ("det med att jag skar mig forra aret. vill inte prata om det nar alla e dar", False),
    ("min dotter har skadat sig själv förra året men hon går på BUP nu. vilka är med på mötet?", False),
    ("hon hade självmordstankar i våras", False),
    ("förra året försökte jag ta livet av mig", False),
    ("jag skar mig förra året och nu vill jag dö", True),
    ("jag skar mig förra året, nu vill jag dö", True),
    ("jag skar mig i somras och har börjat igen", True),
    ("pappa slog mig förut och gör det fortfarande", True),
    # Verification round, session 19: "kommit tillbaka" says it goes on now.
    ("hade självmordstankar förut o nu har dom kommit tillbaka", True),
    ("jag vill dö", True),
])
def test_a_match_told_as_past_is_not_current(each_lexicon: CrisisLexicon, message: str, now: bool) -> None:
    assert each_lexicon.detect(message) is not None
    assert bool(each_lexicon.detect_all(message, current_only=True)) is now
    assert each_lexicon.told_now(message) is now


@pytest.mark.parametrize(("message", "category"), [
    # Verification round, session 19: these got only the check-in.
    ("nån tog på mig fast jag inte ville", "sexual_abuse"),
    ("jag skadar mig fortfarande", "self_harm"),
    ("har börjat skada mig igen", "self_harm"),
    ("någon tog på mig jackan", None),
    ("jag skadade mig på fotbollen", None),
])
def test_present_self_harm_and_an_unnamed_abuser_are_heard(each_lexicon: CrisisLexicon, message: str,
                                                           category: str | None) -> None:
    match = each_lexicon.detect(message)
    assert (match.category if match else None) == category
