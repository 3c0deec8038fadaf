"""The preparation's held-out NLU set stays out of the training data."""
from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
HELDOUT = ROOT / "bench" / "data" / "preparation_heldout.yml"


def _training_examples() -> set[str]:
    examples = set()
    for path in (ROOT / "data" / "nlu").glob("*.yml"):
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            examples |= {line.strip()[2:].strip().lower() for line in (item.get("examples") or "").splitlines()}
    return examples


def test_heldout_messages_are_not_training_examples():
    heldout = yaml.safe_load(HELDOUT.read_text(encoding="utf-8"))
    messages = [m.lower() for ms in heldout.values() for m in ms]
    assert len(messages) >= 20
    assert not set(messages) & _training_examples()
