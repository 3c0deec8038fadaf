"""The project's Swedish spaCy pipeline: lookup lemmas and organisation entities.

Rasa lowercases text before spaCy sees it (SpacyNLP case_sensitive: false), so the
inputs here are lowercase, the way the pipeline receives them.
"""
from __future__ import annotations

import pytest
import spacy

from bot.nlu.build_spacy_pipeline import (
    ENTITY_LABEL, UNCHANGED, build, lemma_table, organisation_patterns, project_words, prune,
)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("spacy") / "sv_sip"
    return build(out), out


@pytest.fixture(scope="module")
def nlp(built):
    return built[0]


def _lemmas(nlp, text: str) -> list[str]:
    return [t.lemma_ for t in nlp(text)]


def _orgs(nlp, text: str) -> list[tuple[str, str, str]]:
    return [(e.text, e.label_, e.ent_id_) for e in nlp(text).ents]


# --- lemmas ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "word, lemma",
    [
        ("skolans", "skola"),
        ("vill", "vilja"),  # an override: the packaged table gets this one wrong
        ("vardnadshavare", "vårdnadshavare"),  # typed without diacritics
        ("vardnadshavaren", "vårdnadshavare"),
        ("samtycket", "samtycke"),
        ("sip-mötet", "sip-möte"),
    ],
)
def test_lemma(nlp, word, lemma):
    assert _lemmas(nlp, word) == [lemma]


def test_lemmas_in_a_sentence(nlp):
    assert _lemmas(nlp, "jag vill veta vad skolans rektor kan göra") == [
        "jag", "vilja", "veta", "vad", "skola", "rektor", "kunna", "göra",
    ]


# --- organisation entities --------------------------------------------------------------

@pytest.mark.parametrize(
    "text, form, canonical",
    [
        ("skolans rektor ringde", "skolans", "skola"),
        ("bup:en sa nej", "bup:en", "bup"),
        ("jag har pratat med elevhalsan", "elevhalsan", "elevhalsa"),
        ("vi går till habben", "habben", "habilitering"),
        ("har ni kontakt med första linjen", "första linjen", "forsta_linjen"),
        ("har ni kontakt med forsta linjen", "forsta linjen", "forsta_linjen"),
    ],
)
def test_organisation_entity_has_the_canonical_id(nlp, text, form, canonical):
    assert (form, ENTITY_LABEL, canonical) in _orgs(nlp, text)


def test_text_without_an_organisation_has_no_entities(nlp):
    assert _orgs(nlp, "jag vill veta vad en samordnad plan är") == []


def test_two_organisations_in_one_message(nlp):
    assert [e[2] for e in _orgs(nlp, "soc och bup ska vara med")] == ["socialtjanst", "bup"]


def test_pipeline_written_to_disk_loads_with_the_same_lemmas_and_entities(built):
    _, out = built
    loaded = spacy.load(out)
    doc = loaded("vill elevhalsan komma")
    assert [t.lemma_ for t in doc][0] == "vilja"
    assert [(e.text, e.ent_id_) for e in doc.ents] == [("elevhalsan", "elevhalsa")]


def test_organisation_patterns_include_folded_and_lowercased_forms():
    patterns = organisation_patterns([{"id": "elevhalsa", "forms": ["Elevhälsan", "EHT"]}])
    assert {(p["pattern"], p["id"], p["label"]) for p in patterns} == {
        ("elevhälsan", "elevhalsa", ENTITY_LABEL),
        ("elevhalsan", "elevhalsa", ENTITY_LABEL),
        ("eht", "elevhalsa", ENTITY_LABEL),
    }


# --- lemma_table rules --------------------------------------------------------------------

def test_lemma_table_lowercases_keys_and_lemmas():
    assert lemma_table({"Skolans": "Skola"}, {})["skolans"] == "skola"


def test_lemma_table_overrides_win_over_the_base_table():
    assert lemma_table({"vill": "vill"}, {"vill": "vilja"})["vill"] == "vilja"


def test_lemma_table_adds_diacritic_free_spellings():
    table = lemma_table({"vårdnadshavaren": "vårdnadshavare"}, {})
    assert table["vardnadshavaren"] == "vårdnadshavare"


def test_lemma_table_adds_lemmas_as_their_own_entries():
    table = lemma_table({"vårdnadshavaren": "vårdnadshavare"}, {})
    assert table["vårdnadshavare"] == "vårdnadshavare"
    assert table["vardnadshavare"] == "vårdnadshavare"


def test_lemma_table_folded_spelling_never_replaces_a_real_word():
    # "far" (father) is a word; "får" folds to "far" but must not take it over.
    table = lemma_table({"far": "far", "får": "få"}, {})
    assert table["far"] == "far"
    assert table["får"] == "få"


def test_lemma_table_folded_spelling_never_replaces_an_override():
    table = lemma_table({"här": "här"}, {"har": "ha"})
    assert table["har"] == "ha"


# --- pruned lemma table ------------------------------------------------------------------

def test_prune_keeps_every_form_of_a_lemma_the_project_uses():
    table = {"skolans": "skola", "skolor": "skola", "bilen": "bil", "vill": "vilja"}
    assert prune(table, {"skola"}, {}) == {"skolans": "skola", "skolor": "skola"}


def test_prune_reaches_the_lemma_through_an_inflected_project_word():
    table = {"skolans": "skola", "skolorna": "skola", "bilen": "bil"}
    assert set(prune(table, {"skolans"}, {})) == {"skolans", "skolorna"}


def test_prune_always_keeps_the_overrides():
    assert prune({"vill": "vill"}, set(), {"vill": "vilja"}) == {"vill": "vilja"}


def test_project_words_come_from_knowledge_training_data_and_domain():
    words = project_words()
    assert {"samtycke", "vårdnadshavare", "sip-möte", "sip", "möte"} <= words
    assert not any(w.isupper() for w in words)


def test_pipeline_lemmatises_forms_the_project_never_wrote(nlp):
    # Inflections absent from the project's texts still reach a lemma the project uses…
    assert _lemmas(nlp, "vårdnadshavarnas skolornas") == ["vårdnadshavare", "skola"]
    # …while words of no lemma the project knows stay as they are (the table stays small).
    assert _lemmas(nlp, "bilmekanikerns") == ["bilmekanikerns"]


def test_if_changed_leaves_an_identical_pipeline_alone(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "sv_sip"

    def run() -> int:
        return subprocess.run([sys.executable, "-m", "bot.nlu.build_spacy_pipeline", "--out", str(out), "--if-changed"],
                              capture_output=True, text=True).returncode

    assert run() == 0
    assert run() == UNCHANGED
    (out / "meta.json").write_text("{}", encoding="utf-8")
    assert run() == 0
