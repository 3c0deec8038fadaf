"""Lexicon patterns added after the verification round of session 35."""
from __future__ import annotations

import pytest

from actions.safety.crisis_detector import CrisisLexicon, fold_normaliser
from tests.unit.test_crisis_detector import LEXICON


@pytest.fixture(scope="module")
def lexicon() -> CrisisLexicon:
    return CrisisLexicon.from_yaml(LEXICON, normaliser=fold_normaliser)


@pytest.mark.parametrize("text", [
    # An 18-year-old in psychiatric care got "Menade du…?" with "Ta tillbaka samtycket".
    "jag orkar inte med nåt längre",
    "allt typ. jag orkar inte med nåt längre",
    "orkar inte med något alls längre",
    "orkar inte längre med allting",
])
def test_not_coping_with_anything_any_longer_is_a_crisis(lexicon, text):
    match = lexicon.detect(text)
    assert match is not None and match.category == "suicide"


@pytest.mark.parametrize("text", [
    "jag orkar inte med skolan längre",
    "jag orkar inte med matte längre",
    "jag orkar inte mer idag",
])
def test_not_coping_with_one_thing_is_not(lexicon, text):
    assert lexicon.detect(text) is None
