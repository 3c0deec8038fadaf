"""Small text helpers shared by the NLU build and the actions."""

from spacy.lang.sv.stop_words import STOP_WORDS

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


def fold(text: str) -> str:
    """Lowercase and drop Swedish diacritics, the way people type on a phone."""
    return text.lower().translate(_FOLD)


# spaCy's Swedish stop words, folded: too common to say what a message is about ("jag", "vill", "inte").
FUNCTION_WORDS = frozenset(fold(word) for word in STOP_WORDS)
