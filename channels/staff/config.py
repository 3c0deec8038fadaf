"""Staff portal settings from the environment (documented in docs/staff-portal.md)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from actions import settings as settings_module


def _flag(value: str) -> bool:
    return value.strip().lower() not in ("0", "false", "no", "off", "")


@dataclass(frozen=True)
class StaffSettings:
    session_keys: tuple[str, ...]  # Fernet keys, newest first; empty: a key file under the data dir
    session_key_file: Path
    cookie_secure: bool  # False only for plain-http development away from localhost
    session_hours: int
    login_attempts: int  # failed logins per user name and per client before a pause
    login_lockout_minutes: int


def load(env: dict[str, str] | None = None) -> StaffSettings:
    env = dict(os.environ) if env is None else env
    data_dir = Path(env.get("SIP_DATA_DIR", settings_module.ROOT / "var"))
    return StaffSettings(
        session_keys=tuple(k.strip() for k in env.get("SIP_STAFF_SESSION_KEYS", "").split(",") if k.strip()),
        session_key_file=Path(env.get("SIP_STAFF_SESSION_KEY_FILE", data_dir / "secrets" / "staff-session.key")),
        cookie_secure=_flag(env.get("SIP_STAFF_COOKIE_SECURE", "true")),
        session_hours=int(env.get("SIP_STAFF_SESSION_HOURS", "8")),
        login_attempts=int(env.get("SIP_STAFF_LOGIN_ATTEMPTS", "5")),
        login_lockout_minutes=int(env.get("SIP_STAFF_LOGIN_LOCKOUT_MINUTES", "15")),
    )
