"""Registers the other features' case store tables with retention and people's rights.

- Retention: a case with a confirmed preparation, a consent or a SIP request is not an
  unconfirmed draft, so the draft rule never deletes it.
- Rights: consents and SIP requests are part of "everything stored
  about my case" on /mina-uppgifter.

A feature may move its own registration into its module later; this module only appends.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from actions import request_rules
from actions.casestore.models import Case, PreparationStatus
from actions.casestore.models_consent import Consent
from actions.casestore.models_request import SipRequest
from actions.casestore.retention import CONFIRMED_CASE_CONDITIONS
from actions.casestore.rights import EXPORT_SECTIONS, TEXTS, ExportSection
from actions.consent_rules import YOUNG_PERSON, describe_givers, one_guardian_note, policy as consent_policy
from actions.local_time import format_moment

CONFIRMED_CASE_CONDITIONS.extend([
    # Once confirmed, always kept by this rule: editing a confirmed preparation and leaving before
    # confirming again must not delete it (session 30).
    lambda: exists().where(PreparationStatus.case_id == Case.id, PreparationStatus.first_completed_at.isnot(None)),
    lambda: exists().where(Consent.case_id == Case.id),
    lambda: exists().where(SipRequest.case_id == Case.id),
])

_L = TEXTS["labels"]


def _text(value) -> str:
    if value is None:
        return TEXTS["no_answer"]
    if isinstance(value, (date, datetime)):
        return format_moment(value)
    return str(value)


def _label(code: str | None) -> str:
    """A stored code in the words the chat used ("received" was shown as it is; persona round, session 29)."""
    return request_rules.label_text(code) if code else TEXTS["no_answer"]


def _consent_rows(session: Session, case: Case) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for c in session.scalars(select(Consent).where(Consent.case_id == case.id).order_by(Consent.number)):
        prefix = f"{_L['consent']} {c.number}"
        out += [(f"{prefix}: {_L['valid']}", f"{_text(c.valid_from)} – {_text(c.valid_to)}"),
                (f"{prefix}: {_L['may_share']}", _text(c.may_share)),
                # "nej" to what must not be shared is stored as nothing; the chat said "inget särskilt".
                (f"{prefix}: {_L['must_not_share']}", c.must_not_share or consent_policy().texts["nothing_excluded"])]
        # A young person who gave it themself has no separate view (actions/consent.py).
        if c.child_view is not None or not any(g.role == YOUNG_PERSON for g in c.givers):
            out.append((f"{prefix}: {_L['child_view']}", _text(c.child_view)))
        out.append((f"{prefix}: {_L['form']}", consent_policy().forms.get(c.form, _text(c.form))))
        # "(en vårdnadshavare samtycker)" as in the chat's summary (verification round, session 35).
        note = one_guardian_note(c.givers)
        out += [(f"{prefix}: {_L['giver']}", describe_givers([g]) + note) for g in c.givers]
        out += [(f"{prefix}: {_L['party']}", _text(p.name)) for p in c.parties]
        if c.withdrawn_at is not None:
            out.append((f"{prefix}: {_L['withdrawn']}", _text(c.withdrawn_at)))
    return out


def _consent_state(session: Session, request: SipRequest) -> str:
    """The request's own answer on samtycke; when it was missing and a samtycke came later, that too."""
    state = _label(request.consent)
    if request.consent != "saknas":
        return state
    later = session.scalars(select(Consent.number).where(
        Consent.case_id == request.case_id, Consent.recorded_at >= request.created_at).order_by(Consent.number)).first()
    return state if later is None else f"{state}; {_L['consent_given_later'].format(number=later)}"


def _request_rows(session: Session, case: Case) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for r in session.scalars(select(SipRequest).where(SipRequest.case_id == case.id).order_by(SipRequest.id)):
        prefix = f"{_L['request']} {_text(r.created_at)}"
        out += [(f"{prefix}: {_L['organisation']}", request_rules.organisation_name(r.organisation_id,
                                                                                   r.organisation_id)),
                (f"{prefix}: {_L['kind']}", _label(r.kind)),
                (f"{prefix}: {_L['noticed_by']}", _label(r.noticed_by)),
                (f"{prefix}: {_L['requester_role']}", _label(r.requester_role)),
                (f"{prefix}: {_L['child_name']}", _text(r.child_name)),
                # The person's own data, shown after reference and code: in full.
                (f"{prefix}: {_L['child_personnummer']}", _text(r.child_personnummer)),
                (f"{prefix}: {_L['child_age']}", _text(r.child_age)),
                (f"{prefix}: {_L['sides']}", _label(r.sides)),
                (f"{prefix}: {_L['needs']}", _text(r.needs)),
                (f"{prefix}: {_L['contact_name']}", _text(r.contact_name)),
                (f"{prefix}: {_L['contact_phone']}", _text(r.contact_phone)),
                (f"{prefix}: {_L['contact_preference']}", _label(r.contact_preference))]
        # Asked only with a phone call: "passar bäst (inget svar)" after sms named a question never asked
        # (persona round, session 36). Nothing stored, nothing to show.
        if r.contact_time is not None:
            out.append((f"{prefix}: {_L['contact_time']}", _text(r.contact_time)))
        out += [(f"{prefix}: {_L['consent_state']}", _consent_state(session, r)),
                (f"{prefix}: {_L['status']}", _label(r.status))]
    return out


EXPORT_SECTIONS.extend([
    ExportSection("consents", _consent_rows),
    ExportSection("sip_requests", _request_rows),
])
