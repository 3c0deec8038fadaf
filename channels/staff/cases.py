"""What staff may see, read through small per-feature query functions.

Scoping (privacy first): an organisation sees a case only when the case is linked to it:
- a SIP request in the case addressed to the organisation (when the request feature is present), or
- a `case_links` row, made when the person gave the organisation the case's reference and code
  (the staff member types them into the portal; a wrong code counts towards the case's lockout).
A completed preparation without such a link is shown to nobody; it appears in statistics only
as a count. Unknown references and other organisations' cases look the same (403), so the portal
never tells whether a reference exists.

Every case read by a person is written to the audit log (`audit`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from typing import Callable

import yaml

from sqlalchemy import func, select, union
from sqlalchemy.orm import Session

from actions import request_rules
from actions.casestore.models import Case, PreparationAnswer, PreparationStatus
from actions.casestore.models_consent import Consent
from actions.casestore.models_request import SipRequest
from actions.casestore.models_staff import AuditEntry, CaseLink
from actions.casestore.store import CaseStore, CodeCheck
from actions.settings import ROOT
from channels.staff.auth import StaffIdentity



def _utc(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment


# ------------------------------------------------------------------ scoping

def _linked_by_code():
    return select(CaseLink.case_id.label("case_id"), CaseLink.organisation_id.label("organisation_id"))


def _addressed_by_request():
    return select(SipRequest.case_id.label("case_id"), SipRequest.organisation_id.label("organisation_id"))


# Each feature that opens a case to an organisation adds a function here returning a
# SELECT of (case_id, organisation_id) pairs.
CASE_ORGANISATION_SOURCES: list[Callable[[], object]] = [_linked_by_code, _addressed_by_request]


def case_organisations():
    """Every (case_id, organisation_id) pair that opens a case to an organisation, as a subquery."""
    queries = [source() for source in CASE_ORGANISATION_SOURCES]
    return (queries[0] if len(queries) == 1 else union(*queries)).subquery()


def visible_case_ids(organisation_id: str):
    pairs = case_organisations()
    return select(pairs.c.case_id).where(pairs.c.organisation_id == organisation_id)


def readable_case(session: Session, identity: StaffIdentity, reference: str) -> Case | None:
    """The case if the identity's organisation may read it, else None (unknown or not linked)."""
    return session.scalar(select(Case).where(Case.reference == reference,
                                             Case.id.in_(visible_case_ids(identity.organisation_id))))


def link_case_with_code(store: CaseStore, identity: StaffIdentity, reference: str, code: str) -> str:
    """Open a case to the staff member's organisation with the reference and code the person gave."""
    reference = (reference or "").strip().upper()
    result = store.check_code(reference, (code or "").strip())
    if result != CodeCheck.OK:
        return result
    with store.session() as session:
        case_id = session.scalar(select(Case.id).where(Case.reference == reference))
        exists = session.scalar(select(CaseLink.id).where(CaseLink.case_id == case_id,
                                                          CaseLink.organisation_id == identity.organisation_id))
        if exists is None:
            session.add(CaseLink(case_id=case_id, organisation_id=identity.organisation_id,
                                 linked_by=identity.account_id))
        _audit(session, identity, "link_case", reference)
    return CodeCheck.OK


# ------------------------------------------------------------------ audit

def _audit(session: Session, identity: StaffIdentity, action: str, reference: str | None,
           detail: str | None = None) -> None:
    session.add(AuditEntry(account_id=identity.account_id, username=identity.username,
                           organisation_id=identity.organisation_id, action=action,
                           case_reference=reference, detail=detail))


def audit(store: CaseStore, identity: StaffIdentity, action: str, reference: str | None,
          detail: str | None = None) -> None:
    with store.session() as session:
        _audit(session, identity, action, reference, detail)


def audit_entries(store: CaseStore, reference: str | None = None) -> list[AuditEntry]:
    with store.session() as session:
        query = select(AuditEntry).order_by(AuditEntry.id)
        if reference is not None:
            query = query.where(AuditEntry.case_reference == reference)
        return list(session.scalars(query).all())


# ------------------------------------------------------------------ list

@dataclass(frozen=True)
class CaseSummary:
    reference: str
    created_at: datetime
    latest_at: datetime
    status: list[str]


def _preparation_status(session: Session, case_ids, identity: StaffIdentity) -> dict[int, str]:
    answered = dict(session.execute(
        select(PreparationAnswer.case_id, func.count()).where(PreparationAnswer.case_id.in_(case_ids))
        .group_by(PreparationAnswer.case_id)).all())
    completed = dict(session.execute(select(PreparationStatus.case_id, PreparationStatus.completed_at)
                                     .where(PreparationStatus.case_id.in_(case_ids))).all())
    status = {}
    for case_id, count in answered.items():
        status[case_id] = "Förberedelse klar" if completed.get(case_id) else "Förberedelse påbörjad"
    return status


def _consent_status(session: Session, case_ids, identity: StaffIdentity) -> dict[int, str]:
    rows = session.execute(select(Consent.case_id, Consent.confirmed_at, Consent.withdrawn_at)
                           .where(Consent.case_id.in_(case_ids))).all()
    status: dict[int, list[str]] = {}
    for case_id, confirmed_at, withdrawn_at in rows:
        kind = "återkallat" if withdrawn_at else ("bekräftat" if confirmed_at else "att bekräfta")
        status.setdefault(case_id, []).append(kind)
    return {case_id: "Samtycke: " + ", ".join(sorted(set(kinds))) for case_id, kinds in status.items()}


REQUEST_STATES = {"received": "ny", "handled": "hanterad", "withdrawn": "återkallad"}


def _request_status(session: Session, case_ids, identity: StaffIdentity) -> dict[int, str]:
    """Only the requests addressed to the staff member's own organisation."""
    rows = session.execute(select(SipRequest.case_id, SipRequest.status)
                           .where(SipRequest.case_id.in_(case_ids),
                                  SipRequest.organisation_id == identity.organisation_id)).all()
    status: dict[int, list[str]] = {}
    for case_id, state in rows:
        status.setdefault(case_id, []).append(REQUEST_STATES.get(state, state))
    return {case_id: "SIP-begäran: " + ", ".join(sorted(set(s))) for case_id, s in status.items()}


# Per feature: case ids -> one status text per case.
STATUS_SOURCES: list[Callable[[Session, list[int], StaffIdentity], dict[int, str]]] = [
    _request_status, _preparation_status, _consent_status]


def list_cases(store: CaseStore, identity: StaffIdentity) -> list[CaseSummary]:
    """The organisation's cases, newest first (by the latest thing that happened in them)."""
    with store.session() as session:
        cases = session.execute(select(Case.id, Case.reference, Case.created_at)
                                .where(Case.id.in_(visible_case_ids(identity.organisation_id)))).all()
        ids = [c.id for c in cases]
        latest_answer = dict(session.execute(
            select(PreparationAnswer.case_id, func.max(PreparationAnswer.updated_at))
            .where(PreparationAnswer.case_id.in_(ids)).group_by(PreparationAnswer.case_id)).all())
        statuses = [source(session, ids, identity) for source in STATUS_SOURCES]
        latest_request = dict(session.execute(
            select(SipRequest.case_id, func.max(SipRequest.created_at))
            .where(SipRequest.case_id.in_(ids), SipRequest.organisation_id == identity.organisation_id)
            .group_by(SipRequest.case_id)).all())
        summaries = []
        for case in cases:
            created = _utc(case.created_at)
            latest = max(filter(None, [created, _utc(latest_answer.get(case.id)), _utc(latest_request.get(case.id))]))
            summaries.append(CaseSummary(case.reference, created, latest,
                                         [s[case.id] for s in statuses if case.id in s] or ["Nytt ärende"]))
        return sorted(summaries, key=lambda s: s.latest_at, reverse=True)


# ------------------------------------------------------------------ case page

@dataclass
class Section:
    key: str
    title: str
    template: str
    data: dict = field(default_factory=dict)


def _preparation_section(session: Session, case: Case, identity: StaffIdentity) -> Section | None:
    order = list(_question_titles())
    rows = sorted(session.scalars(select(PreparationAnswer).where(PreparationAnswer.case_id == case.id)).all(),
                  key=lambda r: (order.index(r.question_key) if r.question_key in order else len(order),
                                 r.question_key))
    status = session.get(PreparationStatus, case.id)
    completed_at = _utc(status.completed_at) if status is not None else None
    answers = [{"question": question_text(r.question_key), "answer": r.answer, "answered_by": r.answered_by,
                "updated_at": _utc(r.updated_at)} for r in rows]
    return Section("forberedelse", "Förberedelse inför SIP-mötet", "section_preparation.html",
                   {"answers": answers, "completed_at": completed_at})


def _consent_section(session: Session, case: Case, identity: StaffIdentity) -> Section | None:
    rows = session.scalars(select(Consent).where(Consent.case_id == case.id).order_by(Consent.number)).all()
    today = datetime.now(timezone.utc).date()
    items = []
    for row in rows:
        if row.withdrawn_at:
            state = "Återkallat"
        elif row.valid_to < today:
            state = "Har gått ut"
        elif row.confirmed_at:
            state = "Gäller, bekräftat"
        else:
            state = "Gäller, inte bekräftat än"
        view = {"valid_from": row.valid_from, "valid_to": row.valid_to, "form": row.form,
                "recorded_at": _utc(row.recorded_at), "may_share": row.may_share,
                "must_not_share": row.must_not_share, "child_view": row.child_view,
                "givers": [{"name": g.name, "role": g.role} for g in row.givers],
                "parties": [{"name": p.name} for p in row.parties]}
        items.append({"number": row.number, "state": state, "row": view,
                      "confirmed_at": _utc(row.confirmed_at),
                      "withdrawn_at": _utc(row.withdrawn_at),
                      "can_confirm": not row.withdrawn_at and not row.confirmed_at and row.valid_to >= today})
    return Section("samtycken", "Samtycken", "section_consents.html", {"consents": items})


ROLE_TEXTS = {"vardnadshavare": "Vårdnadshavare", "ung": "Den unga själv"}
SIDE_TEXTS = {"bada": "Både kommun och region", "kommun": "Kommunen", "region": "Regionen", "vet_inte": "Vet inte"}


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _request_section(session: Session, case: Case, identity: StaffIdentity) -> Section | None:
    """The SIP requests in the case addressed to the staff member's organisation (never another's)."""
    rows = session.scalars(select(SipRequest).where(SipRequest.case_id == case.id,
                                                    SipRequest.organisation_id == identity.organisation_id)
                           .order_by(SipRequest.created_at.desc())).all()
    items = [{"id": r.id, "state": REQUEST_STATES.get(r.status, r.status), "created_at": _utc(r.created_at),
              "requester": ROLE_TEXTS.get(r.requester_role, r.requester_role), "child_age": r.child_age,
              "sides": SIDE_TEXTS.get(r.sides, r.sides), "needs": r.needs, "contact_name": r.contact_name,
              "contact_phone": r.contact_phone, "contact_preference": request_rules.label_text(r.contact_preference),
              "contact_time": r.contact_time,
              "consent": "Finns" if r.consent == "finns" else "Saknas",
              # The organisation the request is addressed to needs these to find the right person.
              "kind": _sentence(request_rules.label_text(r.kind)) if r.kind else None,
              "noticed_by": _sentence(request_rules.label_text(r.noticed_by)) if r.noticed_by else None,
              "child_name": r.child_name, "child_personnummer": r.child_personnummer,
              "can_mark_handled": r.status == "received"} for r in rows]
    if not items:  # a case opened by reference and code may have no request to this organisation
        return None
    return Section("begaran", "SIP-begäran", "section_request.html", {"requests": items})


# The case page shows these in order; a feature adds (or replaces) one function.
SECTION_SOURCES: list[Callable[[Session, Case, StaffIdentity], Section | None]] = [
    _request_section, _preparation_section, _consent_section]


QUESTIONS_FILE = ROOT / "knowledge" / "preparation" / "questions.yml"
SCHOOL_FILE = ROOT / "knowledge" / "preparation" / "school.yml"


@lru_cache(maxsize=1)
def _question_titles() -> dict[str, str]:
    """Question key → title, in the order asked; the optional school module last."""
    data = yaml.safe_load(QUESTIONS_FILE.read_text(encoding="utf-8")) or {}
    titles = {q["key"]: q.get("title", q["key"]) for q in data.get("questions", []) if "key" in q}
    school = yaml.safe_load(SCHOOL_FILE.read_text(encoding="utf-8")) or {}
    if "key" in school:
        titles[school["key"]] = school.get("title", school["key"])
    return titles


def question_text(key: str) -> str:
    """The preparation question's Swedish title (knowledge/preparation/questions.yml), else its key."""
    return _question_titles().get(key, key)


@dataclass
class CasePage:
    reference: str
    created_at: datetime
    sections: list[Section]


def read_case(store: CaseStore, identity: StaffIdentity, reference: str, action: str = "read_case") -> CasePage | None:
    """The case page for the identity, written to the audit log; None when it may not be read."""
    with store.session() as session:
        case = readable_case(session, identity, reference)
        if case is None:
            _audit(session, identity, "denied", reference[:16], action)
            return None
        sections = [s for s in (source(session, case, identity) for source in SECTION_SOURCES) if s is not None]
        _audit(session, identity, action, case.reference)
        return CasePage(case.reference, _utc(case.created_at), sections)


def confirm_consent(store: CaseStore, identity: StaffIdentity, reference: str, number: int) -> bool:
    """Mark a consent confirmed (done at the förmöte); False when not readable or not confirmable."""
    with store.session() as session:
        case = readable_case(session, identity, reference)
        if case is None:
            return False
        consent = session.scalar(select(Consent).where(Consent.case_id == case.id, Consent.number == number))
        if consent is None or consent.withdrawn_at is not None or consent.confirmed_at is not None:
            return False
        consent.confirmed_at = datetime.now(timezone.utc)
        _audit(session, identity, "confirm_consent", case.reference, f"consent {number}")
        return True


def mark_request_handled(store: CaseStore, identity: StaffIdentity, reference: str, request_id: int) -> bool:
    """Mark a request addressed to the staff member's organisation as handled."""
    with store.session() as session:
        case = readable_case(session, identity, reference)
        if case is None:
            return False
        request = session.scalar(select(SipRequest).where(
            SipRequest.id == request_id, SipRequest.case_id == case.id,
            SipRequest.organisation_id == identity.organisation_id))
        if request is None or request.status != "received":
            return False
        request.status = "handled"
        _audit(session, identity, "handle_request", case.reference, f"request {request_id}")
        return True
