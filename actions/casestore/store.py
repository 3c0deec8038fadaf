"""Repository over the case store tables (SQLAlchemy 2.0-style API on 1.4)."""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Iterator

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from sqlalchemy import create_engine, event, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from actions import settings as settings_module
from actions.casestore import references
from actions.casestore.crypto import EncryptedText, build_cipher
from actions.casestore.models import Case, PreparationAnswer

_hasher = PasswordHasher()


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
        EncryptedText.cipher = build_cipher(self.settings)
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

    def save_answer(self, reference: str, question_key: str, answer: str | None, answered_by: str) -> int:
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
                                        answered_by=answered_by, version=1)
                session.add(row)
            else:
                row.answer, row.answered_by, row.version = answer, answered_by, row.version + 1
            session.flush()
            return row.version

    def answers(self, reference: str) -> dict[str, str | None]:
        with self.session() as session:
            rows = session.execute(
                select(PreparationAnswer.question_key, PreparationAnswer.answer)
                .join(Case)
                .where(Case.reference == reference)
            ).all()
            return {key: answer for key, answer in rows}
