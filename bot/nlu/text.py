"""Small text helpers shared by the NLU build and the actions."""

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


def fold(text: str) -> str:
    """Lowercase and drop Swedish diacritics, the way people type on a phone."""
    return text.lower().translate(_FOLD)
