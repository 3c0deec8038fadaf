"""The request's rules after the persona round of session 38: an age said in everyday words at the personnummer
question ("hon ar 12", "hen är tolv"), a number that is no age, and "ja hon har sagt ok" saved as "annan" at
"Vem märkte först att det behövs en SIP?"."""
from __future__ import annotations

from datetime import date

import pytest

from actions import request_rules as r

TODAY = date(2026, 6, 1)


@pytest.mark.parametrize("text, age", [
    ("hon ar 12", 12), ("hon är 12 år", 12), ("han e 9", 9), ("12 år", 12), ("12-åring", 12),
    ("hen är tolv", 12), ("tolv", 12), ("hon fyller 13 snart", 13), ("ålder: 12", 12),
    ("hon ar 12 och ett halvt", 12), ("12,5", 12), ("hen är 9 år och går i trean", 9), ("bara 14", 14),
])
def test_an_age_in_everyday_words_is_the_age(text, age):
    assert r.parse_child(text, TODAY) == (age, None)


@pytest.mark.parametrize("text", ["hon går i 6an", "rum 12", "åk 6", "klass 6", "hon är i 6an", "hon är sjuk",
                                  "om ett år"])
def test_a_number_that_is_no_age_is_not_taken_for_one(text):
    with pytest.raises(r.AgeError) as error:
        r.parse_child(text, TODAY)
    assert error.value.reason == "unclear"


def test_a_personnummer_wins_over_an_age_said_with_it():
    assert r.parse_child("hon ar 12, 20100101-2382", TODAY) == (16, "20100101-2382")


@pytest.mark.parametrize("text, age", [("vet inte hennes personnummer men hon ar 12", 12),
                                       ("bara åldern, hen är tolv", 12), ("vill inte", None), ("nej 12", None)])
def test_spoken_age_reads_an_age_said_with_a_refusal_only_as_an_age(text, age):
    assert r.spoken_age(text) == age


@pytest.mark.parametrize("text", ["ja hon har sagt ok", "ok", "ja", "nej", "ja det går bra", "jaa hon vill"])
@pytest.mark.parametrize("role", [r.VARDNADSHAVARE, r.UNG])
def test_a_yes_or_no_about_something_else_names_no_one(text, role):
    assert r.parse_noticed_by(text, role) is None


@pytest.mark.parametrize("text, expected", [
    ("hennes tränare", r.ANNAN), ("en granne", r.ANNAN), ("ja, en granne", r.ANNAN), ("ja det var hon", r.ANNAN),
    ("ja skolan", r.SKOLA), ("ok, bup", r.REGIONAL_HS), ("ja det var jag", r.NARSTAENDE), ("ja hon själv", r.ENSKILDE),
])
def test_an_answer_that_names_someone_is_still_kept(text, expected):
    assert r.parse_noticed_by(text, r.VARDNADSHAVARE) == expected
