"""Who says they work with SIP (actions/staff_cues.py, knowledge/staff_roles.yml)."""
from __future__ import annotations

import pytest

from rasa_sdk import Tracker

from actions.staff_cues import said_they_are_staff, says_they_are_not_staff, says_they_work_with_sip, without_the_role


@pytest.mark.parametrize("text", [
    "vc-läkare här. fått kallelse till SIP från skolan om en elev", "mentor åk 8 … får skolan kalla till sip",
    "kurator här: vem ger samtycke för en 15-åring", "Jag är socialsekreterare och undrar", "jag ar larare",
    "jag jobbar på BUP och undrar", "vi på BUP har fått en kallelse", "socsek: hur länge gäller samtycket",
    "Som specialpedagog undrar jag", "bup-ssk här", "sip-samordnare här",
    "BUP-sjuksköterska: vem kan få en SIP?", "LSS-handläggare:vem kan få en SIP?",
    # Abbreviations from the persona tests of 2026-12-05.
    "soc sekr. vem kallar till sip?", "bup-ssk. patient 13 år säger", "skolkurator här",
    "LSS-handläggare. vi har kallat BUP två gånger",
    # After a greeting, and a workplace at the start (verification round, session 17).
    "hej kurator på hagaskolan", "hejsan! psykolog på BUP", "jobbar på vc, har fått kallelse",
    "hej, jobbar på soc barn o unga",
    # Work words about those they serve (persona tests, session 18).
    "vh vill dra tillbaka, vad händer med sip:en då?", "vi hade sip efter att pat skrevs ut från avd",
    # "jag är" as typed on a phone (persona round, session 24).
    "hej, vem kallar till en SIP egentligen? jag e kurator på högstadiet", "ja e lärare på hagaskolan",
    # A word between "jag är" and the role, and a unit speaking for itself (persona round, session 28).
    "Hej, jag är ny rektor på en grundskola här i Dals-Ed", "jag är också lärare", "när ska vi som skola kalla",
    # Calling the meeting (persona round, session 29).
    "jag kallar ju oftast, vem ska leda då?", "när vi kallar till sip, vad ska stå i kallelsen",
    # A role in one word ending in another, and a call for a child named by age (persona round, session 34:
    # the district doctor got the crisis reply written to a child).
    "Hej, distriktsläkare på VC här. Har fått kallelse till SIP för en 12-åring med ätstörning",
    "jag är distriktssköterska", "psykiater på BUP här", "familjebehandlare: vem kallar?",
    "har fått kallelse till SIP för en 12-åring med ätstörning, räknas den som remiss?",
    "vi blev kallade till sip för en 9-åring",
])
def test_staff_saying_so_in_passing_are_recognised(text):
    assert says_they_work_with_sip(text)


@pytest.mark.parametrize("text", [
    "min sons lärare vill ha en sip", "läkaren har sagt att hon behöver en sip",
    "min läkare har sagt att jag behöver hjälp", "kuratorn sa att jag skulle fråga här",
    "jag är mamma till en 12-åring", "hur länge gäller samtycket", "", None,
    "vad sa läkaren: att hon behöver sip?", "mamma jobbar på skolan", "hej jag är 15",
    "min pappa vill dra tillbaka samtycket", "vi vårdnadshavare vill ha en sip", "min mamma e lärare", "ja e 13",
    "jag är inte lärare, jag är mamma", "jag är orolig mamma", "vi som föräldrar vill ha en sip",
    "vem kallar till sip", "skolan kallar oss till möte",
    # Anyone may ask about a child of an age; a parent's call names "vår" child.
    "kan man få SIP för en 15-åring?", "vi har fått kallelse till SIP för vår 12-åring",
    "jag har ätstörning och vill inte leva",
])
def test_young_people_and_parents_naming_staff_are_not(text):
    assert not says_they_work_with_sip(text)


@pytest.mark.parametrize("text,expected", [
    ("elev berättade att pappa slår", True), ("patienten säger att hon inte vill leva", True),
    ("en kille hotade att skada sig själv på mötet igår", True),
    ("jag orkar inte leva", False), ("", False), (None, False),
])
def test_a_message_about_someone_else_names_them(text, expected):
    from actions.staff_cues import about_someone_else

    assert about_someone_else(text) is expected


@pytest.mark.parametrize("text,expected", [
    ("Jag har fått kallelse till SIP för en 12-åring med ätstörning", True), ("en 15åring med anorexi", True),
    ("elev berättade att pappa slår", True), ("jag orkar inte leva", False), (None, False),
])
def test_staff_write_of_a_child_named_by_age(text, expected):
    # "Distriktsläkare här. Jag har fått kallelse … för en 12-åring med ätstörning" is about a child in
    # their care, though it says "jag"; for anyone, a child named by age is not someone else ("jag är en 15-åring").
    from actions.staff_cues import about_someone_else, about_someone_in_their_care

    assert about_someone_in_their_care(text) is expected
    assert not about_someone_else("jag är en 15-åring")


@pytest.mark.parametrize("text, rest", [
    ("jobbar som sjuksköterska på BUP. vem kan få en SIP?", "vem kan få en SIP?"),
    ("Kurator här: vem kallar till mötet?", "vem kallar till mötet?"),
    # A first sentence that tells a case, not only the role, stays: it says what the question is about.
    ("Jag är kurator och har en elev som inte kommer till skolan sedan jul. Vem kallar till SIP?",
     "Jag är kurator och har en elev som inte kommer till skolan sedan jul. Vem kallar till SIP?"),
    # No role: a parent's first sentence stays.
    ("min son är 12. vem kallar till sip?", "min son är 12. vem kallar till sip?"),
    # Only the role, nothing after it.
    ("kurator här.", "kurator här."),
])
def test_the_role_alone_is_left_out_of_the_question(text, rest):
    assert without_the_role(text) == rest


def _tracker(*said: tuple[str, str]) -> Tracker:
    """A conversation of (text, intent) messages."""
    events = [{"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}} for text, intent in said]
    return Tracker("someone", {}, events[-1]["parse_data"] if events else {}, events, False, None, {}, None)


@pytest.mark.parametrize("text", ["va?? jag e inte personal jag e 13", "jag e ung inte vuxen", "Jag är inte personal",
                                  "jag är elev", "jag jobbar inte med sip"])
def test_saying_one_is_not_staff_is_recognised(text):
    assert says_they_are_not_staff(text)


@pytest.mark.parametrize("text", ["jag är personal", "jag är inte säker", "min lärare är inte med", "inte nu",
                                  # Staff writing about their work or a pupil (review, session 23).
                                  "vi har ingen personal på plats just nu", "eleven är inte vuxen än, vem samtycker?",
                                  "vår skola jobbar inte med sip än"])
def test_other_messages_do_not_say_one_is_not_staff(text):
    assert not says_they_are_not_staff(text)


def test_the_last_word_on_who_is_writing_counts():
    assert said_they_are_staff(_tracker(("jag är kurator", "staff")))
    assert not said_they_are_staff(_tracker(("jag är kurator", "staff"), ("jag e inte personal jag e 13", "staff")))
    assert said_they_are_staff(_tracker(("jag är inte personal", "staff"), ("fast jo, kurator här", "staff")))
    # Before the latest message: the denial in the latest does not count yet.
    assert said_they_are_staff(_tracker(("personal här", "staff"), ("jag är ung", "deny")), before_latest=True)


def test_a_role_named_in_the_same_message_counts_over_a_denial():
    assert said_they_are_staff(_tracker(("kurator här. elev säger att hon inte vill leva, jag är inte vuxen nog för det här",
                                         "crisis")))


def test_a_lone_function_word_taken_for_staff_says_nothing():
    # "jag" typed at the preparation's role question was `staff` to the classifier (persona round, session 23).
    assert not said_they_are_staff(_tracker(("jag", "staff"), ("fattar inte", "help")))
    assert said_they_are_staff(_tracker(("personal", "staff")))


def test_writing_about_ones_own_child_is_a_parent_whatever_the_job():
    # A parent who mentioned being a teacher was staff for the rest of the conversation (session 25).
    assert not said_they_are_staff(_tracker(("jag jobbar som lärare själv", "staff"),
                                            ("min son behöver en sip, hur gör jag?", "faq")))
    assert not said_they_are_staff(_tracker(("jag är lärare men skriver som förälder, min dotter har adhd", "staff")))
    assert said_they_are_staff(_tracker(("min son behöver en sip", "faq"), ("fast nu frågar jag som kurator här", "staff")))


def test_a_relative_is_not_staff_even_when_the_classifier_says_so():
    # "jag är mormor" was `staff`, and the grandmother got the staff menu (persona round, session 27).
    assert not said_they_are_staff(_tracker(("jag är mormor", "staff")))
    assert not said_they_are_staff(_tracker(("jag är kurator", "staff"), ("jag jobbar inte med det, jag är mormor", "staff")))


def test_the_classifiers_staff_on_an_answer_in_a_form_says_nothing():
    # A father's "sms helst, jag jobbar skift", his answer to how to be contacted, was `staff` (0.9); his
    # samtycke was then refused as a staff question (persona round, session 29).
    form_on, form_off = {"event": "active_loop", "name": "request_form"}, {"event": "active_loop", "name": None}
    answer = {"event": "user", "text": "sms helst, jag jobbar skift", "parse_data": {"intent": {"name": "staff"}}}
    later = {"event": "user", "text": "jag vill lämna samtycke", "parse_data": {"intent": {"name": "give_consent"}}}
    in_form = Tracker("someone", {}, later["parse_data"], [form_on, answer, form_off, later], False, None, {}, None)
    assert not said_they_are_staff(in_form)
    outside = Tracker("someone", {}, later["parse_data"], [answer, later], False, None, {}, None)
    assert said_they_are_staff(outside)
    # Said in so many words, it counts in a form too.
    role = {"event": "user", "text": "jag är kurator", "parse_data": {"intent": {"name": "staff"}}}
    assert said_they_are_staff(Tracker("someone", {}, later["parse_data"], [form_on, role, form_off, later],
                                       False, None, {}, None))


def test_a_guided_answer_for_staff_makes_the_writer_staff_unless_they_say_otherwise():
    # After the 3.3 guide, "vad ska jag förbereda inför mötet" started the young person's questions
    # (persona round, session 30).
    asked = {"event": "user", "text": "vad står i riktlinjen 3.3 om när man kallas", "parse_data": {"intent": {"name": "faq"}}}
    guided = {"event": "action", "name": "action_guide"}
    later = {"event": "user", "text": "vad ska jag förbereda", "parse_data": {"intent": {"name": "start_preparation"}}}
    assert said_they_are_staff(Tracker("someone", {}, later["parse_data"], [asked, guided, later], False, None, {}, None))
    assert not said_they_are_staff(Tracker("someone", {}, later["parse_data"], [asked, later], False, None, {}, None))
    parent = {"event": "user", "text": "jag är mamma till eleven", "parse_data": {"intent": {"name": "inform"}}}
    assert not said_they_are_staff(Tracker("someone", {}, later["parse_data"], [asked, guided, parent, later],
                                           False, None, {}, None))


@pytest.mark.parametrize("text", ["Hej! Jonas här, skolsköterska på en högstadieskola. Vi har en elev i åk 8.",
                                  "Maria här. kurator på vc. fått en kallelse"])
def test_a_name_and_here_before_the_role_says_they_work_with_sip(text):
    # The school nurse's first message got the crisis reply written to a child (verification round, session 34).
    assert says_they_work_with_sip(text)


@pytest.mark.parametrize("text", ["Alva här, jag är 10", "pappa här. kan jag se vad hon skrivit", "hej jonas här"])
def test_a_name_and_here_alone_is_no_role(text):
    assert not says_they_work_with_sip(text)
