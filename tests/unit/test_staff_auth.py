"""Staff authentication on a real, migrated database (SQLite always, PostgreSQL when reachable)."""
from __future__ import annotations

from datetime import timedelta

import pytest
from cryptography.fernet import Fernet

from channels.staff import auth
from tests.unit.staff_helpers import OTHER_ORG, OWN_ORG, PASSWORD, staff_settings


def test_passwords_are_stored_as_argon2id_hashes(backend):
    store = backend.open_store()
    auth.create_account(store, OWN_ORG, "Anna", PASSWORD)
    [(username, stored)] = backend.raw("select username, password_hash from staff_accounts")
    assert username == "anna"
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_short_passwords_and_taken_names_are_refused(backend):
    store = backend.open_store()
    with pytest.raises(ValueError):
        auth.create_account(store, OWN_ORG, "anna", "kort")
    auth.create_account(store, OWN_ORG, "anna", PASSWORD)
    with pytest.raises(ValueError):
        auth.create_account(store, OTHER_ORG, "ANNA", PASSWORD)
    with pytest.raises(ValueError):
        auth.create_account(store, OWN_ORG, "bertil", PASSWORD, role="admin")


def test_password_login_accepts_only_the_right_password_of_an_active_account(backend):
    store = backend.open_store()
    created = auth.create_account(store, OWN_ORG, "anna", PASSWORD)
    auth.create_account(store, OWN_ORG, "sso-user", None)  # an account for a future OIDC/SAML login
    login = auth.PasswordLogin(store)
    assert login.authenticate(" Anna ", PASSWORD) == created
    assert login.authenticate("anna", PASSWORD + "x") is None
    assert login.authenticate("okand", PASSWORD) is None
    assert login.authenticate("sso-user", "") is None
    auth.set_active(store, "anna", False)
    assert login.authenticate("anna", PASSWORD) is None


def test_logout_and_deactivation_end_every_session_of_the_account(backend):
    store = backend.open_store()
    identity = auth.create_account(store, OWN_ORG, "anna", PASSWORD)
    assert auth.current_identity(store, identity.account_id, identity.session_epoch) == identity
    auth.end_sessions(store, identity.account_id)
    assert auth.current_identity(store, identity.account_id, identity.session_epoch) is None
    fresh = auth.PasswordLogin(store).authenticate("anna", PASSWORD)
    assert auth.current_identity(store, fresh.account_id, fresh.session_epoch) == fresh
    auth.set_active(store, "anna", False)
    assert auth.current_identity(store, fresh.account_id, fresh.session_epoch) is None


class Clock:
    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


IDENTITY = auth.StaffIdentity(7, "anna", OWN_ORG, "handlaggare", 3)


def test_a_session_cookie_is_encrypted_and_tamper_proof(tmp_path):
    codec = auth.SessionCodec(staff_settings(tmp_path))
    cookie, issued = codec.issue(IDENTITY)
    assert "anna" not in cookie and OWN_ORG not in cookie and issued.csrf not in cookie
    read = codec.read(cookie)
    assert (read.account_id, read.session_epoch, read.csrf) == (7, 3, issued.csrf)
    tampered = cookie[:-6] + ("A" if cookie[-6] != "A" else "B") + cookie[-5:]
    assert codec.read(tampered) is None
    assert codec.read("not-a-token") is None and codec.read(None) is None
    assert auth.SessionCodec(staff_settings(tmp_path)).read(cookie) is None  # another key


def test_a_session_expires_and_survives_key_rotation(tmp_path):
    clock = Clock()
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    codec = auth.SessionCodec(staff_settings(tmp_path, session_keys=(old_key,), session_hours=8), clock=clock)
    cookie, _ = codec.issue(IDENTITY)
    rotated = auth.SessionCodec(staff_settings(tmp_path, session_keys=(new_key, old_key), session_hours=8),
                                clock=clock)
    assert rotated.read(cookie) is not None
    clock.now += 8 * 3600 + 1
    assert codec.read(cookie) is None


def test_without_configured_keys_a_key_file_is_made_readable_by_the_owner_only(tmp_path):
    settings = staff_settings(tmp_path, session_keys=())
    cookie, _ = auth.SessionCodec(settings).issue(IDENTITY)
    assert oct(settings.session_key_file.stat().st_mode & 0o777) == "0o600"
    assert auth.SessionCodec(settings).read(cookie) is not None


def test_csrf_tokens_must_match_exactly():
    assert auth.csrf_ok("abc", "abc")
    assert not auth.csrf_ok("abc", "abd")
    assert not auth.csrf_ok("abc", None)
    assert not auth.csrf_ok(None, "abc")
    assert not auth.csrf_ok("", "")


def test_login_throttle_blocks_a_user_name_and_a_client_after_failures_until_the_window_passes():
    clock = Clock()
    throttle = auth.LoginThrottle(3, timedelta(minutes=15), clock=clock)
    for _ in range(3):
        assert not throttle.blocked("anna", "10.0.0.1")
        throttle.failed("anna", "10.0.0.1")
    assert throttle.blocked("anna", "10.0.0.2")  # same name from elsewhere
    assert throttle.blocked("bertil", "10.0.0.1")  # same client, another name
    assert not throttle.blocked("bertil", "10.0.0.2")
    clock.now += 15 * 60
    assert not throttle.blocked("anna", "10.0.0.1")


def test_a_successful_login_clears_the_user_names_failures():
    throttle = auth.LoginThrottle(2, timedelta(minutes=15), clock=Clock())
    throttle.failed("anna", "c1")
    throttle.succeeded("anna")
    throttle.failed("anna", "c2")
    assert not throttle.blocked("anna", "c3")


def test_the_throttle_forgets_expired_failures_when_it_grows_large():
    clock = Clock()
    throttle = auth.LoginThrottle(3, timedelta(minutes=15), clock=clock)
    throttle.MAX_KEYS = 10
    for i in range(5):
        throttle.failed(f"user{i}", f"client{i}")
    assert len(throttle._failures) == 10
    clock.now += 15 * 60
    throttle.failed("anna", "c")
    assert set(throttle._failures) == {"user:anna", "client:c"}
