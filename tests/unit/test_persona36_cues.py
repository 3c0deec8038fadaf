"""Cues from the session 36 persona round: role abbreviations staff type (knowledge/staff_roles.yml)
and a KVÅ code the journal system cannot find, which is no lost login code (knowledge/lost_code_cues.yml)."""
from __future__ import annotations

import pytest

from actions.lost_code import says_the_code_is_lost
from actions.staff_cues import says_they_work_with_sip


@pytest.mark.parametrize("text", [
    # A specialpedagog got the answer for a parent and "Begära en SIP".
    "hej! spec.ped på utsikten. elev 17 år, hög frånvaro, bup-kontakt. kan skolan kalla till sip själv eller måste "
    "soc göra det?",
    "hej, spec ped gymnasiet. hur snabbt ska sip-mötet hållas efter att vi fått samtycke?",
    "specped här", "jag är spec-ped", "handl. här, en fråga om sip", "soc-sek här", "lss-handl här",
    "jag är dsk på vc",
])
def test_role_abbreviations_say_the_writer_works_with_sip(text):
    assert says_they_work_with_sip(text)


@pytest.mark.parametrize("text", ["min spec.ped sa att jag kunde fråga om sip", "jag har en spec ped som hjälper mig"])
def test_a_role_that_is_someone_else_is_not_the_writer(text):
    assert not says_they_work_with_sip(text)


@pytest.mark.parametrize("text", [
    "står det AUI24 med bokstaven i? journalsystemet hittar inte den koden",
    "journalsystemet hittar inte koden AU124",
    "hittar inte koden aw 010, är den fel?",
])
def test_a_kva_code_not_found_is_not_a_lost_login_code(text):
    assert not says_the_code_is_lost(text)


@pytest.mark.parametrize("text", ["hittar inte min kod", "jag har tappat koden, kan ni skicka en ny?"])
def test_a_lost_login_code_still_is(text):
    assert says_the_code_is_lost(text)
