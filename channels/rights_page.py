"""The web page /mina-uppgifter: with reference and code a person sees everything stored about
their case and can delete it (actions.casestore.rights). Plain HTML forms, no script.

Every value is HTML-escaped. There is no session or cookie: each POST carries the reference
and code, so a forged cross-site request cannot act without the code (no CSRF token needed).
"""
from __future__ import annotations

import asyncio
import html
from functools import partial
from pathlib import Path

from aiohttp import web

from actions.casestore import rights
from actions.casestore.retention import load_feature_modules
from actions.casestore.references import normalise_code, normalise_reference
from actions.casestore.store import CaseStore, CodeCheck

STORE = web.AppKey("case_store", dict)
T = rights.TEXTS["page"]


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _page(body: str, status: int = 200) -> web.Response:
    document = (f'<!doctype html><html lang="sv"><head><meta charset="utf-8">'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">'
                f'<title>{_e(T["title"])}</title><link rel="stylesheet" href="/static/widget.css"></head>'
                f'<body><main class="sip-page"><h1>{_e(T["heading"])}</h1>{body}'
                f'<p><a href="/">{_e(T["back"])}</a></p></main></body></html>')
    return web.Response(text=document, status=status, content_type="text/html", charset="utf-8",
                        headers={"Cache-Control": "no-store"})


def _login_form(message: str = "") -> str:
    alert = f'<p role="alert">{_e(message)}</p>' if message else ""
    return (f'<p>{_e(T["intro"])}</p>{alert}<form method="post" action="/mina-uppgifter">'
            f'<input type="hidden" name="action" value="show">'
            f'<p><label for="reference">{_e(T["reference"])}</label><br>'
            f'<input id="reference" name="reference" autocomplete="off" required></p>'
            f'<p><label for="code">{_e(T["code"])}</label><br>'
            f'<input id="code" name="code" type="password" autocomplete="off" required></p>'
            f'<p><button type="submit">{_e(T["show"])}</button></p></form>')


def _export(reference: str, code: str, sections: list[rights.Section], message: str = "") -> str:
    parts = [f'<h2>{_e(T["stored"])}</h2>']
    for section in sections:
        parts.append(f"<h3>{_e(section.title)}</h3>")
        if not section.rows:
            parts.append(f'<p>{_e(T["nothing"])}</p>')
            continue
        parts.append("<dl>" + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in section.rows) + "</dl>")
    alert = f'<p role="alert">{_e(message)}</p>' if message else ""
    parts.append(f'<h2>{_e(T["delete_heading"])}</h2><p>{_e(T["delete_explain"])}</p>{alert}'
                 f'<form method="post" action="/mina-uppgifter">'
                 f'<input type="hidden" name="action" value="delete">'
                 f'<input type="hidden" name="reference" value="{_e(reference)}">'
                 f'<input type="hidden" name="code" value="{_e(code)}">'
                 f'<p><input type="checkbox" id="confirm" name="confirm" value="yes" required> '
                 f'<label for="confirm">{_e(T["delete_confirm"])}</label></p>'
                 f'<p><button type="submit">{_e(T["delete"])}</button></p></form>')
    return "".join(parts)


async def show_form(_: web.Request) -> web.Response:
    return _page(_login_form())


async def submit(request: web.Request) -> web.Response:
    form = await request.post()
    reference = normalise_reference(str(form.get("reference", "")))
    code = normalise_code(str(form.get("code", "")))
    if reference is None or code is None:
        return _page(_login_form(T["invalid"]), status=403)
    store = _store(request.app)
    loop = asyncio.get_running_loop()
    if form.get("action") == "delete":
        if form.get("confirm") != "yes":
            outcome = await loop.run_in_executor(None, partial(rights.export_case, store, reference, code))
            if outcome.check == CodeCheck.OK:
                return _page(_export(reference, code, outcome.sections, T["must_confirm"]), status=400)
        else:
            outcome = await loop.run_in_executor(None, partial(rights.delete_case, store, reference, code))
            if outcome.check == CodeCheck.OK:
                notices = "".join(f"<p>{_e(n)}</p>" for n in outcome.notices)
                return _page(f'<p role="status">{_e(T["deleted"])}</p>{notices}')
    else:
        outcome = await loop.run_in_executor(None, partial(rights.export_case, store, reference, code))
        if outcome.check == CodeCheck.OK:
            return _page(_export(reference, code, outcome.sections))
    message = T["locked"] if outcome.check == CodeCheck.LOCKED else T["invalid"]
    return _page(_login_form(message), status=403)


def _store(app: web.Application) -> CaseStore:
    """Opened on first use, so the chat alone never touches the case store or its key."""
    holder = app[STORE]
    if "store" not in holder:
        load_feature_modules()  # every feature's export sections and delete hooks
        holder["store"] = CaseStore()
    return holder["store"]


async def _case_store(app: web.Application):
    app[STORE] = {}
    yield
    if "store" in app[STORE]:
        app[STORE]["store"].engine.dispose()


async def privacy_notice(_: web.Request) -> web.FileResponse:
    return web.FileResponse(Path(__file__).with_name("static") / "integritet.html")


def add_rights_routes(app: web.Application) -> None:
    app.cleanup_ctx.append(_case_store)
    app.router.add_get("/integritet", privacy_notice)
    app.router.add_get("/mina-uppgifter", show_form)
    app.router.add_post("/mina-uppgifter", submit)
