"""The preparation's held-out NLU set stays out of the training data."""
from __future__ import annotations

from pathlib import Path

import yaml

from bench.nlu_quality import training_examples

ROOT = Path(__file__).resolve().parents[2]
HELDOUT = ROOT / "bench" / "data" / "preparation_heldout.yml"


def test_heldout_messages_are_not_training_examples():
    heldout = yaml.safe_load(HELDOUT.read_text(encoding="utf-8"))
    messages = [m.lower() for ms in heldout.values() for m in ms]
    assert len(messages) >= 20
    assert not set(messages) & {example.strip().lower() for example in training_examples()}
