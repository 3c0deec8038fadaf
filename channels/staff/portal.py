"""The staff portal's pages and JSON API under /personal/, registered with `setup_portal(app)`.

Every page and API endpoint but the login page needs a session: pages answer 401 with the
login form, the API answers 401 JSON. Another organisation's (or an unknown) case gives 403.
Every POST carries the session's CSRF token.
"""
from __future__ import annotations

import asyncio
import secrets
from datetime import timedelta
from pathlib import Path

import jinja2
from aiohttp import web

from actions.casestore.store import CaseStore, CodeCheck
from actions.local_time import format_moment
from channels.staff import auth, cases, config, statistics

HERE = Path(__file__).parent
STORE = web.AppKey("staff_store", CaseStore)
CODEC = web.AppKey("staff_sessions", auth.SessionCodec)
THROTTLE = web.AppKey("staff_throttle", auth.LoginThrottle)
SETTINGS = web.AppKey("staff_settings", config.StaffSettings)
TEMPLATES = web.AppKey("staff_templates", jinja2.Environment)
# No script at all, styles only from the portal's stylesheet, forms only to the portal, never framed.
CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
       "base-uri 'none'")
LOGIN_COOKIE = "sip_staff_login"  # CSRF token for the login form, before there is a session

_env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                          autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
                          undefined=jinja2.StrictUndefined)
_env.filters["datum"] = lambda d: d.strftime("%Y-%m-%d") if d else ""
WHO = {"ung": "den unga", "barn": "barnet", "vardnadshavare": "vårdnadshavare", "foretradare": "företrädare",
       "vardnadshavare_med_barnet": "vårdnadshavare med barnet",
       "vardnadshavare_for_barnet": "vårdnadshavare för barnet",
       # The child's answers written down by a familjehem (as the preparation document says it).
       "familjehem_med_barnet": "den unga tillsammans med familjehemmet"}
_env.filters["vem"] = lambda role: WHO.get(role, role)
_env.filters["tid"] = lambda d: format_moment(d) if d else ""


def _html(request: web.Request, template: str, status: int = 200, **context) -> web.Response:
    body = request.app[TEMPLATES].get_template(template).render(**context)
    response = web.Response(text=body, status=status, content_type="text/html", charset="utf-8")
    response.headers["Cache-Control"] = "no-store"
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    return response


async def _run(fn, *args):
    return await asyncio.to_thread(fn, *args)


async def _identity(request: web.Request) -> tuple[auth.StaffIdentity, auth.StaffSession] | None:
    data = request.app[CODEC].read(request.cookies.get(auth.COOKIE))
    if data is None:
        return None
    identity = await _run(auth.current_identity, request.app[STORE], data.account_id, data.session_epoch)
    return (identity, data) if identity is not None else None


def _client(request: web.Request) -> str:
    return request.remote or "unknown"


def _login_page(request: web.Request, status: int, error: str | None = None, username: str = "",
                next_path: str | None = None) -> web.Response:
    """The login form; after login the browser returns to `next_path` (by default the page asked for)."""
    if next_path is None:
        next_path = request.path_qs if request.method == "GET" and request.path != "/personal/logga-in" else "/personal/"
    token = secrets.token_urlsafe(32)
    response = _html(request, "login.html", status=status, error=error, username=username, csrf=token,
                     next=_safe_next(next_path))
    response.set_cookie(LOGIN_COOKIE, token, path="/personal/", httponly=True, samesite="Strict",
                        secure=request.app[SETTINGS].cookie_secure, max_age=3600)
    return response


def page(handler):
    """A portal page: 401 with the login form without a valid session."""
    async def wrapped(request: web.Request) -> web.StreamResponse:
        found = await _identity(request)
        if found is None:
            return _login_page(request, 401)
        if request.method == "POST":
            form = await request.post()
            if not auth.csrf_ok(found[1].csrf, form.get("csrf")):
                return _html(request, "error.html", status=403, title="Åtgärden stoppades",
                             text="Sidan var för gammal eller kom inte från portalen. Ladda om sidan och försök igen.",
                             identity=found[0], csrf=found[1].csrf)
            request["form"] = form
        request["identity"], request["session"] = found
        return await handler(request)
    return wrapped


def api(handler):
    """A JSON endpoint: 401 JSON without a valid session."""
    async def wrapped(request: web.Request) -> web.StreamResponse:
        found = await _identity(request)
        if found is None:
            return web.json_response({"error": "Inloggning krävs."}, status=401)
        request["identity"], request["session"] = found
        return await handler(request)
    return wrapped


def _context(request: web.Request, **extra) -> dict:
    return {"identity": request["identity"], "csrf": request["session"].csrf, **extra}


# ------------------------------------------------------------------ login and logout

async def login_form(request: web.Request) -> web.Response:
    if await _identity(request) is not None:
        raise web.HTTPSeeOther("/personal/")
    return _login_page(request, 200)


def _safe_next(target: str | None) -> str:
    # Only a path inside the portal: never an open redirect to another site.
    if target and target.startswith("/personal/") and "//" not in target and "\\" not in target:
        return target
    return "/personal/"


async def login(request: web.Request) -> web.Response:
    form = await request.post()
    username, password = str(form.get("username", ""))[:64], str(form.get("password", ""))[:1024]
    back = _safe_next(str(form.get("next", "")))
    if not auth.csrf_ok(request.cookies.get(LOGIN_COOKIE), form.get("csrf")):
        return _login_page(request, 403, "Inloggningen stoppades. Ladda om sidan och försök igen.", username, back)
    throttle = request.app[THROTTLE]
    if throttle.blocked(username, _client(request)):
        return _login_page(request, 429, "För många misslyckade inloggningar. Vänta en stund och försök igen.",
                           username, back)
    identity = await _run(auth.PasswordLogin(request.app[STORE]).authenticate, username, password)
    if identity is None:
        throttle.failed(username, _client(request))
        return _login_page(request, 401, "Fel användarnamn eller lösenord.", username, back)
    throttle.succeeded(username)
    await _run(cases.audit, request.app[STORE], identity, "login", None)
    cookie, _ = request.app[CODEC].issue(identity)
    response = web.HTTPSeeOther(back)
    settings = request.app[SETTINGS]
    response.set_cookie(auth.COOKIE, cookie, path=auth.COOKIE_PATH, httponly=True, samesite="Strict",
                        secure=settings.cookie_secure, max_age=settings.session_hours * 3600)
    response.del_cookie(LOGIN_COOKIE, path="/personal/")
    return response


@page
async def logout(request: web.Request) -> web.Response:
    await _run(auth.end_sessions, request.app[STORE], request["identity"].account_id)
    response = web.HTTPSeeOther("/personal/logga-in")
    response.del_cookie(auth.COOKIE, path=auth.COOKIE_PATH)
    return response


# ------------------------------------------------------------------ pages

@page
async def case_list(request: web.Request) -> web.Response:
    items = await _run(cases.list_cases, request.app[STORE], request["identity"])
    return _html(request, "list.html", **_context(request, cases=items, message=request.query.get("meddelande")))


def _forbidden(request: web.Request) -> web.Response:
    return _html(request, "error.html", status=403, title="Du har inte behörighet till ärendet",
                 text="Ärendet finns inte, eller hör inte till din organisation.", **_context(request))


async def _case_page(request: web.Request, template: str, action: str) -> web.Response:
    reference = request.match_info["reference"]
    found = await _run(cases.read_case, request.app[STORE], request["identity"], reference, action)
    if found is None:
        return _forbidden(request)
    return _html(request, template, **_context(request, case=found))


@page
async def case_page(request: web.Request) -> web.Response:
    return await _case_page(request, "case.html", "read_case")


@page
async def print_page(request: web.Request) -> web.Response:
    return await _case_page(request, "print.html", "print_case")


@page
async def open_case(request: web.Request) -> web.Response:
    form = request["form"]
    reference = str(form.get("reference", ""))[:16].strip().upper()
    result = await _run(cases.link_case_with_code, request.app[STORE], request["identity"], reference,
                        str(form.get("code", ""))[:64])
    if result == CodeCheck.OK:
        raise web.HTTPSeeOther(f"/personal/arende/{reference}")
    text = ("Ärendet är spärrat en stund efter för många fel koder. Försök igen senare."
            if result == CodeCheck.LOCKED else "Referensen eller koden stämmer inte.")
    items = await _run(cases.list_cases, request.app[STORE], request["identity"])
    return _html(request, "list.html", status=400 if result != CodeCheck.LOCKED else 429,
                 **_context(request, cases=items, message=None, open_error=text))


async def _act_on_case(request: web.Request, key: str, action, anchor: str) -> web.Response:
    """A POST that changes one numbered item of a case the account may see, then back to the case."""
    reference = request.match_info["reference"]
    try:
        number = int(request.match_info[key])
    except ValueError:
        return _forbidden(request)
    if not await _run(action, request.app[STORE], request["identity"], reference, number):
        return _forbidden(request)
    raise web.HTTPSeeOther(f"/personal/arende/{reference}#{anchor}")


@page
async def confirm_consent(request: web.Request) -> web.Response:
    return await _act_on_case(request, "number", cases.confirm_consent, "samtycken")


@page
async def mark_request_handled(request: web.Request) -> web.Response:
    return await _act_on_case(request, "request_id", cases.mark_request_handled, "begaran")


@page
async def statistics_page(request: web.Request) -> web.Response:
    figures = await _run(statistics.figures, request.app[STORE], request["identity"])
    return _html(request, "statistics.html", **_context(request, figures=figures,
                                                         chart=statistics.svg_chart(figures)))


# ------------------------------------------------------------------ JSON API

@api
async def api_cases(request: web.Request) -> web.Response:
    items = await _run(cases.list_cases, request.app[STORE], request["identity"])
    return web.json_response({"cases": [{"reference": c.reference, "created_at": c.created_at.isoformat(),
                                         "latest_at": c.latest_at.isoformat(), "status": c.status}
                                        for c in items]})


@api
async def api_case(request: web.Request) -> web.Response:
    found = await _run(cases.read_case, request.app[STORE], request["identity"], request.match_info["reference"])
    if found is None:
        return web.json_response({"error": "Ingen behörighet till ärendet."}, status=403)
    return web.json_response({"reference": found.reference, "created_at": found.created_at.isoformat(),
                              "sections": [{"key": s.key, "title": s.title} for s in found.sections]})


# ------------------------------------------------------------------ registration

STAFF_ROUTES = [  # (method, path): every staff endpoint, so tests can walk them all
    ("GET", "/personal/"),
    ("POST", "/personal/logga-ut"),
    ("POST", "/personal/oppna"),
    ("GET", "/personal/arende/{reference}"),
    ("GET", "/personal/arende/{reference}/utskrift"),
    ("POST", "/personal/arende/{reference}/samtycke/{number}/bekrafta"),
    ("POST", "/personal/arende/{reference}/begaran/{request_id}/hanterad"),
    ("GET", "/personal/statistik"),
    ("GET", "/personal/api/arenden"),
    ("GET", "/personal/api/arenden/{reference}"),
]


def setup_portal(app: web.Application, store: CaseStore | None = None,
                 settings: config.StaffSettings | None = None) -> None:
    """Add the portal to the web app; the case store opens at start-up unless one is given."""
    settings = settings or config.load()
    app[SETTINGS] = settings
    app[CODEC] = auth.SessionCodec(settings)
    app[THROTTLE] = auth.LoginThrottle(settings.login_attempts, timedelta(minutes=settings.login_lockout_minutes))
    app[TEMPLATES] = _env

    async def open_store(app: web.Application):
        app[STORE] = store or CaseStore()
        yield
        if store is None:
            app[STORE].engine.dispose()

    app.cleanup_ctx.append(open_store)
    handlers = {"/personal/": case_list, "/personal/logga-ut": logout, "/personal/oppna": open_case,
                "/personal/arende/{reference}": case_page, "/personal/arende/{reference}/utskrift": print_page,
                "/personal/arende/{reference}/samtycke/{number}/bekrafta": confirm_consent,
                "/personal/arende/{reference}/begaran/{request_id}/hanterad": mark_request_handled,
                "/personal/statistik": statistics_page, "/personal/api/arenden": api_cases,
                "/personal/api/arenden/{reference}": api_case}
    app.router.add_get("/personal/logga-in", login_form)
    app.router.add_post("/personal/logga-in", login)
    for method, path in STAFF_ROUTES:
        app.router.add_route(method, path, handlers[path])
    app.router.add_static("/personal/static/", HERE / "static")
