"""Recording and withdrawing consents in the case store (kept out of store.py on purpose)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from actions.casestore.models import Case
from actions.casestore.models_consent import Consent, ConsentGiver, ConsentParty
from actions.casestore.store import CaseStore


@dataclass(frozen=True)
class Giver:
    role: str  # ung | vardnadshavare | foretradare
    representative_kind: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class PartyRecord:
    name: str
    organisation_type: str | None = None


@dataclass(frozen=True)
class NewConsent:
    under_adult_age: bool
    givers: list[Giver]
    parties: list[PartyRecord]
    may_share: str
    valid_from: date
    valid_to: date
    form: str
    must_not_share: str | None = None
    child_view: str | None = None


@dataclass(frozen=True)
class StoredConsent:
    number: int
    under_adult_age: bool
    givers: list[Giver]
    parties: list[PartyRecord]
    may_share: str
    must_not_share: str | None
    child_view: str | None
    valid_from: date
    valid_to: date
    form: str
    recorded_via: str
    recorded_at: datetime
    confirmed_at: datetime | None = None
    withdrawn_at: datetime | None = None


def _case(session, reference: str) -> Case:
    case = session.scalar(select(Case).where(Case.reference == reference))
    if case is None:
        raise KeyError(reference)
    return case


def record_consent(store: CaseStore, reference: str, new: NewConsent, now: datetime | None = None) -> int:
    """Save a consent under the case; returns its number within the case (1, 2, …)."""
    if not new.givers or not new.parties:
        raise ValueError("a consent needs at least one giver and one party")
    with store.session() as session:
        case = _case(session, reference)
        number = (session.scalar(select(func.max(Consent.number)).where(Consent.case_id == case.id)) or 0) + 1
        consent = Consent(
            case_id=case.id, number=number, under_adult_age=new.under_adult_age, child_view=new.child_view,
            may_share=new.may_share, must_not_share=new.must_not_share, valid_from=new.valid_from,
            valid_to=new.valid_to, form=new.form, recorded_via="chat",
            recorded_at=now or datetime.now(timezone.utc),
        )
        consent.givers = [ConsentGiver(position=i, role=g.role, representative_kind=g.representative_kind,
                                       name=g.name) for i, g in enumerate(new.givers, 1)]
        consent.parties = [ConsentParty(position=i, name=p.name, organisation_type=p.organisation_type)
                           for i, p in enumerate(new.parties, 1)]
        session.add(consent)
        session.flush()
        return number


def _utc(moment: datetime | None) -> datetime | None:
    # SQLite gives stored times back without their offset; they were stored in UTC.
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment


def consents(store: CaseStore, reference: str) -> list[StoredConsent]:
    """Every consent of the case, withdrawn and expired ones too, oldest first."""
    with store.session() as session:
        case = _case(session, reference)
        rows = session.scalars(
            select(Consent).where(Consent.case_id == case.id).order_by(Consent.number)
            .options(selectinload(Consent.givers), selectinload(Consent.parties))
        ).all()
        return [
            StoredConsent(
                number=row.number, under_adult_age=row.under_adult_age,
                givers=[Giver(g.role, g.representative_kind, g.name) for g in row.givers],
                parties=[PartyRecord(p.name, p.organisation_type) for p in row.parties],
                may_share=row.may_share, must_not_share=row.must_not_share, child_view=row.child_view,
                valid_from=row.valid_from, valid_to=row.valid_to, form=row.form, recorded_via=row.recorded_via,
                recorded_at=_utc(row.recorded_at), confirmed_at=_utc(row.confirmed_at),
                withdrawn_at=_utc(row.withdrawn_at),
            )
            for row in rows
        ]


def withdraw(store: CaseStore, reference: str, numbers: list[int] | None = None,
             now: datetime | None = None) -> list[int]:
    """Mark consents withdrawn (all not yet withdrawn when `numbers` is None); returns the numbers changed.

    Nothing is deleted: the record of what was consented to, and when it was withdrawn, stays.
    """
    now = now or datetime.now(timezone.utc)
    with store.session() as session:
        case = _case(session, reference)
        query = select(Consent).where(Consent.case_id == case.id, Consent.withdrawn_at.is_(None))
        if numbers is not None:
            query = query.where(Consent.number.in_(numbers))
        changed = []
        for row in session.scalars(query.order_by(Consent.number)).all():
            row.withdrawn_at = now
            changed.append(row.number)
        return changed
