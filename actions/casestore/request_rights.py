"""Deleting a case whose SIP requests were delivered: the organisations are told they are withdrawn.

Registers a before-delete hook (actions/casestore/rights.py) that leaves a withdrawal notice,
with no personal data, for each request the organisation may hold; the delivery worker
(actions/request_delivery.py) sends them. A retention rule deletes notices once delivered.
"""
from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.orm import Session

from actions import request_rules
from actions.casestore import request_store, rights
from actions.casestore.models import Case
from actions.casestore.models_request import WithdrawalNotice
from actions.casestore.retention import RETENTION_RULES, RetentionContext, RetentionRule


def join_names(names: list[str]) -> str:
    """Names as a Swedish list: A / A och B / A, B och C."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {rights.TEXTS['withdrawal_notice']['and']} {names[-1]}"


def withdraw_delivered_requests(session: Session, case: Case) -> str | None:
    org_ids = request_store.add_withdrawal_notices(session, case.id)
    if not org_ids:
        return None
    texts = rights.TEXTS["withdrawal_notice"]
    names = [request_rules.organisation_name(org_id, org_id) for org_id in dict.fromkeys(org_ids)]  # once each, in order
    return texts["one" if len(org_ids) == 1 else "many"].format(organisations=join_names(names))


def purge_delivered_withdrawal_notices(ctx: RetentionContext) -> int:
    """A delivered notice has no further use."""
    if ctx.case_store is None:
        return 0
    with ctx.case_store.session() as session:
        result = session.execute(delete(WithdrawalNotice).where(WithdrawalNotice.delivered_at.isnot(None))
                                 .execution_options(synchronize_session=False))
        return result.rowcount


def register() -> None:
    if withdraw_delivered_requests not in rights.BEFORE_DELETE_HOOKS:
        rights.BEFORE_DELETE_HOOKS.append(withdraw_delivered_requests)
    if all(rule.run is not purge_delivered_withdrawal_notices for rule in RETENTION_RULES):
        RETENTION_RULES.append(RetentionRule("delivered withdrawal notices", purge_delivered_withdrawal_notices))


register()
