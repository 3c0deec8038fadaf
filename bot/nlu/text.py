"""Small text helpers shared by the NLU build, the actions and the web app. No spaCy here: the web
app imports `fold` (through actions.consent_rules), and spaCy pulls in TensorFlow, which took the web
app from 58 to 581 MB (session 24's `make bench`). The function words are in function_words.py."""

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


def fold(text: str) -> str:
    """Lowercase and drop Swedish diacritics, the way people type on a phone."""
    return text.lower().translate(_FOLD)
