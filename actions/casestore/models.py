"""Case store tables. Free text and personal data are EncryptedText columns."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import declarative_base, relationship

from actions.casestore.crypto import EncryptedText

Base = declarative_base()


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Case(Base):
    """One person's case, reached with its reference and secret code."""

    __tablename__ = "cases"

    id = Column(Integer, primary_key=True)
    reference = Column(String(16), nullable=False, unique=True)
    code_hash = Column(String(128), nullable=False)
    failed_attempts = Column(Integer, nullable=False, default=0)
    locked_until = Column(DateTime(timezone=True), nullable=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)

    preparation_answers = relationship(
        "PreparationAnswer", back_populates="case", cascade="all, delete-orphan",
        order_by="PreparationAnswer.question_key",
    )


class PreparationAnswer(Base):
    """The current answer to one preparation question; edits overwrite and bump `version`."""

    __tablename__ = "preparation_answers"
    __table_args__ = (UniqueConstraint("case_id", "question_key"),)

    id = Column(Integer, primary_key=True)
    case_id = Column(Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False)
    question_key = Column(String(64), nullable=False)
    answer = Column(EncryptedText, nullable=True)
    answered_by = Column(String(32), nullable=False)
    version = Column(Integer, nullable=False, default=1)
    updated_at = Column(DateTime(timezone=True), nullable=False, default=utcnow, onupdate=utcnow)
    # Organisation type ids the answer names ("elevhalsa,bup"): no personal data, so not encrypted.
    organisations = Column(String(200), nullable=True)

    case = relationship("Case", back_populates="preparation_answers")


class PreparationStatus(Base):
    """Whether the person confirmed their preparation; a later edit clears completed_at until they
    confirm again. first_completed_at stays: a case once confirmed is never an unconfirmed draft."""

    __tablename__ = "preparation_status"

    case_id = Column(Integer, ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    completed_at = Column(DateTime(timezone=True), nullable=True)
    first_completed_at = Column(DateTime(timezone=True), nullable=True)
    updated_at = Column(DateTime(timezone=True), nullable=False, default=utcnow, onupdate=utcnow)


class PreparationAnswerHistory(Base):
    """An earlier version of a preparation answer, kept when it is changed (encrypted like the answer)."""

    __tablename__ = "preparation_answer_history"

    id = Column(Integer, primary_key=True)
    answer_id = Column(Integer, ForeignKey("preparation_answers.id", ondelete="CASCADE"), nullable=False, index=True)
    version = Column(Integer, nullable=False)
    answer = Column(EncryptedText, nullable=True)
    answered_by = Column(String(32), nullable=False)
    answered_at = Column(DateTime(timezone=True), nullable=False)
