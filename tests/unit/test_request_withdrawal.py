"""Deleting a case with a delivered SIP request: the organisation is told it is withdrawn (SQLite and PostgreSQL)."""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from actions import request_delivery as delivery
from actions.casestore import migrate, request_store as rs
from actions.casestore import request_rights  # noqa: F401 - registers the delete hook and the retention rule
from actions.casestore.retention import RETENTION_RULES, RetentionContext, run_all
from actions.casestore.rights import BEFORE_DELETE_HOOKS, delete_case
from tests.unit.test_request_delivery import T0, receiver, url  # noqa: F401 - receiver is a fixture

DATA = rs.RequestData(
    organisation_id="bup", requester_role="vardnadshavare", child_age=14, sides="bada",
    needs="Hon orkar inte gå till skolan", contact_name="Anna Andersson", contact_phone="0701234567",
    consent="finns",
)
NOTICES = "sip_request_withdrawal_notices"
BUP_NOTICE = ("Din SIP-förfrågan till Barn- och ungdomspsykiatrin (BUP) hade redan skickats. "
              "Vi meddelar dem att den är återkallad.")


def _delivered_request(store, **changes):
    case = store.create_case()
    request_id = rs.save_request(store, case.reference, rs.RequestData(**{**DATA.__dict__, **changes}))
    [item] = [i for i in rs.pending_deliveries(store) if i.request["id"] == request_id]
    rs.mark_attempt(store, item.outbox_id, delivered=True, now=T0)
    return case, request_id


def test_hook_and_rule_are_registered():
    assert request_rights.withdraw_delivered_requests in BEFORE_DELETE_HOOKS
    assert request_rights.purge_delivered_withdrawal_notices in [rule.run for rule in RETENTION_RULES]


def test_deleting_a_delivered_request_leaves_one_notice_without_personal_data(backend):
    store = backend.open_store()
    case, request_id = _delivered_request(store)
    outcome = delete_case(store, case.reference, case.code)
    assert outcome.notices == [BUP_NOTICE]
    assert backend.raw(f"SELECT request_id, organisation_id, attempts, delivered_at FROM {NOTICES}") == [
        (request_id, "bup", 0, None)]
    raw = repr(backend.raw(f"SELECT * FROM {NOTICES}"))
    for personal in (DATA.contact_name, "Anna", DATA.contact_phone, DATA.needs, case.reference):
        assert personal not in raw
    assert backend.raw("SELECT count(*) FROM sip_requests") == [(0,)]


def test_several_requests_are_named_in_one_notice(backend):
    store = backend.open_store()
    case, _ = _delivered_request(store)
    second = rs.save_request(store, case.reference, rs.RequestData(**{**DATA.__dict__, "organisation_id": "nowhere"}))
    rs.mark_attempt(store, [i for i in rs.pending_deliveries(store) if i.request["id"] == second][0].outbox_id,
                    delivered=True)
    rs.save_request(store, case.reference, rs.RequestData(**{**DATA.__dict__, "organisation_id": "dalsed_hagaskolan"}))
    [notice] = delete_case(store, case.reference, case.code).notices
    # The unknown organisation falls back to its id; the undelivered one is not named.
    assert notice.startswith("Dina SIP-förfrågningar till Barn- och ungdomspsykiatrin (BUP) och nowhere hade")
    assert backend.raw(f"SELECT organisation_id FROM {NOTICES} ORDER BY id") == [("bup",), ("nowhere",)]


def test_a_withdrawal_already_delivered_needs_no_notice_but_a_pending_one_does(backend):
    store = backend.open_store()
    told, told_id = _delivered_request(store)
    pending, pending_id = _delivered_request(store)
    for case, request_id in ((told, told_id), (pending, pending_id)):
        assert rs.withdraw(store, case.reference, request_id)
    [item] = [i for i in rs.pending_deliveries(store) if i.request["id"] == told_id]
    rs.mark_attempt(store, item.outbox_id, delivered=True)
    assert delete_case(store, told.reference, told.code).notices == []
    assert delete_case(store, pending.reference, pending.code).notices == [BUP_NOTICE]
    assert backend.raw(f"SELECT request_id FROM {NOTICES}") == [(pending_id,)]


async def test_an_undelivered_request_goes_with_the_case_and_is_never_sent(backend, receiver):
    store = backend.open_store()
    case = store.create_case()
    rs.save_request(store, case.reference, DATA)
    assert delete_case(store, case.reference, case.code).notices == []
    assert backend.raw(f"SELECT count(*) FROM {NOTICES}") == [(0,)]
    await receiver.start()
    assert (await delivery.deliver_pending(store, url(receiver), T0))["delivered"] == 0
    assert receiver.received == []


async def test_the_notice_is_delivered_once_and_retried_after_the_receiver_was_down(backend, receiver):
    store = backend.open_store()
    case, request_id = _delivered_request(store)
    delete_case(store, case.reference, case.code)
    [(notice_id,)] = backend.raw(f"SELECT id FROM {NOTICES}")
    # Not started: connection refused.
    assert await delivery.deliver_pending(store, url(receiver), T0) == {"delivered": 0, "failed": 1, "waiting": 0}
    await receiver.start()
    assert (await delivery.deliver_pending(store, url(receiver), T0 + timedelta(seconds=1)))["waiting"] == 1
    later = T0 + timedelta(seconds=delivery.backoff_seconds(1))
    assert (await delivery.deliver_pending(store, url(receiver), later))["delivered"] == 1
    assert (await delivery.deliver_pending(store, url(receiver), later + timedelta(hours=1)))["delivered"] == 0
    assert receiver.received == [("bup", f"sip-request-withdrawal-{notice_id}",
                                  {"sip_request": {"id": request_id, "organisation_id": "bup", "status": "withdrawn"}})]
    assert backend.raw(f"SELECT attempts FROM {NOTICES} WHERE delivered_at IS NOT NULL") == [(2,)]


async def test_a_request_delivered_while_its_case_is_deleted_gets_a_notice(backend, receiver, monkeypatch):
    store = backend.open_store()
    case = store.create_case()
    request_id = rs.save_request(store, case.reference, DATA)
    post = delivery._post

    async def post_then_delete(*args):
        ok = await post(*args)
        if args[2]["status"] != "withdrawn":
            assert delete_case(store, case.reference, case.code).notices == []  # the hook saw it undelivered
        return ok

    monkeypatch.setattr(delivery, "_post", post_then_delete)
    await receiver.start()
    assert (await delivery.deliver_pending(store, url(receiver), T0))["delivered"] == 2
    assert [body["sip_request"]["status"] for _, _, body in receiver.received] == ["received", "withdrawn"]
    assert receiver.received[1][2]["sip_request"]["id"] == request_id


def test_retention_deletes_delivered_notices_only(backend):
    store = backend.open_store()
    for _ in range(2):
        case, _ = _delivered_request(store)
        delete_case(store, case.reference, case.code)
    [first, second] = rs.pending_withdrawal_notices(store)
    rs.mark_notice_attempt(store, first.notice_id, delivered=True)
    results = run_all(RetentionContext(T0, backend.settings(), store, None))
    assert results["delivered withdrawal notices"] == 1
    assert backend.raw(f"SELECT id FROM {NOTICES}") == [(second.notice_id,)]


def test_migration_creates_the_table_on_a_fresh_database(tmp_path):
    db_url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    migrate.upgrade(db_url)
    engine = sa.create_engine(db_url)
    inspector = sa.inspect(engine)
    assert {c["name"] for c in inspector.get_columns(NOTICES)} == {
        "id", "request_id", "organisation_id", "created_at", "attempts", "last_attempt_at", "delivered_at"}
    assert inspector.get_foreign_keys(NOTICES) == []  # must outlive the case
    engine.dispose()


def test_the_table_exists_on_every_backend(backend):
    assert backend.raw(f"SELECT count(*) FROM {NOTICES}") == [(0,)]
