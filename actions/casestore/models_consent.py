"""Consent tables (issue #4). A consent is never edited or deleted by the person: a new party
means a new consent, and withdrawal only sets `withdrawn_at`. Free text is EncryptedText."""
from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import relationship

from actions.casestore.crypto import EncryptedText
from actions.casestore.models import Base, utcnow


class Consent(Base):
    __tablename__ = "consents"
    __table_args__ = (UniqueConstraint("case_id", "number"),)

    id = Column(Integer, primary_key=True)
    case_id = Column(Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True)
    number = Column(Integer, nullable=False)  # 1, 2, … within the case: what the person picks from
    under_adult_age = Column(Boolean, nullable=False)
    child_view = Column(EncryptedText, nullable=True)  # the child's own view, recorded apart from the consent
    may_share = Column(EncryptedText, nullable=False)
    must_not_share = Column(EncryptedText, nullable=True)
    valid_from = Column(Date, nullable=False)
    valid_to = Column(Date, nullable=False)
    form = Column(String(16), nullable=False)  # skriftligt | muntligt
    recorded_via = Column(String(16), nullable=False, default="chat")
    recorded_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    confirmed_at = Column(DateTime(timezone=True), nullable=True)  # set by staff at the förmöte
    withdrawn_at = Column(DateTime(timezone=True), nullable=True)

    givers = relationship("ConsentGiver", cascade="all, delete-orphan", order_by="ConsentGiver.position",
                          passive_deletes=True)
    parties = relationship("ConsentParty", cascade="all, delete-orphan", order_by="ConsentParty.position",
                           passive_deletes=True)


class ConsentGiver(Base):
    """One person who gives the consent: each guardian is a row of their own."""

    __tablename__ = "consent_givers"

    id = Column(Integer, primary_key=True)
    consent_id = Column(Integer, ForeignKey("consents.id", ondelete="CASCADE"), nullable=False, index=True)
    position = Column(Integer, nullable=False)
    role = Column(String(32), nullable=False)  # ung | vardnadshavare | foretradare
    representative_kind = Column(String(32), nullable=True)  # fullmakt, god_man, … for a foretradare
    name = Column(EncryptedText, nullable=True)


class ConsentParty(Base):
    """An organisation or function the consent covers, as the person named it."""

    __tablename__ = "consent_parties"

    id = Column(Integer, primary_key=True)
    consent_id = Column(Integer, ForeignKey("consents.id", ondelete="CASCADE"), nullable=False, index=True)
    position = Column(Integer, nullable=False)
    name = Column(EncryptedText, nullable=False)
    organisation_type = Column(String(32), nullable=True)  # id from knowledge/organisation_types.yml
