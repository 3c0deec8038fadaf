"""Encryption keys: the embedded key file and the SIP_ENCRYPTION_KEYS setting."""
from __future__ import annotations

import stat
from pathlib import Path

from cryptography.fernet import Fernet

from actions.casestore.crypto import build_cipher
from actions.settings import Settings


def _settings(tmp_path: Path, keys: tuple[str, ...] = ()) -> Settings:
    return Settings(
        database_url=f"sqlite:///{tmp_path / 'casestore.sqlite3'}",
        data_dir=tmp_path,
        key_file=tmp_path / "secrets" / "casestore.key",
        encryption_keys=keys,
        code_attempts=5,
        code_lockout_minutes=15,
    )


def test_key_file_is_created_with_owner_only_permissions(tmp_path):
    settings = _settings(tmp_path)
    build_cipher(settings)
    assert stat.S_IMODE(settings.key_file.stat().st_mode) == 0o600


def test_key_file_holds_a_valid_fernet_key(tmp_path):
    settings = _settings(tmp_path)
    build_cipher(settings)
    Fernet(settings.key_file.read_text().strip())  # raises ValueError if it is not a key


def test_key_file_is_reused_so_old_data_stays_readable(tmp_path):
    settings = _settings(tmp_path)
    token = build_cipher(settings).encrypt(b"svar")
    assert build_cipher(settings).decrypt(token) == b"svar"


def test_configured_keys_are_used_instead_of_a_key_file(tmp_path):
    key = Fernet.generate_key().decode()
    settings = _settings(tmp_path, keys=(key,))
    token = build_cipher(settings).encrypt(b"svar")
    assert Fernet(key).decrypt(token) == b"svar"
    assert not settings.key_file.exists()
