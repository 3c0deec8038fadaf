"""Follow-up figures (regional agreement): per organisation and month, the number of SIP requests,
preparations and withdrawn consents; drawn as an inline SVG bar chart on the server.

Counts only, never a case: a case worker sees their own organisation, a follow-up account
(role "uppfoljning") every organisation. A case counts for an organisation when it is linked
to it (see channels.staff.cases).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from typing import Callable
from xml.sax.saxutils import escape

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.casestore.models import PreparationStatus
from actions.casestore.models_consent import Consent
from actions.casestore.models_request import SipRequest
from actions.casestore.store import CaseStore
from actions.settings import ROOT
from channels.staff import cases
from channels.staff.auth import StaffIdentity

ORGANISATIONS_FILE = ROOT / "knowledge" / "organisations.yml"


@lru_cache(maxsize=1)
def organisation_names() -> dict[str, str]:
    entries = yaml.safe_load(ORGANISATIONS_FILE.read_text(encoding="utf-8")) or []
    return {e["id"]: e.get("name", e["id"]) for e in entries if isinstance(e, dict) and "id" in e}


def _month(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m")


def _per_linked_organisation(rows):
    """Rows of (case id, when) -> (organisation id, when) for every organisation the case is open to."""
    def counted(session: Session) -> list[tuple[str, datetime]]:
        pairs = cases.case_organisations()
        links: dict[int, set[str]] = {}
        for case_id, organisation_id in session.execute(select(pairs.c.case_id, pairs.c.organisation_id)).all():
            links.setdefault(case_id, set()).add(organisation_id)
        return [(org, when) for case_id, when in rows(session) for org in links.get(case_id, ())]
    return counted


def _preparations(session: Session) -> list[tuple[int, datetime]]:
    """(case id, when) of completed preparations: the month the person marked it done."""
    return session.execute(select(PreparationStatus.case_id, PreparationStatus.completed_at)
                           .where(PreparationStatus.completed_at.is_not(None))).all()


def _withdrawn_consents(session: Session) -> list[tuple[int, datetime]]:
    return session.execute(select(Consent.case_id, Consent.withdrawn_at)
                           .where(Consent.withdrawn_at.is_not(None))).all()


def _requests(session: Session) -> list[tuple[str, datetime]]:
    return session.execute(select(SipRequest.organisation_id, SipRequest.created_at)).all()


# Series in the order shown: (label, rows of (organisation id, when)).
SERIES: list[tuple[str, Callable[[Session], list[tuple[str, datetime]]]]] = [
    ("SIP-begäranden", _requests),
    ("Förberedelser", _per_linked_organisation(_preparations)),
    ("Återkallade samtycken", _per_linked_organisation(_withdrawn_consents)),
]


@dataclass
class Figures:
    series: list[str]
    months: list[str]
    organisations: list[tuple[str, str]]  # (id, name)
    counts: dict[tuple[str, str, str], int]  # (organisation id, month, series) -> count

    def total(self, month: str, series: str) -> int:
        return sum(self.counts.get((org, month, series), 0) for org, _ in self.organisations)


def figures(store: CaseStore, identity: StaffIdentity) -> Figures:
    every = identity.role == "uppfoljning"
    counts: Counter = Counter()
    with store.session() as session:
        for label, rows in SERIES:
            for organisation_id, when in rows(session):
                month = _month(when)
                if month and (every or organisation_id == identity.organisation_id):
                    counts[(organisation_id, month, label)] += 1
    names = organisation_names()
    organisations = sorted({org for org, _, _ in counts} | ({identity.organisation_id} if not every else set()))
    return Figures([label for label, _ in SERIES], sorted({m for _, m, _ in counts}),
                   [(org, names.get(org, org)) for org in organisations], dict(counts))


COLOURS = ("#1b5e8a", "#8a3b12", "#2e6b30")  # each at least 4.5:1 against white


def svg_chart(data: Figures, width: int = 640, height: int = 260) -> str:
    """Grouped bars per month (all shown organisations together); the table on the page is the text version."""
    months = data.months[-12:]
    title = "Antal per månad"
    if not months:
        return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title" '
                f'width="{width}" height="40" viewBox="0 0 {width} 40"><title id="chart-title">{title}: '
                f'inga uppgifter än</title><text x="0" y="25" font-size="14" fill="#222">Inga uppgifter än.</text></svg>')
    top = max(1, max(data.total(m, s) for m in months for s in data.series))
    left, bottom, legend = 40, 30, 24
    plot_h = height - bottom - legend
    group = min(120.0, (width - left) / len(months))
    bar = min(36.0, max(4.0, (group - 8) / len(data.series)))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title chart-desc" '
             f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" class="chart">',
             f'<title id="chart-title">{title}</title>',
             '<desc id="chart-desc">' + escape("; ".join(
                 f"{m}: " + ", ".join(f"{s} {data.total(m, s)}" for s in data.series) for m in months)) + "</desc>",
             f'<line x1="{left}" y1="{legend + plot_h}" x2="{width}" y2="{legend + plot_h}" stroke="#222"/>',
             f'<text x="{left - 6}" y="{legend + 10}" font-size="12" text-anchor="end" fill="#222">{top}</text>',
             f'<text x="{left - 6}" y="{legend + plot_h}" font-size="12" text-anchor="end" fill="#222">0</text>']
    for i, label in enumerate(data.series):
        x = left + i * 200
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{COLOURS[i % len(COLOURS)]}"/>'
                     f'<text x="{x + 16}" y="15" font-size="12" fill="#222">{escape(label)}</text>')
    for j, month in enumerate(months):
        gx = left + j * group + 4
        for i, label in enumerate(data.series):
            value = data.total(month, label)
            h = plot_h * value / top
            parts.append(f'<rect x="{gx + i * bar:.1f}" y="{legend + plot_h - h:.1f}" width="{bar - 1:.1f}" '
                         f'height="{h:.1f}" fill="{COLOURS[i % len(COLOURS)]}"><title>{escape(label)} {month}: '
                         f'{value}</title></rect>')
        parts.append(f'<text x="{gx + bar * len(data.series) / 2:.1f}" y="{height - 10}" font-size="12" text-anchor="middle" '
                     f'fill="#222">{month}</text>')
    parts.append("</svg>")
    return "".join(parts)
