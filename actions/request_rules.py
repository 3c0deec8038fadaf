"""Rules for a SIP request (issue 5): eligibility, age, phone and the organisation directory.

Plain Python so they are unit-tested without Rasa. Data minimisation: only the child's age
is kept; a personnummer typed in is used to work out the age and then forgotten.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import yaml

from actions.settings import ROOT

MAX_SIP_AGE = 20  # "barn och unga upp till 20 år" (001, "Vem kan få en SIP?")
ORGANISATIONS_FILE = ROOT / "knowledge" / "organisations.yml"

# Which side(s) the needs call for; the answer to "is a SIP the right thing?".
BOTH, KOMMUN, REGION, UNKNOWN = "bada", "kommun", "region", "vet_inte"
SIP, SAMVERKANSMOTE, OVER_AGE = "sip", "samverkansmote", "over_age"

VARDNADSHAVARE, UNG = "vardnadshavare", "ung"
CONSENT_GIVEN, CONSENT_MISSING = "finns", "saknas"


def fold(text: str) -> str:
    """Lowercase without diacritics, so "vardcentral" matches "vårdcentral"."""
    decomposed = unicodedata.normalize("NFKD", str(text or "").lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


def parse_sides(text: str) -> str | None:
    words = fold(text)
    if not words:
        return None
    if re.search(r"\b(bada|both|ja)\b", words) or ("kommun" in words and "region" in words):
        return BOTH
    if "kommun" in words or re.search(r"\b(skola|skolan|socialtjanst\w*|lss)\b", words):
        return KOMMUN
    if "region" in words or re.search(r"\b(bup|vardcentral\w*|habilitering\w*|vard\w*)\b", words):
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


def parse_role(text: str) -> str | None:
    words = fold(text)
    if re.search(r"\b(vardnadshavare|forald\w*|mamma|pappa|mor|far|foralder)\b", words):
        return VARDNADSHAVARE
    if re.search(r"\b(ung|sjalv|mig sjalv|jag ar 1[89]|jag ar 20|for mig)\b", words):
        return UNG
    return None


class AgeError(ValueError):
    """`reason` picks the Swedish message: "personnummer", "future", "unclear"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_PNR = re.compile(r"\b(\d{6}|\d{8})\s*[-+]?\s*(\d{4})\b")
_YEAR = re.compile(r"\b(19\d{2}|20\d{2})\b")
_AGE = re.compile(r"\b(\d{1,2})\b")


def _years_between(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def parse_age(text: str, today: date | None = None) -> int:
    """The child's age from "14", "14 år", a birth year or a personnummer (which is not kept)."""
    today = today or date.today()
    raw = str(text or "").strip()
    if "[personnummer]" in raw:  # the PII scrubber removed the number before it reached us
        raise AgeError("removed")
    match = _PNR.search(raw)
    if match:
        from personnummer import personnummer  # local: only this path needs the package

        number = match.group(1) + match.group(2)
        if not personnummer.valid(number):  # wrong check digit or an impossible date
            raise AgeError("personnummer")
        born = personnummer.parse(number).get_date()
        born = born.date() if hasattr(born, "date") else born
        if born > today:
            raise AgeError("future")
        return _years_between(born, today)
    match = _YEAR.search(raw)
    if match:
        year = int(match.group(1))
        if year > today.year:
            raise AgeError("future")
        return today.year - year  # the age this year: exact enough for "up to 20"
    match = _AGE.search(raw)
    if match and 0 <= int(match.group(1)) <= 99:
        return int(match.group(1))
    raise AgeError("unclear")


_PHONE_CHARS = re.compile(r"[\s\-()/.]")


def normalise_phone(text: str) -> str | None:
    """A Swedish phone number as 0XX-digits, or None. Accepts +46/0046 and spaces/dashes."""
    digits = _PHONE_CHARS.sub("", str(text or "").strip())
    if digits.startswith("+46"):
        digits = "0" + digits[3:]
    elif digits.startswith("0046"):
        digits = "0" + digits[4:]
    if not re.fullmatch(r"0\d{6,9}", digits) or digits.startswith("00"):
        return None
    return digits


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    huvudman: str
    phone: str | None = None
    address: str | None = None
    url: str | None = None


@lru_cache(maxsize=1)
def directory() -> tuple[Organisation, ...]:
    rows = yaml.safe_load(ORGANISATIONS_FILE.read_text(encoding="utf-8")) or []
    return tuple(
        Organisation(row["id"], row["name"], row.get("huvudman", ""), row.get("phone"), row.get("address"), row.get("url"))
        for row in rows
    )


def organisation(org_id: str | None) -> Organisation | None:
    return next((org for org in directory() if org.id == org_id), None)


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
