"""The 3.3 guide's points for follow-ups and its reading of who sends the invitation
(knowledge/guides/unknown_client.yml `points`, `callers`, `invited`; persona round, session 36)."""
from __future__ import annotations

import pytest

from actions.guides import guides
from actions.knowledge_base import SOURCE_LABEL


@pytest.fixture(scope="module")
def guide():
    return guides()["unknown_client"]


def _point(guide, text: str) -> str | None:
    point = guide.point_for(text)
    return None if point is None else point["id"]


# A vårdcentral doctor's follow-ups after the 3.3 answer, and a school's questions as the one who calls.
@pytest.mark.parametrize("text, point", [
    ("kan vi skicka vidare kallelsen till BUP och låta dem gå i stället för oss?", "forward"),
    ("borde inte bup gå istället? det låter som psykiatri", "forward"),
    ("vem bestämmer då vem från regionen som går, jag eller verksamhetschefen?", "who_decides"),
    ("men i mitt fall då, kallelsen saknar syfte. är det en avvikelse eller ska jag bara ringa skolan?",
     "unclear_invitation"),
    ("skolan skickade bara namn och datum, inget om vad det gäller. ska jag skriva en avvikelse på det?",
     "unclear_invitation"),
    ("så om jag fattar rätt: jag ringer skolan, reder ut behovet, kollar om bup ska ta det, och går själv om "
     "ingen annan i regionen ska. stämmer det?", "summary"),
    ("ska jag journalföra sip-mötet hos oss fast hon inte är vår patient?", "records"),
    ("Du skriver att resonemanget gäller främst när regionen kallar kommunen. Här är det skolan som kallar oss. "
     "Gäller det ens oss då?", "who_it_applies_to"),
    ("Räknas kallelsen som en remiss då? Måste vi boka in patienten?", "referral"),
    ("hon har bup-kontakt redan. ska vi kalla bup direkt eller vårdcentralen?", "ongoing_contact"),
    ("det var inte min fråga. vi KALLAR. eleven har pågående kontakt med bup. ska kallelsen gå till bup då?",
     "ongoing_contact"),
])
def test_a_follow_up_gets_the_point_that_answers_it(guide, text, point):
    assert _point(guide, text) == point


@pytest.mark.parametrize("text", [
    # The whole guide fits these: no point answers them alone.
    "Hej. Läkare på vårdcentralen i Dals-Ed. Vi har fått en kallelse till SIP för en 15-åring som vi aldrig "
    "träffat. Vi har ingen kontakt med patienten, varför ska vi gå?",
    # Denied: no contact, no referral.
    "eleven har ingen pågående kontakt med bup, vem ska vi kalla",
    "vi har fått kallelse men ingen remiss",
    # A summary of something else, and documentation of one's own patient.
    "så om jag förstått rätt räcker mammans samtycke, stämmer det?",
    "ska vi journalföra sip-mötet?",
    # Who leads the meeting is the meeting leader article's.
    "ok men konkret, är det den som kallar som ska leda? vi har ingen vana av att leda sip",
])
def test_other_messages_get_no_point(guide, text):
    assert guide.point_for(text) is None


def test_every_point_is_said_with_its_source(guide):
    for point in guide.data["points"]:
        lines = guide.render_point(point).splitlines()
        assert len(lines) == 2 and lines[1].startswith(SOURCE_LABEL), point["id"]
        assert "3.3" in lines[1] or "4. SIP-möte" in lines[1], point["id"]
        assert guide.render_point(point) in guide.point_texts()


def test_the_point_on_who_it_applies_to_answers_for_the_region_invited(guide):
    # "Resonemanget gäller främst när regionens hälso- och sjukvård kallar kommunen" said again did not
    # answer "Här är det skolan som kallar oss. Gäller det ens oss då?".
    text = guide.render_point(guide.point_for("gäller det ens oss då?"))
    assert "i första hand" in text and "vårdcentralen som kallas" in text and "Vem som kallar nämns inte" in text


def test_where_the_seeds_are_silent_the_point_says_so(guide):
    assert "står det inget" in guide.render_point(guide.point_for("ska jag journalföra fast hon inte är vår patient"))
    assert "står det" in guide.render_point(guide.point_for("vem bestämmer vem som går, jag eller chefen?"))


@pytest.mark.parametrize("text, calls", [
    ("nej vi är ju de som kallar, vi är inte kallade. vem ska vi skicka kallelsen till på soc när eleven inte är "
     "känd där?", True),
    ("ska vi kalla bup direkt eller vårdcentralen?", True),
    ("det är vi som kallar", True),
    ("vi ska kalla till sip men vet inte vem på soc", True),
    # Verification round, session 36: both got the invited side's steps.
    ("skolkurator här. ska kalla soc till sip, eleven ej aktuell där", True),
    ("nej det är JAG som kallar. vart skickar jag kallelsen på soc?", True),
    # The one invited.
    ("vi har fått en kallelse, ska vi kalla in bup också?", False),
    ("Här är det skolan som kallar oss. Gäller det ens oss då?", False),
    ("vem har skickat kallelsen till oss? vi kallar aldrig själva", False),
    ("vi är kallade men känner inte barnet", False),
])
def test_the_guide_tells_who_sends_the_invitation(guide, text, calls):
    assert guide.says_they_call(text) is calls
    assert guide.not_for(text) is calls


def test_the_answer_for_whoever_invites_says_what_the_one_invited_does(guide):
    text = guide.render_caller_answer()
    assert "vårdcentralen som kallas" in text and "avgör kommunen vem som deltar" in text
    assert "kontaktar er för att klargöra behovet" in text
