"""Rules for a SIP request (issue 5): eligibility, the child's personnummer and age, phone,
the SIP form's fixed options and the organisation directory.

Plain Python so they are unit-tested without Rasa. The child's personnummer is optional (an
age alone is enough); when given it is validated here and stored encrypted by the caller.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from difflib import get_close_matches
from functools import lru_cache

import phonenumbers
import yaml

from actions.consent_rules import ORGANISATION_TYPES_FILE, name_parts
from actions.goodbye_cues import goodbye_cues, words_of as leave_taking_words
from actions.phrases import contains_phrase
from actions.settings import ROOT
from actions.yes_no import ACKNOWLEDGEMENTS, NO, YES

MAX_SIP_AGE = 20  # "barn och unga upp till 20 år" (001, "Vem kan få en SIP?")
# Vårdnaden upphör när barnet fyller 18 (föräldrabalken 6 kap. 2 §); the seed's consent rules for
# guardians are for "barn under 18 år" (001, "Få samtycke").
ADULT_AGE = 18
ORGANISATIONS_FILE = ROOT / "knowledge" / "organisations.yml"
REQUEST_WORDS_FILE = ROOT / "knowledge" / "request_words.yml"

# Which side(s) the needs call for; the answer to "is a SIP the right thing?".
BOTH, KOMMUN, REGION, UNKNOWN = "bada", "kommun", "region", "vet_inte"
SIP, SAMVERKANSMOTE, OVER_AGE = "sip", "samverkansmote", "over_age"

VARDNADSHAVARE, UNG = "vardnadshavare", "ung"
CONSENT_GIVEN, CONSENT_MISSING = "finns", "saknas"
# Not given yet, and the person wants to give it in this chat once the request is sent: stored as
# CONSENT_MISSING, and the consent form is offered after sending (persona round, session 35).
CONSENT_HERE = "saknas_ges_har"

# A new plan or a follow-up of one the family already has.
NY, UPPFOLJNING = "ny", "uppfoljning"
# Who noticed the need: exactly the options of the SIP form.
SKOLA, SOCIALTJANST, REGIONAL_HS, KOMMUNAL_HS = "skola", "socialtjanst", "regional_hs", "kommunal_hs"
ENSKILDE, NARSTAENDE, ANNAN = "enskilde", "narstaende", "annan"
NOTICED_BY = (SKOLA, SOCIALTJANST, REGIONAL_HS, KOMMUNAL_HS, ENSKILDE, NARSTAENDE, ANNAN)
# How the person wants to be contacted ("telefon" is the column's old default).
TELEFON, SMS, BREV = "telefon", "sms", "brev"


def fold(text: str) -> str:
    """Lowercase without diacritics, so "vardcentral" matches "vårdcentral"."""
    decomposed = unicodedata.normalize("NFKD", str(text or "").lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


# The summary's "Ja, skicka" sends the request. Only a yes that opens the message counts, as a whole
# word: "jag har ångrat mig…" opened with "ja" and sent the request (persona round, session 24).
_YES_WORDS = YES | ACKNOWLEDGEMENTS | {"skicka", "stammer"}
# A wish to change anything keeps it from being a yes ("ja men ändra numret", "ja, fast jag ångrar…").
CHANGE_WORDS = {"andra", "andrar", "andras", "fel", "angrat", "angrar", "angra", "hellre", "vanta", "nej", "inte", "istallet", "stallet",
                "fast"}


# The form's word lists (knowledge/request_words.yml), folded like the messages they are compared with.
_WORDS = yaml.safe_load(REQUEST_WORDS_FILE.read_text(encoding="utf-8"))


def _folded_list(key: str) -> frozenset[str]:
    return frozenset(fold(word) for word in _WORDS[key])


def words_of(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


# "tillbaka", "oj fel knapp", "jag tryckte fel": the question before is asked again (persona round,
# session 31: "oj fel knapp, vi har ingen sip alls" got "Välj ett av alternativen", the wrong answer kept).
_GO_BACK = re.compile(r"^(?:ga |gaa )?(?:tillbaka|backa|tbx)\b|\bfel knapp\b|\btryck(?:te|t|er)? (?:pa )?fel\b"
                      r"|\b(?:forra|foregaende) fragan\b")


def wants_to_go_back(text: str | None) -> bool:
    return bool(_GO_BACK.search(fold(text or "")))


def confirms(text: str) -> bool:
    """"ja skicka", "Ja!", "det stämmer": the request may be sent. Not with a question: "okej men måste hon
    vara med på mötet?" would have sent it, its question unanswered (persona round, session 36)."""
    words = words_of(text)
    opens_with_yes = bool(words) and (words[0] in _YES_WORDS or words[:2] == ["det", "stammer"])
    return opens_with_yes and not CHANGE_WORDS & set(words) and "?" not in str(text or "")


_KOMMUN_SIDE = re.compile(r"\b(kommun\w*|skola|skolan|socialtjanst\w*|soc|lss|elevhals\w*|kurator\w*"
                          r"|forskola\w*)\b")
# "vard" alone, "varden" or "vardcentral…", not "vardnadshavare".
# "vuxenpsyk", "psyket", "barnpsyk" too (persona round, session 36), not "skolpsykolog" (elevhälsan).
_REGION_SIDE = re.compile(r"\b(region\w*|bup|bvc|vc|vard|varden|vardcentral\w*|habilitering\w*|habben|habbe|hab"
                          r"|\w*psyk(?:et|en|iatri\w*)?|sjukhus\w*)\b")


def parse_sides(text: str) -> str | None:
    words = fold(text)
    if not words:
        return None
    # "han har bup och skolan" names both without saying so.
    kommun, region = bool(_KOMMUN_SIDE.search(words)), bool(_REGION_SIDE.search(words))
    if re.search(r"\b(bada|both|ja)\b", words) or (kommun and region):
        return BOTH
    if kommun:
        return KOMMUN
    if region:
        return REGION
    if re.search(r"\b(vet inte|vet ej|osaker|nej)\b", words):
        return UNKNOWN
    return None


def eligibility(age: int | None, sides: str | None) -> str:
    """What to explain. Never a refusal: the request is taken whatever this says."""
    if age is not None and age > MAX_SIP_AGE:
        return OVER_AGE
    if sides in (KOMMUN, REGION):
        return SAMVERKANSMOTE
    return SIP


def too_young_to_ask(role: str | None, age: int | None) -> bool:
    """The young person asking for themself ("Planen gäller mig, jag är 18–20 år"), but under 18."""
    return role == UNG and age is not None and age < ADULT_AGE


def consents_themself(role: str | None, age: int | None) -> bool:
    """A guardian asks for someone who is an adult: the young person gives the samtycke, not them."""
    return role == VARDNADSHAVARE and age is not None and age >= ADULT_AGE


def parse_kind(text: str) -> str | None:
    words = fold(text)
    if re.search(r"\b(uppfolj\w*|folja upp|foljer upp|redan|befintlig\w*|gammal|nuvarande|vi har en)\b", words):
        return UPPFOLJNING
    if re.search(r"\b(ny|nya|nytt|forsta)\b", words):
        return NY
    return None


# Everyday words for each option of "who noticed the need", folded. Checked in this order,
# so "kommunal hälso- och sjukvård" is not taken for a school or the social services.
_NOTICED_WORDS = (
    (KOMMUNAL_HS, ("kommunal", "kommunens", "hemsjukvard", "hemsjukvarden", "skolskoterska", "skolskoterskan",
                   "skollakare", "skollakaren")),
    (REGIONAL_HS, ("regional", "regionen", "region", "regionens", "bup", "vardcentral", "vardcentralen", "bvc",
                   "habilitering", "habiliteringen", "hab", "habben", "habbe", "psykiatri", "psykiatrin", "lakare", "lakaren",
                   "sjukhus", "sjukhuset", "umo", "ungdomsmottagning", "ungdomsmottagningen", "barnlakare")),
    (SOCIALTJANST, ("socialtjanst", "socialtjansten", "soc", "socialen", "socialsekreterare", "socialsekreteraren",
                    "lss", "handlaggare", "handlaggaren")),
    (SKOLA, ("skola", "skolan", "skolans", "larare", "lararen", "mentor", "mentorn", "rektor", "rektorn",
             "forskola", "forskolan", "elevhalsa", "elevhalsan", "kurator", "kuratorn", "dagis", "fritids", "gymnasiet", "specialpedagog")),
    (ENSKILDE, ("enskilde", "enskild", "barnet", "eleven", "sonen", "dottern", "ungdomen", "son", "dotter")),
    (NARSTAENDE, ("narstaende", "anhorig", "anhoriga", "foralder", "foraldrar", "forald", "mamma", "pappa",
                  "mor", "mormor", "morfar", "farmor", "farfar", "syskon", "vardnadshavare", "familjen")),
    (ANNAN, ("annan", "annat", "andra", "nagon annan")),
)
_NOTICED_VOCABULARY = {word: option for option, words in _NOTICED_WORDS for word in words}


def _noticed_word(word: str) -> str | None:
    if word in _NOTICED_VOCABULARY:
        return _NOTICED_VOCABULARY[word]
    if len(word) < 5:  # short words ("soc", "bup") only exactly: too many near misses otherwise
        return None
    close = get_close_matches(word, [w for w in _NOTICED_VOCABULARY if len(w) >= 5], n=1, cutoff=0.8)
    return _NOTICED_VOCABULARY[close[0]] if close else None


_SELF = {"sjalv", "sjalva"}
_FIRST_PERSON = {"jag", "vi", "mig", "oss"}
_THIRD_PERSON = {"hon", "han", "hen"}


def parse_noticed_by(text: str, role: str | None = None) -> str | None:
    """One of NOTICED_BY; free text that names none of them is "annan". "Jag" is the person
    answering: the child or young person themself, or (a guardian) a närstående. None when nothing is
    said, or only a yes or no about something else: the question is asked again."""
    folded = fold(text)
    words = re.findall(r"[a-z]+", folded)
    if not words:
        return None
    # "kommunal/regional hälso- och sjukvård": the qualifier decides, before any other word.
    if "sjukvard" in folded or "halso" in folded:
        if "kommun" in folded:
            return KOMMUNAL_HS
        if "region" in folded:
            return REGIONAL_HS
    writer = ENSKILDE if role == UNG else NARSTAENDE
    said = set(words)
    if _SELF & said and _FIRST_PERSON & said:
        # "jag själv, skolan sa inget" from a mother is a närstående, not the child (persona round,
        # session 26); "det var dom själva på BUP" names BUP, "han märkte det själv" the child.
        return writer
    for word in words:
        option = _noticed_word(word)
        if option is not None:
            return option
    if _SELF & said:  # "själv": the one answering, unless "hon själv"
        return ENSKILDE if _THIRD_PERSON & said else writer
    if _FIRST_PERSON & said:  # "det var jag"; not before the options: "jag tror skolan"
        return writer
    if _only_yes_or_no(said):  # "ja hon har sagt ok" names no one: asked again, not kept as "annan"
        return None
    return ANNAN


# "ja hon har sagt ok" names no one (knowledge/request_words.yml).
_AROUND_A_YES = _folded_list("around_a_yes")


def _only_yes_or_no(said: set[str]) -> bool:
    answers = said & (YES | NO | ACKNOWLEDGEMENTS)
    return bool(answers) and said <= answers | _AROUND_A_YES


_WAYS = ((SMS, re.compile(r"\b(sms\w*|text\w*|mess\w*|meddelande)\b")),
         (BREV, re.compile(r"\b(brev\w*|post\w*|skriftlig\w*)\b")),
         (TELEFON, re.compile(r"\b(telefon\w*|ring\w*|samtal\w*|mobil\w*)\b")))


def parse_contact_preference(text: str) -> str | None:
    words = fold(text)
    return next((way for way, pattern in _WAYS if pattern.search(words)), None)


def last_contact_preference(text: str) -> str | None:
    """The way named last: "det står brev fortfarande, jag vill att de RINGER" wants a call."""
    words = fold(text)
    found = [(match.start(), way) for way, pattern in _WAYS for match in pattern.finditer(words)]
    return max(found)[1] if found else None


# When the person would like to be called ("ring efter kl 16", "helst på förmiddagen"): a parent
# who works wrote "sen kan ni ringa efter kl 16" and it was dropped (persona round, session 30).
# A number counts only after "kl" or a word like "efter", so ages and dates are no times.
_HOUR = r"(?:[01]?\d|2[0-4])(?:[.:][0-5]\d)?"
_CLOCK = (r"\b(?:(?:efter|fore|innan|mellan|fran|tidigast|senast|runt|kring|omkring|ca|cirka)\s+"
          r"(?:kl(?:ockan)?\.?\s*)?|kl(?:ockan)?\.?\s*)"
          rf"{_HOUR}(?:\s*(?:-|–|och|till)\s*{_HOUR})?(?!\s*(?:ar|manader|veckor|dagar)\b)(?![\d/-])")
_PART_OF_DAY = (r"\b(?:(?:efter|fore|innan|under|pa|utanfor)\s+)?"
                r"(?:(?:for|efter)middag(?:en|ar|arna)?|morgon(?:en|arna)|morgnar(?:na)?|kvall(?:en|ar|arna|stid)?"
                r"|dagtid)\b")
_AFTER_SOMETHING = r"\b(?:efter|fore|innan|under|pa|utanfor)\s+(?:jobbet|skolan|skoltid|arbetstid|lunch(?:en)?)\b"
_WEEKDAY = (r"\b(?:(?:pa|inte pa|ej pa)\s+)?"
            r"(?:mandag|tisdag|onsdag|torsdag|fredag|lordag|sondag|vardag|helg)(?:en|ar|arna|s)?\b")
_RANGE = rf"(?<![\d-]){_HOUR}\s*[-–]\s*{_HOUR}(?![\d/-])"  # "12-12.30"; not a date's "03-15"
_CONTACT_TIME = re.compile("|".join((_CLOCK, _RANGE, _PART_OF_DAY, _AFTER_SOMETHING, _WEEKDAY)))
# A time is kept with the rest of its clause: "torsdag kväll kan jag INTE" was kept as "torsdag, kväll",
# the opposite of what was meant (persona round, session 31).
_CLAUSE_END = re.compile(r"(?<!kl)[.!?;\n]+(?:\s|$)|,\s*|\[[a-z]+\]")
_CLAUSE_OPENERS = re.compile(r"^(?:(?:men|och|o|så|sa|ja|nej|fast|eller|el)\b[\s,!.]*)+", re.IGNORECASE)
_ANY_TIME = re.compile(r"\b(?:nar som helst|spelar ingen roll|hela dagen|alla tider|vilken tid som helst|ingen sarskild"
                       r"|egal|kvitta)\b")
MAX_CONTACT_TIME = 160


def contact_time(text: str) -> str | None:
    """The clauses that say when to call ("ring helst efter kl 16", "torsdagar går det bra på
    förmiddagen"), as written, or None. A name, a number or a "nej" before them is left out."""
    clauses = (without_time_label(_CLAUSE_OPENERS.sub("", part.strip())) for part in _CLAUSE_END.split(str(text or "")))
    said = ". ".join(clause for clause in clauses if clause and _CONTACT_TIME.search(fold(clause)))
    return said[:MAX_CONTACT_TIME] or None


# The summary's own label typed before the time: "passar bäst efter 15 på vardagar" was shown as
# "Passar bäst: passar bäst efter 15 på vardagar" (persona round, session 35).
_TIME_LABEL = re.compile(r"^(?:(?:det|de|dom|den)\s+)?passar\s+(?:det\s+)?(?:mig\s+|oss\s+)?(?:allra\s+)?b[aä]st\b"
                         r"\s*[:\-–,.]?\s*", re.IGNORECASE)


def without_time_label(text: str) -> str:
    """A typed time without a leading "passar bäst" (said once or more); the text as it is when
    nothing else is left."""
    rest = str(text or "").strip()
    while (label := _TIME_LABEL.match(rest)) and rest[label.end():].strip():
        rest = rest[label.end():].strip()
    return rest


# A way to be contacted typed with the phone number ("0701234567 men sms helst" was asked "Hur vill du
# helst…" next; persona round, session 35). Words for the number itself ("mobilnummer", "telefonnr")
# name no way. A call only as a wish ("ring helst"): "ring mig gärna på 070…" gives the number.
_NUMBER_WORD = re.compile(r"\b\w*(?:nummer|numret|nr)\b|\[[a-z]+\]")
_CALL_WISH = re.compile(r"\b(?:helst|hellre)\s+(?:ett\s+)?(?:ring\w*|samtal\w*)\b"
                        r"|\b(?:ring\w*|samtal\w*)\s+(?:mig\s+|oss\s+)?(?:helst|hellre)\b")


def contact_way_with_a_number(text: str | None) -> str | None:
    """SMS, BREV or TELEFON when the answer with the phone number also says how to be contacted."""
    words = _NUMBER_WORD.sub(" ", fold(text or ""))
    for way in (SMS, BREV):
        if dict(_WAYS)[way].search(words):
            return way
    return TELEFON if _CALL_WISH.search(words) else None


_ADDS = re.compile(r"^(?:och|o|samt|plus)\b|\b(?:ocksa|aven|dessutom|lagg till)\b")


def adds_to_what_was_said(text: str) -> bool:
    """"och inte på onsdagar", "också efter 18": more, not instead."""
    return bool(_ADDS.search(fold(text)))


def any_time(text: str) -> bool:
    """"när som helst", "spelar ingen roll": no particular time."""
    return bool(_ANY_TIME.search(fold(text)))


_DECLINE = re.compile(r"\b(vill (inte|ej)|nej|hoppa over|avstar|helst inte|inget (personnummer|nummer)|bara aldern"
                     r"|vet (inte|ej)|minns inte|kommer inte ihag)\b")


def declines(text: str) -> bool:
    """"vill inte ange", "hoppa över", "har inget nummer": the person would rather not give it."""
    return bool(_DECLINE.search(fold(text)))


# "jag heter Eva Lind": the name after the introduction (persona round, session 20: refused).
_NAME_INTRO = re.compile(r"^(?:jag heter ju|jag heter|mitt namn ar|namnet ar|han heter|hon heter|hen heter|"
                         r"barnet heter|det ar)\s+", re.IGNORECASE)
MAX_NAME_WORDS = 6
# Wishes typed at a name question are no names ("förbereda mig" was saved as the child's name;
# verification round, session 27).
_NOT_NAME_STARTS = {"varfor", "vad", "vem", "hur", "maste", "ska", "kan", "vill", "jag", "forbereda", "fortsatta",
                    "begara", "hjalp", "pausa", "avbryt", "radera", "visa"}
# An acknowledgement before the name ("ok. anna berg" was saved whole; verification round, session 27).
_BEFORE_A_NAME = re.compile(r"^(?:ok|okej|ja|jaha|mm|aa)[.,!:]*\s+", re.IGNORECASE)
_NOT_NAMES = {"hej", "halla", "tja", "ok", "okej", "ja", "nej", "mamma", "pappa", "inget", "vet inte", "ingen aning",
              "vill inte saga", "orkar inte",
              # Other questions' options: "Telefonsamtal" was saved as the name (verification round, session 31).
              "telefonsamtal", "telefon", "samtal", "sms", "brev", "formiddag", "eftermiddag", "nar som helst",
              "vardnadshavare", "ny sip", "bada", "kommunen", "regionen"}
# Words no name has, anywhere in the answer: how to be contacted ("båda men helst sms" at "Vad heter du?" was
# saved as the name; persona round, session 36), and what opens a protest or a question ("Vänta, registrerade
# du mig nu som vårdnadshavare?" and "Förlåt, jag förstår inte…" were saved as the child's name "Vänta" and
# "Förlåt"; same round).
_NOT_NAME_WORDS = {"sms", "smsa", "sms:a", "smsar", "sms:ar", "ring", "ringa", "ringer", "ringen", "mejl", "mejla",
                   "mail", "maila", "epost", "e-post", "brev", "telefon", "telefonsamtal", "samtal", "bada", "helst",
                   "hellre", "garna", "vanta", "forlat", "ursakta", "sorry", "oj", "hmm", "hm", "assa", "alltsa",
                   "va", "vada",
                   # A sentence about the name, not the name: "Elin heter inte Vänta".
                   "inte", "ej", "heter", "ar", "jag", "mig", "du", "dig"}


def person_name(text: str) -> str | None:
    """The name in an answer to "Vad heter…?", or None when it is no name: a question ("varför
    behöver ni det"), a number the channel scrubbed ("[telefonnummer]"), digits, or a sentence.
    Persona round, session 20: all of these were stored as the name."""
    answer = _BEFORE_A_NAME.sub("", " ".join(str(text or "").split()).strip(" .!"), count=1)
    folded = fold(answer)
    intro = _NAME_INTRO.match(folded)
    if intro:
        answer = answer[intro.end():].strip(" .!,")
    # "leyla hassan samma" (the same as before) kept "samma", and "samma" alone was a name (persona
    # round, session 35): with such a word, the words around the name are dropped as the samtycke's name
    # question does. Only then: "Jan Ok" is a name.
    name, same = name_parts(answer)
    if same:
        answer = name or ""
    words = answer.split()
    if not words or len(words) > MAX_NAME_WORDS or re.search(r"[\d\[\]?@<>]", answer):
        return None
    # After the first word only when written in small letters: "Eva Ring" is a name.
    plain = [word for position, word in enumerate(words) if position == 0 or not word[:1].isupper()]
    if fold(words[0]) in _NOT_NAME_STARTS or fold(answer) in _NOT_NAMES \
            or {fold(word).strip(".,!:;") for word in plain} & _NOT_NAME_WORDS:
        return None
    return answer


# Where a name typed with more after it ends: words that say what follows (a birth year, a phone
# number), or a comma (then only a name written with capitals counts: "vet inte, kan jag hoppa
# över?" is no name).
# Also a full stop and an age: "Jenny Lindqvist. jobbar 7-16 så ring helst efter 16.30", "Noah Lindqvist
# 12 år" were refused (persona round, session 31).
_AFTER_A_NAME = re.compile(r"\s*(?:\(|\.\s|\[telefonnummer\]|\bf\.|\b\d{1,2}\s*(?:år|ar)\b"
                           r"|\b(?:född|fodd|tel|telefon|ring|nummer|mobil|nr|och (?:mitt|min|numret))\b)",
                           re.IGNORECASE)


def name_with_more_after(text: str) -> str | None:
    """The name that opens an answer which goes on: "Leo Andersson, han är född 2016", "leo
    andersson född 2016", "Maria Andersson, ring mig gärna på [telefonnummer] efter kl 15", "maria
    andersson tel [telefonnummer]" (persona and verification rounds, session 27: none was taken as a
    name)."""
    text = str(text or "")
    marker = _AFTER_A_NAME.search(text)
    head, comma, rest = text.partition(",")
    if marker and (not comma or marker.start() < len(head)):
        head, rest = text[:marker.start()], text[marker.start():]
    elif not comma or not ("[telefonnummer]" in rest or all(word[0].isupper() for word in head.split())):
        return None
    if not rest.strip() or not head.split():
        return None
    return person_name(head)


# "född 2012", "f. 2012", "född i mars 2012": a birth year said with the name.
_BORN_WITH_A_NAME = re.compile(r"\b(?:född|fodd|f\.)\s+(?:\w+\s+){0,3}?((?:19|20)\d{2})\b", re.IGNORECASE)


def age_with_a_name(text: str, today: date | None = None, name: str | None = None) -> int | None:
    """The age said after a name ("Leo Andersson, född 2016", "leo andersson 14 år"), so it is not
    asked again (persona round, session 27: the birth year was read past and the age asked for).
    "N år" only as the child's age, as at the personnummer question: "Leo Andersson, vi har haft honom i 2 år"
    is no age (review of session 38). `name`: the name read from `text`, when the caller has it."""
    match = _BORN_WITH_A_NAME.search(str(text or ""))
    if match is None:
        name = name or name_with_more_after(text) or person_name(text)
        return _years_of_the_child(fold(text or ""), _CHILD_WORDS | set(re.findall(r"[a-z]+", fold(name or ""))))
    try:
        return parse_age(match.group(1), today)
    except AgeError:
        return None


_NUMBER_WORDS = r"(person(?:nummer|numret|nr)|pnr|telefon(?:nummer|numret|nr)|nummer|nummret|numret)"
_WRONG_NUMBER = re.compile(rf"\bfel\b(?:\s+\w+){{0,2}}?\s+{_NUMBER_WORDS}\b"
                           # "de numret e också fel" asked what to change (verification round, session 30).
                           rf"|\b{_NUMBER_WORDS}\s+(?:var|ar|e|blev)\s+(?:ocksa\s+|ju\s+|helt\s+|fortfarande\s+)?fel\b")


def says_wrong_number(text: str) -> str | None:
    """"fel personnummer" → "personnummer"; "oj fel nummer", "numret var fel" → "nummer"; else None."""
    found = _WRONG_NUMBER.search(fold(str(text or "")))
    if not found:
        return None
    word = found.group(1) or found.group(2)
    return "personnummer" if word.startswith("person") or word == "pnr" else "nummer"


def introduces_a_name(text: str) -> bool:
    """"jag heter Eva Lind": classified as asking the bot its name, but an answer."""
    return bool(_NAME_INTRO.match(fold(" ".join(str(text or "").split())))) and person_name(text) is not None


# "jag är mamman", "pappan här" were told to pick a button (verification round, session 30).
_GUARDIAN_WORDS = re.compile(r"\b(vardnadshavare|forald\w*|mamma|mamman|pappa|pappan|mor|far|foralder)\b")
_YOUNG_WORDS = re.compile(r"\b(ung|sjalv|mig sjalv|jag ar 1[89]|jag ar 20|for mig)\b")
# "inte vårdnadshavare", "ej förälder", "inte hans pappa": the role word is denied, not said. A foster
# parent who wrote "…familjehemsförälder, inte vårdnadshavare" was stored as one (persona round, session 26).
_NEGATED = re.compile(r"\b(?:inte|ej|icke)\s+(?:(?:en|ett|nan|nagon|hans|hennes|hens|deras|barnets|heller|riktigt"
                      r"|formellt|juridiskt)\s+)?$")
# Familjehem, jourhem and fosterföräldrar, also in two words ("foster förälder", "familjehems mamma"),
# whose "förälder" is not a guardian's. Not "familjehemsplacerad" nor "familjehemssekreterare".
_FOSTER_HOME = re.compile(r"\b(?:familjehem|jourhem|fosterhem)(?:met|men|mets)?\b"
                          r"|\b(?:familjehems?|jourhems?|foster|jour)\s?"
                          r"(?:forald\w*|mamma\w*|pappa\w*|mor|far|familj\w*)\b")


_REQUEST_WORDS = re.compile(r"\b(?:begar\w*|ansok\w*|forfragan\w*)\b")
_SIP_WORD = re.compile(r"\bsip\w*")


def names_the_sip_not_a_request(text: str) -> bool:
    """"om jag inte vill ha sip längre då": about the SIP itself, not "ta tillbaka min begäran"."""
    folded = fold(text)
    return bool(_SIP_WORD.search(folded)) and not _REQUEST_WORDS.search(folded)


# A wish to change a request already sent ("jag vill ändra tid när de ringer mig", "bara ändra tid.
# förmiddag bättre"): it got "Du kan alltid prata med en människa" or the text about taking back a
# samtycke (persona round, session 32). Folded "andra" is also "other" ("de andra ringer"), so it
# counts only after a word like "vill" or opening a clause; "ändra" typed with its "ä" always counts.
_CHANGE = re.compile(r"\b(?:vill|kan|ska|skulle|att|maste|behover|bara|jag|vi|man)\s+(?:jag\s+|vi\s+|man\s+|ni\s+)?"
                     r"andra\b|(?:^|[.!?,]\s*)andra\b|\bandr(?:ar|at|ing\w*)\b|\bbyt(?:a|er|t)?\b|\bflytta\b"
                     r"|\buppdatera\w*|\b(?:annan|ny)\s+(?:tid|dag)\b|\b(?:annat|nytt|nya)\s+(?:telefon)?nummer\b"
                     # "kan de ringa mig istället för sms? och mitt nya nummer är…" (verification round, session 32)
                     r"|\bistallet\b")
_WHAT_A_REQUEST_SAYS = re.compile(r"\b(?:begar\w*|forfragan\w*|tid|tiden|tider|tidpunkt\w*|ring\w*|samtal\w*"
                                  r"|telefon\w*|nummer|numret|mobil\w*|sms|mejl\w*|mail\w*|e-?post\w*|kontakt\w*)\b")
# Changed elsewhere: a samtycke, the preparation's answers ("ändra 11"), or the meeting itself. Nor
# asking for a person: "Vem ska jag ringa till i Trollhättan om jag vill prata med en människa istället?"
# got the text about changing a sent request (persona round, session 33).
_NOT_THE_REQUEST = re.compile(r"\b(?:samtycke\w*|svar(?:en|et)?|fragan|fragorna|\w*mote(?:t|n|na)?)\b"
                              r"|\b(?:manniska|manniskor)\b|\bandra \d")


def asks_to_change_a_sent_request(text: str | None) -> bool:
    """"kan jag ändra begäran som jag skickade?", "jag vill byta nummer", "kan de ringa en annan tid"."""
    folded = fold(text or "")
    if _NOT_THE_REQUEST.search(folded):
        return False
    changes = "ändr" in str(text or "").lower() or _CHANGE.search(folded)
    return bool(changes) and bool(_WHAT_A_REQUEST_SAYS.search(folded) or _CONTACT_TIME.search(folded))


def names_a_request(text: str | None) -> bool:
    """"min begäran", "förfrågan jag skickade": the message itself speaks of a request."""
    return bool(_REQUEST_WORDS.search(fold(text or "")))


def says_foster_home(text: str) -> bool:
    """"familjehem", "jag är familjehemsförälder", "vi är jourhem": a foster home, no guardian."""
    return bool(_FOSTER_HOME.search(fold(text)))


def _role_words(pattern: re.Pattern, words: str) -> tuple[set[str], set[str]]:
    """The role words of `pattern` in the folded `words`: (said, denied)."""
    said: set[str] = set()
    denied: set[str] = set()
    for match in pattern.finditer(words):
        (denied if _NEGATED.search(words[:match.start()]) else said).add(match.group(1))
    return said, denied


# "får" folds to "far" (father): "får jag då ge samtycke för Elin?" at "Vem är du?" was taken as a guardian's
# answer (persona round, session 36). Also "far" typed without ring next to a pronoun ("far jag", "jag far").
_MAY = re.compile(r"\bfår\b", re.IGNORECASE)
_PRONOUN = r"(?:jag|ja|vi|man|du|ni|hon|han|hen|dom|de|inte|ocksa|ju)"
_MAY_FOLDED = re.compile(rf"\b{_PRONOUN}\s+far\b|\bfar\s+{_PRONOUN}\b")


def parse_role(text: str) -> str | None:
    words = _MAY_FOLDED.sub(" ", _FOSTER_HOME.sub(" ", fold(_MAY.sub(" ", str(text or "")))))
    guardian, denied = _role_words(_GUARDIAN_WORDS, words)
    if guardian and "vardnadshavare" not in denied:  # "mamma, men inte vårdnadshavare" is no guardian
        return VARDNADSHAVARE
    if _role_words(_YOUNG_WORDS, words)[0]:
        return UNG
    return None


# --- a role that is no guardian's, said with a guardian's words (persona round, session 36) -------------
# A familjehemsförälder answered "Vem är du?" with "Jag är familjehemsförälder, Elin bor hos oss men hennes
# mamma är vårdnadshavare." and was saved as vårdnadshavare; "Vänta, registrerade du mig nu som
# vårdnadshavare? Det är jag inte." at the next question was saved as the child's name.
_FOSTER_PARENT_WORD = (r"(?:(?:familjehem|jourhem|fosterhem)(?!s?sekreterar|s?placer|s?barn)\w*"
                       r"|(?:familjehems?|jourhems?|foster)\s?(?:forald\w*|mamma\w*|pappa\w*|mor|far))")
# A word between "jag är" and the foster word that says the writer is not the foster parent: the child lives
# in one ("jag är placerad i familjehem", "ja e i jourhem", "min familjehemsmamma"), or it is denied ("jag är
# inte familjehem"). These are read all conversation long (guardian_cues, relative_cues), so a child in foster
# care must never be taken for the foster parent (review, session 39).
_NOT_THE_FOSTER_PARENT = r"(?:i|pa|hos|fran|till|placerad\w*|min|mitt|mina|inte|int|ej|aldrig|ingen|inget|inga)\b"
_A_WORD = rf"(?!{_NOT_THE_FOSTER_PARENT})\w+\s+"
# The writer is one: "jag är familjehemsförälder", "vi är hennes jourhem", "jag som fosterförälder", "jag heter
# Birgitta och är familjehemsförälder", "Elin bor hos oss som familjehem", "vi har en placerad flicka", "hon är
# placerad hos oss", or the word alone. Not "hon bor i familjehem" or "Elin bor hos familjehemsföräldrarna",
# which a guardian writes, nor a familjehemssekreterare, nor a child's "jag är ett familjehemsbarn".
_FOSTER_SELF = re.compile(
    rf"\b(?:jag|ja|vi|och)\s+(?:ar|e|er|blev|har\s+varit)\s+(?:{_A_WORD}){{0,3}}?{_FOSTER_PARENT_WORD}\b"
    rf"|(?<!inte )(?<!ej )\bsom\s+{_FOSTER_PARENT_WORD}\b"
    rf"|^\W*(?:{_A_WORD})?{_FOSTER_PARENT_WORD}\W*$"
    rf"|\b(?:jag|ja|vi)\s+har\s+(?:{_A_WORD}){{0,2}}?placera(?:d|de|t)\s+"
    r"(?:flick\w*|pojk\w*|tjej\w*|kill\w*|barn\w*|ungdom\w*|son|dotter|unge?|ungar(?:na)?)\b"
    r"|\bplacerad\w*\s+hos\s+(?:oss|mig)\b")
# "jag är inte vårdnadshavare", "jag är ju inte hennes vårdnadshavare", "…som vårdnadshavare? Det är jag inte.",
# "jag har inte vårdnaden".
_NOT_A_GUARDIAN = re.compile(
    r"\b(?:jag|ja)\s+(?:ar|e)\s+(?:ju\s+|faktiskt\s+|alltsa\s+)?(?:inte|ej)\s+(?:\w+\s+){0,2}?vardnadshavare\b"
    r"|\bvardnadshavare\b\W+(?:\w+\W+){0,6}?(?:det|de)\s+(?:ar|e)\s+(?:jag|ja)\s+(?:ju\s+)?(?:inte|ej)\b"
    r"|\b(?:jag|ja)\s+har\s+(?:ju\s+)?(?:inte|ej)\s+(?:\w+\s+)?vardnad(?:en)?\b")
# Someone else has the custody: "hennes mamma är vårdnadshavare", "det är Elins mamma som har vårdnaden",
# "mamman har vårdnaden". Not when it is shared with the writer ("pappan har också vårdnaden", "jag och
# pappan har vårdnaden").
_OTHER_GUARDIAN = re.compile(
    r"\b(?:hennes|hans|hens|barnets|elevens|\w+s)\s+(?:\w+\s+)?(?:ar|e|har)\s+(?:\w+\s+)?"
    r"(?:vardnadshavare\w*|vardnad(?:en)?)\b"
    r"|\b(?:mamman|pappan|modern|fadern|foraldrarna|socialtjansten|soc|kommunen)\s+(?:\w+\s+)?(?:ar|e|har)\s+"
    r"(?:\w+\s+)?(?:vardnadshavare\w*|vardnad(?:en)?)\b"
    r"|\bdet\s+(?:ar|e)\s+(?!jag\b|vi\b|ja\b)(?:\w+\s+){1,2}som\s+(?:ar|e|har)\s+(?:\w+\s+)?"
    r"(?:vardnadshavare\w*|vardnad(?:en)?)\b")
_SHARED_CUSTODY = re.compile(r"\b(?:ocksa|aven|med mig|bada|gemensam\w*|delad\w*|tillsammans|jag och|vi)\b")


def says_they_are_a_foster_parent(text: str | None) -> bool:
    """The writer is a familjehem, jourhem or fosterförälder (not: the child lives in one)."""
    return bool(_FOSTER_SELF.search(" ".join(fold(text or "").split())))


def denies_being_a_guardian(text: str | None) -> bool:
    """"jag är inte vårdnadshavare", "…som vårdnadshavare? Det är jag inte.", "jag har inte vårdnaden"."""
    return bool(_NOT_A_GUARDIAN.search(" ".join(fold(text or "").split())))


def says_someone_else_is_the_guardian(text: str | None) -> bool:
    """"hennes mamma är vårdnadshavare", "det är Elins mamma som har vårdnaden"; not a custody shared."""
    folded = " ".join(fold(text or "").split())
    return bool(_OTHER_GUARDIAN.search(folded)) and not _SHARED_CUSTODY.search(folded)


def names_a_non_guardian_role(text: str | None) -> bool:
    """At "Vem är du?": a role that is no guardian's, even when the answer has a guardian's words in it."""
    return says_they_are_a_foster_parent(text) or denies_being_a_guardian(text) \
        or says_someone_else_is_the_guardian(text)


def disputes_the_guardian_role(text: str | None) -> bool:
    """At a later question, by someone saved as vårdnadshavare: "det är jag inte", "jag är familjehemsförälder".
    Only the writer's own words: "mamman har vårdnaden" in a story of the needs says nothing of the writer."""
    return says_they_are_a_foster_parent(text) or denies_being_a_guardian(text)


# "ändra vem jag är", "hur ändrar jag att jag är vårdnadshavare": the role asked again (in the form and at the
# summary). "Det står fortfarande att jag är vårdnadshavare. Hur ändrar jag det?" found no way (session 36).
_ROLE_CHANGE = re.compile(r"\bandr\w*\s+(?:\w+\s+){0,3}?(?:vem jag ar|vem du ar|roll\w*|vardnadshavare)\b"
                          r"|\b(?:vem jag ar|roll\w*|vardnadshavare)\b.{0,60}?\bandr(?:a|ar|as)\b")


def wants_to_change_the_role(text: str | None) -> bool:
    return bool(_ROLE_CHANGE.search(" ".join(fold(text or "").split())))


# "Vad har du skrivit att jag är nu?", "vad står det om mig", "registrerade du mig som vårdnadshavare?": what
# the form has noted so far is said, and the question asked again.
# Not "vad står det i en SIP?" nor "vad har ni skrivit om samtycke?", which ask about SIP.
_ASKS_NOTED = re.compile(r"\bvad\s+(?:har\s+du|har\s+ni|har\s+jag)\s+(?:\w+\s+)?(?:skrivit|noterat|sparat|registrerat"
                         r"|fyllt\s+i|satt)(?:\s+(?:att\s+jag|om\s+mig|nu|hittills|sa\s+langt|in|ner)\b|\W*$)"
                         r"|\bvad\s+star\s+det\s+(?:om\s+mig|att\s+jag|nu|har|hittills)\b|\bregistrerade\s+du\s+mig\b"
                         r"|\bvad\s+(?:tror\s+du\s+att\s+)?jag\s+ar\s+(?:nu|da)\b")


def asks_what_is_noted(text: str | None) -> bool:
    return "?" in str(text or "") and bool(_ASKS_NOTED.search(" ".join(fold(text or "").split())))


# "jag heter Amina Hassan" later in the form corrects the name (persona round, session 36: "oj jag läste fel.
# jag heter Amina Hassan. telefon 070…" at the phone question had the name ignored). The writer's own name
# only: "hon heter Elin" is the child's.
_OWN_NAME_INTRO = re.compile(r"(?:^|[.!?,;:]\s*|\b(?:och|men|o)\s+)(?:jag\s+heter(?:\s+ju)?|mitt\s+namn\s+(?:är|ar|e))\s+"
                             r"(?P<name>[^.!?,;:\[\]\d]+)", re.IGNORECASE)
_NAME_ENDS = re.compile(r"\s+(?:och|o|men|telefon\w*|tel|nummer|numret|mobil\w*|ring\w*|sms\w*)\b.*$", re.IGNORECASE)


def own_name_said(text: str | None) -> str | None:
    """The name in "… jag heter Amina Hassan. telefon …" anywhere in a message, or None."""
    match = _OWN_NAME_INTRO.search(" ".join(str(text or "").split()))
    if match is None:
        return None
    return person_name(_NAME_ENDS.sub("", match.group("name")).strip())


# "innan jag skickar, får pappan veta att jag skickat? han har också vårdnad" at the summary got only "Välj
# ”Ja, skicka”…" (persona round, session 36): whom the request goes to, and that nobody else is told by the bot.
_WHO_IS_TOLD = re.compile(r"\b(?:far|kommer)\s+(?:\w+\s+){0,3}?(?:veta|se|lasa|reda pa|information|ett meddelande)\b"
                          r"|\b(?:vem|vilka|vart|var)\s+(?:\w+\s+){0,2}?(?:skickas|gar|far|ser|kan se|far se|far veta)\b"
                          r"|\bmeddela\w*\b|\binformera\w*\b|\bberatta\w*\s+for\b")


# Someone other than the writer: "ringer skolan henne?", "får hennes mamma veta?", "den andra vårdnadshavaren".
# Bare "mamma"/"pappa" is left out ("jag är mamma"), and "far", which folds like "får"; so are "han"/"hon":
# "ring efter 16, då är han i skolan" is about the writer's phone.
_OTHER_PERSON = re.compile(r"\b(?:henne|honom|mamman|pappan|modern|fadern|exet"
                           r"|(?:hennes|hans|dennes|min|mitt|barnets) (?:mamma|pappa|mor|ex|fru|man|sambo)"
                           r"|den andra (?:vardnadshavare\w*|foralder\w*)|andra foraldern)\b")
_CONTACTING = re.compile(r"\b(?:skicka\w*|kontakt\w*|hor av|hors av|meddela\w*|informera\w*)\b")
# A wish that makes a question a change: "kan ni sms:a istället?".
_WISH = re.compile(r"\b(?:istallet|hellre|helst|foredrar)\b")


def about_someone_else(text: str | None) -> bool:
    return bool(_OTHER_PERSON.search(" ".join(fold(text or "").split())))


def asks_who_is_told(text: str | None) -> bool:
    """At the summary: who gets the request, or whether someone else (the other guardian) is told or
    contacted ("skickar ni nåt till henne eller ringer skolan henne?"; verification round, session 36)."""
    folded = " ".join(fold(text or "").split())
    if "?" not in str(text or ""):
        return False
    return bool(_WHO_IS_TOLD.search(folded)) or about_someone_else(text) and bool(
        _CONTACTING.search(folded) or parse_contact_preference(folded))


# Agreeing to the request or the SIP: "måste hans pappa också godkänna?", "räcker det med mitt [samtycke]?".
_AGREEING = re.compile(r"\b(?:godkann\w*|samtyck\w*|(?:saga|sager|sagt|saja) ja|skriv\w* under|gar? med pa|racker)\b")
# Both guardians together, as the other guardian: "måste vi båda säga ja?".
_BOTH_GUARDIANS = re.compile(r"\b(?:vi|ni) bada\b|\bbada (?:vardnadshavar\w*|foraldr\w*)\b")
# "han/hon/hen" who must agree, in a message that names a parent ("pappa bor i annat land … behöver han också
# säga ja?"). Not the writer's own role: "jag är mamma, måste han också säga ja?" may be about the child.
_PARENT_MUST_AGREE = re.compile(r"\b(?:han|hon|hen)\s+(?:\w+\s+){0,2}?"
                                r"(?:godkann\w*|samtyck\w*|(?:saga|sager|saja) ja|skriv\w* under|ga med pa)\b")
_PARENT_WORD = re.compile(r"\b(?:mamma|mamman|pappa|pappan|vardnadshavare\w*)\b")
_OWN_PARENT_WORD = re.compile(r"\b(?:jag|ja)\s+(?:ar|e|er)\s+(?:\w+\s+)?"
                              r"(?:mamma|mamman|pappa|pappan|vardnadshavare\w*)\b")


def asks_about_the_other_guardian(text: str | None) -> bool:
    """At any question of the request form, a question about the child's other guardian: whether they are
    told or contacted (asks_who_is_told), or must agree. "vänta. måste hans pappa också godkänna innan ni
    skickar det här?" at the child's name got "Verksamheten behöver namnet…" and the name question again
    (persona round, session 38): the summary's answer was the only one. Someone else must be named, so
    "vem ser det här?" is left to the general answers. "yusuf pappa bor i annat land. ingen kontakt. behover han
    ocksa saga ja?" at the summary got the text on who may have a SIP (persona round, session 39): a parent named
    who is not the writer ("jag är mamma"), then "han"/"hon" must agree, asks the same."""
    folded = " ".join(fold(text or "").split())
    if "?" not in str(text or ""):
        return False
    if _PARENT_MUST_AGREE.search(folded) and _PARENT_WORD.search(folded) and not _OWN_PARENT_WORD.search(folded):
        return True
    if not (about_someone_else(text) or _BOTH_GUARDIANS.search(folded)):
        return False
    return asks_who_is_told(text) or bool(_AGREEING.search(folded))


# --- a goodbye inside the form, and a SIP the person already has (persona round, session 39) ----------------
_SENTENCES = re.compile(r"[^.!?\n]+")
_CLAUSES = re.compile(r"[^.,!?;:\n]+")  # as GoodbyeCues reads a denial: within a clause


_FAREWELLS_FOR_GOOD = tuple(tuple(leave_taking_words(str(phrase))) for phrase in _WORDS["farewell_for_good"])


def ends_with_a_goodbye(text: str | None) -> bool:
    """"Tack, då ringer jag Linas socialsekreterare i stället. Hej då.": the last sentence takes leave, with only
    `around_a_goodbye` words before the cue and `after_a_goodbye` words after the last one ("hej då sa jag").
    Not "jag sa inte hej då", nor "hej hej, jag undrar en sak", nor "nej det var allt tack". Never a farewell
    that may be for good (`farewell_for_good`): "hej då för alltid", "förlåt mamma. hej då" (review, session 39)."""
    text, cues = str(text or ""), goodbye_cues()
    if contains_phrase(leave_taking_words(text), _FAREWELLS_FOR_GOOD) \
            or any(cues.denied_in(clause) for clause in _CLAUSES.findall(text)):
        return False
    sentences = [sentence for sentence in _SENTENCES.findall(text) if re.search(r"\w", sentence)]
    if not sentences:
        return False
    words = leave_taking_words(sentences[-1])
    spans = cues.cue_spans(words)
    if not spans:
        return False
    in_a_cue = [False] * len(words)  # "tack för hjälpen, hej då": two cues
    for start, end in spans:
        in_a_cue[start:end] = [True] * (end - start)
    last_end = max(end for _, end in spans)
    around = set(leave_taking_words(" ".join(_WORDS["around_a_goodbye"])))
    after = set(leave_taking_words(" ".join(_WORDS["after_a_goodbye"])))
    return all(cued or word in (after if index >= last_end else around)
               for index, (word, cued) in enumerate(zip(words, in_a_cue)))


_ALREADY_HAS_A_SIP = tuple(" ".join(words_of(phrase)) for phrase in _WORDS["already_has_a_sip"])


def says_they_have_a_sip(text: str | None) -> bool:
    """"jag har redan en sip", "jag har haft en sip sen jag var 15": one of `already_has_a_sip`, as whole words."""
    said = " ".join(words_of(text or ""))
    return any(re.search(rf"\b{re.escape(phrase)}\b", said) for phrase in _ALREADY_HAS_A_SIP)


# --- an interpreter needed (persona round, session 38) ---------------------------------------------------
# "sms. och jag behover tolk arabiska" at the way to be contacted kept the SMS and dropped the interpreter:
# there is no field for it, so it goes with the needs text the organisation reads ("Familjen behöver tolk på arabiska").
# Languages by their folded stem, and how the line names them (knowledge/request_words.yml). A stem also opens
# "arabisktalande", "arabiska", "arabisk-tolk" or "somalisktolk".
_LANGUAGES = {fold(stem): name for stem, name in _WORDS["interpreter_languages"].items()}
# The word "tolk" whole, or after a language or a kind ("språktolk", "teckenspråkstolk"): never inside a name
# ("Emma Stolk" at the name question was dropped and "Behöver tolk" added; review of session 38).
_INTERPRETER_STARTS = sorted(set(_LANGUAGES) | _folded_list("interpreter_kinds"), key=len, reverse=True)
_INTERPRETER = re.compile(r"\b(?:(?:" + "|".join(_INTERPRETER_STARTS) + r")(?:a|t|e)?s?-?)?"
                          r"tolk(?:en|ar|arna|hjalp|s)?\b")
_NEEDING = re.compile(r"\b(?:behov\w*|behover|behovs|vill ha|maste ha|ska ha|onskar|onskas|med tolk|tolk tack)\b")
_NOT = re.compile(r"\b(?:inte|ingen|inga|ej|utan|slipper)\b")
_LANGUAGE = re.compile(r"\b(" + "|".join(sorted(_LANGUAGES, key=len, reverse=True))
                       + r")(?:a|t|e)?(?:s)?(?:-?talande|-?sprakig)?(?:-?tolk\w*)?\b")
_CLAUSE = re.compile(r"[^.!?;\n]+[.!?;\n]*")
_WHERE = re.compile(r"\b(?:var|vart)\b")


@dataclass(frozen=True)
class Interpreter:
    """What a message says of an interpreter: needed or not, and the language when named."""
    needed: bool
    language: str | None = None


def _interpreter_clauses(text: str | None) -> list[str]:
    """The clauses (sentences, and parts joined by "och" or a comma) that speak of an interpreter."""
    parts = (part for clause in _CLAUSE.findall(str(text or ""))
             for part in re.split(r",|\b(?:och|o)\b", clause, flags=re.IGNORECASE))
    return [part for part in parts if _INTERPRETER.search(fold(part))]


def interpreter_said(text: str | None) -> Interpreter | None:
    """"jag behover tolk arabiska", "pappa behöver arabisk tolk på mötet", "tolk på somaliska": needed, and
    the language; "vi behöver ingen tolk": not needed; None when no statement speaks of one. A question
    ("kan vi få tolk?", "var står tolk?") states nothing: it is answered as before."""
    said = None
    for clause in _interpreter_clauses(text):
        folded = fold(clause)
        if "?" in clause:
            continue
        if _NOT.search(folded):  # "vi behöver ingen tolk", "det går utan tolk"
            said = Interpreter(False)
            continue
        if not (_NEEDING.search(folded) or _LANGUAGE.search(folded) or len(folded.split()) <= 2):
            continue
        language = _LANGUAGE.search(folded)
        said = Interpreter(True, _LANGUAGES[language.group(1)] if language else None)
    return said


def asks_where_the_interpreter_is(text: str | None) -> bool:
    """"var står tolk?" at the summary: where the need is written."""
    return any("?" in clause and _WHERE.search(fold(clause)) for clause in _interpreter_clauses(text))


def without_the_interpreter(text: str | None) -> str:
    """The message without its clauses about an interpreter ("sms. och jag behover tolk arabiska" is "sms."),
    so the rest is read as the answer to the question asked."""
    rest = str(text or "")
    for clause in _interpreter_clauses(text):
        rest = rest.replace(clause, " ", 1)
    rest = re.sub(r"\s+", " ", rest)
    return re.sub(r"(?:\s*\b(?:och|o)\b\s*)+$|^\s*(?:\b(?:och|o)\b\s*)+", "", rest).strip(" ,;")


def interpreter_line(said: Interpreter | None) -> str | None:
    """The line added to the needs text: "Familjen behöver tolk på arabiska", or "Familjen behöver tolk" (bot/domain/request.yml)."""
    if said is None or not said.needed:
        return None
    if said.language:
        return label_text("tolk_sprak").replace("{language}", said.language)
    return label_text("tolk")


def with_interpreter(needs: str | None, line: str | None) -> str | None:
    """The needs text with the interpreter line after it, unless it already speaks of an interpreter."""
    if not line:
        return needs
    story = (needs or "").strip()
    if _INTERPRETER.search(fold(story)):
        return needs
    if not story:
        return line
    return f"{story}{'' if story[-1] in '.!?' else '.'} {line}"


# "lss-handläggaren" at "Vem märkte först…?" was saved as socialtjänst without a word (persona round,
# session 38). The form's options have no LSS; the material counts LSS as part of socialtjänsten
# (001, "Vem ska uppmärksamma behov till en SIP?": "verksamheter inom socialtjänsten (myndighet, utförare,
# LSS, …)"), so it is kept, and said.
_LSS = re.compile(r"\blss\w*")


def names_lss(text: str | None) -> bool:
    return bool(_LSS.search(fold(text or "")))


def changes_own_contact_way(text: str | None) -> bool:
    """Whether a way to be contacted named at the summary changes the writer's: not one about someone
    else, nor a question without a wish ("ringer skolan henne?" changed sms to a call; session 36)."""
    if about_someone_else(text):
        return False
    return "?" not in str(text or "") or bool(_WISH.search(fold(text or "")))


def sides_of_the_named(text: str | None) -> str | None:
    """BOTH, KOMMUN or REGION by the services a message names ("asså jag har vuxenpsyk och soc om boende, e
    det båda?"), leaving out the words "båda" and "ja" that ask; None when it names none."""
    words = fold(text or "")
    kommun, region = bool(_KOMMUN_SIDE.search(words)), bool(_REGION_SIDE.search(words))
    return BOTH if kommun and region else KOMMUN if kommun else REGION if region else None


# "jag är väl nästan som en vårdnadshavare i praktiken?" and "Ska jag trycka på vårdnadshavare då?"
# from a grandmother were taken as "vårdnadshavare", and the child's personnummer was asked for
# (persona round, session 30): asking about the role, or hedging it, is not having it.
# "jag e typ vårdnadshavare nu" and "jag trycker på vårdnadshavare då, det blir enklast" were still
# taken (verification round, session 30).
_ROLE_DOUBT = re.compile(r"\b(?:nastan|i praktiken|typ|som en|raknas|raknar|ska jag (?:trycka|valja|ta)"
                         r"|kan jag (?:trycka|valja|ta)|far jag (?:trycka|valja)|trycker|enklast)\b"
                         r"|^(?:ar|e|blir) jag\b")


def asks_about_the_role(text: str) -> bool:
    """A message that asks whether the writer has a role, or hedges it: no role is taken from it."""
    return bool(_ROLE_DOUBT.search(fold(text)))


# "jag, 15 år" and "jag är bara 16" too: an own age under 18 said in the role answer is told where to ask
# at once, before any name or personnummer ("jag själv men jag e 17" was asked both; persona round, session 33).
_UNDER_ADULT_AGE = re.compile(r"\b(?:under 18|inte 18"
                              r"|(?:jag ar|jag e|ja e|ja ar) (?:bara |typ |nu )?(?:[5-9]|1[0-7])\b)"
                              r"|^(?:jag|mig)(?: sjalv)?\W+(?:[5-9]|1[0-7]) ?ar\b")


def says_they_are_under_18(text: str) -> bool:
    """"jag e 15 o planen gäller mig", "men jag e inte 18": a young person who cannot use this form."""
    return bool(_UNDER_ADULT_AGE.search(fold(text)))


class AgeError(ValueError):
    """`reason` picks the Swedish message: "personnummer", "future", "removed", "unclear"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_PNR = re.compile(r"\b(\d{6}|\d{8})\s*[-+]?\s*(\d{4})\b")
_YEAR = re.compile(r"\b(19\d{2}|20\d{2})\b")


def _years_between(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def parse_personnummer(text: str) -> str | None:
    """A personnummer (or samordningsnummer) in the text as "YYYYMMDD-XXXX"; None when the text
    has none. A number that looks like one but is not (wrong check digit, impossible date)
    raises AgeError("personnummer")."""
    match = _PNR.search(str(text or ""))
    if not match:
        return None
    from personnummer import personnummer  # local: only this path needs the package

    number = match.group(1) + match.group(2)
    if not personnummer.valid(number):  # wrong check digit or an impossible date
        raise AgeError("personnummer")
    digits = personnummer.parse(number).format(True)  # 12 digits, the century worked out
    return f"{digits[:8]}-{digits[8:]}"


def mask_personnummer(number: str | None) -> str | None:
    """For replies the tracker keeps: the date of birth, never the last four digits."""
    return f"{number[:8]}-****" if number and len(number) >= 8 else None


def age_from_personnummer(number: str, today: date | None = None) -> int:
    from personnummer import personnummer

    today = today or date.today()
    born = personnummer.parse(number).get_date()
    born = born.date() if hasattr(born, "date") else born
    if born > today:
        raise AgeError("future")
    return _years_between(born, today)


def parse_child(text: str, today: date | None = None, child_name: str | None = None,
                own: bool = False) -> tuple[int, str | None]:
    """The child's age and, when the answer is one, the personnummer ("YYYYMMDD-XXXX"); `own` as in spoken_age."""
    number = parse_personnummer(text) if "[personnummer]" not in str(text or "") else None
    if number is not None:
        return age_from_personnummer(number, today), number
    return parse_age(text, today, child_name, own), None


def parse_age(text: str, today: date | None = None, child_name: str | None = None, own: bool = False) -> int:
    """The child's age from "14", "14 år", a birth year or a personnummer; `child_name`, `own` as in spoken_age."""
    today = today or date.today()
    raw = str(text or "").strip()
    if "[personnummer]" in raw:  # the PII scrubber removed the number before it reached us
        raise AgeError("removed")
    number = parse_personnummer(raw)
    if number is not None:
        return age_from_personnummer(number, today)
    match = _YEAR.search(raw)
    if match:
        year = int(match.group(1))
        if year > today.year:
            raise AgeError("future")
        return today.year - year  # the age this year: exact enough for "up to 20"
    age = spoken_age(raw, child_name, own)
    if age is not None:
        return age
    raise AgeError("unclear")


# Everyday ways to say an age: "hon ar 12", "han e 9", "hen är tolv", "12 år", "12-åring". Only a number said as
# an age counts, or one that is the whole answer ("14", "bara 14"), so "hon går i 6an" or "rum 12" is no age
# (persona round, session 38). Folded: "ar" is both "är" and "år".
# And only the child's age: "jag har haft henne i 2 år" gave 2 and "mamma är 40" gave 40, saved, judged and sent
# (review of session 38). An age after a verb needs the child as its subject ("hon är 12", "nu är hon 12",
# "Elsa är 12"); "N år" needs a clause with nothing else in it ("i 2 år", "för 2 år sen" are durations).
_AGE_FILLERS = ("bara", "typ", "nastan", "snart", "ca", "cirka", "ungefar", "precis", "redan", "nu", "ju")
# A lookahead, so every verb is tried: "mamma ar 40 och hon ar 12".
_AGE_AFTER_A_VERB = re.compile(rf"(?=\b(?P<verb>ar|e|blir|fyller|fyllde|fyllt|aldern?)[\s:]+(?:(?P<after>[a-z]+)\s+)?"
                               rf"(?:(?:{'|'.join(_AGE_FILLERS)})\s+)*(?P<age>\d{{1,2}}|[a-z]+)\b(?![.:/-]\d))")
_DIGITS_THEN_YEARS = re.compile(r"\b(\d{1,2})\s*-?\s*(?:ar|arig|aring|arsaldern)\b")
# Words around a number that is the whole answer to "how old": "bara 14", "14 år gammal", "hon 12".
_AROUND_AN_AGE = {"bara", "typ", "ca", "cirka", "ungefar", "nastan", "snart", "precis", "nu", "ju", "ar", "e",
                  "gammal", "gammalt", "aring", "arig", "hon", "han", "hen", "barnet", "alder", "aldern"}
# Besides those, in a clause with "N år" ("hon blir 12 år", "12 år är hon"): the verbs of an age.
_AROUND_YEARS = _AROUND_AN_AGE | {"arsaldern", "blir", "fyller", "fyllde", "fyllt"}
_CHILD_WORDS = _folded_list("child_words")
# Whose age "ålder" is: "hennes ålder: 12", not "mammas ålder 40".
_CHILDS = {"hennes", "hans", "hens", "barnets"}
_AGE_CLAUSE = re.compile(r"[.,;!?()\n]|\b(?:men|fast)\b")
# The writer's own words, when the young person asks for themself: "jag är 19" is then the child's age.
_OWN_WORDS = {"jag", "ja"}
_HALF_A_YEAR = re.compile(r"(?<=\d)[.,]5\b|\s+(?:och|o)\s+(?:ett\s+)?halvt?\b")


def spoken_age(text: str | None, child_name: str | None = None, own: bool = False) -> int | None:
    """The child's age in an everyday answer (see above), in digits or, as the preparation reads them, in words.
    `child_name`: the name given for the child, so "Elsa är 12" counts too. `own`: the writer is the child (a
    young person asking for themself), so "jag är 19" counts; a guardian's "jag är 40" does not."""
    folded = _HALF_A_YEAR.sub("", fold(text or ""))  # "12 och ett halvt" is 12, as before
    child = _CHILD_WORDS | set(re.findall(r"[a-z]+", fold(child_name or ""))) | (_OWN_WORDS if own else set())
    rest = [word for word in re.findall(r"\d+|[a-z]+", folded) if word not in _AROUND_AN_AGE | child]
    if len(rest) == 1 and (age := _age_number(rest[0])) is not None:
        return age
    for match in _AGE_AFTER_A_VERB.finditer(folded):
        if _said_of_the_child(folded, match, child) and (age := _age_number(match.group("age"))) is not None:
            return age
    return _years_of_the_child(folded, child)


def _said_of_the_child(folded: str, match: re.Match, child: set[str]) -> bool:
    """Whether the verb of an age has the child as its subject: the word just before it ("hon är 12"), or the
    one just after ("nu är hon 12"). "ålder" needs none ("ålder: 12"), only no one else's ("mammas ålder")."""
    after = match.group("after")
    if after and after not in _AGE_FILLERS:  # a word between the verb and the age: the subject, or nothing
        return after in child
    before = re.search(r"([a-z]+)\s*$", folded[:match.start()])
    subject = before.group(1) if before else None
    if match.group("verb").startswith("alder"):
        return subject is None or subject in child | _CHILDS or subject[:-1] in child
    return subject in child | {"alder", "aldern"}


def _years_of_the_child(folded: str, child: set[str]) -> int | None:
    """ "12 år" in a clause that says nothing else: digits only, so "om ett år" is no age."""
    for match in _DIGITS_THEN_YEARS.finditer(folded):
        clause = _AGE_CLAUSE.split(folded[:match.start()])[-1] + _AGE_CLAUSE.split(folded[match.start():])[0]
        if set(re.findall(r"[a-z]+", clause)) <= _AROUND_YEARS | child:
            return int(match.group(1))
    return None


def _age_number(word: str) -> int | None:
    """ "12" or "tolv" as an age; None for any other word."""
    if word.isdigit():
        return int(word) if len(word) <= 2 else None
    # Local: preparation_flow imports answer_rules, which imports this module. The preparation's age
    # question already reads ages in words ("tolv"); the request reads them the same way.
    from actions.preparation_flow import parse_age as preparation_age

    return preparation_age(word).age


def normalise_phone(text: str) -> str | None:
    """A Swedish phone number as 0 and its digits, or None. Accepts +46/0046, spaces and dashes.
    Checked against libphonenumber's Swedish numbering plan, so "070-123 45 6", a mobile number
    one digit short, is refused (persona round, session 20: it was accepted and then masked in
    the summary, where the parent could not see the mistake)."""
    raw = str(text or "").strip()
    if re.search(r"[^\d\s\-()/.+]", raw):  # letters are no phone number ("1-800-FLOWERS" would parse)
        return None
    try:
        number = phonenumbers.parse(raw, "SE")
    except phonenumbers.NumberParseException:
        return None
    if number.country_code != 46 or not phonenumbers.is_valid_number(number):
        return None
    return f"0{number.national_number}"


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    huvudman: str
    phone: str | None = None
    address: str | None = None
    url: str | None = None
    kind: str = ""  # organisations.yml's `kind`: skola, elevhalsa, socialtjanst, …


@lru_cache(maxsize=1)
def directory() -> tuple[Organisation, ...]:
    rows = yaml.safe_load(ORGANISATIONS_FILE.read_text(encoding="utf-8")) or []
    return tuple(
        Organisation(row["id"], row["name"], row.get("huvudman", ""), row.get("phone"), row.get("address"),
                     row.get("url"), row.get("kind", ""))
        for row in rows
    )


def organisation(org_id: str | None) -> Organisation | None:
    return next((org for org in directory() if org.id == org_id), None)


def organisation_name(org_id: str | None, unknown: str = "-") -> str:
    """The directory's name for an organisation id; `unknown` when the id is not in it."""
    org = organisation(org_id)
    return org.name if org else unknown


# Everyday words for an organisation, folded; matched against the folded name too.
_STOP_WORDS = {"och", "i", "pa", "for", "den", "det", "en", "ett", "med", "av", "barn", "unga", "ungdom",
               "dals-ed", "dals-eds", "kommun", "dals", "ed", "eds", "min", "mitt", "vi", "har", "jag",
               "till", "vill", "kontakt", "skicka", "nu", "redan", "som"}
_ALIASES = {
    "skola": "dalsed_hagaskolan dalsed_utsiktens_gymnasium", "skolan": "dalsed_hagaskolan dalsed_utsiktens_gymnasium", "elevhalsa": "dalsed_elevhalsan",
    "elevhalsan": "dalsed_elevhalsan", "skolskoterska": "dalsed_elevhalsan", "kurator": "dalsed_elevhalsan",
    "gymnasiet": "dalsed_utsiktens_gymnasium", "gymnasium": "dalsed_utsiktens_gymnasium",
    "forskola": "dalsed_forskolor", "forskolan": "dalsed_forskolor", "dagis": "dalsed_forskolor",
    "socialtjansten": "dalsed_socialtjansten_bou", "socialtjanst": "dalsed_socialtjansten_bou",
    "soc": "dalsed_socialtjansten_bou", "socialen": "dalsed_socialtjansten_bou",
    "vardcentral": "narhalsan_dals_ed_vardcentral", "vardcentralen": "narhalsan_dals_ed_vardcentral",
    "bvc": "narhalsan_dals_ed_bvc", "bup": "bup", "habilitering": "habilitering_vanersborg_barn_och_ungdom",
    "habiliteringen": "habilitering_vanersborg_barn_och_ungdom", "hab": "habilitering_vanersborg_barn_och_ungdom",
    "habben": "habilitering_vanersborg_barn_och_ungdom", "habbe": "habilitering_vanersborg_barn_och_ungdom",
    "umo": "dals_ed_ungdomsmottagning", "ungdomsmottagningen": "dals_ed_ungdomsmottagning",
    "lss": "dalsed_lss",
}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9\-]+", fold(text)) if w not in _STOP_WORDS and len(w) > 1}


def match_organisations(text: str) -> list[Organisation]:
    """Directory entries the text names: an exact name first, then aliases, then shared words."""
    folded = fold(text)
    if not folded:
        return []
    exact = [org for org in directory() if fold(org.name) == folded]
    if exact:
        return exact
    words = _words(text)
    # An alias may name several entries ("skolan"): the person then picks with a button.
    by_alias = [organisation(org_id) for w in words if w in _ALIASES for org_id in _ALIASES[w].split()]
    found = [org for org in by_alias if org is not None]
    if not found:
        scored = []
        for org in directory():
            shared = words & _words(org.name.replace("(", " ").replace(")", " "))
            if shared:
                scored.append((len(shared), org))
        if scored:
            best = max(score for score, _ in scored)
            found = [org for score, org in scored if score == best]
    unique: dict[str, Organisation] = {org.id: org for org in found}
    return list(unique.values())


# --- the directory by kind of organisation (session 36) -------------------------------------------
# An organisation the form did not recognise got all of the directory as buttons, a wall of buttons on a
# phone: the kinds come first (knowledge/organisation_groups.yml), then the organisations of the one chosen.
ORGANISATION_GROUPS_FILE = ROOT / "knowledge" / "organisation_groups.yml"


@dataclass(frozen=True)
class OrganisationGroup:
    id: str
    label: str  # the button's title and payload
    organisations: tuple[Organisation, ...]


@lru_cache(maxsize=1)
def _groups_file() -> dict:
    return yaml.safe_load(ORGANISATION_GROUPS_FILE.read_text(encoding="utf-8")) or {}


@lru_cache(maxsize=1)
def organisation_groups() -> tuple[OrganisationGroup, ...]:
    """The groups with organisations, in the file's order. A kind no group names goes to the last group,
    so an organisation added to the directory with a new kind is never left out."""
    rows = _groups_file().get("groups") or []
    named = {kind for row in rows for kind in row.get("kinds") or []}
    groups = []
    for position, row in enumerate(rows):
        kinds = set(row.get("kinds") or [])
        if position == len(rows) - 1:
            kinds |= {org.kind for org in directory()} - named
        members = tuple(org for org in directory() if org.kind in kinds)
        if members:
            groups.append(OrganisationGroup(row["id"], row["label"], members))
    return tuple(groups)


def _as_a_choice(text: str | None) -> str:
    return fold(text or "").strip(" .!")


def organisation_group_named(text: str | None) -> OrganisationGroup | None:
    """The group whose button was pressed, or whose label was typed."""
    said = _as_a_choice(text)
    return next((group for group in organisation_groups() if fold(group.label) == said), None) if said else None


def other_kinds_label() -> str:
    """The title of the button under a group's organisations that shows the kinds again."""
    return _groups_file()["other_kinds"]


def asks_for_other_kinds(text: str | None) -> bool:
    return bool(text) and _as_a_choice(text) == fold(other_kinds_label())


@lru_cache(maxsize=1)
def _type_forms() -> tuple[tuple[str, str], ...]:
    types = yaml.safe_load(ORGANISATION_TYPES_FILE.read_text(encoding="utf-8")) or []
    forms = [(fold(form), entry["label"]) for entry in types for form in entry["forms"]]
    return tuple(sorted(forms, key=lambda form: len(form[0]), reverse=True))


def organisations_of_a_named_type(text: str | None) -> list[Organisation]:
    """The directory entries of the kind of organisation a message names in other words than the
    directory's ("barnpsyk", "mentorn", "kontaktpersonen"): a form of knowledge/organisation_types.yml
    as a whole word, as the NLU's `organisation` entity matches it. Not inside a compound:
    "Bullerbyförskolan" is no school of the directory, and gets the kinds to choose from."""
    folded = fold(text or "")
    label = next((label for form, label in _type_forms()
                  if re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", folded)), None)
    return match_organisations(label) if label else []


REQUEST_DOMAIN_FILE = ROOT / "bot" / "domain" / "request.yml"


@lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    responses = (yaml.safe_load(REQUEST_DOMAIN_FILE.read_text(encoding="utf-8")) or {}).get("responses") or {}
    prefix = "utter_request_label_"
    return {key.removeprefix(prefix): variants[0]["text"] for key, variants in responses.items()
            if key.startswith(prefix) and variants}


def label_text(key: str | None) -> str:
    """The Swedish label of a stored code (bot/domain/request.yml), for the portal, the export
    and the printable document, so the bot and they name an option the same way."""
    return _labels().get(key or "", key or "")


# --- another municipality named in the request form (persona round, session 33) ---------------
# A grandmother from Trollhättan wrote "BUP i Trollhättan. Och skolan också…" and "Är den här chatten
# för Trollhättan?" at the organisation question; the form only repeated its list, and she sent the
# request to the configured municipality's list.
VG_MUNICIPALITIES_FILE = ROOT / "knowledge" / "vg_municipalities.yml"
# Words before a place name: an everyday word ("vara", "mark") counts as the place only after one.
_PLACE_WORDS = r"(?i:i|fran|från|till|utanfor|utanför|nara|nära|mot)"


@lru_cache(maxsize=1)
def _vg_municipalities() -> tuple[tuple[str, ...], frozenset[str]]:
    """The municipalities' proper names, and those that are also everyday words."""
    data = yaml.safe_load(VG_MUNICIPALITIES_FILE.read_text(encoding="utf-8")) or {}
    names = tuple(row["name"] for row in data.get("municipalities") or ())
    return names, frozenset(data.get("everyday_words") or ())


def _name_pattern(name: str) -> str:
    """A folded name as whole words, also in the genitive ("trollhattans", "dals-eds")."""
    return r"(?<![\w-])" + re.escape(fold(name)).replace(r"\ ", r"\s+") + r"s?(?![\w-])"


def municipalities_named(text: str | None) -> list[str]:
    """The Västra Götaland municipalities a text names, by their proper names, in the order named.
    Case- and å/ä/ö-insensitive, whole words only ("Trollhättans" counts, "Markus" is not "Mark").
    A name that is also an everyday word counts only as "Vara kommun" or as "i Vara" with a capital."""
    raw = " ".join(str(text or "").split())
    folded = fold(raw)
    names, everyday = _vg_municipalities()
    found: list[tuple[int, str]] = []
    for name in names:
        match = re.search(_name_pattern(name) + (r"\s+kommun" if name in everyday else ""), folded)
        if match is None and name in everyday:
            match = re.search(rf"\b{_PLACE_WORDS}\s+{re.escape(name)}s?\b", raw)  # case-sensitive name
        if match is not None:
            found.append((match.start(), name))
    return [name for _, name in sorted(found)]


def _named_with_its_organisation(name: str, text: str) -> bool:
    """"habiliteringen i Vänersborg": the place is part of the name of an organisation in the directory
    that the text also names by another word, so it is no other municipality."""
    own = {fold(name), fold(name) + "s"}
    words = _words(text) - own
    for org in directory():
        if name not in municipalities_named(org.name):
            continue
        aliases = {word for word, ids in _ALIASES.items() if org.id in ids.split()}
        if words & (aliases | (_words(org.name.replace("(", " ").replace(")", " ")) - own)):
            return True
    return False


def other_municipality_named(text: str | None, home: str) -> str | None:
    """The first Västra Götaland municipality the text names that is not `home` (the configured
    municipality's name, "Dals-Eds kommun"), nor part of the name of one of its organisations."""
    home_names = set(municipalities_named(home))
    for name in municipalities_named(text):
        if name not in home_names and not _named_with_its_organisation(name, str(text or "")):
            return name
    return None


# "vad händer med det jag redan skrev", "sparas mitt namn nu eller" at a question of the request form
# got "Välj ett av alternativen" (persona round, session 33): what happens to what was typed.
_KEPT_VERBS = re.compile(r"\b(?:vad hander med|sparas|sparar (?:ni|du|den|chatten)|(?:finns|blir)\b.{0,30}?\bkvar"
                         r"|forsvinner|raderas|tas bort|slangs)\b")
_WHAT_WAS_TYPED = re.compile(r"\b(?:skrev|skrivit|skriver|skrivet|namn\w*|uppgift\w*|personnummer\w*|svar(?:en|et)?"
                             r"|det jag (?:har )?(?:sagt|sa))\b")
KEPT_QUESTION_MAX_WORDS = 12


# Asked, not told: a question mark, a verb first ("sparas mitt namn"), or a closing "eller". "hon är rädd
# att hennes namn sparas" under "Behov" is an answer.
_ASKS = re.compile(r"\?|^(?:vad|sparas|sparar|finns|blir|forsvinner|raderas|tas|slangs|ar|e)\b|\beller\W*$")


def asks_what_is_kept(text: str | None) -> bool:
    """A short question about what happens to what the person has typed in the form so far."""
    folded = fold(text or "")
    return len(folded.split()) <= KEPT_QUESTION_MAX_WORDS and bool(_ASKS.search(folded)) \
        and bool(_KEPT_VERBS.search(folded)) and bool(_WHAT_WAS_TYPED.search(folded))


# --- the samtycke question of the request (persona round, session 35) ------------------------------
# "jag vill ge samtycke nu. skolan, bup och habiliteringen får prata med varandra…", "nej men jag vill ge
# det nu, kan jag göra det här?" and "jag ger det ju till dig nu" were kept as "saknas än" without a word,
# and the samtycke was offered only after the person pushed. Not "vi har gett det" (given), nor "vill
# inte ge" (no wish).
_CONSENT_NOW = re.compile(
    r"\b(?:vill|kan|ska|far|skulle|maste|tanker)\s+(?:jag\s+|vi\s+|ni\s+|du\s+)?(?:ju\s+)?"
    r"(?:ge|lamna|gora|skriva(?:\s+under)?(?:\s+pa)?|fylla\s+i)\s+(?:ett\s+|mitt\s+|vart\s+)?(?:samtycke\w*|det)\b"
    r"|\b(?:ger|lamnar|gor)\s+(?:jag\s+|vi\s+)?(?:samtycke\w*|det)\s+(?:ju\s+)?(?:till\s+dig\s+|har\s+)?(?:ju\s+)?"
    r"(?:nu|har|till\s+dig)\b"
    r"|\b(?:ge|lamna)\s+(?:samtycke\w*|det)\s+(?:ju\s+)?(?:nu|har|direkt)\b")


def wants_to_give_consent_now(text: str | None) -> bool:
    """A wish to give the samtycke now, in this chat, said at the question whether it is already given."""
    return bool(_CONSENT_NOW.search(fold(text or "")))


# "vad menar du med redan gett?": what "redan" means is said, and the question asked again.
_ASKS_ALREADY = re.compile(r"\bredan\b.*(?:\?|\bmenar\b|\bbetyder\b)|\b(?:menar|betyder)\b.*\bredan\b")


def asks_what_already_means(text: str | None) -> bool:
    return bool(_ASKS_ALREADY.search(fold(text or "")))


# "ja" alone, after the person said they want to give the samtycke here: already given, or now?
_GIVEN_WORDS = {"finns", "gett", "gav", "givit", "gjort", "redan", "lamnat", "lamnade", "skrivit", "skrev", "har"}


def bare_yes(text: str | None) -> bool:
    """"ja", "ja!", "japp": a yes that says nothing about when the samtycke was given."""
    words = words_of(text or "")
    return bool(words) and words[0] in (YES | ACKNOWLEDGEMENTS) and len(words) <= 2 and not _GIVEN_WORDS & set(words)


# --- who calls, asked after a request was sent (persona round, session 35) -------------------------
# "vem kallar?" after sending got a general text; the next steps already say who. Not "vem ringer jag"
# nor "vem ska jag ringa", which ask whom to call.
_WHO_CALLS = re.compile(r"\bvem\s+(?:som\s+)?(?:ska\s+|kommer\s+(?:att\s+)?)?"
                        r"(?:kallar|kalla|ringer|ringa|bokar|boka|bjuder|bjuda|hor av sig|hora av sig|kontaktar"
                        r"|kontakta|tar kontakt|ta kontakt)\b(?!\s+(?:jag|vi|man)\b)")


def asks_who_calls(text: str | None) -> bool:
    """"vem kallar?", "vem ringer mig nu?", "vem bokar mötet?"."""
    return bool(_WHO_CALLS.search(fold(text or "")))


# --- when they get in touch, asked after a request was sent (verification round, session 35) -------
# "när hör skolan av sig?", "när ringer skolan mig?", "hur lang tid innan dom kontaktar mig" and "om ingen
# hor av sig pa 2 veckor, vad gor jag?" got nothing useful. A verb of getting in touch with a word of time,
# or with "ingen" / "inte": not one the writer does ("när ska jag ringa dom?", "när kan man kontakta skolan").
_GETS_IN_TOUCH = re.compile(r"\bhor(?:a|t|de)?\s+(?:\w+\s+){0,2}?av\s+(?:sig|er|dig|mig)\b"
                            r"|\b(?:ring(?:er|a|t|de)|kontakt(?:ar|a|at|ade)|kalla(?:r|t|de)?|bjud(?:er|a|it)?\s+in"
                            r"|ta(?:r|git)?\s+kontakt|tog\s+kontakt)\b")
_WHEN = re.compile(r"\b(?:nar|hur\s+(?:lang\s+tid|lange|snart|fort|snabbt|manga\s+(?:dagar|veckor))|inom\s+hur"
                   r"|vilken\s+dag)\b")
# Nobody has, or if nobody does: not "jag vill inte att de ringer", a wish.
_NOBODY = re.compile(r"\b(?:ingen|ingenting)\b|\b(?:har|hade)\s+(?:\w+\s+)?(?:inte|ej|aldrig)\b"
                     r"|\bom\s+(?:\w+\s+){0,2}?(?:inte|ej|aldrig)\b"
                     r"|\b(?:inte|ej)\s+(?:an|annu|hort|ringt|kontaktat|kallat)\b"
                     r"|\b(?:ringde|horde|kontaktade|kallade)\s+(?:\w+\s+)?(?:inte|ej|aldrig)\b")
_THE_WRITER = {"jag", "ja", "vi", "man"}


def _others_get_in_touch(words: str) -> bool:
    """A verb of getting in touch whose doer is not the writer: not right after "jag", "vi" or "man" (or
    with one word between, "jag ska ringa"), nor right before one ("när ringer jag?")."""
    for match in _GETS_IN_TOUCH.finditer(words):
        before = words[:match.start()].split()[-2:]
        after = words[match.end():].split()[:1]
        if before and before[-1] in _THE_WRITER or len(before) == 2 and before[0] in _THE_WRITER \
                or after and after[0] in _THE_WRITER:
            continue
        return True
    return False


def asks_when_they_get_in_touch(text: str | None) -> bool:
    """"när hör skolan av sig?", "hur lång tid innan dom kontaktar mig", "om ingen hör av sig på 2 veckor,
    vad gör jag?": when the organisation gets in touch, or what to do when it has not."""
    words = " ".join(re.sub(r"[^\w ]", " ", fold(text or "")).split())
    return bool(_WHEN.search(words) or _NOBODY.search(words)) and _others_get_in_touch(words)
