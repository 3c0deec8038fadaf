"""Which part of a staff member's first message is what they want (actions/staff_cues.py staff_wish,
`wishes` in knowledge/staff_roles.yml). Session 36: "hej jobbar på soc, vill kalla till sip för en tjej
16 år" got only the staff menu."""
from __future__ import annotations

import pytest

from actions.staff_cues import staff_wish


@pytest.mark.parametrize("text, wish", [
    # The wish after the self-introduction, as typed (å/ä/ö and case kept for the article search).
    ("hej jobbar på soc, vill kalla till sip för en tjej 16 år", "vill kalla till sip för en tjej 16 år"),
    ("hej jobbar på soc vill kalla till sip för en tjej 16 år", "vill kalla till sip för en tjej 16 år"),
    ("jag är skolsköterska och behöver kalla BUP till en SIP", "behöver kalla BUP till en SIP"),
    ("jobbar på vc, ska vara med på en sip imorgon, vad ska jag tänka på",
     "ska vara med på en sip imorgon, vad ska jag tänka på"),
    # The subject stays with the wish; it is not part of the introduction.
    ("kurator på högstadiet, vi har fått en kallelse till sip för en elev vi inte känner",
     "vi har fått en kallelse till sip för en elev vi inte känner"),
    # "jag" left out before the role, as typed in a hurry.
    ("är kurator, vi har fått en kallelse till sip för en elev vi inte känner",
     "vi har fått en kallelse till sip för en elev vi inte känner"),
    ("e kurator, vill kalla till sip", "vill kalla till sip"),
    # Asked without a question mark: the indirect question is the wish.
    ("jag är lärare och vill veta hur man kallar till en sip", "hur man kallar till en sip"),
    ("ssk på bup. vet inte riktigt hur man skriver en sip", "hur man skriver en sip"),
    ("kurator här, undrar om vi får kalla utan samtycke", "om vi får kalla utan samtycke"),
    # "vill veta" without a question word after it: the whole wish.
    ("socialsekreterare här, vill veta mer om samtycke", "vill veta mer om samtycke"),
])
def test_the_wish_after_saying_who_they_are(text, wish):
    assert staff_wish(text) == wish


@pytest.mark.parametrize("text", [
    # Only who they are: the menu.
    "jag jobbar på soc", "kurator här", "jag är personal",
    # No self-introduction before the wish: the classifier's `staff` alone is not enough.
    "vill kalla till sip för en tjej", "jag vill ha en sip", "vi har fått en kallelse till sip",
    # A role that is not the writer's ("min kurator"), and a relative.
    "min kurator vill kalla till sip", "jag är mormor och vill att alla samlas",
    # Someone else wants it, or a parent who mentions their job.
    "jag är lärare och min elev vill ha en sip", "jag är lärare själv men min son behöver en sip",
    # Trying the bot itself.
    "kurator här, vill kolla hur den funkar", "jobbar på bup, ska testa den här", "jag är rektor och vill logga in",
    "", None,
])
def test_no_wish(text):
    assert staff_wish(text) is None
