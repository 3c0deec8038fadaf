"""Consent rules: Swedish dates, the validity period, who may consent, status, parties."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone

import pytest

from actions import consent_rules as rules
from actions.consent_rules import Party

TODAY = date(2026, 11, 22)


# --- dates ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("2026-12-01", date(2026, 12, 1)),
    ("1 december", date(2026, 12, 1)),
    ("1 december 2027", date(2027, 12, 1)),
    ("till den 31 december 2027", date(2027, 12, 31)),
    ("fram till 1 juni", date(2027, 6, 1)),
    ("tom 2027-05-31", date(2027, 5, 31)),
    ("den 1 dec", date(2026, 12, 1)),
    ("1:a december", date(2026, 12, 1)),
    ("1/12", date(2026, 12, 1)),
    ("01.12.2026", date(2026, 12, 1)),
    ("1/12/27", date(2027, 12, 1)),
    ("idag", TODAY),
    ("I dag", TODAY),
    ("imorgon", date(2026, 11, 23)),
    ("Från idag", TODAY),
    ("15 januari", date(2027, 1, 15)),  # a month that passed long ago means next year's
    ("20 november", date(2026, 11, 20)),  # passed two days ago: this year's, so it can be refused
])
def test_swedish_dates_are_understood(text, expected):
    assert rules.parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["december", "12", "hej", "2027-02-30", "31 februari", "", "snart", "1 smurf"])
def test_unclear_or_impossible_dates_are_not_guessed(text):
    assert rules.parse_date(text, TODAY) is None


def test_an_end_date_without_year_is_read_after_the_start():
    start = date(2027, 6, 1)
    assert rules.parse_date("1 mars", TODAY, reference=start) == date(2028, 3, 1)


@pytest.mark.parametrize("text,expected", [
    ("ett år", date(2027, 11, 22)), ("1 ar", date(2027, 11, 22)), ("Ett År", date(2027, 11, 22)),
    ("2 år", date(2028, 11, 22)), ("tva ar", date(2028, 11, 22)),
    ("6 månader", date(2027, 5, 22)), ("sex manader", date(2027, 5, 22)), ("i 3 månader", date(2027, 2, 22)),
    ("hej", None), ("år", None), ("0 år", None),
])
def test_periods_are_read_from_the_start(text, expected):
    assert rules.parse_period_end(text, TODAY) == expected


def test_a_month_later_keeps_within_short_months():
    assert rules.parse_period_end("1 månad", date(2027, 1, 31)) == date(2027, 2, 28)


def test_default_end_is_one_year_after_the_start():
    assert rules.default_valid_to(date(2026, 11, 22)) == date(2027, 11, 22)
    assert rules.default_valid_to(date(2028, 2, 29)) == date(2029, 2, 28)


# --- validity period -----------------------------------------------------------------------

def test_today_to_one_year_later_is_fine():
    assert rules.check_period(TODAY, date(2027, 11, 22), TODAY) is None


def test_more_than_one_year_is_refused():
    assert rules.check_period(TODAY, date(2027, 11, 23), TODAY) == rules.TOO_LONG
    assert rules.check_period(TODAY, date(2028, 11, 22), TODAY) == rules.TOO_LONG


def test_end_before_or_on_the_start_is_refused():
    assert rules.check_period(date(2026, 12, 1), date(2026, 11, 30), TODAY) == rules.END_BEFORE_START
    assert rules.check_period(date(2026, 12, 1), date(2026, 12, 1), TODAY) == rules.END_BEFORE_START


def test_a_start_in_the_past_is_refused():
    assert rules.check_period(date(2026, 11, 21), None, TODAY) == rules.START_IN_PAST


def test_a_start_more_than_a_year_ahead_is_refused():
    # "2099-05-01" for "2026-05-01" would otherwise be saved as a consent that starts in 73 years.
    assert rules.check_period(date(2027, 11, 22), None, TODAY) is None
    assert rules.check_period(date(2027, 11, 23), None, TODAY) == rules.START_TOO_LATE
    assert rules.check_period(date(2099, 5, 1), date(2100, 5, 1), TODAY) == rules.START_TOO_LATE


def test_the_limit_follows_the_configured_policy():
    two_years = replace(rules.policy(), max_validity_years=2)
    assert rules.check_period(TODAY, date(2028, 11, 1), TODAY, two_years) is None


# --- status --------------------------------------------------------------------------------

def test_status_follows_dates_and_withdrawal():
    start, end = date(2026, 12, 1), date(2027, 11, 30)
    assert rules.status(start, end, None, date(2026, 11, 30)) == rules.UPCOMING
    assert rules.status(start, end, None, start) == rules.ACTIVE
    assert rules.status(start, end, None, end) == rules.ACTIVE
    assert rules.status(start, end, None, date(2027, 12, 1)) == rules.EXPIRED
    withdrawn = datetime(2027, 1, 5, tzinfo=timezone.utc)
    assert rules.status(start, end, withdrawn, date(2027, 1, 6)) == rules.WITHDRAWN


def test_every_status_has_a_swedish_label():
    labels = rules.policy().status_labels
    assert {rules.ACTIVE, rules.UPCOMING, rules.EXPIRED, rules.WITHDRAWN} <= set(labels)


# --- who gives the consent ------------------------------------------------------------------

def test_under_18_the_guardians_or_a_young_person_with_the_maturity_consent():
    assert rules.check_givers(True, rules.GUARDIAN, guardian_count=2) is None
    assert rules.check_givers(True, rules.GUARDIAN, guardian_count=1) is None
    assert rules.check_givers(True, rules.GUARDIAN) == rules.NEEDS_GUARDIAN_COUNT
    # "Om barnet inte innehar ålder och mognad är det den unges vårdnadshavare som ger sitt samtycke".
    assert rules.check_givers(True, rules.YOUNG_PERSON) is None


def test_from_18_the_young_person_consents_and_guardians_do_not():
    assert rules.check_givers(False, rules.YOUNG_PERSON) is None
    assert rules.check_givers(False, rules.GUARDIAN, guardian_count=1) == rules.NOT_ALLOWED_FOR_AGE


def test_guardians_are_one_or_two():
    assert rules.check_givers(True, rules.GUARDIAN, guardian_count=None) == rules.NEEDS_GUARDIAN_COUNT
    assert rules.check_givers(True, rules.GUARDIAN, guardian_count=3) == rules.NEEDS_GUARDIAN_COUNT


@pytest.mark.parametrize("kind", ["fullmakt", "generalfullmakt", "god_man", "forvaltare", "framtidsfullmakt"])
def test_a_representative_needs_a_known_kind(kind):
    assert rules.check_givers(False, rules.REPRESENTATIVE, representative_kind=kind) is None
    assert rules.check_givers(False, rules.REPRESENTATIVE, representative_kind=None) == rules.NEEDS_REPRESENTATIVE_KIND
    assert rules.check_givers(False, rules.REPRESENTATIVE, representative_kind="granne") == rules.NEEDS_REPRESENTATIVE_KIND


def test_the_adult_age_comes_from_the_policy():
    assert rules.policy().adult_age == 18
    only_guardians = replace(rules.policy(), givers_under_adult_age=("vardnadshavare",))
    assert rules.check_givers(True, rules.REPRESENTATIVE, representative_kind="god_man", rules=only_guardians) \
        == rules.NOT_ALLOWED_FOR_AGE


@pytest.mark.parametrize("text,expected", [
    ("Vårdnadshavare", rules.GUARDIAN), ("vardnadshavare", rules.GUARDIAN), ("mamma", rules.GUARDIAN),
    ("Jag själv", rules.YOUNG_PERSON), ("den unga", rules.YOUNG_PERSON),
    ("god man", rules.REPRESENTATIVE), ("Företrädare", rules.REPRESENTATIVE), ("hej", None),
    ("jag är pappan. vi har delad vårdnad, behöver mamman också skriva under?", rules.GUARDIAN),
])
def test_giver_from_text(text, expected):
    assert rules.parse_giver(text) == expected


@pytest.mark.parametrize("text,expected", [("2", 2), ("två", 2), ("tva", 2), ("Båda", 2), ("1", 1), ("en", 1),
                                           ("bara en", 1), ("vet inte", None), ("bara jag, pappan bor inte med oss", 1),
                                           ("jag själv", 1), ("jag och pappan", 2),
                                           # Persona round, session 29: the mother was recorded as consenting.
                                           ("bara jag än så länge. hon har två vårdnadshavare men mamman har inte sagt ja", 1),
                                           ("båda, inte bara jag", 2)])
def test_guardian_count_from_text(text, expected):
    assert rules.parse_guardian_count(text) == expected


@pytest.mark.parametrize("text,expected", [("God man", "god_man"), ("forvaltare", "forvaltare"),
                                           ("Framtidsfullmakt", "framtidsfullmakt"), ("fullmakt", "fullmakt"),
                                           ("generalfullmakt", "generalfullmakt"), ("granne", None),
                                           # Persona round, session 28: saved as a fullmakt.
                                           ("har ingen fullmakt", None), ("inte god man", None),
                                           ("fullmakt kanske", "fullmakt")])
def test_representative_kind_from_text(text, expected):
    assert rules.parse_representative_kind(text) == expected


@pytest.mark.parametrize("text,expected", [("ja", True), ("Ja, spara", True), ("JA!", True), ("nej", False),
                                           ("kanske", None)])
def test_yes_no(text, expected):
    assert rules.parse_yes_no(text) == expected


@pytest.mark.parametrize("text,expected", [("Ja, ta tillbaka", True), ("ok ja ta tillbaka", True), ("ja", True),
                                           ("Nej, behåll", False), ("nej jag vill inte", False), ("ok nej", False),
                                           ("ja men vänta", None), ("ja jag vill inte", None),
                                           ("ja? avslutas sipen då?", None), ("kanske", None), ("", None)])
def test_a_confirmation_may_say_more_than_yes_or_no(text, expected):
    # The button's title typed, or "ok ja ta tillbaka", got "Svara ja eller nej" (persona round, session 27).
    assert rules.parse_confirmation(text) == expected


@pytest.mark.parametrize("text", ["nej vad händer då", "ja hur lång tid tar det", "nej när slutar sip",
                                  "om jag tar tillbaka, SIP slut? hamza förlorar hjälp?"])
def test_a_question_after_a_yes_or_no_is_neither(text):
    # A question never counts as the answer at the withdrawal (persona round, session 34).
    assert rules.parse_confirmation(text) is None


@pytest.mark.parametrize("text", [
    "nej vänta. inte allt. bara socialtjänsten ska bort. jag vill inte SIP avslutas", "bara socialtjänsten",
    "inte allt", "bara för skolan", "en verksamhet", "ja, bara BUP", "ta bort skolan", "allt utom soc",
    "inte hela samtycket", "bara en del av det", "vissa verksamheter ska bort"])
def test_wanting_only_some_organisations_removed(text):
    # Persona round, session 32: a whole samtycke is all the chat can take back.
    assert rules.wants_only_some_parties(text)


@pytest.mark.parametrize("text", ["ja", "nej", "Ja, ta tillbaka", "Nej, behåll", "ja men vänta", "samtycke 2", "2",
                                  "alla", "bara samtycke 1", "vänta. hur länge gäller ett samtycke?", "kanske",
                                  "jag vill inte att de pratar med varandra längre", ""])
def test_a_whole_answer_is_not_a_wish_for_some_organisations(text):
    assert not rules.wants_only_some_parties(text)


@pytest.mark.parametrize("text,expected", [("ja", True), ("nej", False), ("hon är 15", True), ("17 år", True),
                                           ("18", False), ("han ar 19 ar", False), ("vet inte", None),
                                           ("12 eller 13", None)])
def test_under_18_from_yes_no_or_an_age(text, expected):
    assert rules.parse_under_adult_age(text) == expected


@pytest.mark.parametrize("text,expected", [("Skriftligt", "skriftligt"), ("på blankett", "skriftligt"),
                                           ("muntligt", "muntligt"), ("muntlig", "muntligt"), ("hmm", None)])
def test_oral_or_written(text, expected):
    assert rules.parse_form(text) == expected


@pytest.mark.parametrize("text,expected", [("vad är skillnad? jag förstår inte journalen", True),
                                           ("vad e journal", True), ("muntligt, vad är journal?", False),
                                           ("skriftligt", False), ("Muntligt", False),
                                           ("vad betyder det muntligt alltså", True)])
def test_a_question_about_the_two_ways_names_neither(text, expected):
    assert rules.asks_about_the_forms(text) is expected


# --- parties --------------------------------------------------------------------------------

def test_parties_are_split_and_recognised():
    parties = rules.split_parties("BUP Vänersborg, Hagaskolan elevhälsa och Socialtjänsten barn och unga")
    assert parties == [Party("BUP Vänersborg", "bup"), Party("Hagaskolan elevhälsa", "elevhalsa"),
                       Party("Socialtjänsten barn och unga", "socialtjanst")]


def test_och_between_two_organisations_splits_them():
    assert rules.split_parties("bup och skolan") == [Party("bup", "bup"), Party("skolan", "skola")]


def test_compound_names_are_recognised_and_unknown_ones_kept():
    assert rules.split_parties("Hagaskolan; farmor") == [Party("Hagaskolan", "skola"), Party("farmor", None)]


def test_repeated_parties_are_listed_once():
    assert rules.split_parties("BUP, bup") == [Party("BUP", "bup")]


def test_every_recognised_kind_has_a_label():
    assert rules.organisation_type_label("bup").startswith("BUP")
    assert rules.organisation_type_label("nope") is None


def test_a_party_written_as_excluded_is_left_out():
    assert rules.split_parties("skolan och vårdcentralen men INTE socialtjänsten") == [
        Party("skolan", "skola"), Party("vårdcentralen", "vardcentral")]
    assert rules.split_parties("BUP, inte soc, skolan") == [Party("BUP", "bup"), Party("skolan", "skola")]
    assert rules.split_parties("alla utom soc") == []  # then the person is asked to name them


@pytest.mark.parametrize("text,expected", [
    ("Lina Berg", True), ("Anne-Marie O'Neill", True), ("محمد علي", True), ("Lina", True),
    ("pappan vill inte, han säger nej", False), ("hon samtycker inte", False), ("", False),
    ("Lina Berg 0701234567", False), ("en person som jag inte vet namnet på", False),
    # Who consents, not a name (persona round, session 26).
    ("bara jag", False), ("endast mig", False), ("jag själv", False), ("Bara Hassan", True), ("två", False),
    # Organisations typed a question late (verification round, session 29).
    ("skolan och bup", False), ("BUP", False),
])
def test_a_guardian_name_is_a_name_not_a_sentence(text, expected):
    assert rules.looks_like_a_name(text) is expected


@pytest.mark.parametrize("text", ["samma som förra gången", "Samma som sist.", "som innan", "likadant som förra året",
                                  "samma som i fjol", "det är samma som förra gången", "samma som det gamla samtycket"])
def test_an_answer_that_only_points_to_an_earlier_samtycke_says_nothing(text):
    assert rules.points_to_an_earlier_answer(text)


@pytest.mark.parametrize("text", ["skolan och BUP, samma som innan", "BUP och skolan", "samma", "allt", "",
                                  "det som hänt sen förra mötet", "skolan får veta hur det går"])
def test_an_answer_with_content_of_its_own_is_an_answer(text):
    assert not rules.points_to_an_earlier_answer(text)


# --- several consents at once ----------------------------------------------------------------

class _Stored:
    def __init__(self, number, start, end, withdrawn=None):
        self.number, self.valid_from, self.valid_to, self.withdrawn_at = number, start, end, withdrawn


WITHDRAWN = datetime(2026, 11, 1, tzinfo=timezone.utc)


@pytest.mark.parametrize("consents,expected", [
    # The persona's case (session 34): one letting everyone share, a later one keeping health from the school.
    ([_Stored(1, TODAY, date(2027, 11, 1)), _Stored(2, date(2026, 12, 1), date(2027, 6, 1))], [1, 2]),
    ([_Stored(1, TODAY, date(2027, 11, 1))], []),
    ([_Stored(1, TODAY, date(2027, 11, 1), WITHDRAWN), _Stored(2, TODAY, date(2027, 6, 1))], []),
    ([_Stored(1, date(2025, 11, 1), date(2026, 11, 1)), _Stored(2, TODAY, date(2027, 6, 1))], []),  # expired
    ([_Stored(1, TODAY, date(2027, 1, 31)), _Stored(2, date(2027, 2, 1), date(2028, 1, 31))], []),  # a renewal
    ([_Stored(1, TODAY, date(2027, 1, 31)), _Stored(2, date(2027, 1, 31), date(2028, 1, 31))], [1, 2]),  # one day
    ([_Stored(1, TODAY, date(2027, 1, 1)), _Stored(2, date(2027, 2, 1), date(2027, 3, 1)),
      _Stored(3, date(2027, 2, 15), date(2027, 6, 1))], [2, 3]),
])
def test_consents_in_force_together_are_the_open_ones_whose_periods_overlap(consents, expected):
    assert rules.in_force_together(consents, TODAY) == expected


@pytest.mark.parametrize("text", ["nu jag har samtycke 1 och 2. vilken gäller?", "vilket samtycke gäller nu",
                                  "vilket av dem gäller", "vilket är det som gäller", "VILKEN GALLER", "gäller båda?",
                                  "gäller 1 eller 2", "vilket ska gälla", "vilka gäller?"])
def test_asking_which_consent_applies(text):
    assert rules.asks_which_consent_applies(text)


@pytest.mark.parametrize("text", ["hur länge gäller samtycket", "vilken blankett gäller för skolan",
                                  "gäller det i ett år", "vilka verksamheter får prata med varandra", "samtycke 2", "", None])
def test_other_questions_do_not_ask_which_consent_applies(text):
    assert not rules.asks_which_consent_applies(text)


@pytest.mark.parametrize("text", ["ok. jag vill göra ett samtycke till, pappa ska också med. och bara skolan och bup, inte soc",
                                  "nej?? jag vill inte ta tillbaka. jag vill göra nytt samtycke", "jag vill ge samtycke"])
def test_a_wish_for_another_consent_is_no_withdrawal(text):
    # Read as `withdraw_consent`, it asked whether to take back samtycke 1 (verification round, session 34).
    assert rules.wants_a_new_consent(text) and rules.keeps_the_consent(text)


@pytest.mark.parametrize("text", ["jag vill ta tillbaka mitt samtycke", "jag vill ta tillbaka samtycke 1 och göra ett nytt samtycke",
                                  "ja, ta tillbaka", "kan jag ta tillbaka samtycket?"])
def test_a_wish_to_take_back_is_no_wish_for_a_new_consent(text):
    assert not rules.wants_a_new_consent(text) and not rules.keeps_the_consent(text)


def test_a_no_to_taking_back_said_in_words_keeps_the_consent():
    assert rules.keeps_the_consent("Nej, behåll") and rules.keeps_the_consent("jag vill inte ta tillbaka det")


@pytest.mark.parametrize("text,limit", [
    # Typed at the date question and lost (verification round, session 34).
    ("vänta. också bup får inte säga till skolan om medicin", "bup får inte säga till skolan om medicin"),
    ("skolan får inte veta om bråk hemma", "skolan får inte veta om bråk hemma"),
])
def test_a_limit_on_sharing_is_read_without_its_lead_in(text, limit):
    assert rules.limit_on_sharing(text) == limit


@pytest.mark.parametrize("text", ["idag", "om en vecka", "får de inte berätta om det?", "jag vet inte", ""])
def test_dates_and_questions_are_no_limit(text):
    assert rules.limit_on_sharing(text) is None
