"""SIP requests (issue 5) and their outbox. Personal data and free text are EncryptedText."""
from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, Integer, String

from actions.casestore.crypto import EncryptedText
from actions.casestore.models import Base, utcnow

RECEIVED, HANDLED, WITHDRAWN = "received", "handled", "withdrawn"


class SipRequest(Base):
    """A request for a SIP addressed to one organisation in knowledge/organisations.yml."""

    __tablename__ = "sip_requests"

    id = Column(Integer, primary_key=True)
    case_id = Column(Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True)
    organisation_id = Column(String(64), nullable=False, index=True)
    requester_role = Column(String(32), nullable=False)  # vardnadshavare | ung
    child_age = Column(Integer, nullable=True)  # given, or worked out from the personnummer
    kind = Column(String(16), nullable=True)  # ny | uppfoljning (null: made before 0007)
    noticed_by = Column(String(16), nullable=True)  # request_rules.NOTICED_BY
    child_name = Column(EncryptedText, nullable=True)  # null when not given or with skyddad identitet
    child_personnummer = Column(EncryptedText, nullable=True)  # "YYYYMMDD-XXXX"; optional
    sides = Column(String(16), nullable=False)  # bada | kommun | region | vet_inte
    needs = Column(EncryptedText, nullable=True)
    contact_name = Column(EncryptedText, nullable=True)
    contact_phone = Column(EncryptedText, nullable=True)
    contact_preference = Column(String(16), nullable=False, default="telefon")
    contact_time = Column(EncryptedText, nullable=True)  # when to call, in the person's words (0008)
    consent = Column(String(8), nullable=False)  # finns | saknas; the consent feature links by case
    status = Column(String(16), nullable=False, default=RECEIVED)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)


class RequestOutbox(Base):
    """Written in the same transaction as the request, so a stored request is never left undelivered."""

    __tablename__ = "sip_request_outbox"

    id = Column(Integer, primary_key=True)
    request_id = Column(Integer, ForeignKey("sip_requests.id", ondelete="CASCADE"), nullable=False, unique=True)
    organisation_id = Column(String(64), nullable=False)
    attempts = Column(Integer, nullable=False, default=0)
    last_attempt_at = Column(DateTime(timezone=True), nullable=True)
    delivered_at = Column(DateTime(timezone=True), nullable=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)


class WithdrawalNotice(Base):
    """Tells an organisation that a request it received is withdrawn, after its case was deleted.

    No personal data, and request_id is no foreign key: the row outlives the request and its case.
    """

    __tablename__ = "sip_request_withdrawal_notices"

    id = Column(Integer, primary_key=True)
    request_id = Column(Integer, nullable=False)
    organisation_id = Column(String(64), nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    attempts = Column(Integer, nullable=False, default=0)
    last_attempt_at = Column(DateTime(timezone=True), nullable=True)
    delivered_at = Column(DateTime(timezone=True), nullable=True)
