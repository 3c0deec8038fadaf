"""The other features' tables take part in retention and rights (SQLite and PostgreSQL)."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from sqlalchemy import select, update

import actions.casestore.preparation_rights  # noqa: F401 - registers
import actions.casestore.privacy_registrations  # noqa: F401 - registers
from actions.casestore import retention
from actions.casestore.models import Case, PreparationStatus
from actions.casestore.models_consent import Consent
from actions.casestore.models_request import SipRequest
from actions.casestore.retention import RetentionContext
from actions.casestore.rights import delete_case, export_case

NOW = datetime.now(timezone.utc)


def _case_id(store, reference):
    with store.session() as session:
        return session.scalar(select(Case.id).where(Case.reference == reference))


def _old(store, reference):
    with store.session() as session:
        session.execute(update(Case).where(Case.reference == reference).values(created_at=NOW - timedelta(days=60)))


def _add_request(store, reference):
    with store.session() as session:
        session.add(SipRequest(case_id=_case_id(store, reference), organisation_id="dalsed_hagaskolan",
                               requester_role="vardnadshavare", sides="bada", needs="Stöd i skolan",
                               contact_name="Anna", contact_phone="070-123 45 67", consent="finns"))


def _add_consent(store, reference):
    with store.session() as session:
        session.add(Consent(case_id=_case_id(store, reference), number=1, under_adult_age=True,
                            may_share="Skolans iakttagelser", valid_from=date(2026, 1, 1), valid_to=date(2026, 12, 31),
                            form="skriftligt"))


def test_cases_with_a_request_a_consent_or_a_completed_preparation_are_not_drafts(backend):
    store = backend.open_store()
    with_request, with_consent, completed, draft = (store.create_case() for _ in range(4))
    _add_request(store, with_request.reference)
    _add_consent(store, with_consent.reference)
    with store.session() as session:
        session.add(PreparationStatus(case_id=_case_id(store, completed.reference), completed_at=NOW))
    for case in (with_request, with_consent, completed, draft):
        _old(store, case.reference)
    ctx = RetentionContext(NOW, backend.settings(), store, None)
    assert retention.purge_unconfirmed_drafts(ctx) == 1
    with store.session() as session:
        left = set(session.scalars(select(Case.reference)))
    assert left == {with_request.reference, with_consent.reference, completed.reference}


def test_export_includes_requests_and_consents_and_delete_removes_them(backend):
    store = backend.open_store()
    case = store.create_case()
    _add_request(store, case.reference)
    _add_consent(store, case.reference)
    sections = {s.title: dict(s.rows) for s in export_case(store, case.reference, case.code).sections}
    request_values = set(sections["Dina SIP-förfrågningar"].values())
    assert {"Stöd i skolan", "Anna", "070-123 45 67", "Hagaskolan"} <= request_values
    assert "Skolans iakttagelser" in sections["Dina samtycken"].values()
    # In the chat's words, not the stored codes (persona round, session 29).
    assert {"inkommen, verksamheten kontaktar dig", "vårdnadshavare", "både kommunen och regionen",
            "telefonsamtal", "finns"} <= request_values
    assert not request_values & {"dalsed_hagaskolan", "received", "vardnadshavare", "bada", "telefon"}
    assert "Skriftligt, på blankett" in sections["Dina samtycken"].values()
    # A case with no preparation says nothing about one ("Bekräftad -" before).
    assert sections["Din förberedelse"] == {}
    assert delete_case(store, case.reference, case.code).check == "ok"
    assert backend.raw("SELECT COUNT(*) FROM sip_requests")[0][0] == 0
    assert backend.raw("SELECT COUNT(*) FROM consents")[0][0] == 0


def test_export_shows_the_sip_form_fields_of_a_request(backend):
    from actions.casestore import request_store

    store = backend.open_store()
    case = store.create_case()
    request_store.save_request(store, case.reference, request_store.RequestData(
        organisation_id="bup", requester_role="vardnadshavare", child_age=14, sides="bada", needs=None,
        contact_name="Anna", contact_phone=None, consent="saknas", kind="ny", noticed_by="narstaende",
        child_name="Elsa Andersson", child_personnummer="20100101-2382"))
    sections = {s.title: dict(s.rows) for s in export_case(store, case.reference, case.code).sections}
    values = set(sections["Dina SIP-förfrågningar"].values())
    # The person's own data after reference and code: everything, the personnummer in full.
    assert {"ny SIP", "närstående", "Elsa Andersson", "20100101-2382"} <= values


def test_a_young_persons_own_samtycke_is_shown_as_the_chat_said_it(backend):
    # A 16-year-old's own samtycke listed "barnets egen åsikt (inget svar)", and "nej" to what must not
    # be shared showed as "(inget svar)" (verification round, session 29).
    from actions.casestore.consents import Giver, NewConsent, PartyRecord, record_consent

    store = backend.open_store()
    case = store.create_case()
    record_consent(store, case.reference, NewConsent(
        under_adult_age=True, givers=[Giver("ung")], parties=[PartyRecord("BUP", "bup")],
        may_share="Hur det går i skolan", valid_from=date(2026, 12, 6), valid_to=date(2027, 12, 6), form="muntligt"))
    rows = dict(next(s for s in export_case(store, case.reference, case.code).sections
                     if s.title == "Dina samtycken").rows)
    assert rows["Samtycke 1: lämnat av"] == "Den unga själv"
    assert rows["Samtycke 1: får inte delas"] == "inget särskilt"
    assert rows["Samtycke 1: form"] == "Muntligt (skrivs in i journalen)"
    assert not any("barnets egen åsikt" in label for label in rows)
