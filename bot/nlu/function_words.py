"""spaCy's Swedish stop words, folded: too common to say what a message is about ("jag", "vill",
"inte"). Shared by the article search, the intent classifier and the staff cues."""
from spacy.lang.sv.stop_words import STOP_WORDS

from bot.nlu.text import fold

FUNCTION_WORDS = frozenset(fold(word) for word in STOP_WORDS)
