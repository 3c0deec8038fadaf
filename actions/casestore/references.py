"""Case references and secret codes: short, readable, unguessable.

The alphabet leaves out characters people mix up when reading aloud or typing on a
phone (0/O, 1/I/L, 2/Z, 5/S, 8/B, G/6).
"""
from __future__ import annotations

import re
import secrets
from typing import Callable

ALPHABET = "ACDEFHJKMNPRTUVWXY3479"
REFERENCE_LENGTH = 8  # 22**8 ≈ 5.5e10 references
CODE_LENGTH = 6  # 22**6 ≈ 1.1e8 codes, with a few attempts per lockout

_CLEAN = re.compile(r"[\s\-–]+")
# A reference ("ACDE-FH34", "acde fh34") or a code ("KX7M3P") as people type it.
_SHAPE = r"[A-Za-z0-9]{4}[\s\-–]?[A-Za-z0-9]{4}|[A-Za-z0-9]{6}"
_IDENTIFIER = re.compile(_SHAPE)
# "Referens: EJNF-3NY7", "kod HKVWJF": a label before an identifier, as the bot shows them.
# "koden e yntach ref vkh7r7h3" got the KVÅ answer (verification round, session 32): "är" may follow.
_LABEL_WORDS = r"(?:referens(?:nummer|numret)?|ref|kod(?:en)?)(?:\s+(?:är|e|ar))?(?:\s*[:.]\s*|\s+)"
# One or two identifiers and nothing else ("ACDE-FH34 KX7M3P"), each perhaps labelled ("ref 3YCT-7CYN
# kod 4AUPEU" got the KVÅ answer; persona round, session 31).
_IDENTIFIERS_ONLY = re.compile(rf"\s*(?:{_LABEL_WORDS})?({_SHAPE})(?:[\s,;:]+(?:(?:och|o)\s+)?(?:{_LABEL_WORDS})?"
                               rf"({_SHAPE}))?[\s.!]*", re.IGNORECASE)


def _random(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def new_reference() -> str:
    raw = _random(REFERENCE_LENGTH)
    return f"{raw[:4]}-{raw[4:]}"


def new_code() -> str:
    return _random(CODE_LENGTH)


# "Referens: EJNF-3NY7" and "Kod: HKVWJF", copied as the bot shows them, were not read (verification
# round, session 27): a leading label is left out.
_LABEL = re.compile(rf"^\s*{_LABEL_WORDS}", re.IGNORECASE)
_ANY_LABEL = re.compile(rf"(?<![A-Za-z0-9]){_LABEL_WORDS}", re.IGNORECASE)


def _without_label(text: str) -> str:
    return _LABEL.sub("", text or "", count=1)


def normalise_reference(text: str) -> str | None:
    """Accept what people type ("kxmp 7rta", "KXMP–7RTA") and return "KXMP-7RTA", or None."""
    raw = _CLEAN.sub("", _without_label(text)).upper()
    if len(raw) != REFERENCE_LENGTH or any(c not in ALPHABET for c in raw):
        return None
    return f"{raw[:4]}-{raw[4:]}"


def normalise_code(text: str) -> str | None:
    raw = _CLEAN.sub("", _without_label(text)).upper()
    if len(raw) != CODE_LENGTH or any(c not in ALPHABET for c in raw):
        return None
    return raw


def split_reference_and_code(text: str) -> tuple[str | None, str | None]:
    """People often paste both at once ("ACDE-FH34 KX7M3P"): pick out what is there."""
    reference = code = None
    # Labels out first: "och koden 4AUPEU" was read as "ODEN-4AUP", no reference, and the code lost.
    for token in _IDENTIFIER.findall(_ANY_LABEL.sub(" ", text or "")):
        as_reference = normalise_reference(token)
        reference = reference or as_reference
        if as_reference is None:
            code = code or normalise_code(token)
    return reference, code


def _as_given(token: str, known_word: Callable[[str], bool] | None) -> bool:
    # The bot writes identifiers in capitals; "tackar" and "tack tack" are Swedish, not codes.
    if any(c.isdigit() for c in token) or token.upper() == token:
        return True
    # Typed in small letters: an identifier only if no part of it is a word the bot knows.
    raw = _CLEAN.sub("", token).lower()
    half = len(raw) // 2  # "tack tack", "hejhej"
    parts = [raw, raw[:half], raw[half:]]
    return known_word is not None and not any(known_word(part) for part in parts)


def only_case_identifiers(text: str, known_word: Callable[[str], bool] | None = None) -> bool:
    """True when a message is nothing but a reference and/or a code, as the bot gave them.

    Stricter than the form's parsing, which knows it asked for one: out of context, "hej hej"
    and "ja tack" would normalise to valid codes. In small letters and without a digit, a token
    counts only if `known_word` (the NLU's word list) knows none of its parts. The intent
    classifier never saw identifiers (DIET ranked about one random reference in a hundred as
    `crisis`).
    """
    match = _IDENTIFIERS_ONLY.fullmatch(_without_label(text))
    tokens = [token for token in match.groups() if token] if match else []
    return bool(tokens) and all(_as_given(t, known_word) and (normalise_reference(t) or normalise_code(t))
                                for t in tokens)


# A reference standing as a word of its own ("jag vill se min sip begäran. H9PU-DVYP"); stricter than
# split_reference_and_code, which reads answers to "Skriv ditt referensnummer".
_REFERENCE_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{4}[\-–]?[A-Za-z0-9]{4}(?![A-Za-z0-9])")


# Its halves apart ("…min sip EJNF 3NY7": persona round, session 27); read only when no reference
# is written whole, so "TACK EJNF-3NY7" is not "TACK-EJNF".
_REFERENCE_HALVES = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{4} [A-Za-z0-9]{4}(?![A-Za-z0-9])")


def reference_named_in(text: str) -> str | None:
    """The first reference written as a word of its own in a message, normalised; None if none.
    Only as references are written (a dash, a digit, or capitals): "varandra" and "funderar" are
    eight letters of the alphabet too."""
    for pattern in (_REFERENCE_WORD, _REFERENCE_HALVES):
        written = (token for token in pattern.findall(text or "")
                   if re.search(r"[\-–\d]", token) or token.replace(" ", "").isupper())
        if reference := next((ref for ref in map(normalise_reference, written) if ref), None):
            return reference
    return None


def mistyped_reference_in(text: str) -> str | None:
    """A word written as a reference, with a dash or a digit, that cannot be one ("… WPWE-FWT8":
    references never hold an 8); None if none."""
    return next((token for token in _REFERENCE_WORD.findall(text or "")
                 if re.search(r"[\-–\d]", token) and normalise_reference(token) is None), None)


_CODE_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{6}(?![A-Za-z0-9])")


def _written_codes(text: str) -> list[str]:
    """Six characters written as a code, as a word of its own: with a digit, or in capitals."""
    return [token for token in _CODE_WORD.findall(text or "") if re.search(r"\d", token) or token.isupper()]


def code_named_in(text: str) -> str | None:
    """The first code written as a word of its own ("… HCJJ-RJWP T3DPNK"), normalised; None if none.
    Only as codes are written (a digit, or capitals): "samtyc" is no code."""
    return next((code for code in map(normalise_code, _written_codes(text)) if code), None)


def mistyped_code_in(text: str) -> bool:
    """A word written as a code that cannot be one ("… 794D-JDPK WXWRN8": codes never hold an 8)."""
    return any(normalise_code(token) is None for token in _written_codes(text))
