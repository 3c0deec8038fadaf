"""The preparation conversation as plain Python: questions from knowledge/, steps, parsing.

The form has one free-text slot; `step` says what the latest answer was to:
"role", "age", a question key, "school_offer" / "school_wishes" (the optional school module,
knowledge/preparation/school.yml) or "review" (the summary, where answers are changed or confirmed).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from actions.answer_rules import SKIP_WORDS, only_interjections
from actions.knowledge_base import articles
from actions.phrases import folded_words
from actions.settings import ROOT
from actions.source_gaps import gap_in
from actions.yes_no import ACKNOWLEDGEMENTS, NO, YES, says_only_yes

QUESTIONS_FILE = ROOT / "knowledge" / "preparation" / "questions.yml"
SCHOOL_FILE = ROOT / "knowledge" / "preparation" / "school.yml"
WORDS_FILE = ROOT / "knowledge" / "preparation" / "words.yml"
ROLE, AGE, REVIEW, DONE = "role", "age", "review", "done"
YOUNG = "ung"  # the young person's own role (roles() in questions.yml)
# A familjehem or jourhem filling in together with the child (role_foster_together): not a guardian.
FOSTER_TOGETHER = "familjehem_med_barnet"
# The school module's steps; SCHOOL_WISHES is also the key its answer is saved under.
SCHOOL_OFFER, SCHOOL_WISHES = "school_offer", "school_wishes"
SCHOOL_TRIGGER = "hard_now"  # the question whose answer decides whether the module is offered
ORGANISATION_TYPES_FILE = ROOT / "knowledge" / "organisation_types.yml"
MAX_AGE = 25  # SIP for children and young people goes to 20; a little slack for typos is refused anyway


@dataclass(frozen=True)
class Question:
    number: int
    key: str
    section: str
    title: str
    ask: dict[str, str]
    buttons: tuple[str, ...]
    answers_are_questions: bool = False
    organisations: bool = False  # also keep the organisations named in the answer
    goal_tip: bool = False  # tip when the answer does not read like something the person does
    formerly: str | None = None  # the key answers to an earlier wording of this question were saved under
    names_hard_topics: bool = False  # an answer the crisis lexicon flags is kept as well as helped
    guardian_title: str | None = None  # the title when only a guardian answered
    refusal_is_an_answer: bool = False  # "vill inte säga" says something here, so it is not a skip
    adult_buttons: tuple[str, ...] = ()  # for a young person of adult_age_from or more, when they differ

    def buttons_for(self, role: str | None, age: int | None) -> tuple[str, ...]:
        return self.adult_buttons if self.adult_buttons and is_adult(role, age) else self.buttons

    def title_for(self, guardian: bool) -> str:
        return self.guardian_title if guardian and self.guardian_title else self.title

    def text(self, role: str | None, age: int | None) -> str:
        return worded(self.ask, role, age)

    def uses_word(self, word: str) -> bool:
        """Whether one of the question's wordings or buttons has `word` (folded, as _words gives it)."""
        return any(word in _words(text) for text in (*self.ask.values(), *self.buttons))

    def rephrased(self, role: str | None, age: int | None) -> str:
        """For "vad menar du?": the simpler wording for a young person, else a word of comfort."""
        usual, simpler = self.text(role, age), self.ask.get("barn")
        # Not for an adult: the child's wording has the school examples (persona round, Sami, 19).
        if speaks_as(role) == YOUNG and simpler and simpler != usual and not is_adult(role, age):
            return f"{content()['rephrase_intro']}\n{simpler}"
        return f"{content()['rephrase_same']}\n{usual}"


def worded(ask: dict[str, str], role: str | None, age: int | None) -> str:
    """The wording for who answers: a young person under child_age_below gets the `barn` wording, one of
    adult_age_from or more the `vuxen` wording where there is one."""
    wording = speaks_as(role)
    if wording == YOUNG and age is not None and age < content()["child_age_below"]:
        wording = "barn"
    elif is_adult(role, age):
        wording = "vuxen"
    return ask.get(wording) or ask[YOUNG]


def is_adult(role: str | None, age: int | None) -> bool:
    """A young person answering themself who is adult_age_from or older: "Bra jobbat!" and examples
    about school read as childish to Sami, 19 (persona round)."""
    return speaks_as(role) == YOUNG and age is not None and age >= content()["adult_age_from"]


@lru_cache(maxsize=1)
def content() -> dict[str, Any]:
    return yaml.safe_load(QUESTIONS_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def questions() -> tuple[Question, ...]:
    return tuple(
        Question(number=i, key=q["key"], section=q["section"], title=q["title"], ask=dict(q["ask"]),
                 buttons=tuple(q.get("buttons") or ()), answers_are_questions=bool(q.get("answers_are_questions")),
                 organisations=bool(q.get("organisations")), goal_tip=bool(q.get("goal_tip")),
                 formerly=q.get("formerly"), names_hard_topics=bool(q.get("names_hard_topics")),
                 guardian_title=q.get("guardian_title"), refusal_is_an_answer=bool(q.get("refusal_is_an_answer")),
                 adult_buttons=tuple(q.get("adult_buttons") or ()))
        for i, q in enumerate(content()["questions"], start=1)
    )


def question(key: str) -> Question | None:
    return next((q for q in questions() if q.key == key), None)


def number_of(key: str) -> int:
    """The question's number as the summary shows it (1 for the first)."""
    found = question(key)
    if found is None:
        raise ValueError(f"not a numbered question: {key}")
    return found.number


def with_current_keys(stored: dict[str, Any]) -> dict[str, Any]:
    """Saved answers under today's question keys: an answer to an earlier wording counts for its successor."""
    current = dict(stored)
    for q in questions():
        if q.formerly and q.formerly in current:
            former = current.pop(q.formerly)
            current.setdefault(q.key, former)
    return current


def roles() -> list[dict[str, Any]]:
    return content()["roles"]


def role_buttons() -> list[dict[str, Any]]:
    """The roles offered as buttons at "Vem är det som svarar?" (not familjehem_med_barnet, said in words)."""
    return [r for r in roles() if r.get("button", True)]


def answered_by(role: str | None) -> str:
    return next((r["answered_by"] for r in roles() if r["id"] == role), YOUNG)


def speaks_as(role: str | None) -> str:
    """The role whose wording, titles and standing `role` has: a familjehem writing down what the child says
    answers as the young person (`speaks_as` in roles()); the young person's when no role is known."""
    found = next((r for r in roles() if r["id"] == role), None)
    return found.get("speaks_as", found["id"]) if found is not None else role or YOUNG


def childs_own(role: str | None) -> bool:
    """Whether `role` gives the young person's own answers (themself, or a familjehem writing them down)."""
    return speaks_as(role) == YOUNG


def childs_own_givers() -> frozenset[str]:
    """The answered_by values of the young person's own answers: "ung", and "familjehem_med_barnet" for
    those a familjehem wrote down with the child (labelled so in the document and the staff portal)."""
    return frozenset(r["answered_by"] for r in roles() if childs_own(r["id"]))


def role_of(givers: set[str]) -> str | None:
    """The role whose answers these are, when one role gave them all (`answered_by` of roles())."""
    roles_found = {r["id"] for r in roles() if r["answered_by"] in givers}
    return roles_found.pop() if len(givers) == 1 and len(roles_found) == 1 else None


def _fold(text: str) -> str:
    """Lowercase without å/ä/ö, as young people often type."""
    return str(text or "").lower().translate(str.maketrans("åäöé", "aaoe")).strip()


_ROLE_WORDS = (
    # Order matters: together with the child first, then a guardian's words, then the young person's.
    ("med_barnet", ("med barnet", "med mitt barn", "med min son", "med min dotter", "tillsammans", "vi fyller",
                    "vi svarar")),
    ("for_barnet", ("for barnet", "for mitt barn", "at barnet", "at mitt barn", "i stallet for", "foralder",
                    "mamma", "pappa", "vardnadshavare")),
    # "ja e barnet" was not understood (persona round, session 28).
    ("ung", ("den unga", "jag ar ung", "mig sjalv", "jag sjalv", "det ar jag", "ung", "jag", "sjalv", "elev",
             "ja e barnet", "ja ar barnet", "jag e barnet", "jag ar barnet", "ja e ung", "det e ja")),
)


def parse_role(text: str) -> str | None:
    folded = _fold(text)
    for role in roles():
        if folded == _fold(role["title"]) or folded == role["id"]:
            return role["id"]
    for role, words in _ROLE_WORDS:
        if any(re.search(rf"\b{re.escape(w)}\b", folded) for w in words):
            return role
    return None


_NUMBER = re.compile(r"\b(\d{1,3})\b")
_AGE_WORDS = {"ett": 1, "tva": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "atta": 8, "nio": 9,
              "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14, "femton": 15, "sexton": 16,
              "sjutton": 17, "arton": 18, "nitton": 19, "tjugo": 20}
# The preparation answers' skip words (answer_rules.SKIP_WORDS), plus refusals that skip an age, an
# offer or a school but would be real answers to an open question ("Vad vill du inte prata om?" "nej").
_SKIP = {_fold(word) for word in SKIP_WORDS} | {"vill inte", "vill inte saga", "nej"}


@dataclass(frozen=True)
class AgeAnswer:
    age: int | None
    valid: bool  # False: neither an age nor a skip, ask again


def parse_age(text: str) -> AgeAnswer:
    folded = _fold(text).strip(".!")
    if not folded or _skips(folded):
        return AgeAnswer(None, True)
    match = _NUMBER.search(folded)
    number = int(match.group(1)) if match else next(
        (n for word, n in _AGE_WORDS.items() if re.search(rf"\b{word}\b", folded)), None)
    if number is None and set(_words(folded)) & set(_phrases("age_declines")):
        # "vill int säga": the age is optional, so a refusal however typed skips it (persona round, session 36).
        return AgeAnswer(None, True)
    if number is None or not 0 < number <= MAX_AGE:
        return AgeAnswer(None, False)
    return AgeAnswer(number, True)


def _skips(folded: str) -> bool:
    """A skip word (_SKIP), or a don't-know or refusal as it is often typed (says_dont_know)."""
    return folded in _SKIP or says_dont_know(folded)


def says_dont_know(text: str | None, refusal_skips: bool = True) -> bool:
    """"ja vet int", "vetinte", "ingen anning", with only `skip_fillers` around it; with `refusal_skips`,
    also "vill int säga" (`refusals`). "vet inte" skipped a question while "ja vet int" was saved as the
    answer (persona round, session 36: Leo, 13, with dyslexia)."""
    said = " ".join(_words(text))
    small = set(_phrases("skip_fillers"))
    keys = ("dont_know", "refusals") if refusal_skips else ("dont_know",)
    return any(_only_with(said, phrase, small) for key in keys for phrase in _phrases(key))


def _only_with(said: str, phrase: str, small: set[str]) -> bool:
    """Whether `said` (folded words) holds `phrase` with nothing but `small` words around it."""
    match = re.search(rf"\b{re.escape(phrase)}\b", said)
    return match is not None and set(f"{said[:match.start()]} {said[match.end():]}".split()) <= small


# An age typed where the role was asked ("13", "14 år"): a smaller number is more likely a button's
# place ("2") than the age of someone preparing for a SIP meeting. Digits only: a word like "sex"
# there is not an age.
MIN_AGE_INSTEAD_OF_ROLE = 6


def age_instead_of_role(text: str) -> int | None:
    """The age in an answer to "Vem är det som svarar på frågorna?" (the caller has found no role in it)."""
    if not _NUMBER.search(_fold(text)):
        return None
    age = parse_age(text).age
    return age if age is not None and age >= MIN_AGE_INSTEAD_OF_ROLE else None


def age_said_before(texts: list[str | None]) -> int | None:
    """The age in the last of `texts` that says one ("jag e 13", "min dotter är 9 år"), digits only."""
    subjects = "|".join(re.escape(word) for word in _phrases("age_subjects"))
    pattern = re.compile(rf"\b(?:{subjects})\s+(?:ar|e)\s+(\d{{1,2}})\b(?!\s*(?:min|minuter|timm|dag|kr|procent|%))")
    for text in reversed(texts):
        match = pattern.search(_fold(text or ""))
        if match and MIN_AGE_INSTEAD_OF_ROLE <= int(match.group(1)) <= MAX_AGE:
            return int(match.group(1))
    return None


# "va menas klarar" (no "med", no "?") was saved as answer 5 (verification round, session 34): "menas"
# alone counts too, as do "en"/"ett"/"ordet" before the word and one of `word_question_tails` after it.
# Folded: "vadå" is "vada".
_WHAT_IS = r"(?:vad|va|vada)\s+(?:betyder|betyde|ar|e|menas med|menas me|menas|menar du med|menar ni med)"
_WHAT_MEANS = r"(?:vad|va|vada)\s+(?:betyder|betyde|menas med|menas me|menas|menar du med|menar ni med)"


@lru_cache(maxsize=1)
def _about_a_word() -> re.Pattern:
    tails = "|".join(re.escape(phrase) for phrase in _phrases("word_question_tails"))
    return re.compile(rf"^{_WHAT_IS}\s+(?:ordet\s+)?(?:(?:en|ett)\s+)?(\w+)(?:\s+(?:{tails}))?$")


def asks_about_a_word(text: str | None) -> str | None:
    """The word in "vad betyder jobbigt?", "va e mål", "va menas klarar" (folded), else None. Never an
    answer to the preparation's questions: "vad betyder jobbigt" was saved as what is hard (persona
    round, session 27)."""
    for words in _from_each_filler(_words(text)):
        match = _about_a_word().match(" ".join(words))
        if match:
            return match.group(1)
    return None


def word_question_in(text: str | None) -> str | None:
    """The clause that asks what a word is ("min mentor sa ja ska förbereda mig i chatten. vad e sip", "men
    vad e sip"), as typed; None when no clause does. Typed with the wish to prepare it was never answered,
    and at the role question it got "Välj en av knapparna" (persona round, session 36: Leo, 13)."""
    return next((clause.strip() for clause in _CLAUSE_END.split(text or "") if asks_about_a_word(clause)), None)


def without_leading_fillers(text: str | None) -> str:
    """`text` as typed without the fillers it opens with ("men vad händer på mötet" → "vad händer på mötet")."""
    said = text or ""
    fillers = "|".join(re.escape(phrase) for phrase in _phrases("fillers"))
    match = re.match(rf"^[\W_]*(?:(?:{fillers})(?:[\W_]+|$))+", _fold_in_place(said))
    return said[match.end():] if match else said


def _from_each_filler(words: list[str]) -> list[list[str]]:
    """`words`, then without each filler at the start in turn: "hä va menas klarar" gives "va menas
    klarar" too (_without_fillers drops the "va" as well)."""
    start = len(words) - len(_without_fillers(words))
    return [words[i:] for i in range(start + 1)]


# "vad menas med fungerar bra?", "vad menas med hjälper? typ personer eller saker": what a word of the
# question means, with more after it (saved as answers; persona round, session 29).
_MEANING_OF = re.compile(rf"^{_WHAT_MEANS}\s+(\w+)")


def _meaning_asked(text: str | None) -> str | None:
    """The first word after "vad menas (med)", "va betyder", with anything after it, else None."""
    for words in _from_each_filler(_words(text)):
        match = _MEANING_OF.match(" ".join(words))
        if match:
            return match.group(1)
    return None


ASKS_WHAT_TO_ANSWER_MAX_WORDS = 10


def asks_what_we_mean(text: str | None, question: Question | None = None) -> bool:
    """"vad menar du?", "förstår inte", "ja fatta inte förra frågan", "vad ska jag svara", or what a
    word of the `question` means ("vad betyder jobbigt", "vad menas med fungerar bra"): a question
    about the question, not an answer ("jag förstår inte matte" answers "Vad är svårt?")."""
    if _says(text, "asks_what_we_mean"):
        return True
    if len(_words(text)) <= ASKS_WHAT_TO_ANSWER_MAX_WORDS and _names_one_of(text, "asks_what_to_answer"):
        return True
    word = asks_about_a_word(text)
    if word is None:
        word = _meaning_asked(text)
    # Not a term an article explains, nor one the material is silent on ("va e tolk" at "…eller tolk"
    # got "Det finns inga rätta eller fel svar" again; verification round, session 34): those are answered.
    if word is not None and question is not None and question.uses_word(word) and article_explaining(word) is None \
            and gap_in(word) is None:
        return True
    words = _without_fillers(_words(text))
    if words[:1] in (["jag"], ["ja"]) and len(words) > 1:
        words = words[1:]
    said = " ".join(words)
    tail = set(_phrases("asks_what_we_mean_tail"))
    return any(said == phrase or (said.startswith(f"{phrase} ") and set(said[len(phrase) + 1:].split()) <= tail)
               for phrase in _phrases("does_not_understand"))


# "vad är bup", "va e bup": an example of an article that asks what a word is.
_ASKS_WHAT_A_WORD_IS = re.compile(r"^(?:vad|va) (?:ar|e|betyder) (?:en |ett )?(\w+)$")


def article_explaining(word: str) -> str | None:
    """The id of the article that explains `word` (folded): its title names the word, and it is the
    article asked "vad är <word>" ("BUP – barn- och ungdomspsykiatrin" for "bup"). At question 4 "vad e
    bup?" got the question rephrased instead (persona round, session 33); "viktigt", named in the title
    "Vad är viktigt för dig?", is no term that article explains."""
    return _explained_words().get(word)


@lru_cache(maxsize=1)
def _explained_words() -> dict[str, str]:
    """Every word an article explains, with its id: built once, not per message or per word typed."""
    explained: dict[str, str] = {}
    for article in articles().values():
        title = set(_words(article.title))
        for example in article.examples:
            match = _ASKS_WHAT_A_WORD_IS.match(" ".join(_words(example)))
            if match and match.group(1) in title:
                explained.setdefault(match.group(1), article.id)
    return explained


@dataclass(frozen=True)
class WordHelp:
    """What a word of the preparation's own texts means: its explanation, or the article that explains it."""
    word: str
    explanation: str | None = None
    article: str | None = None
    # The entry's source (words.yml), for the source line outside the form, and every folded form of its
    # word: what the entry says, not what a help is compared by.
    source: str | None = field(default=None, compare=False)
    forms: tuple[str, ...] = field(default=(), compare=False)


@lru_cache(maxsize=1)
def _word_helps() -> dict[str, WordHelp]:
    """knowledge/preparation/words.yml by folded word form."""
    helps: dict[str, WordHelp] = {}
    for entry in yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))["words"]:
        forms = tuple(_fold(form) for form in entry["words"])
        for form in forms:
            helps[form] = WordHelp(form, entry.get("explanation"), entry.get("article"), entry.get("source"), forms)
    return helps


# "vad menas med klarar? jag klarar att cykla…" may hold an answer too: only a short message asks about a word.
WORD_HELP_MAX_WORDS = 10


def word_help(text: str | None) -> WordHelp | None:
    """"va menas klarar", "vad är talsyntes", "vad menas med muntliga prov": the explanation of a word of
    the preparation's texts (words.yml), or the article on a word an article explains ("vad e bup"); None
    for anything else (persona round: "va menas klarar" got the question again, the word unexplained)."""
    word = asks_about_a_word(text)
    if word is None and len(_words(text)) <= WORD_HELP_MAX_WORDS:
        word = _meaning_asked(text)
    if word is None:
        return None
    found = _word_helps().get(word)
    if found is None and article_explaining(word) is not None:
        found = WordHelp(word, article=article_explaining(word))
    return found


def word_asked_in(text: str | None) -> WordHelp | None:
    """Outside the preparation: a clause that asks what one word means ("va betyder verksamhet förresten,
    det stod när jag gjorde frågorna"), when words.yml explains the word and no article does (the
    articles answer "vad är bup"); None otherwise. The bot's own "Ingen verksamhet ser dina svar…" got
    "Menade du…?" or an article on samtycke (verification round, session 35)."""
    for clause in _CLAUSE_END.split(text or ""):
        word = asks_about_a_word(clause)
        if word is not None:
            found = _word_helps().get(word)
            return found if found is not None and found.explanation and article_explaining(word) is None else None
    return None


def names_the_word(title: str, helped: WordHelp) -> bool:
    """Whether `title` (an article's) names the word of `helped` in any of its forms."""
    return bool(set(_words(title)) & set(helped.forms or (helped.word,)))


def _without_fillers(words: list[str]) -> list[str]:
    """The words after any one-word fillers at the start ("va ja fatta inte" keeps "ja fatta inte");
    all of them when there is nothing else ("va", "hä")."""
    fillers = set(_phrases("fillers"))
    start = next((i for i, word in enumerate(words) if word not in fillers), len(words))
    return words[start:] or words


def asks_about_a_parent(text: str | None) -> bool:
    """"kan mamma se va ja skriver här?": the message names a parent, and no one else's answers
    ("kan föräldrarna se elevens svar?" is staff asking)."""
    words = set(_words(text))
    return bool(words & set(_phrases("parent_words"))) and not words & set(_phrases("someone_elses"))


def speaks_of_the_answers(text: str | None) -> bool:
    """"mamma får inte se mina svar", "det jag skriver": about the answers, not one of them."""
    return bool(set(_words(text)) & set(_phrases("about_the_answers")))


def asks_how_long(text: str | None) -> bool:
    """"hur länge sparas det jag skriver?", "sparas det för alltid?": how long things are kept."""
    return bool({"lange", "alltid", "evigt"} & set(_words(text)))


def only_acknowledges(text: str | None) -> bool:
    """"ok", "okej", "mm", or interjections alone ("wtf", "asså", "lol"): no answer to a question that asks
    for the person's own words (persona round, session 26: "ok" was saved as who helps today; persona round,
    Nova, 15: "wtf")."""
    return " ".join(_words(text)) in _phrases("acknowledgements") or only_interjections(text)


MUST_ANSWER_MAX_WORDS = 10


def asks_if_must_answer(text: str | None) -> bool:
    """"måste jag svara på allt?", "wtf. måste jag svara", "kan jag skippa frågor": whether the questions
    must be answered, in a short message (persona round, Nova, 15: "wtf" was saved as answer 1)."""
    return len(_words(text)) <= MUST_ANSWER_MAX_WORDS and _names_one_of(text, "must_answer")


def _words(text: str | None) -> list[str]:
    """Lowercase words without å/ä/ö and punctuation."""
    return re.sub(r"[^\w ]", " ", _fold(text or "")).split()


def wants_to_go_on(text: str | None) -> bool:
    """"jag vill fortsätta" inside the preparation: no answer; the question comes again. Not "jag vill
    fortsätta sen", which wants a pause."""
    return _says(text, "go_on") and not {"sen", "senare", "imorgon"} & set(_words(text))


DOUBTFUL_QUOTE_MAX = 120  # characters of the answer said back in the check
DECISION_MAX_WORDS = 3  # "ja spara det", "nej tack": longer replies to the check are answers


def doubtful_answer(text: str | None, question: Question) -> bool:
    """An answer that may be a question, a complaint or a wish to go back, pause or stop rather
    than an answer (doubtful_words): asked about before it is saved. Where answers are questions
    (question 10), only a message that asks what one word means ("va menas klarar"): it may be a
    question for the meeting, or about a word seen before (verification round, session 34: saved)."""
    if not text:
        return False
    if question.answers_are_questions:
        return asks_about_a_word(text) is not None
    said = " ".join(_without_fillers(_words(text)))
    return re.sub(r"[^\w?]+$", "", text).endswith("?") or _names_one_of(text, "doubtful_words") \
        or any(said == start or said.startswith(f"{start} ") for start in _phrases("doubtful_starts"))


def speaks_of_the_form(text: str | None) -> bool:
    """Names going back, pausing, the questions or the summary (doubtful_words): "fan. kan ja gå tillbaka"
    is a wish about the form, for the check, not a question for the knowledge base."""
    return _names_one_of(text, "doubtful_words")


def doubtful_check(answer: str, question: Question) -> tuple[str, list[str]]:
    """The check's text and its two buttons (save, do not save)."""
    quoted = answer if len(answer) <= DOUBTFUL_QUOTE_MAX else answer[:DOUBTFUL_QUOTE_MAX].rstrip() + "…"
    texts = content()
    return (texts["doubtful_check"].format(number=question.number, answer=quoted),
            [texts["doubtful_save"], texts["doubtful_drop"]])


def decides_on_doubtful(text: str | None) -> bool | None:
    """The reply to the check: True to save ("ja", "ja spara", "spara"), False not to ("nej", "nä"),
    None for anything else (a new answer, handled as usual)."""
    words = _words(text)
    # A longer reply is a new answer, even when it opens with "nää" ("nää asså ja kan typ gå ut m hunden
    # när ja e stressad" was thrown away; verification round, session 30).
    if not words or len(words) > DECISION_MAX_WORDS:
        return None
    if words[0] in _NO:
        return False
    if words[0] in _YES or words[0] == "spara":
        return True
    return None


def asks_about_dont_know(text: str | None) -> bool:
    """"om jag skriver vet inte vad händer då": what a "vet inte" does (about_dont_know)."""
    return _names_one_of(text, "about_dont_know")


def asks_to_see_answers(text: str | None) -> bool:
    """"visa mina svar", "vad har jag svarat", "va?? visa" (after any fillers), "kan jag se vad hon har
    skrivit hittills?": the answers so far, not an answer."""
    return _says(text, "see_answers") or _says(" ".join(_without_fillers(_words(text))), "see_answers") \
        or (len(_words(text)) <= SEE_WRITTEN_MAX_WORDS and bool(_see_written().search(" ".join(_words(text)))))


SEE_WRITTEN_MAX_WORDS = 12


@lru_cache(maxsize=1)
def _see_written() -> re.Pattern:
    """"kan jag se vad hon har skrivit": an opener, "vad", a writer, maybe "har", a verb (see_written_*)."""
    def one_of(key: str) -> str:
        return "|".join(re.escape(phrase) for phrase in _phrases(key))
    return re.compile(rf"(?:^|\b)(?:{one_of('see_written_openers')}) vad (?:{one_of('see_written_writers')}) "
                      rf"(?:har |ha )?(?:{one_of('see_written_verbs')})\b")


WRITER_MAX_WORDS = 6


def says_who_writes(text: str | None) -> bool:
    """"alva igen", "det är pappa nu", "hej det e mamma", "det är jag igen": a short message that only
    says who writes now, the phone handed over (persona round, session 34: saved as answers). Not
    "mamma", "det är mamma" or "skolan igen" (see writer_* in the questions file)."""
    words = _without_fillers(_words(text))
    if not words or len(words) > WRITER_MAX_WORDS:
        return False
    words, greeting = _cut_start(words, "writer_greetings")
    words, opener = _cut_start(words, "writer_openers")
    words, tail = _cut_end(words, "writer_tails")
    who = _writer(words)
    markers = greeting + opener + (tail is not None)
    if who == "name":
        return markers >= 1
    if who == "self":
        return markers >= 2 or tail is not None
    if who == "person":
        return markers >= 2 or tail in _phrases("writer_tails_alone")
    return False


_CLAUSE_END = re.compile(r"[.!?,;:\n]+")


def _writer_split(text: str | None) -> tuple[str, str] | None:
    """A first clause that only says who writes now (says_who_writes), and what follows it; or who writes
    followed, in the same clause, by that they take over ("hej det är lina jag skriver själv nu", saved with
    answer 1; persona round, session 39), and what follows who writes."""
    for end in [*_CLAUSE_END.finditer(text or ""), None]:
        head = text[:end.start()] if end else (text or "")
        rest = text[end.end():].strip() if end else ""
        if _words(rest) and len(_words(head)) <= WRITER_MAX_WORDS and says_who_writes(head):
            return head, rest
        taking_over = _who_then_taking_over(head)
        if taking_over is not None:
            return taking_over[0], f"{taking_over[1]}. {rest}" if rest else taking_over[1]
        if len(_words(head)) > WRITER_MAX_WORDS:
            return None
    return None


def _who_then_taking_over(clause: str) -> tuple[str, str] | None:
    """"hej det är lina jag skriver själv nu": (who writes, that they take over), else None."""
    for word in list(re.finditer(r"\S+", clause))[1:WRITER_MAX_WORDS + 1]:
        who, rest = clause[:word.start()].strip(), clause[word.start():].strip()
        if len(_words(who)) <= WRITER_MAX_WORDS and says_who_writes(who) and _takes_over(rest):
            return who, rest
    return None


def after_who_writes(text: str | None) -> str | None:
    """"hej det är mamma igen. kan jag också skriva vad jag tycker?": what follows a first clause that
    only says who writes now (says_who_writes), else None (verification round, session 34: saved as
    the young person's answer 10). Without the clauses after it that say why they write ("ella bad mig
    skriva en sak"), which were saved with the answer (verification round, session 35)."""
    split = _writer_split(text)
    return (_without_handover(split[1]) or None) if split else None


def only_who_writes(text: str | None) -> bool:
    """A message that says who writes now and nothing else: says_who_writes, or that followed by only
    that they write now ("pappa här, jag skriver lite" was saved as an answer; persona round), or why
    ("hej det är pappa nu, ella bad mig skriva en sak")."""
    if says_who_writes(text):
        return True
    split = _writer_split(text)
    return split is not None and not _without_handover(split[1])


WRITER_ERRAND_MAX_WORDS = 8  # "ella bad mig skriva en sak"; a longer clause may hold the answer


def _without_handover(text: str) -> str:
    """`text` without the clauses at its start that only say the writer takes over ("jag skriver lite") or
    why they write ("ella bad mig skriva en sak"; `writer_errands`); "" when nothing else is left."""
    rest = text
    while _words(rest):
        end = _CLAUSE_END.search(rest)
        head = rest[:end.start()] if end else rest
        errand = len(_words(head)) <= WRITER_ERRAND_MAX_WORDS and _names_one_of(head, "writer_errands")
        if not (errand or _takes_over(head)):
            return rest.strip()
        rest = rest[end.end():] if end else ""
    return ""


def _takes_over(text: str) -> bool:
    """"jag skriver lite", "jag tar över nu": one of `writer_takes_over`, then only its small words."""
    words, small = _words(text), set(_phrases("writer_takes_over_words"))
    return any(words[:len(parts)] == parts and set(words[len(parts):]) <= small
               for parts in (phrase.split() for phrase in _phrases("writer_takes_over")))


def who_writes_clause(text: str | None) -> str | None:
    """The part of a message that says who writes now: all of it when it says only that, else its first
    clause ("det är mamma" of "det är mamma. han cyklar själv"); None when it does not say who writes."""
    if says_who_writes(text):
        return text
    split = _writer_split(text)
    return split[0] if split else None


def writer_kind(clause: str | None) -> str | None:
    """Who a clause that says who writes names: "guardian" for a parent (writer_guardians, also "alvas
    pappa", "hennes mamma"), "young" for a first name, or "jag" with a word of coming back ("det är jag
    igen"); None for anyone else (a grandparent, a sibling, "det är jag nu")."""
    words = _without_fillers(_words(clause))
    words, _ = _cut_start(words, "writer_greetings")
    words, _ = _cut_start(words, "writer_openers")
    words, tail = _cut_end(words, "writer_tails")
    who = _writer(words)
    if who is not None and words[-1] in _phrases("writer_guardians"):
        return "guardian"
    if (who == "name" and len(words) == 1) or (who == "self" and tail in _phrases("writer_tails_back")):
        return "young"
    return None


def role_after_writer(kind: str | None, role: str | None, young_answered: bool) -> str | None:
    """The role answers are saved under once `kind` (writer_kind) writes, None when it stays `role`: a
    parent taking over from the young person answers as a guardian (handover_role); the young person
    back after that answers as themself, when they answered this preparation before ("alva igen" after
    her dad's answers; a name alone may be the parent's own when a parent began)."""
    current = speaks_as(role)  # a familjehem with the child hands over as the young person would
    if kind == "guardian" and current == YOUNG:
        return content()["handover_role"]
    if kind == "young" and current != YOUNG and young_answered:
        return YOUNG
    return None


def _writer(words: list[str]) -> str | None:
    """"name" for a first name or whose person it is ("alvas pappa", "hennes mamma"), "self" for
    "jag", "person" for a parent or a sibling, None for anything else."""
    names, people = set(_phrases("writer_names")), set(_phrases("writer_people"))
    if len(words) == 1:
        word = words[0]
        return "name" if word in names else "self" if word in _phrases("writer_self") else \
            "person" if word in people else None
    if len(words) == 2 and words[1] in people and (words[0] in _phrases("writer_possessives")
                                                   or (words[0].endswith("s") and words[0][:-1] in names)):
        return "name"
    return None


def _cut_start(words: list[str], key: str) -> tuple[list[str], bool]:
    """`words` without one of the phrases under `key` at the start (something must be left)."""
    for phrase in _phrases(key):
        parts = phrase.split()
        if len(words) > len(parts) and words[:len(parts)] == parts:
            return words[len(parts):], True
    return words, False


def _cut_end(words: list[str], key: str) -> tuple[list[str], str | None]:
    """`words` without one of the phrases under `key` at the end, and that phrase."""
    for phrase in _phrases(key):
        parts = phrase.split()
        if len(words) > len(parts) and words[-len(parts):] == parts:
            return words[:-len(parts)], phrase
    return words, None


def school_word_asked(text: str | None) -> str | None:
    """At the school list, "va e redovisa" (a word alone asked about) or "vad menas med muntliga prov"
    (a word of the list): never a wish (persona round, session 34: saved as the school wish)."""
    word = asks_about_a_word(text)
    if word is not None:
        return word
    meaning = _meaning_asked(text)
    return meaning if meaning in _school_words() else None


@lru_cache(maxsize=1)
def _school_words() -> frozenset[str]:
    """The words of the school list as any role is asked it, and its heading."""
    texts = [school_ask_text(role["id"], None) for role in roles()] + [school_ask_text("ung", 0), school()["heading"]]
    return frozenset(word for text in texts for word in _words(text))


def asks_if_saved(text: str | None) -> bool:
    """"sparades det som svar?": whether the last message was kept as an answer."""
    return _names_one_of(text, "asks_if_saved")


def asks_who_sees(text: str | None) -> bool:
    """"vem ser svaret på fråga 9", "ser dom ju fråga 9 också?": who reads the answers."""
    return _names_one_of(text, "who_sees")


def asks_what_becomes_of_the_answers(text: str | None) -> bool:
    """"va händer me svaren", "vart hamnar det ja skriver": one of `answers_fate` and a word for the answers."""
    return _names_one_of(text, "answers_fate") and speaks_of_the_answers(text)


# Verbs of seeing or reading (_SEEING) and someone other than the writer who may see the answers (_OTHERS,
# parent_words too: the one who sees, right before or after the verb), folded.
SEEING_WORDS_FILE = ROOT / "knowledge" / "preparation_seeing_words.yml"
_SEEING_WORDS = yaml.safe_load(SEEING_WORDS_FILE.read_text(encoding="utf-8"))
_SEEING: frozenset[str] = folded_words(_SEEING_WORDS["seeing"])
_OTHERS: frozenset[str] = folded_words(_SEEING_WORDS["others"])


def asks_if_someone_sees(text: str | None) -> bool:
    """"ser mamma det här", "kan hon läsa det", "jag frågade om mamma ser mina svar": whether someone else
    sees the answers (session 38: Sara, 17, had "asså ser mamma det här" saved as what mattered most to her).
    A verb of seeing with a person right before or after it, and after it only the answers or words that
    point at them (who_sees_this_words). Not whether the message asks: the caller decides that."""
    words = _words(text)
    at = next((i for i, word in enumerate(words) if word in _SEEING), None)
    if at is None:
        return False
    others = _OTHERS | set(_phrases("parent_words"))
    after = words[at + 1:at + 3] if words[at + 1:at + 2] in (["min"], ["mina"]) else words[at + 1:at + 2]
    if not others & set(words[max(at - 2, 0):at] + after):
        return False
    small = {word for key in ("who_sees_this_words", "fillers") for phrase in _phrases(key) for word in phrase.split()}
    rest = {word for word in words[at + 1:] if word not in others}
    return speaks_of_the_answers(text) or rest <= small


def points_at_the_answers(text: str | None) -> bool:
    """"vem får läsa de här?", "vem kan se det sen": one of `who_sees` with nothing else but
    `who_sees_this_words` and fillers. Inside the preparation that is the answers (persona round, session
    36: it got the article on copies of the finished plan); "vem får läsa planen?" is not."""
    said = " ".join(_words(text))
    small = {word for key in ("who_sees_this_words", "fillers") for phrase in _phrases(key) for word in phrase.split()}
    return any(_only_with(said, phrase, small) for phrase in _phrases("who_sees"))


def says_they_are_leaving(intent: str | None, confidence: float, text: str | None) -> bool:
    """"asså jag måste gå nu, mamma ropar": a goodbye with words of leaving ("att ha det bra" may read as
    a goodbye too, and is an answer). Words of leaving right now ("måste äta nu", "vänta jag måste gå")
    count with any goodbye the classifier settled on: read as goodbye 0.69 and 0.64, both were saved
    as answers (persona round, session 33)."""
    if intent != "goodbye":
        return False
    return _names_one_of(text, "leaving_now") or (confidence >= LEAVING_MIN_CONFIDENCE
                                                  and _names_one_of(text, "leaving"))


def tells_heavy_feelings(text: str | None) -> bool:
    """"jag e ledsen hela tiden", "kan inte sova": a heavy feeling told in an answer (heavy_feelings)."""
    return _names_one_of(text, "heavy_feelings")


def asks_about_old_versions(text: str | None) -> bool:
    """"det ja skrev första gången syns det fortfarande?": where an answer's earlier version shows."""
    return _names_one_of(text, "old_version_words") and _names_one_of(text, "shows_words") \
        and not wants_old_versions_deleted(text)


def wants_old_versions_deleted(text: str | None) -> bool:
    """"ta bort gamla versioner": every earlier version of the answers is deleted."""
    return _names_one_of(text, "delete_old_versions")


def tells_strong_feelings(text: str | None) -> bool:
    """"jag hatar min mentor hon e så jävla orättvis": strong words about something hard."""
    return _names_one_of(text, "strong_feelings")


_QUESTION_NUMBER = re.compile(r"\bfraga\s*\d{1,2}\b")


def _names_one_of(text: str | None, key: str) -> bool:
    """Whether `text` holds one of the phrases under `key` anywhere, as whole words."""
    said = " ".join(_words(text))
    return any(re.search(rf"\b{re.escape(phrase)}\b", said) for phrase in _phrases(key))


def speaks_about_the_questions(text: str | None) -> bool:
    """"det där var en fråga inte ett svar", "du svarade inte", "skillnaden på fråga 3 och fråga 1":
    about the questions or the bot's replies, not an answer."""
    return bool(_QUESTION_NUMBER.search(" ".join(_words(text)))) or _names_one_of(text, "about_the_questions")


def says_something_of_the_replies(text: str | None) -> bool:
    """"det där var inte ett svar", "du sparade": words about the bot's replies (about_the_questions),
    without a question's number ("vem ser svaret på fråga 9" asks who sees that answer)."""
    return _names_one_of(text, "about_the_questions")


def about_the_questions_reply(step: str) -> str:
    """What is saved and how to change the answer just given, at question `step`: its example names the
    question before it (session 38: "ändra fråga 2" was said at question 2, the answer in doubt being 1)."""
    previous = previous_question(step)
    if previous is None:
        return content()["about_the_questions_reply_first"]
    return content()["about_the_questions_reply"].format(number=number_of(previous))


def asks_how_many_are_left(text: str | None) -> bool:
    return _names_one_of(text, "how_many_left")


def how_many_are_left(step: str) -> str:
    number, total = question(step).number, len(questions())
    return content()["left"].format(number=number, total=total, left=total - number) if number < total \
        else content()["left_none"]


def asks_about_a_gap(text: str | None, question_asked: Question) -> bool:
    """A question about a topic the material does not cover ("kan mamma få tolk"), where the
    question asked does not name that topic itself (what the meeting needs: "…eller tolk")."""
    if gap_in(text) is None or any(gap_in(wording) for wording in question_asked.ask.values()):
        return False
    return "?" in (text or "") or bool(set(_words(text)) & set(_phrases("asking_words")))


def answers_so_far(stored: dict[str, str | None], step: str, guardian: bool = False,
                   givers: dict[str, str] | None = None) -> str:
    """The questions before `step` with their answers (all of them where `step` is no question, as at
    the summary), or that none is answered yet. `givers`: who gave each answer (answered_by)."""
    current = question(step)
    texts, reached = content(), [q for q in questions() if current is None or q.number < current.number]
    if not any(stored.get(q.key) for q in reached):
        return texts["no_answers_yet"]
    lines = [f"{q.number}. {q.title_for(guardian)}: {shown_answer(q.key, stored, givers)}" for q in reached]
    return "\n".join([texts["answers_so_far"], *lines])


def shown_answer(key: str, stored: dict[str, str | None], givers: dict[str, str] | None = None) -> str:
    """The answer to `key` as a list of answers shows it: "(hoppade över)" when skipped, and marked as a
    parent's (written_by) when the young person gave others: a parent who took the phone must not be read
    as the child at the meeting (persona round)."""
    answer, givers = stored.get(key), givers or {}
    if not answer:
        return content()["skipped"]
    mark = content()["written_by"].get(givers.get(key) or "")
    young_too = any(by in childs_own_givers() for by in givers.values())
    return f"{answer} {mark}" if mark and young_too else answer


def asks_why(text: str | None) -> bool:
    """"varför frågar du det?": a question about why the preparation asks, not an answer."""
    return _says(text, "asks_why")


def asks_to_go_back(text: str | None) -> bool:
    """"tillbaka", "jag vill gå tillbaka till förra frågan": not an answer either. Not "jag vill ändra förra.
    bara bup", which gives the new answer too (said_last_was_wrong)."""
    if goes_back_with_no_answer(text):
        return True
    if not _says(text, "go_back"):
        return False
    last = said_last_was_wrong(text, change_words=True)
    return last is None or last.new is None


@lru_cache(maxsize=1)
def _back_then_answer() -> re.Pattern:
    """"vänta förra frågan, " at the start of a message (on _fold_in_place text): fillers, one of `go_back`,
    any `go_back_tails`, then a comma, full stop or the like."""
    fillers = "|".join(re.escape(phrase) for phrase in _phrases("fillers"))
    return re.compile(rf"^[\W_]*(?:(?:{fillers})[\W_]+)*(?:{_one_of('go_back')})"
                      rf"(?:\s+(?:{_one_of('go_back_tails')}))*\s*[,.;:!\n–-]+")


def _after_going_back(text: str | None) -> str | None:
    """What follows "vänta förra frågan, " at the start of a message; None without such a start."""
    match = _back_then_answer().match(_fold_in_place(text or ""))
    return (text or "")[match.end():] if match else None


def goes_back_with_no_answer(text: str | None) -> bool:
    """A wish to go back followed by words that name a mistake or say nothing (`go_back_no_answer`, or only
    fillers): "kan vi gå tillbaka, jag menade något annat" replaced answer 9 with "något annat", "tillbaka, jag
    vet inte" was saved as an answer (review of session 39). It goes back and asks the question before again."""
    from actions.check_in_answer import tells_feelings_or_danger  # here: check_in_answer imports this module

    after = _after_going_back(text)
    if after is None or tells_feelings_or_danger(after):
        # "tillbaka, jag menade att pappa slår mig" is an answer to keep, with its help line (second read).
        return False
    return not _content_words(_words(after)) or _names_one_of(after, "go_back_no_answer")


def answer_after_going_back(text: str | None) -> str | None:
    """The new answer to the question before, typed after a wish to go back ("vänta förra frågan, jag vill inte
    att dom pratar om betyg"): it went back and the answer was lost (persona round, session 39: Noah, 13). None
    when nothing, fillers, a mistake named, a question or another wish to change follows."""
    after = _after_going_back(text)
    if after is None or goes_back_with_no_answer(text):
        return None
    new = _new_answer_after(after)
    words = _words(new)
    # "tillbaka, tack" or "förra frågan. vad var den" is no answer: it goes back, as before.
    if new is None or not _content_words(words) or words[0] in _phrases("asking_words") \
            or words[0] in _QUESTION_OPENERS or asks_what_we_mean(new) or speaks_of_the_form(new):
        return None
    return new


_QUESTION_OPENERS = {"varfor", "vilken", "vilket", "vilka", "var", "vart"}


def cannot_be_bothered(text: str | None) -> bool:
    """"orka", "orkar inte", "orka 😤" alone: the young person cannot be bothered now, a pause (persona round,
    session 39: "orka" was saved as what Noah, 13, needed help with). Not "orkar inte gå i skolan"."""
    said = " ".join(_words(text))
    small = set(_phrases("skip_fillers")) | set(_phrases("cannot_be_bothered_fillers"))
    return any(_only_with(said, phrase, small) for phrase in _phrases("cannot_be_bothered"))


def presses_an_old_save_button(text: str | None) -> bool:
    """The check's "Ja, spara" (`doubtful_save`) with nothing else: with no answer held back it is an old
    button, never an answer (persona round, session 39: saved as answer 2)."""
    return bool(_words(text)) and _words(text) == _words(content()["doubtful_save"])


def asks_what_if_i_write(text: str | None) -> bool:
    """"vanta om jag skriver han slar, skolan ser det och ringer socialen?": what happens if they write
    something (`what_if_i_write` first, after fillers, and a "?"); the part before the comma was saved as the
    answer (persona round, session 39)."""
    words = " ".join(_without_fillers(_words(text)))
    return "?" in (text or "") and any(words == phrase or words.startswith(f"{phrase} ")
                                       for phrase in _phrases("what_if_i_write"))


def asks_about_the_bot(text: str | None) -> str | None:
    """"varför fick jag en hjälp-knapp nyss? …": the reply about the bot itself (`why_help_button` when a button
    is named, else `why_the_bot_did`), None when the message does not open with one of `asks_about_the_bot`
    (persona round, session 39: saved as Elin's answer 3)."""
    words = " ".join(_without_fillers(_words(text)))

    def opens_with(key: str) -> bool:
        return any(words == phrase or words.startswith(f"{phrase} ") for phrase in _phrases(key))

    button = _names_one_of(text, "button_words")
    if not opens_with("asks_about_the_bot") and not (
            opens_with("asks_about_what_came") and (button or _names_one_of(text, "just_now_words"))):
        return None
    return content()["why_help_button" if button else "why_the_bot_did"]


def says_they_did_it_before(text: str | None) -> bool:
    """"vänta ja har redan gjort den förut" at the role or age question (`done_before`): got "Välj en av
    knapparna" (persona round, session 39: Noah, 13)."""
    return _names_one_of(text, "done_before")


@lru_cache(maxsize=1)
def _parent_says_so() -> re.Pattern:
    """"jag ar mamma", "ja e hans pappa", "jag är yusufs mamma" (folded words)."""
    possessive = rf"(?:(?:{_one_of('parent_possessives')})\s+|[^\W\d_]+s\s+)?"
    return re.compile(rf"\b(?:{_one_of('parent_i_am')})\s+{possessive}(?:{_one_of('parent_roles')})\b")


def says_they_are_the_parent(text: str | None) -> bool:
    """The writer says they are the child's parent ("jag ar mamma. 38 ar", "jag ar inte barnet!! jag ar mamma"):
    at the age question after the young person's role it went on as the child (persona round, session 39)."""
    return bool(_parent_says_so().search(" ".join(_words(text))))


def parents_role(text: str | None) -> str:
    """The parent's role a parent's message names: with the child when it says so, else for the child."""
    return "med_barnet" if parse_role(text or "") == "med_barnet" else "for_barnet"


def childs_age_in(text: str | None) -> int | None:
    """The one age a parent gives for the child in a message that may give their own too ("jag ar mamma. 38 ar.
    yusuf ar 9" is 9): digits up to MAX_AGE in clauses without "jag"; None when there is not exactly one."""
    ages = [int(number) for clause in _CLAUSE_END.split(text or "") if not {"jag", "ja"} & set(_words(clause))
            for number in _NUMBER.findall(_fold(clause)) if 0 < int(number) <= MAX_AGE]
    return ages[0] if len(ages) == 1 else None


LEAVING_MIN_CONFIDENCE = 0.8
ROLE_CHANGE_MAX_WORDS = 10  # longer messages are answers that may mention a parent or "barnet"


def wants_other_role(text: str | None) -> bool:
    """"oj fel knapp ja e inte förälder": the role chosen was wrong."""
    folded = " ".join(_words(text))
    return len(folded.split()) <= ROLE_CHANGE_MAX_WORDS and any(
        re.search(rf"\b{re.escape(_fold(phrase))}\b", folded) for phrase in content()["role_change"])


def _says(text: str | None, phrases_key: str) -> bool:
    """The message is one of the phrases under `phrases_key` in the questions file, or starts with
    one of more than one word."""
    folded = re.sub(r"[^\w ]", "", _fold(text or "")).strip()
    for filler in _phrases("fillers"):
        if folded.startswith(f"{filler} "):
            folded = folded[len(filler) + 1:]
            break
    return bool(folded) and any(folded == p or (" " in p and folded.startswith(f"{p} "))
                                for p in _phrases(phrases_key))


@lru_cache(maxsize=None)
def _phrases(key: str) -> tuple[str, ...]:
    """Longest first, so "nej vänta" is taken before "nej"."""
    return tuple(sorted((_fold(phrase) for phrase in content()[key]), key=len, reverse=True))


def previous_question(step: str) -> str | None:
    """The question before `step` in the list, or None for the first (and for other steps)."""
    keys = [q.key for q in questions()]
    return keys[keys.index(step) - 1] if step in keys[1:] else None


# A short message the classifier is this sure starts or greets: navigation, not an answer.
NAVIGATION_CONFIDENCE = 0.8
NAVIGATION_MAX_WORDS = 5


def navigates(intent: str | None, confidence: float, text: str | None) -> bool:
    """"hej", "jag vill fortsätta", "jag vill förbereda mig" typed where an answer is wanted."""
    return intent in content()["navigation_intents"] and confidence >= NAVIGATION_CONFIDENCE \
        and len((text or "").split()) <= NAVIGATION_MAX_WORDS


def age_given_with_role(text: str) -> int | None:
    """An age written as digits in the answer to who answers ("det e jag, jag e 14"). Digits only:
    "jag fyller i för ett barn" names no age."""
    return parse_age(text).age if re.search(r"\d", text or "") else None


@dataclass(frozen=True)
class ReviewCommand:
    action: str  # "edit", "remove", "confirm" or "unknown"
    key: str | None = None
    text: str | None = None  # the new answer given with an edit ("ändra 1 till att klara nian")
    more: tuple[str, ...] = ()  # the questions to change after this one ("ändra 6 och 7 och 8")


# "ta bort 11", "radera svaret på fråga 3": the answer is removed, as if skipped (persona round,
# session 23: typed at the summary and not understood). Only with nothing but these words around
# the number: "ta bort ordet pappa i fråga 3" wants an edit, "ta bort 3 och 5" is asked again.
# "ta bort 5 den blev fel" got the template while "ta bort fråga 5" worked (persona round, session 39: Noah, 13):
# that the answer was wrong may follow the number.
_REMOVE = re.compile(r"^(?:kan du |jag vill |snalla )?(?:ta bort|tabort|radera|stryk)\s+"
                     r"(?:(?:svaret|svar|pa|fraga|fragan|nummer|nr)\s+)*(\d{1,2})"
                     r"(?:[\s,.]+(?:(?:den|det|de|dom|svaret)\s+)?(?:blev|var|va|e|ar)\s+(?:(?:ju|helt|typ)\s+)*fel)?"
                     r"(?:[\s,.]+tack)?\s*\??$")
# "ändra 6 och 7 och 8" changed only 6 (persona round, session 30): a list of numbers and nothing else.
# Verification round, session 31: "vill ändra 5 o 10" and "kan ja ändra 2 4 o 11" changed only the first.
_EDIT_MANY = re.compile(r"^(?:(?:kan|vill|ska) (?:jag|ja|man) |(?:jag|ja) vill |vill |snalla )?"
                        r"(?:andra|redigera|byt|fixa|ratta)\w*\s+"
                        r"(?:(?:pa|fraga|fragorna|fragan|svaren|svaret|svar|nummer|nr)\s+)*"
                        r"(\d{1,2}(?:(?:\s*(?:,|och|o|&|samt|\+)\s*|\s+)(?:(?:pa|fraga|nr)\s+)?\d{1,2})+)"
                        r"(?:\s+(?:tack|igen))?\s*\??$")
_EDIT = re.compile(r"\b(?:andra|redigera|byt|fixa|rätta|ratta)\w*\b\D*?(\d{1,2})\b|^\s*(?:fraga\s*)?(\d{1,2})\s*$")
_CONFIRM = {"klart", "klar", "det stammer", "stammer", "ja", "japp", "jag ar klar", "spara", "ok", "okej",
            "bekrafta", "ja det stammer", "ja, det stammer", "allt stammer", "ja klart", "det ar klart"}


# "skolan" as a word: "skolsköterskan o bup", an answer typed at the summary, opened the school part
# (verification round, session 31).
_SCHOOL_WORD = r"skol(?:an|a|delen|biten|grejen|modulen|fragan|fragorna)?\b"
_EDIT_SCHOOL = re.compile(rf"\b(?:andra|redigera|byt|fixa|ratta)\w*\b\D*?\b{_SCHOOL_WORD}|^\s*{_SCHOOL_WORD}")


# "andra fråga tre" was saved as the answer to question 6 (verification round, session 29): a number
# in words after a word for the question, or alone after the verb. Not "en"/"ett" ("ändra svaret på
# en fråga").
_NUMBER_WORDS = {"tva": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "atta": 8, "nio": 9, "tio": 10,
                 "elva": 11}
_NUMBER_WORD = "|".join(_NUMBER_WORDS)
_AFTER_A_QUESTION_WORD = re.compile(rf"\b(fraga|fragan|nr|nummer|svaret|svar)\s+({_NUMBER_WORD})\b")
_VERB_AND_NUMBER_WORD = re.compile(rf"^((?:andr\w*|ta bort|radera|stryk)\s+)({_NUMBER_WORD})$")


def with_digits(folded: str) -> str:
    """"andra fraga tre" -> "andra fraga 3" (folded text)."""
    folded = _AFTER_A_QUESTION_WORD.sub(lambda m: f"{m.group(1)} {_NUMBER_WORDS[m.group(2)]}", folded)
    return _VERB_AND_NUMBER_WORD.sub(lambda m: f"{m.group(1)}{_NUMBER_WORDS[m.group(2)]}", folded)


# "ändra 1 till att klara 9an och typ må bra": the question was asked again and the new answer
# thrown away (persona round, session 30). Digits only; "till" right after the number.
_NEW_ANSWER = re.compile(r"\d{1,2}\s+till\s*:?\s+(\S.*)$", re.IGNORECASE | re.DOTALL)


def _new_answer(text: str) -> str | None:
    found = _NEW_ANSWER.search(text.strip())
    return found.group(1).strip() if found else None


# Outside the form a command must say what to do: at the summary "skolan" or "9" alone means "ändra",
# but "skolan" typed to the 3.3 guide's "kommunen eller regionen?" asked for a reference (session 33).
_SAYS_A_CHANGE = re.compile(r"\b(?:andra|redigera|byt|fixa|ratta|ta bort|tabort|radera|stryk)")


def says_what_to_change(text: str | None) -> bool:
    """Whether the message has a verb of changing or removing ("ändra", "ta bort", "byt"…)."""
    return bool(_SAYS_A_CHANGE.search(_fold(text or "")))


def review_change(text: str | None) -> ReviewCommand | None:
    """At the summary, what parse_review does not take: "wtf nr 2 e ju helt fel, kan jag ändra den", "2 e
    fel. det e skolan", "fråga 8 vill jag ändra" (persona round, Nova, 15: got the "ändra fråga 3" template).
    An edit of that answer, with the new answer when one follows; None for anything else."""
    wrong = said_to_be_wrong(text, bare=True)
    if wrong is not None:
        number, new = wrong
        return ReviewCommand("edit", questions()[number - 1].key, new) if 1 <= number <= len(questions()) else None
    key = question_named(text)
    return ReviewCommand("edit", key) if key and says_what_to_change(text) and not _REMOVES.search(_fold(text or "")) \
        else None


_REMOVES = re.compile(r"\b(?:ta bort|tabort|radera|stryk)\b")


def asks_at_the_review(text: str | None) -> bool:
    """Whether a message at the summary may be a question to answer: it changes, removes or confirms
    nothing ("kan du spara", "är det klart" are about the summary)."""
    words = set(_words(text))
    return parse_review(text or "").action == "unknown" and review_change(text) is None \
        and not says_what_to_change(text) and not asks_who_sees(text) and not words & _CONFIRM_MARKS \
        and not {"sammanfattningen", "sammanfattning", "svaren", "svar", "fraga", "fragan"} & words


def parse_review(text: str) -> ReviewCommand:
    folded = with_digits(_fold(text).strip(".!"))
    many = _EDIT_MANY.search(folded)
    if many:
        numbers = list(dict.fromkeys(int(n) for n in re.findall(r"\d{1,2}", many.group(1))))
        if all(1 <= n <= len(questions()) for n in numbers):
            keys = [questions()[n - 1].key for n in numbers]
            return ReviewCommand("edit", keys[0], more=tuple(keys[1:]))
        return ReviewCommand("unknown")
    for action, pattern in (("remove", _REMOVE), ("edit", _EDIT)):
        match = pattern.search(folded)
        if match:
            number = int(match.group(1) or match.group(2))
            if 1 <= number <= len(questions()):
                return ReviewCommand(action, questions()[number - 1].key,
                                     _new_answer(text) if action == "edit" else None)
            return ReviewCommand("unknown")
    if _EDIT_SCHOOL.search(folded):  # "ändra skolan": the school module's list again
        return ReviewCommand("edit", SCHOOL_WISHES)
    # "visst", "ja men", "ok kör" at "Stämmer allt?" were asked again five times (persona round, session 39).
    if folded in _CONFIRM or _confirms_in_words(folded) or says_only_yes(text):
        return ReviewCommand("confirm")
    return ReviewCommand("unknown")


# "Det stämmer, spara" typed (the button's title), "japp spara": a confirm said in these words only
# (persona round, session 24: asked again in a loop). Any other word ("inte") makes it no confirm.
_CONFIRM_WORDS = {"det", "stammer", "spara", "ja", "japp", "jepp", "ok", "okej", "klart", "klar", "allt", "bekrafta",
                  "jag", "ar", "tack", "yes", "gor", "nu", "bra", "sa", "e",
                  "de"}  # "ja de stammer" (verification round, session 32)
_CONFIRM_MARKS = {"stammer", "spara", "klart", "klar", "bekrafta"}


# "ja de stämer" got the help on changing answers (verification round, session 34): "stämmer" as it
# is often misspelt (stämer, stämme, stämmmer, stämmr), folded.
_STAMMER_MISSPELT = re.compile(r"^stam{1,3}(?:er|e|r)$")


def _confirms_in_words(folded: str) -> bool:
    if folded.rstrip().endswith("?"):  # "är det klart?" asks
        return False
    words = {"stammer" if _STAMMER_MISSPELT.match(word) else word for word in re.findall(r"\w+", folded)}
    return bool(words & _CONFIRM_MARKS) and words <= _CONFIRM_WORDS


# "kan jag ändra det jag skrev på fråga 2" in the middle of the preparation (persona round, session
# 24: saved as the answer to the question then asked). The verb must be "ändra" (or "fixa",
# "rätta"…): folded, "andra" is also "others" ("jag vill inte att andra ser mina svar"), so without
# å/ä/ö it counts only first or after "kan jag", "jag vill"… Then a word for the question or the
# answer before the number ("byta skola 2 gånger" is an answer); without a number, only a short
# request that opens like one ("kan jag ändra mina svar sen?").
_CHANGE_VERB = re.compile(r"\b(?:ändr|redigera|fixa|rätta|ratta)\w*\b")
# "ok. andra fraga 8 ocksa" (persona round, session 32): after a word that opens a turn too.
_CHANGE_VERB_FOLDED = re.compile(r"^(?:(?:ok|okej|och|o|sen|nu|men|vanta) )?"
                                 r"(?:(?:kan|far|ska|vill) (?:jag|ja|man|vi) |(?:jag|ja) vill |hur )?andr\w*\b")
_CHANGE_EARLIER = re.compile(r"\b(?:fraga|fragan|svaret|svar|nummer|nr)(?:\s+(?:pa|till|pa fraga|nummer|nr))?\s*(\d{1,2})\b")
# "vänta kan ja ändra det förra svaret? ja menade att…" (persona round, session 26: saved as an answer).
# "förra" alone too ("ändra förra"), but not "förra veckan".
_CHANGE_PREVIOUS = re.compile(r"\bforra\b(?! (?:veckan|vecka|gangen|aret|manaden|terminen|lektionen|motet))")
_CHANGE_ANY = re.compile(r"^(?:kan jag|kan ja|kan man|far jag|far man|jag vill|ja vill|hur)\b.*"
                         r"\b(?:svar|svaret|svaren|skrev|skrivit)\b")
CHANGE_ANY_MAX_WORDS = 12
_CHANGE_NUMBER_ONLY = re.compile(r"^(?:andr|fixa|ratta)\w*\s+(\d{1,2})(?:an|en|or)?$")
# "vill byta det ja skrev forst" was saved as an answer (verification round, session 32): a verb of
# changing before "det jag skrev" is a change ("byta skola" alone is an answer).
_REWRITE = re.compile(r"\b(?:byt\w*|andra|fixa|ratta)\s+(?:det|svaret|mitt svar)\s+(?:ja|jag)\s+(?:skrev|skrivit)\b")


@dataclass(frozen=True)
class ChangeRequest:
    key: str | None  # the question to answer again; None when no question that can be changed was named
    # "now" (key given), "how" (no number), "not_yet" (a question not reached), "remove" (the answer to `key`
    # is to be removed, and the question asked comes again)
    reason: str
    text: str | None = None  # the new answer, given in the same message ("nr 3 e fel. det e skolan")


def wants_to_change(text: str | None, step: str) -> ChangeRequest | None:
    """A wish, typed at question `step`, to change an earlier answer; None for an answer."""
    folded = with_digits(" ".join(_words(text)))
    current = question(step)
    wrong = said_to_be_wrong(text)
    if current is not None and wrong is not None:
        change = _change_to(wrong[0], current)
        return ChangeRequest(change.key, change.reason, wrong[1]) if change.key else change
    # "ändra det" at the first question has no answer before it to change: the usual checks ("how").
    last = said_last_was_wrong(text, change_words=previous_question(step) is not None) if current is not None else None
    if last is not None:
        # The answer just given, to the question before; at the first question there is none, so the new
        # answer is this one's.
        return ChangeRequest(previous_question(step) or step, "remove" if last.remove else "now", last.new)
    if current is not None and wants_last_removed(text):
        return ChangeRequest(previous_question(step) or step, "remove")
    rewrite = bool(_REWRITE.search(folded))
    if current is None or not (_CHANGE_VERB.search((text or "").lower()) or _CHANGE_VERB_FOLDED.search(folded)
                               or rewrite):
        return None
    match = _CHANGE_EARLIER.search(folded)
    if match is None:
        # "andra 5": the verb and a number alone (persona round, session 29: saved as answer 6).
        match = _CHANGE_NUMBER_ONLY.match(folded)
    if match is None and _CHANGE_PREVIOUS.search(folded):
        previous = previous_question(step)
        return ChangeRequest(previous, "now") if previous else ChangeRequest(None, "how")
    if match:
        return _change_to(int(match.group(1)), current)
    if len(folded.split()) <= CHANGE_ANY_MAX_WORDS and (_CHANGE_ANY.search(folded) or rewrite):
        return ChangeRequest(None, "how")
    return None


def _change_to(number: int, current: Question) -> ChangeRequest:
    """The change of answer `number` asked for at question `current`."""
    if not 1 <= number <= len(questions()):
        return ChangeRequest(None, "how")
    if number > current.number:
        return ChangeRequest(None, "not_yet")
    return ChangeRequest(questions()[number - 1].key, "now")


def _fold_in_place(text: str) -> str:
    """As _fold, without the strip: each character stays where it was, so a match points into `text`."""
    return str(text or "").lower().translate(str.maketrans("åäöé", "aaoe"))


def _hedged(phrase: str) -> str:
    """A phrase of `answer_is_wrong` with any of `answer_is_wrong_hedges` between its words ("e ju helt fel")."""
    hedges = "|".join(re.escape(word) for word in _phrases("answer_is_wrong_hedges"))
    return rf"(?:\s+(?:{hedges}))*\s+".join(re.escape(word) for word in phrase.split())


@lru_cache(maxsize=2)
def _wrong_answer(bare: bool = False) -> re.Pattern:
    """"nr 3 e fel"; with `bare`, at the summary, also "2 e ju helt fel" at the start (after fillers)."""
    wrong = "|".join(_hedged(phrase) for phrase in _phrases("answer_is_wrong"))
    named = r"\b(?:fraga|fragan|svaret|svar|nummer|nr)\.?(?:\s+(?:pa|till|pa fraga|nummer|nr))?\s*"
    if bare:
        fillers = "|".join(re.escape(phrase) for phrase in _phrases("fillers") + ("wtf", "assa", "ah", "oj"))
        named = rf"(?:{named}|^\W*(?:(?:{fillers})\W+)*)"
    return re.compile(rf"{named}(\d{{1,2}}|{_NUMBER_WORD})(?:an|en|or)?[\s,.!:]*(?:{wrong})\b")


def said_to_be_wrong(text: str | None, bare: bool = False) -> tuple[int, str | None] | None:
    """"nej nr 3 e fel. det e skolan o magen": the number of the answer said to be wrong, and the new
    answer after it (without "det e"), or None when nothing follows (persona round, session 34: saved
    as answer 5). None for a message that says no answer is wrong. `bare`: a number alone counts at the
    start ("2 e fel"), as at the summary."""
    match = _wrong_answer(bare).search(_fold_in_place(text or ""))
    if match is None:
        return None
    number = match.group(1)
    return (int(number) if number.isdigit() else _NUMBER_WORDS[number]), _new_answer_after((text or "")[match.end():])


def _new_answer_after(rest: str) -> str | None:
    """The new answer typed after a correction ("… det e skolan o magen"), without its opener; None
    when nothing, fillers, a question or a wish to change follows."""
    rest = re.sub(r"^[\W_]+", "", rest)
    for opener in _phrases("correction_openers"):
        if re.match(rf"{re.escape(opener)}\b", _fold_in_place(rest)):
            rest = re.sub(r"^[\W_]+", "", rest[len(opener):])
            break
    new = rest.strip()
    words = _words(new)
    fillers = set(_phrases("fillers"))
    # "nr 3 e fel asså" or "nr 3 e fel. kan jag ändra det?" gives no new answer: question 3 again.
    if not words or all(word in fillers for word in words) or new.endswith("?") or says_what_to_change(new):
        return None
    return new


@dataclass(frozen=True)
class Correction:
    """The last answer said to be wrong ("nej vänta det var inte mitt svar"), and the new one if typed;
    `remove`: it is to be removed ("… ta bort det")."""
    new: str | None
    remove: bool = False


def said_last_was_wrong(text: str | None, change_words: bool = False) -> Correction | None:
    """"nej vänta det var inte mitt svar. mitt svar e att slippa…", "det blev fel": a sentence of its own
    (after fillers) that says the answer just saved was wrong, and the new answer after it. Saved as
    answer 2 instead of replacing answer 1 (persona round, Nova, 15). "allt blev fel i skolan" answers.
    `change_words`: also a wish to change it ("nej vänta, ändra de. bara bup inte skolan", "ändra det till
    bara bup"; `change_last_*`), as at the preparation's questions (persona round, session 36)."""
    fillers = set(_phrases("fillers")) | set(_phrases("correction_fillers"))
    said = text or ""
    if change_words and _CHANGE_EARLIER.search(with_digits(" ".join(_words(said)))):
        change_words = False  # "ändra det på fråga 3": question 3, not the last answer
    if change_words and (to := _change_last_to().match(_fold_in_place(said))) is not None:
        return Correction(_new_answer_after(said[to.end():]))

    def says_it(words: list[str]) -> bool:
        joined = " ".join(words)
        return joined in _phrases("not_my_answer") or (change_words and _change_last().fullmatch(joined) is not None)

    for end in [*_CLAUSE_END.finditer(said), None]:
        head = said[:end.start()] if end else said
        words = _words(head)
        while words and words[0] in fillers and not says_it(words):
            words = words[1:]
        if says_it(words):
            rest = said[end.end():] if end else ""
            if any(wants_last_removed(clause) for clause in _CLAUSE_END.split(rest)):
                # "nej vänta det här blev fel, jag är ju inte hon. ta bort det" (verification round, session 35);
                # not "det blev fel. jag menade att ta bort läxorna", a new answer.
                return Correction(None, remove=True)
            return Correction(_new_answer_after(rest) if end else None)
        if end is None or len(_words(head)) > WRONG_CLAUSE_MAX_WORDS:
            return None
    return None


WRONG_CLAUSE_MAX_WORDS = 10  # "nej vänta det var inte mitt svar" and the fillers before it


def _one_of(key: str) -> str:
    """The phrases under `key` as a regex alternative, any run of spaces between their words."""
    return "|".join(re.escape(phrase).replace(r"\ ", r"\s+") for phrase in _phrases(key))


@lru_cache(maxsize=2)
def _change_last(object_needed: bool = False) -> re.Pattern:
    """"ändra de", "kan ja ändra det förra", "byt ut det där tack" (folded words; `change_last_*`)."""
    optional = "" if object_needed else "?"
    return re.compile(rf"(?:(?:{_one_of('change_last_openers')})\s+)?(?:{_one_of('change_last_verbs')})"
                      rf"(?:\s+(?:{_one_of('change_last_objects')})){optional}"
                      rf"(?:\s+(?:{_one_of('change_last_tails')}))*")


@lru_cache(maxsize=1)
def _change_last_to() -> re.Pattern:
    """"nej vänta ändra det till bara bup": the start of a message up to "till" (on _fold_in_place text). The
    object is needed: "byta till en annan skola" answers what the person needs help with."""
    fillers = "|".join(re.escape(phrase) for phrase in (*_phrases("fillers"), *_phrases("correction_fillers")))
    return re.compile(rf"^[\W_]*(?:(?:{fillers})[\W_]+)*(?:{_change_last(True).pattern})\s+till\b[\s:]*")


def wants_last_removed(text: str | None) -> bool:
    """"ta bort det", "nej radera det jag skrev tack": only a wish to remove the answer just given
    (`remove_last`, after fillers). Not "ta bort det som är jobbigt", an answer."""
    words = _without_fillers(_words(text))
    while words and words[-1] in ("tack", "snalla"):
        words = words[:-1]
    return " ".join(words) in _phrases("remove_last")


def fills_in_for_someone(text: str | None) -> bool:
    """"fyller i åt henne", "jag svarar för honom": someone who answers for another (fills_in_for_someone)."""
    return _names_one_of(text, "fills_in_for_someone")


NAMING_WORD_MIN_LETTERS = 4  # shorter words ("e", "mig", "att") name no answer


def wants_an_answer_hidden(text: str | None) -> bool:
    """"kan du ta bort de", "vill int att dom läser": a wish to remove or hide something (hide_answer_words)."""
    return _names_one_of(text, "hide_answer_words")


def _naming_words(text: str | None) -> set[str]:
    ignored = set(_phrases("not_naming_words"))
    return {word for word in _words(text) if len(word) >= NAMING_WORD_MIN_LETTERS and word not in ignored}


def answer_named(text: str | None, stored: dict[str, str | None]) -> str | None:
    """The key of the saved answer that shares the most words with `text`, when one shares more than any
    other ("alla i klassen e dumma" of "alla i klassen e dumma mot mig"); None otherwise."""
    said = _naming_words(text)
    shared = sorted(((len(said & _naming_words(answer)), key) for key, answer in stored.items()
                     if answer and question(key) is not None), reverse=True)
    if not shared or shared[0][0] == 0 or (len(shared) > 1 and shared[1][0] == shared[0][0]):
        return None
    return shared[0][1]


def answers_named(text: str | None, stored: dict[str, str | None], most: int = 3) -> list[str]:
    """The keys of the saved answers that share the most words with `text`, ties included, in question
    order ("det om klassen" when two answers speak of the class); [] when none shares a word, or more than
    `most` do equally (too vague to offer)."""
    said = _naming_words(text)
    counts = {key: len(said & _naming_words(answer)) for key, answer in stored.items()
              if answer and question(key) is not None}
    best = max(counts.values(), default=0)
    keys = [key for key, count in counts.items() if best and count == best]
    return sorted(keys, key=number_of) if len(keys) <= most else []


def hide_offer(key: str, answer: str) -> tuple[str, list[str]]:
    """"Vill du ändra eller ta bort svaret på fråga 3: ”…”?" and its buttons, whose titles are the commands."""
    number = number_of(key)
    return (content()["hide_offer"].format(number=number, answer=answer),
            [title.format(number=number) for title in content()["hide_offer_buttons"]])


def without_reporting_phrase(text: str) -> str:
    """`text` without a leading "hon säger:" / "han tycker att" / "Elin säger:" (reporting_people,
    reporting_verbs; a name only before a colon; not "hon tycker om att rita"); `text` itself when it starts
    with none, or is nothing else."""
    verbs = "|".join(re.escape(verb) for verb in content()["reporting_verbs"])
    people = "|".join(re.escape(person) for person in content()["reporting_people"])
    pronoun = rf"(?:{people})\s+(?:{verbs})\b(?!\s*om\b)\s*(?::|,|\batt\b)?"  # not "hon tycker om"
    name = rf"[^\W\d_]+\s+(?:{verbs})\s*:"
    match = re.match(rf"\s*(?:{pronoun}|{name})\s*", text, re.IGNORECASE)
    rest = text[match.end():].strip() if match else ""
    return rest if _words(rest) else text


def question_named(text: str | None) -> str | None:
    """The key of the one question a message names ("nej bara ett svar. fråga 9"), else None."""
    numbers = {int(n) for n in _CHANGE_EARLIER.findall(with_digits(" ".join(_words(text))))}
    if len(numbers) != 1 or not 1 <= min(numbers) <= len(questions()):
        return None
    return questions()[numbers.pop() - 1].key


def before_review(stored: dict[str, str | None]) -> str:
    """The school module's offer if it is due and was never answered (yes, no or skip), else the summary."""
    return SCHOOL_OFFER if offers_school(stored) and SCHOOL_WISHES not in stored else REVIEW


def resume_step(stored: dict[str, str | None]) -> str:
    """Where a (re)started preparation goes on: the first question never reached, else the summary.

    Skipped questions wait in the summary, as in the first pass: resumed at the first skipped one,
    a young person who paused at question 9 was taken back to question 6. A school module offered
    or started but not answered is offered again before the summary.
    """
    for q in questions():
        if q.key not in stored:
            return q.key
    return before_review(stored)


def next_step(current: str, stored: dict[str, str | None]) -> str:
    """After answering `current` in the first pass: the next question never reached, else the summary.

    Skipped questions (stored as None) are not asked again in the same pass; the summary shows them.
    The school module, when due, comes after the last question.
    """
    if current in (SCHOOL_OFFER, SCHOOL_WISHES):
        return REVIEW
    keys = [q.key for q in questions()]
    later = keys[keys.index(current) + 1:] if current in keys else keys
    return next((k for k in later if k not in stored), None) or before_review(stored)


def by_guardians_only(givers: list[str]) -> bool:
    """Every answer given by a guardian: the titles are then worded about the child. Those a familjehem
    wrote down with the child are the child's own."""
    return bool(givers) and all(by not in childs_own_givers() for by in givers)


def summary_lines(stored: dict[str, str | None], guardian: bool = False, givers: dict[str, str] | None = None) -> str:
    """The summary's lines; `givers`: who gave each answer (answered_by), to mark a parent's."""
    lines = "\n".join(f"{q.number}. {q.title_for(guardian)}: {shown_answer(q.key, stored, givers)}"
                      for q in questions())
    wishes = stored.get(SCHOOL_WISHES)
    return f"{lines}\n\n{school()['summary'].format(wishes=wishes)}" if wishes else lines


def document_sections(stored: dict[str, str | None],
                      guardian: bool = False) -> list[tuple[str, list[tuple[Question, str | None]]]]:
    """The answers in the SIP form's structure: [(section title, [(question, answer)])].

    The school wishes come last, as their own section, only when answered.
    """
    sections = [
        (s.get("guardian_title", s["title"]) if guardian else s["title"],
         [(q, stored.get(q.key)) for q in questions() if q.section == s["id"]])
        for s in content()["sections"]
    ]
    if stored.get(SCHOOL_WISHES):
        sections.append((school()["title"], [(school_question(), stored[SCHOOL_WISHES])]))
    return sections


# --- The optional school module (knowledge/preparation/school.yml) ---

@lru_cache(maxsize=1)
def school() -> dict[str, Any]:
    return yaml.safe_load(SCHOOL_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def school_question() -> Question:
    """The module as one unnumbered question, for the document and labels (not one of the ten)."""
    data = school()
    return Question(number=0, key=SCHOOL_WISHES, section="skolan", title=data["heading"], ask=dict(data["ask"]),
                    buttons=())


@lru_cache(maxsize=1)
def _school_pattern() -> re.Pattern:
    words = school()["school_words"]
    starts = "|".join(re.escape(w) for w in words["word_starts"])
    whole = "|".join(re.escape(w) for w in words["words"])
    return re.compile(rf"\b(?:(?:{starts})\w*|(?:{whole})\b)")


def mentions_school(text: str | None) -> bool:
    """"Skolan", "matteprovet", "laxorna": school is part of what the text is about (also without å/ä/ö)."""
    return bool(text) and _school_pattern().search(_fold(text)) is not None


def offers_school(stored: dict[str, str | None]) -> bool:
    return mentions_school(stored.get(SCHOOL_TRIGGER))


def school_offer_text(role: str | None, age: int | None) -> str:
    return worded(school()["offer"], role, age)


def school_ask_text(role: str | None, age: int | None) -> str:
    items = "\n".join(f"{n}. {item}" for n, item in enumerate(school()["items"], start=1))
    return worded(school()["ask"], role, age).format(items=items)


_YES = YES | ACKNOWLEDGEMENTS | {"garna"}
_NO = NO | {"nej tack", "inte nu"}


OFFER_MAX_WORDS = 6


def parse_offer(text: str) -> bool | None:
    """"Ja, gärna" → True, "Nej tack" or a skip → False, anything else None (ask again). In a short message
    a no or a yes anywhere counts, a no first ("orkar inte. nej tack" got "Svara ”Ja, gärna” eller ”Nej
    tack”"; persona round, Nova, 15)."""
    folded = " ".join(re.sub(r"[^\w\s]", " ", _fold(text)).split())
    words = folded.split()
    first = words[0] if words else ""
    if _skips(folded) or folded in _NO or first in _NO:
        return False
    short = len(words) <= OFFER_MAX_WORDS
    if short and (set(words) & NO or any(re.search(rf"\b{re.escape(p)}\b", folded) for p in _offer_phrases("no"))):
        return False
    if first in _YES:
        return True
    if short and (set(words) & (YES | {"garna"}) or any(re.search(rf"\b{re.escape(p)}\b", folded)
                                                        for p in _offer_phrases("yes"))):
        return True
    return None


@lru_cache(maxsize=2)
def _offer_phrases(answer: str) -> tuple[str, ...]:
    """school.yml's `offer_no_words` or `offer_yes_words`, folded."""
    return tuple(_fold(phrase) for phrase in school()[f"offer_{answer}_words"])


@dataclass(frozen=True)
class SchoolWishes:
    text: str | None  # the chosen items' full text, one a line, then any own words; None: skipped
    valid: bool  # False: a number outside 1–6 or nothing to save, ask again


_TOKEN = re.compile(r"(\d+)\s*[-–]\s*(\d+)|(\d+)|([^\W\d_]+)|\S")
_OWN_WORDS_START = re.compile(r"^[\W_]*(?:(?:och|o|å|samt|plus|men|tack)\b[\W_]*)*", re.IGNORECASE)


def parse_school_wishes(text: str | None) -> SchoolWishes:
    """"1 och 4", "1,4", "2 3 6", "1-3": those items; words after the numbers (or instead of them) are kept too.

    Numbers count only at the start, with filler words ("nummer 1 och 4 tack"), so a number inside
    own words ("mer tid, typ 10 minuter") stays part of the own words.
    """
    if not text or _skips(_fold(text).strip(".! ")):
        return SchoolWishes(None, True)
    items = school()["items"]
    fillers = {_fold(word) for word in school()["number_fillers"]}
    chosen: list[int] = []
    end = 0  # where the numbers at the start end in `text`
    for token in _TOKEN.finditer(text):
        low, high, single, word = token.groups()
        if low or single:
            numbers = range(int(low), int(high) + 1) if low else [int(single)]
            if not numbers or any(not 1 <= n <= len(items) for n in numbers):
                return SchoolWishes(None, False)
            chosen.extend(numbers)
            end = token.end()
        elif word and _fold(word) not in fillers:
            break
    own = _OWN_WORDS_START.sub("", text[end:]).strip() if chosen else text.strip()
    if chosen and all(_fold(word) in fillers for word in re.findall(r"[^\W\d_]+", own)):
        own = ""  # "3 och 4 typ": "typ" became a line of its own (persona round, session 33)
    has_words = re.search(r"[^\W\d_]", own) is not None  # "," or "?" alone is nothing to save
    lines = [items[n - 1] for n in sorted(set(chosen))] + ([own] if has_words else [])
    return SchoolWishes("\n".join(lines), True) if lines else SchoolWishes(None, False)


@lru_cache(maxsize=1)
def organisation_labels() -> dict[str, str]:
    types = yaml.safe_load(ORGANISATION_TYPES_FILE.read_text(encoding="utf-8"))
    return {t["id"]: t["label"] for t in types}


def organisations_in(entities: list[dict] | None) -> str | None:
    """The organisation ids NLU found, in order and once each ("elevhalsa,bup"); None if there are none."""
    ids: list[str] = []
    for entity in entities or []:
        value = entity.get("value")
        if entity.get("entity") == "organisation" and value in organisation_labels() and value not in ids:
            ids.append(value)
    return ",".join(ids) or None


def organisations_named(text: str | None, entities: list[dict] | None = None) -> str | None:
    """NLU's organisation entities; else the organisations the text names, found the way consent finds parties.

    The trained pipeline does not always pass the EntityRuler's entities on, so the text is the fallback.
    """
    from actions.consent_rules import split_parties  # shared recogniser of organisation names

    found = organisations_in(entities)
    if found or not text:
        return found
    ids: list[str] = []
    for party in split_parties(text):
        if party.kind in organisation_labels() and party.kind not in ids:
            ids.append(party.kind)
    return ",".join(ids) or None


def organisation_names(stored_ids: str | None) -> list[str]:
    return [organisation_labels().get(i, i) for i in (stored_ids or "").split(",") if i]


def reads_like_a_goal(text: str) -> bool:
    """"Att må bra", "kunna sova": starts with something the person does (also without å/ä/ö)."""
    words = _fold(text).split()
    return bool(words) and words[0].strip(",.!") in {_fold(w) for w in content()["goal_starts"]}


def protests_not_started(text: str | None) -> bool:
    """"va? jag frågade en grej", "asså jag sa inte att jag ville börja nåt" at the role or age question:
    the preparation was started by a question, and this is no role or age (verification round, alva-2)."""
    return _names_one_of(text, "not_started_protests")


def reads_role_or_age(text: str | None, step: str) -> bool:
    """What the role or age question can read besides a protest ("14 typ, jag vill inte förbereda så mkt",
    "jag vill inte börja skolan igen, 15"): an age in digits, or at the role question a role named by more
    than "jag", which every protest holds (review of session 38: these ended the form)."""
    if step == AGE:
        return parse_age(text or "").age is not None
    without_i = " ".join(word for word in _words(text) if word != "jag")
    return age_given_with_role(text or "") is not None or parse_role(without_i) is not None


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
# A short message only: a long answer was cut and checked at every sentence, each cut asking about a gap
# again (review of session 38: 1–18 s for 2,000 characters, blocking the action server).
ANSWER_THEN_GAP_MAX_SENTENCES = 4
ANSWER_LEAD_MIN_WORDS = 2  # "hej", "vänta", "ok" before a gap question are no answer


def answer_then_gap_question(text: str | None, question_asked: Question,
                             whole_asks: bool = False) -> tuple[str, str] | None:
    """"bup o en kontaktperson på soc. byter jag från bup när jag fyller 18": (the answer, the question about
    a topic the material does not cover after it). The answer was dropped when the gap was answered
    (verification round, alva-1). None when the message asks no gap question, or the part before it is no
    answer (a greeting, a wish about the form, "jag förstår inte", an acknowledgement, a question).
    `whole_asks`: the caller found that the whole message asks about a gap."""
    if not whole_asks and not asks_about_a_gap(text, question_asked):
        return None
    sentences = [s for s in _SENTENCE_END.split(text or "") if s.strip()]
    if len(sentences) > ANSWER_THEN_GAP_MAX_SENTENCES:
        return None  # the gap is answered and nothing saved, as before the answer was kept
    for cut in range(len(sentences) - 1, 0, -1):  # the shortest question after the longest answer
        lead, rest = " ".join(sentences[:cut]).strip(" .,;:!-"), " ".join(sentences[cut:]).strip()
        if asks_about_a_gap(rest, question_asked):
            return (lead, rest) if _reads_as_an_answer(lead, question_asked) else None
    return None


def _reads_as_an_answer(lead: str, question_asked: Question) -> bool:
    """The part before a gap question is an answer: "hej. kan mamma få tolk?" saved "hej", and so were
    "vänta", "gå tillbaka", "ändra fråga 2", "pausa" and "jag förstår inte" (review of session 38)."""
    words = _words(lead)
    if not words or "?" in lead or gap_in(lead) is not None or words[0] in _phrases("asking_words"):
        return False
    if _starts_with_a_greeting(words) or only_acknowledges(lead) or asks_what_we_mean(lead, question_asked):
        return False
    if speaks_of_the_form(lead) or asks_to_go_back(lead) or wants_to_go_on(lead) \
            or wants_to_change(lead, question_asked.key) is not None or _names_one_of(lead, "leaving_now"):
        return False
    return len(_content_words(words)) >= ANSWER_LEAD_MIN_WORDS


def _starts_with_a_greeting(words: list[str]) -> bool:
    return any(words[:len(phrase.split())] == phrase.split() for phrase in _phrases("writer_greetings"))


def _content_words(words: list[str]) -> list[str]:
    """Words of letters that are no filler, greeting or acknowledgement."""
    small = {word for key in ("fillers", "skip_fillers", "acknowledgements", "writer_greetings")
             for phrase in _phrases(key) for word in phrase.split()}
    return [word for word in words if word.isalpha() and word not in small]
