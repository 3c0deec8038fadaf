"""A SQLite case store at an earlier Alembic revision, with rows, then migrated to the newest."""
from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command

from actions.casestore import migrate


def migrated_from(tmp_path: Path, revision: str, inserts: list[str], query: str) -> list[tuple]:
    """Runs `inserts` on a database at `revision`, upgrades it to every head and returns `query`'s rows."""
    url = f"sqlite:///{tmp_path / 'before.sqlite3'}"
    command.upgrade(migrate.alembic_config(url), revision)
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            for statement in inserts:
                conn.execute(sa.text(statement))
        migrate.upgrade(url)
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(sa.text(query)).all()]
    finally:
        engine.dispose()
