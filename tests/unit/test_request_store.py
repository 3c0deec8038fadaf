"""SIP requests in the case store, on SQLite and PostgreSQL: encrypted at rest, outbox in the same transaction."""
import pytest

from actions.casestore import request_store as rs

DATA = rs.RequestData(
    organisation_id="bup", requester_role="vardnadshavare", child_age=14, sides="bada",
    needs="Hon orkar inte gå till skolan", contact_name="Anna Andersson", contact_phone="0701234567",
    consent="saknas",
)


def test_a_request_is_stored_with_an_outbox_row(backend):
    store = backend.open_store()
    case = store.create_case()
    request_id = rs.save_request(store, case.reference, DATA)
    [saved] = rs.requests_for(store, case.reference)
    assert saved["id"] == request_id
    assert saved["needs"] == DATA.needs and saved["contact_phone"] == "0701234567"
    assert saved["status"] == "received" and saved["consent"] == "saknas" and saved["child_age"] == 14
    assert [item.request["id"] for item in rs.pending_deliveries(store)] == [request_id]


def test_personal_data_is_encrypted_at_rest(backend):
    store = backend.open_store()
    case = store.create_case()
    rs.save_request(store, case.reference, DATA)
    [(needs, name, phone, org)] = backend.raw(
        "SELECT needs, contact_name, contact_phone, organisation_id FROM sip_requests")
    assert org == "bup"
    for plain, stored in ((DATA.needs, needs), (DATA.contact_name, name), (DATA.contact_phone, phone)):
        assert plain not in stored


def test_unknown_case_is_refused(backend):
    store = backend.open_store()
    with pytest.raises(KeyError):
        rs.save_request(store, "XXXX-XXXX", DATA)
    assert backend.raw("SELECT count(*) FROM sip_request_outbox") == [(0,)]


def test_delivered_once_then_no_longer_pending(backend):
    store = backend.open_store()
    case = store.create_case()
    rs.save_request(store, case.reference, DATA)
    [item] = rs.pending_deliveries(store)
    outbox_id = item.outbox_id
    rs.mark_attempt(store, outbox_id, delivered=False)
    assert len(rs.pending_deliveries(store)) == 1
    rs.mark_attempt(store, outbox_id, delivered=True)
    assert rs.pending_deliveries(store) == []
    assert backend.raw("SELECT attempts FROM sip_request_outbox") == [(2,)]


def test_withdraw_and_cascade_on_case_delete(backend):
    store = backend.open_store()
    case = store.create_case()
    request_id = rs.save_request(store, case.reference, DATA)
    assert rs.withdraw(store, case.reference, request_id) is True
    assert rs.withdraw(store, case.reference, request_id) is False
    assert rs.requests_for(store, case.reference)[0]["status"] == "withdrawn"
    # Deleting the case removes the request and its outbox row.
    with store.session() as session:
        from sqlalchemy import text
        session.execute(text("DELETE FROM cases"))
    assert backend.raw("SELECT count(*) FROM sip_requests") == [(0,)]
    assert backend.raw("SELECT count(*) FROM sip_request_outbox") == [(0,)]
