"""Phrases of words in a row, compared without case and å/ä/ö (fold_normaliser)."""
from __future__ import annotations

from collections.abc import Iterable

from actions.safety.crisis_detector import fold_normaliser

Phrase = tuple[str, ...]


def folded(entries: Iterable[str]) -> tuple[Phrase, ...]:
    return tuple(tuple(fold_normaliser(entry)) for entry in entries)


def contains_phrase(words: list[str], phrases: Iterable[Phrase]) -> bool:
    """Whether the folded `words` hold one of `phrases` as consecutive words."""
    return any(tuple(words[i:i + len(p)]) == p for p in phrases for i in range(len(words) - len(p) + 1))
