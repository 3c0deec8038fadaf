"""Retention: deletes what is kept longer than its period. `make purge` runs every rule once.

Rules live in RETENTION_RULES, so each feature registers its own (e.g. the consent feature
blanks the free text of expired consents) without changing this module:

    from actions.casestore.retention import RETENTION_RULES, RetentionRule
    RETENTION_RULES.append(RetentionRule("expired consents", my_rule))

A rule gets a RetentionContext and returns how many rows it deleted or changed.

Built-in rules:
- conversation events (Rasa's tracker store) older than SIP_CONVERSATION_RETENTION_DAYS;
- unconfirmed drafts: cases with no activity for SIP_DRAFT_RETENTION_DAYS and nothing that
  makes them confirmed. A feature whose rows confirm a case (e.g. a sent SIP request) adds
  a condition to CONFIRMED_CASE_CONDITIONS; deleting a case cascades to its child rows;
- inactive cases: any case, confirmed or not, with no activity for SIP_CASE_RETENTION_DAYS and
  no consent still in force or upcoming (purge_inactive_cases). Without it a confirmed case
  whose code was lost stayed for ever, since nobody could delete it (persona round, session 34).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

from sqlalchemy import delete, exists, or_, select
from sqlalchemy.engine import Engine

from actions.casestore.models import Case, PreparationAnswer, PreparationStatus
from actions.casestore.models_consent import Consent
from actions.casestore.models_request import RequestOutbox, SipRequest
from actions.casestore.models_staff import CaseLink
from actions.local_time import local
from actions.casestore.store import CaseStore
from actions.settings import Settings

logger = logging.getLogger(__name__)


@dataclass
class RetentionContext:
    now: datetime
    settings: Settings
    case_store: CaseStore | None
    tracker_engine: Engine | None

    def cutoff(self, days: int) -> datetime:
        return self.now - timedelta(days=days)


@dataclass(frozen=True)
class RetentionRule:
    name: str
    run: Callable[[RetentionContext], int]


# Each returns an SQL condition (on Case) that is true when the case is confirmed and so is
# not a draft, e.g. `lambda: exists().where(SipRequest.case_id == Case.id)`.
CONFIRMED_CASE_CONDITIONS: list[Callable[[], Any]] = []


def purge_conversation_events(ctx: RetentionContext) -> int:
    from channels.tracker_events import delete_events_before

    if ctx.tracker_engine is None:
        return 0
    return delete_events_before(ctx.tracker_engine, ctx.cutoff(ctx.settings.conversation_retention_days).timestamp())


def purge_unconfirmed_drafts(ctx: RetentionContext) -> int:
    if ctx.case_store is None:
        return 0
    cutoff = ctx.cutoff(ctx.settings.draft_retention_days)
    # SQLite gives stored times back without their offset: compare in naive UTC there.
    if ctx.case_store.engine.dialect.name == "sqlite":
        cutoff = cutoff.astimezone(timezone.utc).replace(tzinfo=None)
    recent_answer = (select(PreparationAnswer.case_id)
                     .where(PreparationAnswer.updated_at >= cutoff))
    conditions = [Case.created_at >= cutoff, Case.id.in_(recent_answer),
                  *(condition() for condition in CONFIRMED_CASE_CONDITIONS)]
    with ctx.case_store.session() as session:
        result = session.execute(delete(Case).where(~or_(*conditions)).execution_options(synchronize_session=False))
        return result.rowcount


def _stored_time(ctx: RetentionContext, moment: datetime) -> datetime:
    # SQLite gives stored times back without their offset: compare in naive UTC there.
    if ctx.case_store is not None and ctx.case_store.engine.dialect.name == "sqlite":
        return moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment


def purge_inactive_cases(ctx: RetentionContext) -> int:
    """Delete whole cases nobody has used for SIP_CASE_RETENTION_DAYS, unless a consent in them is
    still in force or starts later. Activity: the case created, an answer changed, the preparation
    confirmed, a consent recorded, confirmed by staff or withdrawn, a SIP request made or it (or its
    withdrawal) delivered, the case opened to an organisation. sip_requests has no time of change:
    a withdrawal shows only as its delivery in the outbox. The feature tables are named here, not
    registered by the features: a run without load_feature_modules() must not lose a consent in force.
    No before-delete hooks: the organisations keep what they received (their allmän handling), and
    this is not a withdrawal to tell them of."""
    if ctx.case_store is None:
        return 0
    cutoff = _stored_time(ctx, ctx.cutoff(ctx.settings.case_retention_days))
    # Consent dates are Swedish calendar days (actions/consent_rules.py status()).
    today = local(ctx.now).date()
    kept = [
        Case.created_at >= cutoff,
        exists().where(PreparationAnswer.case_id == Case.id, PreparationAnswer.updated_at >= cutoff),
        exists().where(PreparationStatus.case_id == Case.id, PreparationStatus.updated_at >= cutoff),
        exists().where(Consent.case_id == Case.id, or_(Consent.recorded_at >= cutoff, Consent.confirmed_at >= cutoff,
                                                      Consent.withdrawn_at >= cutoff)),
        # In force or upcoming: the consent is the reason the case exists, however old it is.
        exists().where(Consent.case_id == Case.id, Consent.withdrawn_at.is_(None), Consent.valid_to >= today),
        exists().where(SipRequest.case_id == Case.id, SipRequest.created_at >= cutoff),
        exists().where(SipRequest.case_id == Case.id, RequestOutbox.request_id == SipRequest.id,
                       RequestOutbox.delivered_at >= cutoff),
        exists().where(CaseLink.case_id == Case.id, CaseLink.linked_at >= cutoff),
    ]
    with ctx.case_store.session() as session:
        result = session.execute(delete(Case).where(~or_(*kept)).execution_options(synchronize_session=False))
        return result.rowcount


RETENTION_RULES: list[RetentionRule] = [
    RetentionRule("conversation events", purge_conversation_events),
    RetentionRule("unconfirmed drafts", purge_unconfirmed_drafts),
    RetentionRule("inactive cases", purge_inactive_cases),
]


def run_all(ctx: RetentionContext) -> dict[str, int]:
    """Run every registered rule; returns rows affected per rule. A failing rule does not stop the others."""
    results: dict[str, int] = {}
    for rule in RETENTION_RULES:
        try:
            results[rule.name] = rule.run(ctx)
        except Exception:  # noqa: BLE001 - report it and go on with the next rule
            logger.exception("Retention rule %r failed", rule.name)
            results[rule.name] = -1
    return results


def load_feature_modules() -> None:
    """Import every module of the case store package, so the rules features register at
    import time are in RETENTION_RULES (and their hooks in actions.casestore.rights)."""
    import importlib
    import pkgutil

    import actions.casestore as package

    for module in pkgutil.iter_modules(package.__path__):
        if module.name not in ("migrate", "migrations") and not module.ispkg:
            importlib.import_module(f"{package.__name__}.{module.name}")


def main() -> int:
    import argparse
    import time

    import sqlalchemy as sa

    from actions import settings as settings_module
    from channels.tracker_events import url_from_endpoints

    parser = argparse.ArgumentParser(description="Delete data past its retention period.")
    parser.add_argument("--every", type=float, default=0,
                        help="repeat every N hours (for the periodic job); default: run once")
    parser.add_argument("--endpoints", default=None, help="Rasa endpoints file (default: $SIP_ENDPOINTS)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s - %(message)s")
    load_feature_modules()
    cfg = settings_module.load()
    tracker_url = url_from_endpoints(args.endpoints)
    tracker_engine = sa.create_engine(tracker_url) if tracker_url is not None else None
    store = CaseStore(cfg)
    failed = False
    while True:
        results = run_all(RetentionContext(datetime.now(timezone.utc), cfg, store, tracker_engine))
        failed = any(n < 0 for n in results.values())
        logger.info("Retention: %s", ", ".join(f"{name}: {n}" for name, n in results.items()))
        if not args.every:
            break
        time.sleep(args.every * 3600)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
