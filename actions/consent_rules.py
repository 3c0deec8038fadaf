"""Consent rules as plain Python: validity period, who may give consent, status, parties.

The policy (ages, the one-year limit, labels) is data in knowledge/consent/policy.yml;
the Swedish texts people see are responses in bot/domain/consent.yml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

import yaml

from actions.settings import ROOT
from actions.yes_no import ACKNOWLEDGEMENTS, NO, YES
from bot.nlu.text import fold

POLICY_FILE = ROOT / "knowledge" / "consent" / "policy.yml"
CUES_FILE = ROOT / "knowledge" / "consent" / "cues.yml"
ORGANISATION_TYPES_FILE = ROOT / "knowledge" / "organisation_types.yml"

GUARDIAN, YOUNG_PERSON, REPRESENTATIVE = "vardnadshavare", "ung", "foretradare"
ACTIVE, UPCOMING, EXPIRED, WITHDRAWN = "active", "upcoming", "expired", "withdrawn"

# Problems with a validity period; each has a response utter_consent_<problem> with the explanation.
START_IN_PAST, START_TOO_LATE, END_BEFORE_START, TOO_LONG = (
    "start_in_past", "start_too_late", "end_before_start", "too_long")
# Problems with who gives the consent.
NOT_ALLOWED_FOR_AGE, NEEDS_GUARDIAN_COUNT, NEEDS_REPRESENTATIVE_KIND = (
    "giver_not_allowed_for_age", "needs_guardian_count", "needs_representative_kind")


@dataclass(frozen=True)
class Policy:
    adult_age: int
    max_validity_years: int
    max_start_years_ahead: int
    max_guardians: int
    givers_under_adult_age: tuple[str, ...]
    givers_adult: tuple[str, ...]
    giver_labels: dict
    representative_kinds: dict
    forms: dict
    status_labels: dict
    chat_status: str
    texts: dict


def load_policy(path: Path = POLICY_FILE) -> Policy:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Policy(
        adult_age=int(data["adult_age"]),
        max_validity_years=int(data["max_validity_years"]),
        max_start_years_ahead=int(data["max_start_years_ahead"]),
        max_guardians=int(data["max_guardians"]),
        givers_under_adult_age=tuple(data["givers"]["under_adult_age"]),
        givers_adult=tuple(data["givers"]["adult"]),
        giver_labels=dict(data["giver_labels"]),
        representative_kinds=dict(data["representative_kinds"]),
        forms=dict(data["forms"]),
        status_labels=dict(data["status_labels"]),
        chat_status=str(data["chat_status"]),
        texts=dict(data["texts"]),
    )


@lru_cache(maxsize=1)
def policy() -> Policy:
    return load_policy()


@lru_cache(maxsize=1)
def cues() -> dict:
    """The words read in free text, as data: knowledge/consent/cues.yml."""
    return yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))


def cue_pattern(phrases) -> str:
    """A regex that matches any of `phrases` (cues.yml) in folded text as whole words: the words of a phrase in a
    row with any spaces between, a trailing "*" a prefix. Longest first, so "den andra föräldern" wins over
    "andra föräldern"."""
    def one(phrase: str) -> str:
        words = fold(str(phrase)).split()
        prefix = words[-1].endswith("*")
        words[-1] = words[-1].rstrip("*")
        return r"\s+".join(map(re.escape, words)) + (r"\w*" if prefix else "")
    alternatives = sorted({one(phrase) for phrase in phrases}, key=len, reverse=True)
    return r"\b(?:" + "|".join(alternatives) + r")\b"


# --- dates ---------------------------------------------------------------------------------
# python-dateutil is installed, but with dayfirst=True it reads "2026-12-01" as 12 January and
# fills a missing day from the default ("december" → the 22nd), so a small strict parser is safer.

_MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augusti": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_TODAY = {"idag", "i dag", "idag.", "today", "nu", "fran idag", "från idag"}
_TOMORROW = {"imorgon", "i morgon", "imorrn", "i morrn"}
_UNTIL = re.compile(r"^(?:fram )?till (?:och med )?|^t ?o ?m ")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[./](\d{1,2})(?:[./ ](\d{4}|\d{2}))?$")
_NAMED = re.compile(r"^(?:den )?(\d{1,2})(?::?[ae])?\.? ([a-z]+)\.?(?: (\d{4}))?$")
# A date without a year that passed less than this many days ago means this year's date
# (and a start in the past is explained); older ones mean next year's ("15 januari" in November).
_RECENTLY_PASSED_DAYS = 31


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def _without_year(day: int, month: int, reference: date) -> date | None:
    try:
        candidate = date(reference.year, month, day)
    except ValueError:
        return None
    if (reference - candidate).days > _RECENTLY_PASSED_DAYS:
        candidate = add_years(candidate, 1)
    return candidate


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# "till 31 augusti, då flyttar jag" was not read while "31 augusti" was (persona round, session 39): the date in
# the first clause, with a reason after it. Not when the rest names a date too ("31 augusti, nej 30 juni").
_CLAUSE_END = re.compile(r"\s*(?:[,;!?]|\.\s|\s-\s)\s*")
_NAMES_A_DATE = re.compile(r"\d|\b(?:idag|i dag|imorgon|i morgon|manad\w*|" + "|".join(_MONTHS) + r")\b")


@lru_cache(maxsize=1)
def _before_a_date() -> re.Pattern:
    """"ok ett ar" got "Jag förstod inte datumet" while "ett ar" worked (persona round, session 39): an okay or a
    yes before the date says nothing about it (cues.yml `before_a_date`)."""
    return re.compile(rf"^(?:{cue_pattern(cues()['before_a_date'])}\s+)+")


@lru_cache(maxsize=1)
def _date_taken_back() -> re.Pattern:
    return re.compile(cue_pattern(cues()["date_taken_back"]))


def _date_texts(text: str, whole_only: bool = False) -> list[str]:
    """The folded answer without an opening okay, and, unless `whole_only`, its first clause when only that
    names a date: the texts a date or a period is read from, in turn. Not the first clause when the rest takes it
    back or hesitates, or the answer asks: "1 maj, nej vänta" and "ett år? är det max" were saved as dates (review
    of session 39)."""
    words = _before_a_date().sub("", re.sub(r"\s+", " ", fold(str(text or ""))).strip(" .!,"))
    texts = [words]
    first, *rest = _CLAUSE_END.split(words, maxsplit=1)
    if rest and not whole_only and not _NAMES_A_DATE.search(rest[0]) and "?" not in words \
            and not _date_taken_back().search(rest[0]):
        texts.append(first.strip(" .!,"))
    return texts


_ONLY_AN_END = re.compile(r"^(?:(?:ok|okej|ja|jo)\s+)?(?:fram\s+till|anda\s+till|till\s+och\s+med|tom|t\.o\.m\.?|till)\s")


def names_only_an_end(text: str) -> bool:
    """"till 31 augusti", "fram till sommaren": an answer at the start date that names when it ends."""
    return bool(_ONLY_AN_END.match(re.sub(r"\s+", " ", fold(str(text or ""))).strip()))


def parse_date(text: str, today: date, reference: date | None = None, whole_only: bool = False) -> date | None:
    """A date from Swedish input ("2026-12-01", "1 december", "1/12", "idag", "ok idag", "till 31 augusti, då
    flyttar jag"); None if unclear. `whole_only`: the whole answer is the date, with no words after it.

    `reference` is the date a year-less date is read relative to (the start, for an end date).
    """
    for words in _date_texts(text, whole_only):
        found = _parse_date_words(words, today, reference or today)
        if found is not None:
            return found
    return None


def _parse_date_words(words: str, today: date, reference: date) -> date | None:
    words = _UNTIL.sub("", words)  # "till den 31 december 2027": the date the question asks for
    if words in {fold(w) for w in _TODAY}:
        return today
    if words in _TOMORROW:
        return date.fromordinal(today.toordinal() + 1)
    if match := _ISO.match(words):
        return _make(int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC.match(words):
        day, month = int(match[1]), int(match[2])
        if match[3] is None:
            return _without_year(day, month, reference)
        year = int(match[3])
        return _make(year + 2000 if year < 100 else year, month, day)
    if (match := _NAMED.match(words)) and match[2] in _MONTHS:
        day, month = int(match[1]), _MONTHS[match[2]]
        if match[3] is None:
            return _without_year(day, month, reference)
        return _make(int(match[3]), month, day)
    return None


_NUMBER_WORDS = {"en": 1, "ett": 1, "tva": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "atta": 8,
                 "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "arton": 18, "halvt": None}
_PERIOD = re.compile(r"^(?:i |om )?(\d+|[a-z]+) (ar|aret|manad|manader|manaden)$")


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate_day in range(day.day, 27, -1):  # 31 March + 1 month → 30 April
        try:
            return date(year, month, candidate_day)
        except ValueError:
            continue
    return date(year, month, min(day.day, 28))


def parse_period_end(text: str, start: date) -> date | None:
    """The end of a period given as a length ("ett år", "6 månader", "2 år", "ok ett år") from `start`."""
    match = next(filter(None, (_PERIOD.match(words) for words in _date_texts(text))), None)
    if not match:
        return None
    amount = int(match[1]) if match[1].isdigit() else _NUMBER_WORDS.get(match[1])
    if not amount:
        return None
    if match[2].startswith("ar"):
        return add_years(start, amount)
    return _add_months(start, amount)


def default_valid_to(valid_from: date, rules: Policy | None = None) -> date:
    return add_years(valid_from, (rules or policy()).max_validity_years)


def latest_start(today: date, rules: Policy | None = None) -> date:
    return add_years(today, (rules or policy()).max_start_years_ahead)


def check_period(valid_from: date, valid_to: date | None, today: date, rules: Policy | None = None) -> str | None:
    """The problem with a validity period, or None if it may be recorded."""
    rules = rules or policy()
    if valid_from < today:
        return START_IN_PAST
    if valid_from > latest_start(today, rules):
        return START_TOO_LATE
    if valid_to is None:
        return None
    if valid_to <= valid_from:
        return END_BEFORE_START
    if valid_to > add_years(valid_from, rules.max_validity_years):
        return TOO_LONG
    return None


def status(valid_from: date, valid_to: date, withdrawn_at: datetime | None, today: date) -> str:
    if withdrawn_at is not None:
        return WITHDRAWN
    if today < valid_from:
        return UPCOMING
    if today > valid_to:
        return EXPIRED
    return ACTIVE


# --- who gives the consent -----------------------------------------------------------------

def allowed_givers(under_adult_age: bool, rules: Policy | None = None) -> tuple[str, ...]:
    rules = rules or policy()
    return rules.givers_under_adult_age if under_adult_age else rules.givers_adult


def check_givers(under_adult_age: bool, giver: str, guardian_count: int | None = None,
                 representative_kind: str | None = None, rules: Policy | None = None) -> str | None:
    """The problem with who gives the consent, or None if it may be recorded."""
    rules = rules or policy()
    if giver not in allowed_givers(under_adult_age, rules):
        return NOT_ALLOWED_FOR_AGE
    if giver == GUARDIAN and guardian_count not in range(1, rules.max_guardians + 1):
        return NEEDS_GUARDIAN_COUNT
    if giver == REPRESENTATIVE and representative_kind not in rules.representative_kinds:
        return NEEDS_REPRESENTATIVE_KIND
    return None


def describe_givers(givers: list) -> str:
    """Who gives the samtycke, in the words of the chat's summary and /mina-uppgifter: "Vårdnadshavare 1:
    Lina Berg, Vårdnadshavare 2", "Företrädare (God man)", "Den unga själv". `givers` have role, name
    and representative_kind (a Giver, or a stored ConsentGiver)."""
    rules = policy()
    parts = []
    for number, giver in enumerate(givers, 1):
        label = rules.giver_labels[giver.role]
        if giver.role == GUARDIAN:
            label = f"{label} {number}" if len(givers) > 1 else label
            parts.append(f"{label}: {giver.name}" if giver.name else label)
        elif giver.role == REPRESENTATIVE:
            parts.append(f"{label} ({rules.representative_kinds.get(giver.representative_kind, '')})")
        else:
            parts.append(label)
    return ", ".join(parts)


# Words in a reply that is about a guardian rather than their name ("pappan vill inte, han säger nej").
# Nor a reply about who consents ("bara jag", "endast mig", "två" typed at a name; persona round
# and verification, session 26), while "Bara Hassan" is a name.
_NOT_IN_A_NAME = {"nej", "inte", "ej", "vill", "vagrar", "sager", "ingen", "vet", "han", "hon", "hen", "samtycker",
                  "jag", "mig", "sjalv", "en", "ett", "tva", "bada", "1", "2",
                  # "skolan och bup", typed a question late, was saved as a guardian's name
                  # (verification round, session 29).
                  "och", "skolan", "skola", "bup", "soc", "socialtjansten", "vc", "vardcentralen", "elevhalsan"}
MAX_NAME_WORDS = 4


# Words said around a name at "Vad heter vårdnadshavaren?": "leyla hassan samma" (the same name as
# before) was saved as the name "leyla hassan samma" (persona round, session 35). Before the name only
# a few ("ja Lina Berg"), so "jag heter Lina" is still not a name; after it also "som jag", "som förut".
_SAME = {"samma", "likadant", "forut", "innan", "sist", "senast", "tidigare", "forra", "gangen", "igen"}
_BEFORE_A_NAME = {"ja", "jo", "ok", "okej", "tack", "samma"}
_AFTER_A_NAME = _SAME | _BEFORE_A_NAME | {"som", "jag", "mig", "namn", "namnet", "ju"}


def name_parts(text: str | None) -> tuple[str | None, bool]:
    """The name in an answer without the words around it, and whether the answer says "the same as
    before": "leyla hassan samma" → ("leyla hassan", True), "samma som förut" → (None, True),
    "Lina Berg tack" → ("Lina Berg", False)."""
    words = str(text or "").split()
    dropped: list[str] = []

    def key(word: str) -> str:
        return fold(word).strip(".,!?:;")

    while words and key(words[0]) in _BEFORE_A_NAME:
        dropped.append(key(words.pop(0)))
    while words and key(words[-1]) in _AFTER_A_NAME:
        dropped.append(key(words.pop()))
    name = " ".join(words).strip(" ,;:")
    return name or None, bool(set(dropped) & _SAME)


def looks_like_a_name(text: str) -> bool:
    """"Lina Berg", "Anne-Marie O'Neill", a name in any alphabet; not a sentence about the person."""
    words = str(text or "").replace(",", " ").split()
    return 0 < len(words) <= MAX_NAME_WORDS and not {fold(w).strip(".") for w in words} & _NOT_IN_A_NAME \
        and all(ch.isalpha() or ch in "-'." for word in words for ch in word)


_YES = YES | ACKNOWLEDGEMENTS | {"stammer", "ja tack", "ja, spara", "ja spara", "spara"}
_NO = NO | {"nej tack", "inte"}


def parse_yes_no(text: str) -> bool | None:
    words = fold(str(text or "")).strip(" .!")
    if words in _YES:
        return True
    if words in _NO:
        return False
    return None


# A question word after the "ja" or "nej": "nej vad händer då" asks, and answers neither.
_ASKS = {"vad", "va", "hur", "varfor", "vem", "vilken", "vilket", "vilka", "nar"}


@lru_cache(maxsize=1)
def _a_change() -> tuple[re.Pattern, set[str], re.Pattern]:
    """The words of a change (cues.yml `a_change`), the words before "andra" that make it "the other", and "bort"
    that takes the whole away."""
    data = cues()["a_change"]
    return (re.compile(cue_pattern(data["words"])), {fold(word) for word in data["others_before"]},
            re.compile(rf"\bbort\s+{cue_pattern(data['whole_after_bort'])}"))


def names_a_change(text: str | None, whole_taken_away_is_a_change: bool = True) -> bool:
    """Whether a message names a change: "ändra namnet", "det är fel", "allt utom datumet", "förutom bup", "ta bort
    bup". Not "den andra vårdnadshavaren" (the other), nor, unless `whole_taken_away_is_a_change`, "ta bort allt"
    or "ta bort det" (a yes to taking it away)."""
    words = fold(str(text or ""))
    change, others_before, whole = _a_change()
    for match in change.finditer(words):
        before = words[:match.start()].split()[-1:]
        if match[0].startswith("andr") and before and before[0] in others_before:
            continue
        if match[0] == "bort" and not whole_taken_away_is_a_change and whole.match(words, match.start()):
            continue
        return True
    return False


def parse_confirmation(text: str) -> bool | None:
    """A yes or no that may say more: "Ja, ta tillbaka" (a button's title typed), "ok ja ta tillbaka",
    "nej behåll" (persona round, session 27: "Svara ja eller nej"). Not with a question, nor a "ja"
    taken back ("ja men vänta"), nor a yes with a change ("ja, ändra namnet", "ja allt utom datumet"; review of
    session 39: they saved a samtycke). Only where the question is yes or no: elsewhere "nej, inte om
    diagnosen" is an answer that must be kept."""
    answer = parse_yes_no(text)
    if answer is not None or "?" in str(text or ""):
        return answer
    words = re.sub(r"[^\w ]", " ", fold(str(text or ""))).split()
    while len(words) > 1 and words[0] in ACKNOWLEDGEMENTS:
        words = words[1:]
    if set(words[1:]) & _ASKS:
        return None
    if words[:1] and words[0] in YES and not set(words[1:]) & {"inte", "nej", "men", "fast", "ej", "aldrig", "vanta"} \
            and not names_a_change(" ".join(words[1:]), whole_taken_away_is_a_change=False):
        return True
    if words[:1] and words[0] in NO and not set(words[1:]) & {"ja", "men", "vanta"}:
        return False
    return None


# "Ja, under 18 år", the button's title typed, was read as the age 18 and saved as "nej": a foster mother
# of a 14-year-old got the adult's choices, and the samtycke was saved as an adult's (persona round,
# session 36). An age limit said with "under" or "över" / "eller äldre" is read as such.
_UNDER_AGE = re.compile(r"\bunder\s+(\d{1,2})\b")
_AT_LEAST_AGE = re.compile(r"\b(?:over|minst|fyllt|fyller)\s+(\d{1,2})\b"
                           r"|\b(\d{1,2})\s*(?:ar\s+)?(?:eller\s+)?(?:aldre|over)\b")


def parse_under_adult_age(text: str, rules: Policy | None = None) -> bool | None:
    """"Is the child under 18?": yes/no, the buttons' words ("Ja, under 18 år", "Nej, 18 år eller äldre"),
    or an age ("hon är 15", "17 år")."""
    answer = parse_yes_no(text)
    if answer is not None:
        return answer
    adult_age = (rules or policy()).adult_age
    words = fold(str(text or ""))
    if (under := _UNDER_AGE.search(words)) and int(under[1]) <= adult_age:
        return True
    if (at_least := _AT_LEAST_AGE.search(words)) and int(at_least[1] or at_least[2]) >= adult_age:
        return False
    ages = [int(n) for n in re.findall(r"\b(\d{1,2})\b", words)]
    if len(ages) == 1:
        return ages[0] < adult_age
    return None


_GIVER_WORDS = {
    YOUNG_PERSON: ("jag sjalv", "den unga", "unga", "ung", "mig sjalv", "jag"),
    # "jag är pappan. vi har delad vårdnad…" was asked again (verification round, session 27).
    GUARDIAN: ("vardnadshavare", "vardnadshavaren", "foralder", "foraldern", "foraldrar", "mamma", "pappa",
               "mamman", "pappan", "vh"),
    REPRESENTATIVE: ("foretradare", "god man", "forvaltare", "fullmakt", "framtidsfullmakt", "ombud"),
}


def parse_giver(text: str) -> str | None:
    words = fold(str(text or "")).strip(" .!")
    # Representatives first: "god man" must not be read as the young person ("man").
    for giver in (REPRESENTATIVE, GUARDIAN, YOUNG_PERSON):
        if any(re.search(rf"\b{re.escape(w)}\b", words) for w in _GIVER_WORDS[giver]):
            return giver
    return None


_ONLY_ONE = re.compile(r"\b(bara en|endast en|bara jag|bara ja|bara mig|endast jag|jag ensam|jag sjalv)\b")
_TWO = re.compile(r"\b(2|tva|bada|båda|jag och|vi bada|vi tva)\b")


def parse_guardian_count(text: str) -> int | None:
    words = fold(str(text or "")).strip(" .!")
    only_one, two = _ONLY_ONE.search(words), _TWO.search(words)
    # "bara jag än så länge. hon har två vårdnadshavare men mamman har inte sagt ja" was "två", and the
    # mother was recorded as consenting (persona round, session 29): "bara jag" said first counts.
    if only_one and (two is None or only_one.start() < two.start()):
        return 1
    if two:
        return 2
    # "bara jag, pappan bor inte med oss" got "Skriv en eller två" twice (persona round, session 20).
    if only_one or re.search(r"\b(1|en|ett)\b", words):
        return 1
    return None


def parse_representative_kind(text: str, rules: Policy | None = None) -> str | None:
    rules = rules or policy()
    words = fold(str(text or ""))
    # Longest label first, so "generalfullmakt" and "framtidsfullmakt" win over "fullmakt". Not one
    # said not to be there: "har ingen fullmakt" was saved as a fullmakt (persona round, session 28).
    for kind in sorted(rules.representative_kinds, key=len, reverse=True):
        said = fold(kind.replace("_", " "))
        if said in words and re.search(rf"\b(?:ingen|inte|ej|utan)\s+(?:\w+\s+)?{re.escape(said)}", words):
            return None
        if said in words or fold(rules.representative_kinds[kind]) == words.strip(" .!"):
            return kind
    return None


_WHAT_IT_MEANS = ("forstar inte", "forstar int", "fattar inte", "fattar int", "skillnad", "vad betyder", "vad menas")


def asks_about_the_forms(text: str) -> bool:
    """"vad är skillnad? jag förstår inte journalen", "vad betyder det muntligt alltså": a question about
    the two ways (saved as "muntligt"; persona and verification rounds, session 29). A way named
    with only a question mark ("muntligt, vad är journal?") is a choice."""
    words = fold(str(text or ""))
    if any(phrase in words for phrase in _WHAT_IT_MEANS):
        return True
    if any(option in words for option in ("munt", "skrift", "blankett", "papper")):
        return False
    return "?" in words or "vad ar" in words or "vad e " in words


# "jag vill saga det pa motet med tolk. skriva blankett svart for mig" was saved as "Skriftligt, på blankett", the
# opposite (persona round, session 39). A way said not to be wanted, or writing said to be hard, is no vote for it;
# saying it ("säga det på mötet") is the oral way. The words are cues.yml `form_kind`.
_FORM_CLAUSES = re.compile(r"[.,;:!?\n]+|\b(?:men|fast)\b")
# How many words after a "not" it reaches: "inte på papper", "vill inte skriva på blankett".
_NOT_REACHES = 3
WRITTEN, ORAL, SAYING, WRITING = "written", "oral", "saying", "writing"


@lru_cache(maxsize=1)
def _form_words() -> dict[str, re.Pattern]:
    return {key: re.compile(cue_pattern(words)) for key, words in cues()["form_kind"].items()}


def _way_of(token: str, named_only: bool) -> str | None:
    words = _form_words()
    kinds = ((WRITTEN, "written"), (ORAL, "oral")) if named_only else (
        (WRITTEN, "written"), (WRITTEN, "written_also"), (ORAL, "oral"), (ORAL, "oral_also"), (SAYING, "saying"),
        (WRITING, "writing"))
    return next((kind for kind, key in kinds if words[key].fullmatch(token)), None)


def _ways_wanted(clause: str, named_only: bool) -> set[str]:
    """The ways a clause votes for: those named and not said unwanted ("inte blankett", "skriftligt vill jag inte",
    "utan blankett"; "inte muntligt utan skriftligt" votes for writing), writing not if it is said hard."""
    words = _form_words()
    tokens = re.findall(r"\w+", clause)
    inverted = next((i for i in range(len(tokens) - 2) if words["verbs_not"].fullmatch(tokens[i])
                     and words["subjects_not"].fullmatch(tokens[i + 1]) and words["not"].fullmatch(tokens[i + 2])),
                    -1)  # the ways before it are unwanted ("skriftligt vill jag inte")
    writing_unwanted = words["hard"].search(clause) is not None
    wanted: set[str] = set()
    reach, negated_before = 0, False
    for index, token in enumerate(tokens):
        if words["not"].fullmatch(token) and not (token == "utan" and negated_before):
            reach = _NOT_REACHES
            continue
        kind = _way_of(token, named_only)
        if kind == WRITING:
            writing_unwanted = writing_unwanted or reach > 0
        elif kind is not None:
            if reach > 0 or index < inverted:
                negated_before, reach = negated_before or reach > 0, 0
                continue
            wanted.add(kind)
        reach = max(0, reach - 1)
    return wanted - {WRITTEN} if writing_unwanted else wanted


def parse_form(text: str, named_only: bool = False) -> str | None:
    """"skriftligt" or "muntligt" from an answer, or None. `named_only`: only a way named ("muntligt", "skriftligt",
    "blankett"), as at the summary, where "jag vill prata med min fru först" is no oral samtycke (review of session
    39); elsewhere also "papper", "telefon", "journal" and saying it ("jag vill säga det på mötet")."""
    wanted = set().union(*(_ways_wanted(clause, named_only) for clause in _FORM_CLAUSES.split(fold(str(text or "")))))
    if WRITTEN in wanted:
        return "skriftligt"
    if ORAL in wanted or SAYING in wanted:
        return "muntligt"
    return None


# --- parties ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Party:
    name: str  # as the person wrote it, e.g. "BUP Vänersborg"
    kind: str | None  # organisation type id from knowledge/organisation_types.yml, if recognised


@lru_cache(maxsize=1)
def _organisation_forms() -> tuple[tuple[str, str], ...]:
    types = yaml.safe_load(ORGANISATION_TYPES_FILE.read_text(encoding="utf-8"))
    forms = [(fold(form), entry["id"]) for entry in types for form in entry["forms"]]
    return tuple(sorted(forms, key=lambda f: len(f[0]), reverse=True))


def organisation_type_label(kind: str) -> str | None:
    types = yaml.safe_load(ORGANISATION_TYPES_FILE.read_text(encoding="utf-8"))
    return next((entry["label"] for entry in types if entry["id"] == kind), None)


def recognise_organisation(text: str) -> str | None:
    """The organisation type a party names: a listed form as a word, or ending a compound ("Hagaskolan")."""
    words = fold(text)
    for form, kind in _organisation_forms():
        if re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", words):
            return kind
    for form, kind in _organisation_forms():
        if len(form) >= 5 and re.search(rf"\w{re.escape(form)}(?![\w-])", words):
            return kind
    return None


_SEPARATORS = re.compile(r"\s*(?:[,;\n]|\bsamt\b|\s\+\s)\s*")

# Words that only carry the tone of an answer: "skolan och bup, sa jag ju" listed "sa jag ju" as an
# organisation (persona round, session 35). At the edges of a party they are dropped ("bara skolan",
# "bup tack"), and a party of nothing else names none. Names the list does not know are kept as typed.
_FILLER = {"sa", "sade", "sagt", "jag", "ju", "typ", "bara", "endast", "enbart", "tack", "som", "alltsa", "assa",
           "ba", "och", "ocksa", "ok", "okej", "ja", "du", "vet", "liksom", "nu", "da", "samma", "innan",
           "forut", "sist", "forra", "gangen"}


def _without_filler(name: str) -> str:
    words = name.split()
    while words and fold(words[0]).strip(".,!?:;") in _FILLER:
        words.pop(0)
    while words and fold(words[-1]).strip(".,!?:;") in _FILLER:
        words.pop()
    return " ".join(words).strip(" .!?,:;")


# "skolan och vårdcentralen men INTE socialtjänsten": what follows a "not" up to the next comma is
# left out, so the excluded party is never listed as one that may share ("men utan bup" was one).
_EXCLUDED = re.compile(r"\s*\b(?:men\s+)?(?:inte|ej|utom|förutom|forutom|utan)\b[^,;\n]*", re.IGNORECASE)


# "alla utom soc": what is left of it names no party, so the person is asked to name them.
_NOT_A_PARTY = {"alla", "allihop", "samtliga", "alla verksamheter", "alla parter"}


def split_parties(text: str) -> list[Party]:
    """Parties from free text: split on commas, "samt" and on "och" only between two organisations,
    so "Socialtjänsten barn och unga" stays one party while "BUP och skolan" becomes two."""
    parties: list[Party] = []
    for chunk in _SEPARATORS.split(_EXCLUDED.sub("", str(text or ""))):
        pieces: list[str] = []
        for segment in re.split(r"\s+och\s+", chunk.strip()):
            if pieces and not (recognise_organisation(pieces[-1]) and recognise_organisation(segment)):
                pieces[-1] += " och " + segment
            else:
                pieces.append(segment)
        for piece in pieces:
            name = _without_filler(re.sub(r"\s+", " ", piece).strip(" .!"))
            if name:
                parties.append(Party(name, recognise_organisation(name)))
    seen: set[str] = set()
    return [p for p in parties if fold(p.name) not in _NOT_A_PARTY
            and not (fold(p.name) in seen or seen.add(fold(p.name)))]


# The message that starts a samtycke may name the organisations: "jag vill göra ett samtycke till, bara
# skolan och bup" was then asked which organisations, as if nothing was said (persona round, session 35).
# Only what surely names organisations is taken: text after the wish ("…samtycke till"), a part between
# commas only when every party in it is a listed organisation of a few words, none of them words of a
# sentence ("jag vill att skolan…"). Anything else is asked as usual.
_AFTER_THE_WISH = re.compile(r"\bsamtyck\w*(?:\s+(?:till|for|at|med|om))?\b")
_SENTENCE_END = re.compile(r"[.!?]+(?:\s+|$)")
_IN_A_SENTENCE = {"jag", "vi", "du", "han", "hon", "hen", "de", "dom", "vill", "ska", "far", "kan", "maste", "att",
                  "ar", "har", "prata", "ge", "gora", "lamna", "skriva", "veta", "samtycke", "samtycket"}
MAX_NAMED_PARTY_WORDS = 4


def _surely_a_party(party: Party) -> bool:
    words = [fold(w) for w in party.name.split()]
    return party.kind is not None and len(words) <= MAX_NAMED_PARTY_WORDS and not set(words) & _IN_A_SENTENCE


def parties_named_with_the_wish(text: str | None) -> list[Party]:
    """The organisations named in a wish to give a samtycke, or [] when it names none for sure."""
    raw = str(text or "")
    folded = fold(raw)
    if raw.startswith("/"):
        return []
    if len(folded) != len(raw):  # lowercasing changed the length: slice the folded text instead
        raw = folded
    wishes = list(_AFTER_THE_WISH.finditer(folded))
    rest = raw[wishes[-1].end():] if wishes else raw
    found: list[Party] = []
    for sentence in _SENTENCE_END.split(rest):
        for chunk in _SEPARATORS.split(sentence):
            parties = split_parties(chunk)
            if parties and all(_surely_a_party(p) for p in parties):
                found += [p for p in parties if fold(p.name) not in {fold(f.name) for f in found}]
    return found


# Only some organisations to stop ("bara socialtjänsten ska bort", "inte allt", "en verksamhet"): the chat
# can take back only a whole samtycke, so such a wish is explained before any yes or no is read
# (persona round, session 32: it got "Svara ja eller nej" and the warning that the SIP ends).
_SOME_PARTIES = re.compile(r"\b(?:inte (?:allt|hela)|(?:en|ena|vissa|nagra|nan|nagon) (?:av )?verksamhet\w*"
                           r"|bara en del|delvis"
                           # "går det att bara ta bort arbetsförmedlingen och behålla resten?" was read as
                           # "behåll", a no (persona round, session 35): the rest kept is the wish's other half.
                           r"|behall\w* (?:resten|de andra|dom andra|ovriga|det andra|resterande))\b")
_ONLY_OR_AWAY = re.compile(r"\b(?:bara|endast|enbart|utom|forutom|bort|sluta\w*)\b")
# "ta bort arbetsförmedlingen": an organisation the word list does not know, taken away. Not the whole
# samtycke, the SIP or one's data ("ta bort samtycket", "ta bort allt", "ta bort mina uppgifter").
_TAKE_AWAY_ONE = re.compile(r"\b(?:ta|plocka|stryka|stryk)\s+bort\s+"
                            r"(?!(?:allt|allting|alla|hela|samtyck\w*|det|den|dem|dom|mitt|min|mina|sip\w*|arendet|"
                            r"uppgift\w*|data)\b)\w+")


def wants_only_some_parties(text: str) -> bool:
    """"bara socialtjänsten", "bara för skolan", "ta bort BUP", "inte allt": a wish to stop only some of
    the organisations. Not a number, "alla" or a yes or no."""
    words = fold(str(text or ""))
    if _SOME_PARTIES.search(words) or _TAKE_AWAY_ONE.search(words):
        return True
    return bool(_ONLY_OR_AWAY.search(words)) and recognise_organisation(words) is not None


def describe_consent(number: int, parties: list[str], valid_from: date, valid_to: date,
                     withdrawn_at: datetime | None, on: date) -> str:
    """One line about a stored consent, for the chat and the printable document."""
    texts = policy()
    return texts.texts["consent_line"].format(
        number=number, parties=", ".join(parties), valid_from=valid_from.isoformat(),
        valid_to=valid_to.isoformat(), status=texts.status_labels[status(valid_from, valid_to, withdrawn_at, on)])


# "samma som förra gången" was saved as what may be shared (persona round, session 32): the chat
# cannot see an earlier samtycke, so an answer that only points to one says nothing. Only the whole
# answer: "skolan och BUP, samma som innan" names what it means.
_EARLIER = re.compile(r"(?:ja |nej )?(?:det |allt )?(?:ar |blir |ska vara )?(?:samma|likadant|lika|precis)? ?(?:som )?"
                      r"(?:(?:det |i )?(?:forra|sist|senast|innan|forut|tidigare|fjol|gamla)"
                      r"(?: gangen| aret| samtycket| ganger)?)(?: ocksa| med)?")


def points_to_an_earlier_answer(text: str | None) -> bool:
    """"samma som förra gången", "som sist": an answer that only refers to an earlier one."""
    words = " ".join(re.sub(r"[^a-z0-9 ]", " ", fold(str(text or ""))).split())
    return bool(words) and _EARLIER.fullmatch(words) is not None


# --- several consents at once ------------------------------------------------------------------

def periods_overlap(a_from: date, a_to: date, b_from: date, b_to: date) -> bool:
    return a_from <= b_to and b_from <= a_to


def in_force_or_upcoming(consents: list, on: date) -> list:
    """The consents (StoredConsent: valid_from, valid_to, withdrawn_at) in force on `on` or starting
    later: those that can still be taken back."""
    return [c for c in consents if status(c.valid_from, c.valid_to, c.withdrawn_at, on) in (ACTIVE, UPCOMING)]


def in_force_together(consents: list, on: date) -> list[int]:
    """The numbers of the consents that are in force on `on` or start later, and whose periods
    overlap another such one: a father saved one letting everyone share, then one keeping health
    from the school, and both were shown as "Gäller" (persona round, session 34). `consents` have
    number, valid_from, valid_to and withdrawn_at (a StoredConsent). A renewal that starts when the
    old one ends does not overlap it."""
    open_ones = in_force_or_upcoming(consents, on)
    return sorted(c.number for c in open_ones
                  if any(o.number != c.number and periods_overlap(c.valid_from, c.valid_to, o.valid_from, o.valid_to)
                         for o in open_ones))


# "vilken gäller?", "vilket samtycke gäller nu", "vilket av dem gäller": which of the consents counts.
# Only a few words between, so "vilken blankett gäller för skolan" is not read as this.
_WHICH_APPLIES = re.compile(r"\bvilk(?:en|et|a)\b(?: (?:av|dem|dom|de|samtycke|samtycket|samtyckena|samtycken|"
                            r"ar|e|det|som|nu|da|mina|mitt|ett|tva|ska)){0,4} (?:galler|gallar|galla)\b"
                            r"|\bgaller (?:de |dom )?bada\b|\bgaller (?:samtycke )?\d+ eller (?:samtycke )?\d+\b")


def asks_which_consent_applies(text: str | None) -> bool:
    """"nu jag har samtycke 1 och 2. vilken gäller?": which of several consents counts."""
    words = " ".join(re.sub(r"[^\w ]", " ", fold(str(text or ""))).split())
    return _WHICH_APPLIES.search(words) is not None


# "ok. jag vill göra ett samtycke till, pappa ska också med. och bara skolan och bup, inte soc" was
# `withdraw_consent` (0.57) and asked whether to take back samtycke 1; "nej?? jag vill inte ta tillbaka.
# jag vill göra nytt samtycke" was then taken for a question (verification round, session 34).
_NEW_CONSENT = re.compile(r"\b(?:gora|ge|lamna|skriva|fylla i|ha)\s+(?:ett\s+)?(?:nytt\s+|till\s+ett\s+)?samtycke"
                          r"(?:\s+till)?\b|\bnytt samtycke\b|\bett samtycke till\b")
_TAKE_BACK = re.compile(r"\b(?:ta|dra)\s+tillbaka\b|\baterkall\w*|\bangra\w*")
_KEEP = re.compile(r"\b(?:vill|ska)\s+(?:inte|ej)\s+(?:ta|dra)\s+tillbaka\b|\bbehall\w*\b|\binte\s+aterkalla\w*")


def wants_a_new_consent(text: str | None) -> bool:
    """A wish to give another samtycke, not to take one back ("jag vill göra nytt samtycke")."""
    words = fold(str(text or ""))
    return bool(_NEW_CONSENT.search(words)) and (not _TAKE_BACK.search(words) or bool(_KEEP.search(words)))


def keeps_the_consent(text: str | None) -> bool:
    """"nej?? jag vill inte ta tillbaka", "behåll det", or a wish for a new one instead: a no to
    taking it back, whatever else the message says. A question about a new one is no wish: "avslutas sip
    om jag ger nytt samtycke direkt efter?" was taken for "Nej, behåll" and left unanswered (persona round,
    session 36)."""
    words = fold(str(text or ""))
    if _KEEP.search(words):
        return True
    return wants_a_new_consent(text) and "?" not in words and not asks_if_a_new_consent_keeps_the_sip(text)


# "vänta. också bup får inte säga till skolan om medicin", typed at the date question, was answered "Jag
# förstod inte datumet" and lost (verification round, session 34): a limit on what may be shared.
_LIMIT = re.compile(r"\b(?:far|ska|kan)\s+(?:de\s+|dom\s+|dem\s+)?(?:inte|ej|aldrig)\s+"
                    r"(?:beratta|saga|veta|fa veta|dela|prata om|ta upp)\b|\binte\s+fa\s+(?:beratta|saga|veta)\b")
_LIMIT_OPENERS = re.compile(r"^(?:(?:vanta|och|o|ocksa|aven|sen|sedan|plus|just det|forresten|oj|ah|a)\b[\s,.!:]*)+",
                            re.IGNORECASE)


def limit_on_sharing(text: str | None) -> str | None:
    """A limit on what may be shared ("bup får inte säga till skolan om medicin"), as written without
    the words that only lead into it ("vänta. också"), or None. Not with a question mark."""
    raw = str(text or "").strip()
    if "?" in raw or not _LIMIT.search(fold(raw)):
        return None
    start = len(raw) - len(_LIMIT_OPENERS.sub("", fold(raw)))
    return raw[start:].strip() or None



# --- staff, limits, earlier answers and a new samtycke after a withdrawal (persona round, session 35) ---

# The writer says they are the child's family: "jag är hennes mamma och jobbar som sjuksköterska" is a
# parent who mentions her job, not staff registering for a family (knowledge/guardian_cues.yml has no
# "jag är mamma"). "jag själv" answers as the young person.
_FAMILY_SELF = re.compile(r"\b(?:jag|ja)\s+(?:ar|e)\s+(?:\w+\s+)?(?:mamma|mamman|pappa|pappan|mor|far|"
                          r"vardnadshavare|vardnadshavaren|foralder|foraldern)\b"
                          r"|\bvi\s+(?:ar|e)\s+(?:\w+\s+)?(?:foraldrar|foraldrarna|vardnadshavare|vardnadshavarna)\b"
                          r"|\b(?:jag|mig|mej)\s+sjalv\b")


def says_they_are_the_family(text: str | None) -> bool:
    return _FAMILY_SELF.search(fold(str(text or ""))) is not None


# "vänta, var det ok att jag som personal registrerade samtycket åt mamman?": staff writing a family's
# samtycke into the chat for them.
_REGISTERS = re.compile(r"\b(?:registrer\w*|skriv\w*\s+in|lagg\w*\s+in|la\s+in|fyll\w*\s+i|lamna\w*)\b")
_FOR_THE_FAMILY = re.compile(r"\b(?:at|for)\s+(?:mamma\w*|pappa\w*|familj\w*|foraldr\w*|vardnadshavar\w*|vh|"
                             r"henne|honom|dem|dom|eleven|patienten|klienten)\b|\bfamiljen\s+samtycker\b")


# "mamman sa ok på telefon, kan jag registrera samtycket här?" names no "åt mamman" and got the article on
# oral and written samtycke (verification round, session 35): the family said yes to someone else.
_FAMILY_SAID_YES = re.compile(r"\b(?:mamma\w*|pappa\w*|foraldr\w*|vardnadshavar\w*|vh|familj\w*|eleven|patienten|"
                              r"klienten)\s+(?:har\s+)?(?:sa|sade|sagt|sager|gav|gett|givit|samtycker|samtyckte|"
                              r"samtyckt|godkande|godkant|godkanner|gick\s+med|gatt\s+med|accepterade|accepterat)\b")


def registers_for_the_family(text: str | None) -> bool:
    """"…registrerade samtycket åt mamman?", "mamman sa ok på telefon, kan jag registrera samtycket här?":
    someone writing a family's samtycke into the chat for them."""
    words = fold(str(text or ""))
    return _REGISTERS.search(words) is not None and \
        (_FOR_THE_FAMILY.search(words) is not None or _FAMILY_SAID_YES.search(words) is not None)


# "skolan, bup och habiliteringen. men INTE skolsköterskans anteckningar om en privat sak", typed at what
# may be shared: the "men inte" part is a limit. It stayed in what may be shared and the limit was asked
# for again.
# "inte så mycket", "inte allt": an answer about how much, not a limit.
_NOT_A_LIMIT = r"(?!\s+(?:sa\s+)?(?:mycket|mkt|allt|alls|bara|annars|sarskilt|nagot\s+sarskilt|nat\s+sarskilt)\b)"
# "inget om …" as well as "inte …" ("soc och vårdcentralen i dals-ed. inget om min familj" kept "inget om
# min familj" as part of an organisation's name; final check, session 36).
_NOTHING_ABOUT = r"(?:inget|ingenting|inga)(?=\s+om\b)"
_BUT_NOT = re.compile(rf"[\s,.;:!-]*\b(?:men|fast)\s+(?:(?:inte|ej|aldrig)\b{_NOT_A_LIMIT}|{_NOTHING_ABOUT})"
                      r"[\s,:]*(?:om\s+)?", re.IGNORECASE)
# "inte medicin" alone, or "skolgång, inte medicin", was saved as what MAY be shared ("Får berätta för
# varandra: inte medicin"; verification round, session 35): a part that starts with "inte" is a limit.
_PART_NOT = re.compile(rf"(?:^|[,.;:!]+)\s*(?:nej[\s,.!]+)?(?:(?:inte|ej|aldrig)\b{_NOT_A_LIMIT}|{_NOTHING_ABOUT})"
                       r"[\s,:]*(?:om\s+)?", re.IGNORECASE)


def split_limit(text: str | None) -> tuple[str, str | None]:
    """What may be shared and the limit after "men inte …" or in a part that starts with "inte":
    ("skolan, bup och habiliteringen", "skolsköterskans anteckningar om en privat sak"), ("", "medicin")
    for "inte medicin"; (text, None) without one."""
    raw = str(text or "").strip()
    folded = fold(raw)
    if len(folded) != len(raw):
        return raw, None
    matches = [m for m in (_BUT_NOT.search(folded), _PART_NOT.search(folded)) if m is not None]
    if not matches:
        return raw, None
    match = min(matches, key=lambda m: m.start())
    limit = raw[match.end():].strip(" .!,;")
    if not limit:
        return raw, None
    return raw[:match.start()].strip(" .!,;:"), limit


# A limit is saved after "får inte delas": "inte om medicin" typed at that question read "får inte delas
# inte om medicin" (verification round, session 35).
_LEADING_NOT = re.compile(rf"^\s*(?:nej[\s,.!]+)?(?:(?:inte|ej|aldrig)\b{_NOT_A_LIMIT}|(?:inget|ingenting)(?=\s+om\b))"
                          r"[\s,:]*(?:om\s+)?", re.IGNORECASE)


def limit_text(text: str | None) -> str:
    """A limit as it is saved, without a leading "inte (om)": "inte om medicin" → "medicin"."""
    raw = str(text or "").strip()
    folded = fold(raw)
    match = _LEADING_NOT.match(folded) if len(folded) == len(raw) else None
    rest = raw[match.end():].strip(" .!,;") if match else ""
    return rest or raw


def names_only_organisations(text: str | None) -> bool:
    """"soc", "BUP Vänersborg": a "men inte …" at the organisations that leaves an organisation out,
    not a limit on what may be shared ("men inte om hans medicin")."""
    parties = split_parties(str(text or ""))
    return bool(parties) and all(_surely_a_party(p) for p in parties)


def limit_named_with_the_wish(text: str | None) -> str | None:
    """The limit typed after the organisations in a wish to give a samtycke ("jag vill ge samtycke nu, skola
    och bup, men inte om hans medicin" → "hans medicin"); None without one, or when it leaves out an
    organisation."""
    raw = str(text or "")
    folded = fold(raw)
    if raw.startswith("/") or len(folded) != len(raw):
        return None
    wishes = list(_AFTER_THE_WISH.finditer(folded))
    _, limit = split_limit(raw[wishes[-1].end():] if wishes else raw)
    return None if limit is None or names_only_organisations(limit) else limit


# "jag tar tillbaka det och gör ett nytt utan bup": a new samtycke to follow a withdrawal.
_NEW_ONE_FOLLOWS = re.compile(r"\b(?:ge|ger|gor|gora|lamna|lamnar|skriva|skriver|fylla\s+i|fyller\s+i|ta|tar)\s+"
                              r"(?:jag\s+|vi\s+)?(?:sen\s+|sedan\s+|da\s+|istallet\s+|direkt\s+)?(?:ett\s+)?nytt\b")


def says_a_new_consent_follows(text: str | None) -> bool:
    return wants_a_new_consent(text) or _NEW_ONE_FOLLOWS.search(fold(str(text or ""))) is not None


def one_guardian_note(givers: list) -> str:
    """" (en vårdnadshavare samtycker)" after the one guardian who gives a samtycke, as the chat's summary
    and /mina-uppgifter say it; "" otherwise. `givers` have a role (a Giver, or a stored ConsentGiver)."""
    return policy().texts["one_guardian_note"] if len(givers) == 1 and givers[0].role == GUARDIAN else ""


# "jag skrev ju det. skolsköterskans anteckningar om en privat sak" was saved with the complaint in it.
_COMPLAINT = (r"(?:(?:men|ju|ja|asså|assa|alltså|alltsa|ok|okej)\s+)*"
              r"(?:jag|ja)\s+(?:skrev|sa|sade|har\s+(?:(?:ju|redan)\s+)*(?:skrivit|sagt))"
              r"(?:\s+(?:ju|redan|det|innan))*")
_COMPLAINT_FIRST = re.compile(rf"^\s*{_COMPLAINT}\s*[.!,:;]+\s*|^\s*{_COMPLAINT}\s*$", re.IGNORECASE)
# "Amina Hassan, jag skrev ju redan" got "Skriv bara namnet…" and a hint to change who consents (persona
# round, session 36): a complaint after the answer, in a clause of its own, is dropped too.
_COMPLAINT_LAST = re.compile(r"[\s,.;]*\b(?:som\s+jag\s+(?:skrev|sa|sade)|(?:sa|skrev)\s+jag\s+ju)\b"
                             rf"(?:\s+(?:ju|redan|innan))*[\s.!]*$|\s*[,.;!]+\s*{_COMPLAINT}[\s.!]*$", re.IGNORECASE)


def without_complaint(text: str | None) -> str:
    """The answer without words that only complain it was said before: "jag skrev ju det. X" → "X"."""
    raw = str(text or "").strip()
    if len(fold(raw)) != len(raw):
        return raw
    before = None
    while before != raw:
        before = raw
        raw = _COMPLAINT_FIRST.sub("", raw, count=1).strip()
        raw = _COMPLAINT_LAST.sub("", raw).strip()
    return raw


# "samma som förut men inte bup": the earlier samtycke's organisations but one.
_EARLIER_BUT = re.compile(r"[\s,.;]*\b(?:men\s+|fast\s+)?(?:inte|ej|utom|forutom|utan)\b", re.IGNORECASE)


def earlier_but(text: str | None) -> tuple[bool, list[Party]]:
    """Whether the answer points to the earlier samtycke ("samma som förut"), and the organisations it
    leaves out of it ("… men inte bup", "samma utan arbetsförmedlingen")."""
    raw = str(text or "")
    match = _EARLIER_BUT.search(fold(raw))
    same_part, left_out = (raw[:match.start()], raw[match.end():]) if match else (raw, "")
    words = fold(same_part).strip(" .!,")
    if not (points_to_an_earlier_answer(same_part) or words in {"samma", "likadant", "samma som innan"}):
        return False, []
    return True, split_parties(left_out)


def leaves_out(party_name: str, left_out: list[Party]) -> bool:
    """Whether an earlier organisation is one of those left out: the same type, or its name in it."""
    kind, name = recognise_organisation(party_name), fold(party_name)
    return any((p.kind is not None and p.kind == kind) or fold(p.name) in name for p in left_out)


# A question whether the SIP ends when a samtycke is taken back and a new one given at once ("men
# avslutas sipen då om jag tar tillbaka och gör nytt??", "vänta är sipen avslutad nu?? jag gjorde ju ett
# nytt direkt"): it got "Förlåt, jag förstår inte riktigt" and a general text.
_ENDS = re.compile(r"\b(?:avslut\w*|slutar|tar\s+slut|upphor\w*|forsvinn\w*|stoppas|stoppad)\b")
_NEW_ONE = re.compile(r"\b(?:nytt|nya|ny|gor\s+om|gora\s+om|gjorde\s+om|direkt|ett\s+till)\b")


def asks_if_a_new_consent_keeps_the_sip(text: str | None) -> bool:
    words = fold(str(text or ""))
    return _ENDS.search(words) is not None and _NEW_ONE.search(words) is not None


def sentence_with(text: str, phrase: str) -> str | None:
    """The sentence of `text` that holds `phrase` (compared folded), as written; None if none does."""
    for sentence in re.split(r"(?<=[.!?])\s+|(?<=[.!?][”\"'])\s+", " ".join(str(text or "").split())):
        if fold(phrase) in fold(sentence):
            return sentence
    return None


# --- corrections, the SIP ending at a withdrawal, another guardian's yes (persona round, session 36) ---

# "förlåt jag skrev fel mitt namn, det är Hassan med två s", typed at "Vad tycker barnet själv?", was saved
# as the child's view. Whether a message says an earlier answer was wrong is the preparation's shared rule
# (preparation_flow.said_last_was_wrong: "jag skrev fel", "det var inte mitt svar", a clause of its own);
# the samtycke's own ways of saying it are first put in its words: "rättelse" and "jag stavade fel" as
# "jag skrev fel", and the name it was about ("… fel mitt namn") taken off and remembered.
_WROTE_WRONG = re.compile(r"\b(?:rattelse|(?:jag|ja)\s+stavade\s+fel|stavade\s+fel|(?:det\s+(?:ar|e)\s+)?felstavat|"
                          r"(?:det\s+(?:ar|e)\s+)?fel\s+stavat)\b")
_NAME_WORDS = re.compile(r"\s+(?:(?:pa|i|med)\s+)?(?:(?:mitt|hans|hennes|hens|pappans|mammans|den\s+forsta|"
                         r"den\s+andra|forsta|andra)\s+)?(?:namn|namnet|namnen|efternamn|efternamnet|fornamn|fornamnet|"
                         r"stavningen)$")
_CLAUSE = re.compile(r"[.!?,;:\n]+")
# "det ska vara Amina Hassan" first in a message: a correction only when what follows fits a name given
# before (corrected_name); "det ska vara lugnt i skolan" is the child's view.
_SHOULD_BE = re.compile(r"^(?:(?:nej|forlat|oj|ojda|sorry|vanta|ah|a)\W+)*(?:det\s+)?(?:ska|skulle)\s+(?:vara|sta)\s+"
                        r"|^(?:(?:nej|forlat|oj|ojda|sorry|vanta)\W+)*ratt\s+(?:namn\s+)?(?:ar|e)\s+")


@dataclass(frozen=True)
class EarlierAnswerCorrection:
    """A message that says an earlier answer was wrong. `new`: what it should be, as typed ("Hassan med två
    s"), or None; `about_a_name`: it says the name was wrong; `sure`: it says so in words ("jag skrev fel"),
    rather than only starting "det ska vara …"."""
    new: str | None
    about_a_name: bool
    sure: bool


def corrects_an_earlier_answer(text: str | None) -> EarlierAnswerCorrection | None:
    """"förlåt jag skrev fel mitt namn, det är Hassan med två s" → ("Hassan med två s", about a name, sure);
    "rättelse: Amina Hassan"; "det ska vara Amina Hassan" (not sure). None for an answer."""
    from actions.preparation_flow import said_last_was_wrong  # the shared rule (imports this module lazily)

    raw = " ".join(str(text or "").split())
    folded = fold(raw)
    if not raw or raw.startswith("/") or len(folded) != len(raw):
        return None
    end = _CLAUSE.search(raw)
    head, rest = (raw[:end.start()], raw[end.start():]) if end else (raw, "")
    head_folded = fold(head)
    about_a_name = False
    if (name_words := _NAME_WORDS.search(head_folded)) is not None:
        head_folded, about_a_name = head_folded[:name_words.start()], True
    head_folded = _WROTE_WRONG.sub("jag skrev fel", head_folded)
    said = said_last_was_wrong(head_folded + rest)
    if said is not None:
        return EarlierAnswerCorrection(None if said.remove else said.new, about_a_name, sure=True)
    if (should_be := _SHOULD_BE.match(folded)) is not None and raw[should_be.end():].strip(" .!"):
        return EarlierAnswerCorrection(raw[should_be.end():].strip(" .!"), about_a_name=False, sure=False)
    return None


# "Hassan med två s": the word as it should be spelt, and the letter said to be doubled.
_SPELT_WITH = re.compile(r"^(?:(?:att\s+)?(?:det|namnet|jag|hon|han)\s+)?(?:ar|e|heter|stavas|skrivs)?\s*"
                         r"(?P<name>[^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*){0,3}?)"
                         r"(?:\s+med\s+(?:tva|2|dubbla|dubbelt|dubbel)\s+(?P<letter>[^\W\d_]))?\s*[.!]*$")


def _single_letters(word: str) -> str:
    """The word with doubled letters single: "hassan" and "hasan" are the same spelt twice."""
    return re.sub(r"(\w)\1+", r"\1", fold(word))


def _close(a: str, b: str) -> bool:
    """Two spellings of one name: the same but for a doubled letter ("Hasan", "Hassan"), or one letter
    added, left out or changed in a word of at least four letters, the first letter the same."""
    a, b = fold(a), fold(b)
    if a == b or _single_letters(a) == _single_letters(b):
        return True
    if min(len(a), len(b)) < 4 or a[0] != b[0] or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def corrected_name(new: str | None, names: dict[str, str]) -> tuple[str, str] | None:
    """Which of the names given before (`names`: slot → name) a correction changes, and to what; None
    unless that is clear. A word ("Hassan med två s", "Hassan") replaces the one word of one name that is
    spelt nearly like it but not the same ("Amina Hasan" → "Amina Hassan"); a whole name ("Amina Hassan")
    replaces the one name that has a word like one of its words. Never a guess between two."""
    match = _SPELT_WITH.match(fold(str(new or "").strip()))
    if match is None:
        return None
    start, stop = match.span("name")
    typed = str(new).strip()[start:stop]
    if match["letter"] and fold(match["letter"]) * 2 not in fold(typed):
        return None  # "Hasan med två s": the spelling and the words disagree
    words = typed.split()
    if len(words) == 1:
        found = [(slot, i) for slot, name in names.items() for i, word in enumerate(name.split())
                 if fold(word) != fold(typed) and _close(word, typed)]
        if len(found) != 1:
            return None
        slot, index = found[0]
        parts = names[slot].split()
        parts[index] = typed
        return slot, " ".join(parts)
    if not looks_like_a_name(typed) or match["letter"]:
        return None
    # The one name whose every word is spelt like one of the typed ones: "Amina Hassan" is "Amina Hasan";
    # "Omar Hassan" is no respelling of "Amina Hasan" ("det ska vara Omar Hassan" typed at the second name).
    alike = [slot for slot, name in names.items() if len(name.split()) == len(words)
             and all(any(_close(word, other) for word in name.split()) for other in words)]
    return (alike[0], typed) if len(alike) == 1 else None


# "men om jag tar tillbaka, slutar sip då? det står avslutas" at the withdrawal's yes or no got "Förlåt, jag
# förstår inte riktigt" (persona round, session 36): whether the SIP ends.
_SIP = re.compile(r"\bsip\w*\b|\bplanen\b")


def asks_if_the_sip_ends(text: str | None) -> bool:
    words = fold(str(text or ""))
    return _ENDS.search(words) is not None and _SIP.search(words) is not None


# "får jag skriva pappans namn fast han inte sitter här? han sa ja i telefon igår", at the summary, got only
# "Vad vill du ändra?" (persona round, session 36): writing in the other guardian's samtycke, given elsewhere.
_OTHER_GUARDIAN = re.compile(r"\b(?:pappa\w*|mamma\w*|(?:den\s+)?andra\s+(?:vardnadshavare\w*|foralder\w*)|"
                             r"hans\s+pappa|hennes\s+pappa|hans\s+mamma|hennes\s+mamma|barnets\s+(?:far|mor))\b")
_MAY_I_WRITE = re.compile(r"\b(?:far|kan|ska|maste|borde|gar\s+det\s+att)\s+(?:jag\s+|ja\s+|man\s+|vi\s+)?"
                          r"(?:skriva|skriv|fylla|lagga|satta|registrera|ta\s+med|ha\s+med)\w*\b")
_YES_ELSEWHERE = re.compile(r"\b(?:sa|sade|sagt|sager|gav|gett|har\s+sagt)\s+(?:ja|ok|okej|att\s+det\s+ar\s+ok)\b"
                            r"|\b(?:i|pa|via|over)\s+telefon\w*\b|\binte\s+(?:sitter\s+|ar\s+)?(?:har|med\s+nu|hemma)\b"
                            r"|\b(?:samtycker|godkanner|godkande|gick\s+med)\b")


def asks_to_write_in_another_guardian(text: str | None) -> bool:
    """"får jag skriva pappans namn fast han inte sitter här?", "mamman sa ja i telefon, kan jag skriva in
    henne också?": a parent asking whether the other guardian's samtycke, given elsewhere, may be written
    in here. Not "pappan vill inte" (no question of writing it in)."""
    words = fold(str(text or ""))
    if _OTHER_GUARDIAN.search(words) is None:
        return False
    return _MAY_I_WRITE.search(words) is not None and ("?" in words or _YES_ELSEWHERE.search(words) is not None)


# The young person named as the button names them; a bare "jag" is in most sentences.
_YOUNG_PERSON_NAMED = ("jag sjalv", "den unga", "mig sjalv")


def givers_named(text: str | None) -> set[str]:
    """Every kind of giver a message names: "det finns ingen knapp för vårdnadshavare … kan Elin trycka på
    'Jag själv, den unga'?" names two, and is no choice of one (persona round, session 36: read as
    "vårdnadshavare")."""
    words = fold(str(text or "")).strip(" .!")
    named = {**_GIVER_WORDS, YOUNG_PERSON: _YOUNG_PERSON_NAMED}
    return {giver for giver, said in named.items() if any(re.search(rf"\b{re.escape(w)}\b", words) for w in said)}


# --- the organisations with a question, a request at the withdrawal (verification round, session 36) -----

# "bup och hagaskolan. kanske soc också? behövs dom?": whether one more organisation is needed. A question
# about an organisation without these words ("soc?") is answered as any question.
_NEEDED = re.compile(r"\b(?:behovs|behover|behov|maste|borde|ocksa|med)\b")


def organisation_asked_about(question: str | None) -> str | None:
    """The organisation type a question asks whether it is needed or should be with ("kanske soc också?
    behövs dom?", "ska habiliteringen vara med?"); None for any other question."""
    words = fold(str(question or ""))
    if _NEEDED.search(words) is None:
        return None
    return recognise_organisation(words)


# "försvinner begäran till hagaskolan om jag tar tillbaka?" at the withdrawal got the text on taking back only
# a whole samtycke (it read "bara" and "hagaskolan" as a wish to stop one organisation).
_A_REQUEST = re.compile(r"\b(?:begaran\w*|forfragan\w*|ansokan\w*)\b")
_GOES = re.compile(r"\b(?:forsvinn\w*|forsvann|tas\s+bort|raderas|dras\s+tillbaka|tas\s+tillbaka|avbryts|"
                   r"stoppas|stryks|kvar|upphor|slutar)\b")


def asks_if_the_request_goes(text: str | None) -> bool:
    """A question whether a sent SIP request goes with the samtycke: "försvinner begäran om jag tar tillbaka?",
    "finns min begäran kvar då?". Not a wish without a question ("ta bort begäran")."""
    raw = str(text or "")
    words = fold(raw)
    asks = "?" in raw or words.split()[:1] in (["om"], ["finns"], ["forsvinner"], ["blir"])
    return asks and _A_REQUEST.search(words) is not None and _GOES.search(words) is not None


# --- what may be shared in own words, one of two guardians, the note on reporting (persona round, session 38) ---

# "dom ska inte prata om min mamma", typed at "Vad får de berätta för varandra?", was saved as what they MAY tell
# each other. A main clause saying what must not be told ("får inte prata om", "ska inte säga") or "jag vill inte
# att de pratar om …" names a limit. In a subclause "inte" comes before the verb ("så att han inte ska behöva
# berätta"), which this does not read.
_TELL = (r"(?:prata\w*|snacka\w*|beratta\w*|saga|sager|dela\w*|veta|fa\s+veta|ta\s+upp|tar\s+upp|namna\w*|"
         r"diskutera\w*|ga\s+in\s+pa|tala\w*)")
_MUST_NOT_TELL = re.compile(r"\b(?:(?:far|ska|kan|maste|borde)(?:\s+(?:de|dom|dem|ni|man))?\s+(?:inte|ej|aldrig)"
                            r"|(?:vill|onskar)\s+(?:inte|ej)\s+att(?P<who>(?:\s+\w+){0,3}?)(?:\s+ska)?)"
                            rf"\s+{_TELL}(?:\s+(?:nagot|nat|mer))?(?:\s+(?:om|kring))?\b")
# Where the clause begins, and where its sentence ends.
_CLAUSE_BEGINS = re.compile(r"[.,;:!?\n]+\s*|\b(?:men|fast)\s+")
_SENTENCE_ENDS = re.compile(r"[.;!?\n]")
# Who must not tell, when it is only "de" or the writer: the topic alone is the limit. Anyone else is kept with
# it ("bup får inte säga till skolan om medicin", as limit_on_sharing keeps it).
_ANYONE = {"", "de", "dom", "dem", "ni", "man", "jag", "och", "sa", "nej"}
# A "topic" that limits nothing ("de ska inte veta allt", "inte prata om det"): no limit read.
_NO_TOPIC = {"allt", "alls", "nagot", "nat", "nagonting", "ingenting", "det", "sa mycket", "for mycket", "mycket", "mkt"}
# "de får prata om allt utom mamma": the exception is the limit, what comes before it is allowed.
_EXCEPT = re.compile(r"\s*\b(?:utom|forutom)\b[\s,:]*(?:om\s+)?")


def _limit_in_own_words(raw: str, folded: str) -> tuple[str, str] | None:
    """(what may be shared, the limit) for a sentence that says what must not be told; None without one."""
    match = _MUST_NOT_TELL.search(folded)
    if match is None:
        return None
    boundary = ([m for m in _CLAUSE_BEGINS.finditer(folded, 0, match.start())] or [None])[-1]
    before, begins = (boundary.start(), boundary.end()) if boundary else (0, 0)
    ends = _SENTENCE_ENDS.search(folded, match.end())
    end = ends.start() if ends else len(raw)
    topic = raw[match.end():end].strip(" .!,;:")
    if not topic or fold(topic) in _NO_TOPIC:
        return None
    who = " ".join(folded[begins:match.start()].split() + (match["who"] or "").split())
    limit = topic if set(who.split()) <= _ANYONE else raw[begins:end].strip(" .!,;:")
    return f"{raw[:before]} {raw[end:]}".strip(" .!,;:"), limit


def split_sharing(text: str | None) -> tuple[str, str | None]:
    """What may be shared and what may not, from an answer to "Vad får de berätta för varandra?": as split_limit,
    and also a sentence in own words ("dom ska inte prata om min mamma" → ("", "min mamma")) or an exception
    ("de får prata om allt utom mamma" → ("de får prata om allt", "mamma")). (text, None) without a limit."""
    allowed, limit = split_limit(text)
    raw = str(text or "").strip()
    folded = fold(raw)
    if limit is not None or len(folded) != len(raw):
        return allowed, limit
    if (own := _limit_in_own_words(raw, folded)) is not None:
        return own
    if (exception := _EXCEPT.search(folded)) and raw[exception.end():].strip(" .!,;"):
        return raw[:exception.start()].strip(" .!,;:"), raw[exception.end():].strip(" .!,;")
    return raw, None


def limit_in_a_message(text: str | None) -> str | None:
    """The limit said in a message that also asks something ("varför står det om anmälan?? … jag vill inte att de
    pratar om bråken mellan mig och hans pappa" → "bråken mellan mig och hans pappa"); None without one. Only
    sentences that ask nothing are read."""
    for sentence in re.split(r"(?<=[.!?])\s+", " ".join(str(text or "").split())):
        if sentence.endswith("?"):
            continue
        _, limit = split_sharing(sentence)
        if limit:
            return limit_text(limit)
    return None


# "ni? jag kan bara svara för mig själv, pappan har inte gett något samtycke. räcker det med mitt?": the writer
# alone consents, as one of two guardians. The other parent is named as a parent names them (cues.yml
# `other_parent`: "pappan", "hans mamma"), not as a child does ("min pappa").
_ONLY_ME = re.compile(r"\bbara\s+(?:(?:svara|tala|skriva)\s+)?(?:for\s+)?(?:mig|mej|jag|ja|mitt)\b|\bjag\s+ensam\b")


@lru_cache(maxsize=1)
def _other_parent() -> re.Pattern:
    return re.compile(cue_pattern(cues()["other_parent"]))


@lru_cache(maxsize=1)
def _other_not_yet() -> re.Pattern:
    other = _other_parent().pattern
    return re.compile(rf"{other}\s+(?:har\s+)?(?:inte|ej|aldrig)\s+(?:\w+\s+)?"
                      r"(?:gett|givit|gav|sagt\s+ja|samtyckt|samtycker|godkant|godkanner|skrivit\s+under)\b"
                      rf"|{other}\s+(?:vill\s+(?:inte|ej)|sager\s+nej|ar\s+emot|vet\s+inte)\b")


def says_only_the_writer_consents(text: str | None) -> bool:
    """Whether a message says that its writer alone consents and the other guardian has not ("bara jag. pappan
    vill inte", "jag kan bara svara för mig själv, pappan har inte gett något samtycke"). Whether the writer is a
    guardian at all, the caller knows."""
    words = fold(str(text or ""))
    return _other_not_yet().search(words) is not None or \
        (_ONLY_ME.search(words) is not None and _other_parent().search(words) is not None)


_GUARDIAN_ROLE = re.compile(r"\bvardnadshavar\w*")


def names_the_guardian_role(text: str | None) -> bool:
    """A guardian's word, not for the other parent: "vårdnadshavare, bara jag" (the giver button), not "bara jag,
    den andra vårdnadshavaren vet inte"."""
    return _GUARDIAN_ROLE.search(_other_parent().sub(" ", fold(str(text or "")))) is not None


def other_guardian_agreed(text: str | None) -> bool | None:
    """The answer to "Har … själv sagt ja till samtycket?": "ja", "ja hon sitter bredvid mig", "nej inte än",
    "hon vet inte om det"; None when it says neither."""
    answer = parse_confirmation(str(text or ""))
    if answer is not None:
        return answer
    words = fold(str(text or ""))
    if re.search(r"\b(?:inte|ej|nej|aldrig|vet\s+inte)\b", words):
        return False
    if re.search(r"\b(?:sa|sade|sagt|har\s+sagt)\s+(?:ja|ok|okej)\b|\b(?:samtycker|godkanner|godkande|vill\s+ocksa)\b",
                 words):
        return True
    return None


# "varför står det om anmälan?? tror ni att han far illa?", "vad betyder det? anmala till social? jag ar radd":
# a parent frightened by the note on the duty to report that the samtycke's questions carry for a child.
_REPORTING = re.compile(r"\b\w*anmal\w*|\bfara?\s+illa\b")
_WORRIED = re.compile(r"\b(?:varfor|vad\s+betyder|vad\s+menas|vad\s+menar|tror\s+ni|tror\s+du|radd\w*|orolig\w*|"
                      r"skrams|skrammer|skramd\w*|forstar\s+inte)\b")


def asks_about_the_report_note(text: str | None) -> bool:
    """A question or a worry about reporting to social services: "varför står det om anmälan??", "anmala till
    social? jag ar radd". Not a limit that names it ("inget om anmälan")."""
    raw = str(text or "")
    words = fold(raw)
    return _REPORTING.search(words) is not None and ("?" in raw or _WORRIED.search(words) is not None)


# A message with a worry about the note may also tell of danger: then it never gets the calm reply (actions/consent.py
# reads the crisis lexicon and the danger words too). The words are cues.yml `report_note`.
_CLAUSES = re.compile(r"[.,;:!?\n]+|\bmen\b", re.IGNORECASE)
_SENTENCES = re.compile(r"[^.!?\n]+[.!?]*")


def without_a_fear_of_the_note(text: str | None) -> str:
    """`text` without the clauses that only fear the note itself and name it: "varför står det om anmälan? jag är
    rädd för anmälan" → "varför står det om anmälan". A bare "jag är rädd" stays, as "jag är rädd för pappa" does:
    it may tell of danger ("anmälan till soc?? jag är rädd. jag vill inte bo kvar hemma"; review of session 38)."""
    data = cues()["report_note"]
    fear = {fold(word) for word in data["fear"]}
    with_the_fear = fear | {fold(word) for word in data["with_the_fear"]}
    names_the_note = re.compile(cue_pattern(data["names_the_note"]))
    kept = []
    for clause in _CLAUSES.split(str(text or "")):
        folded = fold(clause)
        words = set(re.findall(r"\w+", folded))
        only_fears_the_note = fear & words and words <= with_the_fear and names_the_note.search(folded)
        if not only_fears_the_note and clause.strip():
            kept.append(clause.strip())
    return ". ".join(kept)


@lru_cache(maxsize=1)
def _harm() -> tuple[re.Pattern, re.Pattern]:
    """Harm told (a word between the phrase's two allowed, never a negation), and a question of what is thought."""
    data = cues()["report_note"]
    between = r"\s+(?:(?!(?:inte|ej|aldrig)\b)\w+\s+)?"
    harm = "|".join(between.join(map(re.escape, fold(phrase).split())) for phrase in data["harm"])
    return re.compile(rf"\b(?:{harm})\b"), re.compile(cue_pattern(data["asks_what_is_thought"]))


def tells_of_harm(text: str | None) -> bool:
    """A sentence that tells of a child in harm: "varför står det om anmälan? han far illa hemma hos sin pappa".
    Not one that asks ("tror ni att han far illa?", "…tror ni han far illa" with no mark)."""
    harm, asks = _harm()
    for sentence in _SENTENCES.findall(str(text or "")):
        if sentence.rstrip().endswith("?"):
            continue
        words = fold(sentence)
        if any(asks.search(words, 0, match.start()) is None for match in harm.finditer(words)):
            return True
    return False


# "vardnadshavare. jag och min fru": the writer is one of the guardians named.
_WRITER_AMONG_GUARDIANS = re.compile(r"\b(?:jag|ja|mig|mej)\s+och\s+(?:min|mitt|hans|hennes|barnets|pappan|mamman)\b"
                                     r"|\boch\s+(?:jag|mig|mej)\b|\bvi\s+(?:bada|tva|foraldrar\w*)\b"
                                     r"|\b(?:min|mitt)\s+(?:fru|man|make|maka|sambo|partner|exfru|exman|ex)\b")


def names_the_writer_among_the_guardians(text: str | None) -> bool:
    return _WRITER_AMONG_GUARDIANS.search(fold(str(text or ""))) is not None


# --- a representative without a fullmakt (persona round, session 39) ------------------------------------------

# "Jag har egentligen ingen skriftlig fullmakt från mamman … Går det ändå?", at the summary of a samtycke saved as
# "Företrädare med fullmakt" by a foster father: he has none. "har inte fått någon fullmakt", "saknar fullmakt".
@lru_cache(maxsize=1)
def _no_fullmakt() -> re.Pattern:
    return re.compile(rf"{cue_pattern(cues()['no_fullmakt'])}\s+(?:\w+\s+){{0,2}}?(?:general)?fullmakt\b")


# Another kind of representative said with it ("ingen fullmakt, men jag är god man"): no stop.
_OTHER_REPRESENTATIVE = re.compile(r"\b(?:god\s+man|forvaltare|framtidsfullmakt)\b")
FULLMAKT_KINDS = ("fullmakt", "generalfullmakt")


def says_no_fullmakt(text: str | None) -> bool:
    """Whether the writer says they have no fullmakt ("jag har ingen skriftlig fullmakt från mamman", "nej, jag
    har inte fått någon fullmakt"), and names no other kind of representative they are."""
    words = fold(str(text or ""))
    return _no_fullmakt().search(words) is not None and _OTHER_REPRESENTATIVE.search(words) is None


def is_only_a_date(text: str | None, today: date) -> bool:
    """"idag", "imorgon", "15 mars", "ett år": an answer that is a date or a period and nothing else. Typed where
    a limit is asked for ("Får inte berätta: idag"; persona round, session 39), it is no limit."""
    raw = str(text or "").strip()
    return bool(raw) and (parse_date(raw, today, whole_only=True) is not None
                          or parse_period_end(raw, today) is not None)


# "hmm jag ångrar mig lite. jag vill inte att socialtjänsten ska va med, kan jag ta bort bara dem?" was read as a
# wish to delete everything, and got "Vill du att jag raderar allt nu?" (persona round, session 39): taking an
# organisation out of a samtycke, not deleting data. Not when the message names something saved to delete.
# The words are cues.yml `saved_data`.
_AN_ORGANISATION = re.compile(r"\bverksamhet\w*")


def wants_an_organisation_taken_out(text: str | None) -> bool:
    """"kan jag ta bort bara dem?" (socialtjänsten named before), "kan jag inte bara ta bort socialtjänsten? resten
    vill jag ha kvar": an organisation, or some, to be taken out, and nothing saved named to delete."""
    words = fold(str(text or ""))
    named = recognise_organisation(words) is not None or _AN_ORGANISATION.search(words) is not None
    return named and wants_only_some_parties(words) and _saved_data().search(words) is None


@lru_cache(maxsize=1)
def _saved_data() -> re.Pattern:
    return re.compile(cue_pattern(cues()["saved_data"]))
