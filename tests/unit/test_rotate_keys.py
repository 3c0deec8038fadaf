"""Key rotation re-encrypts every EncryptedText column with the new key (SQLite and PostgreSQL)."""
from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken
import pytest

from actions.casestore.rotate_keys import encrypted_columns, rotate


def test_rotation_re_encrypts_with_the_first_key_and_the_old_key_can_go(backend):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    store = backend.open_store(encryption_keys=(old,))
    case = store.create_case()
    store.save_answer(case.reference, "q1", "Elsas behov", "ung")
    store.save_answer(case.reference, "q2", None, "ung")
    token_before = backend.raw("SELECT answer FROM preparation_answers WHERE question_key = 'q1'")[0][0]

    assert rotate(backend.settings(encryption_keys=(new, old))) == 1  # the NULL answer stays NULL

    token_after = backend.raw("SELECT answer FROM preparation_answers WHERE question_key = 'q1'")[0][0]
    assert token_after != token_before
    assert Fernet(new).decrypt(token_after.encode()) == "Elsas behov".encode()
    with pytest.raises(InvalidToken):
        Fernet(old).decrypt(token_after.encode())
    assert backend.open_store(encryption_keys=(new,)).answers(case.reference) == {"q1": "Elsas behov", "q2": None}


def test_every_encrypted_column_is_found():
    assert ("preparation_answers", "answer") in {(t.name, c.name) for t, c in encrypted_columns()}
