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


FULL = rs.RequestData(**{**DATA.__dict__, "kind": "uppfoljning", "noticed_by": "skola",
                         "child_name": "Elsa Andersson", "child_personnummer": "20100101-2382",
                         "contact_preference": "sms", "contact_time": "efter kl 16"})


def test_the_sip_form_fields_are_stored_and_the_child_is_encrypted_at_rest(backend):
    store = backend.open_store()
    case = store.create_case()
    rs.save_request(store, case.reference, FULL)
    [saved] = rs.requests_for(store, case.reference)
    assert (saved["kind"], saved["noticed_by"], saved["child_name"], saved["child_personnummer"],
            saved["contact_preference"], saved["contact_time"]) == (
        "uppfoljning", "skola", "Elsa Andersson", "20100101-2382", "sms", "efter kl 16")
    [(kind, noticed_by, name, number, when)] = backend.raw(
        "SELECT kind, noticed_by, child_name, child_personnummer, contact_time FROM sip_requests")
    assert (kind, noticed_by) == ("uppfoljning", "skola")
    # Whole plaintexts: a short piece such as "16" turns up in Fernet's base64 by chance.
    assert "Elsa Andersson" not in name and "20100101-2382" not in number and "kl 16" not in when
    assert all(value.startswith("gAAAAA") for value in (name, number, when))
    # The delivery body carries them to the organisation.
    [item] = rs.pending_deliveries(store)
    assert item.request["child_personnummer"] == "20100101-2382" and item.request["kind"] == "uppfoljning"
    assert item.request["contact_time"] == "efter kl 16"


def test_a_request_without_the_new_fields_still_stores(backend):
    store = backend.open_store()
    case = store.create_case()
    rs.save_request(store, case.reference, DATA)
    [saved] = rs.requests_for(store, case.reference)
    assert saved["kind"] is saved["child_name"] is saved["child_personnummer"] is saved["contact_time"] is None


def test_migration_0007_adds_the_columns_on_every_backend(backend):
    assert backend.raw("SELECT count(kind), count(noticed_by), count(child_name), count(child_personnummer) "
                       "FROM sip_requests") == [(0, 0, 0, 0)]


def test_migration_0007_on_a_fresh_sqlite_database(tmp_path):
    import sqlalchemy as sa

    from actions.casestore import migrate

    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    migrate.upgrade(url)
    engine = sa.create_engine(url)
    columns = {c["name"]: c for c in sa.inspect(engine).get_columns("sip_requests")}
    engine.dispose()
    assert {"kind", "noticed_by", "child_name", "child_personnummer"} <= set(columns)
    assert all(columns[name]["nullable"] for name in ("kind", "noticed_by", "child_name", "child_personnummer"))


def test_migration_0008_keeps_the_requests_made_before_it(tmp_path):
    from tests.unit.migration_helpers import migrated_from

    rows = migrated_from(tmp_path, "0007_request_fields", [
        "INSERT INTO cases (id, reference, code_hash, created_at) VALUES (1, 'SIP-AAAA-AAAA', 'x', '2026-01-01')",
        "INSERT INTO sip_requests (id, case_id, organisation_id, requester_role, sides, contact_preference, "
        "consent, status, created_at) VALUES (7, 1, 'bup', 'vardnadshavare', 'bada', 'sms', 'saknas', 'received', "
        "'2026-01-02')",
    ], "SELECT id, contact_preference, contact_time FROM sip_requests")
    assert rows == [(7, "sms", None)]
