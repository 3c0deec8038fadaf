"""Finds personal identifiers in a chat message and replaces them with placeholders.

Runs in every input channel before Rasa sees the message, so the tracker store and Rasa's
logs (debug included) only ever hold "[personnummer]", "[telefonnummer]", "[e-post]".
The original values travel Fernet-encrypted in the message metadata under `sip_pii`, for
an action that needs one (`reveal` decrypts them there).

Detected:
- personnummer and samordningsnummer, with or without century and dash, validated with
  the `personnummer` package (date and check digit); look-alikes that fail are left alone;
- Swedish phone numbers (0…, +46…, 0046…) with spaces or dashes;
- e-mail addresses.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from cryptography.fernet import InvalidToken, MultiFernet
from personnummer import personnummer as _pnr

METADATA_KEY = "sip_pii"
PLACEHOLDERS = {
    "personnummer": "[personnummer]",
    "samordningsnummer": "[samordningsnummer]",
    "telefonnummer": "[telefonnummer]",
    "e-post": "[e-post]",
}

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
# 10 or 12 digits: (YY)YYMMDD, optional -, + or space, then 4 digits.
_IDNUMBER = re.compile(r"(?<![\d+-])(?:\d{2})?\d{6}[-+ ]?\d{4}(?!\d)")
# Swedish numbers: a trunk 0 or +46/0046, then 6-10 more digits, optionally grouped.
_PHONE = re.compile(r"(?<![\w+])(?:\+46|0046|0)[ -]?\(?0?\)?[ -]?\d(?:[ -]?\d){5,9}(?!\d)")


def has_id_number_shape(text: str) -> bool:
    """10 or 12 digits shaped like a personnummer, valid or not (scrub replaces only valid ones)."""
    return bool(_IDNUMBER.search(text or ""))


@dataclass(frozen=True)
class Found:
    kind: str
    value: str


def _identity_kind(candidate: str) -> str | None:
    try:
        number = _pnr.Personnummer(candidate.replace(" ", "-"))
    except Exception:  # noqa: BLE001 - the package raises its own error for anything invalid
        return None
    return "samordningsnummer" if number.is_coordination_number() else "personnummer"


def scrub(text: str) -> tuple[str, list[Found]]:
    """Return the text with identifiers replaced by placeholders, and what was replaced."""
    found: list[Found] = []

    def email(match: re.Match) -> str:
        found.append(Found("e-post", match.group(0)))
        return PLACEHOLDERS["e-post"]

    def identity(match: re.Match) -> str:
        kind = _identity_kind(match.group(0))
        if kind is None:
            return match.group(0)
        found.append(Found(kind, match.group(0)))
        return PLACEHOLDERS[kind]

    def phone(match: re.Match) -> str:
        digits = re.sub(r"\D", "", match.group(0))
        if len(digits) < 7:
            return match.group(0)
        found.append(Found("telefonnummer", match.group(0)))
        return PLACEHOLDERS["telefonnummer"]

    text = _EMAIL.sub(email, text)
    text = _IDNUMBER.sub(identity, text)
    text = _PHONE.sub(phone, text)
    return text, found


def seal(found: list[Found], cipher: MultiFernet) -> str:
    """The encrypted metadata value for what `scrub` found."""
    payload = json.dumps([{"kind": f.kind, "value": f.value} for f in found], ensure_ascii=False)
    return cipher.encrypt(payload.encode("utf-8")).decode("ascii")


def reveal(metadata: dict[str, Any] | None, cipher: MultiFernet) -> list[Found]:
    """Decrypt the identifiers a message carried (for the action that stores them); [] if none."""
    token = (metadata or {}).get(METADATA_KEY)
    if not isinstance(token, str):
        return []
    try:
        items = json.loads(cipher.decrypt(token.encode("ascii")))
    except (InvalidToken, ValueError):
        return []
    return [Found(i["kind"], i["value"]) for i in items]


def scrub_request(text: str, metadata: dict[str, Any], cipher: MultiFernet) -> tuple[str, dict[str, Any]]:
    """Scrub a message's text and metadata for the tracker.

    Client metadata is stored in the tracker too, so its string values are scrubbed as well,
    and a client-sent `sip_pii` is dropped (only the channel may set it).
    """
    clean_meta: dict[str, Any] = {}
    found_all: list[Found] = []
    for key, value in metadata.items():
        if key == METADATA_KEY:
            continue
        if isinstance(value, str):
            value, found = scrub(value)
            found_all.extend(found)
        elif not isinstance(value, (int, float, bool)) and value is not None:
            continue  # nested client metadata is not kept: it could hide identifiers
        clean_meta[key] = value
    text, found = scrub(text)
    found_all = found + found_all
    if found_all:
        clean_meta[METADATA_KEY] = seal(found_all, cipher)
    return text, clean_meta
