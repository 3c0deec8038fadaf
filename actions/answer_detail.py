"""Whether a typed question asks for what only an article's longer text says.

The short answer is shown first and the longer text is behind "Berätta mer". A question that
names something only the longer text speaks of ("hur gör ni med protokollet i Dals-Ed?" to the
article on copies of the plan) got the short answer without it (persona round, session 24: the
staff persona's facts were behind "Berätta mer"). Such a question from someone who said they work
with SIP gets both texts at once. Not for others: the lemmatizer has no parts of speech, so a verb
("vad händer efter mötet?") can count, and a 13-year-old got the whole meeting structure at once.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

from actions.article_search import lemmas
from actions.knowledge_base import Article, articles

# A word counts only when at most this many articles use it: "möte", "barn" or "plan" in a
# question say nothing about which part of an answer is wanted. Over the held-out questions (all
# audiences), 2 would show the longer text for about one in ten (1: 6%, 3: 12%; docs/training.md).
SPECIFIC_MAX_ARTICLES = 2


@lru_cache(maxsize=1)
def _lemma_index() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]], Counter]:
    """Per article: the lemmas of what is said first (title and short answers), those of the
    longer text, and in how many articles each lemma occurs."""
    first = {a.id: frozenset(lemmas(" ".join(filter(None, (a.title, a.short, a.staff_short)))))
             for a in articles().values()}
    longer = {a.id: frozenset(lemmas(a.long or "")) for a in articles().values()}
    used_by = Counter(lemma for article_id in first for lemma in first[article_id] | longer[article_id])
    return first, longer, used_by


def only_in_the_long_text(question: str, article: Article) -> set[str]:
    """The question's specific lemmas that the article's longer text has and its first answer lacks."""
    if not article.long:
        return set()
    first, longer, used_by = _lemma_index()
    if article.id not in first:
        return set()
    named = (set(lemmas(question)) & longer[article.id]) - first[article.id]
    return {lemma for lemma in named if used_by[lemma] <= SPECIFIC_MAX_ARTICLES}
