""""koden är borta": what to do without the reference number or the code (knowledge/lost_code_cues.yml)."""
from __future__ import annotations

from actions.phrases import says_one_of
from actions.settings import ROOT

LOST_CODE_CUES_FILE = ROOT / "knowledge" / "lost_code_cues.yml"


def says_the_code_is_lost(text: str | None) -> bool:
    return all(says_one_of(text, LOST_CODE_CUES_FILE, key) for key in ("things", "lost")) \
        and not says_one_of(text, LOST_CODE_CUES_FILE, "not_with")
