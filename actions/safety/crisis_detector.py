"""Lexicon-based crisis detection for free-text chat messages.

Pure Python (stdlib + PyYAML), no Rasa imports, so it can run in the action
server, in a custom NLU component or in a benchmark script alike.

    lexicon = CrisisLexicon.from_yaml()                 # fold_normaliser by default
    lexicon = CrisisLexicon.from_yaml(normaliser=spacy_lemma_normaliser(nlp))
    match = lexicon.detect("jag vill inte leva längre")
    if match:                                           # CrisisMatch | None
        ...  # show the fixed crisis reply (knowledge/crisis/help.yml)

How matching works (the lexicon format is documented at the top of
knowledge/crisis/lexicon.yml):

* The message is turned into tokens by the injected normaliser
  (text -> list of lowercase, diacritic-folded lemmas). Every token is then
  folded once more (harmless if already folded), letters repeated three or
  more times are squeezed ("dööö" -> "do") and tokens made only of digits
  become "#".
* Each pattern word is normalised with the same normaliser, and its plain
  folded spelling is accepted too, so a pattern matches both lemmatised and
  surface-form messages.
* If the injected normaliser is not fold_normaliser, the message is matched a
  second time as plain folded words and a match in either pass counts: a
  lemmatiser quirk can add an alarm but never hide one.
* A pattern matches when its words occur in order, with at most `max_gap`
  other tokens between two consecutive pattern words.
* A pattern word of at least `fuzzy_min_length` characters (a prefix: at
  least `fuzzy_min_prefix_length`) also matches a token one edit away
  (insertion, deletion, substitution or swap of two neighbouring letters)
  that starts with the same letter: typos rarely hit the first letter, and
  this keeps "mamma" from matching "samma" or "lever" from matching "elever".
  A token spelled exactly like a word the lexicon knows, or listed under
  `not_typos` (common real words one letter from a pattern word, such as
  "händer" ~ "hänger"), is never treated as a typo.
* An exclusion ("skratta ihjäl mig") suppresses only a crisis match whose
  token span overlaps the exclusion's span; any other match still counts.
  Exclusions match without typo tolerance, and may set their own gap like
  patterns ({pattern: ..., max_gap: N}). When in doubt: a false alarm
  rather than a miss.
* For the check-in only (never for detect()): words_beside_calm_fears()
  leaves out only the "rädd" of a `calm_fears` match ("rädd att soc ska ta mig"), and
  only_names_people() tells a message that only names people (`people_answer`).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

logger = logging.getLogger(__name__)

Normaliser = Callable[[str], list[str]]  # text -> normalised lemma tokens

DEFAULT_LEXICON_PATH = Path(__file__).resolve().parents[2] / "knowledge" / "crisis" / "lexicon.yml"

NUMBER_TOKEN = "#"  # what a token made only of digits becomes

_EXTRA_FOLDS = str.maketrans({"ø": "o", "æ": "a", "ß": "ss", "œ": "oe", "ð": "d", "þ": "th"})
_WORD_RE = re.compile(r"[^\W_]+")  # runs of letters or digits
_REPEAT_RE = re.compile(r"(.)\1{2,}")
_GROUP_RE = re.compile(r"^<([a-z0-9_]+)>$")


# --------------------------------------------------------------------------- #
# Normalisation helpers
# --------------------------------------------------------------------------- #


def fold(text: str) -> str:
    """Lowercase and strip diacritics: å/ä -> a, ö -> o, é -> e, ø -> o."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_EXTRA_FOLDS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def spacy_lemma_normaliser(nlp: Callable[[str], Iterable[Any]]) -> Normaliser:
    """The normaliser of the Rasa component: the project's spaCy pipeline's lemmas, folded.
    Takes the loaded pipeline, so this module needs no spaCy."""

    def lemmas(text: str) -> list[str]:
        return [fold(token.lemma_ or token.text) for token in nlp(text.lower()) if not token.is_space]

    return lemmas


def fold_normaliser(text: str) -> list[str]:
    """A normaliser that needs no spaCy: lowercase, fold diacritics, split.

    Splits on everything that is not a letter or a digit; it does not
    lemmatise (the lexicon's `forms` table covers the inflections instead).
    """
    if not isinstance(text, str):
        return []
    return _WORD_RE.findall(fold(text))


def _canonical(token: str) -> str:
    """Final per-token clean-up applied to message and pattern tokens alike."""
    token = _REPEAT_RE.sub(r"\1", fold(token))
    return NUMBER_TOKEN if token.isdigit() else token


def within_one_edit(a: str, b: str) -> bool:
    """True if a and b differ by at most one insertion, deletion,
    substitution or swap of two neighbouring characters."""
    if a == b:
        return True
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):  # one insertion
        return a[i:] == b[i + 1 :]
    if a[i + 1 :] == b[i + 1 :]:  # one substitution
        return True
    return (  # one swap of neighbours
        i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    )


# --------------------------------------------------------------------------- #
# Data types
# --------------------------------------------------------------------------- #


@dataclass(frozen=True)
class CrisisMatch:
    """A crisis pattern found in a message.

    `span` is the (start, end) index range, end exclusive, of the matched
    tokens in the normalised message.
    """

    category: str
    pattern: str
    span: tuple[int, int]


@dataclass(frozen=True)
class _Slot:
    """One pattern word: the token spellings it accepts."""

    exact: frozenset[str]
    prefixes: frozenset[str]


@dataclass(frozen=True)
class _Pattern:
    category: str  # "" for exclusions
    text: str  # as written in the lexicon
    slots: tuple[int, ...]  # indexes into CrisisLexicon._slots
    max_gap: int


# --------------------------------------------------------------------------- #
# The lexicon
# --------------------------------------------------------------------------- #


def _pattern_and_gap(category: str, entry: Any, gap: int) -> tuple[str, int]:
    """A pattern as written, with the category's gap, or with its own: {pattern: "inget hem", max_gap: 0}.
    A gap that is not a whole number of at least 0 would silence the pattern, so it is refused."""
    if not isinstance(entry, Mapping):
        return str(entry), gap
    text, own_gap = entry.get("pattern"), entry.get("max_gap", gap)
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"crisis pattern in {category!r} without a pattern: {dict(entry)!r}")
    if isinstance(own_gap, bool) or not isinstance(own_gap, int) or own_gap < 0:
        raise ValueError(f"crisis pattern {text!r} in {category!r}: max_gap must be a whole number of at least 0")
    return text, own_gap


class CrisisLexicon:
    """Crisis patterns by category, compiled for one normaliser."""

    def __init__(self, data: Mapping[str, Any], normaliser: Normaliser = fold_normaliser):
        self._normaliser = normaliser
        self.max_gap = int(data.get("max_gap", 2))
        self.fuzzy_min_length = int(data.get("fuzzy_min_length", 5))
        self.fuzzy_min_prefix_length = int(data.get("fuzzy_min_prefix_length", 8))
        self._forms = {
            fold(str(base)): [str(f) for f in (forms or [])]
            for base, forms in (data.get("forms") or {}).items()
        }
        # Each in its own spelling and as the normaliser turns it ("händer" -> "hända"), since
        # a message is matched in both forms.
        self._not_typos = {
            form for word in data.get("not_typos") or [] for form in (_canonical(str(word)), *self._normalise(str(word)))
        }
        self._groups = {
            str(name): [str(w) for w in words] for name, words in (data.get("groups") or {}).items()
        }
        self._slots: list[_Slot] = []
        self._slot_ids: dict[_Slot, int] = {}

        categories = data.get("categories") or {}
        if not categories:
            raise ValueError("crisis lexicon has no categories")
        self.categories: tuple[str, ...] = tuple(str(c) for c in categories)
        self._patterns: list[_Pattern] = []
        for category, spec in categories.items():
            spec = spec or {}
            gap = int(spec.get("max_gap", self.max_gap))
            patterns = spec.get("patterns") or []
            if not patterns:
                raise ValueError(f"crisis category {category!r} has no patterns")
            for entry in patterns:
                text, own_gap = _pattern_and_gap(str(category), entry, gap)
                self._patterns.append(self._compile(str(category), text, own_gap))
        # An exclusion may set its own gap too: "<sip_party> få inte berätta" with one word at most
        # between, so "mentorn sa jag inte får berätta" is still heard.
        self._exclusions = [
            self._compile("", *_pattern_and_gap("exclusions", entry, self.max_gap))
            for entry in (data.get("exclusions") or [])
        ]
        past = data.get("past") or {}
        self._past_distance = int(past.get("max_distance", 0))
        self._past_markers = [self._compile("", str(text), 0) for text in past.get("markers") or []]
        self._now_markers = [self._compile("", str(text), 0) for text in past.get("now") or []]
        self._past_breaks = frozenset(_canonical(str(word)) for word in past.get("breaks") or [])
        # Only for the check-in (actions/crisis_help.py), never for detect(): see `calm_fears` and
        # `people_answer` in the lexicon.
        calm = data.get("calm_fears") or {}
        self._calm_fears = [self._compile("", *_pattern_and_gap("calm_fears", entry, self.max_gap))
                            for entry in calm.get("patterns") or []]
        not_with = [str(word) for word in calm.get("not_with") or []]
        self._calm_not_with = frozenset(_canonical(w) for w in not_with if not w.endswith("*"))
        self._calm_not_with_prefixes = tuple(_canonical(w[:-1]) for w in not_with if w.endswith("*"))
        self._calm_dropped = frozenset(_canonical(w) for w in ("rädd", "rädda", "radd", "radda"))
        people = data.get("people_answer") or {}
        self._people_max_words = int(people.get("max_words", 0))
        named = [alt for word in people.get("people") or []
                 for alt in self._expand_groups(str(word), "people_answer", ())]
        self._people_exact = frozenset(_canonical(w) for w in named if not w.endswith("*"))
        self._people_prefixes = tuple(_canonical(w[:-1]) for w in named if w.endswith("*"))
        self._name_after = frozenset(_canonical(str(word)) for word in people.get("name_after") or [])
        self._people_other_words = frozenset(_canonical(str(word)) for word in people.get("other_words") or [])
        self._by_form: dict[str, set[int]] = {}
        self._by_prefix: dict[str, set[int]] = {}
        for slot_id, slot in enumerate(self._slots):
            for form in slot.exact:
                self._by_form.setdefault(form, set()).add(slot_id)
            for prefix in slot.prefixes:
                self._by_prefix.setdefault(prefix, set()).add(slot_id)
        self._token_slots = lru_cache(maxsize=50_000)(self._compute_token_slots)

    @classmethod
    def from_yaml(
        cls, path: str | Path = DEFAULT_LEXICON_PATH, normaliser: Normaliser = fold_normaliser
    ) -> CrisisLexicon:
        with open(path, encoding="utf-8") as handle:
            return cls(yaml.safe_load(handle) or {}, normaliser)

    # -- public API --------------------------------------------------------- #

    def detect(self, text: str) -> CrisisMatch | None:
        """The most specific crisis match in `text`, or None.

        Most specific = the pattern with the most words; ties go to the
        category listed first in the lexicon.
        """
        matches = self.detect_all(text)
        return matches[0] if matches else None

    def detect_all(self, text: str, current_only: bool = False) -> list[CrisisMatch]:
        """Every pattern that matches `text` (once each), most specific first.

        The message is matched as the injected normaliser tokenises it and,
        if that normaliser is not fold_normaliser, also as plain folded words;
        a match in either pass counts. So a lemmatiser quirk (one lemma shared
        by two words, e.g. "ska" and "skola") can add an alarm but never hide
        one that the surface forms in the lexicon catch. Spans refer to the
        pass that found the match. With `current_only`, matches told as past
        ("jag skar mig förra året", the lexicon's `past`) are left out.
        """
        found, past = self._scan(text, current_only)
        order = {c: i for i, c in enumerate(self.categories)}
        ranked = sorted((found[key] for key in found.keys() - past),
                        key=lambda lm: (-lm[0], order[lm[1].category], lm[1].span))
        return [match for _, match in ranked]

    def told_now(self, text: str) -> bool | None:
        """None: no match; True: a match that goes on now; False: only matches told as past
        ("jag skar mig förra året"). One scan, for the Rasa component."""
        found, past = self._scan(text, current_only=True)
        return bool(found.keys() - past) if found else None

    def _scan(self, text: str, current_only: bool) -> tuple[dict[tuple[str, str], tuple[int, CrisisMatch]],
                                                              set[tuple[str, str]]]:
        """(every match by (category, pattern) with its length, the keys of those told as past)."""
        if not isinstance(text, str) or not text.strip():
            return {}, set()
        passes = [self._normalise(text)]
        if self._normaliser is not fold_normaliser:
            passes.append([_canonical(t) for t in fold_normaliser(text)])
        found: dict[tuple[str, str], tuple[int, CrisisMatch]] = {}
        matched = []
        for tokens in passes:
            for length, match in self._match(tokens):
                found.setdefault((match.category, match.pattern), (length, match))
                matched.append((tokens, match))
        # Told as past in either pass (the lemmatiser may not know "forra aret"), unless either
        # pass hears that it goes on now. Looked for only when something matched.
        if not current_only or not found or any(self._says_now(tokens) for tokens in passes):
            return found, set()
        markers = {id(tokens): self._past_spans(tokens) for tokens in passes}
        past = {(match.category, match.pattern) for tokens, match in matched
                if any(self._near(match.span, span, tokens) for span in markers[id(tokens)])}
        return found, past

    def words_beside_calm_fears(self, text: str) -> list[str]:
        """The folded words of `text` (fold_normaliser) without the "rädd"/"rädda" of a `calm_fears` match:
        "rädd att soc ska ta mig" -> ["att", "soc", "ska", "ta", "mig"]. Every other word stays, gaps
        included. All of them when the message has a word of `not_with` ("…ta mig från mamma")."""
        words = fold_normaliser(text) if isinstance(text, str) else []
        tokens = [_canonical(word) for word in words]
        if not self._calm_fears or self._calm_not_with & set(tokens) \
                or any(t.startswith(p) for t in tokens for p in self._calm_not_with_prefixes):
            return words
        strict = self._strict(tokens)
        calm = {i for pattern in self._calm_fears
                for start, end in self._spans(pattern, strict) for i in range(start, end)
                if tokens[i] in self._calm_dropped}
        return [word for i, word in enumerate(words) if i not in calm]

    def only_names_people(self, text: str) -> bool:
        """Whether `text` only names people (`people_answer`): "min bästis alltså hon heter moa", "mamma
        och mentorn". Folded words, no typo tolerance."""
        tokens = [_canonical(word) for word in fold_normaliser(text)] if isinstance(text, str) else []
        if not tokens or len(tokens) > self._people_max_words:
            return False
        named, after_name_word = False, False
        for token in tokens:
            if after_name_word:  # the name itself ("heter moa")
                named, after_name_word = True, False
            elif token in self._name_after:
                after_name_word = True
            elif token in self._people_exact or any(token.startswith(p) for p in self._people_prefixes):
                named = True
            elif token not in self._people_other_words:
                return False
        return named

    def _strict(self, tokens: list[str]) -> _Indexed:
        return _Indexed([self._token_slots(t, fuzzy=False) for t in tokens])

    def _says_now(self, tokens: list[str]) -> bool:
        """"igen", "fortfarande", "idag"…: what the message tells goes on now."""
        strict = self._strict(tokens)
        return any(True for marker in self._now_markers for _ in self._spans(marker, strict))

    def _past_spans(self, tokens: list[str]) -> list[tuple[int, int]]:
        """Where `tokens` say "förra året", "i våras"…"""
        strict = self._strict(tokens)
        return [span for marker in self._past_markers for span in self._spans(marker, strict)]

    def _near(self, match: tuple[int, int], marker: tuple[int, int], tokens: list[str]) -> bool:
        """At most `max_distance` words between a match and a past marker (overlapping counts),
        none of them a break ("nu", "men")."""
        between = tokens[min(match[1], marker[1]):max(match[0], marker[0])]
        return max(marker[0] - match[1], match[0] - marker[1]) <= self._past_distance \
            and not self._past_breaks & set(between)

    # -- for review (bench/crisis_lookalikes.py) ------------------------------ #

    def pattern_words(self) -> set[str]:
        """Every whole word the crisis patterns use, groups expanded (prefixes and "#" left out)."""
        return {
            alt
            for pattern in self._patterns
            for word in pattern.text.split()
            for alt in self._expand_groups(word, pattern.text, seen=())
            if not alt.endswith("*") and alt != NUMBER_TOKEN
        }

    def typo_only_match(self, token: str) -> bool:
        """True if `token` stands for some pattern word only through typo tolerance."""
        token = _canonical(token)
        return bool(self._compute_token_slots(token, True) - self._compute_token_slots(token, False))

    def _match(self, tokens: list[str]) -> Iterator[tuple[int, CrisisMatch]]:
        """(pattern length, match) for each pattern matching `tokens`."""
        if not tokens:
            return
        # Exclusions match strictly (no typo tolerance): they can only remove
        # alarms, so a typo should never make one disappear.
        strict = _Indexed([self._token_slots(t, fuzzy=False) for t in tokens])
        loose = _Indexed([self._token_slots(t, fuzzy=True) for t in tokens])
        excluded = [span for p in self._exclusions for span in self._spans(p, strict)]
        for pattern in self._patterns:
            for span in self._spans(pattern, loose):
                if not any(span[0] < e_end and e_start < span[1] for e_start, e_end in excluded):
                    yield len(pattern.slots), CrisisMatch(pattern.category, pattern.text, span)
                    break

    # -- compiling ---------------------------------------------------------- #

    def _compile(self, category: str, text: str, max_gap: int) -> _Pattern:
        words = text.split()
        if not words:
            raise ValueError(f"empty crisis pattern in {category or 'exclusions'!r}")
        slots = tuple(self._slot_id(self._compile_word(w, text)) for w in words)
        return _Pattern(category, text, slots, max_gap)

    def _compile_word(self, word: str, pattern: str) -> _Slot:
        alternatives = self._expand_groups(word, pattern, seen=())
        exact: set[str] = set()
        prefixes: set[str] = set()
        for alt in alternatives:
            if alt.endswith("*"):
                prefix = self._fold_single(alt[:-1], pattern)
                prefixes.add(prefix)
                continue
            for spelling in [alt, *self._forms.get(fold(alt), [])]:
                exact.add(self._fold_single(spelling, pattern))
                lemma = self._normalise(spelling)
                if len(lemma) == 1:
                    exact.add(lemma[0])
        return _Slot(frozenset(exact), frozenset(prefixes))

    def _expand_groups(self, word: str, pattern: str, seen: tuple[str, ...]) -> list[str]:
        """`word`, or the words of group <name> (groups may contain groups)."""
        group = _GROUP_RE.match(word)
        if not group:
            return [word]
        name = group.group(1)
        if name not in self._groups:
            raise ValueError(f"unknown group <{name}> in crisis pattern {pattern!r}")
        if name in seen:
            raise ValueError(f"group <{name}> contains itself")
        seen = (*seen, name)
        return [
            w for member in self._groups[name] for w in self._expand_groups(member, pattern, seen)
        ]

    @staticmethod
    def _fold_single(word: str, pattern: str) -> str:
        if word == NUMBER_TOKEN:
            return NUMBER_TOKEN
        tokens = fold_normaliser(word)
        if len(tokens) != 1:
            raise ValueError(f"{word!r} in crisis pattern {pattern!r} is not one word")
        return _canonical(tokens[0])

    def _slot_id(self, slot: _Slot) -> int:
        if slot not in self._slot_ids:
            self._slot_ids[slot] = len(self._slots)
            self._slots.append(slot)
        return self._slot_ids[slot]

    # -- matching ----------------------------------------------------------- #

    def _normalise(self, text: str) -> list[str]:
        try:
            raw = list(self._normaliser(text))
        except Exception:  # crisis detection must never fail: fall back
            logger.exception("crisis normaliser failed; using fold_normaliser")
            raw = fold_normaliser(text)
        return [t for t in (_canonical(str(r)) for r in raw) if t]

    def _compute_token_slots(self, token: str, fuzzy: bool) -> frozenset[int]:
        """Ids of all pattern words that accept `token`."""
        ids = set(self._by_form.get(token, ()))
        if token in self._by_form or token in self._not_typos:
            fuzzy = False  # a real word, not a typo
        for prefix, slot_ids in self._by_prefix.items():
            if token.startswith(prefix) or (fuzzy and self._near_prefix(token, prefix)):
                ids |= slot_ids
        if fuzzy and len(token) >= self.fuzzy_min_length - 1:
            for form, slot_ids in self._by_form.items():
                if (
                    len(form) >= self.fuzzy_min_length
                    and form[0] == token[0]
                    and abs(len(form) - len(token)) <= 1
                    and within_one_edit(token, form)
                ):
                    ids |= slot_ids
        return frozenset(ids)

    def _near_prefix(self, token: str, prefix: str) -> bool:
        """True if `token` starts with `prefix` give or take one typo."""
        if len(prefix) < self.fuzzy_min_prefix_length or token[:1] != prefix[:1]:
            return False
        return any(
            within_one_edit(token[:n], prefix) for n in range(len(prefix) - 1, len(prefix) + 2)
        )

    @staticmethod
    def _spans(pattern: _Pattern, message: _Indexed) -> Iterator[tuple[int, int]]:
        """All (start, end) token spans where `pattern` matches, leftmost first."""
        if not all(slot_id in message.positions for slot_id in pattern.slots):
            return  # a word of the pattern is missing: most patterns stop here, cheaply
        slots = message.slots

        def extend(pos: int, remaining: tuple[int, ...]) -> Iterator[int]:
            if not remaining:
                yield pos
                return
            for nxt in range(pos + 1, min(pos + 2 + pattern.max_gap, len(slots))):
                if remaining[0] in slots[nxt]:
                    yield from extend(nxt, remaining[1:])

        for start in message.positions.get(pattern.slots[0], ()):
            for last in extend(start, pattern.slots[1:]):
                yield (start, last + 1)


class _Indexed:
    """A message as, per token, the ids of the pattern words accepting it,
    plus the reverse index (pattern word id -> token positions)."""

    def __init__(self, slots: list[frozenset[int]]):
        self.slots = slots
        self.positions: dict[int, list[int]] = {}
        for index, slot_ids in enumerate(slots):
            for slot_id in slot_ids:
                self.positions.setdefault(slot_id, []).append(index)
