"""The printable preparation document, in the SIP form's structure, behind reference and code.

POST only, so reference and code never end up in URLs, logs or the browser history.
A wrong code counts toward the case's lockout (CaseStore.check_code).
"""
from __future__ import annotations

import asyncio
from datetime import date
from html import escape
from pathlib import Path
from urllib.parse import parse_qs

import yaml
from aiohttp import web

from actions import consent_rules
from actions import preparation_flow as flow
from actions import request_rules
from actions.casestore import consents as consent_store
from actions.casestore import preparation_rights  # noqa: F401 - registers the export sections
from actions.casestore import request_store
from actions.casestore.references import normalise_code, normalise_reference
from actions.casestore.store import CaseStore, CodeCheck
from actions.local_time import local

TEXTS: dict = yaml.safe_load(Path(__file__).with_name("preparation_document.sv.yml").read_text(encoding="utf-8"))
PATH = "/forberedelse"
MAX_FORM_BYTES = 4096
STORE = web.AppKey("preparation_store", CaseStore)
HEADERS = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex", "Referrer-Policy": "no-referrer",
           "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; form-action 'self'"}

CSS = """
body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#111}
h1{font-size:1.6rem}h2{font-size:1.2rem;border-bottom:2px solid #2a5d84;margin-top:1.6rem}
h3{font-size:1rem;margin:.8rem 0 .2rem}p.answer{white-space:pre-wrap;margin:0 0 .6rem}
.empty{color:#555;font-style:italic}.error{color:#a00;font-weight:bold}
label{display:block;margin-top:.8rem}input{font-size:1rem;padding:.4rem}button{font-size:1rem;margin-top:1rem;padding:.5rem 1rem}
@media print{button,form,.noprint{display:none}body{margin:0;max-width:none}h2{break-after:avoid}}
"""


def _page(body: str, status: int = 200) -> web.Response:
    html = (f'<!doctype html><html lang="sv"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(TEXTS['title'])}</title><style>{CSS}</style></head><body>{body}</body></html>")
    return web.Response(text=html, status=status, content_type="text/html", headers=HEADERS)


def _form(message: str | None = None) -> str:
    error = f'<p class="error" role="alert">{escape(message)}</p>' if message else ""
    return (f"<h1>{escape(TEXTS['title'])}</h1><p>{escape(TEXTS['intro'])}</p>{error}"
            f'<form method="post" action="{PATH}">'
            f'<label for="reference">{escape(TEXTS["reference_label"])}</label>'
            f'<input id="reference" name="reference" autocomplete="off" maxlength="20" required>'
            f'<label for="code">{escape(TEXTS["code_label"])}</label>'
            f'<input id="code" name="code" type="password" autocomplete="off" maxlength="20" required>'
            f'<br><button type="submit">{escape(TEXTS["submit"])}</button></form>')


def render_document(reference: str, stored: dict, completed_at, more: str = "") -> str:
    """The document body; every stored text is HTML-escaped. `more`: rendered sections for the end."""
    stored = flow.with_current_keys(stored)
    answers = {key: item.answer for key, item in stored.items()}
    status = (TEXTS["status_done"].format(date=local(completed_at).strftime("%Y-%m-%d")) if completed_at
              else TEXTS["status_draft"])
    who = sorted({TEXTS["who"].get(item.answered_by, item.answered_by) for item in stored.values()})
    parts = [f"<h1>{escape(TEXTS['title'])}</h1>",
             f"<p>{escape(TEXTS['reference_label'])}: <strong>{escape(reference)}</strong><br>{escape(status)}"]
    if who:
        parts.append(f"<br>{escape(TEXTS['answered_by'].format(who=', '.join(who)))}")
    # No inline script (the CSP forbids it): static/print.js makes the button print.
    parts.append(f'</p><button class="noprint" id="print" type="button">{escape(TEXTS["print"])}</button>'
                 '<script src="/static/print.js" defer></script>')
    guardian = flow.by_guardians_only([item.answered_by for item in stored.values()])
    for section, items in flow.document_sections(answers, guardian):
        parts.append(f"<section><h2>{escape(section)}</h2>")
        for question, answer in items:
            if answer:
                shown = f'<p class="answer">{escape(answer)}</p>'
            else:
                empty = TEXTS["skipped"] if question.key in stored else TEXTS["not_answered"]
                shown = f'<p class="answer empty">{escape(empty)}</p>'
            item = stored.get(question.key)
            names = flow.organisation_names(item.organisations) if item is not None else []
            if names:
                shown += f'<p class="orgs">{escape(TEXTS["organisations"].format(names=", ".join(names)))}</p>'
            parts.append(f"<h3>{escape(question.title_for(guardian))}</h3>{shown}")
        parts.append("</section>")
    parts.append(more)
    parts.append(f"<footer><p><small>{escape(TEXTS['footer'])}</small></p></footer>")
    return "".join(parts)


def render_requests(requests: list[dict]) -> str:
    """The case's SIP requests: to whom, when, their status and what was written (escaped)."""
    if not requests:
        return ""
    parts = [f"<section><h2>{escape(TEXTS['requests'])}</h2>"]
    for item in requests:
        line = TEXTS["request_line"].format(organisation=request_rules.organisation_name(item["organisation_id"],
                                                                                         item["organisation_id"]),
                                            date=(item["created_at"] or "")[:10])
        parts.append(f"<h3>{escape(line)}</h3>"
                     f"<p>{escape(TEXTS['request_status'].get(item['status'], item['status']))}</p>")
        parts += [f"<p>{escape(line)}</p>" for line in _request_details(item)]
        if item["needs"]:
            parts.append(f'<p class="answer">{escape(item["needs"])}</p>')
    parts.append("</section>")
    return "".join(parts)


def _request_details(item: dict) -> list[str]:
    """Kind, who noticed the need, the child's name, and the personnummer masked: a printout
    lies around, so it shows the date of birth only."""
    details = [(TEXTS["request_kind"], "kind", request_rules.label_text(item.get("kind"))),
               (TEXTS["request_noticed_by"], "noticed_by", request_rules.label_text(item.get("noticed_by"))),
               (TEXTS["request_child"], "name", item.get("child_name")),
               (TEXTS["request_personnummer"], "personnummer",
                request_rules.mask_personnummer(item.get("child_personnummer")))]
    return [template.format(**{key: value}) for template, key, value in details if value]


def render_consents(consents: list[consent_store.StoredConsent], on) -> str:
    if not consents:
        return ""
    lines = [consent_rules.describe_consent(c.number, [p.name for p in c.parties], c.valid_from, c.valid_to,
                                            c.withdrawn_at, on).lstrip("• ") for c in consents]
    return (f"<section><h2>{escape(TEXTS['consents'])}</h2>"
            + "".join(f"<p>{escape(line)}</p>" for line in lines) + "</section>")


async def show_form(_: web.Request) -> web.Response:
    return _page(_form())


async def show_document(request: web.Request) -> web.Response:
    body = await request.content.read(MAX_FORM_BYTES + 1)
    try:
        if len(body) > MAX_FORM_BYTES:
            raise ValueError("too large")
        fields = parse_qs(body.decode("utf-8"), max_num_fields=10)
    except ValueError:  # also UnicodeDecodeError
        return _page(_form(TEXTS["bad_request"]), status=400)
    reference = normalise_reference((fields.get("reference") or [""])[0])
    code = normalise_code((fields.get("code") or [""])[0])
    if reference is None or code is None:
        return _page(_form(TEXTS["wrong"]), status=403)
    store = request.app[STORE]
    result = await asyncio.to_thread(store.check_code, reference, code)
    if result == CodeCheck.LOCKED:
        return _page(_form(TEXTS["locked"].format(minutes=store.settings.code_lockout_minutes)), status=429)
    if result != CodeCheck.OK:  # unknown reference and wrong code look the same
        return _page(_form(TEXTS["wrong"]), status=403)
    stored = await asyncio.to_thread(store.preparation_answers, reference)
    completed_at = await asyncio.to_thread(store.preparation_completed_at, reference)
    requests = await asyncio.to_thread(request_store.requests_for, store, reference)
    consents = await asyncio.to_thread(consent_store.consents, store, reference)
    more = render_requests(requests) + render_consents(consents, date.today())
    return _page(render_document(reference, stored, completed_at, more))


def setup(app: web.Application) -> None:
    """Register the document routes; the case store opens on start (a test may set app[STORE] first)."""
    async def _open_store(app: web.Application):
        opened = STORE not in app
        if opened:
            app[STORE] = CaseStore()
        yield
        if opened:
            app[STORE].engine.dispose()

    app.cleanup_ctx.append(_open_store)
    app.router.add_get(PATH, show_form)
    app.router.add_post(PATH, show_document)
