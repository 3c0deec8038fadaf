"""SQLite tracker store: a write-ahead log and no fsync on every commit.

Rasa's SQLTrackerStore commits after every turn, synchronously inside the server's event loop.
On SQLite in its default rollback-journal mode each commit waits for the disk, and the whole
server waits with it. In WAL mode with synchronous=NORMAL a commit is an append to the log:
a power cut can lose the last turns but never corrupts the file, and other processes (the
retention job, deletion on request) read and write it as before. Production uses PostgreSQL
(docs/production.md), which this does not touch.
"""
from __future__ import annotations

import sqlite3

from sqlalchemy import event
from sqlalchemy.engine import Engine


def _tune(dbapi_connection, _record) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def install() -> None:
    if not event.contains(Engine, "connect", _tune):
        event.listen(Engine, "connect", _tune)
