"""Request rules after the persona round of session 36: a role that is no guardian's said with a guardian's
words, "får" read as "far", names that are no names, "jag heter X" later in the form, questions at the
summary and at the kommun/region question, and short forms of habiliteringen."""
from __future__ import annotations

import pytest

from actions import request_rules as rules

BIRGITTA = ("Ingen av dem stämmer riktigt. Jag är familjehemsförälder, Elin bor hos oss men hennes mamma är "
            "vårdnadshavare.")


# --- 1. a role that is no guardian's ---------------------------------------------------------------

@pytest.mark.parametrize("text", [
    BIRGITTA, "familjehemsförälder", "vi är hennes jourhem", "jag som fosterförälder",
    "Men jag är ju inte vårdnadshavare, det är Elins mamma som har vårdnaden",
    "jag är pappa men mamman har vårdnaden",
])
def test_a_role_that_is_no_guardians_is_named(text):
    assert rules.names_a_non_guardian_role(text)


@pytest.mark.parametrize("text", [
    "vårdnadshavare", "jag är mamma", "jag är hennes mamma",
    # A guardian whose child lives in a familjehem.
    "jag är mamma, hon bor i familjehem", "Jag är mamma och vårdnadshavare, Elin bor hos familjehemsföräldrarna",
    # Custody shared with the writer.
    "jag är mamma, pappan har också vårdnaden", "jag och pappan har vårdnaden",
])
def test_a_guardian_is_not_taken_for_someone_else(text):
    assert not rules.names_a_non_guardian_role(text)
    assert rules.parse_role(text) == rules.VARDNADSHAVARE


def test_a_later_message_disputes_the_role_only_in_the_writers_own_words():
    assert rules.disputes_the_guardian_role("Vänta, registrerade du mig nu som vårdnadshavare? Det är jag inte.")
    assert rules.disputes_the_guardian_role("Det står att jag är vårdnadshavare, men jag är familjehemsförälder.")
    # A story of the needs naming the other parent's custody says nothing of the writer.
    assert not rules.disputes_the_guardian_role("mamman har vårdnaden men han bor mest hos mig")


@pytest.mark.parametrize("text", [
    "Jaha, tack. Men om jag inte får begära SIP här, får jag då ge samtycke för Elin? Hon bor ju hos mig.",
    "far jag skicka den har?",
])
def test_far_meaning_may_is_no_father(text):
    # "får" folds to "far": the foster parent was saved as vårdnadshavare a second time (session 36).
    assert rules.parse_role(text) is None


def test_a_father_is_still_a_guardian():
    assert rules.parse_role("jag är far till honom") == rules.VARDNADSHAVARE


@pytest.mark.parametrize("text, wants", [
    ("Det står fortfarande att jag är vårdnadshavare. Hur ändrar jag det?", True),
    ("ändra vem jag är", True), ("jag vill ändra min roll", True),
    ("ändra barnet", False), ("ändra kontakt", False),
])
def test_a_wish_to_change_the_role(text, wants):
    assert rules.wants_to_change_the_role(text) is wants


@pytest.mark.parametrize("text, asks", [
    ("Förlåt, jag förstår inte. Vad har du skrivit att jag är nu?", True),
    ("vad står det om mig?", True),
    ("vad har ni skrivit hittills?", True),
    ("Elin Persson", False), ("vad har du skrivit", False),  # asked, with its question mark
    # Questions about SIP.
    ("vad står det i en SIP?", False), ("vad har ni skrivit om samtycke?", False),
])
def test_asking_what_is_noted(text, asks):
    assert rules.asks_what_is_noted(text) is asks


# --- 2. and 4. names that are no names, and "jag heter X" later ----------------------------------------

@pytest.mark.parametrize("text", [
    "Vänta, registrerade du mig nu som vårdnadshavare? Det är jag inte.",
    "Förlåt, jag förstår inte. Vad har du skrivit att jag är nu?",
    "båda men helst sms", "ring mig helst", "sms", "Vänta", "Elin heter inte Vänta",
])
def test_a_protest_a_question_or_a_contact_way_is_no_name(text):
    assert rules.person_name(text) is None and rules.name_with_more_after(text) is None


@pytest.mark.parametrize("text", ["Amina Hassan", "Eva Ring", "Jan Ok", "jag heter Amina Hassan"])
def test_names_are_still_names(text):
    assert rules.person_name(text) is not None


@pytest.mark.parametrize("text, name", [
    ("oj jag läste fel. jag heter Amina Hassan. telefon [telefonnummer]", "Amina Hassan"),
    ("jag heter Amina Hassan", "Amina Hassan"),
    ("ja och jag heter Eva Lind och numret är [telefonnummer]", "Eva Lind"),
    ("mitt namn är Omar Said", "Omar Said"),
    ("han heter Leo", None),  # the child's name, not the writer's
    ("Amina Hassan", None),
])
def test_the_writers_own_name_said_in_a_sentence(text, name):
    assert rules.own_name_said(text) == name


# --- 5. a question at the summary ----------------------------------------------------------------------

@pytest.mark.parametrize("text, asks", [
    ("innan jag skickar, får pappan veta att jag skickat? han har också vårdnad", True),
    ("vem får se det här?", True), ("vart skickas den?", True), ("kommer pappan få veta?", True),
    ("ja skicka", False), ("ändra kontakt", False),
])
def test_asking_who_is_told(text, asks):
    assert rules.asks_who_is_told(text) is asks


# --- 6. short forms of habiliteringen --------------------------------------------------------------------

@pytest.mark.parametrize("text", ["habben", "habbe", "HAB", "habiliteringen"])
def test_short_forms_of_habiliteringen_find_it(text):
    found = rules.match_organisations(text) or rules.organisations_of_a_named_type(text)
    assert [org.id for org in found] == ["habilitering_vanersborg_barn_och_ungdom"]


def test_fritids_finds_the_schools():
    found = rules.match_organisations("fritids") or rules.organisations_of_a_named_type("fritids")
    assert found and {org.kind for org in found} == {"skola"}


@pytest.mark.parametrize("text, side", [
    ("habbe", rules.REGION), ("ja skolan och habben", rules.BOTH),
    ("asså jag har vuxenpsyk och soc om boende, e det båda?", rules.BOTH),
    ("psyket", rules.REGION),
    ("skolpsykologen och kuratorn", rules.KOMMUN),  # elevhälsan, not psychiatry
])
def test_the_sides_of_short_forms(text, side):
    assert rules.parse_sides(text) == side


# --- 8. the kommun/region question asked back ------------------------------------------------------------

@pytest.mark.parametrize("text, side", [
    ("asså jag har vuxenpsyk och soc om boende, e det båda?", rules.BOTH),
    ("jag har bara soc, e det båda?", rules.KOMMUN),  # "båda" asks; what is named answers
    ("bup, räcker det?", rules.REGION),
    ("ja båda", None),
])
def test_the_sides_of_what_is_named(text, side):
    assert rules.sides_of_the_named(text) == side
