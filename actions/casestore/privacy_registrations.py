"""Registers the other features' case store tables with retention and people's rights.

- Retention: a case with a confirmed preparation, a consent or a SIP request is not an
  unconfirmed draft, so the draft rule never deletes it.
- Rights: consents and SIP requests are part of "everything stored
  about my case" on /mina-uppgifter.

A feature may move its own registration into its module later; this module only appends.
"""
from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from actions import request_rules
from actions.casestore.models import Case, PreparationStatus
from actions.casestore.models_consent import Consent
from actions.casestore.models_request import SipRequest
from actions.casestore.retention import CONFIRMED_CASE_CONDITIONS
from actions.casestore.rights import EXPORT_SECTIONS, TEXTS, ExportSection

CONFIRMED_CASE_CONDITIONS.extend([
    lambda: exists().where(PreparationStatus.case_id == Case.id, PreparationStatus.completed_at.isnot(None)),
    lambda: exists().where(Consent.case_id == Case.id),
    lambda: exists().where(SipRequest.case_id == Case.id),
])

_L = TEXTS["labels"]


def _text(value) -> str:
    if value is None:
        return TEXTS["no_answer"]
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d %H:%M") if hasattr(value, "hour") else value.strftime("%Y-%m-%d")
    return str(value)


def _consent_rows(session: Session, case: Case) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for c in session.scalars(select(Consent).where(Consent.case_id == case.id).order_by(Consent.number)):
        prefix = f"{_L['consent']} {c.number}"
        out += [(f"{prefix}: {_L['valid']}", f"{_text(c.valid_from)} – {_text(c.valid_to)}"),
                (f"{prefix}: {_L['may_share']}", _text(c.may_share)),
                (f"{prefix}: {_L['must_not_share']}", _text(c.must_not_share)),
                (f"{prefix}: {_L['child_view']}", _text(c.child_view)),
                (f"{prefix}: {_L['form']}", _text(c.form))]
        out += [(f"{prefix}: {_L['giver']}", f"{g.role} {_text(g.name)}") for g in c.givers]
        out += [(f"{prefix}: {_L['party']}", _text(p.name)) for p in c.parties]
        if c.withdrawn_at is not None:
            out.append((f"{prefix}: {_L['withdrawn']}", _text(c.withdrawn_at)))
    return out


def _request_rows(session: Session, case: Case) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for r in session.scalars(select(SipRequest).where(SipRequest.case_id == case.id).order_by(SipRequest.id)):
        prefix = f"{_L['request']} {_text(r.created_at)}"
        out += [(f"{prefix}: {_L['organisation']}", r.organisation_id),
                (f"{prefix}: {_L['kind']}", request_rules.label_text(r.kind) if r.kind else _text(None)),
                (f"{prefix}: {_L['noticed_by']}",
                 request_rules.label_text(r.noticed_by) if r.noticed_by else _text(None)),
                (f"{prefix}: {_L['child_name']}", _text(r.child_name)),
                # The person's own data, shown after reference and code: in full.
                (f"{prefix}: {_L['child_personnummer']}", _text(r.child_personnummer)),
                (f"{prefix}: {_L['needs']}", _text(r.needs)),
                (f"{prefix}: {_L['contact_name']}", _text(r.contact_name)),
                (f"{prefix}: {_L['contact_phone']}", _text(r.contact_phone)),
                (f"{prefix}: {_L['status']}", r.status)]
    return out


EXPORT_SECTIONS.extend([
    ExportSection("consents", _consent_rows),
    ExportSection("sip_requests", _request_rows),
])
