"""Repository over the case store tables (SQLAlchemy 2.0-style API on 1.4)."""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Iterator

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from sqlalchemy import create_engine, delete, event, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from actions import settings as settings_module
from actions.casestore import references
from actions.casestore.crypto import EncryptedText, build_cipher
from actions.casestore.models import Case, PreparationAnswer, PreparationAnswerHistory, PreparationStatus

# argon2id with OWASP's first recommended setting (Password Storage Cheat Sheet: m=19 MiB, t=2,
# p=1), not argon2-cffi's default (64 MiB, t=3, p=4): about 20 ms of one core instead of 140 ms
# of both, which a school's worth of pupils creating cases at once stalled the action server on
# (docs/production.md). Hashes made with other parameters still verify; the trade-off is in
# docs/privacy.md.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


@dataclass(frozen=True)
class StoredAnswer:
    answer: str | None  # None: skipped
    answered_by: str
    version: int
    organisations: str | None = None  # organisation type ids the answer names, "elevhalsa,bup"


@dataclass(frozen=True)
class NewCase:
    reference: str
    code: str  # shown to the person once, stored only as a hash


class CodeCheck:
    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"
    UNKNOWN = "unknown"


def make_engine(url: str) -> Engine:
    engine = create_engine(url, future=True, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # foreign keys are off by default
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()
    return engine


class CaseStore:
    def __init__(self, cfg: settings_module.Settings | None = None) -> None:
        self.settings = cfg or settings_module.load()
        if self.settings.database_url.startswith("sqlite:///"):
            self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        self.cipher = EncryptedText.cipher = build_cipher(self.settings)
        self.engine = make_engine(self.settings.database_url)
        self._sessions = sessionmaker(self.engine, future=True, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    def create_case(self) -> NewCase:
        code = references.new_code()
        with self.session() as session:
            while True:  # a clash is astronomically rare, but cheap to rule out
                reference = references.new_reference()
                if session.scalar(select(Case.id).where(Case.reference == reference)) is None:
                    break
            session.add(Case(reference=reference, code_hash=_hasher.hash(code)))
        return NewCase(reference, code)

    def has_case(self, reference: str) -> bool:
        with self.session() as session:
            return session.scalar(select(Case.id).where(Case.reference == reference)) is not None

    def check_code(self, reference: str, code: str, now: datetime | None = None) -> str:
        # Compare in UTC: SQLite drops the offset of stored times and gives them back naive.
        now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
        with self.session() as session:
            case = session.scalar(select(Case).where(Case.reference == reference))
            if case is None:
                return CodeCheck.UNKNOWN
            locked_until = case.locked_until
            if locked_until is not None and locked_until.tzinfo is None:
                locked_until = locked_until.replace(tzinfo=timezone.utc)
            if locked_until is not None and locked_until > now:
                return CodeCheck.LOCKED
            try:
                _hasher.verify(case.code_hash, code)
            except VerificationError:
                case.failed_attempts += 1
                if case.failed_attempts >= self.settings.code_attempts:
                    case.failed_attempts = 0
                    case.locked_until = now + timedelta(minutes=self.settings.code_lockout_minutes)
                    return CodeCheck.LOCKED
                return CodeCheck.WRONG
            case.failed_attempts = 0
            case.locked_until = None
            return CodeCheck.OK

    def save_answer(self, reference: str, question_key: str, answer: str | None, answered_by: str,
                    organisations: str | None = None) -> int:
        """Save (or replace) one preparation answer; returns its version number."""
        with self.session() as session:
            case = session.scalar(select(Case).where(Case.reference == reference))
            if case is None:
                raise KeyError(reference)
            row = session.scalar(
                select(PreparationAnswer).where(
                    PreparationAnswer.case_id == case.id, PreparationAnswer.question_key == question_key
                )
            )
            if row is None:
                row = PreparationAnswer(case=case, question_key=question_key, answer=answer,
                                        answered_by=answered_by, version=1, organisations=organisations)
                session.add(row)
            else:
                # The version being replaced is kept, so edits can be followed.
                session.add(PreparationAnswerHistory(answer_id=row.id, version=row.version, answer=row.answer,
                                                     answered_by=row.answered_by, answered_at=row.updated_at))
                row.answer, row.answered_by, row.version = answer, answered_by, row.version + 1
                row.organisations = organisations
            session.flush()
            return row.version

    def remove_answer(self, reference: str, question_key: str, answered_by: str) -> None:
        """The person's "ta bort fråga N": the answer is emptied and its earlier versions' texts go too.
        Only changes keep them; a removed answer stayed readable there as "version 1" (persona round,
        session 29). The version number still counts the edits."""
        self.save_answer(reference, question_key, None, answered_by)
        with self.session() as session:
            answer_id = session.scalar(
                select(PreparationAnswer.id).join(Case)
                .where(Case.reference == reference, PreparationAnswer.question_key == question_key))
            session.execute(delete(PreparationAnswerHistory).where(PreparationAnswerHistory.answer_id == answer_id))

    def remove_history(self, reference: str) -> int:
        """The person's "ta bort gamla versioner": every earlier version of every answer goes; the
        answers as they are now stay. Returns how many versions were deleted."""
        with self.session() as session:
            answer_ids = select(PreparationAnswer.id).join(Case).where(Case.reference == reference)
            result = session.execute(delete(PreparationAnswerHistory)
                                     .where(PreparationAnswerHistory.answer_id.in_(answer_ids))
                                     .execution_options(synchronize_session=False))
            return result.rowcount

    def answers(self, reference: str) -> dict[str, str | None]:
        with self.session() as session:
            rows = session.execute(
                select(PreparationAnswer.question_key, PreparationAnswer.answer)
                .join(Case)
                .where(Case.reference == reference)
            ).all()
            return {key: answer for key, answer in rows}

    def preparation_answers(self, reference: str) -> dict[str, StoredAnswer]:
        """Every stored preparation answer with who gave it and how often it was changed."""
        with self.session() as session:
            rows = session.execute(
                select(PreparationAnswer.question_key, PreparationAnswer.answer, PreparationAnswer.answered_by,
                       PreparationAnswer.version, PreparationAnswer.organisations)
                .join(Case)
                .where(Case.reference == reference)
            ).all()
            return {key: StoredAnswer(answer, by, version, orgs) for key, answer, by, version, orgs in rows}

    def set_preparation_completed(self, reference: str, completed: bool, now: datetime | None = None) -> None:
        with self.session() as session:
            case = session.scalar(select(Case).where(Case.reference == reference))
            if case is None:
                raise KeyError(reference)
            status = session.get(PreparationStatus, case.id)
            if status is None:
                status = PreparationStatus(case_id=case.id)
                session.add(status)
            status.completed_at = (now or datetime.now(timezone.utc)) if completed else None
            if status.first_completed_at is None:
                status.first_completed_at = status.completed_at
            status.updated_at = datetime.now(timezone.utc)

    def preparation_completed_at(self, reference: str) -> datetime | None:
        with self.session() as session:
            return session.scalar(
                select(PreparationStatus.completed_at).join(Case, Case.id == PreparationStatus.case_id)
                .where(Case.reference == reference)
            )

    def answer_history(self, reference: str, question_key: str) -> list[StoredAnswer]:
        """Earlier versions of one answer, oldest first (the current one is in preparation_answers)."""
        with self.session() as session:
            rows = session.execute(
                select(PreparationAnswerHistory.answer, PreparationAnswerHistory.answered_by,
                       PreparationAnswerHistory.version)
                .join(PreparationAnswer, PreparationAnswer.id == PreparationAnswerHistory.answer_id)
                .join(Case)
                .where(Case.reference == reference, PreparationAnswer.question_key == question_key)
                .order_by(PreparationAnswerHistory.version)
            ).all()
            return [StoredAnswer(answer, by, version) for answer, by, version in rows]
