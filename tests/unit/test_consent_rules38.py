"""Consent rules after the persona round of session 38: what must not be shared, typed at what may be; one of two
guardians said in own words; whether the other guardian said yes; a worry about the note on the duty to report."""
from __future__ import annotations

import re

import pytest

from actions import consent_rules as rules


# --- 1. what may be shared, in own words ----------------------------------------------------------------------

@pytest.mark.parametrize("text, allowed, limit", [
    # Lars, 19, at "Vad får de berätta för varandra?": it was saved as what they MAY tell each other.
    ("dom ska inte prata om min mamma", "", "min mamma"),
    ("de får inte prata om mamma", "", "mamma"),
    ("får inte prata om mamma", "", "mamma"),
    ("dom får inte säga nåt om mamma", "", "mamma"),
    ("jag vill inte att de pratar om bråken mellan mig och hans pappa", "", "bråken mellan mig och hans pappa"),
    # What is allowed is kept, and the exception moved.
    ("de får prata om allt utom mamma", "de får prata om allt", "mamma"),
    ("allt förutom om pappa", "allt", "pappa"),
    ("hur det går i skolan, men de får inte prata om mamma", "hur det går i skolan", "mamma"),
    ("hur han mår och sover. de ska inte prata om bråken hemma", "hur han mår och sover", "bråken hemma"),
    # Who must not tell is kept when it is not just "de".
    ("skolan och bup får inte prata om medicin", "", "skolan och bup får inte prata om medicin"),
    # As before.
    ("inget om mamma", "", "mamma"),
    ("skolgång, inte om medicin", "skolgång", "medicin"),
])
def test_what_must_not_be_shared_is_read_as_a_limit(text, allowed, limit):
    assert rules.split_sharing(text) == (allowed, limit)


@pytest.mark.parametrize("text", [
    "hur det går i skolan",
    "om flytten, boendestöd och mina tider på hab",
    # A subclause puts "inte" before its verb: no limit.
    "att skolan får veta så att han inte ska behöva berätta om sin diagnos igen",
    # How much, not what.
    "de ska inte veta allt", "de får inte veta för mycket",
    "inte så mycket, bara skolgång",
])
def test_an_answer_about_what_may_be_shared_is_left_as_it_is(text):
    assert rules.split_sharing(text) == (text, None)


def test_a_limit_typed_with_questions_is_found_in_the_sentence_that_asks_nothing():
    text = ("varför står det om anmälan?? tror ni att han far illa? jag vill inte att de pratar om bråken mellan "
            "mig och hans pappa")
    assert rules.limit_in_a_message(text) == "bråken mellan mig och hans pappa"
    assert rules.limit_in_a_message("vad betyder det? anmala till social? jag ar radd") is None


# --- 3. one of two guardians, in own words --------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "ni? jag kan bara svara för mig själv, pappan har inte gett något samtycke. räcker det med mitt?",
    "bara jag. pappan vill inte",
    "hans pappa vet inte om det än",
    "jag, den andra vårdnadshavaren har inte sagt ja",
])
def test_a_guardian_who_alone_consents_is_heard(text):
    assert rules.says_only_the_writer_consents(text)


@pytest.mark.parametrize("text", ["två", "båda", "bara jag", "vardnadshavare. jag och min fru",
                                  # A child's word for a parent is no guardian's.
                                  "min pappa vill inte"])
def test_other_answers_say_no_such_thing(text):
    assert not rules.says_only_the_writer_consents(text)


# --- 4. whether the other guardian said yes themself ----------------------------------------------------------

@pytest.mark.parametrize("text, agreed", [
    ("ja", True), ("Ja", True), ("ja hon sitter bredvid mig", True), ("hon sa ja i telefon", True),
    ("nej", False), ("nej inte än", False), ("hon vet inte om det", False), ("inte än", False),
    ("kanske", None), ("vad menar du", None),
])
def test_the_other_guardians_yes_is_read(text, agreed):
    assert rules.other_guardian_agreed(text) is agreed


@pytest.mark.parametrize("text, among", [
    ("vardnadshavare. jag och min fru", True), ("min man och jag", True), ("vi båda", True),
    ("vårdnadshavare", False), ("Leila Haddad", False),
])
def test_a_writer_who_names_themself_among_the_guardians_is_heard(text, among):
    assert rules.names_the_writer_among_the_guardians(text) is among


# --- 5. the note on the duty to report ------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "varför står det om anmälan?? tror ni att han far illa?",
    "vad betyder det? anmala till social? jag ar radd",
    "jag är rädd för orosanmälan",
    "varför skriver ni att han far illa",
])
def test_a_worry_about_the_note_is_heard(text):
    assert rules.asks_about_the_report_note(text)


@pytest.mark.parametrize("text", ["inget om anmälan", "nej", "de får inte prata om bråken", "vad händer sen?"])
def test_an_answer_is_no_worry_about_the_note(text):
    assert not rules.asks_about_the_report_note(text)


# --- review of session 38: what a worry about the note may also tell -------------------------------------------

@pytest.mark.parametrize("text", ["varför står det om anmälan? han far illa hemma hos sin pappa",
                                  "han far ju illa hemma", "vad betyder det. min dotter har farit illa"])
def test_a_sentence_that_tells_of_harm_is_heard(text):
    assert rules.tells_of_harm(text)


@pytest.mark.parametrize("text", ["varför står det om anmälan?? tror ni att han far illa?", "tror ni han far illa",
                                  "han far inte illa", "vad betyder det? anmala till social? jag ar radd"])
def test_a_question_about_harm_tells_none(text):
    assert not rules.tells_of_harm(text)


@pytest.mark.parametrize("text, left", [
    # Review of session 38: a bare fear is a feeling, kept to be read for danger (the check-in, not the calm reply),
    # though it follows a question about the note; these three left it out before.
    ("vad betyder det? anmala till social? jag ar radd", "vad betyder det. anmala till social. jag ar radd"),
    ("varför skrev du om anmälan? jag blir rädd", "varför skrev du om anmälan. jag blir rädd"),
    ("jag är rädd men pappa slår", "jag är rädd. pappa slår"),
    # Only a fear that names the note or the reporting is left out.
    ("jag är rädd för orosanmälan", ""),
    ("varför står det om anmälan? jag är rädd för anmälan", "varför står det om anmälan"),
    ("rädd att ni anmäler", ""),
    ("vad betyder det? jag blir rädd av det där", "vad betyder det"),
    # A fear of someone stays, to be read for danger.
    ("varför står det om anmälan? jag är rädd för pappa", "varför står det om anmälan. jag är rädd för pappa"),
])
def test_only_a_fear_of_the_note_is_left_out(text, left):
    assert rules.without_a_fear_of_the_note(text) == left


@pytest.mark.parametrize("text, named", [("vårdnadshavare, bara jag. pappan vill inte", True),
                                         ("Vårdnadshavare", True),
                                         ("bara jag, den andra vårdnadshavaren vet inte", False),
                                         ("bara jag, pappan vet inte om det", False)])
def test_the_guardian_role_is_read_but_not_for_the_other_parent(text, named):
    assert rules.names_the_guardian_role(text) is named


def test_a_cue_list_matches_whole_words_and_prefixes():
    pattern = rules.cue_pattern(["den andra föräldern", "samtycke*"])
    assert re.search(pattern, "bara den  andra foraldern vet")
    assert re.search(pattern, "samtycket")
    assert not re.search(pattern, "andra foraldern") and not re.search(pattern, "osamtycke")


# Review of session 38: a bare "jag är rädd" was left out as a fear of the note, so these got the calm reply about
# it and no check-in.
@pytest.mark.parametrize("text", ["anmälan till soc?? jag är rädd. jag vill inte bo kvar hemma",
                                  "anmäla till soc? jag är rädd. han är arg hela tiden"])
def test_a_bare_fear_beside_the_note_may_tell_of_a_crisis(text):
    from types import SimpleNamespace

    from actions.consent import may_tell_of_a_crisis
    tracker = SimpleNamespace(latest_message={"text": text, "intent": {"name": "faq"}})
    assert rules.asks_about_the_report_note(text)
    assert may_tell_of_a_crisis(tracker), text
