"""Store functions for SIP requests, on a CaseStore's engine (kept out of store.py on purpose)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import select

from actions.casestore.models import Case
from actions.casestore.models_request import RECEIVED, WITHDRAWN, RequestOutbox, SipRequest
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


def mark_attempt(store: CaseStore, outbox_id: int, delivered: bool, now: datetime | None = None) -> None:
    now = now or datetime.now(timezone.utc)
    with store.session() as session:
        row = session.get(RequestOutbox, outbox_id)
        row.attempts += 1
        row.last_attempt_at = now
        if delivered:
            row.delivered_at = now


def _as_dict(row: SipRequest) -> dict:
    return {
        "id": row.id, "organisation_id": row.organisation_id, "requester_role": row.requester_role,
        "child_age": row.child_age, "sides": row.sides, "needs": row.needs, "contact_name": row.contact_name,
        "contact_phone": row.contact_phone, "contact_preference": row.contact_preference,
        "consent": row.consent, "status": row.status,
        "created_at": row.created_at.isoformat() if row.created_at else None,
    }
