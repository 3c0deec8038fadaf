"""Encryption at rest for personal and free-text fields (Fernet, with key rotation).

Keys come from SIP_ENCRYPTION_KEYS (comma-separated, newest first) or, for the embedded
default, from a key file created with owner-only permissions on first use. MultiFernet
decrypts with any listed key and encrypts with the first, so rotation is: put a new key
first, run `make rotate-keys`, then drop the old key.
"""
from __future__ import annotations

import os
from pathlib import Path

from cryptography.fernet import Fernet, MultiFernet
from sqlalchemy.types import Text, TypeDecorator

from actions.settings import Settings


def _key_from_file(path: Path) -> str:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(Fernet.generate_key().decode())
    return path.read_text().strip()


def build_cipher(settings: Settings) -> MultiFernet:
    keys = settings.encryption_keys or (_key_from_file(settings.key_file),)
    return MultiFernet([Fernet(k) for k in keys])


class EncryptedText(TypeDecorator):
    """A text column stored as a Fernet token; the cipher is bound at engine set-up."""

    impl = Text
    cache_ok = True
    cipher: MultiFernet | None = None

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return self._cipher().encrypt(value.encode("utf-8")).decode("ascii")

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return self._cipher().decrypt(value.encode("ascii")).decode("utf-8")

    @classmethod
    def _cipher(cls) -> MultiFernet:
        if cls.cipher is None:
            raise RuntimeError("EncryptedText used before the case store was opened")
        return cls.cipher
