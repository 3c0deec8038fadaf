"""Retention for consents: an ended consent stays as a record, without its free text.

A consent that expired or was withdrawn more than SIP_CONSENT_TEXT_RETENTION_DAYS ago
(default 30) keeps who it covered, its dates and its status (staff and the person can still
see that it existed and when it ended), but what may and may not be shared, the child's own
view and the givers' names are removed. Registered in RETENTION_RULES at import time
(actions.casestore.retention.load_feature_modules imports this module).
"""
from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from actions.casestore.models_consent import Consent
from actions.casestore.retention import RETENTION_RULES, RetentionContext, RetentionRule

REMOVED = ""  # may_share is required; an empty text marks it removed


def _has_free_text(consent: Consent) -> bool:
    return bool(consent.may_share or consent.must_not_share or consent.child_view
                or any(g.name for g in consent.givers))


def strip_ended_consents(ctx: RetentionContext) -> int:
    """Blank the free text of consents that ended long enough ago; returns how many changed."""
    if ctx.case_store is None:
        return 0
    cutoff = ctx.cutoff(ctx.settings.consent_text_retention_days)
    if ctx.case_store.engine.dialect.name == "sqlite":  # SQLite keeps naive UTC
        withdrawn_cutoff = cutoff.replace(tzinfo=None)
    else:
        withdrawn_cutoff = cutoff
    changed = 0
    with ctx.case_store.session() as session:
        ended = session.scalars(
            select(Consent).options(selectinload(Consent.givers))
            .where(or_(Consent.valid_to < cutoff.date(), Consent.withdrawn_at < withdrawn_cutoff))).all()
        for consent in ended:
            if not _has_free_text(consent):
                continue
            consent.may_share, consent.must_not_share, consent.child_view = REMOVED, None, None
            for giver in consent.givers:
                giver.name = None
            changed += 1
    return changed


def register() -> None:
    if all(rule.run is not strip_ended_consents for rule in RETENTION_RULES):
        RETENTION_RULES.append(RetentionRule("free text of ended consents", strip_ended_consents))


register()
