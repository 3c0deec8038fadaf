"""The domain's files (bot/domain/*.yml) merged section by section as plain YAML, for code that
needs their responses, forms or intents without loading Rasa."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

DOMAIN_DIR = Path(__file__).resolve().parent / "domain"


def merged_domain(include_generated: bool = True) -> dict[str, Any]:
    merged: dict[str, Any] = {"intents": [], "actions": [], "slots": {}, "forms": {}, "responses": {}}
    for path in sorted(DOMAIN_DIR.glob("*.yml")):
        if not include_generated and path.name.endswith(".generated.yml"):
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for section, value in merged.items():
            part = data.get(section) or []
            if isinstance(value, list):
                value.extend(part)
            else:
                value.update(part or {})
    return merged


def intent_names(domain: dict[str, Any]) -> set[str]:
    """Intents are listed as names or as {name: properties}."""
    return {entry if isinstance(entry, str) else next(iter(entry)) for entry in domain["intents"]}
