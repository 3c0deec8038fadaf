"""What the preparation stores beyond the current answers, in the person's export (actions/casestore/rights.py).

Imported for its registration by the preparation's action code and its document page.
Deletion needs no hook: preparation_status and preparation_answer_history go with the case (ON DELETE CASCADE).
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from actions import preparation_flow
from actions.casestore import rights
from actions.casestore.models import Case, PreparationAnswer, PreparationAnswerHistory, PreparationStatus
from actions.local_time import format_moment


def _status_rows(session: Session, case: Case) -> list[tuple[str, str]]:
    labels = rights.TEXTS["preparation_status_fields"]
    status = session.get(PreparationStatus, case.id)
    if status is not None and status.completed_at:
        return [(labels["completed_at"], format_moment(status.completed_at))]
    # A case with only a request or a samtycke showed "Bekräftad -" (persona round, session 29).
    answered = session.scalar(select(PreparationAnswer.id).where(PreparationAnswer.case_id == case.id).limit(1))
    return [(labels["completed_at"], labels["not_confirmed"])] if answered is not None else []


def _history_rows(session: Session, case: Case) -> list[tuple[str, str]]:
    rows = session.execute(
        select(PreparationAnswer.question_key, PreparationAnswerHistory.version, PreparationAnswerHistory.answer)
        .join(PreparationAnswer, PreparationAnswer.id == PreparationAnswerHistory.answer_id)
        .where(PreparationAnswer.case_id == case.id)
    ).all()
    rows = sorted(rows, key=lambda row: (rights.question_order(row[0]), row[1]))
    version_label = rights.TEXTS["labels"]["version"]
    return [(f"{rights.question_label(key)} ({version_label} {version})",
             answer if answer is not None else rights.TEXTS["no_answer"])
            for key, version, answer in rows]


def register() -> None:
    rights.QUESTION_LABELS.update({q.key: f"{q.number}. {q.title}" for q in preparation_flow.questions()})
    rights.QUESTION_LABELS[preparation_flow.SCHOOL_WISHES] = preparation_flow.school()["title"]
    keys = {s.key for s in rights.EXPORT_SECTIONS}
    for key, rows in (("preparation_status", _status_rows), ("preparation_history", _history_rows)):
        if key not in keys:
            rights.EXPORT_SECTIONS.append(rights.ExportSection(key, rows))


register()
