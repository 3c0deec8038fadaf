"""Store functions for SIP requests, on a CaseStore's engine (kept out of store.py on purpose)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from actions.casestore.models import Case
from actions.casestore.models_request import RECEIVED, WITHDRAWN, RequestOutbox, SipRequest, WithdrawalNotice
from actions.casestore.store import CaseStore


@dataclass(frozen=True)
class RequestData:
    organisation_id: str
    requester_role: str
    child_age: int | None
    sides: str
    needs: str | None
    contact_name: str | None
    contact_phone: str | None
    consent: str
    contact_preference: str = "telefon"
    kind: str | None = None
    noticed_by: str | None = None
    child_name: str | None = None
    child_personnummer: str | None = None
    contact_time: str | None = None


def _case(session, reference: str) -> Case:
    case = session.scalar(select(Case).where(Case.reference == reference))
    if case is None:
        raise KeyError(reference)
    return case


def save_request(store: CaseStore, reference: str, data: RequestData) -> int:
    """Store the request and its outbox row in one transaction; returns the request id."""
    with store.session() as session:
        case = _case(session, reference)
        request = SipRequest(case_id=case.id, status=RECEIVED, **data.__dict__)
        session.add(request)
        session.flush()
        session.add(RequestOutbox(request_id=request.id, organisation_id=data.organisation_id))
        session.flush()
        return request.id


def requests_for(store: CaseStore, reference: str) -> list[dict]:
    with store.session() as session:
        rows = session.scalars(
            select(SipRequest).join(Case).where(Case.reference == reference).order_by(SipRequest.id)
        ).all()
        return [_as_dict(row) for row in rows]


def withdraw(store: CaseStore, reference: str, request_id: int) -> bool:
    with store.session() as session:
        row = session.scalar(
            select(SipRequest).join(Case).where(Case.reference == reference, SipRequest.id == request_id)
        )
        if row is None or row.status == WITHDRAWN:
            return False
        row.status = WITHDRAWN
        # The organisation must hear about it: deliver the request again, now withdrawn.
        outbox = session.scalar(select(RequestOutbox).where(RequestOutbox.request_id == row.id))
        if outbox is not None:
            outbox.delivered_at, outbox.attempts, outbox.last_attempt_at = None, 0, None
        return True


@dataclass(frozen=True)
class PendingDelivery:
    outbox_id: int
    attempts: int
    last_attempt_at: datetime | None
    request: dict


def pending_deliveries(store: CaseStore) -> list[PendingDelivery]:
    """Everything not yet delivered, oldest first (withdrawn requests too: the organisation must know)."""
    with store.session() as session:
        rows = session.execute(
            select(RequestOutbox, SipRequest).join(SipRequest, RequestOutbox.request_id == SipRequest.id)
            .where(RequestOutbox.delivered_at.is_(None)).order_by(RequestOutbox.id)
        ).all()
        return [PendingDelivery(o.id, o.attempts, o.last_attempt_at, _as_dict(r)) for o, r in rows]


def mark_attempt(store: CaseStore, outbox_id: int, delivered: bool, now: datetime | None = None) -> bool:
    """Record a try; False when the row is gone (its case was deleted while the POST ran)."""
    return _mark(store, RequestOutbox, outbox_id, delivered, now)


def mark_notice_attempt(store: CaseStore, notice_id: int, delivered: bool, now: datetime | None = None) -> bool:
    return _mark(store, WithdrawalNotice, notice_id, delivered, now)


def _mark(store: CaseStore, model, row_id: int, delivered: bool, now: datetime | None) -> bool:
    now = now or datetime.now(timezone.utc)
    values = {"attempts": model.attempts + 1, "last_attempt_at": now}
    if delivered:
        values["delivered_at"] = now
    with store.session() as session:
        result = session.execute(update(model).where(model.id == row_id).values(**values)
                                 .execution_options(synchronize_session=False))
        return result.rowcount == 1


@dataclass(frozen=True)
class PendingNotice:
    notice_id: int
    attempts: int
    last_attempt_at: datetime | None
    request: dict  # what the organisation gets: id, organisation_id and status only


def add_withdrawal_notices(session: Session, case_id: int) -> list[str]:
    """In the deleting transaction: a notice for each request of the case the organisation
    may already hold; returns their organisation ids (one per notice).

    Locks every outbox row of the case (not only delivered ones) so a delivery finishing
    meanwhile either shows up here as delivered or finds its row gone (see add_withdrawal_notice).
    """
    rows = session.execute(
        select(SipRequest.id, SipRequest.organisation_id, SipRequest.status, RequestOutbox.delivered_at)
        .join(RequestOutbox, RequestOutbox.request_id == SipRequest.id)
        .where(SipRequest.case_id == case_id).order_by(SipRequest.id).with_for_update(of=RequestOutbox)
    ).all()
    due = [(request_id, org) for request_id, org, status, delivered_at in rows
           if _organisation_may_hold(status, delivered_at)]
    session.add_all(WithdrawalNotice(request_id=request_id, organisation_id=org) for request_id, org in due)
    return [org for _, org in due]


def _organisation_may_hold(status: str, delivered_at: datetime | None) -> bool:
    if status == WITHDRAWN:
        # withdraw() clears delivered_at to send the withdrawal; the original may have gone out.
        return delivered_at is None
    # Not delivered: its outbox row goes with the case, so it is never sent.
    return delivered_at is not None


def add_withdrawal_notice(store: CaseStore, request_id: int, organisation_id: str) -> None:
    """For a request delivered while its case was being deleted: the delete hook saw it undelivered."""
    with store.session() as session:
        session.add(WithdrawalNotice(request_id=request_id, organisation_id=organisation_id))


def pending_withdrawal_notices(store: CaseStore) -> list[PendingNotice]:
    with store.session() as session:
        rows = session.scalars(select(WithdrawalNotice).where(WithdrawalNotice.delivered_at.is_(None))
                               .order_by(WithdrawalNotice.id)).all()
        return [PendingNotice(n.id, n.attempts, n.last_attempt_at,
                              {"id": n.request_id, "organisation_id": n.organisation_id, "status": WITHDRAWN})
                for n in rows]


def _as_dict(row: SipRequest) -> dict:
    return {
        "id": row.id, "organisation_id": row.organisation_id, "requester_role": row.requester_role,
        "child_age": row.child_age, "sides": row.sides, "needs": row.needs, "contact_name": row.contact_name,
        "contact_phone": row.contact_phone, "contact_preference": row.contact_preference,
        "contact_time": row.contact_time,
        "consent": row.consent, "status": row.status, "kind": row.kind, "noticed_by": row.noticed_by,
        "child_name": row.child_name, "child_personnummer": row.child_personnummer,
        "created_at": row.created_at.isoformat() if row.created_at else None,
    }
