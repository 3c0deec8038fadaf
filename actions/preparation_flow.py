"""The preparation conversation as plain Python: questions from knowledge/, steps, parsing.

The form has one free-text slot; `step` says what the latest answer was to:
"role", "age", a question key, or "review" (the summary, where answers are changed or confirmed).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from actions.settings import ROOT

QUESTIONS_FILE = ROOT / "knowledge" / "preparation" / "questions.yml"
ROLE, AGE, REVIEW, DONE = "role", "age", "review", "done"
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

    def text(self, role: str | None, age: int | None) -> str:
        wording = role or "ung"
        if wording == "ung" and age is not None and age < content()["child_age_below"]:
            wording = "barn"
        return self.ask.get(wording) or self.ask["ung"]


@lru_cache(maxsize=1)
def content() -> dict[str, Any]:
    return yaml.safe_load(QUESTIONS_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def questions() -> tuple[Question, ...]:
    return tuple(
        Question(number=i, key=q["key"], section=q["section"], title=q["title"], ask=dict(q["ask"]),
                 buttons=tuple(q.get("buttons") or ()), answers_are_questions=bool(q.get("answers_are_questions")),
                 organisations=bool(q.get("organisations")), goal_tip=bool(q.get("goal_tip")))
        for i, q in enumerate(content()["questions"], start=1)
    )


def question(key: str) -> Question | None:
    return next((q for q in questions() if q.key == key), None)


def roles() -> list[dict[str, str]]:
    return content()["roles"]


def answered_by(role: str | None) -> str:
    return next((r["answered_by"] for r in roles() if r["id"] == role), "ung")


def _fold(text: str) -> str:
    """Lowercase without å/ä/ö, as young people often type."""
    return str(text or "").lower().translate(str.maketrans("åäöé", "aaoe")).strip()


_ROLE_WORDS = (
    # Order matters: together with the child first, then a guardian's words, then the young person's.
    ("med_barnet", ("med barnet", "med mitt barn", "med min son", "med min dotter", "tillsammans", "vi fyller",
                    "vi svarar")),
    ("for_barnet", ("for barnet", "for mitt barn", "at barnet", "at mitt barn", "i stallet for", "foralder",
                    "mamma", "pappa", "vardnadshavare")),
    ("ung", ("den unga", "jag ar ung", "mig sjalv", "jag sjalv", "det ar jag", "ung", "jag", "sjalv", "elev")),
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
_SKIP = {"hoppa over", "vet inte", "vet ej", "skippa", "pass", "-", "nasta", "vill inte", "vill inte saga", "nej"}


@dataclass(frozen=True)
class AgeAnswer:
    age: int | None
    valid: bool  # False: neither an age nor a skip, ask again


def parse_age(text: str) -> AgeAnswer:
    folded = _fold(text).strip(".!")
    if not folded or folded in _SKIP:
        return AgeAnswer(None, True)
    match = _NUMBER.search(folded)
    number = int(match.group(1)) if match else next(
        (n for word, n in _AGE_WORDS.items() if re.search(rf"\b{word}\b", folded)), None)
    if number is None or not 0 < number <= MAX_AGE:
        return AgeAnswer(None, False)
    return AgeAnswer(number, True)


@dataclass(frozen=True)
class ReviewCommand:
    action: str  # "edit", "confirm" or "unknown"
    key: str | None = None


_EDIT = re.compile(r"\b(?:andra|redigera|byt|fixa|rätta|ratta)\w*\b\D*?(\d{1,2})\b|^\s*(?:fraga\s*)?(\d{1,2})\s*$")
_CONFIRM = {"klart", "klar", "det stammer", "stammer", "ja", "japp", "jag ar klar", "spara", "ok", "okej",
            "bekrafta", "ja det stammer", "ja, det stammer", "allt stammer", "ja klart", "det ar klart"}


def parse_review(text: str) -> ReviewCommand:
    folded = _fold(text).strip(".!")
    match = _EDIT.search(folded)
    if match:
        number = int(match.group(1) or match.group(2))
        if 1 <= number <= len(questions()):
            return ReviewCommand("edit", questions()[number - 1].key)
        return ReviewCommand("unknown")
    if folded in _CONFIRM:
        return ReviewCommand("confirm")
    return ReviewCommand("unknown")


def resume_step(stored: dict[str, str | None]) -> str:
    """Where a (re)started preparation goes on: the first question not answered yet, else the summary."""
    for q in questions():
        if not stored.get(q.key):
            return q.key
    return REVIEW


def next_step(current: str, stored: dict[str, str | None]) -> str:
    """After answering `current` in the first pass: the next question never reached, else the summary.

    Skipped questions (stored as None) are not asked again in the same pass; the summary shows them.
    """
    keys = [q.key for q in questions()]
    later = keys[keys.index(current) + 1:] if current in keys else keys
    return next((k for k in later if k not in stored), REVIEW)


def summary_lines(stored: dict[str, str | None]) -> str:
    skipped = content()["skipped"]
    return "\n".join(f"{q.number}. {q.title}: {stored.get(q.key) or skipped}" for q in questions())


def document_sections(stored: dict[str, str | None]) -> list[tuple[str, list[tuple[Question, str | None]]]]:
    """The answers in the SIP form's structure: [(section title, [(question, answer)])]."""
    return [
        (s["title"], [(q, stored.get(q.key)) for q in questions() if q.section == s["id"]])
        for s in content()["sections"]
    ]


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
