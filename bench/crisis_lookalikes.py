"""Words the crisis lexicon could take for one of its pattern words: a list for a person to review.

The Rasa component matches each message twice, as folded words and as the project's spaCy
lemmas (actions/safety/crisis_detector.py). Two things can make an ordinary word stand for a
pattern word there:

- typo tolerance: a word one edit from a pattern word (and not protected by `not_typos` or
  by being a word the lexicon knows) is taken for it: a lemma of the project's lemma table in
  the lemma pass, any word as written in the folded-words pass ("svårt" for "skärt" was one,
  found only by a held-out question: lemmas alone did not show it);
- lemmatisation: a pattern word whose lemma is another, often common word ("mig" -> "jag")
  also matches that word in the lemma pass.

Either can be wanted (a typo, or "jag" written for "mig") or a false alarm ("snart" for
"skärt"). Nothing here decides: it lists, and a person adds words to `not_typos` or leaves them.

Usage: python -m bench.crisis_lookalikes
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from actions.article_search import spacy_pipeline
from actions.safety.crisis_detector import DEFAULT_LEXICON_PATH, CrisisLexicon, fold, spacy_lemma_normaliser

ROOT = Path(__file__).resolve().parents[1]


def typo_lookalikes(lexicon: CrisisLexicon, lemmas: set[str]) -> list[str]:
    """Lemmas of the table that only typo tolerance makes a pattern word."""
    return sorted(t for t in lemmas if lexicon.typo_only_match(t))


def lemma_collisions(lexicon: CrisisLexicon, normalise, frequency: Counter) -> list[tuple[str, str, int]]:
    """(pattern word, the word its lemma is, how often that lemma occurs in the training
    messages), for pattern words whose lemma is not their own spelling, most frequent first:
    a lemma ordinary messages use often ("jag") matters, an inflection ("armen" -> "arm") less."""
    rows = []
    for word in lexicon.pattern_words():
        lemma = normalise(word)
        if len(lemma) == 1 and lemma[0] != fold(word):
            rows.append((word, lemma[0], frequency[lemma[0]]))
    return sorted(rows, key=lambda row: (-row[2], row[0]))


def training_messages() -> list[str]:
    """The NLU training messages: what ordinary messages look like."""
    from rasa.shared.nlu.training_data.loading import load_data

    return [message.get("text") for message in load_data(str(ROOT / "data" / "nlu")).intent_examples]


def lemma_frequency(normalise, messages: list[str]) -> Counter:
    counts: Counter = Counter()
    for text in messages:
        counts.update(normalise(text))
    return counts


def word_frequency(nlp, messages: list[str]) -> Counter:
    """Words as written (lowercase, folded), as the folded-words pass sees them."""
    return Counter(fold(token.text.lower()) for text in messages for token in nlp.tokenizer(text) if token.is_alpha)


def main() -> None:
    nlp = spacy_pipeline()
    normalise = spacy_lemma_normaliser(nlp)
    lexicon = CrisisLexicon.from_yaml(DEFAULT_LEXICON_PATH, normaliser=normalise)
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    lemmas = {fold(str(lemma)) for lemma in table.values()}
    print(f"# Lemmas one typo from a crisis pattern word ({len(lemmas)} lemmas in the table)\n")
    print(", ".join(typo_lookalikes(lexicon, lemmas)))
    messages = training_messages()
    words = word_frequency(nlp, messages)
    print("\n# Words as written in the training messages one typo from a crisis pattern word,\n"
          "# with how often they occur there\n")
    print(", ".join(f"{w} ({words[w]})" for w in sorted(typo_lookalikes(lexicon, set(words)),
                                                          key=lambda w: (-words[w], w))))
    print("\n# Pattern words whose lemma is another word (the lemma pass matches that word too),\n"
          "# with how often that lemma occurs in the training messages (10 or more)\n")
    for word, lemma, count in lemma_collisions(lexicon, normalise, lemma_frequency(normalise, messages)):
        if count >= 10:
            print(f"- {word} -> {lemma} ({count})")


if __name__ == "__main__":
    main()
