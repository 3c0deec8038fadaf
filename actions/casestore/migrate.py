"""Bring the case store schema up to date with Alembic: `python -m actions.casestore.migrate`."""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from actions import settings as settings_module

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(database_url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["database_url"] = database_url
    return cfg


def upgrade(database_url: str | None = None) -> None:
    cfg = settings_module.load()
    url = database_url or cfg.database_url
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    # Feature migrations may branch from one base; "heads" applies every branch.
    command.upgrade(alembic_config(url), "heads")


if __name__ == "__main__":
    upgrade()
    print("Case store is up to date.")
