"""consent_rules after the persona round of session 35: a limit after "men inte", complaints, "samma som
förut men inte …", the SIP and a new samtycke, taking away one organisation, and who writes."""
from __future__ import annotations

import pytest

from actions import consent_rules as rules


@pytest.mark.parametrize("text, parts", [
    ("skolan, bup och habiliteringen. men INTE skolsköterskans anteckningar om en privat sak",
     ("skolan, bup och habiliteringen", "skolsköterskans anteckningar om en privat sak")),
    ("hur det går i skolan men inte om diagnosen", ("hur det går i skolan", "diagnosen")),
    ("hur det går i skolan, fast inte något om pappa", ("hur det går i skolan", "något om pappa")),
    ("hur det går i skolan", ("hur det går i skolan", None)),
    ("inte så mycket", ("inte så mycket", None)),
    ("allt men inte", ("allt men inte", None)),
    # "inget om …" too (final check, session 36: Alva, 19, at the organisations).
    ("soc och vårdcentralen i dals-ed. inget om min familj", ("soc och vårdcentralen i dals-ed", "min familj")),
    ("skola och bup, men inget om hans medicin", ("skola och bup", "hans medicin")),
    ("inga problem i skolan", ("inga problem i skolan", None)),
])
def test_a_limit_after_but_not(text, parts):
    assert rules.split_limit(text) == parts


@pytest.mark.parametrize("text, kept", [
    ("jag skrev ju det. skolsköterskans anteckningar om en privat sak",
     "skolsköterskans anteckningar om en privat sak"),
    ("men jag sa ju det redan! inget om pappa", "inget om pappa"),
    ("inget om pappa, som jag skrev", "inget om pappa"),
    ("jag skrev ju det", ""),
    ("jag skrev en dikt om det", "jag skrev en dikt om det"),
    ("inget om pappa", "inget om pappa"),
])
def test_a_complaint_is_left_out(text, kept):
    assert rules.without_complaint(text) == kept


@pytest.mark.parametrize("text, same, left_out", [
    ("samma som förut", True, []),
    ("samma", True, []),
    ("samma som förra gången men inte bup", True, ["bup"]),
    ("samma utan arbetsförmedlingen", True, ["arbetsförmedlingen"]),
    ("skolan och BUP, samma som innan", False, []),
    ("skolan men inte soc", False, []),
])
def test_the_earlier_samtycke_and_what_it_leaves_out(text, same, left_out):
    found, parties = rules.earlier_but(text)
    assert (found, [p.name for p in parties]) == (same, left_out)


def test_an_organisation_left_out_by_its_type_or_name():
    left_out = rules.split_parties("bup")
    assert rules.leaves_out("BUP Vänersborg", left_out) and not rules.leaves_out("Hagaskolan", left_out)
    assert rules.leaves_out("Arbetsförmedlingen Trollhättan", rules.split_parties("arbetsförmedlingen"))


@pytest.mark.parametrize("text, asks", [
    ("men avslutas sipen då om jag tar tillbaka och gör nytt??", True),
    ("vänta är sipen avslutad nu?? jag gjorde ju ett nytt direkt 😟", True),
    ("slutar sipen om jag gör ett nytt samtycke?", True),
    ("om jag tar tillbaka, SIP slut?", False),
    ("om jag säger ja, slutar sipen då?", False),
    ("hur det går med det nya stödet", False),
])
def test_whether_the_sip_ends_with_a_new_samtycke(text, asks):
    assert rules.asks_if_a_new_consent_keeps_the_sip(text) is asks


@pytest.mark.parametrize("text, some", [
    ("går det att bara ta bort arbetsförmedlingen och behålla resten?", True),
    ("ta bort arbetsförmedlingen", True),
    ("jag vill behålla de andra men inte bup", True),
    ("ta bort samtycket", False),
    ("ta bort allt", False),
    ("nej behåll det", False),
    ("ja", False),
])
def test_taking_away_one_organisation(text, some):
    assert rules.wants_only_some_parties(text) is some


@pytest.mark.parametrize("text, family", [
    ("jag är hennes mamma och jobbar som sjuksköterska", True),
    ("vi är föräldrar", True),
    ("jag själv", True),
    ("ja, hon är 16. jag är sjuksköterska och vill registrera att familjen samtycker, går det?", False),
    ("en, mamman sa ja i telefon till soc tror jag", False),
])
def test_the_writer_says_they_are_the_family(text, family):
    assert rules.says_they_are_the_family(text) is family


@pytest.mark.parametrize("text, registers", [
    ("vänta, var det ok att jag som personal registrerade samtycket åt mamman?", True),
    ("jag vill registrera att familjen samtycker", True),
    ("kan jag lämna samtycke för min dotter", False),
    ("vad är samtycke", False),
])
def test_registering_for_the_family(text, registers):
    assert rules.registers_for_the_family(text) is registers


def test_the_sentence_with_a_phrase_keeps_a_quote_out():
    text = "Det står i blanketten: ”Jag kan när som helst dra tillbaka.” Om någon tar tillbaka avslutas SIP:en."
    assert rules.sentence_with(text, "avslutas SIP:en") == "Om någon tar tillbaka avslutas SIP:en."
    assert rules.sentence_with(text, "finns inte") is None


def test_an_organisation_after_utan_is_left_out():
    # "samma som förut men utan bup" named BUP as an organisation of the new samtycke.
    assert [p.name for p in rules.split_parties("skolan och bup men utan soc")] == ["skolan", "bup"]
    assert rules.parties_named_with_the_wish("jag vill göra ett nytt samtycke, samma som förut men utan bup") == []
