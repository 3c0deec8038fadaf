"""Fixtures for the case store tests: a real database on SQLite (always) and PostgreSQL (when reachable)."""
from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from actions.casestore import migrate
from actions.casestore.store import CaseStore
from actions.settings import Settings

PG_HOST, PG_PORT = "127.0.0.1", 5432
PG_USERS = ("postgres", "root")


def _pg_connect(dbname: str, user: str | None = None):
    import psycopg2

    error: Exception | None = None
    for candidate in (user,) if user else PG_USERS:
        try:
            return psycopg2.connect(host=PG_HOST, port=PG_PORT, user=candidate, dbname=dbname, connect_timeout=3), candidate
        except psycopg2.OperationalError as exc:
            error = exc
    raise error


@pytest.fixture(scope="session")
def postgres_database():
    """A uniquely named, migrated database for this test session; dropped afterwards."""
    try:
        admin, user = _pg_connect("postgres")
    except Exception as exc:  # noqa: BLE001 - any failure to connect means "not available here"
        pytest.skip(f"PostgreSQL is not reachable at {PG_HOST}:{PG_PORT} with trust auth (users {PG_USERS}): {exc}")
    admin.autocommit = True
    name = f"sip_test_{uuid.uuid4().hex[:12]}"
    with admin.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{name}"')
    url = f"postgresql+psycopg2://{user}@{PG_HOST}:{PG_PORT}/{name}"
    try:
        migrate.upgrade(url)
        yield url, name, user
    finally:
        with admin.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@dataclass
class Backend:
    """One migrated database plus ways to open stores on it and read it raw (bypassing SQLAlchemy)."""

    name: str
    url: str
    tmp_path: Path
    _raw_reader: object
    _opened: list

    def settings(self, **overrides) -> Settings:
        base = Settings(
            database_url=self.url,
            data_dir=self.tmp_path / "data",
            key_file=self.tmp_path / "secrets" / "casestore.key",
            encryption_keys=(),
            code_attempts=3,
            code_lockout_minutes=15,
        )
        return replace(base, **overrides)

    def open_store(self, **overrides) -> CaseStore:
        store = CaseStore(self.settings(**overrides))
        self._opened.append(store)
        return store

    def raw(self, sql: str) -> list[tuple]:
        return self._raw_reader(sql)


def _sqlite_reader(path: Path):
    def read(sql: str) -> list[tuple]:
        with sqlite3.connect(path) as conn:
            return conn.execute(sql).fetchall()

    return read


def _postgres_reader(name: str, user: str):
    def read(sql: str) -> list[tuple]:
        conn, _ = _pg_connect(name, user)
        try:
            with conn.cursor() as cur:
                cur.execute(sql)
                return cur.fetchall()
        finally:
            conn.close()

    return read


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request, tmp_path):
    opened: list[CaseStore] = []
    if request.param == "sqlite":
        path = tmp_path / "db" / "casestore.sqlite3"
        url = f"sqlite:///{path}"
        migrate.upgrade(url)
        yield Backend("sqlite", url, tmp_path, _sqlite_reader(path), opened)
    else:
        url, name, user = request.getfixturevalue("postgres_database")
        reader = _postgres_reader(name, user)
        yield Backend("postgres", url, tmp_path, reader, opened)
        conn, _ = _pg_connect(name, user)
        conn.autocommit = True
        with conn.cursor() as cur:
            # Every table but Alembic's, so new features' tables need no change here.
            cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'")
            tables = ", ".join(f'"{row[0]}"' for row in cur.fetchall())
            cur.execute(f"TRUNCATE {tables} CASCADE")
        conn.close()
    for store in opened:
        store.engine.dispose()
