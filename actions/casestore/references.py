"""Case references and secret codes: short, readable, unguessable.

The alphabet leaves out characters people mix up when reading aloud or typing on a
phone (0/O, 1/I/L, 2/Z, 5/S, 8/B, G/6).
"""
from __future__ import annotations

import re
import secrets

ALPHABET = "ACDEFHJKMNPRTUVWXY3479"
REFERENCE_LENGTH = 8  # 22**8 ≈ 5.5e10 references
CODE_LENGTH = 6  # 22**6 ≈ 1.1e8 codes, with a few attempts per lockout

_CLEAN = re.compile(r"[\s\-–]+")


def _random(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def new_reference() -> str:
    raw = _random(REFERENCE_LENGTH)
    return f"{raw[:4]}-{raw[4:]}"


def new_code() -> str:
    return _random(CODE_LENGTH)


def normalise_reference(text: str) -> str | None:
    """Accept what people type ("kxmp 7rta", "KXMP–7RTA") and return "KXMP-7RTA", or None."""
    raw = _CLEAN.sub("", text or "").upper()
    if len(raw) != REFERENCE_LENGTH or any(c not in ALPHABET for c in raw):
        return None
    return f"{raw[:4]}-{raw[4:]}"


def normalise_code(text: str) -> str | None:
    raw = _CLEAN.sub("", text or "").upper()
    if len(raw) != CODE_LENGTH or any(c not in ALPHABET for c in raw):
        return None
    return raw
