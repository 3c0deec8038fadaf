"""Phrases of words in a row, compared without case and å/ä/ö (fold_normaliser)."""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import yaml

from actions.safety.crisis_detector import fold_normaliser

Phrase = tuple[str, ...]


def folded(entries: Iterable[str]) -> tuple[Phrase, ...]:
    return tuple(tuple(fold_normaliser(entry)) for entry in entries)


def folded_words(entries: Iterable[str]) -> frozenset[str]:
    """Every word of `entries`, folded: for lists whose words count one by one, not in a row."""
    return frozenset(word for entry in entries for word in fold_normaliser(str(entry)))


def contains_phrase(words: list[str], phrases: Iterable[Phrase]) -> bool:
    """Whether the folded `words` hold one of `phrases` as consecutive words."""
    return any(tuple(words[i:i + len(p)]) == p for p in phrases for i in range(len(words) - len(p) + 1))


@lru_cache(maxsize=None)
def phrases_in(path: Path, key: str = "phrases") -> tuple[Phrase, ...]:
    """The folded `key` list of a cue file in knowledge/ (guardian_cues.yml, no_reference_cues.yml)."""
    return folded(yaml.safe_load(path.read_text(encoding="utf-8"))[key])


def says_one_of(text: str | None, path: Path, key: str = "phrases") -> bool:
    """Whether `text` holds one of the phrases under `key` of the cue file at `path`."""
    return contains_phrase(fold_normaliser(text or ""), phrases_in(path, key))
