"""Staff authentication: accounts, password login, sessions in an encrypted cookie, CSRF, throttling.

The rest of the portal only sees a `StaffIdentity`. A password login (`PasswordLogin`) is one
way to get one; an OIDC or SAML login (e.g. SITHS through the region's identity provider)
would be another `Authenticator`-like flow that ends the same way: look up or provision the
`StaffAccount` for the asserted user and call `SessionCodec.issue(identity)`. Accounts of such
users have no password hash, so a password can never be used for them.
"""
from __future__ import annotations

import hmac
import json
import secrets
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import func, select

from actions.casestore.crypto import _key_from_file
from actions.casestore.models_staff import StaffAccount
from actions.casestore.store import CaseStore
from channels.staff.config import StaffSettings

ROLES = ("handlaggare", "uppfoljning")  # case worker; follow-up (statistics for every organisation)
COOKIE = "sip_staff"
COOKIE_PATH = "/personal/"

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
# Verified when the user name is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True)
class StaffIdentity:
    account_id: int
    username: str
    organisation_id: str
    role: str
    session_epoch: int = 0


class Authenticator(Protocol):
    """What any login method provides: an identity for valid credentials or assertions, else None."""

    def authenticate(self, username: str, secret: str) -> StaffIdentity | None: ...


def hash_password(password: str) -> str:
    if len(password) < 12:
        raise ValueError("a staff password needs at least 12 characters")
    return _hasher.hash(password)


def _identity(account: StaffAccount) -> StaffIdentity:
    return StaffIdentity(account.id, account.username, account.organisation_id, account.role, account.session_epoch)


def create_account(store: CaseStore, organisation_id: str, username: str, password: str | None,
                   role: str = "handlaggare") -> StaffIdentity:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; one of {', '.join(ROLES)}")
    username = username.strip().lower()
    if not username:
        raise ValueError("a user name is needed")
    with store.session() as session:
        if session.scalar(select(StaffAccount.id).where(StaffAccount.username == username)) is not None:
            raise ValueError(f"the user name {username!r} is taken")
        account = StaffAccount(organisation_id=organisation_id, username=username, role=role, active=True,
                               password_hash=hash_password(password) if password is not None else None,
                               session_epoch=0)
        session.add(account)
        session.flush()
        return _identity(account)


def set_active(store: CaseStore, username: str, active: bool) -> None:
    with store.session() as session:
        account = session.scalar(select(StaffAccount).where(StaffAccount.username == username.strip().lower()))
        if account is None:
            raise KeyError(username)
        account.active = active
        account.session_epoch += 1


def end_sessions(store: CaseStore, account_id: int) -> None:
    """Logout: every session of the account issued so far stops working, on every server."""
    with store.session() as session:
        session.get(StaffAccount, account_id).session_epoch = StaffAccount.session_epoch + 1


def current_identity(store: CaseStore, account_id: int, session_epoch: int) -> StaffIdentity | None:
    """The account behind a session, if it is still active and the session was not ended."""
    with store.session() as session:
        account = session.get(StaffAccount, account_id)
        if account is None or not account.active or account.session_epoch != session_epoch:
            return None
        return _identity(account)


class PasswordLogin:
    """User name and password against the argon2id hash in `staff_accounts`."""

    def __init__(self, store: CaseStore) -> None:
        self.store = store

    def authenticate(self, username: str, secret: str) -> StaffIdentity | None:
        username = (username or "").strip().lower()
        with self.store.session() as session:
            account = session.scalar(select(StaffAccount).where(func.lower(StaffAccount.username) == username))
            stored = account.password_hash if account is not None and account.active else None
            try:
                _hasher.verify(stored or _DUMMY_HASH, secret or "")
            except (VerificationError, InvalidHashError):
                return None
            if stored is None:
                return None
            if _hasher.check_needs_rehash(stored):
                account.password_hash = _hasher.hash(secret)
            return _identity(account)


class LoginThrottle:
    """At most `attempts` failed logins per user name and per client within `window`; then refuse.

    Kept in memory per web-app process; with several web-app processes each counts on its own,
    which still bounds guessing to attempts × processes per window.
    """

    def __init__(self, attempts: int, window: timedelta, clock=time.monotonic) -> None:
        self.attempts, self.window, self.clock = attempts, window.total_seconds(), clock
        self._failures: dict[str, deque[float]] = defaultdict(deque)

    def _recent(self, key: str) -> deque[float]:
        failures, now = self._failures[key], self.clock()
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        return failures

    def blocked(self, username: str, client: str) -> bool:
        return any(len(self._recent(key)) >= self.attempts for key in self._keys(username, client))

    MAX_KEYS = 10_000  # made-up user names must not grow the memory without bound

    def failed(self, username: str, client: str) -> None:
        if len(self._failures) >= self.MAX_KEYS:
            for key in list(self._failures):
                if not self._recent(key):
                    del self._failures[key]
        for key in self._keys(username, client):
            self._recent(key).append(self.clock())

    def succeeded(self, username: str) -> None:
        self._failures.pop(f"user:{username.strip().lower()}", None)

    @staticmethod
    def _keys(username: str, client: str) -> tuple[str, str]:
        return f"user:{(username or '').strip().lower()}", f"client:{client}"


@dataclass(frozen=True)
class StaffSession:
    account_id: int
    session_epoch: int
    csrf: str
    issued_at: int


class SessionCodec:
    """The session lives in the cookie, encrypted and authenticated with Fernet (AES + HMAC).

    Keys rotate like the case store's: new key first, old keys still decrypt until dropped.
    """

    def __init__(self, settings: StaffSettings, clock=time.time) -> None:
        keys = settings.session_keys or (_key_from_file(settings.session_key_file),)
        self._fernet = MultiFernet([Fernet(k) for k in keys])
        self.max_age = settings.session_hours * 3600
        self.clock = clock

    def issue(self, identity: StaffIdentity) -> tuple[str, StaffSession]:
        data = StaffSession(identity.account_id, identity.session_epoch, secrets.token_urlsafe(32), int(self.clock()))
        payload = json.dumps({"a": data.account_id, "e": data.session_epoch, "c": data.csrf}).encode()
        return self._fernet.encrypt_at_time(payload, data.issued_at).decode("ascii"), data

    def read(self, cookie: str | None) -> StaffSession | None:
        if not cookie:
            return None
        try:
            token = cookie.encode("ascii")
            payload = self._fernet.decrypt_at_time(token, self.max_age, int(self.clock()))
            issued_at = self._fernet.extract_timestamp(token)
            data = json.loads(payload)
            return StaffSession(int(data["a"]), int(data["e"]), str(data["c"]), int(issued_at))
        except (InvalidToken, UnicodeEncodeError, ValueError, KeyError, TypeError):
            return None


def csrf_ok(expected: str | None, given: str | None) -> bool:
    return bool(expected) and bool(given) and hmac.compare_digest(expected.encode(), str(given).encode())
