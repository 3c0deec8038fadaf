"""The other features' tables take part in retention and rights (SQLite and PostgreSQL)."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from sqlalchemy import select, update

import actions.casestore.preparation_rights  # noqa: F401 - registers
import actions.casestore.privacy_registrations  # noqa: F401 - registers
from actions.casestore import retention
from actions.casestore.models import Case, PreparationAnswer, PreparationStatus
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
    store.set_preparation_completed(completed.reference, True)
    for case in (with_request, with_consent, completed, draft):
        _old(store, case.reference)
    ctx = RetentionContext(NOW, backend.settings(), store, None)
    assert retention.purge_unconfirmed_drafts(ctx) == 1
    with store.session() as session:
        left = set(session.scalars(select(Case.reference)))
    assert left == {with_request.reference, with_consent.reference, completed.reference}


def _utc(moment: datetime) -> datetime:
    # SQLite gives stored times back without their offset (they are UTC).
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def _age_preparation(store, reference):
    with store.session() as session:
        case_id = _case_id(store, reference)
        session.execute(update(Case).where(Case.id == case_id).values(created_at=NOW - timedelta(days=60)))
        session.execute(update(PreparationAnswer).where(PreparationAnswer.case_id == case_id)
                        .values(updated_at=NOW - timedelta(days=60)))


def test_a_confirmed_preparation_edited_and_left_unconfirmed_is_not_a_draft(backend):
    store = backend.open_store()
    edited, never_confirmed = store.create_case(), store.create_case()
    for case in (edited, never_confirmed):
        store.save_answer(case.reference, "important", "Att må bra", "ung")
    store.set_preparation_completed(edited.reference, True)
    # The person changes an answer after confirming (the bot clears the confirmation) and leaves.
    store.save_answer(edited.reference, "important", "Att må bra och sova", "ung")
    store.set_preparation_completed(edited.reference, False)
    store.set_preparation_completed(never_confirmed.reference, False)
    for case in (edited, never_confirmed):
        _age_preparation(store, case.reference)
    assert store.preparation_completed_at(edited.reference) is None
    ctx = RetentionContext(NOW, backend.settings(), store, None)
    assert retention.purge_unconfirmed_drafts(ctx) == 1
    with store.session() as session:
        assert set(session.scalars(select(Case.reference))) == {edited.reference}
    assert store.answers(edited.reference) == {"important": "Att må bra och sova"}


def test_confirming_again_keeps_the_first_confirmation(backend):
    store = backend.open_store()
    case = store.create_case()
    first, later = NOW - timedelta(days=3), NOW
    store.set_preparation_completed(case.reference, True, now=first)
    store.set_preparation_completed(case.reference, False)
    store.set_preparation_completed(case.reference, True, now=later)
    with store.session() as session:
        status = session.get(PreparationStatus, _case_id(store, case.reference))
        stored_first, stored_completed = status.first_completed_at, status.completed_at
    assert (_utc(stored_first), _utc(stored_completed)) == (first, later)


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
        child_name="Elsa Andersson", child_personnummer="20100101-2382", contact_time="efter kl 16"))
    sections = {s.title: dict(s.rows) for s in export_case(store, case.reference, case.code).sections}
    values = set(sections["Dina SIP-förfrågningar"].values())
    assert [v for k, v in sections["Dina SIP-förfrågningar"].items() if k.endswith(": passar bäst")] == [
        "efter kl 16"]
    # The person's own data after reference and code: everything, the personnummer in full.
    assert {"ny SIP", "närstående", "Elsa Andersson", "20100101-2382"} <= values


def test_a_request_without_samtycke_names_the_samtycke_given_after_it(backend):
    # Amina's request said "saknas än" on /mina-uppgifter beside the samtycke she gave right after it,
    # and "passar bäst (inget svar)" although sms was chosen and that was never asked (persona round, session 36).
    from actions.casestore import request_store
    from actions.casestore.consents import Giver, NewConsent, PartyRecord, record_consent

    store = backend.open_store()
    case = store.create_case()
    request_store.save_request(store, case.reference, request_store.RequestData(
        organisation_id="bup", requester_role="vardnadshavare", child_age=9, sides="bada", needs=None,
        contact_name="Amina", contact_phone=None, consent="saknas", contact_preference="sms"))

    def request_rows() -> dict:
        return dict(next(s for s in export_case(store, case.reference, case.code).sections
                         if s.title == "Dina SIP-förfrågningar").rows)

    [state] = [v for k, v in request_rows().items() if k.endswith(": samtycke när förfrågan skickades")]
    assert state == "saknas än"
    assert not any(k.endswith(": passar bäst") for k in request_rows())
    record_consent(store, case.reference, NewConsent(
        under_adult_age=True, givers=[Giver("vardnadshavare", "Amina")], parties=[PartyRecord("BUP", "bup")],
        may_share="Hur det går i skolan", valid_from=date(2026, 12, 7), valid_to=date(2027, 12, 6), form="muntligt"))
    [state] = [v for k, v in request_rows().items() if k.endswith(": samtycke när förfrågan skickades")]
    assert state.startswith("saknas än;") and "samtycke 1" in state


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


def test_migration_prep_0005_keeps_preparations_confirmed_before_it(tmp_path):
    from tests.unit.migration_helpers import migrated_from

    rows = migrated_from(tmp_path, "prep_0004", [
        "INSERT INTO cases (id, reference, code_hash, created_at) "
        "VALUES (1, 'SIP-AAAA-AAAA', 'x', '2026-01-01'), (2, 'SIP-BBBB-BBBB', 'x', '2026-01-01')",
        "INSERT INTO preparation_status (case_id, completed_at, updated_at) "
        "VALUES (1, '2026-01-02 10:00:00', '2026-01-02'), (2, NULL, '2026-01-02')",
    ], "SELECT case_id, first_completed_at FROM preparation_status ORDER BY case_id")
    assert [(case_id, first is not None) for case_id, first in rows] == [(1, True), (2, False)]
