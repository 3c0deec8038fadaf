"""Safety features: crisis detection (pure Python, no Rasa imports)."""

from actions.safety.crisis_detector import (
    DEFAULT_LEXICON_PATH,
    CrisisLexicon,
    CrisisMatch,
    Normaliser,
    fold_normaliser,
)

__all__ = [
    "DEFAULT_LEXICON_PATH",
    "CrisisLexicon",
    "CrisisMatch",
    "Normaliser",
    "fold_normaliser",
]
