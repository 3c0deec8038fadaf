"""Staff portal tables: accounts, the organisations a case is opened to, and the audit log.

A staff account belongs to one organisation (an id from knowledge/organisations.yml). A case
is visible to an organisation only through a link: a SIP request addressed to it, or the
person handing the case's reference and code to that organisation (`case_links`).
"""
from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String, UniqueConstraint

from actions.casestore.models import Base, utcnow


class StaffAccount(Base):
    __tablename__ = "staff_accounts"

    id = Column(Integer, primary_key=True)
    organisation_id = Column(String(64), nullable=False, index=True)
    username = Column(String(64), nullable=False, unique=True)
    # argon2id hash; NULL for an account that logs in through an external identity provider.
    password_hash = Column(String(256), nullable=True)
    role = Column(String(32), nullable=False, default="handlaggare")
    active = Column(Boolean, nullable=False, default=True)
    # Bumped at logout and deactivation: every session issued before is no longer accepted.
    session_epoch = Column(Integer, nullable=False, default=0)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)


class CaseLink(Base):
    """A case opened to an organisation because the person gave it the reference and code."""

    __tablename__ = "case_links"
    __table_args__ = (UniqueConstraint("case_id", "organisation_id"),)

    id = Column(Integer, primary_key=True)
    case_id = Column(Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True)
    organisation_id = Column(String(64), nullable=False, index=True)
    linked_by = Column(Integer, ForeignKey("staff_accounts.id"), nullable=True)
    linked_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)


class AuditEntry(Base):
    """Who did what with which case, when. No foreign key to cases: the entry outlives a deleted case."""

    __tablename__ = "staff_audit_log"

    id = Column(Integer, primary_key=True)
    at = Column(DateTime(timezone=True), nullable=False, default=utcnow, index=True)
    account_id = Column(Integer, nullable=True)
    username = Column(String(64), nullable=False)
    organisation_id = Column(String(64), nullable=False)
    action = Column(String(32), nullable=False)  # read_case | print_case | confirm_consent | link_case | ...
    case_reference = Column(String(16), nullable=True, index=True)
    detail = Column(String(128), nullable=True)
