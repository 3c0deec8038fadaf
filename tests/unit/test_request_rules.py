"""Rules for a SIP request: eligibility, age (personnummer only to derive it), phone, directory."""
from datetime import date

import pytest

from actions import request_rules as r

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize("age,sides,expected", [
    (14, r.BOTH, r.SIP),
    (20, r.BOTH, r.SIP),
    (21, r.BOTH, r.OVER_AGE),
    (10, r.KOMMUN, r.SAMVERKANSMOTE),
    (10, r.REGION, r.SAMVERKANSMOTE),
    (10, r.UNKNOWN, r.SIP),
    (None, None, r.SIP),
])
def test_eligibility_explains_and_never_refuses(age, sides, expected):
    assert r.eligibility(age, sides) == expected


@pytest.mark.parametrize("text,expected", [
    ("Ja, både kommun och region", r.BOTH),
    ("bada", r.BOTH),
    ("bara kommunen", r.KOMMUN),
    ("bara skolan", r.KOMMUN),
    ("bara regionen", r.REGION),
    ("bara bup", r.REGION),
    ("vet inte", r.UNKNOWN),
    ("blå", None),
    # Both named without saying so (persona test, session 17).
    ("han har bup och skolan", r.BOTH), ("kurator och habben", r.BOTH),
    ("vårdnadshavare och skolan", r.KOMMUN),
])
def test_sides(text, expected):
    assert r.parse_sides(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Jag är vårdnadshavare", r.VARDNADSHAVARE),
    ("mamma", r.VARDNADSHAVARE),
    ("foralder", r.VARDNADSHAVARE),
    ("Det gäller mig själv, jag är 18–20 år", r.UNG),
    ("banan", None),
])
def test_role(text, expected):
    assert r.parse_role(text) == expected


@pytest.mark.parametrize("text,expected", [
    # Persona round, session 26: a foster parent's "inte vårdnadshavare" was stored as vårdnadshavare.
    ("inget passar, jag är familjehemsförälder, inte vårdnadshavare. vad gör jag då?", None),
    ("jag är inte vårdnadshavare", None), ("inte förälder", None), ("ej vårdnadshavare", None),
    ("jag är inte hans pappa", None), ("mamma, men inte vårdnadshavare", None),
    ("det är inte för mig", None),
    # A foster home's "förälder" is not a guardian's, also in two words.
    ("familjehem", None), ("foster förälder", None), ("familjehems mamma", None),
    # What is said outright still counts.
    ("jag vet inte, jag är mamma", r.VARDNADSHAVARE), ("inte pappa utan mamma", r.VARDNADSHAVARE),
    ("mamma, han bor i familjehem nu", r.VARDNADSHAVARE),
    ("familjehemsförälder och särskilt förordnad vårdnadshavare", r.VARDNADSHAVARE),
    # A role with a question: the rule reads the role, the form answers the question first.
    ("förälder, men vänta – måste pappan också godkänna?", r.VARDNADSHAVARE),
])
def test_a_denied_role_word_is_no_role(text, expected):
    assert r.parse_role(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("familjehem", True), ("vi är familjehemmet", True), ("jag är familjehemsförälder", True),
    ("familjehemsföräldrarna", True), ("jourhem", True), ("fosterförälder", True), ("foster förälder", True),
    ("fostermamma", True), ("vi är jourfamilj", True), ("familjehems pappa", True),
    ("min son är familjehemsplacerad", False), ("familjehemssekreterare", False), ("vårdnadshavare", False),
    ("fosterbarn", False), ("", False),
])
def test_a_foster_home_is_recognised(text, expected):
    assert r.says_foster_home(text) is expected


@pytest.mark.parametrize("text,expected", [
    ("14", 14),
    ("hon är 9 år", 9),
    ("född 2010", 16),
    ("20100101-2382", 16),
    ("201001012382", 16),
    ("100101-2382", 16),
])
def test_age(text, expected):
    assert r.parse_age(text, TODAY) == expected


@pytest.mark.parametrize("text,reason", [
    ("20100101-2383", "personnummer"),  # wrong check digit
    ("20101301-2384", "personnummer"),  # month 13
    ("2030", "future"),
    ("vet inte", "unclear"),
    ("[personnummer]", "removed"),
])
def test_bad_age_gives_a_reason(text, reason):
    with pytest.raises(r.AgeError) as error:
        r.parse_age(text, TODAY)
    assert error.value.reason == reason


@pytest.mark.parametrize("text,expected", [
    ("070-123 45 67", "0701234567"),
    ("+46 70 123 45 67", "0701234567"),
    ("0046701234567", "0701234567"),
    ("0534-190 00", "053419000"),
    ("12345", None),
    ("0046", None),
    ("hej", None),
    ("07012345678901", None),
    ("070-123 45 6", None),  # a mobile number one digit short (persona round, session 20)
    ("031-123 45 67", "0311234567"),
    ("+47 912 34 567", None),  # not Swedish
    ("070-ABC 45 67", None),
])
def test_phone(text, expected):
    assert r.normalise_phone(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Anna", "Anna"), ("Per Persson", "Per Persson"), ("Eva-Lena Ek", "Eva-Lena Ek"),
    ("jag heter Eva Lind", "Eva Lind"), ("Jag heter Eva Lind.", "Eva Lind"), ("hon heter Saga", "Saga"),
    # Persona round, session 20: each of these was stored as a name.
    ("varför behöver ni det", None), ("[telefonnummer]", None), ("mamma", None), ("hej", None),
    ("vet inte", None), ("070 123 45 67", None), ("", None),
    ("jag vill inte att skolan får veta vad vi heter för det har hänt saker", None),
    # Verification round, session 27.
    ("ok. anna berg", "anna berg"), ("förbereda mig", None), ("Jan Ok", "Jan Ok"),
])
def test_a_name_is_told_from_what_is_no_name(text, expected):
    assert r.person_name(text) == expected


@pytest.mark.parametrize("text,expected", [
    # Persona round, session 27: neither was taken as a name.
    ("Leo Andersson, han är född 2016", "Leo Andersson"),
    ("Maria Andersson, ring mig gärna på [telefonnummer] efter kl 15", "Maria Andersson"),
    ("vet inte, kan jag hoppa över?", None), ("Nej, det vill jag inte", None), ("Leo Andersson", None),
    ("Varför, behöver ni det?", None), ("Hej, jag heter Eva", None),
    # Verification round, session 27: in small letters, without a comma, or with the year or number after.
    ("maria andersson, ring mig på [telefonnummer]", "maria andersson"),
    ("maria andersson tel [telefonnummer] helst efter 15", "maria andersson"),
    ("jag heter Maria Andersson och mitt nummer är [telefonnummer]", "Maria Andersson"),
    ("leo andersson född 2016", "leo andersson"), ("Leo Andersson (9 år)", "Leo Andersson"),
    ("Leo Anderson f. 2016-03-02", "Leo Anderson"), ("nej, [telefonnummer]", None),
])
def test_a_name_with_more_after_it(text, expected):
    assert r.name_with_more_after(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Leo Andersson, han är född 2016", 10), ("leo andersson f. 2012", 14), ("Leo Andersson (9 år)", 9),
    ("Leo Andersson, född i mars 2010", 16), ("leo andersson 14 ar", 14),
    ("Leo Andersson", None), ("Maria Andersson, ring mig på [telefonnummer]", None), ("Leo, född 2030", None),
])
def test_an_age_said_with_a_name(text, expected):
    assert r.age_with_a_name(text, today=date(2026, 12, 6)) == expected


def test_an_introduced_name_is_recognised():
    assert r.introduces_a_name("jag heter Eva Lind") and not r.introduces_a_name("Eva Lind")
    assert not r.introduces_a_name("vad heter du?") and not r.introduces_a_name("jag heter [telefonnummer]")


@pytest.mark.parametrize("text,expected", [
    ("BUP", ["bup"]),
    ("vardcentralen", ["narhalsan_dals_ed_vardcentral"]),
    ("Vi har kontakt med socialtjänsten", ["dalsed_socialtjansten_bou"]),
    ("Hagaskolan", ["dalsed_hagaskolan"]),
    ("skolan", ["dalsed_hagaskolan", "dalsed_utsiktens_gymnasium"]),
    ("habiliteringen i vanersborg", ["habilitering_vanersborg_barn_och_ungdom"]),
    ("Närhälsan Dals-Ed vårdcentral", ["narhalsan_dals_ed_vardcentral"]),
    ("ingen aning", []),
])
def test_directory_matching(text, expected):
    assert [org.id for org in r.match_organisations(text)] == expected


def test_every_directory_name_matches_itself():
    for org in r.directory():
        assert [o.id for o in r.match_organisations(org.name)] == [org.id]


@pytest.mark.parametrize("text,expected", [
    ("Ny SIP", r.NY),
    ("en ny", r.NY),
    ("Uppföljning av en SIP vi redan har", r.UPPFOLJNING),
    ("uppfoljning", r.UPPFOLJNING),
    ("vi vill följa upp planen", r.UPPFOLJNING),
    ("banan", None),
])
def test_kind(text, expected):
    assert r.parse_kind(text) == expected


@pytest.mark.parametrize("text,role,expected", [
    # The SIP form's options, as the buttons send them.
    ("Skola", None, r.SKOLA),
    ("Socialtjänst", None, r.SOCIALTJANST),
    ("Regional hälso- och sjukvård", None, r.REGIONAL_HS),
    ("Kommunal hälso- och sjukvård", None, r.KOMMUNAL_HS),
    ("Den enskilde", None, r.ENSKILDE),
    ("Närstående", None, r.NARSTAENDE),
    ("Annan", None, r.ANNAN),
    # Typed: everyday words, folded and misspelt.
    ("skolan", None, r.SKOLA),
    ("hans lärare", None, r.SKOLA),
    ("soc", None, r.SOCIALTJANST),
    ("socialtjänsen", None, r.SOCIALTJANST),
    ("bup", None, r.REGIONAL_HS),
    ("BUP", None, r.REGIONAL_HS),
    ("vardcentralen", None, r.REGIONAL_HS),
    ("regional halso och sjukvard", None, r.REGIONAL_HS),
    ("skolsköterskan", None, r.KOMMUNAL_HS),
    ("min mamma", None, r.NARSTAENDE),
    ("narstaende", None, r.NARSTAENDE),
    ("jag", r.VARDNADSHAVARE, r.NARSTAENDE),
    ("jag själv", r.UNG, r.ENSKILDE),
    # Persona round, session 26: a mother's "jag själv" was taken for the child ("den enskilde").
    ("jag själv", r.VARDNADSHAVARE, r.NARSTAENDE),
    ("Jag själv!", r.VARDNADSHAVARE, r.NARSTAENDE),
    ("själv", r.VARDNADSHAVARE, r.NARSTAENDE),
    ("det var jag", r.VARDNADSHAVARE, r.NARSTAENDE),
    ("mamma (jag)", r.VARDNADSHAVARE, r.NARSTAENDE),
    ("pappa, alltså jag", r.VARDNADSHAVARE, r.NARSTAENDE),
    ("vi själva", r.VARDNADSHAVARE, r.NARSTAENDE),
    ("det var jag", r.UNG, r.ENSKILDE),
    ("jag själv, skolan sa inget", r.VARDNADSHAVARE, r.NARSTAENDE),
    ("hon själv", r.VARDNADSHAVARE, r.ENSKILDE),
    # "själv" after the options (review, session 26).
    ("det var dom själva på BUP", r.VARDNADSHAVARE, r.REGIONAL_HS), ("min son själv", r.VARDNADSHAVARE, r.ENSKILDE),
    ("han märkte det själv", r.VARDNADSHAVARE, r.ENSKILDE),
    ("barnet självt", r.VARDNADSHAVARE, r.ENSKILDE),
    ("jag tror det var skolan", r.VARDNADSHAVARE, r.SKOLA),
    ("en granne", None, r.ANNAN),
    ("", None, None),
])
def test_noticed_by(text, role, expected):
    assert r.parse_noticed_by(text, role) == expected


def test_every_stored_option_has_a_swedish_label():
    options = (*r.NOTICED_BY, r.NY, r.UPPFOLJNING, r.TELEFON, r.SMS, r.BREV)
    assert [o for o in options if o not in r._labels()] == []
    assert r.label_text(r.REGIONAL_HS) == "regional hälso- och sjukvård"


@pytest.mark.parametrize("text,expected", [
    ("Telefonsamtal", r.TELEFON),
    ("ring mig", r.TELEFON),
    ("SMS", r.SMS),
    ("sms:a hellre", r.SMS),
    ("Brev", r.BREV),
    ("med posten", r.BREV),
    ("duva", None),
])
def test_contact_preference(text, expected):
    assert r.parse_contact_preference(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("20100101-2382", (16, "20100101-2382")),
    ("201001012382", (16, "20100101-2382")),
    ("100101-2382", (16, "20100101-2382")),  # the century worked out
    ("Hon har 20100101 2382", (16, "20100101-2382")),
    ("14", (14, None)),
    ("född 2012", (14, None)),
])
def test_child_gives_the_age_and_the_personnummer_when_there_is_one(text, expected):
    assert r.parse_child(text, TODAY) == expected


@pytest.mark.parametrize("text,reason", [
    ("20100101-2383", "personnummer"),
    ("20101301-2384", "personnummer"),
    ("vet inte", "unclear"),
])
def test_child_with_a_wrong_personnummer_gives_a_reason(text, reason):
    with pytest.raises(r.AgeError) as error:
        r.parse_child(text, TODAY)
    assert error.value.reason == reason


def test_personnummer_is_masked_to_the_date_of_birth():
    assert r.mask_personnummer("20121212-1212") == "20121212-****"
    assert r.mask_personnummer(None) is None


@pytest.mark.parametrize("text,expected", [
    ("vill inte ange", True), ("Jag vill inte", True), ("bara åldern", True), ("hoppa över", True),
    ("vet inte", True), ("14", False), ("Nejla Svensson", False), ("20100101-2382", False),
])
def test_declines(text, expected):
    assert r.declines(text) is expected


@pytest.mark.parametrize("role,age,expected", [
    (r.VARDNADSHAVARE, 18, True), (r.VARDNADSHAVARE, 19, True), (r.VARDNADSHAVARE, 23, True),
    (r.VARDNADSHAVARE, 17, False), (r.VARDNADSHAVARE, None, False), (r.UNG, 19, False), (None, 19, False),
])
def test_a_guardian_asking_for_an_adult_is_told_the_young_person_consents(role, age, expected):
    assert r.consents_themself(role, age) is expected


@pytest.mark.parametrize("text,expected", [
    ("jag e 15 o planen gäller mig", True), ("men jag e inte 18", True), ("jag är 16", True),
    ("ja e 14 typ", True), ("jag är under 18", True),
    ("hon är 15", False), ("jag är 19", False), ("vårdnadshavare", False), ("", False),
])
def test_a_young_person_under_18_is_recognised_at_the_role_question(text, expected):
    assert r.says_they_are_under_18(text) is expected


@pytest.mark.parametrize("role,age,expected", [
    (r.UNG, 15, True), (r.UNG, 17, True), (r.UNG, 18, False), (r.UNG, None, False), (r.VARDNADSHAVARE, 15, False),
])
def test_a_young_person_under_18_asking_for_themself_is_too_young_for_the_form(role, age, expected):
    assert r.too_young_to_ask(role, age) is expected


@pytest.mark.parametrize("text,expected", [
    ("fel nummer", "nummer"), ("oj fel nummer", "nummer"), ("telefonnumret är fel", "nummer"),
    ("jag skrev fel personnummer", "personnummer"), ("fel personnr", "personnummer"),
    ("personnumret blev fel", "personnummer"), ("det var fel", None), ("fel verksamhet", None), ("", None),
    ("äh fel igen, de numret e också fel", "nummer"), ("numret är fortfarande fel", "nummer"),
])
def test_a_wrong_number_is_recognised(text, expected):
    assert r.says_wrong_number(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("om jag inte vill ha sip längre då", True), ("vi behöver ingen SIP längre", True),
    ("jag vill ta tillbaka min sip-begäran", False), ("ta tillbaka begäran", False), ("jag ångrar mig", False),
])
def test_a_wish_about_the_sip_itself_is_told_from_one_about_a_request(text, expected):
    assert r.names_the_sip_not_a_request(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("sms först, sen kan ni ringa efter kl 16", "sen kan ni ringa efter kl 16"),
    ("Maria Andersson, ring mig gärna på [telefonnummer] efter kl 15", "efter kl 15"),
    ("helst på förmiddagen", "helst på förmiddagen"),
    ("mellan 8 och 12", "mellan 8 och 12"),
    ("kl. 9.30", "kl. 9.30"),
    ("inte på onsdagar", "inte på onsdagar"),
    ("efter jobbet", "efter jobbet"),
    ("kvällstid", "kvällstid"),
    ("funkar ocks 12-12.30", "funkar ocks 12-12.30"),
    # Persona round, session 31: the clause is kept, so a "not" keeps its time ("torsdag, kväll" before).
    ("nej!! torsdag kväll kan jag INTE, då jobbar jag. och lunch försvann", "torsdag kväll kan jag INTE"),
    ("[telefonnummer] men ring inte innan 16.30 jag jobbar. funkar ocks 12-12.30",
     "ring inte innan 16.30 jag jobbar. funkar ocks 12-12.30"),
    ("Jenny Lindqvist. jobbar 7-16 så ring helst efter 16.30", "jobbar 7-16 så ring helst efter 16.30"),
    # Numbers that are no time, and words that are no time without a preposition.
    ("han är 14 år", None), ("jag är 16", None), ("född 2012-03-15", None), ("efter 3 veckor", None),
    ("vi har kontakt med skolan", None), ("ring i morgon", None), ("Telefonsamtal", None),
])
def test_a_time_to_call_is_found_as_written(text, expected):
    assert r.contact_time(text) == expected


@pytest.mark.parametrize("text, expected", [("När som helst", True), ("spelar ingen roll", True),
                                            ("efter kl 16", False), ("helst inte", False)])
def test_no_particular_time(text, expected):
    assert r.any_time(text) is expected


@pytest.mark.parametrize("text, name", [("Jenny Lindqvist. jobbar 7-16 så ring helst efter 16.30", "Jenny Lindqvist"),
                                        ("Noah Lindqvist 12 år", "Noah Lindqvist")])
def test_a_name_ended_by_a_full_stop_or_an_age_is_taken(text, name):
    # Persona round, session 31: both were refused ("Skriv ditt namn…").
    assert r.name_with_more_after(text) == name


@pytest.mark.parametrize("text", [
    "jag vill ändra tid när de ringer mig", "kan jag ändra begäran som jag skickade? referens JMVW-KW3E",
    "nej inte ta tillbaka. bara ändra tid. förmiddag bättre", "kan jag andra telefonnummer i min begaran",
    "jag vill byta nummer", "kan de ringa en annan tid", "jag har fått nytt nummer", "ändra kontaktsätt till sms",
    "jag vill ändra min begäran"])
def test_a_wish_to_change_a_sent_request(text):
    # Persona round, session 32: a sent request cannot be changed in the chat.
    assert r.asks_to_change_a_sent_request(text)


@pytest.mark.parametrize("text", [
    "jag vill prata med en människa", "hur går det med min begäran", "jag vill ändra mina svar", "ändra 11",
    "kan jag ändra mitt samtycke", "de andra ringer mig", "den andra vårdnadshavaren ringer",
    "kan vi ändra tiden för SIP-mötet", "vad är telefonnumret till socialtjänsten", "nej", "ta tillbaka begäran"])
def test_no_wish_to_change_a_sent_request(text):
    assert not r.asks_to_change_a_sent_request(text)


# --- persona round, session 33 -------------------------------------------------------------------

@pytest.mark.parametrize("text", ["jag själv men jag e 17", "mig själv, jag är 16", "jag, 15 år", "jag 15år",
                                  "jag är bara 16"])
def test_an_own_age_under_18_in_the_role_answer_is_recognised(text):
    assert r.says_they_are_under_18(text)


@pytest.mark.parametrize("text", ["jag själv", "jag, 19 år", "jag är 18", "mamma, han är 15 år", "hon är 15 år"])
def test_no_own_age_under_18_is_not_taken_for_one(text):
    assert not r.says_they_are_under_18(text)


def test_the_data_file_lists_the_49_municipalities_of_vastra_gotaland():
    import yaml

    data = yaml.safe_load(r.VG_MUNICIPALITIES_FILE.read_text(encoding="utf-8"))
    names = [row["name"] for row in data["municipalities"]]
    codes = [row["code"] for row in data["municipalities"]]
    assert len(set(names)) == len(set(codes)) == 49  # SCB: Västra Götalands län (14) has 49 kommuner
    assert all(code.startswith("14") and len(code) == 4 for code in codes)
    assert {"Trollhättan", "Dals-Ed", "Göteborg", "Åmål", "Lilla Edet"} <= set(names)
    assert set(data["everyday_words"]) <= set(names)


@pytest.mark.parametrize("text, named", [
    ("BUP i Trollhättan. Och skolan också, Leo går på Sylteskolan.", ["Trollhättan"]),
    ("Är den här chatten för TROLLHÄTTAN?", ["Trollhättan"]),
    ("vi bor i trollhattan", ["Trollhättan"]),  # without å/ä/ö
    ("Trollhättans kommun", ["Trollhättan"]),  # genitive
    ("Dals-Eds kommun", ["Dals-Ed"]),
    ("från Borås till Göteborg", ["Borås", "Göteborg"]),  # in the order named
    ("vi bor i Lilla  Edet", ["Lilla Edet"]),
    ("amal", ["Åmål"]),
    ("vi bor i Vara", ["Vara"]), ("Marks kommun", ["Mark"]),  # everyday words as places
    # Everyday words and longer words are no municipality.
    ("han vill vara hemma", []), ("vi satt på marken", []), ("Markus går i skolan", []), ("ale", []),
    ("Tjörnbron", []), ("Boråsare", []), ("", []), (None, []),
])
def test_a_municipality_named_in_a_message_is_found(text, named):
    assert r.municipalities_named(text) == named


@pytest.mark.parametrize("text, other", [
    ("BUP i Trollhättan. Och skolan också, Leo går på Sylteskolan.", "Trollhättan"),
    ("Kan vi använda den här tjänsten fast vi bor i Trollhättan?", "Trollhättan"),
    ("vi bor i Vänersborg", "Vänersborg"),
    ("Hagaskolan i Dals-Ed", None),  # the configured municipality
    ("dals-eds socialtjänst och BUP i Uddevalla", "Uddevalla"),
    ("habiliteringen i Vänersborg", None), ("hab vänersborg", None),  # part of a listed organisation's name
    ("BUP", None),
])
def test_another_municipality_than_the_configured_one(text, other):
    assert r.other_municipality_named(text, "Dals-Eds kommun") == other


@pytest.mark.parametrize("text, expected", [
    ("vad händer med det jag redan skrev", True), ("sparas mitt namn nu eller", True),
    ("finns det jag skrev kvar?", True), ("försvinner mina svar om jag slutar", True),
    ("Hon är rädd att hennes namn sparas", False),  # told, not asked: an answer under "Behov"
    ("vad är en sip", False), ("jag heter Elias", False), ("", False),
])
def test_a_question_about_what_is_kept_of_what_was_typed(text, expected):
    assert r.asks_what_is_kept(text) is expected


@pytest.mark.parametrize("text", ["Vem ska jag ringa till i Trollhättan om jag vill prata med en människa istället?",
                                  "kan jag prata med en människa istället"])
def test_asking_for_a_person_instead_is_no_wish_to_change_a_sent_request(text):
    assert not r.asks_to_change_a_sent_request(text)


@pytest.mark.parametrize("text, expected", [("kan jag ändra numret i min begäran", True),
                                            ("förfrågan jag skickade", True), ("jag vill ändra tid", False)])
def test_a_message_that_speaks_of_a_request(text, expected):
    assert r.names_a_request(text) is expected


# --- persona round, session 35 ------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("jag vill ge samtycke nu. skolan, bup och habiliteringen får prata med varandra", True),
    ("nej men jag vill ge det nu, kan jag göra det här?", True),
    ("vad menar du med redan gett? jag ger det ju till dig nu", True),
    ("kan jag lämna samtycke här?", True),
    ("ja vi har redan gett det", False), ("vi har gett samtycke", False), ("vill inte ge samtycke", False),
    ("nej samtycke saknas", False), ("ja samtycke finns", False),
])
def test_a_wish_to_give_the_samtycke_now(text, expected):
    assert r.wants_to_give_consent_now(text) is expected


@pytest.mark.parametrize("text, expected", [("vad menar du med redan gett?", True), ("vad betyder redan", True),
                                            ("ja vi har redan gett det", False), ("nej", False)])
def test_asking_what_already_means(text, expected):
    assert r.asks_what_already_means(text) is expected


@pytest.mark.parametrize("text, expected", [("ja", True), ("Ja!", True), ("japp", True), ("ja samtycke finns", False),
                                            ("ja vi har gett det", False), ("nej", False)])
def test_a_bare_yes(text, expected):
    assert r.bare_yes(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("[telefonnummer] men sms helst", r.SMS), ("[telefonnummer], skicka brev", r.BREV),
    ("[telefonnummer] ring helst", r.TELEFON),
    # The number itself, and "ring mig på", name no way: the question is asked.
    ("[telefonnummer], helst efter 15", None), ("mitt mobilnummer är [telefonnummer]", None),
    ("ring mig gärna på [telefonnummer] efter kl 15", None), ("[telefonnummer]", None),
])
def test_a_way_to_be_contacted_typed_with_the_number(text, expected):
    assert r.contact_way_with_a_number(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("passar bäst passar bäst efter 15 på vardagar", "efter 15 på vardagar"), ("Passar bäst: efter 15", "efter 15"),
    ("det passar bäst efter kl 16", "efter kl 16"), ("passar bäst", "passar bäst"), ("helst efter 15", "helst efter 15"),
])
def test_the_summarys_label_is_taken_off_a_typed_time(text, expected):
    assert r.without_time_label(text) == expected


@pytest.mark.parametrize("text, expected", [("leyla hassan samma", "leyla hassan"), ("samma", None),
                                            ("samma som förut", None), ("Jan Ok", "Jan Ok")])
def test_samma_is_no_name(text, expected):
    # "leyla hassan samma" was kept with "samma", and "samma" alone was a name (persona round, session 35).
    assert r.person_name(text) == expected


@pytest.mark.parametrize("text, expected", [("vem kallar?", True), ("vem ringer mig nu?", True),
                                            ("vem bokar mötet", True), ("vem hör av sig", True),
                                            ("vem ska jag ringa", False), ("vem ringer jag?", False),
                                            ("när ringer de", False)])
def test_asking_who_calls(text, expected):
    assert r.asks_who_calls(text) is expected
