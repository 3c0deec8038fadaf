"""Key rotation: re-encrypt every EncryptedText column with the first key. `make rotate-keys`.

Rotation: put a new key first in SIP_ENCRYPTION_KEYS (keep the old ones after it), run
`make rotate-keys`, then remove the old keys. Tokens are read and written raw (bypassing
the ORM), so every feature's table is covered as long as its model is in the package.
"""
from __future__ import annotations

import sqlalchemy as sa
from cryptography.fernet import MultiFernet

from actions.casestore.crypto import EncryptedText, build_cipher
from actions.casestore.models import Base
from actions.casestore.store import make_engine
from actions.settings import Settings


def encrypted_columns() -> list[tuple[sa.Table, sa.Column]]:
    return [(table, column) for table in Base.metadata.sorted_tables for column in table.columns
            if isinstance(column.type, EncryptedText)]


def rotate(settings: Settings, cipher: MultiFernet | None = None) -> int:
    """Re-encrypt every stored token with the first key; returns how many values were rewritten."""
    cipher = cipher or build_cipher(settings)
    engine = make_engine(settings.database_url)
    count = 0
    try:
        with engine.begin() as conn:
            for table, column in encrypted_columns():
                key = list(table.primary_key.columns)
                raw = sa.column(column.name, sa.Text)
                rows = conn.execute(sa.select(*key, raw).select_from(table).where(raw.isnot(None))).all()
                for row in rows:
                    token = cipher.rotate(row[-1].encode("ascii")).decode("ascii")
                    conn.execute(sa.update(table).where(*(c == v for c, v in zip(key, row[:-1])))
                                 .values({column.name: sa.literal(token, sa.Text)}))
                    count += 1
    finally:
        engine.dispose()
    return count


def main() -> None:
    from actions import settings as settings_module
    from actions.casestore.retention import load_feature_modules

    load_feature_modules()
    print(f"Re-encrypted {rotate(settings_module.load())} values with the first key.")


if __name__ == "__main__":
    main()
