"""The case store on a real, migrated database (SQLite always, PostgreSQL when reachable)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from argon2 import PasswordHasher
from sqlalchemy import update
from cryptography.fernet import Fernet, InvalidToken

from actions.casestore import references
from actions.casestore.models import Case
from actions.casestore.store import CodeCheck

NOW = datetime(2030, 3, 1, 12, 0, tzinfo=timezone.utc)


def _case_row(backend, reference: str) -> tuple:
    rows = [r for r in backend.raw("SELECT reference, code_hash, failed_attempts FROM cases") if r[0] == reference]
    assert len(rows) == 1
    return rows[0]


def _wrong_code(code: str) -> str:
    return "AAAAAA" if code != "AAAAAA" else "CCCCCC"


def _raw_answers(backend) -> list:
    return [r[0] for r in backend.raw("SELECT answer FROM preparation_answers")]


# --- creating a case ---------------------------------------------------------------

def test_create_case_returns_a_well_formed_reference_and_code(backend):
    case = backend.open_store().create_case()
    assert references.normalise_reference(case.reference) == case.reference
    assert references.normalise_code(case.code) == case.code


def test_each_case_gets_its_own_reference(backend):
    store = backend.open_store()
    assert len({store.create_case().reference for _ in range(5)}) == 5


def test_code_is_stored_only_as_an_argon2_hash(backend):
    case = backend.open_store().create_case()
    _, code_hash, _ = _case_row(backend, case.reference)
    assert code_hash.startswith("$argon2id$")
    assert case.code not in code_hash
    assert PasswordHasher().verify(code_hash, case.code)
    assert "$m=19456,t=2,p=1$" in code_hash  # OWASP's recommended argon2id setting


def test_codes_hashed_with_the_earlier_parameters_still_open_their_case(backend):
    store = backend.open_store()
    case = store.create_case()
    old_hash = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=4).hash(case.code)
    with store.session() as session:
        session.execute(update(Case).where(Case.reference == case.reference).values(code_hash=old_hash))
    assert store.check_code(case.reference, case.code) == CodeCheck.OK


# --- preparation answers -------------------------------------------------------------

def test_first_answer_is_version_1_and_an_edit_is_version_2(backend):
    store = backend.open_store()
    reference = store.create_case().reference
    assert store.save_answer(reference, "important_to_me", "Att må bra", answered_by="ung") == 1
    assert store.save_answer(reference, "important_to_me", "Att gå till skolan", answered_by="ung") == 2


def test_an_edit_replaces_the_answer(backend):
    store = backend.open_store()
    reference = store.create_case().reference
    store.save_answer(reference, "important_to_me", "Att må bra", answered_by="ung")
    store.save_answer(reference, "important_to_me", "Att gå till skolan", answered_by="ung")
    assert store.answers(reference) == {"important_to_me": "Att gå till skolan"}


def test_answers_returns_the_decrypted_text_of_every_question(backend):
    store = backend.open_store()
    reference = store.create_case().reference
    store.save_answer(reference, "important_to_me", "Att må bra – och få vara med", answered_by="ung")
    store.save_answer(reference, "worries", "Prov på fredag", answered_by="ung")
    assert store.answers(reference) == {"important_to_me": "Att må bra – och få vara med", "worries": "Prov på fredag"}


def test_answers_only_returns_the_given_cases_answers(backend):
    store = backend.open_store()
    mine, other = store.create_case().reference, store.create_case().reference
    store.save_answer(other, "important_to_me", "Någon annans svar", answered_by="ung")
    assert store.answers(mine) == {}


def test_a_skipped_answer_is_stored_as_null(backend):
    store = backend.open_store()
    reference = store.create_case().reference
    store.save_answer(reference, "important_to_me", None, answered_by="ung")
    assert store.answers(reference) == {"important_to_me": None}
    assert _raw_answers(backend) == [None]


def test_saving_an_answer_for_an_unknown_reference_raises_key_error(backend):
    with pytest.raises(KeyError):
        backend.open_store().save_answer("AAAA-AAAA", "important_to_me", "text", answered_by="ung")


# --- encryption at rest --------------------------------------------------------------

def test_raw_answer_column_holds_a_token_not_the_plaintext(backend):
    store = backend.open_store()
    reference = store.create_case().reference
    store.save_answer(reference, "important_to_me", "Min pappa ska inte vara med", answered_by="ung")
    [raw] = _raw_answers(backend)
    assert "pappa" not in raw
    key = backend.settings().key_file.read_text().strip()
    assert Fernet(key).decrypt(raw.encode()).decode() == "Min pappa ska inte vara med"


def test_data_written_with_the_old_key_is_readable_after_rotation(backend):
    key_a, key_b = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    old = backend.open_store(encryption_keys=(key_a,))
    reference = old.create_case().reference
    old.save_answer(reference, "important_to_me", "Skrivet med nyckel A", answered_by="ung")

    rotated = backend.open_store(encryption_keys=(key_b, key_a))
    assert rotated.answers(reference) == {"important_to_me": "Skrivet med nyckel A"}


def test_after_rotation_new_data_is_encrypted_with_the_first_key(backend):
    key_a, key_b = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    store = backend.open_store(encryption_keys=(key_b, key_a))
    reference = store.create_case().reference
    store.save_answer(reference, "important_to_me", "Skrivet efter bytet", answered_by="ung")
    [raw] = _raw_answers(backend)
    assert Fernet(key_b).decrypt(raw.encode()).decode() == "Skrivet efter bytet"
    with pytest.raises(InvalidToken):
        Fernet(key_a).decrypt(raw.encode())


def test_data_cannot_be_read_once_its_key_is_dropped(backend):
    key_a, key_b = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    old = backend.open_store(encryption_keys=(key_a,))
    reference = old.create_case().reference
    old.save_answer(reference, "important_to_me", "Hemligt", answered_by="ung")

    without_a = backend.open_store(encryption_keys=(key_b,))
    with pytest.raises(InvalidToken):
        without_a.answers(reference)


# --- checking the secret code --------------------------------------------------------

def test_right_code_is_ok(backend):
    store = backend.open_store()
    case = store.create_case()
    assert store.check_code(case.reference, case.code, now=NOW) == CodeCheck.OK


def test_wrong_code_is_wrong(backend):
    store = backend.open_store()
    case = store.create_case()
    assert store.check_code(case.reference, _wrong_code(case.code), now=NOW) == CodeCheck.WRONG


def test_unknown_reference_is_unknown(backend):
    assert backend.open_store().check_code("AAAA-AAAA", "AAAAAA", now=NOW) == CodeCheck.UNKNOWN


def test_the_last_allowed_wrong_try_locks_the_case(backend):
    store = backend.open_store(code_attempts=3)
    case = store.create_case()
    results = [store.check_code(case.reference, _wrong_code(case.code), now=NOW) for _ in range(3)]
    assert results == [CodeCheck.WRONG, CodeCheck.WRONG, CodeCheck.LOCKED]


def test_a_locked_case_refuses_even_the_right_code_until_the_lock_ends(backend):
    store = backend.open_store(code_attempts=3, code_lockout_minutes=15)
    case = store.create_case()
    for _ in range(3):
        store.check_code(case.reference, _wrong_code(case.code), now=NOW)
    assert store.check_code(case.reference, case.code, now=NOW + timedelta(minutes=14)) == CodeCheck.LOCKED
    assert store.check_code(case.reference, case.code, now=NOW + timedelta(minutes=16)) == CodeCheck.OK


def test_the_right_code_resets_the_count_of_wrong_tries(backend):
    store = backend.open_store(code_attempts=3)
    case = store.create_case()
    wrong = _wrong_code(case.code)
    store.check_code(case.reference, wrong, now=NOW)
    store.check_code(case.reference, wrong, now=NOW)
    assert store.check_code(case.reference, case.code, now=NOW) == CodeCheck.OK
    assert store.check_code(case.reference, wrong, now=NOW) == CodeCheck.WRONG
    assert store.check_code(case.reference, wrong, now=NOW) == CodeCheck.WRONG


def test_wrong_tries_are_counted_in_the_database(backend):
    store = backend.open_store(code_attempts=5)
    case = store.create_case()
    store.check_code(case.reference, _wrong_code(case.code), now=NOW)
    store.check_code(case.reference, _wrong_code(case.code), now=NOW)
    assert _case_row(backend, case.reference)[2] == 2


def test_lock_ends_at_the_same_instant_whatever_the_time_zone_of_now(backend):
    stockholm = timezone(timedelta(hours=1))
    store = backend.open_store(code_attempts=3, code_lockout_minutes=15)
    case = store.create_case()
    for _ in range(3):
        store.check_code(case.reference, _wrong_code(case.code), now=NOW.astimezone(stockholm))
    assert store.check_code(case.reference, case.code, now=NOW + timedelta(minutes=16)) == CodeCheck.OK
