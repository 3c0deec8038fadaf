"""Settings from the environment, with embedded defaults that need no services."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Settings:
    database_url: str
    data_dir: Path
    key_file: Path
    encryption_keys: tuple[str, ...]
    code_attempts: int
    code_lockout_minutes: int
    conversation_retention_days: int = 30
    draft_retention_days: int = 14
    consent_text_retention_days: int = 30
    # A consent is valid for at most a year in Dals-Ed's routine; the municipality's
    # gallringsbeslut sets the real period (docs/privacy.md, Retention).
    case_retention_days: int = 365


def load() -> Settings:
    data_dir = Path(os.environ.get("SIP_DATA_DIR", ROOT / "var"))
    keys = tuple(k.strip() for k in os.environ.get("SIP_ENCRYPTION_KEYS", "").split(",") if k.strip())
    return Settings(
        database_url=os.environ.get("SIP_DATABASE_URL", f"sqlite:///{data_dir / 'casestore.sqlite3'}"),
        data_dir=data_dir,
        key_file=Path(os.environ.get("SIP_KEY_FILE", data_dir / "secrets" / "casestore.key")),
        encryption_keys=keys,
        code_attempts=int(os.environ.get("SIP_CODE_ATTEMPTS", "5")),
        code_lockout_minutes=int(os.environ.get("SIP_CODE_LOCKOUT_MINUTES", "15")),
        conversation_retention_days=int(os.environ.get("SIP_CONVERSATION_RETENTION_DAYS", "30")),
        draft_retention_days=int(os.environ.get("SIP_DRAFT_RETENTION_DAYS", "14")),
        consent_text_retention_days=int(os.environ.get("SIP_CONSENT_TEXT_RETENTION_DAYS", "30")),
        case_retention_days=int(os.environ.get("SIP_CASE_RETENTION_DAYS", "365")),
    )
