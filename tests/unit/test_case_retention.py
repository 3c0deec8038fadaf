"""Inactive cases are deleted, confirmed or not, unless a consent in them is still in force (SQLite and
PostgreSQL). Persona round, session 34: a father without the code asked whether his daughter's answers
stay "för alltid"; they did, and nobody could delete them."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import yaml
from sqlalchemy import select, update

from actions import settings as settings_module
from actions.casestore import request_store as rs
from actions.casestore import retention
from actions.casestore.models import Case, PreparationAnswer, PreparationStatus
from actions.casestore.models_consent import Consent
from actions.casestore.models_request import RequestOutbox, SipRequest
from actions.casestore.models_staff import CaseLink
from actions.casestore.retention import RETENTION_RULES, RetentionContext, run_all
from actions.local_time import local
from actions.settings import ROOT

NOW = datetime.now(timezone.utc)
TODAY = local(NOW).date()
OLD, RECENT = NOW - timedelta(days=400), NOW - timedelta(days=10)
REQUEST = rs.RequestData(organisation_id="bup", requester_role="vardnadshavare", child_age=14, sides="bada",
                         needs="Hon orkar inte gå till skolan", contact_name="Anna Andersson",
                         contact_phone="0701234567", consent="finns")


def _ctx(backend, store, **settings) -> RetentionContext:
    return RetentionContext(NOW, backend.settings(**settings), store, None)


def _case_id(store, reference: str) -> int:
    with store.session() as session:
        return session.scalar(select(Case.id).where(Case.reference == reference))


def _references(store) -> set[str]:
    with store.session() as session:
        return set(session.scalars(select(Case.reference)))


def _confirmed_preparation(store, at: datetime = OLD):
    """A case with a confirmed preparation whose every time is `at`."""
    case = store.create_case()
    store.save_answer(case.reference, "important", "Att må bra", "ung")
    store.save_answer(case.reference, "important", "Att må bra och sova", "ung")  # leaves a history row
    store.set_preparation_completed(case.reference, True, now=at)
    case_id = _case_id(store, case.reference)
    with store.session() as session:
        session.execute(update(Case).where(Case.id == case_id).values(created_at=at))
        session.execute(update(PreparationAnswer).where(PreparationAnswer.case_id == case_id).values(updated_at=at))
        session.execute(update(PreparationStatus).where(PreparationStatus.case_id == case_id).values(updated_at=at))
    return case


def _add_consent(store, reference: str, valid_to: date, recorded_at: datetime = OLD, **changes) -> None:
    with store.session() as session:
        session.add(Consent(case_id=_case_id(store, reference), number=1, under_adult_age=True,
                            may_share="Skolans iakttagelser", valid_from=valid_to - timedelta(days=200),
                            valid_to=valid_to, form="skriftligt", recorded_at=recorded_at, **changes))


def _add_request(store, reference: str, created_at: datetime, delivered_at: datetime | None = None) -> None:
    request_id = rs.save_request(store, reference, REQUEST)
    with store.session() as session:
        session.execute(update(SipRequest).where(SipRequest.id == request_id).values(created_at=created_at))
        session.execute(update(RequestOutbox).where(RequestOutbox.request_id == request_id)
                        .values(created_at=created_at, delivered_at=delivered_at))


def test_an_inactive_confirmed_preparation_is_deleted_with_its_child_rows(backend):
    store = backend.open_store()
    old, within = _confirmed_preparation(store), _confirmed_preparation(store, at=NOW - timedelta(days=364))
    assert retention.purge_inactive_cases(_ctx(backend, store)) == 1
    assert _references(store) == {within.reference}
    # The cascade took the old case's answer, its earlier version and its confirmation.
    assert backend.raw("SELECT COUNT(*) FROM preparation_answers")[0][0] == 1
    assert backend.raw("SELECT COUNT(*) FROM preparation_answer_history")[0][0] == 1
    assert backend.raw("SELECT COUNT(*) FROM preparation_status")[0][0] == 1
    assert old.reference not in _references(store)


def test_recent_activity_keeps_an_old_case(backend):
    store = backend.open_store()
    _confirmed_preparation(store)  # inactive for the whole period: deleted
    edited, confirmed_again = _confirmed_preparation(store), _confirmed_preparation(store)
    withdrawn, staff_confirmed, expired = (_confirmed_preparation(store) for _ in range(3))
    requested, request_withdrawn, old_request = (_confirmed_preparation(store) for _ in range(3))
    linked = _confirmed_preparation(store)
    with store.session() as session:
        session.execute(update(PreparationAnswer).where(PreparationAnswer.case_id == _case_id(store, edited.reference))
                        .values(updated_at=RECENT))
        session.execute(update(PreparationStatus)
                        .where(PreparationStatus.case_id == _case_id(store, confirmed_again.reference))
                        .values(updated_at=RECENT))
        session.add(CaseLink(case_id=_case_id(store, linked.reference), organisation_id="bup", linked_at=RECENT))
    long_ago = TODAY - timedelta(days=200)
    _add_consent(store, withdrawn.reference, valid_to=TODAY + timedelta(days=30), withdrawn_at=RECENT)
    _add_consent(store, staff_confirmed.reference, valid_to=long_ago, confirmed_at=RECENT)
    _add_consent(store, expired.reference, valid_to=long_ago)
    _add_request(store, requested.reference, created_at=RECENT)
    # Withdrawn lately: sip_requests keeps no time of change, the withdrawal's delivery shows it.
    _add_request(store, request_withdrawn.reference, created_at=OLD, delivered_at=RECENT)
    _add_request(store, old_request.reference, created_at=OLD, delivered_at=OLD)
    assert retention.purge_inactive_cases(_ctx(backend, store)) == 3
    assert _references(store) == {c.reference for c in (edited, confirmed_again, withdrawn, staff_confirmed,
                                                          requested, request_withdrawn, linked)}
    assert backend.raw("SELECT COUNT(*) FROM consents")[0][0] == 2  # the expired one went with its case
    assert backend.raw("SELECT COUNT(*) FROM sip_requests")[0][0] == 2
    assert backend.raw("SELECT COUNT(*) FROM sip_request_outbox")[0][0] == 2


def test_a_consent_in_force_or_upcoming_keeps_an_old_case(backend):
    store = backend.open_store()
    in_force, ends_today, upcoming, ended_yesterday, withdrawn_long_ago = (store.create_case() for _ in range(5))
    _add_consent(store, in_force.reference, valid_to=TODAY + timedelta(days=20))
    _add_consent(store, ends_today.reference, valid_to=TODAY)
    with store.session() as session:
        session.add(Consent(case_id=_case_id(store, upcoming.reference), number=1, under_adult_age=False,
                            may_share="Allt", valid_from=TODAY + timedelta(days=30),
                            valid_to=TODAY + timedelta(days=300), form="muntligt", recorded_at=OLD))
    _add_consent(store, ended_yesterday.reference, valid_to=TODAY - timedelta(days=1))
    _add_consent(store, withdrawn_long_ago.reference, valid_to=TODAY + timedelta(days=20), withdrawn_at=OLD)
    with store.session() as session:
        session.execute(update(Case).values(created_at=OLD))
    assert retention.purge_inactive_cases(_ctx(backend, store)) == 2
    assert _references(store) == {in_force.reference, ends_today.reference, upcoming.reference}


def test_the_period_is_a_setting(backend):
    store = backend.open_store()
    store.create_case()
    with store.session() as session:
        session.execute(update(Case).values(created_at=NOW - timedelta(days=40)))
    assert retention.purge_inactive_cases(_ctx(backend, store, case_retention_days=60)) == 0
    assert retention.purge_inactive_cases(_ctx(backend, store, case_retention_days=30)) == 1


def test_a_run_on_swedish_time_compares_the_same_moments(backend):
    # SQLite stores times without their offset: a cutoff in +01:00 must be turned to UTC first.
    store = backend.open_store()
    case = store.create_case()
    with store.session() as session:
        session.execute(update(Case).values(created_at=NOW - timedelta(days=365) + timedelta(minutes=30)))
    ctx = RetentionContext(local(NOW), backend.settings(), store, None)
    assert retention.purge_inactive_cases(ctx) == 0
    assert _references(store) == {case.reference}


def test_the_draft_rule_is_unchanged_and_runs_beside_it(backend):
    store = backend.open_store()
    draft, recent_confirmed, old_confirmed = store.create_case(), _confirmed_preparation(store, at=RECENT), \
        _confirmed_preparation(store)
    store.save_answer(draft.reference, "important", "Vet inte", "ung")
    with store.session() as session:
        case_id = _case_id(store, draft.reference)
        session.execute(update(Case).where(Case.id == case_id).values(created_at=NOW - timedelta(days=20)))
        session.execute(update(PreparationAnswer).where(PreparationAnswer.case_id == case_id)
                        .values(updated_at=NOW - timedelta(days=20)))
    ctx = _ctx(backend, store)
    # A 20-day-old draft is the draft rule's (14 days), not this one's (365 days).
    assert retention.purge_inactive_cases(ctx) == 1
    assert _references(store) == {draft.reference, recent_confirmed.reference}
    results = run_all(ctx)
    assert (results["unconfirmed drafts"], results["inactive cases"]) == (1, 0)
    assert _references(store) == {recent_confirmed.reference}
    assert old_confirmed.reference not in _references(store)


def test_the_rule_is_registered_beside_the_draft_rule():
    names = [rule.name for rule in RETENTION_RULES]
    assert names.index("inactive cases") == names.index("unconfirmed drafts") + 1
    assert retention.purge_inactive_cases(RetentionContext(NOW, None, None, None)) == 0  # no case store


def test_the_period_is_read_from_the_environment(monkeypatch):
    monkeypatch.delenv("SIP_CASE_RETENTION_DAYS", raising=False)
    assert settings_module.load().case_retention_days == 365
    monkeypatch.setenv("SIP_CASE_RETENTION_DAYS", "730")
    assert settings_module.load().case_retention_days == 730


def _response(domain_file: str, name: str) -> str:
    data = yaml.safe_load((ROOT / "bot" / "domain" / domain_file).read_text(encoding="utf-8"))
    return data["responses"][name][0]["text"]


def test_the_texts_say_the_default_period():
    """The texts write the period out ("ett år" reads better than "365 dagar"): a new default needs new texts."""
    assert settings_module.Settings.__dataclass_fields__["case_retention_days"].default == 365
    lost_code = _response("case_access.yml", "utter_lost_code")
    assert "raderas automatiskt när det inte har använts på ett år" in lost_code
    how_long = _response("conversation.yml", "utter_privacy_how_long")
    assert "inte har använts på ett år" in how_long and "finns kvar tills du raderar" not in how_long
    page = (ROOT / "channels" / "static" / "integritet.html").read_text(encoding="utf-8")
    assert "inte har använts på ett år" in page
