"""consent_rules after the persona round of session 35: filler that is no organisation, words around a
name, and organisations named in the wish that starts a samtycke."""
from __future__ import annotations

import pytest

from actions.consent_rules import name_parts, parties_named_with_the_wish, split_parties


@pytest.mark.parametrize("text, names", [
    ("skolan och bup, sa jag ju", ["skolan", "bup"]),
    ("bara skolan och bup", ["skolan", "bup"]),
    ("skolan tack", ["skolan"]),
    ("ju skolan, typ bup", ["skolan", "bup"]),
    ("sa jag ju", []),
    ("Friskolan Lärkan", ["Friskolan Lärkan"]),
    ("Dr Svensson", ["Dr Svensson"]),
    ("Socialtjänsten barn och unga", ["Socialtjänsten barn och unga"]),
    ("Bara Hassans mottagning", ["Hassans mottagning"]),
])
def test_filler_is_dropped_from_the_parties(text, names):
    assert [p.name for p in split_parties(text)] == names


@pytest.mark.parametrize("text, parts", [
    ("leyla hassan samma", ("leyla hassan", True)),
    ("Leyla Hassan, samma som jag", ("Leyla Hassan", True)),
    ("samma", (None, True)),
    ("samma som förut", (None, True)),
    ("samma namn som innan", (None, True)),
    ("Lina Berg tack", ("Lina Berg", False)),
    ("ja Lina Berg", ("Lina Berg", False)),
    ("ja", (None, False)),
    ("Bara Hassan", ("Bara Hassan", False)),
    ("jag heter Lina", ("jag heter Lina", False)),  # still no name: looks_like_a_name says so
    ("Anne-Marie O'Neill", ("Anne-Marie O'Neill", False)),
])
def test_words_around_a_name(text, parts):
    assert name_parts(text) == parts


@pytest.mark.parametrize("text, names", [
    ("jag vill göra ett samtycke till, bara skolan och bup", ["skolan", "bup"]),
    ("ok. jag vill göra ett samtycke till, pappa ska också med. och bara skolan och bup, inte soc", ["skolan", "bup"]),
    ("jag vill ge samtycke till BUP Vänersborg och Hagaskolan", ["BUP Vänersborg", "Hagaskolan"]),
    ("Jag vill lämna samtycke för socialtjänsten", ["socialtjänsten"]),
    # Nothing for sure: the question is asked as usual.
    ("jag vill ge samtycke", []),
    ("/give_consent", []),
    ("jag vill att skolan och bup ska få prata", []),
    ("jag vill ge samtycke så skolan får prata med bup", []),
    ("samtycke till Dr Svensson", []),  # a name the list does not know is left to the question
])
def test_parties_named_with_the_wish(text, names):
    assert [p.name for p in parties_named_with_the_wish(text)] == names
