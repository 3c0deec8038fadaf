"""Whether a message says its writer works with SIP ("kurator här", "jag jobbar på BUP").

The `staff` intent catches "jag är personal"; staff asking a question say it in passing
("vc-läkare här. fått kallelse till SIP…"). The words are data: knowledge/staff_roles.yml.
"""
from __future__ import annotations

import re
from functools import lru_cache

import yaml
from rasa_sdk import Tracker

from actions.answer_rules import QUESTION_WORDS, own_ages, reads_as_question
from actions.guardian_cues import said_they_are_a_guardian, says_they_are_a_guardian
from actions.phrases import Phrase, contains_phrase, folded, folded_words
from actions.relative_cues import HANDED_OVER, says_they_are_a_private_adult
from actions.request_rules import MAX_SIP_AGE, UNG, VARDNADSHAVARE
from actions.safety.crisis_detector import fold as fold_as_words, fold_normaliser
from actions.settings import ROOT
from bot.nlu.function_words import FUNCTION_WORDS
from bot.nlu.text import fold

STAFF_ROLES_FILE = ROOT / "knowledge" / "staff_roles.yml"
_TOKEN = re.compile(r"[^\W_]+")  # a word as typed, as fold_normaliser splits them


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(STAFF_ROLES_FILE.read_text(encoding="utf-8"))


def _any_number(words: list[str]) -> list[str]:
    """Numbers as one word: the phrase "kallelse till sip för en 12-åring" holds for any age."""
    return ["#" if word.isdigit() else word for word in words]


@lru_cache(maxsize=1)
def _cues() -> tuple[frozenset[str], tuple[Phrase, ...]]:
    data = _data()
    # A role written with a hyphen ("sip-samordnare") is one or more words once folded.
    roles = frozenset(" ".join(fold_normaliser(role)) for role in data["roles"])
    return roles, tuple(tuple(_any_number(list(phrase))) for phrase in folded(data["phrases"]))


def _role_length(words: list[str], start: int, roles: frozenset[str]) -> int:
    """The number of words of the role that starts at `start` (0: none)."""
    return next((n for n in (2, 1) if start + n <= len(words) and " ".join(words[start:start + n]) in roles), 0)


@lru_cache(maxsize=1)
def _openers() -> tuple[frozenset[str], tuple[Phrase, ...]]:
    data = _data()
    return frozenset(" ".join(fold_normaliser(g)) for g in data["greetings"]), folded(data["openings"])


def _greeting_length(folded_words: list[list[str]], greetings: frozenset[str]) -> int:
    """How many words ("hej", "hejsan!") open the message before what it says."""
    return next((i for i, word in enumerate(folded_words) if " ".join(word) not in greetings), len(folded_words))


@lru_cache(maxsize=1)
def _jargon() -> tuple[Phrase, ...]:
    return folded(_data()["jargon"])


# "jag är", also as typed on a phone ("jag e kurator på högstadiet" was not read as staff; persona
# round, session 24).
_I_AM = (["jag", "ar"], ["jag", "e"], ["ja", "e"], ["ja", "ar"])
_NOT = {"inte", "ej", "ingen"}


def says_they_work_with_sip(text: str | None) -> bool:
    return names_their_work(text) or attends_as_their_workplace(text)


def names_their_work(text: str | None) -> bool:
    """A role, a phrase or the jargon of staff: says_they_work_with_sip without the weaker "som soc"."""
    words = fold_normaliser(text or "")
    roles, phrases = _cues()
    if contains_phrase(_any_number(words), phrases) or contains_phrase(words, _jargon()):
        return True
    greetings, openings = _openers()
    start = _greeting_length([[word] for word in words], greetings)
    if any(tuple(words[start:start + len(opening)]) == opening for opening in openings):
        return True  # "jobbar på vc, har fått kallelse…"
    typed = _typed_after_greeting(text)
    if typed and set(fold_normaliser(typed[0])[-1:]) & roles:
        return True  # the first word ends in a role: "LSS-handläggare. vi har kallat BUP…"
    return _writers_role_at(text) is not None


_WORD_OR_BREAK = re.compile(r"[^\W_]+|[.,;:!?\n]")
_PUNCTUATION = frozenset(".,;:!?\n")
_SENTENCE_BREAK = frozenset(".!?\n")
_SUBJECTS = {"jag", "ja", "vi"}


def _words_and_breaks(text: str | None) -> tuple[list[str], frozenset[int], frozenset[int]]:
    """The folded words (as fold_normaliser gives them), and the indices of the words after which the typed
    text ends a clause (a comma too), and a sentence."""
    words: list[str] = []
    clause_ends: set[int] = set()
    sentence_ends: set[int] = set()
    for match in _WORD_OR_BREAK.finditer(fold_as_words(text or "")):  # as fold_normaliser folds
        token = match.group()
        if token not in _PUNCTUATION:
            words.append(token)
        elif words:
            clause_ends.add(len(words) - 1)
            if token in _SENTENCE_BREAK:
                sentence_ends.add(len(words) - 1)
    return words, frozenset(clause_ends), frozenset(sentence_ends)


def _someone_elses_part(words: list[str], som: int, after: int, clause_ends: frozenset[int]) -> bool:
    """Whether "som <role>" (the role from `som` + 1 up to `after`) is no part the writer has: someone else
    said or wants something ("jag gör som kurator sa", "som soc tyckte"; knowledge/staff_roles.yml
    `others_verbs`), unless the writer is the subject that follows ("som kurator har jag fått en kallelse"),
    or it compares ("någon som kurator", `not_before_som`)."""
    if words[som - 1:som] and words[som - 1] in _word_list("not_before_som"):
        return True
    if after - 1 in clause_ends or after >= len(words) or words[after] not in _word_list("others_verbs"):
        return False
    subject_follows = after not in clause_ends and words[after + 1:after + 2] and words[after + 1] in _SUBJECTS
    return not subject_follows


@lru_cache(maxsize=1)
def _workplaces() -> tuple[Phrase, ...]:
    return tuple(sorted(folded(_data()["workplaces"]), key=len, reverse=True))  # the longest first


def attends_as_their_workplace(text: str | None) -> bool:
    """"jag ska på sip imorgon som soc": the writer's part named by where they work, after "som", in a clause
    that opens with "jag", "ja" or "vi" and a verb of attending or working (knowledge/staff_roles.yml
    `attending_verbs`; persona round, session 39). Not "jag gör som soc sa" (someone else's words), "jag vill
    prata med soc" (no "som"), "vi har en handläggare som soc" (a relative clause after a noun), "jag vill jobba
    som soc" (a wish), nor from a writer who gives an own age up to 20 ("jag är 16 och har en kurator som skolan
    gav mig"; review, session 39)."""
    if any(age <= MAX_SIP_AGE for age in own_ages(text)):
        return False
    words, clause_ends, _ = _words_and_breaks(text)
    for som in (i for i, word in enumerate(words) if word == "som"):
        place = next((p for p in _workplaces() if tuple(words[som + 1:som + 1 + len(p)]) == p), None)
        if place is None or not _attends_before(words, som, clause_ends) or _names_someone_before(words, som):
            continue
        if not _someone_elses_part(words, som, som + 1 + len(place), clause_ends):
            return True
    return False


def _attends_before(words: list[str], som: int, clause_ends: frozenset[int]) -> bool:
    """Whether the clause of "som" opens with the writer and a verb of attending or working ("jag ska på sip
    imorgon som soc"), with no word that opens another clause between the verb and "som"."""
    start = max((end + 1 for end in clause_ends if end < som), default=0)
    # "jag är 45 och jobbar som soc": the verb may follow "och" in a clause the writer opened (second read,
    # session 39: an adult who gave an age lost the staff crisis reply).
    opened = next((i for i in range(start, som) if words[i] in _SUBJECTS), None)
    joined = [i for i in range(start, som) if words[i] == "och" and opened is not None and opened < i]
    for subject in [i for i in range(start, som) if words[i] in _SUBJECTS] + joined:
        verb = next((v for v in _attending_verbs() if tuple(words[subject + 1:subject + 1 + len(v)]) == v), None)
        if verb is not None and subject + 1 + len(verb) <= som \
                and _word_list("not_between").isdisjoint(words[subject + 1 + len(verb):som]):
            return True
    return False


def _names_someone_before(words: list[str], som: int) -> bool:
    """Whether "som" follows a noun the writer names, so that it opens a relative clause about it: a role ("en
    kurator som skolan…", "psykologen som bup…"), or a noun after an article ("en skola som soc…") other than the
    meeting ("jag är med på en sip som soc")."""
    before = words[som - 1] if som else ""
    roles = _cues()[0]
    if any(before == role or (before.startswith(role) and len(before) - len(role) <= 3) for role in roles):
        return True
    return som >= 2 and words[som - 2] in _word_list("articles_before_a_noun") \
        and before not in _word_list("meeting_words")


@lru_cache(maxsize=1)
def _attending_verbs() -> tuple[Phrase, ...]:
    return tuple(sorted(folded(_data()["attending_verbs"]), key=len, reverse=True))  # the longest first


def _typed_after_greeting(text: str | None) -> list[str]:
    """The message's words as typed (lower case), after any greeting."""
    greetings, _ = _openers()
    typed = (text or "").lower().replace(":", ": ").split()
    return typed[_greeting_length([fold_normaliser(word) for word in typed], greetings):]


def _writers_role_at(text: str | None) -> tuple[int, int] | None:
    """Where (the folded word's index, and its number of words) the message names a role as the
    writer's own: first in the message, after "jag är" or "som", before "här"."""
    words = fold_normaliser(text or "")
    clause_ends = _words_and_breaks(text)[1]
    roles, _ = _cues()
    greetings, _ = _openers()
    start = _greeting_length([[word] for word in words], greetings)
    typed = _typed_after_greeting(text)
    # "hej, ny soc-sekr barn o unga i dals-ed. vad är en sip egentligen kort?" got the young person's
    # answer (persona round, session 37): a word such as "ny" may come before the role at the start.
    first = start + 1 if words[start:start + 1] and words[start] in _word_list("before_role") else start
    # "Hej! Jonas här, skolsköterska på en högstadieskola" (verification round, session 34): a name
    # and "här" before the role.
    named = start + 2 if len(typed) > 2 and typed[1].strip(".,!:") == "här" else None
    for i in range(len(words)):
        length = _role_length(words, i, roles)
        before = words[max(0, i - 2):i]
        # "jag är ny rektor" (persona round, session 28: the principal got a parent's answer); not
        # "jag är inte lärare".
        one_word_between = words[max(0, i - 3):i - 1] in _I_AM and words[i - 1] not in _NOT
        after_som = before[-1:] == ["som"] and not _someone_elses_part(words, i - 1, i + length, clause_ends)
        if length and (i in (start, first, named) or before in _I_AM or one_word_between or after_som
                       or _followed_by_here(typed, words[i + length - 1])):
            return i, length
    return None


def named_role(text: str | None) -> str | None:
    """The role the writer names as their own, as typed ("kurator" of "hej jag jobbar som kurator",
    "BUP-läkare" of "BUP-läkare här"), for the staff welcome to say it back; None when the message names
    none so ("jag jobbar på soc") or only one not said back (knowledge/staff_roles.yml `not_named`)."""
    text = text or ""
    at = _writers_role_at(text)
    tokens = [match for match in _TOKEN.finditer(text) for _ in fold_normaliser(match.group())]
    if at is None or len(tokens) != len(fold_normaliser(text)):
        return None
    i, length = at
    begin, end = tokens[i].start(), tokens[i + length - 1].end()
    # The whole typed word: "BUP-läkare" where the role is "läkare".
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    role = text[begin:end].strip(".,;:!?()\"'”")
    if not role or " ".join(fold_normaliser(role)) in {" ".join(fold_normaliser(w)) for w in _data()["not_named"]}:
        return None
    return role.lower() if role.istitle() else role


_FIRST_SENTENCE_END = re.compile(r"(?<=[.:!])\s+|\n+")
# A first sentence this short that says the writer works with SIP is only the role ("jobbar som
# sjuksköterska på BUP."); a longer one tells a case.
ROLE_SENTENCE_WORDS = 6


def without_the_role(text: str) -> str:
    """The message after a first sentence that only says the writer's role: "vem kan få en SIP?"
    of "jobbar som sjuksköterska på BUP. vem kan få en SIP?". The role's words ("sjuksköterska",
    "BUP") otherwise pull towards articles whose examples are written by such staff."""
    parts = _FIRST_SENTENCE_END.split(text.strip(), maxsplit=1)
    if len(parts) == 2 and parts[1].strip() and len(parts[0].split()) <= ROLE_SENTENCE_WORDS \
            and _only_the_role(parts[0]):
        return parts[1]
    # The role before a comma, and a question after it: "ny socialsekreterare, vad är en sip?" got "Menade
    # du…?" (persona round, session 37).
    for comma in (i for i, char in enumerate(text) if char == ","):
        before, after = text[:comma], text[comma + 1:].strip()
        if len(before.split()) > ROLE_SENTENCE_WORDS:
            break
        if after and reads_as_question(after) and _only_the_role(before):
            return after
    return text


def _only_the_role(words: str) -> bool:
    """Words that say the writer works with SIP and name no one they serve: "barnet i min klass är 14" says
    what the question after it is about."""
    return says_they_work_with_sip(words) and not about_someone_in_their_care(words)


def _followed_by_here(typed: list[str], role_word: str) -> bool:
    """"kurator här", "vc-läkare här", "BUP-sjuksköterska: …": a typed word ending in the role,
    then "här" or a colon. Compared as typed, since folded "här" is "har" ("läkare har sagt…" is
    about someone else)."""
    return any(fold_normaliser(word)[-1:] == [role_word]
               and (word.endswith(":") or (i + 1 < len(typed) and typed[i + 1].strip(".,!") == "här"))
               for i, word in enumerate(typed))


@lru_cache(maxsize=1)
def _not_staff() -> tuple[Phrase, ...]:
    return folded(_data()["not_staff"])


@lru_cache(maxsize=1)
def _served() -> tuple[Phrase, ...]:
    return folded(_data()["served"])


def speaks_of_those_they_serve(text: str | None) -> bool:
    """"eleven", "patienten", "klienten": the writer speaks of someone they serve at work, as young people
    and parents seldom do (knowledge/staff_roles.yml `served`). Far weaker than a role: see
    serves_them_in_this_message."""
    return contains_phrase(fold_normaliser(text or ""), _served())


def serves_them_in_this_message(tracker: Tracker) -> bool:
    """The latest message, typed outside a form, speaks of someone served at work ("eleven ar 15, racker det
    att hon samtycker…" from a skolkurator who had not said she was staff; persona round, session 37), and
    nothing in the conversation says the writer is young (an own age up to 20, the request's or the
    preparation's role `ung`), a guardian, a relative or not staff. Only for the wording of this message's
    answer and its offers: never staff for the conversation, as said_they_are_staff is, since the crisis
    help would then give a 14-year-old who wrote "eleverna" the staff reply (review, session 37)."""
    text = tracker.latest_message.get("text")
    if (tracker.active_loop or {}).get("name") or not speaks_of_those_they_serve(text):
        return False
    said = [event.get("text") for event in tracker.events if event.get("event") == "user"]
    said = [*said, text]
    young = UNG in (tracker.get_slot("request_role"), tracker.get_slot("prep_role")) or any(
        age <= MAX_SIP_AGE for message in said for age in own_ages(message))
    return not young and not said_they_are_a_guardian(tracker) \
        and not any(says_they_are_not_staff(message) or says_they_are_a_private_adult(message) for message in said)


def says_they_are_not_staff(text: str | None) -> bool:
    """"jag e inte personal", "jag är ung": the writer says they do not work with SIP."""
    return contains_phrase(fold_normaliser(text or ""), _not_staff())


def _staff_intent(event: dict) -> bool:
    """The classifier's `staff`, on a message with a word that says something: it took a lone "jag",
    typed at the preparation's role question, for it."""
    parse = event.get("parse_data") or {}
    return (parse.get("intent") or {}).get("name") == "staff" and \
        any(word not in FUNCTION_WORDS for word in fold_normaliser(event.get("text") or ""))


# "det e jonas själv som skriver nu", "nu skriver jag, jonas", "nu är det mamma som skriver": staff who sat
# beside the young person or a parent hand the chat over (persona round, session 38). "det är jag som skriver"
# alone is the writer's own, and "nu skriver jag kallelsen" is staff at work (relative_cues.HANDED_OVER).
# The request's "Vem är du?" answered as the young person or a guardian: the family writes from then on.
FAMILY_ROLE_ANSWERS = {"request_role": (UNG, VARDNADSHAVARE)}


def says_the_family_writes_now(text: str | None) -> bool:
    """The message says the young person or a guardian is now the one who writes."""
    return HANDED_OVER.search(fold(text or "")) is not None


def _answered_as_the_family(event: dict) -> bool:
    return event.get("event") == "slot" and event.get("value") in FAMILY_ROLE_ANSWERS.get(event.get("name"), ())


def said_they_are_staff(tracker: Tracker, before_latest: bool = False) -> bool:
    """The `staff` intent ("jag är personal"), said in passing ("kurator här: …") or a guided answer for
    staff in the conversation, and not taken back since ("jag är inte personal", or writing
    about one's own child: "jag är lärare själv men min son behöver en sip" is a parent here); with
    `before_latest`, before the latest message. The family taking over counts as taken back: an
    LSS-handläggare said who he was, then the 19-year-old beside him sent his own SIP request ("jag själv")
    and was refused his samtycke as staff (persona round, session 38)."""
    said = _user_messages_with_form(tracker, with_family_roles=True)
    # An own age up to 20 anywhere in the conversation wins over the weak "som soc" (review, session 39).
    young = any(age <= MAX_SIP_AGE for event, _ in said for age in own_ages(event.get("text")))
    if before_latest:
        said = said[:max((i for i, (event, _) in enumerate(said) if event.get("event") == "user"), default=0)]
    staff = denied = False
    for event, in_form in said:
        text = event.get("text")
        if _answered_as_the_family(event) or says_the_family_writes_now(text):
            staff, denied = False, True
        elif event.get("event") != "user":
            continue
        elif says_they_are_a_guardian(text):
            staff, denied = False, True  # a parent who mentions their own job stayed "staff" (session 25)
        elif names_their_work(text) or (not young and attends_as_their_workplace(text)):
            staff = True
        elif says_they_are_not_staff(text) or says_they_are_a_private_adult(text):
            # Over the classifier's `staff` ("va?? jag e inte personal jag e 13", "jag är mormor", "jag är
            # familjehem": persona round, session 39).
            staff, denied = False, True
        elif _staff_intent(event) and not in_form:
            # Not an answer in a form: a father's "sms helst, jag jobbar skift" was `staff` (0.9), and
            # his samtycke was then refused as a staff question (persona round, session 29).
            staff = True
    # A guided answer for staff counts too, unless they said they are not staff.
    return staff or (not denied and was_guided_as_staff(tracker))


def was_guided_as_staff(tracker: Tracker) -> bool:
    """The conversation has had a guided answer for staff (knowledge/guides/): "riktlinjen 3.3 om när
    man kallas för nån man inte känner", then "vad ska jag förbereda inför mötet" started the young
    person's questions (persona round, session 30)."""
    return any(event.get("event") == "action" and event.get("name") == "action_guide" for event in tracker.events)


def _user_messages_with_form(tracker: Tracker, with_family_roles: bool = False) -> list[tuple[dict, bool]]:
    """Each user message, and whether a form was active when it was typed; with `with_family_roles`, the
    request's role answers that say the family writes, in their place among them."""
    out, in_form = [], False
    for event in tracker.events:
        if event.get("event") == "active_loop":
            in_form = bool(event.get("name"))
        elif event.get("event") == "user" or (with_family_roles and _answered_as_the_family(event)):
            out.append((event, in_form))
    return out


@lru_cache(maxsize=None)
def _word_list(key: str) -> frozenset[str]:
    return folded_words(_data()[key])


def writes_of_themself(text: str | None) -> bool:
    """"jag orkar inte mer": the message speaks of its writer ("jag", "mig", "min"…)."""
    return not _word_list("first_person").isdisjoint(fold_normaliser(text or ""))


def about_someone_else(text: str | None) -> bool:
    """"elev berättade att pappa slår": the message is about another person, not its writer."""
    return not _word_list("someone_else").isdisjoint(fold_normaliser(text or ""))


def about_someone_in_their_care(text: str | None) -> bool:
    """For staff: about someone else, also a child named by age ("jag har fått kallelse till SIP för
    en 12-åring med ätstörning"), which a young person may write of themself."""
    words = {word.lstrip("0123456789") for word in fold_normaliser(text or "")}
    return about_someone_else(text) or not _word_list("by_age").isdisjoint(words)


@lru_cache(maxsize=1)
def _wish_cues() -> tuple[tuple[Phrase, ...], tuple[Phrase, ...], frozenset[str], tuple[Phrase, ...]]:
    wishes = _data()["wishes"]
    return (folded(wishes["openers"]), folded(wishes["asking"]), folded_words(wishes["subjects"]),
            folded(wishes["about_the_bot"]))


@lru_cache(maxsize=1)
def _asking_words() -> tuple[frozenset[str], frozenset[str]]:
    """The words that open an indirect question after "vill veta", "undrar"…: anywhere in the gap,
    and right after only."""
    wishes = _data()["wishes"]
    return folded_words(QUESTION_WORDS) | folded_words(wishes["question_words"]), \
        folded_words(wishes["question_words_right_after"])


def _indirect_question(words: list[str], after: int) -> int | None:
    """Where the indirect question after an asking opener starts (its question word), if it does."""
    anywhere, right_after = _asking_words()
    if words[after:after + 1] and words[after] in right_after:
        return after
    gap = _data()["wishes"]["asking_gap"]
    return next((j for j in range(after, min(after + gap + 1, len(words))) if words[j] in anywhere), None)


def _phrase_at(words: list[str], i: int, phrases: tuple[Phrase, ...]) -> Phrase | None:
    return next((p for p in phrases if tuple(words[i:i + len(p)]) == p), None)


def _introduces_themself(prefix: str) -> bool:
    """The words before a wish say the writer works with SIP, also with "jag" left out before the role
    ("är kurator, vi har fått en kallelse…"): only here, where a wish follows, since "är kurator med
    på mötet?" asks about someone."""
    if says_they_work_with_sip(prefix):
        return True
    words = fold_normaliser(prefix)
    greetings, _ = _openers()
    start = _greeting_length([[word] for word in words], greetings)
    return words[start:start + 1] in (["ar"], ["e"]) and _role_length(words, start + 1, _cues()[0]) > 0


def staff_wish(text: str | None) -> str | None:
    """What staff who say who they are go on to want or face, as typed: "vill kalla till sip för en tjej
    16 år" of "hej jobbar på soc, vill kalla till sip för en tjej 16 år", and the indirect question of
    "jag är lärare och vill veta hur man kallar till en sip". None when no wish follows the words that
    say so (knowledge/staff_roles.yml `wishes`), when someone else wants ("jag är lärare och min elev
    vill…", a parent's "…men min son behöver en sip"), or when the wish is about trying the bot."""
    text = text or ""
    if says_they_are_a_guardian(text):
        return None  # "jag är lärare själv men min son behöver en sip": a parent's wish
    openers, asking, subjects, about_the_bot = _wish_cues()
    # Each word with where it starts in the text, so the wish is cut out as typed (å/ä/ö kept for the
    # article search's lemmas).
    tokens = [(match.start(), word) for match in _TOKEN.finditer(text) for word in fold_normaliser(match.group())[:1]]
    words = [word for _, word in tokens]
    for i in range(1, len(words)):
        opener = _phrase_at(words, i, openers)
        if opener is None:
            continue
        start = i - 1 if words[i - 1] in subjects else i
        if start == 0 or words[start - 1] in _word_list("someone_else") \
                or not _introduces_themself(text[:tokens[start][0]]):
            continue
        if contains_phrase(words[start:], about_the_bot):
            return None
        opened_by = _phrase_at(words, i, asking)
        question = None if opened_by is None else _indirect_question(words, i + len(opened_by))
        return text[tokens[start if question is None else question][0]:].strip()
    return None


@lru_cache(maxsize=1)
def _notes_cues() -> tuple[tuple[str, ...], tuple[Phrase, ...]]:
    notes = _data()["notes"]
    return tuple(" ".join(fold_normaliser(stem)) for stem in notes["note_stems"]), folded(notes["keep_words"])


def asks_to_keep_notes(text: str | None) -> bool:
    """"kan jag spara nåt här? typ mina anteckningar": the message speaks of keeping or writing notes
    (knowledge/staff_roles.yml `notes`). Says nothing of who writes it: only for staff (staff_welcome)."""
    words = fold_normaliser(text or "")
    stems, keep = _notes_cues()
    return any(word.startswith(stems) for word in words) or contains_phrase(words, keep)
