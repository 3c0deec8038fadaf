"""The word forms the NLU knows: the spaCy pipeline's lemma table (built from the project's texts)."""
from __future__ import annotations

from functools import lru_cache
from typing import Callable

from spacy.language import Language


@lru_cache(maxsize=4)  # one pipeline per process; the components ask for it with every batch
def known_word_check(nlp: Language) -> Callable[[str], bool]:
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    return lambda word: word in table
