"""Rules for free-text answers: trimming, skipping and length (plain Python, unit-tested)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from actions.global_commands import COMMAND_INTENTS
from actions.request_rules import ADULT_AGE, MAX_SIP_AGE

# The same as a chat message may be (channels/chat_input.py), so nobody is told two limits.
MAX_ANSWER_LENGTH = 2000
SKIP_WORDS = {"hoppa över", "hoppa over", "hoppa", "vet inte", "vet ej", "skippa", "pass", "-", "nästa", "skip",
              "idk", "ingen aning", "vet nt", "vetinte", "jag vet inte", "ja vet inte", "jag vet ej",
              "vet inte riktigt", "jag vet faktiskt inte"}
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Answer:
    text: str | None  # None: skipped
    too_long: bool = False


# "hoppa över den", "skippa den", "den vill jag inte svara på": a wish to skip the question, said
# with a few words around it. They were saved as the answer: the bot says "skriv 'hoppa över'", and
# people add "den" or "frågan". Only when every other word is one of the fillers below, so "att jag
# får hoppa över idrotten" or "vill inte säga det till mamma" stay answers.
_SKIP_VERBS = re.compile(r"\b(?:hopp?a över|hoppar över|hopp?a over|hoppar over|skippa|skippar|nästa fråga)\b")
# A refusal skips only where it cannot be the answer itself: to "Finns det något du inte vill att vi
# pratar om?" or to what may not be shared, "det vill jag inte säga" says something (review, session 24).
_REFUSALS = re.compile(r"\b(?:vill (?:helst )?(?:inte|ej) (?:svara|säga)|vill jag (?:helst )?(?:inte|ej) (?:svara|säga))\b")
# "vet inte asså" was saved word for word while "vet ej" was a skip (persona round, session 30).
_DONT_KNOW = re.compile(r"\b(?:vet (?:inte|ej|nt)|ingen aning|idk)\b")
_SKIP_FILLERS = {"den", "det", "denna", "frågan", "här", "på", "pa", "kan", "vi", "jag", "du", "ok", "okej", "tack",
                 "nu", "bara", "då", "asså", "alltså", "typ", "ärligt", "faktiskt", "riktigt", "ja", "ju", "pls", "snälla", "helst", "om", "så", "vill", "just", "sen", "får"}


def says_skip(text: str, refusal_skips: bool = True) -> bool:
    """A whole answer that asks to skip the question ("hoppa över", "kan vi skippa den?"); with
    `refusal_skips`, also one that declines to answer ("vill inte säga")."""
    folded = _SPACE.sub(" ", (text or "").lower()).strip(" .!?")
    if folded in SKIP_WORDS:
        return True
    for pattern in (_SKIP_VERBS, _DONT_KNOW, _REFUSALS) if refusal_skips else (_SKIP_VERBS, _DONT_KNOW):
        rest = pattern.sub(" ", folded, count=1)
        if rest != folded and set(re.findall(r"\w+", rest)) <= _SKIP_FILLERS:
            return True
    return False


def clean_answer(value: object, refusal_skips: bool = False) -> Answer:
    """The answer to save; None when skipped (see says_skip)."""
    text = _SPACE.sub(" ", str(value or "")).strip()
    if len(text) > MAX_ANSWER_LENGTH:
        return Answer(None, too_long=True)
    if not text or says_skip(text, refusal_skips):
        return Answer(None)
    return Answer(text)

# Inside a form a typed question should be answered, not saved as the answer. 0.9 until session 17,
# when "maste jag ga pa motet" (0.86) was saved as an answer; 0.8 until session 23, when "vad e bup
# förresten" (0.77) was saved as what a 13-year-old can do. An answer that opens like a question is
# mostly an indirect one ("vem som ska bestämma", "var mötet ska vara"), told apart below.
QUESTION_CONFIDENCE = 0.75
QUESTION_CONFIDENCE_WITH_MARK = 0.6


QUESTION_WORDS = {"vad", "vem", "vilka", "vilken", "vilket", "hur", "när", "nar", "var", "varför", "varfor",
                  "kan", "får", "far", "måste", "maste", "ska", "gäller", "galler", "finns", "är", "ar"}


def is_knowledge_question(intent: str | None, confidence: float, text: str) -> bool:
    """A question to answer, not an answer to save: it must also look like a question."""
    if intent != "faq" or says_skip(text):
        return False
    if "?" in text:
        return confidence >= QUESTION_CONFIDENCE_WITH_MARK
    words = text.lower().split()
    return bool(words) and words[0] in QUESTION_WORDS and not _indirect(words) \
        and confidence >= QUESTION_CONFIDENCE


# A question word, then "som" or a subject before the verb: a clause, not a question ("vem som ska
# bestämma", "var mötet ska vara", "hur det går i skolan"), as answers to "Vad vill du prata om?" read.
# After a verb that opens a yes/no question ("kan jag…", "måste jag…") a subject is the question's.
_SUBJECTS = {"som", "det", "jag", "man", "mötet", "motet", "skolan", "vi", "de", "dom", "hon", "han", "hen", "du"}
_VERB_OPENERS = {"kan", "får", "far", "måste", "maste", "ska", "gäller", "galler", "finns", "är", "ar"}


def _indirect(words: list[str]) -> bool:
    return len(words) > 2 and words[0] not in _VERB_OPENERS and words[1] in _SUBJECTS


def _a_time(words: list[str]) -> bool:
    """"när schemat ändras": a time the answer speaks of; a question asks "när är…", "när ska…".
    "ljud. och när schemat ändras" lost its second half (persona round, session 29)."""
    return words[0] in ("när", "nar") and (len(words) < 2 or words[1] not in _VERB_OPENERS | _QUESTION_VERBS)


_QUESTION_VERBS = {"kommer", "börjar", "borjar", "blir", "händer", "hander", "slutar", "träffas", "traffas", "har", "var"}


_CLAUSE = re.compile(r"[^.!:;,\n?]+\??")
_JOINERS = {"och", "o", "men", "plus"}
_WH_WORDS = {"vad", "vem", "vilka", "vilken", "vilket", "hur", "när", "nar", "varför", "varfor", "vart"}
# What opens a message without answering anything ("jag undrar en sak. vem får läsa det här?").
_NOT_AN_ANSWER = {"jag undrar", "undrar", "en fråga", "fråga", "hej", "hallå", "ok", "okej", "vänta", "asså", "tack",
                  "förlåt", "sorry", "men", "fast"}


# A sentence of its own that asks what something means, without "?" ("mentor sa ordet insats. vad
# menar det" was saved as the answer; persona round, session 28).
_ASKS_WHAT_IT_MEANS = [["vad", "menar"], ["va", "menar"], ["vad", "betyder"], ["va", "betyder"],
                       ["vad", "innebär"], ["vad", "innebar"]]


def _after_a_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" ")
    return bool(before) and before[-1] in ".!\n"


def answer_and_question(text: str | None) -> tuple[str, str] | None:
    """"matte o att somna. och vem bestämmer vad som händer sen?": (the answer typed first, the
    question after it: a clause ending in "?", or "och/men" and a question word). None when the
    message opens with the question, asks nothing ("skolan, varför jag inte går dit" is all
    answer), or opens with words that answer nothing ("jag undrar en sak.", "hej!")."""
    text = text or ""
    for clause in _CLAUSE.finditer(text):
        words = clause.group().lower().split()
        joined = bool(words) and words[0] in _JOINERS
        while words and words[0] in _JOINERS:
            words = words[1:]
        # Without a question mark only "och vem…", "men hur…": a clause of an answer may open with
        # "kan", "var" or "hur" ("fotboll, kan spela varje dag", "skolan, hur lärarna pratar").
        # A sentence of its own that opens with a verb and its subject asks too ("fotboll. kan det va på video").
        asks = clause.group().rstrip().endswith("?") or (
            joined and bool(words) and words[0] in _WH_WORDS and not _indirect(words) and not _a_time(words)) or (
            _after_a_sentence(text, clause.start()) and (words[:2] in _ASKS_WHAT_IT_MEANS
                                                         or _verb_then_subject(_without_opening_fillers(words))))
        if not asks:
            continue
        lead = text[:clause.start()].strip(" .,;:!-\n")
        opening = lead.lower().split()[:2]
        if not lead or reads_as_question(lead) or _opens_with_a_question(lead) or only_interjections(lead) \
                or " ".join(opening) in _NOT_AN_ANSWER or opening[0] in _NOT_AN_ANSWER:
            return None
        return lead, text[clause.start():].strip()
    return None


# Words that may open a sentence before its question or answer ("ja men vem kan va stödperson", "typ att…").
_OPENING_FILLERS = {"ja", "jaa", "men", "och", "o", "typ", "asså", "assa", "alltså", "alltsa", "okej", "ok", "så",
                    "nej", "nä", "vänta", "fast", "eller", "hmm", "hm", "öh", "eh", "äh", "wtf", "lol", "liksom", "ba",
                    "bara", "undrar", "jag undrar", "ja undrar"}


def _without_opening_fillers(words: list[str]) -> list[str]:
    start = 0
    while start < len(words):
        if " ".join(words[start:start + 2]) in _OPENING_FILLERS:
            start += 2
        elif words[start] in _OPENING_FILLERS:
            start += 1
        else:
            break
    return words[start:]


def _opens_with_a_question(text: str) -> bool:
    """"ja men vem kan va stödperson typ": a question word (or a verb and its subject) after the fillers."""
    words = _without_opening_fillers(re.findall(r"\w+", (text or "").lower()))
    return bool(words) and ((words[0] in _WH_WORDS and not _indirect(words) and not _a_time(words))
                            or _verb_then_subject(words))


# Interjections and swear words ("wtf", "asså", "öh", "lol"): alone they are no answer (persona round, Nova,
# 15: "wtf. måste jag svara på allt?" saved "wtf" as answer 1). Also drawn out ("wtff", "ööh", "hahaha").
INTERJECTIONS = {"wtf", "asså", "assa", "alltså", "alltsa", "öh", "eh", "äh", "ah", "oh", "va", "vaa", "hä", "lol",
                 "ok", "okej", "omg", "haha", "hmm", "hm", "mm", "fan", "shit", "jaha", "meh", "pff", "usch", "oj",
                 "aj", "wow", "typ", "men", "vafan", "jävlar", "fy", "bruh", "ugh", "liksom", "ba", "aa", "mmm",
                 "nice", "najs"}
_DRAWN_OUT = re.compile(r"^(?:w+t+f+|ö+h+|e+h+|ä+h+|h+m+|m+|(?:ha)+h?|lo+l+|o+k+|u+g+h+|v+a+|p+f+)$")


def only_interjections(text: str | None) -> bool:
    """"wtf", "asså", "öh", "va", "lol", "ok": nothing but interjections, so no answer."""
    words = re.findall(r"\w+", (text or "").lower())
    return bool(words) and all(word in INTERJECTIONS or _DRAWN_OUT.match(word) for word in words)


# A Swedish yes/no question needs no "?": the verb first, then its subject ("kan det va min kompis", "får
# mamma läsa", "måste jag"). Saved as how to take part in the meeting (persona round, Nova, 15). Not a verb
# and what it governs ("kan vara med på video" answers "Hur vill du vara med?").
_YES_NO_VERBS = {"kan", "får", "far", "måste", "maste", "ska", "skall", "är", "ar", "e", "behöver", "behover",
                 "går", "gar", "blir", "finns", "gäller", "galler", "brukar", "borde"}
_YES_NO_SUBJECTS = {"det", "de", "dom", "den", "jag", "ja", "man", "hon", "han", "hen", "vi", "ni", "du", "min",
                    "mitt", "mina", "din", "ditt", "dina", "hans", "hennes", "mamma", "pappa", "morsan", "farsan",
                    "föräldrarna", "foraldrarna", "kompisen", "kompisar", "kompisarna", "läraren", "mentorn",
                    "skolan", "alla", "någon", "nån", "nagon", "nan"}


def _verb_then_subject(words: list[str]) -> bool:
    return len(words) >= 2 and words[0] in _YES_NO_VERBS and words[1] in _YES_NO_SUBJECTS


def asks_yes_no(text: str | None) -> bool:
    """The last sentence opens (after fillers) with a verb and its subject: "ja men vem kan va stödperson
    typ. kan det va min kompis", "får jag ta med mamma", "är det okej om…". Not a wish to skip ("kan jag
    skippa den")."""
    sentences = [s for s in re.split(r"[.!?\n]+", text or "") if re.search(r"\w", s)]
    if not sentences or says_skip(text or ""):
        return False
    return _verb_then_subject(_without_opening_fillers(re.findall(r"\w+", sentences[-1].lower())))


_YES_NO_ALONE = {"ja", "jo", "nej", "nä", "japp", "jepp", "nope", "ja tack", "nej tack", "ja visst", "nej då"}


def question_and_answer(text: str | None) -> tuple[str, str] | None:
    """"måste jag säga allt? typ att slippa bli utskälld hela tiden o klara gymnasiet": (the question typed
    first, the answer after it without the fillers before it). The answer was lost (persona round, Nova,
    15). None when the first part asks nothing (an unsure "att ha kompisar? och att må bra" is all answer)
    or what follows is no answer: a second question, a yes or no, interjections."""
    text = text or ""
    mark = text.find("?")
    if mark < 0:
        return None
    asked, rest = text[:mark + 1].strip(), text[mark + 1:]
    if not _opens_with_a_question(asked):
        return None
    kept = _without_opening_fillers(re.findall(r"\w+", rest.lower()))
    said = " ".join(kept)
    if not kept or "?" in rest or reads_as_question(said) or _verb_then_subject(kept) or only_interjections(said) \
            or said in _YES_NO_ALONE:
        return None
    # The answer from its first word that is no filler, as typed (case and signs kept).
    first = re.search(rf"(?<!\w){re.escape(kept[0])}(?!\w)", rest, re.IGNORECASE)
    answer = rest[first.start():] if first else rest
    return asked, answer.strip(" .,;:!-\n")


def asks_the_bot(intent: str | None, text: str) -> bool:
    """"vem kommer se det här?" typed instead of an answer: opens with a question word and ends
    with a question mark, whatever the classifier made of it ("inform", "open_case"…) unless a
    command. Not saved as an answer even when no article fits it ("att ha kompisar?", an unsure
    answer, opens with no question word and is saved)."""
    words = (text or "").lower().split()
    return intent not in COMMAND_INTENTS and bool(words) and words[0] in QUESTION_WORDS \
        and (text or "").rstrip().endswith("?") and not says_skip(text)


# Small talk to the bot typed instead of an answer ("lol vilken musik gillar du", saved as what
# mattered most to a 13-year-old in the persona round of session 23): the classifier is sure it is
# off-topic, and it speaks to the bot.
SURE_OFF_TOPIC = 0.9
_TO_THE_BOT = {"du", "dig", "din", "ditt", "dina"}
# Not "när", which opens clauses in answers ("det är jobbigt när du inte får sova").
_ASKING = _WH_WORDS - {"när", "nar"}


# Words that open a clause before "du" without asking ("om du frågar mig så gaming", "vet du vad…").
_CLAUSE_OPENERS = {"om", "att", "och", "o", "som", "så", "sa", "när", "nar", "innan", "tills", "eftersom",
                   "där", "dar", "medan", "då", "da", "för", "for", "fast", "vet", "tack", "asså", "assa",
                   "alltså", "alltsa", "typ", "ja", "nej", "men", "okej", "ok"}
_OFF_TOPIC = {"out_of_scope", "nlu_fallback"}
# "gillar du fortnite", "spelar du minecraft": a verb, then "du", in a short message the classifier
# does not place (persona round, session 24: saved as an answer; out_of_scope 0.65, nlu_fallback).
WORD_ORDER_MAX_WORDS = 6


def chats_with_the_bot(intent: str | None, confidence: float, text: str) -> bool:
    """A question spoken to the bot ("du"): sure to be off-topic, or a short one asking by its
    word order alone."""
    ordered = re.findall(r"\w+", (text or "").lower())
    words = set(ordered)
    if intent in _OFF_TOPIC and len(ordered) <= WORD_ORDER_MAX_WORDS and ordered[1:2] == ["du"] \
            and ordered[0] not in _CLAUSE_OPENERS:
        return True
    asks = (text or "").rstrip().endswith("?") or not _ASKING.isdisjoint(words)
    return intent == "out_of_scope" and confidence >= SURE_OFF_TOPIC and asks and not _TO_THE_BOT.isdisjoint(words)


# Answers that say nothing in words: emoji or signs only ("😭😭😭", "..."), or a run along the keyboard
# ("asdfghjkl"), saved as answers in the persona round of session 24. They would reach the meeting
# as what mattered to the young person; the person is asked for a few words instead, or to skip.
_KEYBOARD_ROWS = ("qwertyuiopå", "asdfghjklöä", "zxcvbnm")
_VOWELS = set("aeiouyåäöéü")
MASH_MIN_LENGTH = 4  # "asdf"; shorter runs ("jkl") are too rare to matter and too close to words
NO_VOWEL_MIN_LENGTH = 5  # "hmm", "pff" and "mvh" stay words


def says_nothing(text: str | None) -> bool:
    """No letter or digit, or only keyboard runs: nothing to save as an answer."""
    words = re.findall(r"[^\W_]+", (text or "").lower())
    return bool((text or "").strip()) and all(_keyboard_run(word) for word in words)


def _keyboard_run(word: str) -> bool:
    if word.isdigit() or len(word) < MASH_MIN_LENGTH:
        return False
    if any(word in row or word in row[::-1] for row in _KEYBOARD_ROWS):
        return True
    return len(word) >= NO_VOWEL_MIN_LENGTH and _VOWELS.isdisjoint(word)


def reads_as_question(text: str) -> bool:
    """"Hur begär man en SIP?" asks; "jag vill begära en SIP" wants it done."""
    words = (text or "").lower().split()
    return "?" in (text or "") or (bool(words) and words[0] in QUESTION_WORDS)


_CLAUSE_BREAK = re.compile(r"[.!:;,\n]+")


def question_part(text: str) -> str | None:
    """From the first clause that reads as a question to the end: "vem kan få en SIP?" of
    "jobbar som sjuksköterska på BUP. vem kan få en SIP?"; None when no clause asks."""
    clauses = [c.strip() for c in _CLAUSE_BREAK.split(text or "") if c.strip()]
    for i, clause in enumerate(clauses):
        words = clause.lower().split()
        if words and words[0] in QUESTION_WORDS:
            return " ".join(clauses[i:])
    return (text or "").strip() if "?" in (text or "") else None


GO_ON_INTENT = "continue_preparation"  # "fortsätt", an exact command (bot/exact_commands.yml)


def says_go_on(message: dict) -> bool:
    """"fortsätt" typed at a question of a form that was never paused: go on, not an answer. The
    word itself must be said: the classifier may give the intent to "fortsätta i skolan"."""
    words = re.findall(r"\w+", str((message or {}).get("text") or "").lower())
    return ((message or {}).get("intent") or {}).get("name") == GO_ON_INTENT and 1 <= len(words) <= 2 \
        and words[0] in ("fortsätt", "fortsatt")


# The buttons under an answer ("Menade du…?", "Berätta mer") pressed inside a form: their payload
# ("/show_article{…}") was saved as the answer (persona round, session 24).
BUTTON_INTENTS = {"show_article", "tell_more"}


def pressed_an_answer_button(message: dict) -> bool:
    """The button's payload, not typed words the classifier gave the intent ("vad menas me det" is
    `tell_more` to it, and asks what the form's question means)."""
    message = message or {}
    return (message.get("intent") or {}).get("name") in BUTTON_INTENTS \
        and str(message.get("text") or "").startswith("/")


# "…det känns jobbigt att jag har skrivit om min dotters självskada… kan du radera allt jag har
# skrivit?" got the help and then the article on avvikelser (persona round, session 28).
# "hur tar jag bort det" too (verification round, session 28: an article on samtycke followed).
_DELETE_WISH = re.compile(r"\b(?:radera\w*|sudda\w*)\b|\b(?:tabort|tar?(?:\s+\w+){0,2}?\s+bort)\b.*?\b(?:skrivit|skrev"
                          r"|uppgifter\w*|samtalet|chatten|meddelande\w*|det)\b")


# The verbs of a wish to delete, as _DELETE_WISH has them, and "tog bort".
_DELETE_VERB = r"(?:radera\w*|sudda\w*(?:\s+(?:ut|bort))?|tabort|(?:ta|tar|tog|tagit)(?:\s+\w+){0,2}?\s+bort)"
# "jag vill radera mig själv", "jag vill sudda ut mig", "ta bort mig från jorden": the writer is what would go
# (review, session 38), never a wish to delete what was written. Not "jag vill radera mig" nor "ta bort mig"
# alone, which ask to delete what is saved about them (data/nlu/conversation.yml delete_my_data).
# Not "ta bort mig själv från listan", "…ur gruppchatten": a list, register or chat left, as the crisis lexicon's
# exclusion has it (review of session 38).
_OFF_A_LISTING = (r"\s+(?:ur|från|fran|ifrån|ifran)\s+(?:(?:er|ert|era|din|ditt|dina|den|det|denna|detta|min|mitt|vår|"
                  r"vårt|var|vart|sip\w*|den\s+här|den\s+har)\s+)?(?:list|regist|system|chatt|gruppchatt|grupp|app|"
                  r"sida|sidan|sidor|hemsid|webbsid|mejllist|maillist|utskick|databas|forum|nyhetsbrev|konto|klasslist)")
_DELETES_THEMSELF = re.compile(rf"\b{_DELETE_VERB}\s+mig\s+(?:(?:själv|sjalv)\b(?!{_OFF_A_LISTING})"
                               r"|från\s+(?:jorden|världen|livet)\b)"
                               r"|\b(?:radera|sudda)\w*\s+(?:ut|bort)\s+mig\b")
# Any "mig" as what is deleted ("radera mig", "ta bort mig och allt"), but "mig ur/från" a register.
_NAMES_THE_WRITER = re.compile(rf"\b{_DELETE_VERB}(?:\s+(?:ut|bort))?\s+mig\b(?!\s+(?:ur|från)\s+(?:systemet|"
                               r"registret|listan|chatten|appen|databasen|er|era|sip\w*|ärendet)\b)")


def deletes_themself(text: str | None) -> bool:
    return bool(_DELETES_THEMSELF.search((text or "").lower()))


def wants_what_they_wrote_deleted(text: str | None) -> bool:
    lowered = (text or "").lower()
    return bool(_DELETE_WISH.search(lowered)) and not deletes_themself(lowered)


# What was written, named as what to delete at most four words after the verb: "ta bort allt jag skrivit här",
# "radera mina uppgifter", "kan du radera begäran". Or "det"/"allt" right after the verb when the message
# tells of writing ("jag skrev om det här innan … hur tar jag bort det"). Not "pappa tar alltid bort min mobil
# och det gör mig så ledsen" (review, session 38).
_NAMES_WHAT_WAS_WRITTEN = re.compile(
    rf"\b{_DELETE_VERB}(?:[\s,]+\w+){{0,4}}?[\s,]+(?:skrivit|skrev|skrivet|skrivits|skrivna|uppgift\w*|svar|svaren"
    r"|svaret|samtalet|chatten|konversationen|meddelande\w*|begäran|samtycke\w*|ärendet|historik\w*)\b")
_POINTS_BACK = re.compile(rf"\b{_DELETE_VERB}\s+(?:det|detta|allt|allting|dem|dom|de)\b")
_TELLS_OF_WRITING = re.compile(r"\bskr(?:ev|ivit|ivet|ivits|ivna|iva|iver)\b")


def names_what_they_wrote_deleted(text: str | None) -> bool:
    """A wish to delete that names what was written, for a message the crisis classifier read: never one with
    the writer as what is deleted ("jag vill radera mig själv", "radera mig"), nor "tar … bort" of anything
    else."""
    lowered = (text or "").lower()
    return wants_what_they_wrote_deleted(lowered) and not _NAMES_THE_WRITER.search(lowered) and (
        bool(_NAMES_WHAT_WAS_WRITTEN.search(lowered))
        or (bool(_POINTS_BACK.search(lowered)) and bool(_TELLS_OF_WRITING.search(lowered))))


_WHAT_THEY_WROTE = re.compile(r"\b(?:radera\w*|allt|skrivit|skrev|svaren|svar)\b")


def wants_everything_deleted(text: str | None) -> bool:
    """Inside a form, where "ta bort det som är jobbigt" may be an answer: a wish to delete that
    names what was written ("ta bort allt jag skrivit", "SLUTA. radera allt")."""
    return wants_what_they_wrote_deleted(text) and bool(_WHAT_THEY_WROTE.search((text or "").lower()))


# "mentor sa ordet insats. vad menar det", "min mentor pratade om insatser, vad betyder det?": the
# sentence before tells where a word came from, and the question asks what it means (persona rounds,
# session 28).
_NAMED_WORD = re.compile(r"\bordet\s+[”\"']?(\w+)", re.IGNORECASE)
_POINTING_WORDS = {"det", "den", "de", "dom", "detta"}
POINTING_QUESTION_MAX_WORDS = 4


def word_asked_about(lead: str, question: str) -> str | None:
    """The word whose meaning `question` asks about when it only points back at `lead`: the word
    after "ordet", else the last word of `lead`; None when the question asks something else."""
    words = re.findall(r"\w+", question.lower())
    if words[:2] not in _ASKS_WHAT_IT_MEANS or len(words) > POINTING_QUESTION_MAX_WORDS \
            or not _POINTING_WORDS & set(words):
        return None
    named = _NAMED_WORD.search(lead)
    last = re.findall(r"\w+", lead)
    return named.group(1) if named else (last[-1] if last else None)


# "men samordnad vad e de", "huvudman vad betyder det": the word first, then what it means (persona round,
# session 36: Leo, 13, got the short SIP text and never the word). With or without å/ä/ö.
_WORD_THEN_WHAT = re.compile(r"^(\w+)\s+(?:vad|va|vada)\s+(?:betyder|betyde|är|ar|e|menas med|menas)\s+"
                             r"(?:de|det|dom|den|detta)(?:\s+(?:då|egentligen|för nåt|för något))?$")


def as_a_word_question(clause: str) -> str:
    """`clause` in the order a question about a word usually takes: "men samordnad vad e de" as "vad är
    samordnad"; any other clause as it is."""
    words = _without_opening_fillers(re.findall(r"\w+", (clause or "").lower()))
    match = _WORD_THEN_WHAT.match(" ".join(words))
    return f"vad är {match.group(1)}" if match else clause


def meaning_clauses(text: str | None) -> list[str]:
    """The clauses of `text` that may ask what a word means, each as as_a_word_question gives it ("för långt.
    vad e huvudman" gives "för långt" and "vad e huvudman")."""
    return [as_a_word_question(clause) for clause in re.split(r"[.!?,;:\n]+", text or "") if clause.strip()]


# Who the young adult wording is for: 18 (adult, request_rules) up to 20, the oldest the guideline speaks
# of ("barn och unga till och med 20 år"). Older writers are rarely the young person themself.
YOUNG_ADULT_AGES = range(ADULT_AGE, MAX_SIP_AGE + 1)
# "jag är 19", "ja e 19 år", "jag e 19, e jag för gammal" (the writer's own age), not "jag är 1 av 3", "jag är
# 20 min sen" or "min son är 19".
_OWN_AGE = re.compile(r"\b(?:jag|ja|jg)\s+(?:är|ar|e|a)\s+(\d{1,2})(?!\d)"
                      # "jag är 3 barns mamma", "jag är 12 veckor gravid" are no ages (second read, session 39).
                      r"(?!\s*(?:av|min|minuter|timmar|sekunder|st|kr|%|barns?\b|veckor|vecka|månader|manader|dagar))",
                      re.IGNORECASE)


def own_ages(text: str | None) -> list[int]:
    """The ages the writer gives as their own in `text`."""
    return [int(age) for age in _OWN_AGE.findall(text or "")]


def a_young_adult(ages: list[int]) -> bool:
    """Whether every age given says 18–20; none, or ages that disagree ("jag är 17" then "jag är 19"), keep
    the wording for the young person under 18."""
    return bool(ages) and all(age in YOUNG_ADULT_AGES for age in ages)
