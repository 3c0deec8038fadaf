"""The reviewed texts of the crisis help and what follows it (knowledge/crisis/help.yml)."""
from __future__ import annotations

from functools import lru_cache

import yaml

from actions.settings import ROOT

HELP_FILE = ROOT / "knowledge" / "crisis" / "help.yml"


@lru_cache(maxsize=1)
def help_data() -> dict:
    return yaml.safe_load(HELP_FILE.read_text(encoding="utf-8"))


def help_button() -> dict[str, str]:
    return {"title": help_data()["button"]["title"], "payload": help_data()["button"]["payload"]}
