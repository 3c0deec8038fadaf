"""People's rights over their case: see everything stored about it, and delete it.

Each feature registers what it stores about a case, so the export is complete and the
deletion does what the feature needs (e.g. mark a delivered SIP request as withdrawn and
tell the organisation) without changing this module:

    from actions.casestore.rights import EXPORT_SECTIONS, BEFORE_DELETE_HOOKS, ExportSection
    EXPORT_SECTIONS.append(ExportSection("consents", lambda session, case: [("Samtycke", "...")]))
    BEFORE_DELETE_HOOKS.append(lambda session, case: "Din SIP-förfrågan är markerad som återkallad.")

An export section returns (label, value) rows, already decrypted; its heading comes from
actions/casestore/rights.sv.yml (`sections`), by its key. A before-delete hook runs in the
deleting transaction and may return a Swedish notice for the person. The case row is then
deleted; ON DELETE CASCADE on cases.id removes the child rows of every feature.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.casestore.models import Case, PreparationAnswer
from actions.casestore.store import CaseStore, CodeCheck
from actions.local_time import format_moment

TEXTS: dict = yaml.safe_load(Path(__file__).with_name("rights.sv.yml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class ExportSection:
    key: str
    rows: Callable[[Session, Case], list[tuple[str, str]]]


@dataclass(frozen=True)
class Section:
    title: str
    rows: list[tuple[str, str]]


@dataclass(frozen=True)
class Outcome:
    check: str  # a CodeCheck value
    sections: list[Section] | None = None
    notices: list[str] | None = None


def _case_rows(session: Session, case: Case) -> list[tuple[str, str]]:
    labels = TEXTS["case_fields"]
    return [(labels["reference"], case.reference), (labels["created_at"], format_moment(case.created_at))]


# Preparation question keys → the titles people saw; filled by actions.casestore.preparation_rights.
QUESTION_LABELS: dict[str, str] = {}


def question_label(key: str) -> str:
    return QUESTION_LABELS.get(key, key)


def question_order(key: str) -> int:
    """Where the question comes in the preparation (QUESTION_LABELS is filled in that order): the page
    listed the answers by their keys' letters, 5, 3, 1, 6… (persona round, session 28)."""
    order = list(QUESTION_LABELS)
    return order.index(key) if key in order else len(order)


def _preparation_rows(session: Session, case: Case) -> list[tuple[str, str]]:
    rows = session.execute(select(PreparationAnswer.question_key, PreparationAnswer.answer)
                           .where(PreparationAnswer.case_id == case.id)).all()
    return [(question_label(key), answer if answer is not None else TEXTS["no_answer"])
            for key, answer in sorted(rows, key=lambda row: question_order(row[0]))]


EXPORT_SECTIONS: list[ExportSection] = [
    ExportSection("case", _case_rows),
    ExportSection("preparation_answers", _preparation_rows),
]
BEFORE_DELETE_HOOKS: list[Callable[[Session, Case], str | None]] = []


def export_case(store: CaseStore, reference: str, code: str) -> Outcome:
    """Everything stored about the case, by section; only with the right code (lockout applies)."""
    check = store.check_code(reference, code)
    if check != CodeCheck.OK:
        return Outcome(check)
    with store.session() as session:
        case = session.scalar(select(Case).where(Case.reference == reference))
        sections = [Section(TEXTS["sections"].get(s.key, s.key), s.rows(session, case)) for s in EXPORT_SECTIONS]
    return Outcome(check, sections=sections)


# What a case holds, said in the chat once the person has opened it: not its history or status.
OVERVIEW_SECTIONS = ("preparation_answers", "consents", "sip_requests")


def saved_section_keys(store: CaseStore, reference: str, keys: tuple[str, ...] = OVERVIEW_SECTIONS) -> list[str]:
    """Those of `keys` whose sections hold something, in the page's order, for a case the person has
    already opened with its code (the chat's case access); nothing when the case does not exist."""
    with store.session() as session:
        case = session.scalar(select(Case).where(Case.reference == reference))
        if case is None:
            return []
        return [s.key for s in EXPORT_SECTIONS if s.key in keys and s.rows(session, case)]


def overview_buttons(keys: list[str]) -> list[dict[str, str]]:
    """The chat overview's buttons for a case holding `keys`: what can be done with each part."""
    buttons = TEXTS["overview_buttons"]
    return [buttons[key] for key in (keys or ["nothing"])] + [buttons["always"]]


def delete_case(store: CaseStore, reference: str, code: str) -> Outcome:
    """Delete the case and everything under it; only with the right code (lockout applies)."""
    check = store.check_code(reference, code)
    if check != CodeCheck.OK:
        return Outcome(check)
    return Outcome(check, notices=delete_opened_case(store, reference) or [])


def delete_opened_case(store: CaseStore, reference: str) -> list[str] | None:
    """Delete a case whose code was already checked (the chat's case access: the code is never kept),
    as delete_case does, hooks and all; None when there is no such case. The chat deletes with it when
    the person says yes there (persona round, session 33: a child could not use /mina-uppgifter)."""
    notices: list[str] = []
    with store.session() as session:
        case = session.scalar(select(Case).where(Case.reference == reference))
        if case is None:
            return None
        for hook in BEFORE_DELETE_HOOKS:
            notice = hook(session, case)
            if notice:
                notices.append(notice)
        session.delete(case)
    return notices
